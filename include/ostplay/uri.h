/*
 * uri — file paths as the URIs playlists carry (RFC 3986).
 *
 * Paths are bytes: every byte that is not unreserved (ALPHA DIGIT - . _ ~)
 * or '/' is percent-encoded, so Hangul (its UTF-8 bytes), spaces, '#', '%'
 * and even bytes that are not UTF-8 survive in a playlist.
 */
#ifndef OSTPLAY_URI_H
#define OSTPLAY_URI_H

#include <stdbool.h>
#include <stddef.h>

/* `path` (len bytes) percent-encoded: a relative reference when `path` is
 * relative, the path of a URI when it is absolute. */
char *osp_uri_encode_path(const char *path, size_t len);
/* "file://" and the encoded absolute `path`. */
char *osp_uri_from_path(const char *path, size_t len);
/* `path` relative to the folder `dir`; both absolute and without "." or
 * ".." parts. */
char *osp_path_relative(const char *dir, const char *path);

/* The file a playlist's location names, newly allocated, absolute and
 * without "." or ".." parts: a file: URI (no host, or localhost), an
 * absolute path, or a relative one resolved against the folder `base`.
 * XSPF locations are URIs (`is_uri`): %XX escapes are decoded and '?' or
 * '#' end the path.  M3U lines are paths, taken as they are, unless they
 * start with file: (then a URI) or SCHEME:// (not a local file).  NULL
 * for what names no local file: other schemes (http:), another host, a
 * relative location without `base`, %00 or %2F. */
char *osp_uri_to_path(const char *location, const char *base, bool is_uri);

#endif
