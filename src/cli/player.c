/* The playback commands: a client of the daemon's MPD protocol, through
 * libmpdclient, starting the daemon when it is not running. */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <math.h>
#include <mpd/async.h>
#include <mpd/client.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ostplay/cli.h"
#include "ostplay/json.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

#define START_WAIT_MS 10000
/* A running daemon greets at once; one that does not within this time is
 * stopped or swamped, and waiting longer would only hang the command. */
#define GREETING_WAIT_MS 5000
#define REPLY_WAIT_MS 30000

/* ostplay-daemon beside this binary (a build tree), else installed. */
static char *daemon_binary(void)
{
	return osp_paths_program("ostplay-daemon", OSP_INSTALLED_DAEMON);
}

int osp_cli_daemon(struct osp_cli *cli, const struct osp_cli_args *a)
{
	(void)cli, (void)a;
	char *path = daemon_binary();
	char name[] = "ostplay-daemon";
	char *argv[] = {name, NULL};
	fflush(NULL);
	execv(path, argv);
	int status = osp_cli_errorf("cannot run %s: %s", path, strerror(errno));
	free(path);
	return status;
}

static char *socket_path(const struct osp_cli *cli)
{
	return xasprintf("%s/socket", cli->paths.runtime_dir);
}

/* Starts ostplay-daemon in the background, logging to the state folder:
 * by exec, never through a shell.  Returns its pid, or -1 after saying
 * why. */
static pid_t start_daemon(struct osp_cli *cli)
{
	struct osp_error err = {0};
	if (!osp_paths_mkdir(cli->paths.state_dir, 0700, &err)) {
		osp_cli_error(&err);
		return -1;
	}
	char *log = xasprintf("%s/log", cli->paths.state_dir);
	char *path = daemon_binary();
	/* The child reports a failed exec through this pipe; a successful
	 * one closes it (close-on-exec). */
	int report[2];
	if (pipe2(report, O_CLOEXEC) != 0) {
		free(log);
		free(path);
		osp_cli_errorf("cannot start the daemon: %s", strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		close(report[0]);
		setsid();
		int in = open("/dev/null", O_RDONLY);
		int out = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
		if (in >= 0)
			dup2(in, STDIN_FILENO);
		if (out >= 0) {
			dup2(out, STDOUT_FILENO);
			dup2(out, STDERR_FILENO);
		}
		char name[] = "ostplay-daemon";
		char *argv[] = {name, NULL};
		execv(path, argv);
		int e = errno;
		ssize_t w = write(report[1], &e, sizeof(e));
		(void)w;
		_exit(127);
	}
	close(report[1]);
	int exec_errno = 0;
	ssize_t got = pid > 0 ? read(report[0], &exec_errno, sizeof(exec_errno))
			      : 0;
	close(report[0]);
	if (pid < 0 || got == sizeof(exec_errno)) {
		osp_cli_errorf("cannot start the daemon %s: %s", path,
			       strerror(pid < 0 ? errno : exec_errno));
		pid = -1;
	}
	free(log);
	free(path);
	return pid;
}

enum reach { REACHED, NOT_RUNNING, NOT_ANSWERING };

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000 + (double)ts.tv_nsec / 1e6;
}

/* Connects to the socket at `path`; -1 with `*why` when it cannot.  A
 * full queue of connections is waited on, not forever. */
static int connect_socket(const char *path, double deadline, enum reach *why)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	*why = NOT_RUNNING;
	if (strlen(path) >= sizeof(addr.sun_path))
		return -1;
	strcpy(addr.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -1;
	struct timespec pause = {0, 20 * 1000 * 1000};
	while (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0) {
		if (errno != EAGAIN || now_ms() > deadline) {
			*why = errno == EAGAIN ? NOT_ANSWERING : NOT_RUNNING;
			close(fd);
			return -1;
		}
		nanosleep(&pause, NULL);
	}
	return fd;
}

/* Reads the greeting line into `line`, by the byte so that nothing after
 * it is taken from libmpdclient; false when none comes in time. */
static bool read_greeting(int fd, double deadline, char *line, size_t size)
{
	size_t n = 0;
	while (n + 1 < size) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		int wait = (int)(deadline - now_ms());
		if (wait < 0 || poll(&p, 1, wait) <= 0)
			return false;
		char c;
		ssize_t got = recv(fd, &c, 1, 0);
		if (got < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (got <= 0)
			return false;
		if (c == '\n') {
			line[n] = '\0';
			return strncmp(line, "OK MPD ", 7) == 0;
		}
		line[n++] = c;
	}
	return false;
}

/* A connection to the daemon's socket, with every wait bounded. */
static struct mpd_connection *try_connect(const char *path, enum reach *why)
{
	double deadline = now_ms() + GREETING_WAIT_MS;
	int fd = connect_socket(path, deadline, why);
	if (fd < 0)
		return NULL;
	char greeting[256];
	struct mpd_async *async;
	if (!read_greeting(fd, deadline, greeting, sizeof(greeting)) ||
	    !(async = mpd_async_new(fd))) {
		close(fd);
		*why = NOT_ANSWERING;
		return NULL;
	}
	struct mpd_connection *c = mpd_connection_new_async(async, greeting);
	if (!c || mpd_connection_get_error(c) != MPD_ERROR_SUCCESS) {
		if (c)
			mpd_connection_free(c);	/* frees async and fd */
		*why = NOT_ANSWERING;
		return NULL;
	}
	mpd_connection_set_timeout(c, REPLY_WAIT_MS);
	*why = REACHED;
	return c;
}

/* Whether a daemon holds its lock, that is runs, even if it does not
 * answer; `pid` gets its pid when it says. */
