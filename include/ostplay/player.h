/*
 * player — the one libmpv handle: decoding and output, gaplessly.
 *
 * A thin layer over mpv's own playlist, which the daemon keeps at the
 * playing file and the one after it, so that mpv can go from one to the
 * next without a gap while the daemon decides the order.  mpv's wakeup
 * callback only writes to a pipe (osp_player_fd), so the daemon's poll loop
 * wakes when events wait and never busy-polls.  No other module sees
 * libmpv.  One thread uses a player.
 */
#ifndef OSTPLAY_PLAYER_H
#define OSTPLAY_PLAYER_H

#include <stdbool.h>
#include <stddef.h>

#include "ostplay/config.h"
#include "ostplay/error.h"

struct osp_player;

/* Starts libmpv with audio-only defaults (no video, no terminal, no user
 * config, gapless audio), then `options` (config mpv.* lines) over them. */
struct osp_player *osp_player_new(const struct osp_config_option *options,
				  size_t n_options, struct osp_error *err);
void osp_player_free(struct osp_player *p);

/* Readable when events wait; then call osp_player_next_event until it
 * returns false. */
int osp_player_fd(const struct osp_player *p);

enum osp_player_event_kind {
	OSP_PLAYER_STARTED,	/* a file began: `index` is its place in
				 * mpv's playlist */
	OSP_PLAYER_FAILED,	/* a file could not be played: `message` */
	OSP_PLAYER_FINISHED,	/* a file played to its end */
	OSP_PLAYER_IDLE,	/* nothing left to play */
	OSP_PLAYER_CHANGED,	/* pause or volume changed */
};

struct osp_player_event {
	enum osp_player_event_kind kind;
	long index;
	char message[200];
};

bool osp_player_next_event(struct osp_player *p, struct osp_player_event *ev);

/* Replaces mpv's playlist with `path`, starting at `start` seconds,
 * paused or not. */
bool osp_player_open(struct osp_player *p, const char *path, double start,
		     bool paused, struct osp_error *err);
/* Appends `path` to be played after the entries already there. */
bool osp_player_append(struct osp_player *p, const char *path,
		       struct osp_error *err);
/* Drops the first `n` entries of mpv's playlist (those played). */
void osp_player_drop_played(struct osp_player *p, long n);
/* Drops every entry after the playing one. */
void osp_player_drop_upcoming(struct osp_player *p);
long osp_player_count(struct osp_player *p);
void osp_player_stop(struct osp_player *p);

void osp_player_set_pause(struct osp_player *p, bool paused);
bool osp_player_seek(struct osp_player *p, double seconds, bool relative);
void osp_player_set_volume(struct osp_player *p, int volume);

/* Seconds into the playing file and its length; -1 when unknown. */
double osp_player_elapsed(struct osp_player *p);
double osp_player_duration(struct osp_player *p);
/* kbit/s of the playing file, 0 when unknown. */
int osp_player_bitrate(struct osp_player *p);

#endif
