#include "ostplay/covers.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ostplay/file.h"
#include "ostplay/paths.h"
#include "ostplay/tags.h"
#include "ostplay/xalloc.h"

static bool is_picture_suffix(const char *suffix)
{
	return strcasecmp(suffix, "jpg") == 0 ||
	       strcasecmp(suffix, "jpeg") == 0 ||
	       strcasecmp(suffix, "png") == 0;
}

/* How good a cover the file `name` is: 3 for cover.*, 2 folder.*, 1
 * front.*, 0 for no cover. */
static int cover_rank(const char *name)
{
	static const char *const stems[] = {"front", "folder", "cover"};
	const char *dot = strrchr(name, '.');
	if (!dot || !is_picture_suffix(dot + 1))
		return 0;
	for (int i = 0; i < 3; i++)
		if (strlen(stems[i]) == (size_t)(dot - name) &&
		    strncasecmp(name, stems[i], (size_t)(dot - name)) == 0)
			return i + 1;
	return 0;
}

char *osp_covers_in_folder(const char *audio_path)
{
	const char *slash = strrchr(audio_path, '/');
	char *dir = slash ? xasprintf("%.*s", (int)(slash - audio_path),
				      audio_path)
			  : xstrdup(".");
	if (!*dir) {
		free(dir);
		dir = xstrdup("/");
	}
	DIR *d = opendir(dir);
	char *best = NULL;
	int best_rank = 0;
	struct dirent *e;
	while (d && (e = readdir(d))) {
		int rank = cover_rank(e->d_name);
		if (rank <= best_rank)
			continue;
		char *path = xasprintf("%s/%s", strcmp(dir, "/") ? dir : "",
				       e->d_name);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			free(best);
			best = path;
			best_rank = rank;
		} else {
			free(path);
		}
	}
	if (d)
		closedir(d);
	free(dir);
	return best;
}

/* FNV-1a, 64 bits: a cache name, not a secret. */
static uint64_t hash_bytes(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

/* The cache's name for this version of the file, without a suffix. */
static char *cache_stem(const char *covers_dir, const char *path,
			const struct stat *st)
{
	uint64_t h = hash_bytes(0xcbf29ce484222325ULL, path, strlen(path) + 1);
	int64_t facts[] = {st->st_size, st->st_mtim.tv_sec, st->st_mtim.tv_nsec};
	h = hash_bytes(h, facts, sizeof(facts));
	return xasprintf("%s/%016llx", covers_dir, (unsigned long long)h);
}

static const char *suffix_for(const char *mime)
{
	return strcasecmp(mime, "image/png") == 0 ? "png" : "jpg";
}

/* The embedded picture, taken into the cache (or found there). */
static bool embedded_cover(const char *path, const char *cache_dir,
			   char **cover, struct osp_error *err)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return osp_fail_sys(err, errno, "cannot read %s", path);
	char *covers_dir = xasprintf("%s/covers", cache_dir);
	char *stem = cache_stem(covers_dir, path, &st);
	static const char *const kept[] = {"jpg", "png", "none"};
	bool ok = true;
	for (size_t i = 0; i < 3 && !*cover; i++) {
		char *p = xasprintf("%s.%s", stem, kept[i]);
		if (access(p, F_OK) != 0) {
			free(p);
			continue;
		}
		if (i == 2) {	/* known to have none */
			free(p);
			goto out;
		}
		*cover = p;
	}
	if (*cover)
		goto out;
	struct osp_picture pic;
	if (!osp_tags_read_picture(path, &pic, err) ||
	    !osp_paths_mkdir(covers_dir, 0700, err)) {
		ok = false;
		goto out;
	}
	char *p = xasprintf("%s.%s", stem,
			    pic.size ? suffix_for(pic.mime) : "none");
	ok = osp_file_replace(p, pic.data ? (const void *)pic.data : "",
			      pic.size, 0600, err);
	if (ok && pic.size)
		*cover = p;
	else
		free(p);
	osp_picture_clear(&pic);
out:
	free(stem);
	free(covers_dir);
	return ok;
}

bool osp_covers_find(const char *audio_path, const char *cache_dir,
		     char **cover, struct osp_error *err)
{
	*cover = osp_covers_in_folder(audio_path);
	if (*cover)
		return true;
	return embedded_cover(audio_path, cache_dir, cover, err);
}
