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

/* Keep in step with kept_tags below. */
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

/* `n` (not negative) in decimal, at least `width` digits, at `out`;
 * returns the length.  Listings print hundreds of thousands of numbers,
 * where printf's parsing shows. */
static size_t format_number(char *out, unsigned long long n, int width)
{
	char digits[24];
	int len = 0;
	do {
		digits[len++] = (char)('0' + n % 10);
		n /= 10;
	} while (n || len < width);
	for (int i = 0; i < len; i++)
		out[i] = digits[len - 1 - i];
	return (size_t)len;
}

static void number(struct db_values *out, int n)
{
	if (n > 0) {
		out->num[format_number(out->num, (unsigned)n, 1)] = '\0';
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

/* "2024-01-02T03:04:05Z" for `when` in UTC, at `out` (21 bytes); the
 * calendar from the day number directly (H. Hinnant's days_from_civil,
 * inverted), which gmtime_r's locking and time zone lookup would double
 * over a library's worth of songs. */
static size_t format_time(char *out, time_t when)
{
	long long days = when / 86400, secs = when % 86400;
	if (secs < 0)
		secs += 86400, days--;
	days += 719468;
	long long era = (days >= 0 ? days : days - 146096) / 146097;
	long long doe = days - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	long long day = doy - (153 * mp + 2) / 5 + 1;
	long long month = mp < 10 ? mp + 3 : mp - 9;
	long long year = yoe + era * 400 + (month <= 2);
	if (year < 0 || year > 9999) {	/* not a time a file has */
		struct tm tm;
		gmtime_r(&when, &tm);
		return strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	size_t n = format_number(out, (unsigned long long)year, 4);
	out[n++] = '-';
	n += format_number(out + n, (unsigned long long)month, 2);
	out[n++] = '-';
	n += format_number(out + n, (unsigned long long)day, 2);
	out[n++] = 'T';
	n += format_number(out + n, (unsigned long long)(secs / 3600), 2);
	out[n++] = ':';
	n += format_number(out + n, (unsigned long long)(secs / 60 % 60), 2);
	out[n++] = ':';
	n += format_number(out + n, (unsigned long long)(secs % 60), 2);
	out[n++] = 'Z';
	return n;
}

void db_put_time(struct osp_buf *b, const char *key, time_t when)
{
	char line[64];
	size_t n = strlen(key);
	if (n > sizeof(line) - 24)
		n = sizeof(line) - 24;
	memcpy(line, key, n);
	line[n++] = ':';
	line[n++] = ' ';
	n += format_time(line + n, when);
	line[n++] = '\n';
	osp_buf_append(b, line, n);
}

/* Whether the file's name ends in `.ext`, in any case. */
static bool has_extension(const struct osp_track *t, const char *ext)
{
	const char *dot = memrchr(t->path, '.', t->path_len);
	return dot && strcasecmp(dot + 1, ext) == 0;
}

/* MPD's audio format: rate:bits:channels, where the decoder says what it
 * gives: the stored sample size for lossless files, 24 bits from MP3 (its
 * mad decoder), floats ("f") from the other lossy ones.  Written by hand:
 * every listed song has one. */
bool db_song_format(const struct osp_track *t, char *out, size_t size)
{
	const struct osp_tags *g = &t->tags;
	if (g->sample_rate <= 0 || g->channels <= 0 || size < 64)
		return false;
	size_t n = format_number(out, (unsigned)g->sample_rate, 1);
	out[n++] = ':';
	if (g->bits > 0) {
		n += format_number(out + n, (unsigned)g->bits, 1);
	} else if (has_extension(t, "mp3") || has_extension(t, "mp2")) {
		memcpy(out + n, "24", 2);
		n += 2;
	} else {
		out[n++] = 'f';
	}
	out[n++] = ':';
	n += format_number(out + n, (unsigned)g->channels, 1);
	out[n] = '\0';
	return true;
}

/* A song's lines, gathered and then added to the reply at once: most
 * songs fit; a longer value goes straight through. */
struct song_out {
	struct osp_buf *b;
	size_t n;
	char data[1536];
};

static void flush(struct song_out *o)
{
	osp_buf_append(o->b, o->data, o->n);
	o->n = 0;
}

static void put(struct song_out *o, const char *s, size_t len)
{
	if (o->n + len > sizeof(o->data)) {
		flush(o);
		if (len > sizeof(o->data)) {
			osp_buf_append(o->b, s, len);
			return;
		}
	}
	memcpy(o->data + o->n, s, len);
	o->n += len;
}

/* "key: value\n", as osp_proto_pair writes it: a line break inside the
 * value becomes a space. */
static void put_pair(struct song_out *o, const char *key, size_t key_len,
		     const char *value)
{
	size_t n = strlen(value);
	if (value[strcspn(value, "\n\r")] || key_len + n + 3 > 512) {
		flush(o);
		osp_proto_pair(o->b, key, value);
		return;
	}
	if (o->n + key_len + n + 3 > sizeof(o->data))
		flush(o);
	char *p = o->data + o->n;
	memcpy(p, key, key_len);
	p[key_len] = ':';
	p[key_len + 1] = ' ';
	memcpy(p + key_len + 2, value, n);
	p[key_len + 2 + n] = '\n';
	o->n += key_len + n + 3;
}

/* `ms` as MPD prints a time: seconds, a point and three digits. */
static size_t format_ms(char *out, unsigned long long ms)
{
	size_t n = format_number(out, ms / 1000, 1);
	out[n++] = '.';
	return n + format_number(out + n, ms % 1000, 3);
}

/* mpd's "Range: 1.500-3.000", "Range: 1.500-" or nothing. */
static void put_range(struct song_out *o, uint32_t start_ms, uint32_t end_ms)
{
	if (!start_ms && !end_ms)
		return;
	char line[64];
	memcpy(line, "Range: ", 7);
	size_t n = 7 + format_ms(line + 7, start_ms);
	line[n++] = '-';
	if (end_ms)
		n += format_ms(line + n, end_ms);
	line[n++] = '\n';
	put(o, line, n);
}

/* The tag types the library keeps, in MPD's order (db_tag_is_kept). */
static const enum db_tag kept_tags[] = {
	DB_TAG_ARTIST, DB_TAG_ALBUM, DB_TAG_ALBUM_ARTIST, DB_TAG_TITLE,
	DB_TAG_TRACK, DB_TAG_GENRE, DB_TAG_DATE, DB_TAG_COMPOSER,
	DB_TAG_PERFORMER, DB_TAG_COMMENT, DB_TAG_DISC, DB_TAG_DRAMA,
	DB_TAG_OST_TRACK,
};

void db_song_print_part(struct osp_buf *b, const char *uri,
			const struct osp_track *t, bool format,
			uint32_t start_ms, uint32_t end_ms)
{
	struct song_out o = {.b = b};
	char line[96];
	put_pair(&o, "file", 4, uri);
	put_range(&o, start_ms, end_ms);
	if (t->mtime_ns >= 0) {
		memcpy(line, "Last-Modified: ", 15);
		size_t n = 15 + format_time(line + 15,
					    (time_t)(t->mtime_ns / 1000000000));
		line[n++] = '\n';
		put(&o, line, n);
	}
	char f[64];
	if (format && db_song_format(t, f, sizeof(f)))
		put_pair(&o, "Format", 6, f);
	for (size_t k = 0; k < sizeof(kept_tags) / sizeof(kept_tags[0]); k++) {
		struct db_values v;
		db_song_values(t, kept_tags[k], &v);
		if (!v.n)
			continue;
		const char *name = db_tag_names[kept_tags[k]];
		size_t len = strlen(name);
		for (size_t i = 0; i < v.n; i++)
			put_pair(&o, name, len, v.v[i]);
	}
	/* mpd: the part's end (the song's when open) less its start. */
	long long last = end_ms ? (long long)end_ms : t->tags.duration_ms;
	if (last > 0 && last >= start_ms) {
		unsigned long long ms = (unsigned long long)(last - start_ms);
		memcpy(line, "Time: ", 6);
		size_t n = 6 + format_number(line + 6, (ms + 500) / 1000, 1);
		memcpy(line + n, "\nduration: ", 11);
		n += 11;
		n += format_ms(line + n, ms);
		line[n++] = '\n';
		put(&o, line, n);
	}
	flush(&o);
}

void db_song_print(struct osp_buf *b, const char *uri,
		   const struct osp_track *t, bool format)
{
	db_song_print_part(b, uri, t, format, 0, 0);
}
