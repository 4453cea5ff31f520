#include <string.h>

#include "../src/daemon/daemon-private.h"
#include "ostplay/protocol.h"
#include "tap.h"

/* The command table is searched by bisection: a name out of order would
 * be unknown to clients. */
static void test_command_table(void)
{
	size_t n;
	const struct command *all = daemon_commands(&n);
	size_t found = 0;
	for (size_t i = 0; i < n; i++)
		found += daemon_command(all[i].name) == &all[i];
	tap_int((long)found, (long)n, "every command of the table is found "
		"by name");
	tap_ok(daemon_command("password") && daemon_command("kill") &&
	       !daemon_command("frobnicate"), "password and kill are "
	       "commands; frobnicate is not");
}

int main(void)
{
	test_command_table();
	static const struct {
		const char *line;
		int n;
		const char *words[4];
	} cases[] = {
		{"status", 1, {"status"}},
		{"  play   3 ", 2, {"play", "3"}},
		{"load \"Descendants of the Sun\"", 2,
		 {"load", "Descendants of the Sun"}},
		{"add \"a \\\"quoted\\\" \\\\ name\"", 2,
		 {"add", "a \"quoted\" \\ name"}},
		{"add \"\"", 2, {"add", ""}},
		{"", 0, {NULL}},
		{"add \"unterminated", -1, {NULL}},
		{"add \"a\"b", -1, {NULL}},
		{"a b c d e", -2, {NULL}},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char line[128];
		char *words[4];
		strcpy(line, cases[i].line);
		int n = osp_proto_split(line, words, 4);
		tap_int(n, cases[i].n, "split case %zu: word count", i);
		for (int w = 0; w < n && w < cases[i].n; w++)
			tap_str(words[w], cases[i].words[w], "split case %zu: "
				"word %d", i, w);
	}
	struct osp_buf b = {0};
	osp_proto_quote(&b, "Goblin");
	osp_buf_putc(&b, ' ');
	osp_proto_quote(&b, "Stay \"With\" Me\\");
	tap_str(osp_buf_str(&b), "Goblin \"Stay \\\"With\\\" Me\\\\\"",
		"quote only what needs it");
	osp_buf_free(&b);
	return tap_done();
}
