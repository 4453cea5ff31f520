/*
 * library — the SQLite database of the user's audio files.
 *
 * Owns the schema and its migrations (PRAGMA user_version), WAL mode and the
 * busy timeout, and every query.  No other module sees SQLite.  A file's
 * path is kept as its exact bytes, so names that are not UTF-8 survive and
 * can be opened again; every TEXT column holds valid UTF-8.
 *
 * One handle belongs to one thread.  Several processes may open the same
 * database: readers never block, a second writer waits up to the busy
 * timeout.
 */
#ifndef OSTPLAY_LIBRARY_H
#define OSTPLAY_LIBRARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ostplay/error.h"
#include "ostplay/gain.h"
#include "ostplay/tags.h"

struct osp_library;

/* What matching against the drama catalogs decided for a track. */
struct osp_track_match {
	bool done;		/* false until matched since the last change */
	char *drama;		/* canonical title, or NULL */
	char *ost_track;	/* canonical song title, or NULL */
	int ost_order;		/* the song's place in its catalog, else 0 */
	double confidence;	/* 0..1 */
	bool duet;
	bool instrumental;
	/* For no catalogued drama: the name of a drama no catalog lists that
	 * the file gave, and that name in another script when it gave both
	 * (NULL when none); `drama` is then the name of the group it is in. */
	char *found;
	char *found_alias;
	/* Files with one copy key hold one song (see one_per_song); NULL
	 * when matching found no song. */
	char *copy_key;
	char *version;	/* its version notes ("acoustic", "inst"), or NULL */
};

/* One audio file as stored. */
struct osp_track {
	int64_t id;		/* 0 for a track not yet stored */
	char *path;		/* path_len bytes + NUL; may hold any bytes */
	size_t path_len;
	int64_t size;
	int64_t mtime_ns;
	struct osp_tags tags;
	struct osp_track_match match;
	bool favorite;		/* its song is a favourite; read only */
	/* Its measured loudness, done only when measured since the file
	 * last changed; read only (osp_library_set_measure stores it). */
	struct osp_measure measure;
};

/* Which tracks osp_library_each_track lists; a zeroed struct is all of
 * them, ordered by path. */
struct osp_track_query {
	const char *drama;	/* only this drama's, in catalog order */
	bool unmatched;		/* only tracks of no drama */
	bool duets;
	bool instrumental;
	bool not_instrumental;
	bool needs_match;	/* only tracks not matched since they changed */
	bool favorites;		/* only favourites */
	bool discovered;	/* only tracks that found a drama's name */
	const char *path;	/* only the track with this exact path ... */
	size_t path_len;	/* ... of this many bytes */
	const char *under;	/* only tracks below this folder ... */
	size_t under_len;	/* ... (its path of this many bytes) */
	bool any_order;		/* in no particular order: cheaper for a
				 * caller that sorts them itself */
	/* Of the copies of one song (see below, and copy_key) that pass the
	 * filters, only the best: a lossless one (FLAC, WAV, AIFF, APE, WavPack, TTA, by
	 * the file name), then the highest bitrate, then the first by path. */
	bool one_per_song;
};

/* Opens (creating or migrating as needed) the database at `path`.  Returns
 * NULL and fills `err` on failure (OSP_ERR_READ_ONLY or OSP_ERR_FULL, and
 * why, when it cannot be written).  Close with osp_library_close. */
struct osp_library *osp_library_open(const char *path, struct osp_error *err);
void osp_library_close(struct osp_library *lib);
/* Like osp_library_open, and when the library cannot be written (a folder
 * or file the user may not write, a read-only file system, a full disk)
 * opens it to read only, as it was last stored: see
 * osp_library_read_only.  A library of an older schema cannot be read so
 * (it must be upgraded once with write access): NULL and `err` says so.
 * Every write to a read-only handle fails with OSP_ERR_READ_ONLY. */
struct osp_library *osp_library_open_to_read(const char *path,
					     struct osp_error *err);
/* Why `lib` was opened to read only ("no permission to write DIR"), or
 * NULL when it can be written; valid while `lib` is open. */
const char *osp_library_read_only(const struct osp_library *lib);

/* The path given to osp_library_open; valid while `lib` is open. */
const char *osp_library_path(const struct osp_library *lib);

/* Transactions: every write between begin and commit lands atomically. */
bool osp_library_begin(struct osp_library *lib, struct osp_error *err);
bool osp_library_commit(struct osp_library *lib, struct osp_error *err);
/* A transaction that only reads: one snapshot and one lock for many
 * queries.  End it with commit or rollback. */
