#include "ostplay/daemon.h"

#include <errno.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "daemon-private.h"
#include "ostplay/file.h"
#include "ostplay/protocol.h"
#include "ostplay/scan.h"
#include "ostplay/tags.h"
#include "ostplay/uri.h"
#include "ostplay/xalloc.h"

#define MAX_CLIENTS 256
#define MAX_LINE (64 * 1024)		/* a longer line drops the client */
#define MAX_OUTPUT (64 * 1024 * 1024)	/* an unread reply this big, too */
#define MAX_LIST 4096			/* commands in one command list */
#define MAX_WORDS 64
#define SAVE_EVERY 5.0			/* seconds, while playing */

struct client {
	int fd;
	struct osp_buf in, out;
	int list;		/* 0, or 1 in a command list, 2 in an OK list */
	char **lines;		/* the list's commands so far */
	size_t n_lines, cap_lines;
	bool idle;
	unsigned idle_mask;
	unsigned pending;	/* events since it last asked */
	bool closing;		/* close once `out` is sent */
	bool local;		/* on the Unix socket, as our user or root */
};

static int signal_pipe[2] = {-1, -1};

static void on_signal(int sig)
{
	char c = (char)sig;
	ssize_t n = write(signal_pipe[1], &c, 1);
	(void)n;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void daemon_log(const char *fmt, ...)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	char stamp[32];
	strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
	fprintf(stderr, "%s ", stamp);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

bool reply_fail(struct reply *r, enum ack ack, const char *fmt, ...)
{
	r->ack = ack;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->message, sizeof(r->message), fmt, ap);
	va_end(ap);
	/* Error text goes on the wire: one line, whatever a file name held. */
	for (char *p = r->message; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return false;
}

void daemon_changed(struct daemon *d, unsigned events)
{
	d->changed |= events;
	if (events & (IDLE_PLAYLIST | IDLE_PLAYER | IDLE_MIXER | IDLE_OPTIONS))
		d->state_dirty = true;
	if (events & (IDLE_PLAYLIST | IDLE_OPTIONS))	/* random: the order */
		d->queue_dirty = true;
}

const char *daemon_uri(const struct daemon *d, const char *path)
{
	for (size_t i = 0; i < d->n_music_dirs; i++) {
		size_t n = strlen(d->music_dirs[i]);
		if (strncmp(path, d->music_dirs[i], n) == 0 && path[n] == '/')
			return path + n + 1;
	}
	return path;
}

static bool find_track(void *ctx, const struct osp_track *t)
{
	osp_track_copy(ctx, t);
	return false;
}

static bool track_at(struct daemon *d, const char *path, struct osp_track *t)
{
	*t = (struct osp_track){0};
	struct osp_track_query q = {.path = path, .path_len = strlen(path)};
	osp_library_each_track(d->lib, &q, find_track, t, NULL);
	return t->path != NULL;
}

/* The library track at absolute `path`, as given or with "..", "." and
 * symbolic links resolved: the library holds real paths. */
static bool library_track_at(struct daemon *d, const char *path,
			     struct osp_track *t)
{
	if (track_at(d, path, t))
		return true;
	char *real = realpath(path, NULL);
	bool found = real && strcmp(real, path) != 0 && track_at(d, real, t);
	free(real);
	return found;
}

/* Whether `uri` names a file by absolute path or file: URI; `*path` gets
 * that path, newly allocated, or NULL when the URI names none here
 * (file://host/...). */
static bool names_file(const char *uri, char **path)
{
	*path = NULL;
	if (uri[0] == '/')
		*path = xstrdup(uri);
	else if (strncasecmp(uri, "file:", 5) == 0)
		*path = osp_uri_to_path(uri, NULL, true);
	else
		return false;
	return true;
}

bool daemon_library_track(struct daemon *d, const char *uri,
			  struct osp_track *t)
{
	char *path;
	*t = (struct osp_track){0};
	if (names_file(uri, &path)) {
		bool found = path && library_track_at(d, path, t);
		free(path);
		return found;
	}
	for (size_t i = 0; i < d->n_music_dirs; i++) {
		path = xasprintf("%s/%s", d->music_dirs[i], uri);
		bool found = library_track_at(d, path, t);
		free(path);
		if (found)
			return true;
	}
	return false;
}

/* An audio file outside the library, for the owner: its real path is a
 * regular file with an audio extension, and TagLib reads it as audio (a
 * scan would have taken it).  Never a playlist, text or a device, which
 * mpv would follow or read. */
static bool outside_track(struct reply *r, const char *uri, const char *path,
			  struct osp_track *t)
{
	char *real = realpath(path, NULL);
	struct stat st;
	if (!real || stat(real, &st) != 0) {
		free(real);
		return reply_fail(r, ACK_NO_EXIST, "No such song: %s", uri);
	}
	const char *name = strrchr(real, '/') + 1;
	struct osp_tags tags = {0};
	struct osp_error err = {0};
	if (!S_ISREG(st.st_mode) || !osp_scan_is_audio_name(name) ||
	    !osp_tags_read(real, &tags, &err)) {
		free(real);
		return reply_fail(r, ACK_NO_EXIST, "Not an audio file: %s", uri);
	}
	*t = (struct osp_track){.path = real, .path_len = strlen(real),
				.size = st.st_size, .tags = tags};
	return true;
}

bool daemon_track_for_uri(struct daemon *d, struct reply *r, const char *uri,
			  struct osp_track *t)
{
	char *path;
	bool file = names_file(uri, &path);
	/* MPD's rule: only a client on the local socket names files by
	 * path; the others, the music folders' songs. */
	if (file && !r->local) {
		free(path);
		*t = (struct osp_track){0};
		return reply_fail(r, ACK_PERMISSION, "Access denied");
	}
	bool found = daemon_library_track(d, uri, t) ||
		     (path && outside_track(r, uri, path, t));
	free(path);
	if (!found && !r->ack)
		return reply_fail(r, ACK_NO_EXIST, "No such song: %s", uri);
	return found;
}

static long id_at_order(const struct osp_queue *q, long k)
{
	return k >= 0 ? (long)q->items[q->order[k]].id : -1;
}

void daemon_refresh_next(struct daemon *d)
{
	struct osp_queue *q = &d->queue;
	long want[LOAD_AHEAD];	/* order indexes */
	size_t n_want = 0;
	for (long k = q->cur; d->state != STATE_STOP && n_want < LOAD_AHEAD;) {
		if ((k = osp_queue_after(q, k, d->repeat)) < 0)
			break;
		want[n_want++] = k;
	}
	/* Song ids never come back, so equal ids are the same files. */
	size_t same = 0;
	while (same < d->n_loaded && same < n_want &&
	       d->loaded[same] == id_at_order(q, want[same]))
		same++;
	if (same == d->n_loaded && same == n_want)
		return;
	osp_player_keep_upcoming(d->player, same);
	d->n_loaded = same;
	for (size_t i = same; i < n_want; i++) {
		struct osp_error err = {0};
		long id = id_at_order(q, want[i]);
		if (!osp_player_append(d->player,
				       q->items[q->order[want[i]]].track.path,
				       id, &err)) {
			daemon_log("cannot queue %s", err.msg);
			break;
		}
		d->loaded[d->n_loaded++] = id;
	}
}

void daemon_play_order(struct daemon *d, long k, double start, bool paused)
{
	struct osp_queue *q = &d->queue;
	if (k < 0 || (size_t)k >= q->n) {
		daemon_stop(d);
		return;
	}
	q->cur = k;
	struct osp_error err = {0};
	d->n_loaded = 0;
	d->start_at = start > 0 ? start : 0;
	d->loading = true;
	if (!osp_player_open(d->player, q->items[q->order[k]].track.path,
			     id_at_order(q, k), start, paused, &err))
		daemon_log("cannot play %s", err.msg);
	d->state = paused ? STATE_PAUSE : STATE_PLAY;
	daemon_refresh_next(d);
	daemon_changed(d, IDLE_PLAYER);
}

void daemon_stop(struct daemon *d)
{
	osp_player_stop(d->player);
	d->state = STATE_STOP;
	d->n_loaded = 0;
	d->loading = false;
	daemon_changed(d, IDLE_PLAYER);
}

double daemon_elapsed(struct daemon *d)
{
	double elapsed = d->loading ? -1 : osp_player_elapsed(d->player);
	return elapsed >= 0 ? elapsed : d->start_at;
}

void daemon_seek(struct daemon *d, double seconds, bool relative)
{
	struct osp_queue *q = &d->queue;
	if (!d->loading && osp_player_seek(d->player, seconds, relative)) {
		daemon_changed(d, IDLE_PLAYER);
		return;
	}
	/* mpv cannot seek in a file it has not opened yet: open it again
	 * at the place asked for. */
	double target = relative ? daemon_elapsed(d) + seconds : seconds;
	daemon_play_order(d, q->cur, target > 0 ? target : 0,
			  d->state == STATE_PAUSE);
}

/* mpv went on to the entry at `index` of its playlist by itself. */
static void on_started(struct daemon *d, const struct osp_player_event *e)
{
	struct osp_queue *q = &d->queue;
	if (e->index <= 0)
		return;		/* the file daemon_play_order opened */
	/* The loaded files up to this one are no longer ahead. */
	size_t k = 0;
	while (k < d->n_loaded && d->loaded[k] != e->tag)
		k++;
	k = k < d->n_loaded ? k + 1 : d->n_loaded;
	memmove(d->loaded, d->loaded + k, (d->n_loaded - k) * sizeof(long));
	d->n_loaded -= k;
	d->start_at = 0;
	d->loading = true;
	long pos = e->tag >= 0 ? osp_queue_find_id(q, (uint32_t)e->tag) : -1;
	if (pos >= 0)
		q->cur = osp_queue_order_of(q, (size_t)pos);
	/* The next file first: mpv must have it before this one ends, and a
	 * short file decoded faster than real time ends very soon. */
	daemon_refresh_next(d);
	osp_player_drop_before(d->player, e->index);
	daemon_changed(d, IDLE_PLAYER);
}

/* mpv has nothing left to play.  Mostly the queue has ended; but mpv may
 * also have run out before the daemon gave it the next file (a failed or
 * very short one ends in no time), and then the queue goes on. */
static void on_idle(struct daemon *d)
{
	struct osp_queue *q = &d->queue;
	if (d->state == STATE_STOP || !osp_player_idle(d->player))
		return;		/* an event older than the last command */
	long next = -1;
	if (d->ended >= 0 && d->ended == id_at_order(q, q->cur))
		next = osp_queue_after(q, q->cur, d->repeat);
	d->ended = -1;
	if (next >= 0)
		daemon_play_order(d, next, 0, d->state == STATE_PAUSE);
	else
		daemon_stop(d);
}

void daemon_set_error(struct daemon *d, char *error)
{
	if (!error && !d->error)
		return;
	if (error)
		daemon_log("%s", error);
	free(d->error);
	d->error = error;
	daemon_changed(d, IDLE_PLAYER);
}

static void on_player_event(struct daemon *d, const struct osp_player_event *e)
{
	struct osp_queue *q = &d->queue;
	switch (e->kind) {
	case OSP_PLAYER_STARTED:
		on_started(d, e);
		break;
	case OSP_PLAYER_LOADED:
		if (e->tag == id_at_order(q, q->cur)) {
			d->loading = false;
			d->failures = 0;
			daemon_set_error(d, NULL);
		}
		break;
	case OSP_PLAYER_FAILED:
		if (e->output_failed) {
			daemon_set_error(d, xasprintf("cannot open the audio output "
					       "(%s); see mpv.ao in %s",
					       e->message,
					       d->paths->config_file));
			daemon_stop(d);
			break;
		}
		daemon_log("skipped %s: %s", e->path ? e->path : "a file",
			   e->message);
		d->ended = e->tag;
		/* With repeat on, a queue of broken files would go round for
		 * ever. */
		if (++d->failures >= q->n && d->state != STATE_STOP) {
			daemon_log("no file in the queue can be played");
			daemon_stop(d);
		}
		break;
	case OSP_PLAYER_FINISHED:
		d->ended = e->tag;
		break;
	case OSP_PLAYER_IDLE:
		on_idle(d);
		break;
	case OSP_PLAYER_CHANGED:
		break;
	}
}

/* State files, one "key value" per line, in the state folder: `queue`
 * (paths hex-encoded, so that any bytes survive) and `state`, the rest,
 * which names the generation of the queue it goes with.  The queue is
 * written first; a crash between the two leaves a state that names an
 * older queue, whose position is then not trusted. */
static bool write_state_file(struct daemon *d, const char *name,
			     const struct osp_buf *b)
{
	struct osp_error err = {0};
	char *path = xasprintf("%s/%s", d->paths->state_dir, name);
	bool ok = osp_paths_mkdir(d->paths->state_dir, 0700, &err) &&
		  osp_file_replace(path, b->data, b->len, 0600, &err);
	if (!ok)
		daemon_log("cannot save the %s: %s", name, err.msg);
	free(path);
	return ok;
}

static void save_queue(struct daemon *d)
{
	struct osp_buf b = {0};
	struct osp_queue *q = &d->queue;
	osp_buf_printf(&b, "ostplay-queue 1\ngeneration %lu\n",
		       d->queue_generation + 1);
	for (size_t i = 0; i < q->n; i++) {
		osp_buf_puts(&b, "item ");
		const struct osp_track *t = &q->items[i].track;
		osp_buf_hex(&b, t->path, t->path_len);
		osp_buf_printf(&b, " %zu\n", q->order ? q->order[i] : i);
	}
	if (write_state_file(d, "queue", &b)) {
		d->queue_generation++;
		d->queue_dirty = false;
	}
	osp_buf_free(&b);
}

static void save_state(struct daemon *d)
{
	d->state_dirty = false;
	if (d->queue_dirty)
		save_queue(d);
	/* The state names the queue it goes with: while the queue cannot be
	 * saved (a full disk), the pair on disk is left as it was, and the
	 * next save tries again. */
	if (d->queue_dirty)
		return;
	struct osp_buf b = {0};
	struct osp_queue *q = &d->queue;
	double elapsed = d->state == STATE_STOP ? 0 : daemon_elapsed(d);
	osp_buf_printf(&b, "ostplay-state 2\nvolume %d\nrandom %d\nrepeat %d\n"
		       "state %s\ncurrent %ld\nelapsed %.3f\nqueue %lu\n",
		       d->volume, q->random, d->repeat,
		       d->state == STATE_STOP ? "stop" : "pause", q->cur,
		       elapsed > 0 ? elapsed : 0, d->queue_generation);
	write_state_file(d, "state", &b);
	osp_buf_free(&b);
}

static int hex_digit(char c)
{
	return c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0';
}

/* What the state files say besides the queue's items. */
struct saved {
	long current;
	double elapsed;
	bool paused;
	unsigned long queue;		/* state: the queue generation */
	unsigned long generation;	/* queue: its own */
	size_t *order;
	size_t n_order, cap_order;
};

/* Appends the file an `item` line names to the queue. */
static void restore_item(struct daemon *d, char *value, struct saved *s)
{
	struct osp_queue *q = &d->queue;
	char *sp = strchr(value, ' ');
	size_t hex = sp ? (size_t)(sp - value) : strlen(value);
	char *file = xcalloc(hex / 2 + 1, 1);
	for (size_t i = 0; i + 1 < hex; i += 2)
		file[i / 2] = (char)(hex_digit(value[i]) << 4 |
				     hex_digit(value[i + 1]));
	struct osp_track t;
	if (!track_at(d, file, &t))
		t = (struct osp_track){.path = xstrdup(file),
				       .path_len = strlen(file)};
	bool random = q->random;
	q->random = false;	/* keep the saved order */
	osp_queue_add(q, &t);
	q->random = random;
	osp_track_clear(&t);
	s->order = xgrow(s->order, &s->cap_order, s->n_order + 1,
			 sizeof(*s->order));
	s->order[s->n_order] = sp ? (size_t)atol(sp + 1) : s->n_order;
	s->n_order++;
	free(file);
}

static void read_state_file(struct daemon *d, const char *name,
			    struct saved *s)
{
	char *path = xasprintf("%s/%s", d->paths->state_dir, name);
	FILE *f = fopen(path, "r");
	free(path);
	if (!f)
		return;
	struct osp_queue *q = &d->queue;
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		char *value = strchr(line, ' ');
		if (!value)
			continue;
		*value++ = '\0';
		if (strcmp(line, "volume") == 0)
			d->volume = atoi(value);
		else if (strcmp(line, "random") == 0)
			q->random = atoi(value) != 0;
		else if (strcmp(line, "repeat") == 0)
			d->repeat = atoi(value) != 0;
		else if (strcmp(line, "state") == 0)
			s->paused = strcmp(value, "pause") == 0;
		else if (strcmp(line, "current") == 0)
			s->current = atol(value);
		else if (strcmp(line, "elapsed") == 0)
			s->elapsed = atof(value);
		else if (strcmp(line, "queue") == 0)
			s->queue = strtoul(value, NULL, 10);
		else if (strcmp(line, "generation") == 0)
			s->generation = strtoul(value, NULL, 10);
		else if (strcmp(line, "item") == 0)
			restore_item(d, value, s);
	}
	free(line);
	fclose(f);
}

