#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/buf.h"
#include "ostplay/crc32.h"
#include "ostplay/library.h"
#include "tap.h"

struct collected {
	struct osp_track tracks[8];
	size_t n;
};

static bool collect(void *ctx, const struct osp_track *t)
{
	struct collected *c = ctx;
	struct osp_track *o = &c->tracks[c->n++];
	*o = (struct osp_track){
		.id = t->id, .size = t->size, .mtime_ns = t->mtime_ns,
		.path = strndup(t->path, t->path_len), .path_len = t->path_len,
		.tags = t->tags,
	};
	o->tags.title = t->tags.title ? strdup(t->tags.title) : NULL;
	o->tags.album = t->tags.album ? strdup(t->tags.album) : NULL;
	o->tags.album_artist = NULL;
	o->tags.genre = NULL;
	o->tags.comment = NULL;
	o->tags.artists = NULL;
	o->tags.n_artists = 0;
	for (size_t i = 0; i < t->tags.n_artists; i++)
		osp_tags_add_artist(&o->tags, t->tags.artists[i]);
	return c->n < 8;
}

static void clear(struct collected *c)
{
	for (size_t i = 0; i < c->n; i++)
		osp_track_clear(&c->tracks[i]);
	c->n = 0;
}

static int count_rows(const char *db_path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int n = -1;
	sqlite3_open(db_path, &db);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return n;
}

static void test_round_trip(const char *db_path)
{
	struct osp_error err = {0};
	struct osp_library *lib = osp_library_open(db_path, &err);
	if (!tap_ok(lib != NULL, "open creates the database"))
		printf("# %s\n", err.msg);
	tap_int(count_rows(db_path, "PRAGMA user_version"), 9,
		"schema version is 8");

	/* A non-UTF-8 path and multi-valued artists, in order. */
	struct osp_track t = {
		.path = strdup("/m/caf\xE9 \xFF.mp3"), .path_len = 14,
		.size = 1234, .mtime_ns = 1700000000123456789LL,
		.tags = {.title = strdup("Stay With Me"),
			 .album = strdup("Goblin OST Part.1"),
			 .track = 1, .year = 2016, .duration_ms = 190500},
	};
	osp_tags_add_artist(&t.tags, "Chanyeol");
	osp_tags_add_artist(&t.tags, "Punch");
	osp_tags_add_artist(&t.tags, "Chanyeol");	/* a repeat: dropped */
	tap_int((long long)t.tags.n_artists, 2, "repeated artist dropped");
	tap_ok(osp_library_begin(lib, &err) &&
	       osp_library_put_track(lib, &t, &err) &&
	       osp_library_commit(lib, &err), "put a track");
	int64_t first_id = t.id;
	tap_ok(first_id > 0, "put sets the id");

	struct collected c = {0};
	osp_library_each_track(lib, NULL, collect, &c, &err);
	tap_int((long long)c.n, 1, "one track stored");
	if (c.n == 1) {
		struct osp_track *r = &c.tracks[0];
		tap_ok(r->path_len == 14 && memcmp(r->path, t.path, 14) == 0,
		       "path bytes survive exactly");
		tap_int(r->mtime_ns, t.mtime_ns, "mtime in ns survives");
		tap_str(r->tags.title, "Stay With Me", "title");
		tap_int((long long)r->tags.n_artists, 2, "two artists");
		tap_str(r->tags.n_artists > 1 ? r->tags.artists[1] : NULL,
			"Punch", "artists keep their order");
		tap_int(r->tags.duration_ms, 190500, "duration");
	}
	clear(&c);

	/* Same path again: an update, not a second row. */
	free(t.tags.artists[0]);
	free(t.tags.artists[1]);
	t.tags.n_artists = 0;
	osp_tags_add_artist(&t.tags, "Punch");
	free(t.tags.title);
	t.tags.title = strdup("Stay With Me (Inst.)");
	osp_library_put_track(lib, &t, &err);
	tap_int(t.id, first_id, "put on the same path keeps the id");
	tap_int(osp_library_count_tracks(lib, &err), 1, "still one track");
	tap_int(count_rows(db_path, "SELECT count(*) FROM track_artist"), 1,
		"artists replaced as a whole");

	tap_ok(osp_library_remove_track(lib, t.id, &err), "remove");
	tap_int(count_rows(db_path, "SELECT count(*) FROM track_artist"), 0,
		"removing a track removes its artists");
	osp_track_clear(&t);

	osp_library_add_music_dir(lib, "/m", &err);
	osp_library_add_music_dir(lib, "/m", &err);
	osp_library_add_music_dir(lib, "/n", &err);
	char **dirs;
	size_t n_dirs;
	osp_library_music_dirs(lib, &dirs, &n_dirs, &err);
	tap_int((long long)n_dirs, 2, "music folders remembered once each");
	for (size_t i = 0; i < n_dirs; i++)
		free(dirs[i]);
	free(dirs);
	osp_library_close(lib);
}