static bool daemon_running(const struct osp_cli *cli, char *pid, size_t size)
{
	char *path = xasprintf("%s/daemon.lock", cli->paths.runtime_dir);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	*pid = '\0';
	if (fd < 0)
		return false;
	bool held = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
	ssize_t n = held ? pread(fd, pid, size - 1, 0) : 0;
	pid[n > 0 ? n : 0] = '\0';
	pid[strcspn(pid, "\n")] = '\0';
	close(fd);
	return held;
}

static void say_not_answering(const struct osp_cli *cli)
{
	char pid[32];
	bool running = daemon_running(cli, pid, sizeof(pid));
	osp_cli_errorf("the daemon%s%s%s is running but does not answer "
		       "(stopped, or too many connections); try again, or "
		       "end it with kill",
		       running && *pid ? " (pid " : "", running ? pid : "",
		       running && *pid ? ")" : "");
}

/* A connection to the daemon when it runs, without starting it. */
static struct mpd_connection *connect_if_running(const struct osp_cli *cli)
{
	char *path = socket_path(cli);
	enum reach why;
	struct mpd_connection *c = try_connect(path, &why);
	free(path);
	if (why == NOT_ANSWERING)
		say_not_answering(cli);
	return c;
}

/* How long `quit` waits for the daemon to save its state and end. */
#define QUIT_WAIT_MS 10000

/* quit: MPD's `kill`, which the daemon ends on after saving its state;
 * done once its lock is free. */
int osp_cli_quit(struct osp_cli *cli, const struct osp_cli_args *a)
{
	(void)a;
	char *path = socket_path(cli);
	enum reach why;
	char pid[32];
	struct mpd_connection *c = try_connect(path, &why);
	free(path);
	if (!c && why == NOT_ANSWERING) {
		say_not_answering(cli);
		return 1;
	}
	if (!c && !daemon_running(cli, pid, sizeof(pid))) {
		printf("The daemon is not running\n");
		return 0;
	}
	daemon_running(cli, pid, sizeof(pid));
	/* The daemon answers `kill` by closing the connection. */
	if (c) {
		mpd_send_command(c, "kill", NULL);
		mpd_connection_free(c);
	}
	struct timespec pause = {0, 10 * 1000 * 1000};
	char now[32];
	/* Its lock is freed just before it exits: wait for both. */
	pid_t id = (pid_t)atol(pid);
	for (int waited = 0; daemon_running(cli, now, sizeof(now)) ||
			     (id > 0 && kill(id, 0) == 0);
	     waited += 10) {
		if (waited >= QUIT_WAIT_MS)
			return osp_cli_errorf("the daemon%s%s%s did not stop "
					      "within %d s", *pid ? " (pid " : "",
					      pid, *pid ? ")" : "",
					      QUIT_WAIT_MS / 1000);
		nanosleep(&pause, NULL);
	}
	printf("Stopped the daemon%s%s%s\n", *pid ? " (pid " : "", pid,
	       *pid ? ")" : "");
	return 0;
}

/* The last line of the daemon's log: why it did not start. */
static char *last_log_line(const struct osp_cli *cli)
{
	char *path = xasprintf("%s/log", cli->paths.state_dir);
	FILE *f = fopen(path, "r");
	free(path);
	char *line = NULL, *last = NULL;
	size_t cap = 0;
	while (f && getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		if (*line) {
			free(last);
			last = xstrdup(line);
		}
	}
	free(line);
	if (f)
		fclose(f);
	return last;
}

/* A connection to the daemon, started when needed; NULL after saying why.
 * A daemon that runs but does not answer is reported, never doubled. */
static struct mpd_connection *connect_daemon(struct osp_cli *cli)
{
	char *path = socket_path(cli);
	enum reach why;
	char pid_text[32];
	struct mpd_connection *c = try_connect(path, &why);
	pid_t pid = c || why == NOT_ANSWERING ||
				    daemon_running(cli, pid_text, sizeof(pid_text))
			    ? 0 : start_daemon(cli);
	struct timespec pause = {0, 5 * 1000 * 1000};
	int deadline = START_WAIT_MS;
	for (int waited = 0; !c && why != NOT_ANSWERING && pid > 0;
	     waited += 5) {
		int status;
		if (waited >= deadline) {
			char *log = last_log_line(cli);
			osp_cli_errorf("the daemon did not start%s%s (log: %s/log)",
				       log ? ": " : "", log ? log : "",
				       cli->paths.state_dir);
			free(log);
			break;
		}
		/* When it exits at once, give an older daemon that was just
		 * ending or starting a moment to answer, then say why. */
		if (deadline == START_WAIT_MS &&
		    waitpid(pid, &status, WNOHANG) == pid)
			deadline = waited + 1000;
		nanosleep(&pause, NULL);
		c = try_connect(path, &why);
	}
	/* A daemon that holds its lock is starting or ending: wait for it as
	 * for one just started. */
	for (int waited = 0; !c && why == NOT_RUNNING && pid == 0 &&
			     waited < START_WAIT_MS; waited += 5) {
		nanosleep(&pause, NULL);
		c = try_connect(path, &why);
		if (!c && why == NOT_RUNNING &&
		    !daemon_running(cli, pid_text, sizeof(pid_text)))
			break;
	}
	if (!c && why == NOT_ANSWERING)
		say_not_answering(cli);
	else if (!c && pid == 0)
		osp_cli_errorf("cannot reach the daemon at %s", path);
	free(path);
	return c;
}

/* A reply's (key, value) pairs, which the caller frees. */
struct pairs {
	char **keys, **values;
	size_t n;
};

static bool fetch(struct mpd_connection *c, const char *command,
		  struct pairs *p);
