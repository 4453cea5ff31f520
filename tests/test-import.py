#!/usr/bin/python3
"""Integration test of `ostplay import`, with TAP output.

Usage: OSTPLAY=build/ostplay /usr/bin/python3 tests/test-import.py [GROUP...]

`ostplay import FILE.xspf|FILE.m3u8 [--name NAME]` resolves each entry of
another player's playlist to a library track, by its location first and
then, XSPF's content resolution, by title, creator and album; it saves the
result as a playlist the daemon serves (`listplaylist`, `load`,
`listplaylists`, `ostplay play NAME`) and says what it could not resolve.
What a user sees is the saved playlist, so every group checks it where a
user would meet it: over the daemon's socket (a real `ostplay daemon` per
group, `mpv.ao = null`), through mpc, and in the queue after `ostplay play
NAME`, never only in ostplay's own printout.

Groups:
  roundtrip  ostplay's own exports come back whole: XSPF and M3U8,
             absolute and --relative, a drama, --favorites and --queue,
             from files whose folder and names hold Hangul, spaces, '#',
             '%' and "%41" (an escape if anyone wrongly decoded it).
  xspf, m3u8 other players' playlists: file://localhost/ URIs, lower-case
             escapes, relative locations, a path through a symlink, moved
             files found by their tags, a creator written another way, a
             title two songs share, http:// entries (never fetched),
             entries that match nothing or name a file never scanned; M3U8
             with a BOM, CRLF, #PLAYLIST, #EXTINF "Artist - Title", Windows
             paths, '%' and '#' taken literally.  The summary line's counts
             and the "not found" report.
  saved      saved playlists follow their songs through a move and rename
             plus a re-scan; a re-import replaces a playlist whole (a client
             reading it all along sees the old or the new one, never a mix)
             and a failed one leaves it as it was; names with quotes,
             Hangul and control characters; mpc load / mpc playlist.
  hostile    files that must be refused: external entities, an entity
             bomb, a network DTD, XML that is broken or not XSPF, 100 MB
             files, gzip- and xz-compressed XSPF (a valid playlist, and a
             bomb that inflates past the size limit, which must be refused
             in bounded memory: a 512 MiB address space unless built with
             AddressSanitizer, and a peak resident size checked), binary
             data, FIFOs, a device and folders (under any name), missing, empty and entry-less files, a 10 MB line,
             300,000 entries, entries that all fail.  Each gets one error line
             naming the file, exit 1, nothing saved (the daemon's
             listplaylists and the database's playlist tables unchanged),
             quickly (a 10 s timeout, against hangs; a refusal takes
             milliseconds) and without the network: a listener on
             127.0.0.1 that every URL in them points at must never see a
             connection, and run again under strace (when it can run here)
             the import must open no AF_INET/AF_INET6 socket at all.
  manage     `playlists` (and --json) lists the saved playlists with their
             entries; `playlist NAME` lists one's tracks as `tracks` does;
             `playlist rm NAME` goes through a running daemon (a client in
             `idle stored_playlist` wakes) or, with none, straight to the
             library without starting one; unknown names and a drama's are
             one error line.  Names are found in any case or width, by
             `playlist`, `playlist rm`, `play` and the daemon's `load`,
             `listplaylist` and `rm`, and an import in another case
             replaces the playlist.
  names      entries whose location names no file here (a Windows path,
             another machine's) found by their file name, in any case,
             when one library file has it, after #EXTINF tags; a name two
             files share is reported, not guessed; an unscanned file here
             is never swapped for a library file of its name.

Every wait is bounded; apart from the hostile group's hang guard, nothing
here measures speed.
"""

import gzip
import json
import lzma
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True	# no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sandbox  # noqa: E402
td = sandbox.test_module('test-daemon.py')
import fixtures as fx  # noqa: E402
from sandbox import Harness, Result, Sandbox  # noqa: E402

T = td.T
WAIT = td.WAIT
HOSTILE_TIMEOUT = 10	# a hang guard: every refusal takes milliseconds
NS = {'x': 'http://xspf.org/ns/0/'}

# Goblin's songs as files (catalog order), in a folder and under names that
# a URI must escape.  "%41" is an escape for 'A': an importer that decodes
# M3U lines, or decodes an XSPF location twice, looks for the wrong file.
# The fourth name starts with '#', which an M3U line must not (it would be
# a comment), so a bare relative M3U line needs a "./" before it.
FOLDER = '도깨비 OST #1 100% mix'
GOBLIN = [
    ('Stay With Me', ['Chanyeol', 'Punch'], 1, '01. Stay With Me #1 50% 도깨비'),
    ('Beautiful', ['Crush'], 4, '02. Beautiful 100%41 도깨비'),
    ('Hush', ['Lasse Lindh'], 5, '03. Hush #3 도깨비'),
    ('Who Are You', ['Sam Kim'], 6, '#4 Who Are You'),
]
# A same-titled song by someone else, of no drama: resolving "Stay With Me"
# by title alone could pick either, so the creator has to decide.
SAM_SMITH = ('Stay With Me', ['Sam Smith'], 'In the Lonely Hour',
             'Pop/Sam Smith - Stay With Me')


# ---------------------------------------------------------------------------
# Setup and helpers
# ---------------------------------------------------------------------------

def make_music(sb):
    """Writes the library; returns {key: path} with keys 'stay', 'beautiful',
    'hush', 'who' (Goblin's, catalog order) and 'sam'."""
    folder = os.path.join(sb.music, FOLDER)
    os.makedirs(folder)
    out = {}
    for i, (title, artists, part, name) in enumerate(GOBLIN):
        path = os.path.join(folder, name + '.flac')
        fx.encode_tone(path, 'flac', 300 + 150 * i, 0.5)
        fx.tag(path, title=title, artists=artists,
               album='Goblin OST Part.%d' % part, track=1, year=2016)
        out[title.split()[0].lower()] = path
    title, artists, album, name = SAM_SMITH
    path = os.path.join(sb.music, name + '.mp3')
    os.makedirs(os.path.dirname(path))
    fx.encode_tone(path, 'mp3', 1200, 0.5)
    fx.tag(path, title=title, artists=artists, album=album, track=1,
           year=2014)
    out['sam'] = path
    # Exports are written next to the music by the binary's user.
    sb.give_to_owner(folder)
    return out


GOBLIN_KEYS = ['stay', 'beautiful', 'hush', 'who']


def setup(h, name):
    """A sandbox with the library scanned and a daemon in the foreground
    that plays into mpv's null output; (sb, paths, fg)."""
    sb = Sandbox(h, name)
    paths = make_music(sb)
    d = os.path.join(sb.config, 'ostplay')
    os.makedirs(d)
    with open(os.path.join(d, 'config'), 'w') as f:
        f.write('# written by test-import.py\nmpv.ao = null\n')
    sb.give_to_owner(d)
    r = sb.run('scan', sb.music)
    if r.rc != 0:
        T.diag('%s: scan failed: %r' % (name, r))
    fg = td.Foreground(sb)
    if not fg.wait_ready():
        T.diag('%s: the daemon did not start: %s' % (name, fg.stderr()))
    return sb, paths, fg


def finish(sb, fg):
    td.stop_all(sb, [fg.proc] if fg else [])
    sb.cleanup()


