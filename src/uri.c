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
