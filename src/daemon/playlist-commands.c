/* MPD's commands that write saved playlists: save (create, append,
 * replace), playlistadd, playlistdelete, playlistmove, playlistclear,
 * rename.  Dramas are playlists too, but read-only: a command that would
 * change one, or a saved playlist that would take a drama's name, is
 * refused. */
#include <stdlib.h>
#include <string.h>

#include "daemon-private.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

/* A saved playlist being edited: its entries, read whole. */
struct edit {
	char *stored;		/* its stored name, NULL when none yet */
	struct osp_playlist_entry *e;
	size_t n;
};

static void edit_free(struct edit *x)
{
	free(x->stored);
	osp_playlist_entries_free(x->e, x->n);
}

/* The catalogued drama whose title `name` is in another case or width,
 * or NULL: a saved playlist of that name would stand beside the drama's
 * in a client's list, looking like it. */
static const char *drama_in_any_case(const struct daemon *d, const char *name)
{
	char *want = osp_text_fold(name);
	const char *title = NULL;
	for (size_t i = 0; !title && i < d->catalog->n_dramas; i++) {
		char *have = osp_text_fold(d->catalog->dramas[i].title);
		if (strcmp(want, have) == 0)
			title = d->catalog->dramas[i].title;
		free(have);
	}
	free(want);
	return title;
}

/* Reads the playlist `name` into `x`.  `must_exist`: a missing one is an
 * ACK; otherwise it is a new, empty one.  A drama is always an ACK. */
static bool edit_open(struct daemon *d, struct reply *r, const char *name,
		      bool must_exist, struct edit *x)
{
	*x = (struct edit){0};
	struct osp_error err = {0};
	const char *title;
	bool found = false;
	if (!daemon_find_stored(d, name, &title, &x->stored, &err))
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	if (!title && !x->stored)
		title = drama_in_any_case(d, name);
	if (title) {	/* title may be x->stored: said before it goes */
		reply_fail(r, ACK_ARG, "%s is a drama, which cannot be "
			   "changed; save under another name", title);
		edit_free(x);
		*x = (struct edit){0};
		return false;
	}
	if (x->stored && !osp_library_playlist_entries(d->lib, x->stored, &x->e,
						       &x->n, &found, &err)) {
		edit_free(x);
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	}
	if (!found && must_exist) {
		edit_free(x);
		*x = (struct edit){0};
		return reply_fail(r, ACK_NO_EXIST, "No such playlist");
	}
	if (!x->stored)
		x->stored = xstrdup(name);
	return true;
}

/* Writes `x` back and frees it. */
static bool edit_close(struct daemon *d, struct reply *r, struct edit *x)
{
	struct osp_error err = {0};
	bool ok = osp_library_set_playlist_entries(d->lib, x->stored, x->e,
						   x->n, &err);
	edit_free(x);
	if (!ok)
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	daemon_changed(d, IDLE_STORED_PLAYLIST);
	return true;
}

static void edit_append(struct edit *x, struct osp_playlist_entry *e)
{
	x->e = xrealloc(x->e, (x->n + 1) * sizeof(*x->e));
	x->e[x->n++] = *e;
}

bool daemon_playlist_append(struct daemon *d, struct reply *r,
			    const char *name, const int64_t *ids, size_t n)
{
	struct edit x;
	if (!edit_open(d, r, name, false, &x))
		return false;
	for (size_t i = 0; i < n; i++) {
		struct osp_playlist_entry e;
		struct osp_error err = {0};
		if (osp_library_track_entry(d->lib, ids[i], &e, &err))
			edit_append(&x, &e);
	}
	return edit_close(d, r, &x);
}

/* save NAME [create|append|replace]: the queue's library tracks. */
static bool cmd_save(struct daemon *d, struct reply *r, int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "create";
	if (strcmp(mode, "create") && strcmp(mode, "append") &&
	    strcmp(mode, "replace"))
		return reply_fail(r, ACK_ARG, "Unrecognized save mode: %s", mode);
	struct edit x;
	if (!edit_open(d, r, argv[0], false, &x))
		return false;
	bool exists = osp_library_has_playlist(d->lib, x.stored);
	if (exists && strcmp(mode, "create") == 0) {
		edit_free(&x);
		return reply_fail(r, ACK_EXIST, "Playlist already exists");
	}
	if (strcmp(mode, "replace") == 0) {
		osp_playlist_entries_free(x.e, x.n);
		x.e = NULL;
		x.n = 0;
	}
	for (size_t i = 0; i < d->queue.n; i++) {
		struct osp_playlist_entry e;
		struct osp_error err = {0};
		/* A file outside the library has no song to find again. */
		if (d->queue.items[i].track.id &&
		    osp_library_track_entry(d->lib, d->queue.items[i].track.id,
					    &e, &err))
			edit_append(&x, &e);
	}
	return edit_close(d, r, &x);
}

