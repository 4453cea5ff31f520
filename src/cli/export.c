/* The export command: a drama's local tracks, the favourites or the queue
 * as an XSPF or M3U8 playlist other players open. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ostplay/cli.h"
#include "ostplay/file.h"
#include "ostplay/m3u.h"
#include "ostplay/text.h"
#include "ostplay/uri.h"
#include "ostplay/xalloc.h"
#include "ostplay/xspf.h"

#define EXPORT_NS "urn:x-ostplay:export:1"

enum format { FORMAT_XSPF, FORMAT_M3U8 };

struct export {
	struct osp_xspf playlist;
	size_t cap_tracks;
	enum format format;
	const char *base;	/* folder for relative locations, or NULL */
};

static struct osp_xml_node leaf(const char *name, const char *text)
{
	return (struct osp_xml_node){.name = xstrdup(name),
				     .ns = xstrdup(EXPORT_NS),
				     .text = xstrdup(text ? text : "")};
}

/* What ostplay knows and XSPF has no element for: the drama, the catalog
 * song, duet and instrumental flags. */
static void add_match_extension(struct osp_xspf_track *xt,
				const struct osp_track *t)
{
	if (!t->match.drama && !t->match.instrumental)
		return;		/* nothing to say */
	struct osp_xml_node *nodes = xcalloc(4, sizeof(*nodes));
	size_t n = 0;
	if (t->match.drama)
		nodes[n++] = leaf("drama", t->match.drama);
	if (t->match.ost_track)
		nodes[n++] = leaf("song", t->match.ost_track);
	if (t->match.duet)
		nodes[n++] = leaf("duet", "");
	if (t->match.instrumental)
		nodes[n++] = leaf("instrumental", "");
	xt->exts = xcalloc(1, sizeof(*xt->exts));
	xt->exts[0] = (struct osp_xspf_extension){
		.application = xstrdup(EXPORT_NS), .nodes = nodes,
		.n_nodes = n};
	xt->n_exts = 1;
}

static bool add_track(void *ctx, const struct osp_track *t)
{
	struct export *e = ctx;
	struct osp_xspf *x = &e->playlist;
	x->tracks = xgrow(x->tracks, &e->cap_tracks, x->n_tracks + 1,
			  sizeof(*x->tracks));
	struct osp_xspf_track *xt = &x->tracks[x->n_tracks++];
	*xt = (struct osp_xspf_track){0};
	char *relative = e->base ? osp_path_relative(e->base, t->path) : NULL;
	if (e->format == FORMAT_M3U8)
		xt->location = xstrdup(relative ? relative : t->path);
	else if (relative)
		xt->location = osp_uri_encode_path(relative, strlen(relative));
	else
		xt->location = osp_uri_from_path(t->path, t->path_len);
	free(relative);
	const char *title = t->tags.title ? t->tags.title : t->match.ost_track;
	xt->title = title ? xstrdup(title) : NULL;
	if (t->tags.n_artists) {
		struct osp_buf creator = {0};
		osp_buf_join(&creator, t->tags.artists, t->tags.n_artists, ", ");
		xt->creator = osp_buf_steal(&creator);
	}
	xt->album = t->tags.album ? xstrdup(t->tags.album) : NULL;
	xt->track_num = t->tags.track;
	xt->duration_ms = t->tags.duration_ms;
	if (e->format == FORMAT_XSPF)
		add_match_extension(xt, t);
	return true;
}

/* The folder `file` will be in (stdout: the current one), absolute and
 * without symlink detours, so that relative locations hold from there. */
static char *folder_of(const char *file)
{
	const char *slash = file ? strrchr(file, '/') : NULL;
	if (!slash)
		return realpath(".", NULL);
	char *dir = slash == file ? xstrdup("/")
				  : xmemdup(file, (size_t)(slash - file));
	char *real = realpath(dir, NULL);
	free(dir);
	return real;
}

static char *iso_date(void)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	char date[32];
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(date);
}

