#include "ostplay/player.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <mpv/client.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ostplay/buf.h"
#include "ostplay/xalloc.h"

/* What the daemon loaded into mpv's playlist: mpv names entries by id, the
 * daemon by its tag (a queue song id). */
struct entry {
	int64_t id;
	long tag;
	char *path;
};

struct osp_player {
	mpv_handle *mpv;
	int wake[2];	/* mpv's wakeup callback writes to wake[1] */
	struct entry *entries;
	size_t n_entries, cap_entries;
	int64_t playing_id;	/* the entry mpv started last */
	char *base_af;		/* the config's audio filters, or "" */
	double output_gain;	/* dB mpv's output adds to every file */
	bool reading;		/* between the first and last next_event */
};

enum { OBSERVE_PAUSE = 1, OBSERVE_VOLUME, OBSERVE_IDLE };

/* Runs on an mpv thread: it may only signal (mpv's rule). */
static void wake_up(void *ctx)
{
	struct osp_player *p = ctx;
	char c = 1;
	ssize_t n = write(p->wake[1], &c, 1);
	(void)n;	/* a full pipe already wakes the loop */
}

static bool set_option(struct osp_player *p, const char *name,
		       const char *value, struct osp_error *err)
{
	int rc = mpv_set_option_string(p->mpv, name, value);
	if (rc < 0)
		return osp_fail(err, OSP_ERR_INVALID, "mpv option %s=%s: %s",
				name, value, mpv_error_string(rc));
	return true;
}

struct osp_player *osp_player_new(const struct osp_config_option *options,
				  size_t n_options, struct osp_error *err)
{
	/* mpv_create refuses to start unless numbers print the C way. */
	setlocale(LC_NUMERIC, "C");
	struct osp_player *p = xcalloc(1, sizeof(*p));
	p->wake[0] = p->wake[1] = -1;
	p->mpv = mpv_create();
	if (!p->mpv) {
		osp_fail(err, OSP_ERR_INVALID, "cannot start libmpv");
		goto fail;
	}
	static const char *const defaults[][2] = {
		{"vo", "null"}, {"video", "no"}, {"audio-display", "no"},
		{"terminal", "no"}, {"config", "no"},
		{"input-default-bindings", "no"}, {"input-vo-keyboard", "no"},
		{"gapless-audio", "yes"}, {"idle", "yes"},
		{"keep-open", "no"}, {"load-scripts", "no"}, {"ytdl", "no"},
		{"audio-client-name", "ostplay"},
		/* A file is played as the audio it holds, never as a pointer
		 * elsewhere: without this mpv follows an M3U, PLS or CUE
		 * text, an archive or an EDL, whatever its name, to URLs
		 * and other files, and FFmpeg's demuxers may open what a file
		 * names (HLS, concat, mov references). */
		{"access-references", "no"},
		{"demuxer-lavf-o", "protocol_whitelist=file"},
		/* No subtitle, audio or cover files found next to it. */
		{"autoload-files", "no"},
	};
	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if (!set_option(p, defaults[i][0], defaults[i][1], err))
			goto fail;
	for (size_t i = 0; i < n_options; i++)
		if (!set_option(p, options[i].name, options[i].value, err))
			goto fail;
	int rc = mpv_initialize(p->mpv);
	if (rc < 0) {
		osp_fail(err, OSP_ERR_INVALID, "cannot start libmpv: %s",
			 mpv_error_string(rc));
		goto fail;
	}
	/* A file's gain may add a filter of its own after these
	 * (gain_option). */
	char *af = mpv_get_property_string(p->mpv, "af");
	p->base_af = xstrdup(af ? af : "");
	mpv_free(af);
	mpv_get_property(p->mpv, "replaygain-fallback", MPV_FORMAT_DOUBLE,
			 &p->output_gain);
	mpv_observe_property(p->mpv, OBSERVE_PAUSE, "pause", MPV_FORMAT_FLAG);
	mpv_observe_property(p->mpv, OBSERVE_VOLUME, "volume",
			     MPV_FORMAT_DOUBLE);
	/* The IDLE event is deprecated; the property is what mpv keeps. */
	mpv_observe_property(p->mpv, OBSERVE_IDLE, "idle-active",
			     MPV_FORMAT_FLAG);
	if (pipe2(p->wake, O_CLOEXEC | O_NONBLOCK) != 0) {
		osp_fail_sys(err, errno, "pipe");
		goto fail;
	}
	mpv_set_wakeup_callback(p->mpv, wake_up, p);
	return p;
fail:
	osp_player_free(p);
	return NULL;
}

