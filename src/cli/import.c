/* import: another player's XSPF or M3U8 playlist, resolved against the
 * library and saved as a playlist the daemon can load. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ostplay/cli.h"
#include "ostplay/m3u.h"
#include "ostplay/text.h"
#include "ostplay/uri.h"
#include "ostplay/xalloc.h"
#include "ostplay/xspf.h"

#define MAX_NAME_BYTES 255

/* One playlist entry on its way to a track. */
struct entry {
	const struct osp_xspf_track *from;
	int64_t id;		/* the track found, or 0 */
	bool by_location;
	char *path;		/* what its location names, or NULL */
	bool file_exists;	/* ... and a file is there */
	/* The last part of the path, after '/' or '\\' (a Windows path in an
	 * M3U), folded: when nothing else finds the entry, the one library
	 * file of that name, in any case, is it.  NULL when the file exists
	 * here. */
	char *file_name;
	int64_t named_id;	/* that file, or -1 when several are */
	bool by_file_name;
	/* Folded, for resolving by metadata; NULL when absent. */
	char *title, *album;
	struct osp_tokens creator;	/* its words; none when absent */
	int score;		/* of the best track so far */
};

/* The entries not found by location that have one of their strings (the
 * folded title, or the file name), sorted by it, so that each library
 * track finds its candidates by bisection rather than against every
 * entry. */
struct entry_index {
	size_t key;		/* offsetof the char * in struct entry */
	struct entry **v;
	size_t n;
};

struct import {
	struct entry *entries;
	size_t n;
	struct entry_index by_title, by_name;
};

static bool take_id(void *ctx, const struct osp_track *t)
{
	*(int64_t *)ctx = t->id;
	return false;
}

static int64_t track_at(struct osp_library *lib, const char *path)
{
	int64_t id = 0;
	struct osp_track_query q = {.path = path, .path_len = strlen(path)};
	osp_library_each_track(lib, &q, take_id, &id, NULL);
	return id;
}

/* A file's name as entries and library files are compared by it: after
 * the last '/' or '\\' (either side may come from Windows, or hold a
 * backslash in a name), folded so that case does not count, in any
 * script; NULL when empty. */
static char *name_key(const char *path, size_t len)
{
	const char *name = path;
	for (size_t i = 0; i < len; i++)
		if (path[i] == '/' || path[i] == '\\')
			name = path + i + 1;
	size_t n = len - (size_t)(name - path);
	if (!n)
		return NULL;
	char *copy = xmemdup(name, n);
	char *key = osp_text_fold(copy);
	free(copy);
	return key;
}

/* By location: the library's track at that path, or at the path with its
 * symlinks resolved (the library may know the file by another name). */
static void resolve_location(struct osp_library *lib, struct entry *e)
{
	if (!e->path)
		return;
	e->id = track_at(lib, e->path);
	struct stat st;
	e->file_exists = e->id || stat(e->path, &st) == 0;
	char *real = e->id || !e->file_exists ? NULL : realpath(e->path, NULL);
	if (real && strcmp(real, e->path) != 0)
		e->id = track_at(lib, real);
	free(real);
	e->by_location = e->id != 0;
	if (!e->file_exists)
		e->file_name = name_key(e->path, strlen(e->path));
}

static char *fold_or_null(const char *s)
{
	return s && *s ? osp_text_fold(s) : NULL;
}

/*
 * By metadata, XSPF's content resolution: the title must be the track's
 * (or its catalog song's); a creator, when given, must name one of the
 * track's artists (or they it: "Chanyeol & Punch" against Chanyeol,
 * Punch); the same album and a duration within 2 s make a track likelier.
 */
/* Every word of `a` is one of `b`'s: "Punch" in "Chanyeol & Punch", and
 * not "Ben" in "Benny". */
static bool words_within(const struct osp_tokens *a,
			 const struct osp_tokens *b)
{
	for (size_t i = 0; i < a->n; i++) {
		bool found = false;
		for (size_t j = 0; j < b->n && !found; j++)
			found = strcmp(a->v[i], b->v[j]) == 0;
		if (!found)
			return false;
	}
	return a->n > 0;
}

