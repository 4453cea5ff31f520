#include "ostplay/discover.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/buf.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

/* What a word of a name's surroundings is.  OST says soundtrack; TV, that
 * it is a series' (supporting, never enough alone: an album may be called
 * "Drama"); a counter may be followed by the part's number; noise may
 * stand beside a name without being part of it; the rest refuse the text. */
enum word_kind {
	TITLE = 0,
	OST = 1 << 0,
	TV = 1 << 1,
	COUNTER = 1 << 2,
	NOISE = 1 << 3,
	NUMBER = 1 << 4,
	FILM = 1 << 5,
	ANIME = 1 << 6,
	GAME = 1 << 7,
	STAGE = 1 << 8,
	COMPILATION = 1 << 9,
	COUNTRY = 1 << 10,	/* noise before a name, part of it after:
				 * "Thai Drama OST", "Full House Thai OST" */
	WEAK_OST = 1 << 11,	/* OST only beside a TV word: Japanese
				 * films and anime say サウンドトラック too */
};
#define REFUSING (FILM | ANIME | GAME | STAGE | COMPILATION)

/* Keys are folded and compact, as osp_text_tokens gives them joined:
 * without accents or kana voicing marks ("サウントトラック"). */
static const struct {
	const char *key;
	int kind;
} words[] = {
	/* "OST" alone is what drama fans write; films say "soundtrack". */
	{"ost", OST | TV}, {"osts", OST | TV}, {"오에스티", OST | TV},
	{"soundtrack", OST}, {"soundtracks", OST}, {"사운드트랙", OST},
	{"原声带", OST}, {"原聲帶", OST}, {"原声", OST}, {"原聲", OST},
	{"原声大碟", OST}, {"原聲大碟", OST}, {"插曲", OST}, {"主题曲", OST},
	{"主題曲", OST}, {"片头曲", OST}, {"片頭曲", OST}, {"片尾曲", OST},
	{"主題歌", OST}, {"挿入歌", OST}, {"サウントトラック", WEAK_OST},
	{"オリシナルサウントトラック", OST},
	{"サントラ", WEAK_OST}, {"เพลงประกอบละคร", OST},
	{"เพลงประกอบซรส", OST},	/* เพลงประกอบซีรีส์, folded */

	{"drama", TV}, {"dramas", TV}, {"kdrama", TV}, {"cdrama", TV},
	{"jdrama", TV}, {"thaidrama", TV}, {"드라마", TV}, {"电视剧", TV},
	{"電視劇", TV}, {"电视", TV}, {"電視", TV}, {"トラマ", TV},
	{"连续剧", TV}, {"連續劇", TV}, {"网剧", TV}, {"網劇", TV},
	{"ละคร", TV}, {"テレヒ", TV}, {"tv", TV}, {"television", TV}, {"series", TV},
	{"netflix", TV}, {"kbs", TV}, {"kbs2", TV}, {"mbc", TV}, {"sbs", TV},
	{"tvn", TV}, {"jtbc", TV}, {"ocn", TV}, {"mnet", TV}, {"ena", TV},
	{"tving", TV}, {"wavve", TV}, {"disney", TV}, {"iqiyi", TV},
	{"wetv", TV}, {"youku", TV}, {"tbs", TV}, {"fujitv", TV},
	{"gmm", TV}, {"gmmtv", TV},

	{"part", COUNTER}, {"pt", COUNTER}, {"pack", COUNTER},
	{"vol", COUNTER}, {"volume", COUNTER}, {"cd", COUNTER},
	{"disc", COUNTER}, {"disk", COUNTER}, {"no", COUNTER},
	{"ep", COUNTER}, {"파트", COUNTER},

	{"original", NOISE}, {"오리지널", NOISE}, {"オリシナル", NOISE},
	{"原创", NOISE}, {"原創", NOISE}, {"官方", NOISE}, {"score", NOISE},
	{"album", NOISE}, {"music", NOISE}, {"songs", NOISE},
	{"single", NOISE}, {"deluxe", NOISE}, {"edition", NOISE},
	{"complete", NOISE}, {"special", NOISE}, {"from", NOISE},
	{"korean", COUNTRY}, {"chinese", COUNTRY}, {"japanese", COUNTRY},
	{"thai", COUNTRY}, {"taiwanese", COUNTRY}, {"한국", COUNTRY},
	{"k", NOISE}, {"c", NOISE}, {"j", NOISE}, {"official", NOISE}, {"version", NOISE},
	{"ver", NOISE}, {"various", NOISE}, {"artists", NOISE},
	{"variousartists", NOISE}, {"lyrics", NOISE}, {"mv", NOISE},
	{"audio", NOISE}, {"kpop", NOISE}, {"pop", NOISE},

	{"motionpicture", FILM}, {"movie", FILM}, {"movies", FILM},
	{"film", FILM}, {"films", FILM}, {"cinema", FILM},
	{"theatrical", FILM}, {"영화", FILM}, {"电影", FILM}, {"電影", FILM},
	{"映画", FILM}, {"劇場版", FILM}, {"剧场版", FILM},

	{"anime", ANIME}, {"アニメ", ANIME}, {"アニメーション", ANIME},
	{"动画", ANIME}, {"動畫", ANIME}, {"动漫", ANIME}, {"動漫", ANIME},
	{"애니", ANIME}, {"애니메이션", ANIME}, {"animation", ANIME},
	{"animated", ANIME},

	{"game", GAME}, {"games", GAME}, {"videogame", GAME},
	{"게임", GAME}, {"游戏", GAME}, {"遊戲", GAME}, {"ケーム", GAME},
	{"nintendo", GAME}, {"playstation", GAME}, {"xbox", GAME},

	{"cast", STAGE}, {"castrecording", STAGE}, {"musical", STAGE},
	{"broadway", STAGE}, {"westend", STAGE}, {"뮤지컬", STAGE},
	{"ミューシカル", STAGE}, {"音乐剧", STAGE}, {"音樂劇", STAGE},
	{"stage", STAGE}, {"opera", STAGE},

	{"best", COMPILATION}, {"collection", COMPILATION},
	{"collections", COMPILATION}, {"compilation", COMPILATION},
	{"hits", COMPILATION}, {"greatest", COMPILATION},
	{"cover", COMPILATION}, {"covers", COMPILATION},
	{"medley", COMPILATION}, {"mashup", COMPILATION},
	{"top", COMPILATION}, {"playlist", COMPILATION},
	{"selection", COMPILATION}, {"essentials", COMPILATION},
	{"anthology", COMPILATION}, {"베스트", COMPILATION},
	{"모음", COMPILATION}, {"모음집", COMPILATION}, {"명곡", COMPILATION},
	{"컬렉션", COMPILATION}, {"精选", COMPILATION}, {"精選", COMPILATION},
	{"合集", COMPILATION}, {"ヘスト", COMPILATION},
	{"lofi", COMPILATION}, {"mix", COMPILATION}, {"chill", COMPILATION},
	{"relaxing", COMPILATION}, {"sleep", COMPILATION},
	{"study", COMPILATION}, {"healing", COMPILATION},
	/* "My favourite OSTs/": the user's own mix of many dramas */
	{"favourite", COMPILATION}, {"favourites", COMPILATION},
	{"favorite", COMPILATION}, {"favorites", COMPILATION},
	{"fav", COMPILATION}, {"favs", COMPILATION},
};

