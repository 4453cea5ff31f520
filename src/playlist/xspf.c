#include "ostplay/xspf.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/file.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

/* libxml2, with the ICU it brings, takes longer to load than most
 * commands take to run, and only reading or writing XSPF needs it; so it
 * is opened on first use rather than linked. */
#define LIBXML_FUNCTIONS(X) \
	X(xmlBufferContent) \
	X(xmlBufferCreate) \
	X(xmlBufferFree) \
	X(xmlBufferLength) \
	X(xmlCtxtReadMemory) \
	X(xmlDocGetRootElement) \
	X(xmlFreeDoc) \
	X(xmlFreeParserCtxt) \
	X(xmlFreeTextWriter) \
	X(xmlGetLineNo) \
	X(xmlGetProp) \
	X(xmlNewParserCtxt) \
	X(xmlNewTextWriterMemory) \
	X(xmlNodeGetContent) \
	X(xmlNodeListGetString) \
	X(xmlSAX2GetLineNumber) \
	X(xmlStopParser) \
	X(xmlTextWriterEndDocument) \
	X(xmlTextWriterEndElement) \
	X(xmlTextWriterSetIndent) \
	X(xmlTextWriterSetIndentString) \
	X(xmlTextWriterStartDocument) \
	X(xmlTextWriterStartElement) \
	X(xmlTextWriterWriteAttribute) \
	X(xmlTextWriterWriteElement) \
	X(xmlTextWriterWriteFormatElement) \
	X(xmlTextWriterWriteString) \
	X(xmlFree)

static struct {
#define POINTER(f) __typeof__(f) *f;
	LIBXML_FUNCTIONS(POINTER)
#undef POINTER
} libxml;
static char libxml_error[256];	/* why it could not be opened */

static void open_libxml(void)
{
	void *lib = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		snprintf(libxml_error, sizeof(libxml_error),
			 "cannot load libxml2: %s", dlerror());
		return;
	}
	/* POSIX's way to take a function from dlsym. */
