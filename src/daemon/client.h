/*
 * client — one MPD connection: its input cut into lines, command lists,
 * replies, idle, permissions, and the limits that keep one client from
 * hurting the daemon or the others.
 *
 * A client's commands run in turns: each turn runs at most a few dozen
 * commands and stops early once the reply waiting to be sent is large, so
 * that a client which sends much and reads little holds only that much
 * memory, and every other client is served between two turns.
 */
#ifndef OSTPLAY_DAEMON_CLIENT_H
#define OSTPLAY_DAEMON_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

struct daemon;
struct client;

/* Creates the client on accepted socket `fd` and queues MPD's greeting.
 * `owner`: on the Unix socket as the daemon's user (or root): may name
 * files by path and has every permission; the others start with the
 * config's default permissions. */
struct client *client_new(const struct daemon *d, int fd, bool owner,
			  double now);
void client_free(struct client *c);

int client_fd(const struct client *c);
bool client_owner(const struct client *c);
/* The poll events the client waits for now: none while it has lines left
 * to run or too much unsent. */
short client_poll_events(const struct client *c);
/* Whether it has commands to run without reading more. */
bool client_has_work(const struct client *c);

/* Reads what arrived; false when the client is gone or broke a limit (it
 * is then told why, when it can be). */
bool client_read(struct client *c, double now);
/* Runs one turn of its commands. */
void client_run(struct daemon *d, struct client *c, double now);
/* Sends what it can of the reply; false when the client is gone. */
bool client_write(struct client *c, double now);
/* Tells the client of idle events. */
void client_notify(struct client *c, unsigned events);

/* Whether it has been silent (no command, or its replies unread) for the
 * config's connection timeout; a client waiting in `idle` never is. */
bool client_expired(const struct client *c, const struct daemon *d,
		    double now);
/* When it last sent a command, or connected; for choosing whom to drop. */
double client_last_command(const struct client *c);
bool client_in_idle(const struct client *c);

#endif
