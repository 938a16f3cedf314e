/* resource: how a ledger is declared. Each resource is one static `struct
 * resource` (in the style of redis's command table): its fields, the ways a
 * row is visible, its workflow actions with their effects, and the few hooks
 * for rules that are really code. The generic machinery (api/, store/records.c)
 * serves every one of them; a module (src/modules/<name>/) declares its
 * resources, routes and statistics in one `struct module` (schema/module.h). */
#ifndef JICENG_SCHEMA_RESOURCE_H
#define JICENG_SCHEMA_RESOURCE_H

#include <jansson.h>

#include "core/arena.h"
#include "core/buf.h"
#include "domain/roles.h"
#include "schema/rollup.h"

enum field_type {
	FT_STRING,      /* one line, trimmed */
	FT_TEXT,        /* multi-line */
	FT_INT,
	FT_MONEY,       /* integer fen */
	FT_DATE,        /* YYYY-MM-DD */
	FT_DATETIME,    /* RFC 3339 UTC */
	FT_BOOL,        /* stored 0/1, travels as true/false */
	FT_ENUM,
	FT_REF,         /* id of a record of resource `ref` */
	FT_DIVISION,    /* 12-digit division code */
	FT_ID_NUMBER,   /* stored as <name>_enc, <name>_hash, <name>_mask (field_secret()) */
	FT_PHONE,       /* stored as the ID number is */
	FT_CREDIT_CODE,
	FT_JSON,        /* a JSON array/object kept as text (e.g. an action's department list) */
};

enum field_flags {
	F_REQUIRED = 1 << 0,  /* must be present on create (and stay non-empty) */
	F_READONLY = 1 << 1,  /* set by the server; ignored on input */
	F_LIST = 1 << 2,      /* shown in the console's table by default */
	F_FILTER = 1 << 3,    /* offered as a filter in the console */
	F_SORT = 1 << 4,      /* sortable */
	F_SEARCH = 1 << 5,    /* part of `q` text search */
	F_HIDDEN = 1 << 6,    /* never in answers or exports (secrets) */
	F_CREATE_ONLY = 1 << 7, /* accepted on create, refused on PATCH */
	F_VIRTUAL = 1 << 8,   /* not a column: `expr` computes it (joined display fields) */
	F_NO_IMPORT = 1 << 9, /* not part of templates and imports */
	F_ADMIN_WRITE = 1 << 10, /* only admins may set it */
	F_UNIQUE = 1 << 11,   /* no two live records share the value */
	F_INPUT_ONLY = 1 << 12, /* accepted and validated, handed to hooks, never stored as is (with F_VIRTUAL|F_HIDDEN) */
	F_REF_ANY = 1 << 13,  /* FT_REF: may name any live record, in the caller's scope or not
			       * (派单 to another level's department); without it a reference must
			       * be one the caller can see */
	F_COMPUTED = 1 << 14, /* with F_VIRTUAL (expr "NULL"): filled by the decorate hook from
			       * what the request asks (a pairing's cadence ?as_of=), not by SQL;
			       * only the filter hook filters it; never sorted or grouped by */
	F_CARD = 1 << 16,     /* one of the two or three key fields a phone's card shows beside
			       * the record's name and state (without any: the first list fields) */
	F_PERIOD = 1 << 15,   /* FT_STRING holding a review period (2026Q4, 2026): the console
			       * says it as people do (2026年第四季度, 2026年度) */
	F_NAME = 1 << 17,     /* a person's name: middle dots made one, spaces next to Chinese dropped (domain/cell.h) */
	F_MONTH = 1 << 18,    /* FT_DATE whose day may be unknown: "2024.06" is 2024-06-01
			       * (hooks are told: api/record.h RECORD_MONTH_SUFFIX) */
};

struct enum_value {
	const char *value;
	const char *label;
	/* other names people write for it, "|"-separated (the national standard's
	 * names, common short forms); may be left out */
	const char *aliases;
};

