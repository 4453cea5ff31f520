#include "ostplay/userdata.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/file.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

#define MAGIC "ostplay user data "

/* A user-data file holds what a person made by hand: even a very large
 * collection of playlists stays far below this. */
#define MAX_FILE_BYTES (256u << 20)

char *osp_userdata_path(const char *library_path)
{
	size_t n = strlen(library_path);
	if (n > 3 && strcmp(library_path + n - 3, ".db") == 0)
		n -= 3;
	return xasprintf("%.*s.userdata", (int)n, library_path);
}

void osp_userdata_begin(struct osp_buf *b)
{
	osp_buf_printf(b, MAGIC "%d\n", OSP_USERDATA_VERSION);
	osp_buf_puts(b, "# What a rescan cannot rebuild, kept by ostplay beside"
		     " its library and\n# restored into a new one.  Written"
		     " whole on every change; the format is\n# described in"
		     " include/ostplay/userdata.h.\n");
}

static void put_field(struct osp_buf *b, const char *p, size_t len)
{
	if (!p) {
		osp_buf_puts(b, "\\N");
		return;
	}
	/* Bytes of a field that is not UTF-8 are written as \xHH, so that
	 * the file stays text; a UTF-8 field stays readable. */
	bool raw_high = osp_text_is_utf8(p, len);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '\\')
			osp_buf_puts(b, "\\\\");
		else if (c == '\t')
			osp_buf_puts(b, "\\t");
		else if (c == '\n')
			osp_buf_puts(b, "\\n");
		else if (c == '\r')
			osp_buf_puts(b, "\\r");
		else if (c < 0x20 || c == 0x7f || (c > 0x7f && !raw_high))
			osp_buf_printf(b, "\\x%02x", c);
		else
			osp_buf_putc(b, (char)c);
	}
}

