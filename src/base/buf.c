#include "ostplay/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/xalloc.h"

static void reserve(struct osp_buf *b, size_t extra)
{
	b->data = xgrow(b->data, &b->cap, b->len + extra + 1, 1);
}

void osp_buf_append(struct osp_buf *b, const void *p, size_t len)
{
	reserve(b, len);
	memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void osp_buf_puts(struct osp_buf *b, const char *s)
{
	osp_buf_append(b, s, strlen(s));
}

void osp_buf_putc(struct osp_buf *b, char c)
{
	osp_buf_append(b, &c, 1);
}

void osp_buf_printf(struct osp_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void osp_buf_truncate(struct osp_buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}

const char *osp_buf_str(const struct osp_buf *b)
{
	return b->data ? b->data : "";
}

void osp_buf_free(struct osp_buf *b)
{
	free(b->data);
	*b = (struct osp_buf){0};
}

char *osp_buf_steal(struct osp_buf *b)
{
	char *s = b->data ? b->data : xstrdup("");
	*b = (struct osp_buf){0};
	return s;
}

void osp_buf_hex(struct osp_buf *b, const void *p, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *bytes = p;
	reserve(b, 2 * len);
	for (size_t i = 0; i < len; i++) {
		b->data[b->len++] = digits[bytes[i] >> 4];
		b->data[b->len++] = digits[bytes[i] & 15];
	}
	b->data[b->len] = '\0';
}

void osp_buf_join(struct osp_buf *b, char *const *items, size_t n,
		  const char *sep)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			osp_buf_puts(b, sep);
		osp_buf_puts(b, items[i]);
	}
}
