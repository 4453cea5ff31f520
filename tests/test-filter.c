/* The MPD song filter (src/daemon/database/filter.c): parsing, MPD's
 * error texts, and matching against tracks, table-driven. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/daemon/database/filter.h"
#include "../src/daemon/database/song.h"
#include "tap.h"

/* The tracks are only read: their fields may point at literals. */
#define S(literal) ((char *)(uintptr_t)(literal))

static char *artists_a[] = {S("Chanyeol"), S("Punch")};
static char *artists_b[] = {S("Crush")};

/* Two tracks: a (two artists, no album artist, 8-digit date, Drama) and
 * b (one artist, album artist, no genre). */
static struct osp_track track_a(void)
{
	struct osp_track t = {.path = S("/m/Goblin OST/01 Stay.flac"),
			      .mtime_ns = 1700000000LL * 1000000000};
	t.tags = (struct osp_tags){
		.title = S("Stay With Me"), .artists = artists_a, .n_artists = 2,
		.album = S("Goblin OST Part.1"), .genre = S("OST"),
		.date = S("20161202"), .year = 2016, .track = 1,
		.sample_rate = 44100, .channels = 2, .bits = 16};
	t.match.drama = S("Goblin");
	t.match.ost_track = S("Stay With Me");
	return t;
}

static struct osp_track track_b(void)
{
	struct osp_track t = {.path = S("/m/Singers/Crush/Beautiful.mp3"),
			      .mtime_ns = 1500000000LL * 1000000000};
	t.tags = (struct osp_tags){
		.title = S("Beautiful"), .artists = artists_b, .n_artists = 1,
		.album = S("Goblin OST Part.4"), .album_artist = S("Various"),
		.track = 2, .disc = 1, .sample_rate = 44100, .channels = 2};
	return t;
}

#define A "Goblin OST/01 Stay.flac"
#define B "Singers/Crush/Beautiful.mp3"

static const struct {
	const char *words[4];
	bool fold_case;
	int a, b;	/* whether each passes */
} matches[] = {
	{{"Artist", "Punch"}, false, 1, 0},
	{{"artist", "punch"}, false, 0, 0},
	{{"artist", "punch"}, true, 1, 0},
	{{"Artist", "un"}, true, 1, 0},		/* search: substrings */
	{{"Artist", "un"}, false, 0, 0},
	{{"AlbumArtist", "Chanyeol"}, false, 1, 0},	/* falls back */
	{{"AlbumArtist", "Crush"}, false, 0, 0},	/* has its own */
	{{"Genre", ""}, false, 0, 1},		/* absent equals "" */
	{{"Date", "20161202"}, false, 1, 0},
	{{"Track", "2"}, false, 0, 1},
	{{"Drama", "Goblin"}, false, 1, 0},
	{{"OstTrack", "Stay With Me"}, false, 1, 0},
	{{"any", "goblin ost part.4"}, true, 0, 1},
	{{"any", "Goblin"}, false, 0, 0},	/* not ostplay's own tags */
	{{"file", A}, false, 1, 0},
	{{"base", "Singers"}, false, 0, 1},
	{{"base", "Sing"}, false, 0, 0},
	{{"modified-since", "2020-01-01"}, false, 1, 0},
	{{"(Artist == \"Crush\")"}, false, 0, 1},
	{{"(Artist != \"Crush\")"}, false, 1, 0},
	{{"(Artist contains 'ush')"}, false, 0, 1},
	{{"(Artist !contains 'ush')"}, false, 1, 0},
	{{"(Title starts_with \"Stay\")"}, false, 1, 0},
	{{"(Title =~ \"^B.*l$\")"}, false, 0, 1},
	{{"(Title =~ \"^b\")"}, true, 0, 1},
	{{"(Title !~ \"^B\")"}, false, 1, 0},
	{{"(!(Genre == \"OST\"))"}, false, 0, 1},
	{{"((Album contains \"Goblin\") AND (Track == \"1\"))"}, false, 1, 0},
	{{"((base \"Goblin OST\") AND (!(Artist == \"Punch\")))"}, false,
	 0, 0},
	{{"(file == \"" B "\")"}, false, 0, 1},
	{{"(AudioFormat == \"44100:16:2\")"}, false, 1, 0},
	{{"(AudioFormat =~ \"44100:*:2\")"}, false, 1, 1},
	{{"(Title == \"Say \\\"hi\\\"\")"}, false, 0, 0},
	{{"(Artist == \"Crush\")", "Album", "Goblin OST Part.4"}, false, 0, 1},
	{{"Album", "Goblin OST Part.1", "Track", "1"}, false, 1, 0},
};

