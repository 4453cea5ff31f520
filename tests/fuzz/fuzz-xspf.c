/*
 * The XSPF reader and the catalog loader over it, on any file: a playlist
 * read formats back as XSPF that reads again with as many tracks; a
 * catalog loaded answers a search for its first drama's title.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-file.h"
#include "ostplay/catalog.h"
#include "ostplay/xspf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size, ".xspf");
	struct osp_xspf x;
	struct osp_error err = {0};
	if (osp_xspf_read(path, &x, &err)) {
		struct osp_buf out = {0};
		if (osp_xspf_format(&x, &out, &err)) {
			size_t n_tracks = x.n_tracks;
			osp_xspf_free(&x);
			path = fuzz_file((const uint8_t *)out.data, out.len,
					 ".xspf");
			if (!osp_xspf_read(path, &x, &err) ||
			    x.n_tracks != n_tracks)
				abort();
			path = fuzz_file(data, size, ".xspf");
		}
		osp_buf_free(&out);
		osp_xspf_free(&x);
	} else if (x.n_tracks || x.title || !err.msg[0]) {
		abort();
	}

	struct osp_catalog c = {0};
	if (osp_catalog_load_file(&c, path, &err) && c.n_dramas) {
		size_t found[4];
		size_t n = osp_catalog_find(&c, c.dramas[0].title, found, 4);
		for (size_t i = 0; i < n; i++)
			if (found[i] >= c.n_dramas)
				abort();
		n = osp_catalog_suggest(&c, c.dramas[0].title, found, 4);
		for (size_t i = 0; i < n; i++)
			if (found[i] >= c.n_dramas)
				abort();
	}
	osp_catalog_free(&c);
	return 0;
}
