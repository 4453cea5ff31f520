#include "ostplay/text.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ostplay/xalloc.h"

/* Length of the well-formed UTF-8 sequence at `s` (at most `len` bytes),
 * or 0 when it is not one; stores its code point in `*cp`. */
static size_t decode(const char *s, size_t len, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
					      (utf8proc_ssize_t)len, &c);
	if (n <= 0)
		return 0;
	*cp = c;
	return (size_t)n;
}

/* Length of the character at `s` (at most `len` bytes, at least one),
 * its code point in `*cp`: an invalid byte is one U+FFFD.  ASCII, most of
 * what is read, without a call. */
static size_t next_char(const char *s, size_t len, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xEA && u[0] <= 0xED && len >= 3 && (u[1] & 0xC0) == 0x80 &&
	    (u[2] & 0xC0) == 0x80) {	/* Hangul syllables, the next most */
		*cp = (u[0] & 0x0F) << 12 | (u[1] & 0x3F) << 6 | (u[2] & 0x3F);
		if (*cp >= 0xAC00 && *cp <= 0xD7A3)
			return 3;
	}
	size_t n = decode(s, len, cp);
	if (!n)
		*cp = 0xFFFD;
	return n ? n : 1;
}

bool osp_text_is_utf8(const char *s, size_t len)
{
	size_t i = 0;
	int32_t cp;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = decode(s + i, len - i, &cp);
		if (!n)
			return false;
		i += n;
	}
	return true;
}

static bool is_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	       cp == 0xA0 || cp == 0x3000;
}

/* True when `s` needs no cleaning: valid UTF-8, no controls, no NUL, no
 * white space at either end.  Nearly every tag is like this. */
static bool is_clean(const char *s, size_t len)
{
	if (len && (s[0] == ' ' || s[len - 1] == ' '))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F)
			return false;
		if (c >= 0x80)
			return osp_text_is_utf8(s + i, len - i);
	}
	return true;
}

char *osp_text_clean(const char *s, size_t len)
{
	if (is_clean(s, len))
		return xmemdup(s, len);
	struct osp_buf b = {0};
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		size_t n = decode(s + i, len - i, &cp);
		if (!n) {
			osp_buf_puts(&b, "\xEF\xBF\xBD");	/* U+FFFD */
			i++;
			continue;
		}
		if (cp == 0)
			break;	/* C strings end here, as tag readers do */
		if (cp < 0x20 || cp == 0x7F)
			osp_buf_putc(&b, ' ');
		else
			osp_buf_append(&b, s + i, n);
		i += n;
	}
	/* Trim white space at both ends. */
	size_t start = 0, end = b.len;
	while (start < end && (b.data[start] == ' ' || b.data[start] == '\t'))
		start++;
	while (end > start && (b.data[end - 1] == ' ' || b.data[end - 1] == '\t'))
		end--;
	char *out = xmemdup(b.data ? b.data + start : "", end - start);
	osp_buf_free(&b);
	return out;
}

/* Whether the `len` bytes at `s` are nothing but ASCII and Hangul
 * syllables (most tags), which need no Unicode tables to fold: NFKC
 * leaves them as they are, and case folding is ASCII's tolower. */
static bool is_ascii_or_hangul(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		i += next_char(s + i, len - i, &cp);
		if (cp >= 0x80 && (cp < 0xAC00 || cp > 0xD7A3))
			return false;
	}
	return true;
}

/* Folds what is_ascii_or_hangul accepts.  Matching folds a lot. */
static char *fold_ascii(const char *s, size_t len)
{
	char *out = xmalloc(len + 1);
	size_t o = 0;
	bool pending_space = false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			pending_space = o > 0;
			continue;
		}
		if (pending_space)
			out[o++] = ' ';
		pending_space = false;
		out[o++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out[o] = '\0';
	return out;
}

static char *fold_with(const char *s, bool strip_marks);

char *osp_text_fold(const char *s)
{
	return fold_with(s, false);
}

