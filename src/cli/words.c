/* Query words: which library tracks `tracks QUERY`, `fav QUERY` and
 * `play --track QUERY` name.  A word is found as a part of a track's
 * folded text, as it always was; one that is not may still be found with
 * the words next to it (a run) in the ways struct osp_cli_run keeps.
 * Those cost more, so they are tried only for a word not found as it is,
 * each after a quick test, and a track's text is split or keyed only
 * when one needs it. */
#include <stdlib.h>
#include <string.h>

#include "ostplay/cli.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

/* Most words a run can span and still be one name: "I Will Go to You
 * Like the First Snow" is nine. */
#define MAX_RUN 12

/* A run of query words, and the other ways it may be found in a track. */
struct osp_cli_run {
	size_t first, last;	/* the words it spans */
	char *compact;		/* the words joined, osp_text_compact */
	bool spaced;		/* ... which is not what the words say alone:
				 * "baek ye-rin" may be "Baek Yerin" */
	char **names;		/* compact names of the catalog performers or
				 * songs it names, its own among them */
	size_t n_names, cap_names;
	char *sound;		/* osp_text_sound_key of the words when they
				 * may be heard in another script, or NULL */
	bool hangul;		/* ... they are Hangul, to hear in Latin words
				 * (else Latin, to hear in Hangul) */
};

/* One track's text in the forms matching needs, each made when first
 * needed: most tracks are settled by the folded text. */
struct osp_cli_hay {
	struct osp_buf text;	/* title, album, ..., file name: a line each */
	char *folded;
	char *compact;		/* osp_text_compact_folded of `folded` once
				 * compacted: NULL for more than ASCII and
				 * Hangul */
	bool compacted;
	struct osp_tokens tokens;
	bool tokenized;
	char *latin, *hangul;	/* sound keys of its Latin words and of its
				 * Hangul, or NULL when not made yet */
	bool *covered;		/* by word: found, alone or in a run */
	bool *tried;		/* by run */
};

static void add_name(struct osp_cli_run *r, const char *name)
{
	for (size_t i = 0; i < r->n_names; i++)
		if (strcmp(r->names[i], name) == 0)
			return;
	r->names = xgrow(r->names, &r->cap_names, r->n_names + 1,
			 sizeof(char *));
	r->names[r->n_names++] = xstrdup(name);
}

/* The compact forms of a performer's or song's names (`name` and its
 * `aliases`), with the romanisation of those in Hangul, into `keys`
 * (room for 2 * (n_aliases + 1)); returns how many. */
static size_t name_keys(const char *name, char *const *aliases,
			size_t n_aliases, char **keys)
{
	size_t n = 0;
	for (size_t i = 0; i <= n_aliases; i++) {
		const char *s = i ? aliases[i - 1] : name;
		keys[n++] = osp_text_compact(s);
		char *roman = osp_text_romanize(s);
		if (roman) {
			keys[n++] = osp_text_compact(roman);
			free(roman);
		}
	}
	return n;
}

/* When one of a performer's or song's names is what a run of the words
 * says, gives the run all of them. */
static void take_names(struct osp_cli_words *w, const char *name,
		       char *const *aliases, size_t n_aliases)
{
	char **keys = xcalloc(2 * (n_aliases + 1), sizeof(char *));
	size_t n = name_keys(name, aliases, n_aliases, keys);
	for (size_t r = 0; r < w->n_runs; r++) {
		struct osp_cli_run *run = &w->runs[r];
		bool named = false;
		for (size_t i = 0; i < n && !named && *run->compact; i++)
			named = strcmp(keys[i], run->compact) == 0;
		for (size_t i = 0; named && i < n; i++)
			if (*keys[i])
				add_name(run, keys[i]);
	}
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
}

static void take_performers(struct osp_cli_words *w,
			    const struct osp_performer *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		take_names(w, p[i].name, p[i].aliases, p[i].n_aliases);
}

/* Gives each run of words the names of what it names in the catalog:
 * "윤미래" is Yoon Mi-rae, also spelt "Yoon Mirae"; "이 사랑" is the song
 * "This Love". */
static void find_names(struct osp_cli_words *w, const struct osp_catalog *c)
{
	for (size_t d = 0; d < c->n_dramas; d++) {
		const struct osp_drama *dr = &c->dramas[d];
		for (size_t s = 0; s < dr->n_songs; s++) {
			const struct osp_song *so = &dr->songs[s];
			take_names(w, so->title, so->aliases, so->n_aliases);
			take_performers(w, so->performers, so->n_performers);
		}
		take_performers(w, dr->performers, dr->n_performers);
	}
}