static const char *get(const struct pairs *p, const char *key);
static const char *or_else(const char *s, const char *fallback);
static void pairs_free(struct pairs *p);

static int fail(struct mpd_connection *c)
{
	const char *msg = mpd_connection_get_error_message(c);
	if (mpd_connection_get_error(c) == MPD_ERROR_TIMEOUT)
		osp_cli_errorf("the daemon did not answer within %d s",
			       REPLY_WAIT_MS / 1000);
	else
		osp_cli_errorf("the daemon says: %s", msg ? msg : "error");
	mpd_connection_free(c);
	return 1;
}

/* How long play, add and shuffle wait for the first file to start: long
 * enough for mpv to open a file and its audio output, short enough not
 * to hang on a file that is slow to open (which is not an error). */
#define START_CHECK_MS 3000

/* The queue's length in a status reply, or 0. */
static size_t queue_length(const struct pairs *st)
{
	return (size_t)strtoul(or_else(get(st, "playlistlength"), "0"), NULL,
			       10);
}

/* Waits, when `wait`, until the daemon plays the first file, stops, or
 * START_CHECK_MS pass; false, after saying why, when the daemon reports
 * an error (the audio output cannot be opened, no file can be played).
 * The queue's length then goes to `*length`, when given. */
static bool check_started(struct mpd_connection *c, bool wait,
			  size_t *length)
{
	double deadline = now_ms() + START_CHECK_MS;
	/* A status costs the daemon some 50 µs: asking every 5 ms returns
	 * soon after the first file starts, at no real cost.  Not at once:
	 * mpv is then opening the file and its output, and a status would
	 * only take a CPU from it. */
	struct timespec pause = {0, 5 * 1000 * 1000};
	if (wait)
		nanosleep(&pause, NULL);
	for (;;) {
		struct pairs st;
		if (!fetch(c, "status", &st))
			return fail(c), false;
		const char *error = get(&st, "error");
		const char *state = or_else(get(&st, "state"), "stop");
		bool playing = strcmp(state, "play") == 0;
		bool started = playing &&
			       atof(or_else(get(&st, "elapsed"), "0")) > 0;
		bool done = error || !wait || !playing || started ||
			    now_ms() > deadline;
		if (length)
			*length = queue_length(&st);
		if (error) {
			osp_cli_errorf("cannot play: %s", error);
			mpd_connection_free(c);
		}
		pairs_free(&st);
		if (done)
			return !error;
		nanosleep(&pause, NULL);
	}
}

/* The daemon, like MPD, takes a few thousand commands in one list. */
#define ADDS_PER_LIST 4000

/* MPD's protocol is line-based and libmpdclient does not escape a line
 * break, so a file name holding one could carry a command of its own. */
static bool fits_a_line(const char *s)
{
	return !strpbrk(s, "\r\n");
}

/* Sends one command and its arguments (up to 7, NULL-terminated) and
 * waits for its OK. */
static bool run_args(struct mpd_connection *c, const char *command,
		     va_list ap)
{
	const char *args[8] = {0};
	for (int i = 0; i < 7; i++)
		if (!(args[i] = va_arg(ap, const char *)))
			break;
	return mpd_send_command(c, command, args[0], args[1], args[2], args[3],
				args[4], args[5], args[6], NULL) &&
	       mpd_response_finish(c);
}

static bool run(struct mpd_connection *c, const char *command, ...)
{
	va_list ap;
	va_start(ap, command);
	bool ok = run_args(c, command, ap);
	va_end(ap);
	return ok;
}

int osp_cli_run_if_running(struct osp_cli *cli, const char *command, ...)
{
	va_list ap;
	va_start(ap, command);
	bool fits = true;
	for (const char *arg; fits && (arg = va_arg(ap, const char *));)
		fits = fits_a_line(arg);
	va_end(ap);
	struct mpd_connection *c = fits ? connect_if_running(cli) : NULL;
	if (!c)
		return 0;
	va_start(ap, command);
	bool ok = run_args(c, command, ap);
	va_end(ap);
	mpd_connection_free(c);
	return ok ? 1 : -1;
}

/* One command with no reply but OK, for pause, next and the like. */
static int simple(struct osp_cli *cli, const char *command, const char *arg)
{
	struct mpd_connection *c = connect_daemon(cli);
	if (!c)
		return 1;
	if (!run(c, command, arg, NULL))
		return fail(c);
	mpd_connection_free(c);
	return 0;
}

int osp_cli_pause(struct osp_cli *cli, const struct osp_cli_args *a)
{
	(void)a;
	return simple(cli, "pause", "1");
}

int osp_cli_toggle(struct osp_cli *cli, const struct osp_cli_args *a)
{
	(void)a;
	return simple(cli, "pause", NULL);
}

int osp_cli_next(struct osp_cli *cli, const struct osp_cli_args *a)
{
	(void)a;
	return simple(cli, "next", NULL);
}

int osp_cli_prev(struct osp_cli *cli, const struct osp_cli_args *a)
{
	(void)a;
	return simple(cli, "previous", NULL);
}

int osp_cli_stop(struct osp_cli *cli, const struct osp_cli_args *a)
{
	(void)a;
	return simple(cli, "stop", NULL);
}

static void clock_text(struct osp_buf *b, double s);

