/*
 * tags — one audio file's tags and stream properties, normalised.
 *
 * Reads through TagLib's C++ property map (src/library/tags.cc): TagLib 1.13's C
 * binding has no album artist or disc number and joins multi-valued artist
 * tags with a space, losing where one name ends.  Latin-1 text in ID3 and
 * RIFF INFO tags that is really UTF-8 or CP949/EUC-KR (common in Korean
 * MP3s) is decoded as such.  Every string in the record is valid UTF-8.
 *
 * Thread-safe: any number of threads may read files at once.  Does not walk
 * folders or store anything.
 */
#ifndef OSTPLAY_TAGS_H
#define OSTPLAY_TAGS_H

#include <stdbool.h>
#include <stddef.h>

#include "ostplay/error.h"

/* Longest tag value kept, in bytes; longer values are cut at a character
 * boundary so a 16 MB comment cannot bloat the library. */
#define OSP_TAGS_MAX_VALUE (64 * 1024)

/* Most artists kept per file; further names are dropped.  Real credits
 * stay well under it (an all-star charity single credits some 45 singers),
 * while a tag of 100,000 names would cost every later listing and match
 * time and rows in proportion. */
#define OSP_TAGS_MAX_ARTISTS 64

/* ReplayGain as a file's tags give it: gains in dB to bring the track
 * (album) to ReplayGain 2.0's reference of -18 LUFS, peaks as a fraction
 * of full scale.  Opus's R128_TRACK_GAIN and R128_ALBUM_GAIN (Q7.8 dB
 * towards -23 LUFS) are read as that gain plus 5 dB, their peak as
 * unknown. */
struct osp_gain_tags {
	bool has_track, has_album;
	double track_gain, album_gain;
	double track_peak, album_peak;	/* 0 when the tags give none */
};

struct osp_tags {
	/* Each string is NULL when the tag is absent, never "". */
	char *title;
	char **artists;		/* n_artists names, in tag order, no repeats,
				 * at most OSP_TAGS_MAX_ARTISTS */
	size_t n_artists;
	char *album;
	char *album_artist;
	char *genre;
	char *comment;
	char *composer;
	char *performer;	/* the first one named */
	char *date;		/* as tagged ("2016-08-25", "20160825") */
	int track;		/* 0 when unknown; likewise below */
	int disc;
	int year;		/* the date's year */
	int duration_ms;
	int bitrate;		/* kbit/s */
	int sample_rate;	/* Hz */
	int channels;
	int bits;		/* bits per sample; 0 for lossy formats */
	struct osp_gain_tags gain;
};

/* Installs the Latin-1 repair handlers into TagLib.  Call once before any
 * thread reads a file. */
void osp_tags_init(void);

/* Reads the file at `path` (a NUL-terminated byte string; any bytes) into
 * `*t`, which the caller later releases with osp_tags_clear.  The file is
 * opened without blocking and read only if it is a regular file, so a FIFO
 * or device never hangs the caller.  Fails with OSP_ERR_IO when it cannot
 * be opened, with OSP_ERR_INVALID when it is not a regular file or not
 * audio TagLib can read, and leaves `*t` zeroed. */
bool osp_tags_read(const char *path, struct osp_tags *t,
		   struct osp_error *err);

/* Largest embedded picture taken, in bytes: real covers are well under
 * it, and a 100 MB "picture" would only fill memory and the cache. */
#define OSP_TAGS_MAX_PICTURE (16 * 1024 * 1024)

/* A picture embedded in an audio file. */
struct osp_picture {
	unsigned char *data;	/* `size` bytes; NULL when there is none */
	size_t size;
	char mime[64];		/* as the file says ("image/jpeg"), or "" */
};

/* Reads the picture embedded in the audio file at `path` into `*pic`,
 * which the caller releases with osp_picture_clear: the front cover when
 * the file holds several, else the first.  True with pic->size 0 when
 * the file has none (or only one past OSP_TAGS_MAX_PICTURE); false, as
 * osp_tags_read, when the file cannot be read. */
bool osp_tags_read_picture(const char *path, struct osp_picture *pic,
			   struct osp_error *err);
void osp_picture_clear(struct osp_picture *pic);

/* Frees everything `t` holds and zeroes it. */
void osp_tags_clear(struct osp_tags *t);

/* Adds `name` (copied) to t->artists unless it is empty, already there, or
 * t->artists is full (OSP_TAGS_MAX_ARTISTS). */
void osp_tags_add_artist(struct osp_tags *t, const char *name);

#endif
