/* resource: how a ledger is declared. Each resource is one static `struct resource`
 * (in the style of redis's command table); the generic handlers in api/generic.c,
 * api/transfer.c and the SQL builder in store/records.c serve every one of them.
 * Module files (api/res_*.c) declare their resources and add only their rules. */
#ifndef JICENG_RESOURCE_H
#define JICENG_RESOURCE_H

#include <jansson.h>

#include "core/arena.h"
#include "core/buf.h"

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
	FT_ID_NUMBER,   /* stored as <name>_enc, <name>_hash, <name>_mask */
	FT_PHONE,
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
};

struct enum_value {
	const char *value;
	const char *label;
};

struct field {
	const char *name;
	const char *label;             /* Chinese label: form label, export header */
	enum field_type type;
	unsigned flags;                /* enum field_flags */
	const struct enum_value *enums; /* FT_ENUM: terminated by a NULL value */
	const char *ref;               /* FT_REF: the referenced resource's name */
	int maxlen;                    /* characters; 0 = the type's default */
	const char *expr;              /* F_VIRTUAL: SQL over the row alias `t` */
};

struct request_ctx;
struct resource;
struct sqlw;

/* What an action hook is given: the record as it is now, the validated body. */
struct action_call {
	const struct resource *res;
	const struct action *act;
	long long id;
	json_t *before;   /* the record (as the API shows it, unmasked) */
	json_t *body;     /* the validated action fields */
	json_t *set;      /* hook fills: column → value to write besides the state */
};

struct action {
	const char *name;
	const char *label;
	const char *const *from;      /* states it may start from; NULL-terminated */
	const char *to;               /* the state it leads to */
	const struct field *fields;   /* body fields besides version; name NULL ends */
	unsigned min_level;           /* 0 any writer; else the least privileged role level allowed (see auth.h) */
	/* optional rule: may refuse (422/409 via err fields) or add columns to set */
	int (*run)(struct request_ctx *ctx, struct action_call *call, json_t *errors);
};

enum scope_kind {
	SCOPE_NONE,      /* everyone authenticated sees all rows (reference data) */
	SCOPE_DIVISION,  /* `scope_field` is a division code: a code-prefix range */
	SCOPE_REF,       /* `scope_field` is a ref: in scope when the referenced record is */
	SCOPE_ADMIN,     /* only admins */
};

enum resource_flags {
	RES_READONLY = 1 << 0,     /* writable by admins only */
	RES_NO_IMPORT = 1 << 1,
	RES_NO_DELETE = 1 << 2,
	RES_SEARCH_INDEX = 1 << 3, /* `q` narrows through search_terms (kept by generic_write) */
};

/* Hooks run inside the write transaction; they see the normalized values
 * (`rec`: field name → JSON value; for FT_ID_NUMBER the plain text, before
 * encryption) and may add errors ({field: message}) or change `rec`. */
struct resource_hooks {
	int (*validate)(struct request_ctx *ctx, const struct resource *res,
			json_t *rec, json_t *before, json_t *errors);
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

struct resource {
	const char *name;            /* URL segment and audit entity, e.g. "persons" */
	const char *label;           /* 人员 */
	const char *module;          /* menu group, e.g. "platform", "talent" */
	const char *module_label;
	const char *table;           /* SQL table */
	const struct field *fields;  /* name NULL ends */
	enum scope_kind scope;
	const char *scope_field;
	const char *org_field;       /* org-role users see rows whose org (this column) is in their subtree */
	const char *enterprise_field; /* enterprise-role users see rows of their enterprise */
	const char *label_field;     /* what names a record (ref labels) */
	const char *label_expr;      /* instead of label_field: SQL over the alias `r` */
	const char *state_field;     /* the field actions move */
	const struct action *actions; /* name NULL ends; may be NULL */
	const struct resource_hooks *hooks;
	unsigned flags;              /* enum resource_flags */
	const char *default_sort;    /* e.g. "-id" */
	/* import_row's extra columns (label ↔ name); name NULL ends; may be NULL */
	const struct field *import_columns;
};

/* The registry: every resource of every module, in menu order. */
extern const struct resource *const resources[];
const struct resource *resource_find(const char *name);
const struct field *resource_field(const struct resource *res, const char *name);
const struct action *resource_action(const struct resource *res, const char *name);
/* The enum value for a value or a label, or NULL. */
const struct enum_value *field_enum(const struct field *f, const char *value_or_label);

#endif
