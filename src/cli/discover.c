/* Dramas no catalog lists: grouping the names files gave into dramas,
 * adding them to the catalog every command resolves names in, and the
 * `drama` command by which the user corrects or keeps them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ostplay/cli.h"
#include "ostplay/discover.h"
#include "ostplay/file.h"
#include "ostplay/match.h"
#include "ostplay/paths.h"
#include "ostplay/xalloc.h"
#include "ostplay/xspf.h"

#define DISCOVER_STAMP_KEY "discover-stamp"

/* A track that found a drama's name, as grouping needs it. */
struct found {
	int64_t id;
	char *name, *alias, *title, *version;
	char **artists;
	size_t n_artists;
};

struct found_list {
	struct found *v;
	size_t n, cap;
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static bool collect_found(void *ctx, const struct osp_track *t)
{
	struct found_list *l = ctx;
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	struct found *f = &l->v[l->n++];
	const struct osp_tags *g = &t->tags;
	*f = (struct found){
		.id = t->id,
		.name = xstrdup(t->match.found),
		.alias = dup_or_null(t->match.found_alias),
		.title = dup_or_null(g->title),
		.version = dup_or_null(t->match.version),
		.artists = xcalloc(g->n_artists + 1, sizeof(char *)),
		.n_artists = g->n_artists,
	};
	for (size_t i = 0; i < g->n_artists; i++)
		f->artists[i] = xstrdup(g->artists[i]);
	return true;
}

static void found_list_free(struct found_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct found *f = &l->v[i];
		free(f->name);
		free(f->alias);
		free(f->title);
		free(f->version);
		for (size_t k = 0; k < f->n_artists; k++)
			free(f->artists[k]);
		free(f->artists);
	}
	free(l->v);
}

struct rule_list {
	struct osp_discover_rule *v;
	char **strings;		/* v's names and targets, owned */
	size_t n, cap, cap_strings;
};

static void collect_rule(void *ctx, const char *name, const char *target)
{
	struct rule_list *l = ctx;
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->strings = xgrow(l->strings, &l->cap_strings, 2 * l->n + 2,
			   sizeof(char *));
	char *n = l->strings[2 * l->n] = xstrdup(name);
	char *t = l->strings[2 * l->n + 1] = dup_or_null(target);
	l->v[l->n++] = (struct osp_discover_rule){
		.name = n,
		.kind = t ? OSP_DISCOVER_ALIAS : OSP_DISCOVER_NOT_DRAMA,
		.target = t,
	};
}

static void rule_list_free(struct rule_list *l)
{
	for (size_t i = 0; i < 2 * l->n; i++)
		free(l->strings[i]);
	free(l->strings);
	free(l->v);
}

/* The copy key of a discovered drama's file: one song of one drama in
 * one version, by title and performers; NULL for an untagged file. */
static char *copy_key(struct osp_discoverer *d, const char *drama,
		      const struct found *f)
{
	char *song = osp_discover_song_key(d, f->title, f->artists,
					   f->n_artists);
	char *key = song ? xasprintf("d\x1e%s\x1e%s\x1e%s", drama, song,
				     f->version ? f->version : "")
			 : NULL;
	free(song);
	return key;
}

/* Groups every track that found a drama's name and stores each one's
 * drama, in one transaction. */
