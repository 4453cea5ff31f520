#include "ostplay/match.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ostplay/text.h"
#include "ostplay/xalloc.h"
#include "strmap.h"
#include "title.h"

/* Longest run of words a name can span: "I Will Go to You Like the First
 * Snow" is nine. */
#define MAX_SPAN 12

/* Words that may stand next to a drama's name in an OST album or folder
 * without making it another title: "Goblin OST Part.1", "태양의 후예
 * (Original Television Soundtrack) Pack 2".  Markers say "soundtrack";
 * counters may be followed by a number. */
enum noise { NOISE = 1, MARKER = 2, COUNTER = 4, FILM = 8 };

static const struct {
	const char *word;
	int kind;
} noise_words[] = {
	{"ost", MARKER}, {"osts", MARKER}, {"soundtrack", MARKER},
	{"soundtracks", MARKER}, {"드라마", MARKER}, {"오에스티", MARKER},
	{"사운드트랙", MARKER}, {"bgm", MARKER}, {"drama", MARKER},
	{"dramas", MARKER}, {"kdrama", MARKER}, {"原声带", MARKER},
	{"原聲帶", MARKER}, {"原声", MARKER}, {"原聲", MARKER},
	{"电视原声带", MARKER}, {"電視原聲帶", MARKER}, {"原声大碟", MARKER},
	{"原聲大碟", MARKER}, {"电视剧", MARKER},
	{"電視劇", MARKER}, {"插曲", MARKER}, {"主题曲", MARKER},
	{"主題曲", MARKER}, {"サウンドトラック", MARKER}, {"ドラマ", MARKER},
	{"主題歌", MARKER}, {"挿入歌", MARKER}, {"サントラ", MARKER},
	{"เพลงประกอบละคร", MARKER},
	{"เพลงประกอบซีรีส์", MARKER}, {"片头曲", MARKER}, {"片頭曲", MARKER},
	{"片尾曲", MARKER},
	{"part", COUNTER | MARKER}, {"pt", COUNTER | MARKER},
	{"pack", COUNTER | MARKER}, {"special", MARKER},
	{"vol", COUNTER}, {"volume", COUNTER}, {"cd", COUNTER},
	{"disc", COUNTER}, {"disk", COUNTER}, {"ep", COUNTER}, {"no", COUNTER},
	{"original", NOISE}, {"オリジナル", NOISE}, {"오리지널", NOISE},
	{"television", NOISE}, {"tv", NOISE},
	{"score", NOISE}, {"album", NOISE}, {"music", NOISE},
	{"songs", NOISE}, {"single", NOISE}, {"deluxe", NOISE},
	{"edition", NOISE}, {"complete", NOISE}, {"full", NOISE},
	{"korean", NOISE}, {"k", NOISE}, {"series", NOISE},
	{"netflix", NOISE}, {"kbs", NOISE}, {"kbs2", NOISE}, {"mbc", NOISE},
	{"sbs", NOISE}, {"tvn", NOISE}, {"jtbc", NOISE}, {"ocn", NOISE},
	{"mnet", NOISE}, {"best", NOISE}, {"collection", NOISE},
	{"hits", NOISE}, {"various", NOISE}, {"artists", NOISE},
	{"compilation", NOISE}, {"playlist", NOISE}, {"the", NOISE},
	{"my", NOISE}, {"favourite", NOISE}, {"favorite", NOISE},
	{"favourites", NOISE}, {"favorites", NOISE}, {"top", NOISE},
	{"mix", NOISE}, {"베스트", NOISE}, {"모음", NOISE}, {"모음집", NOISE},
	{"명곡", NOISE}, {"인기", NOISE}, {"히트", NOISE}, {"컬렉션", NOISE},
	{"lyrics", NOISE}, {"lyric", NOISE}, {"가사", NOISE}, {"mv", NOISE},
	{"audio", NOISE}, {"official", NOISE}, {"video", NOISE},
	/* "태양의 후예 OST 연주곡": what follows the OST, not the name. */
	{"instrumental", NOISE}, {"inst", NOISE}, {"연주곡", NOISE},
	{"경음악", NOISE}, {"配樂", NOISE}, {"配乐", NOISE}, {"劇伴", NOISE},
	{"剧伴", NOISE},
	/* A film's soundtrack is not its namesake drama's. */
	{"motionpicture", FILM | NOISE}, {"movie", FILM | NOISE},
	{"film", FILM | NOISE}, {"영화", FILM | NOISE}, {"电影", FILM | NOISE},
	{"電影", FILM | NOISE}, {"映画", FILM | NOISE},
	{"of", NOISE}, {"ver", NOISE}, {"version", NOISE},
};

static const char *const nobody_words[] = {
	"variousartists", "va", "여러아티스트", "various", "unknownartist",
	"unknown",
};

/* How many texts' readings the matcher keeps before starting again. */
#define FIELDS_KEPT 4096

/* What a catalog key names. */
enum ref_kind { REF_DRAMA, REF_SONG, REF_PERFORMER, REF_NOISE };

struct ref {
	enum ref_kind kind;
	int drama, song;	/* REF_DRAMA, REF_SONG */
	int performer;		/* REF_PERFORMER: performer id */
	int noise;		/* REF_NOISE: enum noise bits */
	int next;		/* the next ref of the same key, or -1 */
};

/* What one album, folder, file or comment name says about dramas. */
struct field {
	int drama;		/* the one drama it names, or -1 */
	bool marked;		/* ... named as an OST */
	bool has_marker;	/* an OST marker anywhere */
	bool unknown_ost;	/* a marker and a title, but no known drama */
	char *title_key;	/* ... that title's words, compact */
	char *named;		/* the words that named the drama, for explain */
	/* Naming no catalogued drama: what it says of one no catalog lists
	 * (found: NULL for OSP_DISCOVER_NONE), and whether it says only that
	 * what it holds are drama OSTs ("OST/", genre "K-Drama"). */
	bool may_discover;	/* names no catalogued drama */
	bool discovery_read;	/* the three below are known */
	enum osp_discover_verdict verdict;
	struct osp_discovered *found;
	bool context;
};

struct ids {
	int *v;
	size_t n, cap;
};

struct osp_matcher {
	const struct osp_catalog *catalog;
	char **music_dirs;
	size_t n_dirs;
	struct osp_strmap keys;	/* catalog names and noise words -> refs */
	struct osp_hashset key_starts;	/* hashes of the keys' proper starts */
	struct ref *refs;
	size_t n_refs, cap_refs;
	int n_performers;
	char **performer_names;	/* by id */
	struct ids *song_performers;	/* by drama, song: [drama_base[d] + s] */
	size_t *drama_base;
	struct ids *drama_performers;	/* by drama */
	struct osp_strmap field_index;	/* text -> index into fields */
	/* What each artist credit as tagged names (struct credits): the same
	 * few singers credit most files. */
	struct osp_strmap credit_index;	/* credit -> index into credits */
	struct credits *credits;
	size_t n_credits, cap_credits;
	struct field *fields;
	size_t n_fields, cap_fields;
	struct osp_tokens tok;	/* scratch */
	struct osp_discoverer *discoverer;
};