/* "90", "1:30", "+10", "-0:05" -> seconds, sign kept for relative seeks. */
static bool parse_time(const char *s, char *out, size_t size)
{
	const char *p = s;
	char sign = 0;
	if (*p == '+' || *p == '-')
		sign = *p++;
	double total = 0, part;
	char *end;
	for (int fields = 0; *p; fields++) {
		part = strtod(p, &end);
		if (end == p || fields > 2 || part < 0)
			return false;
		total = total * 60 + part;
		p = end;
		if (*p == ':')
			p++;
		else if (*p)
			return false;
	}
	if (p == s + (sign != 0))
		return false;
	snprintf(out, size, "%s%.3f", sign == '-' ? "-" : sign ? "+" : "",
		 total);
	return true;
}

int osp_cli_seek(struct osp_cli *cli, const struct osp_cli_args *a)
{
	char t[64];
	if (!parse_time(a->pos[0], t, sizeof(t)))
		return osp_cli_usage_error(a->cmd, "'%s' is not a time "
					   "(seconds or m:ss)", a->pos[0]);
	struct mpd_connection *c = connect_daemon(cli);
	if (!c)
		return 1;
	struct pairs st;
	if (!run(c, "seekcur", t, NULL) || !fetch(c, "status", &st))
		return fail(c);
	mpd_connection_free(c);
	struct osp_buf b = {0};
	osp_buf_puts(&b, "At ");
	clock_text(&b, atof(or_else(get(&st, "elapsed"), "0")));
	osp_buf_puts(&b, " of ");
	clock_text(&b, atof(or_else(get(&st, "duration"), "0")));
	osp_buf_putc(&b, '\n');
	int status = osp_cli_print(b.data, b.len);
	osp_buf_free(&b);
	pairs_free(&st);
	return status;
}


static const char *or_else(const char *s, const char *fallback)
{
	return s ? s : fallback;
}

static const char *get(const struct pairs *p, const char *key)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->keys[i], key) == 0)
			return p->values[i];
	return NULL;
}

static void pairs_free(struct pairs *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->keys[i]);
		free(p->values[i]);
	}
	free(p->keys);
	free(p->values);
	*p = (struct pairs){0};
}

static bool fetch(struct mpd_connection *c, const char *command,
		  struct pairs *p)
{
	*p = (struct pairs){0};
	if (!mpd_send_command(c, command, NULL))
		return false;
	struct mpd_pair *pair;
	size_t cap = 0;
	while ((pair = mpd_recv_pair(c))) {
		if (p->n == cap) {	/* a long queue has many */
			cap = cap ? 2 * cap : 64;
			p->keys = xrealloc(p->keys, cap * sizeof(char *));
			p->values = xrealloc(p->values, cap * sizeof(char *));
		}
		p->keys[p->n] = xstrdup(pair->name);
		p->values[p->n++] = xstrdup(pair->value);
		mpd_return_pair(c, pair);
	}
	return mpd_response_finish(c);
}

/* Sets MPD's boolean option `name` to `want` ("0"/"1"), or toggles it
 * when `want` is NULL; `single` too, when not NULL.  Says what it did. */
static int set_option(struct osp_cli *cli, const char *name, const char *want,
		      const char *single)
{
	struct mpd_connection *c = connect_daemon(cli);
	if (!c)
		return 1;
	if (!want) {
		struct pairs st;
		if (!fetch(c, "status", &st))
			return fail(c);
		const char *now = get(&st, name);
		want = now && strcmp(now, "1") == 0 ? "0" : "1";
		pairs_free(&st);
	}
	/* One command list, which the daemon applies whole: repeat off and
	 * single still on would stop at the end of the song. */
	if (!mpd_command_list_begin(c, false) ||
	    !mpd_send_command(c, name, want, NULL) ||
	    (single && !mpd_send_command(c, "single", single, NULL)) ||
	    !mpd_command_list_end(c) || !mpd_response_finish(c))
		return fail(c);
	printf("%s %s\n", name, single && strcmp(single, "1") == 0 ? "one"
				: strcmp(want, "1") == 0 ? "on" : "off");
	mpd_connection_free(c);
	return 0;
}

static int toggle_option(struct osp_cli *cli, const struct osp_cli_args *a,
			 const char *name)
{
	const char *want = NULL;
	if (a->n_pos) {
		if (strcmp(a->pos[0], "on") == 0)
			want = "1";
		else if (strcmp(a->pos[0], "off") == 0)
			want = "0";
		else
			return osp_cli_usage_error(a->cmd,
				"'%s' is neither on nor off", a->pos[0]);
	}
	return set_option(cli, name, want, NULL);
}

/* repeat [on|off|one]: `one` is MPD's repeat with single mode, which
 * plays the current song again and again; on and off end single mode. */
int osp_cli_repeat(struct osp_cli *cli, const struct osp_cli_args *a)
{
	const char *arg = a->n_pos ? a->pos[0] : NULL;
	if (arg && strcmp(arg, "one") == 0)
		return set_option(cli, "repeat", "1", "1");
	if (arg && strcmp(arg, "on") != 0 && strcmp(arg, "off") != 0)
		return osp_cli_usage_error(a->cmd, "'%s' is not on, off or one",
					   arg);
	return set_option(cli, "repeat",
			  arg ? strcmp(arg, "on") == 0 ? "1" : "0" : NULL, "0");
}

int osp_cli_random(struct osp_cli *cli, const struct osp_cli_args *a)
{
	return toggle_option(cli, a, "random");
}

int osp_cli_loudness(struct osp_cli *cli, const struct osp_cli_args *a)
{
	enum osp_loudness mode;
	if (a->n_pos && (!osp_loudness_parse(a->pos[0], &mode) ||
			 strcmp(a->pos[0], osp_loudness_name(mode)) != 0))
		return osp_cli_usage_error(a->cmd, "'%s' is none of track, "
					   "album or off", a->pos[0]);
	struct mpd_connection *c = connect_daemon(cli);
	if (!c)
		return 1;
	if (a->n_pos && !run(c, "replay_gain_mode", a->pos[0], NULL))
		return fail(c);
	struct pairs st;
	if (!fetch(c, "replay_gain_status", &st))
		return fail(c);
	printf("loudness %s\n", or_else(get(&st, "replay_gain_mode"), "?"));
	pairs_free(&st);
	mpd_connection_free(c);
	return 0;
}

