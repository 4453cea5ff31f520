/* Query words: which library tracks `tracks QUERY`, `fav QUERY` and
 * `play --track QUERY` name. */
#include <stdlib.h>
#include <string.h>

#include "ostplay/cli.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

void osp_cli_words_init(struct osp_cli_words *w, char *const *args, size_t n)
{
	*w = (struct osp_cli_words){0};
	for (size_t i = 0; i < n; i++) {
		char *folded = osp_text_fold(args[i]);
		if (*folded) {
			w->v = xrealloc(w->v, (w->n + 1) * sizeof(char *));
			w->v[w->n++] = folded;
		} else {
			free(folded);
		}
	}
}

bool osp_cli_words_match(struct osp_cli_words *w, const struct osp_track *t)
{
	if (!w->n)
		return true;
	const struct osp_tags *g = &t->tags;
	struct osp_buf *h = &w->hay;
	osp_buf_truncate(h, 0);
	const char *fields[] = {g->title, g->album, g->album_artist};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i])
			osp_buf_printf(h, "%s\n", fields[i]);
	for (size_t i = 0; i < g->n_artists; i++)
		osp_buf_printf(h, "%s\n", g->artists[i]);
	const char *slash = memrchr(t->path, '/', t->path_len);
	const char *base = slash ? slash + 1 : t->path;
	osp_buf_append(h, base, t->path_len - (size_t)(base - t->path));

	char *folded = osp_text_fold(osp_buf_str(h));
	bool all = true;
	for (size_t i = 0; all && i < w->n; i++)
		all = strstr(folded, w->v[i]) != NULL;
	free(folded);
	return all;
}

void osp_cli_words_free(struct osp_cli_words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
	osp_buf_free(&w->hay);
	*w = (struct osp_cli_words){0};
}