#define TAKE(f) \
	if (!(*(void **)&libxml.f = dlsym(lib, #f)) && !libxml_error[0]) \
		snprintf(libxml_error, sizeof(libxml_error), \
			 "libxml2 has no %s", #f);
	LIBXML_FUNCTIONS(TAKE)
#undef TAKE
}

static bool load_libxml(const char *path, struct osp_error *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, open_libxml);
	return !libxml_error[0] ||
	       osp_fail(err, OSP_ERR_INVALID, "%s: %s", path, libxml_error);
}

/* libxml2's xmlFree is a variable holding its free function, so the
 * table holds its address. */
static void xml_free(void *p)
{
	(*libxml.xmlFree)(p);
}

/* What the parser's callbacks saw, through ctxt->_private. */
struct parse_state {
	bool has_doctype;
	char first_error[256];	/* the cause; later errors follow from it */
	int first_error_line;
};

/* Called by the parser on <!DOCTYPE ...>: stop before any of it is read. */
static void refuse_doctype(void *ctx, const xmlChar *name,
			   const xmlChar *external_id, const xmlChar *system_id)
{
	(void)name, (void)external_id, (void)system_id;
	xmlParserCtxtPtr ctxt = ctx;
	((struct parse_state *)ctxt->_private)->has_doctype = true;
	libxml.xmlStopParser(ctxt);
}

/* Keeps the first error, and keeps libxml2 from printing any: with this
 * handler set it calls no other. */
static void keep_first_error(void *ctx, xmlErrorPtr e)
{
	struct parse_state *st = ((xmlParserCtxtPtr)ctx)->_private;
	if (st->first_error[0] || !e || e->level < XML_ERR_ERROR)
		return;
	snprintf(st->first_error, sizeof(st->first_error), "%s",
		 e->message ? e->message : "not well-formed XML");
	st->first_error[strcspn(st->first_error, "\n")] = '\0';
	st->first_error_line = e->line;
}

static bool is_xspf(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, OSP_XSPF_NS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The element's text, trimmed and cleaned to valid UTF-8; newly allocated. */
static char *text_of(const xmlNode *n)
{
	xmlChar *content = libxml.xmlNodeGetContent(n);
	const char *c = content ? (const char *)content : "";
	char *s = osp_text_clean(c, strlen(c));
	xml_free(content);
	return s;
}

/* Its own text only: the text children, not the descendants'. */
static char *own_text(const xmlNode *n)
{
	struct osp_buf b = {0};
	for (const xmlNode *c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
		    c->content)
			osp_buf_puts(&b, (const char *)c->content);
	char *s = osp_text_clean(osp_buf_str(&b), b.len);
	osp_buf_free(&b);
	return s;
}

static void set_text(char **field, const xmlNode *n)
{
	if (*field)
		return;	/* the first of repeated elements counts */
	char *s = text_of(n);
	if (*s)
		*field = s;
	else
		free(s);
}

static void read_node(const xmlNode *n, struct osp_xml_node *out)
{
	*out = (struct osp_xml_node){
		.name = xstrdup((const char *)n->name),
		.ns = n->ns && n->ns->href ? xstrdup((const char *)n->ns->href)
					   : NULL,
		.text = own_text(n),
		.line = (int)libxml.xmlGetLineNo(n),
	};
	size_t n_attrs = 0;
	for (const xmlAttr *a = n->properties; a; a = a->next)
		n_attrs++;
	out->attrs = xcalloc(2 * n_attrs + 1, sizeof(char *));
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		xmlChar *v = libxml.xmlNodeListGetString(n->doc, a->children, 1);
		const char *value = v ? (const char *)v : "";
		out->attrs[2 * out->n_attrs] = xstrdup((const char *)a->name);
		out->attrs[2 * out->n_attrs + 1] =
			osp_text_clean(value, strlen(value));
		out->n_attrs++;
		xml_free(v);
	}
	size_t n_children = 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		n_children += c->type == XML_ELEMENT_NODE;
	out->children = xcalloc(n_children + 1, sizeof(*out->children));
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			read_node(c, &out->children[out->n_children++]);
}

static void free_node(struct osp_xml_node *n)
{
	free(n->name);
	free(n->ns);
	for (size_t i = 0; i < 2 * n->n_attrs; i++)
		free(n->attrs[i]);
	free(n->attrs);
	free(n->text);
	for (size_t i = 0; i < n->n_children; i++)
		free_node(&n->children[i]);
	free(n->children);
}

static void add_extension(struct osp_xspf_extension **exts, size_t *n_exts,
			  const xmlNode *n)
{
	*exts = xrealloc(*exts, (*n_exts + 1) * sizeof(**exts));
	struct osp_xspf_extension *e = &(*exts)[(*n_exts)++];
	xmlChar *app = libxml.xmlGetProp(n, (const xmlChar *)"application");
	*e = (struct osp_xspf_extension){
		.application = xstrdup(app ? (const char *)app : ""),
		.line = (int)libxml.xmlGetLineNo(n),
	};
	xml_free(app);
	size_t n_nodes = 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		n_nodes += c->type == XML_ELEMENT_NODE;
	e->nodes = xcalloc(n_nodes + 1, sizeof(*e->nodes));
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			read_node(c, &e->nodes[e->n_nodes++]);
}

static void free_extensions(struct osp_xspf_extension *exts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(exts[i].application);
		for (size_t j = 0; j < exts[i].n_nodes; j++)
			free_node(&exts[i].nodes[j]);
		free(exts[i].nodes);
	}
	free(exts);
}

static long number_of(const xmlNode *n)
{
	char *s = text_of(n);
	char *end;
	long v = strtol(s, &end, 10);
	bool ok = *s && !*end && v >= 0;
	free(s);
	return ok ? v : 0;
}

static void read_track(const xmlNode *n, struct osp_xspf_track *t)
{
	*t = (struct osp_xspf_track){.line = (int)libxml.xmlGetLineNo(n)};
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_xspf(c, "location"))
			set_text(&t->location, c);
		else if (is_xspf(c, "title"))
			set_text(&t->title, c);
		else if (is_xspf(c, "creator"))
			set_text(&t->creator, c);
		else if (is_xspf(c, "album"))
			set_text(&t->album, c);
		else if (is_xspf(c, "annotation"))
			set_text(&t->annotation, c);
		else if (is_xspf(c, "trackNum"))
			t->track_num = number_of(c) <= INT_MAX
					       ? (int)number_of(c) : 0;
		else if (is_xspf(c, "duration"))
			t->duration_ms = number_of(c);
		else if (is_xspf(c, "extension"))
			add_extension(&t->exts, &t->n_exts, c);
	}
}

