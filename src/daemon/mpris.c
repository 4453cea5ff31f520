/*
 * MPRIS 2 through sd-bus, libsystemd's D-Bus library: Debian 12 ships it
 * with systemd itself (libsystemd-dev), it is well kept, it is plain C
 * with no main loop of its own (sd_bus_get_fd, _get_events and
 * _get_timeout put it into the daemon's poll loop; GDBus would bring
 * GLib's loop, libdbus asks for watch and timeout callbacks and calls
 * itself low-level), and its object vtables state each interface as a
 * table, as the MPD command table does.
 */
#include "mpris.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>
#include <time.h>
#include <unistd.h>

#include "daemon-private.h"
#include "ostplay/covers.h"
#include "ostplay/uri.h"
#include "ostplay/xalloc.h"

#define OBJECT "/org/mpris/MediaPlayer2"
#define ROOT "org.mpris.MediaPlayer2"
#define PLAYER "org.mpris.MediaPlayer2.Player"
#define NAME "org.mpris.MediaPlayer2.ostplay"
#define NO_TRACK "/org/mpris/MediaPlayer2/TrackList/NoTrack"

enum loop { LOOP_NONE, LOOP_TRACK, LOOP_PLAYLIST };
static const char *const loop_names[] = {"None", "Track", "Playlist"};
static const char *const status_names[] = {"Stopped", "Playing", "Paused"};

/* What the bus was last told, to signal only what really changed. */
struct told {
	enum play_state state;
	long song_id;		/* -1: none */
	int volume;
	enum loop loop;
	bool shuffle, has_queue, can_seek;
};

struct mpris {
	struct daemon *d;
	sd_bus *bus;		/* NULL once lost */
	sd_bus_slot *slots[2];
	struct told told;
	long art_id;		/* the song whose cover art_url is, or -1 */
	char *art_url;
};

static enum loop loop_of(const struct daemon *d)
{
	if (!d->repeat)
		return LOOP_NONE;
	return d->single == SINGLE_OFF ? LOOP_PLAYLIST : LOOP_TRACK;
}

static long current_id(const struct daemon *d)
{
	const struct osp_queue_item *it = osp_queue_current(&d->queue);
	return it ? (long)it->id : -1;
}

static struct told now_told(const struct daemon *d)
{
	return (struct told){
		.state = d->state, .song_id = current_id(d),
		.volume = d->volume, .loop = loop_of(d),
		.shuffle = d->queue.random, .has_queue = d->queue.n > 0,
		.can_seek = current_id(d) >= 0 && d->state != STATE_STOP,
	};
}

/* Runs an MPD command (name and arguments in `argv`) as the owner's
 * client does on the Unix socket: the session bus is the user's own.
 * The command table already says what each action does. */
static int run(struct mpris *m, sd_bus_error *error, int argc, char **argv)
{
	const struct command *c = daemon_command(argv[0]);
	assert(c);
	struct osp_buf out = {0};
	struct reply r = {.out = &out, .local = true, .permissions = ~0u};
	bool ok = c->run(m->d, &r, argc - 1, argv + 1);
	osp_buf_free(&out);
	if (!ok)
		return sd_bus_error_setf(error, SD_BUS_ERROR_FAILED, "%s",
					 r.message);
	return 0;
}

/* Commands may write into their arguments, as they do into a client's
 * line: these are copies. */
static int run1(struct mpris *m, sd_bus_error *error, const char *name,
		const char *arg)
{
	char *argv[] = {xstrdup(name), arg ? xstrdup(arg) : NULL};
	int r = run(m, error, arg ? 2 : 1, argv);
	free(argv[0]);
	free(argv[1]);
	return r;
}

/* A method's reply once its command ran. */
static int done(sd_bus_message *msg, int r)
{
	return r < 0 ? r : sd_bus_reply_method_return(msg, "");
}

static int method_raise(sd_bus_message *msg, void *data, sd_bus_error *error)
{
	(void)data, (void)error;
	return sd_bus_reply_method_return(msg, "");
}

static int method_quit(sd_bus_message *msg, void *data, sd_bus_error *error)
{
	return done(msg, run1(data, error, "kill", NULL));
}

static int method_play(sd_bus_message *msg, void *data, sd_bus_error *error)
{
	return done(msg, run1(data, error, "play", NULL));
}

