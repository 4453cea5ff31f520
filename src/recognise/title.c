#include "title.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ostplay/buf.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

/* Title words and bracketed parts that mark a version without vocals. */
static const char *const instrumental_words[] = {
	"inst", "instrumental", "mr", "karaoke", "반주", "연주", "연주곡",
	"offvocal", "backingtrack", "伴奏", "インスト", "カラオケ", "bgm",
	"オフホーカル",	/* オフボーカル, folded as titles are read */
};

/* Two words that together name a score piece, never a sung title: "Main
 * Theme", while "Theme of Love" alone may be sung. */
static const char *const instrumental_pairs[][2] = {
	{"main", "theme"}, {"main", "title"}, {"opening", "title"},
	{"ending", "title"}, {"title", "theme"}, {"메인", "테마"},
};

/* Words of scripts written without spaces that say score or accompaniment
 * anywhere in a title: "鬼怪配樂", "経音楽". */
static const char *const instrumental_infixes[] = {
	"연주곡", "경음악", "配樂", "配乐", "劇伴", "剧伴", "メインテーマ",
	"伴奏", "インスト", "カラオケ", "메인테마", "纯音乐", "純音樂",
};

/* Whether token `w` is an instrumental word: one of the list, or "bgm"
 * with a number ("BGM07"). */
static bool instrumental_token(const struct osp_tokens *t, size_t w)
{
	const char *v = t->v[w];
	if (strncmp(v, "bgm", 3) == 0 && v[3] &&
	    strspn(v + 3, "0123456789") == strlen(v + 3))
		return true;
	for (size_t i = 0; i < sizeof(instrumental_words) /
				   sizeof(instrumental_words[0]); i++)
		if (strcmp(v, instrumental_words[i]) == 0)
			/* "MR" only last, or before "Ver.": "Mr. Brightside"
			 * is sung. */
			return strcmp(v, "mr") != 0 || w + 1 == t->n ||
			       (w + 2 == t->n && (strcmp(t->v[w + 1], "ver") == 0 ||
						 strcmp(t->v[w + 1], "version") == 0));
	for (size_t i = 0; w + 1 < t->n && i < sizeof(instrumental_pairs) /
				   sizeof(instrumental_pairs[0]); i++)
		if (strcmp(v, instrumental_pairs[i][0]) == 0 &&
		    strcmp(t->v[w + 1], instrumental_pairs[i][1]) == 0)
			return true;
	return false;
}

bool osp_title_says_instrumental(const char *text)
{
	/* Most titles are plain ASCII without any of the words: rule them
	 * out before folding.  Other text may be full-width, so it is always
	 * folded. */
	static const char *const hints[] = {"inst", "mr", "karaoke", "off",
					    "backing", "bgm", "theme", "title",
					    "score"};
	bool ascii = true;
	for (const char *p = text; *p && ascii; p++)
		ascii = (unsigned char)*p < 0x80;
	if (ascii && !osp_text_has_any(text, hints, sizeof(hints) /
				       sizeof(hints[0]), true))
		return false;

	struct osp_tokens t = {0};
	osp_text_tokens(text, &t);
	/* "Score 3": a cue of the score numbered, as "BGM 07" is; "Score of
	 * My Life" is sung. */
	bool yes = t.n == 2 && strcmp(t.v[0], "score") == 0 &&
		   strspn(t.v[1], "0123456789") == strlen(t.v[1]);
	for (size_t w = 0; w < t.n && !yes; w++)
		yes = instrumental_token(&t, w);
	/* The words run together: "연주곡", "鬼怪配樂" are one word. */
	if (!yes) {
		char *key = osp_tokens_join(&t);
		for (size_t i = 0; !yes && i < sizeof(instrumental_words) /
					sizeof(instrumental_words[0]); i++)
			yes = strcmp(key, instrumental_words[i]) == 0;
		yes = yes || (!ascii && osp_text_has_any(
			key, instrumental_infixes, sizeof(instrumental_infixes) /
			sizeof(instrumental_infixes[0]), false));
		free(key);
	}
	osp_tokens_free(&t);
	return yes;
}