/* The first of the refs of the catalog key `key`, or -1. */
static int refs_of(const struct osp_matcher *m, const char *key)
{
	return osp_strmap_get(&m->keys, key, osp_hash(key));
}

static void ids_add(struct ids *s, int id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == id)
			return;
	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof(int));
	s->v[s->n++] = id;
}

static bool ids_has(const struct ids *s, int id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == id)
			return true;
	return false;
}

static void add_ref(struct osp_matcher *m, const char *key, struct ref r)
{
	if (!*key)
		return;
	int *head = osp_strmap_put(&m->keys, key, osp_hash(key));
	for (int i = *head; i >= 0; i = m->refs[i].next) {
		const struct ref *o = &m->refs[i];
		if (o->kind == r.kind && o->drama == r.drama &&
		    o->song == r.song && o->performer == r.performer)
			return;	/* the same name twice, as alias and title */
	}
	m->refs = xgrow(m->refs, &m->cap_refs, m->n_refs + 1, sizeof(*m->refs));
	r.next = *head;
	m->refs[m->n_refs] = r;
	*head = (int)m->n_refs++;
}

/* Adds `name` and, for Hangul, its romanisation as keys for `r`. */
static void add_name(struct osp_matcher *m, const char *name, struct ref r)
{
	char *key = osp_text_compact(name);
	add_ref(m, key, r);
	free(key);
	char *roman = osp_text_romanize(name);
	if (roman) {
		key = osp_text_compact(roman);
		add_ref(m, key, r);
		free(key);
		free(roman);
	}
}

static int find_performer_key(const struct osp_matcher *m, const char *key)
{
	for (int i = refs_of(m, key); i >= 0; i = m->refs[i].next)
		if (m->refs[i].kind == REF_PERFORMER)
			return m->refs[i].performer;
	return -1;
}

/* The id of a catalog performer: one singer in several dramas, or under
 * several spellings, is one id. */
static int performer_id(struct osp_matcher *m, const struct osp_performer *p)
{
	int id = -1;
	char *key = osp_text_compact(p->name);
	id = find_performer_key(m, key);
	free(key);
	for (size_t a = 0; id < 0 && a < p->n_aliases; a++) {
		key = osp_text_compact(p->aliases[a]);
		id = find_performer_key(m, key);
		free(key);
	}
	if (id < 0) {
		id = m->n_performers++;
		m->performer_names = xrealloc(m->performer_names,
					      m->n_performers * sizeof(char *));
		m->performer_names[id] = xstrdup(p->name);
	}
	struct ref r = {.kind = REF_PERFORMER, .drama = -1, .song = -1,
			.performer = id};
	key = osp_text_compact(p->name);
	add_ref(m, key, r);
	free(key);
	for (size_t a = 0; a < p->n_aliases; a++) {
		key = osp_text_compact(p->aliases[a]);
		add_ref(m, key, r);
		free(key);
	}
	return id;
}

/* Fills key_starts with the hash of every start of every key that ends
 * where a character does, so that reading a text can stop adding words to
 * a run once no key begins with it.  A hash met by chance only costs a
 * look-up. */
static void hash_key_starts(struct osp_matcher *m)
{
	size_t n_bytes = 0;
	for (size_t i = 0; i < m->keys.n_slots; i++) {
		const char *k = osp_strmap_key_at(&m->keys, i);
		n_bytes += k ? strlen(k) : 0;
	}
	osp_hashset_init(&m->key_starts, n_bytes);
	for (size_t i = 0; i < m->keys.n_slots; i++) {
		const unsigned char *k =
			(const unsigned char *)osp_strmap_key_at(&m->keys, i);
		uint64_t h = OSP_HASH_START;
		for (size_t b = 0; k && k[b] && k[b + 1]; b++) {
			h = osp_hash_step(h, k[b]);
			if ((k[b + 1] & 0xC0) != 0x80)
				osp_hashset_add(&m->key_starts, h);
		}
	}
}

struct osp_matcher *osp_matcher_new(const struct osp_catalog *c,
				    char *const *music_dirs, size_t n_dirs)
{
	struct osp_matcher *m = xcalloc(1, sizeof(*m));
	m->catalog = c;
	m->discoverer = osp_discoverer_new();
	m->music_dirs = xcalloc(n_dirs + 1, sizeof(char *));
	for (size_t i = 0; i < n_dirs; i++)
		m->music_dirs[m->n_dirs++] = xstrdup(music_dirs[i]);

	for (size_t i = 0; i < sizeof(noise_words) / sizeof(noise_words[0]); i++) {
		/* Keyed as texts are read, folded: "サウンドトラック" is
		 * read without its voicing marks. */
		char *key = osp_text_compact(noise_words[i].word);
		add_ref(m, key, (struct ref){.kind = REF_NOISE, .drama = -1,
					     .song = -1, .performer = -1,
					     .noise = noise_words[i].kind});
		free(key);
	}

	m->drama_base = xcalloc(c->n_dramas + 1, sizeof(size_t));
	m->drama_performers = xcalloc(c->n_dramas + 1, sizeof(struct ids));
	size_t n_songs = 0;
	for (size_t d = 0; d < c->n_dramas; d++) {
		m->drama_base[d] = n_songs;
		n_songs += c->dramas[d].n_songs;
	}
	m->song_performers = xcalloc(n_songs + 1, sizeof(struct ids));

	for (size_t d = 0; d < c->n_dramas; d++) {
		const struct osp_drama *dr = &c->dramas[d];
		/* Files named it: matching them again by it would only
		 * repeat what they said. */
		if (dr->discovered)
			continue;
		struct ref r = {.kind = REF_DRAMA, .drama = (int)d, .song = -1,
				.performer = -1};
		add_name(m, dr->title, r);
		for (size_t a = 0; a < dr->n_aliases; a++)
			add_name(m, dr->aliases[a], r);
		for (size_t s = 0; s < dr->n_songs; s++) {
			const struct osp_song *so = &dr->songs[s];
			struct ref sr = {.kind = REF_SONG, .drama = (int)d,
					 .song = (int)s, .performer = -1};
			add_name(m, so->title, sr);
			for (size_t a = 0; a < so->n_aliases; a++)
				add_name(m, so->aliases[a], sr);
			for (size_t p = 0; p < so->n_performers; p++) {
				int id = performer_id(m, &so->performers[p]);
				ids_add(&m->song_performers[m->drama_base[d] + s], id);
				ids_add(&m->drama_performers[d], id);
			}
		}
		for (size_t p = 0; p < dr->n_performers; p++)
			ids_add(&m->drama_performers[d],
				performer_id(m, &dr->performers[p]));
	}
	hash_key_starts(m);
	return m;
}