static void load_state(struct daemon *d)
{
	struct osp_queue *q = &d->queue;
	struct saved s = {.current = -1};
	read_state_file(d, "state", &s);
	/* Before the queue had a file of its own, it was in `state`. */
	bool one_file = s.n_order > 0;
	if (!one_file)
		read_state_file(d, "queue", &s);
	d->queue_generation = s.generation;
	long current = one_file || s.queue == s.generation ? s.current : -1;
	bool order_ok = s.n_order == q->n;
	for (size_t i = 0; order_ok && i < s.n_order; i++)
		order_ok = s.order[i] < q->n;
	if (order_ok && s.n_order)	/* an empty queue has no order array */
		memcpy(q->order, s.order, s.n_order * sizeof(*s.order));
	free(s.order);
	if (d->volume < 0 || d->volume > 100)
		d->volume = 100;
	osp_player_set_volume(d->player, d->volume);
	daemon_log("restored a queue of %zu tracks", q->n);
	if (s.paused && current >= 0 && (size_t)current < q->n)
		daemon_play_order(d, current, s.elapsed, true);
	else if (current >= 0 && (size_t)current < q->n)
		q->cur = current;
	/* A queue read from the old single file moves to its own now. */
	d->queue_dirty = d->state_dirty = one_file;
}

