#include "ostplay/library.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "library-private.h"
#include "ostplay/userdata.h"

#include "ostplay/buf.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

static bool backfill_song_keys(struct osp_library *lib,
			       struct osp_error *err);

/* migrations[v] takes a database from user_version v to v + 1: its SQL,
 * then, when new columns need values only C can compute, a step in C. */
static const struct migration {
	const char *sql;
	bool (*then)(struct osp_library *lib, struct osp_error *err);
} migrations[] = {
	{
		.sql =
		"CREATE TABLE music_dir (\n"
		"  path BLOB PRIMARY KEY\n"
		") WITHOUT ROWID;\n"
		"CREATE TABLE track (\n"
		"  id INTEGER PRIMARY KEY,\n"
		"  path BLOB NOT NULL UNIQUE,\n"	/* exact bytes of the file name */
		"  size INTEGER NOT NULL,\n"
		"  mtime_ns INTEGER NOT NULL,\n"
		"  title TEXT,\n"
		"  album TEXT,\n"
		"  album_artist TEXT,\n"
		"  genre TEXT,\n"
		"  comment TEXT,\n"
		"  track_no INTEGER NOT NULL DEFAULT 0,\n"
		"  disc_no INTEGER NOT NULL DEFAULT 0,\n"
		"  year INTEGER NOT NULL DEFAULT 0,\n"
		"  duration_ms INTEGER NOT NULL DEFAULT 0,\n"
		"  bitrate INTEGER NOT NULL DEFAULT 0,\n"
		"  sample_rate INTEGER NOT NULL DEFAULT 0,\n"
		"  channels INTEGER NOT NULL DEFAULT 0,\n"
		"  added_at INTEGER NOT NULL\n"
		");\n"
		"CREATE TABLE track_artist (\n"
		"  track_id INTEGER NOT NULL REFERENCES track(id) ON DELETE CASCADE,\n"
		"  position INTEGER NOT NULL,\n"
		"  name TEXT NOT NULL,\n"
		"  PRIMARY KEY (track_id, position)\n"
		") WITHOUT ROWID;\n",
	},

	/* 2: what matching against the catalogs decided. */
	{
		.sql =
		"ALTER TABLE track ADD COLUMN matched INTEGER NOT NULL DEFAULT 0;\n"
		"ALTER TABLE track ADD COLUMN drama TEXT;\n"
		"ALTER TABLE track ADD COLUMN ost_track TEXT;\n"
		"ALTER TABLE track ADD COLUMN ost_order INTEGER NOT NULL DEFAULT 0;\n"
		"ALTER TABLE track ADD COLUMN confidence REAL NOT NULL DEFAULT 0;\n"
		"ALTER TABLE track ADD COLUMN duet INTEGER NOT NULL DEFAULT 0;\n"
		"ALTER TABLE track ADD COLUMN instrumental INTEGER NOT NULL DEFAULT 0;\n"
		"CREATE INDEX track_by_drama ON track (drama, ost_order)"
		" WHERE drama IS NOT NULL;\n"
		"CREATE INDEX track_to_match ON track (id) WHERE matched = 0;\n"
		"CREATE TABLE setting (\n"
		"  key TEXT PRIMARY KEY,\n"
		"  value TEXT NOT NULL\n"
		") WITHOUT ROWID;\n",
	},

	/* 3: favourites and imported playlists, both held by song (see
	 * song_key) so that they outlive the file's path; backfill_song_keys
	 * fills the new column for the tracks already stored. */
	{
		.sql =
		"ALTER TABLE track ADD COLUMN song_key BLOB;\n"
		"CREATE INDEX track_by_song_key ON track (song_key);\n"
		"CREATE TABLE favorite (\n"
		"  song_key BLOB NOT NULL,\n"
		"  duration_ms INTEGER NOT NULL,\n"
		"  path BLOB NOT NULL,\n"		/* last known file */
		"  title TEXT,\n"
		"  artists TEXT,\n"
		"  album TEXT,\n"
		"  added_at INTEGER NOT NULL,\n"
		"  PRIMARY KEY (song_key, duration_ms)\n"
		") WITHOUT ROWID;\n"
		"CREATE TABLE playlist (\n"
		"  id INTEGER PRIMARY KEY,\n"
		"  name TEXT NOT NULL UNIQUE,\n"
		"  created_at INTEGER NOT NULL\n"
		");\n"
		"CREATE TABLE playlist_entry (\n"
		"  playlist_id INTEGER NOT NULL REFERENCES playlist(id)"
		" ON DELETE CASCADE,\n"
		"  position INTEGER NOT NULL,\n"
		"  path BLOB NOT NULL,\n"
		"  song_key BLOB NOT NULL,\n"
		"  duration_ms INTEGER NOT NULL,\n"
		"  PRIMARY KEY (playlist_id, position)\n"
		") WITHOUT ROWID;\n",
		.then = backfill_song_keys,
	},

	/* 4: dramas no catalog lists, found in the files' names and grouped
	 * (found_drama, found_alias: the names a file gave; drama: the
	 * group's), the rules the user set for them, and copy_key: files that
	 * matching found to hold one song, whatever their tags, in one
	 * version (version: its notes, "acoustic"). */
	{
		.sql =
		"ALTER TABLE track ADD COLUMN found_drama TEXT;\n"
		"ALTER TABLE track ADD COLUMN found_alias TEXT;\n"
		"ALTER TABLE track ADD COLUMN copy_key TEXT;\n"
		"ALTER TABLE track ADD COLUMN version TEXT;\n"
		"CREATE INDEX track_found ON track (id)"
		" WHERE found_drama IS NOT NULL;\n"
		"CREATE INDEX track_by_copy_key ON track (copy_key)"
		" WHERE copy_key IS NOT NULL;\n"
		"CREATE TABLE drama_rule (\n"
		"  name_key TEXT PRIMARY KEY,\n"
		"  name TEXT NOT NULL,\n"
		"  target TEXT\n"		/* NULL: the name is no drama */
		") WITHOUT ROWID;\n",
	},

	/* 5: a checksum in every row (see integrity.c), and the user-data
	 * file (see backup.c), which migrate() writes for a library that
	 * had none. */
	{
		.sql = "",
		.then = osp_row_checks_refresh,
	},

	/* 6: the tags MPD clients show that were not kept (the date as
	 * tagged, composer, performer, sample size) and when each row was
	 * last stored (MPD's db_update).  The files already stored are read
	 * again by the next scan: their mtime no longer matches. */
	{
		.sql =
		"ALTER TABLE track ADD COLUMN composer TEXT;\n"
		"ALTER TABLE track ADD COLUMN performer TEXT;\n"
		"ALTER TABLE track ADD COLUMN date TEXT;\n"
		"ALTER TABLE track ADD COLUMN bits INTEGER NOT NULL DEFAULT 0;\n"
		"ALTER TABLE track ADD COLUMN stored_at INTEGER NOT NULL"
		" DEFAULT 0;\n"
		"UPDATE track SET date = CAST(year AS TEXT) WHERE year > 0;\n"
		"UPDATE track SET stored_at = added_at, mtime_ns = -1;\n",
	},

	/* 7: MPD's stickers of any name on a song, by its path, as mpd
	 * keeps them (the `favorite` sticker stays the favourite mark). */
	{
		.sql =
		"CREATE TABLE sticker (\n"
		"  path BLOB NOT NULL,\n"
		"  name TEXT NOT NULL,\n"
		"  value TEXT NOT NULL,\n"
		"  PRIMARY KEY (path, name)\n"
		") WITHOUT ROWID;\n",
	},

	/* 8: loudness: the ReplayGain a file's tags give (R128 converted),
	 * NULL when absent, which a re-scan of each file fills; and its
	 * measured loudness. */
	{
		.sql =
		"ALTER TABLE track ADD COLUMN rg_track_gain REAL;\n"
		"ALTER TABLE track ADD COLUMN rg_track_peak REAL;\n"
		"ALTER TABLE track ADD COLUMN rg_album_gain REAL;\n"
		"ALTER TABLE track ADD COLUMN rg_album_peak REAL;\n"
		/* The measured loudness, of the file as it was at loud_size
		 * and loud_mtime_ns: stale once it changes.  loud_ok = 0: it
		 * could not be decoded, and is not tried again until then. */
		"ALTER TABLE track ADD COLUMN loud_size INTEGER;\n"
		"ALTER TABLE track ADD COLUMN loud_mtime_ns INTEGER;\n"
		"ALTER TABLE track ADD COLUMN loud_ok INTEGER;\n"
		"ALTER TABLE track ADD COLUMN loud_lufs REAL;\n"
		"ALTER TABLE track ADD COLUMN loud_peak REAL;\n"
		/* Tracks stored before had their tags read without gain:
		 * the next scan reads them again. */
		"UPDATE track SET mtime_ns = -1;\n",
	},

	/* 9: tracks and their artists are inserted with their checksums,
	 * without insert triggers (integrity.c); the triggers are made again
	 * by the refresh that follows every migration. */
	{
		.sql = "",
	},
};

#define BUSY_TIMEOUT_MS 10000

#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))

/* The id a new track row gets when none is given. */
#define NEXT_TRACK_ID "(SELECT ifnull(max(id), 0) + 1 FROM track)"

