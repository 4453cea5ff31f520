#include "ostplay/paths.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ostplay/buf.h"
#include "ostplay/xalloc.h"

/* $name when it is set to an absolute path (the spec says to ignore
 * relative ones), else home + fallback. */
static char *xdg_dir(const char *name, const char *home, const char *fallback)
{
	const char *v = getenv(name);
	if (v && v[0] == '/')
		return xstrdup(v);
	return xasprintf("%s/%s", home, fallback);
}

/* XDG_MUSIC_DIR from user-dirs.dirs: a line XDG_MUSIC_DIR="$HOME/Music"
 * (only "$HOME/..." or an absolute path are allowed there). */
static char *user_music_dir(const char *config_home, const char *home)
{
	char *file = xasprintf("%s/user-dirs.dirs", config_home);
	FILE *f = fopen(file, "r");
	free(file);
	if (!f)
		return NULL;
	char line[4096];
	char *dir = NULL;
	while (!dir && fgets(line, sizeof(line), f)) {
		const char *p = line + strspn(line, " \t");
		if (strncmp(p, "XDG_MUSIC_DIR=\"", 15) != 0)
			continue;
		p += 15;
		char *end = strchr(p, '"');
		if (!end)
			continue;
		*end = '\0';
		if (strncmp(p, "$HOME", 5) == 0 && (p[5] == '/' || !p[5]))
			dir = xasprintf("%s%s", home, p + 5);
		else if (p[0] == '/')
			dir = xstrdup(p);
	}
	fclose(f);
	return dir;
}

/* The root a staged install (DESTDIR) put this program under: the part of
 * its folder before the installed bin or libexec folder, "" when it runs
 * from where it was installed, NULL when from neither (a build tree). */
static char *staging_root(void)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return NULL;
	self[n] = '\0';
	char *slash = strrchr(self, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	static const char *const dirs[] = {OSP_INSTALLED_BINDIR,
					   OSP_INSTALLED_LIBEXECDIR};
	size_t len = strlen(self);
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		size_t k = strlen(dirs[i]);
		if (len >= k && strcmp(self + len - k, dirs[i]) == 0)
			return xmemdup(self, len - k);
	}
	return NULL;
}

char *osp_paths_installed(const char *installed)
{
	char *root = staging_root();
	char *path = NULL;
	struct stat st;
	if (root && *root) {
		path = xasprintf("%s%s", root, installed);
		if (stat(path, &st) != 0) {
			free(path);
			path = NULL;
		}
	}
	free(root);
	return path ? path : xstrdup(installed);
}

char *osp_paths_program(const char *name, const char *installed)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash = n > 0 ? (self[n] = '\0', strrchr(self, '/')) : NULL;
	if (slash) {
		*slash = '\0';
		char *path = xasprintf("%s/%s", self, name);
		if (access(path, X_OK) == 0)
			return path;
		free(path);
	}
	return osp_paths_installed(installed);
}

bool osp_paths_init(struct osp_paths *p, struct osp_error *err)
{
	*p = (struct osp_paths){0};
	const char *home = getenv("HOME");
	if (!home || home[0] != '/') {
		struct passwd *pw = getpwuid(getuid());
		if (!pw || !pw->pw_dir || pw->pw_dir[0] != '/')
			return osp_fail(err, OSP_ERR_INVALID,
					"cannot tell the home folder: set HOME");
		home = pw->pw_dir;
	}
	p->home = xstrdup(home);

	char *config = xdg_dir("XDG_CONFIG_HOME", home, ".config");
	char *data = xdg_dir("XDG_DATA_HOME", home, ".local/share");
	char *state = xdg_dir("XDG_STATE_HOME", home, ".local/state");
	char *cache = xdg_dir("XDG_CACHE_HOME", home, ".cache");
	const char *runtime = getenv("XDG_RUNTIME_DIR");

	p->config_file = xasprintf("%s/ostplay/config", config);
	p->data_dir = xasprintf("%s/ostplay", data);
	p->db_file = xasprintf("%s/library.db", p->data_dir);
	p->catalog_dir = xasprintf("%s/catalogs", p->data_dir);
	/* $OSTPLAY_CATALOGS lets tests and packagers point elsewhere. */
	const char *system = getenv("OSTPLAY_CATALOGS");
	struct stat st;
	if (system && system[0] == '/') {
		p->system_catalog_dir = xstrdup(system);
	} else {
		p->system_catalog_dir =
			osp_paths_installed(OSP_INSTALLED_CATALOG_DIR);
		if (stat(p->system_catalog_dir, &st) != 0) {
			free(p->system_catalog_dir);
			p->system_catalog_dir = xstrdup(OSP_SOURCE_CATALOG_DIR);
		}
	}
	p->state_dir = xasprintf("%s/ostplay", state);
	p->cache_dir = xasprintf("%s/ostplay", cache);
	/* Without XDG_RUNTIME_DIR the spec wants a replacement directory
	 * only this user can use; one per uid under /tmp, mode 0700. */
	if (runtime && runtime[0] == '/')
		p->runtime_dir = xasprintf("%s/ostplay", runtime);
	else
		p->runtime_dir = xasprintf("/tmp/ostplay-%ld", (long)getuid());
	p->music_dir = user_music_dir(config, home);
	if (!p->music_dir)
		p->music_dir = xasprintf("%s/Music", home);
	free(config);
	free(data);
	free(state);
	free(cache);
	return true;
}

void osp_paths_free(struct osp_paths *p)
{
	free(p->home);
	free(p->config_file);
	free(p->data_dir);
	free(p->db_file);
	free(p->catalog_dir);
	free(p->system_catalog_dir);
	free(p->runtime_dir);
	free(p->state_dir);
	free(p->cache_dir);
	free(p->music_dir);
	*p = (struct osp_paths){0};
}

bool osp_paths_mkdir(const char *path, mode_t mode, struct osp_error *err)
{
	struct osp_buf b = {0};
	osp_buf_puts(&b, path);
	bool ok = true;
	/* Each prefix ending before a '/', then the whole path. */
	for (size_t i = 1; ok && i <= b.len; i++) {
		if (i < b.len && b.data[i] != '/')
			continue;
		char c = b.data[i];
		b.data[i] = '\0';
		if (mkdir(b.data, mode) != 0 && errno != EEXIST)
			ok = osp_fail_sys(err, errno, "cannot create %s", b.data);
		b.data[i] = c;
	}
	struct stat st;
	if (ok && (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)))
		ok = osp_fail(err, OSP_ERR_IO, "%s is not a folder", path);
	osp_buf_free(&b);
	return ok;
}
