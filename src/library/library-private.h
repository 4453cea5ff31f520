/*
 * What the files of the library module share and no other module sees:
 * the handle's fields and SQL fragments; what library.c gives the files
 * that keep one kind of data each (favorites.c, playlists.c, stickers.c,
 * ...), which call library.c but are not called by it; and the functions
 * of integrity.c (row checksums, SQLite's own checks) and backup.c (the
 * user-data file, userdata.h) that library.c calls, which do not call it.
 */
#ifndef OSTPLAY_LIBRARY_PRIVATE_H
#define OSTPLAY_LIBRARY_PRIVATE_H

#include <sqlite3.h>

#include "ostplay/library.h"

enum stmt {
	ST_INSERT,
	ST_UPDATE,
	ST_CLEAR_ARTISTS,
	ST_ADD_ARTIST,
	ST_REMOVE,
	ST_LAST_SEEN,
	ST_FAVORITE_OF,
	ST_CARRY_FAVORITE,
	ST_DROP_RETAGGED,
	ST_SET_MATCH,
	ST_SET_GROUP,
	ST_FIRST_BELOW,
	ST_SET_MEASURE,
	ST_ALL_ARTISTS,
	N_STMTS
};

struct osp_library {
	sqlite3 *db;
	char *path;
	char *read_only;	/* why it cannot be written, or NULL */
	sqlite3_stmt *stmts[N_STMTS];	/* prepared on first use */
	/* each_track's queries, one per combination of filters, kept: the
	 * daemon looks a track up by path for every file it queues. */
	sqlite3_stmt *track_queries[1 << 12];
	/* osp_library_snapshot's tracks, and what they were read and sorted
	 * for: the library's state then, the order asked for. */
	struct osp_track *snapshot;
	size_t n_snapshot, cap_snapshot;
	bool has_snapshot;
	int64_t snapshot_version, snapshot_changes;
	osp_library_order_fn *snapshot_order;
	void *snapshot_ctx;
	/* Favourites, playlists, rules or music folders changed since the
	 * user-data file was last written; it is written before the
	 * transaction that changed them commits. */
	bool user_data_changed;
	char *marker;		/* this handle's "open to write" file, or NULL */
	char *notice;		/* see osp_library_notice */
	struct osp_library_restored restored;
};

/* Artists travel through one query joined by this byte; osp_text_clean
 * turns every control character in a tag into a space, so no name holds it. */
#define ARTIST_SEP '\x1f'

/* Two rows hold the same song (see song_key in library.c): SQL on the
 * aliases a, b. */
#define SAME_SONG_MS "2000"
#define SAME_SONG(a, b) \
	"(" a ".song_key = " b ".song_key AND" \
	" abs(" a ".duration_ms - " b ".duration_ms) <= " SAME_SONG_MS ")"

/* Track t's artists, joined by ARTIST_SEP (char 31). */
#define ARTISTS_OF_T \
	"(SELECT group_concat(name, char(31)) FROM" \
	" (SELECT name FROM track_artist a WHERE a.track_id = t.id" \
	"  ORDER BY position))"

/* In SQL of the track table as t: the measured loudness stands for the
 * file as it is now. */
#define MEASURED_NOW \
	"(t.loud_size IS t.size AND t.loud_mtime_ns IS t.mtime_ns)"

/* Fills `err` from SQLite's last error on `lib`: a damaged file says so,
 * and how to repair it. */
bool osp_library_db_fail(struct osp_library *lib, struct osp_error *err,
			 const char *what);

/* A change of user data (favourites, playlists, rules, folders) runs
 * between these: begin opens a transaction unless one is open (`*own`
 * says which), end commits or rolls back what begin opened, after the
 * change said osp_library_user_data_changed, which has the user-data file
 * written at the commit. */
bool osp_library_user_change_begin(struct osp_library *lib, bool *own,
				   struct osp_error *err);
bool osp_library_user_change_end(struct osp_library *lib, bool own, bool ok,
				 struct osp_error *err);
bool osp_library_user_data_changed(struct osp_library *lib,
				   struct osp_error *err);

/* Adds the ARTIST_SEP-joined `names` to g->artists, up to its cap (a
 * library written before the cap may hold more). */
void osp_library_split_artists(struct osp_tags *g, const char *names);

/* The URI that opens `path` as immutable (no locks, no -shm file), newly
 * allocated. */
char *osp_library_immutable_uri(const char *path);

/* integrity.c */

/* Makes the SQL function osp_row_crc(...) known to `db`: the CRC-32 of
 * its arguments, types included. */
bool osp_row_crc_register(sqlite3 *db);
/* Gives every table (but `setting`) a row_crc column kept by triggers,
 * and fills it: run after each migration, inside its transaction, so
 * that columns added later are covered too. */
bool osp_row_checks_refresh(struct osp_library *lib, struct osp_error *err);
/* Checks `db` (SQLite's quick_check, else its full integrity_check, and
 * every row's checksum) into `r`. */
void osp_check_run(sqlite3 *db, bool quick, struct osp_check_report *r);

/* backup.c */

/* Writes the user-data file of `lib` from what it holds now (within the
 * caller's transaction, so the file and the commit agree). */
bool osp_backup_save(struct osp_library *lib, struct osp_error *err);
/* Puts the user-data file's records into `lib`, a library just created
 * (inside the transaction that creates it), counting them and the lines
 * it skips in lib->restored; a missing file is no error, and one that
 * cannot be read is said there. */
void osp_backup_restore(struct osp_library *lib);

#endif
