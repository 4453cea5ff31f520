#!/usr/bin/python3
"""Integration test of damage being noticed: `ostplay check [--repair]`,
the check after an unclean shutdown, and the user-data file kept beside the
library (include/ostplay/userdata.h), with TAP output.

Usage (GROUP: flips repair unclean userdata readonly):
    OSTPLAY=build/ostplay /usr/bin/python3 tests/test-check.py [GROUP...]

Each group builds a real library in its own sandbox (sandbox.py): Goblin
songs the catalog knows, files of two dramas no catalog lists (one the
user says is no drama, one another name of Goblin), and 150 generated
tracks, so that the database has many pages; three favourites, a playlist
imported from an M3U8 file, two drama rules.

- flips: 40 copies of the library, each with one byte changed at a
  random place of a random page past the 100-byte file header (the page
  size read from that header; every other run, a page of rows or index
  entries: a b-tree leaf; the seed is fixed, so a failure can be rerun).  For each, either the read commands (`tracks --json`,
  `dramas`, `favs`) answer exactly as on the undamaged copy, or `ostplay
  check` exits 1 with a "KIND: damaged" line naming what is affected.  A
  copy where check exits 0 and a read answers otherwise is damage that
  went unnoticed, the failure this test is for.  How many runs were which
  is printed as a diagnostic.
- repair: a byte changed inside a favourite's title: check names the
  favourites; `check --repair` keeps the damaged file aside, rebuilds the
  library by a rescan and the user-data file, and the favourites,
  playlists, drama rules and every track's record are exactly as before.
  A file overwritten with junk: commands say it looks damaged and to run
  `ostplay check --repair`, which rebuilds it as it was.
- unclean: a writer killed by SIGKILL in the middle of a scan leaves its
  marker, and the next command checks the library and says so once; a
  marker of a process that is gone, on a library with a changed byte in a
  track's title, makes the next commands say it looks damaged and to run
  `ostplay check --repair`, until it is repaired.
- userdata: the file follows every change (a favourite removed and added
  again); deleting the library and scanning again restores favourites,
  playlist and rules from it; bad lines in it are skipped with a count,
  named by `check`, and dropped by `check --repair`; a missing file is
  written again by the next command.
- readonly: on a library the user may not write, `check` works, and
  `check --repair` exits 1 saying why it cannot.
"""

import glob
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

sys.dont_write_bytecode = True	# no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fixtures as fx  # noqa: E402
from sandbox import Harness, Sandbox  # noqa: E402
from taphelper import Tap  # noqa: E402

T = Tap()
RUNS = 40
SEED = 13
KINDS = ('tracks', 'favourites', 'playlists', 'drama rules',
         'music folders', 'settings', 'other pages', 'library',
         'user data file')
DAMAGED = re.compile(r'^(%s): damaged' % '|'.join(KINDS), re.M)

GOBLIN = [
    ('Stay With Me', ['Chanyeol', 'Punch'], 1),
    ('Beautiful', ['Crush'], 4),
    ('Hush', ['Lasse Lindh'], 5),
    ('Who Are You', ['Sam Kim'], 6),
]
DISCOVERED = [
    ('Sunday Cafe OST/01 Latte.mp3', 'Latte', ['Cafe Band'],
     'Sunday Cafe OST'),
    ('Sunday Cafe OST/02 Mocha.mp3', 'Mocha', ['Cafe Band'],
     'Sunday Cafe OST'),
    ('Dokebi OST/01 My Eyes.mp3', 'My Eyes', ['10cm'], 'Dokebi OST'),
]


def lib_dir(sb):
    return os.path.dirname(sb.db_path)


def userdata_path(sb):
    return os.path.join(lib_dir(sb), 'library.userdata')