/* volume [[+|-]N]: sets or changes the volume, then says what it is. */
int osp_cli_volume(struct osp_cli *cli, const struct osp_cli_args *a)
{
	const char *arg = a->n_pos ? a->pos[0] : NULL;
	char *end;
	long v = arg ? strtol(arg, &end, 10) : 0;
	if (arg && (!*arg || *end || v < -100 || v > 100 ||
		    (arg[0] != '+' && arg[0] != '-' && v < 0)))
		return osp_cli_usage_error(a->cmd, "'%s' is not a volume "
					   "(0 to 100, or +N/-N)", arg);
	struct mpd_connection *c = connect_daemon(cli);
	if (!c)
		return 1;
	bool relative = arg && (arg[0] == '+' || arg[0] == '-');
	struct pairs st;
	if ((arg && !run(c, relative ? "volume" : "setvol",
			 arg[0] == '+' ? arg + 1 : arg, NULL)) ||
	    !fetch(c, "status", &st))
		return fail(c);
	mpd_connection_free(c);
	printf("Volume %s%%\n", or_else(get(&st, "volume"), "?"));
	pairs_free(&st);
	return 0;
}

/* The library's tracks matching every QUERY word (or all, with none). */
struct found {
	struct osp_cli_words words;
	char **paths;
	size_t n, cap;
};

static bool match_words(void *ctx, const struct osp_track *t)
{
	struct found *f = ctx;
	if (osp_cli_words_match(&f->words, t)) {
		f->paths = xgrow(f->paths, &f->cap, f->n + 1, sizeof(char *));
		f->paths[f->n++] = xstrdup(t->path);
	}
	return true;
}

int osp_cli_send_queue(struct osp_cli *cli, char *const *paths, size_t n,
		       unsigned how)
{
	bool replace = how & OSP_QUEUE_REPLACE;
	size_t unsendable = 0;
	for (size_t i = 0; i < n; i++)
		unsendable += !fits_a_line(paths[i]);
	if (unsendable)
		osp_cli_errorf("left out %zu file%s whose name holds a line "
			       "break, which the MPD protocol cannot carry",
			       unsendable, unsendable == 1 ? "" : "s");
	if (unsendable == n)
		return 1;
	struct mpd_connection *c = connect_daemon(cli);
	if (!c)
		return 1;
	/* Command lists: the daemon applies each whole, so the first
	 * replaces the queue and starts playing at once, and the rest
	 * append. */
	size_t i = 0;
	bool ok = true;
	for (bool first = true; ok && (first || i < n); first = false) {
		ok = mpd_command_list_begin(c, false);
		/* An error left from before is not this command's. */
		if (first && replace)
			ok = ok && mpd_send_command(c, "clearerror", NULL) &&
			     mpd_send_command(c, "clear", NULL);
		for (size_t sent = 0; ok && i < n && sent < ADDS_PER_LIST; i++)
			if (fits_a_line(paths[i])) {
				ok = mpd_send_command(c, "add", paths[i], NULL);
				sent++;
			}
		if (first && (how & OSP_QUEUE_IN_ORDER))
			ok = ok && mpd_send_command(c, "random", "0", NULL);
		if (first && replace)
			ok = ok && mpd_send_command(c, "play", "0", NULL);
		ok = ok && mpd_command_list_end(c) && mpd_response_finish(c);
	}
	if (!ok)
		return fail(c);
	if (!check_started(c, replace, NULL))
		return 1;
	mpd_connection_free(c);
	return 0;
}

/* Queues drama `title` (after `clear`, and playing, when replacing) by the
 * daemon's `load` of it: the daemon reads its tracks, one song once in
 * catalog order, as `tracks --drama` lists them, so that this command
 * neither reads nor sends them.  How many it queued goes to `*n`. */
static int send_drama(struct osp_cli *cli, const char *title, bool replace,
		      size_t *n)
{
	struct mpd_connection *c = connect_daemon(cli);
	if (!c)
		return 1;
	struct pairs st;
	size_t before = 0;
	if (!replace) {
		if (!fetch(c, "status", &st))
			return fail(c);
		before = queue_length(&st);
		pairs_free(&st);
	}
	bool ok = mpd_command_list_begin(c, false);
	if (replace)
		ok = ok && mpd_send_command(c, "clearerror", NULL) &&
		     mpd_send_command(c, "clear", NULL);
	ok = ok && mpd_send_command(c, "load", title, NULL);
	if (replace)
		ok = ok && mpd_send_command(c, "play", "0", NULL);
	ok = ok && mpd_command_list_end(c) && mpd_response_finish(c);
	if (!ok)
		return fail(c);
	/* The length is read from the status that checks the start: one
	 * asked at once would come while mpv opens the file. */
	size_t after = 0;
	if (!check_started(c, replace, &after))
		return 1;
	*n = after > before ? after - before : 0;
	mpd_connection_free(c);
	return 0;
}

/* `play` alone: resumes, and waits for it as for a new queue. */
static int resume(struct osp_cli *cli)
{
	struct mpd_connection *c = connect_daemon(cli);
	if (!c)
		return 1;
	if (!run(c, "clearerror", NULL) || !run(c, "play", NULL))
		return fail(c);
	if (!check_started(c, true, NULL))
		return 1;
	mpd_connection_free(c);
	return 0;
}

