/*
 * catalog — the curated drama OST catalogs.
 *
 * Loads catalog files (XSPF with the urn:x-ostplay:catalog:1 extension,
 * see the README) into dramas, their aliases and their songs with each
 * performer.  Knows nothing of the user's files: matching them is the
 * match module's work.  A file whose title or alias names a drama already
 * loaded extends that drama; otherwise it adds one.
 */
#ifndef OSTPLAY_CATALOG_H
#define OSTPLAY_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ostplay/error.h"

#define OSP_CATALOG_NS "urn:x-ostplay:catalog:1"

struct osp_performer {
	char *name;
	char **aliases;
	size_t n_aliases;
};

struct osp_song {
	char *title;
	char **aliases;
	size_t n_aliases;
	struct osp_performer *performers;
	size_t n_performers;
	int part;		/* OST part, 0 when unknown */
	bool instrumental;
};

struct osp_drama {
	char *title;		/* canonical */
	char **aliases;
	size_t n_aliases;
	int year;		/* 0 when unknown */
	char *network;		/* NULL when unknown; likewise country */
	char *country;
	struct osp_song *songs;
	size_t n_songs;
	/* Singers of its OST whose songs the catalog does not list. */
	struct osp_performer *performers;
	size_t n_performers;
	char *file;		/* the catalog file that defined it */
	/* Not from a catalog: named by the user's files (see discover.h),
	 * with no songs, only its title and the other names files gave. */
	bool discovered;
	/* Read from the catalog cache: its strings and arrays live in the
	 * catalog's blocks, freed with them, never one by one. */
	bool cached;
};

/* A name of a drama loaded from a file, as osp_text_compact's key. */
struct osp_catalog_key {
	char *key;
	size_t drama;	/* index into osp_catalog.dramas */
};

/* All dramas loaded; a zeroed struct is an empty catalog. */
struct osp_catalog {
	struct osp_drama *dramas;
	size_t n_dramas;
	/* Changes whenever a loaded file does (path, size, mtime), so that
	 * stored match results can be known to be stale. */
	uint64_t fingerprint;
	/* The names of the dramas loaded from files, each folded once, so
	 * that a file naming a drama already loaded finds it at once. */
	struct osp_catalog_key *keys;
	size_t n_keys;
	size_t n_keyed;	/* dramas[0..n_keyed) have their names there */
	/* The memory of the dramas read from the cache (see
	 * catalog-cache.h), freed whole. */
	void **blocks;
	size_t n_blocks;
};

/* Loads one catalog file.  On failure nothing of it is loaded and `err`
 * says "FILE:LINE: what". */
bool osp_catalog_load_file(struct osp_catalog *c, const char *path,
			   struct osp_error *err);

/* The paths of the catalog files in `dir` (every *.xspf not hidden), in
 * name order, the order they load in; returns how many (none for a
 * missing folder).  The caller frees each and the array. */
size_t osp_catalog_list_dir(const char *dir, char ***paths);

typedef void osp_catalog_error_fn(void *ctx, const struct osp_error *err);
/* Loads every *.xspf in `dir`, in name order; each file that fails is
 * reported to `on_error` (if not NULL) and the others still load.  A
 * missing folder holds no catalogs.  Returns the number of files loaded. */
size_t osp_catalog_load_dir(struct osp_catalog *c, const char *dir,
			    osp_catalog_error_fn *on_error, void *ctx);

void osp_catalog_free(struct osp_catalog *c);

/* Adds the discovered drama `title` (see osp_drama.discovered) and
 * returns it, or the one of that title already added; NULL when a
 * catalogued drama has that title.  Valid until the next addition. */
struct osp_drama *osp_catalog_add_discovered(struct osp_catalog *c,
					     const char *title);
/* Adds `alias` to `d`'s names, unless it is one already. */
void osp_drama_add_alias(struct osp_drama *d, const char *alias);

/* Finds dramas named `name`: by title or alias ignoring case, width, spaces
 * and punctuation, or by their romanisation; failing that, dramas whose
 * title or alias starts with `name`; failing that, those whose title or
 * alias has all the words of `name` in order ("full house 2" for Full
 * House Take 2); failing that, names within a typo per six letters of it
 * ("Desendants of the Sun").  The numbers written in `name` (runs of
 * digits, roman numerals II to IX) must be numbers of the drama's name in
 * every case, so "Reply 1994" finds neither Reply 1997 nor Reply 1988; a
 * name's numbers may be left out only with a part of it ("reply", or
 * "reply 19" unfinished).  Stores up to `max` indexes into `found` and
 * returns how many dramas matched (which may exceed `max`). */
size_t osp_catalog_find(const struct osp_catalog *c, const char *name,
			size_t *found, size_t max);

/* For a `name` that finds no drama: stores in `found` the indexes of up
 * to `max` dramas with the names closest to it, closest first (by edits
 * per letter, and words in common), leaving out those too far to be what
 * was meant.  Returns how many it stored. */
size_t osp_catalog_suggest(const struct osp_catalog *c, const char *name,
			   size_t *found, size_t max);

/* The index of the drama whose canonical title is exactly `title` (as the
 * library stores it, and as MPD clients name a drama's playlist), or -1. */
long osp_catalog_title_index(const struct osp_catalog *c, const char *title);

#endif
