/* Playback: what mpv plays, kept in step with the queue, and mpv's events. */
#include <stdlib.h>
#include <string.h>

#include "daemon-private.h"
#include "ostplay/xalloc.h"

void daemon_changed(struct daemon *d, unsigned events)
{
	d->changed |= events;
	if (events & (IDLE_PLAYLIST | IDLE_PLAYER | IDLE_MIXER | IDLE_OPTIONS))
		d->state_dirty = true;
	if (events & (IDLE_PLAYLIST | IDLE_OPTIONS))	/* random: the order */
		d->queue_dirty = true;
}

const char *const daemon_single_names[3] = {"0", "1", "oneshot"};

long daemon_after(const struct daemon *d, long k)
{
	if (d->single != SINGLE_OFF)
		return d->repeat && k >= 0 ? k : -1;
	return osp_queue_after(&d->queue, k, d->repeat);
}

/* A song ended and its follower started, or playing stopped after it:
 * single mode's one shot is spent. */
static void song_ended(struct daemon *d)
{
	if (d->single == SINGLE_ONESHOT) {
		d->single = SINGLE_OFF;
		daemon_changed(d, IDLE_OPTIONS);
	}
}

static long id_at_order(const struct osp_queue *q, long k)
{
	return k >= 0 ? (long)q->items[q->order[k]].id : -1;
}

void daemon_consume(struct daemon *d, long id)
{
	long pos = d->consume && id >= 0 ? osp_queue_find_id(&d->queue,
							     (uint32_t)id)
					 : -1;
	if (pos < 0)
		return;
	osp_queue_delete(&d->queue, (size_t)pos);
	daemon_changed(d, IDLE_PLAYLIST);
}

/* How the queue item `it` plays: its range (rangeid) and its gain. */
static struct osp_player_part part_of(struct daemon *d,
				      const struct osp_queue_item *it)
{
	enum osp_gain_source source;
	return (struct osp_player_part){
		.start = it->start_ms / 1000.0, .end = it->end_ms / 1000.0,
		.gain = daemon_gain(d, &it->track, &source)};
}

void daemon_refresh_next(struct daemon *d)
{
	struct osp_queue *q = &d->queue;
	long want[LOAD_AHEAD];	/* order indexes */
	size_t n_want = 0;
	d->next_stale = false;
	for (long k = q->cur; d->state != STATE_STOP && n_want < LOAD_AHEAD;) {
		if ((k = daemon_after(d, k)) < 0)
			break;
		want[n_want++] = k;
	}
	/* Song ids never come back, so equal ids are the same files. */
	size_t same = 0;
	while (same < d->n_loaded && same < n_want &&
	       d->loaded[same] == id_at_order(q, want[same]))
		same++;
	if (same == d->n_loaded && same == n_want)
		return;
	/* The new files go in before the old ones go out.  The other way
	 * round, mpv may end the playing file in between with nothing
	 * after it: it then goes idle and closes its audio output, and
	 * opens it again for the next file (a gap; ao=pcm starts its file
	 * anew). */
	size_t appended = 0;
	for (size_t i = same; i < n_want; i++) {
		struct osp_error err = {0};
		long id = id_at_order(q, want[i]);
		const struct osp_queue_item *it = &q->items[q->order[want[i]]];
		struct osp_player_part part = part_of(d, it);
		if (!osp_player_append(d->player, it->track.path, id, &part,
				       &err)) {
			daemon_log("cannot queue %s", err.msg);
			break;
		}
		d->loaded[same + appended++] = id;
	}
	osp_player_keep_upcoming(d->player, same, appended);
	d->n_loaded = same + appended;
}

void daemon_play_order(struct daemon *d, long k, double start, bool paused)
{
	struct osp_queue *q = &d->queue;
	if (k < 0 || (size_t)k >= q->n) {
		daemon_stop(d);
		return;
	}
	q->cur = k;
	struct osp_error err = {0};
	const struct osp_queue_item *it = &q->items[q->order[k]];
	struct osp_player_part part = part_of(d, it);
	if (start > 0)	/* a seek, or the place saved: else its range's */
		part.start = start;
	d->n_loaded = 0;
	d->start_at = part.start;
	d->loading = true;
	if (!osp_player_open(d->player, it->track.path, id_at_order(q, k),
			     &part, paused, &err))
		daemon_log("cannot play %s", err.msg);
	d->state = paused ? STATE_PAUSE : STATE_PLAY;
	daemon_refresh_next(d);
	daemon_changed(d, IDLE_PLAYER);
}

void daemon_stop(struct daemon *d)
{
	osp_player_stop(d->player);
	d->state = STATE_STOP;
	d->n_loaded = 0;
	d->loading = false;
	daemon_changed(d, IDLE_PLAYER);
}