/* Gives a run its sound key when it is all Hangul (of two syllables at
 * least: one is too little to go by) or all Latin.  Only names met
 * across scripts are compared by sound: Latin with Latin stays exact, so
 * "park" does not find "Bak". */
static void find_sound(struct osp_cli_run *r, char *const *args)
{
	size_t n_hangul = 0;
	for (size_t i = r->first; i <= r->last; i++)
		n_hangul += osp_text_has_hangul(args[i]);
	size_t n = r->last - r->first + 1;
	if (n_hangul && n_hangul < n)
		return;
	r->hangul = n_hangul > 0;
	struct osp_buf b = {0};
	osp_buf_join(&b, args + r->first, n, " ");
	r->sound = osp_text_sound_key(osp_buf_str(&b),
				      OSP_SOUND_LATIN | OSP_SOUND_HANGUL);
	osp_buf_free(&b);
	size_t letters = strcspn(r->sound, " -");
	if (!*r->sound || (r->hangul && !r->sound[letters])) {
		free(r->sound);
		r->sound = NULL;
	}
}

static void free_run(struct osp_cli_run *r)
{
	for (size_t i = 0; i < r->n_names; i++)
		free(r->names[i]);
	free(r->names);
	free(r->compact);
	free(r->sound);
}

/* Every run of up to MAX_RUN words, then only those with another way to
 * be found. */
static void find_runs(struct osp_cli_words *w, char *const *args,
		      const struct osp_catalog *c)
{
	for (size_t i = 0; i < w->n; i++)
		for (size_t j = i; j < w->n && j - i < MAX_RUN; j++) {
			struct osp_buf b = {0};
			osp_buf_join(&b, args + i, j - i + 1, " ");
			w->runs = xrealloc(w->runs, (w->n_runs + 1) *
						    sizeof(*w->runs));
			struct osp_cli_run *r = &w->runs[w->n_runs++];
			*r = (struct osp_cli_run){
				.first = i, .last = j,
				.compact = osp_text_compact(osp_buf_str(&b))};
			r->spaced = *r->compact &&
				    (j > i || strcmp(r->compact, w->v[i]) != 0);
			osp_buf_free(&b);
		}
	find_names(w, c);
	size_t kept = 0;
	for (size_t r = 0; r < w->n_runs; r++) {
		find_sound(&w->runs[r], args);
		if (w->runs[r].n_names || w->runs[r].sound ||
		    w->runs[r].spaced)
			w->runs[kept++] = w->runs[r];
		else
			free_run(&w->runs[r]);
	}
	w->n_runs = kept;
}

void osp_cli_words_init(struct osp_cli_words *w, struct osp_cli *cli,
			char *const *args, size_t n)
{
	*w = (struct osp_cli_words){0};
	char **kept = xcalloc(n + 1, sizeof(char *));	/* args not blank */
	for (size_t i = 0; i < n; i++) {
		char *folded = osp_text_fold(args[i]);
		if (*folded) {
			w->v = xrealloc(w->v, (w->n + 1) * sizeof(char *));
			kept[w->n] = args[i];
			w->v[w->n++] = folded;
		} else {
			free(folded);
		}
	}
	if (w->n)
		find_runs(w, kept, osp_cli_catalog(cli));
	free(kept);
	w->hay = xcalloc(1, sizeof(*w->hay));
	w->hay->covered = xcalloc(w->n + 1, sizeof(bool));
	w->hay->tried = xcalloc(w->n_runs + 1, sizeof(bool));
}

/* Whether the compact `key` is the hay's words from the start of one,
 * joined, and ends where one does; a key ending in a script that writes
 * words together (Hangul, Han, kana) may end inside one: "윤미래의". */
static bool hay_has_words(const struct osp_tokens *t, const char *key)
{
	size_t len = strlen(key);
	bool open_end = (unsigned char)key[len - 1] >= 0x80;
	for (size_t i = 0; i < t->n; i++) {
		const char *k = key;
		for (size_t j = i; j < t->n && t->v[j][0] == *k; j++) {
			size_t rest = strlen(k), n = strlen(t->v[j]);
			if (rest < n) {
				if (open_end && memcmp(k, t->v[j], rest) == 0)
					return true;
				break;
			}
			if (memcmp(k, t->v[j], n) != 0)
				break;
			k += n;
			if (!*k)
				return true;
		}
	}
	return false;
}

/* The hay's sound key of `parts`, made on first use: Latin words for
 * Hangul queries, Hangul (when it has any) for Latin ones. */
static const char *hay_sound(struct osp_cli_hay *h, unsigned parts)
{
	char **key = parts == OSP_SOUND_LATIN ? &h->latin : &h->hangul;
	if (!*key)
		*key = parts == OSP_SOUND_HANGUL &&
				       !osp_text_has_hangul(h->folded)
			       ? xstrdup("")
			       : osp_text_sound_key(h->folded, parts);
	return *key;
}

