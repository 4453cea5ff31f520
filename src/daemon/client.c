#include "client.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "daemon-private.h"
#include "ostplay/protocol.h"
#include "ostplay/xalloc.h"

#define MAX_LINE (64 * 1024)	/* a longer line drops the client */
#define MAX_WORDS 64
/* A turn: at most this many commands, and none once this much of the
 * client's reply is unsent; it is not read from either until it drains. */
#define TURN_COMMANDS 64
#define TURN_OUTPUT (256 * 1024)
#define READ_SIZE 16384

struct client {
	int fd;
	bool owner;		/* on the Unix socket, as our user or root */
	unsigned permissions;	/* MPD's, as osp_permission bits */
	size_t binary_limit;	/* largest chunk of a picture, binarylimit */
	struct osp_buf in;	/* received; lines before in_pos have run */
	size_t in_pos;
	struct osp_buf out;	/* the reply; bytes before out_pos are sent */
	size_t out_pos;
	int list;		/* 0, or 1 in a command list, 2 in an OK list */
	/* The list's commands, each ended by a NUL: held as one block, so
	 * that its size is what the limit counts. */
	struct osp_buf list_lines;
	bool list_running;	/* command_list_end came; it runs in turns */
	size_t list_pos;	/* the next command to run, in list_lines */
	int list_index;
	bool idle;
	unsigned idle_mask;
	unsigned pending;	/* events since it last asked */
	bool closing;		/* close once `out` is sent */
	double last_command;	/* when it last sent a whole line */
	double last_sent;	/* when its reply last moved, or was empty */
};

struct client *client_new(const struct daemon *d, int fd, bool owner,
			  double now)
{
	struct client *c = xcalloc(1, sizeof(*c));
	c->fd = fd;
	c->owner = owner;
	c->permissions = owner ? OSP_PERMISSION_ALL
			       : d->config->default_permissions;
	c->binary_limit = 8192;		/* mpd's default */
	c->last_command = c->last_sent = now;
	osp_buf_puts(&c->out, "OK MPD 0.23.5\n");
	return c;
}

void client_free(struct client *c)
{
	close(c->fd);
	osp_buf_free(&c->in);
	osp_buf_free(&c->out);
	osp_buf_free(&c->list_lines);
	free(c);
}

int client_fd(const struct client *c)
{
	return c->fd;
}

bool client_owner(const struct client *c)
{
	return c->owner;
}

bool client_in_idle(const struct client *c)
{
	return c->idle;
}

double client_last_command(const struct client *c)
{
	return c->last_command;
}

static size_t unsent(const struct client *c)
{
	return c->out.len - c->out_pos;
}

static bool has_line(const struct client *c)
{
	return memchr(c->in.data + c->in_pos, '\n', c->in.len - c->in_pos);
}

bool client_has_work(const struct client *c)
{
	return !c->closing && unsent(c) < TURN_OUTPUT &&
	       (c->list_running || (c->in.len > c->in_pos && has_line(c)));
}

short client_poll_events(const struct client *c)
{
	short events = unsent(c) ? POLLOUT : 0;
	if (!c->closing && !c->list_running && unsent(c) < TURN_OUTPUT &&
	    !(c->in.len > c->in_pos && has_line(c)))
		events |= POLLIN;
	return events;
}

/* Tells the client why it is dropped, when it still reads. */
static void drop(struct client *c, const char *why)
{
	osp_buf_printf(&c->out, "ACK [2@0] {} %s\n", why);
	c->closing = true;
	c->list_running = false;
}

bool client_read(struct client *c, double now)
{
	(void)now;
	char buf[READ_SIZE];
	ssize_t n = recv(c->fd, buf, sizeof(buf), 0);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
		return false;
	if (n > 0)
		osp_buf_append(&c->in, buf, (size_t)n);
	/* The line being received: refused as soon as it is too long, not
	 * held until its end comes. */
	const char *start = c->in.data + c->in_pos;
	const char *nl = memrchr(start, '\n', c->in.len - c->in_pos);
	size_t tail = c->in.len - (size_t)((nl ? nl + 1 : start) - c->in.data);
	if (tail > MAX_LINE)
		drop(c, "line too long");
	return true;
}

