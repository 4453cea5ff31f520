#!/usr/bin/python3
"""Integration test of `ostplay export`, with TAP output.

Usage: OSTPLAY=build/ostplay /usr/bin/python3 tests/test-export.py

Goblin's songs are generated as short FLAC tones in a folder and under
file names with Hangul, spaces, '#' and '%' (what URIs must encode), and
scanned; then each export is read back: XSPF by the schema (xmllint
--relaxng with ../shared/data/xspf-1_0.rng, when that file and xmllint
exist), its locations by RFC 3986's grammar and back to the very files,
M3U8 line by line.  Failures must leave no file and keep an old one whole.

Then a real other player must play them: VLC (cvlc, from Debian's vlc-bin
and vlc-plugin-base) plays the XSPF export and the --relative one, and
each tone must come out of it, in order and whole.  The group is skipped
when cvlc is missing, or when running as root without setpriv (VLC
refuses to run as root).
"""

import os
import re
import select
import sqlite3
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import audio  # noqa: E402
import fixtures as fx  # noqa: E402
from sandbox import XSPF_SCHEMA as SCHEMA, Harness, Sandbox, xmllint  # noqa: E402,E501
from taphelper import Tap  # noqa: E402

T = Tap()
NS = {'x': 'http://xspf.org/ns/0/', 'o': 'urn:x-ostplay:export:1'}
GOBLIN = [('Stay With Me', ['Chanyeol', 'Punch'], 1),
          ('Beautiful', ['Crush'], 4),
          ('Hush', ['Lasse Lindh'], 5)]
FOLDER = '도깨비 OST #1 100% mix'
TONE_HZ = [300 + 150 * i for i in range(len(GOBLIN))]
TONE_SECONDS = 0.5
VLC_TIMEOUT = 60	# a hang guard only; VLC plays the 1.5 s in under 1 s
# RFC 3986: a URI's characters are unreserved, reserved or %XX escapes.
URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-F]{2})*$")


def make_music(sb):
    folder = os.path.join(sb.music, FOLDER)
    os.makedirs(folder)
    paths = []
    for i, (title, artists, part) in enumerate(GOBLIN):
        path = os.path.join(folder, '%02d. %s #%d 50%% 도깨비.flac'
                            % (i + 1, title, i + 1))
        fx.encode_tone(path, 'flac', TONE_HZ[i], TONE_SECONDS)
        fx.tag(path, title=title, artists=artists,
               album='Goblin OST Part.%d' % part, track=1, year=2016)
        paths.append(path)
    return paths




def check_xspf(sb, path, paths, what, relative_to=None):
    v = xmllint(path)
    if v is None:
        T.skip('%s: valid against xspf-1_0.rng' % what,
               'xmllint or %s missing' % SCHEMA)
    else:
        T.ok(v[0], '%s: valid against xspf-1_0.rng' % what, 'valid', v[1])
    root = ET.parse(path).getroot()
    T.eq(root.tag, '{%s}playlist' % NS['x'], '%s: root is an XSPF playlist'
         % what)
    T.eq(root.findtext('x:title', namespaces=NS), 'Goblin',
         '%s: playlist title' % what)
    T.ok(root.findtext('x:creator', namespaces=NS) and
         re.match(r'\d{4}-\d\d-\d\dT', root.findtext('x:date', '',
                                                      namespaces=NS)),
         '%s: creator and an ISO 8601 date' % what)
    tracks = root.findall('x:trackList/x:track', NS)
    locs = [t.findtext('x:location', namespaces=NS) for t in tracks]
    T.ok(all(loc and URI_CHARS.match(loc) for loc in locs),
         '%s: every location is RFC 3986 (Hangul, space, #, %% escaped)'
         % what, 'escaped', locs)
    if relative_to is None:
        back = [urllib.parse.unquote(loc[len('file://'):])
                if loc.startswith('file:///') else None for loc in locs]
    else:
        back = [os.path.normpath(os.path.join(
            relative_to, urllib.parse.unquote(loc))) for loc in locs]
    T.eq(back, paths, '%s: locations lead back to the files, in catalog '
         'order' % what)
    T.eq([t.findtext('x:title', namespaces=NS) for t in tracks],
         [g[0] for g in GOBLIN], '%s: titles' % what)
    T.eq([t.findtext('x:creator', namespaces=NS) for t in tracks],
         [', '.join(g[1]) for g in GOBLIN], '%s: creators' % what)
    T.eq([t.findtext('x:album', namespaces=NS) for t in tracks],
         ['Goblin OST Part.%d' % g[2] for g in GOBLIN], '%s: albums' % what)
    T.eq([t.findtext('x:trackNum', namespaces=NS) for t in tracks],
         ['1'] * len(GOBLIN), '%s: trackNum' % what)
    durations = [int(t.findtext('x:duration', '0', namespaces=NS))
                 for t in tracks]
    T.ok(all(abs(d - 500) <= 60 for d in durations),
         '%s: durations in ms' % what, 500, durations)
    T.eq([t.findtext('x:extension/o:drama', namespaces=NS) for t in tracks],
         ['Goblin'] * len(GOBLIN), '%s: extension names the drama' % what)


