/* MPD's song filters: a small recursive-descent parser and a matcher. */
#include "filter.h"

#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "song.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

enum kind { F_TAG, F_ANY, F_FILE, F_BASE, F_SINCE, F_FORMAT, F_NOT, F_AND };
enum op { OP_EQ, OP_CONTAINS, OP_STARTS_WITH, OP_REGEX };

struct db_filter {
	enum kind kind;
	enum db_tag tag;		/* F_TAG */
	/* F_TAG, F_ANY, F_FILE: how the value compares */
	enum op op;
	bool negated;
	bool fold_case;
	char *value;		/* folded when fold_case; F_BASE's folder */
	regex_t re;		/* OP_REGEX */
	int64_t since;		/* F_SINCE: Unix seconds */
	struct db_filter **items;	/* F_AND's, or F_NOT's one */
	size_t n_items;
};

/* A parse in progress: the text left, and the first error. */
struct parser {
	const char *s;
	bool fold_case;
	char *msg;
	size_t msg_size;
	bool failed;
};

static struct db_filter *fail(struct parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static struct db_filter *fail(struct parser *p, const char *fmt, ...)
{
	if (!p->failed) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(p->msg, p->msg_size, fmt, ap);
		va_end(ap);
	}
	p->failed = true;
	return NULL;
}

void db_filter_free(struct db_filter *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n_items; i++)
		db_filter_free(f->items[i]);
	free(f->items);
	if (f->op == OP_REGEX && (f->kind == F_TAG || f->kind == F_ANY ||
				  f->kind == F_FILE))
		regfree(&f->re);
	free(f->value);
	free(f);
}

static void add_item(struct db_filter *and, struct db_filter *item)
{
	and->items = xrealloc(and->items,
			      (and->n_items + 1) * sizeof(*and->items));
	and->items[and->n_items++] = item;
}

/* `s` folded for comparing without case: plain ASCII lower case for the
 * common ASCII text (no allocation), osp_text_fold otherwise.  Either way
 * the result is in `*buf` or newly allocated in `*owned`. */
static const char *fold(const char *s, char *buf, size_t size, char **owned)
{
	*owned = NULL;
	size_t i = 0;
	for (; s[i] && i + 1 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80)
			break;
		buf[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	if (!s[i]) {
		buf[i] = '\0';
		return buf;
	}
	*owned = osp_text_fold(s);
	return *owned;
}

static char *fold_copy(const char *s)
{
	char buf[256], *owned;
	const char *f = fold(s, buf, sizeof(buf), &owned);
	return owned ? owned : xstrdup(f);
}

/* A string filter's value, set up: folded, or compiled. */
static struct db_filter *string_filter(struct parser *p, enum kind kind,
				       enum db_tag tag, enum op op,
				       bool negated, const char *value)
{
	struct db_filter *f = xcalloc(1, sizeof(*f));
	*f = (struct db_filter){.kind = kind, .tag = tag, .op = op,
				.negated = negated, .fold_case = p->fold_case};
	if (op == OP_REGEX) {
		int flags = REG_EXTENDED | REG_NOSUB |
			    (p->fold_case ? REG_ICASE : 0);
		int rc = regcomp(&f->re, value, flags);
		if (rc != 0) {
			char why[128];
			regerror(rc, &f->re, why, sizeof(why));
			free(f);
			return fail(p, "%s", why);
		}
		f->value = xstrdup(value);
	} else {
		f->value = p->fold_case ? fold_copy(value) : xstrdup(value);
	}
	return f;
}

/* ISO 8601 (2024-01-02, 2024-01-02T03:04:05Z, ...) or Unix seconds. */
static bool parse_time(const char *s, int64_t *secs)
{
	struct tm tm = {0};
	const char *end = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!end) {
		tm = (struct tm){0};
		end = strptime(s, "%Y-%m-%d", &tm);
	}
	if (end && (!*end || strcmp(end, "Z") == 0)) {
		*secs = (int64_t)timegm(&tm);
		return true;
	}
	char *e;
	unsigned long long v = strtoull(s, &e, 10);
	if (e == s || *e || v > INT64_MAX)
		return false;
	*secs = (int64_t)v;
	return true;
}

enum { TYPE_FILE = DB_N_TAGS + 1, TYPE_ANY, TYPE_BASE, TYPE_SINCE,
       TYPE_AUDIO_FORMAT, TYPE_UNKNOWN };

static int filter_type(const char *name)
{
	if (strcasecmp(name, "file") == 0 || strcasecmp(name, "filename") == 0)
		return TYPE_FILE;
	if (strcasecmp(name, "any") == 0)
		return TYPE_ANY;
	if (strcmp(name, "base") == 0)
		return TYPE_BASE;
	if (strcmp(name, "modified-since") == 0)
		return TYPE_SINCE;
	if (strcasecmp(name, "AudioFormat") == 0)
		return TYPE_AUDIO_FORMAT;
	enum db_tag tag = db_tag_parse(name);
	return tag == DB_N_TAGS ? TYPE_UNKNOWN : (int)tag;
}