/* A quick test for words_found: false when no name of `r` (nor its
 * words, spaced) is in the hay with all spacing and punctuation gone. */
static bool may_have_words(struct osp_cli_hay *h, const struct osp_cli_run *r)
{
	if (!h->compacted) {
		h->compact = osp_text_compact_folded(h->folded);
		h->compacted = true;
	}
	if (!h->compact)
		return true;	/* more than ASCII and Hangul: no quick test */
	if (r->spaced && strstr(h->compact, r->compact))
		return true;
	for (size_t i = 0; i < r->n_names; i++)
		if (strstr(h->compact, r->names[i]))
			return true;
	return false;
}

static bool words_found(struct osp_cli_hay *h, const struct osp_cli_run *r)
{
	if (!h->tokenized) {
		osp_text_tokens(osp_buf_str(&h->text), &h->tokens);
		h->tokenized = true;
	}
	if (r->spaced && hay_has_words(&h->tokens, r->compact))
		return true;
	for (size_t i = 0; i < r->n_names; i++)
		if (hay_has_words(&h->tokens, r->names[i]))
			return true;
	return false;
}

static bool sound_found(struct osp_cli_hay *h, const struct osp_cli_run *r)
{
	if (r->hangul ? !osp_text_sound_may_be_in(r->sound, h->folded)
		      : !osp_text_sound_may_start(r->sound, h->folded))
		return false;
	return osp_text_sound_match(r->sound,
				    hay_sound(h, r->hangul ? OSP_SOUND_LATIN
							  : OSP_SOUND_HANGUL));
}

static bool run_found(struct osp_cli_hay *h, const struct osp_cli_run *r)
{
	if ((r->spaced || r->n_names) && may_have_words(h, r) &&
	    words_found(h, r))
		return true;
	return r->sound && sound_found(h, r);
}

/* Whether word `i`, not found alone, is in a run found another way;
 * marks every word of such a run found. */
static bool found_in_run(struct osp_cli_words *w, size_t i)
{
	struct osp_cli_hay *h = w->hay;
	for (size_t r = 0; r < w->n_runs; r++) {
		const struct osp_cli_run *run = &w->runs[r];
		if (run->first > i || run->last < i || h->tried[r])
			continue;
		h->tried[r] = true;
		if (!run_found(h, run))
			continue;
		for (size_t j = run->first; j <= run->last; j++)
			h->covered[j] = true;
		return true;
	}
	return false;
}

static void read_hay(struct osp_cli_hay *h, const struct osp_track *t)
{
	const struct osp_tags *g = &t->tags;
	osp_buf_truncate(&h->text, 0);
	const char *fields[] = {g->title, g->album, g->album_artist};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i]) {
			osp_buf_puts(&h->text, fields[i]);
			osp_buf_putc(&h->text, '\n');
		}
	for (size_t i = 0; i < g->n_artists; i++) {
		osp_buf_puts(&h->text, g->artists[i]);
		osp_buf_putc(&h->text, '\n');
	}
	const char *slash = memrchr(t->path, '/', t->path_len);
	const char *base = slash ? slash + 1 : t->path;
	osp_buf_append(&h->text, base, t->path_len - (size_t)(base - t->path));
	free(h->folded);
	h->folded = osp_text_fold(osp_buf_str(&h->text));
	h->tokenized = false;
	free(h->compact);
	h->compact = NULL;
	h->compacted = false;
	free(h->latin);
	free(h->hangul);
	h->latin = h->hangul = NULL;
}

bool osp_cli_words_match(struct osp_cli_words *w, const struct osp_track *t)
{
	if (!w->n)
		return true;
	struct osp_cli_hay *h = w->hay;
	read_hay(h, t);
	memset(h->covered, 0, w->n * sizeof(bool));
	memset(h->tried, 0, w->n_runs * sizeof(bool));
	for (size_t i = 0; i < w->n; i++)
		if (!h->covered[i] && !strstr(h->folded, w->v[i]) &&
		    !found_in_run(w, i))
			return false;
	return true;
}

void osp_cli_words_free(struct osp_cli_words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
	for (size_t r = 0; r < w->n_runs; r++)
		free_run(&w->runs[r]);
	free(w->runs);
	if (w->hay) {
		osp_buf_free(&w->hay->text);
		free(w->hay->folded);
		free(w->hay->compact);
		free(w->hay->latin);
		free(w->hay->hangul);
		osp_tokens_free(&w->hay->tokens);
		free(w->hay->covered);
		free(w->hay->tried);
		free(w->hay);
	}
	*w = (struct osp_cli_words){0};
}