/* Queues (after `clear` when replacing) the files and folders named,
 * then plays when asked. */
static int queue_files(struct osp_cli *cli, const struct osp_cli_args *a,
		       bool replace)
{
	char **paths;
	size_t n;
	if (!osp_cli_collect_files(a->pos, (size_t)a->n_pos, &paths, &n))
		return 1;
	int status = osp_cli_send_queue(cli, paths, n,
					replace ? OSP_QUEUE_REPLACE : 0);
	if (!status && n == 1) {
		const char *slash = strrchr(paths[0], '/');
		printf("%s %s\n", replace ? "Playing" : "Queued",
		       slash ? slash + 1 : paths[0]);
	} else if (!status) {
		printf("%s %zu files\n", replace ? "Playing" : "Queued", n);
	}
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	return status;
}

/* Queues (after `clear` when replacing) a drama, the tracks matching a
 * query, or files, then plays when asked. */
static int queue_up(struct osp_cli *cli, const struct osp_cli_args *a,
		    bool replace)
{
	const char *query = osp_cli_value(a, "track");
	if (!query && a->n_pos && osp_cli_is_path(a->pos[0]))
		return queue_files(cli, a, replace);
	struct osp_buf name = {0};
	for (int i = 0; i < a->n_pos; i++)
		osp_buf_printf(&name, "%s%s", i ? " " : "", a->pos[i]);
	if (!query && !a->n_pos) {
		if (!replace)
			return osp_cli_usage_error(a->cmd, "name a drama or "
						   "--track QUERY");
		osp_buf_free(&name);
		return resume(cli);
	}
	struct osp_library *lib = osp_cli_open_library_to_read(cli);
	if (!lib || !osp_cli_update_matches(cli, lib)) {
		osp_library_close(lib);
		osp_buf_free(&name);
		return 1;
	}
	int status = 0;
	const char *drama = NULL;	/* or playlist */
	bool by_load = false;		/* a drama, queued by the daemon */
	char *playlist = NULL;	/* the stored name, in its own case */
	bool is_playlist = false;
	struct found f = {0};
	struct osp_error err = {0};
	/* A drama's title as its tracks store it (as `dramas` prints it and
	 * completion offers it): the daemon's `load` queues it, and the
	 * catalogs need not be read to know it. */
	bool stored_title = !query && !osp_cli_has(a, "all-copies") &&
			    osp_library_drama_has_tracks(lib, osp_buf_str(&name));
	/* A saved playlist cannot take a drama's title, but a catalog added
	 * later can take a saved playlist's name (the name given, or the one
	 * it finds in another case): then the drama wins, as it does for the
	 * daemon's `load`. */
	const struct osp_catalog *cat =
		stored_title ? NULL : osp_cli_catalog(cli);
	bool drama_title = stored_title ||
		osp_catalog_title_index(cat, osp_buf_str(&name)) >= 0;
	if (stored_title) {
		drama = osp_buf_str(&name);
		by_load = true;
	} else if (query) {
		char *words = xstrdup(query);	/* one phrase, not words */
		osp_cli_words_init(&f.words, cli, &words, 1);
		free(words);
		if (!osp_library_each_track(lib, NULL, match_words, &f, &err))
			status = osp_cli_error(&err);
		else if (!f.n)
			status = osp_cli_errorf("no track matches '%s'", query);
	} else if (!drama_title &&
		   !osp_library_find_playlist(lib, osp_buf_str(&name),
					      &playlist, &err)) {
		status = osp_cli_error(&err);
	} else if (playlist && osp_catalog_title_index(cat, playlist) < 0 &&
		   !osp_library_each_playlist_track(lib, playlist, match_words,
						    &f, &is_playlist, &err)) {
		status = osp_cli_error(&err);
	} else if (is_playlist) {	/* one `ostplay import` saved */
		drama = playlist;
		if (!f.n)
			status = osp_cli_errorf("none of %s's tracks is in the "
						"library any more", drama);
	} else {
		int d = osp_cli_pick_drama(cli, osp_buf_str(&name));
		if (d < 0) {
			status = 1;
		} else {
			drama = osp_cli_catalog(cli)->dramas[d].title;
			by_load = !osp_cli_has(a, "all-copies");
			struct osp_track_query q = {.drama = drama};
			bool any = true;
			if (by_load)
				any = osp_library_drama_has_tracks(lib, drama);
			else if (osp_library_each_track(lib, &q, match_words, &f,
							&err))
				any = f.n > 0;
			else
				status = osp_cli_error(&err);
			if (!any)
				status = osp_cli_errorf(
					"%s has no local tracks; scan the folder "
					"that holds its OST", drama);
		}
	}
	size_t queued = f.n;
	if (!status && by_load)
		status = send_drama(cli, drama, replace, &queued);
	else if (!status)
		status = osp_cli_send_queue(cli, f.paths, f.n,
					    replace ? OSP_QUEUE_REPLACE : 0);
	if (!status) {
		if (drama)
			printf("%s %s: %zu track%s\n",
			       replace ? "Playing" : "Queued", drama, queued,
			       queued == 1 ? "" : "s");
		else
			printf("%s %zu track%s\n", replace ? "Playing" : "Queued",
			       queued, queued == 1 ? "" : "s");
	}
	osp_cli_words_free(&f.words);
	for (size_t i = 0; i < f.n; i++)
		free(f.paths[i]);
	free(f.paths);
	free(playlist);
	osp_buf_free(&name);
	osp_library_close(lib);
	return status;
}

int osp_cli_play(struct osp_cli *cli, const struct osp_cli_args *a)
{
	return queue_up(cli, a, true);
}