struct field {
	const char *name;
	const char *label;             /* Chinese label: form label, export header */
	enum field_type type;
	unsigned flags;                /* enum field_flags */
	const struct enum_value *enums; /* FT_ENUM: terminated by a NULL value */
	const char *ref;               /* FT_REF: the referenced resource's name */
	int maxlen;                    /* characters; 0 = the type's default */
	/* F_VIRTUAL: SQL over the row alias `t`. For a secret field (field_secret())
	 * the stored columns' stem followed by "%s", where _enc, _hash or _mask goes:
	 * "(SELECT p.phone%s FROM persons p WHERE p.id = t.person_id)" */
	const char *expr;
	/* other headers a spreadsheet may give the column, "|"-separated
	 * (出生年月 for 出生日期); may be left out */
	const char *aliases;
	/* A secret field: an FT_REF field (to orgs or enterprises) of the same resource
	 * whose users — of the organisation it names or one above it, as for an
	 * action's actor — read this field whole when they open one record (GET
	 * /{res}/{id}), each read audited as a reveal: the department handling a
	 * ticket calls its requester back. NULL: only callers with the PII permission. */
	const char *shown_to;
};

#define FIELD_END { .name = NULL }

/* Fields a record must name depending on the value of another of its fields
 * (a pairing's kind decides which of person, enterprise, organisation and
 * place it names): checked on every write after the validate hook (which may
 * derive them first) and described in the schema so that forms mark them. */
struct requirement {
	const char *equals;           /* a value of the resource's `requires_field` */
	const char *const *required;  /* fields that must be set; NULL ends; may be NULL */
	const char *const *any_of;    /* at least one of these must be set; NULL ends; may be NULL */
};

#define REQUIREMENT_END { NULL, NULL, NULL }

struct module;
struct request_ctx;
struct resource;
struct sqlw;

/* ---- workflows ---- */

/* What an action does to the record besides moving its state. */
enum effect_kind {
	EFFECT_STAMP,     /* column = the action's date (its date field), else today */
	EFFECT_STAMP_NOW, /* column = the action's instant: its date field's when that is a
			   * date-time, else the current time (RFC 3339 UTC) */
	EFFECT_COPY,      /* column = body field `arg` (default: the field named like the column) */
	EFFECT_COUNT,     /* column = column + 1, or + the integer body field `arg` when given */
	EFFECT_SET,       /* column = the literal text `arg` ("true"/"false" for a bool column) */
	EFFECT_CLEAR,     /* column = NULL */
};

struct effect {
	enum effect_kind kind;
	const char *column;  /* a field of the resource */
	const char *arg;     /* see enum effect_kind */
};

#define EFFECT_END { 0, NULL, NULL }

/* A target state chosen by a body field: when `field` equals `equals` ("true"
 * for a bool), the action leads to `to` and adds `effects` (e.g. a
 * dissatisfied rating with reopen=true goes back to dispatched as 重办). */
struct action_branch {
	const char *field;
	const char *equals;
	const char *to;
	const struct effect *effects;  /* EFFECT_END ends; may be NULL */
};

enum action_flags {
	/* Not run through the API: the event written when a record is created in
	 * the action's `to` state (村级推荐, 点单). Its `date_field` and `fields`
	 * name columns of the new record that the event keeps. */
	ACT_CREATE = 1 << 0,
	/* An ACT_CREATE action that an import creates records through, for
	 * callers whose level reaches its min_level (直接入库 at town level);
	 * other callers' imports create through the first plain ACT_CREATE
	 * action (村级推荐): an import reaches no state the caller could not
	 * reach through the actions. */
	ACT_IMPORT = 1 << 1,
};

/* What a `run` hook is given: the record as it is now and the validated body;
 * it may add columns to `set` and choose another target state. */
struct action_call {
	const struct resource *res;
	const struct action *act;
	long long id;
	json_t *before;   /* the record (as the API shows it, unmasked) */
	json_t *body;     /* the validated action fields */
	json_t *set;      /* column → value to write besides the state and effects */
	const char *to;   /* the target state; a hook may change it (NULL: unchanged) */
	const char *on;   /* the action's local date (YYYY-MM-DD) */
	const char *at;   /* the action's instant (RFC 3339 UTC): its date field's when that is a
			   * date-time (entered later, 补录), else now */
};

/* The outcome of a change — a write or a transition. api/generic.c
 * (generic_reply_failure) is the one place that turns it into an HTTP status. */
enum write_status {
	WS_OK = 0,
	WS_NOT_FOUND,     /* no such record, or out of the caller's scope */
	WS_FORBIDDEN,     /* the caller may not do this (err says why) */
	WS_WRONG_STATE,   /* not from the current state, or nothing left to do (err says why) */
	WS_STALE,         /* the body's version is not the record's */
	WS_CONFLICT,      /* a unique value or a reference the database keeps refused it */
	WS_INVALID,       /* field errors in `errors` */
	WS_ERROR,         /* a failure of the database or the server (err says what) */
};

