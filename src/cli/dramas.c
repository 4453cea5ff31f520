/* The drama commands: dramas and explain, and keeping matches current. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/catalog-cache.h"
#include "ostplay/cli.h"
#include "ostplay/json.h"
#include "ostplay/match.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

#define MATCH_STAMP_KEY "match-stamp"

static void report_catalog_error(void *ctx, const struct osp_error *err)
{
	(void)ctx;
	osp_cli_error(err);
}

const struct osp_catalog *osp_cli_catalog(struct osp_cli *cli)
{
	if (!cli->catalog_loaded) {
		const char *dirs[] = {cli->paths.system_catalog_dir,
				      cli->paths.catalog_dir};
		char *cache = xasprintf("%s/catalogs.bin", cli->paths.cache_dir);
		/* Without its folder the catalogs are parsed each time. */
		osp_paths_mkdir(cli->paths.cache_dir, 0700, NULL);
		osp_catalog_load_cached(&cli->catalog, dirs, 2, cache,
					report_catalog_error, NULL);
		free(cache);
		cli->catalog_loaded = true;
		osp_cli_add_found_names(cli);
	}
	return &cli->catalog;
}

uint64_t osp_cli_catalog_fingerprint(struct osp_cli *cli)
{
	if (cli->catalog_loaded)
		return cli->catalog.fingerprint;
	if (!cli->catalog_fingerprint) {
		const char *dirs[] = {cli->paths.system_catalog_dir,
				      cli->paths.catalog_dir};
		cli->catalog_fingerprint = osp_catalog_fingerprint(dirs, 2);
	}
	return cli->catalog_fingerprint;
}

struct pending {
	int64_t id;
	struct osp_track_match m;
};

struct match_run {
	struct osp_library *lib;
	struct osp_matcher *matcher;	/* made for the first track to match */
	const struct osp_catalog *catalog;
	struct pending *v;
	size_t n, cap;
};

static void decide(const struct osp_catalog *c, struct osp_matcher *matcher,
		   const struct osp_track *t, struct osp_track_match *out,
		   struct osp_buf *explain)
{
	struct osp_match m;
	osp_matcher_match(matcher, t, &m, explain);
	*out = (struct osp_track_match){
		.done = true,
		.confidence = m.confidence,
		.duet = m.duet,
		.instrumental = m.instrumental,
		.version = *m.version ? xstrdup(m.version) : NULL,
	};
	if (m.drama >= 0) {
		const struct osp_drama *d = &c->dramas[m.drama];
		out->drama = xstrdup(d->title);
		if (m.song >= 0) {
			out->ost_track = xstrdup(d->songs[m.song].title);
			out->ost_order = m.song + 1;
			/* Every file of this song in this version is a copy,
			 * however it is tagged. */
			out->copy_key = xasprintf("c\x1e%s\x1e%s\x1e%s", d->title,
						  out->ost_track, m.version);
		}
	} else if (*m.found.name) {
		/* Its own name until grouping names its drama. */
		out->drama = xstrdup(m.found.name);
		out->found = xstrdup(m.found.name);
		if (*m.found.alias)
			out->found_alias = xstrdup(m.found.alias);
	}
}

static void free_match(struct osp_track_match *m)
{
	free(m->drama);
	free(m->ost_track);
	free(m->found);
	free(m->found_alias);
	free(m->copy_key);
	free(m->version);
}