/* Markers that Chinese and Japanese write against the title without a
 * space ("陈情令电视剧原声带"): spaced out before reading, longest first. */
static const char *const glued[] = {
	"サウンドトラック", "原声大碟", "原聲大碟", "電視劇", "电视剧",
	"原声带", "原聲帶", "主题曲", "主題曲", "片头曲", "片頭曲",
	"片尾曲", "主題歌", "挿入歌", "オリジナル", "ドラマ", "サントラ",
	"劇場版", "剧场版", "アニメ", "テレビ", "插曲", "电视", "電視", "原声", "原聲",
	"电影", "電影", "映画", "เพลงประกอบละคร", "เพลงประกอบซีรีส์",
};

#define N_WORDS (sizeof(words) / sizeof(words[0]))

struct osp_discoverer {
	/* words[], sorted by key for bisection: every run of tokens of every
	 * text read is looked up. */
	size_t by_key[N_WORDS];
	struct osp_tokens tok;	/* scratch */
};

static int cmp_word(const void *key, const void *at)
{
	return strcmp(key, words[*(const size_t *)at].key);
}

static int cmp_index(const void *a, const void *b)
{
	return strcmp(words[*(const size_t *)a].key,
		      words[*(const size_t *)b].key);
}

struct osp_discoverer *osp_discoverer_new(void)
{
	struct osp_discoverer *d = xcalloc(1, sizeof(*d));
	for (size_t i = 0; i < N_WORDS; i++)
		d->by_key[i] = i;
	qsort(d->by_key, N_WORDS, sizeof(size_t), cmp_index);
	return d;
}

void osp_discoverer_free(struct osp_discoverer *d)
{
	if (!d)
		return;
	osp_tokens_free(&d->tok);
	free(d);
}

static int word_kind_of(const struct osp_discoverer *d, const char *key)
{
	const size_t *at = bsearch(key, d->by_key, N_WORDS, sizeof(size_t),
				   cmp_word);
	return at ? words[*at].kind : -1;
}

static bool is_digits(const char *w)
{
	if (!*w)
		return false;
	for (; *w; w++)
		if (*w < '0' || *w > '9')
			return false;
	return true;
}

static bool is_roman(const char *w)
{
	return *w && strlen(w) <= 4 && strspn(w, "ivx") == strlen(w);
}

/* A word of the text, as written, and what it is. */
struct word {
	size_t start, end;	/* bytes of the spaced text */
	int kind;		/* enum word_kind bits; TITLE when 0 */
	bool empty;		/* punctuation only: no letters or digits */
	int script;		/* 0 Latin and the rest, 1 CJK, Hangul, Thai */
};

/* A run of the text between brackets or dashes. */
struct segment {
	size_t first, n;	/* its words */
	bool bracketed;
	bool quoted;		/* in 《》「」『』〈〉: a work's title */
	int kinds;		/* every word's kind, or'ed */
	bool has_title;
};

#define MAX_WORDS 64
#define MAX_SEGMENTS 16

struct reading {
	struct osp_discoverer *d;
	char *text;		/* spaced */
	struct word w[MAX_WORDS];
	size_t n_words;
	struct segment seg[MAX_SEGMENTS];
	size_t n_seg;
};

static size_t utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* `text` with a space on each side of every glued marker. */
static char *space_markers(const char *text)
{
	struct osp_buf b = {0};
	for (const char *p = text; *p;) {
		size_t n = 0;
		/* Every marker starts with a byte of a three-byte sequence. */
		for (size_t i = 0; !n && (unsigned char)*p >= 0xE0 &&
				   i < sizeof(glued) / sizeof(glued[0]); i++)
			if (strncmp(p, glued[i], strlen(glued[i])) == 0)
				n = strlen(glued[i]);
		if (n) {
			osp_buf_putc(&b, ' ');
			osp_buf_append(&b, p, n);
			osp_buf_putc(&b, ' ');
			p += n;
			continue;
		}
		n = utf8_len((unsigned char)*p);
		for (size_t i = 1; i < n; i++)
			if (!p[i])
				n = i;
		osp_buf_append(&b, p, n);
		p += n;
	}
	return osp_buf_steal(&b);
}

/* Whether `p` may start a bracket: one of the ASCII `ascii`, or a
 * sequence of the CJK (U+3000..) or full-width (U+FF00..) forms.  The
 * tables below are searched at every byte of every name read. */
static bool may_be_bracket(const char *p, const char *ascii)
{
	unsigned char c = (unsigned char)*p;
	return c < 0x80 ? c && strchr(ascii, c) : c == 0xE3 || c == 0xEF;
}