static void send_text(struct client *c, const char *s)
{
	osp_buf_puts(&c->out, s);
}

const char *const daemon_idle_names[N_IDLE_EVENTS] = {
	"database", "stored_playlist", "playlist", "player", "mixer",
	"output", "options", "sticker",
};

static void tell_idle(struct client *c)
{
	for (int i = 0; i < N_IDLE_EVENTS; i++)
		if (c->pending & c->idle_mask & (1u << i))
			osp_buf_printf(&c->out, "changed: %s\n",
				       daemon_idle_names[i]);
	send_text(c, "OK\n");
	c->pending &= ~c->idle_mask;
	c->idle = false;
}

/* Runs one command line; false when the list it is in must stop. */
static bool run_line(struct daemon *d, struct client *c, char *line,
		     int index, bool in_list)
{
	char *words[MAX_WORDS];
	char copy[64];
	snprintf(copy, sizeof(copy), "%s", line);
	int n = osp_proto_split(line, words, MAX_WORDS);
	struct reply r = {.out = &c->out, .local = c->local};
	const struct command *cmd = n > 0 ? daemon_command(words[0]) : NULL;
	const char *name = n > 0 ? words[0] : "";
	if (n < 0)
		reply_fail(&r, ACK_ARG, n == -1 ? "Invalid unquoted character"
						: "Too many arguments");
	else if (n == 0)
		reply_fail(&r, ACK_UNKNOWN, "No command given");
	else if (!cmd)
		reply_fail(&r, ACK_UNKNOWN, "unknown command \"%s\"", words[0]);
	else if (n - 1 < cmd->min_args ||
		 (cmd->max_args >= 0 && n - 1 > cmd->max_args))
		reply_fail(&r, ACK_ARG, "wrong number of arguments for \"%s\"",
			   words[0]);
	else if (in_list && (strcmp(name, "idle") == 0 ||
			     strcmp(name, "close") == 0))
		reply_fail(&r, ACK_ARG, "%s is not allowed in a command list",
			   name);
	else
		cmd->run(d, &r, n - 1, words + 1);
	if (r.ack) {
		char safe_name[64];
		snprintf(safe_name, sizeof(safe_name), "%s",
			 n > 0 && cmd ? cmd->name : "");
		osp_buf_printf(&c->out, "ACK [%d@%d] {%s} %s\n", r.ack, index,
			       safe_name, r.message);
		return false;
	}
	if (r.close) {
		c->closing = true;	/* MPD answers close with nothing */
		return true;
	}
	if (r.idle) {
		c->idle = true;
		c->idle_mask = r.idle_mask;
		if (c->pending & c->idle_mask)
			tell_idle(c);
		return true;
	}
	if (!in_list)
		send_text(c, "OK\n");
	return true;
}

