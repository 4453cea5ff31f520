/* fav and favs: marking songs as favourites, and listing them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ostplay/cli.h"
#include "ostplay/json.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

/* A track a `fav` argument could mean. */
struct candidate {
	int64_t id;
	char *path;
	bool favorite;
	char *line;		/* how it is shown */
	bool exact;		/* its title is the whole phrase */
};

struct candidates {
	struct osp_cli_words words;
	char *phrase;		/* the words folded as one, for exact titles */
	struct candidate *v;
	size_t n, cap;
};

static bool add_candidate(void *ctx, const struct osp_track *t)
{
	struct candidates *c = ctx;
	if (!osp_cli_words_match(&c->words, t))
		return true;
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof(*c->v));
	struct candidate *k = &c->v[c->n++];
	k->id = t->id;
	k->path = xmemdup(t->path, t->path_len);
	k->favorite = t->favorite;
	struct osp_buf b = {0};
	osp_cli_format_track(&b, t, false);
	osp_buf_truncate(&b, b.len - 1);	/* its newline */
	k->line = osp_buf_steal(&b);
	char *title = t->tags.title ? osp_text_fold(t->tags.title) : NULL;
	k->exact = title && c->phrase && strcmp(title, c->phrase) == 0;
	free(title);
	return true;
}

static void candidates_free(struct candidates *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].line);
		free(c->v[i].path);
	}
	free(c->v);
	free(c->phrase);
	osp_cli_words_free(&c->words);
}

/* The one track `args` name: the playing one when none (or "current"), a
 * file, else the tracks matching the words, which must be one song (copies
 * of it count as one) or have exactly one whose title is all the words.
 * Returns its index in `c`, or -1 after saying why. */
static long pick_target(struct osp_cli *cli, struct osp_library *lib,
			char *const *args, size_t n, struct candidates *c)
{
	struct osp_error err = {0};
	char *file = NULL;
	struct stat st;
	if (!n || (n == 1 && strcmp(args[0], "current") == 0)) {
		if (!osp_cli_current_path(cli, &file))
			return -1;
		if (!file) {
			osp_cli_errorf("nothing is playing; name a file or "
				       "words of its title");
			return -1;
		}
	} else if (n == 1 && stat(args[0], &st) == 0 && S_ISREG(st.st_mode)) {
		file = realpath(args[0], NULL);
	}
	if (file) {
		struct osp_track_query q = {.path = file,
					    .path_len = strlen(file)};
		bool ok = osp_library_each_track(lib, &q, add_candidate, c, &err);
		if (ok && !c->n)
			osp_cli_errorf("%s is not in the library; scan its "
				       "folder first", file);
		free(file);
		if (!ok)
			osp_cli_error(&err);
		return ok && c->n ? 0 : -1;
	}
	osp_cli_words_init(&c->words, cli, args, n);
	struct osp_buf phrase = {0};
	osp_buf_join(&phrase, args, n, " ");
	c->phrase = osp_text_fold(osp_buf_str(&phrase));
	osp_buf_free(&phrase);
	if (!osp_library_each_track(lib, NULL, add_candidate, c, &err)) {
		osp_cli_error(&err);
		return -1;
	}
	if (!c->n) {
		osp_cli_errorf("no track matches '%s'", c->phrase);
		return -1;
	}
	/* Copies of one recording are one song to the library, so they are
	 * one answer here. */
	bool one_song = true;
	long exact = -1;
	bool one_exact = true;
	for (size_t i = 0; i < c->n; i++) {
		one_song = one_song &&
			   osp_library_same_song(lib, c->v[i].id, c->v[0].id);
		if (!c->v[i].exact)
			continue;
		if (exact < 0)
			exact = (long)i;
		else if (!osp_library_same_song(lib, c->v[i].id,
						c->v[exact].id))
			one_exact = false;
	}
	if (one_song)
		return 0;
	if (exact >= 0 && one_exact)
		return exact;
	osp_cli_errorf("'%s' matches %zu tracks; say which:", c->phrase, c->n);
	for (size_t i = 0; i < c->n && i < 10; i++)
		fprintf(stderr, "  %s\n", c->v[i].line);
	if (c->n > 10)
		fprintf(stderr, "  ... and %zu more\n", c->n - 10);
	return -1;
}

/* Favourites whose files are all gone, that words or a path name. */
struct lost_one {
	char *line;		/* how it is shown */
	void *key;		/* the song, as the library keeps it */
	size_t key_len;
	int duration_ms;
};

