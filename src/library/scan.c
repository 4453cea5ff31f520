#include "ostplay/scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ostplay/buf.h"
#include "ostplay/hash.h"
#include "ostplay/xalloc.h"

/* Commit this often, so a killed scan loses little work.  By time, not by
 * a count of files: each commit rewrites the index pages it touched, and
 * SQLite syncs when the WAL it grows is copied back, so committing every
 * 1000 files cost a 50,000-file scan 62 fdatasyncs and 300 MB of writes
 * for a 21 MB database. */
#define BATCH_SECONDS 1.0

static const struct {
	const char *key, *text;
} skip_names[OSP_N_SKIPS] = {
	[OSP_SKIP_EMPTY] = {"empty", "empty file"},
	[OSP_SKIP_NOT_AUDIO] = {"not-audio", "not audio"},
	[OSP_SKIP_UNREADABLE_FILE] = {"unreadable-file", "unreadable file"},
	[OSP_SKIP_UNREADABLE_FOLDER] = {"unreadable-folder", "unreadable folder"},
	[OSP_SKIP_SYMLINK_LOOP] = {"symlink-loop", "symlink loop"},
	[OSP_SKIP_DANGLING_SYMLINK] = {"dangling-symlink", "dangling symlink"},
	[OSP_SKIP_MISSING_FOLDER] = {"missing-folder", "missing folder"},
	[OSP_SKIP_TOO_DEEP] = {"too-deep", "nested too deep"},
};

const char *osp_scan_skip_key(enum osp_skip why)
{
	return skip_names[why].key;
}

const char *osp_scan_skip_text(enum osp_skip why)
{
	return skip_names[why].text;
}

/* The extensions TagLib 1.13 reads audio from (tracker modules aside). */
bool osp_scan_is_audio_name(const char *name)
{
	static const char *const exts[] = {
		"aif", "aifc", "aiff", "ape", "asf", "flac", "m4a", "m4b",
		"mp2", "mp3", "mp4", "mpc", "oga", "ogg", "opus", "spx",
		"tta", "wav", "wma", "wv",
	};
	const char *dot = strrchr(name, '.');
	if (!dot || dot == name)
		return false;
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (strcasecmp(dot + 1, exts[i]) == 0)
			return true;
	return false;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What the library held before this scan, by path. */
struct known {
	int64_t id, size, mtime_ns;
	char *path;
	size_t path_len;
	bool seen;	/* met on disk this scan, or handed to a job */
};

struct known_set {
	struct known *v;
	size_t n, cap;
	size_t *slots;	/* open addressing: index + 1 into v, 0 = empty */
	size_t n_slots;	/* a power of two, more than twice n */
};

static bool known_add(void *ctx, int64_t id, const char *path,
		      size_t path_len, int64_t size, int64_t mtime_ns)
{
	struct known_set *k = ctx;
	k->v = xgrow(k->v, &k->cap, k->n + 1, sizeof(*k->v));
	k->v[k->n++] = (struct known){
		.id = id, .size = size, .mtime_ns = mtime_ns,
		.path = xmemdup(path, path_len), .path_len = path_len,
	};
	return true;
}

static void known_index(struct known_set *k)
{
	k->n_slots = 16;
	while (k->n_slots < 2 * k->n + 1)
		k->n_slots *= 2;
	k->slots = xcalloc(k->n_slots, sizeof(*k->slots));
	for (size_t i = 0; i < k->n; i++) {
		size_t s = osp_hash_bytes(OSP_HASH_START, k->v[i].path,
					  k->v[i].path_len);
		while (k->slots[s &= k->n_slots - 1])
			s++;
		k->slots[s] = i + 1;
	}
}

static struct known *known_find(struct known_set *k, const char *path,
				size_t len)
{
	size_t s = osp_hash_bytes(OSP_HASH_START, path, len);
	for (;; s++) {
		size_t i = k->slots[s &= k->n_slots - 1];
		if (!i)
			return NULL;
		struct known *e = &k->v[i - 1];
		if (e->path_len == len && memcmp(e->path, path, len) == 0)
			return e;
	}
}

static void known_free(struct known_set *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i].path);
	free(k->v);
	free(k->slots);
}

/* A file whose tags must be read: new, or changed since it was stored. */
struct job {
	struct osp_track track;		/* track.id: 0 when new */
	struct osp_error err;
	bool ok;
	atomic_bool done;	/* set by the reader once track and err are */
};

