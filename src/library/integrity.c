/*
 * Noticing damage.  SQLite's integrity_check finds broken pages and
 * indexes that disagree with their tables, but a byte changed inside a
 * row's text is a valid row to it: a flipped bit in a path, a title or a
 * drama's name reads back as another, silently.  So each row also holds
 * row_crc, a CRC-32 of all its other columns with their types.  Triggers
 * keep it (rather than each statement: every write path is covered, and a
 * column added by a later migration is too, see osp_row_checks_refresh),
 * but for the inserts of tracks and their artists, which compute it (see
 * inserts_carry_checksum).  Reads do not verify it: `ostplay check` does, and the check
 * after an unclean shutdown.
 */
#include "library-private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ostplay/buf.h"
#include "ostplay/crc32.h"
#include "ostplay/xalloc.h"

/* The bookkeeping stamps of `setting` are left out: one that changed only
 * makes the next command redo its matching, and tools and tests may
 * write them without this function. */
#define UNCHECKED_TABLE "setting"

static void put_be(unsigned char *out, uint64_t v, int n)
{
	for (int k = 0; k < n; k++)
		out[k] = (unsigned char)(v >> (8 * (n - 1 - k)));
}

static void row_crc(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	uint32_t crc = 0;
	for (int i = 0; i < argc; i++) {
		int type = sqlite3_value_type(argv[i]);
		unsigned char head[5], num[8];
		const void *data = num;
		size_t n = 0;
		if (type == SQLITE_INTEGER) {
			put_be(num, (uint64_t)sqlite3_value_int64(argv[i]), 8);
			n = 8;
		} else if (type == SQLITE_FLOAT) {
			double d = sqlite3_value_double(argv[i]);
			uint64_t bits;
			memcpy(&bits, &d, sizeof(bits));
			put_be(num, bits, 8);
			n = 8;
		} else if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
			data = type == SQLITE_TEXT
				       ? (const void *)sqlite3_value_text(argv[i])
				       : sqlite3_value_blob(argv[i]);
			n = (size_t)sqlite3_value_bytes(argv[i]);
		}
		head[0] = (unsigned char)type;
		put_be(head + 1, n, 4);
		crc = osp_crc32(crc, head, sizeof(head));
		if (n)
			crc = osp_crc32(crc, data, n);
	}
	sqlite3_result_int64(ctx, crc);
}

bool osp_row_crc_register(sqlite3 *db)
{
	return sqlite3_create_function(db, "osp_row_crc", -1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC |
				       SQLITE_INNOCUOUS, NULL, row_crc, NULL,
				       NULL) == SQLITE_OK;
}

/* What the SQL for one table's checksum needs. */
struct shape {
	struct osp_buf cols;	/* "\"a\", \"b\"": every column but row_crc */
	struct osp_buf key;	/* "rowid = NEW.rowid", or by primary key */
	bool has_crc;
};

static void shape_free(struct shape *s)
{
	osp_buf_free(&s->cols);
	osp_buf_free(&s->key);
}

static bool read_shape(sqlite3 *db, const char *table, struct shape *s)
{
	*s = (struct shape){0};
	char *sql = sqlite3_mprintf("PRAGMA table_info(\"%w\")", table);
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return false;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		if (!name)
			continue;
		if (strcmp(name, "row_crc") == 0) {
			s->has_crc = true;
			continue;
		}
		osp_buf_printf(&s->cols, "%s\"%s\"", s->cols.len ? ", " : "",
			       name);
		if (sqlite3_column_int(st, 5) > 0)	/* part of the key */
			osp_buf_printf(&s->key, "%s\"%s\" = NEW.\"%s\"",
				       s->key.len ? " AND " : "", name, name);
	}
	sqlite3_finalize(st);
	/* A table with a rowid is found by it; WITHOUT ROWID has none. */
	sql = sqlite3_mprintf("SELECT rowid FROM \"%w\"", table);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		osp_buf_truncate(&s->key, 0);
		osp_buf_puts(&s->key, "rowid = NEW.rowid");
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
	return rc == SQLITE_DONE && s->cols.len && s->key.len;
}

/* The tables that hold a checksum, or should: a newly allocated array of
 * newly allocated names, NULL-terminated; NULL on error. */
static char **checked_tables(sqlite3 *db)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema"
			       " WHERE type = 'table' AND name NOT LIKE"
			       " 'sqlite\\_%' ESCAPE '\\' AND name <> '"
			       UNCHECKED_TABLE "' ORDER BY name", -1, &st,
			       NULL) != SQLITE_OK)
		return NULL;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		names = xgrow(names, &cap, n + 2, sizeof(char *));
		names[n++] = xstrdup((const char *)sqlite3_column_text(st, 0));
		names[n] = NULL;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || !names) {
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		return rc == SQLITE_DONE ? xcalloc(1, sizeof(char *)) : NULL;
	}
	return names;
}

