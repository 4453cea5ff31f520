/* Loudness levelling: the mode, each file's gain as it is queued in mpv,
 * and MPD's replay_gain_mode / replay_gain_status. */
#include <string.h>

#include "daemon-private.h"

/* The measured loudness of `t`'s album, or NULL; kept while the track
 * and the library stay the same, as status asks on every poll. */
static const struct osp_measure *album_measure(struct daemon *d,
					       const struct osp_track *t)
{
	if (!t->id || t->tags.gain.has_album)	/* not in the library; tagged */
		return NULL;
	int64_t version = osp_library_version(d->lib);
	if (d->album_loudness.track_id != t->id ||
	    d->album_loudness.version != version) {
		struct osp_error err = {0};
		if (!osp_library_album_measure(d->lib, t,
					       &d->album_loudness.measure, &err))
			daemon_log("album loudness: %s", err.msg);
		d->album_loudness.track_id = t->id;
		d->album_loudness.version = version;
	}
	return &d->album_loudness.measure;
}

double daemon_gain(struct daemon *d, const struct osp_track *t,
		   enum osp_gain_source *source)
{
	enum osp_loudness mode = d->loudness;
	/* Album gain keeps an album's songs apart as they were mastered,
	 * which only means something when they play in order. */
	if (mode == OSP_LOUDNESS_ALBUM && d->queue.random)
		mode = OSP_LOUDNESS_TRACK;
	const struct osp_measure *album =
		mode == OSP_LOUDNESS_ALBUM ? album_measure(d, t) : NULL;
	return osp_gain_for(&t->tags.gain, &t->measure, album, mode,
			    d->config->loudness_preamp, source);
}

void daemon_set_loudness(struct daemon *d, enum osp_loudness mode)
{
	if (mode == d->loudness)
		return;
	d->loudness = mode;
	daemon_changed(d, IDLE_OPTIONS);
	/* The playing file is opened again where it is, so that the change
	 * is heard now; the ones queued after it in mpv go with it. */
	if (d->state != STATE_STOP)
		daemon_play_order(d, d->queue.cur, daemon_elapsed(d),
				  d->state == STATE_PAUSE);
}

void daemon_gain_status(struct daemon *d, struct osp_buf *out)
{
	const struct osp_queue_item *it = osp_queue_current(&d->queue);
	if (!it || d->state == STATE_STOP)
		return;
	enum osp_gain_source source;
	double gain = daemon_gain(d, &it->track, &source);
	osp_buf_printf(out, "gain: %.2f\ngain_source: %s\n", gain,
		       osp_gain_source_name(source));
}

bool daemon_cmd_replay_gain_mode(struct daemon *d, struct reply *r, int argc,
				 char **argv)
{
	(void)argc;
	enum osp_loudness mode;
	if (!osp_loudness_parse(argv[0], &mode))
		return reply_fail(r, ACK_ARG, "Unrecognized replay gain mode");
	daemon_set_loudness(d, mode);
	return true;
}

bool daemon_cmd_replay_gain_status(struct daemon *d, struct reply *r,
				   int argc, char **argv)
{
	(void)argc, (void)argv;
	/* MPD's word for no levelling is "off", as ostplay's. */
	osp_buf_printf(r->out, "replay_gain_mode: %s\n",
		       osp_loudness_name(d->loudness));
	return true;
}
