/* MPD's commands that edit the queue by position, range or id: add and
 * addid at a position, delete of a range, move, swap, shuffle, prio,
 * rangeid, and the changes since a version (plchanges, plchangesposid). */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "daemon-private.h"
#include "database/commands.h"

/* The current track's position, or -1. */
static long current_position(const struct daemon *d)
{
	const struct osp_queue *q = &d->queue;
	return q->cur >= 0 && (size_t)q->cur < q->n ? (long)q->order[q->cur]
						    : -1;
}

/* MPD's position argument: N, or +N / -N relative to the current track
 * (+0 is just after it); at most `limit`. */
static bool parse_position(const struct daemon *d, struct reply *r,
			   const char *s, long limit, long *pos)
{
	long cur = current_position(d), n;
	if (*s == '+' || *s == '-') {
		if (!daemon_parse_int(s + 1, 0, LONG_MAX / 2, &n))
			return reply_fail(r, ACK_ARG, "Integer expected: %s", s);
		if (cur < 0)
			return reply_fail(r, ACK_PLAYER_SYNC, "No current song");
		*pos = *s == '+' ? cur + 1 + n : cur - n;
	} else if (!daemon_parse_int(s, 0, LONG_MAX, pos)) {
		return reply_fail(r, ACK_ARG, "Integer expected: %s", s);
	}
	if (*pos > limit)	/* mpd's words */
		return reply_fail(r, ACK_ARG, "Number too large: %s", s);
	if (*pos < 0)
		return reply_fail(r, ACK_ARG, "Bad song index");
	return true;
}

static void queue_changed(struct daemon *d)
{
	d->next_stale = true;
	daemon_changed(d, IDLE_PLAYLIST);
}

/* add URI [POS], addid URI [POS]: the id of the last track added. */
static bool add_at(struct daemon *d, struct reply *r, int argc, char **argv,
		   uint32_t *id)
{
	struct osp_queue *q = &d->queue;
	long pos = (long)q->n;
	if (argc > 1 && !parse_position(d, r, argv[1], (long)q->n, &pos))
		return false;
	struct osp_track t;
	if (!daemon_track_for_uri(d, r, argv[0], &t))
		return false;
	*id = (size_t)pos == q->n ? osp_queue_add(q, &t)
				  : osp_queue_insert(q, &t, (size_t)pos);
	osp_track_clear(&t);
	queue_changed(d);
	return true;
}

static bool cmd_add(struct daemon *d, struct reply *r, int argc, char **argv)
{
	uint32_t id;
	/* MPD adds a whole folder too (at the end: a position is for
	 * songs). */
	if (argc == 1 && db_add_folder(d, r, argv[0]))
		return !r->ack;
	return add_at(d, r, argc, argv, &id);
}

static bool cmd_addid(struct daemon *d, struct reply *r, int argc, char **argv)
{
	uint32_t id;
	if (!add_at(d, r, argc, argv, &id))
		return false;
	osp_buf_printf(r->out, "Id: %u\n", id);
	return true;
}

/* Removes the track at `pos`; the current one stops playing first, and
 * what followed it plays on, as MPD does. */
static void delete_at(struct daemon *d, size_t pos)
{
	struct osp_queue *q = &d->queue;
	bool current = q->cur >= 0 && q->order[q->cur] == pos;
	if (current && d->state != STATE_STOP) {
		long k = q->cur;
		bool paused = d->state == STATE_PAUSE;
		osp_queue_delete(q, pos);
		if ((size_t)k < q->n)
			daemon_play_order(d, k, 0, paused);
		else
			daemon_stop(d);
	} else {
		osp_queue_delete(q, pos);
	}
}

/* delete POS | START:END */
static bool cmd_delete(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)argc;
	size_t start, end;
	if (!daemon_parse_range(r, argv[0], d->queue.n, &start, &end))
		return false;
	if (start == end)
		return reply_fail(r, ACK_ARG, "Bad song index");
	for (size_t pos = end; pos > start; pos--)
		delete_at(d, pos - 1);
	queue_changed(d);
	return true;
}

/* The position of the song with the id in `s`; -1 after the ACK. */
static long position_of_id(struct daemon *d, struct reply *r, const char *s)
{
	long id, pos = -1;
	if (!daemon_parse_int(s, 0, UINT32_MAX, &id))
		reply_fail(r, ACK_ARG, "Integer expected: %s", s);
	else if ((pos = osp_queue_find_id(&d->queue, (uint32_t)id)) < 0)
		reply_fail(r, ACK_NO_EXIST, "No such song");
	return pos;
}

static bool cmd_deleteid(struct daemon *d, struct reply *r, int argc,
			 char **argv)
{
	(void)argc;
	long pos = position_of_id(d, r, argv[0]);
	if (pos < 0)
		return false;
	delete_at(d, (size_t)pos);
	queue_changed(d);
	return true;
}

