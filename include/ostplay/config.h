/*
 * config — the user's settings file.
 *
 * `key = value` lines; `#` starts a comment line; blank lines are ignored.
 * Keys: `music-dir` (repeatable), `mpd-port` (the daemon also listens on
 * 127.0.0.1 at that TCP port; off when absent) and `mpv.<option>` (passed
 * to libmpv before it starts).  An unknown key or a line without `=` is an error that
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

struct osp_config {
	char **music_dirs;	/* with a leading ~/ expanded */
	size_t n_music_dirs;
	struct osp_config_option *mpv_options;
	size_t n_mpv_options;
	int mpd_port;		/* 0: no TCP */
};

/* Loads `path` into `*c` (zeroed first); `home` expands "~/".  On failure
 * `*c` is left empty. */
bool osp_config_load(struct osp_config *c, const char *path,
		     const char *home, struct osp_error *err);
void osp_config_free(struct osp_config *c);

#endif