static void test_newer_schema(const char *db_path)
{
	sqlite3 *db;
	sqlite3_open(db_path, &db);
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	struct osp_error err = {0};
	struct osp_library *lib = osp_library_open(db_path, &err);
	tap_ok(lib == NULL, "a database from a newer ostplay is refused");
	char want[4300];
	snprintf(want, sizeof(want),
		 "%s: written by a newer ostplay (schema 99, this one knows 9)",
		 db_path);
	tap_str(err.msg, want, "and the message says why");
	osp_library_close(lib);
}

/* Stores a track (a new one when `id` is 0); returns its id. */
static int64_t store(struct osp_library *lib, int64_t id, const char *path,
		     const char *title, const char *artist, int duration_ms,
		     int bitrate)
{
	struct osp_error err = {0};
	struct osp_track t = {.id = id, .path = strdup(path),
			      .path_len = strlen(path), .size = 1, .mtime_ns = 1};
	t.tags.title = title ? strdup(title) : NULL;
	t.tags.album = title ? strdup("Goblin OST") : NULL;
	t.tags.duration_ms = duration_ms;
	t.tags.bitrate = bitrate;
	if (artist)
		osp_tags_add_artist(&t.tags, artist);
	if (!osp_library_put_track(lib, &t, &err))
		printf("# put %s: %s\n", path, err.msg);
	int64_t stored = t.id;
	osp_track_clear(&t);
	return stored;
}

static int64_t put(struct osp_library *lib, const char *path,
		   const char *title, const char *artist, int duration_ms)
{
	return store(lib, 0, path, title, artist, duration_ms, 0);
}

static bool count_track(void *ctx, const struct osp_track *t)
{
	(void)t;
	++*(int *)ctx;
	return true;
}

static bool count_favorite(void *ctx, const struct osp_favorite *f)
{
	(void)f;
	++*(int *)ctx;
	return true;
}

static int n_favorites(struct osp_library *lib)
{
	int n = 0;
	struct osp_track_query q = {.favorites = true};
	osp_library_each_track(lib, &q, count_track, &n, NULL);
	return n;
}

static bool first_path(void *ctx, const struct osp_track *t)
{
	struct osp_buf *b = ctx;
	osp_buf_append(b, t->path, t->path_len);
	osp_buf_putc(b, '|');
	return true;
}

/* Favourites and playlists follow the song: a re-scan replaces rows and a
 * moved file comes back as a new track with a new id. */