void osp_player_free(struct osp_player *p)
{
	if (!p)
		return;
	if (p->mpv) {
		mpv_set_wakeup_callback(p->mpv, NULL, NULL);
		mpv_terminate_destroy(p->mpv);
	}
	for (size_t i = 0; i < p->n_entries; i++)
		free(p->entries[i].path);
	free(p->entries);
	free(p->base_af);
	if (p->wake[0] >= 0)
		close(p->wake[0]);
	if (p->wake[1] >= 0)
		close(p->wake[1]);
	free(p);
}

int osp_player_fd(const struct osp_player *p)
{
	return p->wake[0];
}

static const struct entry *entry_with_id(const struct osp_player *p,
					 int64_t id)
{
	for (size_t i = 0; i < p->n_entries; i++)
		if (p->entries[i].id == id)
			return &p->entries[i];
	return NULL;
}

static int64_t get_int(struct osp_player *p, const char *name)
{
	int64_t v = -1;
	if (mpv_get_property(p->mpv, name, MPV_FORMAT_INT64, &v) < 0)
		return -1;
	return v;
}

static int64_t id_at(struct osp_player *p, long pos)
{
	char name[48];
	snprintf(name, sizeof(name), "playlist/%ld/id", pos);
	return get_int(p, name);
}

/* The place of entry `id` in mpv's playlist, or -1. */
static long position_of(struct osp_player *p, int64_t id)
{
	long n = (long)get_int(p, "playlist-count");
	for (long i = 0; i < n; i++)
		if (id_at(p, i) == id)
			return i;
	return -1;
}

static void describe(const struct osp_player *p, int64_t id,
		     struct osp_player_event *ev)
{
	const struct entry *e = entry_with_id(p, id);
	ev->tag = e ? e->tag : -1;
	ev->path = e ? e->path : NULL;
}

bool osp_player_next_event(struct osp_player *p, struct osp_player_event *ev)
{
	if (!p->reading) {
		/* Empty the pipe before reading events, never after: a wakeup
		 * for an event that comes after the last one read must stay
		 * in the pipe to wake the loop again. */
		char buf[64];
		while (read(p->wake[0], buf, sizeof(buf)) > 0)
			;
		p->reading = true;
	}
	for (;;) {
		mpv_event *e = mpv_wait_event(p->mpv, 0);
		*ev = (struct osp_player_event){.tag = -1, .index = -1};
		switch (e->event_id) {
		case MPV_EVENT_NONE:
			p->reading = false;
			return false;
		case MPV_EVENT_START_FILE: {
			const mpv_event_start_file *start = e->data;
			p->playing_id = start->playlist_entry_id;
			ev->kind = OSP_PLAYER_STARTED;
			ev->index = position_of(p, p->playing_id);
			describe(p, p->playing_id, ev);
			return true;
		}
		case MPV_EVENT_FILE_LOADED:
			ev->kind = OSP_PLAYER_LOADED;
			describe(p, p->playing_id, ev);
			return true;
		case MPV_EVENT_END_FILE: {
			const mpv_event_end_file *end = e->data;
			describe(p, end->playlist_entry_id, ev);
			if (end->reason == MPV_END_FILE_REASON_ERROR) {
				ev->kind = OSP_PLAYER_FAILED;
				/* No file plays without it: not the file's
				 * fault. */
				ev->output_failed =
					end->error == MPV_ERROR_AO_INIT_FAILED;
				snprintf(ev->message, sizeof(ev->message), "%s",
					 mpv_error_string(end->error));
				return true;
			}
			if (end->reason == MPV_END_FILE_REASON_EOF) {
				ev->kind = OSP_PLAYER_FINISHED;
				return true;
			}
			continue;	/* stopped or replaced by us */
		}
#if MPV_ENABLE_DEPRECATED
		/* Changes of idle-active that undo each other before they are
		 * read are never reported; events are never merged. */
		case MPV_EVENT_IDLE:
			ev->kind = OSP_PLAYER_IDLE;
			return true;
#endif
		case MPV_EVENT_PROPERTY_CHANGE: {
			const mpv_event_property *prop = e->data;
			ev->kind = OSP_PLAYER_CHANGED;
			if (e->reply_userdata == OBSERVE_IDLE) {
				if (prop->format != MPV_FORMAT_FLAG ||
				    !*(int *)prop->data)
					continue;
				ev->kind = OSP_PLAYER_IDLE;
			}
			return true;
		}
		default:
			continue;
		}
	}
}

