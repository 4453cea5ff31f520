#include "ostplay/daemon.h"

#include <errno.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
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

#include "client.h"
#include "daemon-private.h"
#include "mpris.h"
#include "ostplay/file.h"
#include "ostplay/protocol.h"
#include "ostplay/scan.h"
#include "ostplay/tags.h"
#include "ostplay/uri.h"
#include "ostplay/xalloc.h"

#define SAVE_EVERY 5.0			/* seconds, while playing */

static int signal_pipe[2] = {-1, -1};

static void on_signal(int sig)
{
	char c = (char)sig;
	ssize_t n = write(signal_pipe[1], &c, 1);
	(void)n;
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

/* MPD over TCP, for clients that cannot use a Unix socket: on 127.0.0.1
 * unless the config names another address (IPv4 or IPv6, numeric). */
static int listen_tcp(const char *address, int port)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC,
				 .ai_socktype = SOCK_STREAM,
				 .ai_flags = AI_NUMERICHOST | AI_NUMERICSERV};
	struct addrinfo *ai = NULL;
	char service[16];
	snprintf(service, sizeof(service), "%d", port);
	int rc = getaddrinfo(address, service, &hints, &ai);
	if (rc != 0) {
		fprintf(stderr, "ostplay: mpd-address %s: %s\n", address,
			gai_strerror(rc));
		return -1;
	}
	int one = 1;
	int fd = socket(ai->ai_family,
			SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 64) != 0) {
		fprintf(stderr, "ostplay: %s port %d: %s\n", address, port,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(ai);
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

/* The connected clients: the Unix socket's and TCP's, each up to the
 * config's max-connections. */
struct clients {
	struct client **all;
	size_t n, cap;
};

static size_t count_on(const struct clients *cs, bool owner_socket)
{
	size_t n = 0;
	for (size_t i = 0; i < cs->n; i++)
		n += cs->all[i] && client_owner(cs->all[i]) == owner_socket;
	return n;
}

/* The client to drop so that the owner's new one fits: the one silent
 * longest, preferring those not waiting in idle. */
static size_t quietest_owner_client(const struct clients *cs)
{
	size_t best = cs->n;
	for (size_t i = 0; i < cs->n; i++) {
		struct client *c = cs->all[i];
		if (!c || !client_owner(c))
			continue;
		if (best == cs->n ||
		    client_in_idle(cs->all[best]) > client_in_idle(c) ||
		    (client_in_idle(cs->all[best]) == client_in_idle(c) &&
		     client_last_command(c) < client_last_command(cs->all[best])))
			best = i;
	}
	return best;
}

/* Takes a new connection.  At the limit, a TCP client is turned away at
 * once (no waiting in the kernel's queue), and the owner's client takes
 * the place of the owner's quietest one: the CLI is never locked out. */
static void accept_client(struct daemon *d, struct clients *cs, int listen_fd,
			  bool unix_socket, double now)
{
	int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (fd < 0)
		return;
	bool owner = unix_socket && is_owner(fd);
	if (count_on(cs, owner) >= d->config->max_connections) {
		size_t victim = owner ? quietest_owner_client(cs) : cs->n;
		if (victim == cs->n) {
			close(fd);
			return;
		}
		daemon_log("too many connections: dropped the quietest");
		client_free(cs->all[victim]);
		cs->all[victim] = NULL;
	}
	cs->all = xgrow(cs->all, &cs->cap, cs->n + 1, sizeof(*cs->all));
	cs->all[cs->n++] = client_new(d, fd, owner, now);
}

/* Reads, runs a turn of and writes to the client polled in `pfd`; false
 * when it is to be dropped. */
static bool serve_client(struct daemon *d, struct client *c,
			 const struct pollfd *pfd, double now)
{
	short ev = pfd ? pfd->revents : 0;
	if ((ev & POLLIN) && !client_read(c, now))
		return false;
	if (!(ev & POLLIN) && (ev & (POLLERR | POLLHUP | POLLNVAL)))
		return false;
	if (client_has_work(c))
		client_run(d, c, now);
	return client_write(c, now) && !client_expired(c, d, now);
}

static void broadcast(struct daemon *d, struct clients *cs, double now)
{
	if (!d->changed)
		return;
	for (size_t i = 0; i < cs->n; i++) {
		client_notify(cs->all[i], d->changed);
		client_write(cs->all[i], now);
	}
	d->changed = 0;
}

/* How long poll may wait: not at all while a client has commands left,
 * a second while clients may time out or music plays, else until
 * something happens. */
static int poll_timeout(const struct daemon *d, const struct clients *cs)
{
	/* A scan running, or clients that may wait for the library to
	 * change: look every so often. */
	int timeout = d->update_pid > 0 ? 200
		      : d->state == STATE_PLAY || cs->n ? 1000 : -1;
	for (size_t i = 0; i < cs->n; i++) {
		if (client_has_work(cs->all[i]))
			return 0;
		if (!client_in_idle(cs->all[i]) ||
		    (client_poll_events(cs->all[i]) & POLLOUT))
			timeout = 1000;
	}
	return timeout;
}

/* One round: waits for something to happen, then serves it. */
static void run_once(struct daemon *d, struct clients *cs, int listen_fd,
		     int tcp_fd, struct pollfd **fds, size_t *cap_fds)
{
	*fds = xgrow(*fds, cap_fds, cs->n + 5, sizeof(**fds));
	struct pollfd *p = *fds;
	p[0] = (struct pollfd){.fd = signal_pipe[0], .events = POLLIN};
	p[1] = (struct pollfd){.fd = osp_player_fd(d->player), .events = POLLIN};
	p[2] = (struct pollfd){.fd = listen_fd, .events = POLLIN};
	p[3] = (struct pollfd){.fd = tcp_fd, .events = POLLIN};
	p[4] = (struct pollfd){.fd = mpris_fd(d->mpris),
			       .events = mpris_events(d->mpris)};
	size_t polled = cs->n;
	for (size_t i = 0; i < polled; i++)
		p[5 + i] = (struct pollfd){.fd = client_fd(cs->all[i]),
					   .events = client_poll_events(cs->all[i])};
	int timeout = poll_timeout(d, cs);
	int bus_timeout = mpris_timeout_ms(d->mpris);
	if (bus_timeout >= 0 && (timeout < 0 || bus_timeout < timeout))
		timeout = bus_timeout;
	if (poll(p, 5 + polled, timeout) < 0 && errno != EINTR) {
		daemon_log("poll: %s", strerror(errno));
		d->quit = true;
		return;
	}
	double now = daemon_now();
	daemon_update_poll(d, now);
	char sig;
	while (p[0].revents && read(signal_pipe[0], &sig, 1) > 0)
		d->quit = true;
	struct osp_player_event e;
	while (p[1].revents && osp_player_next_event(d->player, &e))
		daemon_player_event(d, &e);
	mpris_process(d->mpris);
	for (size_t i = 0; i < polled; i++)
		if (!serve_client(d, cs->all[i], &p[5 + i], now)) {
			client_free(cs->all[i]);
			cs->all[i] = NULL;
		}
	/* Accepted after the clients' turns: a client dropped to make room
	 * is not served again in between. */
	if (p[2].revents)
		accept_client(d, cs, listen_fd, true, now);
	if (p[3].revents)
		accept_client(d, cs, tcp_fd, false, now);
	size_t kept = 0;
	for (size_t i = 0; i < cs->n; i++)
		if (cs->all[i])
			cs->all[kept++] = cs->all[i];
	cs->n = kept;
	/* The queue edits and modes of one round go to mpv together: a
	 * command list of adds is one change of mpv's playlist, and `ostplay
	 * repeat off` (and MPRIS's LoopStatus), which sends repeat 0 then
	 * single 0, never leaves mpv's playlist ended after the playing
	 * song (repeat 0 alone, with single on), for mpv to reach its end
	 * and close the output. */
	if (d->next_stale)
		daemon_refresh_next(d);
	mpris_changed(d->mpris, d->changed);
	broadcast(d, cs, now);
}

int osp_daemon_run(const struct osp_paths *paths,
		   const struct osp_config *config,
		   const struct osp_catalog *catalog)
{
	int lock = take_lock(paths);
	if (lock < 0)
		return 1;
	struct daemon d = {.paths = paths, .config = config, .catalog = catalog,
			   .volume = 100, .ended = -1, .mixrampdelay = -1,
			   .started = daemon_now()};
	struct osp_error err = {0};
	int status = 1, listen_fd = -1, tcp_fd = -1;
	struct clients clients = {0};
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
	    (config->mpd_port &&
	     (tcp_fd = listen_tcp(config->mpd_address ? config->mpd_address
						   : "127.0.0.1",
				  config->mpd_port)) < 0))
		goto out;
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	daemon_load_state(&d);
	d.mpris = mpris_open(&d);
	daemon_log("listening on %s", socket_path);

	double last_save = daemon_now();
	struct pollfd *fds = NULL;
	size_t cap_fds = 0;
	while (!d.quit) {
		run_once(&d, &clients, listen_fd, tcp_fd, &fds, &cap_fds);
		if (d.state_dirty || (d.state == STATE_PLAY &&
				      daemon_now() - last_save > SAVE_EVERY)) {
			daemon_save_state(&d);
			last_save = daemon_now();
		}
	}
	free(fds);
	daemon_log("shutting down");
	daemon_save_state(&d);
	status = 0;
out:
	for (size_t i = 0; i < clients.n; i++)
		client_free(clients.all[i]);
	free(clients.all);
	if (listen_fd >= 0) {
		close(listen_fd);
		unlink(socket_path);
	}
	if (tcp_fd >= 0)
		close(tcp_fd);
	free(socket_path);
	mpris_close(d.mpris);
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
