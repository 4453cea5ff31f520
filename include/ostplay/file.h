/*
 * file — writing a file whole or not at all.
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

#include "ostplay/error.h"

/* Replaces `path` with `len` bytes of `data`, mode `mode` (less umask). */
bool osp_file_replace(const char *path, const void *data, size_t len,
		      mode_t mode, struct osp_error *err);

#endif