bool osp_library_begin_read(struct osp_library *lib, struct osp_error *err);
void osp_library_rollback(struct osp_library *lib);

/* Inserts `t` when t->id is 0, setting t->id; otherwise replaces the
 * stored track t->id, path included, artists as a whole.  Inserting a path
 * that is stored already fails.  Either way the track waits for matching;
 * t->match is not stored here. */
bool osp_library_put_track(struct osp_library *lib, struct osp_track *t,
			   struct osp_error *err);
bool osp_library_remove_track(struct osp_library *lib, int64_t id,
			      struct osp_error *err);

/* What the scanner needs to decide whether a file changed.  `path` is only
 * valid during the call. */
typedef bool osp_library_file_fn(void *ctx, int64_t id, const char *path,
				 size_t path_len, int64_t size,
				 int64_t mtime_ns);
/* Calls `fn` for every stored file; stops early (still true) when `fn`
 * returns false. */
bool osp_library_each_file(struct osp_library *lib, osp_library_file_fn *fn,
			   void *ctx, struct osp_error *err);

/* Calls `fn` for every file whose loudness wants measuring: without
 * ReplayGain tags, or without a peak in them (R128 gives none), and not
 * measured (nor found undecodable) since it last
 * changed; ordered by path.  `fn` must not write to the library. */
bool osp_library_each_to_measure(struct osp_library *lib,
				 osp_library_file_fn *fn, void *ctx,
				 struct osp_error *err);
/* Stores the loudness `m` measured of track `id` as it was at `size` and
 * `mtime_ns` (as osp_library_each_to_measure gave them): if it has
 * changed since, it is measured again. */
bool osp_library_set_measure(struct osp_library *lib, int64_t id,
			     int64_t size, int64_t mtime_ns,
			     const struct osp_measure *m,
			     struct osp_error *err);

/* The loudness of the album `t` belongs to (the files of its folder with
 * its album tag), measured: their loudness combined by energy, weighted by
 * length (EBU R128 gates each file apart, so this is close to measuring
 * them as one, not the same), and the highest peak.  Not done when `t`
 * has no album tag or a file of the album is not measured as it is now. */
bool osp_library_album_measure(struct osp_library *lib,
			       const struct osp_track *t,
			       struct osp_measure *album,
			       struct osp_error *err);

/* Calls `fn` for every track `q` selects (NULL: all), ordered by path, or
 * by catalog order for a drama.  `t` and everything it points to are only
 * valid during the call; `fn` must not write to the library. */
typedef bool osp_library_track_fn(void *ctx, const struct osp_track *t);
bool osp_library_each_track(struct osp_library *lib,
			    const struct osp_track_query *q,
			    osp_library_track_fn *fn, void *ctx,
			    struct osp_error *err);

/* Stores what matching decided for track `id` and marks it done (the
 * caller leaves out tracks matched as before: see cli/dramas.c). */
bool osp_library_set_match(struct osp_library *lib, int64_t id,
			   const struct osp_track_match *m,
			   struct osp_error *err);
/* Stores the group of a track that found a drama no catalog lists: the
 * drama (NULL for none) and its copy key. */
bool osp_library_set_group(struct osp_library *lib, int64_t id,
			   const char *drama, const char *copy_key,
			   struct osp_error *err);
/* A string that changes whenever the set of tracks that found a drama's
 * name does; newly allocated, NULL on error. */
char *osp_library_discovered_stamp(struct osp_library *lib);

/* Calls `fn` with each drama's name a group of tracks found, the name
 * they gave and its alias (NULL when none), and how many gave it. */
typedef void osp_library_found_fn(void *ctx, const char *drama,
				  const char *found, const char *alias,
				  int64_t n);
bool osp_library_each_found_name(struct osp_library *lib,
				 osp_library_found_fn *fn, void *ctx,
				 struct osp_error *err);

/* What the user said of a discovered drama's name, kept across scans:
 * under `key` (the name's osp_discover_key), `name` is another name of
 * the drama `target`, or with `target` NULL no drama at all. */
bool osp_library_set_drama_rule(struct osp_library *lib, const char *key,
				const char *name, const char *target,
				struct osp_error *err);
bool osp_library_delete_drama_rule(struct osp_library *lib, const char *key,
				   bool *found, struct osp_error *err);
