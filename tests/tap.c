#include "tap.h"

#include <ftw.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int n_tests, n_failed;

__attribute__((format(printf, 2, 0)))
static bool report(bool cond, const char *fmt, va_list ap)
{
	n_tests++;
	if (!cond)
		n_failed++;
	printf("%sok %d - ", cond ? "" : "not ", n_tests);
	vprintf(fmt, ap);
	putchar('\n');
	return cond;
}

bool tap_ok(bool cond, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(cond, fmt, ap);
	va_end(ap);
	return cond;
}

bool tap_str(const char *actual, const char *expected, const char *fmt, ...)
{
	bool same = (!actual && !expected) ||
		    (actual && expected && strcmp(actual, expected) == 0);
	va_list ap;
	va_start(ap, fmt);
	report(same, fmt, ap);
	va_end(ap);
	if (!same) {
		printf("# expected: %s%s%s\n", expected ? "\"" : "",
		       expected ? expected : "NULL", expected ? "\"" : "");
		printf("# actual:   %s%s%s\n", actual ? "\"" : "",
		       actual ? actual : "NULL", actual ? "\"" : "");
	}
	return same;
}

bool tap_int(long long actual, long long expected, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(actual == expected, fmt, ap);
	va_end(ap);
	if (actual != expected)
		printf("# expected: %lld\n# actual:   %lld\n", expected, actual);
	return actual == expected;
}

char *tap_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *dir = malloc(4096);
	snprintf(dir, 4096, "%s/ostplay-test-XXXXXX", base ? base : "/tmp");
	if (!dir || !mkdtemp(dir)) {
		perror("mkdtemp");
		exit(99);
	}
	return dir;
}

static int remove_entry(const char *path, const struct stat *st, int type,
			struct FTW *ftw)
{
	(void)st, (void)type, (void)ftw;
	return remove(path);
}

void tap_rmtree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int tap_done(void)
{
	printf("1..%d\n", n_tests);
	return n_failed ? 1 : 0;
}