/* The closing bracket of an opening one at `p`, and the opening one's
 * length; NULL when `p` opens none. */
static const char *bracket_close(const char *p, size_t *open_len)
{
	/* The quoting ones first: see is_quote. */
	static const char *const pairs[][2] = {
		{"《", "》"}, {"「", "」"}, {"『", "』"}, {"〈", "〉"},
		{"(", ")"}, {"[", "]"}, {"{", "}"}, {"（", "）"}, {"【", "】"},
		{"〔", "〕"}, {"［", "］"}, {"<", ">"},
	};
	if (!may_be_bracket(p, "([{<"))
		return NULL;
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (strncmp(p, pairs[i][0], strlen(pairs[i][0])) == 0) {
			*open_len = strlen(pairs[i][0]);
			return pairs[i][1];
		}
	return NULL;
}

/* Whether the bracket at `p` is one that Chinese and Japanese quote a
 * work's title in: "电视剧《X》插曲" names X. */
static bool is_quote(const char *p)
{
	return strncmp(p, "《", 3) == 0 || strncmp(p, "「", 3) == 0 ||
	       strncmp(p, "『", 3) == 0 || strncmp(p, "〈", 3) == 0;
}

static bool is_closing(const char *p, size_t *len)
{
	static const char *const closers[] = {
		")", "]", "}", "）", "】", "》", "」", "』", "〉", "〕", "］", ">",
	};
	if (!may_be_bracket(p, ")]}>"))
		return false;
	for (size_t i = 0; i < sizeof(closers) / sizeof(closers[0]); i++)
		if (strncmp(p, closers[i], strlen(closers[i])) == 0) {
			*len = strlen(closers[i]);
			return true;
		}
	return false;
}

/* A dash between spaces (" - ", " – ", " — ", " | ", " / "): the text's
 * parts, as in "[X OST] Artist - Song". */
static size_t dash_at(const char *p)
{
	static const char *const dashes[] = {
		" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " | ", " / ", " ~ ",
	};
	if (*p != ' ')
		return 0;
	for (size_t i = 0; i < sizeof(dashes) / sizeof(dashes[0]); i++)
		if (strncmp(p, dashes[i], strlen(dashes[i])) == 0)
			return strlen(dashes[i]);
	return 0;
}

static bool is_cjk_byte_seq(const char *p)
{
	unsigned char c = (unsigned char)*p;
	/* Hangul, Han, kana (U+3040..), Thai (U+0E00..U+0E7F): first bytes
	 * 0xE0 with 0xB8/0xB9, or 0xE3..0xED. */
	return (c >= 0xE3 && c <= 0xED) ||
	       (c == 0xE0 && ((unsigned char)p[1] == 0xB8 ||
			      (unsigned char)p[1] == 0xB9));
}

static bool is_title_word(const struct word *w)
{
	return !w->empty && !(w->kind & ~REFUSING);
}

/* The tokens of one part, each with the word it came from. */
struct part_token {
	char *s;
	size_t word;
};

struct part_tokens {
	struct part_token *v;
	size_t n, cap;
};

static void add_word_tokens(struct reading *r, struct part_tokens *pt,
			    size_t w)
{
	char *s = xmemdup(r->text + r->w[w].start, r->w[w].end - r->w[w].start);
	osp_text_tokens(s, &r->d->tok);
	free(s);
	r->w[w].empty = r->d->tok.n == 0;
	for (size_t i = 0; i < r->d->tok.n; i++) {
		pt->v = xgrow(pt->v, &pt->cap, pt->n + 1, sizeof(*pt->v));
		pt->v[pt->n++] = (struct part_token){xstrdup(r->d->tok.v[i]), w};
	}
}

/* The table's kind of the longest run of up to four tokens from `at`
 * ("motion picture", "o s t"), its length in `*len`; -1 for none. */
static int run_kind(const struct osp_discoverer *d,
		    const struct part_tokens *pt, size_t at, size_t *len)
{
	char key[256];
	size_t k = 0;
	int kind = -1;
	for (size_t j = at; j < pt->n && j < at + 4; j++) {
		size_t wl = strlen(pt->v[j].s);
		if (k + wl >= sizeof(key))
			break;
		memcpy(key + k, pt->v[j].s, wl + 1);
		k += wl;
		int found = word_kind_of(d, key);
		if (found >= 0)
			kind = found, *len = j - at + 1;
	}
	return kind;
}

/* Whether `s` is written in Latin letters (no Hangul, Han, kana, Thai). */
static bool is_latin(const char *s)
{
	for (; *s; s++)
		if (is_cjk_byte_seq(s))
			return false;
	return true;
}

/* Classifies the words of segment `g`: runs of tokens the table knows,
 * numbers after a counter or OST ("Part 3", "OST 2"), else title words. */
static void classify(struct reading *r, struct segment *g)
{
	struct part_tokens pt = {0};
	for (size_t w = g->first; w < g->first + g->n; w++) {
		r->w[w].kind = 0;
		add_word_tokens(r, &pt, w);
	}
	bool *title = xcalloc(r->n_words + 1, sizeof(bool));
	bool counted = false;
	for (size_t i = 0; i < pt.n;) {
		size_t len = 1;
		int kind = run_kind(r->d, &pt, i, &len);
		struct word *w = &r->w[pt.v[i].word];
		if (kind >= 0) {
			/* A run may span words: "Motion Picture". */
			for (size_t k = i; k < i + len; k++)
				r->w[pt.v[k].word].kind |= kind;
			counted = (kind & (COUNTER | OST | WEAK_OST)) != 0;
		} else if ((is_digits(pt.v[i].s) || is_roman(pt.v[i].s)) &&
			   counted) {
			w->kind |= NUMBER;
			counted = false;
		} else {
			title[pt.v[i].word] = true;
			counted = false;
		}
		i += len;
	}
	for (size_t w = g->first; w < g->first + g->n; w++) {
		if (title[w])	/* a title word, refusals kept */
			r->w[w].kind &= REFUSING;
		g->kinds |= r->w[w].kind;
		g->has_title |= is_title_word(&r->w[w]);
	}
	free(title);
	for (size_t i = 0; i < pt.n; i++)
		free(pt.v[i].s);
	free(pt.v);
}

