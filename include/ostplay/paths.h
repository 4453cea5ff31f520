/*
 * paths — where ostplay keeps things, per the XDG base directory spec.
 *
 * Resolves every location once from the environment so that tests can
 * isolate themselves by setting XDG_* variables.  Creates nothing except
 * through osp_paths_mkdir.
 */
#ifndef OSTPLAY_PATHS_H
#define OSTPLAY_PATHS_H

#include <stdbool.h>
#include <sys/types.h>

#include "ostplay/error.h"

struct osp_paths {
	/* All absolute and newly allocated; osp_paths_free releases them. */
	char *home;
	char *config_file;	/* $XDG_CONFIG_HOME/ostplay/config */
	char *data_dir;		/* $XDG_DATA_HOME/ostplay */
	char *db_file;		/* data_dir/library.db */
	char *catalog_dir;	/* data_dir/catalogs: the user's catalogs */
	char *system_catalog_dir;	/* the curated ones: installed, else the
					 * source tree this was built from */
	char *runtime_dir;	/* $XDG_RUNTIME_DIR/ostplay, mode 0700 */
	char *state_dir;	/* $XDG_STATE_HOME/ostplay */
	char *cache_dir;	/* $XDG_CACHE_HOME/ostplay: what can be made
				 * again, such as covers taken from files */
	char *music_dir;	/* XDG_MUSIC_DIR from user-dirs.dirs, else ~/Music */
};

bool osp_paths_init(struct osp_paths *p, struct osp_error *err);
void osp_paths_free(struct osp_paths *p);

/* Where the installed file `installed` (an absolute path fixed when
 * ostplay was configured: the catalogs, the daemon) is for the running
 * program: under the same staging root when the program runs from a tree
 * installed with DESTDIR (a test, a package being built), else
 * `installed` itself.  Newly allocated. */
char *osp_paths_installed(const char *installed);

/* The program `name` ("ostplay-daemon", "ostplay-measure") beside the
 * running one (a build tree), else `installed` as osp_paths_installed
 * finds it.  Newly allocated. */
char *osp_paths_program(const char *name, const char *installed);

/* Creates `path` and its missing parents with `mode`. */
bool osp_paths_mkdir(const char *path, mode_t mode, struct osp_error *err);

#endif
