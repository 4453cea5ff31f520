/*
 * scan — bringing the library up to date with the music folders.
 *
 * Walks the folders (following symbolic links, never twice into the same
 * folder), reads the tags of new and changed files on worker threads, and
 * stores them in batched transactions, so a scan killed at any moment
 * leaves a consistent library and the next scan finishes the work.  Files
 * that vanished are removed, except under folders that could not be read
 * this time.  Only one scan runs at a time per database.
 *
 * Names starting with "." are ignored, and so are files without an audio
 * extension.  Never prints: progress and skipped files go to callbacks.
 */
#ifndef OSTPLAY_SCAN_H
#define OSTPLAY_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "ostplay/error.h"
#include "ostplay/library.h"

enum osp_skip {
	OSP_SKIP_EMPTY,			/* zero-byte file */
	OSP_SKIP_NOT_AUDIO,		/* TagLib cannot read it as audio */
	OSP_SKIP_UNREADABLE_FILE,
	OSP_SKIP_UNREADABLE_FOLDER,
	OSP_SKIP_SYMLINK_LOOP,		/* a link back to an enclosing folder */
	OSP_SKIP_DANGLING_SYMLINK,
	OSP_SKIP_MISSING_FOLDER,	/* a music folder that is not there */
	OSP_SKIP_TOO_DEEP,		/* nested past OSP_SCAN_MAX_DEPTH */
	OSP_N_SKIPS
};

#define OSP_SCAN_MAX_DEPTH 64

/* Whether `name` (a file name or path) ends in one of the extensions a
 * scan reads audio from (".mp3", ".flac", ..., any case).  The daemon
 * asks the same of a file queued from outside the library. */
bool osp_scan_is_audio_name(const char *name);

/* "empty", "not-audio", ...: the stable key used in JSON. */
const char *osp_scan_skip_key(enum osp_skip why);
/* "empty file", "not audio", ...: for people. */
const char *osp_scan_skip_text(enum osp_skip why);

struct osp_scan_summary {
	size_t seen;		/* audio-named files met, skipped ones included */
	size_t added;
	size_t updated;
	size_t unchanged;
	size_t removed;
	size_t skipped[OSP_N_SKIPS];
	size_t n_skipped;
	int n_threads;
	double seconds;
};

struct osp_scan_progress {
	bool reading;		/* false while walking the folders */
	size_t found;		/* audio files found so far */
	size_t done;		/* files read and stored, of `total` to read */
	size_t total;
	double seconds;
};

typedef void osp_scan_progress_fn(void *ctx,
				  const struct osp_scan_progress *p);
/* `path` is only valid during the call and may hold any bytes. */
typedef void osp_scan_skip_fn(void *ctx, const char *path, enum osp_skip why,
			      const char *detail);

/* Fills `t->match` (done) for a track whose tags were just read, so that
 * the match is stored with the row, not written again after the scan.
 * Called from the tag readers, at most one at a time per `reader`, from 0
 * to the summary's n_threads - 1. */
typedef void osp_scan_match_fn(void *ctx, int reader, struct osp_track *t);

struct osp_scan_options {
	char *const *dirs;	/* absolute paths of the folders to scan */
	size_t n_dirs;
	int n_threads;		/* tag readers; 0: one per online CPU */
	osp_scan_progress_fn *on_progress;	/* optional, from this thread */
	osp_scan_skip_fn *on_skip;		/* optional, from this thread */
	void *ctx;		/* passed to both callbacks */
	osp_scan_match_fn *match;	/* optional */
	void *match_ctx;
};

/* The number of tag readers a scan with `n_threads` (0: one per online
 * CPU) uses. */
int osp_scan_readers(int n_threads);

/* Scans `opt->dirs` into `lib`, filling `*sum`.  Skipped files and folders
 * are counted, not errors.  Fails with OSP_ERR_BUSY when another scan of
 * the same database is running, or on database errors; work committed
 * before a failure stays. */
bool osp_scan_run(struct osp_library *lib, const struct osp_scan_options *opt,
		  struct osp_scan_summary *sum, struct osp_error *err);

#endif
