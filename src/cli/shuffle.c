/* shuffle: the tracks that pass every filter, in a spread-out random
 * order, as the new queue. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "ostplay/cli.h"
#include "ostplay/playlist.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

/* One name (a drama or a folded performer) and the id it gets. */
struct name_ref {
	const char *name;
	int *id;
};

/* A track that passed the filters. */
struct pooled {
	char *path;
	char *drama;		/* NULL: none */
	char **performers;	/* folded */
	size_t n_performers;
	size_t line;		/* with --print: its line's offset in lines */
};

struct pool {
	bool print;
	struct osp_buf lines;	/* with --print, NUL-ended */
	struct pooled *v;
	size_t n, cap;
	struct osp_shuffle_item *items;
};

static bool add_to_pool(void *ctx, const struct osp_track *t)
{
	struct pool *p = ctx;
	p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof(*p->v));
	struct pooled *it = &p->v[p->n];
	it->path = xmemdup(t->path, t->path_len);
	it->drama = t->match.drama ? xstrdup(t->match.drama) : NULL;
	it->n_performers = t->tags.n_artists;
	it->performers = xcalloc(it->n_performers + 1, sizeof(char *));
	for (size_t i = 0; i < it->n_performers; i++)
		it->performers[i] = osp_text_fold(t->tags.artists[i]);
	if (p->print) {
		it->line = p->lines.len;
		osp_cli_format_track(&p->lines, t, false);
		osp_buf_putc(&p->lines, '\0');
	}
	p->n++;
	return true;
}

static int by_name(const void *a, const void *b)
{
	const struct name_ref *x = a, *y = b;
	return strcmp(x->name, y->name);
}

/* Gives equal names equal small ids, counting from 0, as the shuffle
 * wants them. */
static void number_names(struct name_ref *refs, size_t n)
{
	qsort(refs, n, sizeof(*refs), by_name);
	int id = -1;
	for (size_t i = 0; i < n; i++) {
		if (!i || strcmp(refs[i].name, refs[i - 1].name) != 0)
			id++;
		*refs[i].id = id;
	}
}

static void build_items(struct pool *p, int **performer_ids)
{
	p->items = xcalloc(p->n ? p->n : 1, sizeof(*p->items));
	size_t total = 0;
	for (size_t i = 0; i < p->n; i++)
		total += p->v[i].n_performers;
	*performer_ids = xcalloc(total ? total : 1, sizeof(int));
	struct name_ref *refs = xcalloc(p->n + total + 1, sizeof(*refs));
	size_t n_refs = 0;
	for (size_t i = 0; i < p->n; i++) {
		p->items[i].drama = -1;
		if (p->v[i].drama)
			refs[n_refs++] = (struct name_ref){p->v[i].drama,
							   &p->items[i].drama};
	}
	number_names(refs, n_refs);
	n_refs = 0;
	size_t next = 0;
	for (size_t i = 0; i < p->n; i++) {
		p->items[i].performers = *performer_ids + next;
		p->items[i].n_performers = p->v[i].n_performers;
		for (size_t k = 0; k < p->v[i].n_performers; k++, next++)
			refs[n_refs++] = (struct name_ref){
				p->v[i].performers[k], *performer_ids + next};
	}
	number_names(refs, n_refs);
	free(refs);
}

static void pool_free(struct pool *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].path);
		free(p->v[i].drama);
		for (size_t k = 0; k < p->v[i].n_performers; k++)
			free(p->v[i].performers[k]);
		free(p->v[i].performers);
	}
	free(p->v);
	free(p->items);
	osp_buf_free(&p->lines);
}

static bool parse_seed(const char *s, uint64_t *seed)
{
	char *end;
	errno = 0;
	if (*s < '0' || *s > '9')	/* strtoull takes " -1" and "+5" */
		return false;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end || errno)
		return false;
	*seed = v;
	return true;
}

static uint64_t fresh_seed(void)
{
	uint64_t seed;
	if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) == sizeof(seed))
		return seed;
	return (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
}

