#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/queue.h"
#include "tap.h"

static void add(struct osp_queue *q, const char *path)
{
	char *p = strdup(path);
	struct osp_track t = {.path = p, .path_len = strlen(p)};
	osp_queue_add(q, &t);
	free(p);
}

static bool is_permutation(const struct osp_queue *q)
{
	bool *seen = calloc(q->n + 1, 1);
	bool ok = true;
	for (size_t k = 0; k < q->n && ok; k++) {
		ok = q->order[k] < q->n && !seen[q->order[k]];
		seen[q->order[k]] = true;
	}
	free(seen);
	return ok;
}

/* The queue's paths by position, as one string: "/a /b /c". */
static const char *positions(const struct osp_queue *q)
{
	static char out[256];
	out[0] = '\0';
	for (size_t i = 0; i < q->n; i++)
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s",
			 i ? " " : "", q->items[i].track.path);
	return out;
}

static bool identity_order(const struct osp_queue *q)
{
	for (size_t k = 0; k < q->n; k++)
		if (q->order[k] != k)
			return false;
	return true;
}

static void fill(struct osp_queue *q, const char *const *files, size_t n)
{
	for (size_t i = 0; i < n; i++)
		add(q, files[i]);
}

/* MPD's position commands: insert, move, swap, shuffle a range, prio, and
 * the versions plchanges reads. */
static void test_positions(void)
{
	static const char *const files[] = {"/a", "/b", "/c", "/d", "/e"};
	struct osp_queue q;
	osp_queue_init(&q, 7);
	fill(&q, files, 5);
	q.cur = 2;	/* playing /c */
	char *p = strdup("/x");
	struct osp_track x = {.path = p, .path_len = 2};
	uint32_t v = q.version;
	osp_queue_insert(&q, &x, 1);
	tap_str(positions(&q), "/a /x /b /c /d /e", "insert at position 1");
	tap_ok(identity_order(&q) && q.cur == 3 &&
	       strcmp(osp_queue_current(&q)->track.path, "/c") == 0,
	       "insert: play order follows positions; /c stays current");
	tap_int(q.version, v + 1, "insert: one change, one version");
	tap_ok(q.items[0].version <= v && q.items[1].version == q.version &&
	       q.items[5].version == q.version, "insert: the new track and "
	       "those after it are changed, those before are not");
	free(p);

	osp_queue_move(&q, 0, 2, 3);
	tap_str(positions(&q), "/b /c /d /a /x /e", "move 0:2 to 3");
	tap_str(osp_queue_current(&q)->track.path, "/c",
		"move: the current track stays current");
	osp_queue_move(&q, 5, 6, 0);
	tap_str(positions(&q), "/e /b /c /d /a /x", "move the last to 0");
	osp_queue_swap(&q, 0, 5);
	tap_str(positions(&q), "/x /b /c /d /a /e", "swap 0 and 5");
	tap_ok(identity_order(&q) && q.cur == 2, "swap: order follows, "
	       "current kept");

	osp_queue_shuffle(&q, 1, 5);
	tap_str(q.items[1].track.path, "/c", "shuffle 1:5: the current track "
		"goes first in the range");
	tap_ok(strcmp(q.items[0].track.path, "/x") == 0 &&
	       strcmp(q.items[5].track.path, "/e") == 0 && is_permutation(&q),
	       "shuffle 1:5: outside the range nothing moves");

	osp_queue_set_random(&q, true);
	long cur = q.cur;
	osp_queue_set_priorities(&q, 5, 6, 200);	/* /e */
	osp_queue_set_priorities(&q, 0, 1, 100);	/* /x */
	tap_ok(q.cur == cur && q.items[q.order[q.cur + 1]].priority == 200 &&
	       q.items[q.order[q.cur + 2]].priority == 100,
	       "prio: with random, higher priorities play next");
	const char *before = osp_queue_current(&q)->track.path;
	osp_queue_swap(&q, 0, 5);
	tap_ok(is_permutation(&q) &&
	       strcmp(q.items[q.order[q.cur + 1]].track.path, "/e") == 0 &&
	       strcmp(osp_queue_current(&q)->track.path, before) == 0,
	       "swap with random: the play order follows the tracks");
	osp_queue_free(&q);
}