static void forget_credits(struct osp_matcher *m);

static void forget_fields(struct osp_matcher *m)
{
	for (size_t i = 0; i < m->n_fields; i++) {
		free(m->fields[i].named);
		free(m->fields[i].title_key);
		free(m->fields[i].found);
	}
	m->n_fields = 0;
	osp_strmap_clear(&m->field_index);
}

void osp_matcher_free(struct osp_matcher *m)
{
	if (!m)
		return;
	const struct osp_catalog *c = m->catalog;
	size_t n_songs = 0;
	for (size_t d = 0; d < c->n_dramas; d++) {
		n_songs += c->dramas[d].n_songs;
		free(m->drama_performers[d].v);
	}
	for (size_t i = 0; i < n_songs; i++)
		free(m->song_performers[i].v);
	free(m->song_performers);
	free(m->drama_performers);
	free(m->drama_base);
	for (int i = 0; i < m->n_performers; i++)
		free(m->performer_names[i]);
	free(m->performer_names);
	forget_fields(m);
	free(m->fields);
	osp_strmap_free(&m->field_index);
	forget_credits(m);
	free(m->credits);
	osp_strmap_free(&m->credit_index);
	osp_strmap_free(&m->keys);
	osp_hashset_free(&m->key_starts);
	free(m->refs);
	for (size_t i = 0; i < m->n_dirs; i++)
		free(m->music_dirs[i]);
	free(m->music_dirs);
	osp_tokens_free(&m->tok);
	osp_discoverer_free(m->discoverer);
	free(m);
}

/* A run of a text's words closed up into a catalog key, one word longer
 * at a time, with its hash carried along. */
struct key_run {
	char key[512];
	size_t len;
	uint64_t hash;
};

/* Empties `run`; not by an initialiser, which would zero all of key for
 * every word of every text read. */
static void key_run_start(struct key_run *run)
{
	run->len = 0;
	run->key[0] = '\0';
	run->hash = OSP_HASH_START;
}

/* Adds `word` to `run` and returns the first ref of the key it makes (-1
 * for none); false, leaving `run` as it was, when no catalog key can
 * start with the longer run, or it would not fit. */
static inline bool key_run_add(const struct osp_matcher *m,
			       struct key_run *run, const char *word,
			       int *refs)
{
	size_t wl = strlen(word);
	if (run->len + wl >= sizeof(run->key) ||
	    (run->len && !osp_hashset_has(&m->key_starts, run->hash)))
		return false;
	memcpy(run->key + run->len, word, wl + 1);
	run->len += wl;
	run->hash = osp_hash_more(run->hash, word);
	*refs = osp_strmap_get(&m->keys, run->key, run->hash);
	return true;
}

/* The noise bits of the longest run of words from `at` that is noise, and
 * its length in words through `*len`; 0 when v[at] starts none. */
static int noise_at(const struct osp_matcher *m, const struct osp_tokens *t,
		    size_t at, size_t *len)
{
	struct key_run run;
	key_run_start(&run);
	int found = 0, first;
	*len = 0;
	for (size_t j = at; j < t->n && j < at + 4 &&
			    key_run_add(m, &run, t->v[j], &first); j++) {
		for (int i = first; i >= 0; i = m->refs[i].next)
			if (m->refs[i].kind == REF_NOISE) {
				found = m->refs[i].noise;
				*len = j - at + 1;
			}
	}
	return found;
}

static bool is_number(const char *w)
{
	if (!*w)
		return false;
	bool digits = true, roman = true;
	size_t len = 0;
	for (const char *p = w; *p && (digits || roman); p++, len++) {
		digits &= *p >= '0' && *p <= '9';
		roman &= *p == 'i' || *p == 'v' || *p == 'x';
	}
	return digits || (roman && len <= 4);
}

struct mention {
	int drama;
	size_t start, end;
	size_t key_len;
};

/* The end of a mention of drama `d` in `found` that starts at word `at`
 * ("Goblin 도깨비 OST": the drama's two names side by side), or 0. */
static size_t other_name_at(const struct mention *found, size_t n_found,
			    int d, size_t at)
{
	size_t end = 0;
	for (size_t i = 0; i < n_found; i++)
		if (found[i].drama == d && found[i].start == at &&
		    found[i].end > end)
			end = found[i].end;
	return end;
}

/* Whether the words around a name in t[start, end) keep it the name of
 * drama `d`: after it, up to the end of the phrase, only OST noise, its
 * other names and numbers that count parts or give the drama's year may
 * follow ("Goblin OST Part 2", "Goblin 도깨비 OST", not "Dream High 2" or
 * "Signal Flare"); before it, only noise or another of its names.  Sets
 * `*marked` when a marker follows or precedes it. */
static bool name_stands(const struct osp_matcher *m, const struct osp_tokens *t,
			const struct mention *found, size_t n_found,
			size_t start, size_t end, int d, bool *marked)
{
	*marked = false;
	bool after_name = false;
	for (size_t i = 0; i < n_found && !after_name; i++)
		after_name = found[i].drama == d && found[i].end == start;
	if (start > 0 && !t->phrase_start[start] && !after_name) {
		size_t len;
		int kind = 0;
		/* The noise run that ends right before the name. */
		for (size_t from = start > 3 ? start - 3 : 0; from < start; from++)
			if ((kind = noise_at(m, t, from, &len)) && from + len == start)
				break;
			else
				kind = 0;
		if (!kind && !(is_number(t->v[start - 1]) &&
			       atoi(t->v[start - 1]) == m->catalog->dramas[d].year))
			return false;
		*marked |= (kind & MARKER) != 0;
	}
	bool counted = false;	/* a counter precedes: numbers may follow */
	bool marked_after = false;
	for (size_t k = end; k < t->n && !t->phrase_start[k];) {
		size_t len;
		int kind = noise_at(m, t, k, &len);
		if (kind) {
			marked_after |= (kind & MARKER) != 0;
			counted = (kind & COUNTER) != 0;
			k += len;
			continue;
		}
		if (is_number(t->v[k]) &&
		    (counted || atoi(t->v[k]) == m->catalog->dramas[d].year)) {
			counted = false;
			k++;
			continue;
		}
		size_t other = other_name_at(found, n_found, d, k);
		if (other) {
			k = other;
			continue;
		}
		/* "琅琊榜 片头曲 风起时": after its marker, the song's name
		 * (not after one before it: "드라마 드림하이2 OST"). */
		if (marked_after)
			break;
		return false;
	}
	*marked |= marked_after;
	/* "While You Were Sleeping (1995)": a year that is not the drama's
	 * makes it another work of the same name. */
	int year = m->catalog->dramas[d].year;
	if (end < t->n && year && is_number(t->v[end]) &&
	    strlen(t->v[end]) == 4) {
		int y = atoi(t->v[end]);
		if (y >= 1900 && y <= 2099 && abs(y - year) > 1)
			return false;
	}
	/* The next phrase may still say what this is: "Goblin (OST)". */
	for (size_t k = end; k < t->n && !*marked; k++) {
		size_t len;
		if (k > end && t->phrase_start[k] && k > end + 1)
			break;
		*marked = (noise_at(m, t, k, &len) & MARKER) != 0;
	}
	return true;
}