static struct osp_matcher *new_matcher(struct osp_library *lib,
				       const struct osp_catalog *c)
{
	char **dirs;
	size_t n_dirs;
	if (!osp_library_music_dirs(lib, &dirs, &n_dirs, NULL))
		dirs = NULL, n_dirs = 0;
	struct osp_matcher *m = osp_matcher_new(c, dirs, n_dirs);
	for (size_t i = 0; i < n_dirs; i++)
		free(dirs[i]);
	free(dirs);
	return m;
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether `m` is what the library holds for `t` already. */
static bool as_stored(const struct osp_track *t, const struct osp_track_match *m)
{
	const struct osp_track_match *s = &t->match;
	return s->done && same_text(s->drama, m->drama) &&
	       same_text(s->ost_track, m->ost_track) &&
	       s->ost_order == m->ost_order && s->confidence == m->confidence &&
	       s->duet == m->duet && s->instrumental == m->instrumental &&
	       same_text(s->found, m->found) &&
	       same_text(s->found_alias, m->found_alias) &&
	       same_text(s->copy_key, m->copy_key) &&
	       same_text(s->version, m->version);
}

/* Keeps the tracks whose match changed, to be stored after the walk. */
static bool collect_match(void *ctx, const struct osp_track *t)
{
	struct match_run *r = ctx;
	if (!r->matcher)
		r->matcher = new_matcher(r->lib, r->catalog);
	r->v = xgrow(r->v, &r->cap, r->n + 1, sizeof(*r->v));
	struct pending *p = &r->v[r->n];
	p->id = t->id;
	decide(r->catalog, r->matcher, t, &p->m, NULL);
	if (as_stored(t, &p->m))
		free_match(&p->m);
	else
		r->n++;
	return true;
}

/* Whether a write failed because the library cannot take it (a full disk,
 * a file made read-only since it was opened), when a command that only
 * reads goes on with what is stored. */
static bool cannot_store(const struct osp_cli *cli,
			 const struct osp_error *err)
{
	return cli->only_reads &&
	       (err->code == OSP_ERR_FULL || err->code == OSP_ERR_READ_ONLY);
}

/* What the stored matches were made with: the matcher and catalogs. */
#define STAMP_SIZE 64
static void match_stamp(uint64_t fingerprint, char stamp[STAMP_SIZE])
{
	snprintf(stamp, STAMP_SIZE, "matcher %d, catalogs %016llx",
		 OSP_MATCHER_VERSION, (unsigned long long)fingerprint);
}

static bool stamp_is_stored(struct osp_library *lib, const char *stamp)
{
	char *stored = osp_library_get_setting(lib, MATCH_STAMP_KEY);
	bool same = stored && strcmp(stored, stamp) == 0;
	free(stored);
	return same;
}

struct scan_matching {
	const struct osp_catalog *catalog;
	/* The library's folders and the scan's, read before the scan, as
	 * the readers cannot use the library. */
	char **dirs;
	size_t n_dirs;
	struct osp_matcher **matchers;	/* by reader, made on its first file */
	size_t *n_matched;		/* by reader */
	int n_readers;
};

static void match_in_scan(void *ctx, int reader, struct osp_track *t)
{
	struct scan_matching *sm = ctx;
	struct osp_matcher **m = &sm->matchers[reader];
	if (!*m)
		*m = osp_matcher_new(sm->catalog, sm->dirs, sm->n_dirs);
	decide(sm->catalog, *m, t, &t->match, NULL);
	sm->n_matched[reader]++;
}

/* The matching of one scan (see match_in_scan), or NULL when the stored
 * matches are out of date with the catalogs. */
static struct scan_matching *scan_matching_new(
	struct osp_cli *cli, struct osp_library *lib, char *const *dirs,
	size_t n_dirs, int n_readers)
{
	if (osp_library_read_only(lib))
		return NULL;
	const struct osp_catalog *c = osp_cli_catalog(cli);
	char stamp[STAMP_SIZE];
	match_stamp(c->fingerprint, stamp);
	/* An empty library's matches are current with any catalogs. */
	if (!stamp_is_stored(lib, stamp) &&
	    !(osp_library_count_tracks(lib, NULL) == 0 &&
	      osp_library_set_setting(lib, MATCH_STAMP_KEY, stamp, NULL)))
		return NULL;
	struct scan_matching *sm = xcalloc(1, sizeof(*sm));
	sm->catalog = c;
	sm->n_readers = n_readers;
	sm->matchers = xcalloc((size_t)n_readers, sizeof(*sm->matchers));
	sm->n_matched = xcalloc((size_t)n_readers, sizeof(*sm->n_matched));
	if (!osp_library_music_dirs(lib, &sm->dirs, &sm->n_dirs, NULL))
		sm->dirs = NULL, sm->n_dirs = 0;
	sm->dirs = xrealloc(sm->dirs, (sm->n_dirs + n_dirs + 1) * sizeof(char *));
	for (size_t i = 0; i < n_dirs; i++)
		sm->dirs[sm->n_dirs++] = xstrdup(dirs[i]);
	return sm;
}

/* Frees `sm`; whether it matched any file. */
static bool scan_matching_free(struct scan_matching *sm)
{
	bool any = false;
	for (int i = 0; i < sm->n_readers; i++) {
		any |= sm->n_matched[i] > 0;
		osp_matcher_free(sm->matchers[i]);
	}
	for (size_t i = 0; i < sm->n_dirs; i++)
		free(sm->dirs[i]);
	free(sm->dirs);
	free(sm->matchers);
	free(sm->n_matched);
	free(sm);
	return any;
}

bool osp_cli_scan_run(struct osp_cli *cli, struct osp_library *lib,
		      struct osp_scan_options *opt,
		      struct osp_scan_summary *sum, struct osp_error *err)
{
	struct scan_matching *sm = scan_matching_new(
		cli, lib, opt->dirs, opt->n_dirs,
		osp_scan_readers(opt->n_threads));
	opt->match = sm ? match_in_scan : NULL;
	opt->match_ctx = sm;
	bool ok = osp_scan_run(lib, opt, sum, err);
	if (sm && scan_matching_free(sm))
		cli->matched_in_scan = true;
	return ok;
}

bool osp_cli_update_matches(struct osp_cli *cli, struct osp_library *lib)
{
	if (osp_library_read_only(lib))
		return osp_cli_group_discovered(cli, lib, false);
	struct osp_error err = {0};
	char stamp[STAMP_SIZE];
	match_stamp(osp_cli_catalog_fingerprint(cli), stamp);
	bool stale = !stamp_is_stored(lib, stamp);

	/* Stale: every track is matched again.  Matching is per track, so
	 * the cheapest order will do.  Most commands find nothing to do,
	 * which one look at an index tells, and then need not read the
	 * catalogs for it. */
	struct osp_track_query q = {.needs_match = !stale, .any_order = true};
	bool work = stale || osp_library_any_unmatched(lib);
	struct match_run r = {.lib = lib,
			      .catalog = work ? osp_cli_catalog(cli) : NULL};
	bool ok = !work ||
		  (osp_library_begin(lib, &err) &&
		   osp_library_each_track(lib, &q, collect_match, &r, &err));
	for (size_t i = 0; ok && i < r.n; i++)
		ok = osp_library_set_match(lib, r.v[i].id, &r.v[i].m, &err);
	ok = ok && (!work ||
		    ((!stale || osp_library_set_setting(lib, MATCH_STAMP_KEY,
							stamp, &err)) &&
		     osp_library_commit(lib, &err)));
	if (!ok) {
		osp_library_rollback(lib);
		if (cannot_store(cli, &err)) {
			char *why = xasprintf("could not store the match "
					      "results (%s)", err.msg);
			osp_cli_as_stored(cli, why);
			free(why);
			ok = true;
		} else {
			osp_cli_error(&err);
		}
	}
	for (size_t i = 0; i < r.n; i++)
		free_match(&r.v[i].m);
	free(r.v);
	osp_matcher_free(r.matcher);
	bool changed = r.n > 0 || cli->matched_in_scan;
	cli->matched_in_scan = false;
	return ok && osp_cli_group_discovered(cli, lib, changed);
}

int osp_cli_pick_drama(struct osp_cli *cli, const char *name)
{
	const struct osp_catalog *c = osp_cli_catalog(cli);
	/* A drama's own title, as `dramas` prints it and completion offers
	 * it, names that drama without comparing every name. */
	long title = osp_catalog_title_index(c, name);
	if (title >= 0)
		return (int)title;
	size_t found[8];
	size_t n = osp_catalog_find(c, name, found, 8);
	if (n == 1)
		return (int)found[0];
	struct osp_buf b = {0};
	if (n == 0) {
		/* A slip, offered the nearest names; or a drama the
		 * catalogs lack, whose songs `tracks` may still find by
		 * their tags (`--track` is play's and add's alone). */
		n = osp_catalog_suggest(c, name, found, 3);
		for (size_t i = 0; i < n; i++)
			osp_buf_printf(&b, "%s%s", i ? ", " : "; closest: ",
				       c->dramas[found[i]].title);
		osp_cli_errorf("no drama called '%s'%s (%s'ostplay tracks %s' "
			       "searches song tags and file names)", name,
			       n ? osp_buf_str(&b) : " in the catalogs or your files",
			       n ? "" : "'ostplay dramas' lists them; ", name);
		osp_buf_free(&b);
		return -1;
	}
	for (size_t i = 0; i < n && i < 8; i++)
		osp_buf_printf(&b, "%s%s", i ? ", " : "",
			       c->dramas[found[i]].title);
	osp_cli_errorf("'%s' could be %s%s; say which", name, osp_buf_str(&b),
		       n > 8 ? ", ..." : "");
	osp_buf_free(&b);
	return -1;
}

struct drama_counts {
	const struct osp_catalog *catalog;
	int64_t *n;	/* by drama */
};

static void count_drama(void *ctx, const char *drama, int64_t n)
{
	struct drama_counts *dc = ctx;
	for (size_t i = 0; i < dc->catalog->n_dramas; i++)
		if (strcmp(dc->catalog->dramas[i].title, drama) == 0)
			dc->n[i] = n;
}

/* One line of `dramas`: count, title, its first name in another script
 * (the original title), year; or the same as JSON. */
static void drama_line(struct osp_buf *b, const struct osp_drama *d,
		       int64_t n, bool json)
{
	if (json) {
		struct osp_json j;
		osp_json_begin(&j, b);
		osp_json_string(&j, "title", d->title);
		osp_json_strings(&j, "aliases", d->aliases, d->n_aliases);
		if (d->year)
			osp_json_int(&j, "year", d->year);
		else
			osp_json_null(&j, "year");
		osp_json_string(&j, "network", d->network);
		osp_json_string(&j, "country", d->country);
		osp_json_int(&j, "songs", (long long)d->n_songs);
		osp_json_int(&j, "tracks", (long long)n);
		osp_json_bool(&j, "catalog", !d->discovered);
		if (d->file)
			osp_json_string(&j, "file", d->file);
		else
			osp_json_null(&j, "file");
		osp_json_end(&j);
		osp_buf_putc(b, '\n');
		return;
	}
	osp_buf_printf(b, "%5lld  %s", (long long)n, d->title);
	for (size_t k = 0; k < d->n_aliases; k++)
		if ((unsigned char)d->aliases[k][0] >= 0x80) {
			osp_buf_printf(b, " (%s)", d->aliases[k]);
			break;
		}
	if (d->year)
		osp_buf_printf(b, ", %d", d->year);
	if (d->discovered)
		osp_buf_puts(b, ", discovered");
	osp_buf_putc(b, '\n');
}

int osp_cli_dramas(struct osp_cli *cli, const struct osp_cli_args *a)
{
	if (osp_cli_has(a, "json") && osp_cli_has(a, "names"))
		return osp_cli_usage_error(a->cmd, "--json and --names do not "
					   "mix");
	struct osp_library *lib = osp_cli_open_library_to_read(cli);
	if (!lib)
		return 1;
	struct osp_error err = {0};
	struct drama_counts dc = {0};
	int status = 0;
	/* Matching first: it adds the dramas discovered in the files. */
	if (!osp_cli_update_matches(cli, lib)) {
		status = 1;
	} else {
		dc.catalog = osp_cli_catalog(cli);
		dc.n = xcalloc(dc.catalog->n_dramas + 1, sizeof(int64_t));
		if (!osp_library_count_by_drama(lib, count_drama, &dc, &err))
			status = osp_cli_error(&err);
	}
	bool json = osp_cli_has(a, "json");
	bool names = osp_cli_has(a, "names");
	struct osp_buf b = {0};
	size_t n_found = 0;
	for (size_t i = 0; !status && i < dc.catalog->n_dramas; i++) {
		/* --names: what the shell completions offer, the dramas
		 * there is something to play of. */
		if (names && dc.n[i] > 0)
			osp_buf_printf(&b, "%s\n", dc.catalog->dramas[i].title);
		else if (!names)
			drama_line(&b, &dc.catalog->dramas[i], dc.n[i], json);
		n_found += dc.catalog->dramas[i].discovered;
	}
	if (!json && !names && !status)
		osp_buf_printf(&b, "%zu dramas, %zu of them discovered in your "
			       "files; the number is of local tracks matched "
			       "to each.\n", dc.catalog->n_dramas, n_found);
	if (osp_cli_print(b.data, b.len))
		status = 1;
	osp_buf_free(&b);
	free(dc.n);
	osp_library_close(lib);
	return status;
}

struct found_track {
	struct osp_track t;
	bool found;
	char *drama;	/* as stored: a discovered drama's group */
};

static bool keep_track(void *ctx, const struct osp_track *t)
{
	struct found_track *f = ctx;
	f->found = true;
	f->t = *t;
	/* Take ownership: copy what the library frees after the call. */
	f->t.path = xmemdup(t->path, t->path_len);
	f->t.tags = (struct osp_tags){0};
	const struct osp_tags *g = &t->tags;
	f->t.tags = *g;
	f->t.tags.title = g->title ? xstrdup(g->title) : NULL;
	f->t.tags.album = g->album ? xstrdup(g->album) : NULL;
	f->t.tags.album_artist = g->album_artist ? xstrdup(g->album_artist) : NULL;
	f->t.tags.genre = g->genre ? xstrdup(g->genre) : NULL;
	f->t.tags.comment = g->comment ? xstrdup(g->comment) : NULL;
	f->t.tags.composer = g->composer ? xstrdup(g->composer) : NULL;
	f->t.tags.performer = g->performer ? xstrdup(g->performer) : NULL;
	f->t.tags.date = g->date ? xstrdup(g->date) : NULL;
	f->t.tags.artists = NULL;
	f->t.tags.n_artists = 0;
	for (size_t i = 0; i < g->n_artists; i++)
		osp_tags_add_artist(&f->t.tags, g->artists[i]);
	f->t.match = (struct osp_track_match){0};
	f->drama = t->match.drama ? xstrdup(t->match.drama) : NULL;
	return false;
}

int osp_cli_explain(struct osp_cli *cli, const struct osp_cli_args *a)
{
	char real[PATH_MAX];
	if (!realpath(a->pos[0], real))
		return osp_cli_errorf("%s: %s", a->pos[0], strerror(errno));
	struct osp_library *lib = osp_cli_open_library_to_read(cli);
	if (!lib)
		return 1;
	struct found_track f = {0};
	struct osp_track_query q = {.path = real, .path_len = strlen(real)};
	struct osp_error err = {0};
	int status = 0;
	if (!osp_library_each_track(lib, &q, keep_track, &f, &err)) {
		status = osp_cli_error(&err);
		goto out;
	}
	struct osp_buf b = {0};
	osp_text_escape_name(&b, real, strlen(real));
	if (!f.found) {
		osp_tags_init();
		f.t.path = xstrdup(real);
		f.t.path_len = strlen(real);
		if (!osp_tags_read(real, &f.t.tags, &err)) {
			osp_buf_free(&b);
			status = osp_cli_error(&err);
			goto out;
		}
		osp_buf_puts(&b, "  (not in the library: read now)");
	}
	osp_buf_putc(&b, '\n');
	const struct osp_catalog *c = osp_cli_catalog(cli);
	struct osp_matcher *m = new_matcher(lib, c);
	struct osp_track_match decided;
	decide(c, m, &f.t, &decided, &b);
	osp_matcher_free(m);
	/* Grouping may show its drama by another name: "사랑의 불시착" is
	 * the drama other files call Crash Landing on You. */
	if (decided.found && f.drama && strcmp(f.drama, decided.found) != 0)
		osp_buf_printf(&b, "grouped: %s is %s, as other files name "
			       "it\n", decided.found, f.drama);
	status = osp_cli_print(b.data, b.len);
	osp_buf_free(&b);
	free_match(&decided);
out:
	free(f.drama);
	osp_track_clear(&f.t);
	osp_library_close(lib);
	return status;
}
