#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/discover.h"
#include "tap.h"

/* Text, then the name it gives ("" for none), the alias, the verdict. */
static const struct {
	const char *text, *name, *alias;
	enum osp_discover_verdict verdict;
} names[] = {
	{"Crash Landing on You OST Part.1", "Crash Landing on You", "",
	 OSP_DISCOVER_NAMED},
	{"Crash Landing On You OST", "Crash Landing On You", "",
	 OSP_DISCOVER_NAMED},
	{"Hotel Del Luna (Original Television Soundtrack), Pt. 5",
	 "Hotel Del Luna", "", OSP_DISCOVER_NAMED},
	{"Hotel del Luna OST Pack 2", "Hotel del Luna", "", OSP_DISCOVER_NAMED},
	{"드라마 사랑의 불시착 OST", "사랑의 불시착", "", OSP_DISCOVER_NAMED},
	{"사랑의 불시착 OST Part.3", "사랑의 불시착", "", OSP_DISCOVER_NAMED},
	{"사랑의불시착OST", "사랑의불시착", "", OSP_DISCOVER_NAMED},
	{"사랑의 불시착 (Crash Landing on You) OST Part.1", "사랑의 불시착",
	 "Crash Landing on You", OSP_DISCOVER_NAMED},
	{"Crash Landing on You OST (사랑의 불시착)", "Crash Landing on You",
	 "사랑의 불시착", OSP_DISCOVER_NAMED},
	{"想见你 電視原聲帶", "想见你", "", OSP_DISCOVER_NAMED},
	{"想見你電視原聲帶", "想見你", "", OSP_DISCOVER_NAMED},
	{"电视剧《陈情令》插曲", "陈情令", "", OSP_DISCOVER_NAMED},
	{"陈情令 电视剧原声带", "陈情令", "", OSP_DISCOVER_NAMED},
	{"ドラマ「逃げるは恥だが役に立つ」サウンドトラック",
	 "逃げるは恥だが役に立つ", "", OSP_DISCOVER_NAMED},
	{"逃げるは恥だが役に立つ オリジナル・サウンドトラック",
	 "逃げるは恥だが役に立つ", "", OSP_DISCOVER_NAMED},
	{"[Crash Landing on You OST Part.1] Yoon Mi Rae - Flower",
	 "Crash Landing on You", "", OSP_DISCOVER_NAMED},
	{"Yoon Mi Rae - Flower (Crash Landing on You OST)",
	 "Crash Landing on You", "", OSP_DISCOVER_NAMED},
	{"Reply 1994 OST", "Reply 1994", "", OSP_DISCOVER_NAMED},
	{"银临 - 意难平 (电视剧《陈情令》插曲)", "陈情令", "",
	 OSP_DISCOVER_NAMED},
	{"テレビドラマ「逃げるは恥だが役に立つ」オリジナル・サウンドトラック",
	 "逃げるは恥だが役に立つ", "", OSP_DISCOVER_NAMED},
	{"Dream High 2 OST Part 2", "Dream High 2", "", OSP_DISCOVER_NAMED},
	{"The Untamed Original Soundtrack", "The Untamed", "",
	 OSP_DISCOVER_NAMED},
	{"Twenty-Five Twenty-One OST Vol. 2", "Twenty-Five Twenty-One", "",
	 OSP_DISCOVER_NAMED},
	{"Vincenzo (Original Television Soundtrack)", "Vincenzo", "",
	 OSP_DISCOVER_NAMED},
	{"Hotel del Luna OST Piano Ver.", "Hotel del Luna", "",
	 OSP_DISCOVER_NAMED},

	{"Interstellar (Original Motion Picture Soundtrack)", "", "",
	 OSP_DISCOVER_FILM},
	{"Parasite (Music from the Motion Picture) OST", "", "",
	 OSP_DISCOVER_FILM},
	{"영화 기생충 OST", "", "", OSP_DISCOVER_FILM},
	{"电影《你好，李焕英》原声带", "", "", OSP_DISCOVER_FILM},
	{"映画「君の名は。」サウンドトラック", "", "", OSP_DISCOVER_FILM},
	{"Your Name Movie OST", "", "", OSP_DISCOVER_FILM},
	{"TVアニメ「鬼滅の刃」オリジナル・サウンドトラック", "", "",
	 OSP_DISCOVER_ANIME},
	{"Attack on Titan Anime OST", "", "", OSP_DISCOVER_ANIME},
	{"动画《魔道祖师》原声带", "", "", OSP_DISCOVER_ANIME},
	{"The Legend of Zelda: Breath of the Wild Game Soundtrack", "", "",
	 OSP_DISCOVER_GAME},
	{"Hamilton OST (Original Broadway Cast Recording)", "", "",
	 OSP_DISCOVER_STAGE},
	{"Hamilton (Original Broadway Cast Recording)", "", "",
	 OSP_DISCOVER_NONE},
	{"Best K-Drama OST Collection", "", "", OSP_DISCOVER_COMPILATION},
	{"K-Drama OST Piano Covers", "", "", OSP_DISCOVER_COMPILATION},
	{"K-Drama OST Lofi Mix", "", "", OSP_DISCOVER_COMPILATION},

	{"Full House Thai OST", "Full House Thai", "", OSP_DISCOVER_NAMED},
	{"Thai Drama OST", "", "", OSP_DISCOVER_NONE},
	{"My favourite OSTs", "", "", OSP_DISCOVER_COMPILATION},
	{"天空の城ラピュタ サウンドトラック", "", "", OSP_DISCOVER_NONE},
	{"Drama", "", "", OSP_DISCOVER_NONE},
	{"Drama OST 2020", "", "", OSP_DISCOVER_NONE},
	{"OST", "", "", OSP_DISCOVER_NONE},
	{"Flower", "", "", OSP_DISCOVER_NONE},
	{"Yoon Mi Rae - Flower", "", "", OSP_DISCOVER_NONE},
	{"Lost Stars", "", "", OSP_DISCOVER_NONE},
	{"Ghost (Acoustic)", "", "", OSP_DISCOVER_NONE},
	{"[OST] Yoon Mi Rae - Flower", "", "", OSP_DISCOVER_NONE},
	{"))((OST - ] [", "", "", OSP_DISCOVER_NONE},
	/* A folder's Latin-1 byte at the end: no read past it (ASan). */
	{"Zzyzx Love OST\xE9", "Zzyzx Love", "", OSP_DISCOVER_NAMED},
	{"Goblin OST\xE9", "Goblin", "", OSP_DISCOVER_NAMED},
	/* ... and a name of bytes that are not UTF-8 is given as valid
	 * UTF-8, each stray byte a U+FFFD. */
	{"Ab\xB5 OST", "Ab\xEF\xBF\xBD", "", OSP_DISCOVER_NAMED},
};

