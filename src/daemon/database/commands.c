/* The database commands, as MPD 0.23 answers them (src/command/
 * DatabaseCommands.cxx, src/db/): a selection of library tracks, in the
 * order MPD walks its directory tree, printed, counted or queued. */
#include "commands.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "filter.h"
#include "groups.h"
#include "song.h"
#include "ostplay/xalloc.h"

/* One song selected: its track, URI and where its folder ends. */
struct hit {
	const struct osp_track *t;	/* the library's snapshot's, or a
					 * copy in the selection's `owned` */
	const char *uri;		/* into t->path */
	size_t dir_len;			/* of the URI's folder ("" at the
					 * root) */
};

struct selection;
/* What a selection does with each song instead of keeping it; `t` is
 * only valid during the call. */
typedef void song_fn(struct selection *s, const char *uri,
		     const struct osp_track *t);

struct selection {
	struct daemon *d;
	const struct db_filter *filter;	/* NULL: every song */
	const char *uri;	/* a song of this URI only, or NULL */
	song_fn *each;		/* NULL: keep them in `hits` */
	void *ctx;		/* for `each` */
	struct hit *hits;
	size_t n, cap;
	struct osp_track **owned;	/* copies of tracks read one by one */
	size_t n_owned, cap_owned;
	bool sorted;	/* by a tag: MPD then copies its songs, and its
			 * copies have no audio format */
};

static void free_hits(struct selection *s)
{
	for (size_t i = 0; i < s->n_owned; i++) {
		osp_track_clear(s->owned[i]);
		free(s->owned[i]);
	}
	free(s->owned);
	free(s->hits);
	s->owned = NULL;
	s->hits = NULL;
	s->n = s->cap = s->n_owned = s->cap_owned = 0;
}

static size_t dir_len_of(const char *uri)
{
	const char *slash = strrchr(uri, '/');
	return slash ? (size_t)(slash - uri) : 0;
}

/* Keeps track `t` (URI `uri`) when it passes; false when it was not. */
static bool consider(struct selection *s, const char *uri,
		     const struct osp_track *t)
{
	if (uri[0] == '/')	/* outside the music folders: not MPD's */
		return false;
	if (s->uri && strcmp(uri, s->uri) != 0)
		return false;
	if (s->filter && !db_filter_match(s->filter, uri, t))
		return false;
	if (s->each) {
		s->each(s, uri, t);
		return false;
	}
	s->hits = xgrow(s->hits, &s->cap, s->n + 1, sizeof(*s->hits));
	s->hits[s->n++] = (struct hit){.t = t, .uri = uri,
				       .dir_len = dir_len_of(uri)};
	return true;
}

/* For the library's queries: a track valid only during the call, copied
 * when kept. */
static bool take_track(void *ctx, const struct osp_track *t)
{
	struct selection *s = ctx;
	if (!consider(s, daemon_uri(s->d, t->path), t))
		return true;
	struct osp_track *copy = xmalloc(sizeof(*copy));
	osp_track_copy(copy, t);
	s->owned = xgrow(s->owned, &s->cap_owned, s->n_owned + 1,
			 sizeof(*s->owned));
	s->owned[s->n_owned++] = copy;
	struct hit *h = &s->hits[s->n - 1];
	h->t = copy;
	h->uri = daemon_uri(s->d, copy->path);
	return true;
}

/* qsort, which must not be given NULL, as an empty array may be. */
static void sort(void *v, size_t n, size_t size,
		 int (*compare)(const void *, const void *))
{
	if (n > 1)
		qsort(v, n, size, compare);
}

/* The path of folder `uri` ("" for the root) in music folder `i`; newly
 * allocated. */
static char *folder_path(const struct daemon *d, size_t i, const char *uri)
{
	return *uri ? xasprintf("%s/%s", d->music_dirs[i], uri)
		    : xstrdup(d->music_dirs[i]);
}

/* MPD's order: a folder's songs, then each sub-folder with all below it;
 * folders by name (db_collate), a folder's songs by db_song_order.  So
 * folders compare component by component, a folder before those in it. */