def vlc_play(sb, playlist):
    """Plays `playlist` through cvlc as the binary's user; returns (exit
    status, or None after VLC_TIMEOUT; the audio as a Pcm; stderr).

    VLC's file output (afile) reopens its file for every entry, which would
    leave only the last one in a regular file, so it writes into a FIFO
    that we hold open read-write for the whole run: the entries' raw s16
    mono samples arrive one after another, and no EOF comes in between."""
    vlc = tempfile.mkdtemp(prefix='vlc-', dir=sb.root)
    fifo = os.path.join(vlc, 'audio.fifo')
    os.mkfifo(fifo, 0o600)
    sb.give_to_owner(vlc, fifo)
    # VLC's config, cache and media library go to a temporary home, and it
    # is kept off any desktop session (D-Bus, display) of whoever runs this.
    env = dict(sb.env, HOME=vlc, XDG_CONFIG_HOME=os.path.join(vlc, 'config'),
               XDG_CACHE_HOME=os.path.join(vlc, 'cache'),
               XDG_DATA_HOME=os.path.join(vlc, 'data'))
    for k in ('DISPLAY', 'WAYLAND_DISPLAY', 'DBUS_SESSION_BUS_ADDRESS'):
        env.pop(k, None)
    cmd = sb.h.priv.prefix + [
        shutil.which('cvlc'), '-I', 'dummy', '--play-and-exit',
        '--ignore-config', '--no-dbus', '--no-metadata-network-access',
        '--no-random', '--no-loop', '--no-repeat',
        '-A', 'afile', '--audiofile-file=' + fifo, '--audiofile-format=s16',
        '--audiofile-channels=1', '--no-audiofile-wav', playlist]
    raw = bytearray()
    fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
    try:
        with open(os.path.join(vlc, 'stderr'), 'w+b') as err:
            p = subprocess.Popen(cmd, env=env, cwd=vlc,
                                 stdin=subprocess.DEVNULL, stdout=err,
                                 stderr=err)
            deadline = time.monotonic() + VLC_TIMEOUT
            while True:
                exited = p.poll() is not None
                select.select([fd], [], [], 0.05)
                while True:	# the FIFO holds only 64 KiB: keep it empty
                    try:
                        chunk = os.read(fd, 65536)
                    except BlockingIOError:
                        break
                    if not chunk:
                        break
                    raw += chunk
                if exited:
                    rc = p.returncode
                    break
                if time.monotonic() > deadline:
                    p.kill()
                    p.wait()
                    rc = None
                    break
            err.seek(0)
            # Without the interfaces a desktop has (global hotkeys need
            # X11) VLC complains at every start; keep what is about the
            # playlist.
            stderr = '\n'.join(
                line for line in err.read().decode('utf-8', 'replace')
                .splitlines() if ' interface' not in line)
    finally:
        os.close(fd)
    with open(os.path.join(vlc, 'audio.raw'), 'wb') as f:
        f.write(raw)
    # afile keeps the source's rate: that of the FLAC tones.
    pcm = audio.read_raw(os.path.join(vlc, 'audio.raw'),
                         rate=fx.sample_rate('flac'), channels=1, bits=16)
    return rc, pcm, stderr


