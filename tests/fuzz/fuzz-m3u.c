/*
 * The M3U reader, on any file: what it reads is valid UTF-8 where the
 * header promises so, and formats back as M3U8.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-file.h"
#include "ostplay/m3u.h"
#include "ostplay/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const char *s)
{
	if (s && !osp_text_is_utf8(s, strlen(s)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size, ".m3u8");
	struct osp_xspf x;
	struct osp_error err = {0};
	if (!osp_m3u_read(path, &x, &err)) {
		if (x.n_tracks || x.title || !err.msg[0])
			abort();
		return 0;
	}
	check_text(x.title);
	for (size_t i = 0; i < x.n_tracks; i++) {
		const struct osp_xspf_track *t = &x.tracks[i];
		if (!t->location || !*t->location || t->duration_ms < 0)
			abort();
		check_text(t->title);
		check_text(t->creator);
	}
	struct osp_buf out = {0};
	osp_m3u_format(&x, &out);
	osp_buf_free(&out);
	osp_xspf_free(&x);
	return 0;
}
