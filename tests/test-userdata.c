/* The user-data file's format (userdata.h) and the CRC-32 under the
 * library's row checksums: exact bytes out and back, and every kind of bad
 * line skipped with a count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/crc32.h"
#include "ostplay/userdata.h"
#include "tap.h"

struct seen {
	struct osp_buf lines;	/* each record again, as osp_userdata_add */
	size_t n;
};

static bool keep(void *ctx, const struct osp_userdata_record *r)
{
	struct seen *s = ctx;
	osp_userdata_add(&s->lines, r);
	s->n++;
	return true;
}

static void test_round_trip(void)
{
	/* A path in Latin-1 (not UTF-8), Hangul, every escaped byte, NULL
	 * and empty fields. */
	static const char latin1[] = "/m/caf\xe9 \\ 01.mp3";
	static const char key[] = "t\x1e\xeb\x8f\x84\xea\xb9\xa8\xeb\xb9\x84"
				  "\x1e" "A\x1f" "B\x1e";
	struct osp_userdata_record recs[] = {
		{"music-dir", 1, {latin1}, {sizeof(latin1) - 1}},
		{"favorite", 7,
		 {"1700000000000000000", "215000", key, "/m/a\tb\nc\r.flac",
		  NULL, "A\x1f" "B", ""},
		 {19, 6, sizeof(key) - 1, 14, 0, 3, 0}},
		{"playlist", 2, {"Road trip \\N", "1700000000"}, {12, 10}},
		{"entry", 3, {"1000", key, latin1},
		 {4, sizeof(key) - 1, sizeof(latin1) - 1}},
		{"rule", 3, {"sundaycafe", "Sunday Cafe", NULL}, {10, 11, 0}},
	};
	struct osp_buf file = {0}, want = {0};
	osp_userdata_begin(&file);
	for (size_t i = 0; i < sizeof(recs) / sizeof(recs[0]); i++) {
		osp_userdata_add(&file, &recs[i]);
		osp_userdata_add(&want, &recs[i]);
	}
	tap_ok(strncmp(osp_buf_str(&file), "ostplay user data 1\n", 20) == 0,
	       "the first line names the format and version 1");
	tap_ok(strstr(osp_buf_str(&file), "caf\\xe9 \\\\ 01.mp3") != NULL,
	       "a byte of a field that is not UTF-8 is written \\xHH, a "
	       "backslash \\\\");
	tap_ok(strstr(osp_buf_str(&file), "\xeb\x8f\x84\xea\xb9\xa8") != NULL,
	       "Hangul in a UTF-8 field stays as it is");
	tap_ok(strstr(osp_buf_str(&file), "a\\tb\\nc\\r.flac\t\\N\tA\\x1fB\t\n")
		       != NULL,
	       "tab, newline, CR, 0x1f escaped; NULL is \\N; empty is empty");
	struct seen s = {0};
	size_t bad = 99;
	struct osp_error err = {0};
	bool ok = osp_userdata_parse(file.data, file.len, "f", keep, &s, &bad,
				     &err);
	tap_ok(ok && bad == 0 && s.n == 5, "it reads back: 5 records, no bad "
	       "line (%s)", err.msg);
	tap_ok(s.lines.len == want.len &&
	       memcmp(s.lines.data, want.data, want.len) == 0,
	       "every field read back holds the same bytes, NULL as NULL");
	osp_buf_free(&s.lines);
	osp_buf_free(&file);
	osp_buf_free(&want);
}

static void test_bad_lines(void)
{
	static const struct {
		const char *line, *why;
	} cases[] = {
		{"favorite\tx\t1\tk\t/p\t\\N\t\\N\t\\N", "an integer that is not"},
		{"favorite\t1\t1\tk\t/p\t\\N\t\\N", "one field short"},
		{"music-dir\t/a\t/b", "one field too many"},
		{"music-dir\t\\N", "NULL where bytes must be"},
		{"rule\tk\tbad \\q\t\\N", "an unknown escape"},
		{"rule\tk\tcut \\x4", "a cut \\x escape"},
		{"rule\tk\t\\xff\t\\N", "text that is not UTF-8"},
		{"rule\tk\ta\\x00b\t\\N", "text with a NUL"},
		{"rule\t\\N\tname\t\\N", "NULL where text must be"},
		{"entry\t1\tk\t/p", "an entry after no playlist"},
		{"sticker\tx", "a kind this version does not know"},
		{"\tx", "no kind"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *text = NULL;
		size_t len;
		FILE *f = open_memstream(&text, &len);
		fprintf(f, "ostplay user data 1\n# a comment\n\n"
			   "rule\tk1\tOne\t\\N\n%s\nrule\tk2\tTwo\tGoblin\n",
			cases[i].line);
		fclose(f);
		struct seen s = {0};
		size_t bad = 0;
		bool ok = osp_userdata_parse(text, len, "f", keep, &s, &bad,
					     NULL);
		tap_ok(ok && bad == 1 && s.n == 2, "%s: that line skipped and "
		       "counted, the others read (bad %zu, read %zu)",
		       cases[i].why, bad, s.n);
		osp_buf_free(&s.lines);
		free(text);
	}
	static const char entries[] = "ostplay user data 1\r\n"
				      "playlist\tMix\t1\r\nentry\t1\tk\t/a\r\n"
				      "entry\t2\tk\t/b\n";
	struct seen s = {0};
	size_t bad = 0;
	osp_userdata_parse(entries, sizeof(entries) - 1, "f", keep, &s, &bad,
			   NULL);
	tap_ok(bad == 0 && s.n == 3, "entries after a playlist are taken, "
	       "CRLF line ends too");
	osp_buf_free(&s.lines);
}

static void test_header(void)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{"", "f: not an ostplay user data file"},
		{"rule\tk\tOne\t\\N\n", "f: not an ostplay user data file"},
		{"ostplay user data x\n", "f: not an ostplay user data file"},
		{"ostplay user data 2\n", "f: written by a newer ostplay (user "
		 "data version 2, this one knows 1)"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct seen s = {0};
		size_t bad = 0;
		struct osp_error err = {0};
		bool ok = osp_userdata_parse(cases[i].text,
					     strlen(cases[i].text), "f", keep,
					     &s, &bad, &err);
		tap_ok(!ok && s.n == 0, "header %zu is refused", i);
		tap_str(err.msg, cases[i].msg, "... saying why");
	}
}

static void test_names(void)
{
	char *p = osp_userdata_path("/d/ostplay/library.db");
	tap_str(p, "/d/ostplay/library.userdata", "library.db keeps its user "
		"data in library.userdata");
	free(p);
	p = osp_userdata_path("lib");
	tap_str(p, "lib.userdata", "a name without .db gets .userdata");
	free(p);
	tap_int(osp_crc32(0, "123456789", 9), 0xcbf43926,
		"CRC-32 of \"123456789\" is the standard check value");
	tap_int(osp_crc32(osp_crc32(0, "1234", 4), "56789", 5), 0xcbf43926,
		"a CRC continued over two pieces is the CRC of both");
}

int main(void)
{
	test_round_trip();
	test_bad_lines();
	test_header();
	test_names();
	return tap_done();
}