static void free_track(struct osp_xspf_track *t)
{
	free(t->location);
	free(t->title);
	free(t->creator);
	free(t->album);
	free(t->annotation);
	free_extensions(t->exts, t->n_exts);
}

static bool read_playlist(const xmlNode *root, struct osp_xspf *x,
			  struct osp_error *err)
{
	size_t cap = 0;	/* of x->tracks */
	if (!is_xspf(root, "playlist")) {
		const char *ns = root->ns && root->ns->href
					 ? (const char *)root->ns->href : NULL;
		return osp_fail(err, OSP_ERR_INVALID,
				"%s:%ld: not an XSPF playlist (the root element "
				"is <%s>%s%s, not <playlist> in %s)", x->path,
				libxml.xmlGetLineNo(root), (const char *)root->name,
				ns ? " in " : " in no namespace", ns ? ns : "",
				OSP_XSPF_NS);
	}
	for (const xmlNode *c = root->children; c; c = c->next) {
		if (is_xspf(c, "title"))
			set_text(&x->title, c);
		else if (is_xspf(c, "creator"))
			set_text(&x->creator, c);
		else if (is_xspf(c, "annotation"))
			set_text(&x->annotation, c);
		else if (is_xspf(c, "info"))
			set_text(&x->info, c);
		else if (is_xspf(c, "date"))
			set_text(&x->date, c);
		else if (is_xspf(c, "extension"))
			add_extension(&x->exts, &x->n_exts, c);
		else if (is_xspf(c, "trackList"))
			for (const xmlNode *t = c->children; t; t = t->next) {
				if (!is_xspf(t, "track"))
					continue;
				if (x->n_tracks == OSP_XSPF_MAX_TRACKS)
					return osp_fail(err, OSP_ERR_INVALID,
							"%s:%ld: more than %d "
							"tracks", x->path,
							libxml.xmlGetLineNo(t),
							OSP_XSPF_MAX_TRACKS);
				x->tracks = xgrow(x->tracks, &cap, x->n_tracks + 1,
						  sizeof(*x->tracks));
				read_track(t, &x->tracks[x->n_tracks++]);
			}
	}
	return true;
}

/* libxml2 inflates gzip and xz files it is asked to read by name, past
 * any limit on the bytes on disk; from memory it reads XML only.  These
 * are named so that the refusal says what the file is. */
static const char *compression_of(const struct osp_buf *b)
{
	if (b->len >= 2 && memcmp(b->data, "\x1f\x8b", 2) == 0)
		return "gzip";
	if (b->len >= 6 && memcmp(b->data, "\xfd" "7zXZ\0", 6) == 0)
		return "xz";
	return NULL;
}

bool osp_xspf_read(const char *path, struct osp_xspf *x, struct osp_error *err)
{
	*x = (struct osp_xspf){.path = xstrdup(path)};
	struct osp_buf text = {0};
	if (!osp_file_read(path, OSP_XSPF_MAX_BYTES, "a playlist", &text, err))
		goto fail;
	if (!load_libxml(path, err))
		goto fail;
	const char *packed = compression_of(&text);
	if (packed) {
		osp_fail(err, OSP_ERR_INVALID, "%s: %s-compressed, not an XSPF "
			 "playlist; decompress it first", path, packed);
		goto fail;
	}

	xmlParserCtxtPtr ctxt = libxml.xmlNewParserCtxt();
	if (!ctxt) {
		osp_fail(err, OSP_ERR_INVALID, "%s: cannot start the XML parser",
			 path);
		goto fail;
	}
	struct parse_state parse = {0};
	ctxt->_private = &parse;
	ctxt->sax->internalSubset = refuse_doctype;
	ctxt->sax->serror = keep_first_error;
	/* No entity substitution (no XML_PARSE_NOENT), no DTD loading, no
	 * network, errors reported here rather than printed by libxml2. */
	xmlDocPtr doc = libxml.xmlCtxtReadMemory(ctxt, osp_buf_str(&text),
					  (int)text.len, path, NULL,
					  XML_PARSE_NONET | XML_PARSE_NOERROR |
					  XML_PARSE_NOWARNING |
					  XML_PARSE_NOCDATA);
	bool ok;
	if (parse.has_doctype) {
		ok = osp_fail(err, OSP_ERR_INVALID,
			      "%s:%d: has a DOCTYPE; XSPF needs none, so it is "
			      "refused", path, libxml.xmlSAX2GetLineNumber(ctxt));
	} else if (!doc || !libxml.xmlDocGetRootElement(doc)) {
		ok = osp_fail(err, OSP_ERR_INVALID, "%s:%d: %s", path,
			      parse.first_error_line,
			      parse.first_error[0] ? parse.first_error
						: "not well-formed XML");
	} else {
		ok = read_playlist(libxml.xmlDocGetRootElement(doc), x, err);
	}
	libxml.xmlFreeDoc(doc);
	libxml.xmlFreeParserCtxt(ctxt);
	osp_buf_free(&text);
	if (ok)
		return true;
fail:
	osp_buf_free(&text);
	osp_xspf_free(x);
	return false;
}