/* Where the word at `i` ends: at a space, dash or bracket, or where
 * Hangul, Han, kana or Thai meet other letters ("사랑의불시착OST"). */
static size_t word_end(const char *s, size_t i)
{
	size_t n;
	bool cjk = is_cjk_byte_seq(s + i);
	while (s[i] && s[i] != ' ' && !dash_at(s + i) &&
	       !bracket_close(s + i, &n) && !is_closing(s + i, &n)) {
		unsigned char c = (unsigned char)s[i];
		bool letter = c >= 0x80 || (unsigned)((c | 0x20) - 'a') < 26 ||
			      (c >= '0' && c <= '9');
		if (letter && is_cjk_byte_seq(s + i) != cjk)
			break;
		/* A folder name may be any bytes: a sequence cut short by
		 * the end ("Goblin OST\xE9") ends there, not past it. */
		size_t seq = utf8_len(c), k = 1;
		while (k < seq && s[i + k])
			k++;
		i += k;
	}
	return i;
}

/* Splits the spaced text into words and parts. */
static void read_text(struct reading *r)
{
	const char *s = r->text;
	size_t i = 0;
	r->n_words = 0;
	r->seg[0] = (struct segment){0};
	r->n_seg = 1;
	while (s[i] && r->n_words < MAX_WORDS) {
		size_t open_len, n;
		bool breaks = true, bracketed = false, quoted = is_quote(s + i);
		/* Brackets inside brackets are flattened; a stray closing
		 * one ends a part all the same. */
		if (bracket_close(s + i, &open_len))
			i += open_len, bracketed = true;
		else if (is_closing(s + i, &n) || (n = dash_at(s + i)))
			i += n;
		else
			breaks = false;
		if (breaks) {
			if (r->seg[r->n_seg - 1].n && r->n_seg < MAX_SEGMENTS)
				r->seg[r->n_seg++] = (struct segment){
					.first = r->n_words};
			r->seg[r->n_seg - 1].bracketed = bracketed;
			r->seg[r->n_seg - 1].quoted = bracketed && quoted;
			continue;
		}
		if (s[i] == ' ') {
			i++;
			continue;
		}
		struct word *w = &r->w[r->n_words++];
		w->start = i;
		w->end = i = word_end(s, i);
		w->script = is_cjk_byte_seq(s + w->start);
		r->seg[r->n_seg - 1].n++;
	}
	int kinds = 0;
	for (size_t k = 0; k < r->n_seg; k++) {
		classify(r, &r->seg[k]);
		kinds |= r->seg[k].kinds;
	}
	if (!(kinds & TV))
		return;
	for (size_t k = 0; k < r->n_words; k++)
		if (r->w[k].kind & WEAK_OST)
			r->w[k].kind |= OST;
	for (size_t k = 0; k < r->n_seg; k++)
		if (r->seg[k].kinds & WEAK_OST)
			r->seg[k].kinds |= OST;
}

/* Copies words [a, b] (inclusive) as written into `out`, trimming
 * punctuation that only joined them to what was cut off. */
static bool copy_words(const struct reading *r, size_t a, size_t b,
		       char *out, size_t max)
{
	const char *s = r->text + r->w[a].start;
	size_t len = r->w[b].end - r->w[a].start;
	while (len && strchr(",.:;-~|/\"", *s))
		s++, len--;
	while (len && strchr(",:;-~|/\"", s[len - 1]))
		len--;
	if (!len || len > max)
		return false;
	memcpy(out, s, len);
	out[len] = '\0';
	return true;
}

/* The name in segment `g`: its title words before its first OST word, or
 * after its last when none come before.  Noise at either end is cut. */
static bool segment_name(const struct reading *r, const struct segment *g,
			 char *out)
{
	size_t end = g->first + g->n, ost = end, last_ost = end;
	for (size_t i = g->first; i < end; i++)
		if (r->w[i].kind & OST) {
			if (ost == end)
				ost = i;
			last_ost = i;
		}
	size_t from = g->first, to = ost == end ? end : ost;
	bool any = false;
	for (size_t i = from; i < to && !any; i++)
		any = is_title_word(&r->w[i]);
	if (!any && ost != end)
		from = last_ost + 1, to = end;
	while (from < to && !is_title_word(&r->w[from]))
		from++;
	while (to > from && !is_title_word(&r->w[to - 1]) &&
	       !(r->w[to - 1].kind & COUNTRY && to - 1 > from &&
		 is_title_word(&r->w[to - 2])))
		to--;
	if (from == to || !copy_words(r, from, to - 1, out,
				      OSP_DISCOVER_NAME_MAX))
		return false;
	/* "Drama OST 2020" names a year, not a drama. */
	for (const char *p = out; *p; p++)
		if ((unsigned char)*p >= 0x80 || (unsigned)((*p | 0x20) - 'a') < 26)
			return true;
	return false;
}

/* Whether segment `g` is all title words, in one script: a name. */
static int pure_title_script(const struct reading *r, const struct segment *g)
{
	int script = -1;
	for (size_t i = g->first; i < g->first + g->n; i++) {
		const struct word *w = &r->w[i];
		if (w->empty)
			continue;
		if (!is_title_word(w) || (script >= 0 && script != w->script))
			return -1;
		script = w->script;
	}
	return script;
}

/* The drama's name in the other script, from a bracket right after the
 * part `at` that named it ("Crash Landing on You OST (사랑의 불시착)"). */
static void find_alias(const struct reading *r, size_t at,
		       struct osp_discovered *out)
{
	if (at + 1 >= r->n_seg || !r->seg[at + 1].bracketed)
		return;
	int script = is_latin(out->name) ? 0 : 1;
	int other = pure_title_script(r, &r->seg[at + 1]);
	if (other >= 0 && other != script)
		segment_name(r, &r->seg[at + 1], out->alias);
}

