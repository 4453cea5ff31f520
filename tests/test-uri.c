/* Paths to URIs and back: what exports write and imports read. */
#include <stdlib.h>
#include <string.h>

#include "ostplay/uri.h"
#include "tap.h"

static void check_to_path(const char *location, const char *base,
			  bool is_uri, const char *want)
{
	char *got = osp_uri_to_path(location, base, is_uri);
	if (want)
		tap_str(got, want, "%s -> %s", location, want);
	else
		tap_ok(got == NULL, "%s names no local file", location);
	free(got);
}

int main(void)
{
	const char *path = "/m/도깨비 OST #1 100% mix/01. Stay?.flac";
	char *uri = osp_uri_from_path(path, strlen(path));
	tap_str(uri,
		"file:///m/%EB%8F%84%EA%B9%A8%EB%B9%84%20OST%20%231%20100%25"
		"%20mix/01.%20Stay%3F.flac",
		"Hangul, space, #, %% and ? are encoded");
	check_to_path(uri, NULL, true, path);
	free(uri);

	/* Bytes that are not UTF-8 survive too. */
	char *raw = osp_uri_from_path("/m/caf\xE9.mp3", 11);
	tap_str(raw, "file:///m/caf%E9.mp3", "a Latin-1 byte is encoded");
	check_to_path(raw, NULL, true, "/m/caf\xE9.mp3");
	free(raw);

	check_to_path("file://localhost/m/a%20b.flac", NULL, true,
		      "/m/a b.flac");
	check_to_path("FILE:/m/a.flac", NULL, true, "/m/a.flac");
	check_to_path("file://otherhost/m/a.flac", NULL, true, NULL);
	check_to_path("http://example.com/a.mp3", NULL, true, NULL);
	check_to_path("https://x/a%00b.mp3", NULL, true, NULL);
	check_to_path("file:///m/a%00b.flac", NULL, true, NULL);
	check_to_path("file:///a%2F..%2F..%2Fetc/passwd", NULL, true, NULL);
	check_to_path("file:///m/a.flac#t=10", NULL, true, "/m/a.flac");
	check_to_path("file:///m/100%.flac", NULL, true, "/m/100%.flac");
	check_to_path("file:///m/%zz.flac", NULL, true, "/m/%zz.flac");

	/* Relative references, against the playlist's folder. */
	check_to_path("a%20b/c.flac", "/p/lists", true, "/p/lists/a b/c.flac");
	check_to_path("../music/./x.flac", "/p/lists", true, "/p/music/x.flac");
	check_to_path("../../../../x.flac", "/p", true, "/x.flac");
	check_to_path("x.flac", NULL, true, NULL);
	check_to_path("", "/p", true, NULL);

	/* M3U lines are paths: '#', '%' and '?' are part of the name. */
	check_to_path("/m/OST #1 100%.flac", NULL, false, "/m/OST #1 100%.flac");
	check_to_path("sub/a%20b.flac", "/p", false, "/p/sub/a%20b.flac");
	check_to_path("C:\\Music\\a.mp3", "/p", false, "/p/C:\\Music\\a.mp3");
	check_to_path("file:///m/a%20b.flac", NULL, false, "/m/a b.flac");
	check_to_path("Re:Born.mp3", "/p", false, "/p/Re:Born.mp3");
	check_to_path("http://example.com/a.mp3", "/p", false, NULL);

	char *rel = osp_path_relative("/m/lists", "/m/music/a b.flac");
	tap_str(rel, "../music/a b.flac", "relative to a sibling folder");
	free(rel);
	return tap_done();
}
