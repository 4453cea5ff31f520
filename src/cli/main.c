/* ostplay: parses the command line and dispatches to cli handlers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/cli.h"

/* Sorted by name; every command language of ostplay reads like this. */
static const struct osp_cli_command commands[] = {
	{"add", 0, -1, {"all-copies", "track="}, osp_cli_add,
	 "DRAMA [--all-copies] | --track QUERY", "add a drama's or matching tracks to the queue"},
	{"check", 0, 0, {"json", "repair"}, osp_cli_check,
	 "[--json] [--repair]",
	 "look for damage in the library; --repair rebuilds it from a rescan "
	 "and the user data kept beside it"},
	{"daemon", 0, 0, {NULL}, osp_cli_daemon,
	 "", "run the player daemon in the foreground"},
	{"drama", 1, 3, {"o="}, osp_cli_drama,
	 "catalog NAME [-o FILE] | ignore NAME | alias NAME DRAMA | forget NAME"
	 " | rules",
	 "keep a discovered drama as a catalog, or say what its name is"},
	{"dramas", 0, 0, {"json"}, osp_cli_dramas,
	 "[--json]",
	 "the catalog's dramas and how many local tracks each has"},
	{"explain", 1, 1, {NULL}, osp_cli_explain,
	 "FILE",
	 "why FILE matched a drama and song, or did not"},
	{"export", 0, 1,
	 {"all=", "all-copies", "favorites", "format=", "o=", "queue",
	  "relative"},
	 osp_cli_export,
	 "DRAMA|--favorites|--queue [-o FILE] [--format xspf|m3u8] "
	 "[--relative] [--all-copies] | --all DIR",
	 "write a drama's local tracks, the favourites or the queue as a "
	 "playlist other players open"},
	{"fav", 0, -1, {NULL}, osp_cli_fav,
	 "[add|rm] [current|FILE|QUERY...]",
	 "mark the playing track (or FILE, or the one QUERY names) a "
	 "favourite, or not"},
	{"favs", 0, 0, {"all-copies", "json"}, osp_cli_favs,
	 "[--json] [--all-copies]",
	 "list the favourites, and any whose file has gone"},
	{"import", 1, 1, {"name="}, osp_cli_import,
	 "FILE.xspf|FILE.m3u8 [--name NAME]",
	 "save another player's playlist, resolved against the library, as "
	 "a playlist to play"},
	{"next", 0, 0, {NULL}, osp_cli_next, "", "play the next track"},
	{"pause", 0, 0, {NULL}, osp_cli_pause, "", "pause"},
	{"play", 0, -1, {"all-copies", "track="}, osp_cli_play,
	 "[DRAMA [--all-copies] | --track QUERY]",
	 "play a drama, or matching tracks; alone, resume"},
	{"playlist", 1, 2, {"json"}, osp_cli_playlist,
	 "[--json] NAME | rm NAME",
	 "list an imported playlist's tracks, or remove the playlist"},
	{"playlists", 0, 0, {"json"}, osp_cli_playlists, "[--json]",
	 "the playlists 'import' saved, and how many entries each has"},
	{"prev", 0, 0, {NULL}, osp_cli_prev, "", "play the previous track"},
	{"queue", 0, 0, {"json"}, osp_cli_queue, "[--json]", "list the queue"},
	{"random", 0, 1, {NULL}, osp_cli_random, "[on|off]",
	 "play the queue in random order (no argument toggles)"},
	{"repeat", 0, 1, {NULL}, osp_cli_repeat, "[on|off]",
	 "start over at the end of the queue (no argument toggles)"},
	{"scan", 0, -1, {"json", "threads=", "verbose"}, osp_cli_scan,
	 "[--json] [--threads N] [--verbose] [DIR...]",
	 "index the music in DIR (default: the folders scanned before)"},
	{"seek", 1, 1, {NULL}, osp_cli_seek, "[+|-]TIME",
	 "go to TIME (seconds or m:ss) in the track, or by it"},
	{"shuffle", 0, 0,
	 {"all-copies", "drama=", "duets", "favorites", "instrumental",
	  "no-instrumental", "print", "seed="},
	 osp_cli_shuffle,
	 "[--favorites] [--duets] [--drama NAME]... [--instrumental | "
	 "--no-instrumental] [--seed N] [--print] [--all-copies]",
	 "play the tracks that pass every filter in a spread-out random "
	 "order"},
	{"status", 0, 0, {"json"}, osp_cli_status, "[--json]",
	 "what is playing"},
	{"stop", 0, 0, {NULL}, osp_cli_stop, "", "stop"},
	{"toggle", 0, 0, {NULL}, osp_cli_toggle, "", "pause or resume"},
	{"tracks", 0, -1,
	 {"drama=", "duets", "favorites", "instrumental", "json",
	  "unmatched"},
	 osp_cli_tracks,
	 "[--json] [--drama NAME] [--duets] [--favorites] [--instrumental] "
	 "[--unmatched] "
	 "[QUERY...]",
	 "list the library, or the tracks matching every QUERY word"},
	{"volume", 1, 1, {NULL}, osp_cli_volume, "[+|-]N",
	 "set the volume (0 to 100) or change it"},
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fputs("usage: ostplay COMMAND [ARGS]\n\ncommands:\n", f);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-8s %s\n           %s\n", commands[i].name,
			commands[i].usage, commands[i].summary);
	fputs("\nostplay --version prints the version.\n", f);
}

/* Every command's output ends here, so that no failed write goes unsaid.
 * A write that failed earlier leaves only the error flag (its data is
 * dropped, so fflush has nothing left to fail on); the commands that print
 * much say why at once through osp_cli_print, and so return 1 first. */
static int close_stdout(int status)
{
	errno = 0;
	bool failed = fflush(stdout) != 0 || ferror(stdout);
	int e = errno;
	/* EBADF: stdout was closed (`>&-`) and nothing was written to it. */
	if (fclose(stdout) != 0 && !failed && errno != EBADF) {
		failed = true;
		e = errno;
	}
	if (!failed || status != 0)
		return status;
	return osp_cli_errorf("cannot write the output: %s",
			      strerror(e ? e : EIO));
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return close_stdout(0);
	}
	if (strcmp(argv[1], "--version") == 0) {
		puts("ostplay " OSP_VERSION);
		return close_stdout(0);
	}

	const struct osp_cli_command *cmd = NULL;
	for (size_t i = 0; i < N_COMMANDS && !cmd; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			cmd = &commands[i];
	if (!cmd) {
		fprintf(stderr, "ostplay: unknown command '%s'\n", argv[1]);
		usage(stderr);
		return 2;
	}

	struct osp_cli_args args;
	if (!osp_cli_parse(cmd, argc - 2, argv + 2, &args))
		return 2;
	struct osp_cli cli;
	struct osp_error err = {0};
	int status;
	if (osp_cli_init(&cli, &err)) {
		status = cmd->run(&cli, &args);
		osp_cli_free(&cli);
	} else {
		status = osp_cli_error(&err);
	}
	osp_cli_args_free(&args);
	return close_stdout(status);
}