/* Moves [start, end) to `to_arg` (a position, or relative to the current
 * track, where the first moved track lands). */
static bool move_range(struct daemon *d, struct reply *r, size_t start,
		       size_t end, const char *to_arg)
{
	long to;
	if (!parse_position(d, r, to_arg, (long)(d->queue.n - (end - start)),
			    &to))
		return false;
	osp_queue_move(&d->queue, start, end, (size_t)to);
	queue_changed(d);
	return true;
}

/* move FROM[:TO] TO */
static bool cmd_move(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)argc;
	size_t start, end;
	if (!daemon_parse_range(r, argv[0], d->queue.n, &start, &end))
		return false;
	if (start == end)
		return reply_fail(r, ACK_ARG, "Bad song index");
	return move_range(d, r, start, end, argv[1]);
}

static bool cmd_moveid(struct daemon *d, struct reply *r, int argc,
		       char **argv)
{
	(void)argc;
	long pos = position_of_id(d, r, argv[0]);
	return pos >= 0 && move_range(d, r, (size_t)pos, (size_t)pos + 1,
				      argv[1]);
}

static bool swap_positions(struct daemon *d, long a, long b)
{
	osp_queue_swap(&d->queue, (size_t)a, (size_t)b);
	queue_changed(d);
	return true;
}

static bool cmd_swap(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)argc;
	long a, b, last = (long)d->queue.n - 1;
	if (!daemon_parse_int(argv[0], 0, last, &a) ||
	    !daemon_parse_int(argv[1], 0, last, &b))
		return reply_fail(r, ACK_ARG, "Bad song index");
	return swap_positions(d, a, b);
}

static bool cmd_swapid(struct daemon *d, struct reply *r, int argc,
		       char **argv)
{
	(void)argc;
	long a = position_of_id(d, r, argv[0]);
	long b = a >= 0 ? position_of_id(d, r, argv[1]) : -1;
	return b >= 0 && swap_positions(d, a, b);
}

/* shuffle [START:END] */
static bool cmd_shuffle(struct daemon *d, struct reply *r, int argc,
			char **argv)
{
	size_t start = 0, end = d->queue.n;
	if (argc && !daemon_parse_range(r, argv[0], d->queue.n, &start, &end))
		return false;
	if (end - start > 1) {
		osp_queue_shuffle(&d->queue, start, end);
		queue_changed(d);
	}
	return true;
}

static bool parse_priority(struct reply *r, const char *s, long *prio)
{
	if (!daemon_parse_int(s, 0, LONG_MAX, prio))
		return reply_fail(r, ACK_ARG, "Integer expected: %s", s);
	if (*prio > 255)	/* mpd's words */
		return reply_fail(r, ACK_ARG, "Number too large: %s", s);
	return true;
}

/* prio PRIORITY START:END... */
static bool cmd_prio(struct daemon *d, struct reply *r, int argc, char **argv)
{
	long prio;
	if (!parse_priority(r, argv[0], &prio))
		return false;
	for (int i = 1; i < argc; i++) {
		size_t start, end;
		if (!daemon_parse_range(r, argv[i], d->queue.n, &start, &end))
			return false;
		osp_queue_set_priorities(&d->queue, start, end,
					 (uint8_t)prio);
	}
	queue_changed(d);
	return true;
}

/* prioid PRIORITY ID... */
static bool cmd_prioid(struct daemon *d, struct reply *r, int argc,
		       char **argv)
{
	long prio;
	if (!parse_priority(r, argv[0], &prio))
		return false;
	for (int i = 1; i < argc; i++) {
		long pos = position_of_id(d, r, argv[i]);
		if (pos < 0)
			return false;
		osp_queue_set_priorities(&d->queue, (size_t)pos,
					 (size_t)pos + 1, (uint8_t)prio);
	}
	queue_changed(d);
	return true;
}

/* One side of MPD's time range: seconds as strtof reads them, or nothing
 * (0); in milliseconds, as mpd rounds them (down, from a float).  False
 * for a negative or unrepresentable time. */
static bool parse_range_time(const char *s, char **end, uint32_t *ms)
{
	float seconds = strtof(s, end);
	if (*end == s) {
		*ms = 0;
		return true;
	}
	float scaled = seconds * 1000;
	if (!(scaled >= 0 && scaled < 4294967296.0f))	/* NaN too */
		return false;
	*ms = (uint32_t)scaled;
	return true;
}

/* MPD's START:END in seconds, either side empty (from the start, to the
 * end); END after START. */
static bool parse_time_range(const char *s, uint32_t *start, uint32_t *end)
{
	char *rest;
	if (!parse_range_time(s, &rest, start) || *rest != ':')
		return false;
	s = rest + 1;
	if (!parse_range_time(s, &rest, end) || *rest)
		return false;
	return !*end || *end > *start;
}

