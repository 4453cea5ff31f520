#include "ostplay/uri.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "ostplay/buf.h"
#include "ostplay/xalloc.h"

static bool unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

static void encode(struct osp_buf *b, const char *path, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)path[i];
		if (unreserved(c) || c == '/') {
			osp_buf_putc(b, (char)c);
		} else {
			char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
			osp_buf_append(b, esc, 3);
		}
	}
}

char *osp_uri_encode_path(const char *path, size_t len)
{
	struct osp_buf b = {0};
	encode(&b, path, len);
	return osp_buf_steal(&b);
}

char *osp_uri_from_path(const char *path, size_t len)
{
	struct osp_buf b = {0};
	osp_buf_puts(&b, "file://");
	encode(&b, path, len);
	return osp_buf_steal(&b);
}

char *osp_path_relative(const char *dir, const char *path)
{
	/* The longest common run of whole parts. */
	size_t common = 0;
	for (size_t i = 0;; i++) {
		bool dir_end = dir[i] == '\0' || dir[i] == '/';
		bool path_end = path[i] == '\0' || path[i] == '/';
		if (dir_end && path_end)
			common = i;
		if (dir[i] == '\0' || path[i] == '\0' || dir[i] != path[i])
			break;
	}
	struct osp_buf b = {0};
	for (const char *d = dir + common; *d; d++)
		if (*d == '/' && d[1] != '/' && d[1] != '\0')
			osp_buf_puts(&b, "../");
	const char *rest = path + common;
	while (*rest == '/')
		rest++;
	osp_buf_puts(&b, rest);
	return osp_buf_steal(&b);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Appends `n` bytes of `s` with %XX escapes decoded; a '%' not followed by
 * two hex digits stays as it is, as browsers and players read it.  False
 * for %00 and %2F, which no file name can hold (a decoded '/' would be a
 * separator that was not one in the URI). */
static bool percent_decode(struct osp_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (s[i] == '%' && i + 2 < n &&
		    (hi = hex_value(s[i + 1])) >= 0 &&
		    (lo = hex_value(s[i + 2])) >= 0) {
			if ((!hi && !lo) || (hi == 2 && lo == 15))
				return false;
			osp_buf_putc(b, (char)(hi << 4 | lo));
			i += 2;
		} else {
			osp_buf_putc(b, s[i]);
		}
	}
	return true;
}

/* Length of the URI scheme `s` starts with, counting the ':', or 0.  One
 * letter is a Windows drive ("C:\\Music"), not a scheme. */
static size_t scheme_length(const char *s)
{
	size_t i = 0;
	if (!((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
		return 0;
	while ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
	       (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' ||
	       s[i] == '.')
		i++;
	return s[i] == ':' && i > 1 ? i + 1 : 0;
}

/* `path` (absolute) without "." and ".." parts or repeated slashes, in
 * place. */
static void remove_dot_parts(char *path)
{
	char *out = path;
	const char *in = path;
	while (*in) {
		while (*in == '/')
			in++;
		const char *end = strchrnul(in, '/');
		size_t n = (size_t)(end - in);
		if (n == 1 && in[0] == '.') {
			/* nothing */
		} else if (n == 2 && in[0] == '.' && in[1] == '.') {
			while (out > path && *--out != '/')
				;
		} else if (n) {
			*out++ = '/';
			memmove(out, in, n);
			out += n;
		}
		in = end;
	}
	if (out == path)
		*out++ = '/';
	*out = '\0';
}

char *osp_uri_to_path(const char *location, const char *base, bool is_uri)
{
	const char *p = location;
	size_t scheme = scheme_length(p);
	/* An M3U line is a path ("Re:Born.mp3" too) unless it is a file:
	 * URI or plainly some other URL. */
	if (scheme && !is_uri && strncasecmp(p, "file:", 5) != 0 &&
	    strncmp(p + scheme, "//", 2) != 0)
		scheme = 0;
	if (scheme) {
		if (scheme != 5 || strncasecmp(p, "file:", 5) != 0)
			return NULL;	/* http: and the like: not a file */
		p += 5;
		is_uri = true;
		if (p[0] == '/' && p[1] == '/') {
			/* An authority: none, or this machine. */
			const char *host = p + 2, *end = strchrnul(host, '/');
			size_t n = (size_t)(end - host);
			if (n && !(n == 9 && strncasecmp(host, "localhost", 9) == 0))
				return NULL;
			p = end;
		}
		if (*p != '/')
			return NULL;
	}
	struct osp_buf b = {0};
	if (*p != '/') {
		if (!base) {
			osp_buf_free(&b);
			return NULL;
		}
		osp_buf_printf(&b, "%s/", base);
	}
	/* In a URI, '?' and '#' end the path; a file name's own are %3F and
	 * %23 there. */
	size_t n = is_uri ? strcspn(p, "?#") : strlen(p);
	bool ok = n > 0;
	if (ok && is_uri)
		ok = percent_decode(&b, p, n);
	else if (ok)
		osp_buf_append(&b, p, n);
	if (!ok) {
		osp_buf_free(&b);
		return NULL;
	}
	char *path = osp_buf_steal(&b);
	remove_dot_parts(path);
	return path;
}