typedef void osp_library_rule_fn(void *ctx, const char *name,
				 const char *target);
bool osp_library_each_drama_rule(struct osp_library *lib,
				 osp_library_rule_fn *fn, void *ctx,
				 struct osp_error *err);

/* Calls `fn` with each drama that has matched tracks and their number. */
typedef void osp_library_count_fn(void *ctx, const char *drama, int64_t n);
bool osp_library_count_by_drama(struct osp_library *lib,
				osp_library_count_fn *fn, void *ctx,
				struct osp_error *err);

/* A small key/value store for the library's own bookkeeping.  get returns
 * a newly allocated value, or NULL when unset or on error. */
char *osp_library_get_setting(struct osp_library *lib, const char *key);
bool osp_library_set_setting(struct osp_library *lib, const char *key,
			     const char *value, struct osp_error *err);

/* Orders tracks for osp_library_snapshot: <0, 0, >0 as for qsort. */
typedef int osp_library_order_fn(const struct osp_track *a,
				 const struct osp_track *b, void *ctx);
/* Every track, held in memory by `lib` and read again only when the
 * library changed since (through this handle or another process), in the
 * order `order` gives with `ctx` (sorted again when they differ from the
 * last call's; NULL: as they came).  One query for the whole library, then
 * none until it changes: for a server answering many searches.  `*tracks`
 * (n of them) stays valid until the next call or osp_library_close; the
 * caller must not write to the library while it uses them. */
bool osp_library_snapshot(struct osp_library *lib,
			  osp_library_order_fn *order, void *ctx,
			  const struct osp_track **tracks, size_t *n,
			  struct osp_error *err);

/* Calls `fn` with each entry directly in the folder at `folder` (a path
 * of folder_len bytes, no trailing slash) that holds tracks: a file
 * (`is_folder` false) or a sub-folder with tracks below it, by name
 * (`len` bytes, only valid during the call), in the order of their
 * paths' bytes; stops early when `fn` returns false. */
typedef bool osp_library_child_fn(void *ctx, const char *name, size_t len,
				  bool is_folder);
bool osp_library_each_child(struct osp_library *lib, const char *folder,
			    size_t folder_len, osp_library_child_fn *fn,
			    void *ctx, struct osp_error *err);

/* What MPD's `stats` tells of the library. */
struct osp_library_stats {
	int64_t songs;
	int64_t artists;	/* distinct artist names */
	int64_t albums;		/* distinct album titles */
	int64_t playtime_ms;	/* of all songs */
	int64_t updated;	/* when a track was last stored (Unix time),
				 * 0 for an empty library */
};
bool osp_library_stats(struct osp_library *lib, struct osp_library_stats *st,
		       struct osp_error *err);

/* Whether any track waits to be matched; true when it cannot tell, so
 * that the caller looks. */
bool osp_library_any_unmatched(struct osp_library *lib);

/* Whether a track of `drama` (canonical or discovered title) is stored;
 * true when it cannot tell. */
bool osp_library_drama_has_tracks(struct osp_library *lib, const char *drama);

int64_t osp_library_count_tracks(struct osp_library *lib,
				 struct osp_error *err);	/* -1 on error */

/* A number that changes whenever another process (a scan, an import)
 * commits to the library: SQLite's data_version.  -1 on error. */
int64_t osp_library_version(struct osp_library *lib);

/* The folders scanned before, remembered for the next scan. */
bool osp_library_add_music_dir(struct osp_library *lib, const char *path,
			       struct osp_error *err);
/* Fills a newly allocated array of newly allocated paths; the caller frees
 * each and the array. */
bool osp_library_music_dirs(struct osp_library *lib, char ***dirs,
			    size_t *n_dirs, struct osp_error *err);

/*
 * Favourites and imported playlists belong to songs, not files.  A song is
 * named by its title, artists and album (an untagged file by its file
 * name) with a duration within 2 s, so both survive re-scans and a move or
 * rename of the file within the music folders (a move only, for an
 * untagged file), and two copies of one recording (a FLAC and the MP3 made
 * from it) are one song.  A favourite's file stored again with other tags
 * (osp_library_put_track of its id) carries the mark to its new song when
 * the duration is still within 2 s.
 */

/* Whether tracks `a` and `b` hold the same song. */
bool osp_library_same_song(struct osp_library *lib, int64_t a, int64_t b);

/* Makes track `id`'s song a favourite (`on`) or not; `*changed` (may be
 * NULL) says whether that changed anything. */