def make_library(sb):
    """Music, a scan and the user's data; returns {name: path}."""
    paths = {}
    for i, (title, artists, part) in enumerate(GOBLIN):
        p = os.path.join(sb.music, 'Goblin', '%02d %s.flac' % (i + 1, title))
        os.makedirs(os.path.dirname(p), exist_ok=True)
        fx.encode_tone(p, 'flac', 300 + 60 * i, 0.5)
        fx.tag(p, title=title, artists=artists,
               album='Goblin OST Part.%d' % part, year=2016)
        paths[title] = p
    for i, (rel, title, artists, album) in enumerate(DISCOVERED):
        p = os.path.join(sb.music, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        fx.encode_tone(p, 'mp3', 700 + 40 * i, 0.5)
        fx.tag(p, title=title, artists=artists, album=album)
        paths[title] = p
    bulk = fx.make_bulk_library(os.path.join(sb.music, 'bulk'), 150)
    paths['bulk'] = bulk[7]['path']
    paths['bulk title'] = bulk[40]['title']
    steps = [
        ('scan', sb.music),
        ('fav', 'add', paths['Beautiful']),
        ('fav', 'add', paths['bulk']),
        ('fav', 'add', paths['My Eyes']),
    ]
    m3u = os.path.join(sb.root, 'mix.m3u8')
    with open(m3u, 'w') as f:
        f.write('#EXTM3U\n%s\n%s\n%s\n' % (paths['Stay With Me'],
                                         paths['Latte'], paths['Hush']))
    steps += [('import', m3u, '--name', 'Mix'),
              ('drama', 'ignore', 'Sunday Cafe'),
              ('drama', 'alias', 'Dokebi', 'Goblin')]
    for argv in steps:
        r = sb.run(*argv)
        if r.rc != 0:
            raise RuntimeError('%s failed: %r' % (' '.join(argv), r))
    return paths


SANITIZER = re.compile(r'Sanitizer|runtime error')


def reads(sb, dirty=None):
    """What the read commands answer: {command: (exit status, stdout)}.
    Commands whose stderr holds a sanitizer's report are added to the
    list `dirty`."""
    out = {}
    for c in (('tracks', '--json'), ('dramas',), ('favs',)):
        r = sb.run(*c)
        out[' '.join(c)] = (r.rc, r.out)
        if dirty is not None and SANITIZER.search(r.err):
            dirty.append(' '.join(c))
    return out


def user_data(sb):
    """What the user made, as the commands list it."""
    return {' '.join(c): (r.rc, r.out) for c, r in
            ((c, sb.run(*c)) for c in (('favs', '--json'),
                                       ('playlists', '--json'),
                                       ('playlist', '--json', 'Mix'),
                                       ('drama', 'rules')))}


def pristine(sb, keep):
    """Copies the library (checkpointed into one file) and its user-data
    file into the folder `keep`."""
    os.makedirs(keep, exist_ok=True)
    for f in glob.glob(sb.db_path + '*') + [userdata_path(sb)]:
        if not f.endswith('scan-lock') and '.open-' not in f:
            shutil.copy(f, keep)
    con = sqlite3.connect(os.path.join(keep, 'library.db'))
    con.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    con.close()
    for f in glob.glob(os.path.join(keep, 'library.db-*')):
        os.unlink(f)


def put_back(sb, keep, flip=None):
    """Replaces the sandbox's library by the copy in `keep`; `flip(bytes)`
    may change the database's bytes on the way."""
    d = lib_dir(sb)
    for f in os.listdir(d):
        os.unlink(os.path.join(d, f))
    for name in ('library.db', 'library.userdata'):
        with open(os.path.join(keep, name), 'rb') as f:
            data = bytearray(f.read())
        if flip and name == 'library.db':
            flip(data)
        with open(os.path.join(d, name), 'wb') as f:
            f.write(data)
        sb.give_to_owner(os.path.join(d, name))


def random_flip(rng, log, leaves_only):
    """A flip of one byte at a random place of a random page (with
    `leaves_only`, of a page that holds rows or index entries: a b-tree
    leaf, type 13 or 10), never in the 100-byte file header."""
    def flip(data):
        size = int.from_bytes(data[16:18], 'big')
        size = 65536 if size == 1 else size
        pages = range(len(data) // size)
        if leaves_only:
            pages = [p for p in pages
                     if data[p * size + (100 if p == 0 else 0)] in (10, 13)]
        page = rng.choice(pages)
        start = page * size + (100 if page == 0 else 0)
        at = rng.randrange(start, (page + 1) * size)
        data[at] ^= rng.randrange(1, 256)
        log.append((page + 1, at))
    return flip


def flip_in(needle, nth=None):
    """A flip of one byte inside each place (or the nth) where `needle`
    is stored."""
    def flip(data):
        at = [m.start() for m in re.finditer(re.escape(needle), data)]
        if not at:
            raise RuntimeError('%r is not in the database' % needle)
        for a in (at if nth is None else [at[nth]]):
            data[a + 1] ^= 0x20
    return flip


def sqlite_says_damaged(sb):
    """Whether SQLite's own integrity_check finds anything (for the
    diagnostic: what the row checksums add)."""
    try:
        return sb.query('PRAGMA integrity_check') != [('ok',)]
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        return True	# it failed, or its findings hold broken text


def named(r):
    """The kinds a check's output names damaged."""
    return DAMAGED.findall(r.out.decode('utf-8', 'replace'))


def test_flips(h):
    sb = Sandbox(h, 'flips')
    try:
        make_library(sb)
        keep = os.path.join(sb.root, 'keep')
        pristine(sb, keep)
        put_back(sb, keep)
        want = reads(sb)
        r = sb.run('check')
        T.ok(r.rc == 0 and not named(r), 'flips: check of the undamaged '
             'library exits 0 and names nothing', 0, r)
        rng = random.Random(SEED)
        same = caught_same = caught_other = missed = odd = 0
        sqlite_missed = 0
        for i in range(RUNS):
            where = []
            put_back(sb, keep, random_flip(rng, where, i % 2 == 1))
            sqlite_saw = sqlite_says_damaged(sb)
            c = sb.run('check')
            dirty = ['check'] if SANITIZER.search(c.err) else []
            got = reads(sb, dirty)
            alike = got == want
            if c.rc == 0 and not named(c):
                if alike:
                    same += 1
                else:
                    missed += 1
                    T.diag('run %d: page %d byte %d changed answers and '
                           'check saw nothing: %r' % (i, *where[0], c))
            elif c.rc == 1 and named(c):
                if alike:
                    caught_same += 1
                else:
                    caught_other += 1
                    sqlite_missed += not sqlite_saw
            else:
                odd += 1
                T.diag('run %d: page %d byte %d: check said %r'
                       % (i, *where[0], c))
            crashed = dirty + [k for k, (rc, _) in got.items()
                               if rc < 0 or rc > 1]
            if crashed:
                odd += 1
                T.diag('run %d: page %d byte %d: %s ended by a signal, '
                       'with status >1 or a sanitizer report'
                       % (i, *where[0], crashed))
        T.diag('of %d runs with one byte changed: %d read the same with '
               'check saying ok; %d check named the damage (%d of them '
               'still read the same, %d not); %d went unnoticed; %d odd'
               % (RUNS, same, caught_same + caught_other, caught_same,
                  caught_other, missed, odd))
        T.diag('of the %d runs whose answers changed, SQLite\'s '
               'integrity_check alone saw nothing wrong in %d'
               % (caught_other + missed, sqlite_missed))
        T.eq(missed, 0, 'flips: no run where check exits 0 while a read '
             'command answers otherwise')
        T.eq(odd, 0, 'flips: check always exits 0 naming nothing or 1 '
             'naming a kind, and no read command dies')
        T.ok(caught_same + caught_other > 0, 'flips: check names damage in '
             'some of the %d runs' % RUNS)
    finally:
        sb.cleanup()


def test_repair(h):
    sb = Sandbox(h, 'repair')
    try:
        make_library(sb)
        keep = os.path.join(sb.root, 'keep')
        pristine(sb, keep)
        put_back(sb, keep)
        want_reads, want_user = reads(sb), user_data(sb)
        put_back(sb, keep, flip_in(b'Crush'))
        r = sb.run('check')
        T.ok(r.rc == 1 and 'favourites' in named(r) and
             r.err.strip() == "ostplay: the library is damaged: run "
             "'ostplay check --repair' to rebuild it",
             'repair: a favourite\'s artist changed: check exits 1 naming '
             'the favourites, and says what to do', 'favourites', r)
        r = sb.run('check', '--repair')
        out = r.out.decode('utf-8', 'replace')
        T.ok(r.rc == 0 and re.search(
            r'^Rebuilt the library: 157 tracks from 1 music folder; restored '
            r'3 favourites, 1 playlist \(3 entries\), 2 drama rules and 1 '
            r'music folder; the damaged one is kept as (.*\.damaged-\d{8}-'
            r'\d{6})\.$', out, re.M), 'repair: check --repair exits 0 '
            'with a one-line summary', 'Rebuilt the library: ...', r)
        m = re.search(r'kept as (.*)\.$', out, re.M)
        T.ok(m and os.path.exists(m.group(1)), 'repair: the damaged '
             'library is kept where the summary says', m and m.group(1))
        T.eq(user_data(sb), want_user, 'repair: favourites, the playlist '
             'and the drama rules are exactly as before')
        T.eq(reads(sb), want_reads, 'repair: tracks --json, dramas and '
             'favs answer exactly as before the damage')
        r = sb.run('check')
        T.ok(r.rc == 0 and not named(r), 'repair: check of the rebuilt '
             'library exits 0', 0, r)

        # A file that is no database at all: SQLite's own error says so.
        def trash(data):
            data[:4096] = b'\xff' * 4096
        put_back(sb, keep, trash)
        r = sb.run('tracks')
        T.ok(r.rc == 1 and len(r.err_lines()) == 1 and
             r.err_lines()[0].endswith("file is not a database; the library "
                                       "looks damaged: run 'ostplay check "
                                       "--repair'"),
             'repair: a library overwritten with junk: tracks says in one '
             'line that it looks damaged and to run check --repair',
             '... looks damaged ...', r)
        r = sb.run('check')
        T.ok(r.rc == 1 and 'library: damaged: cannot be read (file is not '
             'a database)' in r.out.decode(), 'repair: ... check says the '
             'library cannot be read, exit 1', 'library: damaged', r)
        r = sb.run('check', '--repair')
        T.ok(r.rc == 0 and user_data(sb) == want_user and
             reads(sb) == want_reads, 'repair: ... and check --repair '
             'rebuilds it as it was', 0, r)
    finally:
        sb.cleanup()


def dead_pid():
    p = subprocess.Popen(['true'])
    p.wait()
    return p.pid


def markers(sb):
    return glob.glob(sb.db_path + '.open-*')


def test_unclean(h):
    sb = Sandbox(h, 'unclean')
    try:
        fx.make_bulk_library(os.path.join(sb.music, 'bulk'), 600)
        proc = sb.popen('scan', sb.music)
        deadline = time.monotonic() + 60
        while not markers(sb) and proc.poll() is None and \
                time.monotonic() < deadline:
            time.sleep(0.001)
        killed = proc.poll() is None and markers(sb)
        if killed:
            os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
        if not killed:
            T.skip('unclean: a scan killed midway', 'the scan ended before '
                   'it could be killed')
        else:
            T.ok(markers(sb), 'unclean: a scan killed by SIGKILL leaves its '
                 'marker')
            said = ('ostplay: the library was not closed cleanly; checked '
                    'it: no damage found')
            r = sb.run('tracks')
            T.ok(r.rc == 0 and r.err_lines().count(said) == 1,
                 'unclean: the next command checks the library and says so '
                 'in one line', said, r)
            T.eq(markers(sb), [], 'unclean: ... and the marker is gone')
            r = sb.run('tracks')
            T.ok(r.rc == 0 and 'closed cleanly' not in r.err,
                 'unclean: the command after that says nothing of it', '',
                 r)

        paths = make_library(sb)
        keep = os.path.join(sb.root, 'keep')
        pristine(sb, keep)
        put_back(sb, keep, flip_in(paths['bulk title'].encode(), 0))
        marker = '%s.open-%d-1' % (sb.db_path, dead_pid())
        open(marker, 'w').close()
        sb.give_to_owner(marker)
        want = re.compile(r"^ostplay: the library was not closed cleanly "
                          r"and looks damaged \(.*tracks: .*\): run "
                          r"'ostplay check --repair'$")
        for n in ('next', 'one after')[:2]:
            r = sb.run('dramas')
            T.ok(any(want.match(l) for l in r.err_lines()),
                 'unclean: a marker left by a process that is gone, on a '
                 'library with a changed byte in a title: the %s command '
                 'says it looks damaged and to run check --repair' % n,
                 want.pattern, r)
        r = sb.run('check', '--repair')
        T.eq(r.rc, 0, 'unclean: check --repair exits 0')
        r = sb.run('dramas')
        T.ok(r.rc == 0 and r.err == '' and markers(sb) == [],
             'unclean: after the repair, no marker and nothing said', '',
             (r, markers(sb)))
    finally:
        sb.cleanup()


def records(sb):
    with open(userdata_path(sb), encoding='utf-8') as f:
        lines = f.read().splitlines()
    kinds = {}
    for l in lines[1:]:
        if l and not l.startswith('#'):
            k = l.split('\t')[0]
            kinds[k] = kinds.get(k, 0) + 1
    return lines[0], kinds


def remove_library(sb):
    for f in glob.glob(sb.db_path + '*'):
        if not f.endswith('scan-lock'):
            os.unlink(f)


def test_userdata(h):
    sb = Sandbox(h, 'userdata')
    try:
        paths = make_library(sb)
        full = {'music-dir': 1, 'favorite': 3, 'playlist': 1, 'entry': 3,
                'rule': 2}
        T.eq(records(sb), ('ostplay user data 1', full), 'userdata: the '
             'file beside the library holds a versioned first line and '
             'every record')
        sb.run('fav', 'rm', paths['Beautiful'])
        T.eq(records(sb)[1].get('favorite'), 2, 'userdata: a favourite '
             'removed leaves the file at once')
        sb.run('fav', 'add', paths['Beautiful'])
        T.eq(records(sb)[1], full, 'userdata: ... and added again, comes '
             'back')
        want_reads, want_user = reads(sb), user_data(sb)

        remove_library(sb)
        r = sb.run('scan')
        T.ok(r.rc == 0 and 'ostplay: a new library: restored 3 favourites, '
             '1 playlist (3 entries), 2 drama rules and 1 music folder from '
             'the user data kept beside it' in r.err_lines(),
             'userdata: the library deleted, a plain scan says what it '
             'restored', 'a new library: restored ...', r)
        T.eq(user_data(sb), want_user, 'userdata: ... favourites, playlist '
             'and rules exactly as before')
        T.eq(reads(sb), want_reads, 'userdata: ... and every track as '
             'before')

        with open(userdata_path(sb), 'a', encoding='utf-8') as f:
            f.write('favorite\tnot a number\t500\tk\t/x\t\\N\t\\N\t\\N\n'
                    'rule\tkey\tbad escape \\q\t\\N\n'
                    'entry\t500\tt\x1ekey\t/no/playlist/above.flac\n'
                    'nonsense\n')
        r = sb.run('check')
        T.ok(r.rc == 1 and 'user data file' in named(r) and
             '4 bad lines' in r.out.decode(), 'userdata: check names 4 '
             'bad lines in the user data file', '4 bad lines', r)
        remove_library(sb)
        r = sb.run('scan')
        T.ok(r.rc == 0 and any('restored 3 favourites' in l and
                               '4 bad lines skipped' in l
                               for l in r.err_lines()),
             'userdata: a rebuild from it skips the 4 bad lines with a '
             'count', '4 bad lines skipped', r)
        T.eq(user_data(sb), want_user, 'userdata: ... and restores the rest '
             'exactly')
        r = sb.run('check', '--repair')
        r = sb.run('check')
        T.ok(r.rc == 0 and not named(r), 'userdata: check --repair writes '
             'the file afresh, without them', 0, r)
        os.unlink(userdata_path(sb))
        sb.run('tracks')
        T.eq(records(sb)[1], full, 'userdata: a file deleted by hand is '
             'written again by the next command')
    finally:
        sb.cleanup()


def test_readonly(h):
    sb = Sandbox(h, 'readonly')
    try:
        if not sb.can_deny:
            T.skip('readonly', 'running as root without setpriv')
            return
        make_library(sb)
        d = lib_dir(sb)
        for f in os.listdir(d):
            os.chmod(os.path.join(d, f), 0o444)
        os.chmod(d, 0o555)
        try:
            r = sb.run('check')
            T.ok(r.rc == 0 and 'tracks: ok (' in r.out.decode(),
                 'readonly: check of a library the user may not write '
                 'exits 0, tracks ok', 0, r)
            r = sb.run('check', '--repair')
            T.ok(r.rc == 1 and len(r.err_lines()) == 1 and re.match(
                r"^ostplay: cannot repair: cannot change the library \(no "
                r"permission to write .*\)$", r.err_lines()[0]),
                'readonly: check --repair exits 1 saying why it cannot',
                'cannot repair: ... no permission ...', r)
            T.ok(os.path.exists(sb.db_path), 'readonly: ... and the library '
                 'is where it was')
        finally:
            os.chmod(d, 0o755)
    finally:
        sb.cleanup()


GROUPS = [('flips', test_flips), ('repair', test_repair),
          ('unclean', test_unclean), ('userdata', test_userdata),
          ('readonly', test_readonly)]


def main():
    h = Harness(T, 'check')
    T.run_groups(GROUPS, sys.argv[1:], h)
    return T.finish()


if __name__ == '__main__':
    sys.exit(main())
