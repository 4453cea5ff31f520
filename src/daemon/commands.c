/* The MPD commands the daemon answers: one sorted table, arity checked by
 * the caller before a handler runs. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon-private.h"
#include "ostplay/protocol.h"
#include "database/commands.h"
#include "database/song.h"
#include "ostplay/xalloc.h"

bool daemon_parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static bool parse_seconds(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (!*s || *end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

bool daemon_parse_range(struct reply *r, const char *s, size_t n,
			size_t *start, size_t *end)
{
	char *colon = strchr(s, ':');
	/* SIZE_MAX: no end known yet (load's playlist is read after). */
	long a, b = n > LONG_MAX ? LONG_MAX : (long)n;
	char first[32];
	size_t len = colon ? (size_t)(colon - s) : strlen(s);
	if (len >= sizeof(first))
		return reply_fail(r, ACK_ARG, "Integer or range expected: %s", s);
	memcpy(first, s, len);
	first[len] = '\0';
	if (!daemon_parse_int(first, 0, LONG_MAX, &a) ||
	    (colon && colon[1] && !daemon_parse_int(colon + 1, 0, LONG_MAX, &b)))
		return reply_fail(r, ACK_ARG, "Integer or range expected: %s", s);
	if (!colon)
		b = a + 1;
	if (a > b)
		return reply_fail(r, ACK_ARG, "Malformed range: %s", s);
	if ((size_t)b > n || (!colon && (size_t)a >= n))
		return reply_fail(r, ACK_ARG, "Bad song index");
	*start = (size_t)a;
	*end = (size_t)b;
	return true;
}

void daemon_song_info(const struct daemon *d, struct osp_buf *b,
		      const struct osp_queue_item *it, long pos)
{
	db_song_print_part(b, daemon_uri(d, it->track.path), &it->track, true,
			   it->start_ms, it->end_ms);
	if (pos >= 0)
		osp_buf_printf(b, "Pos: %ld\nId: %u\n", pos, it->id);
	if (pos >= 0 && it->priority)
		osp_buf_printf(b, "Prio: %u\n", it->priority);
}

static bool cmd_clear(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)r, (void)argc, (void)argv;
	daemon_stop(d);
	osp_queue_clear(&d->queue);
	daemon_changed(d, IDLE_PLAYLIST);
	return true;
}

static bool cmd_clearerror(struct daemon *d, struct reply *r, int argc,
			   char **argv)
{
	(void)r, (void)argc, (void)argv;
	daemon_set_error(d, NULL);
	return true;
}

static bool cmd_close(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)d, (void)argc, (void)argv;
	r->close = true;
	return true;
}

static bool cmd_commands(struct daemon *d, struct reply *r, int argc,
			 char **argv)
{
	(void)d, (void)argc, (void)argv;
	size_t n;
	const struct command *all = daemon_commands(&n);
	for (size_t i = 0; i < n; i++)
		if (!(all[i].permission & ~r->permissions))
			osp_buf_printf(r->out, "command: %s\n", all[i].name);
	return true;
}

static bool cmd_currentsong(struct daemon *d, struct reply *r, int argc,
			    char **argv)
{
	(void)argc, (void)argv;
	const struct osp_queue_item *it = osp_queue_current(&d->queue);
	if (it)
		daemon_song_info(d, r->out, it, (long)d->queue.order[d->queue.cur]);
	return true;
}

static bool cmd_decoders(struct daemon *d, struct reply *r, int argc,
			 char **argv)
{
	(void)d, (void)argc, (void)argv;
	static const char *const suffixes[] = {
		"aif", "aiff", "ape", "flac", "m4a", "mp2", "mp3", "mp4", "mpc",
		"oga", "ogg", "opus", "spx", "tta", "wav", "wma", "wv",
	};
	osp_buf_puts(r->out, "plugin: mpv\n");
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		osp_buf_printf(r->out, "suffix: %s\n", suffixes[i]);
	return true;
}

const char *const daemon_idle_names[N_IDLE_EVENTS] = {
	"database", "stored_playlist", "playlist", "player", "mixer",
	"output", "options", "sticker", "update",
};

