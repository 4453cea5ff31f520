/* ostplay: parses the command line and dispatches to cli handlers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/cli.h"

/* Sorted by name; every command language of ostplay reads like this.  It
 * is the one place each command's usage, options and example are written:
 * --help prints them, the completion asks `ostplay help --options`, and
 * tests/test-help.py checks the manual (src/doc/ostplay.1) against them. */
#define NO_OPTIONS {{NULL, NULL, NULL}}
#define JSON {"json", NULL, "one JSON object per line"}
#define ALL_COPIES {"all-copies", NULL, "every copy of a song, not only " \
		    "its best"}
static const struct osp_cli_command commands[] = {
	{"add", 0, -1,
	 {ALL_COPIES,
	  {"track", "QUERY", "the library tracks matching every QUERY word"}},
	 osp_cli_add,
	 "DRAMA [--all-copies] | --track QUERY | FILE|DIR...",
	 "add a drama's or matching tracks, or files and folders, to the "
	 "queue",
	 "ostplay add \"Crash Landing on You\""},
	{"check", 0, 0,
	 {JSON, {"repair", NULL, "rebuild the library from a rescan and the "
		 "user data kept beside it"}},
	 osp_cli_check,
	 "[--json] [--repair]",
	 "look for damage in the library; --repair rebuilds it from a rescan "
	 "and the user data kept beside it",
	 "ostplay check --repair"},
	{"daemon", 0, 0, NO_OPTIONS, osp_cli_daemon,
	 "", "run the player daemon in the foreground",
	 "ostplay daemon"},
	{"drama", 1, 3,
	 {{"o", "FILE", "where 'catalog' writes (default: the user's "
	   "catalog folder)"}},
	 osp_cli_drama,
	 "catalog NAME [-o FILE] | ignore NAME | alias NAME DRAMA | forget NAME"
	 " | rules",
	 "keep a discovered drama as a catalog, or say what its name is",
	 "ostplay drama alias \"응답하라 1994\" \"Reply 1994\""},
	{"dramas", 0, 0,
	 {JSON, {"names", NULL, "only the names of the dramas with local "
		 "tracks, one a line"}},
	 osp_cli_dramas,
	 "[--json | --names]",
	 "the catalog's dramas and how many local tracks each has",
	 "ostplay dramas --json"},
	{"explain", 1, 1, NO_OPTIONS, osp_cli_explain,
	 "FILE",
	 "why FILE matched a drama and song, or did not",
	 "ostplay explain \"Goblin OST/01. Stay With Me.mp3\""},
	{"export", 0, 1,
	 {{"all", "DIR", "one playlist per drama with local tracks into DIR"},
	  ALL_COPIES,
	  {"favorites", NULL, "the favourites instead of a drama"},
	  {"format", "xspf|m3u8", "the playlist format (default: xspf, or "
	   "m3u8 for an -o name ending in .m3u8)"},
	  {"o", "FILE", "write to FILE instead of stdout"},
	  {"queue", NULL, "the daemon's queue instead of a drama"},
	  {"relative", NULL, "locations relative to the playlist's folder"}},
	 osp_cli_export,
	 "DRAMA|--favorites|--queue [-o FILE] [--format xspf|m3u8] "
	 "[--relative] [--all-copies] | --all DIR",
	 "write a drama's local tracks, the favourites or the queue as a "
	 "playlist other players open",
	 "ostplay export Goblin -o goblin.xspf"},
	{"fav", 0, -1, NO_OPTIONS, osp_cli_fav,
	 "[add|rm] [current|FILE|QUERY...]",
	 "mark the playing track (or FILE, or the one QUERY names) a "
	 "favourite, or not",
	 "ostplay fav rm stay with me"},
	{"favs", 0, 0, {ALL_COPIES, JSON}, osp_cli_favs,
	 "[--json] [--all-copies]",
	 "list the favourites, and any whose file has gone",
	 "ostplay favs"},
	{"help", 0, 1,
	 {{"commands", NULL, "the command names and summaries, one a line"},
	  {"options", NULL, "COMMAND's options and what they take, one a "
	   "line"}},
	 NULL,
	 "[COMMAND] | --commands | --options COMMAND",
	 "the commands, or one command's usage, options and example",
	 "ostplay help export"},
	{"import", 1, 1,
	 {{"name", "NAME", "the playlist's name (default: its title, else "
	   "its file name)"}},
	 osp_cli_import,
	 "FILE.xspf|FILE.m3u8 [--name NAME]",
	 "save another player's playlist, resolved against the library, as "
	 "a playlist to play",
	 "ostplay import road-trip.m3u8 --name \"Road trip\""},
	{"loudness", 0, 1, NO_OPTIONS, osp_cli_loudness, "[track|album|off]",
	 "level every track (track), keep albums as mastered (album), or "
	 "not (off); alone, show the mode",
	 "ostplay loudness album"},
	{"next", 0, 0, NO_OPTIONS, osp_cli_next, "", "play the next track",
	 "ostplay next"},
	{"pause", 0, 0, NO_OPTIONS, osp_cli_pause, "", "pause", "ostplay pause"},
	{"play", 0, -1,
	 {ALL_COPIES,
	  {"track", "QUERY", "the library tracks matching every QUERY word"}},
	 osp_cli_play,
	 "[DRAMA [--all-copies] | --track QUERY | FILE|DIR...]",
	 "play a drama, matching tracks, or files and folders; alone, "
	 "resume",
	 "ostplay play \"Descendants of the Sun\""},
	{"playlist", 1, 2, {JSON}, osp_cli_playlist,
	 "[--json] NAME | rm NAME",
	 "list an imported playlist's tracks, or remove the playlist",
	 "ostplay playlist \"Road trip\""},
	{"playlists", 0, 0, {JSON}, osp_cli_playlists, "[--json]",
	 "the playlists 'import' saved, and how many entries each has",
	 "ostplay playlists"},
	{"prev", 0, 0, NO_OPTIONS, osp_cli_prev, "", "play the previous track",
	 "ostplay prev"},
	{"queue", 0, 0, {JSON}, osp_cli_queue, "[--json]", "list the queue",
	 "ostplay queue --json"},
	{"quit", 0, 0, NO_OPTIONS, osp_cli_quit, "",
	 "stop the daemon, its queue and state saved", "ostplay quit"},
	{"random", 0, 1, NO_OPTIONS, osp_cli_random, "[on|off]",
	 "play the queue in random order (no argument toggles)",
	 "ostplay random on"},
	{"repeat", 0, 1, NO_OPTIONS, osp_cli_repeat, "[on|off|one]",
	 "start over at the end of the queue, or (one) play the current "
	 "track again and again (no argument toggles)",
	 "ostplay repeat one"},
	{"scan", 0, -1,
	 {JSON,
	  {"threads", "N", "read tags with N threads (default: one a core)"},
	  {"verbose", NULL, "name every skipped file and folder on stderr"},
	  {"no-loudness", NULL, "do not measure loudness this time"}},
	 osp_cli_scan,
	 "[--json] [--threads N] [--verbose] [--no-loudness] [DIR...]",
	 "index the music in DIR (default: the folders scanned before)",
	 "ostplay scan ~/Music"},
	{"seek", 1, 1, NO_OPTIONS, osp_cli_seek, "[+|-]TIME",
	 "go to TIME (seconds or m:ss) in the track, or by it",
	 "ostplay seek 1:30"},
	{"shuffle", 0, 0,
	 {ALL_COPIES,
	  {"drama", "NAME", "only this drama's tracks (repeatable: any of "
	   "them)"},
	  {"duets", NULL, "only duets"},
	  {"favorites", NULL, "only favourites"},
	  {"instrumental", NULL, "only instrumentals"},
	  {"no-instrumental", NULL, "no instrumentals"},
	  {"print", NULL, "list the order instead of playing it"},
	  {"seed", "N", "a repeatable order"}},
	 osp_cli_shuffle,
	 "[--favorites] [--duets] [--drama NAME]... [--instrumental | "
	 "--no-instrumental] [--seed N] [--print] [--all-copies]",
	 "play the tracks that pass every filter in a spread-out random "
	 "order",
	 "ostplay shuffle --favorites --duets"},
	{"status", 0, 0, {JSON}, osp_cli_status, "[--json]",
	 "what is playing", "ostplay status"},
	{"stop", 0, 0, NO_OPTIONS, osp_cli_stop, "", "stop", "ostplay stop"},
	{"toggle", 0, 0, NO_OPTIONS, osp_cli_toggle, "", "pause or resume",
	 "ostplay toggle"},
	{"tracks", 0, -1,
	 {{"drama", "NAME", "one drama's tracks, in the catalog's order"},
	  {"duets", NULL, "only duets"},
	  {"favorites", NULL, "only favourites"},
	  {"instrumental", NULL, "only instrumentals"},
	  JSON,
	  {"unmatched", NULL, "only tracks of no drama"}},
	 osp_cli_tracks,
	 "[--json] [--drama NAME] [--duets] [--favorites] [--instrumental] "
	 "[--unmatched] "
	 "[QUERY...]",
	 "list the library, or the tracks matching every QUERY word",
	 "ostplay tracks --drama Goblin --duets"},
	{"volume", 0, 1, NO_OPTIONS, osp_cli_volume, "[[+|-]N]",
	 "set the volume (0 to 100) or change it; alone, print it",
	 "ostplay volume -10"},
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fputs("usage: ostplay COMMAND [ARGS]\n\ncommands:\n", f);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name,
			commands[i].summary);
	fputs("\n'ostplay COMMAND --help' or 'ostplay help COMMAND' shows a "
	      "command's\nusage, options and an example; 'man ostplay' says "
	      "more.\nostplay --version prints the version.\n", f);
}

