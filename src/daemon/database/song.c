/* A library track in MPD's words. */
#include "song.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ostplay/protocol.h"

const char *const db_tag_names[DB_N_TAGS] = {
	[DB_TAG_ARTIST] = "Artist",
	[DB_TAG_ARTIST_SORT] = "ArtistSort",
	[DB_TAG_ALBUM] = "Album",
	[DB_TAG_ALBUM_SORT] = "AlbumSort",
	[DB_TAG_ALBUM_ARTIST] = "AlbumArtist",
	[DB_TAG_ALBUM_ARTIST_SORT] = "AlbumArtistSort",
	[DB_TAG_TITLE] = "Title",
	[DB_TAG_TRACK] = "Track",
	[DB_TAG_NAME] = "Name",
	[DB_TAG_GENRE] = "Genre",
	[DB_TAG_DATE] = "Date",
	[DB_TAG_ORIGINAL_DATE] = "OriginalDate",
	[DB_TAG_COMPOSER] = "Composer",
	[DB_TAG_COMPOSER_SORT] = "ComposerSort",
	[DB_TAG_PERFORMER] = "Performer",
	[DB_TAG_CONDUCTOR] = "Conductor",
	[DB_TAG_WORK] = "Work",
	[DB_TAG_MOVEMENT] = "Movement",
	[DB_TAG_MOVEMENT_NUMBER] = "MovementNumber",
	[DB_TAG_ENSEMBLE] = "Ensemble",
	[DB_TAG_LOCATION] = "Location",
	[DB_TAG_GROUPING] = "Grouping",
	[DB_TAG_COMMENT] = "Comment",
	[DB_TAG_DISC] = "Disc",
	[DB_TAG_LABEL] = "Label",
	[DB_TAG_MB_ARTIST_ID] = "MUSICBRAINZ_ARTISTID",
	[DB_TAG_MB_ALBUM_ID] = "MUSICBRAINZ_ALBUMID",
	[DB_TAG_MB_ALBUM_ARTIST_ID] = "MUSICBRAINZ_ALBUMARTISTID",
	[DB_TAG_MB_TRACK_ID] = "MUSICBRAINZ_TRACKID",
	[DB_TAG_MB_RELEASE_TRACK_ID] = "MUSICBRAINZ_RELEASETRACKID",
	[DB_TAG_MB_WORK_ID] = "MUSICBRAINZ_WORKID",
	[DB_TAG_DRAMA] = "Drama",
	[DB_TAG_OST_TRACK] = "OstTrack",
};

enum db_tag db_tag_parse(const char *name)
{
	for (int i = 0; i < DB_N_TAGS; i++)
		if (strcasecmp(name, db_tag_names[i]) == 0)
			return (enum db_tag)i;
	return DB_N_TAGS;
}

bool db_tag_is_kept(enum db_tag tag)
{
	switch (tag) {
	case DB_TAG_ARTIST: case DB_TAG_ALBUM: case DB_TAG_ALBUM_ARTIST:
	case DB_TAG_TITLE: case DB_TAG_TRACK: case DB_TAG_GENRE:
	case DB_TAG_DATE: case DB_TAG_COMPOSER: case DB_TAG_PERFORMER:
	case DB_TAG_COMMENT: case DB_TAG_DISC: case DB_TAG_DRAMA:
	case DB_TAG_OST_TRACK:
		return true;
	default:
		return false;
	}
}

static void one(struct db_values *out, const char *v)
{
	if (v)
		out->v[out->n++] = v;
}

static void number(struct db_values *out, int n)
{
	if (n > 0) {
		snprintf(out->num, sizeof(out->num), "%d", n);
		out->v[out->n++] = out->num;
	}
}