void osp_xspf_free(struct osp_xspf *x)
{
	free(x->path);
	free(x->title);
	free(x->creator);
	free(x->annotation);
	free(x->info);
	free(x->date);
	free_extensions(x->exts, x->n_exts);
	for (size_t i = 0; i < x->n_tracks; i++)
		free_track(&x->tracks[i]);
	free(x->tracks);
	*x = (struct osp_xspf){0};
}

const char *osp_xml_attr(const struct osp_xml_node *n, const char *name)
{
	for (size_t i = 0; i < n->n_attrs; i++)
		if (strcmp(n->attrs[2 * i], name) == 0)
			return n->attrs[2 * i + 1];
	return NULL;
}

/* libxml2's BAD_CAST drops const, which -Wcast-qual rightly flags. */
#define XML_TEXT (const xmlChar *)

/* Text XML can carry: C0 controls other than tab and newlines dropped. */
static xmlChar *xml_text(const char *s)
{
	char *copy = xstrdup(s);
	size_t out = 0;
	for (size_t i = 0; copy[i]; i++) {
		unsigned char c = (unsigned char)copy[i];
		if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
			copy[out++] = copy[i];
	}
	copy[out] = '\0';
	return (xmlChar *)copy;
}

/* An element of text, in the order the schema wants; NULL: left out. */
struct text_field {
	const char *name;
	const char *value;
};

static int write_text_elements(xmlTextWriterPtr w,
			       const struct text_field *fields, size_t n)
{
	int rc = 0;
	for (size_t i = 0; rc >= 0 && i < n; i++) {
		if (!fields[i].value)
			continue;
		xmlChar *text = xml_text(fields[i].value);
		rc = libxml.xmlTextWriterWriteElement(w, XML_TEXT fields[i].name, text);
		free(text);
	}
	return rc;
}

static int write_number_element(xmlTextWriterPtr w, const char *name,
				long value)
{
	if (value <= 0)
		return 0;
	return libxml.xmlTextWriterWriteFormatElement(w, XML_TEXT name, "%ld", value);
}

static int write_node(xmlTextWriterPtr w, const struct osp_xml_node *n,
		      const char *parent_ns)
{
	int rc = libxml.xmlTextWriterStartElement(w, XML_TEXT n->name);
	/* Declare the namespace where it changes, as a reader expects. */
	if (rc >= 0 && n->ns && (!parent_ns || strcmp(n->ns, parent_ns) != 0))
		rc = libxml.xmlTextWriterWriteAttribute(w, XML_TEXT "xmlns",
						 XML_TEXT n->ns);
	for (size_t i = 0; rc >= 0 && i < n->n_attrs; i++) {
		xmlChar *value = xml_text(n->attrs[2 * i + 1]);
		rc = libxml.xmlTextWriterWriteAttribute(w, XML_TEXT n->attrs[2 * i],
						 value);
		free(value);
	}
	if (rc >= 0 && n->text && *n->text) {
		xmlChar *text = xml_text(n->text);
		rc = libxml.xmlTextWriterWriteString(w, text);
		free(text);
	}
	for (size_t i = 0; rc >= 0 && i < n->n_children; i++)
		rc = write_node(w, &n->children[i], n->ns);
	return rc < 0 ? rc : libxml.xmlTextWriterEndElement(w);
}

