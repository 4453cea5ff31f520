/*
 * filter — MPD's song filters: the old `TAG VALUE ...` pairs and the
 * filter expressions of the current protocol, `(Artist == "x")`,
 * `(Album contains 'y')`, `(!(Genre == "z"))`, `((a) AND (b))`,
 * `(file =~ "re")`, `(base "dir")`, `(modified-since "2024-01-01")`,
 * parsed once and matched against library tracks.
 *
 * Parsing follows MPD 0.23 (src/song/Filter.cxx) and gives its error
 * texts; `starts_with` (MPD 0.24) is accepted too.  Regular expressions
 * are POSIX extended ones where MPD has PCRE: the same for the usual
 * patterns.  Case folding is osp_text_fold's (NFKC + case fold) where MPD
 * uses ICU's.  Knows nothing of the connection or the library's SQL.
 */
#ifndef OSTPLAY_DAEMON_DATABASE_FILTER_H
#define OSTPLAY_DAEMON_DATABASE_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "ostplay/library.h"

struct db_filter;

/* Parses `argc` words (`argv`) into one filter that all of them must
 * pass; `fold_case` (search, not find) compares without case, and makes
 * the old form's values substrings, as MPD does.  Returns NULL with MPD's
 * message in `msg` when the words are not a filter.  db_filter_free. */
struct db_filter *db_filter_parse(int argc, char *const *argv, bool fold_case,
				  char *msg, size_t msg_size);
void db_filter_free(struct db_filter *f);

/* Whether track `t`, whose URI is `uri`, passes `f`. */
bool db_filter_match(const struct db_filter *f, const char *uri,
		     const struct osp_track *t);

/* What every song passing `f` must have, for narrowing the library query:
 * the folder a `base` names (NULL when none), and the exact Drama asked
 * for (NULL when none). */
const char *db_filter_base(const struct db_filter *f);
const char *db_filter_drama(const struct db_filter *f);

#endif
