-- 0005 events: one log for every workflow — each transition (and the creation
-- of a workflow record) with its date, the action's fields, the comment, who
-- and when; written by the transition in the transaction of the change. It
-- replaces the talent pool's own talent_steps, whose rows move here.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,          -- the resource name as in the URL (talents, tickets)
  entity_id INTEGER NOT NULL,
  action TEXT NOT NULL,          -- the action's name (inspect, dispatch…)
  from_state TEXT,               -- NULL for a creation
  to_state TEXT,
  on_date TEXT NOT NULL,         -- the action's own date, YYYY-MM-DD
  fields TEXT,                   -- JSON object of the action's fields besides date and comment
  comment TEXT,                  -- the opinion or reason given
  user_id INTEGER,                  -- NULL for the command line
  username TEXT NOT NULL,
  at TEXT NOT NULL               -- when it was recorded, RFC 3339 UTC
);
CREATE INDEX events_entity ON events(entity, entity_id, id);

INSERT INTO events (entity, entity_id, action, from_state, to_state, on_date, fields, comment,
                    user_id, username, at)
  SELECT 'talents', talent_id, action, from_status, to_status, step_on, detail, opinion,
         user_id, COALESCE(username, 'cli'), created_at
  FROM talent_steps WHERE deleted_at IS NULL ORDER BY id;

DROP TABLE talent_steps;
