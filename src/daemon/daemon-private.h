/*
 * What the daemon's files share; not a public header: nothing outside
 * src/daemon includes it.  daemon.c runs the loop and the sockets,
 * client.c (client.h) one connection, commands.c the MPD command table,
 * playback.c keeps mpv in step with the queue, gain.c the loudness
 * levelling it plays each file with, songs.c finds the file a
 * URI names, state.c saves and restores the queue, reply.c and log.c the
 * ACKs and the log.  mpris.c (mpris.h), beside them, puts the daemon on
 * the session bus through the command table.  Each needs only those after it in that list.
 */
#ifndef OSTPLAY_DAEMON_PRIVATE_H
#define OSTPLAY_DAEMON_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ostplay/buf.h"
#include "ostplay/catalog.h"
#include "ostplay/config.h"
#include "ostplay/gain.h"
#include "ostplay/library.h"
#include "ostplay/paths.h"
#include "ostplay/player.h"
#include "ostplay/queue.h"

/* MPD's idle subsystems, as bits: 1 << i is daemon_idle_names[i]. */
enum idle_event {
	IDLE_DATABASE = 1, IDLE_STORED_PLAYLIST = 2, IDLE_PLAYLIST = 4,
	IDLE_PLAYER = 8, IDLE_MIXER = 16, IDLE_OUTPUT = 32, IDLE_OPTIONS = 64,
	IDLE_STICKER = 128, IDLE_UPDATE = 256,
};
#define N_IDLE_EVENTS 9
extern const char *const daemon_idle_names[N_IDLE_EVENTS];

/* MPD's ACK codes. */
enum ack {
	ACK_NOT_LIST = 1, ACK_ARG = 2, ACK_PASSWORD = 3, ACK_PERMISSION = 4,
	ACK_UNKNOWN = 5,
	ACK_NO_EXIST = 50, ACK_SYSTEM = 52, ACK_PLAYER_SYNC = 55,
	ACK_EXIST = 56,
};

enum play_state { STATE_STOP, STATE_PLAY, STATE_PAUSE };

/* MPD's single mode: after the current song, stop, or with repeat on play
 * it again; ONESHOT does that once and turns itself off. */
enum single_mode { SINGLE_OFF, SINGLE_ON, SINGLE_ONESHOT };
extern const char *const daemon_single_names[3];	/* "0", "1", "oneshot" */

#define LOAD_AHEAD 2

struct daemon {
	const struct osp_paths *paths;
	const struct osp_config *config;
	const struct osp_catalog *catalog;
	struct osp_library *lib;
	char **music_dirs;	/* for MPD's relative URIs */
	size_t n_music_dirs;
	struct osp_player *player;
	struct osp_queue queue;
	enum play_state state;
	int volume;
	bool repeat;
	enum osp_loudness loudness;	/* the levelling mode (gain.c) */
	enum single_mode single;
	bool consume;		/* MPD's: a song played is removed */
	bool output_off;	/* MPD's disableoutput: silent, time goes on */
	/* Kept and reported for MPD clients; mpv has no crossfade or
	 * MixRamp, so they change nothing heard. */
	int crossfade;
	double mixrampdb, mixrampdelay;	/* mixrampdelay < 0: off */
	/* mpv's playlist holds the current track and the next LOAD_AHEAD
	 * ones, so that it goes on without a gap, even past a file that
	 * fails at once: their song ids, in order. */
	long loaded[LOAD_AHEAD];
	size_t n_loaded;
	/* The queue or a mode (repeat, single, random) changed: mpv's
	 * upcoming files are chosen again once the round's commands have
	 * run (daemon.c). */
	bool next_stale;
	bool loading;		/* the current file is not open yet */
	double start_at;	/* where the current file was opened, for the
				 * moment before mpv knows its position */
	size_t failures;	/* files that failed since one opened */
	long ended;		/* song id of the last file mpv finished or
				 * gave up on, -1 when none since */
	char *error;		/* MPD's status `error`, or NULL */
	unsigned changed;	/* idle events not yet told to clients */
	bool seeked;		/* a seek not yet told to MPRIS */
	struct mpris *mpris;	/* NULL without a session bus */
	bool quit;
	bool state_dirty;
	/* The queue has its own file, rewritten only when it changes: the
	 * position is saved every few seconds while playing, and a queue can
	 * hold a whole library. */
	bool queue_dirty;
	unsigned long queue_generation;	/* of the queue file last written */
	double started;		/* for MPD's uptime */
	/* MPD's update: the scan running as a child process, its job
	 * number, and the library's version last seen (update.c). */
	pid_t update_pid;
	unsigned update_job;
	int64_t library_version;
	double library_checked;
	/* The measured loudness of the album of the track last asked
	 * about, and for which track and library version (gain.c). */
	struct {
		int64_t track_id, version;
		struct osp_measure measure;
	} album_loudness;
};

/* A command's reply, built while it runs. */
struct reply {
	struct osp_buf *out;
	enum ack ack;		/* 0 while all is well */
	char message[256];
	bool close;		/* the client asked to go */
	unsigned idle_mask;	/* set by idle: what it waits for */
	bool idle;
	bool local;		/* from the owner (or root), on the Unix
				 * socket: may name files by path */
	unsigned permissions;	/* the client's; `password` changes them */
	size_t binary_limit;	/* the client's; `binarylimit` changes it */
};