static int compare_walk(const struct hit *a, const struct hit *b)
{
	const char *pa = a->uri, *pb = b->uri;
	const char *ea = pa + a->dir_len, *eb = pb + b->dir_len;
	/* Most neighbours share their folder: one compare settles it. */
	if (a->dir_len == b->dir_len && memcmp(pa, pb, a->dir_len) == 0)
		pa = ea, pb = eb;
	while (pa < ea && pb < eb) {
		const char *ca = memchr(pa, '/', (size_t)(ea - pa));
		const char *cb = memchr(pb, '/', (size_t)(eb - pb));
		if (!ca)
			ca = ea;
		if (!cb)
			cb = eb;
		int c = db_collate(pa, (size_t)(ca - pa), pb, (size_t)(cb - pb));
		if (c)
			return c;
		pa = ca < ea ? ca + 1 : ea;
		pb = cb < eb ? cb + 1 : eb;
	}
	if (pa < ea || pb < eb)
		return pa < ea ? 1 : -1;	/* the other's folder holds it */
	return db_song_order(a->t, a->uri + a->dir_len + (a->dir_len > 0),
			     b->t, b->uri + b->dir_len + (b->dir_len > 0));
}

static int compare_hits_walk(const void *x, const void *y)
{
	return compare_walk(x, y);
}

/* The library's snapshot in MPD's order; `ctx` is the daemon. */
static int compare_tracks_walk(const struct osp_track *a,
			       const struct osp_track *b, void *ctx)
{
	struct hit ha = {.t = a, .uri = daemon_uri(ctx, a->path)};
	struct hit hb = {.t = b, .uri = daemon_uri(ctx, b->path)};
	ha.dir_len = dir_len_of(ha.uri);
	hb.dir_len = dir_len_of(hb.uri);
	return compare_walk(&ha, &hb);
}

/* Whether `uri` is `folder` or below it ("" holds everything). */
static bool is_below(const char *uri, const char *folder, size_t n)
{
	return !n || (strncmp(uri, folder, n) == 0 &&
		      (uri[n] == '/' || uri[n] == '\0'));
}

/* Selects the songs below folder `under` ("" for all) that pass
 * s->filter, in MPD's order.  A find of one drama asks the library by its
 * index; the rest is answered from the library's snapshot, kept in MPD's
 * order until the library changes.  False with the ACK on a library
 * error. */
static bool select_songs(struct daemon *d, struct reply *r,
			 struct selection *s, const char *under)
{
	struct osp_error err = {0};
	s->d = d;
	struct osp_track_query q = {.drama = db_filter_drama(s->filter),
				    .any_order = true};
	if (q.drama) {
		if (!osp_library_each_track(d->lib, &q, take_track, s, &err)) {
			free_hits(s);
			return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
		}
		sort(s->hits, s->n, sizeof(*s->hits), compare_hits_walk);
		if (*under) {	/* MPD's base: keep those below it */
			size_t kept = 0, n = strlen(under);
			for (size_t i = 0; i < s->n; i++)
				if (is_below(s->hits[i].uri, under, n))
					s->hits[kept++] = s->hits[i];
			s->n = kept;
		}
		return true;
	}
	const struct osp_track *all;
	size_t n_all, n = strlen(under);
	if (!osp_library_snapshot(d->lib, compare_tracks_walk, d, &all,
				  &n_all, &err))
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	for (size_t i = 0; i < n_all; i++) {
		const char *uri = daemon_uri(d, all[i].path);
		if (is_below(uri, under, n))
			consider(s, uri, &all[i]);
	}
	return true;
}

/* The song `uri` names, into `s` (nothing when there is none). */
static bool select_song(struct daemon *d, struct reply *r,
			struct selection *s, const char *uri)
{
	s->d = d;
	s->uri = uri;
	struct osp_error err = {0};
	size_t before = s->n;
	for (size_t i = 0; i < d->n_music_dirs && s->n == before; i++) {
		char *path = folder_path(d, i, uri);
		struct osp_track_query q = {.path = path,
					    .path_len = strlen(path)};
		bool ok = osp_library_each_track(d->lib, &q, take_track, s,
						 &err);
		free(path);
		if (!ok) {
			s->uri = NULL;
			return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
		}
	}
	s->uri = NULL;
	return true;
}

static bool has_child(void *ctx, const char *name, size_t len, bool is_folder)
{
	(void)name, (void)len, (void)is_folder;
	*(bool *)ctx = true;
	return false;
}

/* Whether `uri` ("" the root) is a folder holding songs. */
static bool is_folder(struct daemon *d, const char *uri)
{
	if (!*uri)
		return true;
	bool found = false;
	for (size_t i = 0; i < d->n_music_dirs && !found; i++) {
		char *path = folder_path(d, i, uri);
		osp_library_each_child(d->lib, path, strlen(path), has_child,
				       &found, NULL);
		free(path);
	}
	return found;
}

