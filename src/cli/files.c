/* Files and folders named on the command line, for `play` and `add`:
 * played as mpv plays them, without scanning them first. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "ostplay/cli.h"
#include "ostplay/xalloc.h"

bool osp_cli_is_path(const char *arg)
{
	struct stat st;
	return stat(arg, &st) == 0;
}

/* What the daemon's mpv plays, by suffix: a folder's cover pictures,
 * playlists and notes are left out. */
static bool is_audio_name(const char *name)
{
	static const char *const suffixes[] = {
		"aif", "aiff", "ape", "flac", "m4a", "mp2", "mp3", "mp4", "mpc",
		"oga", "ogg", "opus", "spx", "tta", "wav", "wma", "wv",
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof(suffixes) / sizeof(*suffixes); i++)
		if (strcasecmp(dot + 1, suffixes[i]) == 0)
			return true;
	return false;
}

struct file_list {
	char **paths;
	size_t n, cap;
};

static void add_path(struct file_list *l, const char *path)
{
	l->paths = xgrow(l->paths, &l->cap, l->n + 1, sizeof(char *));
	l->paths[l->n++] = xstrdup(path);
}

/* The folder's audio files and those of its folders, in name order
 * ("2" before "10"); hidden entries skipped, symbolic links to folders
 * not followed (no loops). */
static void walk(struct file_list *l, const char *dir, int depth)
{
	struct dirent **names;
	int n = depth < 32 ? scandir(dir, &names, NULL, versionsort) : -1;
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		char *path = xasprintf("%s/%s", strcmp(dir, "/") ? dir : "",
				       name);
		struct stat st;
		if (name[0] != '.' && lstat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				walk(l, path, depth + 1);
			else if (is_audio_name(name) &&
				 stat(path, &st) == 0 && S_ISREG(st.st_mode))
				add_path(l, path);
		}
		free(path);
		free(names[i]);
	}
	if (n >= 0)
		free(names);
}

bool osp_cli_collect_files(char *const *args, size_t n, char ***paths,
			   size_t *n_paths)
{
	struct file_list l = {0};
	bool ok = true;
	for (size_t i = 0; ok && i < n; i++) {
		char real[PATH_MAX];
		struct stat st;
		if (!realpath(args[i], real) || stat(real, &st) != 0) {
			osp_cli_errorf("%s: %s", args[i], strerror(errno));
			ok = false;
		} else if (S_ISDIR(st.st_mode)) {
			size_t before = l.n;
			walk(&l, real, 0);
			if (l.n == before) {
				osp_cli_errorf("%s holds no audio files", args[i]);
				ok = false;
			}
		} else {
			add_path(&l, real);	/* the daemon checks it is audio */
		}
	}
	if (!ok) {
		for (size_t i = 0; i < l.n; i++)
			free(l.paths[i]);
		free(l.paths);
		l = (struct file_list){0};
	}
	*paths = l.paths;
	*n_paths = l.n;
	return ok;
}
