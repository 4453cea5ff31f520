/*
 * discover — dramas that no catalog lists, named by the user's own files.
 *
 * Reads a drama's name out of the text that calls a file an OST ("Crash
 * Landing on You OST Part.1", "电视剧《陈情令》插曲", "ドラマ「X」サウンド
 * トラック", "[X OST] Artist - Song"), refusing what is no TV drama's
 * (films, games, anime, stage casts, compilations and covers); and groups
 * the names the files use into one drama per work.  Knows nothing of the
 * catalogs or the library: the match module asks it only about text that
 * names no catalogued drama, and the caller stores what it decides.
 */
#ifndef OSTPLAY_DISCOVER_H
#define OSTPLAY_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>

/* What a piece of text says about a drama. */
enum osp_discover_verdict {
	OSP_DISCOVER_NONE,		/* no soundtrack named */
	OSP_DISCOVER_NAMED,		/* a TV drama's soundtrack */
	OSP_DISCOVER_FILM,		/* a soundtrack, but of these: */
	OSP_DISCOVER_ANIME,
	OSP_DISCOVER_GAME,
	OSP_DISCOVER_STAGE,
	OSP_DISCOVER_COMPILATION,	/* ... or of many dramas */
};

/* The longest name kept, in bytes; longer ones name no drama. */
#define OSP_DISCOVER_NAME_MAX 200

struct osp_discovered {
	char name[OSP_DISCOVER_NAME_MAX + 1];	/* as written, trimmed */
	/* The same drama's name in another script, when the text gives
	 * both ("사랑의 불시착 (Crash Landing on You) OST"), else "". */
	char alias[OSP_DISCOVER_NAME_MAX + 1];
	/* The words that said soundtrack, or what it is instead, for
	 * explain ("OST", "Motion Picture"). */
	char why[64];
};

/* What reads names: the tables of words that say soundtrack, film, part
 * ..., made ready once.  One belongs to one thread. */
struct osp_discoverer;
struct osp_discoverer *osp_discoverer_new(void);
void osp_discoverer_free(struct osp_discoverer *d);

/* Reads what `text` (an album, a folder or file name, a title) says;
 * fills `*out` for OSP_DISCOVER_NAMED, and `out->why` for the others. */
enum osp_discover_verdict osp_discover_name(struct osp_discoverer *d,
					    const char *text,
					    struct osp_discovered *out);

/* Whether `text` may say soundtrack at all: a cheap test before
 * osp_discover_name, for the many titles that never do. */
bool osp_discover_may_name(const char *text);

/* Whether `text` (a genre, an enclosing folder) says only that what it
 * holds are drama soundtracks: "OST", "K-Drama", "드라마 OST"; a folder
 * or album named by nothing else inside it names the drama. */
bool osp_discover_is_context(struct osp_discoverer *d, const char *text);

/* The key under which spellings of one name are one drama: folded words
 * without punctuation or articles ("The Untamed" = "untamed").  Caller
 * frees. */
char *osp_discover_key(const char *name);

/*
 * Grouping.  Each file of a discovered drama is an entry: the name (and
 * alias) it gave, and its song: title and performers.  Names with one key
 * are one drama; so are two names that one file gives, and two names under
 * which the same song (title) is sung by the same performer, compared
 * across scripts ("윤미래" = "Yoon Mi-rae").  Rules the user set join a
 * name to another drama or drop it.
 */
struct osp_discover_entry {
	const char *name;
	const char *alias;	/* may be NULL */
	const char *title;	/* may be NULL */
	char *const *artists;
	size_t n_artists;
};

/* What makes two files of one discovered drama one song: the title
 * without its bracketed notes and the performers, each sounded alike
 * across scripts; NULL without a title.  Caller frees. */
char *osp_discover_song_key(struct osp_discoverer *d, const char *title,
			    char *const *artists, size_t n_artists);

enum osp_discover_rule_kind {
	OSP_DISCOVER_NOT_DRAMA,	/* "X" is no drama */
	OSP_DISCOVER_ALIAS,	/* "X" is another name of `target` */
};

struct osp_discover_rule {
	const char *name;	/* compared by osp_discover_key */
	enum osp_discover_rule_kind kind;
	const char *target;	/* OSP_DISCOVER_ALIAS: a drama's title */
};

struct osp_discover_groups {
	/* For each entry, the drama it belongs to: its display name, the
	 * Latin-script spelling most files use when there is one, else the
	 * most used; NULL when a rule says the name is no drama.  Points into
	 * `names`. */
	const char **drama;
	/* The distinct dramas, and for each a native spelling besides
	 * (NULL when there is none). */
	char **names;
	char **native;
	size_t n;
};

/* Groups `n` entries under `rules`; free with osp_discover_groups_free. */
void osp_discover_group(const struct osp_discover_entry *e, size_t n,
			const struct osp_discover_rule *rules, size_t n_rules,
			struct osp_discover_groups *out);
void osp_discover_groups_free(struct osp_discover_groups *g);

#endif
