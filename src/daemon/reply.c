/* A command's failure, as MPD's ACK line will say it. */
#include <stdarg.h>
#include <stdio.h>

#include "daemon-private.h"

bool reply_fail(struct reply *r, enum ack ack, const char *fmt, ...)
{
	r->ack = ack;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->message, sizeof(r->message), fmt, ap);
	va_end(ap);
	/* Error text goes on the wire: one line, whatever a file name held. */
	for (char *p = r->message; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return false;
}
