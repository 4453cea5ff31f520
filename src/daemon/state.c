/* The queue and the player's state, kept across restarts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon-private.h"
#include "ostplay/file.h"
#include "ostplay/xalloc.h"

/* State files, one "key value" per line, in the state folder: `queue`
 * (`item PATH ORDER [START END]`: the path hex-encoded, so that any bytes
 * survive; its place in the play order; the part that plays, in ms,
 * when only a part does) and `state`, the rest,
 * which names the generation of the queue it goes with.  The queue is
 * written first; a crash between the two leaves a state that names an
 * older queue, whose position is then not trusted. */
static bool write_state_file(struct daemon *d, const char *name,
			     const struct osp_buf *b)
{
	struct osp_error err = {0};
	char *path = xasprintf("%s/%s", d->paths->state_dir, name);
	bool ok = osp_paths_mkdir(d->paths->state_dir, 0700, &err) &&
		  osp_file_replace(path, b->data, b->len, 0600, &err);
	if (!ok)
		daemon_log("cannot save the %s: %s", name, err.msg);
	free(path);
	return ok;
}

static void save_queue(struct daemon *d)
{
	struct osp_buf b = {0};
	struct osp_queue *q = &d->queue;
	osp_buf_printf(&b, "ostplay-queue 1\ngeneration %lu\n",
		       d->queue_generation + 1);
	for (size_t i = 0; i < q->n; i++) {
		osp_buf_puts(&b, "item ");
		const struct osp_track *t = &q->items[i].track;
		osp_buf_hex(&b, t->path, t->path_len);
		osp_buf_printf(&b, " %zu", q->order ? q->order[i] : i);
		if (q->items[i].start_ms || q->items[i].end_ms)
			osp_buf_printf(&b, " %u %u", q->items[i].start_ms,
				       q->items[i].end_ms);
		osp_buf_putc(&b, '\n');
	}
	if (write_state_file(d, "queue", &b)) {
		d->queue_generation++;
		d->queue_dirty = false;
	}
	osp_buf_free(&b);
}

void daemon_save_state(struct daemon *d)
{
	d->state_dirty = false;
	if (d->queue_dirty)
		save_queue(d);
	/* The state names the queue it goes with: while the queue cannot be
	 * saved (a full disk), the pair on disk is left as it was, and the
	 * next save tries again. */
	if (d->queue_dirty)
		return;
	struct osp_buf b = {0};
	struct osp_queue *q = &d->queue;
	double elapsed = d->state == STATE_STOP ? 0 : daemon_elapsed(d);
	osp_buf_printf(&b, "ostplay-state 2\nvolume %d\nrandom %d\nrepeat %d\n"
		       "single %s\nconsume %d\ncrossfade %d\nmixrampdb %g\n"
		       "mixrampdelay %g\noutput %d\n"
		       "state %s\ncurrent %ld\nelapsed %.3f\nqueue %lu\n",
		       d->volume, q->random, d->repeat,
		       daemon_single_names[d->single], d->consume,
		       d->crossfade, d->mixrampdb, d->mixrampdelay,
		       !d->output_off,
		       d->state == STATE_STOP ? "stop" : "pause", q->cur,
		       elapsed > 0 ? elapsed : 0, d->queue_generation);
	/* With the config's mode it was chosen under: once the config says
	 * another, the config wins. */
	osp_buf_printf(&b, "loudness %s %s\n", osp_loudness_name(d->loudness),
		       osp_loudness_name(d->config->loudness));
	write_state_file(d, "state", &b);
	osp_buf_free(&b);
}

static int hex_digit(char c)
{
	return c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0';
}

/* What the state files say besides the queue's items. */
struct saved {
	long current;
	double elapsed;
	bool paused;
	unsigned long queue;		/* state: the queue generation */
	unsigned long generation;	/* queue: its own */
	size_t *order;
	size_t n_order, cap_order;
	size_t dropped;			/* entries no longer playable */
};

/* The part of the song an item line's START END names (rangeid), kept
 * only when it is one rangeid would set. */
static void restore_range(struct osp_queue_item *it, const char *fields)
{
	char *rest;
	unsigned long start = strtoul(fields, &rest, 10);
	unsigned long end = strtoul(rest, &rest, 10);
	int duration = it->track.tags.duration_ms;
	if (start > UINT32_MAX || end > UINT32_MAX || (end && end <= start) ||
	    (duration > 0 && start > (unsigned long)duration))
		return;
	it->start_ms = (uint32_t)start;
	it->end_ms = duration > 0 && end >= (unsigned long)duration
			     ? 0 : (uint32_t)end;
}

