/* The songs a database command works on, in MPD's order. */
#include "selection.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ostplay/xalloc.h"

void db_selection_free(struct selection *s)
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

/* The length of the folder part of `t`'s URI `uri` (which ends its
 * path): searched from the end, where the file name is short. */
static size_t dir_len_in(const struct osp_track *t, const char *uri)
{
	size_t len = t->path_len - (size_t)(uri - t->path);
	const char *slash = memrchr(uri, '/', len);
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
				       .dir_len = dir_len_in(t, uri)};
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
void db_sort(void *v, size_t n, size_t size,
		 int (*compare)(const void *, const void *))
{
	if (n > 1)
		qsort(v, n, size, compare);
}

/* The path of folder `uri` ("" for the root) in music folder `i`; newly
 * allocated. */
char *db_folder_path(const struct daemon *d, size_t i, const char *uri)
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

int db_compare_walk(const void *x, const void *y)
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
bool db_select_below(struct daemon *d, struct reply *r,
			 struct selection *s, const char *under)
{
	struct osp_error err = {0};
	s->d = d;
	struct osp_track_query q = {.drama = db_filter_drama(s->filter),
				    .any_order = true};
	if (q.drama) {
		if (!osp_library_each_track(d->lib, &q, take_track, s, &err)) {
			db_selection_free(s);
			return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
		}
		db_sort(s->hits, s->n, sizeof(*s->hits), db_compare_walk);
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
bool db_select_song(struct daemon *d, struct reply *r,
			struct selection *s, const char *uri)
{
	s->d = d;
	s->uri = uri;
	struct osp_error err = {0};
	size_t before = s->n;
	for (size_t i = 0; i < d->n_music_dirs && s->n == before; i++) {
		char *path = db_folder_path(d, i, uri);
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

static bool has_child(void *ctx, const char *name, size_t len, bool folder)
{
	(void)name, (void)len, (void)folder;
	*(bool *)ctx = true;
	return false;
}

/* Whether `uri` ("" the root) is a folder holding songs. */
bool db_is_folder(struct daemon *d, const char *uri)
{
	if (!*uri)
		return true;
	bool found = false;
	for (size_t i = 0; i < d->n_music_dirs && !found; i++) {
		char *path = db_folder_path(d, i, uri);
		osp_library_each_child(d->lib, path, strlen(path), has_child,
				       &found, NULL);
		free(path);
	}
	return found;
}

/* The songs that pass s->filter below `base` (a folder, or one song; NULL
 * for all), as MPD narrows a search to its base: MPD's "No such
 * directory" when it names neither. */
bool db_select_base(struct daemon *d, struct reply *r, struct selection *s,
			const char *base)
{
	if (!base || db_is_folder(d, base))
		return db_select_below(d, r, s, base ? base : "");
	if (!db_select_song(d, r, s, base))
		return false;
	if (!s->n && !r->ack) {
		/* The song may be there and fail the filter. */
		struct selection any = {.d = d};
		bool found = db_select_song(d, r, &any, base) && any.n;
		db_selection_free(&any);
		if (!found && !r->ack)
			return reply_fail(r, ACK_NO_EXIST, "No such directory");
	}
	return !r->ack;
}

/* "" for MPD's root: its clients send "" or "/". */
const char *db_root_uri(const char *uri)
{
	return strcmp(uri, "/") == 0 ? "" : uri;
}


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

bool db_parse_order(struct reply *r, int *argc, char **argv,
			struct db_order *o)
{
	*o = (struct db_order){.sort = DB_N_TAGS, .end = ULONG_MAX};
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

static const char *sort_value(const struct hit *h, const struct db_order *o,
			      struct db_values *v)
{
	db_song_values_fallback(h->t, o->sort, v);
	return v->n ? v->v[0] : "";
}

/* For qsort_r: `ctx` is the order. */
static int compare_sorted(const void *x, const void *y, void *ctx)
{
	const struct hit *a = x, *b = y;
	const struct db_order *o = ctx;
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
 * cut stay in `owned` until db_selection_free). */
void db_apply_order(struct selection *s, struct db_order *o)
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
