/*
 * xspf — reading and writing XSPF playlists; the one module that uses
 * libxml2.
 *
 * Parses a file into plain structs: the playlist's and each track's fields,
 * and the content of their <extension> elements as a small element tree,
 * for the module that knows what an application's extension means.
 *
 * Hostile input is refused, never half-loaded: any DOCTYPE (XSPF needs
 * none, and that is where external entities and entity bombs live), files
 * over OSP_XSPF_MAX_BYTES, anything but a regular file, compressed files
 * (libxml2 would inflate gzip and xz past any limit on the bytes read, so
 * the bytes are read here and parsed as they are), anything but an XSPF
 * <playlist> root.  The network is never used.  Errors name the file and
 * line.
 */
#ifndef OSTPLAY_XSPF_H
#define OSTPLAY_XSPF_H

#include <stdbool.h>
#include <stddef.h>

#include "ostplay/buf.h"
#include "ostplay/error.h"

#define OSP_XSPF_NS "http://xspf.org/ns/0/"
#define OSP_XSPF_MAX_BYTES (16 * 1024 * 1024)
/* More tracks than anyone keeps in one playlist: a bound on the memory and
 * time a hostile file can cost, 8 bytes a track being enough to make one. */
#define OSP_XSPF_MAX_TRACKS 100000

/* An element inside an <extension>, with its attributes and children. */
struct osp_xml_node {
	char *name;		/* local name */
	char *ns;		/* namespace URI, or NULL */
	char **attrs;		/* n_attrs (name, value) pairs: 2 * n_attrs */
	size_t n_attrs;
	char *text;		/* its own text, trimmed; "" when none */
	struct osp_xml_node *children;
	size_t n_children;
	int line;
};

/* One <extension>: its application URI and its child elements. */
struct osp_xspf_extension {
	char *application;
	struct osp_xml_node *nodes;
	size_t n_nodes;
	int line;
};

struct osp_xspf_track {
	/* Each NULL when absent; text is trimmed. */
	char *location;
	char *title;
	char *creator;
	char *album;
	char *annotation;
	int track_num;		/* 0 when absent */
	long duration_ms;	/* 0 when absent */
	struct osp_xspf_extension *exts;
	size_t n_exts;
	int line;
};

struct osp_xspf {
	char *path;		/* the file read, for messages */
	char *title;
	char *creator;
	char *annotation;
	char *info;
	char *date;
	struct osp_xspf_extension *exts;
	size_t n_exts;
	struct osp_xspf_track *tracks;
	size_t n_tracks;
};

/* Reads `path` into `*x`, which the caller frees with osp_xspf_free; on
 * failure `*x` is left empty and `err` says "PATH:LINE: what". */
bool osp_xspf_read(const char *path, struct osp_xspf *x, struct osp_error *err);
void osp_xspf_free(struct osp_xspf *x);

/* `x` as an XSPF version 1 document (UTF-8), appended to `out`: each field
 * that is not NULL, tracks in order, extensions as element trees.  Control
 * characters, which XML cannot carry, are dropped from text. */
bool osp_xspf_format(const struct osp_xspf *x, struct osp_buf *out,
		     struct osp_error *err);

/* The value of attribute `name` of `n`, or NULL. */
const char *osp_xml_attr(const struct osp_xml_node *n, const char *name);

#endif
