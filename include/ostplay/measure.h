/*
 * measure — measuring the loudness of every library file that wants it.
 *
 * The files without ReplayGain tags (or without a peak in them) that were
 * not measured since they last changed (see osp_library_each_to_measure) are decoded and measured on
 * worker threads, and each result is stored as it comes, so a run stopped
 * at any moment keeps what it measured and the next run goes on from
 * there.  A file that cannot be decoded is stored as such, and not tried
 * again until it changes; one that cannot be opened (gone since the scan,
 * no permission) is tried again next time.  Never prints: progress goes to a callback.
 */
#ifndef OSTPLAY_MEASURE_H
#define OSTPLAY_MEASURE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "ostplay/error.h"
#include "ostplay/library.h"

struct osp_measure_progress {
	size_t done;		/* files measured, of `total` */
	size_t total;
	size_t failed;		/* of `done`, files that could not be decoded */
	double seconds;
};

typedef void osp_measure_progress_fn(void *ctx,
				     const struct osp_measure_progress *p);
/* A file that could not be decoded, and why; `message` names it. */
typedef void osp_measure_fail_fn(void *ctx, const char *message);

struct osp_measure_options {
	int n_threads;		/* 0: one per online CPU */
	/* Set (by a signal handler) to stop: the files being measured are
	 * finished and stored, no more are begun. */
	volatile sig_atomic_t *stop;
	osp_measure_progress_fn *on_progress;	/* optional, from this thread */
	osp_measure_fail_fn *on_fail;		/* optional, from this thread */
	void *ctx;
};

/* Measures what wants measuring in `lib`; `*sum` says how far it got
 * (sum->done < sum->total when stopped).  False only when the library
 * cannot be read or written. */
bool osp_measure_run(struct osp_library *lib,
		     const struct osp_measure_options *opt,
		     struct osp_measure_progress *sum, struct osp_error *err);

#endif