static const char *const stmt_sql[N_STMTS] = {
	/* Plain statements, no upsert with RETURNING: SQLite builds a
	 * temporary table for RETURNING on every row, which made storing
	 * cost three times as much.  A new row is written once: its gain
	 * tags, its match when the scan matched it, and its checksum go in
	 * with the rest. */
	[ST_INSERT] =
		"INSERT INTO track (path, size, mtime_ns, title, album,"
		" album_artist, genre, comment, track_no, disc_no, year,"
		" duration_ms, bitrate, sample_rate, channels, added_at,"
		" song_key, composer, performer, date, bits, stored_at,"
		" rg_track_gain, rg_track_peak, rg_album_gain, rg_album_peak,"
		" matched, drama, ost_track, ost_order, confidence, duet,"
		" instrumental, found_drama, found_alias, copy_key, version,"
		" id, row_crc)"
		/* The id SQLite would give it, and the checksum of every
		 * column in the table's order: track has no insert trigger
		 * to store it (integrity.c, inserts_carry_checksum).  VALUES,
		 * not INSERT ... SELECT, which copies through a temporary
		 * table when it reads the table it writes. */
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
		" ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,"
		" ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32,"
		" ?33, ?34, ?35, ?36, ?37, " NEXT_TRACK_ID ","
		" osp_row_crc(" NEXT_TRACK_ID ", ?1, ?2, ?3, ?4, ?5, ?6, ?7,"
		"  ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?27, ?28, ?29,"
		"  ?30, ?31, ?32, ?33, ?17, ?34, ?35, ?36, ?37, ?18, ?19, ?20,"
		"  ?21, ?22, ?23, ?24, ?25, ?26, NULL, NULL, NULL, NULL, NULL))",
	[ST_UPDATE] =
		"UPDATE track SET path = ?1, size = ?2, mtime_ns = ?3,"
		" title = ?4, album = ?5, album_artist = ?6, genre = ?7,"
		" comment = ?8, track_no = ?9, disc_no = ?10, year = ?11,"
		" duration_ms = ?12, bitrate = ?13, sample_rate = ?14,"
		" channels = ?15, song_key = ?17, composer = ?18,"
		" performer = ?19, date = ?20, bits = ?21, stored_at = ?22,"
		" rg_track_gain = ?23, rg_track_peak = ?24,"
		" rg_album_gain = ?25, rg_album_peak = ?26,"
		" matched = 0 WHERE id = ?16",
	[ST_SET_MATCH] =
		"UPDATE track SET matched = 1, drama = ?2, ost_track = ?3,"
		" ost_order = ?4, confidence = ?5, duet = ?6, instrumental = ?7,"
		" found_drama = ?8, found_alias = ?9, copy_key = ?10,"
		" version = ?11"
		" WHERE id = ?1",
	[ST_SET_GROUP] =
		"UPDATE track SET drama = ?2, copy_key = ?3 WHERE id = ?1"
		" AND (drama IS NOT ?2 OR copy_key IS NOT ?3)",
	[ST_SET_MEASURE] =
		"UPDATE track SET loud_size = ?2, loud_mtime_ns = ?3,"
		" loud_ok = ?4, loud_lufs = ?5, loud_peak = ?6 WHERE id = ?1",
	[ST_FIRST_BELOW] =
		"SELECT path FROM track WHERE path >= ?1 AND path < ?2"
		" ORDER BY path LIMIT 1",
	[ST_ALL_ARTISTS] =
		"SELECT track_id, name FROM track_artist"
		" ORDER BY track_id, position",
	[ST_CLEAR_ARTISTS] = "DELETE FROM track_artist WHERE track_id = ?1",
	[ST_ADD_ARTIST] =	/* with its checksum, as ST_INSERT */
		"INSERT INTO track_artist (track_id, position, name, row_crc)"
		" VALUES (?1, ?2, ?3, osp_row_crc(?1, ?2, ?3))",
	[ST_REMOVE] = "DELETE FROM track WHERE id = ?1",
	/* A favourite's file going away: where it was is where to look. */
	[ST_LAST_SEEN] =
		"UPDATE favorite AS f SET path = t.path FROM track t"
		" WHERE t.id = ?1 AND " SAME_SONG("f", "t"),
	/* A re-tagged file (see carry_favorite). */
	[ST_FAVORITE_OF] =
		"SELECT f.song_key, f.duration_ms FROM favorite f, track t"
		" WHERE t.id = ?1 AND " SAME_SONG("f", "t") " LIMIT 1",
	[ST_CARRY_FAVORITE] =
		"INSERT INTO favorite (song_key, duration_ms, path, title,"
		" artists, album, added_at)"
		" SELECT t.song_key, t.duration_ms, t.path, t.title, "
		ARTISTS_OF_T ", t.album, f.added_at FROM track t, favorite f"
		" WHERE t.id = ?1 AND f.song_key = ?2 AND f.duration_ms = ?3"
		" AND abs(t.duration_ms - ?3) <= " SAME_SONG_MS
		" AND NOT EXISTS (SELECT 1 FROM favorite g WHERE "
		SAME_SONG("g", "t") ")",
	[ST_DROP_RETAGGED] =
		"DELETE FROM favorite WHERE song_key = ?2 AND duration_ms = ?3"
		" AND NOT EXISTS (SELECT 1 FROM track s WHERE s.song_key = ?2"
		"  AND abs(s.duration_ms - ?3) <= " SAME_SONG_MS ")"
		" AND EXISTS (SELECT 1 FROM track t, favorite g WHERE t.id = ?1"
		"  AND abs(t.duration_ms - ?3) <= " SAME_SONG_MS
		"  AND " SAME_SONG("g", "t") ")",
};

static bool exec(struct osp_library *lib, const char *sql,
		 struct osp_error *err);

static void free_snapshot(struct osp_library *lib);

bool osp_library_db_fail(struct osp_library *lib, struct osp_error *err,
			 const char *what)
{
	int code = sqlite3_errcode(lib->db);
	enum osp_err e = code == SQLITE_BUSY	   ? OSP_ERR_BUSY
			 : code == SQLITE_FULL	   ? OSP_ERR_FULL
			 : code == SQLITE_READONLY ? OSP_ERR_READ_ONLY
						   : OSP_ERR_DB;
	if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
		return osp_fail(err, OSP_ERR_DB, "%s: %s: %s; the library looks "
				"damaged: run 'ostplay check --repair'",
				lib->path, what, sqlite3_errmsg(lib->db));
	return osp_fail(err, e, "%s: %s: %s", lib->path, what,
			sqlite3_errmsg(lib->db));
}

/* Ends a transaction: the user-data file is written first when what it
 * keeps changed, so that the file is never behind a commit (while the
 * write lock is held, so two writers cannot reorder their files). */
static bool commit(struct osp_library *lib, struct osp_error *err)
{
	if (lib->user_data_changed && !osp_backup_save(lib, err))
		return false;
	return exec(lib, "COMMIT", err);
}

/* A change to what the user-data file keeps: in a transaction, the file
 * is written at its commit; alone, now. */
bool osp_library_user_data_changed(struct osp_library *lib,
				   struct osp_error *err)
{
	lib->user_data_changed = true;
	return !sqlite3_get_autocommit(lib->db) || osp_backup_save(lib, err);
}

/* Brackets a change of user data (see commit()): `*own` says whether it
 * began the transaction, which user_change_end then ends. */
bool osp_library_user_change_begin(struct osp_library *lib, bool *own,
				   struct osp_error *err)
{
	*own = sqlite3_get_autocommit(lib->db) != 0;
	return !*own || exec(lib, "BEGIN IMMEDIATE", err);
}

bool osp_library_user_change_end(struct osp_library *lib, bool own, bool ok,
				 struct osp_error *err)
{
	if (!own)
		return ok;
	if (ok && commit(lib, err))
		return true;
	osp_library_rollback(lib);
	lib->user_data_changed = false;
	return false;
}