static void test_favorites_follow_songs(const char *db_path)
{
	struct osp_error err = {0};
	struct osp_library *lib = osp_library_open(db_path, &err);
	int64_t stay = put(lib, "/m/a/Stay.flac", "Stay With Me", "Chanyeol",
			   190400);
	int64_t hush = put(lib, "/m/a/Hush.flac", "Hush", "Lasse Lindh",
			   200000);
	int64_t bare = put(lib, "/m/a/untitled 07.wav", NULL, NULL, 61000);
	bool changed = false;
	tap_ok(osp_library_set_favorite(lib, stay, true, &changed, &err) &&
	       changed, "mark a favourite");
	osp_library_set_favorite(lib, stay, true, &changed, &err);
	tap_ok(!changed, "marking it again changes nothing");
	osp_library_set_favorite(lib, bare, true, NULL, &err);
	tap_int(n_favorites(lib), 2, "two favourites");

	int64_t ids[] = {hush, stay, bare};
	tap_ok(osp_library_save_playlist(lib, "Mine", ids, 3, &err),
	       "save a playlist");

	/* Moved and renamed: new rows, same songs. */
	osp_library_remove_track(lib, stay, &err);
	osp_library_remove_track(lib, bare, &err);
	tap_int(n_favorites(lib), 0, "a favourite whose file is gone ...");
	int listed = 0;
	osp_library_each_favorite(lib, count_favorite, &listed, &err);
	tap_int(listed, 2, "... is still listed");
	tap_int(count_rows(db_path, "SELECT count(*) FROM favorite"
			   " WHERE path = CAST('/m/a/Stay.flac' AS BLOB)"), 1,
		"where it was last seen");
	stay = put(lib, "/m/b/01 Stay (moved).flac", "Stay With Me",
		   "Chanyeol", 190450);
	bare = put(lib, "/m/b/untitled 07.wav", NULL, NULL, 61000);
	tap_int(n_favorites(lib), 2, "moved files are favourites again");
	osp_library_remove_track(lib, bare, &err);
	tap_int(count_rows(db_path, "SELECT count(*) FROM favorite"
			   " WHERE path = CAST('/m/b/untitled 07.wav' AS BLOB)"),
		1, "gone again: last seen at the new place");
	bare = put(lib, "/m/b/untitled 07.wav", NULL, NULL, 61000);
	struct osp_buf paths = {0};
	bool found = false;
	osp_library_each_playlist_track(lib, "Mine", first_path, &paths,
					&found, &err);
	tap_str(osp_buf_str(&paths),
		"/m/a/Hush.flac|/m/b/01 Stay (moved).flac|"
		"/m/b/untitled 07.wav|", "the playlist follows its songs");
	osp_buf_free(&paths);
	osp_library_each_playlist_track(lib, "Nope", first_path, &paths,
					&found, &err);
	tap_ok(!found && !paths.len, "an unknown playlist is not found");

	/* A FLAC and the MP3 made from it read a little apart (2.480 s and
	 * 2.508 s): one song; a version 5 s longer is another. */
	int64_t flac = put(lib, "/m/d/Beautiful.flac", "Beautiful", "Crush",
			   2480);
	int64_t mp3 = put(lib, "/m/d/Beautiful.mp3", "Beautiful", "Crush", 2508);
	int64_t full = put(lib, "/m/d/Beautiful (full).flac", "Beautiful",
			   "Crush", 7480);
	osp_library_set_favorite(lib, flac, true, NULL, &err);
	tap_ok(osp_library_same_song(lib, flac, mp3) &&
	       !osp_library_same_song(lib, flac, full),
	       "copies within 2 s are one song, a longer version is not");
	tap_int(n_favorites(lib), 4, "marking the FLAC marks its MP3 too");
	osp_library_set_favorite(lib, mp3, false, NULL, &err);
	tap_int(n_favorites(lib), 2, "and unmarking the MP3 unmarks both");

	/* Another song with the same title is not the favourite. */
	int64_t other = put(lib, "/m/c/Stay.flac", "Stay With Me", "Other",
			    190400);
	tap_int(n_favorites(lib), 2, "a different recording is not");
	osp_library_set_favorite(lib, other, false, &changed, &err);
	tap_ok(!changed, "unmarking a song that is not one changes nothing");
	osp_library_set_favorite(lib, stay, false, &changed, &err);
	tap_ok(changed && n_favorites(lib) == 1, "unmark a favourite");
	osp_library_close(lib);

	/* A schema-2 database gets song keys for the tracks it holds. */
	sqlite3 *db;
	sqlite3_open(db_path, &db);
	/* The checksum triggers name every column (the refresh after the
	 * migrations makes them again). */
	sqlite3_exec(db, "DROP TRIGGER IF EXISTS track_row_crc_insert;"
		     " DROP TRIGGER IF EXISTS track_row_crc_update;"
		     " DROP TABLE sticker;"
		     " ALTER TABLE track DROP COLUMN rg_track_gain;"
		     " ALTER TABLE track DROP COLUMN rg_track_peak;"
		     " ALTER TABLE track DROP COLUMN rg_album_gain;"
		     " ALTER TABLE track DROP COLUMN rg_album_peak;"
		     " ALTER TABLE track DROP COLUMN loud_size;"
		     " ALTER TABLE track DROP COLUMN loud_mtime_ns;"
		     " ALTER TABLE track DROP COLUMN loud_ok;"
		     " ALTER TABLE track DROP COLUMN loud_lufs;"
		     " ALTER TABLE track DROP COLUMN loud_peak;"
		     " ALTER TABLE track DROP COLUMN composer;"
		     " ALTER TABLE track DROP COLUMN performer;"
		     " ALTER TABLE track DROP COLUMN date;"
		     " ALTER TABLE track DROP COLUMN bits;"
		     " ALTER TABLE track DROP COLUMN stored_at;"
		     " DROP INDEX track_found; DROP INDEX track_by_copy_key;"
		     " ALTER TABLE track DROP COLUMN found_drama;"
		     " ALTER TABLE track DROP COLUMN found_alias;"
		     " ALTER TABLE track DROP COLUMN copy_key;"
		     " ALTER TABLE track DROP COLUMN version;"
		     " DROP TABLE drama_rule;"
		     " DROP INDEX track_by_song_key;"
		     " ALTER TABLE track DROP COLUMN song_key;"
		     " DROP TABLE favorite; DROP TABLE playlist_entry;"
		     " DROP TABLE playlist; PRAGMA user_version = 2",
		     NULL, NULL, NULL);
	sqlite3_close(db);
	lib = osp_library_open(db_path, &err);
	tap_int(count_rows(db_path, "SELECT count(*) FROM track"
			   " WHERE song_key IS NULL"), 0,
		"migrating from schema 2 fills in song keys");
	tap_int(count_rows(db_path, "SELECT count(*) FROM track"
			   " WHERE mtime_ns <> -1 OR stored_at = 0"
			   " OR (year > 0 AND date IS NOT CAST(year AS TEXT))"), 0,
		"migrating to schema 6 keeps the year as the date and has "
		"every file read again");
	struct osp_check_report report = {0};
	tap_ok(osp_library_check(db_path, &report, &err) &&
	       !osp_check_report_damaged(&report),
	       "migrating from schema 2 leaves every row its right checksum "
	       "(%s)", report.first_problem);
	osp_library_set_favorite(lib, hush, true, NULL, &err);
	osp_library_remove_track(lib, hush, &err);
	put(lib, "/m/z/Hush.flac", "Hush", "Lasse Lindh", 200000);
	tap_int(n_favorites(lib), 1, "and they name the song as a new one does");
	osp_library_close(lib);
}

