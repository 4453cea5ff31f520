/* The shuffle: a permutation, the same for the same seed, uniform when
 * nothing clashes (counted over many seeds), and spread apart by drama and
 * performer where the pool allows. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/playlist.h"
#include "tap.h"

static bool is_permutation(const size_t *order, size_t n)
{
	bool *seen = calloc(n, sizeof(*seen));
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		if (order[i] >= n || seen[order[i]])
			ok = false;
		else
			seen[order[i]] = true;
	}
	free(seen);
	return ok;
}

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

static size_t neighbours_clashing(const struct osp_shuffle_item *items,
				  const size_t *order, size_t n)
{
	size_t k = 0;
	for (size_t i = 1; i < n; i++)
		k += clash(&items[order[i - 1]], &items[order[i]]);
	return k;
}

/* The most clashing neighbours in the orders of seeds 0 .. seeds-1. */
static size_t most_clashing(const struct osp_shuffle_item *items, size_t n,
			    uint64_t seeds)
{
	size_t worst = 0, order[16];
	for (uint64_t seed = 0; seed < seeds && n <= 16; seed++) {
		osp_shuffle(items, n, seed, order);
		size_t k = neighbours_clashing(items, order, n);
		if (k > worst)
			worst = k;
	}
	return worst;
}

/* Pearson's chi-square of `counts` against a uniform expectation. */
static double chi_square(const long *counts, size_t cells, long total)
{
	double expect = (double)total / (double)cells, x = 0;
	for (size_t i = 0; i < cells; i++)
		x += (counts[i] - expect) * (counts[i] - expect) / expect;
	return x;
}

static void test_basics(void)
{
	struct osp_shuffle_item items[50];
	for (int i = 0; i < 50; i++)
		items[i] = (struct osp_shuffle_item){.drama = -1};
	size_t a[50], b[50], c[50];
	osp_shuffle(items, 50, 42, a);
	osp_shuffle(items, 50, 42, b);
	osp_shuffle(items, 50, 43, c);
	tap_ok(is_permutation(a, 50), "each track once");
	tap_ok(memcmp(a, b, sizeof(a)) == 0, "the same seed, the same order");
	tap_ok(memcmp(a, c, sizeof(a)) != 0, "another seed, another order");
	size_t one;
	osp_shuffle(items, 1, 7, &one);
	tap_ok(one == 0, "one track");
	osp_shuffle(items, 0, 7, NULL);
	tap_ok(true, "no tracks");
}

/* Four tracks that share nothing: each of the 24 orders should come up
 * about 1/24 of the time. */
static void test_uniform(void)
{
	struct osp_shuffle_item items[4];
	int perf[4] = {0, 1, 2, 3};
	for (int i = 0; i < 4; i++)
		items[i] = (struct osp_shuffle_item){
			.drama = i, .performers = &perf[i], .n_performers = 1};
	enum { RUNS = 48000 };
	long perms[256] = {0}, first[4] = {0};
	for (uint64_t seed = 0; seed < RUNS; seed++) {
		size_t o[4];
		osp_shuffle(items, 4, seed, o);
		perms[o[0] * 64 + o[1] * 16 + o[2] * 4 + o[3]]++;
		first[o[0]]++;
	}
	long counts[24];
	size_t n = 0;
	for (size_t i = 0; i < 256; i++)
		if (perms[i])
			counts[n < 24 ? n : 23] = perms[i], n++;
	tap_int((long long)n, 24, "all 24 orders of 4 tracks come up");
	/* 23 degrees of freedom: 49.7 is the 0.1% critical value, so an
	 * unbiased shuffle fails this about once in a thousand seeds sets;
	 * the seeds are fixed, so it passes or fails the same every run. */
	double x = chi_square(counts, 24, RUNS);
	if (!tap_ok(n == 24 && x < 49.7, "orders are uniform (chi2 %.1f)", x))
		for (size_t i = 0; i < n && i < 24; i++)
			printf("# %ld\n", counts[i]);
	printf("# first track counts: %ld %ld %ld %ld of %d\n", first[0],
	       first[1], first[2], first[3], RUNS);
	x = chi_square(first, 4, RUNS);
	tap_ok(x < 16.3, "each track first equally often (chi2 %.2f)", x);
}

/* 3 dramas x 4 songs, all different singers: a spread order exists, so
 * no two neighbours may share a drama, for any seed. */
static void test_spread_dramas(void)
{
	struct osp_shuffle_item items[12];
	int perf[12];
	for (int i = 0; i < 12; i++) {
		perf[i] = i;
		items[i] = (struct osp_shuffle_item){
			.drama = i % 3, .performers = &perf[i],
			.n_performers = 1};
	}
	size_t worst = 0, bad_perm = 0;
	long first[12] = {0};
	for (uint64_t seed = 0; seed < 2000; seed++) {
		size_t o[12];
		osp_shuffle(items, 12, seed, o);
		bad_perm += !is_permutation(o, 12);
		size_t k = neighbours_clashing(items, o, 12);
		if (k > worst)
			worst = k;
		first[o[0]]++;
	}
	tap_int((long long)bad_perm, 0, "spread orders still hold each once");
	tap_int((long long)worst, 0, "no drama twice in a row, 2000 seeds");
	double x = chi_square(first, 12, 2000);
	tap_ok(x < 31.3, "any track may come first (chi2 %.1f)", x);
}

/* 5 of drama A and 4 of drama B: only A B A B A B A B A avoids
 * neighbours, and it must be found. */
static void test_spread_tight(void)
{
	struct osp_shuffle_item items[9];
	for (int i = 0; i < 9; i++)
		items[i] = (struct osp_shuffle_item){.drama = i < 5 ? 0 : 1};
	tap_int((long long)most_clashing(items, 9, 500), 0,
		"a tight pool is spread when it can be");

	/* 4 of A, 1 of B: at best A B A A A, two clashes; still each once. */
	size_t o[5];
	osp_shuffle(items + 1, 5, 3, o);
	tap_ok(is_permutation(o, 5), "an unspreadable pool still plays all");
	tap_int((long long)neighbours_clashing(items + 1, o, 5), 2,
		"with as few neighbours as it allows");
}

/* A singer across dramas: Chanyeol's two duets in different dramas must
 * not follow each other either. */
static void test_spread_performers(void)
{
	int chanyeol_punch[] = {0, 1}, chanyeol[] = {0}, punch[] = {1},
	    crush[] = {2}, ailee[] = {3}, gummy[] = {4};
	struct osp_shuffle_item items[] = {
		{.drama = 0, .performers = chanyeol_punch, .n_performers = 2},
		{.drama = 1, .performers = chanyeol, .n_performers = 1},
		{.drama = 2, .performers = punch, .n_performers = 1},
		{.drama = 3, .performers = crush, .n_performers = 1},
		{.drama = 4, .performers = ailee, .n_performers = 1},
		{.drama = 5, .performers = gummy, .n_performers = 1},
	};
	tap_int((long long)most_clashing(items, 6, 2000), 0,
		"no performer twice in a row");
}

int main(void)
{
	test_basics();
	test_uniform();
	test_spread_dramas();
	test_spread_tight();
	test_spread_performers();
	return tap_done();
}
