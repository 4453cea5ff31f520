#include "ostplay/measure.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ostplay/loudness.h"
#include "ostplay/xalloc.h"

/* One file to measure: as the library gave it, then the result. */
struct job {
	int64_t id, size, mtime_ns;
	char *path;
	struct osp_measure m;
	char *error;		/* why it could not be decoded, or NULL */
	bool unreadable;	/* could not be opened: not stored, tried
				 * again next time */
};

/* What the workers share; `lock` guards everything below it. */
struct run {
	struct job *jobs;
	size_t n_jobs, cap_jobs;
	volatile sig_atomic_t *stop;
	pthread_mutex_t lock;
	pthread_cond_t finished_one;
	size_t next;		/* the first job no worker took */
	size_t *finished;	/* job indexes, in the order they finished */
	size_t n_finished;
	int n_running;		/* workers not yet returned */
};

static bool add_job(void *ctx, int64_t id, const char *path, size_t path_len,
		    int64_t size, int64_t mtime_ns)
{
	struct run *r = ctx;
	r->jobs = xgrow(r->jobs, &r->cap_jobs, r->n_jobs + 1, sizeof(*r->jobs));
	r->jobs[r->n_jobs++] = (struct job){
		.id = id, .size = size, .mtime_ns = mtime_ns,
		.path = xmemdup(path, path_len)};
	return true;
}

static void *worker(void *arg)
{
	struct run *r = arg;
	pthread_mutex_lock(&r->lock);
	while (r->next < r->n_jobs && !(r->stop && *r->stop)) {
		struct job *j = &r->jobs[r->next++];
		pthread_mutex_unlock(&r->lock);
		struct osp_error err = {0};
		if (!osp_loudness_measure(j->path, &j->m, &err)) {
			j->error = xstrdup(err.msg);
			j->unreadable = err.code == OSP_ERR_IO;
		}
		pthread_mutex_lock(&r->lock);
		r->finished[r->n_finished++] = (size_t)(j - r->jobs);
		pthread_cond_signal(&r->finished_one);
	}
	r->n_running--;
	pthread_cond_signal(&r->finished_one);
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Stores the jobs finished[from..to) in one transaction. */
static bool store(struct osp_library *lib, struct run *r, size_t from,
		  size_t to, const struct osp_measure_options *opt,
		  struct osp_measure_progress *sum, struct osp_error *err)
{
	if (!osp_library_begin(lib, err))
		return false;
	for (size_t i = from; i < to; i++) {
		struct job *j = &r->jobs[r->finished[i]];
		if (!j->unreadable &&
		    !osp_library_set_measure(lib, j->id, j->size, j->mtime_ns,
					     &j->m, err)) {
			osp_library_rollback(lib);
			return false;
		}
	}
	if (!osp_library_commit(lib, err))
		return false;
	for (size_t i = from; i < to; i++) {
		struct job *j = &r->jobs[r->finished[i]];
		sum->done++;
		if (j->error) {
			sum->failed++;
			if (opt->on_fail)
				opt->on_fail(opt->ctx, j->error);
		}
	}
	return true;
}

static int thread_count(int asked, size_t n_jobs)
{
	long n = asked > 0 ? asked : sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	if ((size_t)n > n_jobs)
		n = (long)n_jobs;
	return (int)n;
}

/* Takes the results as the workers finish them until all have returned. */
static bool collect(struct osp_library *lib, struct run *r,
		    const struct osp_measure_options *opt,
		    struct osp_measure_progress *sum, double start,
		    struct osp_error *err)
{
	bool ok = true;
	size_t stored = 0;
	pthread_mutex_lock(&r->lock);
	for (;;) {
		while (r->n_finished == stored && r->n_running > 0)
			pthread_cond_wait(&r->finished_one, &r->lock);
		size_t to = r->n_finished;
		bool last = r->n_running == 0;
		pthread_mutex_unlock(&r->lock);
		/* After a failed write, the rest is measured in vain: stop. */
		if (ok && to > stored)
			ok = store(lib, r, stored, to, opt, sum, err);
		stored = to;
		sum->seconds = now() - start;
		if (opt->on_progress)
			opt->on_progress(opt->ctx, sum);
		pthread_mutex_lock(&r->lock);
		if (!ok)
			r->next = r->n_jobs;
		if (last && r->n_finished == stored)
			break;
	}
	pthread_mutex_unlock(&r->lock);
	return ok;
}

bool osp_measure_run(struct osp_library *lib,
		     const struct osp_measure_options *opt,
		     struct osp_measure_progress *sum, struct osp_error *err)
{
	*sum = (struct osp_measure_progress){0};
	struct run r = {.stop = opt->stop};
	double start = now();
	bool ok = osp_library_each_to_measure(lib, add_job, &r, err);
	sum->total = r.n_jobs;
	if (!ok || !r.n_jobs)
		goto out;
	r.finished = xcalloc(r.n_jobs, sizeof(*r.finished));
	pthread_mutex_init(&r.lock, NULL);
	pthread_cond_init(&r.finished_one, NULL);
	int n_threads = thread_count(opt->n_threads, r.n_jobs);
	pthread_t *threads = xcalloc((size_t)n_threads, sizeof(*threads));
	for (int i = 0; i < n_threads; i++) {
		pthread_mutex_lock(&r.lock);
		r.n_running++;
		pthread_mutex_unlock(&r.lock);
		if (pthread_create(&threads[i], NULL, worker, &r) != 0) {
			pthread_mutex_lock(&r.lock);
			r.n_running--;
			pthread_mutex_unlock(&r.lock);
			n_threads = i;
			break;
		}
	}
	if (n_threads == 0) {
		ok = osp_fail(err, OSP_ERR_IO, "cannot start a thread");
	} else {
		ok = collect(lib, &r, opt, sum, start, err);
		for (int i = 0; i < n_threads; i++)
			pthread_join(threads[i], NULL);
	}
	free(threads);
	pthread_cond_destroy(&r.finished_one);
	pthread_mutex_destroy(&r.lock);
out:
	for (size_t i = 0; i < r.n_jobs; i++) {
		free(r.jobs[i].path);
		free(r.jobs[i].error);
	}
	free(r.jobs);
	free(r.finished);
	return ok;
}
