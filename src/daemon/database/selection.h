/*
 * selection — the songs a database command works on: the library's
 * tracks below a folder, or of one URI, that pass a filter, in the order
 * MPD walks its directory tree (a folder's songs by album, disc, track
 * and name, then each sub-folder), then sorted by a tag and cut to a
 * window as `sort` and `window` ask.  Reads the library (its snapshot, or
 * its indexes for a drama or a path); prints nothing.
 */
#ifndef OSTPLAY_DAEMON_DATABASE_SELECTION_H
#define OSTPLAY_DAEMON_DATABASE_SELECTION_H

#include "../daemon-private.h"
#include "filter.h"
#include "song.h"

/* One song selected: its track, URI and where its folder ends. */
struct hit {
	const struct osp_track *t;	/* the library's snapshot's, or a
					 * copy in the selection's `owned` */
	const char *uri;		/* into t->path */
	size_t dir_len;			/* of the URI's folder ("" at the
					 * root) */
};

struct selection;
/* What a selection does with each song instead of keeping it; `t` is
 * only valid during the call. */
typedef void song_fn(struct selection *s, const char *uri,
		     const struct osp_track *t);

struct selection {
	struct daemon *d;
	const struct db_filter *filter;	/* NULL: every song */
	const char *uri;	/* a song of this URI only, or NULL */
	song_fn *each;		/* NULL: keep them in `hits` */
	void *ctx;		/* for `each` */
	struct hit *hits;
	size_t n, cap;
	struct osp_track **owned;	/* copies of tracks read one by one */
	size_t n_owned, cap_owned;
	bool sorted;	/* by a tag: MPD then copies its songs, and its
			 * copies have no audio format */
};

/* `sort TAG` and `window START:END` off the end of a find's words. */
struct db_order {
	enum db_tag sort;	/* DB_N_TAGS: MPD's walk order */
	bool by_mtime;		/* sort Last-Modified */
	bool descending;
	unsigned long start, end;	/* the window */
};

/* Frees what the selection holds (not the filter) and empties it. */
void db_selection_free(struct selection *s);

/* qsort, but given no NULL: an empty array may be. */
void db_sort(void *v, size_t n, size_t size,
	     int (*compare)(const void *, const void *));

/* The path of folder `uri` ("" for the root) in music folder `i`; newly
 * allocated. */
char *db_folder_path(const struct daemon *d, size_t i, const char *uri);

/* MPD's order of two hits, for db_sort. */
int db_compare_walk(const void *x, const void *y);

/* Adds the songs below folder `under` ("" for all) that pass s->filter,
 * in MPD's order; false with the ACK in `r` on a library error. */
bool db_select_below(struct daemon *d, struct reply *r, struct selection *s,
		     const char *under);
/* Adds the song `uri` names when it passes s->filter (nothing when there
 * is none). */
bool db_select_song(struct daemon *d, struct reply *r, struct selection *s,
		    const char *uri);
/* Whether `uri` ("" the root) is a folder holding songs. */
bool db_is_folder(struct daemon *d, const char *uri);
/* The songs below `base` (a folder or one song; NULL for all) that pass
 * s->filter, as MPD narrows a search to its base: MPD's "No such
 * directory" in `r` when it names neither. */
bool db_select_base(struct daemon *d, struct reply *r, struct selection *s,
		    const char *base);
/* "" for "/", which clients send for MPD's root; else `uri`. */
const char *db_root_uri(const char *uri);

/* Takes `sort TAG` and `window START:END` off the end of the `*argc`
 * words; false with MPD's ACK in `r` when they are wrong. */
bool db_parse_order(struct reply *r, int *argc, char **argv,
		    struct db_order *o);
/* Sorts and cuts the selection as `o` says (the copies of the songs cut
 * stay held until db_selection_free). */
void db_apply_order(struct selection *s, struct db_order *o);

#endif
