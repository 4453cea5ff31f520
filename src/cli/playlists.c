/* playlists, playlist: the playlists `ostplay import` saved, listed,
 * shown and removed.  (A drama is a playlist too, the catalog's: `dramas`
 * and `tracks --drama` list those.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/cli.h"
#include "ostplay/json.h"

static void list_playlist(void *ctx, const char *name, int64_t n_entries)
{
	struct osp_cli_listing *l = ctx;
	l->n++;
	if (l->json) {
		struct osp_json j;
		osp_json_begin(&j, &l->out);
		osp_json_string(&j, "name", name);
		osp_json_int(&j, "entries", n_entries);
		osp_json_end(&j);
		osp_buf_putc(&l->out, '\n');
	} else {
		osp_buf_printf(&l->out, "%5lld  %s\n", (long long)n_entries, name);
	}
}

int osp_cli_playlists(struct osp_cli *cli, const struct osp_cli_args *a)
{
	struct osp_library *lib = osp_cli_open_library_to_read(cli);
	if (!lib)
		return 1;
	struct osp_cli_listing l = {.json = osp_cli_has(a, "json")};
	struct osp_error err = {0};
	int status = 0;
	if (!osp_library_each_playlist(lib, list_playlist, &l, &err))
		status = osp_cli_error(&err);
	if (osp_cli_print(l.out.data, l.out.len))
		status = 1;
	else if (!status && !l.n && !l.json)
		fprintf(stderr, "ostplay: no playlists yet; 'ostplay import "
				"FILE' saves one\n");
	osp_buf_free(&l.out);
	osp_library_close(lib);
	return status;
}

static int no_such_playlist(const char *name)
{
	return osp_cli_errorf("no playlist is named \"%s\"; 'ostplay playlists' "
			      "lists them", name);
}

/* playlist rm NAME: through the daemon when it runs, so that MPD clients
 * waiting in `idle stored_playlist` hear of it; else, or when it refuses
 * (a user catalog has since taken the name for a drama), straight from
 * the library.  `name` is the stored one. */
static int remove_playlist(struct osp_cli *cli, struct osp_library *lib,
			   const char *name)
{
	struct osp_error err = {0};
	bool found = false;
	if (osp_cli_run_if_running(cli, "rm", name, NULL) != 1 &&
	    !osp_library_delete_playlist(lib, name, &found, &err))
		return osp_cli_error(&err);
	printf("Removed \"%s\"\n", name);
	return 0;
}

int osp_cli_playlist(struct osp_cli *cli, const struct osp_cli_args *a)
{
	bool rm = strcmp(a->pos[0], "rm") == 0;
	if (a->n_pos == 2 && !rm)
		return osp_cli_usage_error(a->cmd, "'%s' is not a verb; "
					   "'rm NAME' removes a playlist",
					   a->pos[0]);
	if (a->n_pos == 1 && rm)	/* one named "rm": playlist rm rm */
		return osp_cli_usage_error(a->cmd, "rm wants the NAME of the "
					   "playlist to remove");
	const char *name = a->pos[a->n_pos - 1];
	/* Listing reads only; removing writes. */
	struct osp_library *lib = rm ? osp_cli_open_library(cli)
				      : osp_cli_open_library_to_read(cli);
	if (!lib || !osp_cli_update_matches(cli, lib)) {
		osp_library_close(lib);
		return 1;
	}
	/* The name in any case: "road trip" is the playlist "Road trip". */
	char *stored = NULL;
	struct osp_error err = {0};
	int status;
	if (!osp_library_find_playlist(lib, name, &stored, &err)) {
		status = osp_cli_error(&err);
	} else if (!stored) {
		status = no_such_playlist(name);
	} else if (rm) {
		status = remove_playlist(cli, lib, stored);
	} else {
		struct osp_cli_listing l = {.json = osp_cli_has(a, "json")};
		bool found = false;
		if (!osp_library_each_playlist_track(lib, stored,
						     osp_cli_list_track, &l,
						     &found, &err))
			status = osp_cli_error(&err);
		else
			status = found ? 0 : no_such_playlist(name);
		if (osp_cli_print(l.out.data, l.out.len))
			status = 1;
		osp_buf_free(&l.out);
	}
	free(stored);
	osp_library_close(lib);
	return status;
}
