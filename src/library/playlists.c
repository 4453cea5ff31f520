/* Saved playlists: their names (one playlist in every case and width of
 * its name), saving one whole, removing one, listing them; and a saved
 * playlist's entries as they are stored, for editing one in place (MPD's
 * playlistadd, playlistdelete, playlistmove, save in append mode,
 * rename): read whole, changed, written back whole in one transaction, so
 * that an entry whose file is gone for now is kept, not dropped.  Reading
 * a playlist's tracks is library.c's, with the other track queries. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "library-private.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

void osp_playlist_entries_free(struct osp_playlist_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].path);
		free(e[i].song_key);
	}
	free(e);
}

static void entry_from_row(sqlite3_stmt *s, struct osp_playlist_entry *e)
{
	e->path_len = (size_t)sqlite3_column_bytes(s, 0);
	e->path = xmemdup(sqlite3_column_blob(s, 0), e->path_len);
	e->key_len = (size_t)sqlite3_column_bytes(s, 1);
	e->song_key = xmemdup(sqlite3_column_blob(s, 1), e->key_len);
	e->duration_ms = sqlite3_column_int(s, 2);
}

bool osp_library_playlist_entries(struct osp_library *lib, const char *name,
				  struct osp_playlist_entry **entries,
				  size_t *n, bool *found,
				  struct osp_error *err)
{
	*entries = NULL;
	*n = 0;
	*found = false;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db,
			       "SELECT e.path, e.song_key, e.duration_ms, p.id"
			       " FROM playlist p LEFT JOIN playlist_entry e"
			       "  ON e.playlist_id = p.id"
			       " WHERE p.name = ?1 ORDER BY e.position",
			       -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "reading a playlist");
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*found = true;
		if (sqlite3_column_type(s, 0) == SQLITE_NULL)
			continue;	/* an empty playlist's one row */
		*entries = xgrow(*entries, &cap, *n + 1, sizeof(**entries));
		entry_from_row(s, &(*entries)[(*n)++]);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return true;
	osp_playlist_entries_free(*entries, *n);
	*entries = NULL;
	*n = 0;
	return osp_library_db_fail(lib, err, "reading a playlist");
}

bool osp_library_track_entry(struct osp_library *lib, int64_t id,
			     struct osp_playlist_entry *e,
			     struct osp_error *err)
{
	sqlite3_stmt *s;
	*e = (struct osp_playlist_entry){0};
	if (sqlite3_prepare_v2(lib->db,
			       "SELECT path, song_key, duration_ms FROM track"
			       " WHERE id = ?1", -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "reading a track");
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		entry_from_row(s, e);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return true;
	return rc == SQLITE_DONE
		       ? osp_fail(err, OSP_ERR_NOT_FOUND, "no such track")
		       : osp_library_db_fail(lib, err, "reading a track");
}

static bool step_done(struct osp_library *lib, sqlite3_stmt *s,
		      struct osp_error *err)
{
	return sqlite3_step(s) == SQLITE_DONE ||
	       osp_library_db_fail(lib, err, "writing a playlist");
}

/* The playlist stored as `name`'s id, made when there is none. */
static bool playlist_id(struct osp_library *lib, const char *name,
			int64_t *id, struct osp_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db,
			       "INSERT INTO playlist (name, created_at)"
			       " VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING",
			       -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "writing a playlist");
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (int64_t)time(NULL));
	bool ok = step_done(lib, s, err);
	sqlite3_finalize(s);
	if (!ok || sqlite3_prepare_v2(lib->db,
				      "SELECT id FROM playlist WHERE name = ?1",
				      -1, &s, NULL) != SQLITE_OK)
		return ok && osp_library_db_fail(lib, err, "writing a playlist");
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	ok = sqlite3_step(s) == SQLITE_ROW;
	*id = ok ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return ok || osp_library_db_fail(lib, err, "writing a playlist");
}

