/*
 * ostplay-measure: measures the loudness of the library's files that
 * want it (see measure.h).  Its own executable because only it links
 * FFmpeg's decoders and libebur128, whose loading would cost every other
 * command some 150 ms; `ostplay scan` runs it, by exec, after its
 * summary.  Ctrl-C stops it keeping what it measured; the next run goes
 * on from there.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ostplay/cli.h"
#include "ostplay/measure.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct ui {
	bool progress;		/* stderr is a terminal */
	bool verbose;
	double last_draw;
};

static void draw(void *ctx, const struct osp_measure_progress *p)
{
	struct ui *ui = ctx;
	bool last = p->done == p->total;
	if (!ui->progress || (p->seconds - ui->last_draw < 0.2 && !last))
		return;
	ui->last_draw = p->seconds;
	enum { WIDTH = 30 };
	size_t fill = p->total ? p->done * WIDTH / p->total : WIDTH;
	char bar[WIDTH + 1];
	memset(bar, '#', fill);
	memset(bar + fill, '.', WIDTH - fill);
	bar[WIDTH] = '\0';
	fprintf(stderr, "\r\033[KMeasuring loudness [%s] %zu/%zu  "
		"(Ctrl-C stops; the next scan goes on)", bar, p->done,
		p->total);
}

static void report_fail(void *ctx, const char *message)
{
	struct ui *ui = ctx;
	if (!ui->verbose)
		return;
	if (ui->progress)
		fputs("\r\033[K", stderr);
	fprintf(stderr, "ostplay: %s\n", message);
}

static int usage(void)
{
	fputs("usage: ostplay-measure [--threads N] [--verbose]\n"
	      "measures the loudness of library files without gain tags; "
	      "see `ostplay scan`\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	struct ui ui = {.progress = isatty(STDERR_FILENO)};
	int n_threads = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--verbose") == 0) {
			ui.verbose = true;
		} else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
			char *end;
			long n = strtol(argv[++i], &end, 10);
			if (*end || n < 1 || n > 64)
				return usage();
			n_threads = (int)n;
		} else {
			return usage();
		}
	}
	struct sigaction sa = {.sa_handler = on_signal};
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	struct osp_cli cli;
	struct osp_error err = {0};
	if (!osp_cli_init(&cli, &err))
		return osp_cli_error(&err);
	struct osp_library *lib = osp_cli_open_library(&cli);
	int status = 1;
	if (!lib)
		goto out;
	struct osp_measure_options opt = {
		.n_threads = n_threads, .stop = &stop, .on_progress = draw,
		.on_fail = report_fail, .ctx = &ui,
	};
	struct osp_measure_progress sum;
	bool ok = osp_measure_run(lib, &opt, &sum, &err);
	if (ui.progress && sum.total)
		fputs("\r\033[K", stderr);
	if (!ok) {
		status = osp_cli_error(&err);
	} else if (sum.done < sum.total) {
		fprintf(stderr, "ostplay: stopped measuring loudness: %zu of "
			"%zu files done; the next scan goes on\n", sum.done,
			sum.total);
		status = 130;
	} else {
		status = 0;
	}
	osp_library_close(lib);
out:
	osp_cli_free(&cli);
	return status;
}
