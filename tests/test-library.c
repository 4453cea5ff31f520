#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	tap_int(count_rows(db_path, "PRAGMA user_version"), 2,
		"schema version is 2");

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
		 "%s: written by a newer ostplay (schema 99, this one knows 2)",
		 db_path);
	tap_str(err.msg, want, "and the message says why");
	osp_library_close(lib);
}

int main(void)
{
	char *dir = tap_tmpdir();
	char db_path[4200];
	snprintf(db_path, sizeof(db_path), "%s/library.db", dir);
	test_round_trip(db_path);
	test_newer_schema(db_path);
	tap_rmtree(dir);
	free(dir);
	return tap_done();
}
