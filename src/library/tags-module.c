/*
 * The ostplay and ostplay-daemon programs' way to TagLib: tags.cc built as
 * a module of its own (ostplay-tags.so), opened on the first file read.
 * TagLib and the C++ library it needs cost every command more to load
 * than most commands take to run (their symbol relocations were most of
 * `ostplay --help`), and only scanning, `add` of a file and covers read
 * tags.  The tests and fuzzers link tags.cc itself instead of this file.
 */
#include "ostplay/tags.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "ostplay/paths.h"

#define MODULE "ostplay-tags.so"

static struct {
	__typeof__(osp_tags_init) *init;
	__typeof__(osp_tags_read) *read;
	__typeof__(osp_tags_read_picture) *read_picture;
} module;
static char module_error[512];	/* why it could not be opened */

/* Beside the running program (the build tree, or where it is installed
 * with the module), else where `meson install` put it. */
static void open_module(void)
{
	char *path = osp_paths_program(MODULE, OSP_INSTALLED_TAGS_MODULE);
	void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		snprintf(module_error, sizeof(module_error),
			 "cannot load TagLib's module: %s", dlerror());
	} else if (!(*(void **)&module.init = dlsym(lib, "osp_tags_init")) ||
		   !(*(void **)&module.read = dlsym(lib, "osp_tags_read")) ||
		   !(*(void **)&module.read_picture =
			     dlsym(lib, "osp_tags_read_picture"))) {
		snprintf(module_error, sizeof(module_error),
			 "%s is not ostplay's tag module", path);
	} else {
		module.init();
	}
	free(path);
}

static bool have_module(const char *path, struct osp_error *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, open_module);
	return !module_error[0] ||
	       osp_fail(err, OSP_ERR_INVALID, "%s: %s", path, module_error);
}

/* Opening the module installs TagLib's handlers, before any thread reads. */
void osp_tags_init(void)
{
	have_module("", NULL);
}

bool osp_tags_read(const char *path, struct osp_tags *t,
		   struct osp_error *err)
{
	*t = (struct osp_tags){0};
	return have_module(path, err) && module.read(path, t, err);
}

bool osp_tags_read_picture(const char *path, struct osp_picture *pic,
			   struct osp_error *err)
{
	*pic = (struct osp_picture){0};
	return have_module(path, err) && module.read_picture(path, pic, err);
}
