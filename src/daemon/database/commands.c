/* The database commands, as MPD 0.23 answers them (src/command/
 * DatabaseCommands.cxx, src/db/): a selection of library tracks, in the
 * order MPD walks its directory tree, printed, counted or queued. */
#include "commands.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "filter.h"
#include "groups.h"
#include "selection.h"
#include "song.h"
#include "ostplay/protocol.h"
#include "ostplay/xalloc.h"

static void print_mtime(struct osp_buf *b, time_t when)
{
	db_put_time(b, "Last-Modified", when);
}

/* The folder `base` in each music folder, opened to find the times of
 * the folders below it by their names relative to it (fstatat): the
 * kernel then walks only those names, not the music folder's path again
 * for each of thousands of folders. */
struct folder_times {
	int *fd;		/* -1 where the music folder lacks it */
	size_t n;
	size_t base_len;	/* of `base` and its '/' ("": 0) */
};

static void open_folder_times(struct daemon *d, const char *base,
			      struct folder_times *ft)
{
	ft->n = d->n_music_dirs;
	ft->fd = xcalloc(ft->n ? ft->n : 1, sizeof(*ft->fd));
	ft->base_len = *base ? strlen(base) + 1 : 0;
	for (size_t i = 0; i < ft->n; i++) {
		char *path = db_folder_path(d, i, base);
		ft->fd[i] = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
		free(path);
	}
}

static void close_folder_times(struct folder_times *ft)
{
	for (size_t i = 0; i < ft->n; i++)
		if (ft->fd[i] >= 0)
			close(ft->fd[i]);
	free(ft->fd);
}

/* A folder's line (`uri`, `len` bytes, at or below the base of `ft`),
 * and with `ft` its time, from the first music folder that has it. */
static void print_folder(const struct folder_times *ft, struct osp_buf *b,
			 const char *uri, size_t len)
{
	osp_buf_puts(b, "directory: ");
	osp_buf_append(b, uri, len);
	osp_buf_putc(b, '\n');
	if (!ft)
		return;
	char rel[PATH_MAX];
	size_t skip = len > ft->base_len ? ft->base_len : len;
	if (len - skip >= sizeof(rel))
		return;
	memcpy(rel, uri + skip, len - skip);
	rel[len - skip] = '\0';
	for (size_t i = 0; i < ft->n; i++) {
		struct stat st;
		if (ft->fd[i] >= 0 &&
		    fstatat(ft->fd[i], rel, &st, *rel ? 0 : AT_EMPTY_PATH) == 0) {
			print_mtime(b, st.st_mtime);
			return;
		}
	}
}

/* How much folders `a` and `b` (na, nb bytes) share, up to a '/'. */
static size_t common_folder(const char *a, size_t na, const char *b,
			    size_t nb)
{
	size_t k = 0;
	for (size_t i = 0; i <= na && i <= nb; i++) {
		if ((i == na || a[i] == '/') && (i == nb || b[i] == '/'))
			k = i;
		if (i == na || i == nb || a[i] != b[i])
			break;
	}
	return k;
}

/* listall, listallinfo: every folder and song below `uri`, folders as MPD
 * walks them: each before what it holds. */
static void print_tree(const struct folder_times *ft, struct osp_buf *b,
		       const struct selection *s, const char *uri)
{
	const char *last = uri;	/* its first `shown` bytes: the folder */
	size_t shown = strlen(uri);
	if (*uri)
		print_folder(ft, b, uri, shown);
	for (size_t i = 0; i < s->n; i++) {
		const char *song = s->hits[i].uri;
		size_t dir = s->hits[i].dir_len;
		shown = common_folder(last, shown, song, dir);
		while (shown < dir) {
			size_t from = shown ? shown + 1 : 0;
			const char *next = memchr(song + from, '/', dir - from);
			shown = next ? (size_t)(next - song) : dir;
			print_folder(ft, b, song, shown);
		}
		last = song;
		shown = dir;
		if (ft)
			db_song_print(b, song, s->hits[i].t, true);
		else
			osp_proto_pair(b, "file", song);
	}
}