static void free_tables(char **names)
{
	for (size_t i = 0; names && names[i]; i++)
		free(names[i]);
	free(names);
}

/* Tables whose rows are inserted only by statements that store the
 * checksum themselves (library.c: ST_INSERT, ST_ADD_ARTIST), so that a
 * scan writes each new row once: an insert trigger, even one that found
 * nothing to do, cost the scan as much as the inserts did.  `ostplay
 * check`, and the tests that run it after a scan, find an insert that
 * gets it wrong. */
static bool inserts_carry_checksum(const char *table)
{
	return strcmp(table, "track") == 0 || strcmp(table, "track_artist") == 0;
}

/* Appends `piece` (from sqlite3_mprintf, which quotes names) and frees
 * it; false when there was none to append, for want of memory. */
static bool append_sql(struct osp_buf *sql, char *piece)
{
	if (piece)
		osp_buf_puts(sql, piece);
	sqlite3_free(piece);
	return piece != NULL;
}

static bool refresh_table(struct osp_library *lib, const char *table,
			  struct osp_error *err)
{
	struct shape s;
	if (!read_shape(lib->db, table, &s)) {
		shape_free(&s);
		return osp_library_db_fail(lib, err, "reading a table's shape");
	}
	const char *cols = osp_buf_str(&s.cols), *key = osp_buf_str(&s.key);
	struct osp_buf sql = {0};
	bool built = true;
	if (!s.has_crc)
		built &= append_sql(&sql, sqlite3_mprintf(
			"ALTER TABLE \"%w\" ADD COLUMN row_crc INTEGER;\n",
			table));
	built &= append_sql(&sql, sqlite3_mprintf(
		"DROP TRIGGER IF EXISTS \"%w_row_crc_insert\";\n"
		"DROP TRIGGER IF EXISTS \"%w_row_crc_update\";\n", table, table));
	if (!inserts_carry_checksum(table))
		built &= append_sql(&sql, sqlite3_mprintf(
			"CREATE TRIGGER \"%w_row_crc_insert\" AFTER INSERT ON"
			" \"%w\" BEGIN UPDATE \"%w\" SET row_crc ="
			" osp_row_crc(%s) WHERE %s; END;\n",
			table, table, table, cols, key));
	built &= append_sql(&sql, sqlite3_mprintf(
		"CREATE TRIGGER \"%w_row_crc_update\" AFTER UPDATE OF %s ON"
		" \"%w\" BEGIN UPDATE \"%w\" SET row_crc = osp_row_crc(%s)"
		" WHERE %s; END;\n"
		"UPDATE \"%w\" SET row_crc = osp_row_crc(%s);\n",
		table, cols, table, table, cols, key, table, cols));
	shape_free(&s);
	bool ok = (built && sqlite3_exec(lib->db, osp_buf_str(&sql), NULL,
					 NULL, NULL) == SQLITE_OK) ||
		  osp_library_db_fail(lib, err, "adding row checksums");
	osp_buf_free(&sql);
	return ok;
}

/* The schema's own checksum: a changed byte in a table's, an index's or
 * a trigger's text is a valid schema to SQLite, and may change what every
 * query answers.  Over each object's type, name, table and text (not its
 * root page, which VACUUM moves), but the statistics ANALYZE keeps. */
#define SCHEMA_CRC_SQL \
	"SELECT osp_row_crc(group_concat(osp_row_crc(type, name, tbl_name," \
	" sql), ',')) FROM (SELECT * FROM sqlite_schema" \
	" WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\'" \
	" ORDER BY type, name)"

static bool schema_crc(sqlite3 *db, int64_t *crc)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, SCHEMA_CRC_SQL, -1, &st, NULL) != SQLITE_OK)
		return false;
	bool ok = sqlite3_step(st) == SQLITE_ROW;
	*crc = ok ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return ok;
}

