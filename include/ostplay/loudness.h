/*
 * loudness — measuring a file's loudness.
 *
 * Decodes the file with FFmpeg's libavformat/libavcodec (what libmpv plays
 * with) and measures its EBU R128 integrated loudness and sample peak with
 * libebur128.  Kept out of the command line's binary: those libraries take
 * some 150 ms to load, which every short command would pay; the
 * ostplay-measure helper links it.
 *
 * Thread-safe: each call has its own decoder.  Stores nothing.
 */
#ifndef OSTPLAY_LOUDNESS_H
#define OSTPLAY_LOUDNESS_H

#include <stdbool.h>

#include "ostplay/error.h"
#include "ostplay/gain.h"

/* Decodes the file at `path` and measures it into `*m`.  False, with
 * `err` naming the file and why, when it cannot be opened or decoded or
 * holds no sound; m->done is true either way, m->ok only on success. */
bool osp_loudness_measure(const char *path, struct osp_measure *m,
			  struct osp_error *err);

#endif