static bool exec(struct osp_library *lib, const char *sql,
		 struct osp_error *err)
{
	if (sqlite3_exec(lib->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, sql);
	return true;
}

/* Returns the cached statement, reset and with bindings cleared. */
static sqlite3_stmt *stmt(struct osp_library *lib, enum stmt which,
			  struct osp_error *err)
{
	sqlite3_stmt **s = &lib->stmts[which];
	if (!*s) {
		if (sqlite3_prepare_v3(lib->db, stmt_sql[which], -1,
				       SQLITE_PREPARE_PERSISTENT, s,
				       NULL) != SQLITE_OK) {
			osp_library_db_fail(lib, err, "prepare");
			return NULL;
		}
	}
	sqlite3_reset(*s);
	sqlite3_clear_bindings(*s);
	return *s;
}

static int user_version(struct osp_library *lib)
{
	sqlite3_stmt *s;
	int v = -1;
	if (sqlite3_prepare_v2(lib->db, "PRAGMA user_version", -1, &s,
			       NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* What names a song apart from its file, so that favourites and imported
 * playlists survive a re-scan and a move or rename of the file: title,
 * artists (ARTIST_SEP-joined) and album; for an untagged file, which has
 * nothing else, its file name.  With a duration within SAME_SONG_MS: an
 * MP3 reads some tens of ms longer than the FLAC it was made from, while
 * a full version and a TV edit differ by far more. */
static void song_key(struct osp_buf *key, const char *title,
		     const char *artists, const char *album, const char *path,
		     size_t path_len)
{
	osp_buf_truncate(key, 0);
	if (title) {
		osp_buf_printf(key, "t\x1e%s\x1e%s\x1e%s", title,
			       artists ? artists : "", album ? album : "");
		return;
	}
	const char *name = path;
	for (size_t i = 0; i < path_len; i++)
		if (path[i] == '/')
			name = path + i + 1;
	osp_buf_puts(key, "f\x1e");
	osp_buf_append(key, name, path_len - (size_t)(name - path));
}

/* Schema 3 added track.song_key; this fills it for the tracks stored
 * before, inside the migration's transaction. */
static bool backfill_song_keys(struct osp_library *lib, struct osp_error *err)
{
	sqlite3_stmt *read, *write = NULL;
	if (sqlite3_prepare_v2(lib->db,
			       "SELECT id, title, " ARTISTS_OF_T ", album,"
			       " duration_ms, path FROM track t", -1, &read,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(lib->db,
			       "UPDATE track SET song_key = ?2 WHERE id = ?1",
			       -1, &write, NULL) != SQLITE_OK) {
		sqlite3_finalize(read);
		return osp_library_db_fail(lib, err, "adding song keys");
	}
	/* Updating rows other than the one a SELECT stands on is safe in
	 * SQLite; the column written is not the one read. */
	struct osp_buf key = {0};
	int rc;
	while ((rc = sqlite3_step(read)) == SQLITE_ROW) {
		const char *path = sqlite3_column_blob(read, 5);
		song_key(&key, (const char *)sqlite3_column_text(read, 1),
			 (const char *)sqlite3_column_text(read, 2),
			 (const char *)sqlite3_column_text(read, 3),
			 path ? path : "", (size_t)sqlite3_column_bytes(read, 5));
		sqlite3_reset(write);
		sqlite3_bind_int64(write, 1, sqlite3_column_int64(read, 0));
		sqlite3_bind_blob(write, 2, key.data, (int)key.len,
				  SQLITE_STATIC);
		if (sqlite3_step(write) != SQLITE_DONE) {
			rc = SQLITE_ERROR;
			break;
		}
	}
	bool ok = rc == SQLITE_DONE || osp_library_db_fail(lib, err, "adding song keys");
	osp_buf_free(&key);
	sqlite3_finalize(read);
	sqlite3_finalize(write);
	return ok;
}

static bool migrate(struct osp_library *lib, struct osp_error *err)
{
	if (user_version(lib) == SCHEMA_VERSION)
		return true;	/* the common case, without taking a lock */
	if (!exec(lib, "BEGIN IMMEDIATE", err))
		return false;
	/* Read again under the lock: another process may have migrated. */
	int v = user_version(lib);
	if (v < 0 || v > SCHEMA_VERSION) {
		osp_library_rollback(lib);
		if (v < 0)
			return osp_library_db_fail(lib, err, "reading the schema version");
		return osp_fail(err, OSP_ERR_DB,
				"%s: written by a newer ostplay (schema %d, "
				"this one knows %d)", lib->path, v,
				SCHEMA_VERSION);
	}
	bool created = v == 0;
	for (; v < SCHEMA_VERSION; v++) {
		char pragma[64];
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
			 v + 1);
		const struct migration *m = &migrations[v];
		/* The step that added checksums is done by the refresh
		 * below, once, for the columns there are after every step. */
		bool then = m->then && m->then != osp_row_checks_refresh;
		if (!exec(lib, m->sql, err) || (then && !m->then(lib, err)) ||
		    !exec(lib, pragma, err)) {
			osp_library_rollback(lib);
			return false;
		}
	}
	/* Steps may have added columns or tables: the triggers and every
	 * row's checksum are made again to cover them. */
	if (!osp_row_checks_refresh(lib, err)) {
		osp_library_rollback(lib);
		return false;
	}
	/* A new library starts from the user data kept beside it; one
	 * without that file writes it now, so that every library has one. */
	if (created)
		osp_backup_restore(lib);
	lib->user_data_changed = !lib->restored.done;
	if (commit(lib, err))
		return true;
	osp_library_rollback(lib);
	lib->user_data_changed = false;
	return false;
}

/* Switches a new database to WAL (the mode is stored in the file).  The
 * switch needs the database to itself and SQLite does not call the busy
 * handler for it, so when another process is creating the same database
 * at the same moment this retries for the busy timeout. */
static bool use_wal(struct osp_library *lib, struct osp_error *err)
{
	for (int waited = 0;; waited += 10) {
		int rc = sqlite3_exec(lib->db, "PRAGMA journal_mode = WAL", NULL,
				      NULL, NULL);
		if (rc == SQLITE_OK)
			return true;
		if (rc != SQLITE_BUSY || waited >= BUSY_TIMEOUT_MS)
			return osp_library_db_fail(lib, err, "switching to WAL");
		sqlite3_sleep(10);
	}
}

/* The markers of handles open to write: "library.db.open-PID-N" beside
 * the library, made at open and removed at close.  One left by a process
 * that is gone means it did not close the library: killed, crashed, or
 * the machine went down. */
#define MARKER ".open-"

static void put_marker(struct osp_library *lib)
{
	/* N: the handle's address, unique among one process's handles. */
	char *m = xasprintf("%s" MARKER "%ld-%jx", lib->path, (long)getpid(),
			    (uintmax_t)(uintptr_t)lib);
	int fd = open(m, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0) {
		close(fd);
		lib->marker = m;
	} else {
		free(m);	/* no marker, no check: not worth failing for */
	}
}

/* The markers beside `path` of processes that are gone: a newly
 * allocated, NULL-terminated array of newly allocated paths, or NULL when
 * there are none.  Costs one read of the library's folder. */
static char **stale_markers(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xmemdup(path, (size_t)(slash - path) + 1)
			  : xstrdup("./");
	char *prefix = xasprintf("%s" MARKER, slash ? slash + 1 : path);
	size_t n_prefix = strlen(prefix), n = 0, cap = 0;
	char **stale = NULL;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, prefix, n_prefix) != 0)
			continue;
		char *end;
		long pid = strtol(e->d_name + n_prefix, &end, 10);
		if (end[0] != '-' || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;	/* alive (EPERM: another user's) */
		stale = xgrow(stale, &cap, n + 2, sizeof(char *));
		stale[n++] = xasprintf("%s%s", dir, e->d_name);
		stale[n] = NULL;
	}
	if (d)
		closedir(d);
	free(prefix);
	free(dir);
	return stale;
}

static void free_markers(char **m)
{
	for (size_t i = 0; m && m[i]; i++)
		free(m[i]);
	free(m);
}

/* One line naming what `r` found damaged, "tracks: 2 damaged rows;
 * favourites: 1 damaged row", newly allocated. */
static char *damage_summary(const struct osp_check_report *r)
{
	struct osp_buf b = {0};
	if (!r->readable)
		osp_buf_printf(&b, "%s", r->first_problem);
	for (size_t i = 0; r->readable && i < r->n_parts; i++) {
		const struct osp_check_part *p = &r->parts[i];
		if (!p->bad_rows && !p->problems && p->rows >= 0)
			continue;
		osp_buf_printf(&b, "%s%s: ", b.len ? "; " : "", p->kind);
		if (p->rows < 0)
			osp_buf_puts(&b, "unreadable");
		else if (p->bad_rows)
			osp_buf_printf(&b, "%lld damaged row%s",
				       (long long)p->bad_rows,
				       p->bad_rows == 1 ? "" : "s");
		else
			osp_buf_puts(&b, "damaged index or pages");
	}
	if (r->readable && r->other_problems)
		osp_buf_printf(&b, "%sdamaged pages", b.len ? "; " : "");
	return osp_buf_steal(&b);
}

/* After another process left the library without closing it, checks it
 * (SQLite's quick_check and every row's checksum: a few milliseconds a
 * thousand tracks) and says what it found in lib->notice.  The markers
 * stay while it looks damaged, so that every command says so until it is
 * repaired. */
static void check_after_unclean_close(struct osp_library *lib)
{
	char **stale = stale_markers(lib->path);
	if (!stale)
		return;
	struct osp_check_report r;
	osp_check_run(lib->db, true, &r);
	if (osp_check_report_damaged(&r)) {
		char *what = damage_summary(&r);
		lib->notice = xasprintf("the library was not closed cleanly and "
					"looks damaged (%s): run 'ostplay "
					"check --repair'", what);
		free(what);
	} else {
		lib->notice = xstrdup("the library was not closed cleanly; "
				      "checked it: no damage found");
		for (size_t i = 0; stale[i]; i++)
			unlink(stale[i]);
	}
	free_markers(stale);
}

/* A library whose user-data file went missing (deleted by hand) writes
 * it again: one access() an open. */
static void keep_user_data_file(struct osp_library *lib)
{
	char *file = osp_userdata_path(lib->path);
	if (access(file, F_OK) != 0 && errno == ENOENT)
		osp_library_save_user_data(lib, NULL);
	free(file);
}

/* Opens `path` to read and write, creating it; on failure sets *rc to
 * SQLite's code for it.  A file SQLite could open only to read (it falls
 * back to that without a word) is such a failure too. */
static struct osp_library *open_to_write(const char *path, int *rc,
					 struct osp_error *err)
{
	struct osp_library *lib = xcalloc(1, sizeof(*lib));
	lib->path = xstrdup(path);
	*rc = sqlite3_open_v2(path, &lib->db,
			      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			      SQLITE_OPEN_NOMUTEX, NULL);
	if (*rc != SQLITE_OK) {
		if (lib->db)
			osp_library_db_fail(lib, err, "open");
		else
			osp_fail(err, OSP_ERR_DB, "%s: cannot open", path);
		goto fail;
	}
	sqlite3_extended_result_codes(lib->db, 0);
	sqlite3_busy_timeout(lib->db, BUSY_TIMEOUT_MS);
	osp_row_crc_register(lib->db);
	if (sqlite3_db_readonly(lib->db, "main") == 1) {
		*rc = SQLITE_READONLY;
		osp_fail(err, OSP_ERR_READ_ONLY, "%s: opened read-only", path);
		goto fail;
	}
	/* WAL lets `tracks` read while a scan writes; NORMAL sync keeps every
	 * commit safe from a killed process, syncing at checkpoints only. */
	if (!use_wal(lib, err) ||
	    !exec(lib, "PRAGMA synchronous = NORMAL", err) ||
	    !exec(lib, "PRAGMA foreign_keys = ON", err) ||
	    !migrate(lib, err)) {
		*rc = sqlite3_errcode(lib->db);
		goto fail;
	}
	check_after_unclean_close(lib);
	put_marker(lib);
	keep_user_data_file(lib);
	return lib;
fail:
	osp_library_close(lib);
	return NULL;
}

/* Why the library at `path` cannot be written, when the failure `rc` (its
 * message `msg`) says it cannot; else NULL.  Newly allocated. */
static char *why_read_only(const char *path, int rc, const char *msg)
{
	if (rc != SQLITE_READONLY && rc != SQLITE_CANTOPEN &&
	    rc != SQLITE_FULL && rc != SQLITE_IOERR && rc != SQLITE_PERM)
		return NULL;
	const char *slash = strrchr(path, '/');
	char *dir = !slash ? xstrdup(".")
		    : slash == path ? xstrdup("/")
				    : xmemdup(path, (size_t)(slash - path));
	struct statvfs vfs;
	char *why = NULL;
	if (statvfs(dir, &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
		why = xasprintf("%s is on a read-only file system", dir);
	else if (access(path, W_OK) != 0 && errno == EACCES)
		why = xasprintf("no permission to write %s", path);
	else if (access(dir, W_OK) != 0 && errno == EACCES)
		why = xasprintf("no permission to write %s", dir);
	else if (rc == SQLITE_FULL ||
		 (rc == SQLITE_IOERR && statvfs(dir, &vfs) == 0 &&
		  !vfs.f_bavail))	/* as the -shm file fails to grow */
		why = xasprintf("%s: the disk is full", dir);
	else if (rc == SQLITE_READONLY)
		why = xstrdup(msg);
	free(dir);
	return why;
}

struct osp_library *osp_library_open(const char *path, struct osp_error *err)
{
	int rc;
	struct osp_error e = {0};
	struct osp_library *lib = open_to_write(path, &rc, &e);
	char *why = lib ? NULL : why_read_only(path, rc, e.msg);
	if (why)
		osp_fail(err, rc == SQLITE_FULL ? OSP_ERR_FULL
						: OSP_ERR_READ_ONLY,
			 "cannot change the library (%s)", why);
	else if (!lib && err)
		*err = e;
	free(why);
	return lib;
}

/* The URI that opens `path` as immutable: read without locks, and without
 * the -shm file that a WAL database otherwise needs, which SQLite cannot
 * create in a folder it may not write (sqlite.org/wal.html, "Read-Only
 * Databases").  Newly allocated. */
char *osp_library_immutable_uri(const char *path)
{
	struct osp_buf b = {0};
	osp_buf_puts(&b, path[0] == '/' ? "file://" : "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			osp_buf_printf(&b, "%%%02X", (unsigned)(unsigned char)*p);
		else
			osp_buf_putc(&b, *p);
	}
	osp_buf_puts(&b, "?immutable=1");
	return osp_buf_steal(&b);
}

/* Opens `path` to read only, with no migration or WAL switch: plainly,
 * else as immutable.  Returns the schema version read (-1: none) and the
 * handle, or NULL. */
static struct osp_library *open_to_read(const char *path, int *version)
{
	struct osp_library *lib = xcalloc(1, sizeof(*lib));
	lib->path = xstrdup(path);
	*version = -1;
	if (sqlite3_open_v2(path, &lib->db,
			    SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
			    NULL) == SQLITE_OK)
		*version = user_version(lib);
	if (*version < 0) {
		sqlite3_close(lib->db);
		char *uri = osp_library_immutable_uri(path);
		if (sqlite3_open_v2(uri, &lib->db,
				    SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX |
				    SQLITE_OPEN_URI, NULL) == SQLITE_OK)
			*version = user_version(lib);
		free(uri);
	}
	if (*version != SCHEMA_VERSION) {
		osp_library_close(lib);
		return NULL;
	}
	sqlite3_extended_result_codes(lib->db, 0);
	sqlite3_busy_timeout(lib->db, BUSY_TIMEOUT_MS);
	osp_row_crc_register(lib->db);
	check_after_unclean_close(lib);
	return lib;
}

struct osp_library *osp_library_open_to_read(const char *path,
					     struct osp_error *err)
{
	int rc, v;
	struct osp_error e = {0};
	struct osp_library *lib = open_to_write(path, &rc, &e);
	if (lib)
		return lib;
	char *why = why_read_only(path, rc, e.msg);
	if (!why) {
		if (err)
			*err = e;
		return NULL;
	}
	lib = open_to_read(path, &v);
	if (lib)
		lib->read_only = why;
	else if (v > SCHEMA_VERSION)
		osp_fail(err, OSP_ERR_DB, "%s: written by a newer ostplay "
			 "(schema %d, this one knows %d)", path, v,
			 SCHEMA_VERSION);
	else if (v > 0)
		osp_fail(err, OSP_ERR_READ_ONLY, "%s: written by an older "
			 "ostplay, and read-only (%s): run 'ostplay scan' once "
			 "with write access to upgrade it", path, why);
	else
		osp_fail(err, OSP_ERR_READ_ONLY, "cannot open the library (%s)",
			 why);
	if (!lib)
		free(why);
	return lib;
}

const char *osp_library_read_only(const struct osp_library *lib)
{
	return lib->read_only;
}

const char *osp_library_notice(const struct osp_library *lib)
{
	return lib->notice;
}

const struct osp_library_restored *
osp_library_restored(const struct osp_library *lib)
{
	return &lib->restored;
}

bool osp_library_save_user_data(struct osp_library *lib,
				struct osp_error *err)
{
	if (!osp_library_begin(lib, err))
		return false;
	lib->user_data_changed = true;
	if (commit(lib, err))
		return true;
	osp_library_rollback(lib);
	return false;
}

bool osp_library_set_aside(const char *path, char **aside,
			   struct osp_error *err)
{
	*aside = NULL;
	char *why = why_read_only(path, SQLITE_CANTOPEN, "");
	if (why) {
		osp_fail(err, OSP_ERR_READ_ONLY, "cannot change the library "
			 "(%s)", why);
		free(why);
		return false;
	}
	char stamp[32];
	time_t now = time(NULL);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", localtime(&now));
	char *to = xasprintf("%s.damaged-%s", path, stamp);
	/* A second repair within the second must not replace the first's. */
	for (int n = 2; access(to, F_OK) == 0; n++) {
		free(to);
		to = xasprintf("%s.damaged-%s-%d", path, stamp, n);
	}
	/* The -wal file holds the latest commits: it goes along, so that
	 * what is kept aside reads as the library did. */
	static const char *const parts[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		char *from = xasprintf("%s%s", path, parts[i]);
		char *dest = xasprintf("%s%s", to, parts[i]);
		int e = rename(from, dest) == 0 ? 0 : errno;
		free(dest);
		if (e && !(e == ENOENT && i > 0)) {
			osp_fail_sys(err, e, "cannot move %s aside", from);
			free(from);
			free(to);
			return false;
		}
		free(from);
	}
	char **stale = stale_markers(path);
	for (size_t i = 0; stale && stale[i]; i++)
		unlink(stale[i]);
	free_markers(stale);
	*aside = to;
	return true;
}

void osp_library_close(struct osp_library *lib)
{
	if (!lib)
		return;
	for (int i = 0; i < N_STMTS; i++)
		sqlite3_finalize(lib->stmts[i]);
	for (size_t i = 0; i < sizeof(lib->track_queries) /
				   sizeof(lib->track_queries[0]); i++)
		sqlite3_finalize(lib->track_queries[i]);
	sqlite3_close(lib->db);
	if (lib->marker)
		unlink(lib->marker);
	free(lib->marker);
	free(lib->notice);
	free_snapshot(lib);
	free(lib->read_only);
	free(lib->path);
	free(lib);
}

const char *osp_library_path(const struct osp_library *lib)
{
	return lib->path;
}

bool osp_library_begin(struct osp_library *lib, struct osp_error *err)
{
	return exec(lib, "BEGIN IMMEDIATE", err);
}

bool osp_library_begin_read(struct osp_library *lib, struct osp_error *err)
{
	return exec(lib, "BEGIN", err);
}

bool osp_library_commit(struct osp_library *lib, struct osp_error *err)
{
	return commit(lib, err);
}

void osp_library_rollback(struct osp_library *lib)
{
	if (!sqlite3_get_autocommit(lib->db))
		sqlite3_exec(lib->db, "ROLLBACK", NULL, NULL, NULL);
	lib->user_data_changed = false;
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/* The favourite that stored track `id` holds, into `key` and `*ms`: 1, 0
 * when it holds none, -1 on error. */
static int favorite_of(struct osp_library *lib, int64_t id,
		       struct osp_buf *key, int *ms, struct osp_error *err)
{
	sqlite3_stmt *s = stmt(lib, ST_FAVORITE_OF, err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		osp_buf_append(key, sqlite3_column_blob(s, 0),
			       (size_t)sqlite3_column_bytes(s, 0));
		*ms = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		osp_library_db_fail(lib, err, "reading a favourite");
		return -1;
	}
	return rc == SQLITE_ROW;
}

/* Track `id`, a favourite's file (`key`, `ms`), was re-tagged: its new
 * title, artists or album make it another song.  When its duration says
 * it is still the same recording, the mark goes along (keeping its place
 * among the favourites), and the old song is unmarked if no file holds it
 * any more.  A different recording written over the file keeps nothing. */
static bool carry_favorite(struct osp_library *lib, int64_t id,
			   const struct osp_buf *key, int ms,
			   struct osp_error *err)
{
	static const enum stmt steps[] = {ST_CARRY_FAVORITE, ST_DROP_RETAGGED};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		sqlite3_stmt *s = stmt(lib, steps[i], err);
		if (!s)
			return false;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_blob(s, 2, key->data, (int)key->len, SQLITE_STATIC);
		sqlite3_bind_int(s, 3, ms);
		int rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return osp_library_db_fail(lib, err, "moving a favourite");
		if (sqlite3_changes(lib->db) > 0 &&
		    !osp_library_user_data_changed(lib, err))
			return false;
	}
	return true;
}

static bool store_track(struct osp_library *lib, struct osp_track *t,
			struct osp_error *err);

bool osp_library_put_track(struct osp_library *lib, struct osp_track *t,
			   struct osp_error *err)
{
	struct osp_buf key = {0};
	int ms = 0;
	int favorite = t->id ? favorite_of(lib, t->id, &key, &ms, err) : 0;
	bool ok = favorite >= 0 && store_track(lib, t, err) &&
		  (favorite == 0 || carry_favorite(lib, t->id, &key, ms, err));
	osp_buf_free(&key);
	return ok;
}

static void bind_gain(sqlite3_stmt *s, int col, bool has, double gain,
		      double peak)
{
	if (has)
		sqlite3_bind_double(s, col, gain);
	if (has && peak > 0)
		sqlite3_bind_double(s, col + 1, peak);
}

/* Binds a match's columns from `col` on, in ST_SET_MATCH's order. */
static void bind_match(sqlite3_stmt *s, int col, const struct osp_track_match *m)
{
	bind_text(s, col, m->drama);
	bind_text(s, col + 1, m->ost_track);
	sqlite3_bind_int(s, col + 2, m->ost_order);
	sqlite3_bind_double(s, col + 3, m->confidence);
	sqlite3_bind_int(s, col + 4, m->duet);
	sqlite3_bind_int(s, col + 5, m->instrumental);
	bind_text(s, col + 6, m->found);
	bind_text(s, col + 7, m->found_alias);
	bind_text(s, col + 8, m->copy_key);
	bind_text(s, col + 9, m->version);
}

static bool store_track(struct osp_library *lib, struct osp_track *t,
			struct osp_error *err)
{
	const struct osp_tags *g = &t->tags;
	bool is_new = t->id == 0;
	sqlite3_stmt *s = stmt(lib, is_new ? ST_INSERT : ST_UPDATE, err);
	if (!s)
		return false;
	sqlite3_bind_blob(s, 1, t->path, (int)t->path_len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, t->size);
	sqlite3_bind_int64(s, 3, t->mtime_ns);
	bind_text(s, 4, g->title);
	bind_text(s, 5, g->album);
	bind_text(s, 6, g->album_artist);
	bind_text(s, 7, g->genre);
	bind_text(s, 8, g->comment);
	sqlite3_bind_int(s, 9, g->track);
	sqlite3_bind_int(s, 10, g->disc);
	sqlite3_bind_int(s, 11, g->year);
	sqlite3_bind_int(s, 12, g->duration_ms);
	sqlite3_bind_int(s, 13, g->bitrate);
	sqlite3_bind_int(s, 14, g->sample_rate);
	sqlite3_bind_int(s, 15, g->channels);
	sqlite3_bind_int64(s, 16, is_new ? (int64_t)time(NULL) : t->id);
	bind_text(s, 18, g->composer);
	bind_text(s, 19, g->performer);
	bind_text(s, 20, g->date);
	sqlite3_bind_int(s, 21, g->bits);
	sqlite3_bind_int64(s, 22, (int64_t)time(NULL));
	bind_gain(s, 23, g->gain.has_track, g->gain.track_gain,
		  g->gain.track_peak);
	bind_gain(s, 25, g->gain.has_album, g->gain.album_gain,
		  g->gain.album_peak);
	if (is_new) {
		sqlite3_bind_int(s, 27, t->match.done);
		bind_match(s, 28, &t->match);
	}
	struct osp_buf artists = {0}, key = {0};
	if (g->n_artists)
		osp_buf_join(&artists, g->artists, g->n_artists,
			     (const char[]){ARTIST_SEP, '\0'});
	song_key(&key, g->title, g->n_artists ? osp_buf_str(&artists) : NULL,
		 g->album, t->path, t->path_len);
	sqlite3_bind_blob(s, 17, key.data, (int)key.len, SQLITE_TRANSIENT);
	osp_buf_free(&artists);
	osp_buf_free(&key);
	if (sqlite3_step(s) != SQLITE_DONE)
		return osp_library_db_fail(lib, err, "storing a track");
	if (!is_new && sqlite3_changes(lib->db) != 1)
		return osp_fail(err, OSP_ERR_NOT_FOUND,
				"%s: no track %lld to update", lib->path,
				(long long)t->id);
	if (is_new) {
		t->id = sqlite3_last_insert_rowid(lib->db);
	} else {
		if (!(s = stmt(lib, ST_CLEAR_ARTISTS, err)))
			return false;
		sqlite3_bind_int64(s, 1, t->id);
		if (sqlite3_step(s) != SQLITE_DONE)
			return osp_library_db_fail(lib, err, "storing a track's artists");
	}
	for (size_t i = 0; i < g->n_artists; i++) {
		if (!(s = stmt(lib, ST_ADD_ARTIST, err)))
			return false;
		sqlite3_bind_int64(s, 1, t->id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		sqlite3_bind_text(s, 3, g->artists[i], -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			return osp_library_db_fail(lib, err, "storing a track's artists");
	}
	/* ST_UPDATE keeps a changed file's old match (marked for matching
	 * again) for the scans that do not match; this one did. */
	return is_new || !t->match.done ||
	       osp_library_set_match(lib, t->id, &t->match, err);
}

bool osp_library_remove_track(struct osp_library *lib, int64_t id,
			      struct osp_error *err)
{
	sqlite3_stmt *s = stmt(lib, ST_LAST_SEEN, err);
	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_DONE)
		return osp_library_db_fail(lib, err, "removing a track");
	if (sqlite3_changes(lib->db) > 0 && !osp_library_user_data_changed(lib, err))
		return false;
	if (!(s = stmt(lib, ST_REMOVE, err)))
		return false;
	sqlite3_bind_int64(s, 1, id);	/* artists go by ON DELETE CASCADE */
	if (sqlite3_step(s) != SQLITE_DONE)
		return osp_library_db_fail(lib, err, "removing a track");
	return true;
}

bool osp_library_each_file(struct osp_library *lib, osp_library_file_fn *fn,
			   void *ctx, struct osp_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db,
			       "SELECT id, path, size, mtime_ns FROM track",
			       -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "reading the library");
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *path = sqlite3_column_blob(s, 1);
		size_t len = (size_t)sqlite3_column_bytes(s, 1);
		if (!fn(ctx, sqlite3_column_int64(s, 0), path ? path : "", len,
			sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 3))) {
			rc = SQLITE_DONE;
			break;
		}
	}
	bool ok = rc == SQLITE_DONE || osp_library_db_fail(lib, err, "reading the library");
	sqlite3_finalize(s);
	return ok;
}

static char *column_text(sqlite3_stmt *s, int i)
{
	const unsigned char *v = sqlite3_column_text(s, i);
	return v ? xstrdup((const char *)v) : NULL;
}

void osp_library_split_artists(struct osp_tags *g, const char *names)
{
	while (names && *names && g->n_artists < OSP_TAGS_MAX_ARTISTS) {
		const char *end = strchr(names, ARTIST_SEP);
		size_t len = end ? (size_t)(end - names) : strlen(names);
		char *name = xmemdup(names, len);
		osp_tags_add_artist(g, name);
		free(name);
		names = end ? end + 1 : NULL;
	}
}

/* Four columns from `col` on: track gain, peak, album gain, peak. */
static void read_gain_tags(sqlite3_stmt *s, int col, struct osp_gain_tags *g)
{
	g->has_track = sqlite3_column_type(s, col) != SQLITE_NULL;
	g->track_gain = sqlite3_column_double(s, col);
	g->track_peak = sqlite3_column_double(s, col + 1);
	g->has_album = sqlite3_column_type(s, col + 2) != SQLITE_NULL;
	g->album_gain = sqlite3_column_double(s, col + 2);
	g->album_peak = sqlite3_column_double(s, col + 3);
}

/* A track's columns, in the order read_track reads them, its artists read
 * by the SQL expression `artists`. */
#define TRACK_COLUMNS_WITH(artists) \
	"t.id, t.path, t.size, t.mtime_ns, t.title, t.album, t.album_artist," \
	" t.genre, t.comment, t.track_no, t.disc_no, t.year, t.duration_ms," \
	" t.bitrate, t.sample_rate, t.channels, " artists "," \
	" t.matched, t.drama, t.ost_track, t.ost_order, t.confidence," \
	" t.duet, t.instrumental," \
	" EXISTS (SELECT 1 FROM favorite f WHERE " SAME_SONG("f", "t") ")," \
	" t.found_drama, t.found_alias, t.copy_key, t.version," \
	" t.composer, t.performer, t.date, t.bits," \
	" t.rg_track_gain, t.rg_track_peak, t.rg_album_gain, t.rg_album_peak," \
	" " MEASURED_NOW ", t.loud_ok, t.loud_lufs, t.loud_peak"
#define TRACK_COLUMNS TRACK_COLUMNS_WITH(ARTISTS_OF_T)

/* Fills `t` from a row of TRACK_COLUMNS; osp_track_clear frees. */
static void read_track(sqlite3_stmt *s, struct osp_track *t)
{
	struct osp_tags *g = &t->tags;
	t->id = sqlite3_column_int64(s, 0);
	const void *path = sqlite3_column_blob(s, 1);
	t->path_len = (size_t)sqlite3_column_bytes(s, 1);
	t->path = xmemdup(path ? path : "", t->path_len);
	t->size = sqlite3_column_int64(s, 2);
	t->mtime_ns = sqlite3_column_int64(s, 3);
	g->title = column_text(s, 4);
	g->album = column_text(s, 5);
	g->album_artist = column_text(s, 6);
	g->genre = column_text(s, 7);
	g->comment = column_text(s, 8);
	g->track = sqlite3_column_int(s, 9);
	g->disc = sqlite3_column_int(s, 10);
	g->year = sqlite3_column_int(s, 11);
	g->duration_ms = sqlite3_column_int(s, 12);
	g->bitrate = sqlite3_column_int(s, 13);
	g->sample_rate = sqlite3_column_int(s, 14);
	g->channels = sqlite3_column_int(s, 15);

	struct osp_track_match *m = &t->match;
	m->done = sqlite3_column_int(s, 17) != 0;
	m->drama = column_text(s, 18);
	m->ost_track = column_text(s, 19);
	m->ost_order = sqlite3_column_int(s, 20);
	m->confidence = sqlite3_column_double(s, 21);
	m->duet = sqlite3_column_int(s, 22) != 0;
	m->instrumental = sqlite3_column_int(s, 23) != 0;
	t->favorite = sqlite3_column_int(s, 24) != 0;
	m->found = column_text(s, 25);
	m->found_alias = column_text(s, 26);
	m->copy_key = column_text(s, 27);
	m->version = column_text(s, 28);
	read_gain_tags(s, 33, &g->gain);
	t->measure = (struct osp_measure){
		.done = sqlite3_column_int(s, 37) != 0,
		.ok = sqlite3_column_int(s, 38) != 0,
		.lufs = sqlite3_column_double(s, 39),
		.peak = sqlite3_column_double(s, 40),
	};
	g->composer = column_text(s, 29);
	g->performer = column_text(s, 30);
	g->date = column_text(s, 31);
	g->bits = sqlite3_column_int(s, 32);

	osp_library_split_artists(g, (const char *)sqlite3_column_text(s, 16));
}

static bool each_row(struct osp_library *lib, sqlite3_stmt *s, bool kept,
		     bool artists_apart, osp_library_track_fn *fn, void *ctx,
		     struct osp_error *err);
static sqlite3_stmt *prepare_track_query(struct osp_library *lib,
					 const struct osp_track_query *q,
					 bool persistent);

#define QUERY_ANY_ORDER (1u << 11)

/* The query's filters as bits, one kept statement for each combination. */
static unsigned query_filters(const struct osp_track_query *q)
{
	return (q->drama != NULL) | (unsigned)q->unmatched << 1 |
	       (unsigned)q->duets << 2 |
	       (unsigned)q->instrumental << 3 |
	       (unsigned)q->needs_match << 4 |
	       (unsigned)(q->path != NULL) << 5 |
	       (unsigned)q->favorites << 6 |
	       (unsigned)q->one_per_song << 7 |
	       (unsigned)q->not_instrumental << 8 |
	       (unsigned)q->discovered << 9 |
	       (unsigned)(q->under != NULL) << 10 |
	       (q->any_order ? QUERY_ANY_ORDER : 0);
}

/* Whether the query reads every track in id order, when a walk of the
 * artist table beside it (struct artist_walk) reads their artists in a
 * fraction of the time a subquery per track takes. */
static bool artists_apart(const struct osp_track_query *q)
{
	return query_filters(q) == QUERY_ANY_ORDER;
}

bool osp_library_each_track(struct osp_library *lib,
			    const struct osp_track_query *q,
			    osp_library_track_fn *fn, void *ctx,
			    struct osp_error *err)
{
	static const struct osp_track_query all = {0};
	if (!q)
		q = &all;
	unsigned filters = query_filters(q);
	sqlite3_stmt **kept = &lib->track_queries[filters];
	sqlite3_stmt *s = *kept;
	/* Busy: a callback of an outer call with the same filters is asking;
	 * that one gets a statement of its own. */
	if (s && sqlite3_stmt_busy(s))
		s = NULL;
	if (s) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	} else {
		s = prepare_track_query(lib, q, !*kept);
		if (!s)
			return osp_library_db_fail(lib, err, "reading the library");
		if (!*kept)
			*kept = s;
	}
	if (q->drama)
		sqlite3_bind_text(s, 1, q->drama, -1, SQLITE_STATIC);
	if (q->path)
		sqlite3_bind_blob(s, 2, q->path, (int)q->path_len, SQLITE_STATIC);
	char *low = NULL, *high = NULL;
	if (q->under) {
		/* Below the folder: from "dir/" up to "dir0", '0' coming
		 * right after '/', on the path index. */
		low = xmalloc(q->under_len + 1);
		memcpy(low, q->under, q->under_len);
		low[q->under_len] = '/';
		high = xmemdup(low, q->under_len + 1);
		high[q->under_len] = '0';
		sqlite3_bind_blob(s, 3, low, (int)q->under_len + 1, SQLITE_STATIC);
		sqlite3_bind_blob(s, 4, high, (int)q->under_len + 1,
				  SQLITE_STATIC);
	}
	bool ok = each_row(lib, s, s == *kept, artists_apart(q), fn, ctx, err);
	free(low);
	free(high);
	return ok;
}

/* Whether a row's file is of a lossless format, by its name: TagLib's
 * bitrate cannot tell, as a FLAC of quiet music can have a lower one than
 * its MP3. */
#define LOSSLESS_NAME \
	"(substr(lower(CAST(path AS TEXT)), -5) IN ('.flac', '.aiff', '.aifc')" \
	" OR substr(lower(CAST(path AS TEXT)), -4) IN" \
	" ('.aif', '.ape', '.tta', '.wav')" \
	" OR substr(lower(CAST(path AS TEXT)), -3) = '.wv')"

/* Whether track t's song key, or its copy key, is stored more than once.
 * A query that selects a few tracks (a drama's, the favourites, one path)
 * probes the index for each of them; one over most of the library reads
 * that index once instead, which costs less than fetching every row to
 * probe for it (50,000 tracks: 0.07-0.10 s against 0.18-0.35 s). */
#define HAS_COPY_PROBE(key) \
	"EXISTS (SELECT 1 FROM track o WHERE o." key " = t." key \
	" AND o.id <> t.id)"
#define HAS_COPY_SCAN(key) \
	"t." key " IN (SELECT " key " FROM track WHERE " key " IS NOT NULL" \
	" GROUP BY " key " HAVING count(*) > 1)"

/* Files of one copy key are copies when their lengths differ by at most
 * 2 s or this share of the longer: an upload of a song often has seconds
 * of silence or an intro more than the album's file, while a TV-length
 * edit is a version of its own. */
#define COPY_SLACK_PERCENT "6"

/* Copy b is better than copy c: lossless, then bitrate, then its path. */
#define BETTER_COPY \
	"(b.lossless, b.bitrate, c.path) > (c.lossless, c.bitrate, b.path)"

/* For one_per_song (%s: HAS_COPY_... of song_key and of copy_key, then
 * the filters): `worse`, the tracks passing the filters that a kept copy
 * passing them too beats.  Copies are files of one song_key within 2 s,
 * or of one copy_key (matching gave them one song of one drama in one
 * version, however they are tagged) within COPY_SLACK_PERCENT.  By song_key, only tagged tracks are copies: an
 * untagged file's key is only its file name, which the 01.flac of every
 * disc of an album shares.  Only tracks whose key is stored more than once
 * are compared, so a library with few copies pays little for this; the
 * two kinds are joined apart, so that each join is on one key.  "Within
 * 2 s" does not chain: of A < B < C, each within 2 s of the next but A
 * and C 3 s apart, C is kept and beats B, and A, which only B beat, is
 * kept too. */
#define WORSE_COPIES \
	"WITH copies AS (SELECT t.id, t.song_key, t.copy_key, t.duration_ms," \
	"  t.bitrate, t.path, " LOSSLESS_NAME " AS lossless," \
	"  substr(t.song_key, 1, 2) = x'741e' AS tagged FROM track t" \
	"  WHERE ((substr(t.song_key, 1, 2) = x'741e' AND %s)" \
	"   OR (t.copy_key IS NOT NULL AND %s))%s)," \
	" beaten AS (SELECT c.id, b.id AS by FROM copies c JOIN copies b" \
	"  ON b.song_key = c.song_key WHERE b.tagged AND c.tagged" \
	"  AND b.id <> c.id AND abs(b.duration_ms - c.duration_ms) <= " \
	SAME_SONG_MS " AND " BETTER_COPY \
	"  UNION SELECT c.id, b.id FROM copies c JOIN copies b" \
	"  ON b.copy_key = c.copy_key WHERE b.id <> c.id" \
	"  AND abs(b.duration_ms - c.duration_ms) <= max(" SAME_SONG_MS "," \
	"   max(b.duration_ms, c.duration_ms) * " COPY_SLACK_PERCENT " / 100)" \
	"  AND " BETTER_COPY ")," \
	" worse AS (SELECT id FROM beaten WHERE by NOT IN" \
	"  (SELECT id FROM beaten))"

static sqlite3_stmt *prepare_track_query(struct osp_library *lib,
					 const struct osp_track_query *q,
					 bool persistent)
{
	char *filters = xasprintf("%s%s%s%s%s%s%s%s%s%s",
		 q->drama ? " AND drama = ?1" : "",
		 q->unmatched ? " AND drama IS NULL" : "",
		 q->duets ? " AND duet" : "",
		 q->instrumental ? " AND instrumental" : "",
		 q->not_instrumental ? " AND NOT instrumental" : "",
		 q->needs_match ? " AND matched = 0" : "",
		 q->discovered ? " AND found_drama IS NOT NULL" : "",
		 q->path ? " AND path = ?2" : "",
		 q->under ? " AND path >= ?3 AND path < ?4" : "",
		 /* The IN lets SQLite start from the favourites, on the
		  * song_key index, rather than test every track. */
		 q->favorites ? " AND t.song_key IN (SELECT song_key FROM favorite)"
				" AND EXISTS (SELECT 1 FROM favorite f WHERE "
				SAME_SONG("f", "t") ")" : "");
	/* "+path" sorts as "path" does, but keeps SQLite from walking the
	 * whole path index when another index finds the few rows wanted
	 * (tracks waiting for matching, favourites): on a library of 50,000
	 * that walk cost every command 35 ms. */
	const char *order = q->drama ? "ost_order = 0, ost_order, path"
			    : q->needs_match || q->favorites || q->discovered
			    ? "+path" : "path";
	bool selective = q->drama || q->path || q->under || q->favorites ||
			 q->needs_match || q->discovered;
	char *worse = q->one_per_song
		? xasprintf(WORSE_COPIES,
			    selective ? HAS_COPY_PROBE("song_key")
				      : HAS_COPY_SCAN("song_key"),
			    selective ? HAS_COPY_PROBE("copy_key")
				      : HAS_COPY_SCAN("copy_key"), filters)
		: xstrdup("");
	char *sql = xasprintf("%s SELECT %s FROM track t WHERE 1%s%s"
			      " ORDER BY %s", worse,
			      artists_apart(q) ? TRACK_COLUMNS_WITH("NULL")
					       : TRACK_COLUMNS,
			      filters,
			      q->one_per_song ? " AND t.id NOT IN worse" : "",
			      q->any_order ? "t.id" : order);
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v3(lib->db, sql, -1,
				    persistent ? SQLITE_PREPARE_PERSISTENT : 0,
				    &s, NULL);
	free(sql);
	free(worse);
	free(filters);
	return rc == SQLITE_OK ? s : NULL;
}

/* The artist table read in one pass, in track id order, beside a query of
 * every track in id order. */
struct artist_walk {
	sqlite3_stmt *s;
	bool own;	/* prepared for this walk: an outer one has the kept */
	int rc;
};

static bool artist_walk_start(struct osp_library *lib, struct artist_walk *w,
			      struct osp_error *err)
{
	sqlite3_stmt *kept = lib->stmts[ST_ALL_ARTISTS];
	w->own = kept && sqlite3_stmt_busy(kept);
	if (w->own) {
		if (sqlite3_prepare_v2(lib->db, stmt_sql[ST_ALL_ARTISTS], -1,
				       &w->s, NULL) != SQLITE_OK)
			return osp_library_db_fail(lib, err, "prepare");
	} else if (!(w->s = stmt(lib, ST_ALL_ARTISTS, err))) {
		return false;
	}
	w->rc = sqlite3_step(w->s);
	return true;
}

/* Adds track `id`'s artists to `g`, passing those of tracks before it. */
static void artist_walk_to(struct artist_walk *w, int64_t id,
			   struct osp_tags *g)
{
	for (; w->rc == SQLITE_ROW; w->rc = sqlite3_step(w->s)) {
		int64_t of = sqlite3_column_int64(w->s, 0);
		if (of > id)
			break;
		if (of == id)
			osp_tags_add_artist(
				g, (const char *)sqlite3_column_text(w->s, 1));
	}
}

/* Whether the walk read without error; ends it. */
static bool artist_walk_end(struct artist_walk *w)
{
	bool ok = w->rc == SQLITE_ROW || w->rc == SQLITE_DONE;
	if (w->own)
		sqlite3_finalize(w->s);
	else
		sqlite3_reset(w->s);
	return ok;
}

/* Called with each track read; `t` is the caller's to keep (leaving *t
 * cleared), else freed after the call.  False stops the reading. */
typedef bool track_taker(void *ctx, struct osp_track *t);

/* Steps `s`, a query of TRACK_COLUMNS, giving `take` each track; then
 * resets `s` when it is `kept` for later, else finalizes it.  With
 * `artists_apart`, `s` reads every track in id order, without artists. */
static bool take_rows(struct osp_library *lib, sqlite3_stmt *s, bool kept,
		      bool artists_apart, track_taker *take, void *ctx,
		      struct osp_error *err)
{
	struct artist_walk artists = {0};
	int rc = artists_apart && !artist_walk_start(lib, &artists, err)
		? SQLITE_ERROR : SQLITE_OK;
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		if ((rc = sqlite3_step(s)) != SQLITE_ROW)
			break;
		struct osp_track t = {0};
		read_track(s, &t);
		if (artists_apart)
			artist_walk_to(&artists, t.id, &t.tags);
		bool more = take(ctx, &t);
		osp_track_clear(&t);
		if (!more)
			rc = SQLITE_DONE;
	}
	if (artists.s && !artist_walk_end(&artists) && rc == SQLITE_DONE)
		rc = SQLITE_ERROR;
	bool ok = rc == SQLITE_DONE || osp_library_db_fail(lib, err, "reading the library");
	if (kept) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);	/* they point at the caller's */
	} else {
		sqlite3_finalize(s);
	}
	return ok;
}

