/*
 * player — the one libmpv handle: decoding and output, gaplessly.
 *
 * A thin layer over mpv's own playlist, which the daemon keeps at the
 * playing file and the few after it, so that mpv can go from one to the
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

/* Every file the daemon loads carries its tag (a queue song id), and
 * events name the file they are about by that tag and its path. */
enum osp_player_event_kind {
	OSP_PLAYER_STARTED,	/* a file began opening: `index` is its place
				 * in mpv's playlist */
	OSP_PLAYER_LOADED,	/* the file begun last is open: it can seek */
	OSP_PLAYER_FAILED,	/* a file could not be played: `message`;
				 * `output_failed` when the audio output
				 * could not be opened */
	OSP_PLAYER_FINISHED,	/* a file played to its end */
	OSP_PLAYER_IDLE,	/* mpv has nothing left to play */
	OSP_PLAYER_CHANGED,	/* pause or volume changed */
};

struct osp_player_event {
	enum osp_player_event_kind kind;
	long tag;		/* -1 when not about a file the daemon loaded */
	const char *path;	/* NULL then too; valid until the next call */
	long index;
	bool output_failed;
	char message[200];
};

bool osp_player_next_event(struct osp_player *p, struct osp_player_event *ev);
/* Whether mpv has nothing to play right now: an IDLE event may be older
 * than the last command. */
bool osp_player_idle(struct osp_player *p);

/* How one file plays: from `start` seconds to `end` (0: to its end;
 * MPD's rangeid), `gain` dB louder (0: as it is; see gain.h). */
struct osp_player_part {
	double start, end;
	double gain;
};

/* Replaces mpv's playlist with `path`, played as `part` says, paused or
 * not. */
bool osp_player_open(struct osp_player *p, const char *path, long tag,
		     const struct osp_player_part *part, bool paused,
		     struct osp_error *err);
/* Appends `path` to be played after the entries already there. */
bool osp_player_append(struct osp_player *p, const char *path, long tag,
		       const struct osp_player_part *part,
		       struct osp_error *err);
/* Drops the first `index` entries of mpv's playlist (those played). */
void osp_player_drop_before(struct osp_player *p, long index);
/* Keeps the playing entry (or the one just opened), the `n` after it and
 * the last `appended`; drops the others between them. */
void osp_player_keep_upcoming(struct osp_player *p, size_t n,
			      size_t appended);
void osp_player_stop(struct osp_player *p);

void osp_player_set_pause(struct osp_player *p, bool paused);
bool osp_player_seek(struct osp_player *p, double seconds, bool relative);
void osp_player_set_volume(struct osp_player *p, int volume);
/* Silences the output, or not; playing goes on either way. */
void osp_player_set_mute(struct osp_player *p, bool mute);

/* Seconds into the playing file and its length; -1 when unknown. */
double osp_player_elapsed(struct osp_player *p);
double osp_player_duration(struct osp_player *p);
/* kbit/s of the playing file, 0 when unknown. */
int osp_player_bitrate(struct osp_player *p);

#endif