static int method_pause(sd_bus_message *msg, void *data, sd_bus_error *error)
{
	return done(msg, run1(data, error, "pause", "1"));
}

static int method_play_pause(sd_bus_message *msg, void *data,
			     sd_bus_error *error)
{
	struct mpris *m = data;
	bool playing = m->d->state == STATE_PLAY;
	return done(msg, run1(m, error, playing ? "pause" : "play",
			      playing ? "1" : NULL));
}

static int method_stop(sd_bus_message *msg, void *data, sd_bus_error *error)
{
	return done(msg, run1(data, error, "stop", NULL));
}

static int method_next(sd_bus_message *msg, void *data, sd_bus_error *error)
{
	return done(msg, run1(data, error, "next", NULL));
}

static int method_previous(sd_bus_message *msg, void *data,
			   sd_bus_error *error)
{
	return done(msg, run1(data, error, "previous", NULL));
}

/* Seek(x offset): microseconds from here; mpv stops at the start, and
 * past the end goes on to the next track, as MPRIS wants. */
static int method_seek(sd_bus_message *msg, void *data, sd_bus_error *error)
{
	struct mpris *m = data;
	int64_t offset;
	int r = sd_bus_message_read(msg, "x", &offset);
	if (r < 0)
		return r;
	if (m->d->state == STATE_STOP)
		return sd_bus_reply_method_return(msg, "");
	char arg[64];
	snprintf(arg, sizeof(arg), "%+.6f", (double)offset / 1e6);
	return done(msg, run1(m, error, "seekcur", arg));
}

static void track_path(long id, char *out, size_t size)
{
	if (id < 0)
		snprintf(out, size, "%s", NO_TRACK);
	else
		snprintf(out, size, "/org/ostplay/track/%ld", id);
}

static double length_of(const struct osp_queue_item *it)
{
	return it->track.tags.duration_ms / 1000.0;
}

/* SetPosition(o track, x position): ignored, as MPRIS says, for another
 * track than the current one or a place outside it. */
static int method_set_position(sd_bus_message *msg, void *data,
			       sd_bus_error *error)
{
	struct mpris *m = data;
	const char *track;
	int64_t at;
	int r = sd_bus_message_read(msg, "ox", &track, &at);
	if (r < 0)
		return r;
	const struct osp_queue_item *it = osp_queue_current(&m->d->queue);
	char current[64];
	track_path(current_id(m->d), current, sizeof(current));
	double seconds = (double)at / 1e6;
	if (!it || strcmp(track, current) != 0 || seconds < 0 ||
	    (length_of(it) > 0 && seconds > length_of(it)) ||
	    m->d->state == STATE_STOP)
		return sd_bus_reply_method_return(msg, "");
	char arg[64];
	snprintf(arg, sizeof(arg), "%.6f", seconds);
	return done(msg, run1(m, error, "seekcur", arg));
}

/* OpenUri(s uri): a file: URI (or a path), queued and played. */
static int method_open_uri(sd_bus_message *msg, void *data,
			   sd_bus_error *error)
{
	struct mpris *m = data;
	const char *uri;
	int r = sd_bus_message_read(msg, "s", &uri);
	if (r < 0 || (r = run1(m, error, "add", uri)) < 0)
		return r;
	char id[32];
	snprintf(id, sizeof(id), "%u", m->d->queue.items[m->d->queue.n - 1].id);
	return done(msg, run1(m, error, "playid", id));
}

static int get_true(sd_bus *bus, const char *path, const char *iface,
		    const char *prop, sd_bus_message *reply, void *data,
		    sd_bus_error *error)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)data, (void)error;
	return sd_bus_message_append(reply, "b", 1);
}

static int get_false(sd_bus *bus, const char *path, const char *iface,
		     const char *prop, sd_bus_message *reply, void *data,
		     sd_bus_error *error)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)data, (void)error;
	return sd_bus_message_append(reply, "b", 0);
}

static int get_name(sd_bus *bus, const char *path, const char *iface,
		    const char *prop, sd_bus_message *reply, void *data,
		    sd_bus_error *error)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)data, (void)error;
	return sd_bus_message_append(reply, "s", "ostplay");
}

static int get_schemes(sd_bus *bus, const char *path, const char *iface,
		       const char *prop, sd_bus_message *reply, void *data,
		       sd_bus_error *error)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)data, (void)error;
	return sd_bus_message_append(reply, "as", 1, "file");
}

