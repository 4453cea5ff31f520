#include <stdlib.h>
#include <string.h>

#include "ostplay/text.h"
#include "tap.h"

/* osp_text_script_turn of a whole string. */
static size_t turn_of(const char *s)
{
	return osp_text_script_turn(s, strlen(s));
}

static void test_is_utf8(void)
{
	static const struct {
		const char *s;
		bool valid;
	} cases[] = {
		{"plain ASCII", true},
		{"\xED\x83\x9C\xEC\x96\x91\xEC\x9D\x98 \xED\x9B\x84\xEC\x98\x88",
		 true},				/* 태양의 후예 */
		{"caf\xC3\xA9", true},
		{"caf\xE9", false},		/* Latin-1 é */
		{"\xC0\xAF", false},		/* overlong '/' */
		{"\xED\xA0\x80", false},	/* UTF-16 surrogate */
		{"\xF4\x90\x80\x80", false},	/* past U+10FFFF */
		{"\xE2\x82", false},		/* cut short */
		{"\xC5\xC2\xBE\xE7", false},	/* CP949 태양 */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		tap_ok(osp_text_is_utf8(cases[i].s, strlen(cases[i].s)) ==
			       cases[i].valid,
		       "is_utf8 case %zu is %s", i,
		       cases[i].valid ? "valid" : "invalid");
}

static void test_clean(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"  Goblin  ", "Goblin"},
		{"caf\xE9", "caf\xEF\xBF\xBD"},
		{"line\nbreak\ttab", "line break tab"},
		{"\xEC\xB2\xB8 (CHEN)", "\xEC\xB2\xB8 (CHEN)"},
		{"", ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = osp_text_clean(cases[i].in, strlen(cases[i].in));
		tap_str(s, cases[i].out, "clean case %zu", i);
		tap_ok(osp_text_is_utf8(s, strlen(s)), "clean case %zu is UTF-8",
		       i);
		free(s);
	}
	/* Bytes after a NUL are dropped, as every tag reader does. */
	char *s = osp_text_clean("abc\0def", 7);
	tap_str(s, "abc", "clean stops at NUL");
	free(s);
}

static void test_fold(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"Goblin", "goblin"},
		{"\xEF\xBC\xA7\xEF\xBC\xAF\xEF\xBC\xA2\xEF\xBC\xAC\xEF\xBC\xA9"
		 "\xEF\xBC\xAE", "goblin"},	/* full-width ＧＯＢＬＩＮ */
		{"  Descendants   of\tthe Sun ", "descendants of the sun"},
		{"\xED\x83\x9C\xEC\x96\x91\xEC\x9D\x98\xE3\x80\x80\xED\x9B\x84"
		 "\xEC\x98\x88", "\xED\x83\x9C\xEC\x96\x91\xEC\x9D\x98 \xED\x9B"
		 "\x84\xEC\x98\x88"},		/* ideographic space */
		{"STRASSE Stra\xC3\x9F" "e", "strasse strasse"},
		{"OST Part.\xE2\x85\xA2", "ost part.iii"},	/* Roman Ⅲ */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = osp_text_fold(cases[i].in);
		tap_str(s, cases[i].out, "fold case %zu", i);
		free(s);
	}
}

static void test_escape_name(void)
{
	struct osp_buf b = {0};
	static const char name[] = "caf\xE9 \xFF\xED\x9B\x84.mp3";
	osp_text_escape_name(&b, name, sizeof(name) - 1);
	tap_str(osp_buf_str(&b), "caf\\xE9 \\xFF\xED\x9B\x84.mp3",
		"escape_name keeps UTF-8 and shows other bytes as \\xNN");
	osp_buf_free(&b);
}