static bool cmd_listall_any(struct daemon *d, struct reply *r, int argc,
			    char **argv, bool full)
{
	const char *uri = db_root_uri(argc ? argv[0] : "");
	struct selection s = {.d = d};
	if (!db_is_folder(d, uri)) {
		if (!db_select_song(d, r, &s, uri))
			return false;
		if (!s.n)
			return reply_fail(r, ACK_NO_EXIST, "No such directory");
		if (full)
			db_song_print(r->out, s.hits[0].uri, s.hits[0].t, true);
		else
			osp_proto_pair(r->out, "file", s.hits[0].uri);
		db_selection_free(&s);
		return true;
	}
	if (!db_select_below(d, r, &s, uri))
		return false;
	struct folder_times ft;
	if (full)
		open_folder_times(d, uri, &ft);
	print_tree(full ? &ft : NULL, r->out, &s, uri);
	if (full)
		close_folder_times(&ft);
	db_selection_free(&s);
	return true;
}

static bool cmd_listall(struct daemon *d, struct reply *r, int argc,
			char **argv)
{
	return cmd_listall_any(d, r, argc, argv, false);
}

static bool cmd_listallinfo(struct daemon *d, struct reply *r, int argc,
			    char **argv)
{
	return cmd_listall_any(d, r, argc, argv, true);
}

/* A folder's entries, gathered from every music folder. */
struct entries {
	char **files;
	size_t n_files, cap_files;
	char **folders;
	size_t n_folders, cap_folders;
};

static bool take_entry(void *ctx, const char *name, size_t len, bool folder)
{
	struct entries *e = ctx;
	if (folder) {
		e->folders = xgrow(e->folders, &e->cap_folders,
				   e->n_folders + 1, sizeof(char *));
		e->folders[e->n_folders++] = xmemdup(name, len);
	} else {
		e->files = xgrow(e->files, &e->cap_files, e->n_files + 1,
				 sizeof(char *));
		e->files[e->n_files++] = xmemdup(name, len);
	}
	return true;
}

static int compare_names(const void *x, const void *y)
{
	const char *a = *(char *const *)x, *b = *(char *const *)y;
	return db_collate(a, strlen(a), b, strlen(b));
}

