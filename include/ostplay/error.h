/*
 * error — the one error record every module fills.
 *
 * Functions that can fail return bool (or NULL) and take an optional
 * caller-owned `struct osp_error *` as their last argument.  The message is
 * one line that names the file, folder or command at fault; library modules
 * never print it themselves.
 */
#ifndef OSTPLAY_ERROR_H
#define OSTPLAY_ERROR_H

#include <stdbool.h>

enum osp_err {
	OSP_ERR_NONE = 0,
	OSP_ERR_IO,		/* the file system said no; `sys` has errno */
	OSP_ERR_DB,		/* SQLite failed */
	OSP_ERR_INVALID,	/* input that does not parse or makes no sense */
	OSP_ERR_BUSY,		/* another process holds what we need */
	OSP_ERR_NOT_FOUND,
	OSP_ERR_FULL,		/* the disk is full */
	OSP_ERR_READ_ONLY,	/* a file, folder or file system we cannot write */
};

struct osp_error {
	enum osp_err code;
	int sys;		/* errno when code is OSP_ERR_IO, else 0 */
	char msg[512];
};

/* Fills `err` (if not NULL) from a printf-style format and returns false,
 * so that failing paths read `return osp_fail(err, OSP_ERR_IO, ...);`. */
bool osp_fail(struct osp_error *err, enum osp_err code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Like osp_fail with OSP_ERR_IO, appending ": strerror(sys)". */
bool osp_fail_sys(struct osp_error *err, int sys, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
