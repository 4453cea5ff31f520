/*
 * protocol — the word syntax of the MPD protocol, both ways.
 *
 * Commands are words separated by spaces; a word with spaces is in double
 * quotes, inside which \" and \\ stand for " and \.  Depends on nothing.
 */
#ifndef OSTPLAY_PROTOCOL_H
#define OSTPLAY_PROTOCOL_H

#include <stdbool.h>

#include "ostplay/buf.h"

/* Splits `line` in place into at most `max` words stored in `words`.
 * Returns the number of words, -1 for an unterminated quote, -2 for more
 * than `max` words. */
int osp_proto_split(char *line, char **words, int max);

/* Appends "key: value\n" to `b`, the value kept on one line: a line break
 * in it (from a tag or a file name) becomes a space, so that no value can
 * forge a line of its own. */
void osp_proto_pair(struct osp_buf *b, const char *key, const char *value);

/* Appends `s` to `b` as one word, quoted when it needs to be. */
void osp_proto_quote(struct osp_buf *b, const char *s);

#endif
