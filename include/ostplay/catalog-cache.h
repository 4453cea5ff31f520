/*
 * catalog-cache — the catalogs compiled into one file.
 *
 * Every command that names a drama needs the catalogs, and parsing 150
 * XSPF files costs more than the rest of a short command.  So the
 * catalogs, once loaded, are written as one binary file, and the next
 * command reads that instead, as long as no catalog file was added,
 * removed or changed (by name, size, modification time and inode) and the
 * binary is the same version.  The cache is only ever a copy: a missing,
 * stale, truncated or damaged one is rebuilt from the XSPF files.
 */
#ifndef OSTPLAY_CATALOG_CACHE_H
#define OSTPLAY_CATALOG_CACHE_H

#include <stdint.h>

#include "ostplay/catalog.h"

/* Loads the catalogs of `dirs` (in that order, each as
 * osp_catalog_load_dir would) into the empty `c`, from `cache_file` when
 * it is current, else from the files, and then writes `cache_file` (if it
 * can; its folder must exist).  The files that failed to load are
 * reported to `on_error` either way.  `c->fingerprint` changes whenever
 * the set of files does.  Returns the number of files loaded. */
size_t osp_catalog_load_cached(struct osp_catalog *c, const char *const *dirs,
			       size_t n_dirs, const char *cache_file,
			       osp_catalog_error_fn *on_error, void *ctx);

/* The fingerprint the catalogs of `dirs` load with, found without reading
 * them: a command whose stored matches are current needs no more. */
uint64_t osp_catalog_fingerprint(const char *const *dirs, size_t n_dirs);

#endif
