/*
 * text — UTF-8 checks, repair and comparison folding.
 *
 * Every string that reaches the database or the screen passes through here:
 * invalid UTF-8 is repaired, control characters are dropped, and search
 * keys are folded (Unicode NFKC + case fold, through utf8proc) so that
 * "ＧＯＢＬＩＮ", "goblin" and "Goblin" compare equal.  Knows nothing of
 * tags, files or dramas.
 */
#ifndef OSTPLAY_TEXT_H
#define OSTPLAY_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "ostplay/buf.h"

/* True when the `len` bytes at `s` are well-formed UTF-8 (no overlongs,
 * surrogates or code points past U+10FFFF). */
bool osp_text_is_utf8(const char *s, size_t len);

/* Returns a newly allocated copy of `len` bytes of `s` that is valid UTF-8:
 * each invalid byte becomes U+FFFD, C0 controls other than tab become a
 * space, and surrounding white space is trimmed.  Caller frees. */
char *osp_text_clean(const char *s, size_t len);

/* Returns a newly allocated folded key of the UTF-8 string `s`: NFKC, case
 * folded, runs of white space collapsed to one space, trimmed.  Invalid
 * input is cleaned first.  Caller frees. */
char *osp_text_fold(const char *s);

/* Appends `len` bytes of a file name to `b` for a human to read: valid
 * UTF-8 as is, every other byte as \xNN. */
void osp_text_escape_name(struct osp_buf *b, const char *s, size_t len);

#endif
