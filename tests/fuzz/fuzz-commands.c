/*
 * The daemon's command dispatcher: any bytes a client may send, run as the
 * d runs them (client.c's turns, command lists, idle, permissions,
 * every command of commands.c) against a real library of three tracks and
 * a real libmpv player with no audio output.  The first byte picks who the
 * client is: the owner on the Unix socket, or a TCP client with the default
 * (read-only) permissions.
 *
 * The daemon's state carries over from one input to the next, as it does
 * for a daemon's clients; the queue is emptied now and then so that it
 * cannot grow without end.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/daemon/client.h"
#include "../../src/daemon/daemon-private.h"
#include "ostplay/xalloc.h"

#define MAX_INPUT (256 * 1024)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct daemon d;
static struct osp_config config;
static struct osp_paths paths;
static struct osp_catalog catalog;

/* One second of 8 kHz mono silence as a WAV file. */
static void write_wav(const char *path)
{
	static const uint8_t header[44] = {
		'R', 'I', 'F', 'F', 0x24, 0x3e, 0, 0, 'W', 'A', 'V', 'E',
		'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 1, 0,
		0x40, 0x1f, 0, 0, 0x80, 0x3e, 0, 0, 2, 0, 16, 0,
		'd', 'a', 't', 'a', 0x00, 0x3e, 0, 0,
	};
	static uint8_t silence[16000];
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(header, 1, sizeof(header), f) != sizeof(header) ||
	    fwrite(silence, 1, sizeof(silence), f) != sizeof(silence))
		abort();
	fclose(f);
}

static void add_track(const char *dir, const char *name, const char *title)
{
	char *path = xasprintf("%s/%s", dir, name);
	write_wav(path);
	struct osp_track t = {.path = path, .path_len = strlen(path),
			      .size = 16044};
	t.tags.title = xstrdup(title);
	t.tags.album = xstrdup("Goblin OST Part.1");
	struct osp_error err = {0};
	if (!osp_library_put_track(d.lib, &t, &err))
		abort();
	osp_track_clear(&t);
}

/* A scratch library and player, as osp_daemon_run sets them up. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	char tmpl[] = "/tmp/fuzz-commands-XXXXXX";
	char *root = mkdtemp(tmpl);
	if (!root)
		abort();
	char *music = xasprintf("%s/music", root);
	if (mkdir(music, 0700) != 0)
		abort();
	osp_config_defaults(&config);
	config.mpv_options = xcalloc(2, sizeof(*config.mpv_options));
	config.mpv_options[0] = (struct osp_config_option){
		.name = xstrdup("ao"), .value = xstrdup("null")};
	config.mpv_options[1] = (struct osp_config_option){
		.name = xstrdup("audio-display"), .value = xstrdup("no")};
	config.n_mpv_options = 2;
	paths.state_dir = xasprintf("%s/state", root);
	paths.runtime_dir = xasprintf("%s/runtime", root);
	paths.config_file = xasprintf("%s/config", root);
	struct osp_error err = {0};
	d = (struct daemon){.paths = &paths, .config = &config,
				 .catalog = &catalog, .volume = 100, .mixrampdelay = -1,
				 .ended = -1};
	osp_queue_init(&d.queue, 1);
	osp_tags_init();
	char *db = xasprintf("%s/library.db", root);
	if (!(d.lib = osp_library_open(db, &err)) ||
	    !osp_library_add_music_dir(d.lib, music, &err))
		abort();
	add_track(music, "01. Stay With Me.wav", "Stay With Me");
	add_track(music, "02. Beautiful.wav", "Beautiful");
	add_track(music, "03. Hush.wav", "Hush");
	if (!osp_library_music_dirs(d.lib, &d.music_dirs,
				    &d.n_music_dirs, &err) ||
	    !(d.player = osp_player_new(config.mpv_options,
					     config.n_mpv_options, &err)))
		abort();
	free(db);
	free(music);
	return 0;
}

/* What mpv says meanwhile, handled as the loop would. */
static void player_events(void)
{
	struct osp_player_event e;
	while (osp_player_next_event(d.player, &e))
		daemon_player_event(&d, &e);
}

static void drain(int fd)
{
	char buf[65536];
	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		continue;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > MAX_INPUT)
		return 0;
	int pair[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, pair) != 0)
		abort();
	int buf_size = 4 * MAX_INPUT;
	setsockopt(pair[1], SOL_SOCKET, SO_SNDBUF, &buf_size, sizeof(buf_size));
	struct client *c = client_new(&d, pair[0], data[0] & 1, 0);
	if (send(pair[1], data + 1, size - 1, 0) != (ssize_t)(size - 1))
		abort();
	shutdown(pair[1], SHUT_WR);
	/* The loop's order: read, a turn, write; until the client is gone
	 * or has read to the end and run all it sent. */
	double now = 1;
	bool eof = false;
	for (;;) {
		if (!eof && !client_has_work(c) && !client_read(c, now))
			eof = true;
		if (client_has_work(c))
			client_run(&d, c, now);
		bool open = client_write(c, now);
		drain(pair[1]);
		player_events();
		if (d.changed) {
			client_notify(c, d.changed);
			d.changed = 0;
		}
		if (!open || client_expired(c, &d, now) ||
		    (eof && !client_has_work(c)))
			break;
		now += 0.001;
	}
	client_free(c);
	close(pair[1]);
	d.quit = false;	/* `kill` ends nothing here */
	static unsigned runs;
	if (++runs % 64 == 0 && d.queue.n) {
		daemon_stop(&d);
		osp_queue_clear(&d.queue);
	}
	return 0;
}
