/*
 * match — which drama's OST a library track belongs to, and which song.
 *
 * Weighs every signal a file carries (album, title, artists, album artist,
 * genre, comment, folder names, file name) against the catalog: a drama
 * named as an OST in the album or a folder, a song title, the song's
 * performers.  Precision comes first: a drama named without any sign of an
 * OST, or a song title sung by someone else, is not enough alone.
 *
 * The matcher caches what it learnt about albums and folders, so one
 * matcher belongs to one thread.  It does not store results.
 */
#ifndef OSTPLAY_MATCH_H
#define OSTPLAY_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "ostplay/buf.h"
#include "ostplay/catalog.h"
#include "ostplay/discover.h"
#include "ostplay/library.h"

struct osp_matcher;

struct osp_match {
	int drama;		/* index into the catalog's dramas, or -1 */
	int song;		/* index into that drama's songs, or -1 */
	double confidence;	/* 0..1; 0 when drama is -1 */
	bool duet;		/* two or more distinct performers credited */
	bool instrumental;
	/* For a file of no catalogued drama: the drama no catalog lists that
	 * its names call it an OST of (found.name "" when none). */
	struct osp_discovered found;
	/* What sets this recording apart from others of its song, folded:
	 * its version notes ("acoustic", "remix", "inst"), "" for none. */
	char version[64];
};

/* A matcher over `c`, which must outlive it.  `music_dirs` are the
 * scanned folders: folder names above them say nothing about a file. */
struct osp_matcher *osp_matcher_new(const struct osp_catalog *c,
				    char *const *music_dirs, size_t n_dirs);
void osp_matcher_free(struct osp_matcher *m);

/* Decides `*out` for track `t`.  With `explain` not NULL, appends one line
 * per signal considered and a last line with the decision. */
void osp_matcher_match(struct osp_matcher *m, const struct osp_track *t,
		       struct osp_match *out, struct osp_buf *explain);

/* What the file name of `t` says when its tags say nothing: its name
 * without folder and extension (`*stem`), and the credit and title in it
 * ("03. Chanyeol, Punch - Stay With Me"; `*artist` NULL without a dash;
 * `title` may be NULL).  The caller frees what it gets. */
void osp_match_file_name(const struct osp_track *t, char **stem,
			 char **artist, char **title);

/* Bumped whenever matching changes, so stored results are redone. */
#define OSP_MATCHER_VERSION 5

#endif
