/* `ostplay check [--repair]`: is the library damaged, and what of it;
 * and rebuilding it from a rescan and the user data kept beside it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ostplay/cli.h"
#include "ostplay/json.h"
#include "ostplay/userdata.h"
#include "ostplay/xalloc.h"

static void plural(struct osp_buf *b, size_t n, const char *one,
		   const char *many)
{
	osp_buf_printf(b, "%zu %s", n, n == 1 ? one : many);
}

void osp_cli_restored_text(struct osp_buf *b,
			   const struct osp_library_restored *r)
{
	plural(b, r->favorites, "favourite", "favourites");
	osp_buf_puts(b, ", ");
	plural(b, r->playlists, "playlist", "playlists");
	osp_buf_puts(b, " (");
	plural(b, r->entries, "entry", "entries");
	osp_buf_puts(b, "), ");
	plural(b, r->rules, "drama rule", "drama rules");
	if (r->stickers) {	/* most libraries have none */
		osp_buf_puts(b, ", ");
		plural(b, r->stickers, "sticker", "stickers");
	}
	osp_buf_puts(b, " and ");
	plural(b, r->music_dirs, "music folder", "music folders");
	if (r->bad_lines) {
		osp_buf_puts(b, "; ");
		plural(b, r->bad_lines, "bad line", "bad lines");
		osp_buf_puts(b, " skipped");
	}
}

/* What the user-data file holds, as the check sees it. */
struct file_state {
	bool found;
	size_t records, bad_lines;
	struct osp_error err;	/* why it cannot be read, when it cannot */
};

static bool count_record(void *ctx, const struct osp_userdata_record *r)
{
	(void)r;
	((struct file_state *)ctx)->records++;
	return true;
}

static void read_file_state(const char *db, struct file_state *f)
{
	char *path = osp_userdata_path(db);
	*f = (struct file_state){0};
	if (!osp_userdata_read(path, count_record, f, &f->found, &f->bad_lines,
			       &f->err))
		f->found = true;	/* there, but unreadable: err says why */
	free(path);
}

static bool file_damaged(const struct file_state *f)
{
	return f->err.msg[0] || f->bad_lines;
}

static void human_part(struct osp_buf *b, const struct osp_check_part *p)
{
	osp_buf_printf(b, "%s: ", p->kind);
	if (p->rows < 0) {
		osp_buf_puts(b, "damaged: cannot be read\n");
		return;
	}
	/* The schema's one row is its checksum: no count to tell. */
	if (!p->bad_rows && !p->problems && strcmp(p->kind, "schema") == 0) {
		osp_buf_puts(b, "ok\n");
		return;
	}
	if (!p->bad_rows && !p->problems) {
		osp_buf_printf(b, "ok (%lld row%s)\n", (long long)p->rows,
			       p->rows == 1 ? "" : "s");
		return;
	}
	osp_buf_puts(b, "damaged:");
	if (p->bad_rows)
		osp_buf_printf(b, " %lld of %lld rows changed%s",
			       (long long)p->bad_rows, (long long)p->rows,
			       p->problems ? ";" : "");
	if (p->problems)
		osp_buf_printf(b, " %lld problem%s in its pages or indexes",
			       (long long)p->problems,
			       p->problems == 1 ? "" : "s");
	osp_buf_putc(b, '\n');
}

static void human_report(struct osp_buf *b, const struct osp_check_report *r,
			 const struct file_state *f, const char *file)
{
	if (!r->readable) {
		osp_buf_printf(b, "library: damaged: cannot be read (%s)\n",
			       r->first_problem);
	} else {
		for (size_t i = 0; i < r->n_parts; i++)
			human_part(b, &r->parts[i]);
		if (r->other_problems)
			osp_buf_printf(b, "other pages: damaged: %lld "
				       "problem%s\n", (long long)r->other_problems,
				       r->other_problems == 1 ? "" : "s");
		if (r->first_problem[0])
			osp_buf_printf(b, "first problem: %s\n",
				       r->first_problem);
	}
	if (!f->found)
		osp_buf_printf(b, "user data file: none (%s)\n", file);
	else if (f->err.msg[0])
		osp_buf_printf(b, "user data file: damaged: %s\n", f->err.msg);
	else if (f->bad_lines)
		osp_buf_printf(b, "user data file: damaged: %zu bad line%s, "
			       "%zu records (%s)\n", f->bad_lines,
			       f->bad_lines == 1 ? "" : "s", f->records, file);
	else
		osp_buf_printf(b, "user data file: ok (%zu records)\n",
			       f->records);
}

