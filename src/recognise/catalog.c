#include "ostplay/catalog.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ostplay/buf.h"
#include "ostplay/hash.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"
#include "ostplay/xspf.h"

static bool is_ours(const struct osp_xml_node *n, const char *name)
{
	return n->ns && strcmp(n->ns, OSP_CATALOG_NS) == 0 &&
	       strcmp(n->name, name) == 0;
}

static void add_string(char ***v, size_t *n, const char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(char *));
	(*v)[(*n)++] = xstrdup(s);
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static bool bad(struct osp_error *err, const char *path, int line,
		const char *what)
{
	return osp_fail(err, OSP_ERR_INVALID, "%s:%d: %s", path, line, what);
}

/* <alias> children of `n` go to (*v, *n_v); anything else unknown is an
 * error, as it is most likely a misspelt element. */
static bool read_aliases(const struct osp_xml_node *n, const char *path,
			 const char *also_allowed, char ***v, size_t *n_v,
			 struct osp_error *err)
{
	for (size_t i = 0; i < n->n_children; i++) {
		const struct osp_xml_node *c = &n->children[i];
		if (is_ours(c, "alias")) {
			if (!*c->text)
				return bad(err, path, c->line, "empty <alias>");
			add_string(v, n_v, c->text);
		} else if (!also_allowed || !is_ours(c, also_allowed)) {
			char what[200];
			snprintf(what, sizeof(what),
				 "unknown element <%s> in <%s>", c->name,
				 n->name);
			return bad(err, path, c->line, what);
		}
	}
	return true;
}

static void free_performer(struct osp_performer *p)
{
	free(p->name);
	free_strings(p->aliases, p->n_aliases);
}

static void free_song(struct osp_song *s)
{
	free(s->title);
	free_strings(s->aliases, s->n_aliases);
	for (size_t i = 0; i < s->n_performers; i++)
		free_performer(&s->performers[i]);
	free(s->performers);
}

static void free_drama(struct osp_drama *d)
{
	free(d->title);
	free_strings(d->aliases, d->n_aliases);
	free(d->network);
	free(d->country);
	for (size_t i = 0; i < d->n_songs; i++)
		free_song(&d->songs[i]);
	free(d->songs);
	for (size_t i = 0; i < d->n_performers; i++)
		free_performer(&d->performers[i]);
	free(d->performers);
	free(d->file);
}

static const struct osp_xml_node *our_extension(
	const struct osp_xspf_extension *exts, size_t n, const char *element)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(exts[i].application, OSP_CATALOG_NS) != 0)
			continue;
		for (size_t j = 0; j < exts[i].n_nodes; j++)
			if (is_ours(&exts[i].nodes[j], element))
				return &exts[i].nodes[j];
	}
	return NULL;
}

/* The <performer> children of `n`. */
static bool read_performers(const struct osp_xml_node *n, const char *path,
			    struct osp_performer **v, size_t *n_v,
			    struct osp_error *err)
{
	for (size_t i = 0; i < n->n_children; i++) {
		const struct osp_xml_node *c = &n->children[i];
		if (!is_ours(c, "performer"))
			continue;
		const char *name = osp_xml_attr(c, "name");
		if (!name || !*name)
			return bad(err, path, c->line,
				   "<performer> without a name attribute");
		*v = xrealloc(*v, (*n_v + 1) * sizeof(**v));
		struct osp_performer *p = &(*v)[(*n_v)++];
		*p = (struct osp_performer){.name = xstrdup(name)};
		if (!read_aliases(c, path, NULL, &p->aliases, &p->n_aliases,
				  err))
			return false;
	}
	return true;
}

static bool read_song(const struct osp_xspf_track *t, const char *path,
		      struct osp_song *s, struct osp_error *err)
{
	*s = (struct osp_song){0};
	if (!t->title)
		return bad(err, path, t->line, "a <track> without a <title>");
	s->title = xstrdup(t->title);
	const struct osp_xml_node *n = our_extension(t->exts, t->n_exts, "song");
	if (!n)
		return true;	/* a title alone: performers unknown */
	const char *part = osp_xml_attr(n, "part");
	const char *inst = osp_xml_attr(n, "instrumental");
	s->part = part ? atoi(part) : 0;
	s->instrumental = inst && strcmp(inst, "true") == 0;
	if (!read_aliases(n, path, "performer", &s->aliases, &s->n_aliases,
			  err))
		return false;
	return read_performers(n, path, &s->performers, &s->n_performers, err);
}

