/*
 * The MPD protocol's word splitter, on any line a client may send, and the
 * quoting the daemon answers with: what osp_proto_quote writes splits back
 * into the very words quoted.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/buf.h"
#include "ostplay/protocol.h"
#include "ostplay/xalloc.h"

#define MAX_WORDS 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The daemon splits one line at a time, NUL-terminated. */
	char *line = xmalloc(size + 1);
	memcpy(line, data, size);
	line[size] = '\0';
	char *words[MAX_WORDS];
	int n = osp_proto_split(line, words, MAX_WORDS);
	if (n < -2 || n > MAX_WORDS)
		abort();
	for (int i = 0; i < n; i++)
		if (words[i] < line || words[i] > line + size)
			abort();

	if (n > 0) {
		struct osp_buf b = {0};
		for (int i = 0; i < n; i++) {
			if (i)
				osp_buf_putc(&b, ' ');
			osp_proto_quote(&b, words[i]);
		}
		osp_buf_putc(&b, '\0');
		char *again[MAX_WORDS];
		if (osp_proto_split(b.data, again, MAX_WORDS) != n)
			abort();
		for (int i = 0; i < n; i++)
			if (strcmp(words[i], again[i]) != 0)
				abort();
		osp_buf_free(&b);
	}
	free(line);
	return 0;
}