struct lost {
	struct osp_cli_words words;
	const char *path;	/* an absolute path given, or NULL */
	struct lost_one *v;
	size_t n, cap;
};

static bool add_lost(void *ctx, const struct osp_favorite *f)
{
	struct lost *l = ctx;
	if (f->present)
		return true;
	bool named;
	if (l->path) {
		named = strlen(l->path) == f->path_len &&
			memcmp(l->path, f->path, f->path_len) == 0;
	} else {	/* the words, against what it was tagged with */
		struct osp_track t = {.path = xmemdup(f->path, f->path_len),
				      .path_len = f->path_len};
		t.tags.title = f->title ? xstrdup(f->title) : NULL;
		t.tags.album = f->album ? xstrdup(f->album) : NULL;
		for (size_t i = 0; i < f->n_artists; i++)
			osp_tags_add_artist(&t.tags, f->artists[i]);
		named = osp_cli_words_match(&l->words, &t);
		osp_track_clear(&t);
	}
	if (!named)
		return true;
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	struct osp_buf b = {0};
	osp_buf_join(&b, f->artists, f->n_artists, ", ");
	if (f->n_artists)
		osp_buf_puts(&b, " - ");
	if (f->title)
		osp_buf_puts(&b, f->title);
	else
		osp_text_escape_name(&b, f->path, f->path_len);
	l->v[l->n++] = (struct lost_one){
		.line = osp_buf_steal(&b), .key = xmemdup(f->key, f->key_len),
		.key_len = f->key_len, .duration_ms = f->duration_ms};
	return true;
}

struct any_match {
	struct osp_cli_words *words;
	bool found;
};

static bool stop_at_match(void *ctx, const struct osp_track *t)
{
	struct any_match *m = ctx;
	m->found = osp_cli_words_match(m->words, t);
	return !m->found;
}

/* `fav rm` of a favourite no file holds any more, which the library cannot
 * name as a track: by its last path, or by words no track matches.
 * Returns 1 when it unmarked one, 0 when none is named that way, -1 after
 * saying what went wrong. */
static int unmark_lost(struct osp_cli *cli, struct osp_library *lib,
		       char *const *args, size_t n)
{
	struct lost l = {0};
	char *path = NULL;
	struct stat st;
	/* A path: where the song was last seen, even if another file (the
	 * same one re-tagged) is there now. */
	if (n == 1 && stat(args[0], &st) == 0) {
		path = realpath(args[0], NULL);
	} else if (n == 1 && strchr(args[0], '/')) {
		char *cwd = getcwd(NULL, 0);
		path = args[0][0] == '/' || !cwd
			       ? xstrdup(args[0])
			       : xasprintf("%s/%s", cwd, args[0]);
		free(cwd);
	}
	l.path = path;
	osp_cli_words_init(&l.words, cli, args, n);
	struct osp_error err = {0};
	struct any_match m = {.words = &l.words};
	int status = 0;
	if (!path && !osp_library_each_track(lib, NULL, stop_at_match, &m, &err))
		status = -1;
	else if (!m.found && !osp_library_each_favorite(lib, add_lost, &l, &err))
		status = -1;
	if (status < 0)
		osp_cli_error(&err);
	if (!status && l.n == 1) {
		struct osp_favorite f = {.key = l.v[0].key,
					 .key_len = l.v[0].key_len,
					 .duration_ms = l.v[0].duration_ms};
		status = osp_library_unmark_favorite(lib, &f, &err) ? 1 : -1;
		if (status > 0)
			printf("no longer a favourite: %s (its file is gone)\n",
			       l.v[0].line);
		else
			osp_cli_error(&err);
	} else if (!status && l.n > 1) {
		osp_cli_errorf("%zu favourites whose files are gone match; say "
			       "which:", l.n);
		for (size_t i = 0; i < l.n; i++)
			fprintf(stderr, "  %s\n", l.v[i].line);
		status = -1;
	}
	for (size_t i = 0; i < l.n; i++) {
		free(l.v[i].line);
		free(l.v[i].key);
	}
	free(l.v);
	free(path);
	osp_cli_words_free(&l.words);
	return status;
}