/* Keeps the schema's checksum, once the schema is final. */
static bool store_schema_crc(struct osp_library *lib, struct osp_error *err)
{
	int64_t crc;
	sqlite3_stmt *st;
	if (!schema_crc(lib->db, &crc) ||
	    sqlite3_exec(lib->db, "DELETE FROM schema_check", NULL, NULL,
			 NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(lib->db, "INSERT INTO schema_check (crc)"
			       " VALUES (?1)", -1, &st, NULL) != SQLITE_OK)
		return osp_library_db_fail(lib, err, "checking the schema");
	sqlite3_bind_int64(st, 1, crc);
	bool ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	return ok || osp_library_db_fail(lib, err, "checking the schema");
}

bool osp_row_checks_refresh(struct osp_library *lib, struct osp_error *err)
{
	if (sqlite3_exec(lib->db, "CREATE TABLE IF NOT EXISTS schema_check"
			 " (crc INTEGER NOT NULL)", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return osp_library_db_fail(lib, err, "checking the schema");
	char **tables = checked_tables(lib->db);
	if (!tables)
		return osp_library_db_fail(lib, err, "listing the tables");
	bool ok = true;
	for (size_t i = 0; ok && tables[i]; i++)
		ok = refresh_table(lib, tables[i], err);
	free_tables(tables);
	return ok && store_schema_crc(lib, err);
}

/* Each table's kind of data, as the user knows it; a table not named here
 * is reported by its own name. */
static const struct {
	const char *table, *kind;
} kinds[] = {
	{"track", "tracks"},
	{"track_artist", "tracks"},
	{"favorite", "favourites"},
	{"playlist", "playlists"},
	{"playlist_entry", "playlists"},
	{"drama_rule", "drama rules"},
	{"music_dir", "music folders"},
	{"sticker", "stickers"},
	{"schema_check", "schema"},
	{UNCHECKED_TABLE, "settings"},
};

static const char *kind_of(const char *table)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].table, table) == 0)
			return kinds[i].kind;
	return table;
}

static struct osp_check_part *part(struct osp_check_report *r,
				   const char *kind)
{
	for (size_t i = 0; i < r->n_parts; i++)
		if (strcmp(r->parts[i].kind, kind) == 0)
			return &r->parts[i];
	if (r->n_parts == OSP_CHECK_MAX_PARTS)
		return NULL;
	struct osp_check_part *p = &r->parts[r->n_parts++];
	*p = (struct osp_check_part){0};
	snprintf(p->kind, sizeof(p->kind), "%s", kind);
	return p;
}

static void note_problem(struct osp_check_report *r, const char *msg)
{
	/* integrity_check starts its first finding with this line. */
	static const char head[] = "*** in database main ***\n";
	if (strncmp(msg, head, sizeof(head) - 1) == 0)
		msg += sizeof(head) - 1;
	if (!r->first_problem[0])
		snprintf(r->first_problem, sizeof(r->first_problem), "%s", msg);
}

/* The table named by the first row of `sql` with `num` bound as ?1 and
 * `name` as ?2; newly allocated, NULL when none. */
static char *table_by(sqlite3 *db, const char *sql, long num,
		      const char *name)
{
	sqlite3_stmt *st;
	char *table = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_int64(st, 1, num);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		table = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return table;
}

/* The table a finding of integrity_check is about, from what it names:
 * a b-tree's root ("Tree 5 page 9 cell 2: ..."), an index ("row 3
 * missing from index track_by_drama"), a column ("NULL value in
 * track_artist.name"), a table ("row not in PRIMARY KEY order for
 * track_artist") or a page ("On tree page 9 cell 2: ...", found through
 * the dbstat table, which may fail on a damaged file); NULL for none
 * (a page no table uses). */
static char *table_of_finding(sqlite3 *db, const char *msg)
{
	char name[128] = "";
	long num = 0;
	const char *at;
	if ((at = strstr(msg, "Tree ")) && sscanf(at, "Tree %ld", &num) == 1)
		return table_by(db, "SELECT tbl_name FROM sqlite_schema"
				" WHERE rootpage = ?1", num, NULL);
	if ((at = strstr(msg, " index ")) &&
	    sscanf(at, " index %127[^ ,:]", name) == 1)
		return table_by(db, "SELECT tbl_name FROM sqlite_schema"
				" WHERE name = ?2", 0, name);
	if ((at = strstr(msg, "NULL value in ")) &&
	    sscanf(at, "NULL value in %127[^.]", name) == 1)
		return xstrdup(name);
	if ((at = strstr(msg, " order for ")) &&
	    sscanf(at, " order for %127s", name) == 1)
		return xstrdup(name);
	if ((at = strstr(msg, "page ")) && sscanf(at, "page %ld", &num) == 1)
		return table_by(db, "SELECT s.tbl_name FROM dbstat d"
				" JOIN sqlite_schema s ON s.name = d.name"
				" WHERE d.pageno = ?1", num, NULL);
	return NULL;
}

/* SQLite's own check, its findings counted by kind of data. */
static void sqlite_check(sqlite3 *db, bool quick, struct osp_check_report *r)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, quick ? "PRAGMA quick_check(100)"
				 : "PRAGMA integrity_check(100)", -1, &st,
			       NULL) != SQLITE_OK) {
		r->other_problems++;
		note_problem(r, sqlite3_errmsg(db));
		return;
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(st, 0);
		if (!msg || strcmp(msg, "ok") == 0)
			continue;
		note_problem(r, msg);
		char *table = table_of_finding(db, msg);
		struct osp_check_part *p = table ? part(r, kind_of(table)) : NULL;
		if (p)
			p->problems++;
		else
			r->other_problems++;
		free(table);
	}
	if (rc != SQLITE_DONE) {
		r->other_problems++;
		note_problem(r, sqlite3_errmsg(db));
	}
	sqlite3_finalize(st);
}

