/* MPD's stickers of any name on songs, keyed by the song's path as mpd
 * keys them by URI; a change is user data, written to the user-data file
 * too. */
#include <string.h>

#include "library-private.h"

static bool done(struct osp_library *lib, sqlite3_stmt *s,
		 struct osp_error *err)
{
	return sqlite3_step(s) == SQLITE_DONE ||
	       osp_library_db_fail(lib, err, "writing a sticker");
}

bool osp_library_set_sticker(struct osp_library *lib, const char *path,
			     size_t path_len, const char *name,
			     const char *value, struct osp_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db, "INSERT OR REPLACE INTO sticker"
			       " (path, name, value) VALUES (?1, ?2, ?3)",
			       -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "writing a sticker");
	sqlite3_bind_blob(s, 1, path, (int)path_len, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, value, -1, SQLITE_STATIC);
	bool own;
	bool ok = osp_library_user_change_begin(lib, &own, err) &&
		  done(lib, s, err) && osp_library_user_data_changed(lib, err);
	sqlite3_finalize(s);
	return osp_library_user_change_end(lib, own, ok, err);
}

bool osp_library_delete_sticker(struct osp_library *lib, const char *path,
				size_t path_len, const char *name,
				bool *found, struct osp_error *err)
{
	sqlite3_stmt *s;
	*found = false;
	if (sqlite3_prepare_v2(lib->db, "DELETE FROM sticker WHERE path = ?1"
			       " AND (?2 IS NULL OR name = ?2)", -1, &s,
			       NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "deleting a sticker");
	sqlite3_bind_blob(s, 1, path, (int)path_len, SQLITE_STATIC);
	if (name)
		sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	bool own;
	bool ok = osp_library_user_change_begin(lib, &own, err) &&
		  done(lib, s, err);
	*found = ok && sqlite3_changes(lib->db) > 0;
	ok = ok && (!*found || osp_library_user_data_changed(lib, err));
	sqlite3_finalize(s);
	return osp_library_user_change_end(lib, own, ok, err);
}

bool osp_library_each_sticker(struct osp_library *lib, const char *path,
			      size_t path_len, const char *prefix,
			      const char *name, osp_library_sticker_fn *fn,
			      void *ctx, struct osp_error *err)
{
	sqlite3_stmt *s;
	/* A prefix is compared on bytes: paths may hold any. */
	if (sqlite3_prepare_v2(lib->db,
			       "SELECT path, name, value FROM sticker"
			       " WHERE (?1 IS NULL OR path = ?1)"
			       " AND (?2 IS NULL OR substr(path, 1, length(?2))"
			       "  = ?2)"
			       " AND (?3 IS NULL OR name = ?3)"
			       " ORDER BY path, name", -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "reading stickers");
	if (path)
		sqlite3_bind_blob(s, 1, path, (int)path_len, SQLITE_STATIC);
	if (prefix)
		sqlite3_bind_blob(s, 2, prefix, (int)strlen(prefix),
				  SQLITE_STATIC);
	if (name)
		sqlite3_bind_text(s, 3, name, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	       fn(ctx, sqlite3_column_blob(s, 0),
		  (size_t)sqlite3_column_bytes(s, 0),
		  (const char *)sqlite3_column_text(s, 1),
		  (const char *)sqlite3_column_text(s, 2)))
		continue;
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ||
	       osp_library_db_fail(lib, err, "reading stickers");
}