def run_bounded(sb, argv, cwd, timeout, env=None):
    """Runs `argv` in its own process group; after `timeout` seconds kills
    the whole group (the binary, and strace when it runs under it) and
    returns a Result with rc None."""
    p = subprocess.Popen(argv, env=env or sb.env, cwd=cwd,
                         stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return Result(None, b'', ('(killed after %d s)' % timeout).encode())
    return Result(p.returncode, out, err)


def is_asan(binary):
    """Whether `binary` is built with AddressSanitizer, which reserves
    terabytes of address space: no RLIMIT_AS can apply to it."""
    with open(binary, 'rb') as f:
        return b'__asan_init' in f.read()


def run_capped(sb, argv, cwd, timeout, limit):
    """Like run_bounded, with the address space capped at `limit` bytes
    unless the binary is built with AddressSanitizer; returns the Result
    and the child's peak resident size in KiB."""
    if not is_asan(sb.h.bin):
        # prlimit execs the command in its own process: the peak is the
        # binary's.  (A preexec_fn is unsafe here: the listener is a thread.)
        argv = ['prlimit', '--as=%d' % limit, '--'] + argv
    with open(os.path.join(sb.root, 'capped.out'), 'w+b') as out, \
            open(os.path.join(sb.root, 'capped.err'), 'w+b') as err:
        p = subprocess.Popen(argv, env=sb.env, cwd=cwd,
                             stdin=subprocess.DEVNULL, stdout=out,
                             stderr=err, start_new_session=True)
        killer = threading.Timer(timeout, os.killpg, (p.pid, signal.SIGKILL))
        killer.start()
        _, status, usage = os.wait4(p.pid, 0)
        killer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        rc = None if p.returncode == -signal.SIGKILL else p.returncode
        return Result(rc, out.read(), err.read()), usage.ru_maxrss


def run_in(sb, cwd, *args, timeout=WAIT):
    """Runs the binary in folder `cwd` (relative playlists are read from
    the folder they sit in)."""
    return run_bounded(sb, sb.cmd(*args), cwd, timeout)


def out_lines(r):
    return r.out.decode('utf-8', 'replace').splitlines()


def summary(name, found, total, by_location, replaced=False):
    return ('%s "%s": %d of %d tracks (%d by location, %d by title and '
            'artist)' % ('Replaced' if replaced else 'Imported', name, found,
                         total, by_location, found - by_location))


def quote(s):
    """An MPD protocol argument."""
    return '"%s"' % s.replace('\\', '\\\\').replace('"', '\\"')


def whole(sb, uri):
    """A daemon URI (relative to the music folder) as a whole path."""
    return uri if uri.startswith('/') else os.path.join(sb.music, uri)


def listplaylist(sb, name):
    """The files of stored playlist `name` over the socket, as whole
    paths; None when the daemon answers with an ACK."""
    c = td.mpd(sb)
    try:
        lines, end = c.cmd('listplaylist %s' % quote(name))
    finally:
        c.close()
    if end != 'OK':
        return None
    return [whole(sb, l[len('file: '):]) for l in lines
            if l.startswith('file: ')]


def check_import(sb, playlist, name, want, what, cwd=None, named=True):
    """Imports `playlist` (as `name`, or under its own name when not
    `named`), from folder `cwd` when given, and checks that every entry was
    found by location and that the saved playlist holds the files `want`,
    in order."""
    args = ['import', playlist] + (['--name', name] if named else [])
    r = run_in(sb, cwd, *args) if cwd else sb.run(*args)
    n = len(want)
    T.ok(r.rc == 0 and out_lines(r) == [summary(name, n, n, n)],
         'roundtrip: %s: every entry by location' % what,
         summary(name, n, n, n), r)
    T.eq(listplaylist(sb, name), want, 'roundtrip: %s: same files, same '
         'order' % what)


def listplaylists(sb):
    c = td.mpd(sb)
    try:
        lines, end = c.cmd('listplaylists')
    finally:
        c.close()
    return [l[len('playlist: '):] for l in lines
            if l.startswith('playlist: ')] if end == 'OK' else None


def db_playlists(sb):
    """What the database holds of saved playlists, to compare before and
    after something that must not change them."""
    count = sb.query('SELECT count(*) FROM playlist')[0][0]
    names = sb.query('SELECT id, name FROM playlist ORDER BY id')
    entries = [(pid, pos, bytes(path), bytes(key)) for pid, pos, path, key
               in sb.query('SELECT playlist_id, position, path, song_key '
                           'FROM playlist_entry ORDER BY 1, 2')]
    return count, names, entries


def played_paths(sb, name):
    """`ostplay play NAME`, then the queue's paths (None on failure)."""
    r = sb.run('play', name, timeout=WAIT)
    if r.rc != 0:
        T.diag('play %s: %r' % (name, r))
        return None
    q = td.queue(sb)
    return None if q is None else [e.get('path') for e in q]


def xspf_paths(path):
    """The files an XSPF export's absolute file:// locations name."""
    root = ET.parse(path).getroot()
    return [urllib.parse.unquote(loc[len('file://'):])
            for loc in (t.findtext('x:location', namespaces=NS)
                        for t in root.findall('x:trackList/x:track', NS))]


def file_uri(path, lower=False, host=''):
    """`path` as a file: URI, every byte but unreserved ones escaped;
    `lower` writes the hex digits in lower case, as some players do."""
    q = urllib.parse.quote(path, safe='/')
    if lower:
        q = re.sub(r'%[0-9A-F]{2}', lambda m: m.group(0).lower(), q)
    return 'file://%s%s' % (host, q)


def mpc(sb, *args):
    """mpc's exit status and stdout."""
    return td.mpc(sb, *args)[:2]


class Listener:
    """A TCP port on 127.0.0.1 that URLs in the playlists point at: any
    fetch (a DTD, an entity, an http:// entry) would connect to it."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(64)
        self.sock.setblocking(False)
        self.url = 'http://127.0.0.1:%d' % self.sock.getsockname()[1]

    def connections(self):
        """How many connections arrived since the last call (the kernel
        completes them whether or not we accept)."""
        n = 0
        while True:
            try:
                c, _ = self.sock.accept()
            except (BlockingIOError, InterruptedError):
                return n
            c.close()
            n += 1

    def close(self):
        self.sock.close()


# ---------------------------------------------------------------------------
# 1. Round trips of ostplay's own exports
# ---------------------------------------------------------------------------

def test_roundtrip(h):
    sb, paths, fg = setup(h, 'roundtrip')
    try:
        goblin = [paths[k] for k in GOBLIN_KEYS]
        folder = os.path.join(sb.music, FOLDER)
        out = os.path.join(sb.root, 'out')
        os.mkdir(out)
        sb.give_to_owner(out)

        # An export's title is the drama's: without --name it comes back
        # as "Goblin (imported)", since "Goblin" names the drama already.
        x = os.path.join(out, 'goblin.xspf')
        r = sb.run('export', 'Goblin', '-o', x)
        T.eq(r.rc, 0, 'roundtrip: export Goblin -o goblin.xspf')
        check_import(sb, x, 'Goblin (imported)', goblin,
                     'goblin.xspf, imported as "Goblin (imported)"',
                     named=False)
        T.eq(played_paths(sb, 'Goblin (imported)'), goblin,
             'roundtrip: xspf: play "Goblin (imported)" queues the files, '
             'in order')
        T.eq(listplaylist(sb, 'Goblin'), goblin, 'roundtrip: the drama '
             'Goblin is still its own stored playlist')

        before = db_playlists(sb)
        for name in ('Goblin', 'goblin'):
            r = sb.run('import', x, '--name', name)
            T.ok(r.rc == 1 and td.one_error_line(r) and not r.out,
                 'roundtrip: import --name %s (a drama\'s name) is refused '
                 'with one line, exit 1' % name, 'rc 1, one line', r)
        T.eq(db_playlists(sb), before, 'roundtrip: ... and saves nothing')

        # M3U8, absolute paths.
        m = os.path.join(out, 'goblin.m3u8')
        r = sb.run('export', 'Goblin', '-o', m)
        T.eq(r.rc, 0, 'roundtrip: export Goblin -o goblin.m3u8')
        check_import(sb, m, 'rt m3u8', goblin, 'goblin.m3u8')

        # --relative, kept next to the music and imported from there by a
        # bare file name (the folder is the importer's working folder).
        for fmt in ('xspf', 'm3u8'):
            rel = 'goblin-relative.%s' % fmt
            r = sb.run('export', 'Goblin', '--relative', '--format', fmt,
                       '-o', os.path.join(folder, rel))
            T.eq(r.rc, 0, 'roundtrip: export --relative --format %s into '
                 'the music folder' % fmt)
            check_import(sb, rel, 'rt relative %s' % fmt, goblin,
                         'relative %s imported from its folder (a file '
                         'name starting with "#" too)' % fmt, cwd=folder)
        # ... and relative to another folder ("../music/..."), imported by
        # its whole path from elsewhere.
        r = sb.run('export', 'Goblin', '--relative', '-o',
                   os.path.join(out, 'up.xspf'))
        check_import(sb, os.path.join(out, 'up.xspf'), 'rt up', goblin,
                     'a --relative export in another folder ("../") '
                     'imported by its whole path', cwd='/')

        # Favourites: exported as "Favourites", not a drama's name.
        for q in ('Hush', 'Sam Smith'):
            r = sb.run('fav', 'add', q)
            T.eq(r.rc, 0, 'roundtrip: fav add %s' % q)
        f = os.path.join(out, 'favs.xspf')
        r = sb.run('export', '--favorites', '-o', f)
        T.eq(r.rc, 0, 'roundtrip: export --favorites')
        want = xspf_paths(f) if r.rc == 0 else None
        T.eq(sorted(want or []), sorted([paths['hush'], paths['sam']]),
             'roundtrip: the favourites export holds the two favourites')
        check_import(sb, f, 'Favourites', want or [],
                     'the favourites export, as "Favourites"', named=False)

        # A drama's other name (its Hangul title, a catalog alias) may not
        # take the drama's place either: `ostplay play 도깨비` looks for a
        # playlist of that name before the dramas, so a playlist saved as
        # "도깨비" would hide the drama from it.  Refusing the name, or
        # playing the drama all the same, are both right.
        r = sb.run('import', f, '--name', '도깨비')
        T.ok(r.rc == 1 or played_paths(sb, '도깨비') == goblin,
             'roundtrip: import --name 도깨비 (Goblin\'s Hangul title) is '
             'refused, or play 도깨비 still plays the drama',
             'rc 1, or the drama\'s %d files' % len(goblin),
             (r, td.queue(sb)))

        # The queue, in an order of our own, over the protocol.
        order = [paths[k] for k in ('who', 'sam', 'stay', 'hush', 'beautiful')]
        c = td.mpd(sb)
        c.send('command_list_begin', 'clear',
               *['add %s' % quote(p) for p in order], 'command_list_end')
        end = c.reply()[1]
        c.close()
        T.eq(end, 'OK', 'roundtrip: the queue is set over the protocol')
        q = os.path.join(out, 'queue.m3u8')
        r = sb.run('export', '--queue', '-o', q)
        T.eq(r.rc, 0, 'roundtrip: export --queue -o queue.m3u8')
        check_import(sb, q, 'rt queue', order, 'the queue export (its '
                     'order, not the catalog\'s)')
        T.eq(played_paths(sb, 'rt queue'), order, 'roundtrip: queue: play '
             '"rt queue" queues them in that order again')

        rc, text = mpc(sb, '-f', '%file%', 'playlist', 'rt m3u8')
        T.eq([whole(sb, l) for l in text.splitlines()] if rc == 0 else rc,
             goblin, 'roundtrip: mpc playlist "rt m3u8" lists the files')
    finally:
        finish(sb, fg)


# ---------------------------------------------------------------------------
# 2. Other players' playlists
# ---------------------------------------------------------------------------

def foreign_folder(sb):
    """A folder for other players' playlists, and a file that exists but
    was never scanned: (folder, file)."""
    foreign = os.path.join(sb.root, 'foreign')
    os.mkdir(foreign)
    lost = os.path.join(sb.root, 'not scanned', 'Lost Song.flac')
    os.makedirs(os.path.dirname(lost))
    fx.encode_tone(lost, 'flac', 1500, 0.5)
    fx.tag(lost, title='Lost Song', artists=['Nobody Known'])
    return foreign, lost


def test_xspf(h):
    sb, paths, fg = setup(h, 'xspf')
    net = Listener()
    try:
        foreign, lost = foreign_folder(sb)
        rel_beautiful = os.path.relpath(paths['beautiful'], foreign)
        link = os.path.join(sb.root, 'link to music')
        os.symlink(sb.music, link)
        entries = [
            # file://localhost/, the Hangul and '#' escaped in lower case.
            ('<location>%s</location>'
             % file_uri(paths['stay'], lower=True, host='localhost'),
             'stay', 'location'),
            # Through a symlink to the music folder: the library knows the
            # file by its other name.
            ('<location>%s</location>' % file_uri(os.path.join(
                link, FOLDER, os.path.basename(paths['who']))),
             'who', 'location'),
            # Relative to the playlist's folder.
            ('<location>%s</location>'
             % urllib.parse.quote(rel_beautiful, safe='/'),
             'beautiful', 'location'),
            # Moved away: found by title, creator and album.
            ('<location>file:///old/disk/Goblin/03%20Hush.flac</location>'
             '<title>Hush</title><creator>Lasse Lindh</creator>'
             '<album>Goblin OST Part.5</album>', 'hush', 'tags'),
            # The credit written another way than the tags' two artists,
            # and a title two songs have: the creator decides.
            ('<location>file:///old/disk/stay.mp3</location>'
             '<title>Stay With Me</title><creator>Chanyeol &amp; Punch'
             '</creator>', 'stay', 'tags'),
            ('<title>stay with me</title><creator>SAM SMITH</creator>',
             'sam', 'tags'),
            # A stream URL: never fetched, resolved by its tags.
            ('<location>%s/beautiful.mp3</location><title>Beautiful'
             '</title><creator>Crush</creator>' % net.url,
             'beautiful', 'tags'),
            # Nothing like it in the library.
            ('<location>file:///old/disk/x.mp3</location><title>No Such '
             'Song</title><creator>No One</creator>', None, None),
            # A creator is matched by whole words: "Lasse" is in "Lasse
            # Lindh", "Lass" is not.
            ('<title>Hush</title><creator>Lass</creator>', None, None),
            # Known to the disk, not to the library.
            ('<location>%s</location>' % file_uri(lost), None, None),
        ]
        doc = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<playlist version="1" xmlns="http://xspf.org/ns/0/" '
               'xmlns:xi="http://www.w3.org/2001/XInclude">\n'
               '  <title>Foreign 외국 mix</title>\n'
               # Not an XSPF element; XInclude must not be processed.
               '  <xi:include href="%s/include.xml" parse="text"/>\n'
               '  <trackList>\n%s  </trackList>\n</playlist>\n'
               % (net.url, ''.join('    <track>%s</track>\n' % e[0]
                                   for e in entries)))
        path = os.path.join(foreign, 'other player.xspf')
        with open(path, 'w', encoding='utf-8') as f:
            f.write(doc)
        r = sb.run('import', path)
        lines = out_lines(r)
        want = [paths[k] for _, k, _ in entries if k]
        n_loc = sum(1 for e in entries if e[2] == 'location')
        line = summary('Foreign 외국 mix', len(want), len(entries), n_loc)
        T.eq(r.rc, 0, 'xspf: import exits 0 when some entries resolve')
        T.eq(lines[:1], [line], 'xspf: the summary line counts entries by '
             'location and by title and artist')
        T.eq(listplaylist(sb, 'Foreign 외국 mix'), want, 'xspf: the saved '
             'playlist holds the resolved files, in the playlist\'s order')
        missing = [l for l in lines[1:] if l.startswith('  not found: ')]
        T.ok(len(missing) == 3, 'xspf: one "not found" line per unresolved '
             'entry (the creator "Lass" names no one: words, not letters)',
             3, lines[1:])
        T.ok(any('No One - No Such Song' in l for l in missing),
             'xspf: "not found" names the creator and title',
             'No One - No Such Song', missing)
        T.ok(any('Lost%20Song.flac' in l and l.endswith(
            'not in the library; scan its folder)') for l in missing),
             'xspf: a file that exists but was never scanned: "not in the '
             'library; scan its folder"', 'scan its folder', missing)
        T.eq(r.err, '', 'xspf: nothing on stderr')
        T.eq(net.connections(), 0, 'xspf: the http:// entry and the '
             'xi:include were never fetched')
        T.eq(played_paths(sb, 'Foreign 외국 mix'), want, 'xspf: play '
             '"Foreign 외국 mix" queues them')
    finally:
        net.close()
        finish(sb, fg)


def test_m3u8(h):
    sb, paths, fg = setup(h, 'm3u8')
    try:
        foreign, lost = foreign_folder(sb)
        # (line or lines, expected key, how)
        entries = [
            # Windows: an absolute path and a relative one with '\';
            # neither is a file here, their #EXTINF finds the song.
            (['#EXTINF:241,Crush - Beautiful',
              r'C:\Users\me\Music\Goblin OST\02 Beautiful.flac'],
             'beautiful', 'tags'),
            (['#EXTINF:200,Chanyeol & Punch - Stay With Me',
              r'..\Music\Goblin\01 Stay With Me.mp3'], 'stay', 'tags'),
            # Relative, with '#' and '%41' taken literally: M3U lines are
            # paths, not URIs.
            ([os.path.relpath(paths['beautiful'], foreign)], 'beautiful',
             'location'),
            (['#EXTINF:-1,Sam Smith - Stay With Me', '/gone/stay.mp3'],
             'sam', 'tags'),
            ([paths['hush']], 'hush', 'location'),
            # A file: URI in an M3U is a URI: its escapes are decoded.
            ([file_uri(paths['who'])], 'who', 'location'),
            (['#EXTINF:10,No One - No Such Song', 'nothing here.mp3'],
             None, None),
            ([lost], None, None),
        ]
        lines = ['#EXTM3U', '#PLAYLIST:Windows 플레이리스트']
        for e in entries:
            lines.extend(e[0])
        path = os.path.join(foreign, 'from windows.m3u8')
        with open(path, 'wb') as f:	# a BOM and CRLF line ends
            f.write(b'\xef\xbb\xbf' + '\r\n'.join(lines).encode('utf-8') +
                    b'\r\n')
        r = sb.run('import', path)
        got = out_lines(r)
        want = [paths[k] for _, k, _ in entries if k]
        n_loc = sum(1 for e in entries if e[2] == 'location')
        name = 'Windows 플레이리스트'
        T.eq(r.rc, 0, 'm3u8: import exits 0 when some entries resolve')
        T.eq(got[:1], [summary(name, len(want), len(entries), n_loc)],
             'm3u8: the summary line counts entries by location and by '
             'title and artist (BOM, CRLF, #PLAYLIST read)')
        T.eq(listplaylist(sb, name), want, 'm3u8: the saved playlist holds '
             'the resolved files, in order')
        missing = [l for l in got[1:] if l.startswith('  not found: ')]
        T.ok(len(missing) == 2 and
             any('No One - No Such Song' in l for l in missing) and
             any('not in the library; scan its folder' in l for l in missing),
             'm3u8: "not found" for the unknown song and the unscanned file',
             'two lines', got)

        # No #EXTM3U, no #PLAYLIST, plain paths: named by the file name.
        # A name that starts with '#' is written "./#...", or it would be a
        # comment.
        order = ('hush', 'who', 'beautiful', 'stay')
        plain = os.path.join(sb.music, FOLDER, 'plain list.m3u')
        with open(plain, 'w', encoding='utf-8') as f:
            f.write(''.join('./%s\n' % os.path.basename(paths[k])
                            if k == 'who' else
                            '%s\n' % os.path.basename(paths[k])
                            for k in order))
        r = sb.run('import', plain)
        T.ok(r.rc == 0 and out_lines(r) == [summary('plain list', 4, 4, 4)],
             'm3u: plain file names next to the playlist (and "./#4 ..."), '
             'named after the file', summary('plain list', 4, 4, 4), r)
        T.eq(listplaylist(sb, 'plain list'), [paths[k] for k in order],
             'm3u: ... in order')
    finally:
        finish(sb, fg)


# ---------------------------------------------------------------------------
# 3. Saved playlists
# ---------------------------------------------------------------------------

def write_m3u8(path, files):
    with open(path, 'w', encoding='utf-8') as f:
        f.write('#EXTM3U\n' + ''.join(p + '\n' for p in files))


def test_saved(h):
    sb, paths, fg = setup(h, 'saved')
    try:
        out = os.path.join(sb.root, 'out')
        os.mkdir(out)
        name = 'Road "trip" 여행 #1 \\ 100%'
        a_files = [paths[k] for k in ('hush', 'sam', 'stay', 'who')]
        a = os.path.join(out, 'a.m3u8')
        write_m3u8(a, a_files)
        r = sb.run('import', a, '--name', name)
        T.ok(r.rc == 0 and out_lines(r) == [summary(name, 4, 4, 4)],
             'saved: import --name with quotes, Hangul, #, \\ and %',
             summary(name, 4, 4, 4), r)
        T.eq(listplaylist(sb, name), a_files, 'saved: listplaylist of that '
             'name (quoted in the protocol) gives its files')
        names = listplaylists(sb) or []
        T.ok('Goblin' in names and name in names and 'a' not in names,
             'saved: listplaylists holds the drama and the imported '
             'playlist by its --name', ['Goblin', name], names)

        # mpc load, then the queue.
        rc, _ = mpc(sb, 'clear')
        rc, text = mpc(sb, 'load', name)
        T.eq(rc, 0, 'saved: mpc load NAME exits 0')
        rc, text = mpc(sb, '-f', '%file%', 'playlist')
        T.eq([whole(sb, l) for l in text.splitlines()], a_files,
             'saved: mpc playlist shows the loaded files in order')

        # Move and rename every file, then scan: the playlist follows its
        # songs (held by tags and duration, not by path).
        moved_dir = os.path.join(sb.music, 'moved 이동', 'OST #2')
        os.makedirs(moved_dir)
        moved = {}
        for k, p in paths.items():
            moved[k] = os.path.join(moved_dir, 'renamed %s%s' % (
                k, os.path.splitext(p)[1]))
            os.rename(p, moved[k])
        r = sb.run('scan')
        T.eq(r.rc, 0, 'saved: scan after moving every file')
        a_moved = [moved[k] for k in ('hush', 'sam', 'stay', 'who')]
        write_m3u8(a, a_moved)	# for the re-imports below
        T.eq(listplaylist(sb, name), a_moved, 'saved: after the move and '
             'the scan, the playlist gives the files where they are now')
        T.eq(played_paths(sb, name), a_moved, 'saved: play NAME queues the '
             'moved files')

        # Re-import under the same name: replaced whole.
        b_files = [moved['beautiful'], moved['hush']]
        b = os.path.join(out, 'b.m3u8')
        write_m3u8(b, b_files)
        r = sb.run('import', b, '--name', name)
        T.ok(r.rc == 0 and out_lines(r) == [summary(name, 2, 2, 2, True)],
             'saved: a re-import with the same name says "Replaced"',
             summary(name, 2, 2, 2, True), r)
        T.eq(listplaylist(sb, name), b_files, 'saved: ... and holds only the '
             'new entries')
        T.eq(sb.query('SELECT count(*) FROM playlist_entry WHERE playlist_id'
                      ' NOT IN (SELECT id FROM playlist)')[0][0], 0,
             'saved: no entries of the replaced playlist are left behind')
        T.eq(sb.query('SELECT count(*) FROM playlist WHERE name = ?',
                      (name,))[0][0], 1, 'saved: one playlist of that name')

        # A re-import that fails leaves the old playlist as it was.
        before = db_playlists(sb)
        bad = os.path.join(out, 'bad.m3u8')
        write_m3u8(bad, ['/nowhere/1.mp3', '/nowhere/2.mp3'])
        r = sb.run('import', bad, '--name', name)
        T.ok(r.rc == 1 and td.one_error_line(r) and
             'nothing imported' in r.err,
             'saved: a re-import where nothing resolves: exit 1, "nothing '
             'imported"', 'rc 1', r)
        broken = os.path.join(out, 'broken.xspf')
        with open(broken, 'w') as f:
            f.write('<playlist version="1" xmlns="http://xspf.org/ns/0/">'
                    '<trackList><track><location>')
        r = sb.run('import', broken, '--name', name)
        T.eq(r.rc, 1, 'saved: a re-import of a broken file: exit 1')
        T.eq(db_playlists(sb), before, 'saved: ... neither touched the '
             'saved playlist')
        T.eq(listplaylist(sb, name), b_files, 'saved: ... which the daemon '
             'still serves whole')

        # A client reading the playlist all along sees the old one or the
        # new one, never a mix or nothing, while imports replace it.
        seen = []
        stop = threading.Event()

        def reader():
            c = td.mpd(sb)
            try:
                while not stop.is_set():
                    lines, end = c.cmd('listplaylist %s' % quote(name))
                    seen.append((end, tuple(l for l in lines)))
            finally:
                c.close()
        th = threading.Thread(target=reader)
        th.start()
        rcs = []
        try:
            for i in range(10):
                r = sb.run('import', a if i % 2 == 0 else b, '--name', name)
                rcs.append(r.rc)
                if r.rc != 0:
                    T.diag('re-import %d: %r' % (i, r))
        finally:
            stop.set()
            th.join(WAIT)
        T.eq(rcs, [0] * 10, 'saved: ten re-imports in a row exit 0')
        shapes = set()
        for end, lines in seen:
            files = [whole(sb, l[len('file: '):]) for l in lines]
            shapes.add('A' if files == a_moved else 'B' if files == b_files
                       else repr((end, files)))
        T.diag('saved: %d reads during the re-imports' % len(seen))
        T.ok(seen and shapes <= {'A', 'B'}, 'saved: a reader during the '
             're-imports sees only whole playlists', "{'A', 'B'}", shapes)

        r = sb.run('import', b, '--name', ' ')
        T.ok(r.rc == 1 and td.one_error_line(r) and '--name' in r.err,
             'saved: a blank --name is refused, asking for a name', 'rc 1', r)

        # Control characters cannot reach the line-based protocol.
        r = sb.run('import', b, '--name', 'two\nlines\there')
        names = listplaylists(sb) or []
        T.ok(r.rc == 0 and 'two lines here' in names,
             'saved: a --name with a newline and a tab is saved as one line',
             'two lines here', (r, names))

        # A name is one protocol line: cut at 255 bytes, between
        # characters, so listplaylists stays readable for every client.
        r = sb.run('import', b, '--name', '가' * 5000)
        names = listplaylists(sb) or []
        T.ok(r.rc == 0 and '가' * 85 in names,
             'saved: a 15,000-byte name is cut to 255 bytes (85 Hangul '
             'syllables)', '가 x 85', (r, [len(n.encode()) for n in names]))
        rc, text = mpc(sb, 'lsplaylists')
        T.eq(rc, 0, 'saved: ... and mpc lsplaylists still reads the list')

        # MPD's rm removes an imported playlist, never a drama.
        c = td.mpd(sb)
        try:
            T.eq(c.cmd('rm %s' % quote('two lines here')), ([], 'OK'),
                 'saved: rm removes an imported playlist')
            T.ok('two lines here' not in (listplaylists(sb) or []),
                 'saved: ... it is gone from listplaylists')
            T.eq(c.cmd('rm %s' % quote('two lines here')),
                 ([], 'ACK [50@0] {rm} No such playlist'),
                 'saved: rm of it again: No such playlist')
            lines, end = c.cmd('rm Goblin')
            T.ok(end.startswith('ACK [2@0] {rm}') and 'Goblin' in
                 (listplaylists(sb) or []), 'saved: rm of a drama is '
                 'refused, and the drama stays', 'ACK [2@0] {rm}', end)
        finally:
            c.close()
    finally:
        finish(sb, fg)


# ---------------------------------------------------------------------------
# 4. Hostile input
# ---------------------------------------------------------------------------

def lol_bomb():
    ents = ['<!ENTITY lol "lol">']
    for i in range(1, 10):
        ents.append('<!ENTITY lol%d "%s">' % (i, ('&lol%s;' % (
            i - 1 if i > 1 else '')) * 10))
    return ('<?xml version="1.0"?>\n<!DOCTYPE playlist [\n%s\n]>\n'
            '<playlist version="1" xmlns="http://xspf.org/ns/0/"><title>'
            '&lol9;</title><trackList><track><title>Hush</title></track>'
            '</trackList></playlist>\n' % '\n'.join(ents))


def gzip_bomb(path):
    """A well-formed XSPF of 48 MiB, three times the size limit, in about
    50 KB of gzip: an <extension> of 12 million empty elements."""
    z = gzip.GzipFile(path, 'wb', compresslevel=9, mtime=0)
    with z:
        z.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<playlist '
                b'version="1" xmlns="http://xspf.org/ns/0/"><title>Bomb'
                b'</title><extension application="http://example.org/">')
        chunk = b'<x/>' * (1 << 18)
        for _ in range(48):
            z.write(chunk)
        z.write(b'</extension>' + XSPF_TRACK.encode() + b'</playlist>\n')


BOMB_ADDRESS_SPACE = 512 << 20	# a fixed import needs a few MiB of it
BOMB_PEAK_KIB = 128 << 10


XSPF_TRACK = ('<trackList><track><title>Hush</title><creator>Lasse Lindh'
              '</creator></track></trackList>')


def hostile_cases(url, d):
    """(file name, contents: str, bytes, or a callable that makes the file
    at the path it is given)."""
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    body = ('<playlist version="1" xmlns="http://xspf.org/ns/0/">'
            '<title>%s</title>' + XSPF_TRACK + '</playlist>\n')

    def sparse(path):
        with open(path, 'wb') as f:
            f.write(b'#EXTM3U\n/a.flac\n' if path.endswith('.m3u8')
                    else (head + body % 'big').encode())
        os.truncate(path, 100 * 1024 * 1024)

    def fifo(path):
        os.mkfifo(path, 0o644)

    def folder(path):
        os.mkdir(path)

    def one_line(path):
        # 10 MiB on one line, no newline at the end, resolving nothing.
        with open(path, 'w') as f:
            if path.endswith('.xspf'):
                f.write('<playlist version="1" xmlns="http://xspf.org/ns/0/">'
                        '<trackList><track><location>%s</location></track>'
                        '</trackList></playlist>' % ('a' * (10 << 20)))
            else:
                f.write('a' * (10 << 20))

    def many(path):
        # 300,000 entries in a few MB, far under the size limit: they
        # must be refused or resolved in seconds, not minutes.
        with open(path, 'w') as f:
            if path.endswith('.xspf'):
                f.write('<playlist version="1" xmlns="http://xspf.org/ns/0/">'
                        '<trackList>%s</trackList></playlist>\n'
                        % ('<track><location>a</location></track>'
                           * 300000))
            else:
                f.write('a\n' * 300000)

    rng = random.Random(7)
    noise = bytes(rng.choice(range(1, 256)) for _ in range(1 << 16))
    return [
        ('xxe-passwd.xspf', head + '<!DOCTYPE playlist [\n<!ENTITY xxe '
         'SYSTEM "file:///etc/passwd">\n]>\n' + body % '&xxe;'),
        ('xxe-http.xspf', head + '<!DOCTYPE playlist [\n<!ENTITY xxe SYSTEM '
         '"%s/xxe">\n]>\n' % url + body % '&xxe;'),
        ('parameter-entity.xspf', head + '<!DOCTYPE playlist [\n<!ENTITY %% '
         'ext SYSTEM "%s/ext.dtd">\n%%ext;\n]>\n' % url + body % 'x'),
        ('billion-laughs.xspf', lol_bomb()),
        ('network-dtd.xspf', head + '<!DOCTYPE playlist PUBLIC "-//XSPF//EN"'
         ' "%s/xspf.dtd">\n' % url + body % 'x'),
        ('undefined-entity.xspf', head + body % '&nowhere;'),
        # libxml2 inflates gzip and xz by itself when it reads a file:
        # the playlist is read as plain bytes, and these are not XML.
        ('gzip.xspf', gzip.compress((head + body % 'gzip').encode())),
        ('xz.xspf', lzma.compress((head + body % 'xz').encode())),
        ('gzip-bomb.xspf', gzip_bomb),
        ('big.xspf', sparse),
        ('big.m3u8', sparse),
        ('html.xspf', head + '<html><body><a href="/a.flac">Hush</a></body>'
         '</html>\n'),
        ('wrong-namespace.xspf', head + '<playlist version="1" '
         'xmlns="http://xspf.org/ns/1/">' + XSPF_TRACK + '</playlist>\n'),
        ('no-namespace.xspf', head + '<playlist version="1">' + XSPF_TRACK +
         '</playlist>\n'),
        ('truncated.xspf', (head + body % 'x')[:len(head) + 120]),
        ('not-well-formed.xspf', head + '<playlist version="1" xmlns="http:'
         '//xspf.org/ns/0/"><title>a</tilte>' + XSPF_TRACK + '</playlist>\n'),
        ('audio.m3u8', lambda p: shutil.copyfile(
            os.path.join(d, 'audio.flac'), p)),
        ('audio.xspf', lambda p: shutil.copyfile(
            os.path.join(d, 'audio.flac'), p)),
        ('noise.m3u8', noise),
        ('fifo.xspf', fifo),
        ('fifo.m3u8', fifo),
        # A FIFO under a name that says neither format: whatever looks
        # inside to guess the format must not block on it either.
        ('fifo-playlist', fifo),
        # /dev/zero, through a link, under either kind of name: it never
        # ends and holds nothing but NUL bytes.
        ('zero-device.m3u8', lambda p: os.symlink('/dev/zero', p)),
        ('zero-device', lambda p: os.symlink('/dev/zero', p)),
        ('folder.xspf', folder),
        ('folder.m3u8', folder),
        ('folder', folder),
        ('missing.xspf', None),
        ('missing.m3u8', None),
        ('empty.xspf', ''),
        ('empty.m3u8', ''),
        ('no-entries.xspf', head + '<playlist version="1" xmlns="http://'
         'xspf.org/ns/0/"><title>Empty</title><trackList/></playlist>\n'),
        ('no-entries.m3u8', '#EXTM3U\n#PLAYLIST:Empty\n#EXTINF:1,A - B\n'
         '# only comments\n'),
        ('many-entries.m3u8', many),
        ('many-entries.xspf', many),
        ('one-line.m3u8', one_line),
        ('one-line.xspf', one_line),
        ('unresolvable.xspf', head + '<playlist version="1" xmlns="http://'
         'xspf.org/ns/0/"><trackList><track><location>file:///no/such.flac'
         '</location><title>No Such Song</title></track><track><location>'
         '%s/stream</location></track></trackList></playlist>\n' % url),
        ('unresolvable.m3u8', '#EXTM3U\n#EXTINF:3,No One - No Such Song\n'
         '/no/such.flac\n%s/stream\n' % url),
    ]


def strace_prefix():
    """A strace command line that records socket and connect calls, or None
    when strace is missing or cannot trace here."""
    st = shutil.which('strace')
    if not st:
        return None
    try:
        ok = subprocess.run([st, '-f', '-qq', '-e', 'trace=socket', '-o',
                             '/dev/null', 'true'], capture_output=True,
                            timeout=WAIT).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return [st, '-f', '-qq', '-e', 'trace=socket,connect'] if ok else None


def test_hostile(h):
    sb, paths, fg = setup(h, 'hostile')
    net = Listener()
    try:
        d = os.path.join(sb.root, 'hostile 적대')
        os.mkdir(d)
        shutil.copyfile(paths['hush'], os.path.join(d, 'audio.flac'))
        # Something saved already, which no refusal may touch.
        keep = os.path.join(d, 'keep.m3u8')
        write_m3u8(keep, [paths['stay'], paths['hush']])
        r = sb.run('import', keep, '--name', 'Keep')
        T.eq(r.rc, 0, 'hostile: a playlist saved beforehand')
        before_db = db_playlists(sb)
        before_list = listplaylists(sb)
        tracks = sb.query('SELECT count(*) FROM track')[0][0]
        trace = strace_prefix()
        if trace is None:
            T.diag('strace cannot run here: only the listener checks the '
                   'network')
        for name, content in hostile_cases(net.url, d):
            path = os.path.join(d, name)
            if callable(content):
                content(path)
            elif content is not None:
                with open(path, 'wb') as f:
                    f.write(content.encode() if isinstance(content, str)
                            else content)
            t0 = time.monotonic()
            r = run_bounded(sb, sb.cmd('import', path), sb.root,
                            HOSTILE_TIMEOUT)
            secs = time.monotonic() - t0
            lines = r.err_lines()
            T.ok(r.rc == 1 and len(lines) == 1 and
                 lines[0].startswith('ostplay: ') and path in lines[0] and
                 not r.out,
                 'hostile: %s: one error line naming the file, exit 1'
                 % name, 'rc 1, "ostplay: ...%s..." alone' % path,
                 '%r after %.2f s' % (r, secs))
            if name == 'gzip-bomb.xspf':
                r, peak = run_capped(sb, sb.cmd('import', path), sb.root,
                                     HOSTILE_TIMEOUT, BOMB_ADDRESS_SPACE)
                T.ok(r.rc == 1 and 'compressed' in r.err and
                     peak < BOMB_PEAK_KIB, 'hostile: %s: refused as '
                     'compressed, in bounded memory' % name,
                     'rc 1, "compressed", peak under %d KiB' % BOMB_PEAK_KIB,
                     '%r, peak %d KiB' % (r, peak))
            if 'passwd' in name:
                T.ok('root:' not in r.err + r.out.decode('utf-8', 'replace'),
                     'hostile: %s: nothing of /etc/passwd comes out' % name)
            if name.startswith(('unresolvable', 'no-entries')):
                T.ok('nothing imported' in r.err, 'hostile: %s: says '
                     '"nothing imported"' % name, 'nothing imported', r.err)
            T.ok(db_playlists(sb) == before_db and
                 listplaylists(sb) == before_list,
                 'hostile: %s: nothing saved (database and listplaylists '
                 'unchanged)' % name, before_list, listplaylists(sb))
            # Once more under strace, for the network alone: LeakSanitizer
            # cannot run under ptrace, so leak checks are off for this run
            # (the one above had them).  A run that hung is not repeated.
            bad = []
            if trace and r.rc is not None:
                log = os.path.join(sb.root, 'strace.log')
                env = dict(sb.env, ASAN_OPTIONS=':'.join(filter(None, [
                    sb.env.get('ASAN_OPTIONS'), 'detect_leaks=0'])))
                run_bounded(sb, trace + ['-o', log] +
                            sb.cmd('import', path), sb.root,
                            HOSTILE_TIMEOUT, env)
                if os.path.exists(log):
                    with open(log) as f:
                        bad = [l.strip() for l in f if 'AF_INET' in l]
                    os.unlink(log)
            n = net.connections()
            T.ok(n == 0 and not bad, 'hostile: %s: no network access'
                 % name, 'no connection, no AF_INET socket',
                 '%d connections to %s; %s' % (n, net.url, bad[:3]))
        T.eq(sb.query('SELECT count(*) FROM track')[0][0], tracks,
             'hostile: the library\'s tracks are as before')
        T.eq(listplaylist(sb, 'Keep'), [paths['stay'], paths['hush']],
             'hostile: the saved playlist is served whole')
    finally:
        net.close()
        finish(sb, fg)


# ---------------------------------------------------------------------------
# 6. `ostplay playlists`, `playlist NAME`, `playlist rm NAME`
# ---------------------------------------------------------------------------

def test_manage(h):
    sb, paths, fg = setup(h, 'manage')
    try:
        r = sb.run('playlists')
        T.ok(r.rc == 0 and not r.out and len(r.err_lines()) == 1,
             'manage: playlists with none: exit 0, nothing on stdout, a hint '
             'on stderr', 'rc 0, one hint', r)
        r = sb.run('playlists', '--json')
        T.ok(r.rc == 0 and not r.out and not r.err, 'manage: playlists '
             '--json with none prints nothing', 'rc 0, empty', r)

        drive = os.path.join(sb.root, 'drive.m3u8')
        write_m3u8(drive, [paths['hush'], paths['sam'], paths['stay']])
        later = os.path.join(sb.root, 'later.m3u8')
        write_m3u8(later, [paths['who']])
        for f, name in ((drive, 'Drive 드라이브'), (later, 'Later')):
            r = sb.run('import', f, '--name', name)
            T.eq(r.rc, 0, 'manage: import %s' % name)
        r = sb.run('playlists')
        T.eq((r.rc, out_lines(r)), (0, ['    3  Drive 드라이브',
                                        '    1  Later']),
             'manage: playlists lists each by name with its entries')
        r = sb.run('playlists', '--json')
        T.eq([json.loads(l) for l in out_lines(r)],
             [{'name': 'Drive 드라이브', 'entries': 3},
              {'name': 'Later', 'entries': 1}],
             'manage: playlists --json: name and entries')

        lines = dict(zip((os.fsdecode(p) for p in sb.tracks()),
                         out_lines(sb.run('tracks'))))
        want = [paths['hush'], paths['sam'], paths['stay']]
        r = sb.run('playlist', 'Drive 드라이브')
        T.eq((r.rc, out_lines(r)), (0, [lines[p] for p in want]),
             'manage: playlist NAME lists its tracks in order, as tracks '
             'prints them')
        r = sb.run('playlist', '--json', 'Drive 드라이브')
        T.eq([json.loads(l).get('path') for l in out_lines(r)], want,
             'manage: playlist --json NAME: the same files, as JSON')
        # Names in any case or width, as drama names are: the stored one
        # is what `playlist`, `play`, `load` and `listplaylist` find.
        for name in ('drive 드라이브', 'DRIVE 드라이브', 'ｄｒｉｖｅ 드라이브'):
            r = sb.run('playlist', name)
            T.eq((r.rc, out_lines(r)), (0, [lines[p] for p in want]),
                 'manage: playlist "%s" is the playlist Drive 드라이브'
                 % name)
        T.eq(listplaylist(sb, 'drive 드라이브'), want, 'manage: the '
             'daemon\'s listplaylist of the name in another case')
        r = sb.run('play', 'LATER', timeout=WAIT)
        q = td.queue(sb) or []
        T.ok(r.rc == 0 and out_lines(r) == ['Playing Later: 1 track'] and
             [e.get('path') for e in q] == [paths['who']], 'manage: play '
             'LATER plays the playlist Later, under its own name',
             'Playing Later: 1 track', (r, q))
        c = td.mpd(sb)
        try:
            c.cmd('clear')
            end = c.cmd('load %s' % quote('DRIVE 드라이브'))[1]
        finally:
            c.close()
        T.ok(end == 'OK' and [e.get('path') for e in td.queue(sb) or []]
             == want, 'manage: the daemon\'s load of the name in another '
             'case queues it', 'OK', end)
        # Imported again in another case, it is replaced, not doubled.
        r = sb.run('import', drive, '--name', 'DRIVE 드라이브')
        T.eq(out_lines(r), [summary('DRIVE 드라이브', 3, 3, 3, replaced=True)],
             'manage: importing a name again in another case replaces it')
        T.eq(out_lines(sb.run('playlists')), ['    3  DRIVE 드라이브',
                                              '    1  Later'],
             'manage: ... under the name last given')
        r = sb.run('playlist', 'Nope')
        T.ok(r.rc == 1 and not r.out and len(r.err_lines()) == 1 and
             'Nope' in r.err_lines()[0], 'manage: playlist of an unknown '
             'name: one line naming it, exit 1', 'rc 1', r)
        r = sb.run('playlist', 'drop', 'Later')
        T.eq(r.rc, 2, 'manage: playlist drop NAME is a usage error')
        r = sb.run('playlist', 'rm')
        T.ok(r.rc == 2 and 'NAME' in (r.err_lines() or [''])[0],
             'manage: playlist rm without a NAME is a usage error that asks '
             'for one', 'rc 2', r)
        r = sb.run('playlist', 'rm', 'Goblin')
        T.ok(r.rc == 1 and len(r.err_lines()) == 1, 'manage: playlist rm of '
             'a drama (not an imported playlist): one line, exit 1', 'rc 1',
             r)

        # With the daemon running, rm goes through it: a client waiting in
        # `idle stored_playlist` wakes, and MPD clients stop seeing it.
        c = td.mpd(sb)
        try:
            c.send('idle stored_playlist')
            r = sb.run('playlist', 'rm', 'drive 드라이브')
            T.ok(r.rc == 0 and out_lines(r) == ['Removed "DRIVE 드라이브"'],
                 'manage: playlist rm NAME (in another case) exits 0 and '
                 'names the one removed', 'Removed', r)
            T.eq(c.reply(), (['changed: stored_playlist'], 'OK'),
                 'manage: ... and wakes idle stored_playlist')
        finally:
            c.close()
        T.ok('DRIVE 드라이브' not in (listplaylists(sb) or []) and
             'Later' in (listplaylists(sb) or []), 'manage: ... the daemon '
             'lists Later and no longer the removed one', 'Later only',
             listplaylists(sb))
        T.eq(out_lines(sb.run('playlists')), ['    1  Later'],
             'manage: ... and so does playlists')
        r = sb.run('playlist', 'rm', 'Drive 드라이브')
        T.ok(r.rc == 1 and len(r.err_lines()) == 1, 'manage: removing it '
             'again: one line, exit 1', 'rc 1', r)
        # The daemon's rm takes the name in any case too.
        r = sb.run('import', drive, '--name', 'Road trip')
        c = td.mpd(sb)
        try:
            end = c.cmd('rm %s' % quote('ROAD TRIP'))[1]
        finally:
            c.close()
        T.ok(r.rc == 0 and end == 'OK' and
             'Road trip' not in (listplaylists(sb) or []), 'manage: the '
             'daemon\'s rm "ROAD TRIP" removes Road trip', 'OK', (r, end))

        # A catalog added later takes "Later" as a drama's title: the drama
        # wins for `play`, as it does for the daemon's `load` (which reads
        # the catalogs when it starts).  It has no local tracks, so play
        # says so rather than play the imported playlist.
        cat = os.path.join(sb.data, 'ostplay', 'catalogs')
        os.makedirs(cat, exist_ok=True)
        with open(os.path.join(cat, 'later.xspf'), 'w', encoding='utf-8') as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<playlist version="1" xmlns="http://xspf.org/ns/0/">'
                    '<title>Later</title><trackList><track>'
                    '<title>Some Song Nobody Has</title>'
                    '<creator>Nobody Known</creator></track></trackList>'
                    '</playlist>\n')
        sb.give_to_owner(os.path.join(sb.data, 'ostplay'), cat)
        for name in ('Later', 'later'):
            r = sb.run('play', name, timeout=WAIT)
            T.ok(r.rc == 1 and 'no local tracks' in ' '.join(r.err_lines()),
                 'manage: once a drama is titled Later, play %s is the '
                 'drama (no local tracks), not the imported playlist'
                 % name, 'rc 1', r)
        os.remove(os.path.join(cat, 'later.xspf'))

        # Without a daemon, straight from the library, starting none.
        td.stop_all(sb, [fg.proc])
        fg = None
        r = sb.run('playlist', 'rm', 'Later')
        T.ok(r.rc == 0 and not td.daemon_pids(sb), 'manage: playlist rm '
             'with no daemon exits 0 and starts none', 'rc 0', r)
        T.eq(sb.query('SELECT count(*) FROM playlist')[0][0], 0,
             'manage: ... the database holds no playlist now')
        T.ok(all(os.path.exists(p) for p in paths.values()), 'manage: ... '
             'and every music file is still there')
    finally:
        finish(sb, fg)


# ---------------------------------------------------------------------------
# 7. By file name: playlists from another machine or another system
# ---------------------------------------------------------------------------

def test_names(h):
    sb, paths, fg = setup(h, 'names')
    try:
        # A second "01. Stay With Me ..." elsewhere: that name no longer
        # names one file.
        twin = os.path.join(sb.music, 'Twins', os.path.basename(paths['stay']))
        os.makedirs(os.path.dirname(twin))
        fx.encode_tone(twin, 'flac', 1700, 0.5)
        fx.tag(twin, title='Twin', artists=['Nobody Known'])
        # Names outside ASCII, and a backslash in a POSIX file name.
        etude = os.path.join(sb.music, 'Misc', 'Étude Ünïcode.flac')
        acdc = os.path.join(sb.music, 'Misc', 'AC\\DC - TNT.flac')
        for f, hz in ((etude, 1900), (acdc, 2100)):
            os.makedirs(os.path.dirname(f), exist_ok=True)
            fx.encode_tone(f, 'flac', hz, 0.5)
        r = sb.run('scan', sb.music)
        T.eq(r.rc, 0, 'names: scan with the twin exits 0')
        base = {k: os.path.basename(v) for k, v in paths.items()}
        lines = ['#EXTM3U',
                 # No #EXTINF: the file name alone, in another case, in a
                 # Windows path and in a path of another machine.
                 'C:\\Users\\me\\Music\\Goblin\\' + base['hush'].upper(),
                 '/home/someone/Music/' + base['sam'],
                 # #EXTINF wins over a file name naming another song.
                 '#EXTINF:1,Sam Kim - Who Are You',
                 'D:\\Music\\' + base['beautiful'],
                 # Case outside ASCII; a backslash in a name here.
                 'C:\\Music\\étude ünïcode.FLAC',
                 '/other/machine/AC\\DC - TNT.flac',
                 # Two library files have this name: not resolved.
                 'C:\\Music\\' + base['stay'],
                 'C:\\Music\\nothing by this name.mp3']
        path = os.path.join(sb.root, 'other machine.m3u8')
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n')
        r = sb.run('import', path)
        got = out_lines(r)
        T.eq(got[:1], ['Imported "other machine": 5 of 7 tracks (0 by '
                       'location, 1 by title and artist, 4 by file name)'],
             'names: the summary counts the entries found by file name')
        T.eq(listplaylist(sb, 'other machine'),
             [paths['hush'], paths['sam'], paths['who'], etude, acdc],
             'names: the files named (any case, Windows or another '
             'machine\'s path; accents and a backslash in the name), and '
             'the #EXTINF song over the file name')
        missing = got[1:]
        T.ok(len(missing) == 2 and 'several files in the library have its '
             'name' in missing[0] and base['stay'] in missing[0] and
             'nothing by this name' in missing[1], 'names: a name two '
             'files share is not resolved, and says so', 'two lines',
             missing)

        # XSPF: a file: URI of another machine.
        xspf = os.path.join(sb.root, 'other machine.xspf')
        with open(xspf, 'w', encoding='utf-8') as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<playlist version="1" xmlns="http://xspf.org/ns/0/">'
                    '<title>From Windows</title><trackList>'
                    '<track><location>%s</location></track>'
                    '</trackList></playlist>\n'
                    % file_uri('/C:/Users/me/Music/' + base['who']))
        r = sb.run('import', xspf)
        T.eq((r.rc, listplaylist(sb, 'From Windows')), (0, [paths['who']]),
             'names: an XSPF location of another machine, by file name')

        # A file that exists here but was never scanned is not swapped
        # for a library file of the same name.
        foreign, lost = foreign_folder(sb)
        same = os.path.join(os.path.dirname(lost), base['hush'])
        shutil.copy(lost, same)
        write_m3u8(os.path.join(foreign, 'unscanned.m3u8'), [same])
        r = sb.run('import', os.path.join(foreign, 'unscanned.m3u8'))
        T.ok(r.rc == 1 and listplaylist(sb, 'unscanned') is None,
             'names: an unscanned file here is not replaced by a library '
             'file of its name (nothing imported)', 'rc 1', r)
    finally:
        finish(sb, fg)


GROUPS = [('roundtrip', test_roundtrip), ('xspf', test_xspf),
          ('m3u8', test_m3u8), ('saved', test_saved),
          ('hostile', test_hostile), ('manage', test_manage),
          ('names', test_names)]


def main():
    h = Harness(T, 'import')
    T.run_groups(GROUPS, sys.argv[1:], h)
    return T.finish()


if __name__ == '__main__':
    sys.exit(main())