/* Folds for matching keys: also without accents and other marks, so that
 * McCune-Reischauer's "T'aeyangŭi" meets Revised Romanization's
 * "taeyangui".  Hangul jamo are letters, not marks, and survive. */
static char *fold_with(const char *s, bool strip_marks)
{
	size_t len = strlen(s);
	if (is_ascii_or_hangul(s, len))
		return fold_ascii(s, len);

	char *clean = NULL;
	if (!osp_text_is_utf8(s, strlen(s)))
		s = clean = osp_text_clean(s, strlen(s));
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0,
					  &mapped,
					  UTF8PROC_NULLTERM | UTF8PROC_STABLE |
					  UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
					  UTF8PROC_CASEFOLD |
					  (strip_marks ? UTF8PROC_STRIPMARK : 0));
	free(clean);
	if (n < 0)	/* cannot happen for cleaned input; fold to nothing */
		return xstrdup("");

	/* Collapse white space runs to one space and trim. */
	char *out = xmalloc((size_t)n + 1);
	size_t o = 0, i = 0;
	bool pending_space = false;
	while (i < (size_t)n) {
		int32_t cp;
		size_t k = decode((const char *)mapped + i, (size_t)n - i, &cp);
		if (!k)
			k = 1, cp = 0xFFFD;
		if (is_space(cp)) {
			pending_space = o > 0;
		} else {
			if (pending_space)
				out[o++] = ' ';
			pending_space = false;
			memcpy(out + o, mapped + i, k);
			o += k;
		}
		i += k;
	}
	out[o] = '\0';
	free(mapped);
	return out;
}

void osp_text_escape_name(struct osp_buf *b, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		size_t n = (unsigned char)s[i] < 0x80 ? 1 : decode(s + i, len - i, &cp);
		if (n && (unsigned char)s[i] >= 0x20 && s[i] != 0x7F) {
			osp_buf_append(b, s + i, n);
			i += n;
		} else {
			osp_buf_printf(b, "\\x%02X", (unsigned char)s[i]);
			i++;
		}
	}
}

static bool is_word_char(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	if (cp >= 0xAC00 && cp <= 0xD7A3)
		return true;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

/* Which script a word character belongs to, for splitting "도깨비OST". */
static int script_of(int32_t cp)
{
	if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
	    (cp >= 0x3130 && cp <= 0x318F))
		return 1;
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF))
		return 2;
	if (cp >= 0x3040 && cp <= 0x30FF)
		return 3;
	return 0;
}

/* Characters between words that end a phrase: "Goblin - Stay With Me" is
 * two phrases, "Goblin OST" one. */
static bool breaks_phrase(int32_t cp)
{
	return cp < 0x80 ? strchr("-([{}]):/|_,;~\"!?<>#*+=", (int)cp) != NULL
			 : (cp >= 0x2010 && cp <= 0x2015) ||
			   cp == 0xB7 || cp == 0x2022 || cp == 0xFF5E ||
			   (cp >= 0x3008 && cp <= 0x3011) ||	/* 〈 《 「 【 */
			   (cp >= 0x3014 && cp <= 0x301B) ||
			   (cp >= 0x2018 && cp <= 0x201F);	/* ‘ ’ “ ” */
}

