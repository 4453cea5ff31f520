/*
 * m3u — reading and writing M3U8 playlists: #EXTM3U, then #EXTINF and the
 * location of each track.
 *
 * Takes the same playlist model as the xspf module (struct osp_xspf), so
 * that an export builds one playlist and writes either format.  Locations
 * are written as they are: plain paths, as M3U players expect.
 */
#ifndef OSTPLAY_M3U_H
#define OSTPLAY_M3U_H

#include <stdbool.h>

#include "ostplay/buf.h"
#include "ostplay/error.h"
#include "ostplay/xspf.h"

#define OSP_M3U_MAX_BYTES OSP_XSPF_MAX_BYTES

/* Appends `x` as M3U8 (UTF-8) to `out`. */
void osp_m3u_format(const struct osp_xspf *x, struct osp_buf *out);

/* Reads the M3U or M3U8 file `path` into `*x` (free with osp_xspf_free):
 * its #PLAYLIST title, and per entry the location as written (a path, or
 * a URI), with title, creator ("Creator - Title") and duration from its
 * #EXTINF.  Text is made valid UTF-8; locations keep their bytes.  Refuses
 * anything but a regular file of at most OSP_M3U_MAX_BYTES without NUL
 * bytes, leaving `*x` empty. */
bool osp_m3u_read(const char *path, struct osp_xspf *x, struct osp_error *err);

#endif