static bool read_drama(const struct osp_xspf *x, struct osp_drama *d,
		       struct osp_error *err)
{
	*d = (struct osp_drama){.file = xstrdup(x->path)};
	if (!x->title)
		return osp_fail(err, OSP_ERR_INVALID,
				"%s: the playlist has no <title> (the drama's "
				"name)", x->path);
	d->title = xstrdup(x->title);
	const struct osp_xml_node *n = our_extension(x->exts, x->n_exts, "drama");
	if (n) {
		const char *year = osp_xml_attr(n, "year");
		const char *network = osp_xml_attr(n, "network");
		const char *country = osp_xml_attr(n, "country");
		if (year) {
			char *end;
			long y = strtol(year, &end, 10);
			if (*end || y < 1900 || y > 2100)
				return bad(err, x->path, n->line,
					   "year is not a year");
			d->year = (int)y;
		}
		d->network = network && *network ? xstrdup(network) : NULL;
		d->country = country && *country ? xstrdup(country) : NULL;
		if (!read_aliases(n, x->path, "performer", &d->aliases,
				  &d->n_aliases, err) ||
		    !read_performers(n, x->path, &d->performers,
				     &d->n_performers, err))
			return false;
	}
	d->songs = xcalloc(x->n_tracks + 1, sizeof(*d->songs));
	for (size_t i = 0; i < x->n_tracks; i++) {
		bool ok = read_song(&x->tracks[i], x->path, &d->songs[i], err);
		d->n_songs = i + 1;
		if (!ok)
			return false;
	}
	return true;
}

/* The compact keys of `d`'s names: its title's, then its aliases'. */
static char **drama_keys(const struct osp_drama *d)
{
	char **keys = xmalloc((d->n_aliases + 1) * sizeof(*keys));
	keys[0] = osp_text_compact(d->title);
	for (size_t i = 0; i < d->n_aliases; i++)
		keys[i + 1] = osp_text_compact(d->aliases[i]);
	return keys;
}

static bool has_key(const struct osp_catalog *c, size_t drama,
		    const char *key)
{
	for (size_t i = 0; i < c->n_keys; i++)
		if (c->keys[i].drama == drama && strcmp(c->keys[i].key, key) == 0)
			return true;
	return false;
}

/* Files about one drama merge: the drama loaded that has one of the
 * (non-empty) `keys` among its names, or -1. */
static long keyed_drama(const struct osp_catalog *c, char *const *keys,
			size_t n_keys)
{
	for (size_t k = 0; k < n_keys; k++)
		for (size_t i = 0; *keys[k] && i < c->n_keys; i++)
			if (strcmp(c->keys[i].key, keys[k]) == 0)
				return (long)c->keys[i].drama;
	return -1;
}

/* Records `key` (taken) as a name of drama `drama`, once. */
static void add_key(struct osp_catalog *c, size_t drama, char *key)
{
	if (has_key(c, drama, key)) {
		free(key);
		return;
	}
	c->keys = xrealloc(c->keys, (c->n_keys + 1) * sizeof(*c->keys));
	c->keys[c->n_keys++] = (struct osp_catalog_key){key, drama};
}

/* Folds the names of the dramas that came without them (from a compiled
 * catalog, see catalog-cache.h) for the next file to merge with. */
static void index_names(struct osp_catalog *c)
{
	for (; c->n_keyed < c->n_dramas; c->n_keyed++) {
		const struct osp_drama *d = &c->dramas[c->n_keyed];
		if (d->discovered)
			continue;
		char **keys = drama_keys(d);
		for (size_t i = 0; i <= d->n_aliases; i++)
			add_key(c, c->n_keyed, keys[i]);
		free(keys);
	}
}

static char **copy_strings(char *const *v, size_t n)
{
	char **copy = xcalloc(n + 1, sizeof(*copy));
	for (size_t i = 0; i < n; i++)
		copy[i] = xstrdup(v[i]);
	return copy;
}

static struct osp_performer *copy_performers(const struct osp_performer *p,
					     size_t n)
{
	struct osp_performer *copy = xcalloc(n + 1, sizeof(*copy));
	for (size_t i = 0; i < n; i++)
		copy[i] = (struct osp_performer){
			.name = xstrdup(p[i].name),
			.aliases = copy_strings(p[i].aliases, p[i].n_aliases),
			.n_aliases = p[i].n_aliases};
	return copy;
}