/* The songs that pass s->filter below `base` (a folder, or one song; NULL
 * for all), as MPD narrows a search to its base: MPD's "No such
 * directory" when it names neither. */
static bool select_base(struct daemon *d, struct reply *r, struct selection *s,
			const char *base)
{
	if (!base || is_folder(d, base))
		return select_songs(d, r, s, base ? base : "");
	if (!select_song(d, r, s, base))
		return false;
	if (!s->n && !r->ack) {
		/* The song may be there and fail the filter. */
		struct selection any = {.d = d};
		bool found = select_song(d, r, &any, base) && any.n;
		free_hits(&any);
		if (!found && !r->ack)
			return reply_fail(r, ACK_NO_EXIST, "No such directory");
	}
	return !r->ack;
}

/* "" for MPD's root: its clients send "" or "/". */
static const char *root_or(const char *uri)
{
	return strcmp(uri, "/") == 0 ? "" : uri;
}

static void print_mtime(struct osp_buf *b, time_t when)
{
	db_put_time(b, "Last-Modified", when);
}

/* A folder's line, and with `full` its time, from the first music folder
 * that has it. */
static void print_folder(struct daemon *d, struct osp_buf *b,
			 const char *uri, size_t len, bool full)
{
	osp_buf_puts(b, "directory: ");
	osp_buf_append(b, uri, len);
	osp_buf_putc(b, '\n');
	if (!full)
		return;
	for (size_t i = 0; i < d->n_music_dirs; i++) {
		char *path = xasprintf("%s/%.*s", d->music_dirs[i], (int)len,
				       uri);
		struct stat st;
		bool found = stat(path, &st) == 0;
		free(path);
		if (found) {
			print_mtime(b, st.st_mtime);
			return;
		}
	}
}

/* How much folders `a` and `b` (na, nb bytes) share, up to a '/'. */
static size_t common_folder(const char *a, size_t na, const char *b,
			    size_t nb)
{
	size_t k = 0;
	for (size_t i = 0; i <= na && i <= nb; i++) {
		if ((i == na || a[i] == '/') && (i == nb || b[i] == '/'))
			k = i;
		if (i == na || i == nb || a[i] != b[i])
			break;
	}
	return k;
}

/* listall, listallinfo: every folder and song below `uri`, folders as MPD
 * walks them: each before what it holds. */
static void print_tree(struct daemon *d, struct osp_buf *b,
		       const struct selection *s, const char *uri, bool full)
{
	const char *last = uri;	/* its first `shown` bytes: the folder */
	size_t shown = strlen(uri);
	if (*uri)
		print_folder(d, b, uri, shown, full);
	for (size_t i = 0; i < s->n; i++) {
		const char *song = s->hits[i].uri;
		const char *slash = strrchr(song, '/');
		size_t dir = slash ? (size_t)(slash - song) : 0;
		shown = common_folder(last, shown, song, dir);
		while (shown < dir) {
			size_t from = shown ? shown + 1 : 0;
			const char *next = memchr(song + from, '/', dir - from);
			shown = next ? (size_t)(next - song) : dir;
			print_folder(d, b, song, shown, full);
		}
		last = song;
		shown = dir;
		if (full)
			db_song_print(b, song, s->hits[i].t, true);
		else
			db_pair(b, "file", song);
	}
}

static bool cmd_listall_any(struct daemon *d, struct reply *r, int argc,
			    char **argv, bool full)
{
	const char *uri = root_or(argc ? argv[0] : "");
	struct selection s = {.d = d};
	if (!is_folder(d, uri)) {
		if (!select_song(d, r, &s, uri))
			return false;
		if (!s.n)
			return reply_fail(r, ACK_NO_EXIST, "No such directory");
		if (full)
			db_song_print(r->out, s.hits[0].uri, s.hits[0].t, true);
		else
			db_pair(r->out, "file", s.hits[0].uri);
		free_hits(&s);
		return true;
	}
	if (!select_songs(d, r, &s, uri))
		return false;
	print_tree(d, r->out, &s, uri, full);
	free_hits(&s);
	return true;
}

static bool cmd_listall(struct daemon *d, struct reply *r, int argc,
			char **argv)
{
	return cmd_listall_any(d, r, argc, argv, false);
}

static bool cmd_listallinfo(struct daemon *d, struct reply *r, int argc,
			    char **argv)
{
	return cmd_listall_any(d, r, argc, argv, true);
}

/* A folder's entries, gathered from every music folder. */
struct entries {
	char **files;
	size_t n_files, cap_files;
	char **folders;
	size_t n_folders, cap_folders;
};