int osp_cli_fav(struct osp_cli *cli, const struct osp_cli_args *a)
{
	bool on = true;
	char *const *args = a->pos;
	size_t n = (size_t)a->n_pos;
	if (n && (strcmp(args[0], "add") == 0 || strcmp(args[0], "rm") == 0)) {
		on = strcmp(args[0], "add") == 0;
		args++;
		n--;
	}
	struct osp_library *lib = osp_cli_open_library(cli);
	if (!lib || !osp_cli_update_matches(cli, lib)) {
		osp_library_close(lib);
		return 1;
	}
	if (!on && n && !(n == 1 && strcmp(args[0], "current") == 0)) {
		int lost = unmark_lost(cli, lib, args, n);
		if (lost) {
			osp_library_close(lib);
			return lost < 0;
		}
	}
	struct candidates c = {0};
	long k = pick_target(cli, lib, args, n, &c);
	const struct candidate *target = k >= 0 ? &c.v[k] : NULL;
	bool changed = target && target->favorite != on;
	int status = !target;
	struct osp_error err = {0};
	/* Through the daemon when it runs, as an MPD client would, so that
	 * clients waiting in `idle sticker` hear of it; else, or when it
	 * refuses (an older daemon, or another client got there first),
	 * straight into the library, which is what counts. */
	if (changed &&
	    osp_cli_run_if_running(cli, "sticker", on ? "set" : "delete",
				   "song", target->path, "favorite",
				   on ? "1" : NULL, NULL) != 1 &&
	    !osp_library_set_favorite(lib, target->id, on, NULL, &err))
		status = osp_cli_error(&err);
	if (target && !status)
		printf("%s: %s\n",
		       on ? (changed ? "favourite" : "already a favourite")
			  : (changed ? "no longer a favourite"
				     : "was not a favourite"),
		       target->line);
	candidates_free(&c);
	osp_library_close(lib);
	return status;
}

/* A favourite none of whose files is in the library any more: said so,
 * with where it was last seen, so a user can find it again. */
static bool list_missing(void *ctx, const struct osp_favorite *f)
{
	struct osp_cli_listing *l = ctx;
	if (f->present)
		return true;
	l->n++;
	if (l->json) {
		struct osp_json j;
		osp_json_begin(&j, &l->out);
		osp_json_bytes(&j, "path", f->path, f->path_len);
		osp_json_string(&j, "title", f->title);
		osp_json_strings(&j, "artists", f->artists, f->n_artists);
		osp_json_string(&j, "album", f->album);
		osp_json_double(&j, "duration", f->duration_ms / 1000.0);
		osp_json_bool(&j, "favorite", true);
		osp_json_bool(&j, "missing", true);
		osp_json_end(&j);
		osp_buf_putc(&l->out, '\n');
		return true;
	}
	osp_buf_puts(&l->out, "missing: ");
	osp_buf_join(&l->out, f->artists, f->n_artists, ", ");
	if (f->n_artists)
		osp_buf_puts(&l->out, " - ");
	if (f->title) {
		osp_buf_puts(&l->out, f->title);
	} else {	/* untagged: known by its file name */
		const char *slash = memrchr(f->path, '/', f->path_len);
		const char *name = slash ? slash + 1 : f->path;
		osp_text_escape_name(&l->out, name,
				     f->path_len - (size_t)(name - f->path));
	}
	osp_buf_puts(&l->out, "  (last seen at ");
	osp_text_escape_name(&l->out, f->path, f->path_len);
	osp_buf_puts(&l->out, ")\n");
	return true;
}

int osp_cli_favs(struct osp_cli *cli, const struct osp_cli_args *a)
{
	struct osp_library *lib = osp_cli_open_library_to_read(cli);
	if (!lib || !osp_cli_update_matches(cli, lib)) {
		osp_library_close(lib);
		return 1;
	}
	struct osp_cli_listing l = {.json = osp_cli_has(a, "json")};
	struct osp_track_query q = {.favorites = true,
				    .one_per_song = !osp_cli_has(a, "all-copies")};
	struct osp_error err = {0};
	int status = 0;
	if (!osp_library_each_track(lib, &q, osp_cli_list_track, &l, &err) ||
	    !osp_library_each_favorite(lib, list_missing, &l, &err))
		status = osp_cli_error(&err);
	if (osp_cli_print(l.out.data, l.out.len))
		status = 1;
	else if (!status && !l.n && !l.json)
		fprintf(stderr, "ostplay: no favourites yet; 'ostplay fav' "
				"marks the playing track\n");
	osp_buf_free(&l.out);
	osp_library_close(lib);
	return status;
}