static void skip_space(struct parser *p)
{
	while (*p->s && (unsigned char)*p->s <= ' ')
		p->s++;
}

static bool is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == '-';
}

/* A word into `buf`; false (and the error) when there is none. */
static bool expect_word(struct parser *p, char *buf, size_t size)
{
	size_t n = 0;
	while (is_word_char(p->s[n]))
		n++;
	if (!n) {
		fail(p, "Word expected");
		return false;
	}
	snprintf(buf, size, "%.*s", (int)n, p->s);
	p->s += n;
	skip_space(p);
	return true;
}

/* A quoted string, backslash escaping the next character; newly
 * allocated, or NULL with the error. */
static char *expect_quoted(struct parser *p)
{
	char quote = *p->s;
	if (quote != '"' && quote != '\'') {
		fail(p, "Quoted string expected");
		return NULL;
	}
	p->s++;
	size_t cap = strlen(p->s) + 1, n = 0;
	char *out = xmalloc(cap);
	while (*p->s != quote) {
		if (*p->s == '\\')
			p->s++;
		if (!*p->s) {
			free(out);
			fail(p, "Closing quote not found");
			return NULL;
		}
		out[n++] = *p->s++;
	}
	out[n] = '\0';
	p->s++;
	skip_space(p);
	return out;
}

static bool expect_close(struct parser *p)
{
	if (*p->s != ')') {
		fail(p, "')' expected");
		return false;
	}
	p->s++;
	skip_space(p);
	return true;
}

static bool after_prefix(struct parser *p, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncasecmp(p->s, prefix, n) != 0)
		return false;
	p->s += n;
	skip_space(p);
	return true;
}

/* The operator and value of a tag, `any` or `file` expression. */
static struct db_filter *parse_string_filter(struct parser *p, enum kind kind,
					     enum db_tag tag)
{
	enum op op = OP_EQ;
	bool negated = false;
	if (after_prefix(p, "contains ")) {
		op = OP_CONTAINS;
	} else if (after_prefix(p, "!contains ")) {
		op = OP_CONTAINS, negated = true;
	} else if (after_prefix(p, "starts_with ")) {
		op = OP_STARTS_WITH;
	} else if (after_prefix(p, "!starts_with ")) {
		op = OP_STARTS_WITH, negated = true;
	} else if ((p->s[0] == '!' || p->s[0] == '=') && p->s[1] == '~') {
		op = OP_REGEX, negated = p->s[0] == '!';
		p->s += 2;
		skip_space(p);
	} else if ((p->s[0] == '!' || p->s[0] == '=') && p->s[1] == '=') {
		negated = p->s[0] == '!';
		p->s += 2;
		skip_space(p);
	} else {
		return fail(p, "'==' or '!=' expected");
	}
	char *value = expect_quoted(p);
	if (!value)
		return NULL;
	struct db_filter *f = string_filter(p, kind, tag, op, negated, value);
	free(value);
	if (f && !expect_close(p)) {
		db_filter_free(f);
		return NULL;
	}
	return f;
}

static struct db_filter *parse_expression(struct parser *p);

/* After "(": "(a) AND (b) ...)" or "(a))". */
static struct db_filter *parse_and(struct parser *p)
{
	struct db_filter *first = parse_expression(p);
	if (!first)
		return NULL;
	if (*p->s == ')') {
		p->s++;
		return first;
	}
	struct db_filter *and = xcalloc(1, sizeof(*and));
	and->kind = F_AND;
	add_item(and, first);
	for (;;) {
		char word[16];
		if (!expect_word(p, word, sizeof(word)))
			goto bad;
		if (strcmp(word, "AND") != 0) {
			fail(p, "'AND' expected");
			goto bad;
		}
		if (*p->s != '(') {
			fail(p, "'(' expected");
			goto bad;
		}
		struct db_filter *next = parse_expression(p);
		if (!next)
			goto bad;
		add_item(and, next);
		if (*p->s == ')') {
			p->s++;
			return and;
		}
	}
bad:
	db_filter_free(and);
	return NULL;
}

static struct db_filter *parse_not(struct parser *p)
{
	p->s++;
	skip_space(p);
	if (*p->s != '(')
		return fail(p, "'(' expected");
	struct db_filter *inner = parse_expression(p);
	if (!inner)
		return NULL;
	if (!expect_close(p)) {
		db_filter_free(inner);
		return NULL;
	}
	struct db_filter *not = xcalloc(1, sizeof(*not));
	not->kind = F_NOT;
	add_item(not, inner);
	return not;
}