static const struct osp_cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

/* "ostplay: unknown command 'plya'; did you mean play?" and where the
 * list is: a mistyped name gets the names it is near, not the whole
 * list. */
static int unknown_command(const char *name)
{
	const char *names[N_COMMANDS];
	for (size_t i = 0; i < N_COMMANDS; i++)
		names[i] = commands[i].name;
	char near[256];
	if (osp_cli_suggest(name, names, N_COMMANDS, near, sizeof(near)))
		fprintf(stderr, "ostplay: unknown command '%s'; did you mean "
			"%s?\n", name, near);
	else
		fprintf(stderr, "ostplay: unknown command '%s'\n", name);
	fputs("see 'ostplay --help' for the commands\n", stderr);
	return 2;
}

/* `ostplay help [COMMAND]`, and the lists the shell completions read:
 * `--commands` (name TAB summary) and `--options COMMAND` (option TAB
 * what it takes, empty for a flag). */
static int help(const struct osp_cli_args *a)
{
	const char *name = a->n_pos ? a->pos[0] : NULL;
	const struct osp_cli_command *cmd = name ? find_command(name) : NULL;
	if (name && !cmd)
		return unknown_command(name);
	if (osp_cli_has(a, "commands")) {
		for (size_t i = 0; i < N_COMMANDS; i++)
			printf("%s\t%s\n", commands[i].name,
			       commands[i].summary);
	} else if (osp_cli_has(a, "options")) {
		if (!cmd)
			return osp_cli_usage_error(a->cmd, "--options needs "
						   "a COMMAND");
		for (int i = 0; i < OSP_CLI_MAX_OPTIONS &&
				cmd->options[i].name; i++)
			printf("%s%s\t%s\t%s\n",
			       cmd->options[i].name[1] ? "--" : "-",
			       cmd->options[i].name,
			       cmd->options[i].value ? cmd->options[i].value
						     : "",
			       cmd->options[i].help);
	} else if (cmd) {
		osp_cli_print_help(stdout, cmd);
	} else {
		usage(stdout);
	}
	return 0;
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
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return close_stdout(0);
	}
	if (strcmp(argv[1], "--version") == 0) {
		puts("ostplay " OSP_VERSION);
		return close_stdout(0);
	}

	const struct osp_cli_command *cmd = find_command(argv[1]);
	if (!cmd)
		return unknown_command(argv[1]);

	struct osp_cli_args args;
	if (!osp_cli_parse(cmd, argc - 2, argv + 2, &args))
		return 2;
	int status;
	if (args.help) {
		osp_cli_print_help(stdout, cmd);
		status = 0;
	} else if (!cmd->run) {	/* help: no config or library needed */
		status = help(&args);
	} else {
		struct osp_cli cli;
		struct osp_error err = {0};
		if (osp_cli_init(&cli, &err)) {
			status = cmd->run(&cli, &args);
			osp_cli_free(&cli);
		} else {
			status = osp_cli_error(&err);
		}
	}
	osp_cli_args_free(&args);
	return close_stdout(status);
}
