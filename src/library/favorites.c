/* Favourites: songs, not files.  A favourite is kept by its song key and
 * duration (SAME_SONG), so that it names the song wherever its file is
 * now, and survives the file going away; its path, title, artists and
 * album are what the user-data file and a listing show when no file of
 * the song is in the library. */
#include <time.h>

#include "library-private.h"

bool osp_library_set_favorite(struct osp_library *lib, int64_t id, bool on,
			      bool *changed, struct osp_error *err)
{
	sqlite3_stmt *s;
	const char *sql =
		on ? "INSERT INTO favorite (song_key, duration_ms, path, title,"
		     " artists, album, added_at)"
		     " SELECT song_key, duration_ms, path, title, "
		     ARTISTS_OF_T ", album, ?2"
		     " FROM track t WHERE id = ?1 AND NOT EXISTS"
		     " (SELECT 1 FROM favorite f WHERE " SAME_SONG("f", "t") ")"
		   : "DELETE FROM favorite AS f WHERE EXISTS"
		     " (SELECT 1 FROM track t WHERE t.id = ?1 AND "
		     SAME_SONG("f", "t") ")";
	if (sqlite3_prepare_v2(lib->db, sql, -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "storing a favourite");
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	sqlite3_bind_int64(s, 1, id);
	if (on)		/* ns, so that favourites list in the order added */
		sqlite3_bind_int64(s, 2, (int64_t)now.tv_sec * 1000000000 +
						 now.tv_nsec);
	bool own;
	bool ok = osp_library_user_change_begin(lib, &own, err);
	ok = ok && (sqlite3_step(s) == SQLITE_DONE ||
		    osp_library_db_fail(lib, err, "storing a favourite"));
	bool did = ok && sqlite3_changes(lib->db) > 0;
	ok = ok && (!did || osp_library_user_data_changed(lib, err));
	sqlite3_finalize(s);
	ok = osp_library_user_change_end(lib, own, ok, err);
	if (ok && changed)
		*changed = did;
	return ok;
}

bool osp_library_same_song(struct osp_library *lib, int64_t a, int64_t b)
{
	sqlite3_stmt *s;
	bool same = false;
	if (sqlite3_prepare_v2(lib->db,
			       "SELECT " SAME_SONG("x", "y") " FROM track x, track y"
			       " WHERE x.id = ?1 AND y.id = ?2", -1, &s,
			       NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	if (sqlite3_step(s) == SQLITE_ROW)
		same = sqlite3_column_int(s, 0) != 0;
	sqlite3_finalize(s);
	return same;
}

bool osp_library_unmark_favorite(struct osp_library *lib,
				 const struct osp_favorite *f,
				 struct osp_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db,
			       "DELETE FROM favorite WHERE song_key = ?1"
			       " AND duration_ms = ?2", -1, &s,
			       NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "removing a favourite");
	sqlite3_bind_blob(s, 1, f->key, (int)f->key_len, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, f->duration_ms);
	bool own;
	bool ok = osp_library_user_change_begin(lib, &own, err);
	ok = ok && (sqlite3_step(s) == SQLITE_DONE ||
		    osp_library_db_fail(lib, err, "removing a favourite"));
	ok = ok && (sqlite3_changes(lib->db) == 0 ||
		    osp_library_user_data_changed(lib, err));
	sqlite3_finalize(s);
	return osp_library_user_change_end(lib, own, ok, err);
}

bool osp_library_each_favorite(struct osp_library *lib,
			       osp_library_favorite_fn *fn, void *ctx,
			       struct osp_error *err)
{
	sqlite3_stmt *s;
	/* A song kept twice (say FLAC and MP3) lists once, by its first
	 * path; a favourite whose file is gone lists by its last one. */
	if (sqlite3_prepare_v2(lib->db,
			       "SELECT f.title, f.artists,"
			       " f.album, f.duration_ms,"
			       " coalesce((SELECT min(t.path) FROM track t"
			       "   WHERE " SAME_SONG("t", "f") "), f.path),"
			       " EXISTS (SELECT 1 FROM track t"
			       "   WHERE " SAME_SONG("t", "f") "),"
			       " f.song_key"
			       " FROM favorite f ORDER BY f.added_at",
			       -1, &s, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "reading the favourites");
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *path = sqlite3_column_blob(s, 4);
		struct osp_tags artists = {0};
		osp_library_split_artists(&artists,
			      (const char *)sqlite3_column_text(s, 1));
		struct osp_favorite f = {
			.title = (const char *)sqlite3_column_text(s, 0),
			.artists = artists.artists,
			.n_artists = artists.n_artists,
			.album = (const char *)sqlite3_column_text(s, 2),
			.duration_ms = sqlite3_column_int(s, 3),
			.path = path ? path : "",
			.path_len = (size_t)sqlite3_column_bytes(s, 4),
			.present = sqlite3_column_int(s, 5) != 0,
			.key = sqlite3_column_blob(s, 6),
			.key_len = (size_t)sqlite3_column_bytes(s, 6),
		};
		bool more = fn(ctx, &f);
		osp_tags_clear(&artists);
		if (!more) {
			rc = SQLITE_DONE;
			break;
		}
	}
	bool ok = rc == SQLITE_DONE ||
		  osp_library_db_fail(lib, err, "reading the favourites");
	sqlite3_finalize(s);
	return ok;
}