void osp_text_tokens(const char *s, struct osp_tokens *t)
{
	char *folded = fold_with(s, true);
	size_t len = strlen(folded);
	if (t->buf_cap < 2 * len + 1) {	/* a NUL after every character */
		free(t->buf);
		t->buf_cap = 2 * len + 1;
		t->buf = xmalloc(t->buf_cap);
	}
	t->n = 0;
	size_t o = 0, i = 0;
	bool in_word = false, pending_break = false;
	int script = 0;
	while (i < len) {
		int32_t cp;
		size_t k = next_char(folded + i, len - i, &cp);
		if (is_word_char(cp)) {
			int sc = script_of(cp);
			if (in_word && sc != script) {
				t->buf[o++] = '\0';
				in_word = false;
			}
			if (!in_word) {
				if (t->n == t->cap) {
					t->cap = t->cap ? 2 * t->cap : 16;
					t->v = xrealloc(t->v, t->cap * sizeof(char *));
					t->phrase_start = xrealloc(
						t->phrase_start, t->cap * sizeof(bool));
				}
				t->phrase_start[t->n] = pending_break;
				t->v[t->n++] = t->buf + o;
				pending_break = false;
			}
			memcpy(t->buf + o, folded + i, k);
			o += k;
			in_word = true;
			script = sc;
		} else {
			if (in_word)
				t->buf[o++] = '\0';
			in_word = false;
			pending_break |= breaks_phrase(cp);
		}
		i += k;
	}
	t->buf[o] = '\0';
	free(folded);
}

void osp_tokens_free(struct osp_tokens *t)
{
	free(t->v);
	free(t->phrase_start);
	free(t->buf);
	*t = (struct osp_tokens){0};
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether `needle` starts at `p`. */
static bool starts_with(const char *p, const char *needle, bool any_case)
{
	size_t i = 0;
	while (needle[i] && p[i] &&
	       (any_case ? ascii_lower(p[i]) == ascii_lower(needle[i])
			 : p[i] == needle[i]))
		i++;
	return !needle[i];
}

const char *osp_text_find_any(const char *text, const char *const *needles,
			      size_t n, bool any_case, size_t *len)
{
	/* The needles' first bytes: the text is walked once, and a needle
	 * is compared only where its first byte is. */
	uint64_t firsts[4] = {0};
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)(any_case ? ascii_lower(needles[i][0])
							   : needles[i][0]);
		if (!c) {	/* the empty needle */
			*len = 0;
			return text;
		}
		firsts[c >> 6] |= UINT64_C(1) << (c & 63);
	}
	for (const char *p = text; *p; p++) {
		unsigned char c = (unsigned char)(any_case ? ascii_lower(*p) : *p);
		if (!(firsts[c >> 6] >> (c & 63) & 1))
			continue;
		for (size_t i = 0; i < n; i++)
			if (starts_with(p, needles[i], any_case)) {
				*len = strlen(needles[i]);
				return p;
			}
	}
	return NULL;
}

bool osp_text_has_any(const char *text, const char *const *needles,
		      size_t n, bool any_case)
{
	size_t len;
	return osp_text_find_any(text, needles, n, any_case, &len) != NULL;
}

bool osp_text_has(const char *text, const char *needle, bool any_case)
{
	return osp_text_has_any(text, &needle, 1, any_case);
}

char *osp_tokens_join(const struct osp_tokens *t)
{
	size_t len = 0;
	for (size_t w = 0; w < t->n; w++)
		len += strlen(t->v[w]);
	char *out = xmalloc(len + 1), *o = out;
	for (size_t w = 0; w < t->n; w++)
		o = stpcpy(o, t->v[w]);
	*o = '\0';
	return out;
}

char *osp_text_compact(const char *s)
{
	struct osp_tokens t = {0};
	osp_text_tokens(s, &t);
	char *out = osp_tokens_join(&t);
	osp_tokens_free(&t);
	return out;
}

char *osp_text_compact_folded(const char *folded)
{
	size_t len = strlen(folded);
	char *out = xmalloc(len + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)folded[i];
		int32_t cp;
		if (c < 0x80) {
			if (is_word_char(c))
				out[o++] = (char)c;
		} else if (next_char(folded + i, len - i, &cp) == 3 &&
			   cp >= 0xAC00 && cp <= 0xD7A3) {
			memcpy(out + o, folded + i, 3);
			o += 3;
			i += 2;
		} else {
			free(out);	/* more than ASCII and Hangul */
			return NULL;
		}
	}
	out[o] = '\0';
	return out;
}

/* Revised Romanization: a syllable is U+AC00 + (initial * 21 + vowel) * 28
 * + final. */
