#include "ostplay/protocol.h"

#include <string.h>

int osp_proto_split(char *line, char **words, int max)
{
	int n = 0;
	char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			return n;
		if (n == max)
			return -2;
		if (*p != '"') {
			words[n++] = p;
			while (*p && *p != ' ' && *p != '\t')
				p++;
			if (*p)
				*p++ = '\0';
			continue;
		}
		char *out = ++p;
		words[n++] = out;
		for (;;) {
			if (!*p)
				return -1;
			if (*p == '"')
				break;
			if (*p == '\\' && p[1])
				p++;
			*out++ = *p++;
		}
		*out = '\0';
		p++;
		if (*p && *p != ' ' && *p != '\t')
			return -1;	/* "a"b is no word */
	}
}

void osp_proto_quote(struct osp_buf *b, const char *s)
{
	bool plain = *s && !strpbrk(s, " \t\"\\'");
	if (plain) {
		osp_buf_puts(b, s);
		return;
	}
	osp_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			osp_buf_putc(b, '\\');
		osp_buf_putc(b, *s);
	}
	osp_buf_putc(b, '"');
}

void osp_proto_pair(struct osp_buf *b, const char *key, const char *value)
{
	osp_buf_puts(b, key);
	osp_buf_append(b, ": ", 2);
	size_t start = b->len, n = strlen(value);
	osp_buf_append(b, value, n);
	if (value[strcspn(value, "\n\r")])
		for (size_t i = start; i < b->len; i++)
			if (b->data[i] == '\n' || b->data[i] == '\r')
				b->data[i] = ' ';
	osp_buf_putc(b, '\n');
}
