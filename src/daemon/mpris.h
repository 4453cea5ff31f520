/*
 * mpris — the daemon's face on the D-Bus session bus: MPRIS 2's root and
 * Player interfaces under org.mpris.MediaPlayer2.ostplay, so that media
 * keys, desktop now-playing widgets, headset buttons and every MPRIS
 * remote control the daemon.  Private to src/daemon.
 *
 * Each method runs the MPD command that does the same, so the bus and MPD
 * clients can never disagree; changes, whoever made them, reach the bus as
 * PropertiesChanged and Seeked from the daemon's idle events.  No
 * TrackList interface.  The only module that sees sd-bus.
 */
#ifndef OSTPLAY_MPRIS_H
#define OSTPLAY_MPRIS_H

#include <stdbool.h>

struct daemon;
struct mpris;

/* Connects to the session bus and takes the MPRIS name (with an instance
 * suffix when another ostplay holds it).  NULL, after logging once why
 * MPRIS is off, when there is no session bus.  `d` must outlive it. */
struct mpris *mpris_open(struct daemon *d);
void mpris_close(struct mpris *m);

/* For the poll loop: the bus's descriptor (-1 once the bus is gone), the
 * events to poll for, and milliseconds until sd-bus wants to run even
 * without input (-1: no such moment). */
int mpris_fd(struct mpris *m);
short mpris_events(struct mpris *m);
int mpris_timeout_ms(struct mpris *m);
/* Serves what waits on the bus.  A lost bus is logged once and then left
 * alone: the daemon plays on without it. */
void mpris_process(struct mpris *m);
/* Tells the bus what changed: `events` are the daemon's IDLE_* bits not
 * yet told to MPD clients; d->seeked asks for a Seeked signal. */
void mpris_changed(struct mpris *m, unsigned events);

#endif