/* Whether a word of `part` is a version's ("Acoustic Ver.", "Remix"). */
static bool has_version_word(const char *part)
{
	static const char *const words[] = {
		"feat", "ft", "ver", "version", "remix", "live", "acoustic",
		"edit", "mix", "remaster", "remastered", "demo", "drama",
		"piano", "guitar", "bonus", "original", "lyrics", "mv",
		"audio", "official",
	};
	struct osp_tokens t = {0};
	osp_text_tokens(part, &t);
	bool yes = false;
	for (size_t w = 0; w < t.n && !yes; w++)
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]) && !yes; i++)
			yes = strcmp(t.v[w], words[i]) == 0;
	osp_tokens_free(&t);
	return yes;
}

/* Whether a bracketed or dash-separated part is a version note. */
static bool is_version_note(const char *part)
{
	return osp_title_says_instrumental(part) || has_version_word(part);
}

static void add_form(char **v, size_t *n, const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '-'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '-'))
		len--;
	if (!len || *n == OSP_TITLE_MAX_FORMS)
		return;
	for (size_t i = 0; i < *n; i++)
		if (strlen(v[i]) == len && memcmp(v[i], s, len) == 0)
			return;
	v[(*n)++] = xmemdup(s, len);
}

static const char *closing(char open)
{
	return open == '(' ? ")" : open == '[' ? "]" : open == '{' ? "}" : NULL;
}

/* The last word of b[0, *len) when there are two or more, with `*len`
 * cut to leave out trailing spaces; NULL for one word. */
static const char *last_word(const char *b, size_t *len)
{
	while (*len && b[*len - 1] == ' ')
		--*len;
	const char *space = *len ? memrchr(b, ' ', *len) : NULL;
	return space ? space + 1 : NULL;
}

/* Whether `word` is a video's, not a title's ("Stay With Me MV"). */
static bool is_video_word(const char *word)
{
	static const char *const words[] = {
		"mv", "m/v", "lyrics", "lyric", "가사",
		"audio", "official", "video",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasecmp(word, words[i]) == 0)
			return true;
	return false;
}

/* "... Color Coded Lyrics": where "Color" starts, before `coded` (a word
 * of b), setting *found; else `coded` itself. */
static const char *color_before(const char *b, const char *coded,
				bool *found)
{
	size_t len = (size_t)(coded - b);
	const char *prev = last_word(b, &len);
	size_t n = prev ? (size_t)(b + len - prev) : 0;
	*found = (n == 5 && strncasecmp(prev, "color", 5) == 0) ||
		 (n == 6 && strncasecmp(prev, "colour", 6) == 0);
	return *found ? prev : coded;
}

/* Quotation marks that set a title apart in a video's name. */
static const char *const quotes[][2] = {
	{"'", "'"}, {"\"", "\""}, {"‘", "’"}, {"“", "”"}, {"「", "」"},
	{"『", "』"}, {"《", "》"}, {"〈", "〉"},
};

/* The first quoted text of `s` outside brackets: its start and length,
 * and where its opening mark is in `*open`; false for none.  An ASCII
 * mark must stand apart, so that "It's" and "Rock'n'Roll" quote nothing. */
static bool find_quoted(const char *s, const char **text, size_t *len,
			const char **open)
{
	int depth = 0;
	for (const char *p = s; *p; p++) {
		if (closing(*p))
			depth++;
		else if (strchr(")]}", *p) && depth > 0)
			depth--;
		/* Every mark starts with one of these bytes. */
		if (depth || !strchr("'\"\xE2\xE3", *p))
			continue;
		for (size_t q = 0; q < sizeof(quotes) / sizeof(quotes[0]); q++) {
			size_t ol = strlen(quotes[q][0]);
			bool ascii = ol == 1;
			if (strncmp(p, quotes[q][0], ol) != 0 ||
			    (ascii && p > s && p[-1] != ' '))
				continue;
			const char *c = strstr(p + ol, quotes[q][1]);
			if (!c || c == p + ol ||
			    (ascii && c[1] && !strchr(" ([", c[1])))
				continue;
			*open = p;
			*text = p + ol;
			*len = (size_t)(c - *text);
			return true;
		}
	}
	return false;
}

