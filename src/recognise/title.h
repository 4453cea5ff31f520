/*
 * title — what a track's title says besides the song's name: the forms to
 * look the song up by, the parts that may credit performers, whether it
 * is an instrumental, and its version notes; and what a file name says
 * when there are no tags.  Text only: the matcher (match.c) looks the
 * forms up in the catalogs.
 */
#ifndef OSTPLAY_TITLE_H
#define OSTPLAY_TITLE_H

#include <stdbool.h>
#include <stddef.h>

#define OSP_TITLE_MAX_FORMS 24

/* A title's forms to look up: as it is, without its bracketed parts,
 * without only its version notes, each bracketed part ("다시 너를 (Once
 * Again)"), and the same for each part between dashes ("[Goblin OST] Ailee
 * - First Snow (Lyrics)").  `parts` are the bracketed and dash-separated
 * pieces, which may name performers. */
struct osp_title_forms {
	char *v[OSP_TITLE_MAX_FORMS];
	size_t n;
	char *parts[OSP_TITLE_MAX_FORMS];
	size_t n_parts;
};

/* Fills `f` with the forms of `title`, and sets `*instrumental` when the
 * title, a part of it or its last word says so ("BGM 07", "Main Theme",
 * "(Inst.)", "... MR"); osp_title_forms_free frees. */
void osp_title_read(const char *title, struct osp_title_forms *f,
		    bool *instrumental);
void osp_title_forms_free(struct osp_title_forms *f);

/* Whether `text` says instrumental: one of the words (Inst., MR, BGM07,
 * 연주곡, 配樂, ...), a pair that names a score piece ("Main Theme"), or
 * a word glued into text written without spaces. */
bool osp_title_says_instrumental(const char *text);

/* The words that set a recording apart from others of its song: version
 * notes in brackets or after a dash ("Acoustic Ver.", "- Remix"), less
 * the words that say nothing of the sound ("inst" is added when the
 * catalog or the title says instrumental), into `out` of `max` bytes. */
void osp_title_version(const struct osp_title_forms *tf, char *out,
		       size_t max);

/* `name` past a leading track number of up to three digits and its
 * separators ("03. Stay With Me" -> "Stay With Me"), else `name`. */
const char *osp_title_after_number(const char *name);

/* What a file name says when tags do not: "03. Chanyeol, Punch - Stay With
 * Me" -> artist "Chanyeol, Punch", title "Stay With Me" (newly allocated;
 * `*artist` NULL when the name has no dash; `title` may be NULL when only
 * the artist is wanted). */
void osp_title_parse_file_name(const char *name, char **artist,
			       char **title);

#endif