static void tell_idle(struct client *c)
{
	for (int i = 0; i < N_IDLE_EVENTS; i++)
		if (c->pending & c->idle_mask & (1u << i))
			osp_buf_printf(&c->out, "changed: %s\n",
				       daemon_idle_names[i]);
	osp_buf_puts(&c->out, "OK\n");
	c->pending &= ~c->idle_mask;
	c->idle = false;
}

void client_notify(struct client *c, unsigned events)
{
	c->pending |= events;
	if (c->idle && (c->pending & c->idle_mask))
		tell_idle(c);
}

/* Why `cmd` cannot run as asked, in `r`; false when it can. */
static bool refused(const struct client *c, struct reply *r,
		    const struct command *cmd, int n, char **words,
		    bool in_list)
{
	if (n < 0)
		return !reply_fail(r, ACK_ARG, n == -1
						? "Invalid unquoted character"
						: "Too many arguments");
	if (n == 0)
		return !reply_fail(r, ACK_UNKNOWN, "No command given");
	if (!cmd)
		return !reply_fail(r, ACK_UNKNOWN, "unknown command \"%s\"",
				   words[0]);
	if (cmd->permission & ~c->permissions)
		return !reply_fail(r, ACK_PERMISSION,
				   "you don't have permission for \"%s\"",
				   cmd->name);
	if (n - 1 < cmd->min_args ||
	    (cmd->max_args >= 0 && n - 1 > cmd->max_args))
		return !reply_fail(r, ACK_ARG,
				   "wrong number of arguments for \"%s\"",
				   cmd->name);
	if (in_list && (strcmp(cmd->name, "idle") == 0 ||
			strcmp(cmd->name, "close") == 0))
		return !reply_fail(r, ACK_ARG,
				   "%s is not allowed in a command list",
				   cmd->name);
	return false;
}

/* Runs one command line; false when the list it is in must stop. */
static bool run_line(struct daemon *d, struct client *c, char *line,
		     int index, bool in_list)
{
	char *words[MAX_WORDS];
	int n = osp_proto_split(line, words, MAX_WORDS);
	struct reply r = {.out = &c->out, .local = c->owner,
			  .permissions = c->permissions,
			  .binary_limit = c->binary_limit};
	const struct command *cmd = n > 0 ? daemon_command(words[0]) : NULL;
	if (!refused(c, &r, cmd, n, words, in_list))
		cmd->run(d, &r, n - 1, words + 1);
	c->permissions = r.permissions;	/* `password` changes them */
	c->binary_limit = r.binary_limit;
	if (r.ack) {
		osp_buf_printf(&c->out, "ACK [%d@%d] {%s} %s\n", r.ack, index,
			       n > 0 && cmd ? cmd->name : "", r.message);
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
		osp_buf_puts(&c->out, "OK\n");
	return true;
}

static void end_list(struct client *c)
{
	osp_buf_truncate(&c->list_lines, 0);
	c->list = 0;
	c->list_running = false;
}

/* Runs the list's next command; the list ends after its last one, or
 * after a command that fails. */
static void run_list_step(struct daemon *d, struct client *c)
{
	char *line = c->list_lines.data + c->list_pos;
	c->list_pos += strlen(line) + 1;
	bool ok = run_line(d, c, line, c->list_index++, true);
	if (ok && c->list == 2)
		osp_buf_puts(&c->out, "list_OK\n");
	if (!ok || c->list_pos >= c->list_lines.len) {
		if (ok)
			osp_buf_puts(&c->out, "OK\n");
		end_list(c);
	}
}

/* Adds a command to the list being received, within the size limit. */
static void hold_list_line(struct daemon *d, struct client *c,
			   const char *line)
{
	size_t len = strlen(line) + 1;
	if (c->list_lines.len + len > d->config->max_command_list_size) {
		daemon_log("dropped a client: its command list passed %zu bytes",
			   d->config->max_command_list_size);
		drop(c, "command list is too large");
		end_list(c);
		return;
	}
	osp_buf_append(&c->list_lines, line, len);
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
	} else if (c->list && strcmp(line, "command_list_end") == 0) {
		c->list_pos = 0;
		c->list_index = 0;
		if (c->list_lines.len)
			c->list_running = true;
		else {
			osp_buf_puts(&c->out, "OK\n");
			end_list(c);
		}
	} else if (c->list) {
		hold_list_line(d, c, line);
	} else if (strcmp(line, "command_list_begin") == 0) {
		c->list = 1;
	} else if (strcmp(line, "command_list_ok_begin") == 0) {
		c->list = 2;
	} else if (strcmp(line, "noidle") != 0) {	/* outside idle: nothing */
		run_line(d, c, line, 0, false);
	}
}