/* Reads the bracketed parts of `s`: each a form and a part, its
 * instrumental words into `*instrumental`; `base` gets `s` without them,
 * `unversioned` without those that are version notes. */
static void bracket_forms(const char *s, struct osp_title_forms *f,
			  bool *instrumental, struct osp_buf *base,
			  struct osp_buf *unversioned)
{
	for (const char *p = s; *p;) {
		const char *close = closing(*p) ? strchr(p, *closing(*p)) : NULL;
		if (!close) {
			/* Up to the next bracket, in one piece. */
			size_t run = 1 + strcspn(p + 1, "([{");
			osp_buf_append(base, p, run);
			osp_buf_append(unversioned, p, run);
			p += run;
			continue;
		}
		char *part = xmemdup(p + 1, (size_t)(close - p - 1));
		/* is_version_note, without reading the part twice for
		 * instrumental words. */
		bool inst = osp_title_says_instrumental(part);
		*instrumental |= inst;
		if (!inst && !has_version_word(part))
			osp_buf_append(unversioned, p, (size_t)(close - p + 1));
		add_form(f->v, &f->n, part, strlen(part));
		add_form(f->parts, &f->n_parts, part, strlen(part));
		free(part);
		p = close + 1;
	}
}

/* The forms of `b`, a title without its brackets, less what surrounds the
 * song's name: a credit, a video's or an instrumental's last words, or a
 * second script. */
static void bare_forms(const char *b, size_t len, struct osp_title_forms *f,
		       bool *instrumental)
{
	/* "LOVE. FEAT. ZACARI.": a credit outside brackets. */
	char *low = osp_text_fold(b);
	const char *feat = strstr(low, " feat");
	if (!feat)
		feat = strstr(low, " ft.");
	if (feat) {
		add_form(f->parts, &f->n_parts, feat + 1, strlen(feat + 1));
		add_form(f->v, &f->n, low, (size_t)(feat - low));
	}
	free(low);
	/* "How Can I Love You MR", "Start Over Lyrics": last words that
	 * say instrumental, or a video's words, not the title's. */
	for (const char *last; (last = last_word(b, &len));) {
		char *word = xmemdup(last, len - (size_t)(last - b));
		bool inst = osp_title_says_instrumental(word);
		*instrumental |= inst;
		bool cut = inst || is_video_word(word);
		if (!cut && strcasecmp(word, "coded") == 0)
			last = color_before(b, last, &cut);
		free(word);
		if (!cut)
			break;
		len = (size_t)(last - b);
		add_form(f->v, &f->n, b, len);
	}
	/* "Start Over 시작": a title in two scripts side by side. */
	size_t turn = osp_text_script_turn(b, len);
	if (turn) {
		add_form(f->v, &f->n, b, turn);
		add_form(f->v, &f->n, b + turn, len - turn);
	}
}

/* What follows the first of the words Chinese and Japanese sites put
 * between a drama's name and its song's ("《陈情令》主题曲 无羁",
 * "片头曲《风起时》"), or NULL when nothing does. */
static const char *after_theme_word(const char *s)
{
	static const char *const words[] = {
		"主题曲", "主題曲", "片头曲", "片頭曲", "片尾曲", "插曲",
		"主題歌", "挿入歌",
	};
	size_t len;
	const char *first = osp_text_find_any(
		s, words, sizeof(words) / sizeof(words[0]), false, &len);
	if (!first)
		return NULL;
	const char *rest = first + len;
	rest += strspn(rest, " ");
	return *rest ? rest : NULL;
}