static int write_extensions(xmlTextWriterPtr w,
			    const struct osp_xspf_extension *exts, size_t n)
{
	int rc = 0;
	for (size_t i = 0; rc >= 0 && i < n; i++) {
		rc = libxml.xmlTextWriterStartElement(w, XML_TEXT "extension");
		if (rc >= 0)
			rc = libxml.xmlTextWriterWriteAttribute(w,
				XML_TEXT "application",
				XML_TEXT exts[i].application);
		for (size_t k = 0; rc >= 0 && k < exts[i].n_nodes; k++)
			rc = write_node(w, &exts[i].nodes[k], OSP_XSPF_NS);
		if (rc >= 0)
			rc = libxml.xmlTextWriterEndElement(w);
	}
	return rc;
}

static int write_track(xmlTextWriterPtr w, const struct osp_xspf_track *t)
{
	const struct text_field fields[] = {
		{"location", t->location}, {"title", t->title},
		{"creator", t->creator}, {"annotation", t->annotation},
		{"album", t->album},
	};
	int rc = libxml.xmlTextWriterStartElement(w, XML_TEXT "track");
	if (rc >= 0)
		rc = write_text_elements(w, fields,
					 sizeof(fields) / sizeof(fields[0]));
	if (rc >= 0)
		rc = write_number_element(w, "trackNum", t->track_num);
	if (rc >= 0)
		rc = write_number_element(w, "duration", t->duration_ms);
	if (rc >= 0)
		rc = write_extensions(w, t->exts, t->n_exts);
	return rc < 0 ? rc : libxml.xmlTextWriterEndElement(w);
}

bool osp_xspf_format(const struct osp_xspf *x, struct osp_buf *out,
		     struct osp_error *err)
{
	const struct text_field fields[] = {
		{"title", x->title}, {"creator", x->creator},
		{"annotation", x->annotation}, {"info", x->info},
		{"date", x->date},
	};
	if (!load_libxml(x->title ? x->title : "a playlist", err))
		return false;
	xmlBufferPtr buf = libxml.xmlBufferCreate();
	xmlTextWriterPtr w = buf ? libxml.xmlNewTextWriterMemory(buf, 0) : NULL;
	int rc = w ? 0 : -1;
	if (rc >= 0) {
		libxml.xmlTextWriterSetIndent(w, 1);
		libxml.xmlTextWriterSetIndentString(w, XML_TEXT "  ");
		rc = libxml.xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	}
	if (rc >= 0)
		rc = libxml.xmlTextWriterStartElement(w, XML_TEXT "playlist");
	if (rc >= 0)
		rc = libxml.xmlTextWriterWriteAttribute(w, XML_TEXT "version",
						 XML_TEXT "1");
	if (rc >= 0)
		rc = libxml.xmlTextWriterWriteAttribute(w, XML_TEXT "xmlns",
						 XML_TEXT OSP_XSPF_NS);
	if (rc >= 0)
		rc = write_text_elements(w, fields,
					 sizeof(fields) / sizeof(fields[0]));
	if (rc >= 0)
		rc = write_extensions(w, x->exts, x->n_exts);
	if (rc >= 0)
		rc = libxml.xmlTextWriterStartElement(w, XML_TEXT "trackList");
	for (size_t i = 0; rc >= 0 && i < x->n_tracks; i++)
		rc = write_track(w, &x->tracks[i]);
	if (rc >= 0)
		rc = libxml.xmlTextWriterEndDocument(w);	/* closes every element */
	if (w)
		libxml.xmlFreeTextWriter(w);	/* flushes into buf */
	if (rc >= 0)
		osp_buf_append(out, libxml.xmlBufferContent(buf),
			       (size_t)libxml.xmlBufferLength(buf));
	if (buf)
		libxml.xmlBufferFree(buf);
	if (rc < 0)
		return osp_fail(err, OSP_ERR_INVALID,
				"cannot write the playlist %s",
				x->title ? x->title : "");
	return true;
}