struct dir_id {
	dev_t dev;
	ino_t ino;
};

struct walker {
	const struct osp_scan_options *opt;
	struct osp_scan_summary *sum;
	struct known_set known;
	struct job *jobs;
	size_t n_jobs, cap_jobs;
	/* Every folder walked, so none is walked twice: open addressing,
	 * n_slots a power of two kept over twice n_visited. */
	struct dir_id *visited;
	size_t n_visited, n_slots;
	/* The folders enclosing w->path: a link to one of them is a loop. */
	struct dir_id ancestors[OSP_SCAN_MAX_DEPTH + 1];
	size_t n_ancestors;
	char **kept;		/* folders whose rows stay: they were unreadable */
	size_t n_kept, cap_kept;
	struct osp_buf path;	/* the path being looked at */
	double started;
};

static void skip(struct walker *w, enum osp_skip why, const char *detail)
{
	w->sum->skipped[why]++;
	w->sum->n_skipped++;
	if (w->opt->on_skip)
		w->opt->on_skip(w->opt->ctx, osp_buf_str(&w->path), why, detail);
}

static void progress(struct walker *w, bool reading, size_t done,
		     size_t total)
{
	if (!w->opt->on_progress)
		return;
	struct osp_scan_progress p = {
		.reading = reading,
		.found = w->sum->seen,
		.done = done,
		.total = total,
		.seconds = now() - w->started,
	};
	w->opt->on_progress(w->opt->ctx, &p);
}

static void keep_rows_under(struct walker *w)
{
	w->kept = xgrow(w->kept, &w->cap_kept, w->n_kept + 1, sizeof(char *));
	w->kept[w->n_kept++] = xmemdup(w->path.data, w->path.len);
}

static void add_file(struct walker *w, const struct stat *st)
{
	w->sum->seen++;
	if ((w->sum->seen & 255) == 0)
		progress(w, false, 0, 0);
	if (st->st_size == 0) {
		skip(w, OSP_SKIP_EMPTY, NULL);
		return;	/* a stored row for it goes with the vanished */
	}
	int64_t mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 +
			   st->st_mtim.tv_nsec;
	struct known *k = known_find(&w->known, w->path.data, w->path.len);
	if (k) {
		k->seen = true;
		if (k->size == st->st_size && k->mtime_ns == mtime_ns) {
			w->sum->unchanged++;
			return;
		}
	}
	w->jobs = xgrow(w->jobs, &w->cap_jobs, w->n_jobs + 1, sizeof(*w->jobs));
	w->jobs[w->n_jobs++] = (struct job){
		.track = {
			.id = k ? k->id : 0,
			.path = xmemdup(w->path.data, w->path.len),
			.path_len = w->path.len,
			.size = st->st_size,
			.mtime_ns = mtime_ns,
		},
	};
}

/* A FIFO, socket or device under an audio file's name holds no audio a
 * scan can read, and reading a FIFO would wait for a writer. */
static void add_special(struct walker *w)
{
	w->sum->seen++;
	skip(w, OSP_SKIP_NOT_AUDIO, NULL);
}

static bool same_dir(struct dir_id a, struct dir_id b)
{
	return a.dev == b.dev && a.ino == b.ino;
}

static size_t dir_slot(const struct walker *w, struct dir_id id)
{
	uint64_t h = ((uint64_t)id.ino * 0x9E3779B97F4A7C15u) ^ (uint64_t)id.dev;
	size_t s = (size_t)(h >> 17);
	for (;; s++) {
		s &= w->n_slots - 1;
		if (!w->visited[s].ino || same_dir(w->visited[s], id))
			return s;	/* inode 0 is never a folder: empty slot */
	}
}

/* Adds `id` to the visited set; false when it was there already. */
static bool visit(struct walker *w, struct dir_id id)
{
	if (2 * (w->n_visited + 1) >= w->n_slots) {
		struct dir_id *old = w->visited;
		size_t n_old = w->n_slots;
		w->n_slots = n_old ? 2 * n_old : 256;
		w->visited = xcalloc(w->n_slots, sizeof(*w->visited));
		for (size_t i = 0; i < n_old; i++)
			if (old[i].ino)
				w->visited[dir_slot(w, old[i])] = old[i];
		free(old);
	}
	size_t s = dir_slot(w, id);
	if (w->visited[s].ino)
		return false;
	w->visited[s] = id;
	w->n_visited++;
	return true;
}

static void walk_dir(struct walker *w, int fd);