/* Reads what `text` says about dramas into `f`. */
static void read_field(struct osp_matcher *m, const char *text, struct field *f)
{
	*f = (struct field){.drama = -1};
	struct osp_tokens *t = &m->tok;
	osp_text_tokens(text, t);

	struct mention found[16];
	size_t n_found = 0;
	bool has_title_word = false, after_counter = false, is_film = false;
	struct osp_buf title = {0};
	for (size_t i = 0; i < t->n; i++) {
		struct key_run run;
		key_run_start(&run);
		int first;
		for (size_t j = i; j < t->n && j < i + MAX_SPAN &&
				   key_run_add(m, &run, t->v[j], &first); j++) {
			for (int r = first; r >= 0; r = m->refs[r].next) {
				const struct ref *ref = &m->refs[r];
				if (ref->kind == REF_NOISE && j <= i + 1) {
					f->has_marker |= (ref->noise & MARKER) != 0;
					is_film |= (ref->noise & FILM) != 0;
				}
				if (ref->kind != REF_DRAMA || n_found == 16)
					continue;
				found[n_found++] = (struct mention){
					ref->drama, i, j + 1, run.len};
			}
		}
		/* The title's words: not noise, nor numbers counting parts. */
		size_t len;
		int kind = noise_at(m, t, i, &len);
		if (!kind && !is_number(t->v[i]))
			has_title_word = true;
		if (!kind && !(is_number(t->v[i]) && after_counter))
			osp_buf_puts(&title, t->v[i]);
		after_counter = (kind & COUNTER) != 0;
	}

	/* Longest names first; a name inside a longer one ("Full House" in
	 * "Full House Take 2") is not a mention of its own. */
	int drama = -1;
	bool ambiguous = false;
	size_t best_len = 0;
	for (size_t a = 0; a < n_found; a++) {
		bool inside = false;
		for (size_t b = 0; b < n_found && !inside; b++)
			inside = b != a && found[b].key_len > found[a].key_len &&
				 found[b].start <= found[a].start &&
				 found[b].end >= found[a].end;
		bool marked;
		if (inside || !name_stands(m, t, found, n_found, found[a].start,
					   found[a].end, found[a].drama,
					   &marked))
			continue;
		if (drama >= 0 && drama != found[a].drama) {
			ambiguous = true;
			continue;
		}
		if (found[a].key_len > best_len) {
			best_len = found[a].key_len;
			struct osp_buf b = {0};
			for (size_t w = found[a].start; w < found[a].end; w++)
				osp_buf_printf(&b, "%s%s", w > found[a].start ? " " : "",
					       t->v[w]);
			free(f->named);
			f->named = xstrdup(osp_buf_str(&b));
			osp_buf_free(&b);
		}
		drama = found[a].drama;
		f->marked |= marked;
	}
	if (ambiguous || is_film) {
		drama = -1;
		f->marked = false;
	}
	f->drama = drama;
	f->marked |= drama >= 0 && f->has_marker;
	f->unknown_ost = drama < 0 && !ambiguous && !is_film &&
			 f->has_marker && has_title_word && n_found == 0;
	f->title_key = f->unknown_ost ? xstrdup(osp_buf_str(&title)) : NULL;
	osp_buf_free(&title);
	f->may_discover = drama < 0 && !ambiguous;
}

/* The cached reading of `text`; valid until the next call. */
static struct field *field_of(struct osp_matcher *m, const char *text)
{
	int *head = osp_strmap_put(&m->field_index, text, osp_hash(text));
	if (*head < 0) {
		m->fields = xgrow(m->fields, &m->cap_fields, m->n_fields + 1,
				  sizeof(*m->fields));
		read_field(m, text, &m->fields[m->n_fields]);
		*head = (int)m->n_fields++;
	}
	return &m->fields[*head];
}

/* The cached reading of `text`, with what it says of a drama no catalog
 * lists: read only when a file matched no catalogued drama, as few do. */
static const struct field *found_of(struct osp_matcher *m, const char *text)
{
	struct field *f = field_of(m, text);
	if (f->discovery_read)
		return f;
	f->discovery_read = true;
	if (!f->may_discover)
		return f;
	struct osp_discovered d;
	f->verdict = osp_discover_name(m->discoverer, text, &d);
	if (f->verdict != OSP_DISCOVER_NONE) {
		f->found = xmalloc(sizeof(*f->found));
		*f->found = d;
	}
	f->context = f->has_marker &&
		     osp_discover_is_context(m->discoverer, text);
	return f;
}

/* Who a track credits: catalog performers by id, others by their key. */
struct credits {
	struct ids known;
	char **unknown;
	size_t n_unknown, cap_unknown;
};

static void credit_unknown(struct credits *c, const char *key)
{
	if (!*key)
		return;
	for (size_t i = 0; i < c->n_unknown; i++)
		if (strcmp(c->unknown[i], key) == 0)
			return;
	c->unknown = xgrow(c->unknown, &c->cap_unknown, c->n_unknown + 1,
			   sizeof(char *));
	c->unknown[c->n_unknown++] = xstrdup(key);
}

static bool is_nobody(const char *key)
{
	for (size_t i = 0; i < sizeof(nobody_words) / sizeof(nobody_words[0]); i++)
		if (strcmp(key, nobody_words[i]) == 0)
			return true;
	return false;
}

/* Credit separators, most decisive first; searched in folded text. */
static const char *const separators[] = {
	",", "，", "、", ";", " / ", "/", " feat. ", " feat ", " featuring ",
	" ft. ", " ft ", " with ", " x ", " × ", "×", " & ", "&", " and ",
	" + ", " vs. ", " vs ",
};

/* Where the first separator of kind `sep` stands outside brackets.  A
 * comma before "the" joins an epithet to a name ("Tyler, The Creator"),
 * not two performers. */
static const char *find_separator(const char *s, const char *sep)
{
	int depth = 0;
	size_t n = strlen(sep);
	for (const char *p = s; *p; p++) {
		if (*p == '(' || *p == '[')
			depth++;
		else if ((*p == ')' || *p == ']') && depth > 0)
			depth--;
		else if (!depth && *p == *sep && strncmp(p, sep, n) == 0 &&
			 !(*sep == ',' && strncmp(p + 1 + strspn(p + 1, " "),
						  "the ", 4) == 0))
			return p;
	}
	return NULL;
}

/* Credits the performer known by either of two names of one person, or
 * the first name as unknown. */