/* AudioFormat == "44100:16:2", or =~ with "*" for any part. */
static struct db_filter *parse_format(struct parser *p)
{
	bool mask = p->s[0] == '=' && p->s[1] == '~';
	if (!mask && !(p->s[0] == '=' && p->s[1] == '='))
		return fail(p, "'==' or '=~' expected");
	p->s += 2;
	skip_space(p);
	char *value = expect_quoted(p);
	if (!value)
		return NULL;
	int parts = 1;
	for (const char *c = value; *c; c++)
		parts += *c == ':';
	if (parts != 3 || (!mask && strchr(value, '*'))) {
		free(value);
		return fail(p, "Invalid audio format");
	}
	struct db_filter *f = xcalloc(1, sizeof(*f));
	f->kind = F_FORMAT;
	f->value = value;
	if (!expect_close(p)) {
		db_filter_free(f);
		return NULL;
	}
	return f;
}

/* Whether format `have` ("44100:16:2") fits `want`, whose parts may be
 * "*". */
static bool format_fits(const char *have, const char *want)
{
	while (*want) {
		size_t nh = strcspn(have, ":"), nw = strcspn(want, ":");
		if (!(nw == 1 && *want == '*') &&
		    (nh != nw || strncmp(have, want, nw) != 0))
			return false;
		have += nh + (have[nh] == ':');
		want += nw + (want[nw] == ':');
	}
	return !*have;
}

/* One parenthesised expression, from its "(". */
static struct db_filter *parse_expression(struct parser *p)
{
	p->s++;
	skip_space(p);
	if (*p->s == '(')
		return parse_and(p);
	if (*p->s == '!')
		return parse_not(p);
	char name[64];
	if (!expect_word(p, name, sizeof(name)))
		return NULL;
	int type = filter_type(name);
	if (type == TYPE_UNKNOWN)
		return fail(p, "Unknown filter type: %s", name);
	if (type == TYPE_AUDIO_FORMAT)
		return parse_format(p);
	if (type == TYPE_BASE || type == TYPE_SINCE) {
		char *value = expect_quoted(p);
		if (!value)
			return NULL;
		struct db_filter *f = xcalloc(1, sizeof(*f));
		f->kind = type == TYPE_BASE ? F_BASE : F_SINCE;
		if (type == TYPE_SINCE && !parse_time(value, &f->since)) {
			free(value);
			free(f);
			return fail(p, "Failed to parse date");
		}
		if (type == TYPE_BASE)
			f->value = value;
		else
			free(value);
		if (!expect_close(p)) {
			db_filter_free(f);
			return NULL;
		}
		return f;
	}
	if (type == TYPE_ANY)
		return parse_string_filter(p, F_ANY, DB_N_TAGS);
	if (type == TYPE_FILE)
		return parse_string_filter(p, F_FILE, DB_N_TAGS);
	return parse_string_filter(p, F_TAG, (enum db_tag)type);
}

/* Whether `uri` is a safe relative path, as MPD's uri_safe_local. */
static bool is_safe_local(const char *uri)
{
	if (uri[0] == '/')
		return false;
	for (const char *s = uri;;) {
		const char *slash = strchr(s, '/');
		size_t n = slash ? (size_t)(slash - s) : strlen(s);
		if ((n == 1 && s[0] == '.') ||
		    (n == 2 && s[0] == '.' && s[1] == '.') ||
		    (n == 0 && (slash || s != uri)))
			return false;
		if (!slash)
			return true;
		s = slash + 1;
	}
}

/* The old form's pair: TAG VALUE. */
static struct db_filter *parse_pair(struct parser *p, const char *name,
				    const char *value)
{
	int type = filter_type(name);
	if (type == TYPE_UNKNOWN || type == TYPE_AUDIO_FORMAT)
		return fail(p, "Unknown filter type");
	if (type == TYPE_BASE) {
		if (!is_safe_local(value))
			return fail(p, "Bad URI");
		struct db_filter *f = xcalloc(1, sizeof(*f));
		f->kind = F_BASE;
		f->value = xstrdup(value);
		return f;
	}
	if (type == TYPE_SINCE) {
		struct db_filter *f = xcalloc(1, sizeof(*f));
		f->kind = F_SINCE;
		if (!parse_time(value, &f->since)) {
			free(f);
			return fail(p, "Failed to parse date");
		}
		return f;
	}
	/* MPD 0.20's compatibility: folding case means substrings too. */
	enum op op = p->fold_case ? OP_CONTAINS : OP_EQ;
	enum kind kind = type == TYPE_FILE ? F_FILE
			 : type == TYPE_ANY ? F_ANY : F_TAG;
	return string_filter(p, kind, kind == F_TAG ? (enum db_tag)type
						    : DB_N_TAGS, op, false,
			     value);
}