struct action {
	const char *name;
	const char *label;              /* 签收, 办结… */
	const char *const *from;        /* states it may start from; NULL-terminated; NULL = any */
	const char *to;                 /* the state it leads to; NULL = unchanged */
	const struct field *fields;     /* body fields besides version; FIELD_END ends; may be NULL */
	unsigned min_level;             /* least role level (enum role_level); 0 = any writer,
					 * or, when `actor` is set, only the actors (and admins) */
	unsigned caps;                  /* instead of a level: the caller needs one of these
					 * administrative powers (enum role_caps); 0 = by level */
	const char *actor;              /* a ref field (to orgs or enterprises) whose organisation's
					 * (subtree) or enterprise's users may run it besides min_level */
	const struct effect *effects;   /* EFFECT_END ends; may be NULL */
	const struct action_branch *branches; /* field NULL ends; may be NULL */
	const char *date_field;         /* the body field (ACT_CREATE: record field) dating it: an
					 * FT_DATE, or an FT_DATETIME for actions recorded later */
	const char *comment_field;      /* the body field kept as the event's comment */
	unsigned flags;                 /* enum action_flags */
	/* a rule that is really code: may add errors, columns to set, another
	 * target; returns a write_status (with err for WS_FORBIDDEN, WS_WRONG_STATE, WS_ERROR) */
	int (*run)(struct request_ctx *ctx, struct action_call *call, json_t *errors,
		   struct buf *err);
	/* a condition that is code, on the record (only resident wishes are claimed) or on
	 * the caller and the record (a village may dispatch resident requests only): WS_OK,
	 * or WS_WRONG_STATE / WS_FORBIDDEN with why. Checked with the state and the level,
	 * so the console never offers what the server refuses; may be NULL */
	int (*check)(struct request_ctx *ctx, const struct resource *res, json_t *rec,
		     struct buf *why);
};

#define ACTION_END { .name = NULL }

/* ---- scope ---- */

/* The ways a row of a resource can be visible to a caller (schema/principal.h
 * struct scope): a row is visible when any of them matches. */
enum scope_way_kind {
	WAY_DIVISION = 1, /* the column holds a division code in the caller's division subtree */
	WAY_ORG,          /* the column refers to an organisation in the caller's organisation subtree */
	WAY_ENTERPRISE,   /* the column refers to the caller's enterprise */
	WAY_REF,          /* the column refers to a record of its field's `ref` that the caller sees */
	WAY_CHILD,        /* a live row of resource `child` whose `column` refers to this row is one
			   * the caller sees (a county training its village's people attended):
			   * it makes the row visible, never the caller's to change */
};

struct scope_way {
	enum scope_way_kind kind;
	const char *column;  /* a field of the resource, or "id" for the row itself;
			      * WAY_CHILD: the child's field that refers here */
	const char *child;   /* WAY_CHILD: the child resource's name */
};

#define WAY_END { 0, NULL, NULL }

/* ---- hooks ---- */

/* Hooks run inside the write transaction; they see the normalized values
 * (`rec`: field name → JSON value; for FT_ID_NUMBER the plain text, before
 * encryption) and may add errors ({field: message}) or change `rec`. Each
 * returns 0, or -1 with err set on a failure that is not the input's fault. */
struct resource_hooks {
	int (*validate)(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			json_t *before, json_t *errors, struct buf *err);
	/* after the row is written (id known): side effects in the same transaction */
	int (*after_write)(struct request_ctx *ctx, const struct resource *res,
			   long long id, json_t *rec, json_t *before, struct buf *err);
	/* a list filter the generic code does not know (e.g. age__lte); returns 1
	 * when it took the key, 0 when not, -1 on a bad value (err says why) */
	int (*filter)(struct request_ctx *ctx, const char *key, const char *value,
		      struct sqlw *w, struct buf *err);
	/* an import row the generic code cannot write as it is (e.g. a 台账 row that
	 * creates a person and a talent): `in` maps field names (and the extra
	 * columns the hook declared in import_columns) to cell text. Writes it in
	 * the caller's transaction; errors → field → message. Returns 1 inserted,
	 * 2 updated, 0 when it added errors, -1 on failure. */
	int (*import_row)(struct request_ctx *ctx, const struct resource *res, json_t *in,
			  json_t *errors, struct buf *err);
	/* adds computed members to a record read from the database */
	void (*decorate)(struct request_ctx *ctx, json_t *rec);
};