/* Checks the paths `q` lists, each followed by '|', against `want`. */
static void check_listed(struct osp_library *lib,
			 const struct osp_track_query *q, const char *want,
			 const char *desc)
{
	struct osp_buf paths = {0};
	struct osp_error err = {0};
	if (!osp_library_each_track(lib, q, first_path, &paths, &err))
		printf("# %s\n", err.msg);
	tap_str(osp_buf_str(&paths), want, "%s", desc);
	osp_buf_free(&paths);
}

/* one_per_song keeps the best copy of each song among those that pass the
 * other filters. */
static void test_one_per_song(const char *db_path)
{
	struct osp_error err = {0};
	struct osp_library *lib = osp_library_open(db_path, &err);
	/* A tone's FLAC can have a lower bitrate than its MP3: lossless wins
	 * by the file name, whatever its case. */
	int64_t flac = store(lib, 0, "/m/x/Beautiful.flac", "Beautiful",
			     "Crush", 2480, 90);
	int64_t mp3 = store(lib, 0, "/m/x/Beautiful.mp3", "Beautiful",
			    "Crush", 2508, 320);
	int64_t ogg = store(lib, 0, "/m/x/Beautiful.ogg", "Beautiful",
			    "Crush", 2500, 160);
	store(lib, 0, "/m/x/Beautiful (full).mp3", "Beautiful", "Crush", 7480,
	      128);
	store(lib, 0, "/m/y/Hush.mp3", "Hush", "Lasse Lindh", 200000, 320);
	store(lib, 0, "/m/y/Hush.WAV", "Hush", "Lasse Lindh", 200000, 1411);
	struct osp_track_query all = {.one_per_song = true};
	check_listed(lib, &all,
		     "/m/x/Beautiful (full).mp3|/m/x/Beautiful.flac|"
		     "/m/y/Hush.WAV|", "one copy per song, lossless first; a "
		     "longer version is another song");

	/* The FLAC is of no drama: among Goblin's copies, the highest
	 * bitrate. */
	char title[] = "Goblin";
	struct osp_track_match goblin = {.drama = title, .ost_order = 4};
	osp_library_set_match(lib, mp3, &goblin, &err);
	osp_library_set_match(lib, ogg, &goblin, &err);
	osp_library_set_match(lib, flac, &(struct osp_track_match){0}, &err);
	struct osp_track_query drama = {.drama = "Goblin",
					.one_per_song = true};
	check_listed(lib, &drama, "/m/x/Beautiful.mp3|", "a copy the filters "
		     "leave out does not hide the others");
	osp_library_close(lib);
}