/* The next whole line received, without its end; NULL when none. */
static char *next_line(struct client *c)
{
	char *line = c->in.data + c->in_pos;
	char *nl = memchr(line, '\n', c->in.len - c->in_pos);
	if (!nl)
		return NULL;
	*nl = '\0';
	c->in_pos = (size_t)(nl - c->in.data) + 1;
	if (nl > line && nl[-1] == '\r')
		nl[-1] = '\0';
	return line;
}

void client_run(struct daemon *d, struct client *c, double now)
{
	for (int i = 0; i < TURN_COMMANDS && !c->closing &&
			unsent(c) < TURN_OUTPUT; i++) {
		if (c->list_running) {
			run_list_step(d, c);
			continue;
		}
		char *line = c->in.len > c->in_pos ? next_line(c) : NULL;
		if (!line)
			break;
		c->last_command = now;
		if (strlen(line) > MAX_LINE)
			drop(c, "line too long");
		else
			handle_line(d, c, line);
	}
	/* Keep only what has not run. */
	if (c->in_pos) {
		memmove(c->in.data, c->in.data + c->in_pos,
			c->in.len - c->in_pos);
		osp_buf_truncate(&c->in, c->in.len - c->in_pos);
		c->in_pos = 0;
	}
}

bool client_write(struct client *c, double now)
{
	while (unsent(c)) {
		ssize_t n = send(c->fd, c->out.data + c->out_pos, unsent(c),
				 MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno != EAGAIN)
			return false;
		if (n < 0)
			break;
		c->out_pos += (size_t)n;
		c->last_sent = now;
	}
	if (unsent(c)) {
		/* Drop what is sent once it is four fifths of the buffer, so
		 * that a client reading as fast as its replies come never
		 * makes it grow, while a long reply (listallinfo: 14 MB) is
		 * moved down only about a quarter of its length in all. */
		if (c->out_pos / 4 > unsent(c)) {
			memmove(c->out.data, c->out.data + c->out_pos,
				unsent(c));
			osp_buf_truncate(&c->out, unsent(c));
			c->out_pos = 0;
		}
		return true;
	}
	/* All sent: start the buffer again (it keeps its memory). */
	osp_buf_truncate(&c->out, 0);
	c->out_pos = 0;
	c->last_sent = now;
	return !c->closing;
}

bool client_expired(const struct client *c, const struct daemon *d,
		    double now)
{
	double limit = d->config->connection_timeout;
	if (unsent(c) > d->config->max_output_buffer_size) {
		daemon_log("dropped a client: %zu bytes of reply unread",
			   unsent(c));
		return true;
	}
	if (unsent(c))
		return now - c->last_sent > limit;
	if (c->idle || c->list_running)
		return false;
	return now - c->last_command > limit;
}