static bool cmd_idle(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)d;
	unsigned mask = 0;
	for (int i = 0; i < argc; i++) {
		bool known = false;
		for (int k = 0; k < N_IDLE_EVENTS; k++)
			if (strcmp(argv[i], daemon_idle_names[k]) == 0)
				mask |= 1u << k, known = true;
		if (!known)	/* MPD ignores subsystems it has not got */
			continue;
	}
	r->idle = true;
	r->idle_mask = mask ? mask : ~0u;
	return true;
}

struct drama_tracks {
	struct daemon *d;
	struct reply *r;
	bool info;	/* listplaylistinfo: whole songs, not just files */
	bool add;	/* load: into the queue */
	size_t n;
	size_t from, to;	/* load's range of the playlist's tracks */
	long at;		/* load's queue position for them, or -1 */
};

static bool each_drama_track(void *ctx, const struct osp_track *t)
{
	struct drama_tracks *x = ctx;
	x->n++;
	if (x->add) {
		size_t i = x->n - 1;
		if (i < x->from || i >= x->to)
			return true;
		if (x->at >= 0)
			osp_queue_insert(&x->d->queue, t,
					 (size_t)x->at + (i - x->from));
		else
			osp_queue_add(&x->d->queue, t);
	} else if (x->info) {
		struct osp_queue_item it = {.track = *t};
		daemon_song_info(x->d, x->r->out, &it, -1);
	} else {
		osp_proto_pair(x->r->out, "file", daemon_uri(x->d, t->path));
	}
	return true;
}

/* Counts the first track only: whether there is one. */
static bool count_one(void *ctx, const struct osp_track *t)
{
	(void)t;
	((struct drama_tracks *)ctx)->n++;
	return false;
}

/* Whether `name` is a drama's canonical title: a catalogued drama's, or
 * one discovered in the files' names, which the library holds tracks of. */
static bool is_drama(struct daemon *d, const char *name, struct osp_error *err,
		     bool *yes)
{
	*yes = osp_catalog_title_index(d->catalog, name) >= 0;
	if (*yes)
		return true;
	struct osp_track_query q = {.drama = name};
	struct drama_tracks x = {.d = d};
	if (!osp_library_each_track(d->lib, &q, count_one, &x, err))
		return false;
	*yes = x.n > 0;
	return true;
}

/* What the stored playlist `name` is: a drama, whose canonical title goes
 * to `*title`, or a playlist `ostplay import` saved, of that name in any
 * case, whose stored name goes to `*stored` (newly allocated); or neither.
 * A drama's title wins, the name given or the one found; `*title` is
 * `name` or `*stored`, and lives as long. */
bool daemon_find_stored(struct daemon *d, const char *name,
			const char **title, char **stored,
			struct osp_error *err)
{
	*title = NULL;
	*stored = NULL;
	bool drama;
	if (!is_drama(d, name, err, &drama))
		return false;
	if (drama) {
		*title = name;
		return true;
	}
	if (!osp_library_find_playlist(d->lib, name, stored, err) ||
	    (*stored && !is_drama(d, *stored, err, &drama)))
		return false;
	if (*stored && drama)
		*title = *stored;	/* a name a drama has taken */
	return true;
}

/* The stored playlist's tracks, as `x` says. */
static bool stored_playlist_part(struct daemon *d, struct reply *r,
				 const char *name, struct drama_tracks *x)
{
	struct osp_track_query q = {.one_per_song = true};
	struct osp_error err = {0};
	char *stored;
	if (!daemon_find_stored(d, name, &q.drama, &stored, &err))
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	bool drama = q.drama != NULL, found = drama;
	bool ok = drama ? osp_library_each_track(d->lib, &q, each_drama_track,
						 x, &err)
			: !stored || osp_library_each_playlist_track(
					     d->lib, stored, each_drama_track,
					     x, &found, &err);
	free(stored);
	if (!ok)
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	if (!found || (drama && !x->n))
		return reply_fail(r, ACK_NO_EXIST, "No such playlist");
	if (x->add && x->n) {
		d->next_stale = true;
		daemon_changed(d, IDLE_PLAYLIST);
	}
	return true;
}

