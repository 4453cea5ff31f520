#include "ostplay/catalog-cache.h"

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ostplay/buf.h"
#include "ostplay/crc32.h"
#include "ostplay/file.h"
#include "ostplay/hash.h"
#include "ostplay/xalloc.h"

/* The file: MAGIC, then the key, the payload's length and CRC-32 (each
 * little-endian), then the payload: the load errors, the number of files
 * loaded, and the dramas.  A string is its length and its bytes, then a
 * NUL, so that a catalog read from the file points into it.  Bump FORMAT
 * when the payload changes, or what a file loads as (see catalog.c). */
#define MAGIC "ostplay catalogs"
#define FORMAT 2u
#define HEADER_LEN (sizeof(MAGIC) - 1 + 8 + 4 + 4)
#define MAX_CACHE (64u << 20)
#define NO_STRING UINT32_MAX

/* What the cache must have been made from: this binary's version and
 * format, and each file's path, size, time and inode.  The files of one
 * folder are looked up from it, not from the root each time: every
 * command does this. */
static uint64_t files_key(char *const *paths, size_t n)
{
	uint64_t h = osp_hash_bytes(OSP_HASH_START, OSP_VERSION,
				    sizeof(OSP_VERSION));
	uint32_t format = FORMAT;
	h = osp_hash_bytes(h, &format, sizeof(format));
	int dir_fd = -1;
	size_t dir_len = 0;	/* of the folder dir_fd is, with its slash */
	for (size_t i = 0; i < n; i++) {
		const char *name = strrchr(paths[i], '/');
		name = name ? name + 1 : paths[i];
		size_t len = (size_t)(name - paths[i]);
		if (dir_fd < 0 || len != dir_len ||
		    memcmp(paths[i], paths[i - 1], len) != 0) {
			if (dir_fd >= 0)
				close(dir_fd);
			char *dir = len ? xmemdup(paths[i], len) : xstrdup(".");
			dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			dir_len = len;
			free(dir);
		}
		struct stat st;
		int64_t stamp[3] = {-1, -1, -1};
		if (dir_fd >= 0 ? fstatat(dir_fd, name, &st, 0) == 0
				: stat(paths[i], &st) == 0) {
			stamp[0] = st.st_size;
			stamp[1] = st.st_mtim.tv_sec * 1000000000LL +
				   st.st_mtim.tv_nsec;
			stamp[2] = (int64_t)st.st_ino;
		}
		h = osp_hash_bytes(h, paths[i], strlen(paths[i]) + 1);
		h = osp_hash_bytes(h, stamp, sizeof(stamp));
	}
	if (dir_fd >= 0)
		close(dir_fd);
	return h;
}

/* Writing. */

static void put_u32(struct osp_buf *b, uint32_t v)
{
	unsigned char x[4] = {v, v >> 8, v >> 16, v >> 24};
	osp_buf_append(b, x, sizeof(x));
}

static void put_u64(struct osp_buf *b, uint64_t v)
{
	put_u32(b, (uint32_t)v);
	put_u32(b, (uint32_t)(v >> 32));
}

static void put_string(struct osp_buf *b, const char *s)
{
	if (!s) {
		put_u32(b, NO_STRING);
		return;
	}
	size_t len = strlen(s);
	put_u32(b, (uint32_t)len);
	osp_buf_append(b, s, len + 1);
}

