#include "ostplay/m3u.h"

#include <string.h>

/* One line of text: a newline inside a title would start a new entry. */
static void put_line_text(struct osp_buf *b, const char *s)
{
	for (; s && *s; s++)
		osp_buf_putc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
}

void osp_m3u_format(const struct osp_xspf *x, struct osp_buf *out)
{
	osp_buf_puts(out, "#EXTM3U\n");
	if (x->title) {
		osp_buf_puts(out, "#PLAYLIST:");
		put_line_text(out, x->title);
		osp_buf_putc(out, '\n');
	}
	for (size_t i = 0; i < x->n_tracks; i++) {
		const struct osp_xspf_track *t = &x->tracks[i];
		if (!t->location)
			continue;
		long seconds = t->duration_ms > 0
				       ? (t->duration_ms + 500) / 1000 : -1;
		osp_buf_printf(out, "#EXTINF:%ld,", seconds);
		if (t->creator && t->title) {
			put_line_text(out, t->creator);
			osp_buf_puts(out, " - ");
		}
		/* Players show the title; an untagged file has its name. */
		const char *slash = strrchr(t->location, '/');
		put_line_text(out, t->title ? t->title
				   : slash ? slash + 1 : t->location);
		osp_buf_putc(out, '\n');
		put_line_text(out, t->location);
		osp_buf_putc(out, '\n');
	}
}