static enum osp_discover_verdict refusal(int kinds)
{
	return kinds & FILM ? OSP_DISCOVER_FILM
	       : kinds & ANIME ? OSP_DISCOVER_ANIME
	       : kinds & GAME ? OSP_DISCOVER_GAME
	       : kinds & STAGE ? OSP_DISCOVER_STAGE
			       : OSP_DISCOVER_COMPILATION;
}

/* Names the words of the first kind in `kinds` into out->why. */
static void say_why(const struct reading *r, int kinds,
		    struct osp_discovered *out)
{
	for (size_t i = 0; i < r->n_words; i++)
		if (r->w[i].kind & kinds) {
			copy_words(r, i, i, out->why, sizeof(out->why) - 1);
			return;
		}
}

static enum osp_discover_verdict decide(const struct reading *r,
					struct osp_discovered *out)
{
	int kinds = 0;
	for (size_t k = 0; k < r->n_seg; k++)
		kinds |= r->seg[k].kinds;
	if (kinds & REFUSING) {
		int first = kinds & FILM ? FILM : kinds & ANIME ? ANIME
			    : kinds & GAME ? GAME : kinds & STAGE ? STAGE
			    : COMPILATION;
		say_why(r, first, out);
		return refusal(kinds);
	}
	if (!(kinds & OST))
		return OSP_DISCOVER_NONE;
	say_why(r, OST, out);
	/* A part that says OST and has a title names it: "[X OST] A - B",
	 * "A - B (X OST)". */
	for (size_t k = 0; k < r->n_seg; k++) {
		const struct segment *g = &r->seg[k];
		if ((g->kinds & OST) && g->has_title) {
			if (!segment_name(r, g, out->name))
				return OSP_DISCOVER_NONE;
			find_alias(r, k, out);
			return OSP_DISCOVER_NAMED;
		}
	}
	/* Else a work's title in quotes ("电视剧《X》插曲", "X - Y (电视剧
	 * 《Z》插曲)"), when only one is quoted. */
	size_t quoted = r->n_seg, n_quoted = 0;
	for (size_t k = 0; k < r->n_seg; k++)
		if (r->seg[k].quoted && r->seg[k].has_title)
			quoted = k, n_quoted++;
	if (n_quoted == 1)
		return segment_name(r, &r->seg[quoted], out->name)
			       ? OSP_DISCOVER_NAMED : OSP_DISCOVER_NONE;
	/* Else the one part with a title, beside the parts that say OST
	 * ("电视剧《X》插曲", "X (Original Television Soundtrack)"); or two,
	 * the second the first's name in another script. */
	size_t titled[MAX_SEGMENTS], n = 0;
	for (size_t k = 0; k < r->n_seg; k++)
		if (r->seg[k].has_title)
			titled[n++] = k;
	if (n == 2 && titled[1] == titled[0] + 1 &&
	    r->seg[titled[1]].bracketed && !r->seg[titled[0]].bracketed) {
		if (!segment_name(r, &r->seg[titled[0]], out->name))
			return OSP_DISCOVER_NONE;
		find_alias(r, titled[0], out);
		return OSP_DISCOVER_NAMED;
	}
	if (n != 1 || !segment_name(r, &r->seg[titled[0]], out->name))
		return OSP_DISCOVER_NONE;
	return OSP_DISCOVER_NAMED;
}

bool osp_discover_may_name(const char *text)
{
	/* Every word that says OST, as written (the table's are folded). */
	static const char *const written[] = {
		"오에스티", "사운드트랙", "原声", "原聲", "插曲", "主题曲",
		"主題曲", "片头曲", "片頭曲", "片尾曲", "主題歌", "挿入歌",
		"サウンドトラック", "サントラ", "เพลงประกอบละคร", "เพลงประกอบซีรีส์",
		"ＯＳＴ", "ｏｓｔ",
		"Ｏ.Ｓ.Ｔ",
	};
	static const char *const latin[] = {"ost", "o.s.t", "soundtrack"};
	if (osp_text_has_any(text, latin, sizeof(latin) / sizeof(latin[0]),
			     true))
		return true;
	bool ascii = true;
	for (const char *p = text; *p && ascii; p++)
		ascii = (unsigned char)*p < 0x80;
	return !ascii && osp_text_has_any(text, written, sizeof(written) /
					  sizeof(written[0]), false);
}

enum osp_discover_verdict osp_discover_name(struct osp_discoverer *d,
					    const char *text,
					    struct osp_discovered *out)
{
	*out = (struct osp_discovered){0};
	if (!text || !osp_discover_may_name(text))
		return OSP_DISCOVER_NONE;
	/* A folder name may be any bytes; the name given is stored and
	 * shown, so it is valid UTF-8 (U+FFFD for what is not). */
	char *clean = osp_text_clean(text, strlen(text));
	struct reading r = {.d = d, .text = space_markers(clean)};
	free(clean);
	read_text(&r);
	enum osp_discover_verdict v = decide(&r, out);
	if (v != OSP_DISCOVER_NAMED)
		out->name[0] = out->alias[0] = '\0';
	free(r.text);
	return v;
}

bool osp_discover_is_context(struct osp_discoverer *d, const char *text)
{
	if (!text || !*text)
		return false;
	struct reading r = {.d = d, .text = space_markers(text)};
	read_text(&r);
	int kinds = 0;
	bool title = false;
	for (size_t k = 0; k < r.n_seg; k++) {
		kinds |= r.seg[k].kinds;
		title |= r.seg[k].has_title;
	}
	free(r.text);
	return !title && (kinds & TV) && !(kinds & REFUSING);
}

char *osp_discover_key(const char *name)
{
	struct osp_tokens t = {0};
	osp_text_tokens(name, &t);
	struct osp_buf b = {0};
	for (size_t i = 0; i < t.n; i++)
		if (strcmp(t.v[i], "the") != 0 && strcmp(t.v[i], "a") != 0 &&
		    strcmp(t.v[i], "an") != 0)
			osp_buf_puts(&b, t.v[i]);
	osp_tokens_free(&t);
	return b.data ? osp_buf_steal(&b) : xstrdup("");
}