int osp_cli_shuffle(struct osp_cli *cli, const struct osp_cli_args *a)
{
	bool instrumental = osp_cli_has(a, "instrumental");
	bool no_instrumental = osp_cli_has(a, "no-instrumental");
	if (instrumental && no_instrumental)
		return osp_cli_usage_error(a->cmd, "--instrumental and "
					   "--no-instrumental do not mix");
	uint64_t seed = fresh_seed();
	const char *seed_text = osp_cli_value(a, "seed");
	if (seed_text && !parse_seed(seed_text, &seed))
		return osp_cli_usage_error(a->cmd, "--seed wants a whole number "
					   "from 0, not '%s'", seed_text);
	struct osp_library *lib = osp_cli_open_library_to_read(cli);
	if (!lib || !osp_cli_update_matches(cli, lib)) {
		osp_library_close(lib);
		return 1;
	}
	int status = 0;
	const char **names = xcalloc((size_t)a->n_given + 1, sizeof(char *));
	size_t n_names = osp_cli_values(a, "drama", names);
	const char **dramas = xcalloc(n_names + 1, sizeof(char *));
	size_t n_dramas = 0;
	for (size_t i = 0; i < n_names && !status; i++) {
		int d = osp_cli_pick_drama(cli, names[i]);
		if (d < 0) {
			status = 1;
			continue;
		}
		const char *title = osp_cli_catalog(cli)->dramas[d].title;
		size_t k = 0;
		while (k < n_dramas && strcmp(dramas[k], title) != 0)
			k++;
		if (k == n_dramas)	/* named twice: still once in the pool */
			dramas[n_dramas++] = title;
	}
	struct pool p = {.print = osp_cli_has(a, "print")};
	/* Every filter is the library's, so that of a song's copies the best
	 * one that passes them all is taken: one query per drama named. */
	struct osp_track_query q = {
		.favorites = osp_cli_has(a, "favorites"),
		.duets = osp_cli_has(a, "duets"),
		.instrumental = instrumental,
		.not_instrumental = no_instrumental,
		/* A FLAC and its MP3 are one song, unless every copy is
		 * wanted. */
		.one_per_song = !osp_cli_has(a, "all-copies"),
	};
	struct osp_error err = {0};
	for (size_t i = 0; !status && i < (n_dramas ? n_dramas : 1); i++) {
		q.drama = n_dramas ? dramas[i] : NULL;
		if (!osp_library_each_track(lib, &q, add_to_pool, &p, &err))
			status = osp_cli_error(&err);
	}
	osp_library_close(lib);
	if (!status && !p.n)
		status = osp_cli_errorf("no track passes those filters");
	int *performer_ids = NULL;
	size_t *order = NULL;
	if (!status) {
		build_items(&p, &performer_ids);
		order = xcalloc(p.n, sizeof(*order));
		osp_shuffle(p.items, p.n, seed, order);
	}
	if (!status && p.print) {
		struct osp_buf list = {0};
		for (size_t i = 0; i < p.n; i++)
			osp_buf_puts(&list, p.lines.data + p.v[order[i]].line);
		status = osp_cli_print(list.data, list.len);
		osp_buf_free(&list);
		/* The seed on stderr, stdout being the list alone; after it,
		 * so that a list that could not be written is all it says. */
		if (!status)
			fprintf(stderr, "seed %" PRIu64 "\n", seed);
	} else if (!status) {
		char **paths = xcalloc(p.n, sizeof(char *));
		for (size_t i = 0; i < p.n; i++)
			paths[i] = p.v[order[i]].path;
		status = osp_cli_send_queue(cli, paths, p.n,
					    OSP_QUEUE_REPLACE | OSP_QUEUE_IN_ORDER);
		if (!status)
			printf("Shuffling %zu track%s (seed %" PRIu64 ")\n", p.n,
			       p.n == 1 ? "" : "s", seed);
		free(paths);
	}
	free(order);
	free(performer_ids);
	pool_free(&p);
	free(dramas);
	free(names);
	return status;
}
