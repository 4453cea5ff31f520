/* MPD's stickers on songs: any name, kept in the library by the song's
 * path (and in the user-data file beside it), except `favorite`, which is
 * ostplay's favourite mark, kept by song so that it follows a song's
 * copies, and reads as "1". */
#include <stdlib.h>
#include <string.h>

#include "daemon-private.h"
#include "ostplay/protocol.h"
#include "ostplay/xalloc.h"

#define FAVORITE "favorite"

/* "sticker: NAME=VALUE", on one line whatever the value holds. */
static void put_sticker(struct osp_buf *b, const char *name,
			const char *value)
{
	char *both = xasprintf("%s=%s", name, value);
	osp_proto_pair(b, "sticker", both);
	free(both);
}

/* The library track `uri` names into `t`; false after the ACK. */
static bool song(struct daemon *d, struct reply *r, const char *uri,
		 struct osp_track *t)
{
	if (daemon_library_track(d, uri, t))
		return true;
	osp_track_clear(t);
	return reply_fail(r, ACK_NO_EXIST, "No such song");
}

/* Sets or clears the mark; clearing one that is not there is MPD's
 * "no such sticker". */
static bool set_favorite(struct daemon *d, struct reply *r,
			 const struct osp_track *t, bool on, bool must_exist)
{
	struct osp_error err = {0};
	bool changed = false;
	if (!osp_library_set_favorite(d->lib, t->id, on, &changed, &err))
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	if (!changed && must_exist)
		return reply_fail(r, ACK_NO_EXIST, "no such sticker");
	if (changed)
		daemon_changed(d, IDLE_STICKER);
	return true;
}

static bool sticker_set(struct daemon *d, struct reply *r,
			const struct osp_track *t, const char *name,
			const char *value)
{
	if (strcmp(name, FAVORITE) == 0)
		return set_favorite(d, r, t, *value && strcmp(value, "0") &&
					     strcmp(value, "false"), false);
	if (!*name || strchr(name, '='))
		return reply_fail(r, ACK_ARG, "Invalid sticker name");
	struct osp_error err = {0};
	if (!osp_library_set_sticker(d->lib, t->path, t->path_len, name, value,
				     &err))
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	daemon_changed(d, IDLE_STICKER);
	return true;
}

/* delete with a name, or all of a song's stickers without. */
static bool sticker_delete(struct daemon *d, struct reply *r,
			   const struct osp_track *t, const char *name)
{
	if (name && strcmp(name, FAVORITE) == 0)
		return set_favorite(d, r, t, false, true);
	struct osp_error err = {0};
	bool found;
	if (!osp_library_delete_sticker(d->lib, t->path, t->path_len, name,
					&found, &err))
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	if (!name && t->favorite)
		return set_favorite(d, r, t, false, false);
	if (!found)
		return name ? reply_fail(r, ACK_NO_EXIST, "no such sticker")
			    : true;
	daemon_changed(d, IDLE_STICKER);
	return true;
}

struct listing {
	struct reply *r;
	struct daemon *d;
	const char *op;		/* find's =, < or >, or NULL */
	const char *value;
	size_t n;
};

static bool list_one(void *ctx, const char *path, size_t path_len,
		     const char *name, const char *value)
{
	(void)path, (void)path_len;
	struct listing *x = ctx;
	put_sticker(x->r->out, name, value);
	x->n++;
	return true;
}

/* get NAME, or list: the favourite mark first, as mpd lists by name. */
static bool sticker_show(struct daemon *d, struct reply *r,
			 const struct osp_track *t, const char *name)
{
	struct listing x = {.r = r, .d = d};
	if (t->favorite && (!name || strcmp(name, FAVORITE) == 0)) {
		osp_buf_puts(r->out, "sticker: " FAVORITE "=1\n");
		x.n++;
	}
	struct osp_error err = {0};
	if ((!name || strcmp(name, FAVORITE) != 0) &&
	    !osp_library_each_sticker(d->lib, t->path, t->path_len, NULL, name,
				      list_one, &x, &err))
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	if (name && !x.n)
		return reply_fail(r, ACK_NO_EXIST, "no such sticker");
	return true;
}