/* Grouping: union-find over the distinct keys of every name. */
struct keyset {
	char **keys;		/* sorted, distinct, owned */
	size_t n;
	size_t *parent;
	bool *dropped;		/* a rule says this name is no drama */
	const char **display;	/* a rule's name for the group, by root */
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static long key_index(const struct keyset *ks, const char *key)
{
	char *const *at = bsearch(&key, ks->keys, ks->n, sizeof(char *), cmp_str);
	return at ? (long)(at - ks->keys) : -1;
}

static size_t root(struct keyset *ks, size_t i)
{
	while (ks->parent[i] != i)
		i = ks->parent[i] = ks->parent[ks->parent[i]];
	return i;
}

static void join(struct keyset *ks, long a, long b)
{
	if (a < 0 || b < 0)
		return;
	size_t ra = root(ks, (size_t)a), rb = root(ks, (size_t)b);
	if (ra == rb)
		return;
	if (ks->display[ra] && !ks->display[rb])
		ks->display[rb] = ks->display[ra];
	ks->parent[ra] = rb;
}

/* Takes the `n` keys (moving them in) as the set's. */
static void keyset_init(struct keyset *ks, char **keys, size_t n)
{
	qsort(keys, n, sizeof(char *), cmp_str);
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (w && strcmp(keys[w - 1], keys[i]) == 0)
			free(keys[i]);
		else
			keys[w++] = keys[i];
	*ks = (struct keyset){.keys = keys, .n = w};
	ks->parent = xcalloc(w + 1, sizeof(size_t));
	ks->dropped = xcalloc(w + 1, sizeof(bool));
	ks->display = xcalloc(w + 1, sizeof(char *));
	for (size_t i = 0; i < w; i++)
		ks->parent[i] = i;
}

static void keyset_free(struct keyset *ks)
{
	for (size_t i = 0; i < ks->n; i++)
		free(ks->keys[i]);
	free(ks->keys);
	free(ks->parent);
	free(ks->dropped);
	free(ks->display);
}

/* Every name's key, and the rules' targets', in one set; the rules
 * applied. */
static void build_keys(const struct osp_discover_entry *e, size_t n,
		       const struct osp_discover_rule *rules, size_t n_rules,
		       struct keyset *ks)
{
	char **keys = xcalloc(2 * (n + n_rules) + 1, sizeof(char *));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		keys[k++] = osp_discover_key(e[i].name);
		if (e[i].alias && *e[i].alias)
			keys[k++] = osp_discover_key(e[i].alias);
	}
	for (size_t r = 0; r < n_rules; r++) {
		keys[k++] = osp_discover_key(rules[r].name);
		if (rules[r].kind == OSP_DISCOVER_ALIAS)
			keys[k++] = osp_discover_key(rules[r].target);
	}
	keyset_init(ks, keys, k);
	for (size_t r = 0; r < n_rules; r++) {
		char *name = osp_discover_key(rules[r].name);
		long at = key_index(ks, name);
		free(name);
		if (rules[r].kind == OSP_DISCOVER_NOT_DRAMA) {
			ks->dropped[at] = true;
			continue;
		}
		char *target = osp_discover_key(rules[r].target);
		long to = key_index(ks, target);
		free(target);
		ks->display[to] = rules[r].target;
		join(ks, at, to);
	}
}

/* The key of entry `e`'s name, -1 when a rule drops it. */
static long entry_key(const struct keyset *ks, const char *name)
{
	char *key = osp_discover_key(name);
	long at = key_index(ks, key);
	free(key);
	return at >= 0 && ks->dropped[at] ? -1 : at;
}

/* One performer's song in a drama: title and performer, both keys. */
struct song_link {
	char *key;
	size_t root;
	bool latin;
};

static int cmp_link(const void *a, const void *b)
{
	const struct song_link *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->root > y->root) - (x->root < y->root);
}

/* Appends `s` without its parts in round or square brackets. */
static void append_unbracketed(struct osp_buf *b, const char *s)
{
	int depth = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '(' || *p == '[')
			depth++;
		else if ((*p == ')' || *p == ']') && depth > 0)
			depth--;
		else if (!depth)
			osp_buf_putc(b, *p);
	}
}

/* The title without its bracketed notes, as a key; NULL when too short to
 * say anything ("A"). */
static char *title_key(const char *title)
{
	struct osp_buf b = {0};
	append_unbracketed(&b, title);
	char *key = osp_text_compact(osp_buf_str(&b));
	osp_buf_free(&b);
	if (strlen(key) < 2) {
		free(key);
		return NULL;
	}
	return key;
}

/* The performers one credit names, each as written: "肖战, 王一博",
 * "Chen x Punch", "A feat. B" are two.  Splitting a band named "A & B"
 * costs nothing here: it only adds ways for two files to meet. */
static size_t split_performers(const char *credit, char **out, size_t max)
{
	static const char *const seps[] = {
		",", "，", "、", ";", "/", "&", " x ", " X ", " × ", " feat. ",
		" feat ", " ft. ", " Feat. ", " with ",
	};
	size_t n = 0;
	const char *p = credit;
	while (*p && n < max) {
		size_t len = 0;
		const char *cut = osp_text_find_any(
			p, seps, sizeof(seps) / sizeof(seps[0]), false, &len);
		size_t end = cut ? (size_t)(cut - p) : strlen(p);
		char *one = osp_text_clean(p, end);
		if (*one)
			out[n++] = one;
		else
			free(one);
		p += end + len;
		if (!cut)
			break;
	}
	return n;
}

/* A performer as sounded in any script, by the consonants alone: Hangul
 * writes foreign stage names by ear, so "에일리" is Ailee and "스텔라장"
 * Stella Jang, besides "윤미래" = "Yoon Mi-rae".  So loose a key only
 * ever meets another beside a title that is the same too.  Names in Han
 * or kana, written alike on both sides, are kept as they are. */