static void test_names(void)
{
	struct osp_discoverer *dsc = osp_discoverer_new();
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct osp_discovered d;
		enum osp_discover_verdict v = osp_discover_name(dsc,
								names[i].text,
								&d);
		tap_int(v, names[i].verdict, "verdict of \"%s\"", names[i].text);
		tap_str(d.name, names[i].name, "name in \"%s\"", names[i].text);
		tap_str(d.alias, names[i].alias, "alias in \"%s\"",
			names[i].text);
	}
	osp_discoverer_free(dsc);
}

static void test_keys(void)
{
	static const char *const same[][2] = {
		{"The Untamed", "Untamed"},
		{"Twenty-Five Twenty-One", "twenty five twenty one"},
		{"Hotel Del Luna", "Hotel del Luna"},
		{"A Business Proposal", "Business Proposal"},
	};
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		char *a = osp_discover_key(same[i][0]);
		char *b = osp_discover_key(same[i][1]);
		tap_str(a, b, "\"%s\" and \"%s\" are one drama", same[i][0],
			same[i][1]);
		free(a);
		free(b);
	}
	char *a = osp_discover_key("Reply 1994"), *b = osp_discover_key("Reply 1988");
	tap_ok(strcmp(a, b) != 0, "Reply 1994 and Reply 1988 are two");
	free(a);
	free(b);
}

static char yoon_hangul_name[] = "윤미래", yoon_latin_name[] = "Yoon Mi Rae",
	    other_name[] = "Someone Else";
static char *const yoon_hangul[] = {yoon_hangul_name};
static char *const yoon_latin[] = {yoon_latin_name};
static char *const other[] = {other_name};

static void test_group(void)
{
	const struct osp_discover_entry e[] = {
		{"사랑의 불시착", NULL, "Flower", yoon_hangul, 1},
		{"Crash Landing on You", NULL, "Flower", yoon_latin, 1},
		{"crash landing on you", NULL, "Sigh", other, 1},
		{"Hotel del Luna", NULL, "Flower", other, 1},
		{"호텔 델루나", "Hotel Del Luna", "All About You", other, 1},
		{"Not A Drama", NULL, NULL, NULL, 0},
		{"Nigehaji", NULL, NULL, NULL, 0},
	};
	const struct osp_discover_rule rules[] = {
		{"not a drama", OSP_DISCOVER_NOT_DRAMA, NULL},
		{"Nigehaji", OSP_DISCOVER_ALIAS, "逃げるは恥だが役に立つ"},
	};
	struct osp_discover_groups g;
	osp_discover_group(e, 7, rules, 2, &g);
	tap_int((long long)g.n, 3, "three dramas");
	tap_str(g.drama[0], "Crash Landing on You",
		"a song sung by one singer links two scripts");
	tap_ok(g.drama[0] == g.drama[1] && g.drama[1] == g.drama[2],
	       "... and spellings in case are one");
	tap_str(g.drama[3], "Hotel del Luna", "another work stays apart");
	tap_ok(g.drama[3] == g.drama[4], "a name beside another in one "
	       "album links them");
	tap_str(g.drama[5], NULL, "a name the user said is no drama");
	tap_str(g.drama[6], "逃げるは恥だが役に立つ",
		"a name the user made another's alias");
	tap_str(g.native[0], "사랑의 불시착", "the native name beside");
	osp_discover_groups_free(&g);
}

int main(void)
{
	test_names();
	test_keys();
	test_group();
	return tap_done();
}
