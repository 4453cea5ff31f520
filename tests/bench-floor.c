/*
 * bench-floor — the reference programs the scan benchmark compares against.
 *
 *   bench-floor [--threads N] DB DIR
 *	The "floor" for a full scan: walk DIR, read every audio file's tags
 *	with TagLib's C API and insert them into a fresh SQLite table in one
 *	transaction.  It does nothing a real scanner could skip, so a scanner
 *	cannot beat it by much and should not lose to it by much.
 *
 *   bench-floor --stat-only DB DIR
 *	The bare stat-walk: the least a no-change re-scan must do (notice
 *	that nothing changed).  DB is not touched.
 *
 * Prints "files=N seconds=S": N is the number of files stored (or, with
 * --stat-only, the audio files found), S the time from the start of the
 * walk to after COMMIT, so process start-up and opening the database are
 * left out.  Which files count follows ostplay's rules (audio extension,
 * names starting with "." ignored), so N can be checked against its scan.
 */
/* For nftw's FTW_ACTIONRETVAL, to prune "." folders; the meson build
 * already defines it for everything. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <ftw.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>
#include <tag_c.h>

struct entry {
	char *path;
	long long size;
	long long mtime_ns;
	/* Filled by a reader; NULL strings are absent tags.  The strings
	 * come from TagLib with string management off, so we own them. */
	bool ok;
	char *title, *artist, *album, *comment, *genre;
	unsigned year, track;
	int length, bitrate, samplerate, channels;
};

static struct entry *entries;
static size_t n_entries, cap_entries;
static bool stat_only;

static _Noreturn void die(const char *what, const char *detail)
{
	fprintf(stderr, "bench-floor: %s%s%s\n", what, detail ? ": " : "",
		detail ? detail : "");
	exit(1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool has_audio_ext(const char *name)
{
	static const char *const exts[] = {
		"mp3", "mp2", "flac", "ogg", "oga", "opus", "spx", "m4a",
		"m4b", "mp4", "aac", "alac", "wav", "wave", "aif", "aiff",
		"aifc", "wma", "asf", "ape", "wv", "mpc", "tta", "dsf", "dff",
	};
	const char *dot = strrchr(name, '.');

	if (!dot || dot == name)
		return false;
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
		if (strcasecmp(dot + 1, exts[i]) == 0)
			return true;
	return false;
}

static int visit(const char *path, const struct stat *st, int type,
		 struct FTW *ftw)
{
	const char *name = path + ftw->base;

	/* ostplay ignores dot names; the top folder itself is exempt. */
	if (ftw->level > 0 && name[0] == '.')
		return type == FTW_D ? FTW_SKIP_SUBTREE : FTW_CONTINUE;
	if (type != FTW_F || !S_ISREG(st->st_mode) || !has_audio_ext(name))
		return FTW_CONTINUE;
	if (stat_only) {
		n_entries++;	/* nftw already did the stat */
		return FTW_CONTINUE;
	}
	if (n_entries == cap_entries) {
		cap_entries = cap_entries ? cap_entries * 2 : 4096;
		entries = realloc(entries, cap_entries * sizeof *entries);
		if (!entries)
			die("out of memory", NULL);
	}
	struct entry *e = &entries[n_entries++];
	memset(e, 0, sizeof *e);
	if (!(e->path = strdup(path)))
		die("out of memory", NULL);
	e->size = (long long)st->st_size;
	e->mtime_ns = (long long)st->st_mtim.tv_sec * 1000000000LL +
		      st->st_mtim.tv_nsec;
	return FTW_CONTINUE;
}

static void read_tags(struct entry *e)
{
	TagLib_File *f = taglib_file_new(e->path);

	if (f && taglib_file_is_valid(f)) {
		const TagLib_Tag *t = taglib_file_tag(f);
		const TagLib_AudioProperties *p =
			taglib_file_audioproperties(f);

		if (t) {
			e->title = taglib_tag_title(t);
			e->artist = taglib_tag_artist(t);
			e->album = taglib_tag_album(t);
			e->comment = taglib_tag_comment(t);
			e->genre = taglib_tag_genre(t);
			e->year = taglib_tag_year(t);
			e->track = taglib_tag_track(t);
		}
		if (p) {
			e->length = taglib_audioproperties_length(p);
			e->bitrate = taglib_audioproperties_bitrate(p);
			e->samplerate = taglib_audioproperties_samplerate(p);
			e->channels = taglib_audioproperties_channels(p);
		}
		e->ok = true;
	}
	if (f)
		taglib_file_free(f);
}

/* --- parallel readers: files handed out by an atomic index ------------- */

/* The inserter takes files in batches: waking it for every file costs a
 * context switch each, which measurably slowed this floor down. */
#define BATCH 256

static atomic_size_t next_entry;
static atomic_size_t *batch_done;	/* files read, per batch */
static pthread_mutex_t done_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cond = PTHREAD_COND_INITIALIZER;

static size_t batch_len(size_t b)
{
	size_t left = n_entries - b * BATCH;

	return left < BATCH ? left : BATCH;
}

static void *reader(void *arg)
{
	size_t i;

	(void)arg;
	while ((i = atomic_fetch_add(&next_entry, 1)) < n_entries) {
		read_tags(&entries[i]);
		/* The atomic add publishes the entry to the inserter. */
		if (atomic_fetch_add(&batch_done[i / BATCH], 1) + 1 ==
		    batch_len(i / BATCH)) {
			/* Under the lock, which the inserter holds while
			 * checking, so the wake-up cannot be lost. */
			pthread_mutex_lock(&done_lock);
			pthread_cond_broadcast(&done_cond);
			pthread_mutex_unlock(&done_lock);
		}
	}
	return NULL;
}

static void wait_batch(size_t b)
{
	pthread_mutex_lock(&done_lock);
	while (atomic_load(&batch_done[b]) < batch_len(b))
		pthread_cond_wait(&done_cond, &done_lock);
	pthread_mutex_unlock(&done_lock);
}

/* --- SQLite ----------------------------------------------------------- */

static void exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sql, sqlite3_errmsg(db));
}