/* The forms of one piece of a title; see struct osp_title_forms. */
static void piece_forms(const char *s, struct osp_title_forms *f,
			bool *instrumental)
{
	add_form(f->v, &f->n, s, strlen(s));
	/* "Goblin OST - 03 Stay With Me": a track number before the title. */
	const char *rest = osp_title_after_number(s);
	if (rest != s && *rest)
		piece_forms(rest, f, instrumental);
	/* "《陈情令》主题曲 无羁": the title after the word for theme song. */
	rest = after_theme_word(s);
	if (rest) {
		piece_forms(rest, f, instrumental);
		/* "片头曲 风起时 胡歌", "主题曲 无羁 肖战 王一博": the singers
		 * after a space, one or two of them. */
		size_t len = strlen(rest);
		for (int singers = 0; singers < 2; singers++) {
			const char *space = memrchr(rest, ' ', len);
			if (!space || space == rest)
				break;
			len = (size_t)(space - rest);
			add_form(f->v, &f->n, rest, len);
			add_form(f->parts, &f->n_parts, space + 1,
				 strlen(space + 1));
		}
	}
	/* "Chanyeol, Punch 'Stay With Me' MV", "张碧晨《凉凉》": the title in
	 * quotes, and who sings it before them. */
	const char *quoted, *open;
	size_t quoted_len;
	if (find_quoted(s, &quoted, &quoted_len, &open)) {
		char *title = xmemdup(quoted, quoted_len);
		piece_forms(title, f, instrumental);
		free(title);
		add_form(f->parts, &f->n_parts, s, (size_t)(open - s));
	}
	struct osp_buf base = {0}, unversioned = {0};
	bracket_forms(s, f, instrumental, &base, &unversioned);
	add_form(f->v, &f->n, osp_buf_str(&base), base.len);
	add_form(f->v, &f->n, osp_buf_str(&unversioned), unversioned.len);
	bare_forms(osp_buf_str(&base), base.len, f, instrumental);
	osp_buf_free(&base);
	osp_buf_free(&unversioned);
}

/* Where the next " - " (or en/em dash, or a video site's " | " or " _ ")
 * outside brackets is, or NULL; its length in `*len`. */
static const char *next_dash(const char *s, size_t *len)
{
	int depth = 0;
	for (const char *p = s; *p; p++) {
		if (closing(*p))
			depth++;
		else if ((*p == ')' || *p == ']' || *p == '}') && depth > 0)
			depth--;
		else if (depth || *p != ' ')
			continue;
		else if (strncmp(p, " - ", 3) == 0 ||
			 strncmp(p, " | ", 3) == 0 || strncmp(p, " _ ", 3) == 0)
			return *len = 3, p;	/* video sites: "|" and "_" */
		else if (strncmp(p, " \xE2\x80\x93 ", 5) == 0 ||
			 strncmp(p, " \xE2\x80\x94 ", 5) == 0)
			return *len = 5, p;
	}
	return NULL;
}

/* Past a tag in brackets at the start of `p` ("[MV] ", "【MV】") and
 * the spaces after it, with the tag's text in `*tag` and `*tag_len`; NULL
 * when `p` starts with none. */
static const char *past_leading_tag(const char *p, const char **tag,
				    size_t *tag_len)
{
	static const char *const pairs[][2] = {{"[", "]"}, {"【", "】"}};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		size_t ol = strlen(pairs[i][0]);
		const char *close = strncmp(p, pairs[i][0], ol) == 0
					    ? strstr(p + ol, pairs[i][1]) : NULL;
		if (!close)
			continue;
		*tag = p + ol;
		*tag_len = (size_t)(close - *tag);
		close += strlen(pairs[i][1]);
		return close + strspn(close, " ");
	}
	return NULL;
}