/* What one_per_song must not take for copies. */
static void test_not_copies(const char *db_path)
{
	struct osp_error err = {0};
	struct osp_library *lib = osp_library_open(db_path, &err);
	/* Untagged files are known by their file name alone: the 01.flac of
	 * each disc is not a copy of the other. */
	put(lib, "/m/u/Disc 1/01.flac", NULL, NULL, 200000);
	put(lib, "/m/u/Disc 2/01.flac", NULL, NULL, 201000);
	/* 180.0 s, 181.5 s, 183.0 s: each within 2 s of the next, the first
	 * and last 3 s apart, so two songs, and each keeps a file. */
	store(lib, 0, "/m/c/a.mp3", "Chain", "X", 180000, 128);
	store(lib, 0, "/m/c/b.mp3", "Chain", "X", 181500, 320);
	store(lib, 0, "/m/c/c.flac", "Chain", "X", 183000, 900);
	struct osp_track_query all = {.one_per_song = true};
	check_listed(lib, &all, "/m/c/a.mp3|/m/c/c.flac|/m/u/Disc 1/01.flac|"
		     "/m/u/Disc 2/01.flac|", "untagged files named alike are "
		     "not copies, and a chain of copies keeps a file 3 s from "
		     "the kept one");
	osp_library_close(lib);
}

static bool first_title(void *ctx, const struct osp_favorite *f)
{
	struct osp_buf *b = ctx;
	osp_buf_puts(b, f->title ? f->title : "(none)");
	osp_buf_puts(b, f->present ? "|" : " (missing)|");
	return true;
}

