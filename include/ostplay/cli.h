/*
 * cli — the command line: parsed arguments, shared context, the handlers.
 *
 * main.c holds the command table and dispatches; this parses one command's
 * options and positional arguments against its table entry (so every
 * handler gets arguments already checked), and the handlers print: human
 * text on stdout, JSON lines with --json, errors on stderr as one
 * "ostplay: ..." line.  Handlers return the exit status: 0, 1 for a
 * failure, 2 for a usage error.
 */
#ifndef OSTPLAY_CLI_H
#define OSTPLAY_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ostplay/buf.h"
#include "ostplay/catalog.h"
#include "ostplay/config.h"
#include "ostplay/error.h"
#include "ostplay/library.h"
#include "ostplay/paths.h"
#include "ostplay/scan.h"

#define OSP_CLI_MAX_OPTIONS 8

struct osp_cli;
struct osp_cli_args;

typedef int osp_cli_handler(struct osp_cli *cli, const struct osp_cli_args *a);

/* One option of a command: `--name` (or `-name`), `--name VALUE` when
 * `value` names what it takes. */
struct osp_cli_option {
	const char *name;	/* without the dashes: "drama", "o" */
	const char *value;	/* its placeholder ("NAME"), NULL: a flag */
	const char *help;	/* one line for --help and the manual */
};

/* One entry of the command table in main.c: the parser, --help, the
 * suggestions for a mistyped name and the manual's check all read it. */
struct osp_cli_command {
	const char *name;
	int min_args;		/* positional arguments */
	int max_args;		/* -1: no limit */
	struct osp_cli_option options[OSP_CLI_MAX_OPTIONS];
	osp_cli_handler *run;
	const char *usage;	/* what follows the command name */
	const char *summary;	/* one line for the command list */
	const char *example;	/* a whole command line */
};

struct osp_cli_given {
	int option;		/* index in cmd->options */
	const char *value;
};

struct osp_cli_args {
	const struct osp_cli_command *cmd;
	char **pos;		/* positional arguments, argv's strings */
	int n_pos;
	bool set[OSP_CLI_MAX_OPTIONS];	/* indexed like cmd->options */
	const char *value[OSP_CLI_MAX_OPTIONS];	/* the last one given */
	struct osp_cli_given *given;	/* every option value, in order */
	int n_given;
	bool help;		/* --help was given: print it, run nothing */
};

/* Parses argv (after the command name) against `cmd` into `*a`, which the
 * caller frees with osp_cli_args_free.  On a usage error prints it and
 * returns false, with nothing to free.  `--help` or `-h` (an option of
 * every command) stops the parse: true with a->help set. */
bool osp_cli_parse(const struct osp_cli_command *cmd, int argc, char **argv,
		   struct osp_cli_args *a);
void osp_cli_args_free(struct osp_cli_args *a);
bool osp_cli_has(const struct osp_cli_args *a, const char *option);
/* The option's value, or NULL when it was not given. */
const char *osp_cli_value(const struct osp_cli_args *a, const char *option);
/* Every value given to a repeatable option, in order, into `out` (room for
 * a->n_given); returns how many. */
size_t osp_cli_values(const struct osp_cli_args *a, const char *option,
		      const char **out);

/* Prints `cmd`'s help to `f`: its usage, summary, options and example. */
void osp_cli_print_help(FILE *f, const struct osp_cli_command *cmd);
/* The names among `names` that `word` is a likely slip for: the nearest
 * by edit distance when near enough (one slip in a short word, two in a
 * longer one), and those that begin with it; written as "a, b or c" to
 * `out` (cap bytes).  False when none is near. */
bool osp_cli_suggest(const char *word, const char *const *names, size_t n,
		     char *out, size_t cap);
/* The edit distance between `a` and `b`, bytes (optimal string alignment:
 * insert, delete, replace, swap two neighbours). */
size_t osp_cli_edit_distance(const char *a, const char *b);


/* Whether the file name `name` ends in `suffix` (".m3u8"), in any case. */
bool osp_cli_has_suffix(const char *name, const char *suffix);

/* The names a discovered drama was found by (see
 * osp_cli_group_discovered). */
struct osp_cli_found_name {
	char *drama, *found, *alias;
};