/* Enters the folder at w->path, open as `fd` (which this takes over). */
static void enter_dir(struct walker *w, int fd)
{
	struct stat st;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return;
	}
	struct dir_id id = {st.st_dev, st.st_ino};
	for (size_t i = 0; i < w->n_ancestors; i++) {
		if (same_dir(w->ancestors[i], id)) {
			skip(w, OSP_SKIP_SYMLINK_LOOP, NULL);
			close(fd);
			return;
		}
	}
	if (w->n_ancestors > OSP_SCAN_MAX_DEPTH) {
		skip(w, OSP_SKIP_TOO_DEEP, NULL);
		keep_rows_under(w);
		close(fd);
		return;
	}
	/* Reached again by another way (a second link, a nested music
	 * folder): its files are already in. */
	if (!visit(w, id)) {
		close(fd);
		return;
	}
	w->ancestors[w->n_ancestors++] = id;
	walk_dir(w, fd);
	w->n_ancestors--;
}

static void unreadable_dir(struct walker *w, int sys)
{
	skip(w, OSP_SKIP_UNREADABLE_FOLDER, strerror(sys));
	keep_rows_under(w);
}

static void walk_entry(struct walker *w, int dirfd, const struct dirent *de)
{
	const char *name = de->d_name;
	struct stat st;
	bool is_dir = de->d_type == DT_DIR;

	if (de->d_type == DT_REG) {
		if (!osp_scan_is_audio_name(name))
			return;
		if (fstatat(dirfd, name, &st, 0) != 0)
			return;	/* gone since readdir */
		if (S_ISREG(st.st_mode))
			add_file(w, &st);
		else if (!S_ISDIR(st.st_mode))
			add_special(w);	/* replaced since readdir */
		return;
	}
	if (!is_dir) {	/* a link, or a file system without d_type */
		if (fstatat(dirfd, name, &st, 0) != 0) {
			if (errno == ELOOP)
				skip(w, OSP_SKIP_SYMLINK_LOOP, NULL);
			else if (errno == ENOENT &&
				 fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
				skip(w, OSP_SKIP_DANGLING_SYMLINK, NULL);
			return;
		}
		if (S_ISREG(st.st_mode) && osp_scan_is_audio_name(name))
			add_file(w, &st);
		else if (!S_ISDIR(st.st_mode) && osp_scan_is_audio_name(name))
			add_special(w);
		is_dir = S_ISDIR(st.st_mode);
	}
	if (is_dir) {
		int fd = openat(dirfd, name,
				O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			unreadable_dir(w, errno);
		else
			enter_dir(w, fd);
	}
}

static void walk_dir(struct walker *w, int fd)
{
	DIR *d = fdopendir(fd);
	if (!d) {
		unreadable_dir(w, errno);
		close(fd);
		return;
	}
	size_t base = w->path.len;
	struct dirent *de;
	errno = 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;	/* hidden, and "." and ".." */
		osp_buf_putc(&w->path, '/');
		osp_buf_puts(&w->path, de->d_name);
		walk_entry(w, dirfd(d), de);
		osp_buf_truncate(&w->path, base);
		errno = 0;
	}
	if (errno)
		unreadable_dir(w, errno);
	closedir(d);
}

static void walk_root(struct walker *w, const char *root,
		      struct osp_library *lib)
{
	osp_buf_truncate(&w->path, 0);
	osp_buf_puts(&w->path, root);
	while (w->path.len > 1 && w->path.data[w->path.len - 1] == '/')
		osp_buf_truncate(&w->path, w->path.len - 1);

	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR) {
			skip(w, OSP_SKIP_MISSING_FOLDER, strerror(errno));
			keep_rows_under(w);
		} else {
			unreadable_dir(w, errno);
		}
		return;
	}
	/* Remembered for the next scan; failure here only costs that. */
	osp_library_add_music_dir(lib, osp_buf_str(&w->path), NULL);
	if (strcmp(osp_buf_str(&w->path), "/") == 0)
		osp_buf_truncate(&w->path, 0);	/* children add the '/' */
	enter_dir(w, fd);
}

/* Tag readers: each takes the next job until none is left, while the main
 * thread stores finished jobs in walk order.  The main thread sleeps until
 * `wake_at` jobs are done, not after every job: waking it per file costs
 * more than the stores it does. */
#define WAKE_BATCH 128

#define MAX_READERS 64