void db_song_values(const struct osp_track *t, enum db_tag tag,
		    struct db_values *out)
{
	const struct osp_tags *g = &t->tags;
	out->n = 0;
	switch (tag) {
	case DB_TAG_ARTIST:
		for (size_t i = 0; i < g->n_artists; i++)
			out->v[out->n++] = g->artists[i];
		break;
	case DB_TAG_ALBUM: one(out, g->album); break;
	case DB_TAG_ALBUM_ARTIST: one(out, g->album_artist); break;
	case DB_TAG_TITLE: one(out, g->title); break;
	case DB_TAG_TRACK: number(out, g->track); break;
	case DB_TAG_DISC: number(out, g->disc); break;
	case DB_TAG_GENRE: one(out, g->genre); break;
	case DB_TAG_DATE:
		if (g->date)
			one(out, g->date);
		else
			number(out, g->year);
		break;
	case DB_TAG_COMPOSER: one(out, g->composer); break;
	case DB_TAG_PERFORMER: one(out, g->performer); break;
	case DB_TAG_COMMENT: one(out, g->comment); break;
	case DB_TAG_DRAMA: one(out, t->match.drama); break;
	case DB_TAG_OST_TRACK: one(out, t->match.ost_track); break;
	default: break;
	}
}

void db_song_values_fallback(const struct osp_track *t, enum db_tag tag,
			     struct db_values *out)
{
	db_song_values(t, tag, out);
	if (out->n)
		return;
	switch (tag) {
	case DB_TAG_ALBUM_ARTIST_SORT:
		db_song_values(t, DB_TAG_ALBUM_ARTIST, out);
		if (!out->n)
			db_song_values(t, DB_TAG_ARTIST, out);
		break;
	case DB_TAG_ALBUM_ARTIST:
	case DB_TAG_ARTIST_SORT:
		db_song_values(t, DB_TAG_ARTIST, out);
		break;
	case DB_TAG_ALBUM_SORT:
		db_song_values(t, DB_TAG_ALBUM, out);
		break;
	default:
		break;
	}
}

static int weight(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return 0x200 + c + 32;
	if (c >= 'a' && c <= 'z')
		return 0x200 + c;
	if (c >= '0' && c <= '9')
		return 0x100 + c;
	return c;	/* punctuation and spaces first; bytes >= 0x80 last */
}

int db_collate(const char *a, size_t na, const char *b, size_t nb)
{
	size_t n = na < nb ? na : nb;
	for (size_t i = 0; i < n; i++) {
		int d = weight((unsigned char)a[i]) -
			weight((unsigned char)b[i]);
		if (d)
			return d;
	}
	if (na != nb)
		return na < nb ? -1 : 1;
	int c = memcmp(a, b, n);
	return c;
}

static int collate_or_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return db_collate(a, strlen(a), b, strlen(b));
}

/* MPD's numbers in song order: none (or 0) before any. */
static int compare_number(int a, int b)
{
	if (a <= 0 || b <= 0)
		return (a > 0) - (b > 0);
	return (a > b) - (a < b);
}

int db_song_order(const struct osp_track *a, const char *name_a,
		  const struct osp_track *b, const char *name_b)
{
	int c = collate_or_null(a->tags.album, b->tags.album);
	if (!c)
		c = compare_number(a->tags.disc, b->tags.disc);
	if (!c)
		c = compare_number(a->tags.track, b->tags.track);
	if (!c)
		c = collate_or_null(name_a, name_b);
	return c;
}

/* `n` in decimal, at least `width` digits; listings print hundreds of
 * thousands of numbers, where printf's parsing shows. */
static void put_number(struct osp_buf *b, long long n, int width)
{
	char digits[24];
	int len = 0;
	bool negative = n < 0;
	unsigned long long u = negative ? 0 - (unsigned long long)n
					: (unsigned long long)n;
	do {
		digits[len++] = (char)('0' + u % 10);
		u /= 10;
	} while (u || len < width);
	if (negative)
		osp_buf_putc(b, '-');
	while (len)
		osp_buf_putc(b, digits[--len]);
}