/* Stored playlists are the dramas, by canonical title (catalogued, or
 * discovered in the files' names), and the playlists `ostplay import`
 * saved, in any case; a drama's name wins. */
static bool stored_playlist(struct daemon *d, struct reply *r,
			    const char *name, bool info, bool add)
{
	struct drama_tracks x = {.d = d, .r = r, .info = info, .add = add,
				 .to = SIZE_MAX, .at = -1};
	return stored_playlist_part(d, r, name, &x);
}

static bool cmd_listplaylist(struct daemon *d, struct reply *r, int argc,
			     char **argv)
{
	(void)argc;
	return stored_playlist(d, r, argv[0], false, false);
}

static bool cmd_listplaylistinfo(struct daemon *d, struct reply *r, int argc,
				 char **argv)
{
	(void)argc;
	return stored_playlist(d, r, argv[0], true, false);
}

static void list_playlist(void *ctx, const char *name, int64_t n)
{
	struct reply *r = ctx;
	(void)n;
	osp_proto_pair(r->out, "playlist", name);
	osp_buf_puts(r->out, "Last-Modified: 1970-01-01T00:00:00Z\n");
}

static bool cmd_listplaylists(struct daemon *d, struct reply *r, int argc,
			      char **argv)
{
	(void)argc, (void)argv;
	struct osp_error err = {0};
	if (!osp_library_count_by_drama(d->lib, list_playlist, r, &err) ||
	    !osp_library_each_playlist(d->lib, list_playlist, r, &err))
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	return true;
}

/* load NAME [START:END [POS]] */
static bool cmd_load(struct daemon *d, struct reply *r, int argc, char **argv)
{
	struct drama_tracks x = {.d = d, .r = r, .add = true, .to = SIZE_MAX,
				 .at = -1};
	if (argc > 1 && !daemon_parse_range(r, argv[1], SIZE_MAX, &x.from,
					    &x.to))
		return false;
	if (argc > 2 && !daemon_parse_int(argv[2], 0, (long)d->queue.n, &x.at))
		return reply_fail(r, ACK_ARG, "Bad song index");
	return stored_playlist_part(d, r, argv[0], &x);
}

/* rm NAME: an imported playlist; a drama is the catalog's or the files',
 * not ours. */
static bool cmd_rm(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)argc;
	struct osp_error err = {0};
	const char *title;
	char *stored;
	bool found = false;
	if (!daemon_find_stored(d, argv[0], &title, &stored, &err))
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	if (title) {
		free(stored);
		return reply_fail(r, ACK_ARG, "a drama cannot be removed, only "
				  "imported playlists");
	}
	bool ok = !stored || osp_library_delete_playlist(d->lib, stored,
							 &found, &err);
	free(stored);
	if (!ok)
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	if (!found)
		return reply_fail(r, ACK_NO_EXIST, "No such playlist");
	daemon_changed(d, IDLE_STORED_PLAYLIST);
	return true;
}

static bool cmd_next(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)r, (void)argc, (void)argv;
	struct osp_queue *q = &d->queue;
	long k = osp_queue_after(q, q->cur, d->repeat);
	/* Consume mode takes the song skipped, as a song played. */
	long skipped = d->state != STATE_STOP && q->cur >= 0 &&
				       (size_t)q->cur < q->n
			       ? (long)q->items[q->order[q->cur]].id : -1;
	if (k < 0 || d->state == STATE_STOP) {
		if (k >= 0)
			q->cur = k;
		daemon_stop(d);
	} else {
		daemon_play_order(d, k, 0, d->state == STATE_PAUSE);
	}
	if (k < 0 || (long)q->items[q->order[q->cur]].id != skipped)
		daemon_consume(d, skipped);
	return true;
}

static bool cmd_notcommands(struct daemon *d, struct reply *r, int argc,
			    char **argv)
{
	(void)d, (void)argc, (void)argv;
	size_t n;
	const struct command *all = daemon_commands(&n);
	for (size_t i = 0; i < n; i++)
		if (all[i].permission & ~r->permissions)
			osp_buf_printf(r->out, "command: %s\n", all[i].name);
	return true;
}