static int get_mime_types(sd_bus *bus, const char *path, const char *iface,
			  const char *prop, sd_bus_message *reply, void *data,
			  sd_bus_error *error)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)data, (void)error;
	return sd_bus_message_append(reply, "as", 8, "audio/mpeg", "audio/flac",
				     "audio/ogg", "audio/opus", "audio/mp4",
				     "audio/x-wav", "audio/x-ms-wma",
				     "audio/aac");
}

static int get_status(sd_bus *bus, const char *path, const char *iface,
		      const char *prop, sd_bus_message *reply, void *data,
		      sd_bus_error *error)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)error;
	struct mpris *m = data;
	return sd_bus_message_append(reply, "s", status_names[m->d->state]);
}

static int get_loop(sd_bus *bus, const char *path, const char *iface,
		    const char *prop, sd_bus_message *reply, void *data,
		    sd_bus_error *error)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)error;
	struct mpris *m = data;
	return sd_bus_message_append(reply, "s", loop_names[loop_of(m->d)]);
}

/* LoopStatus: Track is MPD's repeat with single, Playlist repeat alone. */
static int set_loop(sd_bus *bus, const char *path, const char *iface,
		    const char *prop, sd_bus_message *value, void *data,
		    sd_bus_error *error)
{
	(void)bus, (void)path, (void)iface, (void)prop;
	struct mpris *m = data;
	const char *v;
	int r = sd_bus_message_read(value, "s", &v);
	if (r < 0)
		return r;
	int loop = -1;
	for (int i = 0; i < 3; i++)
		if (strcmp(v, loop_names[i]) == 0)
			loop = i;
	if (loop < 0)
		return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
					 "no such LoopStatus: %s", v);
	if ((r = run1(m, error, "repeat", loop == LOOP_NONE ? "0" : "1")) < 0)
		return r;
	return run1(m, error, "single", loop == LOOP_TRACK ? "1" : "0");
}

static int get_shuffle(sd_bus *bus, const char *path, const char *iface,
		       const char *prop, sd_bus_message *reply, void *data,
		       sd_bus_error *error)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)error;
	struct mpris *m = data;
	return sd_bus_message_append(reply, "b", (int)m->d->queue.random);
}

static int set_shuffle(sd_bus *bus, const char *path, const char *iface,
		       const char *prop, sd_bus_message *value, void *data,
		       sd_bus_error *error)
{
	(void)bus, (void)path, (void)iface, (void)prop;
	int on;
	int r = sd_bus_message_read(value, "b", &on);
	return r < 0 ? r : run1(data, error, "random", on ? "1" : "0");
}

static int get_volume(sd_bus *bus, const char *path, const char *iface,
		      const char *prop, sd_bus_message *reply, void *data,
		      sd_bus_error *error)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)error;
	struct mpris *m = data;
	return sd_bus_message_append(reply, "d", m->d->volume / 100.0);
}

/* Volume: 0..1 is MPD's 0..100; MPRIS lets a player clamp what is
 * beyond. */
static int set_volume(sd_bus *bus, const char *path, const char *iface,
		      const char *prop, sd_bus_message *value, void *data,
		      sd_bus_error *error)
{
	(void)bus, (void)path, (void)iface, (void)prop;
	double v;
	int r = sd_bus_message_read(value, "d", &v);
	if (r < 0)
		return r;
	if (!isfinite(v))
		return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS,
					 "the volume is not a number");
	char arg[16];
	snprintf(arg, sizeof(arg), "%d",
		 (int)lround(v < 0 ? 0 : v > 1 ? 100 : v * 100));
	return run1(data, error, "setvol", arg);
}

static int get_position(sd_bus *bus, const char *path, const char *iface,
			const char *prop, sd_bus_message *reply, void *data,
			sd_bus_error *error)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)error;
	struct mpris *m = data;
	double at = m->d->state == STATE_STOP ? 0 : daemon_elapsed(m->d);
	return sd_bus_message_append(reply, "x", (int64_t)llround(at * 1e6));
}

static int get_rate(sd_bus *bus, const char *path, const char *iface,
		    const char *prop, sd_bus_message *reply, void *data,
		    sd_bus_error *error)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)data, (void)error;
	return sd_bus_message_append(reply, "d", 1.0);
}

