#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/config.h"
#include "tap.h"

static char *write_file(const char *dir, const char *text)
{
	char *path = malloc(4096);
	snprintf(path, 4096, "%s/config", dir);
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static void test_good(const char *dir)
{
	char *path = write_file(dir,
		"# my settings\n"
		"music-dir = ~/Music\n"
		"\n"
		"  music-dir=/mnt/k-drama OST  \n"
		"mpd-port = 6601\n"
		"mpv.ao = pcm\n"
		"mpv.ao-pcm-file = /tmp/out.wav\n");
	struct osp_config c;
	struct osp_error err = {0};
	tap_ok(osp_config_load(&c, path, "/home/me", &err), "good config loads");
	tap_int((long long)c.n_music_dirs, 2, "two music-dir lines");
	tap_str(c.n_music_dirs > 0 ? c.music_dirs[0] : NULL, "/home/me/Music",
		"~/ expands to the home folder");
	tap_str(c.n_music_dirs > 1 ? c.music_dirs[1] : NULL,
		"/mnt/k-drama OST", "values are trimmed, inner spaces kept");
	tap_int((long long)c.n_mpv_options, 2, "two mpv options");
	tap_int(c.mpd_port, 6601, "mpd-port");
	tap_str(c.n_mpv_options > 1 ? c.mpv_options[1].name : NULL,
		"ao-pcm-file", "mpv. prefix is stripped");
	tap_str(c.n_mpv_options > 1 ? c.mpv_options[1].value : NULL,
		"/tmp/out.wav", "mpv option value");
	osp_config_free(&c);
	free(path);
}

static void test_errors(const char *dir)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{"music-dir = /a\nvolume = 70\n", ":2: unknown key 'volume'"},
		{"# ok\nno equals sign\n", ":2: expected 'key = value'"},
		{"music-dir =\n", ":1: music-dir needs a folder"},
		{"mpd-port = 66000\n",
		 ":1: mpd-port needs a port number (1 to 65535)"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path = write_file(dir, cases[i].text);
		char want[4200];
		snprintf(want, sizeof(want), "%s%s", path, cases[i].msg);
		struct osp_config c;
		struct osp_error err = {0};
		tap_ok(!osp_config_load(&c, path, "/h", &err),
		       "bad config %zu fails", i);
		tap_str(err.msg, want, "bad config %zu names file and line", i);
		tap_int((long long)c.n_music_dirs, 0,
			"bad config %zu leaves nothing behind", i);
		free(path);
	}
}

static void test_missing(const char *dir)
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/none", dir);
	struct osp_config c;
	tap_ok(osp_config_load(&c, path, "/h", NULL) && c.n_music_dirs == 0,
	       "a missing config file is an empty config");
}

int main(void)
{
	char *dir = tap_tmpdir();
	test_good(dir);
	test_errors(dir);
	test_missing(dir);
	tap_rmtree(dir);
	free(dir);
	return tap_done();
}