static const char *const rr_initial[19] = {
	"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j",
	"jj", "ch", "k", "t", "p", "h",
};
static const char *const rr_vowel[21] = {
	"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae",
	"oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i",
};
/* A final consonant as it sounds at the end of a word or before another
 * consonant, and as it is carried over to a following vowel. */
static const char *const rr_final[28] = {
	"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l",
	"p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
};
static const char *const rr_final_before_vowel[28] = {
	"", "g", "kk", "ks", "n", "nj", "n", "d", "r", "lg", "lm", "lb", "ls",
	"lt", "lp", "r", "m", "b", "bs", "s", "ss", "ng", "j", "ch", "k", "t",
	"p", "",
};

static void romanize_join(struct osp_buf *b, int final, int next_initial,
			  bool *initial_done)
{
	*initial_done = false;
	if (next_initial == 11) {	/* silent ㅇ: the final moves over */
		osp_buf_puts(b, rr_final_before_vowel[final]);
		return;
	}
	/* The assimilations people hear, and RR writes: ㄴ+ㄹ and ㄹ+ㄴ/ㄹ
	 * are "ll" (신라 silla), a stop before ㄴ/ㅁ nasalises (국물
	 * gungmul), ㅇ/ㅁ before ㄹ makes it "n" (종로 jongno). */
	const char *f = rr_final[final];
	if ((final == 4 && next_initial == 5) ||
	    (final == 8 && (next_initial == 2 || next_initial == 5))) {
		osp_buf_puts(b, "ll");
		*initial_done = true;
		return;
	}
	if ((next_initial == 2 || next_initial == 6) && f[0] &&
	    strchr("ktp", f[0]) && !f[1]) {
		osp_buf_puts(b, f[0] == 'k' ? "ng" : f[0] == 't' ? "n" : "m");
		return;
	}
	if (next_initial == 5 && (final == 16 || final == 21)) {
		osp_buf_puts(b, f);
		osp_buf_putc(b, 'n');
		*initial_done = true;
		return;
	}
	osp_buf_puts(b, f);
}

char *osp_text_romanize(const char *s)
{
	size_t len = strlen(s);
	struct osp_buf b = {0};
	bool has_hangul = false;
	int pending_final = -1;	/* of the syllable just written */
	bool initial_done = false;
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		size_t k = decode(s + i, len - i, &cp);
		if (!k)
			k = 1, cp = 0xFFFD;
		if (cp >= 0xAC00 && cp <= 0xD7A3) {
			int n = cp - 0xAC00;
			int initial = n / (21 * 28), vowel = (n / 28) % 21;
			int final = n % 28;
			has_hangul = true;
			if (pending_final >= 0)
				romanize_join(&b, pending_final, initial,
					      &initial_done);
			if (!initial_done)
				osp_buf_puts(&b, rr_initial[initial]);
			initial_done = false;
			osp_buf_puts(&b, rr_vowel[vowel]);
			pending_final = final;
		} else {
			if (pending_final >= 0)
				osp_buf_puts(&b, rr_final[pending_final]);
			pending_final = -1;
			if (cp < 0x80)
				osp_buf_putc(&b, (char)tolower(cp));
			else
				osp_buf_append(&b, s + i, k);
		}
		i += k;
	}
	if (pending_final >= 0)
		osp_buf_puts(&b, rr_final[pending_final]);
	char *out = has_hangul ? xstrdup(osp_buf_str(&b)) : NULL;
	osp_buf_free(&b);
	return out;
}

bool osp_text_has_hangul(const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len; i++) {
		/* Hangul syllables are E[A-D] xx xx in UTF-8. */
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		if (c >= 0xEA && c <= 0xED &&
		    next_char(s + i, len - i, &cp) == 3 && cp >= 0xAC00 &&
		    cp <= 0xD7A3)
			return true;
	}
	return false;
}

/* The script of the word of `len` bytes at `s` by its first letter: 1
 * for Latin (through Latin Extended-B), 2 for any other, 0 for a word
 * without letters. */
