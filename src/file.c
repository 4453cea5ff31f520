#include "ostplay/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ostplay/xalloc.h"

bool osp_file_replace(const char *path, const void *data, size_t len,
		      mode_t mode, struct osp_error *err)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		osp_fail_sys(err, errno, "%s", path);
		free(tmp);
		return false;
	}
	mode_t mask = umask(0);
	umask(mask);
	const char *p = data;
	size_t left = len;
	int error = fchmod(fd, mode & ~mask) == 0 ? 0 : errno;
	while (!error && left) {
		ssize_t n = write(fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			error = errno;
		else
			p += n, left -= (size_t)n;
	}
	if (!error && fsync(fd) != 0)
		error = errno;
	if (close(fd) != 0 && !error)
		error = errno;
	if (!error && rename(tmp, path) != 0)
		error = errno;
	if (error) {
		unlink(tmp);
		osp_fail_sys(err, error, "%s", path);
	}
	free(tmp);
	return !error;
}