struct db_filter *db_filter_parse(int argc, char *const *argv, bool fold_case,
				  char *msg, size_t msg_size)
{
	struct parser p = {.fold_case = fold_case, .msg = msg,
			   .msg_size = msg_size};
	if (argc == 0) {
		fail(&p, "Incorrect number of filter arguments");
		return NULL;
	}
	struct db_filter *and = xcalloc(1, sizeof(*and));
	and->kind = F_AND;
	for (int i = 0; i < argc;) {
		struct db_filter *f;
		if (argv[i][0] == '(') {
			p.s = argv[i++];
			f = parse_expression(&p);
			if (f && *p.s) {
				db_filter_free(f);
				f = fail(&p, "Unparsed garbage after expression");
			}
		} else if (argc - i < 2) {
			f = fail(&p, "Incorrect number of filter arguments");
		} else {
			f = parse_pair(&p, argv[i], argv[i + 1]);
			i += 2;
		}
		if (!f) {
			db_filter_free(and);
			return NULL;
		}
		add_item(and, f);
	}
	return and;
}

/* Whether `s` passes f's comparison, before its negation. */
static bool match_string(const struct db_filter *f, const char *s)
{
	if (f->op == OP_REGEX)
		return regexec(&f->re, s, 0, NULL, 0) == 0;
	char buf[512], *owned = NULL;
	if (f->fold_case)
		s = fold(s, buf, sizeof(buf), &owned);
	bool yes;
	switch (f->op) {
	case OP_CONTAINS: yes = strstr(s, f->value) != NULL; break;
	case OP_STARTS_WITH:
		yes = strncmp(s, f->value, strlen(f->value)) == 0;
		break;
	default: yes = strcmp(s, f->value) == 0; break;
	}
	free(owned);
	return yes;
}

static bool match_values(const struct db_filter *f, const struct db_values *v)
{
	for (size_t i = 0; i < v->n; i++)
		if (match_string(f, v->v[i]))
			return true;
	return false;
}

/* MPD's TagSongFilter: a tag it lacks is tried in its fallback; a tag
 * that is absent altogether equals "". */
static bool match_tag(const struct db_filter *f, const struct osp_track *t)
{
	struct db_values v;
	db_song_values(t, f->tag, &v);
	if (v.n)
		return match_values(f, &v) != f->negated;
	db_song_values_fallback(t, f->tag, &v);
	if (v.n)
		return match_values(f, &v) != f->negated;
	if (!f->value[0] && f->op != OP_REGEX)
		return !f->negated;
	return f->negated;
}

static bool match_any(const struct db_filter *f, const struct osp_track *t)
{
	/* MPD's tag types: not ostplay's Drama and OstTrack, so that `any`
	 * finds what it finds in MPD. */
	for (int tag = 0; tag < DB_TAG_DRAMA; tag++) {
		struct db_values v;
		db_song_values(t, (enum db_tag)tag, &v);
		if (match_values(f, &v))
			return !f->negated;
	}
	return f->negated;
}

bool db_filter_match(const struct db_filter *f, const char *uri,
		     const struct osp_track *t)
{
	switch (f->kind) {
	case F_TAG:
		return match_tag(f, t);
	case F_ANY:
		return match_any(f, t);
	case F_FILE:
		return match_string(f, uri) != f->negated;
	case F_BASE: {
		size_t n = strlen(f->value);
		return strncmp(uri, f->value, n) == 0 &&
		       (uri[n] == '\0' || uri[n] == '/');
	}
	case F_SINCE:
		return t->mtime_ns / 1000000000 >= f->since;
	case F_FORMAT: {
		char have[64];
		return db_song_format(t, have, sizeof(have)) &&
		       format_fits(have, f->value);
	}
	case F_NOT:
		return !db_filter_match(f->items[0], uri, t);
	case F_AND:
		for (size_t i = 0; i < f->n_items; i++)
			if (!db_filter_match(f->items[i], uri, t))
				return false;
		return true;
	}
	return false;
}

const char *db_filter_base(const struct db_filter *f)
{
	for (size_t i = 0; f && f->kind == F_AND && i < f->n_items; i++)
		if (f->items[i]->kind == F_BASE)
			return f->items[i]->value;
	return f && f->kind == F_BASE ? f->value : NULL;
}

const char *db_filter_drama(const struct db_filter *f)
{
	for (size_t i = 0; f && f->kind == F_AND && i < f->n_items; i++) {
		const struct db_filter *g = f->items[i];
		if (g->kind == F_TAG && g->tag == DB_TAG_DRAMA &&
		    g->op == OP_EQ && !g->negated && !g->fold_case &&
		    g->value[0])
			return g->value;
	}
	return NULL;
}