static bool regroup(struct osp_library *lib, const char *stamp,
		    struct osp_error *err)
{
	struct found_list l = {0};
	struct rule_list rules = {0};
	struct osp_track_query q = {.discovered = true};
	bool ok = osp_library_begin(lib, err) &&
		  osp_library_each_track(lib, &q, collect_found, &l, err) &&
		  osp_library_each_drama_rule(lib, collect_rule, &rules, err);
	struct osp_discover_entry *e = xcalloc(l.n + 1, sizeof(*e));
	for (size_t i = 0; i < l.n; i++)
		e[i] = (struct osp_discover_entry){
			l.v[i].name, l.v[i].alias, l.v[i].title,
			l.v[i].artists, l.v[i].n_artists};
	struct osp_discover_groups g = {0};
	if (ok)
		osp_discover_group(e, l.n, rules.v, rules.n, &g);
	struct osp_discoverer *d = osp_discoverer_new();
	for (size_t i = 0; ok && i < l.n; i++) {
		char *key = g.drama[i] ? copy_key(d, g.drama[i], &l.v[i]) : NULL;
		ok = osp_library_set_group(lib, l.v[i].id, g.drama[i], key, err);
		free(key);
	}
	ok = ok && osp_library_set_setting(lib, DISCOVER_STAMP_KEY, stamp, err) &&
	     osp_library_commit(lib, err);
	if (!ok)
		osp_library_rollback(lib);
	osp_discoverer_free(d);
	osp_discover_groups_free(&g);
	free(e);
	rule_list_free(&rules);
	found_list_free(&l);
	return ok;
}

/* Keeps a group's drama, with the names its files gave, for the
 * catalogs. */
static void keep_found_name(void *ctx, const char *drama, const char *found,
			    const char *alias, int64_t n)
{
	struct osp_cli *cli = ctx;
	(void)n;
	cli->found_names = xrealloc(cli->found_names,
				    (cli->n_found_names + 1) *
					    sizeof(*cli->found_names));
	cli->found_names[cli->n_found_names++] = (struct osp_cli_found_name){
		.drama = xstrdup(drama), .found = xstrdup(found),
		.alias = alias ? xstrdup(alias) : NULL};
}

void osp_cli_add_found_names(struct osp_cli *cli)
{
	for (size_t i = 0; i < cli->n_found_names; i++) {
		struct osp_cli_found_name *f = &cli->found_names[i];
		struct osp_drama *d = cli->catalog_loaded
			? osp_catalog_add_discovered(&cli->catalog, f->drama)
			: NULL;
		/* NULL too when the user made it a catalogued drama's
		 * alias. */
		if (d) {
			osp_drama_add_alias(d, f->found);
			if (f->alias)
				osp_drama_add_alias(d, f->alias);
		}
		free(f->drama);
		free(f->found);
		free(f->alias);
	}
	free(cli->found_names);
	cli->found_names = NULL;
	cli->n_found_names = 0;
}

bool osp_cli_group_discovered(struct osp_cli *cli, struct osp_library *lib,
			      bool changed)
{
	struct osp_error err = {0};
	char *stamp = osp_library_discovered_stamp(lib);
	char *stored = osp_library_get_setting(lib, DISCOVER_STAMP_KEY);
	bool ok = stamp != NULL;
	/* A library that cannot be written, or could not take the match
	 * results, is shown as it was last grouped. */
	if (ok && !osp_library_read_only(lib) && !cli->as_stored &&
	    (changed || !stored || strcmp(stored, stamp) != 0) &&
	    !regroup(lib, stamp, &err)) {
		if (cli->only_reads && (err.code == OSP_ERR_FULL ||
					err.code == OSP_ERR_READ_ONLY)) {
			char *why = xasprintf("could not store the grouping of "
					      "discovered dramas (%s)",
					      err.msg);
			osp_cli_as_stored(cli, why);
			free(why);
		} else {
			ok = false;
		}
	}
	ok = ok && osp_library_each_found_name(lib, keep_found_name, cli,
					       &err);
	if (cli->catalog_loaded)
		osp_cli_add_found_names(cli);
	if (!ok)
		osp_cli_error(err.msg[0] ? &err
			      : &(struct osp_error){.msg = "reading the library"});
	free(stamp);
	free(stored);
	return ok;
}

/* The names `name` stands for: the names of the discovered drama it
 * resolves to (title and every alias), else itself. */