static void test_tokens(void)
{
	struct osp_tokens t = {0};
	osp_text_tokens("Descendants of the Sun (O.S.T) Pt.2", &t);
	struct osp_buf b = {0};
	for (size_t i = 0; i < t.n; i++)
		osp_buf_printf(&b, "%s%s", i ? "|" : "", t.v[i]);
	tap_str(osp_buf_str(&b), "descendants|of|the|sun|o|s|t|pt|2",
		"tokens split at punctuation and fold case");
	osp_text_tokens("\xEC\xB2\xB8 (CHEN)\xE3\x80\x80\xC3\x97 "
			"\xED\x8E\x80\xEC\xB9\x98", &t);	/* 첸 (CHEN)　× 펀치 */
	tap_int((long long)t.n, 3, "Hangul words count, x-sign is not one");
	/* Reused for a longer text: its buffer grows. */
	osp_text_tokens("Crash Landing on You Original Television Soundtrack "
			"Part 11 (Special Edition) Instrumental", &t);
	tap_int((long long)t.n, 12, "a reused token list reads a longer text");
	tap_str(t.v[11], "instrumental", "... to its last word");
	/* 王一博《无羁》陈情令 ‘x’: book-title marks and curly quotes end a
	 * phrase, as brackets do. */
	osp_text_tokens("\xE7\x8E\x8B\xE4\xB8\x80\xE5\x8D\x9A\xE3\x80\x8A"
			"\xE6\x97\xA0\xE7\xBE\x81\xE3\x80\x8B\xE9\x99\x88"
			"\xE6\x83\x85\xE4\xBB\xA4 \xE2\x80\x98x\xE2\x80\x99", &t);
	tap_ok(t.n == 4 && !t.phrase_start[0] && t.phrase_start[1] &&
	       t.phrase_start[2] && t.phrase_start[3],
	       "tokens: 《 》 and ‘ ’ start phrases");
	osp_tokens_free(&t);
	osp_buf_free(&b);

	static const struct {
		const char *in, *out;
	} cases[] = {
		{"Kill Me, Heal Me", "killmehealme"},
		{"I'm Sorry, I Love You", "imsorryiloveyou"},
		{"\xEF\xBC\xA7\xEF\xBC\xAF\xEF\xBC\xA2\xEF\xBC\xAC"
		 "\xEF\xBC\xA9\xEF\xBC\xAE OST", "goblinost"},
		{"\xED\x83\x9C\xEC\x96\x91\xEC\x9D\x98 \xED\x9B\x84"
		 "\xEC\x98\x88", "\xED\x83\x9C\xEC\x96\x91\xEC\x9D\x98"
		 "\xED\x9B\x84\xEC\x98\x88"},
		{"--", ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *c = osp_text_compact(cases[i].in);
		tap_str(c, cases[i].out, "compact case %zu", i);
		free(c);
		/* Folded first, the same without Unicode tables. */
		char *f = osp_text_fold(cases[i].in);
		c = osp_text_compact_folded(f);
		tap_str(c, cases[i].out, "compact_folded case %zu", i);
		free(c);
		free(f);
	}
	tap_ok(osp_text_compact_folded("beyonc\xC3\xA9") == NULL,
	       "compact_folded: NULL for more than ASCII and Hangul");
}

static void test_romanize(void)
{
	/* Examples from the Revised Romanization rules, and titles. */
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"\xED\x83\x9C\xEC\x96\x91\xEC\x9D\x98 \xED\x9B\x84"
		 "\xEC\x98\x88", "taeyangui huye"},	/* 태양의 후예 */
		{"\xEB\x8F\x84\xEA\xB9\xA8\xEB\xB9\x84", "dokkaebi"},
		{"\xEC\x8B\xA0\xEB\x9D\xBC", "silla"},	/* 신라 */
		{"\xEC\xA2\x85\xEB\xA1\x9C", "jongno"},	/* 종로 */
		{"\xEA\xB5\xAD\xEB\xAC\xBC", "gungmul"},	/* 국물 */
		{"\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4", "hangugeo"},
		{"\xEB\x8B\xA4\xEC\x8B\x9C \xEB\x84\x88\xEB\xA5\xBC",
		 "dasi neoreul"},			/* 다시 너를 */
		{"\xEC\x9D\x91\xEB\x8B\xB5\xED\x95\x98\xEB\x9D\xBC "
		 "1988", "eungdaphara 1988"},		/* 응답하라 1988 */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *r = osp_text_romanize(cases[i].in);
		tap_str(r, cases[i].out, "romanize case %zu", i);
		free(r);
	}
	tap_ok(osp_text_romanize("Goblin OST") == NULL,
	       "romanize: no Hangul gives NULL");
}

/* Korean names the sound keys must bring together, Hangul first. */
#define YOON_MIRAE "\xEC\x9C\xA4\xEB\xAF\xB8\xEB\x9E\x98"	/* 윤미래 */
#define LEE_SUNHEE "\xEC\x9D\xB4\xEC\x84\xA0\xED\x9D\xAC"	/* 이선희 */
#define BAEK_YERIN "\xEB\xB0\xB1\xEC\x98\x88\xEB\xA6\xB0"	/* 백예린 */
#define PARK_HYOSHIN "\xEB\xB0\x95\xED\x9A\xA8\xEC\x8B\xA0"	/* 박효신 */

static char *both_key(const char *s)
{
	return osp_text_sound_key(s, OSP_SOUND_LATIN | OSP_SOUND_HANGUL);
}

