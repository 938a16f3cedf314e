/* assets: the built web console, compiled into the binary by scripts/embed-assets.sh
 * (build/gen/web_assets.c) so that one file deploys. */
#ifndef JICENG_ASSETS_H
#define JICENG_ASSETS_H

#include <stddef.h>

struct web_asset {
	const char *path;           /* URL path, e.g. "/index.html", "/assets/index-3f2a1b.js" */
	const char *content_type;   /* e.g. "text/javascript; charset=utf-8" */
	const unsigned char *data;
	size_t len;
	int immutable;              /* hashed name: cache for a year; index.html: no-cache */
	const unsigned char *br;    /* the same bytes compressed at build time (Brotli), or NULL */
	size_t br_len;
	const unsigned char *gz;    /* … and gzip (RFC 1952), or NULL */
	size_t gz_len;
};

extern const struct web_asset web_assets[];
extern const size_t web_assets_count;

#endif