void osp_userdata_add(struct osp_buf *b, const struct osp_userdata_record *r)
{
	osp_buf_puts(b, r->kind);
	for (size_t i = 0; i < r->n; i++) {
		osp_buf_putc(b, '\t');
		put_field(b, r->field[i], r->len[i]);
	}
	osp_buf_putc(b, '\n');
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes the field of `len` bytes at `p` into `out` (NUL-terminated);
 * false on a bad escape.  `*null` says the field was \N. */
static bool get_field(const char *p, size_t len, struct osp_buf *out,
		      bool *null)
{
	*null = len == 2 && p[0] == '\\' && p[1] == 'N';
	if (*null)
		return true;
	for (size_t i = 0; i < len; i++) {
		char c = p[i];
		if (c != '\\') {
			osp_buf_putc(out, c);
			continue;
		}
		if (++i >= len)
			return false;
		switch (p[i]) {
		case '\\': osp_buf_putc(out, '\\'); break;
		case 't': osp_buf_putc(out, '\t'); break;
		case 'n': osp_buf_putc(out, '\n'); break;
		case 'r': osp_buf_putc(out, '\r'); break;
		case 'x': {
			int hi = i + 2 < len ? hex_digit(p[i + 1]) : -1;
			int lo = hi >= 0 ? hex_digit(p[i + 2]) : -1;
			if (lo < 0)
				return false;
			osp_buf_putc(out, (char)(hi << 4 | lo));
			i += 2;
			break;
		}
		default:
			return false;
		}
	}
	osp_buf_putc(out, '\0');	/* each field ends in a NUL of its own */
	out->len--;
	return true;
}

/* Each kind's fields, a letter each: i an integer, b bytes, t UTF-8
 * text, n UTF-8 text or NULL. */
static const struct {
	const char *kind, *fields;
} layouts[] = {
	{"music-dir", "b"},
	{"favorite", "iibbnnn"},
	{"playlist", "ti"},
	{"entry", "ibb"},
	{"rule", "ttn"},
};

const char *osp_userdata_fields(const char *kind)
{
	for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
		if (strcmp(layouts[i].kind, kind) == 0)
			return layouts[i].fields;
	return NULL;
}

bool osp_userdata_field_int(const struct osp_userdata_record *r, size_t i,
			    long long *v)
{
	if (i >= r->n || !r->field[i] || !r->len[i])
		return false;
	char *end;
	errno = 0;
	*v = strtoll(r->field[i], &end, 10);
	return !errno && end == r->field[i] + r->len[i];
}

/* Whether `r` has its kind's fields, each of its type. */
static bool is_valid(const struct osp_userdata_record *r)
{
	const char *types = osp_userdata_fields(r->kind);
	if (!types || strlen(types) != r->n)
		return false;
	for (size_t i = 0; i < r->n; i++) {
		const char *f = r->field[i];
		long long v;
		switch (types[i]) {
		case 'i':
			if (!osp_userdata_field_int(r, i, &v))
				return false;
			break;
		case 'b':
			if (!f)
				return false;
			break;
		default:	/* text: no NUL inside, valid UTF-8 */
			if (!f ? types[i] != 'n'
			       : strlen(f) != r->len[i] ||
				 !osp_text_is_utf8(f, r->len[i]))
				return false;
			break;
		}
	}
	return true;
}

/* Splits one line (without its newline) into a record and hands it to
 * `fn`; false when it does not parse or `fn` refuses it.  `*in_playlist`
 * says whether entries may follow: the last record but entries was a
 * playlist taken. */
static bool parse_line(const char *line, size_t len,
		       osp_userdata_record_fn *fn, void *ctx,
		       bool *in_playlist)
{
	struct osp_buf fields[OSP_USERDATA_MAX_FIELDS + 1] = {{0}};
	struct osp_userdata_record r = {0};
	bool ok = true;
	size_t n = 0, start = 0;
	for (size_t i = 0; i <= len && ok; i++) {
		if (i < len && line[i] != '\t')
			continue;
		if (n > OSP_USERDATA_MAX_FIELDS) {
			ok = false;
			break;
		}
		bool null;
		ok = get_field(line + start, i - start, &fields[n], &null);
		if (n > 0) {
			r.field[n - 1] = null ? NULL : osp_buf_str(&fields[n]);
			r.len[n - 1] = null ? 0 : fields[n].len;
		}
		n++;
		start = i + 1;
	}
	if (ok) {
		r.kind = osp_buf_str(&fields[0]);
		r.n = n - 1;
		bool entry = strcmp(r.kind, "entry") == 0;
		ok = is_valid(&r) && (!entry || *in_playlist) && fn(ctx, &r);
		if (!entry)
			*in_playlist = ok && strcmp(r.kind, "playlist") == 0;
	} else {
		*in_playlist = false;
	}
	for (size_t i = 0; i <= OSP_USERDATA_MAX_FIELDS; i++)
		osp_buf_free(&fields[i]);
	return ok;
}

bool osp_userdata_parse(const char *text, size_t len, const char *name,
			osp_userdata_record_fn *fn, void *ctx, size_t *n_bad,
			struct osp_error *err)
{
	*n_bad = 0;
	const char *end = text + len;
	const char *nl = memchr(text, '\n', len);
	size_t magic = strlen(MAGIC);
	if (!nl || (size_t)(nl - text) <= magic ||
	    memcmp(text, MAGIC, magic) != 0)
		return osp_fail(err, OSP_ERR_INVALID,
				"%s: not an ostplay user data file", name);
	char *after;
	long version = strtol(text + magic, &after, 10);
	if (after < nl && *after == '\r')
		after++;
	if (after != nl || version < 1)
		return osp_fail(err, OSP_ERR_INVALID,
				"%s: not an ostplay user data file", name);
	if (version > OSP_USERDATA_VERSION)
		return osp_fail(err, OSP_ERR_INVALID,
				"%s: written by a newer ostplay (user data "
				"version %ld, this one knows %d)", name,
				version, OSP_USERDATA_VERSION);
	bool in_playlist = false;
	for (const char *p = nl + 1; p < end;) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		const char *next = e ? e + 1 : end;
		size_t n = (size_t)((e ? e : end) - p);
		if (n && p[n - 1] == '\r')
			n--;
		if (n && p[0] != '#' && !parse_line(p, n, fn, ctx, &in_playlist))
			(*n_bad)++;
		p = next;
	}
	return true;
}

bool osp_userdata_read(const char *path, osp_userdata_record_fn *fn,
		       void *ctx, bool *found, size_t *n_bad,
		       struct osp_error *err)
{
	struct osp_buf text = {0};
	struct osp_error e = {0};
	*n_bad = 0;
	*found = osp_file_read(path, MAX_FILE_BYTES, "a user data file",
			       &text, &e);
	bool ok = true;
	if (*found)
		ok = osp_userdata_parse(osp_buf_str(&text), text.len, path, fn,
					ctx, n_bad, err);
	else if (e.sys != ENOENT)
		ok = osp_fail(err, e.code, "%s", e.msg);
	osp_buf_free(&text);
	return ok;
}