static int word_script(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		int32_t cp;
		i += next_char(s + i, len - i, &cp);
		utf8proc_category_t cat = utf8proc_category(cp);
		if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
			return cp < 0x250 ? 1 : 2;
	}
	return 0;
}

size_t osp_text_script_turn(const char *s, size_t len)
{
	int current = 0;
	size_t turn = 0;
	for (size_t i = 0; i < len;) {
		if (s[i] == ' ') {
			i++;
			continue;
		}
		const char *space = memchr(s + i, ' ', len - i);
		size_t end = space ? (size_t)(space - s) : len;
		int script = word_script(s + i, end - i);
		if (script && current && script != current) {
			if (turn)
				return 0;	/* a second turn */
			turn = i - 1;
		}
		if (script)
			current = script;
		i = end;
	}
	return turn;
}

/* Surname spellings that the letter rules of sound_word cannot bring to
 * their Revised Romanization (which the rules then key like any word).
 * The rules already join Park/Bak, Kim/Gim, Choi/Choe, Jung/Jeong/Chung,
 * Shin/Sin, Kang/Gang, Cho/Jo, Yoon/Yun, Oh/O, Seo/Suh, Ahn/An,
 * Jang/Chang, Baek/Paik, Heo/Hur/Huh and the like. */
static const struct {
	const char *spelling, *rr;
} surnames[] = {
	{"lee", "i"}, {"yi", "i"}, {"rhee", "i"}, {"rhie", "i"},
	{"lim", "im"}, {"rim", "im"}, {"lym", "im"},
	{"roh", "no"}, {"rho", "no"}, {"whang", "hwang"},
};

/* The Revised Romanization of the surname spelt by the `len` letters at
 * `w`, when the table has it; else NULL. */
static const char *surname_rr(const char *w, size_t len)
{
	for (size_t i = 0; len <= 5 && i < sizeof(surnames) /
	     sizeof(surnames[0]); i++)
		if (surnames[i].spelling[0] == w[0] &&
		    strlen(surnames[i].spelling) == len &&
		    memcmp(surnames[i].spelling, w, len) == 0)
			return surnames[i].rr;
	return NULL;
}

/* Spellings of one sound, longest first: the vowels that Korean names
 * are written with in several ways, and the consonant pairs. */
static const struct {
	const char *from, *to;
} spellings[] = {
	{"weo", "wo"}, {"wae", "we"}, {"oe", "we"}, {"oi", "we"},
	{"eo", "u"}, {"oo", "u"}, {"ou", "u"}, {"eu", "u"},
	{"ee", "i"}, {"ui", "i"}, {"ae", "e"}, {"ai", "e"},
	{"ch", "j"}, {"sh", "s"}, {"ph", "b"}, {"ck", "g"},
};

static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* The letter at `i` of the word `w`, a y that is no glide read as the i
 * it stands for ("Hyolyn"); NUL past the end. */
static char letter_at(const char *w, size_t len, size_t i)
{
	if (i >= len)
		return '\0';
	if (w[i] == 'y' && !is_vowel(i + 1 < len ? w[i + 1] : '\0'))
		return 'i';
	return w[i];
}

static bool spelled_at(const char *w, size_t len, size_t i, const char *s)
{
	for (; *s; s++, i++)
		if (letter_at(w, len, i) != *s)
			return false;
	return true;
}

/* A consonant as sound keys write it: the pairs Korean romanisations
 * confuse (ㄱ k/g, ㅂ p/b, ㄷ t/d, ㅈ j/ch, ㄹ r/l) are one letter. */
static char key_letter(char c)
{
	switch (c) {
	case 'k': case 'c': case 'q': return 'g';
	case 'p': case 'f': case 'v': return 'b';
	case 't': return 'd';
	case 'z': return 'j';
	case 'r': return 'l';
	default: return c;
	}
}

/* The key of the spelling in the table at `i` of `w`, storing its
 * length in `*used`; NULL when none is there. */
