/*
 * groups — distinct rows of strings (a tag's values, grouped by others),
 * each with the songs counted in it and their length: what MPD's `list`
 * and `count ... group` print.  A hash table, so that a library of 50,000
 * songs with a few hundred artists costs 50,000 lookups and a sort of a
 * few hundred rows.  Depends on nothing but xalloc.
 */
#ifndef OSTPLAY_DAEMON_DATABASE_GROUPS_H
#define OSTPLAY_DAEMON_DATABASE_GROUPS_H

#include <stddef.h>
#include <stdint.h>

struct db_group {
	char **row;		/* n_levels strings */
	size_t songs;
	int64_t ms;
};

struct db_groups {
	int n_levels;
	struct db_group *v;	/* the distinct rows, in the order added */
	size_t n, cap;
	size_t *slots;		/* hash table: index + 1 into v, 0 empty */
	size_t n_slots;
};

/* A zeroed struct with n_levels set is an empty table; db_groups_free
 * releases it. */
void db_groups_free(struct db_groups *g);

/* Counts one song of `ms` milliseconds in `row` (n_levels strings, copied
 * when the row is new). */
void db_groups_add(struct db_groups *g, const char *const *row, int64_t ms);

/* Sorts the rows by their strings' bytes, level by level. */
void db_groups_sort(struct db_groups *g);

#endif
