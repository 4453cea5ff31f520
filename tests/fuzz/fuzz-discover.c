/*
 * The discover module, on any text: each input line is read for a drama's
 * name as a file's album or name would be, then split at tabs into an
 * entry (name, alias, title, artists...) for grouping; a line starting
 * with '!' is a rule that its name is no drama, with '=' one that joins
 * its name to its second field.  Names read from a line take the place
 * of its first two fields, as the match module stores them.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/discover.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

#define MAX_LINES 16
#define MAX_FIELDS 6

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct osp_discoverer *discoverer;

struct line {
	char *fields[MAX_FIELDS];
	size_t n_fields;
	struct osp_discovered found;
};

static void split_fields(const char *s, size_t len, struct line *l)
{
	while (l->n_fields < MAX_FIELDS) {
		const char *tab = memchr(s, '\t', len);
		size_t n = tab ? (size_t)(tab - s) : len;
		l->fields[l->n_fields++] = osp_text_clean(s, n);
		if (!tab)
			break;
		len -= n + 1;
		s = tab + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!discoverer)
		discoverer = osp_discoverer_new();
	struct osp_discoverer *d = discoverer;
	static struct line lines[MAX_LINES];
	struct osp_discover_entry e[MAX_LINES];
	struct osp_discover_rule rules[MAX_LINES];
	size_t n_lines = 0, n = 0, n_rules = 0;

	const char *s = (const char *)data;
	size_t left = size;
	while (left && n_lines < MAX_LINES) {
		const char *nl = memchr(s, '\n', left);
		size_t len = nl ? (size_t)(nl - s) : left;
		struct line *l = &lines[n_lines++];
		*l = (struct line){0};

		/* Folder names reach osp_discover_name as they are, any bytes
		 * but NUL (match.c's folders_of): "Goblin OST\xE9", a name
		 * ending inside a UTF-8 sequence, was once read past its end
		 * (corpus/discover/regression-*). */
		char *raw = xmalloc(len + 1);
		memcpy(raw, s, len);
		raw[len] = '\0';
		osp_discover_may_name(raw);
		enum osp_discover_verdict v = osp_discover_name(d, raw, &l->found);
		osp_discover_is_context(d, raw);
		free(osp_discover_key(raw));
		free(raw);

		split_fields(s, len, l);
		char *const *artists = l->n_fields > 3 ? l->fields + 3 : NULL;
		size_t n_artists = l->n_fields > 3 ? l->n_fields - 3 : 0;
		char *title = l->n_fields > 2 ? l->fields[2] : NULL;
		free(osp_discover_song_key(d, title, artists, n_artists));
		if (v == OSP_DISCOVER_NAMED) {
			if (!l->found.name[0] ||
			    !osp_text_is_utf8(l->found.name,
					      strlen(l->found.name)) ||
			    !osp_text_is_utf8(l->found.alias,
					      strlen(l->found.alias)))
				abort();
			e[n++] = (struct osp_discover_entry){
				l->found.name, l->found.alias, title,
				artists, n_artists};
		} else if (l->fields[0][0] == '!' || l->fields[0][0] == '=') {
			bool alias = l->fields[0][0] == '=' && l->n_fields > 1;
			rules[n_rules++] = (struct osp_discover_rule){
				l->fields[0] + 1,
				alias ? OSP_DISCOVER_ALIAS
				      : OSP_DISCOVER_NOT_DRAMA,
				alias ? l->fields[1] : NULL};
		} else if (l->fields[0][0]) {
			e[n++] = (struct osp_discover_entry){
				l->fields[0], l->n_fields > 1 ? l->fields[1] : NULL,
				title, artists, n_artists};
		}
		s += len + (nl != NULL);
		left -= len + (nl != NULL);
	}

	struct osp_discover_groups g;
	osp_discover_group(e, n, rules, n_rules, &g);
	for (size_t i = 0; i < n; i++) {
		if (!g.drama[i])
			continue;
		size_t j = 0;
		while (j < g.n && g.names[j] != g.drama[i])
			j++;
		if (j == g.n)
			abort();
	}
	osp_discover_groups_free(&g);
	for (size_t i = 0; i < n_lines; i++)
		for (size_t j = 0; j < lines[i].n_fields; j++)
			free(lines[i].fields[j]);
	return 0;
}