static bool take_entry(void *ctx, const char *name, size_t len, bool folder)
{
	struct entries *e = ctx;
	if (folder) {
		e->folders = xgrow(e->folders, &e->cap_folders,
				   e->n_folders + 1, sizeof(char *));
		e->folders[e->n_folders++] = xmemdup(name, len);
	} else {
		e->files = xgrow(e->files, &e->cap_files, e->n_files + 1,
				 sizeof(char *));
		e->files[e->n_files++] = xmemdup(name, len);
	}
	return true;
}

static int compare_names(const void *x, const void *y)
{
	const char *a = *(char *const *)x, *b = *(char *const *)y;
	return db_collate(a, strlen(a), b, strlen(b));
}

static void free_names(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void list_stored_playlist(void *ctx, const char *name, int64_t n)
{
	(void)n;
	db_pair(ctx, "playlist", name);
	osp_buf_puts(ctx, "Last-Modified: 1970-01-01T00:00:00Z\n");
}

/* lsinfo [URI]: a folder's songs with their tags, then its sub-folders;
 * at the root the stored playlists after them (the dramas and the
 * playlists `ostplay import` saved), as MPD lists its playlist folder. */
static bool cmd_lsinfo(struct daemon *d, struct reply *r, int argc, char **argv)
{
	const char *uri = root_or(argc ? argv[0] : "");
	struct entries e = {0};
	struct osp_error err = {0};
	bool ok = true;
	for (size_t i = 0; ok && i < d->n_music_dirs; i++) {
		char *path = folder_path(d, i, uri);
		ok = osp_library_each_child(d->lib, path, strlen(path),
					    take_entry, &e, &err);
		free(path);
	}
	if (ok && *uri && !e.n_files && !e.n_folders) {
		struct selection s = {.d = d};
		ok = select_song(d, r, &s, uri);
		if (ok && s.n)
			db_song_print(r->out, s.hits[0].uri, s.hits[0].t, true);
		else if (ok)
			reply_fail(r, ACK_NO_EXIST, "No such directory");
		free_hits(&s);
		return ok && !r->ack;
	}
	if (!ok)
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	sort(e.files, e.n_files, sizeof(char *), compare_names);
	sort(e.folders, e.n_folders, sizeof(char *), compare_names);
	struct selection s = {.d = d};
	for (size_t i = 0; i < e.n_files; i++) {
		if (i && strcmp(e.files[i], e.files[i - 1]) == 0)
			continue;	/* in two music folders */
		char *file = *uri ? xasprintf("%s/%s", uri, e.files[i])
				  : xstrdup(e.files[i]);
		select_song(d, r, &s, file);
		free(file);
	}
	sort(s.hits, s.n, sizeof(*s.hits), compare_hits_walk);
	for (size_t i = 0; i < s.n; i++)
		db_song_print(r->out, s.hits[i].uri, s.hits[i].t, true);
	free_hits(&s);
	for (size_t i = 0; i < e.n_folders; i++) {
		if (i && strcmp(e.folders[i], e.folders[i - 1]) == 0)
			continue;
		char *folder = *uri ? xasprintf("%s/%s", uri, e.folders[i])
				    : xstrdup(e.folders[i]);
		print_folder(d, r->out, folder, strlen(folder), true);
		free(folder);
	}
	free_names(e.files, e.n_files);
	free_names(e.folders, e.n_folders);
	if (!*uri && !r->ack &&
	    (!osp_library_count_by_drama(d->lib, list_stored_playlist, r->out,
					 &err) ||
	     !osp_library_each_playlist(d->lib, list_stored_playlist, r->out,
					&err)))
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	return !r->ack;
}

/* listfiles [URI]: what the folder holds on disk, audio or not, as MPD
 * lists its music folder's storage. */
static bool cmd_listfiles(struct daemon *d, struct reply *r, int argc,
			  char **argv)
{
	const char *uri = root_or(argc ? argv[0] : "");
	if (strstr(uri, "..") || uri[0] == '/')
		return reply_fail(r, ACK_ARG, "Bad URI");
	for (size_t i = 0; i < d->n_music_dirs; i++) {
		char *path = folder_path(d, i, uri);
		DIR *dir = opendir(path);
		if (!dir) {
			free(path);
			continue;
		}
		struct dirent *de;
		while ((de = readdir(dir))) {
			if (de->d_name[0] == '.' || strchr(de->d_name, '\n'))
				continue;
			char *full = xasprintf("%s/%s", path, de->d_name);
			struct stat st;
			if (stat(full, &st) == 0 && (S_ISDIR(st.st_mode) ||
						     S_ISREG(st.st_mode))) {
				if (S_ISDIR(st.st_mode)) {
					db_pair(r->out, "directory", de->d_name);
				} else {
					db_pair(r->out, "file", de->d_name);
					osp_buf_printf(r->out, "size: %lld\n",
						       (long long)st.st_size);
				}
				print_mtime(r->out, st.st_mtime);
			}
			free(full);
		}
		closedir(dir);
		free(path);
		return true;
	}
	/* MPD's storage error, which names the folder. */
	char *path = d->n_music_dirs ? folder_path(d, 0, uri) : xstrdup(uri);
	reply_fail(r, ACK_SYSTEM, "Failed to open %s: No such file or directory",
		   path);
	free(path);
	return false;
}

/* `sort TAG` and `window START:END` off the end of a find's words. */
struct order {
	enum db_tag sort;	/* DB_N_TAGS: MPD's walk order */
	bool by_mtime;		/* sort Last-Modified */
	bool descending;
	unsigned long start, end;	/* the window */
};

/* MPD's range: START:END, START: (to the end), N (just that one) or -1
 * (all); false with MPD's message in `r`. */
static bool parse_window(struct reply *r, const char *s, unsigned long *start,
			 unsigned long *end)
{
	char *test, *test2;
	long v = strtol(s, &test, 10);
	if (test == s || (*test && *test != ':'))
		return reply_fail(r, ACK_ARG, "Integer or range expected: %s", s);
	*start = 0, *end = ULONG_MAX;
	if (v == -1 && !*test)
		return true;
	if (v < 0)
		return reply_fail(r, ACK_ARG, "Number is negative: %s", s);
	if (v > INT_MAX)
		return reply_fail(r, ACK_ARG, "Number too large: %s", s);
	*start = (unsigned long)v;
	if (*test != ':') {
		*end = *start + 1;
		return true;
	}
	v = strtol(++test, &test2, 10);
	if (*test2)
		return reply_fail(r, ACK_ARG, "Integer or range expected: %s", s);
	if (test == test2)
		return true;
	if (v < 0)
		return reply_fail(r, ACK_ARG, "Number is negative: %s", s);
	if (v > INT_MAX)
		return reply_fail(r, ACK_ARG, "Number too large: %s", s);
	*end = (unsigned long)v;
	if (*end < *start)
		return reply_fail(r, ACK_ARG, "Malformed range: %s", s);
	return true;
}

static bool parse_order(struct reply *r, int *argc, char **argv,
			struct order *o)
{
	*o = (struct order){.sort = DB_N_TAGS, .end = ULONG_MAX};
	if (*argc >= 2 && strcmp(argv[*argc - 2], "window") == 0) {
		if (!parse_window(r, argv[*argc - 1], &o->start, &o->end))
			return false;
		*argc -= 2;
	}
	if (*argc >= 2 && strcmp(argv[*argc - 2], "sort") == 0) {
		const char *s = argv[*argc - 1];
		o->descending = *s == '-';
		s += o->descending;
		o->by_mtime = strcasecmp(s, "Last-Modified") == 0;
		o->sort = db_tag_parse(s);
		if (o->sort == DB_N_TAGS && !o->by_mtime)
			return reply_fail(r, ACK_ARG, "Unknown sort tag");
		*argc -= 2;
	}
	return true;
}

static const char *sort_value(const struct hit *h, const struct order *o,
			      struct db_values *v)
{
	db_song_values_fallback(h->t, o->sort, v);
	return v->n ? v->v[0] : "";
}

/* For qsort_r: `ctx` is the order. */
static int compare_sorted(const void *x, const void *y, void *ctx)
{
	const struct hit *a = x, *b = y;
	const struct order *o = ctx;
	int c;
	if (o->by_mtime) {
		c = (a->t->mtime_ns > b->t->mtime_ns) -
		    (a->t->mtime_ns < b->t->mtime_ns);
	} else {
		struct db_values va, vb;
		const char *sa = sort_value(a, o, &va);
		const char *sb = sort_value(b, o, &vb);
		if (o->sort == DB_TAG_TRACK || o->sort == DB_TAG_DISC) {
			long na = strtol(sa, NULL, 10), nb = strtol(sb, NULL, 10);
			c = (na > nb) - (na < nb);
		} else {
			c = strcmp(sa, sb);
		}
	}
	if (o->descending)
		c = -c;
	/* Stable, as MPD's std::stable_sort: ties keep the walk order. */
	return c ? c : compare_walk(a, b);
}

/* Sorts and cuts the selection as `o` says (the copies of the songs
 * cut stay in `owned` until free_hits). */
static void apply_order(struct selection *s, struct order *o)
{
	if (o->sort != DB_N_TAGS || o->by_mtime) {
		s->sorted = true;
		if (s->n > 1)
			qsort_r(s->hits, s->n, sizeof(*s->hits), compare_sorted,
				o);
	}
	size_t start = o->start < s->n ? o->start : s->n;
	size_t end = o->end < s->n ? o->end : s->n;
	if (start)
		memmove(s->hits, s->hits + start,
			(end - start) * sizeof(*s->hits));
	s->n = end - start;
}

/* The songs a find or search asks for, sorted and cut.  False with the
 * ACK when the words are wrong. */
static bool select_matching(struct daemon *d, struct reply *r, int argc,
			    char **argv, bool fold_case, struct selection *s)
{
	struct order o;
	if (!parse_order(r, &argc, argv, &o))
		return false;
	char msg[256];
	struct db_filter *f = db_filter_parse(argc, argv, fold_case, msg,
					      sizeof(msg));
	if (!f)
		return reply_fail(r, ACK_ARG, "%s", msg);
	s->filter = f;
	bool ok = select_base(d, r, s, db_filter_base(f));
	s->filter = NULL;
	db_filter_free(f);
	if (ok)
		apply_order(s, &o);
	return ok;
}

static bool print_matching(struct daemon *d, struct reply *r, int argc,
			   char **argv, bool fold_case)
{
	struct selection s = {0};
	if (!select_matching(d, r, argc, argv, fold_case, &s))
		return false;
	for (size_t i = 0; i < s.n; i++)
		db_song_print(r->out, s.hits[i].uri, s.hits[i].t, !s.sorted);
	free_hits(&s);
	return true;
}

static bool cmd_find(struct daemon *d, struct reply *r, int argc, char **argv)
{
	return print_matching(d, r, argc, argv, false);
}

static bool cmd_search(struct daemon *d, struct reply *r, int argc,
		       char **argv)
{
	return print_matching(d, r, argc, argv, true);
}

static void queue_hits(struct daemon *d, const struct selection *s)
{
	for (size_t i = 0; i < s->n; i++)
		osp_queue_add(&d->queue, s->hits[i].t);
	if (s->n) {
		daemon_refresh_next(d);
		daemon_changed(d, IDLE_PLAYLIST);
	}
}

static bool add_matching(struct daemon *d, struct reply *r, int argc,
			 char **argv, bool fold_case)
{
	struct selection s = {0};
	if (!select_matching(d, r, argc, argv, fold_case, &s))
		return false;
	queue_hits(d, &s);
	free_hits(&s);
	return true;
}

static bool cmd_findadd(struct daemon *d, struct reply *r, int argc,
			char **argv)
{
	return add_matching(d, r, argc, argv, false);
}

static bool cmd_searchadd(struct daemon *d, struct reply *r, int argc,
			  char **argv)
{
	return add_matching(d, r, argc, argv, true);
}

bool db_add_folder(struct daemon *d, struct reply *r, const char *uri)
{
	uri = root_or(uri);
	if (!is_folder(d, uri))
		return false;
	struct selection s = {0};
	if (select_songs(d, r, &s, uri))
		queue_hits(d, &s);
	free_hits(&s);
	return true;
}

/* playlistfind, playlistsearch: the queue's songs that pass. */
static bool match_queue(struct daemon *d, struct reply *r, int argc,
			char **argv, bool fold_case)
{
	char msg[256];
	struct db_filter *f = db_filter_parse(argc, argv, fold_case, msg,
					      sizeof(msg));
	if (!f)
		return reply_fail(r, ACK_ARG, "%s", msg);
	const struct osp_queue *q = &d->queue;
	for (size_t i = 0; i < q->n; i++) {
		const struct osp_track *t = &q->items[i].track;
		const char *uri = daemon_uri(d, t->path);
		if (!db_filter_match(f, uri, t))
			continue;
		db_song_print(r->out, uri, t, true);
		osp_buf_printf(r->out, "Pos: %zu\nId: %u\n", i,
			       q->items[i].id);
	}
	db_filter_free(f);
	return true;
}

static bool cmd_playlistfind(struct daemon *d, struct reply *r, int argc,
			     char **argv)
{
	return match_queue(d, r, argc, argv, false);
}

static bool cmd_playlistsearch(struct daemon *d, struct reply *r, int argc,
			       char **argv)
{
	return match_queue(d, r, argc, argv, true);
}

#define MAX_LEVELS 8	/* list TAG with up to 7 groups */

/* Adds every combination of the track's values of tags[level..] (MPD's
 * value with fallback, or "" when there is none) to `g`; row[0..level)
 * holds the values chosen so far, which live in the callers' frames. */
static void add_rows(struct db_groups *g, const struct osp_track *t,
		     const enum db_tag *tags, int level, const char **row)
{
	if (level == g->n_levels) {
		db_groups_add(g, row, t->tags.duration_ms);
		return;
	}
	struct db_values v;
	db_song_values_fallback(t, tags[level], &v);
	if (!v.n)
		v.v[v.n++] = "";
	for (size_t i = 0; i < v.n; i++) {
		row[level] = v.v[i];
		add_rows(g, t, tags, level + 1, row);
	}
}

static bool parse_group_tag(struct reply *r, const char *s, enum db_tag *tag)
{
	*tag = db_tag_parse(s);
	if (*tag == DB_N_TAGS)
		return reply_fail(r, ACK_ARG, "Unknown tag type: %s", s);
	return true;
}

/* list's and count's gathering: the tags, and their rows so far. */
struct grouping {
	const enum db_tag *tags;
	struct db_groups g;
};

static void group_song(struct selection *s, const char *uri,
		       const struct osp_track *t)
{
	(void)uri;
	struct grouping *k = s->ctx;
	const char *row[MAX_LEVELS];
	add_rows(&k->g, t, k->tags, 0, row);
}

/* Prints the rows sorted by their bytes, as MPD's nested maps: each
 * level's value when it differs from the row before. */
static void print_rows(struct osp_buf *b, struct db_groups *g,
		       const enum db_tag *tags)
{
	db_groups_sort(g);
	for (size_t k = 0; k < g->n; k++) {
		char **cur = g->v[k].row, **prev = k ? g->v[k - 1].row : NULL;
		int from = 0;
		while (prev && from < g->n_levels &&
		       strcmp(prev[from], cur[from]) == 0)
			from++;
		for (int l = from; l < g->n_levels; l++)
			db_pair(b, db_tag_names[tags[l]], cur[l]);
	}
}

/* list TAG [FILTER] [group TAG]...; list Album ARTIST (MPD < 0.12);
 * list file [FILTER]. */
static bool cmd_list(struct daemon *d, struct reply *r, int argc, char **argv)
{
	const char *name = argv[0];
	argv++, argc--;
	bool files = strcasecmp(name, "file") == 0 ||
		     strcasecmp(name, "filename") == 0;
	enum db_tag tags[MAX_LEVELS];
	int n_levels = 0;
	char artist[] = "Artist";
	char *compat[2] = {artist, NULL};
	if (!files) {
		if (!parse_group_tag(r, name, &tags[MAX_LEVELS - 1]))
			return false;
		if (argc == 1 && argv[0][0] != '(') {
			if (tags[MAX_LEVELS - 1] != DB_TAG_ALBUM)
				return reply_fail(r, ACK_ARG, "should be "
						  "\"Album\" for 3 arguments");
			compat[1] = argv[0];
			argv = compat;
			argc = 2;
		}
		/* Groups from the last: the outermost level is the last
		 * group named. */
		while (argc >= 2 && strcmp(argv[argc - 2], "group") == 0) {
			enum db_tag g;
			if (!parse_group_tag(r, argv[argc - 1], &g))
				return false;
			bool taken = g == tags[MAX_LEVELS - 1];
			for (int l = 0; l < n_levels; l++)
				taken |= tags[l] == g;
			if (taken)
				return reply_fail(r, ACK_ARG,
						  "Conflicting group");
			if (n_levels == MAX_LEVELS - 1)
				return reply_fail(r, ACK_ARG,
						  "Too many groups");
			tags[n_levels++] = g;
			argc -= 2;
		}
		tags[n_levels++] = tags[MAX_LEVELS - 1];
	}
	struct db_filter *f = NULL;
	char msg[256];
	if (argc && !(f = db_filter_parse(argc, argv, false, msg,
					   sizeof(msg))))
		return reply_fail(r, ACK_ARG, "%s", msg);
	struct grouping k = {.tags = tags, .g = {.n_levels = n_levels}};
	struct selection s = {.filter = f, .each = files ? NULL : group_song,
			      .ctx = &k};
	bool ok = select_base(d, r, &s, db_filter_base(f));
	db_filter_free(f);
	if (ok && files)
		for (size_t i = 0; i < s.n; i++)
			db_pair(r->out, "file", s.hits[i].uri);
	free_hits(&s);
	if (ok)
		print_rows(r->out, &k.g, tags);
	db_groups_free(&k.g);
	return ok;
}

static void print_count(struct osp_buf *b, size_t songs, int64_t ms)
{
	osp_buf_printf(b, "songs: %zu\nplaytime: %lld\n", songs,
		       (long long)(ms / 1000));
}

/* count FILTER [group TAG]: songs and whole seconds, for all or per
 * value of the tag (with "" for the songs without). */
static bool cmd_count(struct daemon *d, struct reply *r, int argc,
		      char **argv)
{
	enum db_tag group = DB_N_TAGS;
	if (argc >= 2 && strcmp(argv[argc - 2], "group") == 0) {
		if (!parse_group_tag(r, argv[argc - 1], &group))
			return false;
		argc -= 2;
	}
	struct db_filter *f = NULL;
	char msg[256];
	if (argc && !(f = db_filter_parse(argc, argv, false, msg,
					   sizeof(msg))))
		return reply_fail(r, ACK_ARG, "%s", msg);
	/* No group: one row for all, of no values. */
	struct grouping k = {.tags = &group,
			     .g = {.n_levels = group == DB_N_TAGS ? 0 : 1}};
	struct selection s = {.filter = f, .each = group_song, .ctx = &k};
	bool ok = select_base(d, r, &s, db_filter_base(f));
	db_filter_free(f);
	free_hits(&s);
	if (ok && group == DB_N_TAGS)
		print_count(r->out, k.g.n ? k.g.v[0].songs : 0,
			    k.g.n ? k.g.v[0].ms : 0);
	if (ok && group != DB_N_TAGS) {
		db_groups_sort(&k.g);
		for (size_t i = 0; i < k.g.n; i++) {
			db_pair(r->out, db_tag_names[group], k.g.v[i].row[0]);
			print_count(r->out, k.g.v[i].songs, k.g.v[i].ms);
		}
	}
	db_groups_free(&k.g);
	return ok;
}

static bool cmd_stats(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)argc, (void)argv;
	struct osp_library_stats st;
	struct osp_error err = {0};
	if (!osp_library_stats(d->lib, &st, &err))
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	osp_buf_printf(r->out, "uptime: %ld\nplaytime: 0\nartists: %lld\n"
		       "albums: %lld\nsongs: %lld\ndb_playtime: %lld\n",
		       (long)((double)ts.tv_sec - d->started),
		       (long long)st.artists, (long long)st.albums,
		       (long long)st.songs, (long long)(st.playtime_ms / 1000));
	if (st.updated)
		osp_buf_printf(r->out, "db_update: %lld\n",
			       (long long)st.updated);
	return true;
}

