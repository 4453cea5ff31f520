/*
 * fuzz-file — for harnesses of readers that take a path: one temporary
 * file per process, rewritten with each input, removed at exit.
 */
#ifndef OSTPLAY_FUZZ_FILE_H
#define OSTPLAY_FUZZ_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_path[64];

static void fuzz_file_remove(void)
{
	unlink(fuzz_path);
}

/* Writes the input to the process's file (named with `suffix`, such as
 * ".xspf") and returns its path. */
static const char *fuzz_file(const uint8_t *data, size_t size,
			     const char *suffix)
{
	static int fd = -1;
	if (fd < 0) {
		/* In memory where there is a tmpfs: on ext4, closing a file
		 * truncated and written again flushes it to disk, which made
		 * every run wait on the disk. */
		const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm"
								 : "/tmp";
		snprintf(fuzz_path, sizeof(fuzz_path), "%s/ostplay-fuzz-XXXXXX%s",
			 dir, suffix);
		fd = mkstemps(fuzz_path, (int)strlen(suffix));
		if (fd < 0) {
			perror("mkstemps");
			abort();
		}
		atexit(fuzz_file_remove);
	}
	if (ftruncate(fd, 0) != 0 ||
	    (size && pwrite(fd, data, size, 0) != (ssize_t)size)) {
		perror(fuzz_path);
		abort();
	}
	return fuzz_path;
}

#endif
