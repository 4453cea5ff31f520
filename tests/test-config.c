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

static void test_daemon_keys(const char *dir)
{
	struct osp_config c;
	char *path = write_file(dir, "mpd-port = 6600\n");
	tap_ok(osp_config_load(&c, path, "/h", NULL) &&
	       c.max_connections == 100 && c.connection_timeout == 60 &&
	       c.max_command_list_size == 2048 * 1024 &&
	       c.max_output_buffer_size == 64 * 1024 * 1024 &&
	       c.default_permissions == OSP_PERMISSION_READ &&
	       c.n_passwords == 0, "limits and TCP permissions default to "
	       "mpd's limits, read-only TCP");
	osp_config_free(&c);
	free(path);
	path = write_file(dir,
		"mpd-max-connections = 8\n"
		"mpd-connection-timeout = 3\n"
		"mpd-max-command-list-size = 512\n"
		"mpd-max-output-buffer-size = 1024\n"
		"mpd-default-permissions = read,add\n"
		"mpd-password = s3cret@read,add,control\n"
		"mpd-password = a@b@admin\n"
		"mpd-address = ::1\n");
	tap_ok(osp_config_load(&c, path, "/h", NULL), "daemon keys load");
	tap_ok(c.max_connections == 8 && c.connection_timeout == 3 &&
	       c.max_command_list_size == 512 * 1024 &&
	       c.max_output_buffer_size == 1024 * 1024, "limits are read, "
	       "sizes in KiB");
	tap_int(c.default_permissions, OSP_PERMISSION_READ | OSP_PERMISSION_ADD,
		"default permissions");
	tap_str(c.mpd_address, "::1", "mpd-address");
	tap_ok(c.n_passwords == 2 &&
	       strcmp(c.passwords[0].password, "s3cret") == 0 &&
	       c.passwords[0].permissions == (OSP_PERMISSION_READ |
		       OSP_PERMISSION_ADD | OSP_PERMISSION_CONTROL) &&
	       strcmp(c.passwords[1].password, "a@b") == 0 &&
	       c.passwords[1].permissions == OSP_PERMISSION_ADMIN,
	       "passwords: SECRET@PERMISSIONS, split at the last @");
	osp_config_free(&c);
	free(path);
	path = write_file(dir, "mpd-default-permissions =\n");
	tap_ok(osp_config_load(&c, path, "/h", NULL) &&
	       c.default_permissions == 0, "empty default permissions: none");
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
		{"mpd-max-connections = 0\n",
		 ":1: bad value for mpd-max-connections: '0' (see the README's "
		 "daemon limits)"},
		{"mpd-default-permissions = read,write\n",
		 ":1: bad value for mpd-default-permissions: 'read,write' (see "
		 "the README's daemon limits)"},
		{"mpd-password = nopermissions\n",
		 ":1: bad value for mpd-password: want SECRET@PERMISSIONS (see "
		 "the README's daemon limits)"},
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
	test_daemon_keys(dir);
	test_errors(dir);
	test_missing(dir);
	tap_rmtree(dir);
	free(dir);
	return tap_done();
}
