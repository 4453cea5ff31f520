/* MPD's playing modes that are not playback itself: consume, crossfade
 * and MixRamp (kept and reported: mpv has neither, so nothing heard
 * changes), and the one output, which disableoutput silences while the
 * song plays on, as mpd does. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "daemon-private.h"

static bool parse_bool(struct reply *r, const char *s, bool *on)
{
	if (strcmp(s, "0") && strcmp(s, "1"))
		return reply_fail(r, ACK_ARG, "Boolean (0/1) expected: %s", s);
	*on = *s == '1';
	return true;
}

static bool cmd_consume(struct daemon *d, struct reply *r, int argc,
			char **argv)
{
	(void)argc;
	bool on = false;
	if (!parse_bool(r, argv[0], &on))
		return false;
	d->consume = on;
	daemon_changed(d, IDLE_OPTIONS);
	return true;
}

static bool cmd_crossfade(struct daemon *d, struct reply *r, int argc,
			  char **argv)
{
	(void)argc;
	long seconds;
	if (!daemon_parse_int(argv[0], 0, 3600, &seconds))
		return reply_fail(r, ACK_ARG, "Integer expected: %s", argv[0]);
	d->crossfade = (int)seconds;
	daemon_changed(d, IDLE_OPTIONS);
	return true;
}

static bool parse_float(struct reply *r, const char *s, double *v)
{
	char *end;
	*v = strtod(s, &end);
	if (!*s || *end || !isfinite(*v))
		return reply_fail(r, ACK_ARG, "Float expected: %s", s);
	return true;
}

static bool cmd_mixrampdb(struct daemon *d, struct reply *r, int argc,
			  char **argv)
{
	(void)argc;
	double db;
	if (!parse_float(r, argv[0], &db))
		return false;
	d->mixrampdb = db;
	daemon_changed(d, IDLE_OPTIONS);
	return true;
}

static bool cmd_mixrampdelay(struct daemon *d, struct reply *r, int argc,
			     char **argv)
{
	(void)argc;
	double v;
	if (!parse_float(r, argv[0], &v))
		return false;
	d->mixrampdelay = v < 0 ? -1 : v;	/* "nan" is off in mpd */
	daemon_changed(d, IDLE_OPTIONS);
	return true;
}

static bool cmd_outputs(struct daemon *d, struct reply *r, int argc,
			char **argv)
{
	(void)argc, (void)argv;
	osp_buf_printf(r->out, "outputid: 0\noutputname: mpv\nplugin: mpv\n"
			       "outputenabled: %d\n", !d->output_off);
	return true;
}

/* enableoutput, disableoutput, toggleoutput ID: `how` 1, 0, -1. */
static bool set_output(struct daemon *d, struct reply *r, const char *id,
		       int how)
{
	long n;
	if (!daemon_parse_int(id, 0, 0, &n))
		return reply_fail(r, ACK_NO_EXIST, "No such audio output");
	d->output_off = how < 0 ? !d->output_off : how == 0;
	osp_player_set_mute(d->player, d->output_off);
	daemon_changed(d, IDLE_OUTPUT);
	return true;
}

static bool cmd_enableoutput(struct daemon *d, struct reply *r, int argc,
			     char **argv)
{
	(void)argc;
	return set_output(d, r, argv[0], 1);
}

static bool cmd_disableoutput(struct daemon *d, struct reply *r, int argc,
			      char **argv)
{
	(void)argc;
	return set_output(d, r, argv[0], 0);
}

static bool cmd_toggleoutput(struct daemon *d, struct reply *r, int argc,
			     char **argv)
{
	(void)argc;
	return set_output(d, r, argv[0], -1);
}

/* The last field is the permission, as mpd 0.23 has it. */
static const struct command mode_commands[] = {
	{"consume", 1, 1, cmd_consume, OSP_PERMISSION_CONTROL},
	{"crossfade", 1, 1, cmd_crossfade, OSP_PERMISSION_CONTROL},
	{"disableoutput", 1, 1, cmd_disableoutput, OSP_PERMISSION_ADMIN},
	{"enableoutput", 1, 1, cmd_enableoutput, OSP_PERMISSION_ADMIN},
	{"mixrampdb", 1, 1, cmd_mixrampdb, OSP_PERMISSION_CONTROL},
	{"mixrampdelay", 1, 1, cmd_mixrampdelay, OSP_PERMISSION_CONTROL},
	{"outputs", 0, 0, cmd_outputs, OSP_PERMISSION_READ},
	{"toggleoutput", 1, 1, cmd_toggleoutput, OSP_PERMISSION_ADMIN},
};

const struct command *daemon_mode_commands(size_t *n)
{
	*n = sizeof(mode_commands) / sizeof(mode_commands[0]);
	return mode_commands;
}
