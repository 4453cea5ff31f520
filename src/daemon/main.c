/*
 * ostplay-daemon: the player daemon's own executable.  Only it links
 * libmpv, whose start-up costs every other command tens of milliseconds;
 * `ostplay daemon` and the playback commands start it.
 */
#include <stdio.h>
#include <string.h>

#include "ostplay/cli.h"
#include "ostplay/daemon.h"

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		puts("ostplay-daemon " OSP_VERSION);
		return 0;
	}
	if (argc > 1) {
		fputs("usage: ostplay-daemon\n"
		      "runs the player daemon in the foreground; "
		      "see `ostplay daemon`\n", stderr);
		return 2;
	}
	struct osp_cli cli;
	struct osp_error err = {0};
	if (!osp_cli_init(&cli, &err))
		return osp_cli_error(&err);
	int status = osp_daemon_run(&cli.paths, &cli.config,
				    osp_cli_catalog(&cli));
	osp_cli_free(&cli);
	return status;
}