static void free_list(struct client *c)
{
	for (size_t i = 0; i < c->n_lines; i++)
		free(c->lines[i]);
	c->n_lines = 0;
	c->list = 0;
}

static void handle_line(struct daemon *d, struct client *c, char *line)
{
	if (c->idle) {
		/* Only noidle may interrupt idle; anything else ends the
		 * client, as MPD does. */
		if (strcmp(line, "noidle") == 0)
			tell_idle(c);
		else
			c->closing = true;
		return;
	}
	if (c->list) {
		if (strcmp(line, "command_list_end") != 0) {
			if (c->n_lines == MAX_LIST) {
				send_text(c, "ACK [2@0] {} command list too long\n");
				free_list(c);
				c->closing = true;
				return;
			}
			c->lines = xgrow(c->lines, &c->cap_lines, c->n_lines + 1,
					 sizeof(char *));
			c->lines[c->n_lines++] = xstrdup(line);
			return;
		}
		bool ok_list = c->list == 2;
		bool ok = true;
		for (size_t i = 0; ok && i < c->n_lines; i++) {
			ok = run_line(d, c, c->lines[i], (int)i, true);
			if (ok && ok_list)
				send_text(c, "list_OK\n");
		}
		if (ok)
			send_text(c, "OK\n");
		free_list(c);
		return;
	}
	if (strcmp(line, "command_list_begin") == 0)
		c->list = 1;
	else if (strcmp(line, "command_list_ok_begin") == 0)
		c->list = 2;
	else if (strcmp(line, "noidle") != 0)	/* noidle outside idle: nothing */
		run_line(d, c, line, 0, false);
}

