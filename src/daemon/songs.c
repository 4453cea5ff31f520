/* Which file a client's URI names: a library track, or for the owner an
 * audio file by path. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "daemon-private.h"
#include "ostplay/scan.h"
#include "ostplay/tags.h"
#include "ostplay/uri.h"
#include "ostplay/xalloc.h"

const char *daemon_uri(const struct daemon *d, const char *path)
{
	for (size_t i = 0; i < d->n_music_dirs; i++) {
		size_t n = strlen(d->music_dirs[i]);
		if (strncmp(path, d->music_dirs[i], n) == 0 && path[n] == '/')
			return path + n + 1;
	}
	return path;
}

static bool find_track(void *ctx, const struct osp_track *t)
{
	osp_track_copy(ctx, t);
	return false;
}

bool daemon_track_at(struct daemon *d, const char *path, struct osp_track *t)
{
	*t = (struct osp_track){0};
	struct osp_track_query q = {.path = path, .path_len = strlen(path)};
	osp_library_each_track(d->lib, &q, find_track, t, NULL);
	return t->path != NULL;
}

/* The library track at absolute `path`, as given or with "..", "." and
 * symbolic links resolved: the library holds real paths. */
static bool library_track_at(struct daemon *d, const char *path,
			     struct osp_track *t)
{
	if (daemon_track_at(d, path, t))
		return true;
	char *real = realpath(path, NULL);
	bool found = real && strcmp(real, path) != 0 && daemon_track_at(d, real, t);
	free(real);
	return found;
}

/* Whether `uri` names a file by absolute path or file: URI; `*path` gets
 * that path, newly allocated, or NULL when the URI names none here
 * (file://host/...). */
static bool names_file(const char *uri, char **path)
{
	*path = NULL;
	if (uri[0] == '/')
		*path = xstrdup(uri);
	else if (strncasecmp(uri, "file:", 5) == 0)
		*path = osp_uri_to_path(uri, NULL, true);
	else
		return false;
	return true;
}

bool daemon_library_track(struct daemon *d, const char *uri,
			  struct osp_track *t)
{
	char *path;
	*t = (struct osp_track){0};
	if (names_file(uri, &path)) {
		bool found = path && library_track_at(d, path, t);
		free(path);
		return found;
	}
	for (size_t i = 0; i < d->n_music_dirs; i++) {
		path = xasprintf("%s/%s", d->music_dirs[i], uri);
		bool found = library_track_at(d, path, t);
		free(path);
		if (found)
			return true;
	}
	return false;
}

/* An audio file outside the library, for the owner: its real path is a
 * regular file with an audio extension, and TagLib reads it as audio (a
 * scan would have taken it).  Never a playlist, text or a device, which
 * mpv would follow or read. */
static bool outside_track(struct reply *r, const char *uri, const char *path,
			  struct osp_track *t)
{
	char *real = realpath(path, NULL);
	struct stat st;
	if (!real || stat(real, &st) != 0) {
		free(real);
		return reply_fail(r, ACK_NO_EXIST, "No such song: %s", uri);
	}
	const char *name = strrchr(real, '/') + 1;
	struct osp_tags tags = {0};
	struct osp_error err = {0};
	if (!S_ISREG(st.st_mode) || !osp_scan_is_audio_name(name) ||
	    !osp_tags_read(real, &tags, &err)) {
		free(real);
		return reply_fail(r, ACK_NO_EXIST, "Not an audio file: %s", uri);
	}
	*t = (struct osp_track){.path = real, .path_len = strlen(real),
				.size = st.st_size, .tags = tags};
	return true;
}

bool daemon_track_for_uri(struct daemon *d, struct reply *r, const char *uri,
			  struct osp_track *t)
{
	char *path;
	bool file = names_file(uri, &path);
	/* MPD's rule: only a client on the local socket names files by
	 * path; the others, the music folders' songs. */
	if (file && !r->local) {
		free(path);
		*t = (struct osp_track){0};
		return reply_fail(r, ACK_PERMISSION, "Access denied");
	}
	bool found = daemon_library_track(d, uri, t) ||
		     (path && outside_track(r, uri, path, t));
	free(path);
	if (!found && !r->ack)
		return reply_fail(r, ACK_NO_EXIST, "No such song: %s", uri);
	return found;
}
