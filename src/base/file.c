#include "ostplay/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

/* What each character FAT and Windows refuse becomes: something alike
 * that they accept, or nothing. */
static const char *portable_char(char c, char next)
{
	switch (c) {
	case ':':
		return next == ' ' || !next ? " -" : "-";
	case '/':
	case '\\':
	case '|':
		return "-";
	case '"':
		return "'";
	case '<':
		return "(";
	case '>':
		return ")";
	case '?':
	case '*':
		return "";
	default:
		return (unsigned char)c < 0x20 || c == 0x7f ? " " : NULL;
	}
}

/* The length of the Windows device name `name` starts with (CON, PRN,
 * AUX, NUL, COM1-9, LPT1-9) when it is that alone or before a dot or
 * spaces ("con.xspf" is refused too), else 0. */
static size_t device_name_length(const char *name)
{
	static const char *const devices[] = {"CON", "PRN", "AUX", "NUL"};
	size_t len = strcspn(name, ".");
	while (len && name[len - 1] == ' ')
		len--;
	for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
		if (len == 3 && strncasecmp(name, devices[i], 3) == 0)
			return 3;
	if (len == 4 && (strncasecmp(name, "COM", 3) == 0 ||
			 strncasecmp(name, "LPT", 3) == 0) &&
	    name[3] >= '1' && name[3] <= '9')
		return 4;
	return 0;
}

/* Appends `c`, one space for a run of them and none to begin with: "A :
 * B" reads "A - B". */
static void put_name_char(struct osp_buf *b, char c)
{
	if (c == ' ' && (!b->len || b->data[b->len - 1] == ' '))
		return;
	osp_buf_putc(b, c);
}

char *osp_file_portable_name(const char *title)
{
	struct osp_buf b = {0};
	for (const char *p = title; *p; p++) {
		const char *with = portable_char(*p, p[1]);
		if (!with)
			put_name_char(&b, *p);
		for (; with && *with; with++)
			put_name_char(&b, *with);
	}
	/* At most OSP_FILE_NAME_MAX bytes, ending where a character does. */
	if (b.len > OSP_FILE_NAME_MAX) {
		b.len = OSP_FILE_NAME_MAX;
		while (b.len && ((unsigned char)b.data[b.len] & 0xc0) == 0x80)
			b.len--;
	}
	while (b.len && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == '.'))
		b.len--;
	if (b.data)
		b.data[b.len] = '\0';
	if (!b.len)
		osp_buf_puts(&b, "untitled");
	size_t device = device_name_length(osp_buf_str(&b));
	if (!device)
		return osp_buf_steal(&b);
	/* "CON" and "con.fusion" are refused, "CON_" and "con_.fusion"
	 * not. */
	char *name = xasprintf("%.*s_%s", (int)device, b.data,
			       b.data + device);
	osp_buf_free(&b);
	return name;
}