static void test_sound_key(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{YOON_MIRAE, "yun-mi-le"},
		{"Yoon Mi-rae", "yun mi-le"},
		{"Yoon Mirae", "yun mile"},
		{"Lee Sun Hee", "i sun hi"},
		{LEE_SUNHEE, "i-sun-hi"},
		{"Paik Ye-rin", "beg ye-lin"},
		{"Hyolyn", "hyolin"},
		{"Woo", "u"},
		{"Beyonc\xC3\xA9", "beyonge"},
		/* A surname only where one can be: not after a hyphen. */
		{"Kim Yu-ri", "gim yu-li"},
		{"Ha-lim Lim", "ha-lim im"},
		{"--", ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *k = both_key(cases[i].in);
		tap_str(k, cases[i].out, "sound key case %zu", i);
		free(k);
	}
	static const char mixed[] = YOON_MIRAE " (Yoon Mi Rae) 2016";
	char *k = osp_text_sound_key(mixed, OSP_SOUND_LATIN);
	tap_str(k, "yun mi le", "sound key of the Latin words only");
	free(k);
	k = osp_text_sound_key(mixed, OSP_SOUND_HANGUL);
	tap_str(k, "yun-mi-le", "sound key of the Hangul only");
	free(k);
	k = osp_text_sound_key("Always", OSP_SOUND_HANGUL);
	tap_str(k, "", "sound key of no Hangul is empty");
	free(k);
	/* Too loose for Latin against Latin, which is why queries compare
	 * keys only across scripts. */
	char *park = both_key("park"), *bak = both_key("bak");
	char *hangul = both_key("\xEB\xB0\x95");	/* 박 */
	tap_ok(strcmp(park, bak) == 0 && strcmp(park, hangul) == 0,
	       "park, bak and the Hangul have one sound key");
	free(park);
	free(bak);
	free(hangul);
	tap_ok(osp_text_has_hangul("OST " YOON_MIRAE) &&
	       !osp_text_has_hangul("Yoon Mirae \xE3\x85\x8B"),	/* jamo ㅋ */
	       "has_hangul: syllables, not jamo");
	/* Names given in two scripts side by side, as lyric videos do. */
	tap_ok(turn_of("Start Over \xEC\x8B\x9C\xEC\x9E\x91") == 10,
	       "script_turn: Latin then Hangul, at the space");	/* 시작 */
	tap_ok(turn_of(YOON_MIRAE " Yoon Mi Rae") == 9,
	       "script_turn: Hangul then Latin");
	tap_ok(turn_of("Caf\xC3\xA9 Cr\xC3\xA8me 2") == 0,
	       "script_turn: accented Latin and a number are one script");
	tap_ok(turn_of("A " YOON_MIRAE " B") == 0 &&
	       turn_of("Stay With Me") == 0 &&
	       turn_of("") == 0,
	       "script_turn: none for two turns or for one script");
}

/* Whether `key`'s sound is found in `hay`'s. */
static bool sounds_in(const char *key, const char *hay)
{
	char *k = both_key(key), *h = both_key(hay);
	bool found = osp_text_sound_match(k, h);
	free(k);
	free(h);
	return found;
}

/* `hangul` and `latin` name one person: each is found in the other's
 * sound key, and the quick tests never say no to them. */
static void same_sound(const char *hangul, const char *latin)
{
	tap_ok(sounds_in(hangul, latin) && sounds_in(latin, hangul),
	       "sound match: %s and its Hangul, both ways", latin);
	char *k = both_key(hangul), *t = osp_text_fold(latin);
	tap_ok(osp_text_sound_may_be_in(k, t), "sound may be in: %s", latin);
	free(k);
	free(t);
	k = both_key(latin);
	tap_ok(osp_text_sound_may_start(k, hangul), "sound may start: %s",
	       latin);
	free(k);
}

