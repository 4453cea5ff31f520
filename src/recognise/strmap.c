#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "ostplay/xalloc.h"

/* The slot of `key` (hash `h`): where it is, or the empty one where it
 * would go. */
static size_t slot_of(const struct osp_strmap *m, const char *key, uint64_t h)
{
	size_t mask = m->n_slots - 1;
	for (size_t s = (size_t)h & mask;; s = (s + 1) & mask)
		if (!m->keys[s] ||
		    (m->hashes[s] == h && strcmp(m->keys[s], key) == 0))
			return s;
}

int osp_strmap_get(const struct osp_strmap *m, const char *key, uint64_t h)
{
	if (!m->n_slots)
		return -1;
	size_t s = slot_of(m, key, h);
	return m->keys[s] ? m->heads[s] : -1;
}

static void grow(struct osp_strmap *m)
{
	struct osp_strmap old = *m;
	m->n_slots = old.n_slots ? 2 * old.n_slots : 64;
	m->keys = xcalloc(m->n_slots, sizeof(*m->keys));
	m->hashes = xcalloc(m->n_slots, sizeof(*m->hashes));
	m->heads = xcalloc(m->n_slots, sizeof(*m->heads));
	for (size_t i = 0; i < old.n_slots; i++) {
		if (!old.keys[i])
			continue;
		size_t s = slot_of(m, old.keys[i], old.hashes[i]);
		m->keys[s] = old.keys[i];
		m->hashes[s] = old.hashes[i];
		m->heads[s] = old.heads[i];
	}
	free(old.keys);
	free(old.hashes);
	free(old.heads);
}

int *osp_strmap_put(struct osp_strmap *m, const char *key, uint64_t h)
{
	if (2 * (m->n_keys + 1) >= m->n_slots)
		grow(m);
	size_t s = slot_of(m, key, h);
	if (!m->keys[s]) {
		m->keys[s] = xstrdup(key);
		m->hashes[s] = h;
		m->heads[s] = -1;
		m->n_keys++;
	}
	return &m->heads[s];
}

void osp_strmap_clear(struct osp_strmap *m)
{
	for (size_t i = 0; i < m->n_slots; i++) {
		free(m->keys[i]);
		m->keys[i] = NULL;
	}
	m->n_keys = 0;
}

void osp_strmap_free(struct osp_strmap *m)
{
	osp_strmap_clear(m);
	free(m->keys);
	free(m->hashes);
	free(m->heads);
	*m = (struct osp_strmap){0};
}

void osp_hashset_init(struct osp_hashset *set, size_t n)
{
	set->n_slots = 64;
	while (set->n_slots < 2 * n)
		set->n_slots *= 2;
	set->v = xcalloc(set->n_slots, sizeof(*set->v));
}

/* 0 marks an empty slot, so a hash of 0 is kept as 1. */
void osp_hashset_add(struct osp_hashset *set, uint64_t h)
{
	h += !h;
	size_t mask = set->n_slots - 1, s = (size_t)h & mask;
	while (set->v[s] && set->v[s] != h)
		s = (s + 1) & mask;
	set->v[s] = h;
}

bool osp_hashset_has(const struct osp_hashset *set, uint64_t h)
{
	h += !h;
	size_t mask = set->n_slots - 1;
	for (size_t s = (size_t)h & mask; set->v[s]; s = (s + 1) & mask)
		if (set->v[s] == h)
			return true;
	return false;
}

void osp_hashset_free(struct osp_hashset *set)
{
	free(set->v);
	*set = (struct osp_hashset){0};
}