static void credit_two_names(const struct osp_matcher *m, const char *one,
			     const char *other, struct credits *c)
{
	char *k1 = osp_text_compact(one), *k2 = osp_text_compact(other);
	int a = find_performer_key(m, k1), b = find_performer_key(m, k2);
	if (a >= 0 || b >= 0)
		ids_add(&c->known, a >= 0 ? a : b);
	else
		credit_unknown(c, *k1 ? k1 : k2);
	free(k1);
	free(k2);
}

/* "杨宗纬 张碧晨": names with only spaces between them, credited when
 * every word is a catalog performer's name; false otherwise. */
static bool credit_spaced_names(const struct osp_matcher *m,
				const char *folded, struct credits *c)
{
	if (!strchr(folded, ' '))
		return false;
	struct ids found = {0};
	bool all = true;
	char *words = xstrdup(folded), *save = NULL;
	for (char *w = strtok_r(words, " ", &save); w && all;
	     w = strtok_r(NULL, " ", &save)) {
		char *k = osp_text_compact(w);
		int id = find_performer_key(m, k);
		all = id >= 0;
		if (all)
			ids_add(&found, id);
		free(k);
	}
	all = all && found.n >= 2;
	for (size_t i = 0; all && i < found.n; i++)
		ids_add(&c->known, found.v[i]);
	free(words);
	free(found.v);
	return all;
}

/* Splits one credit ("첸 (CHEN), 펀치 (Punch)", "Chen x Punch", "Mido and
 * Parasol") into performers.  A whole credit that is a catalog performer's
 * name is never split, so bands named "A and B" stay one. */
static void split_credit(const struct osp_matcher *m, const char *folded,
			 struct credits *c, int depth)
{
	char *key = osp_text_compact(folded);
	if (!*key || is_nobody(key)) {
		free(key);
		return;
	}
	int id = find_performer_key(m, key);
	if (id >= 0 || depth > 8) {
		if (id >= 0)
			ids_add(&c->known, id);
		else
			credit_unknown(c, key);
		free(key);
		return;
	}
	for (size_t i = 0; i < sizeof(separators) / sizeof(separators[0]); i++) {
		const char *at = find_separator(folded, separators[i]);
		if (!at)
			continue;
		char *left = xmemdup(folded, (size_t)(at - folded));
		split_credit(m, left, c, depth + 1);
		split_credit(m, at + strlen(separators[i]), c, depth + 1);
		free(left);
		free(key);
		return;
	}
	/* "첸 (CHEN)", "Chanyeol (EXO)", "Gaho 가호": one performer, two
	 * names. */
	const char *open = strchr(folded, '(');
	const char *close = open ? strchr(open, ')') : NULL;
	size_t turn = open && close ? 0
				    : osp_text_script_turn(folded, strlen(folded));
	if (open && close) {
		char *outer = xmemdup(folded, (size_t)(open - folded));
		char *inner = xmemdup(open + 1, (size_t)(close - open - 1));
		credit_two_names(m, outer, inner, c);
		free(outer);
		free(inner);
	} else if (turn) {
		char *first = xmemdup(folded, turn);
		credit_two_names(m, first, folded + turn, c);
		free(first);
	} else if (!credit_spaced_names(m, folded, c)) {
		credit_unknown(c, key);
	}
	free(key);
}

static void credits_free(struct credits *c);

static void forget_credits(struct osp_matcher *m)
{
	for (size_t i = 0; i < m->n_credits; i++)
		credits_free(&m->credits[i]);
	m->n_credits = 0;
	osp_strmap_clear(&m->credit_index);
}

/* A credit that names a drama or its OST ("Goblin OST", "Ailee / 도깨비
 * OST", as rips have it): the names in it the catalogs do not know are
 * the drama's, not people's, so only its catalog performers count. */
static void drop_ost_names(struct osp_matcher *m, const char *credit,
			   struct credits *named)
{
	if (!named->n_unknown)
		return;
	const struct field *f = field_of(m, credit);
	if (f->drama < 0 && !f->has_marker)
		return;
	for (size_t i = 0; i < named->n_unknown; i++)
		free(named->unknown[i]);
	named->n_unknown = 0;
}

/* Adds the performers the artist credit `credit` names to `c`. */
static void add_credit(struct osp_matcher *m, const char *credit,
		       struct credits *c)
{
	int *at = osp_strmap_put(&m->credit_index, credit, osp_hash(credit));
	if (*at < 0) {
		m->credits = xgrow(m->credits, &m->cap_credits,
				   m->n_credits + 1, sizeof(*m->credits));
		struct credits *named = &m->credits[m->n_credits];
		*named = (struct credits){0};
		char *folded = osp_text_fold(credit);
		split_credit(m, folded, named, 0);
		free(folded);
		drop_ost_names(m, credit, named);
		*at = (int)m->n_credits++;
	}
	const struct credits *named = &m->credits[*at];
	for (size_t i = 0; i < named->known.n; i++)
		ids_add(&c->known, named->known.v[i]);
	for (size_t i = 0; i < named->n_unknown; i++)
		credit_unknown(c, named->unknown[i]);
}

/* Adds the performers `folded` credits when every one of them is in the
 * catalogs; returns how many it added. */
static size_t credit_if_known(const struct osp_matcher *m, const char *folded,
			      struct credits *c)
{
	struct credits tmp = {0};
	split_credit(m, folded, &tmp, 0);
	size_t added = 0;
	if (!tmp.n_unknown)
		for (size_t i = 0; i < tmp.known.n; i++, added++)
			ids_add(&c->known, tmp.known.v[i]);
	free(tmp.known.v);
	for (size_t i = 0; i < tmp.n_unknown; i++)
		free(tmp.unknown[i]);
	free(tmp.unknown);
	return added;
}

static void credits_free(struct credits *c)
{
	free(c->known.v);
	for (size_t i = 0; i < c->n_unknown; i++)
		free(c->unknown[i]);
	free(c->unknown);
}

void osp_match_file_name(const struct osp_track *t, char **stem,
			 char **artist, char **title)
{
	const char *slash = memrchr(t->path, '/', t->path_len);
	const char *base = slash ? slash + 1 : t->path;
	size_t base_len = t->path_len - (size_t)(base - t->path);
	const char *dot = memrchr(base, '.', base_len);
	*stem = osp_text_clean(base, dot && dot > base ? (size_t)(dot - base)
						       : base_len);
	osp_title_parse_file_name(*stem, artist, title);
}

/* A drama's evidence, summed into its score. */
struct evidence {
	double named;		/* strongest mention by album, folder, ... */
	bool strong;		/* ... as an OST */
	bool contextual;	/* ... as an OST by what surrounds it only: an
				 * enclosing folder, the genre */
	const char *where;	/* which field, for explain */
	int song;		/* a song whose title the track has, or -1 */
	bool song_sung;		/* ... credited to one of its performers */
	bool drama_sung;	/* a performer of the drama is credited */
};

