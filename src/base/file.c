#include "ostplay/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ostplay/xalloc.h"

static bool too_large(const char *path, long long size, size_t max,
		      const char *what, struct osp_error *err)
{
	if (size >= 0)
		return osp_fail(err, OSP_ERR_INVALID, "%s: %lld bytes is too "
				"large for %s (the limit is %zu MiB)", path,
				size, what, max / (1024 * 1024));
	return osp_fail(err, OSP_ERR_INVALID, "%s: too large for %s (the "
			"limit is %zu MiB)", path, what, max / (1024 * 1024));
}

bool osp_file_read(const char *path, size_t max, const char *what,
		   struct osp_buf *out, struct osp_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return osp_fail_sys(err, e, "cannot read %s", path);
	}
	bool ok = true;
	if (!S_ISREG(st.st_mode))
		ok = osp_fail(err, OSP_ERR_INVALID, "%s: not a regular file",
			      path);
	else if ((uint64_t)st.st_size > max)
		ok = too_large(path, (long long)st.st_size, max, what, err);
	char chunk[65536];
	size_t total = 0;
	while (ok) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			ok = osp_fail_sys(err, errno, "cannot read %s", path);
		else if (n == 0)
			break;
		else if ((total += (size_t)n) > max)	/* it grew meanwhile */
			ok = too_large(path, -1, max, what, err);
		else
			osp_buf_append(out, chunk, (size_t)n);
	}
	close(fd);
	return ok;
}

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
