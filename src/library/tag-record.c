/* The tag records themselves, apart from TagLib (tags.cc), so that the
 * programs that open TagLib only when reading files (tags-module.c) free
 * and fill them without it. */
#include "ostplay/tags.h"

#include <stdlib.h>
#include <string.h>

#include "ostplay/xalloc.h"

void osp_picture_clear(struct osp_picture *pic)
{
	free(pic->data);
	*pic = (struct osp_picture){0};
}

void osp_tags_clear(struct osp_tags *t)
{
	free(t->title);
	for (size_t i = 0; i < t->n_artists; i++)
		free(t->artists[i]);
	free(t->artists);
	free(t->album);
	free(t->album_artist);
	free(t->genre);
	free(t->comment);
	free(t->composer);
	free(t->performer);
	free(t->date);
	*t = (struct osp_tags){0};
}

void osp_tags_add_artist(struct osp_tags *t, const char *name)
{
	/* The cap also keeps this search for repeats short. */
	if (!*name || t->n_artists == OSP_TAGS_MAX_ARTISTS)
		return;
	for (size_t i = 0; i < t->n_artists; i++)
		if (strcmp(t->artists[i], name) == 0)
			return;
	t->artists = xrealloc(t->artists, (t->n_artists + 1) * sizeof(char *));
	t->artists[t->n_artists++] = xstrdup(name);
}