double daemon_elapsed(struct daemon *d)
{
	double elapsed = d->loading ? -1 : osp_player_elapsed(d->player);
	return elapsed >= 0 ? elapsed : d->start_at;
}

void daemon_seek(struct daemon *d, double seconds, bool relative)
{
	struct osp_queue *q = &d->queue;
	d->seeked = true;
	if (!d->loading && osp_player_seek(d->player, seconds, relative)) {
		daemon_changed(d, IDLE_PLAYER);
		return;
	}
	/* mpv cannot seek in a file it has not opened yet: open it again
	 * at the place asked for. */
	double target = relative ? daemon_elapsed(d) + seconds : seconds;
	daemon_play_order(d, q->cur, target > 0 ? target : 0,
			  d->state == STATE_PAUSE);
}

/* mpv went on to the entry at `index` of its playlist by itself. */
static void on_started(struct daemon *d, const struct osp_player_event *e)
{
	struct osp_queue *q = &d->queue;
	if (e->index <= 0)
		return;		/* the file daemon_play_order opened */
	/* The loaded files up to this one are no longer ahead. */
	size_t k = 0;
	while (k < d->n_loaded && d->loaded[k] != e->tag)
		k++;
	k = k < d->n_loaded ? k + 1 : d->n_loaded;
	memmove(d->loaded, d->loaded + k, (d->n_loaded - k) * sizeof(long));
	d->n_loaded -= k;
	d->start_at = 0;
	d->loading = true;
	long played = id_at_order(q, q->cur);
	long pos = e->tag >= 0 ? osp_queue_find_id(q, (uint32_t)e->tag) : -1;
	if (pos >= 0) {
		q->cur = osp_queue_order_of(q, (size_t)pos);
		d->start_at = q->items[pos].start_ms / 1000.0;
	}
	song_ended(d);
	if (played != e->tag)	/* repeat one plays the same song on */
		daemon_consume(d, played);
	/* The next file first: mpv must have it before this one ends, and a
	 * short file decoded faster than real time ends very soon. */
	daemon_refresh_next(d);
	osp_player_drop_before(d->player, e->index);
	daemon_changed(d, IDLE_PLAYER);
}

/* mpv has nothing left to play.  Mostly the queue has ended; but mpv may
 * also have run out before the daemon gave it the next file (a failed or
 * very short one ends in no time), and then the queue goes on. */
static void on_idle(struct daemon *d)
{
	struct osp_queue *q = &d->queue;
	if (d->state == STATE_STOP || !osp_player_idle(d->player))
		return;		/* an event older than the last command */
	long next = -1;
	long played = -1;
	if (d->ended >= 0 && d->ended == id_at_order(q, q->cur)) {
		next = daemon_after(d, q->cur);
		song_ended(d);
		played = d->ended;
	}
	d->ended = -1;
	long next_id = id_at_order(q, next);
	if (next >= 0)
		daemon_play_order(d, next, 0, d->state == STATE_PAUSE);
	else
		daemon_stop(d);
	if (played != next_id)
		daemon_consume(d, played);
}

void daemon_set_error(struct daemon *d, char *error)
{
	if (!error && !d->error)
		return;
	if (error)
		daemon_log("%s", error);
	free(d->error);
	d->error = error;
	daemon_changed(d, IDLE_PLAYER);
}

void daemon_player_event(struct daemon *d, const struct osp_player_event *e)
{
	struct osp_queue *q = &d->queue;
	switch (e->kind) {
	case OSP_PLAYER_STARTED:
		on_started(d, e);
		break;
	case OSP_PLAYER_LOADED:
		if (e->tag == id_at_order(q, q->cur)) {
			d->loading = false;
			d->failures = 0;
			daemon_set_error(d, NULL);
		}
		break;
	case OSP_PLAYER_FAILED:
		if (e->output_failed) {
			daemon_set_error(d, xasprintf("cannot open the audio output "
					       "(%s); see mpv.ao in %s",
					       e->message,
					       d->paths->config_file));
			daemon_stop(d);
			break;
		}
		daemon_log("skipped %s: %s", e->path ? e->path : "a file",
			   e->message);
		d->ended = e->tag;
		/* With repeat on, a queue of broken files would go round for
		 * ever. */
		if (++d->failures >= q->n && d->state != STATE_STOP) {
			daemon_set_error(d, xstrdup("no file in the queue can "
						    "be played"));
			daemon_stop(d);
		}
		break;
	case OSP_PLAYER_FINISHED:
		d->ended = e->tag;
		break;
	case OSP_PLAYER_IDLE:
		on_idle(d);
		break;
	case OSP_PLAYER_CHANGED:
		break;
	}
}