bool osp_library_set_favorite(struct osp_library *lib, int64_t id, bool on,
			      bool *changed, struct osp_error *err);

struct osp_favorite {
	const char *title;	/* as tagged when marked; may be NULL */
	char *const *artists;
	size_t n_artists;
	const char *album;	/* may be NULL */
	int duration_ms;
	const char *path;	/* a file of the song, or the last one known */
	size_t path_len;
	bool present;		/* some file in the library holds the song */
	const void *key;	/* the song, for osp_library_unmark_favorite */
	size_t key_len;
};
typedef bool osp_library_favorite_fn(void *ctx, const struct osp_favorite *f);
/* Unmarks the favourite `f` (as each_favorite gave it, during that call, or
 * a copy): the way to one whose files are all gone. */
bool osp_library_unmark_favorite(struct osp_library *lib,
				 const struct osp_favorite *f,
				 struct osp_error *err);
/* Calls `fn` for each favourite, in the order they were marked; `f` is
 * only valid during the call; stops early when `fn` returns false. */
bool osp_library_each_favorite(struct osp_library *lib,
			       osp_library_favorite_fn *fn, void *ctx,
			       struct osp_error *err);

/* Playlist names are one in every case and width (osp_text_fold): "road
 * trip" finds the playlist "Road trip", and saving "road trip" replaces
 * it.  The functions that take a stored name below take it exactly: find
 * it first. */

/* Saves the tracks `ids` in order as the playlist `name`, replacing one of
 * that name in any case, atomically. */
bool osp_library_save_playlist(struct osp_library *lib, const char *name,
			       const int64_t *ids, size_t n,
			       struct osp_error *err);
/* Whether a playlist of the name `name`, in any case, is saved (false on
 * error too). */
bool osp_library_has_playlist(struct osp_library *lib, const char *name);
/* Sets `*stored` to the stored name of the playlist `name` denotes, newly
 * allocated (the caller frees): the one of exactly that name, else the one
 * of that name in another case; NULL when there is none, or when several
 * differ from `name` only in case (saved before names were one in every
 * case) and none is `name` exactly. */
bool osp_library_find_playlist(struct osp_library *lib, const char *name,
			       char **stored, struct osp_error *err);
/* MPD's stickers on songs, by path, any name but `favorite` (which is
 * the favourite mark above); kept in the user-data file too
 * (src/library/stickers.c). */
bool osp_library_set_sticker(struct osp_library *lib, const char *path,
			     size_t path_len, const char *name,
			     const char *value, struct osp_error *err);
/* Deletes the sticker `name` of the song, or all of them for NULL;
 * `*found` says whether there was one. */
bool osp_library_delete_sticker(struct osp_library *lib, const char *path,
				size_t path_len, const char *name,
				bool *found, struct osp_error *err);
typedef bool osp_library_sticker_fn(void *ctx, const char *path,
				    size_t path_len, const char *name,
				    const char *value);
/* Calls `fn` for each sticker of the song at `path` (NULL: of every
 * song whose path starts with `prefix`, NULL for all) named `name` (NULL:
 * any), by path and name. */
bool osp_library_each_sticker(struct osp_library *lib, const char *path,
			      size_t path_len, const char *prefix,
			      const char *name, osp_library_sticker_fn *fn,
			      void *ctx, struct osp_error *err);

/* One entry of a saved playlist: the file it was saved with, and the song
 * (key and length) that finds it again after a rescan. */
struct osp_playlist_entry {
	char *path;
	size_t path_len;
	char *song_key;
	size_t key_len;
	int duration_ms;
};

/* The entries of the playlist stored as `name`, as stored, even those
 * whose file is gone (src/library/playlists.c); `*found` says whether the
 * playlist exists.  Free with osp_playlist_entries_free. */
bool osp_library_playlist_entries(struct osp_library *lib, const char *name,
				  struct osp_playlist_entry **entries,
				  size_t *n, bool *found,
				  struct osp_error *err);
/* The entry that saves the library track `id`. */
bool osp_library_track_entry(struct osp_library *lib, int64_t id,
			     struct osp_playlist_entry *e,
			     struct osp_error *err);
/* Makes `e` the entries of the playlist stored as `name`, creating it
 * when there is none, atomically. */
bool osp_library_set_playlist_entries(struct osp_library *lib,
				      const char *name,
				      const struct osp_playlist_entry *e,
				      size_t n, struct osp_error *err);