static int get_has_queue(sd_bus *bus, const char *path, const char *iface,
			 const char *prop, sd_bus_message *reply, void *data,
			 sd_bus_error *error)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)error;
	struct mpris *m = data;
	return sd_bus_message_append(reply, "b", m->d->queue.n > 0);
}

static int get_can_seek(sd_bus *bus, const char *path, const char *iface,
			const char *prop, sd_bus_message *reply, void *data,
			sd_bus_error *error)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)error;
	struct mpris *m = data;
	return sd_bus_message_append(reply, "b", now_told(m->d).can_seek);
}

/* One a{sv} entry whose value is a list of strings. */
static int append_strings(sd_bus_message *reply, const char *key,
			  char *const *v, size_t n)
{
	char **list = xcalloc(n + 1, sizeof(char *));
	memcpy(list, v, n * sizeof(char *));
	int r;
	if ((r = sd_bus_message_open_container(reply, 'e', "sv")) >= 0 &&
	    (r = sd_bus_message_append(reply, "s", key)) >= 0 &&
	    (r = sd_bus_message_open_container(reply, 'v', "as")) >= 0 &&
	    (r = sd_bus_message_append_strv(reply, list)) >= 0 &&
	    (r = sd_bus_message_close_container(reply)) >= 0)
		r = sd_bus_message_close_container(reply);
	free(list);
	return r;
}

/* The current track's cover as a file: URI, or NULL; looked up once per
 * track. */
static const char *art_url(struct mpris *m, const struct osp_queue_item *it)
{
	if (m->art_id == (long)it->id)
		return m->art_url;
	free(m->art_url);
	m->art_url = NULL;
	m->art_id = it->id;
	char *cover;
	struct osp_error err = {0};
	if (!osp_covers_find(it->track.path, m->d->paths->cache_dir, &cover,
			     &err))
		daemon_log("no cover for %s", err.msg);
	if (cover)
		m->art_url = osp_uri_from_path(cover, strlen(cover));
	free(cover);
	return m->art_url;
}

static int append_track(sd_bus_message *reply, struct mpris *m,
			const struct osp_queue_item *it)
{
	const struct osp_track *t = &it->track;
	const struct osp_tags *g = &t->tags;
	char track[64];
	track_path((long)it->id, track, sizeof(track));
	char *url = osp_uri_from_path(t->path, t->path_len);
	const char *art = art_url(m, it);
	int r = sd_bus_message_append(reply, "{sv}{sv}", "mpris:trackid", "o",
				      track, "xesam:url", "s", url);
	free(url);
	if (r >= 0 && g->duration_ms > 0)
		r = sd_bus_message_append(reply, "{sv}", "mpris:length", "x",
					  (int64_t)g->duration_ms * 1000);
	if (r >= 0 && art)
		r = sd_bus_message_append(reply, "{sv}", "mpris:artUrl", "s", art);
	if (r >= 0 && g->title)
		r = sd_bus_message_append(reply, "{sv}", "xesam:title", "s",
					  g->title);
	if (r >= 0 && g->n_artists)
		r = append_strings(reply, "xesam:artist", g->artists,
				   g->n_artists);
	if (r >= 0 && g->album)
		r = sd_bus_message_append(reply, "{sv}", "xesam:album", "s",
					  g->album);
	if (r >= 0 && g->album_artist)
		r = append_strings(reply, "xesam:albumArtist",
				   (char *const *)&g->album_artist, 1);
	if (r >= 0 && g->track)
		r = sd_bus_message_append(reply, "{sv}", "xesam:trackNumber",
					  "i", g->track);
	/* ostplay's own keys, in its own namespace as MPRIS asks. */
	if (r >= 0 && t->match.drama)
		r = sd_bus_message_append(reply, "{sv}", "ostplay:drama", "s",
					  t->match.drama);
	if (r >= 0 && t->match.ost_track)
		r = sd_bus_message_append(reply, "{sv}", "ostplay:ostTrack",
					  "s", t->match.ost_track);
	return r;
}

static int get_metadata(sd_bus *bus, const char *path, const char *iface,
			const char *prop, sd_bus_message *reply, void *data,
			sd_bus_error *error)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)error;
	struct mpris *m = data;
	const struct osp_queue_item *it = osp_queue_current(&m->d->queue);
	int r = sd_bus_message_open_container(reply, 'a', "{sv}");
	if (r >= 0)
		r = it ? append_track(reply, m, it)
		       : sd_bus_message_append(reply, "{sv}", "mpris:trackid",
					       "o", NO_TRACK);
	return r < 0 ? r : sd_bus_message_close_container(reply);
}