/* rangeid: the part a track plays goes with it when it moves, is a
 * change plchanges sees, and a new track plays whole. */
static void test_range(void)
{
	static const char *const files[] = {"/a", "/b", "/c"};
	struct osp_queue q;
	osp_queue_init(&q, 7);
	fill(&q, files, 3);
	uint32_t version = q.version;
	osp_queue_set_range(&q, 1, 500, 1500);
	tap_ok(q.version == version + 1 && q.items[1].version == q.version &&
	       q.items[0].version <= version,
	       "range: one change, of that track alone");
	osp_queue_move(&q, 1, 2, 0);
	tap_ok(strcmp(q.items[0].track.path, "/b") == 0 &&
	       q.items[0].start_ms == 500 && q.items[0].end_ms == 1500 &&
	       q.items[1].start_ms == 0 && q.items[1].end_ms == 0,
	       "range: moves with its track");
	osp_queue_set_range(&q, 0, 0, 0);
	add(&q, "/d");
	tap_ok(!q.items[0].start_ms && !q.items[0].end_ms &&
	       !q.items[3].start_ms && !q.items[3].end_ms,
	       "range: cleared; a new track plays whole");
	osp_queue_free(&q);
}

int main(void)
{
	test_positions();
	test_range();
	struct osp_queue q;
	osp_queue_init(&q, 42);
	static const char *const files[] = {"/a", "/b", "/c", "/d", "/e"};
	for (int i = 0; i < 5; i++)
		add(&q, files[i]);
	tap_int((long long)q.n, 5, "five queued");
	tap_ok(q.items[0].id != q.items[1].id, "ids differ");
	tap_int(q.order[3], 3, "without random, play order is queue order");
	tap_int(osp_queue_after(&q, 4, false), -1, "no track after the last");
	tap_int(osp_queue_after(&q, 4, true), 0, "with repeat, the first");

	q.cur = 2;	/* playing /c */
	osp_queue_set_random(&q, true);
	tap_ok(is_permutation(&q), "shuffled order is a permutation");
	tap_str(osp_queue_current(&q)->track.path, "/c",
		"the current track stays current");
	tap_int(q.cur, 0, "and comes first in the shuffle");
	add(&q, "/f");
	tap_ok(is_permutation(&q) && osp_queue_order_of(&q, 5) > q.cur,
	       "a track added with random on plays later in this round");

	osp_queue_set_random(&q, false);
	tap_str(osp_queue_current(&q)->track.path, "/c",
		"random off keeps the current track");
	tap_int(q.cur, 2, "at its queue position");

	uint32_t version = q.version;
	osp_queue_delete(&q, 0);	/* /a, before the current */
	tap_str(osp_queue_current(&q)->track.path, "/c",
		"deleting before the current keeps it current");
	tap_int((long long)osp_queue_find_id(&q, q.items[0].id), 0,
		"find by id");
	tap_ok(q.version != version, "a change bumps the version");
	tap_ok(is_permutation(&q), "order still a permutation");
	osp_queue_delete(&q, (size_t)q.order[q.cur]);	/* the current */
	tap_str(osp_queue_current(&q)->track.path, "/d",
		"deleting the current makes the next current");

	/* Uniform shuffles: each of 4 tracks first about 1/4 of the time. */
	struct osp_queue s;
	osp_queue_init(&s, 7);
	for (int i = 0; i < 4; i++)
		add(&s, files[i]);
	int first[4] = {0};
	for (int round = 0; round < 4000; round++) {
		s.cur = -1;
		osp_queue_set_random(&s, true);
		first[s.order[0]]++;
	}
	bool fair = true;
	for (int i = 0; i < 4; i++)
		fair &= first[i] > 850 && first[i] < 1150;
	tap_ok(fair, "shuffles put each track first about as often (%d %d %d %d)",
	       first[0], first[1], first[2], first[3]);
	osp_queue_free(&s);

	osp_queue_clear(&q);
	tap_ok(q.n == 0 && !osp_queue_current(&q), "clear empties");
	osp_queue_free(&q);
	return tap_done();
}