/* Shared state for one run of the program. */
struct osp_cli {
	struct osp_paths paths;
	struct osp_config config;
	struct osp_catalog catalog;	/* see osp_cli_catalog */
	bool catalog_loaded;
	uint64_t catalog_fingerprint;	/* 0: not known yet */
	/* Discovered dramas read before the catalogs, added as they load. */
	struct osp_cli_found_name *found_names;
	size_t n_found_names;
	bool only_reads;	/* osp_cli_open_library_to_read was used */
	bool as_stored;		/* osp_cli_as_stored has spoken */
	bool matched_in_scan;	/* a scan stored matches of its own */
};

bool osp_cli_init(struct osp_cli *cli, struct osp_error *err);
void osp_cli_free(struct osp_cli *cli);
/* Opens the library, creating its folder; NULL after printing why (one
 * line: why it cannot be written, when it cannot). */
struct osp_library *osp_cli_open_library(struct osp_cli *cli);
/* The same for the commands that only read: when the library cannot be
 * written it is opened to read only, after saying so through
 * osp_cli_as_stored. */
struct osp_library *osp_cli_open_library_to_read(struct osp_cli *cli);
/* Says on stderr, once a run, "ostplay: <why>; showing the library as last
 * stored": what a read command says when it cannot store what it found. */
void osp_cli_as_stored(struct osp_cli *cli, const char *why);

/* Prints "ostplay: <message>" on stderr; returns 1 (the failure status). */
int osp_cli_error(const struct osp_error *err);
int osp_cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Writes `len` bytes of `data` to stdout and flushes it; returns 0, or 1
 * after saying "ostplay: cannot write the output: <why>" (a full disk,
 * /dev/full).  main.c checks the rest of stdout when the command ends. */
int osp_cli_print(const char *data, size_t len);
/* Prints "ostplay <command>: <message>", the usage and where the help
 * is; returns 2. */
int osp_cli_usage_error(const struct osp_cli_command *cmd, const char *fmt,
			...) __attribute__((format(printf, 2, 3)));

/* Scans the folders a plain `ostplay scan` would (configured and
 * remembered ones) into `lib` and matches what it found, quietly; `*n_dirs`
 * says how many folders.  False after printing why. */
bool osp_cli_rescan(struct osp_cli *cli, struct osp_library *lib,
		    struct osp_scan_summary *sum, size_t *n_dirs);
/* The loudness phase of a scan: runs ostplay-measure (by exec, never a
 * shell) on this terminal, with --verbose and --threads N when given, and
 * waits for it, ignoring Ctrl-C (which stops it, keeping what it
 * measured).  Call it with the library closed.  Returns its exit status
 * (130 when stopped). */
int osp_cli_measure_loudness(bool verbose, const char *n_threads);
/* Appends what a new library took from the user-data file, "5 favourites,
 * 2 playlists (7 entries), 3 drama rules and 1 music folder", to `b`. */
void osp_cli_restored_text(struct osp_buf *b,
			   const struct osp_library_restored *r);

/* The curated and the user's catalogs, loaded on first use; a broken file
 * is reported on stderr and the others still load. */
const struct osp_catalog *osp_cli_catalog(struct osp_cli *cli);
/* Their fingerprint, as loaded or as they would load (see
 * osp_catalog_fingerprint), without loading them. */
uint64_t osp_cli_catalog_fingerprint(struct osp_cli *cli);
/* Adds the discovered dramas read so far to the loaded catalogs. */
void osp_cli_add_found_names(struct osp_cli *cli);
/* Brings stored match results up to date with the catalogs: every track
 * when the catalogs or the matcher changed, else the tracks changed since
 * they were matched.  False after printing why.  For a command that only
 * reads, a library that cannot take them (read-only, a full disk) is no
 * failure: it is shown as last stored, after saying so once. */
bool osp_cli_update_matches(struct osp_cli *cli, struct osp_library *lib);
/* osp_scan_run, matching each new file in the tag reader that read it so
 * that its match is stored with its row, when the stored matches are up
 * to date with the catalogs (otherwise osp_cli_update_matches matches
 * every track again anyway, and the scan does not); it tells
 * osp_cli_update_matches that it stored matches. */
bool osp_cli_scan_run(struct osp_cli *cli, struct osp_library *lib,
		      struct osp_scan_options *opt,
		      struct osp_scan_summary *sum, struct osp_error *err);
/* Groups the tracks that found a drama no catalog lists into dramas
 * (see discover.h), when they or the user's rules `changed` or may have,
 * and adds those dramas to the catalog that osp_cli_catalog returns (now,
 * or as it loads), so that every command takes their names.  osp_cli_update_matches calls it.
 * False after printing why. */