struct lender {
	osp_library_track_fn *fn;
	void *ctx;
};

static bool lend(void *ctx, struct osp_track *t)
{
	const struct lender *l = ctx;
	return l->fn(l->ctx, t);
}

/* take_rows for a caller that only looks at each track. */
static bool each_row(struct osp_library *lib, sqlite3_stmt *s, bool kept,
		     bool artists_apart, osp_library_track_fn *fn, void *ctx,
		     struct osp_error *err)
{
	struct lender l = {fn, ctx};
	return take_rows(lib, s, kept, artists_apart, lend, &l, err);
}

bool osp_library_set_match(struct osp_library *lib, int64_t id,
			   const struct osp_track_match *m,
			   struct osp_error *err)
{
	sqlite3_stmt *s = stmt(lib, ST_SET_MATCH, err);
	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, id);
	bind_match(s, 2, m);
	if (sqlite3_step(s) != SQLITE_DONE)
		return osp_library_db_fail(lib, err, "storing a match");
	return true;
}

bool osp_library_set_group(struct osp_library *lib, int64_t id,
			   const char *drama, const char *copy_key,
			   struct osp_error *err)
{
	sqlite3_stmt *s = stmt(lib, ST_SET_GROUP, err);
	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, drama);
	bind_text(s, 3, copy_key);
	if (sqlite3_step(s) != SQLITE_DONE)
		return osp_library_db_fail(lib, err, "storing a drama");
	return true;
}

