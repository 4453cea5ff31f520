/* Unit tests of title.c: the forms a title is looked up by, the parts that
 * may credit performers, whether it says instrumental, what a file name
 * gives.  The matcher's integration tests (test-match) check the same rules
 * on tagged files; these pin each one alone. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "title.h"

static bool has(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* Whether `title` has the form `form` (and, when `part` is not NULL, the
 * part `part`); and what it says of instrumental. */
static bool reads(const char *title, const char *form, const char *part,
		  bool *instrumental)
{
	struct osp_title_forms f;
	*instrumental = false;
	osp_title_read(title, &f, instrumental);
	bool ok = has(f.v, f.n, form) && (!part || has(f.parts, f.n_parts, part));
	osp_title_forms_free(&f);
	return ok;
}

static void test_forms(void)
{
	static const struct {
		const char *title, *form, *part;
	} cases[] = {
		{"다시 너를 (Once Again)", "Once Again", "Once Again"},
		{"[Goblin OST Part.1] Chanyeol, Punch - Stay With Me MV",
		 "Stay With Me", "Chanyeol, Punch"},
		{"[MV] Ailee _ First Snow (Goblin OST PART.9)", "First Snow",
		 "Ailee"},
		{"Crush - Beautiful | Goblin OST Part 4", "Beautiful", "Crush"},
		{"Start Over (Itaewon Class OST Part 2) Lyrics", "Start Over",
		 NULL},
		{"First Snow (Goblin OST) \xEA\xB0\x80\xEC\x82\xAC", "First Snow",
		 NULL},					/* 가사 */
		{"Stay With Me Official Lyric Video", "Stay With Me", NULL},
		{"Start Over \xEC\x8B\x9C\xEC\x9E\x91", "Start Over", NULL},
		{"Start Over \xEC\x8B\x9C\xEC\x9E\x91",
		 "\xEC\x8B\x9C\xEC\x9E\x91", NULL},	/* 시작 */
		{"Goblin OST - 03 Stay With Me", "Stay With Me", NULL},
		{"Chanyeol, Punch 'Stay With Me' MV", "Stay With Me",
		 "Chanyeol, Punch"},
		{"\xE6\x9D\xA8\xE5\xAE\x97\xE7\xBA\xAC \xE5\xBC\xA0\xE7\xA2\xA7"
		 "\xE6\x99\xA8\xE3\x80\x8A\xE5\x87\x89\xE5\x87\x89\xE3\x80\x8B",
		 "\xE5\x87\x89\xE5\x87\x89",	/* 杨宗纬 张碧晨《凉凉》 */
		 "\xE6\x9D\xA8\xE5\xAE\x97\xE7\xBA\xAC \xE5\xBC\xA0\xE7\xA2\xA7"
		 "\xE6\x99\xA8"},
		{"\xE3\x80\x90" "Eternal Love" "\xE3\x80\x91" "Liang Liang - A",
		 "Liang Liang", "Eternal Love"},	/* 【Eternal Love】 */
		{"LOVE. FEAT. ZACARI.", "love.", "feat. zacari."},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool inst;
		tap_ok(reads(cases[i].title, cases[i].form, cases[i].part, &inst),
		       "forms of \"%s\": \"%s\"", cases[i].title, cases[i].form);
	}
	/* Apostrophes are no quotation marks. */
	struct osp_title_forms f;
	bool inst = false;
	osp_title_read("It's Okay, That's Love", &f, &inst);
	tap_ok(!has(f.v, f.n, "s Okay, That"), "an apostrophe quotes nothing");
	osp_title_forms_free(&f);
	osp_title_read("Don't 'Cause I'm Yours", &f, &inst);
	tap_ok(!has(f.v, f.n, "Cause I"), "an apostrophe glued to a word "
	       "quotes nothing");
	osp_title_forms_free(&f);
}

static void test_instrumental(void)
{
	static const char *const yes[] = {
		"BGM 07", "bgm-07", "Main Theme", "Opening Title", "Score 3",
		"Stay With Me (Inst.)", "Stay With Me (MR)", "Always - MR",
		"Stay With Me (MR Ver.)", "Stay With Me (Off Vocal)",
		"\xEC\x97\xB0\xEC\xA3\xBC\xEA\xB3\xA1 03",	/* 연주곡 */
		"\xEB\xA9\x94\xEC\x9D\xB8 \xED\x85\x8C\xEB\xA7\x88", /* 메인 테마 */
		"\xE9\xAC\xBC\xE6\x80\xAA\xE9\x85\x8D\xE6\xA8\x82",  /* 鬼怪配樂 */
		"\xE6\x83\x85 (\xE7\xB4\x94\xE9\x9F\xB3\xE6\xA8\x82)", /* 純音樂 */
		"\xE3\x83\xA1\xE3\x82\xA4\xE3\x83\xB3\xE3\x83\x86\xE3\x83\xBC"
		"\xE3\x83\x9E",					/* メインテーマ */
		"\xE3\x82\xAA\xE3\x83\x95\xE3\x83\x9C\xE3\x83\xBC\xE3\x82\xAB"
		"\xE3\x83\xAB",					/* オフボーカル */
	};
	static const char *const no[] = {
		"Theme of Love", "Score of My Life", "Mr. Brightside",
		"Mr. Sunshine", "Title", "Stay With Me", "Score", "Score 2 Win",
	};
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		bool inst;
		reads(yes[i], yes[i], NULL, &inst);
		tap_ok(inst, "instrumental: \"%s\"", yes[i]);
	}
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		bool inst;
		reads(no[i], no[i], NULL, &inst);
		tap_ok(!inst, "sung: \"%s\"", no[i]);
	}
}

static void test_file_names(void)
{
	static const struct {
		const char *name, *artist, *title;
	} cases[] = {
		{"03. Chanyeol, Punch - Stay With Me", "Chanyeol, Punch",
		 "Stay With Me"},
		{"[MV] Chen, Punch - Everytime", "Chen, Punch", "Everytime"},
		{"\xE3\x80\x90MV\xE3\x80\x91 Chen _ Everytime", "Chen",
		 "Everytime"},				/* 【MV】 */
		{"07", NULL, "07"},
		{"2gether", NULL, "2gether"},
		{"1 Litre of Tears", NULL, "Litre of Tears"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *artist, *title;
		osp_title_parse_file_name(cases[i].name, &artist, &title);
		bool same_artist = cases[i].artist
					   ? artist && strcmp(artist, cases[i].artist) == 0
					   : !artist;
		tap_ok(same_artist && strcmp(title, cases[i].title) == 0,
		       "file name \"%s\": artist \"%s\", title \"%s\"",
		       cases[i].name, artist ? artist : "", title);
		free(artist);
		free(title);
	}
	tap_str(osp_title_after_number("07 - Hush"), "Hush", "after_number");
	tap_str(osp_title_after_number("1234. x"), "1234. x",
		"after_number: four digits are no track number");
}

int main(void)
{
	test_forms();
	test_instrumental();
	test_file_names();
	return tap_done();
}