static int score(const struct entry *e, const struct osp_track *t,
		 const struct osp_tokens *artists, const char *title,
		 const char *song, const char *album)
{
	if (!e->title || !((title && strcmp(title, e->title) == 0) ||
			   (song && strcmp(song, e->title) == 0)))
		return 0;
	int s = 4;
	if (e->creator.n && t->tags.n_artists) {
		bool named = false;
		for (size_t i = 0; i < t->tags.n_artists && !named; i++)
			named = words_within(&artists[i], &e->creator) ||
				words_within(&e->creator, &artists[i]);
		if (!named)
			return 0;
		s += 2;
	}
	if (e->album && album && strcmp(e->album, album) == 0)
		s += 1;
	long want = e->from->duration_ms, have = t->tags.duration_ms;
	if (want > 0 && have > 0 && labs(want - have) <= 2000)
		s += 1;
	return s;
}

static const char *key_of(const struct entry_index *ix,
			  const struct entry *e)
{
	return *(char *const *)((const char *)e + ix->key);
}

static int compare_keys(const void *a, const void *b, void *ix)
{
	return strcmp(key_of(ix, *(struct entry *const *)a),
		      key_of(ix, *(struct entry *const *)b));
}

static void index_build(struct entry_index *ix, size_t key,
			struct entry *entries, size_t n)
{
	ix->key = key;
	ix->v = xcalloc(n + 1, sizeof(*ix->v));
	ix->n = 0;
	for (size_t i = 0; i < n; i++)
		if (!entries[i].by_location && key_of(ix, &entries[i]))
			ix->v[ix->n++] = &entries[i];
	qsort_r(ix->v, ix->n, sizeof(*ix->v), compare_keys, ix);
}

/* The entries whose string is `key` are ix->v[*first] up to, not
 * including, the index returned. */