/* Reads what the client sent and runs every complete line. */
static bool read_client(struct daemon *d, struct client *c)
{
	char buf[16384];
	ssize_t n = recv(c->fd, buf, sizeof(buf), 0);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
		return false;
	if (n < 0)
		return true;
	osp_buf_append(&c->in, buf, (size_t)n);
	size_t start = 0;
	for (;;) {
		char *nl = memchr(c->in.data + start, '\n', c->in.len - start);
		if (!nl)
			break;
		*nl = '\0';
		char *line = c->in.data + start;
		size_t len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[len - 1] = '\0';
		handle_line(d, c, line);
		start = (size_t)(nl - c->in.data) + 1;
		if (c->closing)
			break;
	}
	memmove(c->in.data, c->in.data + start, c->in.len - start);
	osp_buf_truncate(&c->in, c->in.len - start);
	if (c->in.len > MAX_LINE) {
		send_text(c, "ACK [2@0] {} line too long\n");
		c->closing = true;
	}
	return true;
}

static bool write_client(struct client *c)
{
	while (c->out.len) {
		ssize_t n = send(c->fd, c->out.data, c->out.len, MSG_NOSIGNAL);
		if (n < 0)
			return errno == EAGAIN || errno == EINTR;
		memmove(c->out.data, c->out.data + n, c->out.len - (size_t)n);
		osp_buf_truncate(&c->out, c->out.len - (size_t)n);
	}
	return !c->closing;
}