static size_t names_of(struct osp_cli *cli, const char *name,
		       const char ***out)
{
	const struct osp_catalog *c = osp_cli_catalog(cli);
	size_t found[2];
	size_t n = osp_catalog_find(c, name, found, 2);
	const struct osp_drama *d = n == 1 && c->dramas[found[0]].discovered
					    ? &c->dramas[found[0]] : NULL;
	if (!d) {
		*out = xcalloc(1, sizeof(char *));
		(*out)[0] = name;
		return 1;
	}
	*out = xcalloc(d->n_aliases + 1, sizeof(char *));
	(*out)[0] = d->title;
	for (size_t i = 0; i < d->n_aliases; i++)
		(*out)[i + 1] = d->aliases[i];
	return d->n_aliases + 1;
}

/* The discovered drama `name` names; NULL after saying why not. */
static const struct osp_drama *discovered(struct osp_cli *cli,
					  const char *name)
{
	int k = osp_cli_pick_drama(cli, name);
	if (k < 0)
		return NULL;
	const struct osp_drama *d = &osp_cli_catalog(cli)->dramas[k];
	if (!d->discovered) {
		osp_cli_errorf("%s is a catalogued drama, not one discovered in "
			       "your files (its catalog is %s)", d->title,
			       d->file);
		return NULL;
	}
	return d;
}

/* Stores the rule "every name of the discovered drama `d` is `target`'s,
 * or no drama"; the next command groups again. */
static int set_rule(struct osp_library *lib, const struct osp_drama *d,
		    const char *target)
{
	struct osp_error err = {0};
	bool ok = osp_library_begin(lib, &err);
	for (size_t i = 0; ok && i <= d->n_aliases; i++) {
		const char *name = i ? d->aliases[i - 1] : d->title;
		char *key = osp_discover_key(name);
		ok = osp_library_set_drama_rule(lib, key, name, target, &err);
		free(key);
	}
	ok = ok && osp_library_set_setting(lib, DISCOVER_STAMP_KEY, "", &err) &&
	     osp_library_commit(lib, &err);
	if (!ok) {
		osp_library_rollback(lib);
		return osp_cli_error(&err);
	}
	if (target)
		printf("%s is another name of %s from now on\n", d->title,
		       target);
	else
		printf("%s is no drama from now on ('ostplay drama forget "
		       "\"%s\"' undoes it)\n", d->title, d->title);
	return 0;
}

static int forget_rule(struct osp_cli *cli, struct osp_library *lib,
		       const char *name)
{
	struct osp_error err = {0};
	const char **names;
	size_t n = names_of(cli, name, &names);
	bool any = false, ok = osp_library_begin(lib, &err);
	for (size_t i = 0; ok && i < n; i++) {
		char *key = osp_discover_key(names[i]);
		bool found = false;
		ok = osp_library_delete_drama_rule(lib, key, &found, &err);
		any |= found;
		free(key);
	}
	ok = ok && osp_library_set_setting(lib, DISCOVER_STAMP_KEY, "", &err) &&
	     osp_library_commit(lib, &err);
	free(names);
	if (!ok) {
		osp_library_rollback(lib);
		return osp_cli_error(&err);
	}
	if (!any)
		return osp_cli_errorf("nothing was said of '%s' ('ostplay drama "
				      "rules' lists what was)", name);
	printf("Forgot what was said of %s: it is discovered as its files "
	       "name it again\n", name);
	return 0;
}

static void print_rule(void *ctx, const char *name, const char *target)
{
	(void)ctx;
	if (target)
		printf("%s: another name of %s\n", name, target);
	else
		printf("%s: no drama\n", name);
}

/* A file name for `title` in the catalog folder: lower case, words joined
 * by dashes, as the curated catalogs are named. */
static char *catalog_file(const char *dir, const char *title)
{
	struct osp_buf b = {0};
	bool dash = false;
	for (const char *p = title; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		bool keep = ch >= 0x80 || (ch >= '0' && ch <= '9') ||
			    (unsigned)((ch | 0x20) - 'a') < 26;
		if (!keep) {
			dash = b.len > 0;
			continue;
		}
		if (dash)
			osp_buf_putc(&b, '-');
		dash = false;
		osp_buf_putc(&b, ch < 0x80 && ch >= 'A' && ch <= 'Z'
					 ? (char)(ch | 0x20) : (char)ch);
	}
	/* Portable too: a title "Con" is no device name on Windows. */
	char *stem = osp_file_portable_name(b.len ? osp_buf_str(&b) : "drama");
	char *path = xasprintf("%s/%s.xspf", dir, stem);
	free(stem);
	osp_buf_free(&b);
	return path;
}