struct readers {
	struct job *jobs;
	size_t n_jobs;
	atomic_size_t next;	/* the next job to take */
	atomic_size_t n_done;
	atomic_size_t wake_at;	/* signal `done` once n_done reaches it */
	pthread_mutex_t lock;
	pthread_cond_t done;
};

int osp_scan_readers(int n_threads)
{
	long n_cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int n = n_threads > 0 ? n_threads : (n_cpus > 0 ? (int)n_cpus : 1);
	return n > MAX_READERS ? MAX_READERS : n;
}

/* Reads job `j`'s tags, and matches it when the caller asked for that. */
static void read_job(const struct osp_scan_options *opt, int reader,
		     struct job *j)
{
	j->ok = osp_tags_read(j->track.path, &j->track.tags, &j->err);
	if (j->ok && opt->match)
		opt->match(opt->match_ctx, reader, &j->track);
}

/* One tag reader's thread: which reader it is, and the work shared. */
struct reader {
	struct readers *r;
	const struct osp_scan_options *opt;
	int index;
};

static void *reader_main(void *arg)
{
	const struct reader *me = arg;
	struct readers *r = me->r;
	size_t i;
	while ((i = atomic_fetch_add(&r->next, 1)) < r->n_jobs) {
		read_job(me->opt, me->index, &r->jobs[i]);
		atomic_store(&r->jobs[i].done, true);
		/* Sequentially consistent with the main thread's store of
		 * wake_at and its load of n_done: one of the two sides sees
		 * the other, so no wake-up is lost. */
		if (atomic_fetch_add(&r->n_done, 1) + 1 >= atomic_load(&r->wake_at)) {
			pthread_mutex_lock(&r->lock);
			pthread_cond_signal(&r->done);
			pthread_mutex_unlock(&r->lock);
		}
	}
	return NULL;
}

/* Waits until job `i` is done and, unless the readers are nearly through,
 * a batch of jobs beyond it too. */
static void wait_for(struct readers *r, size_t i)
{
	if (atomic_load(&r->jobs[i].done))
		return;
	size_t want = i + WAKE_BATCH < r->n_jobs ? i + WAKE_BATCH : r->n_jobs;
	pthread_mutex_lock(&r->lock);
	atomic_store(&r->wake_at, want);
	while (!atomic_load(&r->jobs[i].done) || atomic_load(&r->n_done) < want)
		pthread_cond_wait(&r->done, &r->lock);
	atomic_store(&r->wake_at, SIZE_MAX);
	pthread_mutex_unlock(&r->lock);
}

static bool is_under(const char *path, size_t len, const char *dir)
{
	size_t n = strlen(dir);
	return len > n && memcmp(path, dir, n) == 0 &&
	       (path[n] == '/' || (n == 1 && dir[0] == '/'));
}

/* Stores job `j`'s outcome: the track, or a skip (dropping a stored row
 * that is no longer audio). */
static bool store(struct walker *w, struct osp_library *lib, struct job *j,
		  struct osp_error *err)
{
	struct osp_track *t = &j->track;
	if (j->ok) {
		bool is_new = t->id == 0;
		if (!osp_library_put_track(lib, t, err))
			return false;
		if (is_new)
			w->sum->added++;
		else
			w->sum->updated++;
		return true;
	}
	bool unreadable = j->err.code == OSP_ERR_IO;
	osp_buf_truncate(&w->path, 0);
	osp_buf_append(&w->path, t->path, t->path_len);
	skip(w, unreadable ? OSP_SKIP_UNREADABLE_FILE : OSP_SKIP_NOT_AUDIO,
	     unreadable ? strerror(j->err.sys) : NULL);
	if (t->id && !unreadable) {
		if (!osp_library_remove_track(lib, t->id, err))
			return false;
		w->sum->removed++;
	}
	return true;
}

static bool store_all(struct walker *w, struct osp_library *lib,
		      struct osp_error *err)
{
	struct readers r = {.jobs = w->jobs, .n_jobs = w->n_jobs,
			    .wake_at = SIZE_MAX};
	pthread_t threads[MAX_READERS];
	struct reader readers[MAX_READERS];
	int n_threads = w->sum->n_threads;
	int n_started = 0;

	pthread_mutex_init(&r.lock, NULL);
	pthread_cond_init(&r.done, NULL);
	/* With one reader the main thread reads too, between stores. */
	for (; n_threads > 1 && n_started < n_threads; n_started++) {
		readers[n_started] = (struct reader){&r, w->opt, n_started};
		if (pthread_create(&threads[n_started], NULL, reader_main,
				   &readers[n_started]) != 0)
			break;
	}