def check_vlc(sb, playlists):
    """VLC plays each of `playlists` ((what, path)): every entry, in
    order, whole.  The proof is the sound: the files are tones of
    TONE_HZ, so an entry VLC could not open (a location it reads to
    another path) is a missing tone, and one played twice or cut short
    a wrong length.  VLC's exit status proves little (0 even when no
    entry opens); it catches crashes and hangs.

    VLC refuses root, so as root it runs as the binary's user (nobody, by
    the harness's setpriv), who can read the music and the playlists:
    ostplay scanned and wrote them as that user."""
    why = None
    if not shutil.which('cvlc'):
        why = 'cvlc missing (Debian: vlc-bin vlc-plugin-base)'
    elif os.geteuid() == 0 and not sb.h.priv.dropped:
        why = 'running as root without setpriv, and VLC refuses root'
    for what, path in playlists:
        if why:
            T.skip('vlc: %s: cvlc exits 0' % what, why)
            T.skip('vlc: %s: VLC plays all %d entries, in order, whole'
                   % (what, len(TONE_HZ)), why)
            continue
        rc, pcm, stderr = vlc_play(sb, path)
        T.ok(rc == 0, 'vlc: %s: cvlc exits 0' % what,
             'rc 0 within %d s' % VLC_TIMEOUT,
             'rc %r, stderr %r' % (rc, stderr))
        got = audio.tones(audio.runs(pcm, TONE_HZ))
        T.ok([f for f, _ in got] == TONE_HZ and
             all(abs(sec - TONE_SECONDS) <= 0.1 for _, sec in got),
             'vlc: %s: VLC plays all %d entries, in order, whole'
             % (what, len(TONE_HZ)),
             ', '.join('%d Hz %.2fs' % (f, TONE_SECONDS) for f in TONE_HZ),
             '%s; stderr %r' % (audio.describe(audio.runs(pcm, TONE_HZ)),
                                stderr))


def run_into(sb, target, *args):
    """Runs the binary with stdout written to the file `target`; returns
    (exit status, stderr lines)."""
    with open(target, 'wb') as out:
        p = subprocess.run(sb.cmd(*args), env=sb.env, cwd=sb.root,
                           stdin=subprocess.DEVNULL, stdout=out,
                           stderr=subprocess.PIPE, timeout=120)
    return p.returncode, p.stderr.decode('utf-8', 'replace').splitlines()


def check_full_output(sb, paths):
    """Every command that prints, into /dev/full: exit 1 and one line."""
    sb.run('fav', 'add', paths[0])
    playlist = os.path.join(sb.root, 'trip.xspf')
    sb.run('export', 'Goblin', '-o', playlist)
    sb.run('import', playlist, '--name', 'Trip')
    want = ['ostplay: cannot write the output: No space left on device']
    for args in [('tracks',), ('tracks', '--json'), ('dramas',),
                 ('dramas', '--json'), ('favs',), ('favs', '--json'),
                 ('export', 'Goblin'), ('export', 'Goblin', '--format',
                                        'm3u8'),
                 ('playlists',), ('playlists', '--json'),
                 ('playlist', 'Trip'), ('explain', paths[0]),
                 ('shuffle', '--print', '--seed', '1'), ('--help',),
                 ('--version',)]:
        rc, err = run_into(sb, '/dev/full', *args)
        name = ' '.join(args).replace(paths[0], 'FILE')
        T.ok(rc == 1 and err == want, '%s > /dev/full: exit 1, one line '
             'saying so' % name, 'rc 1, %r' % want,
             'rc %r, %r' % (rc, err))


AS_STORED = re.compile(r'^ostplay: .*; showing the library as last stored$')
READ_ONLY = re.compile(r'^ostplay: the library is read-only \(.+\); showing '
                       r'the library as last stored$')
CANNOT_CHANGE = re.compile(r'^ostplay: cannot change the library \(.+\)$')


