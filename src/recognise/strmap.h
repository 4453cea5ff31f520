/*
 * String maps and hash sets for the matcher: open addressing, hashes
 * (ostplay/hash.h) kept beside the keys, so that a probe compares strings only when
 * the hashes agree.  A hash can be carried on as a key grows word by word
 * (osp_hash_more), which lets the matcher look up every run of words of a
 * text without hashing each run from its start.
 */
#ifndef OSTPLAY_STRMAP_H
#define OSTPLAY_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ostplay/hash.h"

/* key -> an int, the head of a chain of values kept by the caller. */
struct osp_strmap {
	char **keys;
	uint64_t *hashes;
	int *heads;
	size_t n_slots, n_keys;	/* n_slots: a power of two > 2 * n_keys */
};

/* The head stored for `key`, whose hash is `h`, or -1. */
int osp_strmap_get(const struct osp_strmap *m, const char *key, uint64_t h);

/* Where the head of `key` (hash `h`) lives, the key added with head -1
 * when new. */
int *osp_strmap_put(struct osp_strmap *m, const char *key, uint64_t h);

/* The keys, for walking: n_slots of them, NULL in empty slots. */
static inline const char *osp_strmap_key_at(const struct osp_strmap *m,
					    size_t slot)
{
	return m->keys[slot];
}

/* Empties `m`, keeping its slots for the keys to come. */
void osp_strmap_clear(struct osp_strmap *m);
void osp_strmap_free(struct osp_strmap *m);

/* A set of hashes, sized once for `n` of them. */
struct osp_hashset {
	uint64_t *v;	/* 0 for an empty slot */
	size_t n_slots;
};

void osp_hashset_init(struct osp_hashset *set, size_t n);
void osp_hashset_add(struct osp_hashset *set, uint64_t h);
bool osp_hashset_has(const struct osp_hashset *set, uint64_t h);
void osp_hashset_free(struct osp_hashset *set);

#endif