/* Checks the favourites' titles, in order, each followed by '|'. */
static void check_favorites(struct osp_library *lib, const char *want,
			    const char *desc)
{
	struct osp_buf b = {0};
	osp_library_each_favorite(lib, first_title, &b, NULL);
	tap_str(osp_buf_str(&b), want, "%s", desc);
	osp_buf_free(&b);
}

/* Re-tagging a favourite's file in place (the scanner stores it again
 * under its id) moves the mark to the song it now names, when its
 * duration says it is the same recording. */
static void test_retag(const char *db_path)
{
	struct osp_error err = {0};
	struct osp_library *lib = osp_library_open(db_path, &err);
	int64_t a = put(lib, "/m/r/a.flac", "Stay Wiht Me", "Chanyeol", 190000);
	int64_t b = put(lib, "/m/r/b.flac", "Hush", "Lasse Lindh", 200000);
	int64_t c = put(lib, "/m/r/c.flac", "Beautiful", "Crush", 220000);
	int64_t c_mp3 = put(lib, "/m/r/c.mp3", "Beautiful", "Crush", 220030);
	osp_library_set_favorite(lib, a, true, NULL, &err);
	osp_library_set_favorite(lib, b, true, NULL, &err);
	osp_library_set_favorite(lib, c, true, NULL, &err);

	store(lib, a, "/m/r/a.flac", "Stay With Me", "Chanyeol", 190400, 0);
	check_favorites(lib, "Stay With Me|Hush|Beautiful|", "a title fixed in "
			"the tags keeps the mark, in its place, and leaves no "
			"missing one");

	/* Another recording written over b's file (10 s longer). */
	store(lib, b, "/m/r/b.flac", "Hush (Live)", "Lasse Lindh", 210000, 0);
	check_favorites(lib, "Stay With Me|Hush (missing)|Beautiful|",
			"another recording in the same file gets no mark; the "
			"old song is missing");

	/* One copy of two re-tagged: both songs are marked. */
	store(lib, c, "/m/r/c.flac", "Beautiful (Goblin)", "Crush", 220000, 0);
	tap_int(n_favorites(lib), 3, "re-tagging one copy marks its new song "
		"and keeps the other copy's");
	tap_ok(osp_library_same_song(lib, c, c_mp3) == false, "(they are two "
	       "songs now)");
	osp_library_close(lib);
}

/* The rows' checksums: CRC-32 as zlib computes it, in pieces or whole. */
static void test_crc32(void)
{
	tap_int(osp_crc32(0, "123456789", 9), 0xCBF43926,
		"crc32: the standard check value");
	tap_int(osp_crc32(osp_crc32(0, "1234", 4), "56789", 5), 0xCBF43926,
		"crc32: continued over two pieces");
	tap_int(osp_crc32(0, "", 0), 0, "crc32: of nothing");
	/* Eight bytes a step, and the bytes left over, at any alignment. */
	static const char text[] = "The quick brown fox jumps over the lazy dog";
	tap_int(osp_crc32(0, text, sizeof(text) - 1), 0x414FA339,
		"crc32: 43 bytes, eight at a time and three alone");
	tap_int(osp_crc32(osp_crc32(0, text, 5), text + 5, sizeof(text) - 6),
		0x414FA339, "crc32: the same from an odd start");
}

int main(void)
{
	test_crc32();
	char *dir = tap_tmpdir();
	char db_path[4200];
	snprintf(db_path, sizeof(db_path), "%s/library.db", dir);
	test_round_trip(db_path);
	test_favorites_follow_songs(db_path);
	test_newer_schema(db_path);
	snprintf(db_path, sizeof(db_path), "%s/copies.db", dir);
	test_one_per_song(db_path);
	snprintf(db_path, sizeof(db_path), "%s/not-copies.db", dir);
	test_not_copies(db_path);
	snprintf(db_path, sizeof(db_path), "%s/retag.db", dir);
	test_retag(db_path);
	tap_rmtree(dir);
	free(dir);
	return tap_done();
}
