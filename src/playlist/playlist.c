#include "ostplay/playlist.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/xalloc.h"

/* splitmix64: tiny, good enough for ordering songs, and the same on every
 * machine (rand() is not), so a seed names one order everywhere. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* Uniform in [0, n): values below 2^64 mod n would make the low numbers
 * more likely, so they are drawn again. */
static size_t below(uint64_t *state, size_t n)
{
	uint64_t threshold = (uint64_t)(-(uint64_t)n) % n;
	uint64_t r;
	do
		r = next_random(state);
	while (r < threshold);
	return (size_t)(r % n);
}

/* How far the spreading looks for a better place or partner.  Enough for
 * any pool a person shuffles to be spread fully (every place is tried up
 * to this size), and a bound on the work when a pool cannot be spread:
 * twenty thousand songs of one singer clash wherever they go. */
#define SEARCH_LIMIT 256

static bool clash(const struct osp_shuffle_item *a,
		  const struct osp_shuffle_item *b)
{
	if (a->drama >= 0 && a->drama == b->drama)
		return true;
	for (size_t i = 0; i < a->n_performers; i++)
		for (size_t j = 0; j < b->n_performers; j++)
			if (a->performers[i] == b->performers[j])
				return true;
	return false;
}

/* Keys are dramas and performers in one number space: dramas first. */
struct keys {
	size_t *left;		/* items not yet placed, per key */
	size_t n;
	int n_dramas;
};

static bool has_key(const struct keys *k, const struct osp_shuffle_item *it,
		    size_t key)
{
	if ((size_t)k->n_dramas > key)
		return it->drama == (int)key;
	for (size_t i = 0; i < it->n_performers; i++)
		if ((size_t)it->performers[i] + (size_t)k->n_dramas == key)
			return true;
	return false;
}

static void count(struct keys *k, const struct osp_shuffle_item *it,
		  int delta)
{
	if (it->drama >= 0)
		k->left[it->drama] += (size_t)delta;
	for (size_t i = 0; i < it->n_performers; i++)
		k->left[(size_t)it->performers[i] + (size_t)k->n_dramas] +=
			(size_t)delta;
}

/* A key holding more than half of the items left must be placed at every
 * other step from now on, or its items end up side by side. */
static long pressing_key(const struct keys *k, size_t remaining)
{
	for (size_t key = 0; key < k->n; key++)
		if (2 * k->left[key] > remaining)
			return (long)key;
	return -1;
}

/* Moves order[i] into a gap between two items it does not clash with,
 * provided its old neighbours do not clash with each other, trying gaps
 * from a random one on.  True when it moved. */
static bool move_apart(const struct osp_shuffle_item *items, size_t *order,
		       size_t n, size_t i, uint64_t *state)
{
	const struct osp_shuffle_item *x = &items[order[i]];
	if (i > 0 && i + 1 < n &&
	    clash(&items[order[i - 1]], &items[order[i + 1]]))
		return false;
	size_t moving = order[i];
	memmove(&order[i], &order[i + 1], (n - i - 1) * sizeof(*order));
	/* order[0..n-1) is the rest; gap g lies before order[g]. */
	size_t start = below(state, n);
	for (size_t k = 0; k < n && k < SEARCH_LIMIT; k++) {
		size_t g = (start + k) % n;
		if (g == i)
			continue;
		if ((g > 0 && clash(&items[order[g - 1]], x)) ||
		    (g < n - 1 && clash(&items[order[g]], x)))
			continue;
		memmove(&order[g + 1], &order[g], (n - 1 - g) * sizeof(*order));
		order[g] = moving;
		return true;
	}
	memmove(&order[i + 1], &order[i], (n - 1 - i) * sizeof(*order));
	order[i] = moving;
	return false;
}

/* Clashing neighbours among the pairs (k, k+1) for k in ks. */
static size_t clashes_at(const struct osp_shuffle_item *items,
			 const size_t *order, size_t n, const size_t *ks,
			 size_t n_ks)
{
	size_t c = 0;
	for (size_t i = 0; i < n_ks; i++) {
		bool seen = false;	/* a pair counted once */
		for (size_t j = 0; j < i; j++)
			seen = seen || ks[j] == ks[i];
		if (!seen && ks[i] + 1 < n &&
		    clash(&items[order[ks[i]]], &items[order[ks[i] + 1]]))
			c++;
	}
	return c;
}

/* Swaps order[i] with another item when that leaves fewer clashing
 * neighbours, trying partners from a random one on.  True when it did.
 * This frees what a single move cannot: an item wedged between two of a
 * kind, each of which fits only where the other is. */