/* Whether `value` passes find's `op VALUE`, compared as text as mpd's
 * SQL does. */
static bool passes(const struct listing *x, const char *value)
{
	if (!x->op)
		return true;
	int c = strcmp(value, x->value);
	return *x->op == '=' ? c == 0 : *x->op == '<' ? c < 0 : c > 0;
}

static bool found_one(void *ctx, const char *path, size_t path_len,
		      const char *name, const char *value)
{
	(void)path_len;
	struct listing *x = ctx;
	if (!passes(x, value))
		return true;
	osp_proto_pair(x->r->out, "file", daemon_uri(x->d, path));
	put_sticker(x->r->out, name, value);
	return true;
}

struct favorites_under {
	struct listing *x;
	const char *under;	/* URI prefix: a folder, or "" for all */
};

static bool favorite_found(void *ctx, const struct osp_track *t)
{
	struct favorites_under *f = ctx;
	const char *uri = daemon_uri(f->x->d, t->path);
	size_t n = strlen(f->under);
	if (n && (strncmp(uri, f->under, n) != 0 || uri[n] != '/'))
		return true;
	if (!passes(f->x, "1"))
		return false;
	osp_proto_pair(f->x->r->out, "file", uri);
	osp_buf_puts(f->x->r->out, "sticker: " FAVORITE "=1\n");
	return true;
}

/* find song DIR NAME [=|<|> VALUE]: the songs below DIR ("" for all) with
 * the sticker. */
static bool sticker_find(struct daemon *d, struct reply *r, const char *dir,
			 const char *name, const char *op, const char *value)
{
	struct listing x = {.r = r, .d = d, .op = op, .value = value};
	struct osp_error err = {0};
	if (strcmp(name, FAVORITE) == 0) {
		struct favorites_under f = {.x = &x, .under = dir};
		struct osp_track_query q = {.favorites = true};
		if (!osp_library_each_track(d->lib, &q, favorite_found, &f,
					    &err))
			return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
		return true;
	}
	for (size_t i = 0; i < d->n_music_dirs; i++) {
		char *prefix = xasprintf("%s/%s%s", d->music_dirs[i], dir,
					 *dir ? "/" : "");
		bool ok = osp_library_each_sticker(d->lib, NULL, 0, prefix,
						   name, found_one, &x, &err);
		free(prefix);
		if (!ok)
			return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	}
	return true;
}

/* sticker get|set|delete|list song URI [NAME [VALUE]],
 * sticker find song DIR NAME [=|<|> VALUE] */
static bool cmd_sticker(struct daemon *d, struct reply *r, int argc,
			char **argv)
{
	const char *verb = argv[0], *uri = argv[2];
	const char *name = argc > 3 ? argv[3] : NULL;
	if (strcmp(argv[1], "song") != 0)
		return reply_fail(r, ACK_ARG, "unknown sticker domain");
	if (strcmp(verb, "find") == 0 && name &&
	    (argc == 4 || (argc == 6 && strlen(argv[4]) == 1 &&
			   strchr("=<>", *argv[4]))))
		return sticker_find(d, r, uri, name, argc == 6 ? argv[4] : NULL,
				    argc == 6 ? argv[5] : NULL);
	bool set = strcmp(verb, "set") == 0 && argc == 5;
	bool del = strcmp(verb, "delete") == 0 && argc <= 4;
	bool get = strcmp(verb, "get") == 0 && argc == 4;
	bool list = strcmp(verb, "list") == 0 && argc == 3;
	if (!set && !del && !get && !list)
		return reply_fail(r, ACK_ARG, "bad request");
	struct osp_track t = {0};
	if (!song(d, r, uri, &t))
		return false;
	bool ok = set   ? sticker_set(d, r, &t, name, argv[4])
		  : del ? sticker_delete(d, r, &t, name)
			: sticker_show(d, r, &t, name);
	osp_track_clear(&t);
	return ok;
}

static const struct command sticker_commands[] = {
	{"sticker", 3, 6, cmd_sticker, OSP_PERMISSION_ADMIN},
};

const struct command *daemon_sticker_commands(size_t *n)
{
	*n = sizeof(sticker_commands) / sizeof(sticker_commands[0]);
	return sticker_commands;
}
