/*
 * The user-data file (userdata.h) from and into the library's tables.
 * Rows go out and come back as they are stored, keys included: a
 * favourite or a playlist entry is held by its song key and duration, not
 * by a track id, so it finds its files again in a library rebuilt by a
 * rescan, in whatever order the rescan stores them.
 */
#include "library-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/file.h"
#include "ostplay/userdata.h"
#include "ostplay/xalloc.h"

/* Appends the columns first..first+n-1 of the row `st` stands on as one
 * record of `kind`. */
static void add_row(struct osp_buf *b, const char *kind, sqlite3_stmt *st,
		    int first, int n)
{
	struct osp_userdata_record r = {.kind = kind, .n = (size_t)n};
	for (int i = 0; i < n; i++) {
		int c = first + i, type = sqlite3_column_type(st, c);
		if (type == SQLITE_NULL)
			continue;
		r.field[i] = type == SQLITE_BLOB
				     ? sqlite3_column_blob(st, c)
				     : (const char *)sqlite3_column_text(st, c);
		r.len[i] = (size_t)sqlite3_column_bytes(st, c);
		if (!r.field[i])	/* an empty blob */
			r.field[i] = "";
	}
	osp_userdata_add(b, &r);
}

/* One query's rows as records of `kind`; for a playlist, whose entries
 * follow it, a row opens a playlist when its first column (the id)
 * changes, and holds an entry when the entry's columns are not NULL. */
static bool dump(sqlite3 *db, struct osp_buf *b, const char *kind,
		 const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	bool playlists = strcmp(kind, "playlist") == 0;
	int64_t open = -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!playlists) {
			add_row(b, kind, st, 0, sqlite3_column_count(st));
			continue;
		}
		if (sqlite3_column_int64(st, 0) != open) {
			open = sqlite3_column_int64(st, 0);
			add_row(b, "playlist", st, 1, 2);
		}
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			add_row(b, "entry", st, 3, 3);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE;
}

bool osp_backup_save(struct osp_library *lib, struct osp_error *err)
{
	struct osp_buf b = {0};
	osp_userdata_begin(&b);
	bool ok =
		dump(lib->db, &b, "music-dir",
		     "SELECT path FROM music_dir ORDER BY path") &&
		dump(lib->db, &b, "favorite",
		     "SELECT added_at, duration_ms, song_key, path, title,"
		     " artists, album FROM favorite"
		     " ORDER BY added_at, song_key, duration_ms") &&
		dump(lib->db, &b, "playlist",
		     "SELECT p.id, p.name, p.created_at, e.duration_ms,"
		     " e.song_key, e.path FROM playlist p"
		     " LEFT JOIN playlist_entry e ON e.playlist_id = p.id"
		     " ORDER BY p.name, p.id, e.position") &&
		dump(lib->db, &b, "rule",
		     "SELECT name_key, name, target FROM drama_rule"
		     " ORDER BY name_key");
	if (!ok) {
		osp_buf_free(&b);
		return osp_library_db_fail(lib, err, "reading the user data");
	}
	char *path = osp_userdata_path(lib->path);
	ok = osp_file_replace(path, b.data, b.len, 0600, err);
	free(path);
	osp_buf_free(&b);
	if (ok)
		lib->user_data_changed = false;
	return ok;
}

struct restore {
	struct osp_library *lib;
	int64_t playlist;	/* the one entries go to; 0: none */
	int64_t position;
};

/* Runs `sql` with the fields of `r`, which the parser found to be of
 * their kind's types (osp_userdata_fields), bound in order. */
static bool put(struct osp_library *lib, const char *sql,
		const struct osp_userdata_record *r)
{
	const char *types = osp_userdata_fields(r->kind);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(lib->db, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	for (size_t i = 0; i < r->n; i++) {
		int col = (int)i + 1;
		long long v;
		if (types[i] == 'i' && osp_userdata_field_int(r, i, &v))
			sqlite3_bind_int64(st, col, v);
		else if (!r->field[i])
			sqlite3_bind_null(st, col);
		else if (types[i] == 'b')
			sqlite3_bind_blob(st, col, r->field[i], (int)r->len[i],
					  SQLITE_STATIC);
		else
			sqlite3_bind_text(st, col, r->field[i], (int)r->len[i],
					  SQLITE_STATIC);
	}
	bool ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	return ok;
}

static bool restore_record(void *ctx, const struct osp_userdata_record *r)
{
	struct restore *x = ctx;
	struct osp_library *lib = x->lib;
	struct osp_library_restored *n = &lib->restored;
	if (strcmp(r->kind, "entry") != 0)
		x->playlist = 0;
	if (strcmp(r->kind, "music-dir") == 0) {
		if (!put(lib, "INSERT OR IGNORE INTO music_dir (path)"
			 " VALUES (?1)", r))
			return false;
		n->music_dirs++;
	} else if (strcmp(r->kind, "favorite") == 0) {
		if (!put(lib, "INSERT OR IGNORE INTO favorite (added_at,"
			 " duration_ms, song_key, path, title, artists, album)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", r))
			return false;
		n->favorites++;
	} else if (strcmp(r->kind, "playlist") == 0) {
		if (!put(lib, "INSERT INTO playlist (name, created_at)"
			 " VALUES (?1, ?2)", r))
			return false;
		x->playlist = sqlite3_last_insert_rowid(lib->db);
		x->position = 0;
		n->playlists++;
	} else if (strcmp(r->kind, "entry") == 0) {
		char *sql = xasprintf("INSERT INTO playlist_entry (playlist_id,"
				      " position, duration_ms, song_key, path)"
				      " VALUES (%lld, %lld, ?1, ?2, ?3)",
				      (long long)x->playlist,
				      (long long)x->position);
		bool ok = x->playlist && put(lib, sql, r);
		free(sql);
		if (!ok)
			return false;
		x->position++;
		n->entries++;
	} else if (strcmp(r->kind, "rule") == 0) {
		if (!put(lib, "INSERT OR REPLACE INTO drama_rule (name_key,"
			 " name, target) VALUES (?1, ?2, ?3)", r))
			return false;
		n->rules++;
	} else {
		return false;
	}
	return true;
}

void osp_backup_restore(struct osp_library *lib)
{
	char *path = osp_userdata_path(lib->path);
	struct restore x = {.lib = lib};
	struct osp_library_restored *n = &lib->restored;
	struct osp_error e = {0};
	bool found;
	*n = (struct osp_library_restored){0};
	/* A file that cannot be read is said, not fatal: the new library
	 * is still a library, and the file is left as it was. */
	if (!osp_userdata_read(path, restore_record, &x, &found, &n->bad_lines,
			       &e))
		snprintf(n->error, sizeof(n->error), "%s", e.msg);
	n->done = found;
	free(path);
}