struct catalog_draft {
	struct osp_xspf x;
	size_t cap;
};

static struct osp_xml_node node(const char *name, const char *text)
{
	return (struct osp_xml_node){.name = xstrdup(name),
				     .ns = xstrdup(OSP_CATALOG_NS),
				     .text = xstrdup(text ? text : "")};
}

static void add_child(struct osp_xml_node *parent, struct osp_xml_node child)
{
	parent->children = xrealloc(parent->children,
				    (parent->n_children + 1) *
					    sizeof(*parent->children));
	parent->children[parent->n_children++] = child;
}

static struct osp_xspf_extension *one_extension(struct osp_xml_node n)
{
	struct osp_xspf_extension *e = xcalloc(1, sizeof(*e));
	e->application = xstrdup(OSP_CATALOG_NS);
	e->nodes = xcalloc(1, sizeof(*e->nodes));
	e->nodes[0] = n;
	e->n_nodes = 1;
	return e;
}

/* A song of the drama, from one of its files: its title, and a performer
 * for each artist, from the tags or else the file name. */
static bool add_song(void *ctx, const struct osp_track *t)
{
	struct catalog_draft *d = ctx;
	const struct osp_tags *g = &t->tags;
	char *stem, *file_artist, *file_title;
	osp_match_file_name(t, &stem, &file_artist, &file_title);
	struct osp_xspf *x = &d->x;
	x->tracks = xgrow(x->tracks, &d->cap, x->n_tracks + 1, sizeof(*x->tracks));
	struct osp_xspf_track *xt = &x->tracks[x->n_tracks++];
	/* An untagged file's song is what its name says. */
	*xt = (struct osp_xspf_track){
		.title = xstrdup(g->title ? g->title : file_title),
		.album = dup_or_null(g->album),
		.track_num = (int)x->n_tracks};
	char *names[1] = {file_artist};
	char *const *artists = g->n_artists ? g->artists : names;
	size_t n_artists = g->n_artists ? g->n_artists : file_artist != NULL;
	struct osp_xml_node song = node("song", NULL);
	if (t->match.instrumental) {
		song.attrs = xcalloc(2, sizeof(char *));
		song.attrs[0] = xstrdup("instrumental");
		song.attrs[1] = xstrdup("true");
		song.n_attrs = 1;
	}
	if (n_artists) {
		struct osp_buf creator = {0};
		osp_buf_join(&creator, artists, n_artists, ", ");
		xt->creator = osp_buf_steal(&creator);
	}
	for (size_t i = 0; i < n_artists; i++) {
		struct osp_xml_node p = node("performer", NULL);
		p.attrs = xcalloc(2, sizeof(char *));
		p.attrs[0] = xstrdup("name");
		p.attrs[1] = xstrdup(artists[i]);
		p.n_attrs = 1;
		add_child(&song, p);
	}
	xt->exts = one_extension(song);
	xt->n_exts = 1;
	free(stem);
	free(file_artist);
	free(file_title);
	return true;
}

/* Writes the discovered drama `d` as a user catalog: its names, and its
 * songs as its files tag them, to curate. */