static size_t index_range(const struct entry_index *ix, const char *key,
			  size_t *first)
{
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(key_of(ix, ix->v[mid]), key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	while (hi < ix->n && strcmp(key_of(ix, ix->v[hi]), key) == 0)
		hi++;
	return hi;
}

/* Notes track `t` for the entries whose file name is its file's. */
static void resolve_by_name(struct import *im, const struct osp_track *t)
{
	char *name = name_key(t->path, t->path_len);
	size_t first = 0, end = name ? index_range(&im->by_name, name, &first)
				     : 0;
	for (size_t i = first; i < end; i++) {
		struct entry *e = im->by_name.v[i];
		e->named_id = e->named_id ? -1 : t->id;
	}
	free(name);
}

static bool resolve_by_metadata(void *ctx, const struct osp_track *t)
{
	struct import *im = ctx;
	if (im->by_name.n)
		resolve_by_name(im, t);
	char *names[2] = {fold_or_null(t->tags.title),
			  fold_or_null(t->match.ost_track)};
	struct osp_tokens *artists = NULL;
	char *album = NULL;
	for (size_t k = 0; k < 2; k++) {
		if (!names[k] || (k && names[0] && !strcmp(names[0], names[1])))
			continue;
		size_t first, end = index_range(&im->by_title, names[k], &first);
		for (size_t i = first; i < end; i++) {
			if (!artists) {	/* split once a title matches */
				artists = xcalloc(t->tags.n_artists + 1,
						  sizeof(*artists));
				for (size_t a = 0; a < t->tags.n_artists; a++)
					osp_text_tokens(t->tags.artists[a],
							&artists[a]);
				album = fold_or_null(t->tags.album);
			}
			struct entry *e = im->by_title.v[i];
			int s = score(e, t, artists, names[0], names[1], album);
			if (s > e->score) {	/* ties: the first, by path */
				e->score = s;
				e->id = t->id;
			}
		}
	}
	for (size_t a = 0; artists && a < t->tags.n_artists; a++)
		osp_tokens_free(&artists[a]);
	free(artists);
	free(album);
	free(names[0]);
	free(names[1]);
	return true;
}

/* XSPF by name, else by a first '<' in the first KiB (after blanks and a
 * byte order mark); anything else, a FIFO or device included, goes to the
 * M3U reader, which refuses what is not a regular file. */
static bool looks_like_xspf(const char *path)
{
	if (osp_cli_has_suffix(path, ".xspf"))
		return true;
	if (osp_cli_has_suffix(path, ".m3u") || osp_cli_has_suffix(path, ".m3u8"))
		return false;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	char head[1024];
	ssize_t n = 0;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		n = read(fd, head, sizeof(head));
	if (fd >= 0)
		close(fd);
	for (ssize_t i = 0; i < n; i++)
		if (!strchr(" \t\r\n\xEF\xBB\xBF", head[i]) || !head[i])
			return head[i] == '<';
	return false;
}

/* The playlist's name: given, its title, or its file name; one line. */
static char *playlist_name(const char *given, const struct osp_xspf *x,
			   const char *path)
{
	char *name;
	if (given) {
		name = osp_text_clean(given, strlen(given));
	} else if (x->title && *x->title) {
		name = xstrdup(x->title);
	} else {
		const char *slash = strrchr(path, '/');
		const char *base = slash ? slash + 1 : path;
		const char *dot = strrchr(base, '.');
		size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
		name = osp_text_clean(base, n);
	}
	for (char *p = name; *p; p++)	/* the protocol is line-based */
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	/* A name is a line in replies that clients read whole. */
	size_t n = strlen(name);
	if (n > MAX_NAME_BYTES) {
		n = MAX_NAME_BYTES;
		while (n && ((unsigned char)name[n] & 0xC0) == 0x80)
			n--;	/* not inside a character */
		name[n] = '\0';
	}
	return name;
}

/* A drama's title or alias names the drama wherever a name is looked up
 * (`play`, MPD's `load`), so no playlist may take one. */
static bool is_drama_name(const struct osp_catalog *catalog, const char *name)
{
	char *folded = osp_text_fold(name);
	bool taken = false;
	for (size_t i = 0; i < catalog->n_dramas && !taken; i++) {
		const struct osp_drama *d = &catalog->dramas[i];
		for (size_t k = 0; k <= d->n_aliases && !taken; k++) {
			char *other = osp_text_fold(k ? d->aliases[k - 1]
						      : d->title);
			taken = strcmp(other, folded) == 0;
			free(other);
		}
	}
	free(folded);
	return taken;
}

static void describe(const struct entry *e)
{
	const struct osp_xspf_track *t = e->from;
	printf("  not found: ");
	if (t->creator)
		printf("%s - ", t->creator);
	printf("%s", t->title ? t->title : "(no title)");
	if (t->location) {
		struct osp_buf b = {0};
		osp_text_escape_name(&b, t->location, strlen(t->location));
		printf("  (%s%s)", osp_buf_str(&b),
		       e->file_exists ? ": not in the library; scan its folder"
		       : e->named_id < 0 ? ": several files in the library "
					   "have its name"
		       : "");
		osp_buf_free(&b);
	}
	putchar('\n');
}

int osp_cli_import(struct osp_cli *cli, const struct osp_cli_args *a)
{
	const char *path = a->pos[0];
	struct osp_xspf x;
	struct osp_error err = {0};
	bool xspf = looks_like_xspf(path);
	if (!(xspf ? osp_xspf_read(path, &x, &err)
		   : osp_m3u_read(path, &x, &err)))
		return osp_cli_error(&err);
	char *name = playlist_name(osp_cli_value(a, "name"), &x, path);
	struct osp_library *lib = NULL;
	int status = 0;
	const struct osp_catalog *catalog = osp_cli_catalog(cli);
	/* A drama is a stored playlist already: its name is taken.  An
	 * exported drama comes back under a name of its own. */
	if (is_drama_name(catalog, name)) {
		if (osp_cli_value(a, "name")) {
			status = osp_cli_errorf("'%s' is a drama's name; choose "
						"another with --name", name);
		} else {
			char *own = xasprintf("%s (imported)", name);
			free(name);
			name = own;
		}
	}
	if (!status && !*name)
		status = osp_cli_errorf("%s: the playlist has no name; give one "
					"with --name", path);
	if (!status && !x.n_tracks)
		status = osp_cli_errorf("%s: no entries, nothing imported", path);
	if (!status && !(lib = osp_cli_open_library(cli)))
		status = 1;
	if (!status && !osp_cli_update_matches(cli, lib))
		status = 1;

	struct import im = {0};
	char *dir = NULL;
	if (!status) {
		const char *slash = strrchr(path, '/');
		char *folder = slash ? xmemdup(path, (size_t)(slash - path) + 1)
				     : xstrdup(".");
		dir = realpath(folder, NULL);
		free(folder);
		im.entries = xcalloc(x.n_tracks, sizeof(*im.entries));
		im.n = x.n_tracks;
		/* One read transaction for all the lookups, rather than a
		 * lock taken and dropped for each. */
		if (!osp_library_begin_read(lib, &err))
			status = osp_cli_error(&err);
		for (size_t i = 0; i < x.n_tracks; i++) {
			struct entry *e = &im.entries[i];
			const struct osp_xspf_track *t = &x.tracks[i];
			e->from = t;
			if (t->location)
				e->path = osp_uri_to_path(t->location, dir, xspf);
			resolve_location(lib, e);
			e->title = fold_or_null(t->title);
			if (t->creator)
				osp_text_tokens(t->creator, &e->creator);
			e->album = fold_or_null(t->album);
		}
		index_build(&im.by_title, offsetof(struct entry, title),
			    im.entries, im.n);
		index_build(&im.by_name, offsetof(struct entry, file_name),
			    im.entries, im.n);
		if (!status && (im.by_title.n || im.by_name.n) &&
		    !osp_library_each_track(lib, NULL, resolve_by_metadata, &im,
					    &err))
			status = osp_cli_error(&err);
		osp_library_rollback(lib);	/* the reads end */
	}
	/* The file name is the last resort: tags say more. */
	for (size_t i = 0; i < im.n; i++) {
		struct entry *e = &im.entries[i];
		if (!e->id && e->named_id > 0) {
			e->id = e->named_id;
			e->by_file_name = true;
		}
	}
	size_t found = 0, by_location = 0, by_file_name = 0;
	int64_t *ids = xcalloc(im.n + 1, sizeof(*ids));
	for (size_t i = 0; i < im.n; i++)
		if (im.entries[i].id) {
			ids[found++] = im.entries[i].id;
			by_location += im.entries[i].by_location;
			by_file_name += im.entries[i].by_file_name;
		}
	bool existed = false;
	if (!status && !found)
		status = osp_cli_errorf("%s: none of its %zu entries is in the "
					"library; nothing imported", path, im.n);
	if (!status)
		existed = osp_library_has_playlist(lib, name);
	if (!status && !osp_library_save_playlist(lib, name, ids, found, &err))
		status = osp_cli_error(&err);
	if (!status) {
		printf("%s \"%s\": %zu of %zu tracks (%zu by location, %zu by "
		       "title and artist", existed ? "Replaced" : "Imported",
		       name, found, im.n, by_location,
		       found - by_location - by_file_name);
		if (by_file_name)
			printf(", %zu by file name", by_file_name);
		puts(")");
	}
	for (size_t i = 0; i < im.n; i++) {
		if (!status && !im.entries[i].id)
			describe(&im.entries[i]);
		free(im.entries[i].path);
		free(im.entries[i].file_name);
		free(im.entries[i].title);
		osp_tokens_free(&im.entries[i].creator);
		free(im.entries[i].album);
	}
	free(ids);
	free(im.by_title.v);
	free(im.by_name.v);
	free(im.entries);
	free(dir);
	free(name);
	osp_library_close(lib);
	osp_xspf_free(&x);
	return status;
}
