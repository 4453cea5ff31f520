/*
 * json — writing JSON values into a buffer.
 *
 * Output only: ostplay prints JSON, it never parses it.  Strings that are
 * not valid UTF-8 (file names are bytes) are written losslessly: each
 * invalid byte 0xNN becomes the escape \udcNN, the "surrogateescape" that
 * Python's os.fsencode() turns back into the original byte.
 */
#ifndef OSTPLAY_JSON_H
#define OSTPLAY_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "ostplay/buf.h"

/* One JSON object at a time: osp_json_begin, fields, osp_json_end. */
struct osp_json {
	struct osp_buf *out;
	int n_fields;	/* fields written in the current object or array */
};

void osp_json_begin(struct osp_json *j, struct osp_buf *out);
void osp_json_end(struct osp_json *j);

void osp_json_string(struct osp_json *j, const char *key, const char *s);
void osp_json_bytes(struct osp_json *j, const char *key,
		    const char *s, size_t len);	/* any bytes, see above */
void osp_json_int(struct osp_json *j, const char *key, long long v);
void osp_json_double(struct osp_json *j, const char *key, double v);
void osp_json_bool(struct osp_json *j, const char *key, bool v);
void osp_json_null(struct osp_json *j, const char *key);
/* An array of `n` strings; NULL entries are skipped. */
void osp_json_strings(struct osp_json *j, const char *key,
		      char *const *v, size_t n);

/* Appends `s` (len bytes) as a quoted JSON string literal. */
void osp_json_quote(struct osp_buf *out, const char *s, size_t len);

#endif
