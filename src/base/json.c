#include "ostplay/json.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "ostplay/text.h"

void osp_json_begin(struct osp_json *j, struct osp_buf *out)
{
	j->out = out;
	j->n_fields = 0;
	osp_buf_putc(out, '{');
}

void osp_json_end(struct osp_json *j)
{
	osp_buf_putc(j->out, '}');
}

static void key(struct osp_json *j, const char *k)
{
	if (j->n_fields++)
		osp_buf_putc(j->out, ',');
	osp_json_quote(j->out, k, strlen(k));
	osp_buf_putc(j->out, ':');
}

/* Bytes that start no well-formed UTF-8 sequence are written as \udcNN
 * (see json.h); the rest as UTF-8, escaping only what JSON requires. */
void osp_json_quote(struct osp_buf *out, const char *s, size_t len)
{
	osp_buf_putc(out, '"');
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			size_t n = 1;
			while (n < 4 && i + n < len &&
			       ((unsigned char)s[i + n] & 0xC0) == 0x80)
				n++;
			/* Try the longest candidate, then shorter ones. */
			while (n > 1 && !osp_text_is_utf8(s + i, n))
				n--;
			if (n > 1) {
				osp_buf_append(out, s + i, n);
				i += n;
			} else {
				osp_buf_printf(out, "\\udc%02x", c);
				i++;
			}
			continue;
		}
		switch (c) {
		case '"': osp_buf_puts(out, "\\\""); break;
		case '\\': osp_buf_puts(out, "\\\\"); break;
		case '\n': osp_buf_puts(out, "\\n"); break;
		case '\r': osp_buf_puts(out, "\\r"); break;
		case '\t': osp_buf_puts(out, "\\t"); break;
		default:
			if (c < 0x20)
				osp_buf_printf(out, "\\u%04x", c);
			else
				osp_buf_putc(out, (char)c);
		}
		i++;
	}
	osp_buf_putc(out, '"');
}

void osp_json_string(struct osp_json *j, const char *k, const char *s)
{
	if (!s) {
		osp_json_null(j, k);
		return;
	}
	osp_json_bytes(j, k, s, strlen(s));
}

void osp_json_bytes(struct osp_json *j, const char *k, const char *s,
		    size_t len)
{
	key(j, k);
	osp_json_quote(j->out, s, len);
}

void osp_json_int(struct osp_json *j, const char *k, long long v)
{
	key(j, k);
	osp_buf_printf(j->out, "%lld", v);
}

void osp_json_double(struct osp_json *j, const char *k, double v)
{
	key(j, k);
	if (!isfinite(v)) {
		osp_buf_puts(j->out, "null");
		return;
	}
	/* Microseconds are plenty for durations and timings; no trailing
	 * zeros, so 187.25 stays 187.25. */
	size_t start = j->out->len;
	osp_buf_printf(j->out, "%.6f", v);
	char *p = j->out->data;
	size_t end = j->out->len;
	while (end > start && p[end - 1] == '0')
		end--;
	if (end > start && p[end - 1] == '.')
		end++;	/* keep one zero: 3.0 */
	osp_buf_truncate(j->out, end);
}

void osp_json_bool(struct osp_json *j, const char *k, bool v)
{
	key(j, k);
	osp_buf_puts(j->out, v ? "true" : "false");
}

void osp_json_null(struct osp_json *j, const char *k)
{
	key(j, k);
	osp_buf_puts(j->out, "null");
}

void osp_json_strings(struct osp_json *j, const char *k, char *const *v,
		      size_t n)
{
	key(j, k);
	osp_buf_putc(j->out, '[');
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		if (!v[i])
			continue;
		if (!first)
			osp_buf_putc(j->out, ',');
		first = false;
		osp_json_quote(j->out, v[i], strlen(v[i]));
	}
	osp_buf_putc(j->out, ']');
}
