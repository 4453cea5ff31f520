#!/usr/bin/python3
"""The harness of ostplay's integration tests: private trees to run the real
binary in, and the checks that read what it printed and stored.

A Harness is made once per test script; it finds the binary ($OSTPLAY unless
given) and decides how to run it.  Each Sandbox is a temporary tree with its
own HOME and XDG folders and a music folder; set OSTPLAY_TEST_KEEP=1 to keep
the trees.  Importers set `sys.dont_write_bytecode = True` before importing
this module, so that no __pycache__ appears in the source tree.

When run as root, the binary runs as nobody (setpriv), because root reads
files whatever their permissions and the unreadable-file/folder cases would
prove nothing.  The temporary trees are then owned by nobody, and the
harness switches its effective uid to nobody whenever it opens the database,
so that SQLite's -wal/-shm files never end up owned by root.
"""

import contextlib
import importlib.util
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import urllib.parse

NOBODY = 65534
SCAN_TIMEOUT = 900	# a hang guard only; nothing here measures speed
REASONS = ['empty', 'not-audio', 'unreadable-file', 'unreadable-folder',
           'symlink-loop', 'dangling-symlink', 'missing-folder', 'too-deep']
STAT_KEYS = ['seen', 'added', 'updated', 'unchanged', 'removed', 'skipped',
             'skipped_by_reason', 'seconds', 'threads']


class TestError(Exception):
    pass


class Result:
    def __init__(self, proc_rc, out, err):
        self.rc = proc_rc
        self.out = out		# bytes
        self.err = err.decode('utf-8', 'replace')

    def err_lines(self):
        return self.err.splitlines()

    def __repr__(self):
        return 'rc=%r stdout=%r stderr=%r' % (
            self.rc, self.out[:300], self.err[:600])


class Privileges:
    """How the binary is run (see the top)."""

    def __init__(self, prefix=(), can_deny=True):
        self.prefix = list(prefix)	# command prefix that drops root, or []
        # Whether chmod 000 can make anything unreadable to the binary.
        self.can_deny = can_deny

    @property
    def dropped(self):
        """Whether the binary runs as nobody rather than as us."""
        return bool(self.prefix)


def setup_privileges(binary, tap):
    """Decides how to run `binary`; returns the Privileges."""
    if os.geteuid() != 0:
        return Privileges()
    prefix = ['setpriv', '--reuid=%d' % NOBODY, '--regid=%d' % NOBODY,
              '--clear-groups']
    try:
        ok = subprocess.run(prefix + ['test', '-x', binary],
                            stdin=subprocess.DEVNULL).returncode == 0
    except OSError:
        ok = False
    if ok:
        tap.diag('running as root: the binary runs as uid %d via setpriv'
                 % NOBODY)
        return Privileges(prefix)
    tap.diag('running as root and cannot drop privileges: permission '
             'cases are skipped')
    return Privileges(can_deny=False)


class Harness:
    """What every sandbox of one test script shares: the TAP producer, the
    binary, how it is run, and the prefix of the temporary trees' names."""

    def __init__(self, tap, name, binary=None):
        binary = os.environ.get('OSTPLAY', '') if binary is None else binary
        if not binary or not os.access(binary, os.X_OK):
            tap.bail_out('set OSTPLAY to the ostplay binary (got %r)'
                         % binary)
        self.tap = tap
        self.name = name		# temporary trees: ostplay-test-NAME-*
        self.bin = os.path.abspath(binary)
        self.keep = os.environ.get('OSTPLAY_TEST_KEEP') == '1'
        self.priv = setup_privileges(self.bin, tap)