/* What a playlist holds: the tracks a library query selects, or the files
 * `paths` in order (the queue), each with its library data when it has
 * any. */
struct source {
	const char *title;
	struct osp_track_query query;
	char **paths;
	size_t n_paths;
};

static bool add_paths(struct osp_library *lib, const struct source *src,
		      struct export *e, struct osp_error *err)
{
	for (size_t i = 0; i < src->n_paths; i++) {
		size_t before = e->playlist.n_tracks;
		char *path = src->paths[i];
		struct osp_track_query q = {.path = path,
					    .path_len = strlen(path)};
		if (!osp_library_each_track(lib, &q, add_track, e, err))
			return false;
		if (e->playlist.n_tracks == before) {	/* not scanned */
			struct osp_track bare = {.path = path,
						 .path_len = strlen(path)};
			add_track(e, &bare);
		}
	}
	return true;
}

/* Writes the tracks of `src` to `out` (NULL: stdout); returns the exit
 * status after saying what went wrong.  `*n_written` gets the number of
 * tracks written. */
static int export_tracks(struct osp_library *lib, const struct source *src,
			 const char *out, enum format format, bool relative,
			 size_t *n_written)
{
	*n_written = 0;
	struct export e = {.format = format};
	char *base = NULL;
	if (relative && !(base = folder_of(out)))
		return osp_cli_errorf("%s: %s", out ? out : ".",
				      strerror(errno));
	e.base = base;
	e.playlist.title = xstrdup(src->title);
	e.playlist.creator = xstrdup("ostplay");
	e.playlist.date = iso_date();
	struct osp_error err = {0};
	int status = 0;
	struct osp_buf text = {0};
	if (src->paths ? !add_paths(lib, src, &e, &err)
		       : !osp_library_each_track(lib, &src->query, add_track, &e,
						 &err)) {
		status = osp_cli_error(&err);
	} else if (!e.playlist.n_tracks) {
		status = osp_cli_errorf("%s %s no local tracks: nothing written",
					src->title, src->paths ? "holds" : "has");
	} else if (format == FORMAT_XSPF &&
		   !osp_xspf_format(&e.playlist, &text, &err)) {
		status = osp_cli_error(&err);
	} else {
		if (format == FORMAT_M3U8)
			osp_m3u_format(&e.playlist, &text);
		if (!out)
			status = osp_cli_print(text.data, text.len);
		else if (!osp_file_replace(out, text.data, text.len, 0644, &err))
			status = osp_cli_error(&err);
		if (!status)
			*n_written = e.playlist.n_tracks;
	}
	osp_buf_free(&text);
	osp_xspf_free(&e.playlist);
	free(base);
	return status;
}

/* `copies`: every copy of a song, not only its best. */
static int export_drama(struct osp_library *lib, const char *title,
			const char *out, enum format format, bool relative,
			bool copies, size_t *n_written)
{
	struct source src = {.title = title,
			     .query = {.drama = title, .one_per_song = !copies}};
	return export_tracks(lib, &src, out, format, relative, n_written);
}

struct drama_list {
	char **titles;
	size_t n, cap;
};

static void collect_drama(void *ctx, const char *drama, int64_t n)
{
	struct drama_list *l = ctx;
	if (n <= 0)
		return;
	l->titles = xgrow(l->titles, &l->cap, l->n + 1, sizeof(char *));
	l->titles[l->n++] = xstrdup(drama);
}

/* File names given so far by one `export --all`, folded (FAT and exFAT
 * do not tell "Goblin" from "GOBLIN"). */
struct name_set {
	char **keys;
	size_t n, cap;
};

static bool name_set_has(const struct name_set *s, const char *key)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->keys[i], key) == 0)
			return true;
	return false;
}

/* DIR/<title>.ext, the title made a name every drive takes (a FAT phone
 * or SD card too), and one no other drama of this export has: two titles
 * that make the same name get "Name (2)". */