static void bind_text(sqlite3_stmt *st, int col, char *s)
{
	/* TagLib returns "" for a missing tag; store NULL as a scanner
	 * would.  SQLITE_TRANSIENT copies, so the string can go now. */
	if (s && *s)
		sqlite3_bind_text(st, col, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, col);
	if (s)
		taglib_free(s);
}

static bool insert(sqlite3 *db, sqlite3_stmt *st, struct entry *e)
{
	bool stored = e->ok;

	sqlite3_bind_text(st, 1, e->path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, e->size);
	sqlite3_bind_int64(st, 3, e->mtime_ns);
	bind_text(st, 4, e->title);
	bind_text(st, 5, e->artist);
	bind_text(st, 6, e->album);
	bind_text(st, 7, e->comment);
	bind_text(st, 8, e->genre);
	sqlite3_bind_int(st, 9, (int)e->year);
	sqlite3_bind_int(st, 10, (int)e->track);
	sqlite3_bind_int(st, 11, e->length);
	sqlite3_bind_int(st, 12, e->bitrate);
	sqlite3_bind_int(st, 13, e->samplerate);
	sqlite3_bind_int(st, 14, e->channels);
	if (stored && sqlite3_step(st) != SQLITE_DONE)
		die("insert", sqlite3_errmsg(db));
	sqlite3_reset(st);
	free(e->path);
	return stored;
}

static sqlite3 *open_db(const char *path)
{
	static const char *const suffixes[] = {
		"", "-journal", "-wal", "-shm",
	};
	char buf[4096];
	sqlite3 *db;

	/* A fresh database each run, as for a first scan. */
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		snprintf(buf, sizeof buf, "%s%s", path, suffixes[i]);
		unlink(buf);
	}
	if (sqlite3_open(path, &db) != SQLITE_OK)
		die(path, sqlite3_errmsg(db));
	exec(db, "CREATE TABLE track (path TEXT PRIMARY KEY, size INTEGER,"
		 " mtime_ns INTEGER, title TEXT, artist TEXT, album TEXT,"
		 " comment TEXT, genre TEXT, year INTEGER, track INTEGER,"
		 " length INTEGER, bitrate INTEGER, samplerate INTEGER,"
		 " channels INTEGER)");
	return db;
}

static _Noreturn void usage(void)
{
	fputs("usage: bench-floor [--threads N] [--stat-only] DB DIR\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	int n_threads = 1;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--stat-only") == 0) {
			stat_only = true;
		} else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
			char *end;
			long n = strtol(argv[++i], &end, 10);

			if (*end || n < 1 || n > 256)
				usage();
			n_threads = (int)n;
		} else {
			usage();
		}
	}
	if (argc - i != 2)
		usage();
	const char *db_path = argv[i], *dir = argv[i + 1];

	if (stat_only) {
		double t0 = now();

		if (nftw(dir, visit, 64, FTW_PHYS | FTW_ACTIONRETVAL) != 0)
			die(dir, "cannot walk");
		printf("files=%zu seconds=%.6f\n", n_entries, now() - t0);
		return 0;
	}

	/* Tag strings are freed with taglib_free by whichever thread holds
	 * them; TagLib's own string list is not thread-safe. */
	taglib_set_strings_unicode(1);
	taglib_set_string_management_enabled(0);
	sqlite3 *db = open_db(db_path);
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "INSERT INTO track VALUES"
			       " (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
			       -1, &st, NULL) != SQLITE_OK)
		die("prepare", sqlite3_errmsg(db));

	double t0 = now();

	if (nftw(dir, visit, 64, FTW_PHYS | FTW_ACTIONRETVAL) != 0)
		die(dir, "cannot walk");
	exec(db, "BEGIN");

	size_t stored = 0;

	if (n_threads == 1) {
		/* Truly single-threaded: read and insert in turn. */
		for (size_t k = 0; k < n_entries; k++) {
			read_tags(&entries[k]);
			stored += insert(db, st, &entries[k]);
		}
	} else {
		/* N readers; this thread inserts each batch in walk order
		 * once it is read, so inserting overlaps reading. */
		size_t n_batches = (n_entries + BATCH - 1) / BATCH;
		pthread_t *tids = calloc((size_t)n_threads, sizeof *tids);

		batch_done = calloc(n_batches + 1, sizeof *batch_done);
		if (!tids || !batch_done)
			die("out of memory", NULL);
		for (int k = 0; k < n_threads; k++)
			if (pthread_create(&tids[k], NULL, reader, NULL) != 0)
				die("cannot start a thread", NULL);
		for (size_t b = 0; b < n_batches; b++) {
			wait_batch(b);
			for (size_t k = b * BATCH; k < b * BATCH + batch_len(b);
			     k++)
				stored += insert(db, st, &entries[k]);
		}
		for (int k = 0; k < n_threads; k++)
			pthread_join(tids[k], NULL);
		free(tids);
		free(batch_done);
	}
	sqlite3_finalize(st);
	exec(db, "COMMIT");

	double seconds = now() - t0;

	if (stored != n_entries)
		fprintf(stderr, "bench-floor: %zu of %zu files unreadable\n",
			n_entries - stored, n_entries);
	printf("files=%zu seconds=%.6f\n", stored, seconds);
	sqlite3_close(db);
	free(entries);
	return 0;
}