static char *performer_key(const char *name)
{
	char *sound = osp_text_sound_key(name, OSP_SOUND_LATIN |
						OSP_SOUND_HANGUL);
	size_t k = 0;
	for (const char *p = sound; *p; p++)
		if (!strchr(" -aeiouywh", *p) && (!k || sound[k - 1] != *p))
			sound[k++] = *p;
	sound[k] = '\0';
	if (k)
		return sound;
	free(sound);
	return osp_text_compact(name);
}

/* A title that names the drama's OST itself, as uploads are titled
 * ("[X OST Part.1] Ailee - Hello", "Ailee - Hello (X OST)"), credits the
 * singer before a dash, whoever the file's artist tag names (often the
 * channel): into `*credit`, the song's own title returned.  Otherwise
 * NULL.  Caller frees both. */
static char *upload_title(struct osp_discoverer *d, const char *title,
			  char **credit)
{
	struct osp_discovered found;
	*credit = NULL;
	if (osp_discover_name(d, title, &found) != OSP_DISCOVER_NAMED)
		return NULL;
	struct osp_buf b = {0};
	append_unbracketed(&b, title);
	const char *all = osp_buf_str(&b);
	const char *dash = strstr(all, " - ");
	char *song = NULL;
	if (dash) {
		*credit = osp_text_clean(all, (size_t)(dash - all));
		song = osp_text_clean(dash + 3, strlen(dash + 3));
	}
	osp_buf_free(&b);
	return song;
}

/* Adds a link for each performer `artist` credits, in each way that one
 * is written: "윤미래 (Yoon Mi Rae)" is both. */
static void add_song_links(struct song_link **v, size_t *n, size_t *cap,
			   const char *title, const char *artist,
			   size_t root, bool latin)
{
	char *who[8];
	size_t n_who = split_performers(artist, who, 8);
	for (size_t w = 0; w < n_who; w++) {
		char *forms[2] = {who[w], NULL};
		char *open = strchr(forms[0], '(');
		char *close = open ? strchr(open, ')') : NULL;
		if (close) {
			forms[1] = xmemdup(open + 1, (size_t)(close - open - 1));
			*open = '\0';
		}
		for (size_t i = 0; i < 2 && forms[i]; i++) {
			char *key = performer_key(forms[i]);
			if (*key) {
				*v = xgrow(*v, cap, *n + 1, sizeof(**v));
				(*v)[(*n)++] = (struct song_link){
					xasprintf("%s\x1f%s", title, key), root,
					latin};
			}
			free(key);
			free(forms[i]);
		}
	}
}

char *osp_discover_song_key(struct osp_discoverer *d, const char *title,
			    char *const *artists, size_t n_artists)
{
	char *credit = NULL;
	char *song = title ? upload_title(d, title, &credit) : NULL;
	char *t = title ? title_key(song ? song : title) : NULL;
	free(song);
	if (credit) {
		char *key = osp_discover_song_key(d, t ? t : "", &credit, 1);
		free(credit);
		free(t);
		return key;
	}
	if (!t)
		return NULL;
	char **who = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < n_artists; i++) {
		char *names[8];
		size_t k = split_performers(artists[i], names, 8);
		for (size_t j = 0; j < k; j++) {
			/* "윤미래 (Yoon Mi Rae)": the name before the bracket */
			char *open = strchr(names[j], '(');
			if (open && open > names[j])
				*open = '\0';
			who = xgrow(who, &cap, n + 1, sizeof(char *));
			who[n++] = performer_key(names[j]);
			free(names[j]);
		}
	}
	if (n)
		qsort(who, n, sizeof(char *), cmp_str);
	struct osp_buf b = {0};
	osp_buf_puts(&b, t);
	for (size_t i = 0; i < n; i++)
		if (!i || strcmp(who[i], who[i - 1]) != 0)
			osp_buf_printf(&b, "\x1f%s", who[i]);
	for (size_t i = 0; i < n; i++)
		free(who[i]);
	free(who);
	free(t);
	return osp_buf_steal(&b);
}

struct edge {
	size_t native, latin;
};

/* Which script each group's names are in: 1 Latin, 2 other, 3 both. */
static unsigned *group_scripts(struct keyset *ks,
			       const struct osp_discover_entry *e,
			       const long *key, size_t n)
{
	unsigned *scripts = xcalloc(ks->n + 1, sizeof(unsigned));
	for (size_t i = 0; i < n; i++) {
		if (key[i] < 0)
			continue;
		size_t r = root(ks, (size_t)key[i]);
		scripts[r] |= is_latin(e[i].name) ? 1 : 2;
		if (e[i].alias && *e[i].alias)
			scripts[r] |= is_latin(e[i].alias) ? 1 : 2;
	}
	return scripts;
}

/* The edges between a native-named and a Latin-named group that share a
 * song sung by one performer; each run of equal links gives at most one. */
static struct edge *song_edges(struct song_link *v, size_t n, size_t *n_edges)
{
	if (n)	/* v is NULL then, which qsort may not be given */
		qsort(v, n, sizeof(*v), cmp_link);
	struct edge *edges = NULL;
	size_t cap = 0;
	*n_edges = 0;
	for (size_t i = 0, j; i < n; i = j) {
		long latin = -1, native = -1;
		bool clear = true;
		for (j = i; j < n && strcmp(v[j].key, v[i].key) == 0; j++) {
			long *side = v[j].latin ? &latin : &native;
			if (*side >= 0 && *side != (long)v[j].root)
				clear = false;	/* two works of one script */
			*side = (long)v[j].root;
		}
		if (!clear || latin < 0 || native < 0)
			continue;
		edges = xgrow(edges, &cap, *n_edges + 1, sizeof(*edges));
		edges[(*n_edges)++] = (struct edge){(size_t)native, (size_t)latin};
	}
	return edges;
}