int osp_cli_add(struct osp_cli *cli, const struct osp_cli_args *a)
{
	return queue_up(cli, a, false);
}

static void clock_text(struct osp_buf *b, double s)
{
	if (s < 0 || !isfinite(s))
		s = 0;
	int t = (int)(s + 0.5);
	osp_buf_printf(b, "%d:%02d", t / 60, t % 60);
}

/* The song blocks of a playlistinfo/currentsong reply. */
struct song {
	struct pairs p;
	struct pairs artists;	/* Artist lines, in order */
};

static void json_artists(struct osp_json *j, const struct pairs *s)
{
	size_t n = 0;
	char **v = xcalloc(s->n + 1, sizeof(char *));
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->keys[i], "Artist") == 0)
			v[n++] = s->values[i];
	osp_json_strings(j, "artists", v, n);
	free(v);
}

static void artists_text(struct osp_buf *b, const struct pairs *s)
{
	bool first = true;
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->keys[i], "Artist") == 0) {
			osp_buf_printf(b, "%s%s", first ? "" : ", ", s->values[i]);
			first = false;
		}
}

/* Music folders, in the daemon's order, to make its URIs whole again. */
struct music_dirs {
	char **dirs;
	size_t n;
	bool loaded;
};

static void music_dirs_free(struct music_dirs *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->dirs[i]);
	free(m->dirs);
}

/* The daemon names files relative to their music folder, as MPD does;
 * people and scripts want the whole path.  The caller frees it. */
static char *whole_path(struct osp_cli *cli, struct music_dirs *m,
			const char *uri)
{
	if (!uri || uri[0] == '/')
		return uri ? xstrdup(uri) : NULL;
	if (!m->loaded) {
		m->loaded = true;
		struct osp_library *lib = osp_cli_open_library_to_read(cli);
		if (lib && !osp_library_music_dirs(lib, &m->dirs, &m->n, NULL))
			m->n = 0;
		osp_library_close(lib);
	}
	/* Folders may nest: the one that holds the file is the one. */
	for (size_t i = 0; i < m->n; i++) {
		char *path = xasprintf("%s/%s", m->dirs[i], uri);
		if (access(path, F_OK) == 0)
			return path;
		free(path);
	}
	return m->n ? xasprintf("%s/%s", m->dirs[0], uri) : xstrdup(uri);
}

bool osp_cli_current_path(struct osp_cli *cli, char **path)
{
	*path = NULL;
	struct mpd_connection *c = connect_if_running(cli);
	if (!c)		/* no daemon, so nothing is playing */
		return true;
	struct pairs song;
	if (!fetch(c, "currentsong", &song)) {
		fail(c);
		return false;
	}
	mpd_connection_free(c);
	struct music_dirs m = {0};
	*path = whole_path(cli, &m, get(&song, "file"));
	music_dirs_free(&m);
	pairs_free(&song);
	return true;
}

bool osp_cli_queue_paths(struct osp_cli *cli, char ***paths, size_t *n)
{
	*paths = NULL;
	*n = 0;
	struct mpd_connection *c = connect_daemon(cli);
	if (!c)
		return false;
	struct pairs all;
	if (!fetch(c, "playlistinfo", &all)) {
		fail(c);
		return false;
	}
	mpd_connection_free(c);
	struct music_dirs m = {0};
	size_t cap = 0;
	for (size_t i = 0; i < all.n; i++)
		if (strcmp(all.keys[i], "file") == 0) {
			*paths = xgrow(*paths, &cap, *n + 1, sizeof(char *));
			(*paths)[(*n)++] = whole_path(cli, &m, all.values[i]);
		}
	music_dirs_free(&m);
	pairs_free(&all);
	return true;
}

/* Whether the current track plays again and again: MPD's repeat and
 * single together. */
static bool repeat_one(const struct pairs *st)
{
	return strcmp(or_else(get(st, "repeat"), "0"), "1") == 0 &&
	       strcmp(or_else(get(st, "single"), "0"), "0") != 0;
}

