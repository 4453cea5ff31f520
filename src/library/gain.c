#include "ostplay/gain.h"

#include <math.h>

/* A measured gain beyond this is a near-silent or broken file, not a
 * quiet recording worth 40 dB of hiss. */
#define MAX_MEASURED_GAIN 30.0

const char *osp_gain_source_name(enum osp_gain_source source)
{
	static const char *const names[] = {"none", "tag", "measured"};
	return names[source];
}

static bool measured(const struct osp_measure *m)
{
	return m && m->done && m->ok && isfinite(m->lufs);
}

double osp_gain_for(const struct osp_gain_tags *tags,
		    const struct osp_measure *m,
		    const struct osp_measure *album, enum osp_loudness mode,
		    double preamp, enum osp_gain_source *source)
{
	double gain = 0, peak = 0;
	*source = OSP_GAIN_NONE;
	if (mode == OSP_LOUDNESS_OFF)
		return 0;
	if (tags && mode == OSP_LOUDNESS_ALBUM && tags->has_album) {
		gain = tags->album_gain;
		peak = tags->album_peak;
		*source = OSP_GAIN_TAG;
	} else if (tags && tags->has_track) {
		gain = tags->track_gain;
		peak = tags->track_peak;
		*source = OSP_GAIN_TAG;
	} else if (measured(m)) {
		/* The album's level, when asked for and known; the peak that
		 * matters is still this file's own. */
		bool whole = mode == OSP_LOUDNESS_ALBUM && measured(album);
		gain = OSP_GAIN_REFERENCE - (whole ? album->lufs : m->lufs);
		if (gain > MAX_MEASURED_GAIN)
			gain = MAX_MEASURED_GAIN;
		peak = m->peak;
		*source = OSP_GAIN_MEASURED;
	} else {
		return 0;
	}
	/* Tags without a peak (R128 has none): the measured one. */
	if (peak <= 0 && m && m->done && m->ok)
		peak = m->peak;
	gain += preamp;
	/* What mpv's replaygain-clip does: no louder than the peak allows. */
	if (peak > 0 && gain > -20 * log10(peak))
		gain = -20 * log10(peak);
	return gain;
}

