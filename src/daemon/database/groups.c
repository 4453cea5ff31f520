/* Distinct rows of strings, counted: an open-addressing hash table over
 * an array that keeps them. */
#include "groups.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/xalloc.h"

void db_groups_free(struct db_groups *g)
{
	for (size_t i = 0; i < g->n; i++) {
		for (int l = 0; l < g->n_levels; l++)
			free(g->v[i].row[l]);
		free(g->v[i].row);
	}
	free(g->v);
	free(g->slots);
	*g = (struct db_groups){.n_levels = g->n_levels};
}

/* FNV-1a over the strings and their ends. */
static uint64_t hash_row(const char *const *row, int n)
{
	uint64_t h = 14695981039346656037u;
	for (int l = 0; l < n; l++) {
		for (const unsigned char *p = (const unsigned char *)row[l];
		     *p; p++)
			h = (h ^ *p) * 1099511628211u;
		h = (h ^ 0xff) * 1099511628211u;
	}
	return h;
}

static bool same_row(char *const *a, const char *const *b, int n)
{
	for (int l = 0; l < n; l++)
		if (strcmp(a[l], b[l]) != 0)
			return false;
	return true;
}

/* Doubles the table and places every row again. */
static void grow(struct db_groups *g)
{
	free(g->slots);
	g->n_slots = g->n_slots ? 2 * g->n_slots : 64;
	g->slots = xcalloc(g->n_slots, sizeof(*g->slots));
	for (size_t i = 0; i < g->n; i++) {
		size_t k = hash_row((const char *const *)g->v[i].row,
				    g->n_levels) & (g->n_slots - 1);
		while (g->slots[k])
			k = (k + 1) & (g->n_slots - 1);
		g->slots[k] = i + 1;
	}
}

void db_groups_add(struct db_groups *g, const char *const *row, int64_t ms)
{
	if (2 * (g->n + 1) > g->n_slots)
		grow(g);
	size_t k = hash_row(row, g->n_levels) & (g->n_slots - 1);
	for (; g->slots[k]; k = (k + 1) & (g->n_slots - 1)) {
		struct db_group *e = &g->v[g->slots[k] - 1];
		if (same_row(e->row, row, g->n_levels)) {
			e->songs++;
			e->ms += ms;
			return;
		}
	}
	g->v = xgrow(g->v, &g->cap, g->n + 1, sizeof(*g->v));
	struct db_group *e = &g->v[g->n++];
	e->row = xcalloc((size_t)g->n_levels, sizeof(char *));
	for (int l = 0; l < g->n_levels; l++)
		e->row[l] = xstrdup(row[l]);
	e->songs = 1;
	e->ms = ms;
	g->slots[k] = g->n;
}

static int compare_groups(const void *x, const void *y, void *ctx)
{
	const struct db_group *a = x, *b = y;
	int n_levels = *(const int *)ctx;
	for (int l = 0; l < n_levels; l++) {
		int c = strcmp(a->row[l], b->row[l]);
		if (c)
			return c;
	}
	return 0;
}

void db_groups_sort(struct db_groups *g)
{
	if (g->n > 1)
		qsort_r(g->v, g->n, sizeof(*g->v), compare_groups,
			&g->n_levels);
	free(g->slots);		/* the indexes moved */
	g->slots = NULL;
	g->n_slots = 0;
}
