/*
 * daemon — the player daemon: the queue, libmpv, and the MPD protocol on
 * a Unix socket.
 *
 * One daemon per user: it holds a lock in the runtime folder (0700) and
 * replaces a socket left by a crashed one.  Queue, position, volume,
 * random and repeat are saved to the state folder and come back, paused,
 * at the next start.  SIGTERM and SIGINT shut it down cleanly.  Logs one
 * line per event on stderr.
 */
#ifndef OSTPLAY_DAEMON_H
#define OSTPLAY_DAEMON_H

#include "ostplay/catalog.h"
#include "ostplay/config.h"
#include "ostplay/paths.h"

/* Runs the daemon until it is told to stop; returns the exit status. */
int osp_daemon_run(const struct osp_paths *paths,
		   const struct osp_config *config,
		   const struct osp_catalog *catalog);

#endif
