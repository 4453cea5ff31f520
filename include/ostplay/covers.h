/*
 * covers — the picture that goes with an audio file, as a file that other
 * programs can open.
 *
 * A cover.jpg or folder.jpg (.jpeg and .png too, any case) or a front.*
 * picture beside the file wins, as it does for MPD's `albumart`; else the
 * picture embedded in the file (tags), which is written once into the
 * cache folder and found there again while the file is unchanged.  For
 * MPRIS's artUrl and MPD's albumart/readpicture.  Does not decode, resize
 * or check the image.
 */
#ifndef OSTPLAY_COVERS_H
#define OSTPLAY_COVERS_H

#include <stdbool.h>

#include "ostplay/error.h"

/* The picture beside `audio_path` (cover, folder, front, in that order),
 * newly allocated, or NULL. */
char *osp_covers_in_folder(const char *audio_path);

/* The cover of the audio file at `audio_path` into `*cover` (newly
 * allocated, absolute), or NULL when it has none.  An embedded picture is
 * kept under `cache_dir`/covers, named by the file's path, size and
 * modification time; that a file has none is kept there too, so neither
 * is read again.  False when the file or the cache cannot be read or
 * written; `*cover` is then NULL. */
bool osp_covers_find(const char *audio_path, const char *cache_dir,
		     char **cover, struct osp_error *err);

#endif