/* Appends the file an `item` line names to the queue. */
static void restore_item(struct daemon *d, char *value, struct saved *s)
{
	struct osp_queue *q = &d->queue;
	char *sp = strchr(value, ' ');
	size_t hex = sp ? (size_t)(sp - value) : strlen(value);
	char *file = xcalloc(hex / 2 + 1, 1);
	for (size_t i = 0; i + 1 < hex; i += 2)
		file[i / 2] = (char)(hex_digit(value[i]) << 4 |
				     hex_digit(value[i + 1]));
	/* The file is checked again as the owner's `add` would: the state
	 * folder is the user's, but what it names may have changed since. */
	struct osp_track t;
	struct reply r = {.local = true};
	if (!daemon_track_for_uri(d, &r, file, &t)) {
		daemon_log("dropped from the queue: %s", r.message);
		s->dropped++;
		free(file);
		return;
	}
	bool random = q->random;
	q->random = false;	/* keep the saved order */
	osp_queue_add(q, &t);
	q->random = random;
	osp_track_clear(&t);
	char *range = NULL;
	s->order = xgrow(s->order, &s->cap_order, s->n_order + 1,
			 sizeof(*s->order));
	s->order[s->n_order] = sp ? (size_t)strtoul(sp + 1, &range, 10)
				  : s->n_order;
	if (range && *range == ' ')
		restore_range(&q->items[q->n - 1], range);
	s->n_order++;
	free(file);
}

/* "MODE CONFIG-MODE": the mode, unless the config changed since. */
static void restore_loudness(struct daemon *d, char *value)
{
	char *sp = strchr(value, ' ');
	enum osp_loudness mode, config_mode;
	if (!sp)
		return;
	*sp = '\0';
	if (osp_loudness_parse(value, &mode) &&
	    osp_loudness_parse(sp + 1, &config_mode) &&
	    config_mode == d->config->loudness)
		d->loudness = mode;
}

static void read_state_file(struct daemon *d, const char *name,
			    struct saved *s)
{
	char *path = xasprintf("%s/%s", d->paths->state_dir, name);
	FILE *f = fopen(path, "r");
	free(path);
	if (!f)
		return;
	struct osp_queue *q = &d->queue;
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		char *value = strchr(line, ' ');
		if (!value)
			continue;
		*value++ = '\0';
		if (strcmp(line, "volume") == 0)
			d->volume = atoi(value);
		else if (strcmp(line, "random") == 0)
			q->random = atoi(value) != 0;
		else if (strcmp(line, "repeat") == 0)
			d->repeat = atoi(value) != 0;
		else if (strcmp(line, "single") == 0)
			d->single = strcmp(value, "oneshot") == 0 ? SINGLE_ONESHOT
				    : atoi(value) ? SINGLE_ON : SINGLE_OFF;
		else if (strcmp(line, "consume") == 0)
			d->consume = atoi(value) != 0;
		else if (strcmp(line, "crossfade") == 0)
			d->crossfade = atoi(value) > 0 ? atoi(value) : 0;
		else if (strcmp(line, "mixrampdb") == 0)
			d->mixrampdb = atof(value);
		else if (strcmp(line, "mixrampdelay") == 0)
			d->mixrampdelay = atof(value) >= 0 ? atof(value) : -1;
		else if (strcmp(line, "output") == 0)
			d->output_off = atoi(value) == 0;
		else if (strcmp(line, "state") == 0)
			s->paused = strcmp(value, "pause") == 0;
		else if (strcmp(line, "current") == 0)
			s->current = atol(value);
		else if (strcmp(line, "elapsed") == 0)
			s->elapsed = atof(value);
		else if (strcmp(line, "queue") == 0)
			s->queue = strtoul(value, NULL, 10);
		else if (strcmp(line, "generation") == 0)
			s->generation = strtoul(value, NULL, 10);
		else if (strcmp(line, "item") == 0)
			restore_item(d, value, s);
		else if (strcmp(line, "loudness") == 0)
			restore_loudness(d, value);
	}
	free(line);
	fclose(f);
}

void daemon_load_state(struct daemon *d)
{
	struct osp_queue *q = &d->queue;
	struct saved s = {.current = -1};
	d->loudness = d->config->loudness;
	read_state_file(d, "state", &s);
	/* Before the queue had a file of its own, it was in `state`. */
	bool one_file = s.n_order > 0;
	if (!one_file)
		read_state_file(d, "queue", &s);
	d->queue_generation = s.generation;
	/* With entries dropped, the saved order and position no longer
	 * match the queue: it starts from the top, in its own order. */
	long current = (one_file || s.queue == s.generation) && !s.dropped
			       ? s.current : -1;
	bool order_ok = s.n_order == q->n && !s.dropped;
	for (size_t i = 0; order_ok && i < s.n_order; i++)
		order_ok = s.order[i] < q->n;
	if (order_ok && s.n_order)	/* an empty queue has no order array */
		memcpy(q->order, s.order, s.n_order * sizeof(*s.order));
	free(s.order);
	if (d->volume < 0 || d->volume > 100)
		d->volume = 100;
	osp_player_set_volume(d->player, d->volume);
	osp_player_set_mute(d->player, d->output_off);
	daemon_log("restored a queue of %zu tracks", q->n);
	if (s.dropped)
		daemon_log("%zu queue entries are no longer playable and were "
			   "dropped", s.dropped);
	if (s.paused && current >= 0 && (size_t)current < q->n)
		daemon_play_order(d, current, s.elapsed, true);
	else if (current >= 0 && (size_t)current < q->n)
		q->cur = current;
	/* A queue read from the old single file moves to its own now. */
	d->queue_dirty = d->state_dirty = one_file || s.dropped;
}
