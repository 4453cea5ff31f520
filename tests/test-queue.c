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

int main(void)
{
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
