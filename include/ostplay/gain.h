/*
 * gain — the gain that levels a file, from its tags or its measured
 * loudness.
 *
 * A file's ReplayGain or R128 tags win when it has them (as in every
 * player, even when they are wrong); else its EBU R128 integrated
 * loudness, measured by the loudness module, gives the gain to ReplayGain
 * 2.0's reference of -18 LUFS.  Pure arithmetic: reads no file, so the
 * command line and the daemon use it without loading a decoder.
 */
#ifndef OSTPLAY_GAIN_H
#define OSTPLAY_GAIN_H

#include <stdbool.h>

#include "ostplay/config.h"
#include "ostplay/tags.h"

/* ReplayGain 2.0's reference loudness, in LUFS. */
#define OSP_GAIN_REFERENCE (-18.0)

/* A file's measured loudness. */
struct osp_measure {
	bool done;		/* measured, or found undecodable */
	bool ok;		/* false: the file could not be decoded */
	double lufs;		/* integrated loudness; -inf for silence */
	double peak;		/* sample peak, fraction of full scale */
};

/* Where a gain came from. */
enum osp_gain_source {
	OSP_GAIN_NONE, OSP_GAIN_TAG, OSP_GAIN_MEASURED,
};

/* "none", "tag", "measured". */
const char *osp_gain_source_name(enum osp_gain_source source);

/* The gain in dB to play a file at under `mode`, with `preamp` dB added,
 * lowered so that its peak (the tags', else the measured one, when
 * known) stays within full scale; 0 with
 * OSP_GAIN_NONE when it has none or the mode is off.  Album mode takes the
 * album gain, else the track's; tags win over a measurement, and a file
 * without tags is levelled by its `album`'s measured loudness in album
 * mode, when known.  `m` and `album` may be NULL. */
double osp_gain_for(const struct osp_gain_tags *tags,
		    const struct osp_measure *m,
		    const struct osp_measure *album, enum osp_loudness mode,
		    double preamp, enum osp_gain_source *source);

#endif
