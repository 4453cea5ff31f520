#include <stdlib.h>
#include <string.h>

#include "ostplay/text.h"
#include "tap.h"

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
	}
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

int main(void)
{
	test_tokens();
	test_romanize();
	test_is_utf8();
	test_clean();
	test_fold();
	test_escape_name();
	return tap_done();
}
