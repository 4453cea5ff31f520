#include "ostplay/config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/xalloc.h"

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
		     s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static bool parse_line(struct osp_config *c, char *line, const char *home,
		       const char *path, int lineno, struct osp_error *err)
{
	char *eq = strchr(line, '=');
	if (!eq)
		return osp_fail(err, OSP_ERR_INVALID,
				"%s:%d: expected 'key = value'", path, lineno);
	*eq = '\0';
	char *key = trim(line), *value = trim(eq + 1);

	if (strcmp(key, "music-dir") == 0) {
		if (!*value)
			return osp_fail(err, OSP_ERR_INVALID,
					"%s:%d: music-dir needs a folder",
					path, lineno);
		char *dir = value[0] == '~' && value[1] == '/'
				    ? xasprintf("%s%s", home, value + 1)
				    : xstrdup(value);
		c->music_dirs = xrealloc(c->music_dirs, (c->n_music_dirs + 1) *
							sizeof(char *));
		c->music_dirs[c->n_music_dirs++] = dir;
		return true;
	}
	if (strcmp(key, "mpd-port") == 0) {
		char *end;
		long port = strtol(value, &end, 10);
		if (!*value || *end || port < 1 || port > 65535)
			return osp_fail(err, OSP_ERR_INVALID,
					"%s:%d: mpd-port needs a port number "
					"(1 to 65535)", path, lineno);
		c->mpd_port = (int)port;
		return true;
	}
	if (strncmp(key, "mpv.", 4) == 0 && key[4]) {
		c->mpv_options = xrealloc(c->mpv_options,
					  (c->n_mpv_options + 1) *
						  sizeof(*c->mpv_options));
		c->mpv_options[c->n_mpv_options++] = (struct osp_config_option){
			.name = xstrdup(key + 4), .value = xstrdup(value)};
		return true;
	}
	return osp_fail(err, OSP_ERR_INVALID, "%s:%d: unknown key '%s'", path,
			lineno, key);
}

bool osp_config_load(struct osp_config *c, const char *path,
		     const char *home, struct osp_error *err)
{
	*c = (struct osp_config){0};
	FILE *f = fopen(path, "r");
	if (!f)
		return errno == ENOENT ||
		       osp_fail_sys(err, errno, "cannot read %s", path);
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0;
	bool ok = true;
	while (ok && getline(&line, &cap, f) >= 0) {
		lineno++;
		char *s = trim(line);
		if (*s && *s != '#')
			ok = parse_line(c, s, home, path, lineno, err);
	}
	free(line);
	fclose(f);
	if (!ok)
		osp_config_free(c);
	return ok;
}

void osp_config_free(struct osp_config *c)
{
	for (size_t i = 0; i < c->n_music_dirs; i++)
		free(c->music_dirs[i]);
	free(c->music_dirs);
	for (size_t i = 0; i < c->n_mpv_options; i++) {
		free(c->mpv_options[i].name);
		free(c->mpv_options[i].value);
	}
	free(c->mpv_options);
	*c = (struct osp_config){0};
}