static void free_client(struct client *c)
{
	close(c->fd);
	osp_buf_free(&c->in);
	osp_buf_free(&c->out);
	free_list(c);
	free(c->lines);
	free(c);
}

/* Takes the lock that makes this the only daemon, in the 0700 runtime
 * folder; -1 after saying why. */
static int take_lock(const struct osp_paths *paths)
{
	struct osp_error err = {0};
	if (!osp_paths_mkdir(paths->runtime_dir, 0700, &err)) {
		fprintf(stderr, "ostplay: %s\n", err.msg);
		return -1;
	}
	struct stat st;
	if (stat(paths->runtime_dir, &st) != 0 || st.st_uid != getuid()) {
		fprintf(stderr, "ostplay: %s is not yours; refusing to use it\n",
			paths->runtime_dir);
		return -1;
	}
	if ((st.st_mode & 0777) != 0700 && chmod(paths->runtime_dir, 0700) != 0) {
		fprintf(stderr, "ostplay: cannot make %s private: %s\n",
			paths->runtime_dir, strerror(errno));
		return -1;
	}
	char *path = xasprintf("%s/daemon.lock", paths->runtime_dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(path);
	if (fd < 0) {
		fprintf(stderr, "ostplay: %s: %s\n", paths->runtime_dir,
			strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		char pid[32] = "";
		ssize_t n = pread(fd, pid, sizeof(pid) - 1, 0);
		pid[n > 0 ? n : 0] = '\0';
		pid[strcspn(pid, "\n")] = '\0';
		fprintf(stderr, "ostplay: the daemon is already running%s%s%s\n",
			*pid ? " (pid " : "", pid, *pid ? ")" : "");
		close(fd);
		return -1;
	}
	char pid[32];
	int len = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != len) {
		/* the pid only makes the message above nicer */
	}
	return fd;
}

static int listen_on(const char *path)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	if (strlen(path) >= sizeof(addr.sun_path)) {
		fprintf(stderr, "ostplay: %s: path too long for a socket\n", path);
		return -1;
	}
	strcpy(addr.sun_path, path);
	/* We hold the lock: a socket still there is a crashed daemon's. */
	unlink(path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 ||
	    chmod(path, 0600) != 0 || listen(fd, 64) != 0) {
		fprintf(stderr, "ostplay: %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* MPD over TCP for clients on other tools' terms; loopback only. */
static int listen_tcp(int port)
{
	struct sockaddr_in addr = {.sin_family = AF_INET,
				   .sin_port = htons((uint16_t)port),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 ||
	    listen(fd, 64) != 0) {
		fprintf(stderr, "ostplay: 127.0.0.1:%d: %s\n", port,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* Whether the peer on Unix socket `fd` runs as the daemon's user (the
 * socket's mode already says so, unless someone changed it) or as root,
 * whom file modes do not stop anyway. */
static bool is_owner(int fd)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	return getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 &&
	       (cred.uid == getuid() || cred.uid == 0);
}

static void broadcast(struct daemon *d, struct client **clients, size_t n)
{
	if (!d->changed)
		return;
	for (size_t i = 0; i < n; i++) {
		clients[i]->pending |= d->changed;
		if (clients[i]->idle && (clients[i]->pending & clients[i]->idle_mask))
			tell_idle(clients[i]);
	}
	d->changed = 0;
}

int osp_daemon_run(const struct osp_paths *paths,
		   const struct osp_config *config,
		   const struct osp_catalog *catalog)
{
	int lock = take_lock(paths);
	if (lock < 0)
		return 1;
	struct daemon d = {.paths = paths, .config = config, .catalog = catalog,
			   .volume = 100, .ended = -1,
			   .started = now()};
	struct osp_error err = {0};
	int status = 1, listen_fd = -1, tcp_fd = -1;
	struct client **clients = xcalloc(MAX_CLIENTS, sizeof(*clients));
	size_t n_clients = 0;
	char *socket_path = xasprintf("%s/socket", paths->runtime_dir);
	osp_queue_init(&d.queue, (uint64_t)time(NULL) ^ (uint64_t)getpid() << 32);
	osp_tags_init();	/* `add` reads files outside the library */

	if (!osp_paths_mkdir(paths->data_dir, 0700, &err) ||
	    !(d.lib = osp_library_open_to_read(paths->db_file, &err)) ||
	    !osp_library_music_dirs(d.lib, &d.music_dirs, &d.n_music_dirs,
				    &err)) {
		fprintf(stderr, "ostplay: %s\n", err.msg);
		goto out;
	}
	/* Playing needs no writes: favourites and playlist removals are
	 * then refused, one by one. */
	if (osp_library_read_only(d.lib))
		daemon_log("the library is read-only (%s)",
			   osp_library_read_only(d.lib));
	if (osp_library_notice(d.lib))
		daemon_log("%s", osp_library_notice(d.lib));
	d.player = osp_player_new(config->mpv_options, config->n_mpv_options,
				  &err);
	if (!d.player) {
		fprintf(stderr, "ostplay: %s\n", err.msg);
		goto out;
	}
	if (pipe2(signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0 ||
	    (listen_fd = listen_on(socket_path)) < 0 ||
	    (config->mpd_port && (tcp_fd = listen_tcp(config->mpd_port)) < 0))
		goto out;
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	load_state(&d);
	daemon_log("listening on %s", socket_path);

	double last_save = now();
	struct pollfd *fds = xcalloc(MAX_CLIENTS + 4, sizeof(*fds));
	while (!d.quit) {
		size_t n_fds = 0;
		fds[n_fds++] = (struct pollfd){.fd = signal_pipe[0], .events = POLLIN};
		fds[n_fds++] = (struct pollfd){.fd = osp_player_fd(d.player),
					       .events = POLLIN};
		fds[n_fds++] = (struct pollfd){
			.fd = n_clients < MAX_CLIENTS ? listen_fd : -1,
			.events = POLLIN};
		fds[n_fds++] = (struct pollfd){
			.fd = n_clients < MAX_CLIENTS ? tcp_fd : -1,
			.events = POLLIN};
		for (size_t i = 0; i < n_clients; i++)
			fds[n_fds++] = (struct pollfd){
				.fd = clients[i]->fd,
				.events = (clients[i]->closing ? 0 : POLLIN) |
					  (clients[i]->out.len ? POLLOUT : 0)};
		/* Wake now and then while playing, to save the position. */
		int timeout = d.state == STATE_PLAY ? 1000 : -1;
		if (poll(fds, n_fds, timeout) < 0 && errno != EINTR) {
			daemon_log("poll: %s", strerror(errno));
			break;
		}
		if (fds[0].revents) {
			char c;
			while (read(signal_pipe[0], &c, 1) > 0)
				d.quit = true;
		}
		if (fds[1].revents) {
			struct osp_player_event e;
			while (osp_player_next_event(d.player, &e))
				on_player_event(&d, &e);
		}
		for (int l = 2; l <= 3; l++) {
			if (!fds[l].revents)
				continue;
			int fd = accept4(fds[l].fd, NULL, NULL,
					 SOCK_CLOEXEC | SOCK_NONBLOCK);
			if (fd >= 0 && n_clients == MAX_CLIENTS) {
				close(fd);	/* both listeners at once */
			} else if (fd >= 0) {
				struct client *c = xcalloc(1, sizeof(*c));
				c->fd = fd;
				c->local = l == 2 && is_owner(fd);
				send_text(c, "OK MPD 0.23.5\n");
				clients[n_clients++] = c;
			}
		}
		/* fds[4 + i] is clients[i]'s, for the clients polled this
		 * round; one accepted just now is not among them. */
		for (size_t i = 0; 4 + i < n_fds; i++) {
			struct client *c = clients[i];
			bool alive = true;
			short ev = fds[4 + i].revents;
			if (ev & POLLIN)
				alive = read_client(&d, c);
			else if (ev & (POLLERR | POLLHUP | POLLNVAL))
				alive = false;
			if (alive && c->out.len > MAX_OUTPUT)
				alive = false;
			if (alive && (c->out.len || c->closing))
				alive = write_client(c);
			if (!alive) {
				free_client(c);
				clients[i] = NULL;
			}
		}
		size_t kept = 0;
		for (size_t i = 0; i < n_clients; i++)
			if (clients[i])
				clients[kept++] = clients[i];
		n_clients = kept;
		broadcast(&d, clients, n_clients);
		for (size_t i = 0; i < n_clients; i++)
			if (clients[i]->out.len)
				write_client(clients[i]);
		if (d.state_dirty || (d.state == STATE_PLAY &&
				      now() - last_save > SAVE_EVERY)) {
			save_state(&d);
			last_save = now();
		}
	}
	free(fds);
	daemon_log("shutting down");
	save_state(&d);
	status = 0;
out:
	for (size_t i = 0; i < n_clients; i++)
		free_client(clients[i]);
	free(clients);
	if (listen_fd >= 0) {
		close(listen_fd);
		unlink(socket_path);
	}
	if (tcp_fd >= 0)
		close(tcp_fd);
	free(socket_path);
	osp_player_free(d.player);
	osp_queue_free(&d.queue);
	free(d.error);
	for (size_t i = 0; i < d.n_music_dirs; i++)
		free(d.music_dirs[i]);
	free(d.music_dirs);
	osp_library_close(d.lib);
	for (int i = 0; i < 2; i++)
		if (signal_pipe[i] >= 0)
			close(signal_pipe[i]);
	close(lock);
	return status;
}