/* MPD's `password`: the permissions the config gives that password, on
 * top of the ones the client has. */
static bool cmd_password(struct daemon *d, struct reply *r, int argc,
			 char **argv)
{
	(void)argc;
	const struct osp_config *config = d->config;
	for (size_t i = 0; i < config->n_passwords; i++)
		if (strcmp(config->passwords[i].password, argv[0]) == 0) {
			r->permissions |= config->passwords[i].permissions;
			return true;
		}
	return reply_fail(r, ACK_PASSWORD, "incorrect password");
}

/* MPD's `kill`: the daemon saves its state and ends. */
static bool cmd_kill(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)argc, (void)argv;
	d->quit = true;
	r->close = true;
	return true;
}

static bool cmd_pause(struct daemon *d, struct reply *r, int argc, char **argv)
{
	long on = d->state != STATE_PAUSE;
	if (argc && !daemon_parse_int(argv[0], 0, 1, &on))
		return reply_fail(r, ACK_ARG, "Boolean (0/1) expected: %s",
				  argv[0]);
	if (d->state == STATE_STOP)
		return true;
	osp_player_set_pause(d->player, on);
	d->state = on ? STATE_PAUSE : STATE_PLAY;
	daemon_changed(d, IDLE_PLAYER);
	return true;
}

static bool cmd_ping(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)d, (void)r, (void)argc, (void)argv;
	return true;
}

static bool cmd_play(struct daemon *d, struct reply *r, int argc, char **argv)
{
	struct osp_queue *q = &d->queue;
	long pos;
	if (argc) {
		if (!daemon_parse_int(argv[0], -1, (long)q->n - 1, &pos))
			return reply_fail(r, ACK_ARG, "Bad song index");
		if (pos >= 0) {
			daemon_play_order(d, osp_queue_order_of(q, (size_t)pos),
					  0, false);
			return true;
		}
	}
	if (d->state == STATE_PAUSE)
		return cmd_pause(d, r, 0, NULL);	/* resumes */
	if (d->state == STATE_PLAY)
		return true;
	if (!q->n)
		return true;
	daemon_play_order(d, q->cur >= 0 ? q->cur : 0, 0, false);
	return true;
}

static bool cmd_playid(struct daemon *d, struct reply *r, int argc, char **argv)
{
	long id, pos;
	if (!argc)
		return cmd_play(d, r, 0, NULL);
	if (!daemon_parse_int(argv[0], 0, UINT32_MAX, &id) ||
	    (pos = osp_queue_find_id(&d->queue, (uint32_t)id)) < 0)
		return reply_fail(r, ACK_NO_EXIST, "No such song");
	daemon_play_order(d, osp_queue_order_of(&d->queue, (size_t)pos), 0,
			  false);
	return true;
}

/* playlistinfo [POS | START:END]; also plchanges, which here always
 * sends the whole queue: correct for any version a client knows. */
static bool cmd_playlistinfo(struct daemon *d, struct reply *r, int argc,
			     char **argv)
{
	struct osp_queue *q = &d->queue;
	long start = 0, end = (long)q->n;
	if (argc && strcmp(argv[0], "-1") != 0) {
		char *colon = strchr(argv[0], ':');
		if (colon) {
			*colon = '\0';
			if (!daemon_parse_int(argv[0], 0, LONG_MAX, &start) ||
			    (colon[1] && !daemon_parse_int(colon + 1, 0, LONG_MAX, &end)))
				return reply_fail(r, ACK_ARG, "Bad song index");
			if (end > (long)q->n)
				end = (long)q->n;
		} else {
			if (!daemon_parse_int(argv[0], 0, (long)q->n - 1, &start))
				return reply_fail(r, ACK_ARG, "Bad song index");
			end = start + 1;
		}
	}
	for (long i = start; i < end; i++)
		daemon_song_info(d, r->out, &q->items[i], i);
	return true;
}