static char *file_name(struct name_set *used, const char *dir,
		       const char *title, const char *ext)
{
	char *stem = osp_file_portable_name(title);
	char *name = xasprintf("%s.%s", stem, ext);
	char *key = osp_text_fold(name);
	for (int k = 2; name_set_has(used, key); k++) {
		free(name);
		free(key);
		name = xasprintf("%s (%d).%s", stem, k, ext);
		key = osp_text_fold(name);
	}
	used->keys = xgrow(used->keys, &used->cap, used->n + 1,
			   sizeof(char *));
	used->keys[used->n++] = key;
	char *path = xasprintf("%s/%s", dir, name);
	free(name);
	free(stem);
	return path;
}

int osp_cli_export(struct osp_cli *cli, const struct osp_cli_args *a)
{
	const char *all = osp_cli_value(a, "all");
	const char *out = osp_cli_value(a, "o");
	const char *format_name = osp_cli_value(a, "format");
	bool relative = osp_cli_has(a, "relative");
	bool copies = osp_cli_has(a, "all-copies");
	bool favorites = osp_cli_has(a, "favorites");
	bool queue = osp_cli_has(a, "queue");
	if (!!all + !!a->n_pos + favorites + queue != 1)
		return osp_cli_usage_error(a->cmd, "name a drama, or one of "
					   "--all DIR, --favorites, --queue");
	if (all && out)
		return osp_cli_usage_error(a->cmd, "-o and --all do not mix");
	enum format format = FORMAT_XSPF;
	if (format_name ? strcmp(format_name, "m3u8") == 0 ||
				  strcmp(format_name, "m3u") == 0
			: out && (osp_cli_has_suffix(out, ".m3u8") || osp_cli_has_suffix(out, ".m3u")))
		format = FORMAT_M3U8;
	else if (format_name && strcmp(format_name, "xspf") != 0)
		return osp_cli_usage_error(a->cmd, "unknown format '%s' "
					   "(xspf or m3u8)", format_name);
	if (out && strcmp(out, "-") == 0)
		out = NULL;
	struct osp_library *lib = osp_cli_open_library_to_read(cli);
	if (!lib)
		return 1;
	int status = 0;
	size_t n = 0;
	if (!osp_cli_update_matches(cli, lib)) {
		status = 1;
	} else if (favorites) {
		struct source src = {.title = "Favourites",
				     .query = {.favorites = true,
					       .one_per_song = !copies}};
		status = export_tracks(lib, &src, out, format, relative, &n);
	} else if (queue) {
		struct source src = {.title = "Queue"};
		if (!osp_cli_queue_paths(cli, &src.paths, &src.n_paths))
			status = 1;
		else
			status = export_tracks(lib, &src, out, format,
					       relative, &n);
		for (size_t i = 0; i < src.n_paths; i++)
			free(src.paths[i]);
		free(src.paths);
	} else if (!all) {
		int k = osp_cli_pick_drama(cli, a->pos[0]);
		status = k < 0 ? 1
			       : export_drama(lib, osp_cli_catalog(cli)->dramas[k].title,
					      out, format, relative, copies, &n);
	} else {
		struct osp_error err = {0};
		struct drama_list l = {0};
		struct name_set used = {0};
		if (!osp_paths_mkdir(all, 0755, &err) ||
		    !osp_library_count_by_drama(lib, collect_drama, &l, &err))
			status = osp_cli_error(&err);
		for (size_t i = 0; i < l.n; i++) {
			char *path = file_name(&used, all, l.titles[i],
					       format == FORMAT_XSPF ? "xspf"
								     : "m3u8");
			if (export_drama(lib, l.titles[i], path, format,
					 relative, copies, &n) == 0)
				printf("%s\n", path);
			else
				status = 1;
			free(path);
			free(l.titles[i]);
		}
		free(l.titles);
		for (size_t i = 0; i < used.n; i++)
			free(used.keys[i]);
		free(used.keys);
	}
	/* The playlist went to a file: say so, as every command that
	 * changes something does. */
	if (!status && out && !all)
		printf("Wrote %zu track%s to %s\n", n, n == 1 ? "" : "s", out);
	osp_library_close(lib);
	return status;
}
