/*
 * playlist — putting tracks in an order to play: the shuffle.
 *
 * Knows nothing of files or the library: each item is described by what
 * must not come back-to-back (its drama and its performers), and the result
 * is an order of the items' indices.
 */
#ifndef OSTPLAY_PLAYLIST_H
#define OSTPLAY_PLAYLIST_H

#include <stddef.h>
#include <stdint.h>

/* What the shuffle spreads apart.  Items with equal non-negative `drama`,
 * or sharing any performer, should not be neighbours.  The numbers are the
 * caller's (small, dense) ids for dramas and performers; -1: no drama. */
struct osp_shuffle_item {
	int drama;
	const int *performers;
	size_t n_performers;
};

/* Fills `order` with a permutation of 0..n-1: each item exactly once.  A
 * Fisher–Yates shuffle, driven by `seed` (the same seed, the same order),
 * then spread so that items of one drama or performer are not neighbours
 * where the pool allows it.  When no two items share a drama or performer
 * every order is equally likely. */
void osp_shuffle(const struct osp_shuffle_item *items, size_t n, uint64_t seed,
		 size_t *order);

#endif