/* Whether group `r` has edges to one partner only, on its side `native`. */
static bool one_partner(const struct edge *edges, size_t n, size_t r,
			bool native)
{
	long partner = -1;
	for (size_t i = 0; i < n; i++) {
		size_t me = native ? edges[i].native : edges[i].latin;
		size_t other = native ? edges[i].latin : edges[i].native;
		if (me != r)
			continue;
		if (partner >= 0 && (size_t)partner != other)
			return false;
		partner = (long)other;
	}
	return true;
}

/* Joins a group named in one script only to the group named in the other
 * whose songs it shares, when neither shares songs with a third: two works
 * are never merged by a singer who sang for both. */
static void link_by_songs(struct keyset *ks, const struct osp_discover_entry *e,
			  const long *key, size_t n)
{
	struct osp_discoverer *d = osp_discoverer_new();
	unsigned *scripts = group_scripts(ks, e, key, n);
	struct song_link *v = NULL;
	size_t n_links = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		if (key[i] < 0 || !e[i].title)
			continue;
		size_t r = root(ks, (size_t)key[i]);
		if (scripts[r] == 3)
			continue;
		char *credit = NULL;
		char *song = upload_title(d, e[i].title, &credit);
		char *title = title_key(song ? song : e[i].title);
		for (size_t a = 0; title && a < (credit ? 1 : e[i].n_artists); a++)
			add_song_links(&v, &n_links, &cap, title,
				       credit ? credit : e[i].artists[a], r,
				       scripts[r] == 1);
		free(title);
		free(song);
		free(credit);
	}
	size_t n_edges;
	struct edge *edges = song_edges(v, n_links, &n_edges);
	for (size_t i = 0; i < n_edges; i++)
		if (one_partner(edges, n_edges, edges[i].native, true) &&
		    one_partner(edges, n_edges, edges[i].latin, false))
			join(ks, (long)edges[i].native, (long)edges[i].latin);
	for (size_t i = 0; i < n_links; i++)
		free(v[i].key);
	free(v);
	free(edges);
	free(scripts);
	osp_discoverer_free(d);
}

struct spelling {
	size_t root;
	const char *s;
	size_t first;	/* the entry it comes from: ties go to the first */
};

static int cmp_spelling(const void *a, const void *b)
{
	const struct spelling *x = a, *y = b;
	if (x->root != y->root)
		return (x->root > y->root) - (x->root < y->root);
	int c = strcmp(x->s, y->s);
	return c ? c : (x->first > y->first) - (x->first < y->first);
}

/* The group's most used spelling of each kind: best[0] Latin, best[1]
 * other scripts (NULL when none). */
struct choice {
	const char *best[2];
	size_t count[2];
	size_t first[2];
};

static struct choice *choose_spellings(struct keyset *ks,
				       const struct osp_discover_entry *e,
				       const long *key, size_t n)
{
	struct spelling *v = xcalloc(2 * n + 1, sizeof(*v));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (key[i] < 0)
			continue;
		size_t r = root(ks, (size_t)key[i]);
		v[k++] = (struct spelling){r, e[i].name, i};
		if (e[i].alias && *e[i].alias)
			v[k++] = (struct spelling){r, e[i].alias, i};
	}
	qsort(v, k, sizeof(*v), cmp_spelling);
	struct choice *c = xcalloc(ks->n + 1, sizeof(*c));
	for (size_t i = 0, j; i < k; i = j) {
		for (j = i; j < k && v[j].root == v[i].root &&
			    strcmp(v[j].s, v[i].s) == 0; j++)
			;
		struct choice *ch = &c[v[i].root];
		int side = is_latin(v[i].s) ? 0 : 1;
		if (j - i > ch->count[side] ||
		    (j - i == ch->count[side] && v[i].first < ch->first[side])) {
			ch->count[side] = j - i;
			ch->best[side] = v[i].s;
			ch->first[side] = v[i].first;
		}
	}
	free(v);
	return c;
}

/* Fills `out` from the final groups. */
static void name_groups(struct keyset *ks, const long *key, size_t n,
			const struct choice *c, struct osp_discover_groups *out)
{
	long *slot = xcalloc(ks->n + 1, sizeof(long));	/* root -> name + 1 */
	out->drama = xcalloc(n + 1, sizeof(char *));
	out->names = xcalloc(n + 1, sizeof(char *));
	out->native = xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		if (key[i] < 0)
			continue;
		size_t r = root(ks, (size_t)key[i]);
		if (!slot[r]) {
			const struct choice *ch = &c[r];
			const char *name = ks->display[r] ? ks->display[r]
					   : ch->best[0] ? ch->best[0]
							 : ch->best[1];
			out->names[out->n] = xstrdup(name);
			out->native[out->n] = ch->best[1] && name != ch->best[1]
				? xstrdup(ch->best[1]) : NULL;
			slot[r] = (long)++out->n;
		}
		out->drama[i] = out->names[slot[r] - 1];
	}
	free(slot);
}

void osp_discover_group(const struct osp_discover_entry *e, size_t n,
			const struct osp_discover_rule *rules, size_t n_rules,
			struct osp_discover_groups *out)
{
	*out = (struct osp_discover_groups){0};
	struct keyset ks;
	build_keys(e, n, rules, n_rules, &ks);
	long *key = xcalloc(n + 1, sizeof(long));
	for (size_t i = 0; i < n; i++) {
		key[i] = entry_key(&ks, e[i].name);
		if (key[i] >= 0 && e[i].alias && *e[i].alias)
			join(&ks, key[i], entry_key(&ks, e[i].alias));
	}
	link_by_songs(&ks, e, key, n);
	struct choice *c = choose_spellings(&ks, e, key, n);
	name_groups(&ks, key, n, c, out);
	free(c);
	free(key);
	keyset_free(&ks);
}

void osp_discover_groups_free(struct osp_discover_groups *g)
{
	for (size_t i = 0; i < g->n; i++) {
		free(g->names[i]);
		free(g->native[i]);
	}
	free(g->names);
	free(g->native);
	free(g->drama);
	*g = (struct osp_discover_groups){0};
}
