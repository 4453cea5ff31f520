#include "ostplay/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

__attribute__((format(printf, 4, 0)))
static bool fill(struct osp_error *err, enum osp_err code, int sys,
		 const char *fmt, va_list ap)
{
	if (!err)
		return false;
	err->code = code;
	err->sys = sys;
	int n = vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	if (sys && n >= 0 && (size_t)n < sizeof(err->msg))
		snprintf(err->msg + n, sizeof(err->msg) - (size_t)n, ": %s",
			 strerror(sys));
	return false;
}

bool osp_fail(struct osp_error *err, enum osp_err code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fill(err, code, 0, fmt, ap);
	va_end(ap);
	return false;
}

bool osp_fail_sys(struct osp_error *err, int sys, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fill(err, OSP_ERR_IO, sys, fmt, ap);
	va_end(ap);
	return false;
}