static const char *spelling_at(const char *w, size_t len, size_t i,
			       size_t *used)
{
	char c = letter_at(w, len, i), next = letter_at(w, len, i + 1);
	if (!next || !strchr("aceopsuw", c))
		return NULL;	/* no spelling starts so: most letters */
	for (size_t s = 0; s < sizeof(spellings) / sizeof(spellings[0]); s++)
		if (spellings[s].from[0] == c && spellings[s].from[1] == next &&
		    spelled_at(w, len, i, spellings[s].from)) {
			*used = strlen(spellings[s].from);
			return spellings[s].to;
		}
	return NULL;
}

/* Appends the sound key of one Latin word: `len` lower-case ASCII
 * letters at `w`, looked up as a surname first when it may be one. */
static void sound_word(struct osp_buf *b, const char *w, size_t len,
		       bool may_be_surname)
{
	const char *rr = may_be_surname ? surname_rr(w, len) : NULL;
	if (rr) {
		w = rr;
		len = strlen(rr);
	}
	size_t start = b->len;
	size_t i = 0;
	while (i < len) {
		char c = letter_at(w, len, i);
		char prev = i ? letter_at(w, len, i - 1) : '\0';
		char next = letter_at(w, len, i + 1);
		/* An h or r after a vowel that no vowel follows is silent:
		 * Oh, Ahn, Suh, Park, Hur. */
		if ((c == 'h' || c == 'r') && is_vowel(prev) &&
		    !is_vowel(next) && next != 'y' && next != 'w') {
			i++;
			continue;
		}
		if (c == 'w' &&
		    (next == 'u' || spelled_at(w, len, i + 1, "oo"))) {
			i++;	/* Woo is 우 */
			continue;
		}
		size_t used = 1;
		const char *out = spelling_at(w, len, i, &used);
		char one[2] = {key_letter(c), '\0'};
		if (!out)
			out = one;
		/* A doubled consonant is one: Kkot, Anna. */
		if (out[1])
			osp_buf_append(b, out, 2);
		else if (is_vowel(out[0]) || b->len == start ||
			 b->data[b->len - 1] != out[0])
			osp_buf_putc(b, out[0]);
		i += used;
	}
}

/* The sound keys (sound_word's) of the romanised initials, vowels and
 * finals of Hangul, put together without it: a syllable is keyed on its
 * own, as names are spelt syllable by syllable ("Baek Ye-rin", not the
 * "Baegyerin" of 백예린 read as one word), and nothing joins across its
 * parts.  test-text checks every syllable against sound_word. */
static const char *const sound_initial[19] = {
	"g", "g", "n", "d", "d", "l", "m", "b", "b", "s", "s", "", "j",
	"j", "j", "g", "d", "b", "h",
};
static const char *const sound_vowel[21] = {
	"a", "e", "ya", "ye", "u", "e", "yu", "ye", "o", "wa", "we", "we",
	"yo", "u", "wo", "we", "wi", "yu", "u", "i", "i",
};
static const char *const sound_final[28] = {
	"", "g", "g", "g", "n", "n", "n", "d", "l", "g", "m", "l", "l", "l",
	"b", "l", "m", "b", "b", "d", "d", "ng", "d", "d", "g", "d", "b", "d",
};

static void sound_syllable(struct osp_buf *b, int32_t cp)
{
	int n = cp - 0xAC00;
	osp_buf_puts(b, sound_initial[n / (21 * 28)]);
	osp_buf_puts(b, sound_vowel[(n / 28) % 21]);
	osp_buf_puts(b, sound_final[n % 28]);
}