static bool write_entries(struct osp_library *lib, int64_t id,
			  const struct osp_playlist_entry *e, size_t n,
			  struct osp_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db,
			       "DELETE FROM playlist_entry WHERE playlist_id = ?1",
			       -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "writing a playlist");
	sqlite3_bind_int64(s, 1, id);
	bool ok = step_done(lib, s, err);
	sqlite3_finalize(s);
	if (!ok || sqlite3_prepare_v2(lib->db,
				      "INSERT INTO playlist_entry (playlist_id,"
				      " position, path, song_key, duration_ms)"
				      " VALUES (?1, ?2, ?3, ?4, ?5)",
				      -1, &s, NULL) != SQLITE_OK)
		return ok && osp_library_db_fail(lib, err, "writing a playlist");
	for (size_t i = 0; ok && i < n; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		sqlite3_bind_blob(s, 3, e[i].path, (int)e[i].path_len,
				  SQLITE_STATIC);
		sqlite3_bind_blob(s, 4, e[i].song_key, (int)e[i].key_len,
				  SQLITE_STATIC);
		sqlite3_bind_int(s, 5, e[i].duration_ms);
		ok = step_done(lib, s, err);
	}
	sqlite3_finalize(s);
	return ok;
}

bool osp_library_set_playlist_entries(struct osp_library *lib,
				      const char *name,
				      const struct osp_playlist_entry *e,
				      size_t n, struct osp_error *err)
{
	bool own;
	int64_t id = 0;
	bool ok = osp_library_user_change_begin(lib, &own, err) &&
		  playlist_id(lib, name, &id, err) &&
		  write_entries(lib, id, e, n, err) &&
		  osp_library_user_data_changed(lib, err);
	return osp_library_user_change_end(lib, own, ok, err);
}

bool osp_library_rename_playlist(struct osp_library *lib, const char *from,
				 const char *to, struct osp_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db, "UPDATE playlist SET name = ?2"
			       " WHERE name = ?1", -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "renaming a playlist");
	sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, to, -1, SQLITE_STATIC);
	bool own;
	bool ok = osp_library_user_change_begin(lib, &own, err) &&
		  step_done(lib, s, err) &&
		  osp_library_user_data_changed(lib, err);
	sqlite3_finalize(s);
	return osp_library_user_change_end(lib, own, ok, err);
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* The names of the saved playlists that are `name` but for case and width
 * (osp_text_fold; `name` itself too), in a newly allocated array of `*n`
 * newly allocated names.  Folded in C rather than with SQLite's NOCASE,
 * which folds ASCII only. */
static bool same_names(struct osp_library *lib, const char *name,
		       char ***names, size_t *n, struct osp_error *err)
{
	sqlite3_stmt *s;
	*names = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(lib->db, "SELECT name FROM playlist"
			       " ORDER BY name", -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "reading the playlists");
	char *folded = osp_text_fold(name);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *other = (const char *)sqlite3_column_text(s, 0);
		char *k = osp_text_fold(other);
		if (strcmp(k, folded) == 0) {
			*names = xgrow(*names, &cap, *n + 1, sizeof(char *));
			(*names)[(*n)++] = xstrdup(other);
		}
		free(k);
	}
	free(folded);
	bool ok = rc == SQLITE_DONE ||
		  osp_library_db_fail(lib, err, "reading the playlists");
	sqlite3_finalize(s);
	if (!ok) {
		free_names(*names, *n);
		*names = NULL;
		*n = 0;
	}
	return ok;
}

bool osp_library_find_playlist(struct osp_library *lib, const char *name,
			       char **stored, struct osp_error *err)
{
	char **names;
	size_t n;
	*stored = NULL;
	if (!same_names(lib, name, &names, &n, err))
		return false;
	for (size_t i = 0; i < n && !*stored; i++)
		if (strcmp(names[i], name) == 0)
			*stored = xstrdup(names[i]);
	if (!*stored && n == 1)
		*stored = xstrdup(names[0]);
	free_names(names, n);
	return true;
}