char *osp_library_discovered_stamp(struct osp_library *lib)
{
	sqlite3_stmt *s;
	char *stamp = NULL;
	if (sqlite3_prepare_v2(lib->db,
			       "SELECT count(*), total(id) FROM track"
			       " WHERE found_drama IS NOT NULL", -1, &s,
			       NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_step(s) == SQLITE_ROW)
		stamp = xasprintf("%lld %.0f",
				  (long long)sqlite3_column_int64(s, 0),
				  sqlite3_column_double(s, 1));
	sqlite3_finalize(s);
	return stamp;
}

bool osp_library_each_found_name(struct osp_library *lib,
				 osp_library_found_fn *fn, void *ctx,
				 struct osp_error *err)
{
	sqlite3_stmt *s;
	/* "+drama": read through the index of the files that named a
	 * drama (few), never that of every matched track (most). */
	if (sqlite3_prepare_v2(lib->db,
			       "SELECT drama, found_drama, found_alias, count(*)"
			       " FROM track WHERE found_drama IS NOT NULL"
			       " AND +drama IS NOT NULL"
			       " GROUP BY drama, found_drama, found_alias", -1,
			       &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "reading discovered dramas");
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(s, 0),
		   (const char *)sqlite3_column_text(s, 1),
		   (const char *)sqlite3_column_text(s, 2),
		   sqlite3_column_int64(s, 3));
	bool ok = rc == SQLITE_DONE ||
		  osp_library_db_fail(lib, err, "reading discovered dramas");
	sqlite3_finalize(s);
	return ok;
}

bool osp_library_set_drama_rule(struct osp_library *lib, const char *key,
				const char *name, const char *target,
				struct osp_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db,
			       "INSERT OR REPLACE INTO drama_rule (name_key,"
			       " name, target) VALUES (?1, ?2, ?3)", -1, &s,
			       NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "storing a drama rule");
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	bind_text(s, 3, target);
	bool own;
	bool ok = osp_library_user_change_begin(lib, &own, err);
	ok = ok && (sqlite3_step(s) == SQLITE_DONE ||
		    osp_library_db_fail(lib, err, "storing a drama rule"));
	ok = ok && osp_library_user_data_changed(lib, err);
	sqlite3_finalize(s);
	return osp_library_user_change_end(lib, own, ok, err);
}