static bool is_ascii_letter(int32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char *osp_text_sound_key(const char *s, unsigned parts)
{
	/* Folding is for the case and accents of Latin: a key of Hangul
	 * alone, asked for once a track, goes without. */
	char *folded = parts & OSP_SOUND_LATIN ? fold_with(s, true) : NULL;
	const char *t = folded ? folded : s;
	size_t len = strlen(t);
	struct osp_buf b = {0};
	enum { NONE, LATIN, HANGUL } last = NONE;	/* the last unit */
	bool hyphen = false, gap = false;	/* what came after it */
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		size_t k = next_char(t + i, len - i, &cp);
		bool latin = is_ascii_letter(cp) && (parts & OSP_SOUND_LATIN);
		bool hangul = cp >= 0xAC00 && cp <= 0xD7A3 &&
			      (parts & OSP_SOUND_HANGUL);
		if (latin || hangul) {
			/* "Mi-rae" is one word of two units, as 미래 is. */
			bool joined = latin ? last == LATIN && hyphen && !gap
					    : last == HANGUL && !gap;
			if (b.len)
				osp_buf_putc(&b, joined ? '-' : ' ');
			if (latin) {
				size_t end = i;
				while (end < len && is_ascii_letter(t[end]))
					end++;
				sound_word(&b, t + i, end - i, !joined);
				k = end - i;
			} else {
				sound_syllable(&b, cp);
			}
			last = latin ? LATIN : HANGUL;
			hyphen = gap = false;
		} else if (cp == '-' && !hyphen) {
			hyphen = true;
		} else {
			gap = true;
		}
		i += k;
	}
	free(folded);
	return osp_buf_steal(&b);
}

static bool is_unit_sep(char c)
{
	return c == ' ' || c == '-';
}

/* The next letter of a sound key at `*p`, NUL at its end, past unit
 * separators (counted in `*seps`) and a consonant that repeats the one
 * before it (`*prev`): 안나's "an-na" reads as Anna's "ana". */
static char next_letter(const char **p, char *prev, size_t *seps)
{
	for (char c; (c = **p); ) {
		(*p)++;
		if (is_unit_sep(c))
			(*seps)++;
		else if (c != *prev || is_vowel(c))
			return *prev = c;
	}
	return '\0';
}

/* Whether `key`'s letters are at `h`, a unit's start in a hay key, and
 * end where a unit does; `word_start`: that unit starts a word. */
static bool sound_at(const char *key, const char *h, bool word_start)
{
	char pk = '\0', ph = '\0';
	size_t seps_k = 0, seps_h = 0;
	for (char c; (c = next_letter(&key, &pk, &seps_k)); )
		if (next_letter(&h, &ph, &seps_h) != c)
			return false;
	if (*h && !is_unit_sep(*h))
		return false;
	/* One syllable of a longer word is too little to go by: "go" is
	 * not 고백, "Park" is not 박효신. */
	return seps_h >= 1 || (word_start && *h != '-');
}

#define BIT(c) (1u << ((c) - 'a'))

/* The Latin letters (as bits) that a consonant of a sound key can be
 * spelt with, by the rules and the surnames of sound_word: Roh is "no",
 * Whang "hwang", Choi "jwe". */
static uint32_t spelt_with(char c)
{
	switch (c) {
	case 'g': return BIT('g') | BIT('k') | BIT('c') | BIT('q');
	case 'b': return BIT('b') | BIT('p') | BIT('f') | BIT('v');
	case 'd': return BIT('d') | BIT('t');
	case 'j': return BIT('j') | BIT('z') | BIT('c');
	case 'l': return BIT('l') | BIT('r');
	case 'n': return BIT('n') | BIT('r');
	case 'h': return BIT('h') | BIT('w');
	case 'w': return BIT('w') | BIT('o') | BIT('h');
	default: return BIT(c);
	}
}

/* Letters a sound key may drop: vowels and glides (an o may also be the w
 * of Choi's "jwe"), a silent h or r, the l of Lee and Lim. */
static bool may_drop(unsigned c)
{
	return is_vowel((char)c) || c == 'y' || c == 'w' || c == 'h' ||
	       c == 'r' || c == 'l';
}