bool osp_cli_group_discovered(struct osp_cli *cli, struct osp_library *lib,
			      bool changed);
/* The catalog index of the drama `name` names; prints why and returns -1
 * when none or several do. */
int osp_cli_pick_drama(struct osp_cli *cli, const char *name);

/* Query words a track must all hold, in its title, album, album artist,
 * artists or file name: each word folded (osp_text_fold) as a part of that
 * text; or, with the words next to it, as whole words of it with spacing
 * and punctuation aside, as another name the catalogs give the performer
 * or song those words name ("첸" finds "Chen", "Yoon Mirae" finds "윤미래"
 * and "Yoon Mi-rae"), or, across scripts only, by how they sound
 * (osp_text_sound_key: "백예린" finds "Baek Yerin" and back).  `tracks
 * --drama` and `play DRAMA` are the ways to a drama's tracks.  A zeroed
 * struct holds no words and matches every track. */
struct osp_cli_run;	/* private to src/cli/words.c */
struct osp_cli_hay;

struct osp_cli_words {
	char **v;		/* the words, folded */
	size_t n;
	struct osp_cli_run *runs;	/* runs of them that name something */
	size_t n_runs;
	struct osp_cli_hay *hay;	/* scratch for one track */
};
/* Reads the `n` arguments `args` (one may hold several words) as query
 * words, looking their names up in the catalogs (osp_cli_catalog) once;
 * `args` may go once this returns.  Free with osp_cli_words_free. */
void osp_cli_words_init(struct osp_cli_words *w, struct osp_cli *cli,
			char *const *args, size_t n);
bool osp_cli_words_match(struct osp_cli_words *w, const struct osp_track *t);
void osp_cli_words_free(struct osp_cli_words *w);
/* One line for `t` as `tracks` lists it: human text or a JSON object. */
void osp_cli_format_track(struct osp_buf *b, const struct osp_track *t,
			  bool json);
/* Lines gathered for printing, and how many. */
struct osp_cli_listing {
	bool json;
	struct osp_buf out;
	size_t n;
};
/* An osp_library_track_fn: adds `t`'s line to the osp_cli_listing `ctx`. */
bool osp_cli_list_track(void *ctx, const struct osp_track *t);

/* Talking to the daemon (the one module using libmpdclient). */
enum {
	OSP_QUEUE_REPLACE = 1,	/* clear the queue first, then play */
	OSP_QUEUE_IN_ORDER = 2,	/* turn random play off: the order matters */
};
/* Adds the files `paths` to the queue, `how` a set of OSP_QUEUE_ flags;
 * returns the exit status, after saying why on failure. */
int osp_cli_send_queue(struct osp_cli *cli, char *const *paths, size_t n,
		       unsigned how);
/* Sends `command` and its arguments (up to 7, NULL-terminated) to the
 * daemon when it is running, without starting it, and says nothing:
 * 1 when it answered OK, 0 when no daemon runs (or an argument holds a
 * line break, which the protocol cannot carry), -1 when it refused. */
int osp_cli_run_if_running(struct osp_cli *cli, const char *command, ...);
/* The playing (or paused) file's whole path, NULL when none, without
 * starting the daemon; false after saying what went wrong. */
bool osp_cli_current_path(struct osp_cli *cli, char **path);
/* The queue's files as whole paths, a newly allocated array of newly
 * allocated strings; false after saying what went wrong. */
bool osp_cli_queue_paths(struct osp_cli *cli, char ***paths, size_t *n);

/* Whether `arg` names a file or folder that exists: `play` and `add` then
 * take their words as files and folders, as mpv does, not as a drama. */
bool osp_cli_is_path(const char *arg);
/* The files `args` name, and the audio files (by suffix) under the folders
 * they name, in name order: absolute, in a newly allocated array of newly
 * allocated strings.  False, after saying which argument is wrong, when
 * one does not exist or a folder holds no audio. */
bool osp_cli_collect_files(char *const *args, size_t n, char ***paths,
			   size_t *n_paths);

int osp_cli_add(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_check(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_daemon(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_drama(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_dramas(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_explain(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_export(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_fav(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_favs(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_import(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_playlist(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_playlists(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_next(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_pause(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_play(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_prev(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_queue(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_loudness(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_quit(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_random(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_repeat(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_scan(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_seek(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_shuffle(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_status(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_stop(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_toggle(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_tracks(struct osp_cli *cli, const struct osp_cli_args *a);
int osp_cli_volume(struct osp_cli *cli, const struct osp_cli_args *a);

#endif