bool osp_player_idle(struct osp_player *p)
{
	int idle = 0;
	mpv_get_property(p->mpv, "idle-active", MPV_FORMAT_FLAG, &idle);
	return idle;
}

/* Forgets the entries mpv no longer has. */
static void sync_entries(struct osp_player *p)
{
	size_t kept = 0;
	for (size_t i = 0; i < p->n_entries; i++)
		if (position_of(p, p->entries[i].id) >= 0)
			p->entries[kept++] = p->entries[i];
		else
			free(p->entries[i].path);
	p->n_entries = kept;
}

static void remove_at(struct osp_player *p, long pos)
{
	char index[32];
	snprintf(index, sizeof(index), "%ld", pos);
	const char *cmd[] = {"playlist-remove", index, NULL};
	mpv_command(p->mpv, cmd);
}

/* loadfile with named arguments: mpv 0.35 and later disagree on where the
 * positional options go, names do not. */
static bool load(struct osp_player *p, const char *path, long tag,
		 const char *flags, const char *options, struct osp_error *err)
{
	/* mpv_node wants mutable strings: give it copies. */
	const char *names[] = {"name", "url", "flags", "options"};
	const char *values[] = {"loadfile", path, flags, options};
	size_t n = options ? 4 : 3;
	char *keys[4];
	mpv_node items[4];
	for (size_t i = 0; i < n; i++) {
		keys[i] = xstrdup(names[i]);
		items[i] = (mpv_node){.format = MPV_FORMAT_STRING,
				      .u.string = xstrdup(values[i])};
	}
	mpv_node_list list = {.num = (int)n, .values = items, .keys = keys};
	mpv_node cmd = {.format = MPV_FORMAT_NODE_MAP, .u.list = &list};
	int rc = mpv_command_node(p->mpv, &cmd, NULL);
	for (size_t i = 0; i < n; i++) {
		free(keys[i]);
		free(items[i].u.string);
	}
	if (rc < 0)
		return osp_fail(err, OSP_ERR_INVALID, "%s: %s", path,
				mpv_error_string(rc));
	/* The entry just added is the last one: remember its id. */
	int64_t id = id_at(p, (long)get_int(p, "playlist-count") - 1);
	p->entries = xgrow(p->entries, &p->cap_entries, p->n_entries + 1,
			   sizeof(*p->entries));
	p->entries[p->n_entries++] = (struct entry){.id = id, .tag = tag,
						    .path = xstrdup(path)};
	sync_entries(p);
	return true;
}

/* A file's gain, in two parts.  The file opened (replacing whatever
 * played: mpv drops what its output still holds) is levelled by mpv's
 * output gain, replaygain-fallback: mpv applies it to every sample
 * reaching the output, with no filter to build, so the file's first sample
 * comes sooner.  mpv's replaygain option itself would apply only the tags
 * mpv reads: not R128, nor a measured loudness.  A file appended to follow
 * gaplessly cannot change that gain: the end of the file before it, still
 * in the output's buffer, would change level with it.  It keeps the output
 * gain and adds FFmpeg's volume filter, for itself alone, for the
 * difference.  Both are rounded down, never past the peak the gain was
 * limited by. */
static double gain_rounded(double gain)
{
	return floor(gain * 1000) / 1000;
}

static void set_output_gain(struct osp_player *p, double gain)
{
	gain = gain_rounded(gain);
	if (gain == p->output_gain)
		return;
	/* Set while the file replaced still plays: at most one output
	 * period of its last audio may take the new level, as it stops. */
	if (mpv_set_property(p->mpv, "replaygain-fallback", MPV_FORMAT_DOUBLE,
			     &gain) >= 0)
		p->output_gain = gain;
}

/* The per-file option that plays a file `gain` dB louder than the output
 * gain does, newly allocated, or NULL for none: the volume filter after the
 * config's filters.  The value is quoted by length (%N%), as mpv's option
 * lists allow, since the config's filters may hold any character. */
