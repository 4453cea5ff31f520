/* MPD's update and rescan: `ostplay scan` run as a child process, so that
 * playback and every client go on while it reads the files; and the
 * library's changes from any process (that scan, or a scan or import from
 * the CLI) told to clients as `idle database`. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon-private.h"
#include "ostplay/paths.h"
#include "ostplay/xalloc.h"

extern char **environ;

#define LIBRARY_CHECK_EVERY 1.0		/* seconds */


/* Starts `ostplay scan [DIR]`: by exec, never through a shell; its
 * summary goes nowhere, its errors to the daemon's log. */
static bool spawn_scan(struct daemon *d, char *dir)
{
	char *path = osp_paths_program("ostplay",
				       OSP_INSTALLED_BINDIR "/ostplay");
	char scan[] = "scan", name[] = "ostplay";
	char *argv[] = {name, scan, dir, NULL};
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
					 O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null",
					 O_WRONLY, 0);
	int rc = posix_spawn(&d->update_pid, path, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		daemon_log("cannot run %s scan: %s", path, strerror(rc));
		d->update_pid = 0;
	}
	free(path);
	return rc == 0;
}

/* The folder an update URI names: a music folder's sub-folder, or all of
 * them for none; NULL after the ACK. */
static char *folder_of(struct daemon *d, struct reply *r, const char *uri)
{
	if (!*uri || strcmp(uri, "/") == 0)
		return xstrdup("");
	if (uri[0] == '/' || strstr(uri, ".."))
		return reply_fail(r, ACK_ARG, "Malformed path"), NULL;
	for (size_t i = 0; i < d->n_music_dirs; i++) {
		char *path = xasprintf("%s/%s", d->music_dirs[i], uri);
		if (access(path, F_OK) == 0)
			return path;
		free(path);
	}
	reply_fail(r, ACK_NO_EXIST, "Malformed path");
	return NULL;
}

/* update [URI], rescan [URI]: the job's number, at once; the scan goes on
 * in the background.  A scan already running is that job.  (ostplay's scan
 * reads a file again when its size or time changed; rescan is the same.) */
static bool cmd_update(struct daemon *d, struct reply *r, int argc,
		       char **argv)
{
	if (d->update_pid <= 0) {
		char *dir = folder_of(d, r, argc ? argv[0] : "");
		if (!dir)
			return false;
		bool ok = spawn_scan(d, *dir ? dir : NULL);
		free(dir);
		if (!ok)
			return reply_fail(r, ACK_SYSTEM, "cannot start the scan");
		d->update_job = d->update_job % 999999 + 1;
		daemon_log("update %u: scanning", d->update_job);
		daemon_changed(d, IDLE_UPDATE);
	}
	osp_buf_printf(r->out, "updating_db: %u\n", d->update_job);
	return true;
}

void daemon_update_poll(struct daemon *d, double now)
{
	int status;
	if (d->update_pid > 0 &&
	    waitpid(d->update_pid, &status, WNOHANG) == d->update_pid) {
		d->update_pid = 0;
		daemon_log("update %u: the scan %s", d->update_job,
			   WIFEXITED(status) && WEXITSTATUS(status) == 0
				   ? "is done" : "failed");
		daemon_changed(d, IDLE_UPDATE);
		d->library_checked = 0;		/* look now */
	}
	if (now - d->library_checked < LIBRARY_CHECK_EVERY)
		return;
	d->library_checked = now;
	int64_t version = osp_library_version(d->lib);
	if (version >= 0 && d->library_version && version != d->library_version)
		daemon_changed(d, IDLE_DATABASE);
	if (version >= 0)
		d->library_version = version;
}

static const struct command update_commands[] = {
	{"rescan", 0, 1, cmd_update, OSP_PERMISSION_CONTROL},
	{"update", 0, 1, cmd_update, OSP_PERMISSION_CONTROL},
};

const struct command *daemon_update_commands(size_t *n)
{
	*n = sizeof(update_commands) / sizeof(update_commands[0]);
	return update_commands;
}