static const struct {
	const char *words[4];
	const char *error;
} errors[] = {
	{{NULL}, "Incorrect number of filter arguments"},
	{{"Artist"}, "Incorrect number of filter arguments"},
	{{"Nonsense", "x"}, "Unknown filter type"},
	{{"base", "../x"}, "Bad URI"},
	{{"modified-since", "soon"}, "Failed to parse date"},
	{{"(Nonsense == \"x\")"}, "Unknown filter type: Nonsense"},
	{{"(Artist = \"x\")"}, "'==' or '!=' expected"},
	{{"(Artist == x)"}, "Quoted string expected"},
	{{"(Artist == \"x)"}, "Closing quote not found"},
	{{"(Artist == \"x\""}, "')' expected"},
	{{"(Artist == \"x\") y"}, "Unparsed garbage after expression"},
	{{"((Artist == \"x\") OR (Title == \"y\"))"}, "'AND' expected"},
	{{"((Artist == \"x\") AND Title)"}, "'(' expected"},
	{{"(!Artist == \"x\")"}, "'(' expected"},
	{{"()"}, "Word expected"},
	{{"(AudioFormat != \"x\")"}, "'==' or '=~' expected"},
};

static int count_words(const char *const *w)
{
	int n = 0;
	while (n < 4 && w[n])
		n++;
	return n;
}

int main(void)
{
	struct osp_track a = track_a(), b = track_b();
	for (size_t i = 0; i < sizeof(matches) / sizeof(matches[0]); i++) {
		char msg[256] = "";
		int n = count_words(matches[i].words);
		struct db_filter *f = db_filter_parse(
			n, (char *const *)(uintptr_t)matches[i].words, matches[i].fold_case,
			msg, sizeof(msg));
		if (!tap_ok(f != NULL, "filter %zu (%s) parses", i,
			    matches[i].words[0])) {
			tap_str(msg, "", "filter %zu: the error", i);
			continue;
		}
		tap_int(db_filter_match(f, A, &a), matches[i].a,
			"filter %zu (%s %s): track a", i, matches[i].words[0],
			matches[i].words[1] ? matches[i].words[1] : "");
		tap_int(db_filter_match(f, B, &b), matches[i].b,
			"filter %zu (%s %s): track b", i, matches[i].words[0],
			matches[i].words[1] ? matches[i].words[1] : "");
		db_filter_free(f);
	}
	for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		char msg[256] = "";
		int n = count_words(errors[i].words);
		struct db_filter *f = db_filter_parse(
			n, (char *const *)(uintptr_t)errors[i].words, false, msg,
			sizeof(msg));
		tap_ok(f == NULL, "bad filter %zu is refused", i);
		tap_str(msg, errors[i].error, "bad filter %zu: MPD's message", i);
		db_filter_free(f);
	}

	/* What the library can narrow a query with. */
	char *words[] = {S("(base \"Goblin OST\")"), S("Drama"), S("Goblin")};
	char msg[256];
	struct db_filter *f = db_filter_parse(3, words, false, msg, sizeof(msg));
	tap_str(db_filter_base(f), "Goblin OST", "the base a filter names");
	tap_str(db_filter_drama(f), "Goblin", "the drama a find names");
	db_filter_free(f);
	f = db_filter_parse(2, words + 1, true, msg, sizeof(msg));
	tap_ok(db_filter_drama(f) == NULL && db_filter_base(f) == NULL,
	       "a search's drama is no exact one");
	db_filter_free(f);

	tap_int(db_tag_parse("albumartist"), DB_TAG_ALBUM_ARTIST,
		"tag names in any case");
	tap_int(db_tag_parse("Nonsense"), DB_N_TAGS, "unknown tag names");
	tap_ok(db_collate("b", 1, "C", 1) < 0 && db_collate("10", 2, "a", 1) < 0
	       && db_collate(" x", 2, "1", 1) < 0,
	       "names collate as MPD's: no case, punctuation, digits, letters");
	return tap_done();
}