static void put_strings(struct osp_buf *b, char *const *v, size_t n)
{
	put_u32(b, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		put_string(b, v[i]);
}

static void put_performers(struct osp_buf *b, const struct osp_performer *p,
			   size_t n)
{
	put_u32(b, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		put_string(b, p[i].name);
		put_strings(b, p[i].aliases, p[i].n_aliases);
	}
}

static void put_drama(struct osp_buf *b, const struct osp_drama *d)
{
	put_string(b, d->title);
	put_strings(b, d->aliases, d->n_aliases);
	put_u32(b, (uint32_t)d->year);
	put_string(b, d->network);
	put_string(b, d->country);
	put_string(b, d->file);
	put_performers(b, d->performers, d->n_performers);
	put_u32(b, (uint32_t)d->n_songs);
	for (size_t i = 0; i < d->n_songs; i++) {
		const struct osp_song *s = &d->songs[i];
		put_string(b, s->title);
		put_strings(b, s->aliases, s->n_aliases);
		put_performers(b, s->performers, s->n_performers);
		put_u32(b, (uint32_t)s->part);
		put_u32(b, s->instrumental);
	}
}

struct load_errors {
	struct osp_error *v;
	size_t n;
};

static void write_cache(const char *cache_file, uint64_t key,
			const struct osp_catalog *c, size_t loaded,
			const struct load_errors *errors)
{
	struct osp_buf payload = {0};
	put_u32(&payload, (uint32_t)errors->n);
	for (size_t i = 0; i < errors->n; i++) {
		put_u32(&payload, errors->v[i].code);
		put_u32(&payload, (uint32_t)errors->v[i].sys);
		put_string(&payload, errors->v[i].msg);
	}
	put_u32(&payload, (uint32_t)loaded);
	put_u32(&payload, (uint32_t)c->n_dramas);
	for (size_t i = 0; i < c->n_dramas; i++)
		put_drama(&payload, &c->dramas[i]);

	struct osp_buf file = {0};
	osp_buf_append(&file, MAGIC, sizeof(MAGIC) - 1);
	put_u64(&file, key);
	put_u32(&file, (uint32_t)payload.len);
	put_u32(&file, osp_crc32(0, payload.data, payload.len));
	osp_buf_append(&file, payload.data, payload.len);
	/* A cache that cannot be written costs the next command a parse,
	 * nothing more: not worth a message on every command. */
	osp_file_replace(cache_file, file.data, file.len, 0644, NULL);
	osp_buf_free(&file);
	osp_buf_free(&payload);
}

/* Reading: every count and length is checked against what is left, so a
 * damaged file fails the read instead of allocating or overrunning.  The
 * dramas' strings are the file's own bytes, and their arrays are cut
 * from a few large blocks, not allocated one by one: a command reading
 * the cache makes a handful of allocations, not thousands, and frees
 * them as fast. */

#define BLOCK_SIZE (64u << 10)

struct reader {
	unsigned char *p, *end;
	bool ok;
	struct osp_catalog *c;	/* owns the blocks */
	char *room;		/* the unused end of the last block */
	size_t room_len;
};

/* Gives `c` the allocated `block` to free with it. */
static void *keep_block(struct osp_catalog *c, void *block)
{
	c->blocks = xrealloc(c->blocks, (c->n_blocks + 1) * sizeof(*c->blocks));
	return c->blocks[c->n_blocks++] = block;
}

/* `size` bytes from the catalog's blocks. */
static void *take(struct reader *r, size_t size)
{
	size_t align = _Alignof(max_align_t);
	size = (size + align - 1) / align * align;
	if (size > r->room_len) {
		size_t len = size > BLOCK_SIZE ? size : BLOCK_SIZE;
		r->room = keep_block(r->c, xmalloc(len));
		r->room_len = len;
	}
	void *p = r->room;
	r->room += size;
	r->room_len -= size;
	return p;
}

/* An array of `n` items of `size` bytes, and one more, zeroed: a drama
 * read halfway is left with nothing uninitialised in it. */
static void *take_array(struct reader *r, size_t n, size_t size)
{
	return memset(take(r, (n + 1) * size), 0, (n + 1) * size);
}

static uint32_t get_u32(struct reader *r)
{
	if (!r->ok || r->end - r->p < 4) {
		r->ok = false;
		return 0;
	}
	const unsigned char *x = r->p;
	r->p += 4;
	return x[0] | x[1] << 8 | x[2] << 16 | (uint32_t)x[3] << 24;
}

static uint64_t get_u64(struct reader *r)
{
	uint64_t low = get_u32(r);
	return low | (uint64_t)get_u32(r) << 32;
}

/* A count of items that take at least 4 bytes each. */
static size_t get_count(struct reader *r)
{
	uint32_t n = get_u32(r);
	if (n > (size_t)(r->end - r->p) / 4)
		r->ok = false;
	return r->ok ? n : 0;
}

/* A string where the file holds it, or NULL. */
static char *get_string(struct reader *r)
{
	uint32_t n = get_u32(r);
	if (!r->ok || n == NO_STRING)
		return NULL;
	if (n >= (size_t)(r->end - r->p) || memchr(r->p, 0, n) ||
	    r->p[n] != '\0') {
		r->ok = false;
		return NULL;
	}
	char *s = (char *)r->p;
	r->p += n + 1;
	return s;
}

/* A string that must be there. */
static char *get_text(struct reader *r)
{
	char *s = get_string(r);
	if (!s)
		r->ok = false;
	return s;
}

static char **get_strings(struct reader *r, size_t *n)
{
	size_t count = get_count(r);
	char **v = take_array(r, count, sizeof(*v));
	for (*n = 0; r->ok && *n < count; ++*n)
		v[*n] = get_text(r);
	return v;
}

static struct osp_performer *get_performers(struct reader *r, size_t *n)
{
	size_t count = get_count(r);
	struct osp_performer *v = take_array(r, count, sizeof(*v));
	for (*n = 0; r->ok && *n < count; ++*n) {
		v[*n].name = get_text(r);
		v[*n].aliases = get_strings(r, &v[*n].n_aliases);
	}
	return v;
}

static void get_song(struct reader *r, struct osp_song *s)
{
	s->title = get_text(r);
	s->aliases = get_strings(r, &s->n_aliases);
	s->performers = get_performers(r, &s->n_performers);
	s->part = (int)get_u32(r);
	s->instrumental = get_u32(r) != 0;
}

static void get_drama(struct reader *r, struct osp_drama *d)
{
	d->cached = true;
	d->title = get_text(r);
	d->aliases = get_strings(r, &d->n_aliases);
	d->year = (int)get_u32(r);
	d->network = get_string(r);
	d->country = get_string(r);
	d->file = get_string(r);
	d->performers = get_performers(r, &d->n_performers);
	size_t n_songs = get_count(r);
	d->songs = take_array(r, n_songs, sizeof(*d->songs));
	for (d->n_songs = 0; r->ok && d->n_songs < n_songs; d->n_songs++)
		get_song(r, &d->songs[d->n_songs]);
}

/* Replays the errors of the load the cache was made from. */
static void get_errors(struct reader *r, osp_catalog_error_fn *on_error,
		       void *ctx)
{
	size_t n = get_count(r);
	for (size_t i = 0; r->ok && i < n; i++) {
		struct osp_error err = {.code = get_u32(r)};
		err.sys = (int)get_u32(r);
		const char *msg = get_text(r);
		if (msg && on_error) {
			snprintf(err.msg, sizeof(err.msg), "%s", msg);
			on_error(ctx, &err);
		}
	}
}

/* Loads `c` from the cache if it was made from the files `key` stands
 * for; returns the number of files loaded then, or -1. */
static long read_cache(const char *cache_file, uint64_t key,
		       struct osp_catalog *c, osp_catalog_error_fn *on_error,
		       void *ctx)
{
	struct osp_buf file = {0};
	long loaded = -1;
	if (!osp_file_read(cache_file, MAX_CACHE, "a catalog cache", &file,
			   NULL) ||
	    file.len < HEADER_LEN || memcmp(file.data, MAGIC, sizeof(MAGIC) - 1))
		goto out;
	unsigned char *data = (unsigned char *)file.data;
	struct reader r = {.p = data + sizeof(MAGIC) - 1,
			   .end = data + HEADER_LEN, .ok = true};
	uint64_t made_from = get_u64(&r);
	uint32_t len = get_u32(&r), crc = get_u32(&r);
	if (made_from != key || len != file.len - HEADER_LEN ||
	    crc != osp_crc32(0, data + HEADER_LEN, len))
		goto out;
	/* The catalog's strings are the file's: it keeps the bytes. */
	r = (struct reader){.p = data + HEADER_LEN, .end = data + file.len,
			    .ok = true, .c = c};
	keep_block(c, osp_buf_steal(&file));
	/* Checked whole before anything is reported: the errors first, to
	 * a sink, then again for real once the dramas read. */
	struct reader errors = r;
	get_errors(&r, NULL, NULL);
	loaded = get_u32(&r);
	size_t n = get_count(&r);
	c->dramas = xcalloc(n + 1, sizeof(*c->dramas));
	for (c->n_dramas = 0; r.ok && c->n_dramas < n; c->n_dramas++)
		get_drama(&r, &c->dramas[c->n_dramas]);
	if (!r.ok || r.p != r.end) {
		osp_catalog_free(c);
		loaded = -1;
		goto out;
	}
	get_errors(&errors, on_error, ctx);
	c->fingerprint = key;
out:
	osp_buf_free(&file);
	return loaded;
}

static void keep_error(void *ctx, const struct osp_error *err)
{
	struct load_errors *errors = ctx;
	errors->v = xrealloc(errors->v, (errors->n + 1) * sizeof(*errors->v));
	errors->v[errors->n++] = *err;
}

/* The catalog files of `dirs`, in load order, into *paths; their number. */
static size_t list_files(const char *const *dirs, size_t n_dirs,
			 char ***paths)
{
	*paths = NULL;
	size_t n_paths = 0;
	for (size_t i = 0; i < n_dirs; i++) {
		char **more;
		size_t n = osp_catalog_list_dir(dirs[i], &more);
		*paths = xrealloc(*paths, (n_paths + n + 1) * sizeof(**paths));
		if (n)
			memcpy(*paths + n_paths, more, n * sizeof(*more));
		n_paths += n;
		free(more);
	}
	return n_paths;
}

static void free_paths(char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

uint64_t osp_catalog_fingerprint(const char *const *dirs, size_t n_dirs)
{
	char **paths;
	size_t n_paths = list_files(dirs, n_dirs, &paths);
	uint64_t key = files_key(paths, n_paths);
	free_paths(paths, n_paths);
	return key;
}

size_t osp_catalog_load_cached(struct osp_catalog *c, const char *const *dirs,
			       size_t n_dirs, const char *cache_file,
			       osp_catalog_error_fn *on_error, void *ctx)
{
	char **paths;
	size_t n_paths = list_files(dirs, n_dirs, &paths);
	uint64_t key = files_key(paths, n_paths);
	long cached = read_cache(cache_file, key, c, on_error, ctx);
	size_t loaded = cached >= 0 ? (size_t)cached : 0;
	struct load_errors errors = {0};
	for (size_t i = 0; cached < 0 && i < n_paths; i++) {
		struct osp_error err = {0};
		if (osp_catalog_load_file(c, paths[i], &err)) {
			loaded++;
		} else {
			keep_error(&errors, &err);
			if (on_error)
				on_error(ctx, &err);
		}
	}
	if (cached < 0) {
		c->fingerprint = key;
		write_cache(cache_file, key, c, loaded, &errors);
	}
	free(errors.v);
	free_paths(paths, n_paths);
	return loaded;
}
