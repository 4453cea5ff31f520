#include "ostplay/player.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <mpv/client.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ostplay/xalloc.h"

struct osp_player {
	mpv_handle *mpv;
	int wake[2];	/* mpv's wakeup callback writes to wake[1] */
};

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
	mpv_observe_property(p->mpv, 1, "pause", MPV_FORMAT_FLAG);
	mpv_observe_property(p->mpv, 2, "volume", MPV_FORMAT_DOUBLE);
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

bool osp_player_next_event(struct osp_player *p, struct osp_player_event *ev)
{
	for (;;) {
		mpv_event *e = mpv_wait_event(p->mpv, 0);
		*ev = (struct osp_player_event){.index = -1};
		switch (e->event_id) {
		case MPV_EVENT_NONE: {
			char buf[64];
			while (read(p->wake[0], buf, sizeof(buf)) > 0)
				;
			return false;
		}
		case MPV_EVENT_START_FILE: {
			int64_t pos = -1;
			mpv_get_property(p->mpv, "playlist-pos", MPV_FORMAT_INT64,
					 &pos);
			ev->kind = OSP_PLAYER_STARTED;
			ev->index = (long)pos;
			return true;
		}
		case MPV_EVENT_END_FILE: {
			const mpv_event_end_file *end = e->data;
			if (end->reason == MPV_END_FILE_REASON_ERROR) {
				ev->kind = OSP_PLAYER_FAILED;
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
		case MPV_EVENT_IDLE:
			ev->kind = OSP_PLAYER_IDLE;
			return true;
		case MPV_EVENT_PROPERTY_CHANGE:
			ev->kind = OSP_PLAYER_CHANGED;
			return true;
		default:
			continue;
		}
	}
}

/* loadfile with named arguments: mpv 0.35 and later disagree on where the
 * positional options go, names do not. */
static bool load(struct osp_player *p, const char *path, const char *flags,
		 const char *options, struct osp_error *err)
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
	return true;
}

bool osp_player_open(struct osp_player *p, const char *path, double start,
		     bool paused, struct osp_error *err)
{
	mpv_set_property_string(p->mpv, "pause", paused ? "yes" : "no");
	char options[64];
	snprintf(options, sizeof(options), "start=%.3f", start > 0 ? start : 0);
	return load(p, path, "replace", options, err);
}

bool osp_player_append(struct osp_player *p, const char *path,
		       struct osp_error *err)
{
	return load(p, path, "append", NULL, err);
}

long osp_player_count(struct osp_player *p)
{
	int64_t n = 0;
	mpv_get_property(p->mpv, "playlist-count", MPV_FORMAT_INT64, &n);
	return (long)n;
}

void osp_player_drop_played(struct osp_player *p, long n)
{
	for (long i = 0; i < n; i++) {
		const char *cmd[] = {"playlist-remove", "0", NULL};
		mpv_command(p->mpv, cmd);
	}
}

void osp_player_drop_upcoming(struct osp_player *p)
{
	int64_t pos = 0;
	mpv_get_property(p->mpv, "playlist-pos", MPV_FORMAT_INT64, &pos);
	for (long i = osp_player_count(p) - 1; i > pos; i--) {
		char index[32];
		snprintf(index, sizeof(index), "%ld", i);
		const char *cmd[] = {"playlist-remove", index, NULL};
		mpv_command(p->mpv, cmd);
	}
}

void osp_player_stop(struct osp_player *p)
{
	const char *cmd[] = {"stop", NULL};
	mpv_command(p->mpv, cmd);
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
