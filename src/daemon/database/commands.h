/*
 * The database commands: the music folders as MPD's directory tree
 * (lsinfo, listall, listallinfo, listfiles), finding songs (find, search,
 * findadd, searchadd, playlistfind, playlistsearch), their tags (list,
 * count, tagtypes) and stats.  One sorted table of their own, which the
 * daemon's command lookup also searches.
 */
#ifndef OSTPLAY_DAEMON_DATABASE_COMMANDS_H
#define OSTPLAY_DAEMON_DATABASE_COMMANDS_H

#include "../daemon-private.h"

/* The database command named `name`, or NULL. */
const struct command *db_command(const char *name);
/* All of them, sorted by name; `n` gets their number. */
const struct command *db_commands(size_t *n);

/* `add` of a folder: queues the songs below the folder `uri` names, in
 * MPD's order.  False when `uri` names no folder of the library, with
 * nothing done; true when it did (or with an ACK in `r`). */
bool db_add_folder(struct daemon *d, struct reply *r, const char *uri);

#endif