int osp_cli_status(struct osp_cli *cli, const struct osp_cli_args *a)
{
	struct mpd_connection *c = connect_daemon(cli);
	if (!c)
		return 1;
	struct pairs st, song;
	if (!fetch(c, "status", &st))
		return fail(c);
	if (!fetch(c, "currentsong", &song)) {
		pairs_free(&st);
		return fail(c);
	}
	mpd_connection_free(c);
	const char *state = get(&st, "state");
	const char *pos = get(&st, "song");
	double elapsed = get(&st, "elapsed") ? atof(get(&st, "elapsed")) : 0;
	double duration = get(&st, "duration") ? atof(get(&st, "duration"))
					       : song.n && get(&song, "duration")
						 ? atof(get(&song, "duration")) : 0;
	struct osp_buf b = {0};
	if (osp_cli_has(a, "json")) {
		struct osp_json j;
		osp_json_begin(&j, &b);
		osp_json_string(&j, "state", state ? state : "stop");
		osp_json_string(&j, "drama", get(&song, "Drama"));
		osp_json_string(&j, "song", get(&song, "OstTrack"));
		osp_json_string(&j, "title", get(&song, "Title"));
		json_artists(&j, &song);
		struct music_dirs m = {0};
		char *path = whole_path(cli, &m, get(&song, "file"));
		osp_json_string(&j, "path", path);
		free(path);
		music_dirs_free(&m);
		osp_json_double(&j, "elapsed", elapsed);
		osp_json_double(&j, "duration", duration);
		if (pos)
			osp_json_int(&j, "position", atol(pos));
		else
			osp_json_null(&j, "position");
		osp_json_int(&j, "queue_length",
			     atol(or_else(get(&st, "playlistlength"), "0")));
		osp_json_int(&j, "volume", atol(or_else(get(&st, "volume"), "0")));
		osp_json_bool(&j, "repeat", atol(or_else(get(&st, "repeat"), "0")));
		osp_json_bool(&j, "repeat_one", repeat_one(&st));
		osp_json_bool(&j, "random", atol(or_else(get(&st, "random"), "0")));
		osp_json_string(&j, "error", get(&st, "error"));
		if (get(&st, "gain"))
			osp_json_double(&j, "gain", atof(get(&st, "gain")));
		else
			osp_json_null(&j, "gain");
		osp_json_string(&j, "gain_source", get(&st, "gain_source"));
		osp_json_end(&j);
		osp_buf_putc(&b, '\n');
	} else {
		const char *shown = strcmp(or_else(state, ""), "play") == 0 ? "playing"
				    : strcmp(or_else(state, ""), "pause") == 0 ? "paused"
				    : "stopped";
		osp_buf_printf(&b, "%s", shown);
		if (song.n) {
			const char *title = get(&song, "Title");
			const char *file = get(&song, "file");
			osp_buf_printf(&b, "  %s", title ? title : or_else(file, "?"));
			if (get(&song, "Drama"))
				osp_buf_printf(&b, "  [%s]", get(&song, "Drama"));
			if (get(&song, "Artist")) {	/* untagged: none */
				osp_buf_puts(&b, "\n  ");
				artists_text(&b, &song);
			}
			osp_buf_puts(&b, "\n  ");
			clock_text(&b, elapsed);
			osp_buf_puts(&b, " / ");
			clock_text(&b, duration);
			osp_buf_printf(&b, "   track %ld of %s", atol(or_else(pos, "0")) + 1,
				       or_else(get(&st, "playlistlength"), "0"));
		} else {
			osp_buf_printf(&b, "  (queue of %s tracks)",
				       or_else(get(&st, "playlistlength"), "0"));
			osp_buf_puts(&b, "\n ");
		}
		osp_buf_printf(&b, "   volume %s%%   repeat %s   random %s\n",
			       or_else(get(&st, "volume"), "?"),
			       repeat_one(&st) ? "one"
			       : strcmp(or_else(get(&st, "repeat"), "0"), "1") ? "off"
			       : "on",
			       strcmp(or_else(get(&st, "random"), "0"), "1") ? "off" : "on");
		if (get(&st, "gain"))
			osp_buf_printf(&b, "  gain %+.1f dB (%s)\n",
				       atof(get(&st, "gain")),
				       or_else(get(&st, "gain_source"), "?"));
		if (get(&st, "error"))
			osp_buf_printf(&b, "  error: %s\n", get(&st, "error"));
	}
	int status = osp_cli_print(b.data, b.len);
	osp_buf_free(&b);
	pairs_free(&st);
	pairs_free(&song);
	return status;
}

int osp_cli_queue(struct osp_cli *cli, const struct osp_cli_args *a)
{
	struct mpd_connection *c = connect_daemon(cli);
	if (!c)
		return 1;
	struct pairs st, all;
	if (!fetch(c, "status", &st))
		return fail(c);
	if (!fetch(c, "playlistinfo", &all)) {
		pairs_free(&st);
		return fail(c);
	}
	mpd_connection_free(c);
	const char *current = get(&st, "song");
	bool json = osp_cli_has(a, "json");
	struct music_dirs m = {0};
	struct osp_buf b = {0};
	/* Each song starts at its "file" line. */
	for (size_t i = 0; i < all.n;) {
		size_t end = i + 1;
		while (end < all.n && strcmp(all.keys[end], "file") != 0)
			end++;
		struct pairs s = {all.keys + i, all.values + i, end - i};
		const char *pos = get(&s, "Pos");
		bool is_current = pos && current && strcmp(pos, current) == 0;
		double duration = get(&s, "duration") ? atof(get(&s, "duration"))
						      : 0;
		if (json) {
			struct osp_json j;
			osp_json_begin(&j, &b);
			osp_json_int(&j, "position", atol(or_else(pos, "0")));
			osp_json_int(&j, "id", atol(or_else(get(&s, "Id"), "0")));
			char *path = whole_path(cli, &m, get(&s, "file"));
			osp_json_string(&j, "path", path);
			free(path);
			osp_json_string(&j, "title", get(&s, "Title"));
			json_artists(&j, &s);
			osp_json_string(&j, "drama", get(&s, "Drama"));
			osp_json_string(&j, "ost_track", get(&s, "OstTrack"));
			osp_json_double(&j, "duration", duration);
			osp_json_bool(&j, "current", is_current);
			osp_json_end(&j);
			osp_buf_putc(&b, '\n');
		} else {
			osp_buf_printf(&b, "%s%3ld. ", is_current ? ">" : " ",
				       atol(or_else(pos, "0")) + 1);
			if (get(&s, "Artist")) {	/* untagged: none */
				artists_text(&b, &s);
				osp_buf_puts(&b, " - ");
			}
			const char *title = get(&s, "Title");
			osp_buf_printf(&b, "%s  ",
				       title ? title : or_else(get(&s, "file"), "?"));
			clock_text(&b, duration);
			if (get(&s, "Drama"))
				osp_buf_printf(&b, "  [%s]", get(&s, "Drama"));
			osp_buf_putc(&b, '\n');
		}
		i = end;
	}
	if (!json && !all.n)
		osp_buf_puts(&b, "the queue is empty\n");
	int status = osp_cli_print(b.data, b.len);
	osp_buf_free(&b);
	music_dirs_free(&m);
	pairs_free(&st);
	pairs_free(&all);
	return status;
}
