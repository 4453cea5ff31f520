/* Names: the portable file names exports write, and the suggestions a
 * mistyped command or option gets. */
#include <stdlib.h>
#include <string.h>

#include "ostplay/cli.h"
#include "ostplay/file.h"
#include "tap.h"

static void check_portable(const char *title, const char *want)
{
	char *got = osp_file_portable_name(title);
	tap_str(got, want, "portable name of \"%s\"", title);
	free(got);
}

static void check_suggest(const char *word, const char *want)
{
	static const char *const names[] = {
		"add", "explain", "export", "pause", "play", "playlist",
		"playlists", "prev", "scan", "status", "stop", "--json",
		"--drama", "--duets"};
	char out[256];
	bool found = osp_cli_suggest(word, names,
				     sizeof(names) / sizeof(names[0]), out,
				     sizeof(out));
	tap_str(found ? out : NULL, want, "'%s' suggests %s", word,
		want ? want : "nothing");
}

int main(void)
{
	check_portable("Who Are You: School 2015", "Who Are You - School 2015");
	check_portable("Goblin", "Goblin");
	check_portable("태양의 후예", "태양의 후예");
	check_portable("What?* \"Love\" <Story> | A/B\\C",
		       "What 'Love' (Story) - A-B-C");
	check_portable("10:30", "10-30");
	check_portable("Trailing dots...", "Trailing dots");
	check_portable("  spaced   out  ", "spaced out");
	check_portable("tab\there\x01", "tab here");
	check_portable("CON", "CON_");
	check_portable("con.fusion", "con_.fusion");
	check_portable("aux . x", "aux_ . x");
	check_portable("Lpt9", "Lpt9_");
	check_portable("COM10", "COM10");
	check_portable("Console", "Console");
	check_portable("???", "untitled");
	check_portable("...", "untitled");

	/* Long titles are cut where a character ends, here inside the
	 * 67th three-byte Hangul syllable. */
	char long_title[3 * 100 + 1] = "";
	for (int i = 0; i < 100; i++)
		strcat(long_title, "가");
	char *cut = osp_file_portable_name(long_title);
	tap_int((long long)strlen(cut), 198, "a long Hangul title is cut "
		"to whole characters within %d bytes", OSP_FILE_NAME_MAX);
	free(cut);

	tap_int((long long)osp_cli_edit_distance("plya", "play"), 1,
		"a swap of two neighbours is one edit");
	tap_int((long long)osp_cli_edit_distance("", "play"), 4,
		"from nothing: one edit a letter");
	tap_int((long long)osp_cli_edit_distance("stauts", "status"), 1,
		"stauts is one swap from status");
	check_suggest("plya", "play");
	check_suggest("exp", "explain or export");
	check_suggest("stopp", "stop");
	check_suggest("--jsn", "--json");
	check_suggest("--d", "--drama or --duets");
	check_suggest("frobnicate", NULL);
	check_suggest("", NULL);
	return tap_done();
}
