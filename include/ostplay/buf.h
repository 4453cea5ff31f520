/*
 * buf — a growable byte buffer, always NUL-terminated.
 *
 * The building block for JSON output and path assembly.  Depends on nothing
 * but xalloc.  A zeroed struct is an empty buffer; osp_buf_free releases it.
 */
#ifndef OSTPLAY_BUF_H
#define OSTPLAY_BUF_H

#include <stddef.h>

struct osp_buf {
	char *data;	/* NULL until the first append, else NUL-terminated */
	size_t len;	/* bytes used, not counting the NUL */
	size_t cap;
};

void osp_buf_append(struct osp_buf *b, const void *p, size_t len);
void osp_buf_puts(struct osp_buf *b, const char *s);
void osp_buf_putc(struct osp_buf *b, char c);
void osp_buf_printf(struct osp_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void osp_buf_truncate(struct osp_buf *b, size_t len);
/* Appends the `len` bytes at `p` as lower-case hex digits, two a byte. */
void osp_buf_hex(struct osp_buf *b, const void *p, size_t len);
/* Appends the `n` strings with `sep` between them. */
void osp_buf_join(struct osp_buf *b, char *const *items, size_t n,
		  const char *sep);
/* The contents as a C string: "" for an empty buffer, valid until the
 * next change to `b`. */
const char *osp_buf_str(const struct osp_buf *b);
void osp_buf_free(struct osp_buf *b);
/* The contents as a string the caller frees; `b` is left empty. */
char *osp_buf_steal(struct osp_buf *b);

#endif