static char *copy_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Gives a drama read from the cache memory of its own, so that it can
 * grow like any other (its strings and arrays are the cache's). */
static void own_drama(struct osp_drama *d)
{
	if (!d->cached)
		return;
	d->cached = false;
	d->title = xstrdup(d->title);
	d->aliases = copy_strings(d->aliases, d->n_aliases);
	d->network = copy_or_null(d->network);
	d->country = copy_or_null(d->country);
	d->file = copy_or_null(d->file);
	d->performers = copy_performers(d->performers, d->n_performers);
	struct osp_song *songs = xcalloc(d->n_songs + 1, sizeof(*songs));
	for (size_t i = 0; i < d->n_songs; i++) {
		const struct osp_song *s = &d->songs[i];
		songs[i] = *s;
		songs[i].title = xstrdup(s->title);
		songs[i].aliases = copy_strings(s->aliases, s->n_aliases);
		songs[i].performers = copy_performers(s->performers,
						      s->n_performers);
	}
	d->songs = songs;
}

/* Moves what `d` adds into drama `at`: new aliases (its title too, named
 * by keys[0]; alias i by keys[i + 1]), new songs. */
static void extend_drama(struct osp_catalog *c, size_t at,
			 struct osp_drama *d, char *const *keys)
{
	struct osp_drama *k = &c->dramas[at];
	own_drama(k);
	for (size_t i = 0; i <= d->n_aliases; i++)
		if (!has_key(c, at, keys[i]))
			add_string(&k->aliases, &k->n_aliases,
				   i ? d->aliases[i - 1] : d->title);
	if (!k->year)
		k->year = d->year;
	k->songs = xrealloc(k->songs, (k->n_songs + d->n_songs + 1) *
					      sizeof(*k->songs));
	if (d->n_songs)	/* memcpy from NULL is undefined even for 0 bytes */
		memcpy(k->songs + k->n_songs, d->songs,
		       d->n_songs * sizeof(*d->songs));
	k->n_songs += d->n_songs;
	d->n_songs = 0;	/* moved */
	k->performers = xrealloc(k->performers,
				 (k->n_performers + d->n_performers + 1) *
					 sizeof(*k->performers));
	if (d->n_performers)
		memcpy(k->performers + k->n_performers, d->performers,
		       d->n_performers * sizeof(*d->performers));
	k->n_performers += d->n_performers;
	d->n_performers = 0;
}

bool osp_catalog_load_file(struct osp_catalog *c, const char *path,
			   struct osp_error *err)
{
	struct osp_xspf x;
	if (!osp_xspf_read(path, &x, err))
		return false;
	struct osp_drama d;
	bool ok = read_drama(&x, &d, err);
	osp_xspf_free(&x);
	if (!ok) {
		free_drama(&d);
		return false;
	}
	index_names(c);
	char **keys = drama_keys(&d);
	size_t n_keys = d.n_aliases + 1;
	long at = keyed_drama(c, keys, n_keys);
	if (at >= 0) {
		extend_drama(c, (size_t)at, &d, keys);
		free_drama(&d);
	} else {
		c->dramas = xrealloc(c->dramas,
				     (c->n_dramas + 1) * sizeof(*c->dramas));
		at = (long)c->n_dramas;
		c->dramas[c->n_dramas++] = d;
	}
	for (size_t i = 0; i < n_keys; i++)
		add_key(c, (size_t)at, keys[i]);
	free(keys);
	c->n_keyed = c->n_dramas;
	struct stat st;
	if (stat(path, &st) == 0) {
		int64_t stamp[2] = {st.st_size,
				    st.st_mtim.tv_sec * 1000000000LL +
					    st.st_mtim.tv_nsec};
		uint64_t h = c->fingerprint ? c->fingerprint : OSP_HASH_START;
		h = osp_hash_bytes(h, path, strlen(path) + 1);
		c->fingerprint = osp_hash_bytes(h, stamp, sizeof(stamp));
	}
	return true;
}

struct osp_drama *osp_catalog_add_discovered(struct osp_catalog *c,
					     const char *title)
{
	long at = osp_catalog_title_index(c, title);
	if (at >= 0)
		return c->dramas[at].discovered ? &c->dramas[at] : NULL;
	c->dramas = xrealloc(c->dramas, (c->n_dramas + 1) * sizeof(*c->dramas));
	struct osp_drama *d = &c->dramas[c->n_dramas++];
	*d = (struct osp_drama){.title = xstrdup(title), .discovered = true};
	return d;
}

void osp_drama_add_alias(struct osp_drama *d, const char *alias)
{
	if (strcmp(d->title, alias) == 0)
		return;
	for (size_t i = 0; i < d->n_aliases; i++)
		if (strcmp(d->aliases[i], alias) == 0)
			return;
	add_string(&d->aliases, &d->n_aliases, alias);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t osp_catalog_list_dir(const char *dir, char ***paths)
{
	*paths = NULL;
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	size_t n = 0, cap = 0, dir_len = strlen(dir);
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 6 ||
		    strcmp(de->d_name + len - 5, ".xspf") != 0)
			continue;
		/* Joined by hand: every command lists the catalogs. */
		char *path = xmalloc(dir_len + 1 + len + 1);
		memcpy(path, dir, dir_len);
		path[dir_len] = '/';
		memcpy(path + dir_len + 1, de->d_name, len + 1);
		*paths = xgrow(*paths, &cap, n + 1, sizeof(char *));
		(*paths)[n++] = path;
	}
	closedir(d);
	if (n)	/* an empty folder has no array, and qsort wants one */
		qsort(*paths, n, sizeof(char *), compare_names);
	return n;
}