def read_commands(paths):
    """Commands that only read, none printing the date (XSPF does)."""
    return [('tracks',), ('tracks', '--json'), ('dramas',), ('favs',),
            ('export', 'Goblin', '--format', 'm3u8'), ('playlist', 'Trip'),
            ('explain', paths[0]), ('shuffle', '--print', '--seed', '1')]


def write_commands(sb, paths):
    return [('scan',), ('fav', 'rm', paths[0]),
            ('import', os.path.join(sb.root, 'trip.xspf')),
            ('playlist', 'rm', 'Trip')]


def check_reads(sb, paths, before, notice, what, quiet=()):
    """Every read command prints what it printed `before`, and says the
    one line `notice` (a pattern) on stderr; those named in `quiet`, which
    store nothing, say nothing."""
    for args in read_commands(paths):
        r = sb.run(*args)
        name = ' '.join(args).replace(paths[0], 'FILE')
        lines = [x for x in r.err_lines() if not x.startswith('seed ')]
        said = not lines if args[0] in quiet else \
            len(lines) == 1 and notice.match(lines[0])
        T.ok(r.rc == 0 and r.out == before[args] and said,
             '%s: %s works%s' % (what, name, ', quietly' if args[0] in quiet
                                 else ', with one line that says so'),
             'rc 0, the same output, %s' % notice.pattern, r)


def check_writes(sb, paths, what):
    for args in write_commands(sb, paths):
        r = sb.run(*args)
        name = ' '.join(args).replace(paths[0], 'FILE').replace(
            sb.root, 'ROOT')
        T.ok(r.rc == 1 and len(r.err_lines()) == 1 and
             CANNOT_CHANGE.match(r.err_lines()[0]), '%s: %s refuses, in '
             'one line saying why' % (what, name), 'rc 1, %s'
             % CANNOT_CHANGE.pattern, r)


def chmod_tree(top, files, dirs):
    for d, subdirs, names in os.walk(top):
        os.chmod(d, dirs)
        for n in names:
            os.chmod(os.path.join(d, n), files)


def check_read_only(sb, paths, before):
    """A library the user cannot write: read commands show it (plain, and
    immutable when SQLite cannot make the -shm file), writes refuse."""
    if not sb.can_deny:
        T.skip('read-only library', 'permissions do not hold for root')
        return
    folder = os.path.dirname(sb.db_path)
    try:
        os.chmod(folder, 0o500)
        check_reads(sb, paths, before, READ_ONLY, 'folder not writable')
        check_writes(sb, paths, 'folder not writable')
        chmod_tree(sb.data, 0o444, 0o555)
        check_reads(sb, paths, before, READ_ONLY, 'library read-only')
        check_writes(sb, paths, 'library read-only')
        T.eq(sorted(os.listdir(folder)), ['library.db',
                                           'library.db.scan-lock',
                                           'library.userdata'],
             'read-only: nothing was written next to the library')
    finally:
        chmod_tree(sb.data, 0o644, 0o755)

    # The immutable open names the library by URI: these must be escaped.
    odd = os.path.join(sb.root, 'data #1 100% ?x')
    shutil.copytree(sb.data, odd)
    chmod_tree(odd, 0o444, 0o555)
    env = sb.env
    sb.env = dict(env, XDG_DATA_HOME=odd)
    try:
        r = sb.run('tracks')
    finally:
        sb.env = env
        chmod_tree(odd, 0o644, 0o755)
    T.ok(r.rc == 0 and r.out == before[('tracks',)] and
         len(r.err_lines()) == 1 and READ_ONLY.match(r.err_lines()[0]),
         "read-only: a library in a folder named with '#', '%' and '?' "
         "is read too", 'rc 0, the same output', r)

    old = os.path.join(sb.root, 'old-data')
    os.makedirs(os.path.join(old, 'ostplay'))
    copy = os.path.join(old, 'ostplay', 'library.db')
    shutil.copy(sb.db_path, copy)
    con = sqlite3.connect(copy)	# ours: a copy, out of the binary's reach
    con.execute('PRAGMA user_version = 3')
    con.commit()
    con.close()
    chmod_tree(old, 0o444, 0o555)
    env = sb.env
    sb.env = dict(env, XDG_DATA_HOME=old)
    try:
        r = sb.run('tracks')
    finally:
        sb.env = env
        chmod_tree(old, 0o644, 0o755)
    T.ok(r.rc == 1 and len(r.err_lines()) == 1 and
         'older ostplay' in r.err and 'with write access' in r.err,
         'a read-only library of an older schema: one line, upgrade it '
         'with write access', 'rc 1', r)