#define CONST SD_BUS_VTABLE_PROPERTY_CONST
#define CHANGES SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE

static const sd_bus_vtable root_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD("Raise", "", "", method_raise, 0),
	SD_BUS_METHOD("Quit", "", "", method_quit, 0),
	SD_BUS_PROPERTY("CanQuit", "b", get_true, 0, CONST),
	SD_BUS_PROPERTY("CanRaise", "b", get_false, 0, CONST),
	SD_BUS_PROPERTY("HasTrackList", "b", get_false, 0, CONST),
	SD_BUS_PROPERTY("Identity", "s", get_name, 0, CONST),
	SD_BUS_PROPERTY("DesktopEntry", "s", get_name, 0, CONST),
	SD_BUS_PROPERTY("SupportedUriSchemes", "as", get_schemes, 0, CONST),
	SD_BUS_PROPERTY("SupportedMimeTypes", "as", get_mime_types, 0, CONST),
	SD_BUS_VTABLE_END,
};

static const sd_bus_vtable player_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD("Next", "", "", method_next, 0),
	SD_BUS_METHOD("Previous", "", "", method_previous, 0),
	SD_BUS_METHOD("Pause", "", "", method_pause, 0),
	SD_BUS_METHOD("PlayPause", "", "", method_play_pause, 0),
	SD_BUS_METHOD("Stop", "", "", method_stop, 0),
	SD_BUS_METHOD("Play", "", "", method_play, 0),
	SD_BUS_METHOD("Seek", "x", "", method_seek, 0),
	SD_BUS_METHOD("SetPosition", "ox", "", method_set_position, 0),
	SD_BUS_METHOD("OpenUri", "s", "", method_open_uri, 0),
	SD_BUS_SIGNAL("Seeked", "x", 0),
	SD_BUS_PROPERTY("PlaybackStatus", "s", get_status, 0, CHANGES),
	SD_BUS_WRITABLE_PROPERTY("LoopStatus", "s", get_loop, set_loop, 0,
				 CHANGES),
	SD_BUS_PROPERTY("Rate", "d", get_rate, 0, CONST),
	SD_BUS_WRITABLE_PROPERTY("Shuffle", "b", get_shuffle, set_shuffle, 0,
				 CHANGES),
	SD_BUS_PROPERTY("Metadata", "a{sv}", get_metadata, 0, CHANGES),
	SD_BUS_WRITABLE_PROPERTY("Volume", "d", get_volume, set_volume, 0,
				 CHANGES),
	/* Position changes all the time: players announce only jumps, with
	 * Seeked. */
	SD_BUS_PROPERTY("Position", "x", get_position, 0, 0),
	SD_BUS_PROPERTY("MinimumRate", "d", get_rate, 0, CONST),
	SD_BUS_PROPERTY("MaximumRate", "d", get_rate, 0, CONST),
	SD_BUS_PROPERTY("CanGoNext", "b", get_has_queue, 0, CHANGES),
	SD_BUS_PROPERTY("CanGoPrevious", "b", get_has_queue, 0, CHANGES),
	SD_BUS_PROPERTY("CanPlay", "b", get_has_queue, 0, CHANGES),
	SD_BUS_PROPERTY("CanPause", "b", get_has_queue, 0, CHANGES),
	SD_BUS_PROPERTY("CanSeek", "b", get_can_seek, 0, CHANGES),
	SD_BUS_PROPERTY("CanControl", "b", get_true, 0, CONST),
	SD_BUS_VTABLE_END,
};

/* Takes the well-known name, or, when another player holds it (a second
 * ostplay on another runtime folder), the instance name MPRIS allows. */
static int take_name(sd_bus *bus)
{
	int r = sd_bus_request_name(bus, NAME, 0);
	if (r != -EEXIST)
		return r;
	char name[128];
	snprintf(name, sizeof(name), NAME ".instance%ld", (long)getpid());
	return sd_bus_request_name(bus, name, 0);
}