static double weight_named(const char *where, bool marked, int depth)
{
	if (strcmp(where, "album") == 0)
		return marked ? 0.6 : 0.3;
	if (strcmp(where, "folder") == 0)
		return marked ? 0.5 - 0.05 * depth : 0.15;
	if (strcmp(where, "file name") == 0)
		return marked ? 0.45 : 0.1;
	return marked ? 0.35 : 0.05;	/* comment, title */
}

/* The evidence for one drama. */
struct drama_evidence {
	int drama;
	struct evidence e;
};

struct context {
	struct osp_matcher *m;
	/* Only the dramas something pointed at, in the order first seen: a
	 * track names one or two of the catalogs' hundreds. */
	struct drama_evidence *ev;
	size_t n_ev, cap_ev;
	struct osp_buf *explain;
	/* The album or folder names an OST of a drama not in the catalogs,
	 * by these words: no song alone makes the file another drama's,
	 * unless the words begin that drama's name ("Who Are You OST" for
	 * "Who Are You: School 2015"). */
	const char *unknown_ost;
};

/* The evidence gathered for drama `d`, made empty on first use. */
static struct evidence *evidence_of(struct context *x, int d)
{
	for (size_t i = 0; i < x->n_ev; i++)
		if (x->ev[i].drama == d)
			return &x->ev[i].e;
	x->ev = xgrow(x->ev, &x->cap_ev, x->n_ev + 1, sizeof(*x->ev));
	x->ev[x->n_ev] = (struct drama_evidence){d, {.song = -1}};
	return &x->ev[x->n_ev++].e;
}

static int by_drama(const void *a, const void *b)
{
	const struct drama_evidence *x = a, *y = b;
	return (x->drama > y->drama) - (x->drama < y->drama);
}

/* Whether a name of drama `d` begins with the compact words `key`. */
static bool begins_name(const struct osp_matcher *m, int d, const char *key)
{
	const struct osp_drama *dr = &m->catalog->dramas[d];
	size_t n = strlen(key);
	bool yes = false;
	for (size_t a = 0; !yes && a <= dr->n_aliases; a++) {
		char *k = osp_text_compact(a ? dr->aliases[a - 1] : dr->title);
		yes = strncmp(k, key, n) == 0;
		free(k);
	}
	return yes;
}

/* `ost_context`: something around the field says OST (the genre for an
 * album, an enclosing folder for a folder). */
static void note_field(struct context *x, const char *where, const char *text,
		       int depth, bool ost_context)
{
	if (!text || !*text)
		return;
	const struct field *f = field_of(x->m, text);
	if (f->unknown_ost && !x->unknown_ost &&
	    (strcmp(where, "album") == 0 ||
	     (strcmp(where, "folder") == 0 && depth == 0)))
		x->unknown_ost = f->title_key;
	if (f->drama < 0) {
		if (x->explain && f->unknown_ost)
			osp_buf_printf(x->explain,
				       "  %s \"%s\": an OST of a drama not in "
				       "the catalogs\n", where, text);
		return;
	}
	bool contextual = !f->marked && ost_context;
	double w = weight_named(where, f->marked, depth) + (contextual ? 0.1 : 0);
	struct evidence *e = evidence_of(x, f->drama);
	if (x->explain)
		osp_buf_printf(x->explain, "  %s \"%s\": names %s (\"%s\")%s, "
			       "+%.2f\n", where, text,
			       x->m->catalog->dramas[f->drama].title, f->named,
			       f->marked ? " as an OST"
			       : contextual ? " in an OST setting"
					    : " without saying OST", w);
	if (w > e->named) {
		e->named = w;
		e->where = where;
	}
	e->strong |= f->marked;
	e->contextual |= contextual;
}

static void note_songs(struct context *x, const char *title,
		       const struct credits *cr)
{
	const struct osp_matcher *m = x->m;
	char *key = osp_text_compact(title);
	for (int r = refs_of(m, key); r >= 0; r = m->refs[r].next) {
		const struct ref *ref = &m->refs[r];
		if (ref->kind != REF_SONG)
			continue;
		struct evidence *e = evidence_of(x, ref->drama);
		const struct ids *sung =
			&m->song_performers[m->drama_base[ref->drama] + ref->song];
		bool by_them = false;
		for (size_t i = 0; i < cr->known.n && !by_them; i++)
			by_them = ids_has(sung, cr->known.v[i]);
		if (e->song < 0 || (by_them && !e->song_sung)) {
			e->song = ref->song;
			e->song_sung = by_them;
		}
	}
	free(key);
}

static void explain_credits(struct context *x, const struct credits *cr)
{
	if (!x->explain)
		return;
	osp_buf_puts(x->explain, "  credited:");
	for (size_t i = 0; i < cr->known.n; i++)
		osp_buf_printf(x->explain, "%s %s", i ? ";" : "",
			       x->m->performer_names[cr->known.v[i]]);
	for (size_t i = 0; i < cr->n_unknown; i++)
		osp_buf_printf(x->explain, "%s %s (not in the catalogs)",
			       i || cr->known.n ? ";" : "", cr->unknown[i]);
	if (!cr->known.n && !cr->n_unknown)
		osp_buf_puts(x->explain, " nobody");
	osp_buf_putc(x->explain, '\n');
}

/* The folders holding the file, nearest first, below its music folder. */
static size_t folders_of(const struct osp_matcher *m, const char *path,
			 size_t path_len, char **out, size_t max)
{
	size_t top = 0;
	for (size_t i = 0; i < m->n_dirs; i++) {
		size_t n = strlen(m->music_dirs[i]);
		if (n < path_len && memcmp(path, m->music_dirs[i], n) == 0 &&
		    path[n] == '/' && n > top)
			top = n;
	}
	size_t n = 0;
	const char *end = memrchr(path, '/', path_len);
	while (end && (size_t)(end - path) > top && n < max) {
		const char *start = end;
		while (start > path && start[-1] != '/')
			start--;
		out[n++] = xmemdup(start, (size_t)(end - start));
		end = start > path ? start - 1 : NULL;
	}
	return n;
}

static const char *const refused_as[] = {
	[OSP_DISCOVER_FILM] = "a film's soundtrack",
	[OSP_DISCOVER_ANIME] = "an anime's soundtrack",
	[OSP_DISCOVER_GAME] = "a game's soundtrack",
	[OSP_DISCOVER_STAGE] = "a stage cast recording",
	[OSP_DISCOVER_COMPILATION] = "a compilation of many works",
};

/* A field that may name a drama no catalog lists. */
struct naming {
	const char *where;
	const char *text;
	int depth;	/* a folder's, nearest 0 */
};

/* Takes `f`'s discovered drama into `out` with the weight of `n`'s
 * field; `context`, when not NULL, is the enclosing name that said OST. */