bool osp_library_save_playlist(struct osp_library *lib, const char *name,
			       const int64_t *ids, size_t n,
			       struct osp_error *err)
{
	sqlite3_stmt *s = NULL;
	char **names = NULL;
	size_t n_names = 0;
	if (!osp_library_begin(lib, err))
		return false;
	/* The one it replaces may be spelt in another case: a name is one
	 * playlist in every case, so that osp_library_find_playlist knows
	 * which. */
	if (!same_names(lib, name, &names, &n_names, err)) {
		osp_library_rollback(lib);
		return false;
	}
	if (sqlite3_prepare_v2(lib->db, "DELETE FROM playlist WHERE name = ?1",
			       -1, &s, NULL) != SQLITE_OK)
		goto fail;
	for (size_t i = 0; i < n_names; i++) {
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, names[i], -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			goto fail;
	}
	sqlite3_finalize(s);
	free_names(names, n_names);
	names = NULL;
	n_names = 0;
	if (sqlite3_prepare_v2(lib->db,
			       "INSERT INTO playlist (name, created_at)"
			       " VALUES (?1, ?2)", -1, &s, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (int64_t)time(NULL));
	if (sqlite3_step(s) != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(s);
	int64_t playlist = sqlite3_last_insert_rowid(lib->db);
	if (sqlite3_prepare_v2(lib->db,
			       "INSERT INTO playlist_entry (playlist_id,"
			       " position, path, song_key, duration_ms)"
			       " SELECT ?1, ?2, path, song_key, duration_ms FROM track"
			       " WHERE id = ?3", -1, &s, NULL) != SQLITE_OK)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, playlist);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		sqlite3_bind_int64(s, 3, ids[i]);
		if (sqlite3_step(s) != SQLITE_DONE)
			goto fail;
	}
	sqlite3_finalize(s);
	s = NULL;
	lib->user_data_changed = true;
	if (osp_library_commit(lib, err))
		return true;
	osp_library_rollback(lib);
	return false;
fail:
	osp_library_db_fail(lib, err, "saving a playlist");
	sqlite3_finalize(s);
	free_names(names, n_names);
	osp_library_rollback(lib);
	return false;
}

bool osp_library_delete_playlist(struct osp_library *lib, const char *name,
				 bool *found, struct osp_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db, "DELETE FROM playlist WHERE name = ?1",
			       -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "removing a playlist");
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	bool own;
	bool ok = osp_library_user_change_begin(lib, &own, err);
	ok = ok && (sqlite3_step(s) == SQLITE_DONE ||
		    osp_library_db_fail(lib, err, "removing a playlist"));
	*found = ok && sqlite3_changes(lib->db) > 0;	/* entries cascade */
	ok = ok && (!*found || osp_library_user_data_changed(lib, err));
	sqlite3_finalize(s);
	return osp_library_user_change_end(lib, own, ok, err);
}

bool osp_library_each_playlist(struct osp_library *lib,
			       osp_library_count_fn *fn, void *ctx,
			       struct osp_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db,
			       "SELECT name, (SELECT count(*) FROM playlist_entry e"
			       "  WHERE e.playlist_id = p.id)"
			       " FROM playlist p ORDER BY name", -1, &s,
			       NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "reading the playlists");
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(s, 0),
		   sqlite3_column_int64(s, 1));
	bool ok = rc == SQLITE_DONE ||
		  osp_library_db_fail(lib, err, "reading the playlists");
	sqlite3_finalize(s);
	return ok;
}

bool osp_library_has_playlist(struct osp_library *lib, const char *name)
{
	char **names;
	size_t n;
	struct osp_error err = {0};
	if (!same_names(lib, name, &names, &n, &err))
		return false;
	free_names(names, n);
	return n > 0;
}
