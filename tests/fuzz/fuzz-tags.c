/*
 * The Latin-1 repair of tags (tags.cc: UTF-8 or CP949 behind a Latin-1
 * label), reached as a scan reaches it: the input's first three lines
 * are the title, artist and album frames of an ID3v2.3 tag, labelled
 * Latin-1, in an MP3 of four silent frames.  Every string read must be valid UTF-8.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-file.h"
#include "ostplay/buf.h"
#include "ostplay/tags.h"
#include "ostplay/text.h"

#define MAX_TEXT 4096

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void be32(struct osp_buf *b, size_t n, int bits)
{
	unsigned mask = (1u << bits) - 1;
	for (int shift = 3 * bits; shift >= 0; shift -= bits)
		osp_buf_putc(b, (char)((n >> shift) & mask));
}

/* A text frame, encoding 0 (Latin-1). */
static void frame(struct osp_buf *b, const char *id, const uint8_t *s,
		  size_t len)
{
	osp_buf_puts(b, id);
	be32(b, len + 1, 8);
	osp_buf_append(b, "\0\0\0", 3);	/* flags, encoding */
	osp_buf_append(b, s, len);
}

static void check(const char *s)
{
	if (s && !osp_text_is_utf8(s, strlen(s)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	if (!ready) {
		osp_tags_init();
		ready = true;
	}
	if (size > MAX_TEXT)
		return 0;
	const uint8_t *nl = memchr(data, '\n', size);
	size_t title_len = nl ? (size_t)(nl - data) : size;
	const uint8_t *artist = nl ? nl + 1 : data;
	size_t artist_len = nl ? size - title_len - 1 : size;
	const uint8_t *nl2 = memchr(artist, '\n', artist_len);
	const uint8_t *album = nl2 ? nl2 + 1 : artist;
	size_t album_len = nl2 ? (size_t)(artist + artist_len - album)
			       : artist_len;
	if (nl2)
		artist_len = (size_t)(nl2 - artist);

	struct osp_buf tag = {0};
	frame(&tag, "TIT2", data, title_len);
	frame(&tag, "TPE1", artist, artist_len);
	if (nl2)
		frame(&tag, "TALB", album, album_len);
	struct osp_buf file = {0};
	osp_buf_append(&file, "ID3\3\0\0", 6);
	be32(&file, tag.len, 7);	/* syncsafe */
	osp_buf_append(&file, tag.data, tag.len);
	/* MPEG-1 layer III, 128 kbit/s, 44.1 kHz: 417 bytes a frame. */
	for (int i = 0; i < 4; i++) {
		size_t at = file.len;
		osp_buf_append(&file, "\xFF\xFB\x90\x00", 4);
		while (file.len < at + 417)
			osp_buf_putc(&file, '\0');
	}

	const char *path = fuzz_file((const uint8_t *)file.data, file.len,
				     ".mp3");
	struct osp_tags t;
	struct osp_error err = {0};
	if (osp_tags_read(path, &t, &err)) {
		check(t.title);
		check(t.album);
		check(t.album_artist);
		check(t.genre);
		check(t.comment);
		if (t.n_artists > OSP_TAGS_MAX_ARTISTS)
			abort();
		for (size_t i = 0; i < t.n_artists; i++)
			check(t.artists[i]);
		osp_tags_clear(&t);
	}
	osp_buf_free(&tag);
	osp_buf_free(&file);
	return 0;
}