	bool ok = osp_library_begin(lib, err);
	double batch_start = now();
	for (size_t i = 0; ok && i < w->n_jobs; i++) {
		struct job *j = &w->jobs[i];
		if (n_started == 0)
			read_job(w->opt, 0, j);
		else
			wait_for(&r, i);
		ok = store(w, lib, j, err);
		osp_track_clear(&j->track);
		if (ok && now() - batch_start >= BATCH_SECONDS) {
			ok = osp_library_commit(lib, err) &&
			     osp_library_begin(lib, err);
			batch_start = now();
		}
		progress(w, true, i + 1, w->n_jobs);
	}
	if (ok)
		ok = osp_library_commit(lib, err);
	else
		osp_library_rollback(lib);

	/* On failure the readers still finish what is left: stop them. */
	atomic_store(&r.next, r.n_jobs);
	for (int i = 0; i < n_started; i++)
		pthread_join(threads[i], NULL);
	pthread_cond_destroy(&r.done);
	pthread_mutex_destroy(&r.lock);
	return ok;
}

/* Removes the rows of files that were not met under the scanned folders,
 * except under folders that could not be read this time. */
static bool remove_vanished(struct walker *w, struct osp_library *lib,
			    struct osp_error *err)
{
	const struct osp_scan_options *opt = w->opt;
	bool ok = osp_library_begin(lib, err);
	for (size_t i = 0; ok && i < w->known.n; i++) {
		struct known *k = &w->known.v[i];
		if (k->seen)
			continue;
		bool scanned = false, kept = false;
		for (size_t d = 0; d < opt->n_dirs && !scanned; d++)
			scanned = is_under(k->path, k->path_len, opt->dirs[d]);
		for (size_t d = 0; d < w->n_kept && !kept; d++)
			kept = is_under(k->path, k->path_len, w->kept[d]);
		if (scanned && !kept) {
			ok = osp_library_remove_track(lib, k->id, err);
			w->sum->removed++;
		}
	}
	if (ok)
		return osp_library_commit(lib, err);
	osp_library_rollback(lib);
	return false;
}

/* One scan per database at a time: a lock file beside it, held with
 * flock so that a killed scan releases it. */
static int lock_scan(struct osp_library *lib, struct osp_error *err)
{
	char *path = xasprintf("%s.scan-lock", osp_library_path(lib));
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		osp_fail_sys(err, errno, "%s", path);
		free(path);
		return -1;
	}
	free(path);
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		char pid[32] = "";
		ssize_t n = pread(fd, pid, sizeof(pid) - 1, 0);
		pid[n > 0 ? n : 0] = '\0';
		pid[strcspn(pid, "\n")] = '\0';
		osp_fail(err, OSP_ERR_BUSY, "another scan is running%s%s%s",
			 *pid ? " (pid " : "", pid, *pid ? ")" : "");
		close(fd);
		return -1;
	}
	char pid[32];
	int n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)n, 0) != n) {
		/* The pid is only for the message above; the lock holds. */
	}
	return fd;
}

bool osp_scan_run(struct osp_library *lib, const struct osp_scan_options *opt,
		  struct osp_scan_summary *sum, struct osp_error *err)
{
	*sum = (struct osp_scan_summary){0};
	int lock = lock_scan(lib, err);
	if (lock < 0)
		return false;

	struct walker w = {.opt = opt, .sum = sum, .started = now()};
	sum->n_threads = osp_scan_readers(opt->n_threads);

	bool ok = osp_library_each_file(lib, known_add, &w.known, err);
	if (ok) {
		known_index(&w.known);
		ok = osp_library_begin(lib, err);
		for (size_t i = 0; ok && i < opt->n_dirs; i++)
			walk_root(&w, opt->dirs[i], lib);
		ok = ok && osp_library_commit(lib, err);
		progress(&w, false, 0, 0);
	}
	ok = ok && store_all(&w, lib, err) && remove_vanished(&w, lib, err);

	for (size_t i = 0; i < w.n_jobs; i++)
		osp_track_clear(&w.jobs[i].track);
	free(w.jobs);
	for (size_t i = 0; i < w.n_kept; i++)
		free(w.kept[i]);
	free(w.kept);
	free(w.visited);
	known_free(&w.known);
	osp_buf_free(&w.path);
	sum->seconds = now() - w.started;
	close(lock);
	return ok;
}
