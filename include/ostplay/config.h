/*
 * config — the user's settings file.
 *
 * `key = value` lines; `#` starts a comment line; blank lines are ignored.
 * Keys: `music-dir` (repeatable), `mpd-port` (the daemon also listens on
 * 127.0.0.1 at that TCP port; off when absent), `mpd-address` (another
 * address to listen on instead, numeric), the daemon's limits and
 * TCP permissions (`mpd-max-connections`, `mpd-connection-timeout`,
 * `mpd-max-command-list-size`, `mpd-max-output-buffer-size`,
 * `mpd-password` (repeatable), `mpd-default-permissions`; see
 * osp_config_defaults), `loudness` (track, album or off) and
 * `loudness-preamp` (dB, -15 to 15) and `mpv.<option>` (passed to libmpv
 * before it starts).  An unknown key or a line without `=` is an error that
 * names the file and line.  A missing file is an empty configuration.
 */
#ifndef OSTPLAY_CONFIG_H
#define OSTPLAY_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "ostplay/error.h"

struct osp_config_option {
	char *name;	/* without the "mpv." prefix */
	char *value;
};

/* MPD's permissions, as bits. */
enum osp_permission {
	OSP_PERMISSION_READ = 1, OSP_PERMISSION_ADD = 2,
	OSP_PERMISSION_CONTROL = 4, OSP_PERMISSION_ADMIN = 8,
	OSP_PERMISSION_ALL = 15,
};

/* Which gain the daemon applies to each file (see loudness in the
 * library): track by default. */
enum osp_loudness {
	OSP_LOUDNESS_TRACK, OSP_LOUDNESS_ALBUM, OSP_LOUDNESS_OFF,
};

/* "track", "album", "off" for each mode; osp_loudness_parse also takes
 * MPD's names ("auto" is album, "no" is off) and returns false for any
 * other word. */
const char *osp_loudness_name(enum osp_loudness mode);
bool osp_loudness_parse(const char *s, enum osp_loudness *mode);

struct osp_config_password {
	char *password;
	unsigned permissions;
};

struct osp_config {
	char **music_dirs;	/* with a leading ~/ expanded */
	size_t n_music_dirs;
	struct osp_config_option *mpv_options;
	size_t n_mpv_options;
	int mpd_port;		/* 0: no TCP */
	char *mpd_address;	/* where TCP listens; NULL: 127.0.0.1 */
	/* The daemon's limits, as mpd has them. */
	size_t max_connections;		/* on each socket, Unix and TCP */
	double connection_timeout;	/* seconds a client may be silent */
	size_t max_command_list_size;	/* bytes held for one command list */
	size_t max_output_buffer_size;	/* bytes of unsent reply */
	/* TCP clients start with `default_permissions`; `password` gives
	 * more.  The owner on the Unix socket has them all. */
	unsigned default_permissions;
	struct osp_config_password *passwords;
	size_t n_passwords;
	enum osp_loudness loudness;	/* the daemon's mode at first start */
	double loudness_preamp;		/* dB added to every file's gain */
};

/* The defaults: 100 connections, 60 s, a 2 MiB command list (mpd's), a
 * 64 MiB reply, read-only TCP clients. */
#define OSP_DEFAULT_MAX_CONNECTIONS 100
#define OSP_DEFAULT_CONNECTION_TIMEOUT 60.0
#define OSP_DEFAULT_MAX_COMMAND_LIST_SIZE (2048 * 1024)
#define OSP_DEFAULT_MAX_OUTPUT_BUFFER_SIZE (64 * 1024 * 1024)
#define OSP_DEFAULT_PERMISSIONS OSP_PERMISSION_READ

/* Parses MPD's permission list ("read,add,control,admin"; "" for none)
 * into bits; false for an unknown name. */
bool osp_config_parse_permissions(const char *s, unsigned *bits);

/* Sets `*c` to the defaults: no folders, no TCP, the limits above. */
void osp_config_defaults(struct osp_config *c);
/* Loads `path` into `*c` (the defaults first); `home` expands "~/".  On
 * failure `*c` is left at the defaults. */
bool osp_config_load(struct osp_config *c, const char *path,
		     const char *home, struct osp_error *err);
void osp_config_free(struct osp_config *c);

#endif