bool osp_text_sound_may_be_in(const char *key, const char *text)
{
	/* An automaton over the text's letters: bit i of `at` is set when
	 * the key's first i consonants may end here.  `on[letter]`: which
	 * of them that letter may spell. */
	uint32_t on[26] = {0};
	size_t n = 0, seps = 0;
	char prev = '\0';
	for (char c; n < 31 && (c = next_letter(&key, &prev, &seps)); ) {
		if (is_vowel(c))
			continue;
		for (uint32_t with = spelt_with(c); with; with &= with - 1)
			on[__builtin_ctz(with)] |= 1u << n;
		n++;
	}
	uint32_t at = 1, done = 1u << n;
	for (const unsigned char *t = (const unsigned char *)text;
	     *t && !(at & done); t++) {
		unsigned c = *t | 0x20u;
		/* A Latin letter with an accent (U+00C0 to U+024F, U+1E00 to
		 * U+1EFF) may be any. */
		if ((*t >= 0xC3 && *t <= 0xC9) ||
		    (*t == 0xE1 && t[1] >= 0xB8 && t[1] <= 0xBB))
			at |= at << 1;
		else if (c >= 'a' && c <= 'z')	/* or the double of one */
			at = (at & on[c - 'a']) << 1 |
			     (may_drop(c) ? at : at & on[c - 'a'] << 1);
		at |= 1;
	}
	return at & done;
}

bool osp_text_sound_may_start(const char *key, const char *text)
{
	char first[8];	/* the key's first letters: enough to tell */
	size_t n = 0;
	for (const char *k = key; *k && n < sizeof(first) - 1; k++)
		if (!is_unit_sep(*k))
			first[n++] = *k;
	first[n] = '\0';
	if (!strpbrk(first, "aeiou"))
		return false;	/* every syllable's key has a vowel */
	for (const unsigned char *t = (const unsigned char *)text; *t; t++) {
		const char *c = (const char *)t;
		int32_t cp;
		if (*t < 0xEA || next_char(c, strnlen(c, 3), &cp) != 3 ||
		    cp < 0xAC00 || cp > 0xD7A3)
			continue;
		/* A syllable's key begins with that of its initial and vowel,
		 * whatever its final. */
		int s = cp - 0xAC00;
		const char *in = sound_initial[s / (21 * 28)];
		const char *v = sound_vowel[(s / 28) % 21];
		size_t n_in = strlen(in), n_v = strlen(v);
		if (n_in + n_v <= n && memcmp(first, in, n_in) == 0 &&
		    memcmp(first + n_in, v, n_v) == 0)
			return true;
		t += 2;
	}
	return false;
}

bool osp_text_sound_match(const char *key, const char *hay)
{
	if (!key[strspn(key, " -")])
		return false;
	for (const char *h = hay; *h; h++)
		if ((h == hay || is_unit_sep(h[-1])) && !is_unit_sep(*h) &&
		    sound_at(key, h, h == hay || h[-1] == ' '))
			return true;
	return false;
}

/* Edit distance (insertions, deletions, substitutions, swaps of two
 * neighbours) between two byte strings, capped at `cap` + 1.  With
 * `to_start`, also the distance from `a` to the closest beginning of `b`,
 * capped likewise. */
size_t osp_text_edit_distance(const char *a, const char *b, size_t cap,
			      size_t *to_start)
{
	size_t la = strlen(a), lb = strlen(b);
	if (to_start)
		*to_start = cap + 1;
	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	size_t *rows = xcalloc(3 * (lb + 1), sizeof(size_t));
	size_t *prev2 = rows, *prev = rows + lb + 1, *cur = rows + 2 * (lb + 1);
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		size_t best = cur[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
		if (best > cap)
			break;
	}
	/* The last row is all of a against each beginning of b (or, given
	 * up, a row all past the cap). */
	for (size_t j = 0; to_start && j <= lb; j++)
		if (prev[j] < *to_start)
			*to_start = prev[j];
	size_t d = prev[lb];
	free(rows);
	return d > cap ? cap + 1 : d;
}