class Sandbox:
    """A private tree: home, XDG folders and a music folder."""

    def __init__(self, harness, name):
        self.h = harness
        self.tap = harness.tap
        self.root = os.path.realpath(tempfile.mkdtemp(
            prefix='ostplay-test-%s-%s-' % (harness.name, name)))
        self.home = os.path.join(self.root, 'home')
        self.config = os.path.join(self.root, 'config')
        self.data = os.path.join(self.root, 'data')
        self.state = os.path.join(self.root, 'state')
        self.runtime = os.path.join(self.root, 'runtime')
        self.music = os.path.join(self.root, 'music')
        for d in (self.home, self.config, self.data, self.state,
                  self.runtime, self.music):
            os.mkdir(d)
        os.chmod(self.runtime, 0o700)
        self.give_to_owner(self.root, self.home, self.config, self.data,
                           self.state, self.runtime)
        self.env = dict(os.environ, HOME=self.home,
                        XDG_CONFIG_HOME=self.config,
                        XDG_DATA_HOME=self.data, XDG_STATE_HOME=self.state,
                        XDG_RUNTIME_DIR=self.runtime, LC_ALL='C.UTF-8')
        self.env.pop('XDG_MUSIC_DIR', None)

    @property
    def db_path(self):
        return os.path.join(self.data, 'ostplay', 'library.db')

    @property
    def can_deny(self):
        """Whether chmod 000 makes anything unreadable to the binary."""
        return self.h.priv.can_deny

    def give_to_owner(self, *paths):
        """Hands paths the binary must write to over to its user (nobody
        when running as root; otherwise they are ours already)."""
        if self.h.priv.dropped:
            for p in paths:
                os.chown(p, NOBODY, NOBODY)

    def cmd(self, *args):
        return (self.h.priv.prefix + [self.h.bin] +
                [os.fsencode(a) for a in args])

    def run(self, *args, timeout=SCAN_TIMEOUT):
        p = subprocess.run(self.cmd(*args), env=self.env, cwd=self.root,
                           stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=timeout)
        return Result(p.returncode, p.stdout, p.stderr)

    def popen(self, *args):
        return subprocess.Popen(self.cmd(*args), env=self.env, cwd=self.root,
                                stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)

    def scan(self, *args):
        """Runs `scan --json ARGS`; returns (Result, stats or None)."""
        r = self.run('scan', '--json', *args)
        st = parse_stats(r)
        if st is None:
            self.tap.diag('scan --json %s printed no statistics: %r'
                          % (args, r))
        return r, st

    def tracks(self, *query):
        """Runs `tracks --json QUERY`; returns the records by exact path
        bytes, raising TestError when the output is not JSON lines."""
        r = self.run('tracks', '--json', *query)
        if r.rc != 0:
            raise TestError('tracks --json %s failed: %r' % (query, r))
        out = {}
        for line in r.out.splitlines():
            try:
                rec = json.loads(line.decode('utf-8'))
            except (UnicodeDecodeError, ValueError) as e:
                raise TestError('tracks --json printed a line that is not '
                                'UTF-8 JSON (%s): %r' % (e, line[:300]))
            path = rec['path'].encode('utf-8', 'surrogateescape')
            if path in out:
                raise TestError('tracks --json lists %r twice' % path)
            out[path] = rec
        return out

    @contextlib.contextmanager
    def as_owner(self):
        """Runs the body with the binary's effective uid (see top)."""
        if not self.h.priv.dropped:
            yield
            return
        os.setegid(NOBODY)
        os.seteuid(NOBODY)
        try:
            yield
        finally:
            os.seteuid(0)
            os.setegid(0)

    def query(self, sql, params=()):
        """Runs one query on the library, opened read-only."""
        uri = 'file:%s?mode=ro' % urllib.parse.quote(self.db_path)
        with self.as_owner():
            con = sqlite3.connect(uri, uri=True, timeout=30)
            try:
                return con.execute(sql, params).fetchall()
            finally:
                con.close()

    def cleanup(self):
        if self.h.keep:
            self.tap.diag('kept %s' % self.root)
            return
        # Give back the permissions the tests took away, or a non-root
        # rmtree could not enter those folders.
        for top, dirs, files in os.walk(self.root):
            for d in dirs:
                p = os.path.join(top, d)
                if not os.path.islink(p):
                    os.chmod(p, 0o700)
        shutil.rmtree(self.root, ignore_errors=True)


