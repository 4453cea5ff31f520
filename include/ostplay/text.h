/*
 * text — UTF-8 checks, repair and comparison folding.
 *
 * Every string that reaches the database or the screen passes through here:
 * invalid UTF-8 is repaired, control characters are dropped, and search
 * keys are folded (Unicode NFKC + case fold, through utf8proc) so that
 * "ＧＯＢＬＩＮ", "goblin" and "Goblin" compare equal.  Knows nothing of
 * tags, files or dramas.
 */
#ifndef OSTPLAY_TEXT_H
#define OSTPLAY_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "ostplay/buf.h"

/* True when the `len` bytes at `s` are well-formed UTF-8 (no overlongs,
 * surrogates or code points past U+10FFFF). */
bool osp_text_is_utf8(const char *s, size_t len);

/* Returns a newly allocated copy of `len` bytes of `s` that is valid UTF-8:
 * each invalid byte becomes U+FFFD, C0 controls other than tab become a
 * space, and surrounding white space is trimmed.  Caller frees. */
char *osp_text_clean(const char *s, size_t len);

/* Returns a newly allocated folded key of the UTF-8 string `s`: NFKC, case
 * folded, runs of white space collapsed to one space, trimmed.  Invalid
 * input is cleaned first.  Caller frees. */
char *osp_text_fold(const char *s);

/* The words of a string for matching: the folded text split at every
 * character that is not a letter, digit or combining mark, and where the
 * script changes between Hangul, Han, kana and the rest (Korean file names
 * often run "도깨비OST" together).  "Descendants of the Sun (O.S.T)" gives
 * descendants|of|the|sun|o|s|t. */
struct osp_tokens {
	char **v;	/* n words, each NUL-terminated, pointing into buf */
	bool *phrase_start;	/* v[i] follows a dash, bracket, colon,
				 * comma, slash or the like: a new phrase */
	size_t n;
	char *buf;
	size_t cap;	/* of v and phrase_start */
	size_t buf_cap;
};

/* Fills `*t` (zeroed, or filled before: its memory is reused) with the
 * words of `s`. */
void osp_text_tokens(const char *s, struct osp_tokens *t);
/* Returns the words of `t` joined with nothing between them: what
 * osp_text_compact returns for the text `t` was read from.  Caller
 * frees. */
char *osp_tokens_join(const struct osp_tokens *t);
void osp_tokens_free(struct osp_tokens *t);

/* Whether `needle` occurs in `text`, ASCII letters matching either case
 * when `any_case`: strstr and strcasestr for the short strings of names,
 * without the set-up that glibc's spend on long ones. */
bool osp_text_has(const char *text, const char *needle, bool any_case);
/* Whether any of the `n` needles occurs in `text`, as osp_text_has, in
 * one walk of the text. */
bool osp_text_has_any(const char *text, const char *const *needles,
		      size_t n, bool any_case);
/* Where the first of the needles occurs in `text` (at one place, the
 * first of them in the list), its length in `*len`; NULL for none. */
const char *osp_text_find_any(const char *text, const char *const *needles,
			      size_t n, bool any_case, size_t *len);

/* Returns a newly allocated key: the words of `s` joined with nothing
 * between them ("Kill Me, Heal Me" -> "killmehealme"), so that spacing
 * and punctuation do not matter.  Caller frees. */
char *osp_text_compact(const char *s);

/* Returns osp_text_compact of the folded text `folded` (osp_text_fold)
 * made without Unicode tables, or NULL when it takes them: when it holds
 * more than ASCII and Hangul syllables.  Caller frees. */
char *osp_text_compact_folded(const char *folded);

/* Returns a newly allocated copy of `s` with every Hangul syllable written
 * in Revised Romanization, lower case ("태양의 후예" -> "taeyangui huye"),
 * or NULL when `s` has no Hangul.  Syllables are romanised one by one with
 * the common consonant assimilations at their joins.  Caller frees. */
char *osp_text_romanize(const char *s);

/* True when `s` holds a Hangul syllable. */
bool osp_text_has_hangul(const char *s);

/* Where the words of s[0, len) turn, once, from Latin letters to another
 * script or back: the offset of the space before the first word of the
 * second script ("Start Over 시작" -> 10), or 0 when its words keep to one
 * script or turn more than once.  Words without letters ("2", "-") belong
 * to neither. */
size_t osp_text_script_turn(const char *s, size_t len);

/* Which parts of a text osp_text_sound_key keys. */
enum {
	OSP_SOUND_LATIN = 1,	/* words in Latin letters */
	OSP_SOUND_HANGUL = 2,	/* Hangul syllables */
};

/* Returns a newly allocated loose key of how the names in `s` sound, to
 * find a Korean name across scripts and romanisations: every Hangul
 * syllable romanised on its own, every Latin word in lower case without
 * accents, then the spellings of one sound made one (oo/u, ee/i, eo/u,
 * ae/ai/e, k/g, p/b, t/d, ch/j, r/l, sh/s, a silent h or r after a vowel,
 * doubled consonants) and a few surnames brought to their Revised
 * Romanization (Lee/Yi/Rhee, Lim/Rim).  The syllables of a word, and the
 * parts of a hyphenated Latin word, are joined by '-', words by ' ':
 * "Yoon Mi-rae" gives "yun mi-le", 윤미래 "yun-mi-le".  Only the `parts`
 * (OSP_SOUND_ flags) are keyed; anything else parts words.  Hangul is
 * read in precomposed syllables, as osp_text_fold writes it.  Too loose
 * to compare Latin with Latin: "park" and "bak" have one key.  Caller
 * frees. */
char *osp_text_sound_key(const char *s, unsigned parts);

/* Whether the sound key `key`, its separators aside, spells a run of
 * whole units of the sound key `hay`: two units at least, or one whole
 * word ("yerin" and "baek yerin" are in 백예린's, "baek" is not). */
bool osp_text_sound_match(const char *key, const char *hay);
/* A quick test, for a key to be looked for in many texts: false when the
 * sound key `key` cannot be in osp_text_sound_key(`text`,
 * OSP_SOUND_LATIN), as `text` (folded) has no letters that could spell
 * its consonants in a row, with nothing but vowels, glides and letters
 * that may be silent between them. */
bool osp_text_sound_may_be_in(const char *key, const char *text);
/* Likewise for OSP_SOUND_HANGUL: false when no Hangul syllable of `text`
 * begins as the sound key `key` does. */
bool osp_text_sound_may_start(const char *key, const char *text);

/* Appends `len` bytes of a file name to `b` for a human to read: valid
 * UTF-8 as is, every other byte as \xNN. */
void osp_text_escape_name(struct osp_buf *b, const char *s, size_t len);

/* The edit distance (insertions, deletions, substitutions, swaps of two
 * neighbours) between byte strings `a` and `b`, capped at `cap` + 1 (it
 * gives up past the cap).  With `to_start`, also the distance from `a` to
 * the closest beginning of `b`, capped likewise. */
size_t osp_text_edit_distance(const char *a, const char *b, size_t cap,
			      size_t *to_start);

#endif
