#include "ostplay/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ostplay/xalloc.h"

/* Length of the well-formed UTF-8 sequence at `s` (at most `len` bytes),
 * or 0 when it is not one; stores its code point in `*cp`. */
static size_t decode(const char *s, size_t len, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
					      (utf8proc_ssize_t)len, &c);
	if (n <= 0)
		return 0;
	*cp = c;
	return (size_t)n;
}

bool osp_text_is_utf8(const char *s, size_t len)
{
	size_t i = 0;
	int32_t cp;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = decode(s + i, len - i, &cp);
		if (!n)
			return false;
		i += n;
	}
	return true;
}

static bool is_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	       cp == 0xA0 || cp == 0x3000;
}

/* True when `s` needs no cleaning: valid UTF-8, no controls, no NUL, no
 * white space at either end.  Nearly every tag is like this. */
static bool is_clean(const char *s, size_t len)
{
	if (len && (s[0] == ' ' || s[len - 1] == ' '))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F)
			return false;
		if (c >= 0x80)
			return osp_text_is_utf8(s + i, len - i);
	}
	return true;
}

char *osp_text_clean(const char *s, size_t len)
{
	if (is_clean(s, len))
		return xmemdup(s, len);
	struct osp_buf b = {0};
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		size_t n = decode(s + i, len - i, &cp);
		if (!n) {
			osp_buf_puts(&b, "\xEF\xBF\xBD");	/* U+FFFD */
			i++;
			continue;
		}
		if (cp == 0)
			break;	/* C strings end here, as tag readers do */
		if (cp < 0x20 || cp == 0x7F)
			osp_buf_putc(&b, ' ');
		else
			osp_buf_append(&b, s + i, n);
		i += n;
	}
	/* Trim white space at both ends. */
	size_t start = 0, end = b.len;
	while (start < end && (b.data[start] == ' ' || b.data[start] == '\t'))
		start++;
	while (end > start && (b.data[end - 1] == ' ' || b.data[end - 1] == '\t'))
		end--;
	char *out = xmemdup(b.data ? b.data + start : "", end - start);
	osp_buf_free(&b);
	return out;
}

char *osp_text_fold(const char *s)
{
	char *clean = NULL;
	if (!osp_text_is_utf8(s, strlen(s)))
		s = clean = osp_text_clean(s, strlen(s));
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0,
					  &mapped,
					  UTF8PROC_NULLTERM | UTF8PROC_STABLE |
					  UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
					  UTF8PROC_CASEFOLD);
	free(clean);
	if (n < 0)	/* cannot happen for cleaned input; fold to nothing */
		return xstrdup("");

	/* Collapse white space runs to one space and trim. */
	char *out = xmalloc((size_t)n + 1);
	size_t o = 0, i = 0;
	bool pending_space = false;
	while (i < (size_t)n) {
		int32_t cp;
		size_t k = decode((const char *)mapped + i, (size_t)n - i, &cp);
		if (!k)
			k = 1, cp = 0xFFFD;
		if (is_space(cp)) {
			pending_space = o > 0;
		} else {
			if (pending_space)
				out[o++] = ' ';
			pending_space = false;
			memcpy(out + o, mapped + i, k);
			o += k;
		}
		i += k;
	}
	out[o] = '\0';
	free(mapped);
	return out;
}

void osp_text_escape_name(struct osp_buf *b, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		size_t n = (unsigned char)s[i] < 0x80 ? 1 : decode(s + i, len - i, &cp);
		if (n && (unsigned char)s[i] >= 0x20 && s[i] != 0x7F) {
			osp_buf_append(b, s + i, n);
			i += n;
		} else {
			osp_buf_printf(b, "\\x%02X", (unsigned char)s[i]);
			i++;
		}
	}
}