bool osp_library_delete_drama_rule(struct osp_library *lib, const char *key,
				   bool *found, struct osp_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db,
			       "DELETE FROM drama_rule WHERE name_key = ?1", -1,
			       &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "removing a drama rule");
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	bool own;
	bool ok = osp_library_user_change_begin(lib, &own, err);
	ok = ok && (sqlite3_step(s) == SQLITE_DONE ||
		    osp_library_db_fail(lib, err, "removing a drama rule"));
	*found = ok && sqlite3_changes(lib->db) > 0;
	ok = ok && (!*found || osp_library_user_data_changed(lib, err));
	sqlite3_finalize(s);
	return osp_library_user_change_end(lib, own, ok, err);
}

bool osp_library_each_drama_rule(struct osp_library *lib,
				 osp_library_rule_fn *fn, void *ctx,
				 struct osp_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db,
			       "SELECT name, target FROM drama_rule ORDER BY name",
			       -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "reading the drama rules");
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(s, 0),
		   (const char *)sqlite3_column_text(s, 1));
	bool ok = rc == SQLITE_DONE ||
		  osp_library_db_fail(lib, err, "reading the drama rules");
	sqlite3_finalize(s);
	return ok;
}

bool osp_library_count_by_drama(struct osp_library *lib,
				osp_library_count_fn *fn, void *ctx,
				struct osp_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db,
			       "SELECT drama, count(*) FROM track"
			       " WHERE drama IS NOT NULL GROUP BY drama",
			       -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "counting tracks by drama");
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(s, 0),
		   sqlite3_column_int64(s, 1));
	bool ok = rc == SQLITE_DONE ||
		  osp_library_db_fail(lib, err, "counting tracks by drama");
	sqlite3_finalize(s);
	return ok;
}