/* Renames the playlist stored as `from` (it must exist, and `to` must
 * not). */
bool osp_library_rename_playlist(struct osp_library *lib, const char *from,
				 const char *to, struct osp_error *err);
void osp_playlist_entries_free(struct osp_playlist_entry *e, size_t n);

/* Removes the playlist stored as `name`; `*found` says whether there was
 * one. */
bool osp_library_delete_playlist(struct osp_library *lib, const char *name,
				 bool *found, struct osp_error *err);
/* Calls `fn` with each saved playlist's name and number of entries. */
bool osp_library_each_playlist(struct osp_library *lib,
			       osp_library_count_fn *fn, void *ctx,
			       struct osp_error *err);
/* Calls `fn` for each track of the playlist stored as `name` in order: the
 * file saved, else a file of the same song; entries with neither are left
 * out.  `*found` says whether the playlist exists. */
bool osp_library_each_playlist_track(struct osp_library *lib,
				     const char *name,
				     osp_library_track_fn *fn, void *ctx,
				     bool *found, struct osp_error *err);

/*
 * Damage.  SQLite notices a broken page, not a changed byte inside a
 * row's text, so every row (but the bookkeeping of `setting`) also holds
 * a CRC-32 of its content, kept up to date by triggers and verified by
 * osp_library_check.  A handle opened to write leaves a marker file
 * ("library.db.open-PID-N") until it is closed; the next open that finds
 * the marker of a process that is gone checks the library at once (see
 * osp_library_notice).  An error that means damage (SQLITE_CORRUPT,
 * SQLITE_NOTADB) says so in its message, and how to repair it.
 *
 * What a rescan cannot rebuild (music folders, favourites, playlists,
 * drama rules) is also kept in a plain-text file beside the library
 * (userdata.h), written whenever it changes, before the change commits;
 * a library created where that file exists starts from it.
 */

#define OSP_CHECK_MAX_PARTS 12

/* One kind of data and what the check found in it. */
struct osp_check_part {
	char kind[32];		/* "tracks", "favourites", "playlists", ... */
	int64_t rows;		/* rows read; -1 when they could not be */
	int64_t bad_rows;	/* rows whose content changed (checksum) */
	int64_t problems;	/* SQLite's findings in its tables, indexes */
};

struct osp_check_report {
	bool readable;		/* false: not readable as a library at all */
	struct osp_check_part parts[OSP_CHECK_MAX_PARTS];
	size_t n_parts;
	int64_t other_problems;	/* findings in no table: free pages, ... */
	char first_problem[256];	/* SQLite's first finding, or why
					 * it could not be read; "" if none */
};

/* Whether `r` found anything wrong. */
bool osp_check_report_damaged(const struct osp_check_report *r);

/* Checks the library at `path` (SQLite's integrity_check and each row's
 * checksum) into `r`, reading only: it works on a library the user may
 * not write, and on one too damaged to open.  False only when there is
 * no library at `path` (OSP_ERR_NOT_FOUND). */
bool osp_library_check(const char *path, struct osp_check_report *r,
		       struct osp_error *err);

/* One line for the user about what opening `lib` found (damage after an
 * unclean shutdown), or NULL; valid while `lib` is open. */
const char *osp_library_notice(const struct osp_library *lib);

/* What a library created by this open took from the user-data file. */
struct osp_library_restored {
	bool done;		/* it was created, and the file was there */
	size_t music_dirs, favorites, playlists, entries, rules, stickers;
	size_t bad_lines;	/* lines of the file skipped */
	char error[512];	/* why the file could not be read, or "" */
};
const struct osp_library_restored *
osp_library_restored(const struct osp_library *lib);

/* Writes the user-data file afresh from what `lib` holds (a file that had
 * bad lines loses them). */
bool osp_library_save_user_data(struct osp_library *lib,
				struct osp_error *err);

/* Moves the library at `path` aside, with its -wal and -shm files, as
 * "PATH.damaged-YYYYMMDD-HHMMSS" (and "-N" after it when that is taken:
 * nothing is replaced), which `*aside` receives (newly
 * allocated), so that the next open creates a new one.  Fails with
 * OSP_ERR_READ_ONLY, saying why, when the folder cannot be written. */
bool osp_library_set_aside(const char *path, char **aside,
			   struct osp_error *err);

/* Frees what osp_track holds (not `t` itself) and zeroes it. */
void osp_track_clear(struct osp_track *t);

#endif