/* Whether `name` is a catalogued drama's: such a name found standing in
 * no field ("Full House Thai OST") names another work, which taking it
 * would give to the catalog's. */
static bool names_catalog_drama(const struct osp_matcher *m, const char *name)
{
	char *key = osp_text_compact(name);
	bool yes = false;
	for (int r = refs_of(m, key); r >= 0 && !yes;
	     r = m->refs[r].next)
		yes = m->refs[r].kind == REF_DRAMA;
	free(key);
	return yes;
}

static void take_found(const struct naming *n, const struct field *f,
		       const char *context, struct osp_match *out,
		       struct osp_buf *explain)
{
	out->found = *f->found;
	double w = weight_named(n->where, !context, n->depth);
	out->confidence = 1 - exp(-2 * w);
	if (!explain)
		return;
	osp_buf_printf(explain, "  %s \"%s\"", n->where, n->text);
	if (context)
		osp_buf_printf(explain, " in \"%s\"", context);
	osp_buf_printf(explain, ": names %s, a drama no catalog lists",
		       f->found->name);
	if (!context && *f->found->why)
		osp_buf_printf(explain, " (\"%s\")", f->found->why);
	if (*f->found->alias)
		osp_buf_printf(explain, ", also called %s", f->found->alias);
	osp_buf_puts(explain, ", discovered\n");
}

/* Whether a field refuses discovery (a film's soundtrack ...); says so. */
static bool refuses(const struct naming *n, const struct field *f,
		    struct osp_buf *explain)
{
	if (f->verdict < OSP_DISCOVER_FILM)
		return false;
	if (explain)
		osp_buf_printf(explain, "  %s \"%s\": %s (\"%s\"), no drama\n",
			       n->where, n->text, refused_as[f->verdict],
			       f->found->why);
	return true;
}

/* A name inside a folder or under a genre that says only "drama OSTs":
 * "OST/Crash Landing on You/01.mp3". */
static bool found_in_context(struct osp_matcher *m, const struct naming *n,
			     const char *context, struct osp_match *out,
			     struct osp_buf *explain)
{
	size_t len = strlen(n->text);
	char *marked = xmalloc(len + sizeof(" OST"));
	memcpy(marked, n->text, len);
	memcpy(marked + len, " OST", sizeof(" OST"));
	const struct field *f = found_of(m, marked);
	bool named = f->verdict == OSP_DISCOVER_NAMED &&
		     !names_catalog_drama(m, f->found->name);
	if (named)
		take_found(n, f, context, out, explain);
	free(marked);
	return named;
}

/* For a file of no catalogued drama: the first of its names (album,
 * folders nearest first, file name, title, comment) that calls it a
 * drama's OST; else a name that an enclosing folder or the genre puts in
 * a drama setting.  A film's, game's, anime's or stage soundtrack in the
 * album, genre or a folder rules every name out. */
static void discover(struct osp_matcher *m, const struct osp_tags *g,
		     char **folders, size_t n_folders, const char *stem,
		     struct osp_match *out, struct osp_buf *explain)
{
	struct naming n[8];
	size_t k = 0;
	n[k++] = (struct naming){"album", g->album, 0};
	for (size_t i = 0; i < n_folders; i++)
		n[k++] = (struct naming){"folder", folders[i], (int)i};
	size_t n_ruling = k;	/* these and the genre rule out, the rest not */
	n[k++] = (struct naming){"file name", stem, 0};
	n[k++] = (struct naming){"title", g->title, 0};
	struct naming genre = {"genre", g->genre, 0};
	for (size_t i = 0; i <= n_ruling; i++) {
		const struct naming *r = i < n_ruling ? &n[i] : &genre;
		if (r->text && *r->text && refuses(r, found_of(m, r->text), explain))
			return;
	}
	for (size_t i = 0; i < k; i++) {
		if (!n[i].text || !*n[i].text)
			continue;
		const struct field *f = found_of(m, n[i].text);
		if (f->verdict == OSP_DISCOVER_NAMED &&
		    !names_catalog_drama(m, f->found->name)) {
			take_found(&n[i], f, NULL, out, explain);
			return;
		}
	}
	if (g->album && *g->album && g->genre &&
	    found_of(m, g->genre)->context &&
	    found_in_context(m, &n[0], g->genre, out, explain))
		return;
	/* The nearest folder with a name, inside one that says OST. */
	for (size_t i = 0; i < n_folders; i++) {
		const char *context = NULL;
		for (size_t j = i + 1; j < n_folders && !context; j++)
			if (found_of(m, folders[j])->context)
				context = folders[j];
		if (!context ||
		    found_in_context(m, &n[1 + i], context, out, explain))
			return;
	}
}

void osp_matcher_match(struct osp_matcher *m, const struct osp_track *t,
		       struct osp_match *out, struct osp_buf *explain)
{
	const struct osp_catalog *c = m->catalog;
	const struct osp_tags *g = &t->tags;
	*out = (struct osp_match){.drama = -1, .song = -1};
	struct context x = {.m = m, .explain = explain};
	/* Tracks come folder by folder, so the readings worth keeping are
	 * those of the last few hundred files; a cache of every text read
	 * would only grow and slow down, since most texts are seen once. */
	if (m->n_fields >= FIELDS_KEPT)
		forget_fields(m);
	if (m->n_credits >= FIELDS_KEPT)
		forget_credits(m);

	/* The file's own name, and what it says when tags are missing. */
	char *stem, *file_artist;
	osp_match_file_name(t, &stem, &file_artist, NULL);
	/* Untagged, the whole name is read as a title, in whichever order
	 * it gives artist and title ("Everytime - Chen & Punch"). */
	const char *title = g->title ? g->title : osp_title_after_number(stem);

	bool ost_genre = false;
	if (g->genre) {
		const struct field *f = field_of(m, g->genre);
		ost_genre = f->has_marker;
	}
	note_field(&x, "album", g->album, 0, ost_genre);
	char *folders[3];
	size_t n_folders = folders_of(m, t->path, t->path_len, folders, 3);
	bool folder_marker = false;
	for (size_t i = 0; i < n_folders; i++)
		folder_marker |= field_of(m, folders[i])->has_marker;
	for (size_t i = 0; i < n_folders; i++) {
		const struct field *f = field_of(m, folders[i]);
		/* "OST/Goblin/01.mp3": a marker in any enclosing folder. */
		note_field(&x, "folder", folders[i], (int)i,
			   folder_marker && f->drama >= 0 && !f->marked);
	}
	note_field(&x, "file name", stem, 0, false);
	if (g->comment && strlen(g->comment) <= 512)
		note_field(&x, "comment", g->comment, 0, false);
	note_field(&x, "title", g->title, 0, false);

