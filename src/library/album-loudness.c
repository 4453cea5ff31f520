/* The measured loudness of a whole album, for album gain when its files
 * carry no album gain tags. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "library-private.h"
#include "ostplay/xalloc.h"

/* The album's files: those in `t`'s folder (not below it) with its album
 * tag.  An album split over CD1/CD2 folders counts as two, as mpd's and
 * most taggers' album gain would not. */
#define ALBUM_FILES \
	"SELECT path, duration_ms, loud_ok, loud_lufs, loud_peak, " \
	MEASURED_NOW " FROM track t WHERE path > ?1 AND path < ?2" \
	" AND album = ?3"

struct album_sum {
	double energy_ms;	/* sum of duration x 10^(LUFS/10) */
	double ms;
	double peak;
	bool all_measured;
};

static void add_file(struct album_sum *sum, sqlite3_stmt *s)
{
	bool measured = sqlite3_column_int(s, 5) && sqlite3_column_int(s, 2);
	if (!measured) {
		sum->all_measured = false;
		return;
	}
	double ms = sqlite3_column_int(s, 1);
	double lufs = sqlite3_column_double(s, 3);
	if (isfinite(lufs))	/* silence adds length, not energy */
		sum->energy_ms += ms * pow(10, lufs / 10);
	sum->ms += ms;
	if (sqlite3_column_double(s, 4) > sum->peak)
		sum->peak = sqlite3_column_double(s, 4);
}

bool osp_library_album_measure(struct osp_library *lib,
			       const struct osp_track *t,
			       struct osp_measure *album, struct osp_error *err)
{
	*album = (struct osp_measure){0};
	const char *slash = memrchr(t->path, '/', t->path_len);
	const char *name = t->tags.album;
	if (!slash || !name || !*name)
		return true;
	size_t dir_len = (size_t)(slash - t->path) + 1;	/* with its '/' */
	char *high = xmemdup(t->path, dir_len);
	high[dir_len - 1] = '0';	/* the byte after '/' */
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(lib->db, ALBUM_FILES, -1, &s, NULL) != SQLITE_OK) {
		free(high);
		return osp_library_db_fail(lib, err, "reading an album");
	}
	sqlite3_bind_blob(s, 1, t->path, (int)dir_len, SQLITE_STATIC);
	sqlite3_bind_blob(s, 2, high, (int)dir_len, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, name, -1, SQLITE_STATIC);
	struct album_sum sum = {.all_measured = true};
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (!memchr((const char *)sqlite3_column_blob(s, 0) + dir_len,
			    '/', (size_t)sqlite3_column_bytes(s, 0) - dir_len))
			add_file(&sum, s);
	sqlite3_finalize(s);
	free(high);
	if (rc != SQLITE_DONE)
		return osp_library_db_fail(lib, err, "reading an album");
	/* Until every file of it is measured, its loudness is not known. */
	if (sum.all_measured && sum.ms > 0)
		*album = (struct osp_measure){
			.done = true, .ok = true, .peak = sum.peak,
			.lufs = sum.energy_ms > 0 ? 10 * log10(sum.energy_ms / sum.ms)
						  : -INFINITY};
	return true;
}
