/*
 * The matcher, on any file's name and tags against the curated catalogs:
 * splitting credits ("A & B feat. C"), reading file names and folders,
 * and discovering dramas no catalog lists.  Input lines: the path below
 * the music folder, title, artists (tab-separated), album, genre,
 * comment.  Tags are cleaned, as tags.cc leaves them.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/catalog.h"
#include "ostplay/match.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

#define MUSIC "/music/"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct osp_catalog catalog;
static struct osp_matcher *matcher;

static const char *next_line(const uint8_t **s, size_t *left, size_t *len)
{
	if (!*s)
		return NULL;
	const uint8_t *nl = memchr(*s, '\n', *left);
	*len = nl ? (size_t)(nl - *s) : *left;
	const char *line = (const char *)*s;
	*left -= *len + (nl != NULL);
	*s = nl ? nl + 1 : NULL;
	return line;
}

static char *tag(const char *s, size_t len)
{
	if (!s)
		return NULL;
	char *v = osp_text_clean(s, len);
	if (!*v) {
		free(v);
		return NULL;
	}
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!matcher) {
		osp_catalog_load_dir(&catalog, OSP_SOURCE_CATALOG_DIR, NULL,
				     NULL);
		static char music[] = "/music";
		char *dirs[] = {music};
		matcher = osp_matcher_new(&catalog, dirs, 1);
	}
	const uint8_t *s = data;
	size_t left = size, len = 0;
	struct osp_track t = {0};

	const char *line = next_line(&s, &left, &len);
	/* Paths are any bytes but NUL, as the scanner's are (see
	 * fuzz-discover.c on names that end inside a UTF-8 sequence). */
	char *name = xmalloc(len + 1);
	memcpy(name, line ? line : "", len);
	name[len] = '\0';
	name[strnlen(name, len)] = '\0';
	t.path = xasprintf(MUSIC "%s", name);
	t.path_len = strlen(t.path);
	free(name);

	line = next_line(&s, &left, &len);
	t.tags.title = tag(line, len);
	line = next_line(&s, &left, &len);
	if (line) {
		const char *p = line, *end = line + len;
		while (p <= end && t.tags.n_artists < OSP_TAGS_MAX_ARTISTS) {
			const char *tab = memchr(p, '\t', (size_t)(end - p));
			const char *stop = tab ? tab : end;
			char *a = tag(p, (size_t)(stop - p));
			if (a)
				osp_tags_add_artist(&t.tags, a);
			free(a);
			p = stop + 1;
		}
	}
	line = next_line(&s, &left, &len);
	t.tags.album = tag(line, len);
	line = next_line(&s, &left, &len);
	t.tags.genre = tag(line, len);
	line = next_line(&s, &left, &len);
	t.tags.comment = tag(line, len);

	struct osp_match m;
	struct osp_buf explain = {0};
	osp_matcher_match(matcher, &t, &m, &explain);
	if (m.drama < -1 || m.drama >= (int)catalog.n_dramas ||
	    (m.drama >= 0 && m.song >= (int)catalog.dramas[m.drama].n_songs) ||
	    m.confidence < 0 || m.confidence > 1 ||
	    !osp_text_is_utf8(m.found.name, strlen(m.found.name)))
		abort();
	osp_buf_free(&explain);
	char *stem, *artist, *title;
	osp_match_file_name(&t, &stem, &artist, &title);
	free(stem);
	free(artist);
	free(title);
	free(t.path);
	osp_tags_clear(&t.tags);
	return 0;
}