void osp_title_read(const char *title, struct osp_title_forms *f,
		    bool *instrumental)
{
	*f = (struct osp_title_forms){0};
	/* "BGM 07", "Main Theme": the words may be the whole title. */
	*instrumental |= osp_title_says_instrumental(title);
	piece_forms(title, f, instrumental);
	/* "[MV] ...", "[Goblin OST Part.1] Chanyeol, Punch - ...": leading
	 * tags in brackets are parts of their own, and what follows is read
	 * without them. */
	const char *p = title, *dash, *tag, *next;
	size_t tag_len;
	while ((next = past_leading_tag(p, &tag, &tag_len))) {
		add_form(f->parts, &f->n_parts, tag, tag_len);
		p = next;
	}
	if (p != title)
		piece_forms(p, f, instrumental);
	size_t len;
	bool split = false;
	while ((dash = next_dash(p, &len))) {
		char *piece = xmemdup(p, (size_t)(dash - p));
		piece_forms(piece, f, instrumental);
		add_form(f->parts, &f->n_parts, piece, strlen(piece));
		free(piece);
		p = dash + len;
		split = true;
	}
	if (split) {
		piece_forms(p, f, instrumental);
		add_form(f->parts, &f->n_parts, p, strlen(p));
		*instrumental |= osp_title_says_instrumental(p);	/* "Always - MR" */
	}
}

void osp_title_forms_free(struct osp_title_forms *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i]);
	for (size_t i = 0; i < f->n_parts; i++)
		free(f->parts[i]);
}

const char *osp_title_after_number(const char *name)
{
	const char *p = name;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p == name || p - name > 3 || !*p || !strchr(". -_)", *p))
		return name;
	while (*p && strchr(". -_)", *p))
		p++;
	return p;
}

void osp_title_parse_file_name(const char *name, char **artist,
			       char **title)
{
	*artist = NULL;
	if (title)
		*title = NULL;
	const char *p = osp_title_after_number(name);
	/* "[MV] Chen, Punch - Everytime": tags in brackets lead no credit. */
	const char *tag, *next;
	size_t tag_len;
	while ((next = past_leading_tag(p, &tag, &tag_len)))
		p = next;
	/* "Artist - Title", or a video site's "Artist _ Title". */
	const char *dash = strstr(p, " - ");
	if (!dash)
		dash = strstr(p, " _ ");
	if (dash)
		*artist = xmemdup(p, (size_t)(dash - p));
	if (title)
		*title = xstrdup(dash ? dash + 3 : p);
}

void osp_title_version(const struct osp_title_forms *tf, char *out,
		       size_t max)
{
	static const char *const silent[] = {
		"ver", "version", "official", "audio", "lyrics", "lyric", "mv",
		"original", "remaster", "remastered", "ost", "inst",
		"instrumental", "mr", "feat", "ft", "with", "prod", "by",
	};
	struct osp_buf b = {0};
	struct osp_tokens t = {0};
	for (size_t i = 0; i < tf->n_parts; i++) {
		/* A dash piece's own words: its brackets are parts too ("Stay
		 * With Me (Lyrics)" is a title and a note, not a version). */
		struct osp_buf own = {0};
		int depth = 0;
		for (const char *p = tf->parts[i]; *p; p++) {
			if (closing(*p))
				depth++;
			else if (strchr(")]}", *p) && depth > 0)
				depth--;
			else if (!depth)
				osp_buf_putc(&own, *p);
		}
		bool note = own.len && is_version_note(osp_buf_str(&own));
		if (note)
			osp_text_tokens(osp_buf_str(&own), &t);
		osp_buf_free(&own);
		if (!note)
			continue;
		bool credit = t.n && (strcmp(t.v[0], "feat") == 0 ||
				      strcmp(t.v[0], "ft") == 0);
		for (size_t w = 0; w < t.n && !credit; w++) {
			bool quiet = false;
			for (size_t s = 0; s < sizeof(silent) / sizeof(silent[0]); s++)
				quiet |= strcmp(t.v[w], silent[s]) == 0;
			if (!quiet)
				osp_buf_printf(&b, "%s%s", b.len ? " " : "", t.v[w]);
		}
	}
	osp_tokens_free(&t);
	snprintf(out, max, "%s", osp_buf_str(&b));
	osp_buf_free(&b);
}