static bool swap_apart(const struct osp_shuffle_item *items, size_t *order,
		       size_t n, size_t i, uint64_t *state)
{
	size_t start = below(state, n);
	for (size_t k = 0; k < n && k < SEARCH_LIMIT; k++) {
		size_t j = (start + k) % n;
		if (j == i)
			continue;
		/* The pairs either position is in. */
		size_t ks[4], n_ks = 0;
		size_t at[2] = {i, j};
		for (size_t a = 0; a < 2; a++) {
			if (at[a] > 0)
				ks[n_ks++] = at[a] - 1;
			ks[n_ks++] = at[a];
		}
		size_t before = clashes_at(items, order, n, ks, n_ks);
		size_t t = order[i];
		order[i] = order[j];
		order[j] = t;
		if (clashes_at(items, order, n, ks, n_ks) < before)
			return true;
		order[j] = order[i];
		order[i] = t;
	}
	return false;
}

void osp_shuffle(const struct osp_shuffle_item *items, size_t n, uint64_t seed,
		 size_t *order)
{
	if (!n)
		return;
	uint64_t state = seed;
	size_t *pool = xcalloc(n, sizeof(*pool));
	for (size_t i = 0; i < n; i++)
		pool[i] = i;
	for (size_t i = n - 1; i > 0; i--) {	/* Fisher–Yates */
		size_t j = below(&state, i + 1);
		size_t t = pool[i];
		pool[i] = pool[j];
		pool[j] = t;
	}

	/* Spread: take the first item in shuffled order that does not clash
	 * with the one before, unless a key presses.  When nothing else
	 * clashes, that is always the next one, so the shuffle stays
	 * uniform. */
	struct keys k = {0};
	size_t most = 0;
	for (size_t i = 0; i < n; i++) {
		if (items[i].drama >= k.n_dramas)
			k.n_dramas = items[i].drama + 1;
	}
	size_t max_performer = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < items[i].n_performers; j++)
			if ((size_t)items[i].performers[j] + 1 > max_performer)
				max_performer = (size_t)items[i].performers[j] + 1;
	k.n = (size_t)k.n_dramas + max_performer;
	k.left = xcalloc(k.n ? k.n : 1, sizeof(*k.left));
	for (size_t i = 0; i < n; i++)
		count(&k, &items[i], 1);
	for (size_t key = 0; key < k.n; key++)
		if (k.left[key] > most)
			most = k.left[key];

	/* The pool is read from its end, so taking an item near the front of
	 * the shuffled order moves only the few before it. */
	size_t remaining = n;
	for (size_t placed = 0; placed < n; placed++, remaining--) {
		const struct osp_shuffle_item *last =
			placed ? &items[order[placed - 1]] : NULL;
		/* Only a key with more than half the rest can press, so
		 * look for one only near the end of the big groups. */
		long press = 2 * most > remaining ? pressing_key(&k, remaining)
						  : -1;
		size_t pick = remaining - 1;
		bool found = false;
		size_t stop = remaining > SEARCH_LIMIT ? remaining - SEARCH_LIMIT
						       : 0;
		for (size_t i = remaining; i-- > stop && !found;) {
			const struct osp_shuffle_item *it = &items[pool[i]];
			if ((last && clash(last, it)) ||
			    (press >= 0 && !has_key(&k, it, (size_t)press)))
				continue;
			pick = i;
			found = true;
		}
		for (size_t i = remaining; i-- > stop && !found;)
			if (!last || !clash(last, &items[pool[i]])) {
				pick = i;
				found = true;
			}
		order[placed] = pool[pick];
		count(&k, &items[pool[pick]], -1);
		memmove(&pool[pick], &pool[pick + 1],
			(remaining - pick - 1) * sizeof(*pool));
	}
	free(k.left);
	free(pool);

	/* The greedy pass can corner itself at the end (A-and-B duet, then
	 * only A's and B's solos left); move or swap such items to where
	 * they fit.
	 * Each change leaves fewer clashing neighbours; a few passes settle
	 * any pool that can be spread, and bound the work on one that
	 * cannot. */
	for (int pass = 0, changed = 1; changed && pass < 4; pass++) {
		changed = 0;
		for (size_t i = 1; i < n; i++)
			if (clash(&items[order[i - 1]], &items[order[i]]) &&
			    (move_apart(items, order, n, i, &state) ||
			     move_apart(items, order, n, i - 1, &state) ||
			     swap_apart(items, order, n, i, &state) ||
			     swap_apart(items, order, n, i - 1, &state)))
				changed = 1;
	}
}
