/*
 * xalloc — allocation that cannot fail.
 *
 * Out of memory aborts with a message, so no caller has an OOM path to get
 * wrong or to test.  Everything returned is freed with free().
 */
#ifndef OSTPLAY_XALLOC_H
#define OSTPLAY_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* Grows an array of `*cap` elements of `size` bytes so that it holds at
 * least `need`; returns the (possibly moved) array. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xmemdup(const void *p, size_t len);	/* adds a NUL after len bytes */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