void db_put_time(struct osp_buf *b, const char *key, time_t when)
{
	struct tm tm;
	gmtime_r(&when, &tm);
	osp_buf_puts(b, key);
	osp_buf_append(b, ": ", 2);
	put_number(b, tm.tm_year + 1900, 4);
	osp_buf_putc(b, '-');
	put_number(b, tm.tm_mon + 1, 2);
	osp_buf_putc(b, '-');
	put_number(b, tm.tm_mday, 2);
	osp_buf_putc(b, 'T');
	put_number(b, tm.tm_hour, 2);
	osp_buf_putc(b, ':');
	put_number(b, tm.tm_min, 2);
	osp_buf_putc(b, ':');
	put_number(b, tm.tm_sec, 2);
	osp_buf_append(b, "Z\n", 2);
}

/* Whether the file's name ends in `.ext`, in any case. */
static bool has_extension(const struct osp_track *t, const char *ext)
{
	const char *dot = strrchr(t->path, '.');
	return dot && strcasecmp(dot + 1, ext) == 0;
}

/* MPD's audio format: rate:bits:channels, where the decoder says what it
 * gives: the stored sample size for lossless files, 24 bits from MP3 (its
 * mad decoder), floats ("f") from the other lossy ones. */
bool db_song_format(const struct osp_track *t, char *out, size_t size)
{
	const struct osp_tags *g = &t->tags;
	if (g->sample_rate <= 0 || g->channels <= 0)
		return false;
	if (g->bits > 0)
		snprintf(out, size, "%d:%d:%d", g->sample_rate, g->bits,
			 g->channels);
	else
		snprintf(out, size, "%d:%s:%d", g->sample_rate,
			 has_extension(t, "mp3") || has_extension(t, "mp2")
				 ? "24" : "f", g->channels);
	return true;
}

/* `ms` as MPD prints a time: seconds, a point and three digits. */
static void put_ms(struct osp_buf *b, long long ms)
{
	put_number(b, ms / 1000, 1);
	osp_buf_putc(b, '.');
	put_number(b, ms % 1000, 3);
}

/* mpd's "Range: 1.500-3.000", "Range: 1.500-" or nothing. */
static void put_range(struct osp_buf *b, uint32_t start_ms, uint32_t end_ms)
{
	if (!start_ms && !end_ms)
		return;
	osp_buf_append(b, "Range: ", 7);
	put_ms(b, start_ms);
	osp_buf_putc(b, '-');
	if (end_ms)
		put_ms(b, end_ms);
	osp_buf_putc(b, '\n');
}

void db_song_print_part(struct osp_buf *b, const char *uri,
			const struct osp_track *t, bool format,
			uint32_t start_ms, uint32_t end_ms)
{
	char f[64];
	osp_proto_pair(b, "file", uri);
	put_range(b, start_ms, end_ms);
	if (t->mtime_ns >= 0)
		db_put_time(b, "Last-Modified",
			    (time_t)(t->mtime_ns / 1000000000));
	if (format && db_song_format(t, f, sizeof(f)))
		osp_proto_pair(b, "Format", f);
	for (int tag = 0; tag < DB_N_TAGS; tag++) {
		struct db_values v;
		db_song_values(t, (enum db_tag)tag, &v);
		for (size_t i = 0; i < v.n; i++)
			osp_proto_pair(b, db_tag_names[tag], v.v[i]);
	}
	/* mpd: the part's end (the song's when open) less its start. */
	long long last = end_ms ? (long long)end_ms : t->tags.duration_ms;
	if (last > 0) {
		long long ms = last - start_ms;
		osp_buf_append(b, "Time: ", 6);
		put_number(b, (ms + 500) / 1000, 1);
		osp_buf_append(b, "\nduration: ", 11);
		put_ms(b, ms);
		osp_buf_putc(b, '\n');
	}
}

void db_song_print(struct osp_buf *b, const char *uri,
		   const struct osp_track *t, bool format)
{
	db_song_print_part(b, uri, t, format, 0, 0);
}