	struct credits cr = {0};
	for (size_t i = 0; i < g->n_artists; i++)
		add_credit(m, g->artists[i], &cr);
	if (!g->n_artists && file_artist)
		add_credit(m, file_artist, &cr);
	size_t n_tag_known = cr.known.n;
	size_t n_credited;
	if (g->album_artist)	/* supports "who sings it", not duets */
		add_credit(m, g->album_artist, &cr);

	/* "태양의 후예 OST 연주곡 - Always": the file's name says it too,
	 * wherever in the name; untagged, the name is the title, read
	 * below. */
	bool instrumental = g->title && osp_title_says_instrumental(stem);
	/* The title may credit performers too: "Chen, Punch - Everytime",
	 * "Named (종현, 태민)" when every name there is a catalog performer,
	 * "(Feat. X)" whoever X is. */
	struct osp_title_forms tf = {0};
	size_t n_title_credits = 0;
	if (title) {
		osp_title_read(title, &tf, &instrumental);
		for (size_t i = 0; i < tf.n_parts; i++) {
			char *part = osp_text_fold(tf.parts[i]);
			const char *who = NULL;
			if (strstr(part, "feat"))
				who = strstr(part, "feat") + 4;
			else if (strncmp(part, "ft", 2) == 0)
				who = part + 2;
			if (who)
				add_credit(m, who + strspn(who, ". :"), &cr);
			else
				n_title_credits += credit_if_known(m, part, &cr);
			free(part);
		}
	}
	/* Tags that credit only names the catalog does not know, while the
	 * title names catalog performers, are most likely an uploader's:
	 * "Kpop Lyrics Channel" is no singer. */
	if (n_title_credits && !n_tag_known) {
		n_credited = cr.known.n;
	} else {
		n_credited = cr.known.n + cr.n_unknown;
	}
	explain_credits(&x, &cr);
	for (size_t i = 0; i < tf.n; i++)
		note_songs(&x, tf.v[i], &cr);
	char notes[sizeof(out->version) - sizeof("inst ")];	/* room for it */
	osp_title_version(&tf, notes, sizeof(notes));
	osp_title_forms_free(&tf);

	int best = -1;
	double best_score = 0;
	bool tie = false;
	if (x.n_ev)	/* in catalog order, as explain lists them */
		qsort(x.ev, x.n_ev, sizeof(*x.ev), by_drama);
	for (size_t k = 0; k < x.n_ev; k++) {
		size_t d = (size_t)x.ev[k].drama;
		struct evidence *e = &x.ev[k].e;
		for (size_t i = 0; i < cr.known.n && !e->drama_sung; i++)
			e->drama_sung = ids_has(&m->drama_performers[d],
						cr.known.v[i]);
		bool sung_song = e->song >= 0 && e->song_sung;
		/* A drama named only in an OST setting ("OST/Full House/") is
		 * enough for a file that credits nobody; a file that credits
		 * someone needs one of the drama's songs or singers. */
		bool accepted = e->strong ||
				(sung_song && (!x.unknown_ost ||
					       begins_name(m, (int)d, x.unknown_ost))) ||
				(e->named > 0 && (e->song >= 0 || e->drama_sung)) ||
				(e->contextual && cr.known.n + cr.n_unknown == 0);
		if (!accepted && !(e->named > 0 || e->song >= 0))
			continue;
		double score = e->named + (e->song >= 0 ? 0.3 : 0) +
			       (sung_song ? 0.3 : e->drama_sung ? 0.1 : 0) +
			       (e->strong ? 0.01 : 0);
		if (x.explain) {
			osp_buf_printf(x.explain, "  %s: ", c->dramas[d].title);
			if (e->song >= 0)
				osp_buf_printf(x.explain, "song \"%s\"%s, ",
					       c->dramas[d].songs[e->song].title,
					       e->song_sung ? " by its performers"
					       : cr.known.n + cr.n_unknown
						       ? " by someone else"
						       : "");
			else if (e->drama_sung)
				osp_buf_puts(x.explain,
					     "a performer of its OST, ");
			osp_buf_printf(x.explain, "score %.2f%s\n", score,
				       accepted ? "" : ", not enough alone");
		}
		if (!accepted)
			continue;
		if (score > best_score + 1e-9) {
			best = (int)k;
			best_score = score;
			tie = false;
		} else if (fabs(score - best_score) <= 1e-9) {
			tie = true;
		}
	}
	if (tie) {
		best = -1;
	} else if (best >= 0) {	/* an index into x.ev: now the drama's */
		out->song = x.ev[best].e.song;
		best = x.ev[best].drama;
	}

	if (best >= 0) {
		const struct osp_drama *d = &c->dramas[best];
		out->drama = best;
		if (out->song < 0 && !title) {
			/* No title at all: a performer who sang one song of
			 * this drama names it. */
			int only = -1;
			for (size_t s = 0; s < d->n_songs; s++) {
				const struct ids *sung =
					&m->song_performers[m->drama_base[best] + s];
				for (size_t i = 0; i < cr.known.n; i++)
					if (ids_has(sung, cr.known.v[i]))
						only = only == -1 ? (int)s : -2;
			}
			out->song = only >= 0 ? only : -1;
		}
		out->confidence = 1 - exp(-2 * best_score);
		if (out->confidence > 0.99)
			out->confidence = 0.99;
	}
	out->instrumental = instrumental ||
			    (out->song >= 0 &&
			     c->dramas[out->drama].songs[out->song].instrumental);
	out->duet = n_credited >= 2 ||
		    (out->song >= 0 &&
		     c->dramas[out->drama].songs[out->song].n_performers >= 2);
	if (best < 0 && !tie)
		discover(m, g, folders, n_folders, stem, out, explain);
	snprintf(out->version, sizeof(out->version), "%s%s%s",
		 out->instrumental ? "inst" : "",
		 out->instrumental && *notes ? " " : "", notes);

	if (explain) {
		if (tie)
			osp_buf_puts(explain, "  two dramas fit equally well\n");
		if (best < 0 && *out->found.name)
			osp_buf_printf(explain, "decision: %s, a drama no catalog "
				       "lists, confidence %.2f%s%s\n",
				       out->found.name, out->confidence,
				       out->duet ? ", duet" : "",
				       out->instrumental ? ", instrumental" : "");
		else if (best < 0)
			osp_buf_puts(explain, "decision: no drama\n");
		else
			osp_buf_printf(explain, "decision: %s, %s%s%s, confidence "
				       "%.2f%s%s\n", c->dramas[best].title,
				       out->song >= 0 ? "song \"" : "no song of the "
								    "catalog",
				       out->song >= 0
					       ? c->dramas[best].songs[out->song].title
					       : "",
				       out->song >= 0 ? "\"" : "", out->confidence,
				       out->duet ? ", duet" : "",
				       out->instrumental ? ", instrumental" : "");
	}
	credits_free(&cr);
	for (size_t i = 0; i < n_folders; i++)
		free(folders[i]);
	free(stem);
	free(file_artist);
	free(x.ev);
}