static char *gain_option(const struct osp_player *p, double gain)
{
	double rest = gain_rounded(gain - p->output_gain);
	if (rest == 0)
		return NULL;
	char *filters = xasprintf("%s%slavfi-volume=volume=%.3fdB",
				  p->base_af, *p->base_af ? "," : "", rest);
	char *option = xasprintf("af=%%%zu%%%s", strlen(filters), filters);
	free(filters);
	return option;
}

/* mpv's per-file options for `part`, newly allocated, or NULL for none:
 * start= and end= (mpv's times are the file's, as MPD's range), then the
 * gain. */
static char *part_options(const struct osp_player *p,
			  const struct osp_player_part *part, bool from_start)
{
	struct osp_buf b = {0};
	if (from_start || part->start > 0)
		osp_buf_printf(&b, "start=%.3f",
			       part->start > 0 ? part->start : 0);
	if (part->end > 0)
		osp_buf_printf(&b, "%send=%.3f", b.len ? "," : "", part->end);
	char *af = gain_option(p, part->gain);
	if (af)
		osp_buf_printf(&b, "%s%s", b.len ? "," : "", af);
	free(af);
	if (!b.len) {
		osp_buf_free(&b);
		return NULL;
	}
	return osp_buf_steal(&b);
}

bool osp_player_open(struct osp_player *p, const char *path, long tag,
		     const struct osp_player_part *part, bool paused,
		     struct osp_error *err)
{
	mpv_set_property_string(p->mpv, "pause", paused ? "yes" : "no");
	set_output_gain(p, part->gain);
	char *options = part_options(p, part, true);
	bool ok = load(p, path, tag, "replace", options, err);
	free(options);
	return ok;
}

bool osp_player_append(struct osp_player *p, const char *path, long tag,
		       const struct osp_player_part *part,
		       struct osp_error *err)
{
	char *options = part_options(p, part, false);
	bool ok = load(p, path, tag, "append", options, err);
	free(options);
	return ok;
}

void osp_player_drop_before(struct osp_player *p, long index)
{
	for (long i = 0; i < index; i++)
		remove_at(p, 0);
	sync_entries(p);
}

void osp_player_keep_upcoming(struct osp_player *p, size_t n,
			      size_t appended)
{
	/* Not found: a file just opened, not begun, is first in mpv's
	 * playlist, and the one begun before it is gone. */
	long pos = position_of(p, p->playing_id);
	if (pos < 0)
		pos = 0;
	/* mpv may have begun one of those dropped (its start not read yet):
	 * removing it moves mpv on to the entry after it, in the end the
	 * first of those appended, so that mpv does not run out. */
	for (long i = (long)get_int(p, "playlist-count") - 1 - (long)appended;
	     i > pos + (long)n; i--)
		remove_at(p, i);
	sync_entries(p);
}

void osp_player_stop(struct osp_player *p)
{
	const char *cmd[] = {"stop", NULL};
	mpv_command(p->mpv, cmd);
	sync_entries(p);
}

void osp_player_set_pause(struct osp_player *p, bool paused)
{
	mpv_set_property_string(p->mpv, "pause", paused ? "yes" : "no");
}

bool osp_player_seek(struct osp_player *p, double seconds, bool relative)
{
	char arg[64];
	snprintf(arg, sizeof(arg), "%.3f", seconds);
	const char *cmd[] = {"seek", arg, relative ? "relative" : "absolute",
			     NULL};
	return mpv_command(p->mpv, cmd) >= 0;
}

void osp_player_set_volume(struct osp_player *p, int volume)
{
	double v = volume;
	mpv_set_property(p->mpv, "volume", MPV_FORMAT_DOUBLE, &v);
}

void osp_player_set_mute(struct osp_player *p, bool mute)
{
	int flag = mute;
	mpv_set_property(p->mpv, "mute", MPV_FORMAT_FLAG, &flag);
}

static double get_double(struct osp_player *p, const char *name)
{
	double v = -1;
	if (mpv_get_property(p->mpv, name, MPV_FORMAT_DOUBLE, &v) < 0)
		return -1;
	return v;
}

double osp_player_elapsed(struct osp_player *p)
{
	return get_double(p, "playback-time");
}

double osp_player_duration(struct osp_player *p)
{
	return get_double(p, "duration");
}

int osp_player_bitrate(struct osp_player *p)
{
	double v = get_double(p, "audio-bitrate");
	return v > 0 ? (int)(v / 1000) : 0;
}
