/*
 * A library track as MPD shows a song: its tag types, their values (with
 * MPD's fallbacks) and the lines that describe it.  Knows nothing of the
 * connection, the queue or the database's folders.
 */
#ifndef OSTPLAY_DAEMON_DATABASE_SONG_H
#define OSTPLAY_DAEMON_DATABASE_SONG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "ostplay/buf.h"
#include "ostplay/library.h"

/* MPD 0.23's tag types, in its order, then ostplay's own.  Those the
 * library does not keep are accepted and always empty, as for a file
 * that lacks them. */
enum db_tag {
	DB_TAG_ARTIST, DB_TAG_ARTIST_SORT, DB_TAG_ALBUM, DB_TAG_ALBUM_SORT,
	DB_TAG_ALBUM_ARTIST, DB_TAG_ALBUM_ARTIST_SORT, DB_TAG_TITLE,
	DB_TAG_TRACK, DB_TAG_NAME, DB_TAG_GENRE, DB_TAG_DATE,
	DB_TAG_ORIGINAL_DATE, DB_TAG_COMPOSER, DB_TAG_COMPOSER_SORT,
	DB_TAG_PERFORMER, DB_TAG_CONDUCTOR, DB_TAG_WORK, DB_TAG_MOVEMENT,
	DB_TAG_MOVEMENT_NUMBER, DB_TAG_ENSEMBLE, DB_TAG_LOCATION,
	DB_TAG_GROUPING, DB_TAG_COMMENT, DB_TAG_DISC, DB_TAG_LABEL,
	DB_TAG_MB_ARTIST_ID, DB_TAG_MB_ALBUM_ID, DB_TAG_MB_ALBUM_ARTIST_ID,
	DB_TAG_MB_TRACK_ID, DB_TAG_MB_RELEASE_TRACK_ID, DB_TAG_MB_WORK_ID,
	DB_TAG_DRAMA, DB_TAG_OST_TRACK,
	DB_N_TAGS
};

extern const char *const db_tag_names[DB_N_TAGS];

/* The tag type named `name` in any ASCII case, or DB_N_TAGS. */
enum db_tag db_tag_parse(const char *name);

/* Whether the library keeps values of `tag` (`tagtypes` lists those). */
bool db_tag_is_kept(enum db_tag tag);

/* A song's values of one tag type; they point into the track (or `num`)
 * and live as long as it. */
struct db_values {
	const char *v[OSP_TAGS_MAX_ARTISTS];
	size_t n;
	char num[24];
};

/* The values of `tag` in `t`, none when it has none. */
void db_song_values(const struct osp_track *t, enum db_tag tag,
		    struct db_values *out);
/* The same, or when there are none those of the tag MPD falls back to
 * (AlbumArtist and ArtistSort: Artist; AlbumSort: Album; AlbumArtistSort:
 * AlbumArtist, then Artist). */
void db_song_values_fallback(const struct osp_track *t, enum db_tag tag,
			     struct db_values *out);

/* MPD's order of names (ICU's collation there): letters without case,
 * punctuation and spaces before digits before letters, then by bytes.
 * Near enough ICU's root collation for names in Latin script. */
int db_collate(const char *a, size_t na, const char *b, size_t nb);

/* MPD's order of the songs in one folder: by album (none first), disc,
 * track number (none first), then file name.  `name_a` and `name_b` are
 * their file names. */
int db_song_order(const struct osp_track *a, const char *name_a,
		  const struct osp_track *b, const char *name_b);

/* "key: 2024-01-02T03:04:05Z\n", the time in UTC as MPD writes it. */
void db_put_time(struct osp_buf *b, const char *key, time_t when);

/* The song's audio format as MPD gives it, "44100:16:2" (see song.c), into
 * `out` of at least 64 bytes; false when unknown. */
bool db_song_format(const struct osp_track *t, char *out, size_t size);

/* The lines MPD gives for a song: file (as `uri`), Last-Modified, Format
 * (with `format`: MPD leaves it out of a find's songs it sorted), the tags,
 * Time and duration. */
void db_song_print(struct osp_buf *b, const char *uri,
		   const struct osp_track *t, bool format);
/* The same for the part of it from `start_ms` to `end_ms` (0: to its
 * end) that a queued song plays (MPD's rangeid): a Range line after
 * file, and the part's Time and duration. */
void db_song_print_part(struct osp_buf *b, const char *uri,
			const struct osp_track *t, bool format,
			uint32_t start_ms, uint32_t end_ms);

#endif