char *osp_library_get_setting(struct osp_library *lib, const char *key)
{
	sqlite3_stmt *s;
	char *value = NULL;
	if (sqlite3_prepare_v2(lib->db,
			       "SELECT value FROM setting WHERE key = ?1", -1,
			       &s, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		value = column_text(s, 0);
	sqlite3_finalize(s);
	return value;
}

bool osp_library_set_setting(struct osp_library *lib, const char *key,
			     const char *value, struct osp_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db,
			       "INSERT OR REPLACE INTO setting (key, value)"
			       " VALUES (?1, ?2)", -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "storing a setting");
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	bool ok = sqlite3_step(s) == SQLITE_DONE ||
		  osp_library_db_fail(lib, err, "storing a setting");
	sqlite3_finalize(s);
	return ok;
}

static void free_snapshot(struct osp_library *lib)
{
	for (size_t i = 0; i < lib->n_snapshot; i++)
		osp_track_clear(&lib->snapshot[i]);
	free(lib->snapshot);
	lib->snapshot = NULL;
	lib->n_snapshot = lib->cap_snapshot = 0;
	lib->has_snapshot = false;
}

/* The state of the library: PRAGMA data_version moves when another
 * connection commits, total_changes with this one's writes. */
static bool library_state(struct osp_library *lib, int64_t *version,
			  int64_t *changes)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db, "PRAGMA data_version", -1, &s,
			       NULL) != SQLITE_OK)
		return false;
	bool ok = sqlite3_step(s) == SQLITE_ROW;
	*version = ok ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	*changes = sqlite3_total_changes64(lib->db);
	return ok;
}

int64_t osp_library_version(struct osp_library *lib)
{
	int64_t version, changes;
	return library_state(lib, &version, &changes) ? version : -1;
}

struct snapshot_order {
	osp_library_order_fn *fn;
	void *ctx;
};

static int compare_snapshot(const void *a, const void *b, void *ctx)
{
	const struct snapshot_order *o = ctx;
	return o->fn(a, b, o->ctx);
}

static bool keep_in_snapshot(void *ctx, struct osp_track *t)
{
	struct osp_library *lib = ctx;
	lib->snapshot = xgrow(lib->snapshot, &lib->cap_snapshot,
			      lib->n_snapshot + 1, sizeof(*lib->snapshot));
	lib->snapshot[lib->n_snapshot++] = *t;
	*t = (struct osp_track){0};
	return true;
}