def fill(folder, leave):
    """Fills the file system of `folder` until `leave` bytes are free (at
    most), or none."""
    fd = os.open(os.path.join(folder, 'filler'),
                 os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        while True:
            st = os.statvfs(folder)
            room = st.f_bavail * st.f_frsize - leave
            if room <= 0:
                break
            os.write(fd, b'\0' * min(room, 65536))
    except OSError:
        pass
    finally:
        os.close(fd)


def check_full_disk(sb, paths, before):
    """The library on a full disk (a small tmpfs, so as root): read
    commands show it as last stored, whether the disk fills as they store
    their match results or already has no room for SQLite's -shm file."""
    disk = os.path.join(sb.root, 'full')
    os.mkdir(disk)
    if os.geteuid() != 0 or subprocess.run(
            ['mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk],
            stderr=subprocess.DEVNULL).returncode != 0:
        T.skip('full disk', 'cannot mount a tmpfs (not root)')
        return
    env = sb.env
    try:
        os.mkdir(os.path.join(disk, 'ostplay'))
        shutil.copy(sb.db_path, os.path.join(disk, 'ostplay'))
        sb.give_to_owner(disk, os.path.join(disk, 'ostplay'),
                         os.path.join(disk, 'ostplay', 'library.db'))
        # The next command matches every track again, and stores it.
        with sb.as_owner():
            con = sqlite3.connect(os.path.join(disk, 'ostplay',
                                               'library.db'))
            con.execute("UPDATE setting SET value = 'stale'"
                        " WHERE key = 'match-stamp'")
            con.commit()
            con.close()
        # Room for the -shm file (32 KiB), not for every track's match.
        fill(disk, 40 * 1024)
        sb.env = dict(env, XDG_DATA_HOME=disk)
        r = sb.run('tracks')
        T.ok(r.rc == 0 and r.out == before[('tracks',)] and
             r.err_lines() == ['ostplay: could not store the match '
                               'results (%s: COMMIT: database or disk is '
                               'full); showing the library as last stored'
                               % os.path.join(disk, 'ostplay',
                                              'library.db')],
             'full disk: tracks shows the library as last stored, saying '
             'once that it could not store the match results', 'rc 0', r)
        check_reads(sb, paths, before, AS_STORED, 'full disk',
                    quiet=('explain',))
        for args in write_commands(sb, paths):
            r = sb.run(*args)
            name = ' '.join(args).replace(paths[0], 'FILE').replace(
                sb.root, 'ROOT')
            T.ok(r.rc == 1 and len(r.err_lines()) == 1 and
                 r.err.endswith('database or disk is full\n'),
                 'full disk: %s fails in one line saying the disk is full'
                 % name, 'rc 1, one line', r)
        fill(disk, 0)
        check_reads(sb, paths, before, AS_STORED, 'no room at all')
        check_writes(sb, paths, 'no room at all')
    finally:
        sb.env = env
        subprocess.run(['umount', disk])


def leftovers(folder):
    return [f for f in os.listdir(folder) if '.xspf.' in f or '.m3u8.' in f]


# Dramas whose titles FAT, exFAT and Windows refuse as file names: a
# curated one, two user catalogs whose titles make one name (cut to 200
# bytes: titles apart only in punctuation or case are one drama to the
# catalogs), and a device name.  Each: title, song, performer, and a user
# catalog's short alias (None: a curated drama).
LONG = ' '.join(['The Long Winter of the Northern Lighthouse Keepers'] * 4)
AWKWARD = [('Who Are You: School 2015', 'Reset', 'Tiger JK', None),
           (LONG + ' Season One', 'Alpha Song', 'Singer Kim', 'Keepers One'),
           (LONG + ' Season Two', 'Beta Song', 'Singer Lee', 'Keepers Two'),
           ('Con', 'Gamma Song', 'Singer Park', 'Con')]
FAT_REFUSES = re.compile(r'[\x00-\x1f:?*"<>|\\]|[. ]$|'
                         r'^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])( *\.|$)',
                         re.IGNORECASE)


def user_catalog(sb, title, song, performer, alias):
    folder = os.path.join(sb.data, 'ostplay', 'catalogs')
    os.makedirs(folder, exist_ok=True)
    sb.give_to_owner(os.path.dirname(folder), folder)
    name = 'user-%d.xspf' % len(os.listdir(folder))
    with open(os.path.join(folder, name), 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<playlist version="1" xmlns="http://xspf.org/ns/0/">'
                '<title>%s</title><extension application="urn:x-ostplay:'
                'catalog:1"><drama xmlns="urn:x-ostplay:catalog:1" '
                'year="2020" network="tvN" country="KR"><alias>%s</alias>'
                '</drama></extension><trackList><track><title>%s</title>'
                '<creator>%s</creator></track></trackList></playlist>\n'
                % tuple(x.replace('&', '&amp;').replace('<', '&lt;')
                        for x in (title, alias, song, performer)))


def check_portable_names(h):
    """export --all names every file so that a FAT or exFAT drive (a phone,
    an SD card) and Windows take it, readable, and no two dramas share
    one."""
    sb = Sandbox(h, 'names')
    try:
        for i, (title, song, performer, alias) in enumerate(AWKWARD):
            if alias:
                user_catalog(sb, title, song, performer, alias)
            album = (alias or title) + ' OST Part.1'
            path = os.path.join(sb.music, '%02d %s.flac' % (i, song))
            fx.encode_tone(path, 'flac', 300 + 100 * i, TONE_SECONDS)
            fx.tag(path, title=song, artists=[performer], album=album)
        r = sb.run('scan', sb.music)
        T.ok(r.rc == 0, 'names: scan exits 0', 'rc 0', r)
        every = os.path.join(sb.root, 'card')
        os.mkdir(every)
        sb.give_to_owner(every)
        r = sb.run('export', '--all', every)
        T.ok(r.rc == 0, 'names: export --all exits 0', 'rc 0', r)
        names = sorted(os.listdir(every))
        T.eq([n for n in names if FAT_REFUSES.search(n[:-len('.xspf')])
              or FAT_REFUSES.search(n)], [],
             "names: no name FAT, exFAT or Windows refuses")
        T.ok('Who Are You - School 2015.xspf' in names,
             'names: "Who Are You: School 2015" is written as "Who Are You '
             '- School 2015.xspf"', 'that name', names)
        T.ok('Con_.xspf' in names, 'names: a drama called Con is no '
             'device name (Con_.xspf)', 'Con_.xspf', names)
        titles = sorted(ET.parse(os.path.join(every, n)).getroot()
                        .findtext('x:title', namespaces=NS) for n in names)
        T.eq(titles, sorted(a[0] for a in AWKWARD),
             'names: one file per drama, none overwritten by another whose '
             'title makes the same name')
        T.eq(sorted(r.out.decode().splitlines()),
             sorted(os.path.join(every, n) for n in names),
             'names: it prints the files it wrote')
    finally:
        sb.cleanup()


def main():
    h = Harness(T, 'export')
    sb = Sandbox(h, 'export')
    try:
        paths = make_music(sb)
        r = sb.run('scan', sb.music)
        T.eq(r.rc, 0, 'scan exits 0')
        out_dir = os.path.join(sb.root, 'out')
        os.mkdir(out_dir)
        sb.give_to_owner(out_dir, os.path.join(sb.music, FOLDER))

        xspf = os.path.join(out_dir, 'goblin.xspf')
        r = sb.run('export', 'Goblin', '-o', xspf)
        T.ok(r.rc == 0 and os.path.exists(xspf), 'export Goblin -o FILE '
             'writes it', 'rc 0', r)
        if os.path.exists(xspf):
            check_xspf(sb, xspf, paths, 'xspf')

        r = sb.run('export', '도깨비')
        T.ok(r.rc == 0 and r.out.startswith(b'<?xml'), 'export by alias, '
             'without -o, prints the XSPF', 'rc 0', r)

        near = os.path.join(sb.music, FOLDER, 'goblin.xspf')
        r = sb.run('export', 'Goblin', '--relative', '-o', near)
        T.eq(r.rc, 0, 'export --relative exits 0')
        if os.path.exists(near):
            check_xspf(sb, near, paths, 'relative',
                       relative_to=os.path.dirname(near))
            root = ET.parse(near).getroot()
            locs = [t.findtext('x:location', namespaces=NS)
                    for t in root.findall('x:trackList/x:track', NS)]
            T.ok(all(not loc.startswith('file:') and '/' not in loc
                     for loc in locs), 'relative: next to the music, '
                 'locations are bare file names', 'no scheme', locs)

        m3u = os.path.join(out_dir, 'goblin.m3u8')
        r = sb.run('export', 'Goblin', '-o', m3u)
        T.eq(r.rc, 0, 'export -o FILE.m3u8 exits 0')
        lines = open(m3u, encoding='utf-8').read().splitlines() \
            if os.path.exists(m3u) else []
        T.eq(lines[:1], ['#EXTM3U'], 'm3u8: starts with #EXTM3U')
        infos = [x for x in lines if x.startswith('#EXTINF:')]
        T.eq([re.sub(r'^#EXTINF:\d+,', '', x) for x in infos],
             ['%s - %s' % (', '.join(g[1]), g[0]) for g in GOBLIN],
             'm3u8: one #EXTINF per track: seconds, creator - title')
        T.eq([x for x in lines if not x.startswith('#')], paths,
             'm3u8: the files, absolute, in catalog order')

        r = sb.run('export', 'Goblin', '--format', 'm3u8', '--relative',
                   '-o', os.path.join(out_dir, 'rel.list'))
        lines = open(os.path.join(out_dir, 'rel.list'),
                     encoding='utf-8').read().splitlines() \
            if r.rc == 0 else []
        T.eq([os.path.normpath(os.path.join(out_dir, x)) for x in lines
              if not x.startswith('#')], paths,
             '--format m3u8 --relative: paths relative to the playlist')

        old = os.path.join(out_dir, 'signal.xspf')
        with open(old, 'w') as f:
            f.write('old contents\n')
        r = sb.run('export', 'Signal', '-o', old)
        T.ok(r.rc == 1 and 'Signal' in r.err and r.err.count('\n') == 1,
             'a drama with no local tracks: one line, exit 1', 'rc 1', r)
        T.eq(open(old).read(), 'old contents\n', '... and the old file is '
             'left whole')
        r = sb.run('export', 'Signal', '-o',
                   os.path.join(out_dir, 'none.xspf'))
        T.ok(not os.path.exists(os.path.join(out_dir, 'none.xspf')),
             '... and no new file is written')
        T.eq(leftovers(out_dir), [], 'no temporary files are left behind')

        r = sb.run('export', 'Goblin', '--format', 'wav')
        T.eq(r.rc, 2, 'an unknown --format is a usage error')
        r = sb.run('export')
        T.eq(r.rc, 2, 'export with neither a drama nor --all is a usage '
             'error')

        every = os.path.join(out_dir, 'all')
        r = sb.run('export', '--all', every)
        T.eq(r.rc, 0, 'export --all DIR exits 0')
        T.eq(sorted(os.listdir(every)) if os.path.isdir(every) else None,
             ['Goblin.xspf'], '--all: one file per drama with local tracks')
        if os.path.exists(os.path.join(every, 'Goblin.xspf')):
            check_xspf(sb, os.path.join(every, 'Goblin.xspf'), paths, 'all')

        check_full_output(sb, paths)
        before = {args: sb.run(*args).out for args in read_commands(paths)}
        check_read_only(sb, paths, before)
        check_full_disk(sb, paths, before)
        check_vlc(sb, [('xspf', xspf), ('relative', near)])
    finally:
        sb.cleanup()
    check_portable_names(h)
    return T.finish()


if __name__ == '__main__':
    sys.exit(main())
