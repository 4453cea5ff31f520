/*
 * uri — file paths as the URIs playlists carry (RFC 3986).
 *
 * Paths are bytes: every byte that is not unreserved (ALPHA DIGIT - . _ ~)
 * or '/' is percent-encoded, so Hangul (its UTF-8 bytes), spaces, '#', '%'
 * and even bytes that are not UTF-8 survive in a playlist.
 */
#ifndef OSTPLAY_URI_H
#define OSTPLAY_URI_H

#include <stddef.h>

/* `path` (len bytes) percent-encoded: a relative reference when `path` is
 * relative, the path of a URI when it is absolute. */
char *osp_uri_encode_path(const char *path, size_t len);
/* "file://" and the encoded absolute `path`. */
char *osp_uri_from_path(const char *path, size_t len);
/* `path` relative to the folder `dir`; both absolute and without "." or
 * ".." parts. */
char *osp_path_relative(const char *dir, const char *path);

#endif
