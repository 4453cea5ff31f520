#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "ostplay/catalog-cache.h"
#include "ostplay/catalog.h"
#include "tap.h"

static char *dir;

static char *write_file(const char *name, const char *text)
{
	char *path = malloc(4200);
	snprintf(path, 4200, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<playlist version=\"1\" xmlns=\"http://xspf.org/ns/0/\">\n"
#define EXT "<extension application=\"urn:x-ostplay:catalog:1\">"
#define NS "xmlns=\"urn:x-ostplay:catalog:1\""

static const char goblin[] = HEAD
	"  <title>Goblin</title>\n"
	"  " EXT "<drama " NS " year=\"2016\" network=\"tvN\">\n"
	"    <alias lang=\"ko\">\xEB\x8F\x84\xEA\xB9\xA8\xEB\xB9\x84</alias>\n"
	"    <alias>Guardian: The Lonely and Great God</alias>\n"
	"  </drama></extension>\n"
	"  <trackList><track><title>Stay With Me</title>\n"
	"    " EXT "<song " NS " part=\"1\">\n"
	"      <performer name=\"Chanyeol\"><alias>\xEC\xB0\xAC\xEC\x97\xB4"
	"</alias></performer>\n"
	"      <performer name=\"Punch\"/>\n"
	"    </song></extension></track></trackList>\n"
	"</playlist>\n";

static void test_load(void)
{
	struct osp_catalog c = {0};
	struct osp_error err = {0};
	char *path = write_file("goblin.xspf", goblin);
	if (!tap_ok(osp_catalog_load_file(&c, path, &err), "a good catalog loads"))
		printf("# %s\n", err.msg);
	tap_int((long long)c.n_dramas, 1, "one drama");
	if (c.n_dramas == 1) {
		const struct osp_drama *d = &c.dramas[0];
		tap_str(d->title, "Goblin", "title");
		tap_int(d->year, 2016, "year");
		tap_str(d->network, "tvN", "network");
		tap_int((long long)d->n_aliases, 2, "aliases");
		tap_int((long long)d->n_songs, 1, "songs");
		if (d->n_songs) {
			tap_int(d->songs[0].part, 1, "part");
			tap_int((long long)d->songs[0].n_performers, 2,
				"each performer apart");
			tap_str(d->songs[0].performers[0].n_aliases
					? d->songs[0].performers[0].aliases[0]
					: NULL, "\xEC\xB0\xAC\xEC\x97\xB4",
				"performer alias");
		}
	}

	/* A user catalog naming Goblin by an alias extends it. */
	char *more = write_file("more.xspf", HEAD
		"<title>\xEB\x8F\x84\xEA\xB9\xA8\xEB\xB9\x84</title>\n"
		EXT "<drama " NS "><alias>Dokkaebi</alias></drama></extension>\n"
		"<trackList><track><title>Beautiful</title></track></trackList>\n"
		"</playlist>\n");
	tap_ok(osp_catalog_load_file(&c, more, &err), "an extending catalog loads");
	tap_int((long long)c.n_dramas, 1, "it extends, not adds");
	tap_int((long long)c.dramas[0].n_songs, 2, "its song is added");
	tap_int((long long)c.dramas[0].n_aliases, 3, "its new alias is added");

	size_t found[4];
	static const struct {
		const char *name;
		size_t n;
	} names[] = {
		{"goblin", 1}, {"GOBLIN", 1}, {"\xEB\x8F\x84\xEA\xB9\xA8\xEB\xB9\x84", 1},
		{"dokkaebi", 1}, {"Guardian the lonely", 1}, {"gob", 1},
		{"Gobln", 0}, {"Guardian the lonely and grate god", 1},
		{"Guardain: The Lonely and Great God", 1},
		{"Goblins and more", 0}, {"", 0},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		tap_int((long long)osp_catalog_find(&c, names[i].name, found, 4),
			(long long)names[i].n, "find \"%s\"", names[i].name);
	osp_catalog_free(&c);
	free(path);
	free(more);
}

static void test_errors(void)
{
	static const struct {
		const char *file, *text, *msg;
	} cases[] = {
		{"cut.xspf", HEAD "<title>Cut", ":3: "},
		{"no-title.xspf", HEAD "<trackList/></playlist>\n",
		 ": the playlist has no <title> (the drama's name)"},
		{"track.xspf", HEAD "<title>T</title><trackList>\n<track>"
		 "<creator>X</creator></track></trackList></playlist>\n",
		 ":4: a <track> without a <title>"},
		{"typo.xspf", HEAD "<title>T</title>" EXT "\n<drama " NS ">\n"
		 "<alais>X</alais></drama></extension></playlist>\n",
		 ":5: unknown element <alais> in <drama>"},
		{"performer.xspf", HEAD "<title>T</title><trackList><track>"
		 "<title>S</title>" EXT "\n<song " NS "><performer/></song>"
		 "</extension></track></trackList></playlist>\n",
		 ":4: <performer> without a name attribute"},
		{"root.xspf", "<?xml version=\"1.0\"?>\n<html><body/></html>\n",
		 ":2: not an XSPF playlist (the root element is <html> in no "
		 "namespace, not <playlist> in http://xspf.org/ns/0/)"},
		{"xxe.xspf", "<?xml version=\"1.0\"?>\n<!DOCTYPE playlist [\n"
		 "<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
		 "<playlist version=\"1\" xmlns=\"http://xspf.org/ns/0/\">"
		 "<title>&x;</title></playlist>\n",
		 ":2: has a DOCTYPE; XSPF needs none, so it is refused"},
		{"bomb.xspf", "<?xml version=\"1.0\"?>\n<!DOCTYPE p [\n"
		 "<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">\n"
		 "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;\">]>\n<p>&c;</p>\n",
		 ":2: has a DOCTYPE; XSPF needs none, so it is refused"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct osp_catalog c = {0};
		struct osp_error err = {0};
		char *path = write_file(cases[i].file, cases[i].text);
		tap_ok(!osp_catalog_load_file(&c, path, &err) && c.n_dramas == 0,
		       "%s is refused and loads nothing", cases[i].file);
		char want[4400];
		snprintf(want, sizeof(want), "%s%s", path, cases[i].msg);
		/* libxml2 words its own syntax errors: only the place is ours. */
		bool exact = strcmp(cases[i].msg, ":3: ") != 0;
		if (exact)
			tap_str(err.msg, want, "%s: the message", cases[i].file);
		else
			tap_ok(strncmp(err.msg, want, strlen(want)) == 0,
			       "%s: the message names file and line: %s",
			       cases[i].file, err.msg);
		osp_catalog_free(&c);
		remove(path);
		free(path);
	}

	/* Over the size limit: refused before parsing. */
	char *big = write_file("big.xspf", "");
	FILE *f = fopen(big, "w");
	fseek(f, 17 * 1024 * 1024, SEEK_SET);
	fputc('\n', f);
	fclose(f);
	struct osp_catalog c = {0};
	struct osp_error err = {0};
	tap_ok(!osp_catalog_load_file(&c, big, &err) &&
	       strstr(err.msg, "is too large for a playlist"),
	       "a 17 MiB file is refused for its size");
	remove(big);
	free(big);
}

static int n_reported;

static void count_error(void *ctx, const struct osp_error *err)
{
	(void)ctx;
	(void)err;
	n_reported++;
}

static void test_dir(void)
{
	/* goblin.xspf and more.xspf are still there; add a broken one. */
	char *bad = write_file("broken.xspf", HEAD "<title>X");
	struct osp_catalog c = {0};
	size_t n = osp_catalog_load_dir(&c, dir, count_error, NULL);
	tap_int((long long)n, 2, "the good files in a folder load");
	tap_int(n_reported, 1, "the broken one is reported once");
	tap_int((long long)c.n_dramas, 1, "into one drama");
	osp_catalog_free(&c);
	free(bad);
	tap_int((long long)osp_catalog_load_dir(&c, "/nonexistent", NULL, NULL),
		0, "a missing folder holds no catalogs");
}

/* A drama of that title and aliases, no songs. */
static char *write_drama(const char *file, const char *title,
			 const char *alias)
{
	char text[1000];
	snprintf(text, sizeof(text), HEAD "<title>%s</title>\n"
		 EXT "<drama " NS "><alias>%s</alias></drama></extension>\n"
		 "<trackList/></playlist>\n", title, alias);
	return write_file(file, text);
}

/* The titles of the dramas `found` holds, joined by '|'. */
static const char *titles(const struct osp_catalog *c, const size_t *found,
			  size_t n)
{
	static char out[1000];
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s",
			 i ? "|" : "", c->dramas[found[i]].title);
	return out;
}

static void test_names(void)
{
	static const char *const dramas[][3] = {
		/* Reply 1988, 응답하라 1988 */
		{"names/r88.xspf", "Reply 1988", "\xEC\x9D\x91\xEB\x8B\xB5"
		 "\xED\x95\x98\xEB\x9D\xBC 1988"},
		{"names/r97.xspf", "Reply 1997", "Answer Me 1997"},
		{"names/dh.xspf", "Dream High", "Dream High"},
		{"names/fh.xspf", "Full House", "Full House"},
		{"names/fh2.xspf", "Full House Take 2", "Full House Take 2"},
		{"names/mg.xspf", "Meteor Garden (2018)", "Meteor Garden 2018"},
		{"names/sg.xspf", "Secret Garden", "Secret Garden"},
	};
	struct osp_catalog c = {0};
	char *sub = malloc(4200);
	snprintf(sub, 4200, "%s/names", dir);
	mkdir(sub, 0700);
	for (size_t i = 0; i < sizeof(dramas) / sizeof(dramas[0]); i++) {
		struct osp_error err = {0};
		char *path = write_drama(dramas[i][0], dramas[i][1],
					 dramas[i][2]);
		if (!osp_catalog_load_file(&c, path, &err))
			printf("# %s\n", err.msg);
		free(path);
	}
	tap_int((long long)c.n_dramas, 7, "names: the catalog loads");

	/* A number written must be the drama's, in every tier. */
	static const struct {
		const char *name, *found;
	} names[] = {
		{"Reply 1994", ""},
		{"Reply 1997", "Reply 1997"},
		{"REPLY1997", "Reply 1997"},
		{"answer me 1997", "Reply 1997"},
		{"\xEC\x9D\x91\xEB\x8B\xB5\xED\x95\x98\xEB\x9D\xBC 1994", ""},
		{"eungdaphara 1988", "Reply 1988"},
		{"Reply 1977", ""},
		{"Replly 1997", "Reply 1997"},
		{"Replly 1994", ""},
		/* A beginning may leave the number out or unfinished. */
		{"reply", "Reply 1988|Reply 1997"},
		{"reply 19", "Reply 1988|Reply 1997"},
		{"reply 199", "Reply 1997"},
		{"Dream High", "Dream High"},
		{"Dream High 2", ""},
		{"Dream High II", ""},
		{"Dream Hihg", "Dream High"},
		{"Full House", "Full House"},
		{"Full House 2", "Full House Take 2"},
		{"full house take II", "Full House Take 2"},
		{"Full House 3", ""},
		{"house", "Full House|Full House Take 2"},
		{"garden", "Meteor Garden (2018)|Secret Garden"},
		{"Meteor Garden 2020", ""},
	};
	size_t found[8];
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = osp_catalog_find(&c, names[i].name, found, 8);
		tap_str(titles(&c, found, n < 8 ? n : 8), names[i].found,
			"names: find \"%s\"", names[i].name);
	}

	/* What to offer when nothing is found: the near names, nearest
	 * first, and none that are far. */
	static const struct {
		const char *name;
		size_t max;
		const char *found;
	} near_names[] = {
		{"Reply 1994", 4, "Reply 1997|Reply 1988"},
		{"Reply 1994", 1, "Reply 1997"},
		{"Dream High 2", 4, "Dream High"},
		{"Full House 3", 4, "Full House|Full House Take 2"},
		{"Meteor Garden 2020", 1, "Meteor Garden (2018)"},
		{"Garden Secret", 1, "Secret Garden"},
		{"Crash Landing on You", 4, ""},
		{"", 4, ""},
	};
	size_t n_near = sizeof(near_names) / sizeof(near_names[0]);
	for (size_t i = 0; i < n_near; i++) {
		size_t n = osp_catalog_suggest(&c, near_names[i].name, found,
					       near_names[i].max);
		tap_str(titles(&c, found, n), near_names[i].found,
			"names: suggest %zu for \"%s\"", near_names[i].max,
			near_names[i].name);
	}
	osp_catalog_free(&c);
	free(sub);
}

static ino_t inode_of(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/* Loads the folder `sub` through the cache `cache`; the number of files
 * loaded, `*n_errors` reported, the first drama's alias count. */
static size_t load_cached(struct osp_catalog *c, const char *sub,
			  const char *cache, int *n_errors)
{
	const char *dirs[] = {sub, "/nonexistent"};
	n_reported = 0;
	*c = (struct osp_catalog){0};
	size_t n = osp_catalog_load_cached(c, dirs, 2, cache, count_error,
					   NULL);
	*n_errors = n_reported;
	return n;
}

static void flip_byte(const char *path, long at)
{
	FILE *f = fopen(path, "r+");
	fseek(f, at, SEEK_SET);
	int byte = fgetc(f);
	fseek(f, at, SEEK_SET);
	fputc(byte ^ 0x20, f);
	fclose(f);
}

static void test_cache(void)
{
	char sub[4200], cache[4200], path[4300];
	snprintf(sub, sizeof(sub), "%s/cached", dir);
	snprintf(cache, sizeof(cache), "%s/catalogs.bin", dir);
	mkdir(sub, 0700);
	snprintf(path, sizeof(path), "cached/goblin.xspf");
	free(write_file(path, goblin));
	free(write_file("cached/bad.xspf", HEAD "<title>X"));
	free(write_drama("cached/w.xspf", "W", "W: Two Worlds"));

	struct osp_catalog fresh, cached;
	int errors_fresh, errors_cached;
	size_t n = load_cached(&fresh, sub, cache, &errors_fresh);
	ino_t made = inode_of(cache);
	tap_ok(n == 2 && errors_fresh == 1 && fresh.n_dramas == 2 && made,
	       "cache: the first load parses the files and writes the cache");
	n = load_cached(&cached, sub, cache, &errors_cached);
	tap_ok(inode_of(cache) == made, "cache: the next load reads it, "
	       "leaving it as it was");
	tap_ok(n == 2 && errors_cached == 1,
	       "cache: the files loaded and the error are as the first time");
	const char *dirs[] = {sub, "/nonexistent"};
	tap_ok(osp_catalog_fingerprint(dirs, 2) == fresh.fingerprint,
	       "cache: the fingerprint found without loading is the one "
	       "loaded");
	bool same = cached.n_dramas == fresh.n_dramas &&
		    cached.fingerprint == fresh.fingerprint;
	for (size_t i = 0; same && i < fresh.n_dramas; i++) {
		const struct osp_drama *a = &fresh.dramas[i], *b = &cached.dramas[i];
		same = strcmp(a->title, b->title) == 0 &&
		       a->n_aliases == b->n_aliases && a->year == b->year &&
		       a->n_songs == b->n_songs &&
		       (a->network ? b->network && !strcmp(a->network, b->network)
				   : !b->network);
		for (size_t k = 0; same && k < a->n_songs; k++)
			same = strcmp(a->songs[k].title, b->songs[k].title) == 0 &&
			       a->songs[k].part == b->songs[k].part &&
			       a->songs[k].n_performers ==
				       b->songs[k].n_performers;
	}
	tap_ok(same, "cache: the same dramas, names, songs and fingerprint");

	/* A file merged after a cached load still finds its drama. */
	struct osp_error err = {0};
	char *more = write_drama("more-w.xspf", "W: Two Worlds", "Dubeu");
	bool merged = osp_catalog_load_file(&cached, more, &err) &&
		      cached.n_dramas == 2;
	long at = osp_catalog_title_index(&cached, "W");
	bool dubeu = false;
	for (size_t i = 0; merged && at >= 0 &&
			   i < cached.dramas[at].n_aliases; i++)
		dubeu |= strcmp(cached.dramas[at].aliases[i], "Dubeu") == 0;
	tap_ok(merged && dubeu,
	       "cache: a further file merges into a cached drama, which "
	       "takes its names");
	free(more);
	osp_catalog_free(&cached);

	/* A changed file is read again. */
	uint64_t before = fresh.fingerprint;
	osp_catalog_free(&fresh);
	free(write_drama("cached/w.xspf", "W", "W - Two Worlds Apart"));
	load_cached(&cached, sub, cache, &errors_cached);
	long w = osp_catalog_title_index(&cached, "W");
	tap_ok(inode_of(cache) != made && cached.fingerprint != before &&
	       w >= 0 && cached.dramas[w].n_aliases == 1 &&
	       strcmp(cached.dramas[w].aliases[0], "W - Two Worlds Apart") == 0,
	       "cache: a changed file is parsed again and the cache remade");
	tap_ok(osp_catalog_fingerprint(dirs, 2) == cached.fingerprint,
	       "cache: ... and the fingerprint found without loading follows");
	osp_catalog_free(&cached);

	/* A damaged or truncated cache is not believed. */
	struct stat st;
	stat(cache, &st);
	flip_byte(cache, st.st_size - 3);
	n = load_cached(&cached, sub, cache, &errors_cached);
	tap_ok(n == 2 && cached.n_dramas == 2 && errors_cached == 1,
	       "cache: a flipped byte is noticed and the files parsed");
	osp_catalog_free(&cached);
	FILE *f = fopen(cache, "r+");
	tap_ok(f && ftruncate(fileno(f), st.st_size / 2) == 0,
	       "cache: truncated to half");
	if (f)
		fclose(f);
	n = load_cached(&cached, sub, cache, &errors_cached);
	tap_ok(n == 2 && cached.n_dramas == 2,
	       "cache: a truncated cache is noticed and the files parsed");
	osp_catalog_free(&cached);
	n = load_cached(&cached, sub, "/nonexistent/catalogs.bin",
			&errors_cached);
	tap_ok(n == 2 && cached.n_dramas == 2,
	       "cache: a cache that cannot be written costs only the parse");
	osp_catalog_free(&cached);
}

int main(void)
{
	dir = tap_tmpdir();
	test_load();
	test_errors();
	test_dir();
	test_names();
	test_cache();
	tap_rmtree(dir);
	free(dir);
	return tap_done();
}