static bool cmd_playlistid(struct daemon *d, struct reply *r, int argc,
			   char **argv)
{
	long id, pos;
	if (!argc)
		return cmd_playlistinfo(d, r, 0, NULL);
	if (!daemon_parse_int(argv[0], 0, UINT32_MAX, &id) ||
	    (pos = osp_queue_find_id(&d->queue, (uint32_t)id)) < 0)
		return reply_fail(r, ACK_NO_EXIST, "No such song");
	daemon_song_info(d, r->out, &d->queue.items[pos], pos);
	return true;
}

static bool cmd_previous(struct daemon *d, struct reply *r, int argc,
			 char **argv)
{
	(void)r, (void)argc, (void)argv;
	struct osp_queue *q = &d->queue;
	if (!q->n)
		return true;
	long k = q->cur > 0 ? q->cur - 1 : (d->repeat ? (long)q->n - 1 : 0);
	if (d->state == STATE_STOP) {
		q->cur = k;
		daemon_changed(d, IDLE_PLAYER);
		return true;
	}
	daemon_play_order(d, k, 0, d->state == STATE_PAUSE);
	return true;
}

static bool cmd_random(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)argc;
	long on;
	if (!daemon_parse_int(argv[0], 0, 1, &on))
		return reply_fail(r, ACK_ARG, "Boolean (0/1) expected: %s",
				  argv[0]);
	if (on != d->queue.random) {
		osp_queue_set_random(&d->queue, on);
		d->next_stale = true;
	}
	daemon_changed(d, IDLE_OPTIONS);
	return true;
}

static bool cmd_repeat(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)argc;
	long on;
	if (!daemon_parse_int(argv[0], 0, 1, &on))
		return reply_fail(r, ACK_ARG, "Boolean (0/1) expected: %s",
				  argv[0]);
	d->repeat = on;
	d->next_stale = true;
	daemon_changed(d, IDLE_OPTIONS);
	return true;
}

static bool seek_to(struct daemon *d, struct reply *r, const char *arg)
{
	double t;
	bool relative = arg[0] == '+' || arg[0] == '-';
	if (!parse_seconds(arg, &t))
		return reply_fail(r, ACK_ARG, "Number expected: %s", arg);
	if (d->state == STATE_STOP)
		return reply_fail(r, ACK_NO_EXIST, "Not playing");
	daemon_seek(d, t, relative);
	return true;
}

static bool cmd_seek(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)argc;
	long pos;
	struct osp_queue *q = &d->queue;
	if (!daemon_parse_int(argv[0], 0, (long)q->n - 1, &pos))
		return reply_fail(r, ACK_ARG, "Bad song index");
	double t;
	if (!parse_seconds(argv[1], &t))
		return reply_fail(r, ACK_ARG, "Number expected: %s", argv[1]);
	long k = osp_queue_order_of(q, (size_t)pos);
	if (k != q->cur || d->state == STATE_STOP)
		daemon_play_order(d, k, t, d->state == STATE_PAUSE);
	else
		daemon_seek(d, t, false);
	return true;
}

static bool cmd_seekcur(struct daemon *d, struct reply *r, int argc,
			char **argv)
{
	(void)argc;
	return seek_to(d, r, argv[0]);
}

static bool cmd_setvol(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)argc;
	long v;
	if (!daemon_parse_int(argv[0], 0, 100, &v))
		return reply_fail(r, ACK_ARG, "Invalid volume value");
	d->volume = (int)v;
	osp_player_set_volume(d->player, d->volume);
	daemon_changed(d, IDLE_MIXER);
	return true;
}

/*
 * Stickers: the one kept is "favorite", on songs, and it is ostplay's own
 * favourite mark, so MPD clients and `ostplay fav` share it.  Setting it to
 * "0", "false" or "" clears it; any other value sets it, and it reads
 * back as "1".
 */
/* single 0|1|oneshot */
static bool cmd_single(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)argc;
	int mode = -1;
	for (int i = 0; i < 3; i++)
		if (strcmp(argv[0], daemon_single_names[i]) == 0)
			mode = i;
	if (mode < 0)
		return reply_fail(r, ACK_ARG, "Boolean (0/1) or \"oneshot\" "
				  "expected: %s", argv[0]);
	d->single = (enum single_mode)mode;
	d->next_stale = true;
	daemon_changed(d, IDLE_OPTIONS);
	return true;
}

