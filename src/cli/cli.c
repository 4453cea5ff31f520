#include "ostplay/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ostplay/xalloc.h"

/* Index of `name` in cmd->options (matching "name" or "name="), or -1. */
static int option_index(const struct osp_cli_command *cmd, const char *name,
			size_t len)
{
	for (int i = 0; i < OSP_CLI_MAX_OPTIONS && cmd->options[i]; i++) {
		const char *o = cmd->options[i];
		if (strncmp(o, name, len) == 0 && (!o[len] || o[len] == '='))
			return i;
	}
	return -1;
}

static bool takes_value(const struct osp_cli_command *cmd, int i)
{
	return strchr(cmd->options[i], '=') != NULL;
}

bool osp_cli_parse(const struct osp_cli_command *cmd, int argc, char **argv,
		   struct osp_cli_args *a)
{
	*a = (struct osp_cli_args){.cmd = cmd};
	a->pos = xcalloc((size_t)argc + 1, sizeof(char *));
	a->given = xcalloc((size_t)argc + 1, sizeof(*a->given));
	bool options_done = false;
	for (int i = 0; i < argc; i++) {
		char *arg = argv[i];
		/* "-5" is a number ("volume -5", "seek -10"), not an option. */
		if (options_done || arg[0] != '-' || !arg[1] ||
		    (arg[1] >= '0' && arg[1] <= '9')) {
			a->pos[a->n_pos++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			options_done = true;
			continue;
		}
		const char *name = arg + (arg[1] == '-' ? 2 : 1);
		const char *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		int o = option_index(cmd, name, len);
		if (o < 0 || (eq && !takes_value(cmd, o))) {
			osp_cli_usage_error(cmd, "unknown option '%s'", arg);
			goto fail;
		}
		a->set[o] = true;
		if (!takes_value(cmd, o))
			continue;
		if (eq) {
			a->value[o] = eq + 1;
		} else if (i + 1 < argc) {
			a->value[o] = argv[++i];
		} else {
			osp_cli_usage_error(cmd, "%s needs a value", arg);
			goto fail;
		}
		a->given[a->n_given++] = (struct osp_cli_given){o, a->value[o]};
	}
	if (a->n_pos < cmd->min_args ||
	    (cmd->max_args >= 0 && a->n_pos > cmd->max_args)) {
		osp_cli_usage_error(cmd, a->n_pos < cmd->min_args
						 ? "too few arguments"
						 : "too many arguments");
		goto fail;
	}
	return true;
fail:
	osp_cli_args_free(a);
	return false;
}

void osp_cli_args_free(struct osp_cli_args *a)
{
	free(a->pos);
	free(a->given);
	a->pos = NULL;
	a->given = NULL;
}

bool osp_cli_has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);
	return n >= k && strcasecmp(name + n - k, suffix) == 0;
}

bool osp_cli_has(const struct osp_cli_args *a, const char *option)
{
	int i = option_index(a->cmd, option, strlen(option));
	if (i < 0) {	/* a handler asked for an option its entry lacks */
		fprintf(stderr, "ostplay: internal: no option '%s'\n", option);
		abort();
	}
	return a->set[i];
}

const char *osp_cli_value(const struct osp_cli_args *a, const char *option)
{
	if (!osp_cli_has(a, option))
		return NULL;
	return a->value[option_index(a->cmd, option, strlen(option))];
}

size_t osp_cli_values(const struct osp_cli_args *a, const char *option,
		      const char **out)
{
	size_t n = 0;
	if (!osp_cli_has(a, option))
		return 0;
	int o = option_index(a->cmd, option, strlen(option));
	for (int i = 0; i < a->n_given; i++)
		if (a->given[i].option == o)
			out[n++] = a->given[i].value;
	return n;
}

bool osp_cli_init(struct osp_cli *cli, struct osp_error *err)
{
	*cli = (struct osp_cli){0};
	if (!osp_paths_init(&cli->paths, err))
		return false;
	if (!osp_config_load(&cli->config, cli->paths.config_file,
			     cli->paths.home, err)) {
		osp_paths_free(&cli->paths);
		return false;
	}
	return true;
}

void osp_cli_free(struct osp_cli *cli)
{
	osp_catalog_free(&cli->catalog);
	osp_config_free(&cli->config);
	osp_paths_free(&cli->paths);
}

/* Says what opening the library found: damage after an unclean close, or
 * user data a new library took from the file kept beside it. */
static void say_notices(struct osp_library *lib)
{
	const struct osp_library_restored *r = osp_library_restored(lib);
	if (osp_library_notice(lib))
		osp_cli_errorf("%s", osp_library_notice(lib));
	if (r->error[0])
		osp_cli_errorf("%s", r->error);
	if (!r->done || r->error[0])
		return;
	struct osp_buf b = {0};
	osp_cli_restored_text(&b, r);
	osp_cli_errorf("a new library: restored %s from the user data kept "
		       "beside it", osp_buf_str(&b));
	osp_buf_free(&b);
}

struct osp_library *osp_cli_open_library(struct osp_cli *cli)
{
	struct osp_error err = {0};
	if (!osp_paths_mkdir(cli->paths.data_dir, 0700, &err)) {
		osp_cli_error(&err);
		return NULL;
	}
	struct osp_library *lib = osp_library_open(cli->paths.db_file, &err);
	if (!lib)
		osp_cli_error(&err);
	else
		say_notices(lib);
	return lib;
}

struct osp_library *osp_cli_open_library_to_read(struct osp_cli *cli)
{
	struct osp_error err = {0};
	cli->only_reads = true;
	if (!osp_paths_mkdir(cli->paths.data_dir, 0700, &err)) {
		osp_cli_error(&err);
		return NULL;
	}
	struct osp_library *lib = osp_library_open_to_read(cli->paths.db_file,
							   &err);
	if (lib)
		say_notices(lib);
	if (!lib) {
		osp_cli_error(&err);
	} else if (osp_library_read_only(lib)) {
		char *why = xasprintf("the library is read-only (%s)",
				      osp_library_read_only(lib));
		osp_cli_as_stored(cli, why);
		free(why);
	}
	return lib;
}

void osp_cli_as_stored(struct osp_cli *cli, const char *why)
{
	if (cli->as_stored)
		return;
	cli->as_stored = true;
	osp_cli_errorf("%s; showing the library as last stored", why);
}

int osp_cli_error(const struct osp_error *err)
{
	fprintf(stderr, "ostplay: %s\n", err->msg);
	return 1;
}

int osp_cli_errorf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("ostplay: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return 1;
}

int osp_cli_print(const char *data, size_t len)
{
	errno = 0;
	if ((!len || fwrite(data, 1, len, stdout) == len) &&
	    fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	int e = errno ? errno : EIO;
	return osp_cli_errorf("cannot write the output: %s", strerror(e));
}

int osp_cli_usage_error(const struct osp_cli_command *cmd, const char *fmt,
			...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "ostplay %s: ", cmd->name);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\nusage: ostplay %s %s\n", cmd->name, cmd->usage);
	va_end(ap);
	return 2;
}