size_t osp_catalog_load_dir(struct osp_catalog *c, const char *dir,
			    osp_catalog_error_fn *on_error, void *ctx)
{
	char **paths;
	size_t n = osp_catalog_list_dir(dir, &paths), loaded = 0;
	for (size_t i = 0; i < n; i++) {
		struct osp_error err = {0};
		if (osp_catalog_load_file(c, paths[i], &err))
			loaded++;
		else if (on_error)
			on_error(ctx, &err);
		free(paths[i]);
	}
	free(paths);
	return loaded;
}

void osp_catalog_free(struct osp_catalog *c)
{
	for (size_t i = 0; i < c->n_dramas; i++)
		if (!c->dramas[i].cached)
			free_drama(&c->dramas[i]);
	free(c->dramas);
	for (size_t i = 0; i < c->n_keys; i++)
		free(c->keys[i].key);
	free(c->keys);
	for (size_t i = 0; i < c->n_blocks; i++)
		free(c->blocks[i]);
	free(c->blocks);
	*c = (struct osp_catalog){0};
}

/* A number written in a name: its digits without leading zeros (pointing
 * into the name's words, so not NUL-terminated), or a roman numeral's
 * value. */
struct num {
	const char *s;
	size_t len;
};

/* A name taken apart once for comparing with others. */
struct parsed {
	char *key;		/* osp_text_compact's */
	struct osp_tokens words;
	struct num *nums;	/* every number written in it, in order */
	size_t n_nums, cap_nums;
	bool ends_in_number;	/* its last word ends in nums[n_nums - 1] */
};

/* The value of a word that is a roman numeral from II to IX, or NULL.  I,
 * V and X alone are words or letters as often as numbers ("I'm Sorry, I
 * Love You"), and XI and up, rare in titles, would take the pinyin "xi". */
static const char *roman_value(const char *w)
{
	static const char *const numerals[][2] = {
		{"ii", "2"}, {"iii", "3"}, {"iv", "4"}, {"vi", "6"},
		{"vii", "7"}, {"viii", "8"}, {"ix", "9"},
	};
	for (size_t i = 0; i < sizeof(numerals) / sizeof(numerals[0]); i++)
		if (strcmp(w, numerals[i][0]) == 0)
			return numerals[i][1];
	return NULL;
}

static struct num digits(const char *s, size_t len)
{
	while (len > 1 && *s == '0')	/* "02" is 2 */
		s++, len--;
	return (struct num){s, len};
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';	/* NFKC made full-width ones so */
}

/* Whether the word `w` is a number, all digits or a roman numeral; its
 * value goes to `*x`. */
static bool number_word(const char *w, struct num *x)
{
	const char *r = roman_value(w);
	size_t len = strspn(w, "0123456789");
	if (r)
		*x = (struct num){r, 1};
	else if (len && !w[len])
		*x = digits(w, len);
	return r || (len && !w[len]);
}