bool osp_library_snapshot(struct osp_library *lib,
			  osp_library_order_fn *order, void *ctx,
			  const struct osp_track **tracks, size_t *n,
			  struct osp_error *err)
{
	int64_t version, changes;
	if (!library_state(lib, &version, &changes))
		return osp_library_db_fail(lib, err, "reading the library's state");
	if (!lib->has_snapshot || version != lib->snapshot_version ||
	    changes != lib->snapshot_changes) {
		free_snapshot(lib);
		struct osp_track_query q = {.any_order = true};
		sqlite3_stmt *s = prepare_track_query(lib, &q, false);
		if (!s)
			return osp_library_db_fail(lib, err, "reading the library");
		if (!take_rows(lib, s, false, artists_apart(&q),
			       keep_in_snapshot, lib, err)) {
			free_snapshot(lib);
			return false;
		}
		lib->has_snapshot = true;
		lib->snapshot_version = version;
		lib->snapshot_changes = changes;
		lib->snapshot_order = NULL;
	}
	if (order && lib->n_snapshot > 1 && (order != lib->snapshot_order ||
		      ctx != lib->snapshot_ctx)) {
		struct snapshot_order o = {order, ctx};
		qsort_r(lib->snapshot, lib->n_snapshot, sizeof(*lib->snapshot),
			compare_snapshot, &o);
		lib->snapshot_order = order;
		lib->snapshot_ctx = ctx;
	}
	*tracks = lib->snapshot;
	*n = lib->n_snapshot;
	return true;
}

bool osp_library_each_child(struct osp_library *lib, const char *folder,
			    size_t folder_len, osp_library_child_fn *fn,
			    void *ctx, struct osp_error *err)
{
	sqlite3_stmt *s = stmt(lib, ST_FIRST_BELOW, err);
	if (!s)
		return false;
	/* One seek on the path index per entry, not a row per file below:
	 * from "dir/" up to "dir0", '0' coming right after '/'; past a
	 * sub-folder "dir/sub" by going on from "dir/sub0", past a file by
	 * going on from its path and a NUL. */
	struct osp_buf low = {0}, high = {0};
	osp_buf_append(&low, folder, folder_len);
	osp_buf_putc(&low, '/');
	osp_buf_append(&high, folder, folder_len);
	osp_buf_putc(&high, '0');
	/* The seeks in one read transaction: each on its own would take and
	 * drop SQLite's file locks again, two fcntl calls a sub-folder, which
	 * cost more than the seek. */
	bool own = sqlite3_get_autocommit(lib->db) &&
		   sqlite3_exec(lib->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	bool ok = true, more = true;
	while (ok && more) {
		sqlite3_reset(s);
		sqlite3_bind_blob(s, 1, low.data, (int)low.len, SQLITE_STATIC);
		sqlite3_bind_blob(s, 2, high.data, (int)high.len, SQLITE_STATIC);
		int rc = sqlite3_step(s);
		if (rc != SQLITE_ROW) {
			ok = rc == SQLITE_DONE || osp_library_db_fail(lib, err,
							  "listing a folder");
			break;
		}
		const char *path = sqlite3_column_blob(s, 0);
		size_t len = (size_t)sqlite3_column_bytes(s, 0);
		const char *name = path + folder_len + 1;
		size_t name_len = len - folder_len - 1;
		const char *slash = memchr(name, '/', name_len);
		bool is_folder = slash != NULL;
		if (is_folder)
			name_len = (size_t)(slash - name);
		more = fn(ctx, name, name_len, is_folder);
		osp_buf_truncate(&low, 0);
		osp_buf_append(&low, path, folder_len + 1 + name_len);
		if (is_folder)
			osp_buf_putc(&low, '0');
		else
			osp_buf_append(&low, "", 1);
	}
	sqlite3_reset(s);
	if (own)
		sqlite3_exec(lib->db, "COMMIT", NULL, NULL, NULL);
	osp_buf_free(&low);
	osp_buf_free(&high);
	return ok;
}

bool osp_library_stats(struct osp_library *lib, struct osp_library_stats *st,
		       struct osp_error *err)
{
	sqlite3_stmt *s;
	*st = (struct osp_library_stats){0};
	if (sqlite3_prepare_v2(lib->db,
			       "SELECT count(*), total(duration_ms),"
			       " max(stored_at),"
			       " (SELECT count(DISTINCT name) FROM track_artist),"
			       " (SELECT count(DISTINCT album) FROM track)"
			       " FROM track", -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "counting the library");
	bool ok = sqlite3_step(s) == SQLITE_ROW;
	if (ok) {
		st->songs = sqlite3_column_int64(s, 0);
		st->playtime_ms = (int64_t)sqlite3_column_double(s, 1);
		st->updated = sqlite3_column_int64(s, 2);
		st->artists = sqlite3_column_int64(s, 3);
		st->albums = sqlite3_column_int64(s, 4);
	} else {
		osp_library_db_fail(lib, err, "counting the library");
	}
	sqlite3_finalize(s);
	return ok;
}

int64_t osp_library_count_tracks(struct osp_library *lib,
				 struct osp_error *err)
{
	sqlite3_stmt *s;
	int64_t n = -1;
	if (sqlite3_prepare_v2(lib->db, "SELECT count(*) FROM track", -1, &s,
			       NULL) != SQLITE_OK) {
		osp_library_db_fail(lib, err, "counting tracks");
		return -1;
	}
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	else
		osp_library_db_fail(lib, err, "counting tracks");
	sqlite3_finalize(s);
	return n;
}

/* The answer of an EXISTS query with one text parameter (NULL for none);
 * true when SQLite cannot say, so that the caller looks the long way. */
static bool exists(struct osp_library *lib, const char *sql, const char *arg)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db, sql, -1, &s, NULL) != SQLITE_OK)
		return true;
	if (arg)
		sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
	bool any = sqlite3_step(s) != SQLITE_ROW || sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return any;
}

bool osp_library_drama_has_tracks(struct osp_library *lib, const char *drama)
{
	return exists(lib, "SELECT EXISTS (SELECT 1 FROM track WHERE drama = ?1)",
		      drama);
}

bool osp_library_any_unmatched(struct osp_library *lib)
{
	return exists(lib, "SELECT EXISTS (SELECT 1 FROM track WHERE matched = 0)",
		      NULL);
}

bool osp_library_add_music_dir(struct osp_library *lib, const char *path,
			       struct osp_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db,
			       "INSERT OR IGNORE INTO music_dir (path) VALUES (?1)",
			       -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "remembering a music folder");
	sqlite3_bind_blob(s, 1, path, (int)strlen(path), SQLITE_STATIC);
	bool own;
	bool ok = osp_library_user_change_begin(lib, &own, err);
	ok = ok && (sqlite3_step(s) == SQLITE_DONE ||
		    osp_library_db_fail(lib, err, "remembering a music folder"));
	ok = ok && (sqlite3_changes(lib->db) == 0 ||
		    osp_library_user_data_changed(lib, err));
	sqlite3_finalize(s);
	return osp_library_user_change_end(lib, own, ok, err);
}

bool osp_library_music_dirs(struct osp_library *lib, char ***dirs,
			    size_t *n_dirs, struct osp_error *err)
{
	*dirs = NULL;
	*n_dirs = 0;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db,
			       "SELECT path FROM music_dir ORDER BY path", -1,
			       &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "reading the music folders");
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const void *p = sqlite3_column_blob(s, 0);
		*dirs = xgrow(*dirs, &cap, *n_dirs + 1, sizeof(char *));
		(*dirs)[(*n_dirs)++] =
			xmemdup(p ? p : "", (size_t)sqlite3_column_bytes(s, 0));
	}
	bool ok = rc == SQLITE_DONE ||
		  osp_library_db_fail(lib, err, "reading the music folders");
	sqlite3_finalize(s);
	return ok;
}

/* Whether a playlist is stored as exactly `name`. */
static bool is_stored(struct osp_library *lib, const char *name)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db, "SELECT 1 FROM playlist WHERE name = ?1",
			       -1, &s, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	bool found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return found;
}

bool osp_library_each_playlist_track(struct osp_library *lib,
				     const char *name,
				     osp_library_track_fn *fn, void *ctx,
				     bool *found, struct osp_error *err)
{
	sqlite3_stmt *s;
	if (!(*found = is_stored(lib, name)))
		return true;
	/* The file saved, else the same song wherever it is now. */
	if (sqlite3_prepare_v2(lib->db,
			       "SELECT " TRACK_COLUMNS
			       " FROM playlist p JOIN playlist_entry e"
			       "  ON e.playlist_id = p.id"
			       " JOIN track t ON t.id = coalesce("
			       "  (SELECT id FROM track WHERE path = e.path),"
			       "  (SELECT id FROM track s WHERE " SAME_SONG("s", "e")
			       "   ORDER BY s.path LIMIT 1))"
			       " WHERE p.name = ?1 ORDER BY e.position",
			       -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "reading a playlist");
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	return each_row(lib, s, false, false, fn, ctx, err);
}

void osp_track_clear(struct osp_track *t)
{
	free(t->path);
	free(t->match.drama);
	free(t->match.ost_track);
	free(t->match.found);
	free(t->match.found_alias);
	free(t->match.copy_key);
	free(t->match.version);
	osp_tags_clear(&t->tags);
	*t = (struct osp_track){0};
}

bool osp_library_each_to_measure(struct osp_library *lib,
				 osp_library_file_fn *fn, void *ctx,
				 struct osp_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db,
			       "SELECT id, path, size, mtime_ns FROM track t"
			       " WHERE (rg_track_gain IS NULL OR"
			       "  rg_track_peak IS NULL) AND NOT "
			       MEASURED_NOW " ORDER BY path", -1, &s,
			       NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "listing files to measure");
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *path = sqlite3_column_blob(s, 1);
		if (!fn(ctx, sqlite3_column_int64(s, 0), path ? path : "",
			(size_t)sqlite3_column_bytes(s, 1),
			sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 3)))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		osp_library_db_fail(lib, err, "listing files to measure");
		sqlite3_finalize(s);
		return false;
	}
	sqlite3_finalize(s);
	return true;
}

bool osp_library_set_measure(struct osp_library *lib, int64_t id,
			     int64_t size, int64_t mtime_ns,
			     const struct osp_measure *m,
			     struct osp_error *err)
{
	sqlite3_stmt *s = stmt(lib, ST_SET_MEASURE, err);
	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, size);
	sqlite3_bind_int64(s, 3, mtime_ns);
	sqlite3_bind_int(s, 4, m->ok);
	if (m->ok) {
		sqlite3_bind_double(s, 5, m->lufs);
		sqlite3_bind_double(s, 6, m->peak);
	}
	if (sqlite3_step(s) != SQLITE_DONE)
		return osp_library_db_fail(lib, err, "storing a loudness");
	return true;
}
