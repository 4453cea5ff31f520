#include "ostplay/queue.h"

#include <stdlib.h>
#include <string.h>

#include "ostplay/xalloc.h"

void osp_queue_init(struct osp_queue *q, uint64_t seed)
{
	*q = (struct osp_queue){.cur = -1, .next_id = 1,
				.rng = seed ? seed : 0x9E3779B97F4A7C15u};
}

void osp_queue_free(struct osp_queue *q)
{
	osp_queue_clear(q);
	free(q->items);
	free(q->order);
	*q = (struct osp_queue){0};
}

static uint64_t next_random(struct osp_queue *q)
{
	uint64_t x = q->rng;	/* xorshift64 */
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return q->rng = x;
}

/* A uniform integer in [0, n), without modulo bias. */
static size_t below(struct osp_queue *q, size_t n)
{
	uint64_t limit = UINT64_MAX - UINT64_MAX % n, r;
	do
		r = next_random(q);
	while (r >= limit);
	return (size_t)(r % n);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void osp_track_copy(struct osp_track *dst, const struct osp_track *src)
{
	*dst = *src;
	dst->path = xmemdup(src->path, src->path_len);
	const struct osp_tags *g = &src->tags;
	dst->tags = *g;
	dst->tags.title = dup_or_null(g->title);
	dst->tags.album = dup_or_null(g->album);
	dst->tags.album_artist = dup_or_null(g->album_artist);
	dst->tags.genre = dup_or_null(g->genre);
	dst->tags.comment = dup_or_null(g->comment);
	dst->tags.composer = dup_or_null(g->composer);
	dst->tags.performer = dup_or_null(g->performer);
	dst->tags.date = dup_or_null(g->date);
	dst->tags.artists = NULL;
	dst->tags.n_artists = 0;
	for (size_t i = 0; i < g->n_artists; i++)
		osp_tags_add_artist(&dst->tags, g->artists[i]);
	dst->match.drama = dup_or_null(src->match.drama);
	dst->match.ost_track = dup_or_null(src->match.ost_track);
	dst->match.found = dup_or_null(src->match.found);
	dst->match.found_alias = dup_or_null(src->match.found_alias);
	dst->match.copy_key = dup_or_null(src->match.copy_key);
	dst->match.version = dup_or_null(src->match.version);
}

uint32_t osp_queue_add(struct osp_queue *q, const struct osp_track *t)
{
	if (q->n == q->cap) {
		q->cap = q->cap ? 2 * q->cap : 64;
		q->items = xrealloc(q->items, q->cap * sizeof(*q->items));
		q->order = xrealloc(q->order, q->cap * sizeof(*q->order));
	}
	struct osp_queue_item *it = &q->items[q->n];
	it->id = q->next_id++;
	it->version = q->version + 1;
	it->priority = 0;
	it->start_ms = it->end_ms = 0;
	osp_track_copy(&it->track, t);
	/* Random: anywhere after the current track, so it still plays in
	 * this round. */
	size_t k = q->n;
	if (q->random) {
		size_t first = (size_t)(q->cur + 1);
		k = first + below(q, q->n - first + 1);
		memmove(q->order + k + 1, q->order + k,
			(q->n - k) * sizeof(*q->order));
	}
	q->order[k] = q->n++;
	q->version++;
	return it->id;
}

/* Moves every track to position map[old] (a permutation), marking those
 * that moved.  Without random the play order is the position order; with
 * random it follows the tracks. */
static void permute(struct osp_queue *q, const size_t *map)
{
	struct osp_queue_item *items = xcalloc(q->cap, sizeof(*items));
	q->version++;
	for (size_t i = 0; i < q->n; i++) {
		items[map[i]] = q->items[i];
		if (map[i] != i)
			items[map[i]].version = q->version;
	}
	free(q->items);
	q->items = items;
	size_t current = q->cur >= 0 ? map[q->order[q->cur]] : 0;
	for (size_t k = 0; k < q->n; k++)
		q->order[k] = q->random ? map[q->order[k]] : k;
	if (q->cur >= 0 && !q->random)
		q->cur = (long)current;
}

uint32_t osp_queue_insert(struct osp_queue *q, const struct osp_track *t,
			  size_t pos)
{
	uint32_t id = osp_queue_add(q, t);
	size_t *map = xcalloc(q->n, sizeof(*map));
	for (size_t i = 0; i < q->n; i++)
		map[i] = i < pos ? i : i == q->n - 1 ? pos : i + 1;
	q->version--;	/* one change, one version */
	permute(q, map);
	free(map);
	return id;
}

void osp_queue_move(struct osp_queue *q, size_t start, size_t end,
		    size_t to)
{
	size_t len = end - start;
	size_t *map = xcalloc(q->n, sizeof(*map));
	/* The others keep their order around the moved block. */
	size_t next = 0;
	for (size_t i = 0; i < q->n; i++) {
		if (i >= start && i < end) {
			map[i] = to + (i - start);
			continue;
		}
		if (next == to)
			next += len;
		map[i] = next++;
	}
	permute(q, map);
	free(map);
}

void osp_queue_swap(struct osp_queue *q, size_t a, size_t b)
{
	size_t *map = xcalloc(q->n, sizeof(*map));
	for (size_t i = 0; i < q->n; i++)
		map[i] = i == a ? b : i == b ? a : i;
	permute(q, map);
	free(map);
}

void osp_queue_shuffle(struct osp_queue *q, size_t start, size_t end)
{
	size_t *slots = xcalloc(q->n, sizeof(*slots));	/* new -> old */
	for (size_t i = 0; i < q->n; i++)
		slots[i] = i;
	size_t first = start;
	long current = q->cur >= 0 ? (long)q->order[q->cur] : -1;
	if (current >= (long)start && (size_t)current < end) {
		slots[(size_t)current] = start;
		slots[start] = (size_t)current;
		first = start + 1;
	}
	for (size_t i = end; i > first + 1; i--) {	/* Fisher-Yates */
		size_t j = first + below(q, i - first), t = slots[i - 1];
		slots[i - 1] = slots[j];
		slots[j] = t;
	}
	size_t *map = xcalloc(q->n, sizeof(*map));
	for (size_t i = 0; i < q->n; i++)
		map[slots[i]] = i;
	permute(q, map);
	free(map);
	free(slots);
}

/* With random on, orders what is still to play (after the current
 * track) by priority, highest first, keeping the shuffled order among
 * equals: a counting sort, linear in the queue. */
static void order_by_priority(struct osp_queue *q)
{
	size_t first = (size_t)(q->cur + 1);
	if (!q->random || first >= q->n)
		return;
	size_t starts[257] = {0};	/* by 255 - priority */
	for (size_t k = first; k < q->n; k++)
		starts[256 - q->items[q->order[k]].priority]++;
	for (size_t i = 1; i < 257; i++)
		starts[i] += starts[i - 1];
	size_t *sorted = xcalloc(q->n - first, sizeof(*sorted));
	for (size_t k = first; k < q->n; k++)
		sorted[starts[255 - q->items[q->order[k]].priority]++] =
			q->order[k];
	memcpy(q->order + first, sorted, (q->n - first) * sizeof(*sorted));
	free(sorted);
}

void osp_queue_set_priorities(struct osp_queue *q, size_t start, size_t end,
			      uint8_t priority)
{
	q->version++;
	for (size_t pos = start; pos < end; pos++) {
		q->items[pos].priority = priority;
		q->items[pos].version = q->version;
	}
	order_by_priority(q);
}

void osp_queue_set_range(struct osp_queue *q, size_t pos, uint32_t start_ms,
			 uint32_t end_ms)
{
	q->version++;
	q->items[pos].start_ms = start_ms;
	q->items[pos].end_ms = end_ms;
	q->items[pos].version = q->version;
}

void osp_queue_clear(struct osp_queue *q)
{
	for (size_t i = 0; i < q->n; i++)
		osp_track_clear(&q->items[i].track);
	q->n = 0;
	q->cur = -1;
	q->version++;
}

void osp_queue_delete(struct osp_queue *q, size_t pos)
{
	long k = osp_queue_order_of(q, pos);
	osp_track_clear(&q->items[pos].track);
	memmove(q->items + pos, q->items + pos + 1,
		(q->n - pos - 1) * sizeof(*q->items));
	memmove(q->order + k, q->order + k + 1,
		(q->n - (size_t)k - 1) * sizeof(*q->order));
	q->n--;
	for (size_t i = 0; i < q->n; i++)
		if (q->order[i] > pos)
			q->order[i]--;
	/* Those after it moved up a place. */
	for (size_t i = pos; i < q->n; i++)
		q->items[i].version = q->version + 1;
	if (k < q->cur)
		q->cur--;
	else if (k == q->cur && (size_t)q->cur >= q->n)
		q->cur = q->n ? (long)q->n - 1 : -1;
	q->version++;
}

void osp_queue_set_random(struct osp_queue *q, bool on)
{
	size_t current = q->cur >= 0 ? q->order[q->cur] : 0;
	for (size_t i = 0; i < q->n; i++)
		q->order[i] = i;
	q->random = on;
	if (on && q->n > 1) {
		/* Fisher-Yates; then the current track goes first. */
		for (size_t i = q->n - 1; i > 0; i--) {
			size_t j = below(q, i + 1), t = q->order[i];
			q->order[i] = q->order[j];
			q->order[j] = t;
		}
		if (q->cur >= 0) {
			long k = osp_queue_order_of(q, current);
			q->order[k] = q->order[0];
			q->order[0] = current;
		}
	}
	if (q->cur >= 0)
		q->cur = osp_queue_order_of(q, current);
	q->version++;
}

long osp_queue_find_id(const struct osp_queue *q, uint32_t id)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->items[i].id == id)
			return (long)i;
	return -1;
}

long osp_queue_order_of(const struct osp_queue *q, size_t pos)
{
	for (size_t k = 0; k < q->n; k++)
		if (q->order[k] == pos)
			return (long)k;
	return -1;
}

const struct osp_queue_item *osp_queue_current(const struct osp_queue *q)
{
	if (q->cur < 0 || (size_t)q->cur >= q->n)
		return NULL;
	return &q->items[q->order[q->cur]];
}

long osp_queue_after(const struct osp_queue *q, long k, bool wrap)
{
	if (!q->n)
		return -1;
	if ((size_t)(k + 1) < q->n)
		return k + 1;
	return wrap ? 0 : -1;
}