bool reply_fail(struct reply *r, enum ack ack, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

struct command {
	const char *name;
	int min_args, max_args;	/* after the name; -1: no limit */
	bool (*run)(struct daemon *d, struct reply *r, int argc, char **argv);
	unsigned permission;	/* what the client needs: osp_permission bits */
};

/* The command named `name`, or NULL (commands.c, from every table). */
const struct command *daemon_command(const char *name);
/* All commands, sorted by name, for `commands`; `n` gets their number. */
const struct command *daemon_commands(size_t *n);
/* queue-commands.c's table: editing the queue by position, range, id. */
const struct command *daemon_queue_commands(size_t *n);
/* cover-commands.c's: albumart, readpicture, binarylimit. */
const struct command *daemon_cover_commands(size_t *n);
/* sticker-commands.c's: sticker. */
const struct command *daemon_sticker_commands(size_t *n);
/* modes.c's: consume, crossfade, mixramp, outputs. */
const struct command *daemon_mode_commands(size_t *n);
/* In consume mode, removes the song with id `id`, which has just been
 * played (playback.c). */
void daemon_consume(struct daemon *d, long id);
/* update.c's: update and rescan. */
const struct command *daemon_update_commands(size_t *n);
/* Notices a scan that ended, and changes another process made to the
 * library (a scan or an import from the CLI): wakes `idle database`.
 * Called every round of the loop; `now` is daemon_now(). */
void daemon_update_poll(struct daemon *d, double now);
/* playlist-commands.c's: editing saved playlists. */
const struct command *daemon_playlist_commands(size_t *n);
/* Appends the library tracks `ids` to the saved playlist `name`, made
 * when missing; a drama's name is an ACK in `r` (searchaddpl). */
bool daemon_playlist_append(struct daemon *d, struct reply *r,
			    const char *name, const int64_t *ids, size_t n);
/* What the stored playlist `name` is (commands.c): a drama, whose
 * canonical title goes to `*title`, or a saved playlist of that name in
 * any case, whose stored name goes to `*stored` (newly allocated); or
 * neither. */
bool daemon_find_stored(struct daemon *d, const char *name,
			const char **title, char **stored,
			struct osp_error *err);

/* Arguments (commands.c): a whole number in [lo, hi]; MPD's range, N or
 * START:END or START: (to `n`; SIZE_MAX for no known end), false after
 * the ACK. */
bool daemon_parse_int(const char *s, long lo, long hi, long *out);
bool daemon_parse_range(struct reply *r, const char *s, size_t n,
			size_t *start, size_t *end);
/* A queue item as MPD's song information, with Pos and Id when pos >= 0
 * (commands.c). */
void daemon_song_info(const struct daemon *d, struct osp_buf *b,
		      const struct osp_queue_item *it, long pos);

/* Playback, for the commands: plays the track at `k` in the queue's
 * order from `start` seconds, or when that is 0 from the start of its
 * range (rangeid). */
void daemon_play_order(struct daemon *d, long k, double start, bool paused);
void daemon_stop(struct daemon *d);
/* Seconds into the current track, also while it is opening. */
double daemon_elapsed(struct daemon *d);
/* Goes to `seconds` into the current track, or by it when `relative`. */
void daemon_seek(struct daemon *d, double seconds, bool relative);
/* Brings the tracks after the current one in mpv's playlist up to date
 * with the queue: keeps those still right, replaces the rest. */
void daemon_refresh_next(struct daemon *d);
/* The index into the queue's order of the track that follows the one at
 * `k` when that ends by itself (repeat and single mode), or -1. */
long daemon_after(const struct daemon *d, long k);
void daemon_changed(struct daemon *d, unsigned events);
/* Sets (or, with NULL, clears) the error `status` reports; takes `error`,
 * and logs it. */
void daemon_set_error(struct daemon *d, char *error);
/* The file's URI as MPD clients see it: relative to its music folder. */
const char *daemon_uri(const struct daemon *d, const char *path);
/* The library track a client's URI names: relative to a music folder, an
 * absolute path or a file: URI, with "..", "." and symbolic links
 * resolved.  False, and `*t` zeroed, when there is none. */
bool daemon_library_track(struct daemon *d, const char *uri,
			  struct osp_track *t);
/* The track `add` queues for a URI: a library track, or for a `local`
 * client also an audio file outside the library by absolute path.  False,
 * with the ACK (no such song, not audio, access denied) in `r`, when there
 * is none. */
bool daemon_track_for_uri(struct daemon *d, struct reply *r, const char *uri,
			  struct osp_track *t);
/* Loudness (gain.c): the gain in dB that `t` plays at now, and where it
 * comes from; setting the mode applies it to the playing file at once;
 * the status lines of the playing file's gain. */
double daemon_gain(struct daemon *d, const struct osp_track *t,
		   enum osp_gain_source *source);
void daemon_set_loudness(struct daemon *d, enum osp_loudness mode);
void daemon_gain_status(struct daemon *d, struct osp_buf *out);
bool daemon_cmd_replay_gain_mode(struct daemon *d, struct reply *r, int argc,
				 char **argv);
bool daemon_cmd_replay_gain_status(struct daemon *d, struct reply *r,
				   int argc, char **argv);
/* mpv's events (playback.c). */
void daemon_player_event(struct daemon *d, const struct osp_player_event *e);
/* The library track at `path` exactly (songs.c). */
bool daemon_track_at(struct daemon *d, const char *path, struct osp_track *t);
/* The queue and state files (state.c): saved when they changed, and read
 * back at start, each restored entry checked again as `add` would. */
void daemon_save_state(struct daemon *d);
void daemon_load_state(struct daemon *d);

void daemon_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Seconds on the monotonic clock. */
double daemon_now(void);

#endif