/* rangeid ID START:END: only that part of the song plays; ":" is all of
 * it.  mpd's checks in its order: the id, the range, the song, not the
 * one playing, a start within the song; an end past it is no end. */
static bool cmd_rangeid(struct daemon *d, struct reply *r, int argc,
			char **argv)
{
	(void)argc;
	struct osp_queue *q = &d->queue;
	long id, pos;
	uint32_t start, end;
	if (!daemon_parse_int(argv[0], 0, UINT32_MAX, &id))
		return reply_fail(r, ACK_ARG, "Integer expected: %s", argv[0]);
	if (!parse_time_range(argv[1], &start, &end))
		return reply_fail(r, ACK_ARG, "Bad range");
	if ((pos = osp_queue_find_id(q, (uint32_t)id)) < 0)
		return reply_fail(r, ACK_NO_EXIST, "No such song");
	if (d->state != STATE_STOP && pos == current_position(d))
		return reply_fail(r, ACK_PERMISSION,
				  "Cannot edit the current song");
	int duration = q->items[pos].track.tags.duration_ms;
	if (duration > 0 && start > (uint32_t)duration)
		return reply_fail(r, ACK_ARG, "Invalid start offset");
	if (duration > 0 && end >= (uint32_t)duration)
		end = 0;
	osp_queue_set_range(q, (size_t)pos, start, end);
	/* mpv may hold it already, with its old range: load it again. */
	for (size_t i = 0; i < d->n_loaded; i++)
		if (d->loaded[i] == id)
			d->loaded[i] = -1;
	queue_changed(d);
	return true;
}

/* The tracks changed since `argv[0]`, a version, within an optional
 * range: whole songs, or (`positions`) only their positions and ids. */
static bool changes(struct daemon *d, struct reply *r, int argc, char **argv,
		    bool positions)
{
	struct osp_queue *q = &d->queue;
	long version;
	size_t start = 0, end = q->n;
	if (!daemon_parse_int(argv[0], 0, UINT32_MAX, &version))
		return reply_fail(r, ACK_ARG, "Integer expected: %s", argv[0]);
	if (argc > 1 && !daemon_parse_range(r, argv[1], q->n, &start, &end))
		return false;
	/* A version from before a restart, or from the future, is no
	 * version we know: everything has changed since. */
	bool all = (uint32_t)version > q->version;
	for (size_t i = start; i < end; i++) {
		if (!all && q->items[i].version <= (uint32_t)version)
			continue;
		if (positions)
			osp_buf_printf(r->out, "cpos: %zu\nId: %u\n", i,
				       q->items[i].id);
		else
			daemon_song_info(d, r->out, &q->items[i], (long)i);
	}
	return true;
}

static bool cmd_plchanges(struct daemon *d, struct reply *r, int argc,
			  char **argv)
{
	return changes(d, r, argc, argv, false);
}

static bool cmd_plchangesposid(struct daemon *d, struct reply *r, int argc,
			       char **argv)
{
	return changes(d, r, argc, argv, true);
}

/* Sorted by name; the last field is the permission, as mpd 0.23 has it. */
static const struct command queue_commands[] = {
	{"add", 1, 2, cmd_add, OSP_PERMISSION_ADD},
	{"addid", 1, 2, cmd_addid, OSP_PERMISSION_ADD},
	{"delete", 1, 1, cmd_delete, OSP_PERMISSION_CONTROL},
	{"deleteid", 1, 1, cmd_deleteid, OSP_PERMISSION_CONTROL},
	{"move", 2, 2, cmd_move, OSP_PERMISSION_CONTROL},
	{"moveid", 2, 2, cmd_moveid, OSP_PERMISSION_CONTROL},
	{"plchanges", 1, 2, cmd_plchanges, OSP_PERMISSION_READ},
	{"plchangesposid", 1, 2, cmd_plchangesposid, OSP_PERMISSION_READ},
	{"prio", 2, -1, cmd_prio, OSP_PERMISSION_CONTROL},
	{"prioid", 2, -1, cmd_prioid, OSP_PERMISSION_CONTROL},
	{"rangeid", 2, 2, cmd_rangeid, OSP_PERMISSION_ADD},
	{"shuffle", 0, 1, cmd_shuffle, OSP_PERMISSION_CONTROL},
	{"swap", 2, 2, cmd_swap, OSP_PERMISSION_CONTROL},
	{"swapid", 2, 2, cmd_swapid, OSP_PERMISSION_CONTROL},
};

const struct command *daemon_queue_commands(size_t *n)
{
	*n = sizeof(queue_commands) / sizeof(queue_commands[0]);
	return queue_commands;
}