static bool cmd_tagtypes(struct daemon *d, struct reply *r, int argc,
			 char **argv)
{
	(void)d, (void)argv;
	if (argc)	/* clear, all, enable, disable: every tag is sent */
		return true;
	for (int tag = 0; tag < DB_N_TAGS; tag++)
		if (db_tag_is_kept((enum db_tag)tag))
			osp_buf_printf(r->out, "tagtype: %s\n",
				       db_tag_names[tag]);
	return true;
}

/* Sorted by name, as the daemon's own table. */
static const struct command commands[] = {
	{"count", 1, -1, cmd_count},
	{"find", 1, -1, cmd_find},
	{"findadd", 1, -1, cmd_findadd},
	{"list", 1, -1, cmd_list},
	{"listall", 0, 1, cmd_listall},
	{"listallinfo", 0, 1, cmd_listallinfo},
	{"listfiles", 0, 1, cmd_listfiles},
	{"lsinfo", 0, 1, cmd_lsinfo},
	{"playlistfind", 1, -1, cmd_playlistfind},
	{"playlistsearch", 1, -1, cmd_playlistsearch},
	{"search", 1, -1, cmd_search},
	{"searchadd", 1, -1, cmd_searchadd},
	{"stats", 0, 0, cmd_stats},
	{"tagtypes", 0, -1, cmd_tagtypes},
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static int compare_command(const void *key, const void *c)
{
	return strcmp(key, ((const struct command *)c)->name);
}

const struct command *db_command(const char *name)
{
	return bsearch(name, commands, N_COMMANDS, sizeof(commands[0]),
		       compare_command);
}

const struct command *db_commands(size_t *n)
{
	*n = N_COMMANDS;
	return commands;
}