static bool cmd_status(struct daemon *d, struct reply *r, int argc,
		       char **argv)
{
	(void)argc, (void)argv;
	struct osp_queue *q = &d->queue;
	static const char *const states[] = {"stop", "play", "pause"};
	osp_buf_printf(r->out, "volume: %d\nrepeat: %d\nrandom: %d\n"
		       "single: %s\nconsume: %d\nplaylist: %u\n"
		       "playlistlength: %zu\nstate: %s\n", d->volume, d->repeat,
		       q->random, daemon_single_names[d->single], d->consume,
		       q->version,
		       q->n, states[d->state]);
	if (d->update_pid > 0)
		osp_buf_printf(r->out, "updating_db: %u\n", d->update_job);
	if (d->crossfade > 0)
		osp_buf_printf(r->out, "xfade: %d\n", d->crossfade);
	osp_buf_printf(r->out, "mixrampdb: %g\n", d->mixrampdb);
	if (d->mixrampdelay >= 0)
		osp_buf_printf(r->out, "mixrampdelay: %g\n", d->mixrampdelay);
	if (d->error)
		osp_proto_pair(r->out, "error", d->error);
	const struct osp_queue_item *it = osp_queue_current(q);
	if (it) {
		osp_buf_printf(r->out, "song: %zu\nsongid: %u\n",
			       q->order[q->cur], it->id);
		long next = daemon_after(d, q->cur);
		if (next >= 0)
			osp_buf_printf(r->out, "nextsong: %zu\nnextsongid: %u\n",
				       q->order[next],
				       q->items[q->order[next]].id);
	}
	if (it && d->state != STATE_STOP) {
		double elapsed = daemon_elapsed(d);
		double duration = d->loading ? -1
					     : osp_player_duration(d->player);
		if (duration < 0)
			duration = it->track.tags.duration_ms / 1000.0;
		osp_buf_printf(r->out, "time: %d:%d\nelapsed: %.3f\n"
			       "duration: %.3f\nbitrate: %d\n",
			       (int)(elapsed + 0.5), (int)(duration + 0.5),
			       elapsed, duration, osp_player_bitrate(d->player));
	}
	daemon_gain_status(d, r->out);
	return true;
}

static bool cmd_stop(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)r, (void)argc, (void)argv;
	daemon_stop(d);
	return true;
}

static bool cmd_urlhandlers(struct daemon *d, struct reply *r, int argc,
			    char **argv)
{
	(void)d, (void)r, (void)argc, (void)argv;
	return true;
}

static bool cmd_volume(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)argc;
	long change;
	if (!daemon_parse_int(argv[0], -100, 100, &change))
		return reply_fail(r, ACK_ARG, "Invalid volume value");
	long v = d->volume + change;
	char value[16];
	snprintf(value, sizeof(value), "%ld", v < 0 ? 0 : v > 100 ? 100 : v);
	char *args[] = {value};
	return cmd_setvol(d, r, 1, args);
}

/* Sorted by name: read like the protocol's own list.  The last field is
 * the permission a client needs, as mpd 0.23 has it; 0: none. */