/* playlistadd NAME URI [POS]: a library song, made when missing. */
static bool cmd_playlistadd(struct daemon *d, struct reply *r, int argc,
			    char **argv)
{
	struct osp_track t;
	struct osp_playlist_entry e;
	struct osp_error err = {0};
	if (!daemon_library_track(d, argv[1], &t))	/* mpd's words */
		return reply_fail(r, ACK_NO_EXIST, "No such directory");
	bool ok = osp_library_track_entry(d->lib, t.id, &e, &err);
	osp_track_clear(&t);
	if (!ok)
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	struct edit x;
	long pos;
	if (!edit_open(d, r, argv[0], false, &x)) {
		free(e.path);
		free(e.song_key);
		return false;
	}
	if (argc > 2 && !daemon_parse_int(argv[2], 0, (long)x.n, &pos)) {
		edit_free(&x);
		free(e.path);
		free(e.song_key);
		return reply_fail(r, ACK_ARG, "Bad song index");
	}
	edit_append(&x, &e);
	if (argc > 2) {		/* the new last entry goes to `pos` */
		memmove(x.e + pos + 1, x.e + pos,
			(x.n - 1 - (size_t)pos) * sizeof(*x.e));
		x.e[pos] = e;
	}
	return edit_close(d, r, &x);
}

/* playlistdelete NAME POS|START:END */
static bool cmd_playlistdelete(struct daemon *d, struct reply *r, int argc,
			       char **argv)
{
	(void)argc;
	struct edit x;
	size_t start, end;
	if (!edit_open(d, r, argv[0], true, &x))
		return false;
	if (!daemon_parse_range(r, argv[1], x.n, &start, &end)) {
		edit_free(&x);
		return false;
	}
	for (size_t i = start; i < end; i++) {
		free(x.e[i].path);
		free(x.e[i].song_key);
	}
	memmove(x.e + start, x.e + end, (x.n - end) * sizeof(*x.e));
	x.n -= end - start;
	return edit_close(d, r, &x);
}

/* playlistmove NAME FROM TO */
static bool cmd_playlistmove(struct daemon *d, struct reply *r, int argc,
			     char **argv)
{
	(void)argc;
	struct edit x;
	long from, to;
	if (!edit_open(d, r, argv[0], true, &x))
		return false;
	if (!daemon_parse_int(argv[1], 0, (long)x.n - 1, &from) ||
	    !daemon_parse_int(argv[2], 0, (long)x.n - 1, &to)) {
		edit_free(&x);
		return reply_fail(r, ACK_ARG, "Bad song index");
	}
	struct osp_playlist_entry moved = x.e[from];
	if (from < to)
		memmove(x.e + from, x.e + from + 1,
			(size_t)(to - from) * sizeof(*x.e));
	else
		memmove(x.e + to + 1, x.e + to,
			(size_t)(from - to) * sizeof(*x.e));
	x.e[to] = moved;
	return edit_close(d, r, &x);
}

static bool cmd_playlistclear(struct daemon *d, struct reply *r, int argc,
			      char **argv)
{
	(void)argc;
	struct edit x;
	if (!edit_open(d, r, argv[0], true, &x))
		return false;
	osp_playlist_entries_free(x.e, x.n);
	x.e = NULL;
	x.n = 0;
	return edit_close(d, r, &x);
}

/* rename NAME NEW: never onto another playlist or a drama. */
static bool cmd_rename(struct daemon *d, struct reply *r, int argc,
		       char **argv)
{
	(void)argc;
	struct edit from, to;
	if (!edit_open(d, r, argv[0], true, &from))
		return false;
	if (!edit_open(d, r, argv[1], false, &to)) {
		edit_free(&from);
		return false;
	}
	bool taken = osp_library_has_playlist(d->lib, to.stored) &&
		     strcmp(from.stored, to.stored) != 0;
	struct osp_error err = {0};
	bool ok = !taken && osp_library_rename_playlist(d->lib, from.stored,
							argv[1], &err);
	edit_free(&from);
	edit_free(&to);
	if (taken)
		return reply_fail(r, ACK_EXIST, "Playlist already exists");
	if (!ok)
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	daemon_changed(d, IDLE_STORED_PLAYLIST);
	return true;
}

/* Sorted by name; the last field is the permission, as mpd 0.23 has it. */
static const struct command playlist_commands[] = {
	{"playlistadd", 2, 3, cmd_playlistadd, OSP_PERMISSION_CONTROL},
	{"playlistclear", 1, 1, cmd_playlistclear, OSP_PERMISSION_CONTROL},
	{"playlistdelete", 2, 2, cmd_playlistdelete, OSP_PERMISSION_CONTROL},
	{"playlistmove", 3, 3, cmd_playlistmove, OSP_PERMISSION_CONTROL},
	{"rename", 2, 2, cmd_rename, OSP_PERMISSION_CONTROL},
	{"save", 1, 2, cmd_save, OSP_PERMISSION_CONTROL},
};

const struct command *daemon_playlist_commands(size_t *n)
{
	*n = sizeof(playlist_commands) / sizeof(playlist_commands[0]);
	return playlist_commands;
}