# ---------------------------------------------------------------------------
# `scan --json` statistics
# ---------------------------------------------------------------------------

def parse_stats(r):
    lines = r.out.splitlines()
    if len(lines) != 1:
        return None
    try:
        return json.loads(lines[0])
    except ValueError:
        return None


def check_stats_shape(tap, r, stats, desc):
    """Asserts that `scan --json` printed one JSON line with every key."""
    ok = (stats is not None and all(k in stats for k in STAT_KEYS)
          and isinstance(stats.get('skipped_by_reason'), dict)
          and sorted(stats['skipped_by_reason']) == sorted(REASONS))
    tap.ok(ok, desc + ': --json prints one line with every key and reason',
           'one JSON line with keys %s and reasons %s' % (STAT_KEYS, REASONS),
           r)
    return ok


def expect_stats(tap, stats, desc, reasons=None, **want):
    """Asserts the given counters; with `reasons`, every reason not named
    there must be 0."""
    if stats is None:
        return tap.ok(False, desc, want, 'no JSON statistics')
    got = {k: stats.get(k) for k in want}
    wanted = dict(want)
    if reasons is not None:
        by = stats.get('skipped_by_reason') or {}
        wanted['skipped_by_reason'] = {k: reasons.get(k, 0) for k in REASONS}
        got['skipped_by_reason'] = {k: by.get(k) for k in REASONS}
    return tap.ok(got == wanted, desc, wanted, got)


# ---------------------------------------------------------------------------
# The library database
# ---------------------------------------------------------------------------

def count_tracks(sb):
    return sb.query('SELECT count(*) FROM track')[0][0]


def integrity(sb):
    return sb.query('PRAGMA integrity_check')[0][0]


def check_db_utf8(sb, what):
    """Every TEXT value in the library must be valid UTF-8."""
    bad = []
    cols = ['title', 'album', 'album_artist', 'genre', 'comment']
    sel = ', '.join('typeof(%s), CAST(%s AS BLOB)' % (c, c) for c in cols)
    for row in sb.query('SELECT id, %s FROM track' % sel):
        for i, c in enumerate(cols):
            kind, raw = row[1 + 2 * i], row[2 + 2 * i]
            if kind not in ('text', 'null'):
                bad.append((row[0], c, kind))
            elif raw is not None:
                try:
                    bytes(raw).decode('utf-8')
                except UnicodeDecodeError:
                    bad.append((row[0], c, bytes(raw)[:60]))
    for tid, kind, raw in sb.query(
            'SELECT track_id, typeof(name), CAST(name AS BLOB) '
            'FROM track_artist'):
        try:
            if kind != 'text':
                raise UnicodeDecodeError('utf-8', b'', 0, 1, kind)
            bytes(raw).decode('utf-8')
        except UnicodeDecodeError:
            bad.append((tid, 'artist', kind, bytes(raw or b'')[:60]))
    sb.tap.eq(bad, [], '%s: every TEXT column in the database is valid UTF-8'
              % what)


# The XSPF schema, in shared/ beside the repository when it is there.
XSPF_SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..',
                           '..', 'shared', 'data', 'xspf-1_0.rng')


def xmllint(path):
    """None when xmllint or the XSPF schema is missing, else (ok, the
    messages) of validating `path` against the schema."""
    if not shutil.which('xmllint') or not os.path.exists(XSPF_SCHEMA):
        return None
    p = subprocess.run(['xmllint', '--noout', '--relaxng', XSPF_SCHEMA,
                        path], capture_output=True, text=True)
    return p.returncode == 0, p.stderr


def test_module(filename):
    """Another test script of this folder loaded as a module, for its
    helpers (the scripts' names hold a dash, so `import` cannot)."""
    here = os.path.dirname(os.path.abspath(__file__))
    name = os.path.splitext(filename)[0].replace('-', '_')
    spec = importlib.util.spec_from_file_location(
        name, os.path.join(here, filename))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
