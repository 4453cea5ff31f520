#include "ostplay/m3u.h"

#include <stdlib.h>
#include <string.h>

#include "ostplay/file.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

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
		/* A relative path starting with '#' would read as a comment,
		 * one starting with a blank would lose it. */
		if (strchr("# \t", t->location[0]))
			osp_buf_puts(out, "./");
		put_line_text(out, t->location);
		osp_buf_putc(out, '\n');
	}
}

/* "#EXTINF:SECONDS[ attributes],DISPLAY": the seconds, and the display
 * text split into creator and title at its first " - ". */
static void read_extinf(const char *s, struct osp_xspf_track *t)
{
	char *end;
	double seconds = strtod(s, &end);
	if (end != s && seconds > 0 && seconds < 1e7)
		t->duration_ms = (long)(seconds * 1000 + 0.5);
	/* Attribute values (tvg-name="a,b") may hold commas. */
	bool quoted = false;
	for (s = end; *s && (quoted || *s != ','); s++)
		if (*s == '"')
			quoted = !quoted;
	if (!*s)
		return;
	char *display = osp_text_clean(s + 1, strlen(s + 1));
	char *dash = strstr(display, " - ");
	if (dash) {
		*dash = '\0';
		t->creator = *display ? xstrdup(display) : NULL;
		t->title = dash[3] ? xstrdup(dash + 3) : NULL;
	} else {
		t->title = *display ? xstrdup(display) : NULL;
	}
	free(display);
}

bool osp_m3u_read(const char *path, struct osp_xspf *x, struct osp_error *err)
{
	*x = (struct osp_xspf){.path = xstrdup(path)};
	struct osp_buf b = {0};
	if (!osp_file_read(path, OSP_M3U_MAX_BYTES, "a playlist", &b, err))
		goto fail;
	if (b.len && memchr(b.data, '\0', b.len)) {
		osp_fail(err, OSP_ERR_INVALID, "%s: binary data, not an M3U "
			 "playlist", path);
		goto fail;
	}
	osp_buf_putc(&b, '\0');	/* lines are cut in place */
	char *text = b.data;
	if (strncmp(text, "\xEF\xBB\xBF", 3) == 0)	/* a BOM */
		text += 3;
	struct osp_xspf_track next = {0};
	size_t cap = 0;
	int line_no = 0;
	for (char *line = text, *nl; line; line = nl) {
		line_no++;
		/* Lines end in LF, CR LF, or (old Mac tools) CR alone. */
		if ((nl = strpbrk(line, "\r\n"))) {
			if (nl[0] == '\r' && nl[1] == '\n')
				*nl++ = '\0';
			*nl++ = '\0';
		}
		while (*line == ' ' || *line == '\t')
			line++;
		if (!*line)
			continue;
		if (strncmp(line, "#EXTINF:", 8) == 0) {
			free(next.title);
			free(next.creator);
			next = (struct osp_xspf_track){0};
			read_extinf(line + 8, &next);
		} else if (strncmp(line, "#PLAYLIST:", 10) == 0 && !x->title) {
			x->title = osp_text_clean(line + 10, strlen(line + 10));
		} else if (line[0] != '#') {
			if (x->n_tracks == OSP_XSPF_MAX_TRACKS) {
				osp_fail(err, OSP_ERR_INVALID, "%s:%d: more than "
					 "%d tracks", path, line_no,
					 OSP_XSPF_MAX_TRACKS);
				free(next.title);
				free(next.creator);
				goto fail;
			}
			x->tracks = xgrow(x->tracks, &cap, x->n_tracks + 1,
					  sizeof(*x->tracks));
			next.location = xstrdup(line);
			next.line = line_no;
			x->tracks[x->n_tracks++] = next;
			next = (struct osp_xspf_track){0};
		}
	}
	free(next.title);
	free(next.creator);
	osp_buf_free(&b);
	return true;
fail:
	osp_buf_free(&b);
	osp_xspf_free(x);
	return false;
}
