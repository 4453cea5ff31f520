/*
 * userdata — the plain-text file that keeps, beside the library, what a
 * rescan cannot rebuild: the music folders, favourites, saved playlists
 * and the rules given to discovered dramas.
 *
 * This module reads and writes the file's format only; the library
 * (src/library/backup.c) decides what goes in and puts it back.  The file
 * is UTF-8 text, one record a line, fields apart by a tab:
 *
 *     ostplay user data 1
 *     # comment lines start with '#'
 *     music-dir   PATH
 *     favorite    ADDED_NS  DURATION_MS  SONG_KEY  PATH  TITLE  ARTISTS  ALBUM
 *     playlist    NAME  CREATED_AT
 *     entry       DURATION_MS  SONG_KEY  PATH     (of the playlist above it)
 *     rule        NAME_KEY  NAME  TARGET
 *
 * The first line names the format and its version; a reader refuses a
 * higher version.  In a field, "\\" is a backslash, "\t", "\n" and "\r"
 * are those characters, "\xHH" is the byte HH (control bytes, and every
 * byte above 0x7f of a field that is not valid UTF-8, such as a file name
 * in Latin-1), and a field that is only "\N" is SQL's NULL.  ARTISTS holds
 * the names apart by byte 0x1f (written "\x1f"); SONG_KEY is the
 * library's key of a song (library.h).  A line that does not parse, or
 * whose record the library cannot take, is skipped and counted.
 */
#ifndef OSTPLAY_USERDATA_H
#define OSTPLAY_USERDATA_H

#include <stdbool.h>
#include <stddef.h>

#include "ostplay/buf.h"
#include "ostplay/error.h"

#define OSP_USERDATA_VERSION 1
#define OSP_USERDATA_MAX_FIELDS 8

/* One line: its kind ("favorite") and its fields after the kind. */
struct osp_userdata_record {
	const char *kind;
	size_t n;
	const char *field[OSP_USERDATA_MAX_FIELDS];	/* NULL: \N */
	size_t len[OSP_USERDATA_MAX_FIELDS];	/* may hold any bytes */
};

/* The file that keeps the user data of the library at `library_path`:
 * "DIR/library.db" keeps it in "DIR/library.userdata".  Newly
 * allocated. */
char *osp_userdata_path(const char *library_path);

/* Starts `b` with the first line and a comment. */
void osp_userdata_begin(struct osp_buf *b);
/* Appends `r` as one line to `b`. */
void osp_userdata_add(struct osp_buf *b, const struct osp_userdata_record *r);

/* The fields of a record of `kind`, a letter each: 'i' an integer, 'b'
 * any bytes, 't' UTF-8 text, 'n' UTF-8 text or NULL; NULL for a kind
 * this version does not know.  Static. */
const char *osp_userdata_fields(const char *kind);
/* Field `i` of `r` as an integer: false when it is not one. */
bool osp_userdata_field_int(const struct osp_userdata_record *r, size_t i,
			    long long *v);

/* Called for each record of a file, once it has its kind's fields (and,
 * for an entry, follows a playlist); returns false when it cannot take
 * the record, which then counts as a bad line.  `r` and its fields are
 * only valid during the call; each field is NUL-terminated too. */
typedef bool osp_userdata_record_fn(void *ctx,
				    const struct osp_userdata_record *r);

/* Reads the `len` bytes of a user-data file's text, calling `fn` for each
 * record in order, counting the lines skipped in `*n_bad`.  False (and
 * `err`, naming `name`) when the first line is not this format or is of a
 * newer version. */
bool osp_userdata_parse(const char *text, size_t len, const char *name,
			osp_userdata_record_fn *fn, void *ctx, size_t *n_bad,
			struct osp_error *err);

/* Reads the file `path` as osp_userdata_parse does.  A missing file is no
 * error: `*found` is false then. */
bool osp_userdata_read(const char *path, osp_userdata_record_fn *fn,
		       void *ctx, bool *found, size_t *n_bad,
		       struct osp_error *err);

#endif