struct mpris *mpris_open(struct daemon *d)
{
	sd_bus *bus = NULL;
	int r = sd_bus_open_user_with_description(&bus, "ostplay");
	if (r < 0) {
		const char *at = getenv("DBUS_SESSION_BUS_ADDRESS");
		daemon_log("MPRIS is off: no session bus at %s (%s)",
			   at ? at : "$XDG_RUNTIME_DIR/bus, and "
				     "DBUS_SESSION_BUS_ADDRESS is not set",
			   strerror(-r));
		return NULL;
	}
	struct mpris *m = xcalloc(1, sizeof(*m));
	m->d = d;
	m->bus = bus;
	m->art_id = -1;
	m->told = now_told(d);
	if ((r = sd_bus_add_object_vtable(bus, &m->slots[0], OBJECT, ROOT,
					  root_vtable, m)) < 0 ||
	    (r = sd_bus_add_object_vtable(bus, &m->slots[1], OBJECT, PLAYER,
					  player_vtable, m)) < 0 ||
	    (r = take_name(bus)) < 0) {
		daemon_log("MPRIS is off: the session bus refused ostplay (%s)",
			   strerror(-r));
		mpris_close(m);
		return NULL;
	}
	daemon_log("MPRIS on the session bus");
	return m;
}

/* The bus is gone or broken: the daemon goes on without it. */
static void lose_bus(struct mpris *m, int r)
{
	daemon_log("MPRIS is off: the session bus went away (%s)",
		   strerror(-r));
	for (int i = 0; i < 2; i++)
		m->slots[i] = sd_bus_slot_unref(m->slots[i]);
	m->bus = sd_bus_flush_close_unref(m->bus);
}

void mpris_close(struct mpris *m)
{
	if (!m)
		return;
	for (int i = 0; i < 2; i++)
		sd_bus_slot_unref(m->slots[i]);
	sd_bus_flush_close_unref(m->bus);
	free(m->art_url);
	free(m);
}

int mpris_fd(struct mpris *m)
{
	return m && m->bus ? sd_bus_get_fd(m->bus) : -1;
}

short mpris_events(struct mpris *m)
{
	int events = m && m->bus ? sd_bus_get_events(m->bus) : 0;
	return events > 0 ? (short)events : 0;
}

int mpris_timeout_ms(struct mpris *m)
{
	uint64_t until;
	if (!m || !m->bus || sd_bus_get_timeout(m->bus, &until) < 0 ||
	    until == UINT64_MAX)
		return -1;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	uint64_t now = (uint64_t)ts.tv_sec * 1000000 +
		       (uint64_t)ts.tv_nsec / 1000;
	/* Rounded up, so that poll does not wake just before it is due. */
	return until <= now ? 0 : (int)((until - now + 999) / 1000);
}

void mpris_process(struct mpris *m)
{
	int r = 0;
	while (m && m->bus && (r = sd_bus_process(m->bus, NULL)) > 0)
		continue;
	if (r < 0)
		lose_bus(m, r);
}

void mpris_changed(struct mpris *m, unsigned events)
{
	struct daemon *d = m ? m->d : NULL;
	if (!m || !m->bus || (!events && !d->seeked))
		return;
	struct told was = m->told, is = now_told(d);
	const char *names[16];	/* sd-bus takes char **, reads only */
	size_t n = 0;
	if (is.state != was.state)
		names[n++] = "PlaybackStatus";
	if (is.song_id != was.song_id)
		names[n++] = "Metadata";
	if (is.volume != was.volume)
		names[n++] = "Volume";
	if (is.loop != was.loop)
		names[n++] = "LoopStatus";
	if (is.shuffle != was.shuffle)
		names[n++] = "Shuffle";
	if (is.has_queue != was.has_queue) {
		names[n++] = "CanGoNext";
		names[n++] = "CanGoPrevious";
		names[n++] = "CanPlay";
		names[n++] = "CanPause";
	}
	if (is.can_seek != was.can_seek)
		names[n++] = "CanSeek";
	names[n] = NULL;
	m->told = is;
	int r = n ? sd_bus_emit_properties_changed_strv(m->bus, OBJECT, PLAYER,
							 (char **)(uintptr_t)names)
		  : 0;
	if (r >= 0 && d->seeked) {
		double at = daemon_elapsed(d);
		r = sd_bus_emit_signal(m->bus, OBJECT, PLAYER, "Seeked", "x",
				       (int64_t)llround(at * 1e6));
	}
	d->seeked = false;
	if (r < 0)
		lose_bus(m, r);
}
