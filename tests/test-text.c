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

int main(void)
{
	test_is_utf8();
	test_clean();
	test_fold();
	test_escape_name();
	return tap_done();
}
