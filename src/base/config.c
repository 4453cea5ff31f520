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

bool osp_config_parse_permissions(const char *s, unsigned *bits)
{
	static const char *const names[] = {"read", "add", "control", "admin"};
	*bits = 0;
	while (*s) {
		while (*s == ' ' || *s == ',')
			s++;
		size_t n = strcspn(s, " ,");
		if (!n)
			break;
		size_t i = 0;
		while (i < 4 && !(strlen(names[i]) == n &&
				  strncmp(s, names[i], n) == 0))
			i++;
		if (i == 4)
			return false;
		*bits |= 1u << i;
		s += n;
	}
	return true;
}

const char *osp_loudness_name(enum osp_loudness mode)
{
	static const char *const names[] = {"track", "album", "off"};
	return names[mode];
}

bool osp_loudness_parse(const char *s, enum osp_loudness *mode)
{
	if (strcmp(s, "track") == 0)
		*mode = OSP_LOUDNESS_TRACK;
	else if (strcmp(s, "album") == 0 || strcmp(s, "auto") == 0)
		*mode = OSP_LOUDNESS_ALBUM;
	else if (strcmp(s, "off") == 0 || strcmp(s, "no") == 0)
		*mode = OSP_LOUDNESS_OFF;
	else
		return false;
	return true;
}

/* Levelling: `loudness` and `loudness-preamp`.  False when `key` is
 * neither. */
static bool parse_loudness_key(struct osp_config *c, const char *key,
			       const char *value, const char *path,
			       int lineno, bool *ok, struct osp_error *err)
{
	if (strcmp(key, "loudness") == 0) {
		*ok = osp_loudness_parse(value, &c->loudness) ||
		      osp_fail(err, OSP_ERR_INVALID,
			       "%s:%d: loudness is track, album or off, "
			       "not '%s'", path, lineno, value);
		return true;
	}
	if (strcmp(key, "loudness-preamp") != 0)
		return false;
	char *end;
	errno = 0;
	double db = strtod(value, &end);
	*ok = (*value && !*end && !errno && db >= -15 && db <= 15) ||
	      osp_fail(err, OSP_ERR_INVALID,
		       "%s:%d: loudness-preamp needs dB from -15 to 15, "
		       "not '%s'", path, lineno, value);
	if (*ok)
		c->loudness_preamp = db;
	return true;
}

/* A whole number in [lo, hi], for the limits. */
static bool parse_number(const char *value, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	*out = strtol(value, &end, 10);
	return *value && !*end && !errno && *out >= lo && *out <= hi;
}

/* The daemon's limits and TCP permissions: mpd's settings, named as
 * ostplay's keys are.  False when `key` is none of them. */
static bool parse_daemon_key(struct osp_config *c, const char *key,
			     const char *value, bool *ok)
{
	long n = 0;
	*ok = true;
	if (strcmp(key, "mpd-max-connections") == 0) {
		if ((*ok = parse_number(value, 1, 10000, &n)))
			c->max_connections = (size_t)n;
	} else if (strcmp(key, "mpd-connection-timeout") == 0) {
		if ((*ok = parse_number(value, 1, 86400, &n)))
			c->connection_timeout = (double)n;
	} else if (strcmp(key, "mpd-max-command-list-size") == 0) {
		if ((*ok = parse_number(value, 1, 1024 * 1024, &n)))
			c->max_command_list_size = (size_t)n * 1024;
	} else if (strcmp(key, "mpd-max-output-buffer-size") == 0) {
		if ((*ok = parse_number(value, 64, 4 * 1024 * 1024, &n)))
			c->max_output_buffer_size = (size_t)n * 1024;
	} else if (strcmp(key, "mpd-address") == 0) {
		if ((*ok = *value != '\0')) {
			free(c->mpd_address);
			c->mpd_address = xstrdup(value);
		}
	} else if (strcmp(key, "mpd-default-permissions") == 0) {
		*ok = osp_config_parse_permissions(value,
						   &c->default_permissions);
	} else if (strcmp(key, "mpd-password") == 0) {
		/* SECRET@PERMISSIONS, as mpd's `password` setting */
		const char *at = strrchr(value, '@');
		unsigned bits;
		if (!(*ok = at && at != value &&
			    osp_config_parse_permissions(at + 1, &bits)))
			return true;
		c->passwords = xrealloc(c->passwords, (c->n_passwords + 1) *
							      sizeof(*c->passwords));
		c->passwords[c->n_passwords++] = (struct osp_config_password){
			.password = xmemdup(value, (size_t)(at - value)),
			.permissions = bits};
	} else {
		return false;
	}
	return true;
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
	bool ok, secret = strcmp(key, "mpd-password") == 0;
	if (parse_loudness_key(c, key, value, path, lineno, &ok, err))
		return ok;
	if (parse_daemon_key(c, key, value, &ok))
		/* A password is not echoed. */
		return ok || osp_fail(err, OSP_ERR_INVALID,
				      "%s:%d: bad value for %s%s%s%s (see the "
				      "README's daemon limits)", path, lineno,
				      key, secret ? "" : ": '",
				      secret ? ": want SECRET@PERMISSIONS"
					     : value, secret ? "" : "'");
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
	osp_config_defaults(c);
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
	if (!ok) {
		osp_config_free(c);
		osp_config_defaults(c);
	}
	return ok;
}

void osp_config_defaults(struct osp_config *c)
{
	*c = (struct osp_config){
		.max_connections = OSP_DEFAULT_MAX_CONNECTIONS,
		.connection_timeout = OSP_DEFAULT_CONNECTION_TIMEOUT,
		.max_command_list_size = OSP_DEFAULT_MAX_COMMAND_LIST_SIZE,
		.max_output_buffer_size = OSP_DEFAULT_MAX_OUTPUT_BUFFER_SIZE,
		.default_permissions = OSP_DEFAULT_PERMISSIONS,
	};
}

void osp_config_free(struct osp_config *c)
{
	free(c->mpd_address);
	for (size_t i = 0; i < c->n_passwords; i++)
		free(c->passwords[i].password);
	free(c->passwords);
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