/* Counts `table`'s rows, and those whose checksum is wrong, into its
 * kind's part. */
static void count_rows(sqlite3 *db, const char *table,
		       struct osp_check_report *r)
{
	struct osp_check_part *p = part(r, kind_of(table));
	struct shape s;
	if (!p)
		return;
	bool shaped = read_shape(db, table, &s);
	char *sql = shaped && s.has_crc
		? sqlite3_mprintf("SELECT count(*), total(row_crc IS NOT"
				  " osp_row_crc(%s)) FROM \"%w\"",
				  osp_buf_str(&s.cols), table)
		: sqlite3_mprintf("SELECT count(*), 0 FROM \"%w\"", table);
	shape_free(&s);
	sqlite3_stmt *st = NULL;
	if (p->rows >= 0 &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		p->rows += sqlite3_column_int64(st, 0);
		p->bad_rows += sqlite3_column_int64(st, 1);
	} else {
		char *msg = sqlite3_mprintf("%s: %s", table,
					    sqlite3_errmsg(db));
		note_problem(r, msg);
		sqlite3_free(msg);
		p->rows = -1;
		p->problems++;
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
}

/* Whether the schema is still what was written; a library from before
 * its checksum was kept has nothing to compare with. */
static void check_schema(sqlite3 *db, struct osp_check_report *r)
{
	sqlite3_stmt *st;
	int64_t now;
	if (sqlite3_prepare_v2(db, "SELECT crc FROM schema_check", -1, &st,
			       NULL) != SQLITE_OK)
		return;
	bool kept = sqlite3_step(st) == SQLITE_ROW;
	int64_t then = kept ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (kept && (!schema_crc(db, &now) || now != then)) {
		struct osp_check_part *p = part(r, "schema");
		if (p)
			p->problems++;
		else
			r->other_problems++;
		note_problem(r, "the schema (tables, indexes, triggers) is "
			     "not as it was written");
	}
}

void osp_check_run(sqlite3 *db, bool quick, struct osp_check_report *r)
{
	*r = (struct osp_check_report){.readable = true};
	/* The kinds that matter most come first, each on its line even when
	 * empty. */
	static const char *const first[] = {"tracks", "favourites", "playlists",
					    "drama rules", "music folders"};
	for (size_t i = 0; i < sizeof(first) / sizeof(first[0]); i++)
		part(r, first[i]);
	char **tables = checked_tables(db);
	if (!tables) {
		r->readable = false;
		note_problem(r, sqlite3_errmsg(db));
		return;
	}
	sqlite_check(db, quick, r);
	check_schema(db, r);
	for (size_t i = 0; tables[i]; i++)
		count_rows(db, tables[i], r);
	free_tables(tables);
}

bool osp_check_report_damaged(const struct osp_check_report *r)
{
	if (!r->readable || r->other_problems)
		return true;
	for (size_t i = 0; i < r->n_parts; i++)
		if (r->parts[i].bad_rows || r->parts[i].problems ||
		    r->parts[i].rows < 0)
			return true;
	return false;
}

/* Opens `path` to read only, as open_to_read does: plainly, else (a
 * folder where the -shm file cannot be made) as immutable. */
static sqlite3 *open_for_check(const char *path)
{
	sqlite3 *db = NULL;
	for (int immutable = 0; immutable < 2; immutable++) {
		char *uri = immutable ? osp_library_immutable_uri(path) : NULL;
		int rc = sqlite3_open_v2(uri ? uri : path, &db,
					 SQLITE_OPEN_READONLY |
					 SQLITE_OPEN_NOMUTEX |
					 (uri ? SQLITE_OPEN_URI : 0), NULL);
		free(uri);
		if (rc == SQLITE_OK) {
			rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema",
					  NULL, NULL, NULL);
			/* Damage is for the check to report, not a reason
			 * to try otherwise. */
			if (rc == SQLITE_OK || rc == SQLITE_CORRUPT ||
			    rc == SQLITE_NOTADB)
				break;
		}
		if (immutable)
			break;
		sqlite3_close(db);
		db = NULL;
	}
	return db;
}

bool osp_library_check(const char *path, struct osp_check_report *r,
		       struct osp_error *err)
{
	if (access(path, F_OK) != 0)
		return osp_fail_sys(err, errno, "no library at %s", path);
	sqlite3 *db = open_for_check(path);
	sqlite3_busy_timeout(db, 10000);
	osp_row_crc_register(db);
	osp_check_run(db, false, r);
	sqlite3_close(db);
	return true;
}