enum resource_flags {
	RES_READONLY = 1 << 0,     /* reference data: written only by holders of CAP_REFDATA */
	RES_NO_IMPORT = 1 << 1,
	RES_NO_DELETE = 1 << 2,
	RES_SEARCH_INDEX = 1 << 3, /* `q` narrows through search_terms (kept by generic_write) */
	RES_ADMIN_ONLY = 1 << 4,   /* accounts: seen and written only by holders of CAP_ACCOUNTS
				    * or CAP_GRANT (the hooks say which may change what) */
};

struct resource {
	const char *name;            /* URL segment and audit entity, e.g. "persons" */
	const char *label;           /* 人员 */
	const char *table;           /* SQL table */
	const struct field *fields;  /* FIELD_END ends */
	const struct scope_way *scope; /* WAY_END ends; NULL = every signed-in user sees every row */
	const char *label_field;     /* what names a record (ref labels) */
	const char *label_expr;      /* instead of label_field: SQL over the alias `r` */
	const char *state_field;     /* the field actions move */
	const struct action *actions; /* ACTION_END ends; may be NULL */
	const char *const *queues;   /* states that are work queues (待办), NULL-terminated; may be NULL */
	const struct resource_hooks *hooks;
	unsigned flags;              /* enum resource_flags */
	const char *default_sort;    /* e.g. "-id" */
	/* import_row's extra columns (label ↔ name); FIELD_END ends; may be NULL */
	const struct field *import_columns;
	/* the field whose value decides which other fields are required, and the
	 * rules per value (REQUIREMENT_END ends); both NULL when none */
	const char *requires_field;
	const struct requirement *requires;
	/* the rows kept counted for the statistics (schema/rollup.h); NULL ends; may be NULL */
	const struct rollup *const *rollups;
};

/* ---- the registry (schema/registry.c) ---- */

/* Every resource of every module, in menu order; NULL ends. */
const struct resource *const *resources_all(void);
const struct resource *resource_find(const char *name);
const struct field *resource_field(const struct resource *res, const char *name);
const struct action *resource_action(const struct resource *res, const char *name);
struct principal;
/* The ACT_CREATE action the caller's import of `res` creates records
 * through (see ACT_IMPORT), or NULL when res has no ACT_CREATE action. */
const struct action *resource_import_action(const struct resource *res,
					    const struct principal *who);
/* The module a resource belongs to (its name and label for the menu). */
const struct module *resource_module(const struct resource *res);
/* The administrative powers one of which a caller needs to write `res` at all
 * (enum role_caps): CAP_REFDATA for RES_READONLY, CAP_ACCOUNTS | CAP_GRANT
 * for RES_ADMIN_ONLY, 0 when any writer may. */
unsigned resource_write_caps(const struct resource *res);
/* The enum value for a value, a label or one of its aliases — exactly, else
 * as the same cell_key() (spaces, full-width forms) — or NULL. */
const struct enum_value *field_enum(const struct field *f, const char *value_or_label);
/* The Chinese label of `value` of enum field `field` of res; the value itself
 * when it is not one of the field's values, "" for NULL. */
const char *resource_enum_label(const struct resource *res, const char *field,
				const char *value);
/* The requirement of `res` for the value `value` of its requires_field, or NULL. */
const struct requirement *resource_requirement(const struct resource *res, const char *value);
/* Whether the field holds personal data kept secret at rest (FT_ID_NUMBER,
 * FT_PHONE): stored as <name>_enc (secret_encrypt()), <name>_hash (secret_hash()
 * of the normalised value: exact matches, uniqueness) and <name>_mask (the form
 * shown without the PII permission, domain/mask.h), never in clear. */
int field_secret(const struct field *f);
/* Whether a spreadsheet column of the field is written by imports (not
 * hidden, read-only, virtual or F_NO_IMPORT). */
int field_importable(const struct field *f);
/* An import column of the resource's import_row hook named `name`, or NULL. */
const struct field *resource_import_column(const struct resource *res, const char *name);
/* The resource's first way of `kind`, or NULL. */
const struct scope_way *resource_way(const struct resource *res, enum scope_way_kind kind);

#endif
