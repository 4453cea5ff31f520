#include "ostplay/cli.h"
#include "ostplay/text.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistd.h>

#include "ostplay/xalloc.h"

/* Index of the option `name` (its first `len` bytes) in cmd->options, or
 * -1. */
static int option_index(const struct osp_cli_command *cmd, const char *name,
			size_t len)
{
	for (int i = 0; i < OSP_CLI_MAX_OPTIONS && cmd->options[i].name; i++) {
		const char *o = cmd->options[i].name;
		if (strncmp(o, name, len) == 0 && !o[len])
			return i;
	}
	return -1;
}

static bool takes_value(const struct osp_cli_command *cmd, int i)
{
	return cmd->options[i].value != NULL;
}

static bool is_help(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

/* "--drama", "-o": one letter takes one dash. */
static const char *dashes(const char *name)
{
	return name[1] ? "--" : "-";
}

/* "unknown option '--jsn'; did you mean --json?", with the pointer to
 * --help that every usage error has. */
static void unknown_option(const struct osp_cli_command *cmd, const char *arg,
			   size_t len)
{
	char *names[OSP_CLI_MAX_OPTIONS + 1];
	size_t n = 0;
	for (; n < OSP_CLI_MAX_OPTIONS && cmd->options[n].name; n++)
		names[n] = xasprintf("%s%s", dashes(cmd->options[n].name),
				     cmd->options[n].name);
	names[n++] = xstrdup("--help");
	char *word = xmemdup(arg, len);
	char near[256];
	if (osp_cli_suggest(word, (const char *const *)names, n, near,
			    sizeof(near)))
		osp_cli_usage_error(cmd, "unknown option '%s'; did you mean "
				    "%s?", arg, near);
	else
		osp_cli_usage_error(cmd, "unknown option '%s'", arg);
	free(word);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
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
		if (is_help(arg)) {
			a->help = true;
			return true;
		}
		const char *name = arg + (arg[1] == '-' ? 2 : 1);
		const char *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		int o = option_index(cmd, name, len);
		if (o < 0 || (eq && !takes_value(cmd, o))) {
			unknown_option(cmd, arg, (size_t)(name - arg) + len);
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

/* "--drama NAME", "-o FILE". */
static void format_option(struct osp_buf *b, const struct osp_cli_option *o)
{
	osp_buf_printf(b, "%s%s", dashes(o->name), o->name);
	if (o->value)
		osp_buf_printf(b, " %s", o->value);
}

void osp_cli_print_help(FILE *f, const struct osp_cli_command *cmd)
{
	fprintf(f, "usage: ostplay %s%s%s\n\n%c%s.\n", cmd->name,
		*cmd->usage ? " " : "", cmd->usage,
		toupper((unsigned char)cmd->summary[0]), cmd->summary + 1);
	fputs("\noptions:\n", f);
	struct osp_buf b = {0};
	for (int i = 0; i < OSP_CLI_MAX_OPTIONS && cmd->options[i].name; i++) {
		b.len = 0;
		format_option(&b, &cmd->options[i]);
		fprintf(f, "  %-22s %s\n", osp_buf_str(&b),
			cmd->options[i].help);
	}
	osp_buf_free(&b);
	fprintf(f, "  %-22s %s\n", "-h, --help", "print this help");
	fprintf(f, "\nexample:\n  %s\n", cmd->example);
}

size_t osp_cli_edit_distance(const char *a, const char *b)
{
	/* No cap: the longer string's length bounds the distance. */
	size_t cap = strlen(a) > strlen(b) ? strlen(a) : strlen(b);
	return osp_text_edit_distance(a, b, cap, NULL);
}

bool osp_cli_suggest(const char *word, const char *const *names, size_t n,
		     char *out, size_t cap)
{
	/* Near enough: one slip in a short word, two in a longer one. */
	size_t len = strlen(word), bare = len - strspn(word, "-");
	size_t best = bare >= 5 ? 2 : 1;
	if (!bare)
		return false;
	for (size_t i = 0; i < n; i++) {
		size_t d = osp_cli_edit_distance(word, names[i]);
		if (d < best)
			best = d;
	}
	size_t found = 0, used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		bool prefix = strncmp(names[i], word, len) == 0;
		if (!prefix && osp_cli_edit_distance(word, names[i]) != best)
			continue;
		/* "a, b or c": each name joins the list before it. */
		int k = snprintf(out + used, cap - used, "%s%s",
				 found ? ", " : "", names[i]);
		if (k < 0 || (size_t)k >= cap - used)
			break;
		used += (size_t)k;
		found++;
	}
	char *last = found > 1 ? strrchr(out, ',') : NULL;
	if (last && used + 2 < cap) {	/* the last ", " becomes " or " */
		memmove(last + 3, last + 1, strlen(last + 1) + 1);
		memcpy(last, " or", 3);
	}
	return found > 0;
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
	osp_cli_add_found_names(cli);	/* frees any the catalogs never took */
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
	fprintf(stderr, "\nusage: ostplay %s%s%s\n", cmd->name,
		*cmd->usage ? " " : "", cmd->usage);
	fprintf(stderr, "see 'ostplay %s --help'\n", cmd->name);
	va_end(ap);
	return 2;
}
