/*
 * queue — the play queue: tracks in the order the user sees them (MPD's
 * positions) and the order they play in, which random shuffles.
 *
 * A plain data structure: no I/O, no player.  Every change bumps
 * `version` (MPD's playlist version).
 */
#ifndef OSTPLAY_QUEUE_H
#define OSTPLAY_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ostplay/library.h"

struct osp_queue_item {
	uint32_t id;		/* MPD song id: unique while the daemon runs */
	uint32_t version;	/* the queue's version when it was added or
				 * last changed position (MPD's plchanges) */
	uint8_t priority;	/* MPD's prio: with random on, higher plays
				 * sooner */
	/* MPD's rangeid: only this part of the file plays, from start_ms
	 * to end_ms; end_ms 0 is to its end, else end_ms > start_ms. */
	uint32_t start_ms, end_ms;
	struct osp_track track;	/* owned copy; track.path is the file */
};

struct osp_queue {
	struct osp_queue_item *items;	/* n items, by position */
	size_t n, cap;
	size_t *order;		/* n positions: order[k] plays k-th */
	long cur;		/* index into order of the current track, or -1 */
	bool random;
	uint32_t next_id;
	uint32_t version;
	uint64_t rng;		/* xorshift state for shuffling */
};

/* A zeroed queue is empty; seed its shuffles with `seed` (not 0). */
void osp_queue_init(struct osp_queue *q, uint64_t seed);
void osp_queue_free(struct osp_queue *q);

/* Appends a copy of `t`; returns its id.  With random on it is placed at
 * a random point after the current track. */
uint32_t osp_queue_add(struct osp_queue *q, const struct osp_track *t);
void osp_queue_clear(struct osp_queue *q);
/* Inserts a copy of `t` at position `pos` (at most n); returns its id.
 * Play order: at that place without random, else as osp_queue_add. */
uint32_t osp_queue_insert(struct osp_queue *q, const struct osp_track *t,
			  size_t pos);
/* Removes the track at `pos` (must be < n). */
void osp_queue_delete(struct osp_queue *q, size_t pos);
/* Moves the tracks at [start, end) so that the first lands at `to`
 * (to + end - start <= n), MPD's `move`. */
void osp_queue_move(struct osp_queue *q, size_t start, size_t end,
		    size_t to);
/* Swaps the tracks at positions `a` and `b`. */
void osp_queue_swap(struct osp_queue *q, size_t a, size_t b);
/* Shuffles the positions [start, end); the current track, when inside,
 * goes first in the range, as MPD does. */
void osp_queue_shuffle(struct osp_queue *q, size_t start, size_t end);
/* Sets the priority of the tracks at [start, end); with random on, the
 * tracks still to play are then ordered by priority, highest first,
 * keeping their order otherwise. */
void osp_queue_set_priorities(struct osp_queue *q, size_t start, size_t end,
			      uint8_t priority);
/* Plays only [start_ms, end_ms) of the track at `pos` (0, 0: all of
 * it); a change of the track, as plchanges sees it. */
void osp_queue_set_range(struct osp_queue *q, size_t pos, uint32_t start_ms,
			 uint32_t end_ms);
/* Turns random on (a new shuffle, the current track first) or off (play
 * order is position order again), keeping the current track. */
void osp_queue_set_random(struct osp_queue *q, bool on);

/* The position of the track with `id`, or -1. */
long osp_queue_find_id(const struct osp_queue *q, uint32_t id);
/* The index into `order` of the track at `pos`. */
long osp_queue_order_of(const struct osp_queue *q, size_t pos);
/* The current item, or NULL. */
const struct osp_queue_item *osp_queue_current(const struct osp_queue *q);
/* The index into `order` after `k`, wrapping when `wrap`; -1 at the end. */
long osp_queue_after(const struct osp_queue *q, long k, bool wrap);

/* Copies `src` into `dst` (caller frees with osp_track_clear). */
void osp_track_copy(struct osp_track *dst, const struct osp_track *src);

#endif