static void free_names(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void list_stored_playlist(void *ctx, const char *name, int64_t n)
{
	(void)n;
	osp_proto_pair(ctx, "playlist", name);
	osp_buf_puts(ctx, "Last-Modified: 1970-01-01T00:00:00Z\n");
}

/* lsinfo [URI]: a folder's songs with their tags, then its sub-folders;
 * at the root the stored playlists after them (the dramas and the
 * playlists `ostplay import` saved), as MPD lists its playlist folder. */
static bool cmd_lsinfo(struct daemon *d, struct reply *r, int argc, char **argv)
{
	const char *uri = db_root_uri(argc ? argv[0] : "");
	struct entries e = {0};
	struct osp_error err = {0};
	bool ok = true;
	for (size_t i = 0; ok && i < d->n_music_dirs; i++) {
		char *path = db_folder_path(d, i, uri);
		ok = osp_library_each_child(d->lib, path, strlen(path),
					    take_entry, &e, &err);
		free(path);
	}
	if (ok && *uri && !e.n_files && !e.n_folders) {
		struct selection s = {.d = d};
		ok = db_select_song(d, r, &s, uri);
		if (ok && s.n)
			db_song_print(r->out, s.hits[0].uri, s.hits[0].t, true);
		else if (ok)
			reply_fail(r, ACK_NO_EXIST, "No such directory");
		db_selection_free(&s);
		return ok && !r->ack;
	}
	if (!ok)
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	db_sort(e.files, e.n_files, sizeof(char *), compare_names);
	db_sort(e.folders, e.n_folders, sizeof(char *), compare_names);
	struct selection s = {.d = d};
	for (size_t i = 0; i < e.n_files; i++) {
		if (i && strcmp(e.files[i], e.files[i - 1]) == 0)
			continue;	/* in two music folders */
		char *file = *uri ? xasprintf("%s/%s", uri, e.files[i])
				  : xstrdup(e.files[i]);
		db_select_song(d, r, &s, file);
		free(file);
	}
	db_sort(s.hits, s.n, sizeof(*s.hits), db_compare_walk);
	for (size_t i = 0; i < s.n; i++)
		db_song_print(r->out, s.hits[i].uri, s.hits[i].t, true);
	db_selection_free(&s);
	struct folder_times ft;
	open_folder_times(d, uri, &ft);
	struct osp_buf folder = {0};	/* "URI/name" */
	osp_buf_puts(&folder, uri);
	if (*uri)
		osp_buf_putc(&folder, '/');
	size_t base = folder.len;
	for (size_t i = 0; i < e.n_folders; i++) {
		if (i && strcmp(e.folders[i], e.folders[i - 1]) == 0)
			continue;
		osp_buf_truncate(&folder, base);
		osp_buf_puts(&folder, e.folders[i]);
		print_folder(&ft, r->out, folder.data, folder.len);
	}
	osp_buf_free(&folder);
	close_folder_times(&ft);
	free_names(e.files, e.n_files);
	free_names(e.folders, e.n_folders);
	if (!*uri && !r->ack &&
	    (!osp_library_count_by_drama(d->lib, list_stored_playlist, r->out,
					 &err) ||
	     !osp_library_each_playlist(d->lib, list_stored_playlist, r->out,
					&err)))
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	return !r->ack;
}

/* listfiles [URI]: what the folder holds on disk, audio or not, as MPD
 * lists its music folder's storage. */
static bool cmd_listfiles(struct daemon *d, struct reply *r, int argc,
			  char **argv)
{
	const char *uri = db_root_uri(argc ? argv[0] : "");
	if (strstr(uri, "..") || uri[0] == '/')
		return reply_fail(r, ACK_ARG, "Bad URI");
	for (size_t i = 0; i < d->n_music_dirs; i++) {
		char *path = db_folder_path(d, i, uri);
		DIR *dir = opendir(path);
		if (!dir) {
			free(path);
			continue;
		}
		struct dirent *de;
		while ((de = readdir(dir))) {
			if (de->d_name[0] == '.' || strchr(de->d_name, '\n'))
				continue;
			char *full = xasprintf("%s/%s", path, de->d_name);
			struct stat st;
			if (stat(full, &st) == 0 && (S_ISDIR(st.st_mode) ||
						     S_ISREG(st.st_mode))) {
				if (S_ISDIR(st.st_mode)) {
					osp_proto_pair(r->out, "directory", de->d_name);
				} else {
					osp_proto_pair(r->out, "file", de->d_name);
					osp_buf_printf(r->out, "size: %lld\n",
						       (long long)st.st_size);
				}
				print_mtime(r->out, st.st_mtime);
			}
			free(full);
		}
		closedir(dir);
		free(path);
		return true;
	}
	/* MPD's storage error, which names the folder. */
	char *path = d->n_music_dirs ? db_folder_path(d, 0, uri) : xstrdup(uri);
	reply_fail(r, ACK_SYSTEM, "Failed to open %s: No such file or directory",
		   path);
	free(path);
	return false;
}

/* The songs a find or search asks for, sorted and cut.  False with the
 * ACK when the words are wrong. */
static bool select_matching(struct daemon *d, struct reply *r, int argc,
			    char **argv, bool fold_case, struct selection *s)
{
	struct db_order o;
	if (!db_parse_order(r, &argc, argv, &o))
		return false;
	char msg[256];
	struct db_filter *f = db_filter_parse(argc, argv, fold_case, msg,
					      sizeof(msg));
	if (!f)
		return reply_fail(r, ACK_ARG, "%s", msg);
	s->filter = f;
	bool ok = db_select_base(d, r, s, db_filter_base(f));
	s->filter = NULL;
	db_filter_free(f);
	if (ok)
		db_apply_order(s, &o);
	return ok;
}

static bool print_matching(struct daemon *d, struct reply *r, int argc,
			   char **argv, bool fold_case)
{
	struct selection s = {0};
	if (!select_matching(d, r, argc, argv, fold_case, &s))
		return false;
	for (size_t i = 0; i < s.n; i++)
		db_song_print(r->out, s.hits[i].uri, s.hits[i].t, !s.sorted);
	db_selection_free(&s);
	return true;
}

static bool cmd_find(struct daemon *d, struct reply *r, int argc, char **argv)
{
	return print_matching(d, r, argc, argv, false);
}

static bool cmd_search(struct daemon *d, struct reply *r, int argc,
		       char **argv)
{
	return print_matching(d, r, argc, argv, true);
}

static void queue_hits(struct daemon *d, const struct selection *s)
{
	for (size_t i = 0; i < s->n; i++)
		osp_queue_add(&d->queue, s->hits[i].t);
	if (s->n) {
		daemon_refresh_next(d);
		daemon_changed(d, IDLE_PLAYLIST);
	}
}

static bool add_matching(struct daemon *d, struct reply *r, int argc,
			 char **argv, bool fold_case)
{
	struct selection s = {0};
	if (!select_matching(d, r, argc, argv, fold_case, &s))
		return false;
	queue_hits(d, &s);
	db_selection_free(&s);
	return true;
}

/* searchaddpl NAME FILTER...: what search finds, added to a saved
 * playlist. */
static bool cmd_searchaddpl(struct daemon *d, struct reply *r, int argc,
			    char **argv)
{
	struct selection s = {0};
	if (!select_matching(d, r, argc - 1, argv + 1, true, &s))
		return false;
	int64_t *ids = xcalloc(s.n + 1, sizeof(*ids));
	for (size_t i = 0; i < s.n; i++)
		ids[i] = s.hits[i].t->id;
	bool ok = daemon_playlist_append(d, r, argv[0], ids, s.n);
	free(ids);
	db_selection_free(&s);
	return ok;
}

static bool cmd_findadd(struct daemon *d, struct reply *r, int argc,
			char **argv)
{
	return add_matching(d, r, argc, argv, false);
}

static bool cmd_searchadd(struct daemon *d, struct reply *r, int argc,
			  char **argv)
{
	return add_matching(d, r, argc, argv, true);
}

bool db_add_folder(struct daemon *d, struct reply *r, const char *uri)
{
	uri = db_root_uri(uri);
	if (!db_is_folder(d, uri))
		return false;
	struct selection s = {0};
	if (db_select_below(d, r, &s, uri))
		queue_hits(d, &s);
	db_selection_free(&s);
	return true;
}

/* playlistfind, playlistsearch: the queue's songs that pass. */
static bool match_queue(struct daemon *d, struct reply *r, int argc,
			char **argv, bool fold_case)
{
	char msg[256];
	struct db_filter *f = db_filter_parse(argc, argv, fold_case, msg,
					      sizeof(msg));
	if (!f)
		return reply_fail(r, ACK_ARG, "%s", msg);
	const struct osp_queue *q = &d->queue;
	for (size_t i = 0; i < q->n; i++) {
		const struct osp_track *t = &q->items[i].track;
		const char *uri = daemon_uri(d, t->path);
		if (!db_filter_match(f, uri, t))
			continue;
		db_song_print(r->out, uri, t, true);
		osp_buf_printf(r->out, "Pos: %zu\nId: %u\n", i,
			       q->items[i].id);
	}
	db_filter_free(f);
	return true;
}

static bool cmd_playlistfind(struct daemon *d, struct reply *r, int argc,
			     char **argv)
{
	return match_queue(d, r, argc, argv, false);
}

static bool cmd_playlistsearch(struct daemon *d, struct reply *r, int argc,
			       char **argv)
{
	return match_queue(d, r, argc, argv, true);
}

#define MAX_LEVELS 8	/* list TAG with up to 7 groups */

/* Adds every combination of the track's values of tags[level..] (MPD's
 * value with fallback, or "" when there is none) to `g`; row[0..level)
 * holds the values chosen so far, which live in the callers' frames. */
static void add_rows(struct db_groups *g, const struct osp_track *t,
		     const enum db_tag *tags, int level, const char **row)
{
	if (level == g->n_levels) {
		db_groups_add(g, row, t->tags.duration_ms);
		return;
	}
	struct db_values v;
	db_song_values_fallback(t, tags[level], &v);
	if (!v.n)
		v.v[v.n++] = "";
	for (size_t i = 0; i < v.n; i++) {
		row[level] = v.v[i];
		add_rows(g, t, tags, level + 1, row);
	}
}

static bool parse_group_tag(struct reply *r, const char *s, enum db_tag *tag)
{
	*tag = db_tag_parse(s);
	if (*tag == DB_N_TAGS)
		return reply_fail(r, ACK_ARG, "Unknown tag type: %s", s);
	return true;
}

/* list's and count's gathering: the tags, and their rows so far. */
struct grouping {
	const enum db_tag *tags;
	struct db_groups g;
};

static void group_song(struct selection *s, const char *uri,
		       const struct osp_track *t)
{
	(void)uri;
	struct grouping *k = s->ctx;
	const char *row[MAX_LEVELS];
	add_rows(&k->g, t, k->tags, 0, row);
}

/* Prints the rows sorted by their bytes, as MPD's nested maps: each
 * level's value when it differs from the row before. */
static void print_rows(struct osp_buf *b, struct db_groups *g,
		       const enum db_tag *tags)
{
	db_groups_sort(g);
	for (size_t k = 0; k < g->n; k++) {
		char **cur = g->v[k].row, **prev = k ? g->v[k - 1].row : NULL;
		int from = 0;
		while (prev && from < g->n_levels &&
		       strcmp(prev[from], cur[from]) == 0)
			from++;
		for (int l = from; l < g->n_levels; l++)
			osp_proto_pair(b, db_tag_names[tags[l]], cur[l]);
	}
}

/* list TAG [FILTER] [group TAG]...; list Album ARTIST (MPD < 0.12);
 * list file [FILTER]. */
static bool cmd_list(struct daemon *d, struct reply *r, int argc, char **argv)
{
	const char *name = argv[0];
	argv++, argc--;
	bool files = strcasecmp(name, "file") == 0 ||
		     strcasecmp(name, "filename") == 0;
	enum db_tag tags[MAX_LEVELS];
	int n_levels = 0;
	char artist[] = "Artist";
	char *compat[2] = {artist, NULL};
	if (!files) {
		if (!parse_group_tag(r, name, &tags[MAX_LEVELS - 1]))
			return false;
		if (argc == 1 && argv[0][0] != '(') {
			if (tags[MAX_LEVELS - 1] != DB_TAG_ALBUM)
				return reply_fail(r, ACK_ARG, "should be "
						  "\"Album\" for 3 arguments");
			compat[1] = argv[0];
			argv = compat;
			argc = 2;
		}
		/* Groups from the last: the outermost level is the last
		 * group named. */
		while (argc >= 2 && strcmp(argv[argc - 2], "group") == 0) {
			enum db_tag g;
			if (!parse_group_tag(r, argv[argc - 1], &g))
				return false;
			bool taken = g == tags[MAX_LEVELS - 1];
			for (int l = 0; l < n_levels; l++)
				taken |= tags[l] == g;
			if (taken)
				return reply_fail(r, ACK_ARG,
						  "Conflicting group");
			if (n_levels == MAX_LEVELS - 1)
				return reply_fail(r, ACK_ARG,
						  "Too many groups");
			tags[n_levels++] = g;
			argc -= 2;
		}
		tags[n_levels++] = tags[MAX_LEVELS - 1];
	}
	struct db_filter *f = NULL;
	char msg[256];
	if (argc && !(f = db_filter_parse(argc, argv, false, msg,
					   sizeof(msg))))
		return reply_fail(r, ACK_ARG, "%s", msg);
	struct grouping k = {.tags = tags, .g = {.n_levels = n_levels}};
	struct selection s = {.filter = f, .each = files ? NULL : group_song,
			      .ctx = &k};
	bool ok = db_select_base(d, r, &s, db_filter_base(f));
	db_filter_free(f);
	if (ok && files)
		for (size_t i = 0; i < s.n; i++)
			osp_proto_pair(r->out, "file", s.hits[i].uri);
	db_selection_free(&s);
	if (ok)
		print_rows(r->out, &k.g, tags);
	db_groups_free(&k.g);
	return ok;
}

static void print_count(struct osp_buf *b, size_t songs, int64_t ms)
{
	osp_buf_printf(b, "songs: %zu\nplaytime: %lld\n", songs,
		       (long long)(ms / 1000));
}

/* count FILTER [group TAG]: songs and whole seconds, for all or per
 * value of the tag (with "" for the songs without). */
static bool cmd_count(struct daemon *d, struct reply *r, int argc,
		      char **argv)
{
	enum db_tag group = DB_N_TAGS;
	if (argc >= 2 && strcmp(argv[argc - 2], "group") == 0) {
		if (!parse_group_tag(r, argv[argc - 1], &group))
			return false;
		argc -= 2;
	}
	struct db_filter *f = NULL;
	char msg[256];
	if (argc && !(f = db_filter_parse(argc, argv, false, msg,
					   sizeof(msg))))
		return reply_fail(r, ACK_ARG, "%s", msg);
	/* No group: one row for all, of no values. */
	struct grouping k = {.tags = &group,
			     .g = {.n_levels = group == DB_N_TAGS ? 0 : 1}};
	struct selection s = {.filter = f, .each = group_song, .ctx = &k};
	bool ok = db_select_base(d, r, &s, db_filter_base(f));
	db_filter_free(f);
	db_selection_free(&s);
	if (ok && group == DB_N_TAGS)
		print_count(r->out, k.g.n ? k.g.v[0].songs : 0,
			    k.g.n ? k.g.v[0].ms : 0);
	if (ok && group != DB_N_TAGS) {
		db_groups_sort(&k.g);
		for (size_t i = 0; i < k.g.n; i++) {
			osp_proto_pair(r->out, db_tag_names[group], k.g.v[i].row[0]);
			print_count(r->out, k.g.v[i].songs, k.g.v[i].ms);
		}
	}
	db_groups_free(&k.g);
	return ok;
}

static bool cmd_stats(struct daemon *d, struct reply *r, int argc, char **argv)
{
	(void)argc, (void)argv;
	struct osp_library_stats st;
	struct osp_error err = {0};
	if (!osp_library_stats(d->lib, &st, &err))
		return reply_fail(r, ACK_SYSTEM, "%s", err.msg);
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	osp_buf_printf(r->out, "uptime: %ld\nplaytime: 0\nartists: %lld\n"
		       "albums: %lld\nsongs: %lld\ndb_playtime: %lld\n",
		       (long)((double)ts.tv_sec - d->started),
		       (long long)st.artists, (long long)st.albums,
		       (long long)st.songs, (long long)(st.playtime_ms / 1000));
	if (st.updated)
		osp_buf_printf(r->out, "db_update: %lld\n",
			       (long long)st.updated);
	return true;
}

static bool cmd_tagtypes(struct daemon *d, struct reply *r, int argc,
			 char **argv)
{
	(void)d, (void)argv;
	if (argc)	/* clear, all, enable, disable: every tag is sent */
		return true;
	for (int tag = 0; tag < DB_N_TAGS; tag++)
		if (db_tag_is_kept((enum db_tag)tag))
			osp_buf_printf(r->out, "tagtype: %s\n",
				       db_tag_names[tag]);
	return true;
}

/* Sorted by name, as the daemon's own table. */
static const struct command commands[] = {
	{"count", 1, -1, cmd_count, OSP_PERMISSION_READ},
	{"find", 1, -1, cmd_find, OSP_PERMISSION_READ},
	{"findadd", 1, -1, cmd_findadd, OSP_PERMISSION_ADD},
	{"list", 1, -1, cmd_list, OSP_PERMISSION_READ},
	{"listall", 0, 1, cmd_listall, OSP_PERMISSION_READ},
	{"listallinfo", 0, 1, cmd_listallinfo, OSP_PERMISSION_READ},
	{"listfiles", 0, 1, cmd_listfiles, OSP_PERMISSION_READ},
	{"lsinfo", 0, 1, cmd_lsinfo, OSP_PERMISSION_READ},
	{"playlistfind", 1, -1, cmd_playlistfind, OSP_PERMISSION_READ},
	{"playlistsearch", 1, -1, cmd_playlistsearch, OSP_PERMISSION_READ},
	{"search", 1, -1, cmd_search, OSP_PERMISSION_READ},
	{"searchadd", 1, -1, cmd_searchadd, OSP_PERMISSION_ADD},
	{"searchaddpl", 2, -1, cmd_searchaddpl, OSP_PERMISSION_CONTROL},
	{"stats", 0, 0, cmd_stats, OSP_PERMISSION_READ},
	{"tagtypes", 0, -1, cmd_tagtypes, OSP_PERMISSION_READ},
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static int compare_command(const void *key, const void *c)
{
	return strcmp(key, ((const struct command *)c)->name);
}

const struct command *db_command(const char *name)
{
	return bsearch(name, commands, N_COMMANDS, sizeof(commands[0]),
		       compare_command);
}

const struct command *db_commands(size_t *n)
{
	*n = N_COMMANDS;
	return commands;
}
