/*
 * m3u — writing M3U8 playlists: #EXTM3U, then #EXTINF and the location of
 * each track.
 *
 * Takes the same playlist model as the xspf module (struct osp_xspf), so
 * that an export builds one playlist and writes either format.  Locations
 * are written as they are: plain paths, as M3U players expect.
 */
#ifndef OSTPLAY_M3U_H
#define OSTPLAY_M3U_H

#include "ostplay/buf.h"
#include "ostplay/xspf.h"

/* Appends `x` as M3U8 (UTF-8) to `out`. */
void osp_m3u_format(const struct osp_xspf *x, struct osp_buf *out);

#endif