static void json_report(struct osp_buf *b, const struct osp_check_report *r,
			const struct file_state *f, const char *file)
{
	struct osp_json j;
	for (size_t i = 0; i < r->n_parts && r->readable; i++) {
		const struct osp_check_part *p = &r->parts[i];
		osp_json_begin(&j, b);
		osp_json_string(&j, "kind", p->kind);
		osp_json_bool(&j, "ok", !p->bad_rows && !p->problems &&
					p->rows >= 0);
		osp_json_int(&j, "rows", p->rows);
		osp_json_int(&j, "damaged_rows", p->bad_rows);
		osp_json_int(&j, "problems", p->problems);
		osp_json_end(&j);
		osp_buf_putc(b, '\n');
	}
	if (!r->readable || r->other_problems) {
		osp_json_begin(&j, b);
		osp_json_string(&j, "kind", r->readable ? "other pages"
							: "library");
		osp_json_bool(&j, "ok", false);
		osp_json_int(&j, "problems", r->readable ? r->other_problems : 1);
		osp_json_string(&j, "first_problem", r->first_problem);
		osp_json_end(&j);
		osp_buf_putc(b, '\n');
	}
	osp_json_begin(&j, b);
	osp_json_string(&j, "kind", "user data file");
	osp_json_bool(&j, "ok", f->found && !file_damaged(f));
	osp_json_string(&j, "path", file);
	osp_json_bool(&j, "found", f->found);
	osp_json_int(&j, "records", (long long)f->records);
	osp_json_int(&j, "bad_lines", (long long)f->bad_lines);
	osp_json_end(&j);
	osp_buf_putc(b, '\n');
}

/* Moves the damaged library aside, makes a new one (which takes the user
 * data from the file), rescans into it and writes the file afresh. */
static int repair(struct osp_cli *cli, const struct file_state *f,
		  bool damaged)
{
	const char *db = cli->paths.db_file;
	if (!f->found || f->err.msg[0]) {
		char *file = osp_userdata_path(db);
		osp_cli_errorf("cannot repair: %s %s, so a rebuilt library "
			       "would lose the favourites, playlists and "
			       "drama rules; move %s aside to rebuild without "
			       "them", file, f->found ? "cannot be read"
						      : "is missing", db);
		free(file);
		return 1;
	}
	char *aside;
	struct osp_error err = {0};
	if (!osp_library_set_aside(db, &aside, &err)) {
		osp_cli_errorf("cannot repair: %s", err.msg);
		return 1;
	}
	struct osp_library *lib = osp_library_open(db, &err);
	if (!lib) {
		osp_cli_errorf("cannot repair: %s", err.msg);
		free(aside);
		return 1;
	}
	struct osp_scan_summary sum = {0};
	size_t n_dirs = 0;
	int status = osp_cli_rescan(cli, lib, &sum, &n_dirs) ? 0 : 1;
	if (!osp_library_save_user_data(lib, &err))
		status = osp_cli_error(&err);
	int64_t n_tracks = osp_library_count_tracks(lib, &err);
	struct osp_buf b = {0};
	osp_buf_printf(&b, "Rebuilt the library: %lld tracks from ",
		       (long long)n_tracks);
	plural(&b, n_dirs, "music folder", "music folders");
	osp_buf_puts(&b, "; restored ");
	osp_cli_restored_text(&b, osp_library_restored(lib));
	osp_buf_printf(&b, "; the %s one is kept as %s.\n",
		       damaged ? "damaged" : "old", aside);
	if (!status)
		status = osp_cli_print(b.data, b.len);
	osp_buf_free(&b);
	osp_library_close(lib);
	free(aside);
	/* The rebuilt library's files are measured again, as a scan's are. */
	if (!status)
		status = osp_cli_measure_loudness(false, NULL);
	/* The daemon still reads the library it opened, now moved aside. */
	if (osp_cli_run_if_running(cli, "ping", NULL) == 1)
		osp_cli_errorf("the player daemon still has the old library "
			       "open: run 'ostplay quit' to have it start "
			       "anew");
	return status;
}

int osp_cli_check(struct osp_cli *cli, const struct osp_cli_args *a)
{
	const char *db = cli->paths.db_file;
	struct osp_check_report r;
	struct osp_error err = {0};
	if (!osp_library_check(db, &r, &err))
		return osp_cli_error(&err);
	struct file_state f;
	read_file_state(db, &f);
	char *file = osp_userdata_path(db);
	struct osp_buf b = {0};
	if (osp_cli_has(a, "json"))
		json_report(&b, &r, &f, file);
	else
		human_report(&b, &r, &f, file);
	free(file);
	int status = osp_cli_print(b.data, b.len);
	osp_buf_free(&b);
	if (status)
		return status;
	bool damaged = osp_check_report_damaged(&r) || file_damaged(&f);
	if (osp_cli_has(a, "repair"))
		return repair(cli, &f, damaged);
	if (damaged)
		return osp_cli_errorf("the library is damaged: run 'ostplay "
				      "check --repair' to rebuild it");
	return 0;
}