static void test_sound_match(void)
{
	static const struct {
		const char *hangul, *latin;
	} same[] = {
		{YOON_MIRAE, "Yoon Mirae"},
		{YOON_MIRAE, "Yoon Mi-rae"},
		{YOON_MIRAE, "Yun Mi Rae"},
		{LEE_SUNHEE, "Lee Sun Hee"},
		{BAEK_YERIN, "Baek Yerin"},
		{BAEK_YERIN, "Paik Ye-rin"},
		{"\xEA\xB9\x80\xEB\x82\x98\xEC\x98\x81", "Kim Na-young"},
		{PARK_HYOSHIN, "Park Hyo Shin"},
		{"\xED\x83\x9C\xEC\x97\xB0", "Taeyeon"},	/* 태연 */
		{"\xEC\x95\x88\xEB\x82\x98", "Anna"},		/* 안나 */
	};
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		same_sound(same[i].hangul, same[i].latin);

	/* Surnames, each with its common spellings. */
	static const struct {
		const char *hangul, *spellings;
	} surnames[] = {
		{"\xEB\xB0\x95", "Park Bak"},		/* 박 */
		{"\xEA\xB9\x80", "Kim Gim"},			/* 김 */
		{"\xEC\xB5\x9C", "Choi Choe"},		/* 최 */
		{"\xEC\xA0\x95", "Jung Jeong Chung"},	/* 정 */
		{"\xEC\x8B\xA0", "Shin Sin"},		/* 신 */
		{"\xEA\xB0\x95", "Kang Gang"},		/* 강 */
		{"\xEC\xA1\xB0", "Cho Jo"},			/* 조 */
		{"\xEC\x9C\xA4", "Yoon Yun"},		/* 윤 */
		{"\xEC\x9E\x84", "Lim Im"},			/* 임 */
		{"\xED\x95\x9C", "Han"},			/* 한 */
		{"\xEC\x98\xA4", "Oh O"},			/* 오 */
		{"\xEC\x84\x9C", "Seo Suh"},			/* 서 */
		{"\xED\x99\xA9", "Hwang Whang"},		/* 황 */
		{"\xEC\x95\x88", "Ahn An"},			/* 안 */
		{"\xEC\x86\xA1", "Song"},			/* 송 */
		{"\xEC\x9E\xA5", "Jang Chang"},		/* 장 */
		{"\xEB\xB0\xB1", "Baek Paik"},		/* 백 */
		{"\xED\x97\x88", "Heo Hur Huh"},		/* 허 */
		{"\xEC\x9D\xB4", "Lee Yi Rhee I"},		/* 이 */
		{"\xEB\x85\xB8", "Roh Noh"},			/* 노 */
	};
	for (size_t i = 0; i < sizeof(surnames) / sizeof(surnames[0]); i++) {
		char *spellings = strdup(surnames[i].spellings), *save;
		for (char *w = strtok_r(spellings, " ", &save); w;
		     w = strtok_r(NULL, " ", &save))
			same_sound(surnames[i].hangul, w);
		free(spellings);
	}

	/* Other names, and too little of one. */
	static const struct {
		const char *key, *hay;
		bool found;
	} cases[] = {
		{YOON_MIRAE, "Kim Mi Rae", false},
		{"Kim Mi Rae", YOON_MIRAE, false},
		{LEE_SUNHEE, "Lee Hi", false},
		{BAEK_YERIN, "Baek Ji Young", false},
		{"\xEC\xA0\x95", "Jong", false},		/* 정 */
		{"\xEA\xB9\x80", "Kang", false},		/* 김 */
		{YOON_MIRAE, "Yoon Mi", false},
		{"yerin", BAEK_YERIN, true},
		{"baek", BAEK_YERIN, false},
		{"baek yerin", "OST " BAEK_YERIN " - Square", true},
		{"go", "\xEA\xB3\xA0\xEB\xB0\xB1", false},	/* 고백 */
		{"park", PARK_HYOSHIN, false},
		{"park hyo-shin", PARK_HYOSHIN " - \xEC\x95\xBC\xEC\x83\x9D"
		 "\xED\x99\x94", true},				/* 야생화 */
		{"mi", YOON_MIRAE, false},
		{"yoon", "Yoon Mirae", true},
		{"yoon mi", "Yoon Mirae", false},
		{"", "Yoon Mirae", false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		tap_ok(sounds_in(cases[i].key, cases[i].hay) == cases[i].found,
		       "sound match case %zu: %s", i,
		       cases[i].found ? "found" : "not found");
}

/* The quick tests that spare a track its sound keys. */
static void test_sound_quick(void)
{
	/* Every syllable is keyed as its romanisation is, after a hyphen
	 * (where no surname is looked up), and may start its own key. */
	size_t unlike = 0, not_start = 0;
	for (int cp = 0xAC00; cp <= 0xD7A3; cp++) {
		char syllable[4] = {(char)(0xE0 | cp >> 12),
				    (char)(0x80 | (cp >> 6 & 0x3F)),
				    (char)(0x80 | (cp & 0x3F)), '\0'};
		char *key = osp_text_sound_key(syllable, OSP_SOUND_HANGUL);
		char *rr = osp_text_romanize(syllable);
		char *spelt = malloc(strlen(rr) + 3);
		strcpy(spelt, "x-");
		strcat(spelt, rr);
		char *latin = osp_text_sound_key(spelt, OSP_SOUND_LATIN);
		unlike += strcmp(key, latin + 2) != 0;
		not_start += !osp_text_sound_may_start(key, syllable);
		free(key);
		free(rr);
		free(spelt);
		free(latin);
	}
	tap_int((long long)unlike, 0, "sound key: every syllable as its "
		"romanisation");
	tap_int((long long)not_start, 0, "sound may start: every syllable "
		"at its own key");
	tap_ok(!osp_text_sound_may_start("j", YOON_MIRAE) &&
	       !osp_text_sound_may_start("go", YOON_MIRAE) &&
	       osp_text_sound_may_start("mi-le", "OST " YOON_MIRAE),
	       "sound may start: at a syllable that begins so");
	char *k = both_key(YOON_MIRAE);
	tap_ok(!osp_text_sound_may_be_in(k, "kim mi rae") &&
	       !osp_text_sound_may_be_in(k, "yoon min lee") &&
	       osp_text_sound_may_be_in(k, "caf\xC3\xA9 y\xC3\xBAn mi-rae") &&
	       osp_text_sound_may_be_in(k, "y\xE1\xBB\xA5n mi-rae"),  /* ụ */
	       "sound may be in: not without a y, nor with an n between; an "
	       "accented letter may be any");
	free(k);
}

static void test_has(void)
{
	tap_ok(osp_text_has("Goblin O.S.T", "o.s.t", true),
	       "has: ASCII letters in either case");
	tap_ok(!osp_text_has("Goblin O.S.T", "o.s.t", false),
	       "has: ... or only as written");
	tap_ok(osp_text_has("\xEB\x8F\x84\xEA\xB9\xA8\xEB\xB9\x84 "
			    "\xEC\x97\xB0\xEC\xA3\xBC\xEA\xB3\xA1",
			    "\xEC\x97\xB0\xEC\xA3\xBC\xEA\xB3\xA1", true),
	       "has: a Hangul word at the end");	/* 도깨비 연주곡 */
	tap_ok(!osp_text_has("soundtrac", "soundtrack", true),
	       "has: not a needle cut short by the text's end");
	tap_ok(osp_text_has("sososoundtrack", "soundtrack", true),
	       "has: after a false start");
	tap_ok(osp_text_has("anything", "", false), "has: the empty needle");

	static const char *const words[] = {"ost", "soundtrack", "o.s.t"};
	tap_ok(osp_text_has_any("Goblin Sound Track, SOUNDTRACK", words, 3,
				true), "has any: the second needle, in capitals");
	tap_ok(!osp_text_has_any("Goblin Sound Track, SOUNDTRACK", words, 3,
				 false), "has any: ... or only as written");
	tap_ok(osp_text_has_any("o.s.o.s.t", words, 3, false),
	       "has any: a needle sharing its first byte with another");
	tap_ok(!osp_text_has_any("soundtrac os", words, 3, true),
	       "has any: none, each cut short");
	tap_ok(!osp_text_has_any("anything", words, 0, true),
	       "has any: no needles");
	static const char *const seps[] = {" feat. ", " feat ", ","};
	size_t len = 0;
	const char *at = osp_text_find_any("A, B feat. C", seps, 3, false,
					   &len);
	tap_ok(at && strncmp(at, ",", 1) == 0 && len == 1,
	       "find any: the first place any needle is");
	at = osp_text_find_any("B feat. C", seps, 3, false, &len);
	tap_ok(at && at[0] == ' ' && len == 7,
	       "find any: at one place, the first needle of the list");
	tap_ok(!osp_text_find_any("B and C", seps, 3, false, &len),
	       "find any: none");
	static const char *const hangul[] = {
		"\xEC\x98\xA4\xEC\x97\x90\xEC\x8A\xA4\xED\x8B\xB0",  /* 오에스티 */
		"\xEC\x97\xB0\xEC\xA3\xBC\xEA\xB3\xA1",	/* 연주곡 */
	};
	tap_ok(osp_text_has_any("\xEB\x8F\x84\xEA\xB9\xA8\xEB\xB9\x84 "
				"\xEC\x97\xB0\xEC\xA3\xBC\xEA\xB3\xA1", hangul,
				2, false), "has any: a Hangul word, by its bytes");
}

int main(void)
{
	test_has();
	test_tokens();
	test_romanize();
	test_sound_key();
	test_sound_match();
	test_sound_quick();
	test_is_utf8();
	test_clean();
	test_fold();
	test_escape_name();
	return tap_done();
}
