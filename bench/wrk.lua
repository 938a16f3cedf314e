-- wrk.lua — the requests of `make bench` (scripts/bench.sh), chosen by environment:
--   BENCH_MODE   fixed     the URL given to wrk, as is (GET)
--                get       GET /api/v1/persons/{id}, id uniform in BENCH_ROW_MIN..BENCH_ROWS
--                create    POST /api/v1/tickets: a new resident request in a village of BENCH_VILLAGES
--                workflow  a ticket created, then dispatched, accepted, resolved and rated;
--                          done() reports complete tickets per second
--                login     POST /api/v1/session with BENCH_USER / BENCH_PASSWORD
--   BENCH_TOKEN  API token sent as "Authorization: Bearer …" (none when empty)
--   BENCH_ROWS   N for get
--   BENCH_VILLAGES  file with one 12-digit village code a line (create, workflow)
--   BENCH_ORG    the organisation tickets are dispatched to (workflow)
-- done() prints one line for the script to read:
--   BENCH_RESULT <req/s> <p50 µs> <p99 µs> <requests> <non-2xx/3xx> <socket errors> <units/s>
-- where units are complete tickets for workflow and requests otherwise.

local mode = os.getenv("BENCH_MODE") or "fixed"
local token = os.getenv("BENCH_TOKEN") or ""
local rows = tonumber(os.getenv("BENCH_ROWS") or "1000")
local row_min = tonumber(os.getenv("BENCH_ROW_MIN") or "1")
local org = os.getenv("BENCH_ORG") or "1"

local threads = {}
local next_tid = 0
function setup(thread)
	thread:set("tid", next_tid)
	next_tid = next_tid + 1
	table.insert(threads, thread)
end

wrk.headers["Accept"] = "application/json"
if token ~= "" then
	wrk.headers["Authorization"] = "Bearer " .. token
end

local villages = { "522726111200" }
completed = 0      -- read by done() through thread:get
local ready = {}   -- tickets waiting for their next action: {id, version, stage}

local function pick(a)
	return a[math.random(#a)]
end

function init(args)
	math.randomseed(20240 + (tid or 0) * 7919)
	wrk.headers["Content-Type"] = "application/json"
	local f = io.open(os.getenv("BENCH_VILLAGES") or "", "r")
	if f then
		villages = {}
		for line in f:lines() do
			if #line == 12 then
				villages[#villages + 1] = line
			end
		end
		f:close()
	end
end

local titles = { "路灯不亮", "下水道堵塞", "楼道堆放杂物", "公共厕所需要维修", "路面破损" }

local function create_request()
	local body = string.format(
		'{"kind":"resident_request","category":"repair","title":"%s","division_code":"%s"}',
		pick(titles), pick(villages))
	return wrk.format("POST", "/api/v1/tickets", nil, body)
end

local stages = {
	{ "dispatch", '{"version":%d,"assignee_org_id":' .. org .. '}' },
	{ "accept", '{"version":%d}' },
	{ "resolve", '{"version":%d,"resolution":"已办结"}' },
	{ "rate", '{"version":%d,"rating":"satisfied"}' },
}

local function workflow_request()
	local t = table.remove(ready, 1)
	if not t then
		return create_request()
	end
	local s = stages[t.stage]
	return wrk.format("POST", "/api/v1/tickets/" .. t.id .. "/actions/" .. s[1], nil,
		string.format(s[2], t.version))
end

local function dynamic_request()
	if mode == "get" then
		return wrk.format("GET", "/api/v1/persons/" .. math.random(row_min, rows))
	elseif mode == "create" then
		return create_request()
	elseif mode == "workflow" then
		return workflow_request()
	elseif mode == "login" then
		return wrk.format("POST", "/api/v1/session", nil, string.format(
			'{"username":"%s","password":"%s"}', os.getenv("BENCH_USER"), os.getenv("BENCH_PASSWORD")))
	end
end

if mode ~= "fixed" then
	request = dynamic_request
end

-- the ticket's state in each answer says which action comes next
local next_stage = { submitted = 1, dispatched = 2, accepted = 3, resolved = 4 }

if mode == "workflow" then
	response = function(status, headers, body)
		if status >= 300 then
			return
		end
		local state = body:match('"status":%s*"(%a+)"')
		local id = tonumber(body:match('"id":%s*(%d+)'))
		local version = tonumber(body:match('"version":%s*(%d+)'))
		if state == "closed" then
			completed = completed + 1
		elseif state and next_stage[state] and id and version then
			table.insert(ready, { id = id, version = version, stage = next_stage[state] })
		end
	end
end

function done(summary, latency, requests)
	local e = summary.errors
	local seconds = summary.duration / 1e6
	local units = summary.requests / seconds
	if mode == "workflow" then
		local n = 0
		for _, t in ipairs(threads) do
			n = n + (t:get("completed") or 0)
		end
		units = n / seconds
	end
	io.write(string.format("BENCH_RESULT %.1f %d %d %d %d %d %.1f\n",
		summary.requests / seconds,
		latency:percentile(50), latency:percentile(99), summary.requests,
		e.status, e.connect + e.read + e.write + e.timeout, units))
end