static bool same_num(const struct num *a, const struct num *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

static void add_num(struct parsed *p, struct num x)
{
	p->nums = xgrow(p->nums, &p->cap_nums, p->n_nums + 1, sizeof(*p->nums));
	p->nums[p->n_nums++] = x;
}

/* Numbers are runs of digits anywhere in a word ("take2", "ep02"), and
 * words that are roman numerals. */
static void parse(const char *name, struct parsed *p)
{
	*p = (struct parsed){0};
	osp_text_tokens(name, &p->words);
	struct osp_buf key = {0};
	for (size_t i = 0; i < p->words.n; i++) {
		const char *w = p->words.v[i];
		osp_buf_puts(&key, w);
		const char *r = roman_value(w);
		p->ends_in_number = r != NULL;
		if (r) {
			add_num(p, (struct num){r, 1});
			continue;
		}
		for (const char *s = w; *s; s++) {
			if (!is_digit(*s))
				continue;
			size_t len = strspn(s, "0123456789");
			add_num(p, digits(s, len));
			s += len - 1;
			p->ends_in_number = !s[1];
		}
	}
	p->key = xstrdup(osp_buf_str(&key));
	osp_buf_free(&key);
}

static void parsed_free(struct parsed *p)
{
	free(p->key);
	osp_tokens_free(&p->words);
	free(p->nums);
}

static bool has_num(const struct parsed *p, const struct num *x)
{
	for (size_t i = 0; i < p->n_nums; i++)
		if (same_num(&p->nums[i], x))
			return true;
	return false;
}

/* Whether every number written in `q` is one of `n`'s; with `open`, one
 * that `q` ends in may be unfinished ("reply 19") and is let through. */
static bool numbers_in(const struct parsed *q, const struct parsed *n,
		       bool open)
{
	size_t k = q->n_nums;
	if (open && q->ends_in_number)
		k--;
	for (size_t i = 0; i < k; i++)
		if (!has_num(n, &q->nums[i]))
			return false;
	return true;
}

static bool same_word(const char *a, const char *b)
{
	struct num x, y;
	if (number_word(a, &x) && number_word(b, &y))
		return same_num(&x, &y);
	return strcmp(a, b) == 0;
}

/* Whether the words of `q` are all words of `n`, in order ("full house 2"
 * of "Full House Take 2"). */
static bool words_in_order(const struct parsed *q, const struct parsed *n)
{
	size_t j = 0;
	for (size_t i = 0; i < q->words.n; i++) {
		const char *w = q->words.v[i];
		while (j < n->words.n && !same_word(w, n->words.v[j]))
			j++;
		if (j++ == n->words.n)
			return false;
	}
	return q->words.n > 0;
}

/* Whether `key` is within a typo or two of `k` (one per six letters). */
static bool near(const char *k, const char *key)
{
	size_t cap = strlen(key) / 6;
	return cap > 0 && osp_text_edit_distance(k, key, cap, NULL) <= cap;
}

enum fit { FIT_SAME, FIT_BEGINNING, FIT_WORDS, FIT_TYPO, FIT_NONE };

/* How a drama's name `n` fits the name `q` a user typed: the same, ignoring
 * case, width, spaces and punctuation; a beginning of it; its words, some
 * left out; a close spelling.  The numbers `q` writes must be `n`'s in
 * every case ("Reply 1994" is not Reply 1997, "Dream High 2" not Dream
 * High); numbers of `n` that `q` leaves out are left out with a part of it
 * ("reply" or "reply 19" for Reply 1997, "garden" for Meteor Garden
 * (2018)), never in a typo. */
static enum fit fit(const struct parsed *q, const struct parsed *n)
{
	bool given = numbers_in(q, n, false);
	bool same = given && numbers_in(n, q, false);
	if (same && strcmp(n->key, q->key) == 0)
		return FIT_SAME;
	if (strncmp(n->key, q->key, strlen(q->key)) == 0 &&
	    numbers_in(q, n, true))
		return FIT_BEGINNING;
	if (given && words_in_order(q, n))
		return FIT_WORDS;
	if (same && near(n->key, q->key))
		return FIT_TYPO;
	return FIT_NONE;
}

typedef double remoteness_fn(const struct parsed *q, const struct parsed *n);

/* The name `name` against `q`, and its romanisation: the lesser of `fn`
 * for the two. */
static double name_vs(const char *name, const struct parsed *q,
		      remoteness_fn *fn)
{
	struct parsed n;
	parse(name, &n);
	double v = fn(q, &n);
	parsed_free(&n);
	char *r = osp_text_romanize(name);
	if (r) {
		parse(r, &n);
		double w = fn(q, &n);
		v = w < v ? w : v;
		parsed_free(&n);
		free(r);
	}
	return v;
}

/* The least of name_vs over the title and aliases of `d`. */
static double drama_vs(const struct osp_drama *d, const struct parsed *q,
		       remoteness_fn *fn)
{
	double best = name_vs(d->title, q, fn);
	for (size_t a = 0; a < d->n_aliases; a++) {
		double v = name_vs(d->aliases[a], q, fn);
		best = v < best ? v : best;
	}
	return best;
}

/* fit as a remoteness, for drama_vs: the better tier, the nearer. */
static double fit_rank(const struct parsed *q, const struct parsed *n)
{
	return fit(q, n);
}

long osp_catalog_title_index(const struct osp_catalog *c, const char *title)
{
	for (size_t i = 0; i < c->n_dramas; i++)
		if (strcmp(c->dramas[i].title, title) == 0)
			return (long)i;
	return -1;
}

size_t osp_catalog_find(const struct osp_catalog *c, const char *name,
			size_t *found, size_t max)
{
	struct parsed q;
	parse(name, &q);
	/* The dramas that fit best, if any fit: exact names first. */
	double best = FIT_NONE;
	size_t n = 0;
	for (size_t i = 0; i < c->n_dramas && *q.key; i++) {
		double f = drama_vs(&c->dramas[i], &q, fit_rank);
		if (f > best || f == FIT_NONE)
			continue;
		if (f < best)
			n = 0;
		best = f;
		if (n < max)
			found[n] = i;
		n++;
	}
	parsed_free(&q);
	return n;
}

/* The share of `q`'s letters in words that `n` has too. */
static double shared_words(const struct parsed *q, const struct parsed *n)
{
	size_t shared = 0, all = 0;
	for (size_t i = 0; i < q->words.n; i++) {
		size_t len = strlen(q->words.v[i]);
		all += len;
		for (size_t j = 0; j < n->words.n; j++)
			if (same_word(q->words.v[i], n->words.v[j])) {
				shared += len;
				break;
			}
	}
	return all ? (double)shared / (double)all : 0;
}

/* Farther than this, a name is no longer a likely slip for another: half
 * its letters wrong, "Goblins and more" for Goblin.  Dramas not in the
 * catalogs ("Crash Landing on You", "Hotel del Luna") are all farther. */
#define SUGGEST_LIMIT 0.5

/* How far `n` is from `q`, about 0 to 1: the edits between their keys per
 * letter, or (a little more) those between `q` and a beginning of `n`,
 * less a share for the words they have in common ("Sun Descendants"). */
static double remoteness(const struct parsed *q, const struct parsed *n)
{
	size_t lq = strlen(q->key), ln = strlen(n->key);
	size_t longer = lq > ln ? lq : ln, to_start;
	size_t d = osp_text_edit_distance(q->key, n->key, longer, &to_start);
	double whole = (double)d / (double)longer;
	double start = (double)to_start / (double)lq + 0.15;
	return (whole < start ? whole : start) - 0.3 * shared_words(q, n);
}

struct suggestion {
	double remoteness;
	size_t drama;
};

static int compare_suggestions(const void *a, const void *b)
{
	const struct suggestion *x = a, *y = b;
	if (x->remoteness != y->remoteness)
		return x->remoteness < y->remoteness ? -1 : 1;
	return x->drama < y->drama ? -1 : x->drama > y->drama;
}

size_t osp_catalog_suggest(const struct osp_catalog *c, const char *name,
			   size_t *found, size_t max)
{
	struct parsed q;
	parse(name, &q);
	struct suggestion *v = xcalloc(c->n_dramas + 1, sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < c->n_dramas && *q.key; i++) {
		double r = drama_vs(&c->dramas[i], &q, remoteness);
		if (r <= SUGGEST_LIMIT)
			v[n++] = (struct suggestion){r, i};
	}
	if (n)
		qsort(v, n, sizeof(*v), compare_suggestions);
	for (size_t i = 0; i < n && i < max; i++)
		found[i] = v[i].drama;
	free(v);
	parsed_free(&q);
	return n < max ? n : max;
}