static int write_catalog(struct osp_cli *cli, struct osp_library *lib,
			 const struct osp_drama *d, const char *out)
{
	struct osp_error err = {0};
	struct catalog_draft draft = {.x = {
		.title = xstrdup(d->title),
		.annotation = xstrdup("Made by ostplay from the files of a "
				      "drama it found in their names; check "
				      "the songs and performers."),
	}};
	struct osp_xml_node drama = node("drama", NULL);
	for (size_t i = 0; i < d->n_aliases; i++)
		add_child(&drama, node("alias", d->aliases[i]));
	draft.x.exts = one_extension(drama);
	draft.x.n_exts = 1;
	struct osp_track_query q = {.drama = d->title, .one_per_song = true};
	char *path = out ? xstrdup(out)
			 : catalog_file(cli->paths.catalog_dir, d->title);
	struct stat st;
	struct osp_buf b = {0};
	int status = 0;
	if (!out && stat(path, &st) == 0)
		status = osp_cli_errorf("%s exists already; edit it, or name "
					"another file with -o", path);
	else if (!osp_library_each_track(lib, &q, add_song, &draft, &err) ||
		 (!out && !osp_paths_mkdir(cli->paths.catalog_dir, 0755, &err)) ||
		 !osp_xspf_format(&draft.x, &b, &err) ||
		 !osp_file_replace(path, b.data, b.len, 0644, &err))
		status = osp_cli_error(&err);
	else
		printf("Wrote %s: %s, %zu song%s\n", path, d->title,
		       draft.x.n_tracks, draft.x.n_tracks == 1 ? "" : "s");
	osp_buf_free(&b);
	free(path);
	osp_xspf_free(&draft.x);
	return status;
}

int osp_cli_drama(struct osp_cli *cli, const struct osp_cli_args *a)
{
	static const struct {
		const char *name;
		int n_args;
	} verbs[] = {{"alias", 2}, {"catalog", 1}, {"forget", 1},
		     {"ignore", 1}, {"rules", 0}};
	const char *verb = a->pos[0];
	size_t v = 0;
	while (v < sizeof(verbs) / sizeof(verbs[0]) &&
	       strcmp(verbs[v].name, verb) != 0)
		v++;
	if (v == sizeof(verbs) / sizeof(verbs[0]))
		return osp_cli_usage_error(a->cmd, "unknown action '%s'", verb);
	if (a->n_pos - 1 != verbs[v].n_args)
		return osp_cli_usage_error(a->cmd, "'%s' takes %d name%s", verb,
					   verbs[v].n_args,
					   verbs[v].n_args == 1 ? "" : "s");
	if (osp_cli_value(a, "o") && strcmp(verb, "catalog") != 0)
		return osp_cli_usage_error(a->cmd, "-o is for 'catalog'");
	struct osp_library *lib = osp_cli_open_library(cli);
	if (!lib)
		return 1;
	int status = osp_cli_update_matches(cli, lib) ? 0 : 1;
	struct osp_error err = {0};
	if (status) {
		/* said */
	} else if (strcmp(verb, "rules") == 0) {
		if (!osp_library_each_drama_rule(lib, print_rule, NULL, &err))
			status = osp_cli_error(&err);
	} else if (strcmp(verb, "ignore") == 0) {
		const struct osp_drama *d = discovered(cli, a->pos[1]);
		status = d ? set_rule(lib, d, NULL) : 1;
	} else if (strcmp(verb, "forget") == 0) {
		status = forget_rule(cli, lib, a->pos[1]);
	} else if (strcmp(verb, "alias") == 0) {
		const struct osp_drama *d = discovered(cli, a->pos[1]);
		int k = d ? osp_cli_pick_drama(cli, a->pos[2]) : -1;
		const char *target = k < 0 ? NULL
					   : osp_cli_catalog(cli)->dramas[k].title;
		if (target && strcmp(target, d->title) == 0)
			status = osp_cli_errorf("'%s' and '%s' are one drama "
						"already", a->pos[1], a->pos[2]);
		else
			status = target ? set_rule(lib, d, target) : 1;
	} else {
		int d = osp_cli_pick_drama(cli, a->pos[1]);
		const struct osp_drama *dr = d < 0 ? NULL
						   : &osp_cli_catalog(cli)->dramas[d];
		if (dr && !dr->discovered)
			status = osp_cli_errorf("%s is in a catalog already (%s)",
						dr->title, dr->file);
		else
			status = dr ? write_catalog(cli, lib, dr,
						    osp_cli_value(a, "o"))
				    : 1;
	}
	osp_library_close(lib);
	return status;
}
