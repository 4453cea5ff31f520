/* MPD's covers: albumart (the picture file beside a song: cover, folder or
 * front, as mpd looks for them) and readpicture (the picture embedded in
 * the song), sent in chunks of at most the client's binarylimit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "daemon-private.h"
#include "ostplay/covers.h"
#include "ostplay/file.h"
#include "ostplay/tags.h"
#include "ostplay/xalloc.h"

/* The picture last sent: clients ask for one chunk at a time, so it is
 * read once, not once a chunk.  Keyed by what was asked ("a" or "r", then
 * the song's path). */
static struct {
	char *key;
	struct osp_buf data;
	char mime[64];
} last;

static void forget_last(void)
{
	free(last.key);
	last.key = NULL;
	osp_buf_free(&last.data);
	last.mime[0] = '\0';
}

/* Reads the picture of `path` into `last`: the file beside it for
 * albumart, the embedded one for readpicture.  False when there is none. */
static bool load_picture(const char *path, bool embedded)
{
	/* The file's size and time are in the key: a changed song, or a
	 * new picture beside it, is read again. */
	struct stat st = {0}, cover_st = {0};
	char *cover = embedded ? NULL : osp_covers_in_folder(path);
	stat(path, &st);
	if (cover)
		stat(cover, &cover_st);
	char *key = xasprintf("%c%lld.%lld.%lld.%lld %s", embedded ? 'r' : 'a',
			      (long long)st.st_size, (long long)st.st_mtime,
			      (long long)cover_st.st_size,
			      (long long)cover_st.st_mtime, path);
	if (last.key && strcmp(last.key, key) == 0) {
		free(key);
		free(cover);
		return last.data.len > 0;
	}
	forget_last();
	last.key = key;
	struct osp_error err = {0};
	if (embedded) {
		struct osp_picture pic = {0};
		if (osp_tags_read_picture(path, &pic, &err) && pic.size) {
			osp_buf_append(&last.data, pic.data, pic.size);
			snprintf(last.mime, sizeof(last.mime), "%s", pic.mime);
		}
		osp_picture_clear(&pic);
	} else if (cover && !osp_file_read(cover, OSP_TAGS_MAX_PICTURE,
					   "a cover", &last.data, &err)) {
		osp_buf_truncate(&last.data, 0);
	}
	free(cover);
	return last.data.len > 0;
}

/* Sends the chunk of `last` from the offset in `arg`. */
static bool send_chunk(struct reply *r, const char *arg, bool with_type)
{
	long offset;
	if (!daemon_parse_int(arg, 0, (long)last.data.len, &offset))
		return reply_fail(r, ACK_ARG, "Bad file offset");
	size_t n = last.data.len - (size_t)offset;
	if (n > r->binary_limit)
		n = r->binary_limit;
	osp_buf_printf(r->out, "size: %zu\n", last.data.len);
	if (with_type && last.mime[0])
		osp_buf_printf(r->out, "type: %s\n", last.mime);
	osp_buf_printf(r->out, "binary: %zu\n", n);
	osp_buf_append(r->out, last.data.data + offset, n);
	osp_buf_putc(r->out, '\n');
	return true;
}

static bool cmd_albumart(struct daemon *d, struct reply *r, int argc,
			 char **argv)
{
	(void)argc;
	struct osp_track t;
	if (!daemon_library_track(d, argv[0], &t))
		return reply_fail(r, ACK_NO_EXIST, "No such file");
	bool found = load_picture(t.path, false);
	osp_track_clear(&t);
	if (!found)
		return reply_fail(r, ACK_NO_EXIST, "No file exists");
	return send_chunk(r, argv[1], false);
}

/* readpicture URI OFFSET: nothing at all when the song has no picture. */
static bool cmd_readpicture(struct daemon *d, struct reply *r, int argc,
			    char **argv)
{
	(void)argc;
	struct osp_track t;
	if (!daemon_library_track(d, argv[0], &t))
		return reply_fail(r, ACK_NO_EXIST, "No such file");
	bool found = load_picture(t.path, true);
	osp_track_clear(&t);
	return !found || send_chunk(r, argv[1], true);
}

/* binarylimit SIZE: the client's largest chunk, at least 64 bytes. */
static bool cmd_binarylimit(struct daemon *d, struct reply *r, int argc,
			    char **argv)
{
	(void)d, (void)argc;
	long size;
	if (!daemon_parse_int(argv[0], 0, 64L * 1024 * 1024, &size))
		return reply_fail(r, ACK_ARG, "Number expected: %s", argv[0]);
	if (size < 64)
		return reply_fail(r, ACK_ARG, "Value too small");
	r->binary_limit = (size_t)size;
	return true;
}

static const struct command cover_commands[] = {
	{"albumart", 2, 2, cmd_albumart, OSP_PERMISSION_READ},
	{"binarylimit", 1, 1, cmd_binarylimit, 0},
	{"readpicture", 2, 2, cmd_readpicture, OSP_PERMISSION_READ},
};

const struct command *daemon_cover_commands(size_t *n)
{
	*n = sizeof(cover_commands) / sizeof(cover_commands[0]);
	return cover_commands;
}
