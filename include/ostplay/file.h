/*
 * file — reading a small file whole, writing a file whole or not at all.
 *
 * Playlists are read whole, under a size limit, from regular files only:
 * a FIFO or a device under a playlist's name would block or never end.
 * The limit is on the bytes read, which nothing decompresses on the way.
 *
 * Exports and the daemon's state are written to a temporary file in the
 * same folder, flushed to disk, then renamed over the old one: a crash or
 * a full disk leaves the old file as it was, never half of the new one.
 */
#ifndef OSTPLAY_FILE_H
#define OSTPLAY_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "ostplay/buf.h"
#include "ostplay/error.h"

/* Appends the whole of the regular file `path`, at most `max` bytes, to
 * `out`.  Opens it without blocking, so a FIFO is refused rather than
 * waited on.  `what` names such files in messages ("a playlist").  On
 * failure `out` may hold part of the file; the caller frees it. */
bool osp_file_read(const char *path, size_t max, const char *what,
		   struct osp_buf *out, struct osp_error *err);

/* Replaces `path` with `len` bytes of `data`, mode `mode` (less umask). */
bool osp_file_replace(const char *path, const void *data, size_t len,
		      mode_t mode, struct osp_error *err);

/* A newly allocated file name (without extension) for `title` that FAT,
 * exFAT, NTFS and Windows accept, as phones, SD cards and USB sticks
 * have: no control characters or : ? * " < > | \\ /, no trailing dot or
 * space, not a reserved device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9,
 * in any case, whatever follows a dot), at most OSP_FILE_NAME_MAX bytes
 * cut at a character's end; still readable ("Who Are You: School 2015"
 * becomes "Who Are You - School 2015").  `title` is UTF-8; "untitled"
 * when nothing is left.  Different titles may give one name: a caller
 * writing several files keeps them apart.  Caller frees. */
#define OSP_FILE_NAME_MAX 200
char *osp_file_portable_name(const char *title);

#endif
