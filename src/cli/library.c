/* The library commands: scan and tracks.  They work without the daemon. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ostplay/cli.h"
#include "ostplay/paths.h"
#include "ostplay/json.h"
#include "ostplay/scan.h"
#include "ostplay/tags.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

struct dir_list {
	char **v;
	size_t n, cap;
};

static void add_dir(struct dir_list *l, const char *dir)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], dir) == 0)
			return;
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(char *));
	l->v[l->n++] = xstrdup(dir);
}

static void free_dirs(struct dir_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

/* The folders to scan: those named, else the configured and remembered
 * ones, else the XDG music folder.  Named ones must exist (realpath also
 * makes them absolute, so stored paths are too); the others may be gone
 * for now, an unplugged drive, and the scan counts them. */
static bool pick_dirs(struct osp_cli *cli, struct osp_library *lib,
		      const struct osp_cli_args *a, struct dir_list *dirs)
{
	bool ok = true;
	for (int i = 0; i < a->n_pos; i++) {
		char real[PATH_MAX];
		int fd = -1;
		if (realpath(a->pos[i], real) &&
		    (fd = open(real, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
			add_dir(dirs, real);
		else
			ok = osp_cli_errorf("%s: %s", a->pos[i],
					    strerror(errno)) == 0;
		if (fd >= 0)
			close(fd);
	}
	if (a->n_pos)
		return ok;

	for (size_t i = 0; i < cli->config.n_music_dirs; i++)
		add_dir(dirs, cli->config.music_dirs[i]);
	char **known;
	size_t n_known;
	struct osp_error err = {0};
	if (!osp_library_music_dirs(lib, &known, &n_known, &err))
		return osp_cli_error(&err) == 0;
	for (size_t i = 0; i < n_known; i++) {
		add_dir(dirs, known[i]);
		free(known[i]);
	}
	free(known);
	if (!dirs->n)
		add_dir(dirs, cli->paths.music_dir);
	return true;
}

struct scan_ui {
	bool progress;		/* stderr is a terminal */
	bool verbose;
	double last_draw;
};

static void draw_progress(void *ctx, const struct osp_scan_progress *p)
{
	struct scan_ui *ui = ctx;
	bool last = p->reading && p->done == p->total;
	if (!ui->progress || (p->seconds - ui->last_draw < 0.1 && !last))
		return;
	ui->last_draw = p->seconds;
	if (!p->reading) {
		fprintf(stderr, "\r\033[KLooking for music... %zu files", p->found);
		return;
	}
	enum { WIDTH = 30 };
	size_t fill = p->total ? p->done * WIDTH / p->total : WIDTH;
	char bar[WIDTH + 1];
	memset(bar, '#', fill);
	memset(bar + fill, '.', WIDTH - fill);
	bar[WIDTH] = '\0';
	double rate = p->seconds > 0 ? (double)p->done / p->seconds : 0;
	fprintf(stderr, "\r\033[KReading tags [%s] %zu/%zu  %.0f files/s", bar,
		p->done, p->total, rate);
}

static void report_skip(void *ctx, const char *path, enum osp_skip why,
			const char *detail)
{
	struct scan_ui *ui = ctx;
	if (!ui->verbose)
		return;
	struct osp_buf b = {0};
	osp_text_escape_name(&b, path, strlen(path));
	if (ui->progress)
		fputs("\r\033[K", stderr);
	if (detail)
		fprintf(stderr, "ostplay: skipped %s: %s (%s)\n",
			osp_buf_str(&b), osp_scan_skip_text(why), detail);
	else
		fprintf(stderr, "ostplay: skipped %s: %s\n", osp_buf_str(&b),
			osp_scan_skip_text(why));
	osp_buf_free(&b);
}

static void print_summary(const struct osp_scan_summary *s, bool json)
{
	if (json) {
		struct osp_buf b = {0};
		struct osp_json j, by;
		osp_json_begin(&j, &b);
		osp_json_int(&j, "seen", (long long)s->seen);
		osp_json_int(&j, "added", (long long)s->added);
		osp_json_int(&j, "updated", (long long)s->updated);
		osp_json_int(&j, "unchanged", (long long)s->unchanged);
		osp_json_int(&j, "removed", (long long)s->removed);
		osp_json_int(&j, "skipped", (long long)s->n_skipped);
		osp_buf_puts(&b, ",\"skipped_by_reason\":");
		osp_json_begin(&by, &b);
		for (int i = 0; i < OSP_N_SKIPS; i++)
			osp_json_int(&by, osp_scan_skip_key(i),
				     (long long)s->skipped[i]);
		osp_json_end(&by);
		osp_json_double(&j, "seconds", s->seconds);
		osp_json_int(&j, "threads", s->n_threads);
		osp_json_end(&j);
		puts(osp_buf_str(&b));
		osp_buf_free(&b);
		return;
	}
	printf("Scanned %zu files in %.2f s: %zu added, %zu updated, "
	       "%zu unchanged, %zu removed", s->seen, s->seconds, s->added,
	       s->updated, s->unchanged, s->removed);
	if (s->n_skipped) {
		printf("; %zu skipped (", s->n_skipped);
		const char *sep = "";
		for (int i = 0; i < OSP_N_SKIPS; i++) {
			if (!s->skipped[i])
				continue;
			printf("%s%zu %s", sep, s->skipped[i],
			       osp_scan_skip_text(i));
			sep = ", ";
		}
		putchar(')');
	}
	puts(".");
}

/* The loudness phase: ostplay-measure, by exec (never a shell), on this
 * terminal, after the summary so that it delays nothing.  Ctrl-C reaches
 * it as the foreground process; this waits for it to store what it
 * measured.  Returns the exit status for the scan. */
int osp_cli_measure_loudness(bool verbose, const char *n_threads)
{
	char *path = osp_paths_program("ostplay-measure", OSP_INSTALLED_MEASURE);
	char name[] = "ostplay-measure", verbose_flag[] = "--verbose",
	     threads_flag[] = "--threads";
	char *argv[5] = {name};
	int n = 1;
	if (verbose)
		argv[n++] = verbose_flag;
	char *threads = n_threads ? xstrdup(n_threads) : NULL;
	if (threads) {
		argv[n++] = threads_flag;
		argv[n++] = threads;
	}
	argv[n] = NULL;
	struct sigaction ignore = {.sa_handler = SIG_IGN}, old_int, old_term;
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGTERM, &ignore, &old_term);
	fflush(NULL);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
		/* A scan killed outright takes its measuring with it. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(1);
		execv(path, argv);
		fprintf(stderr, "ostplay: cannot measure loudness with %s: %s\n",
			path, strerror(errno));
		_exit(1);
	}
	int status = -1;
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	free(path);
	free(threads);
	if (pid < 0)
		return osp_cli_errorf("cannot measure loudness: %s",
				      strerror(errno));
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

static bool stop_at_first(void *ctx, int64_t id, const char *path,
			  size_t path_len, int64_t size, int64_t mtime_ns)
{
	(void)id, (void)path, (void)path_len, (void)size, (void)mtime_ns;
	*(bool *)ctx = true;
	return false;
}

/* Whether a file waits for measuring: else ostplay-measure, whose FFmpeg
 * libraries take longer to load than a re-scan takes, is not started. */
static bool any_to_measure(struct osp_library *lib)
{
	bool any = false;
	return osp_library_each_to_measure(lib, stop_at_first, &any, NULL) &&
	       any;
}

int osp_cli_scan(struct osp_cli *cli, const struct osp_cli_args *a)
{
	int n_threads = 0;
	const char *threads = osp_cli_value(a, "threads");
	if (threads) {
		char *end;
		long n = strtol(threads, &end, 10);
		if (*end || n < 1 || n > 64)
			return osp_cli_usage_error(
				a->cmd, "--threads takes a number from 1 to 64");
		n_threads = (int)n;
	}

	struct osp_library *lib = osp_cli_open_library(cli);
	if (!lib)
		return 1;
	bool measure = false;
	struct dir_list dirs = {0};
	int status = pick_dirs(cli, lib, a, &dirs) ? 0 : 1;
	if (a->n_pos && !dirs.n)
		goto out;	/* every named folder was wrong, and said so */

	osp_tags_init();
	struct scan_ui ui = {
		.progress = isatty(STDERR_FILENO),
		.verbose = osp_cli_has(a, "verbose"),
	};
	struct osp_scan_options opt = {
		.dirs = dirs.v,
		.n_dirs = dirs.n,
		.n_threads = n_threads,
		.on_progress = draw_progress,
		.on_skip = report_skip,
		.ctx = &ui,
	};
	struct osp_scan_summary sum;
	struct osp_error err = {0};
	bool ok = osp_cli_scan_run(cli, lib, &opt, &sum, &err);
	if (ui.progress)
		fputs("\r\033[K", stderr);
	if (!ok) {
		status = osp_cli_error(&err);
		goto out;
	}
	if (!osp_cli_update_matches(cli, lib))
		status = 1;
	print_summary(&sum, osp_cli_has(a, "json"));
	measure = !osp_cli_has(a, "no-loudness") && any_to_measure(lib);
out:
	free_dirs(&dirs);
	osp_library_close(lib);
	if (measure) {
		int measured = osp_cli_measure_loudness(
			osp_cli_has(a, "verbose"), osp_cli_value(a, "threads"));
		status = status ? status : measured;
	}
	return status;
}

bool osp_cli_rescan(struct osp_cli *cli, struct osp_library *lib,
		    struct osp_scan_summary *sum, size_t *n_dirs)
{
	struct osp_cli_args none = {0};
	struct dir_list dirs = {0};
	bool ok = pick_dirs(cli, lib, &none, &dirs);
	*n_dirs = dirs.n;
	if (ok) {
		osp_tags_init();
		struct osp_scan_options opt = {.dirs = dirs.v,
					       .n_dirs = dirs.n};
		struct osp_error err = {0};
		ok = osp_cli_scan_run(cli, lib, &opt, sum, &err) ||
		     osp_cli_error(&err) == 0;
		ok = ok && osp_cli_update_matches(cli, lib);
	}
	free_dirs(&dirs);
	return ok;
}

struct track_list {
	struct osp_cli_listing shown;
	struct osp_cli_words words;
	int write_status;	/* osp_cli_print's, when it printed as it went */
};

/* The gain track mode plays the file at (before the pre-amp) and where
 * it comes from; the album's from its tags; the measured loudness. */
static void json_gain(struct osp_json *j, const struct osp_track *t)
{
	const struct osp_gain_tags *tags = &t->tags.gain;
	const struct osp_measure *m = &t->measure;
	enum osp_gain_source source;
	double gain = osp_gain_for(tags, m, NULL, OSP_LOUDNESS_TRACK, 0,
				   &source);
	if (source == OSP_GAIN_NONE)
		osp_json_null(j, "gain");
	else
		osp_json_double(j, "gain", round(gain * 100) / 100);
	osp_json_string(j, "gain_source", osp_gain_source_name(source));
	if (tags->has_album)
		osp_json_double(j, "album_gain",
				round(tags->album_gain * 100) / 100);
	else
		osp_json_null(j, "album_gain");
	if (m->done && m->ok)
		osp_json_double(j, "loudness", round(m->lufs * 100) / 100);
	else
		osp_json_null(j, "loudness");
	osp_json_bool(j, "undecodable", m->done && !m->ok);
}

static void json_track(struct osp_buf *b, const struct osp_track *t)
{
	const struct osp_tags *g = &t->tags;
	struct osp_json j;
	osp_json_begin(&j, b);
	osp_json_bytes(&j, "path", t->path, t->path_len);
	osp_json_string(&j, "title", g->title);
	osp_json_strings(&j, "artists", g->artists, g->n_artists);
	osp_json_string(&j, "album", g->album);
	osp_json_string(&j, "album_artist", g->album_artist);
	osp_json_int(&j, "track", g->track);
	osp_json_int(&j, "disc", g->disc);
	osp_json_int(&j, "year", g->year);
	osp_json_string(&j, "genre", g->genre);
	osp_json_string(&j, "comment", g->comment);
	osp_json_double(&j, "duration", g->duration_ms / 1000.0);
	osp_json_int(&j, "bitrate", g->bitrate);
	osp_json_int(&j, "sample_rate", g->sample_rate);
	osp_json_int(&j, "channels", g->channels);
	osp_json_int(&j, "size", t->size);
	const struct osp_track_match *m = &t->match;
	osp_json_string(&j, "drama", m->drama);
	osp_json_string(&j, "ost_track", m->ost_track);
	osp_json_double(&j, "confidence", m->confidence);
	osp_json_bool(&j, "duet", m->duet);
	osp_json_bool(&j, "instrumental", m->instrumental);
	osp_json_bool(&j, "favorite", t->favorite);
	json_gain(&j, t);
	osp_json_end(&j);
	osp_buf_putc(b, '\n');
}

/* "Artist, Artist - Title (Album)  3:25"; untagged, the file name, after
 * the song matching found in it: "Stay With Me (file: 01.mp3)". */
static void human_track(struct osp_buf *b, const struct osp_track *t)
{
	const struct osp_tags *g = &t->tags;
	osp_buf_join(b, g->artists, g->n_artists, ", ");
	if (g->n_artists)
		osp_buf_puts(b, " - ");
	if (g->title) {
		osp_buf_puts(b, g->title);
	} else {
		const char *slash = memrchr(t->path, '/', t->path_len);
		const char *base = slash ? slash + 1 : t->path;
		if (t->match.ost_track)
			osp_buf_printf(b, "%s (file: ", t->match.ost_track);
		osp_text_escape_name(b, base, t->path_len - (size_t)(base - t->path));
		if (t->match.ost_track)
			osp_buf_putc(b, ')');
	}
	if (g->album)
		osp_buf_printf(b, " (%s)", g->album);
	int s = (g->duration_ms + 500) / 1000;
	osp_buf_printf(b, "  %d:%02d", s / 60, s % 60);
	if (t->match.drama)
		osp_buf_printf(b, "  [%s%s]", t->match.drama,
			       t->match.instrumental ? ", instrumental" : "");
	osp_buf_putc(b, '\n');
}

void osp_cli_format_track(struct osp_buf *b, const struct osp_track *t,
			  bool json)
{
	if (json)
		json_track(b, t);
	else
		human_track(b, t);
}

bool osp_cli_list_track(void *ctx, const struct osp_track *t)
{
	struct osp_cli_listing *l = ctx;
	osp_cli_format_track(&l->out, t, l->json);
	l->n++;
	return true;
}

static bool list_track(void *ctx, const struct osp_track *t)
{
	struct track_list *l = ctx;
	if (!osp_cli_words_match(&l->words, t))
		return true;
	osp_cli_list_track(&l->shown, t);
	struct osp_buf *out = &l->shown.out;
	if (out->len >= 1 << 16) {	/* a big library: print as we go */
		l->write_status = osp_cli_print(out->data, out->len);
		osp_buf_truncate(out, 0);
	}
	return !l->write_status;
}

int osp_cli_tracks(struct osp_cli *cli, const struct osp_cli_args *a)
{
	struct osp_library *lib = osp_cli_open_library_to_read(cli);
	if (!lib)
		return 1;
	struct track_list l = {.shown.json = osp_cli_has(a, "json")};
	osp_cli_words_init(&l.words, cli, a->pos, (size_t)a->n_pos);
	struct osp_track_query q = {
		.favorites = osp_cli_has(a, "favorites"),
		.unmatched = osp_cli_has(a, "unmatched"),
		.duets = osp_cli_has(a, "duets"),
		.instrumental = osp_cli_has(a, "instrumental"),
	};
	struct osp_error err = {0};
	int status = osp_cli_update_matches(cli, lib) ? 0 : 1;
	const char *drama = osp_cli_value(a, "drama");
	if (!status && drama) {
		int d = osp_cli_pick_drama(cli, drama);
		if (d < 0)
			status = 1;
		else
			q.drama = osp_cli_catalog(cli)->dramas[d].title;
	}
	if (!status && !osp_library_each_track(lib, &q, list_track, &l, &err))
		status = osp_cli_error(&err);
	if (l.write_status)
		status = l.write_status;
	else if (osp_cli_print(l.shown.out.data, l.shown.out.len))
		status = 1;
	bool filtered = a->n_pos || q.drama || q.unmatched || q.duets ||
			q.instrumental || q.favorites;
	if (!status && !l.shown.json && !l.shown.n && !filtered)
		fprintf(stderr, "ostplay: the library is empty; "
				"run 'ostplay scan' first\n");
	osp_cli_words_free(&l.words);
	osp_buf_free(&l.shown.out);
	osp_library_close(lib);
	return status;
}
