/*
 * tap — the Test Anything Protocol for the C unit tests.
 *
 * Each check prints "ok N - name" or "not ok N - name" with the expected
 * and actual values as "#" lines; tap_done prints the plan and returns
 * the exit status.  Meson reads it with protocol: 'tap'.
 */
#ifndef OSTPLAY_TAP_H
#define OSTPLAY_TAP_H

#include <stdbool.h>

bool tap_ok(bool cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Compares strings; NULL equals only NULL. */
bool tap_str(const char *actual, const char *expected, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool tap_int(long long actual, long long expected, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Makes a fresh temporary folder for this test; caller frees. */
char *tap_tmpdir(void);
/* Removes `dir` and everything below it. */
void tap_rmtree(const char *dir);
int tap_done(void);

#endif
