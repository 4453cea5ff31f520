#include "ostplay/uri.h"

#include <stdbool.h>
#include <string.h>

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

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes %XX escapes; false for a malformed one or an encoded NUL. */
static bool decode(struct osp_buf *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '%') {
			osp_buf_putc(b, s[i]);
			continue;
		}
		if (i + 2 >= len)
			return false;
		int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
			return false;
		osp_buf_putc(b, (char)(hi << 4 | lo));
		i += 2;
	}
	return true;
}

/* Drops "." and empty parts and applies ".." to an absolute path. */
static void normalise(struct osp_buf *path)
{
	char *s = path->data;
	size_t out = 0;
	for (size_t i = 0; i < path->len;) {
		while (i < path->len && s[i] == '/')
			i++;
		size_t start = i;
		while (i < path->len && s[i] != '/')
			i++;
		size_t n = i - start;
		if (n == 0 || (n == 1 && s[start] == '.'))
			continue;
		if (n == 2 && s[start] == '.' && s[start + 1] == '.') {
			while (out > 0 && s[--out] != '/')
				;
			continue;
		}
		s[out++] = '/';
		memmove(s + out, s + start, n);
		out += n;
	}
	if (out == 0)
		s[out++] = '/';
	osp_buf_truncate(path, out);
}

static bool has_scheme(const char *uri)
{
	size_t n = strspn(uri, "abcdefghijklmnopqrstuvwxyz"
			       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
	return n > 0 && uri[n] == ':' &&
	       ((uri[0] >= 'a' && uri[0] <= 'z') ||
		(uri[0] >= 'A' && uri[0] <= 'Z'));
}

char *osp_uri_to_path(const char *uri, const char *base, size_t *len)
{
	const char *p = uri;
	if (strncmp(p, "file:", 5) == 0) {
		p += 5;
		if (strncmp(p, "//", 2) == 0) {
			p += 2;
			/* Only this machine's files: no authority, or
			 * localhost. */
			if (strncmp(p, "localhost/", 10) == 0)
				p += 9;
			else if (*p != '/')
				return NULL;
		} else if (*p != '/') {
			return NULL;
		}
	} else if (has_scheme(p)) {
		return NULL;
	}
	size_t n = strcspn(p, "?#");	/* query and fragment name no file */
	struct osp_buf b = {0};
	if (p[0] != '/') {
		osp_buf_puts(&b, base);
		osp_buf_putc(&b, '/');
	}
	if (n == 0 || !decode(&b, p, n)) {
		osp_buf_free(&b);
		return NULL;
	}
	normalise(&b);
	*len = b.len;
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