static const struct command commands[] = {
	{"clear", 0, 0, cmd_clear, OSP_PERMISSION_CONTROL},
	{"clearerror", 0, 0, cmd_clearerror, OSP_PERMISSION_CONTROL},
	{"close", 0, 0, cmd_close, 0},
	{"commands", 0, 0, cmd_commands, 0},
	{"currentsong", 0, 0, cmd_currentsong, OSP_PERMISSION_READ},
	{"decoders", 0, 0, cmd_decoders, OSP_PERMISSION_READ},
	{"idle", 0, -1, cmd_idle, OSP_PERMISSION_READ},
	{"kill", 0, 0, cmd_kill, OSP_PERMISSION_ADMIN},
	{"listplaylist", 1, 1, cmd_listplaylist, OSP_PERMISSION_READ},
	{"listplaylistinfo", 1, 1, cmd_listplaylistinfo, OSP_PERMISSION_READ},
	{"listplaylists", 0, 0, cmd_listplaylists, OSP_PERMISSION_READ},
	{"load", 1, 3, cmd_load, OSP_PERMISSION_ADD},
	{"next", 0, 0, cmd_next, OSP_PERMISSION_CONTROL},
	/* Answered by the loop while idle, and a no-op otherwise: here to
	 * be listed by `commands`. */
	{"noidle", 0, 0, cmd_ping, OSP_PERMISSION_READ},
	{"notcommands", 0, 0, cmd_notcommands, 0},
	{"password", 1, 1, cmd_password, 0},
	{"pause", 0, 1, cmd_pause, OSP_PERMISSION_CONTROL},
	{"ping", 0, 0, cmd_ping, 0},
	{"play", 0, 1, cmd_play, OSP_PERMISSION_CONTROL},
	{"playid", 0, 1, cmd_playid, OSP_PERMISSION_CONTROL},
	{"playlistid", 0, 1, cmd_playlistid, OSP_PERMISSION_READ},
	{"playlistinfo", 0, 1, cmd_playlistinfo, OSP_PERMISSION_READ},
	{"previous", 0, 0, cmd_previous, OSP_PERMISSION_CONTROL},
	{"random", 1, 1, cmd_random, OSP_PERMISSION_CONTROL},
	{"repeat", 1, 1, cmd_repeat, OSP_PERMISSION_CONTROL},
	{"replay_gain_mode", 1, 1, daemon_cmd_replay_gain_mode,
	 OSP_PERMISSION_CONTROL},
	{"replay_gain_status", 0, 0, daemon_cmd_replay_gain_status,
	 OSP_PERMISSION_READ},
	{"rm", 1, 1, cmd_rm, OSP_PERMISSION_CONTROL},
	{"seek", 2, 2, cmd_seek, OSP_PERMISSION_CONTROL},
	{"seekcur", 1, 1, cmd_seekcur, OSP_PERMISSION_CONTROL},
	{"setvol", 1, 1, cmd_setvol, OSP_PERMISSION_CONTROL},
	{"single", 1, 1, cmd_single, OSP_PERMISSION_CONTROL},
	{"status", 0, 0, cmd_status, OSP_PERMISSION_READ},
	{"stop", 0, 0, cmd_stop, OSP_PERMISSION_CONTROL},
	{"urlhandlers", 0, 0, cmd_urlhandlers, OSP_PERMISSION_READ},
	{"volume", 1, 1, cmd_volume, OSP_PERMISSION_CONTROL},
};

/* Every file's table, merged once into one array sorted by name: what
 * clients look up, and what `commands` lists. */
static const struct command *all_commands;
static size_t n_all_commands;

static int compare_commands(const void *a, const void *b)
{
	return strcmp(((const struct command *)a)->name,
		      ((const struct command *)b)->name);
}

static void merge_tables(void)
{
	const struct command *(*const tables[])(size_t *) = {
		daemon_queue_commands, daemon_playlist_commands, db_commands,
		daemon_update_commands, daemon_cover_commands,
		daemon_mode_commands, daemon_sticker_commands,
	};
	size_t n = sizeof(commands) / sizeof(commands[0]);
	struct command *all = xcalloc(n, sizeof(*all));
	memcpy(all, commands, sizeof(commands));
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		size_t k;
		const struct command *t = tables[i](&k);
		all = xrealloc(all, (n + k) * sizeof(*all));
		memcpy(all + n, t, k * sizeof(*t));
		n += k;
	}
	qsort(all, n, sizeof(*all), compare_commands);
	all_commands = all;
	n_all_commands = n;
}

static int compare_command(const void *key, const void *c)
{
	return strcmp(key, ((const struct command *)c)->name);
}

const struct command *daemon_command(const char *name)
{
	size_t n;
	const struct command *all = daemon_commands(&n);
	return bsearch(name, all, n, sizeof(*all), compare_command);
}

const struct command *daemon_commands(size_t *n)
{
	if (!all_commands)
		merge_tables();
	*n = n_all_commands;
	return all_commands;
}
