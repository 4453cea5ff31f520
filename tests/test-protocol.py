#!/usr/bin/python3
"""Integration test of the daemon's MPD protocol, with TAP output.

Usage: OSTPLAY=build/ostplay /usr/bin/python3 tests/test-protocol.py [GROUP...]

Talks to a real `ostplay daemon` over its Unix socket: the commands of the
documented subset, their errors (`ACK [code@index] {command} message`),
command lists, idle, and clients that misbehave (garbage, an endless line,
half a command list, hanging up mid-reply, many at once).  After each of
those the daemon must still answer a ping from another client.  The mpc
group drives the daemon with Debian's mpc (MPD_HOST=<socket path>).

The sandbox, fixtures and client come from test-daemon.py.
"""

import os
import shutil
import socket
import struct
import subprocess
import sys
import time
import threading
import urllib.parse

sys.dont_write_bytecode = True	# no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sandbox  # noqa: E402
td = sandbox.test_module('test-daemon.py')

T = td.T
WAIT = td.WAIT
ACK = td.ACK
ack = td.ack
mpc = td.mpc
REQUIRED = ['status', 'currentsong', 'play', 'playid', 'pause', 'stop',
            'next', 'previous', 'seekcur', 'setvol', 'random', 'repeat',
            'playlistinfo', 'add', 'clear', 'idle', 'noidle',
            'listplaylists', 'listplaylist', 'load', 'ping', 'close',
            'commands']


def still_serving(sb, what):
    T.ok(td.ping(sb), '%s: afterwards another client gets ping OK' % what)


def raw(sb, timeout=WAIT):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(td.socket_path(sb))
    return s


def read_until_end(s, limit=1 << 20):
    """Reads from raw socket `s` until 'OK\\n' or an ACK line ends a reply,
    or the peer closes; returns the bytes ('' on close)."""
    buf = b''
    while len(buf) < limit:
        try:
            chunk = s.recv(65536)
        except (socket.timeout, ConnectionResetError):
            break
        if not chunk:
            break
        buf += chunk
        lines = buf.split(b'\n')
        if len(lines) > 1 and (lines[-2] == b'OK' or
                               lines[-2].startswith(b'ACK ')):
            break
    return buf


# ---------------------------------------------------------------------------
# Commands and their errors
# ---------------------------------------------------------------------------

def test_commands(sb):
    c = td.mpd(sb)
    T.ok(c.greeting.startswith('OK MPD '), 'commands: greeting starts '
         '"OK MPD "', 'OK MPD x.y.z', c.greeting)
    T.eq(c.cmd('ping'), ([], 'OK'), 'commands: ping')
    lines, end = c.cmd('commands')
    have = [l.partition(': ')[2] for l in lines if l.startswith('command: ')]
    T.eq([x for x in REQUIRED if x not in have], [],
         'commands: "commands" lists every documented command')
    # MPD itself leaves the braces empty for an unknown command.
    lines, end = c.cmd('frobnicate 1 2')
    a = ack(end)
    T.ok(a and a[:2] == (5, 0) and a[2] in ('', 'frobnicate') and
         'frobnicate' in end, 'commands: an unknown command gets ACK [5@0] '
         'naming it', 'ACK [5@0] {} unknown command "frobnicate"', end)
    for line, name in (('setvol', 'setvol'), ('ping extra', 'ping'),
                       ('random 1 2', 'random')):
        lines, end = c.cmd(line)
        a = ack(end)
        T.ok(a and a[:3] == (2, 0, name), 'commands: %r (wrong number of '
             'arguments) gets ACK [2@0] {%s}' % (line, name),
             'ACK [2@0] {%s} ...' % name, end)
    for line in ('setvol 101', 'setvol loud', 'random maybe', 'play -5',
                 'play 999', 'seekcur x', 'listplaylist "NoSuchDrama"',
                 'load "NoSuchDrama"', 'add "/no/such/file.flac"',
                 'playid 99999'):
        lines, end = c.cmd(line)
        a = ack(end)
        T.ok(a is not None and a[1] == 0 and a[2] == line.split()[0],
             'commands: %r gets an ACK naming the command' % line,
             'ACK [n@0] {%s} ...' % line.split()[0], end)
    lines, end = c.cmd('listplaylists')
    names = [l.partition(': ')[2] for l in lines
             if l.startswith('playlist: ')]
    T.ok(end == 'OK' and 'Goblin' in names and 'Signal' not in names,
         'commands: listplaylists lists Goblin (local tracks), not Signal '
         '(none)', 'Goblin, no Signal', (names, end))
    files = [x.get('file') for x in c.songs('listplaylist "Goblin"')]
    T.eq(len(files), len(td.GOBLIN), 'commands: listplaylist Goblin lists '
         'every local song')
    songs = c.songs('listplaylist Goblin')
    T.eq(len(songs), len(td.GOBLIN), 'commands: a name without quotes works')
    T.eq(c.cmd('clear')[1], 'OK', 'commands: clear')
    T.eq(c.cmd('load "Goblin"')[1], 'OK', 'commands: load "Goblin"')
    pl = c.songs('playlistinfo')
    T.eq([x.get('Title') for x in pl], [g[0] for g in td.GOBLIN],
         'commands: playlistinfo after load: titles in catalog order')
    T.eq([x.get('Pos') for x in pl], [str(i) for i in range(len(pl))],
         'commands: playlistinfo Pos 0..n-1')
    T.ok(all(x.get('Id') and x.get('Artist') for x in pl),
         'commands: every entry has Id and Artist', 'Id, Artist', pl[:1])
    T.eq(c.cmd('add "%s"' % files[0])[1], 'OK',
         'commands: add URI (a URI listplaylist gave)')
    T.eq(c.pairs('status').get('playlistlength'), str(len(td.GOBLIN) + 1),
         'commands: add appends one')
    c.send('command_list_begin', 'random 0', 'repeat 0', 'play 1',
           'pause 1', 'command_list_end')
    T.eq(c.reply()[1], 'OK', 'commands: play 1 then pause 1 in a list')
    cur = td.wait_for(lambda: c.pairs('currentsong').get('Title')
                      == 'Beautiful' and c.pairs('currentsong'))
    T.ok(cur, 'commands: currentsong is song 1', 'Beautiful',
         c.pairs('currentsong'))
    st = c.pairs('status')
    T.eq((st.get('state'), st.get('song')), ('pause', '1'),
         'commands: status: state pause, song 1')
    T.eq(c.cmd('setvol 42')[1], 'OK', 'commands: setvol 42')
    T.eq(c.pairs('status').get('volume'), '42', 'commands: volume 42')
    T.eq(c.cmd('next')[1], 'OK', 'commands: next')
    T.ok(td.wait_for(lambda: c.pairs('status').get('song') == '2'),
         'commands: next goes to song 2', '2', c.pairs('status'))
    T.eq(c.cmd('previous')[1], 'OK', 'commands: previous')
    T.ok(td.wait_for(lambda: c.pairs('status').get('song') == '1'),
         'commands: previous goes back to song 1', '1', c.pairs('status'))
    sid = pl[3].get('Id')
    T.eq(c.cmd('playid %s' % sid)[1], 'OK', 'commands: playid')
    T.ok(td.wait_for(lambda: c.pairs('status').get('songid') == sid),
         'commands: playid plays that id', sid, c.pairs('status'))
    T.eq(c.cmd('stop')[1], 'OK', 'commands: stop')
    T.ok(td.wait_for(lambda: c.pairs('status').get('state') == 'stop'),
         'commands: state stop')
    for line, key, want in (('random 1', 'random', '1'),
                            ('random 0', 'random', '0'),
                            ('repeat 1', 'repeat', '1'),
                            ('repeat 0', 'repeat', '0')):
        c.cmd(line)
        T.eq(c.pairs('status').get(key), want, 'commands: %s' % line)
    c.send('close')
    try:
        rest = c.f.read()
    except OSError:
        rest = b''
    # "This command will not generate a response" (MPD protocol docs).
    T.ok(rest in (b'', b'OK\n'), 'commands: close closes the connection',
         'EOF', rest[:200])
    T.eq(rest, b'', 'commands: close sends no response, as in MPD')
    c.close()
    still_serving(sb, 'commands')


def test_lists(sb):
    c = td.mpd(sb)
    c.cmd('setvol 20')
    c.send('command_list_begin', 'ping', 'frobnicate', 'setvol 77',
           'command_list_end')
    lines, end = c.reply()
    a = ack(end)
    T.ok(a and a[:2] == (5, 1) and 'frobnicate' in end, 'lists: an unknown '
         'command second in a list gets ACK [5@1]', 'ACK [5@1] {} ...', end)
    T.eq(c.pairs('status').get('volume'), '20', 'lists: the commands after '
         'the failing one do not run')
    c.send('command_list_ok_begin', 'setvol 33', 'ping', 'play 999',
           'setvol 44', 'command_list_end')
    lines, end = c.reply()
    a = ack(end)
    T.eq(lines, ['list_OK', 'list_OK'], 'lists: command_list_ok_begin: one '
         'list_OK per command before the failing one')
    T.ok(a and a[1:] == (2, 'play'), 'lists: a failing play third in a list '
         'gets ACK [n@2] {play}', 'ACK [2@2] {play}', end)
    T.eq(c.pairs('status').get('volume'), '33', 'lists: commands before '
         'the failure ran, those after did not')
    c.send('command_list_begin', 'setvol 55', 'status', 'command_list_end')
    lines, end = c.reply()
    T.ok(end == 'OK' and 'volume: 55' in lines, 'lists: a good list runs '
         'every command and prints their output', 'volume: 55',
         (lines, end))
    c.close()
    # Half a list, then hang up: nothing of it runs.
    s = raw(sb)
    s.recv(100)
    s.sendall(b'command_list_begin\nsetvol 11\n')
    s.close()
    T.ok(td.wait_for(lambda: td.ping(sb)), 'lists: half a command list '
         'then disconnect: the daemon still answers')
    T.eq(td.mpd_status(sb).get('volume'), '55', 'lists: the half list did '
         'not run')
    still_serving(sb, 'lists')


def test_idle(sb):
    a, b = td.mpd(sb), td.mpd(sb)
    a.send('idle')
    b.cmd('setvol 21')
    lines, end = a.reply()
    T.ok(end == 'OK' and 'changed: mixer' in lines, 'idle: idle returns '
         '"changed: mixer" after another client\'s setvol',
         'changed: mixer', (lines, end))
    a.send('idle')
    b.cmd('random 1')
    b.cmd('random 0')
    lines, end = a.reply()
    T.ok(end == 'OK' and 'changed: options' in lines, 'idle: random '
         'changes "options"', 'changed: options', (lines, end))
    a.send('idle playlist')
    b.cmd('setvol 22')		# not a playlist change: idle waits on
    b.cmd('clear')
    lines, end = a.reply()
    T.eq((lines, end), (['changed: playlist'], 'OK'), 'idle: idle '
         'playlist ignores mixer and returns on clear')
    a.send('idle')
    a.send('noidle')
    lines, end = a.reply()
    T.eq(end, 'OK', 'idle: noidle ends idle with OK')
    T.eq(a.cmd('ping'), ([], 'OK'), 'idle: the client goes on after noidle')
    a.close()
    b.close()
    still_serving(sb, 'idle')


# ---------------------------------------------------------------------------
# Misbehaving clients
# ---------------------------------------------------------------------------

def test_garbage(sb):
    for what, data in (('binary garbage', b'\x00\xff\xfe\x01garbage\x7f\n'),
                       ('invalid UTF-8', b'status \xc3\x28\n'),
                       ('an unterminated quote', b'add "abc\n'),
                       ('a bare CR', b'\r\n'),
                       ('many words', b'ping ' + b'x ' * 5000 + b'\n')):
        s = raw(sb)
        s.recv(100)
        s.sendall(data)
        reply = read_until_end(s)
        s.close()
        T.ok(reply == b'' or reply.startswith(b'ACK ') or reply == b'OK\n',
             'garbage: %s gets an ACK or a hang-up' % what, 'ACK ...',
             reply[:200])
        still_serving(sb, 'garbage: %s' % what)


def test_long_line(sb):
    s = raw(sb, timeout=10)
    s.recv(100)
    sent = 0
    chunk = b'x' * 65536
    try:
        while sent < (1 << 20):
            s.sendall(chunk)
            sent += len(chunk)
    except (socket.timeout, BrokenPipeError, ConnectionResetError):
        pass
    try:
        reply = read_until_end(s)
    except OSError:
        reply = b''
    s.close()
    T.ok(reply == b'' or reply.startswith(b'ACK '), 'long line: 1 MB '
         'without a newline gets an ACK or a hang-up (sent %d bytes)' % sent,
         'ACK or hang-up', reply[:200])
    still_serving(sb, 'long line')


def test_hangup_mid_reply(sb):
    c = td.mpd(sb)
    files = [x.get('file') for x in c.songs('listplaylist Goblin')]
    c.cmd('clear')
    lines = ['command_list_begin'] + \
        ['add "%s"' % f for f in files] * 300 + ['command_list_end']
    c.send(*lines)
    T.eq(c.reply()[1], 'OK', 'hang-up: a list of %d adds' % (len(lines) - 2))
    n = int(c.pairs('status').get('playlistlength', 0))
    T.eq(n, 300 * len(files), 'hang-up: the queue holds them all')
    c.close()
    for how in ('close', 'reset'):
        s = raw(sb)
        s.recv(100)
        s.sendall(b'playlistinfo\n')
        s.recv(4096)		# some of the reply, then hang up
        if how == 'reset':
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                         struct.pack('ii', 1, 0))
        s.close()
        T.ok(td.wait_for(lambda: td.ping(sb)), 'hang-up: after a client '
             'hangs up (%s) mid-playlistinfo, the daemon answers' % how)
    c = td.mpd(sb)
    pl = c.songs('playlistinfo')
    T.eq(len(pl), n, 'hang-up: a whole playlistinfo still reads')
    c.cmd('clear')
    c.close()
    still_serving(sb, 'hang-up')


def test_many(sb):
    results = [None] * 20
    ready = threading.Barrier(20, timeout=WAIT)

    def client(i):
        try:
            c = td.mpd(sb)
            ready.wait()
            st = c.pairs('status')
            c.close()
            results[i] = 'state' in st and 'volume' in st
        except Exception as e:  # reported below
            results[i] = repr(e)
    threads = [threading.Thread(target=client, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT * 2)
    T.eq(results, [True] * 20, 'many: 20 clients connected at once each get '
         'a status')
    idlers = [td.mpd(sb) for _ in range(5)]
    for c in idlers:
        c.send('idle mixer')
    b = td.mpd(sb)
    b.cmd('setvol 66')
    got = [c.reply() for c in idlers]
    T.ok(all(x == (['changed: mixer'], 'OK') for x in got), 'many: 5 idle '
         'clients each hear one mixer change', 'changed: mixer', got)
    for c in idlers + [b]:
        c.close()
    still_serving(sb, 'many')


# ---------------------------------------------------------------------------
# 5. mpc
# ---------------------------------------------------------------------------

def test_mpc(h):
    sb, songs, wav = td.setup(h, 'mpc', paced=True, seconds=[8.0] * 7)
    fg = idle = None
    try:
        fg = td.Foreground(sb)
        if not T.ok(fg.wait_ready(), 'mpc: the daemon answers', 'greeting',
                    fg.stderr()):
            return
        rc, out, err = mpc(sb, 'load', 'Goblin')
        T.eq(rc, 0, 'mpc: mpc load "Goblin" exits 0')
        rc, out, err = mpc(sb, '-f', '%title%', 'playlist')
        T.eq(out.splitlines(), [x['title'] for x in songs],
             'mpc: mpc playlist lists the queue titles in order')
        rc, out, err = mpc(sb, 'play')
        T.ok(rc == 0 and '[playing]' in out, 'mpc: mpc play plays',
             '[playing]', (rc, out, err))
        rc, out, err = mpc(sb, 'status')
        T.ok(rc == 0 and 'Stay With Me' in out and '[playing]' in out
             and '#1/7' in out, 'mpc: mpc status shows the song, playing, '
             '#1/7', 'Stay With Me [playing] #1/7', (rc, out, err))
        rc, out, err = mpc(sb, 'pause')
        T.ok(rc == 0 and '[paused]' in out, 'mpc: mpc pause pauses',
             '[paused]', (rc, out, err))
        rc, out, err = mpc(sb, 'current')
        T.ok(rc == 0 and 'Stay With Me' in out and 'Chanyeol' in out,
             'mpc: mpc current names the song and a performer',
             'Chanyeol... - Stay With Me', (rc, out, err))
        rc, out, err = mpc(sb, 'next')
        T.eq(rc, 0, 'mpc: mpc next exits 0')
        rc, out, err = mpc(sb, '-f', '%title%', 'current')
        T.eq(out.strip(), 'Beautiful', 'mpc: after next, mpc current is '
             'song 2')
        env = dict(sb.env, MPD_HOST=td.socket_path(sb))
        idle = subprocess.Popen(['mpc', 'idle'], env=env,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL)
        # Give mpc time to connect and send idle (a bounded wait, not an
        # assert: the daemon's log says nothing about idling clients).
        time.sleep(1.0)
        r = sb.run('next', timeout=WAIT)
        T.eq(r.rc, 0, 'mpc: ostplay next exits 0')
        try:
            out, err = idle.communicate(timeout=WAIT)
            out = out.decode('utf-8', 'replace')
        except subprocess.TimeoutExpired:
            idle.kill()
            idle.communicate()
            out = '(mpc idle did not return)'
        T.ok('player' in out.split(), 'mpc: mpc idle returns "player" '
             'after ostplay next', 'player', out)
        rc, out, err = mpc(sb, '-f', '%title%', 'current')
        T.eq(out.strip(), 'Hush', 'mpc: ostplay next went to song 3')
        rc, out, err = mpc(sb, 'lsplaylists')
        T.ok('Goblin' in out.splitlines(), 'mpc: mpc lsplaylists lists '
             'Goblin', 'Goblin', out)
    finally:
        if idle and idle.poll() is None:
            idle.kill()
            idle.communicate()
        td.stop_all(sb, [fg.proc] if fg else [])
        sb.cleanup()



# ---------------------------------------------------------------------------
# Files outside the library
# ---------------------------------------------------------------------------

class TcpMpd(td.Mpd):
    """The same client on the daemon's TCP port (config `mpd-port`)."""

    def __init__(self, port, timeout=WAIT):
        self.sock = socket.create_connection(('127.0.0.1', port), timeout)
        self.f = self.sock.makefile('rb')
        self.greeting = self.readline()


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it gets and
    closes them; it stops by itself after `limit` seconds."""

    def __init__(self, limit=120):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        self.done = threading.Event()
        self.deadline = time.monotonic() + limit
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while not self.done.is_set() and time.monotonic() < self.deadline:
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                break
            self.hits += 1
            conn.close()
        self.sock.close()

    def stop(self):
        self.done.set()
        self.thread.join()


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def quoted(path):
    return '"%s"' % path.replace('\\', '\\\\').replace('"', '\\"')


def write_file(sb, path, data):
    with open(path, 'wb') as f:
        f.write(data)
    sb.give_to_owner(path)


def playlist_length(c):
    return int(c.pairs('status').get('playlistlength', -1))


def test_outside(h):
    """Only library tracks, or for the owner real audio files, are
    queued; mpv follows nothing a file points to."""
    port = free_port()
    sb, songs, wav = td.setup(h, 'outside', extra=(
        'mpd-port = %d' % port, 'mpd-default-permissions = read,add,control'))
    leak = Listener()
    fg = None
    try:
        outside = os.path.join(sb.root, 'outside')
        os.makedirs(outside)
        sb.give_to_owner(outside)
        tone = os.path.join(outside, 'tone.flac')
        shutil.copyfile(songs[1]['path'], tone)
        sb.give_to_owner(tone)
        http_m3u = ('#EXTM3U\nhttp://127.0.0.1:%d/leak.mp3\n'
                    % leak.port).encode()
        local_m3u = ('#EXTM3U\n%s\n' % songs[0]['path']).encode()
        evil_http = os.path.join(outside, 'evil.mp3')
        evil_local = os.path.join(outside, 'local.mp3')
        write_file(sb, evil_http, http_m3u)
        write_file(sb, evil_local, local_m3u)
        fg = td.Foreground(sb)
        if not T.ok(fg.wait_ready(), 'outside: the daemon answers',
                    'greeting', fg.stderr()):
            return
        c = td.mpd(sb)
        daemon = os.path.join(os.path.dirname(h.bin), 'ostplay-daemon')
        for path, what in (('/etc/passwd', '/etc/passwd'),
                           ('/proc/self/environ', '/proc/self/environ'),
                           (h.bin, 'the ostplay binary'),
                           (daemon, 'the ostplay-daemon binary'),
                           ('/dev/null', '/dev/null'),
                           (evil_http, 'an M3U of a URL named evil.mp3'),
                           (evil_local, 'an M3U of a local song named '
                            'local.mp3')):
            lines, end = c.cmd('add %s' % quoted(path))
            a = ack(end)
            T.ok(a and a[:3] == (50, 0, 'add') and '\n' not in end,
                 'outside: add of %s is refused' % what,
                 'ACK [50@0] {add} ...', end)
        T.eq(playlist_length(c), 0, 'outside: ... and nothing is queued')
        T.eq(c.cmd('play')[1], 'OK', 'outside: play with nothing queued')
        time.sleep(2)
        T.eq(leak.hits, 0, 'outside: nothing connects to the URL in '
             'evil.mp3')

        # ".." and folders resolved: the library's own track.
        name = os.path.basename(songs[0]['path'])
        uri = 'Goblin OST/%s' % name
        for given in (os.path.join(outside, '..', 'music', 'Goblin OST',
                                   name),
                      'Goblin OST/../Goblin OST/%s' % name,
                      'file://' + urllib.parse.quote(songs[0]['path'])):
            T.eq(c.cmd('clear')[1], 'OK', 'outside: clear')
            lines, end = c.cmd('add %s' % quoted(given))
            pl = c.songs('playlistinfo') if end == 'OK' else []
            T.ok(end == 'OK' and len(pl) == 1 and pl[0].get('file') == uri
                 and pl[0].get('Title') == songs[0]['title'],
                 'outside: add %r queues the library track' % given,
                 (uri, songs[0]['title']), (end, pl))

        # An audio file outside the library: the owner's, by path.
        T.eq(c.cmd('clear')[1], 'OK', 'outside: clear')
        lines, end = c.cmd('add %s' % quoted(tone))
        pl = c.songs('playlistinfo') if end == 'OK' else []
        T.ok(end == 'OK' and [x.get('file') for x in pl] == [tone],
             'outside: the Unix socket client adds an audio file outside '
             'the library by absolute path', tone, (end, pl))

        # TCP: the library only, as in MPD.
        t = TcpMpd(port)
        for given in ('/etc/passwd', tone, songs[0]['path'],
                      'file://' + songs[0]['path']):
            lines, end = t.cmd('add %s' % quoted(given))
            T.eq(end, 'ACK [4@0] {add} Access denied',
                 'outside: over TCP, add %r is denied' % given)
        lines, end = t.cmd('add %s' % quoted(uri))
        T.eq(end, 'OK', 'outside: over TCP, a library URI is added')
        lines, end = t.cmd('add %s' % quoted('Goblin OST/../../outside/'
                                             'tone.flac'))
        T.eq(ack(end), (50, 0, 'add'), 'outside: over TCP, a ".." URI out '
             'of the music folder is no song')
        t.close()

        # A file checked at add and then replaced: mpv must not follow it.
        T.eq(c.cmd('clear')[1], 'OK', 'outside: clear')
        swap_http = os.path.join(outside, 'swap-http.flac')
        swap_local = os.path.join(outside, 'swap-local.flac')
        for path in (swap_http, swap_local):
            shutil.copyfile(songs[1]['path'], path)
            sb.give_to_owner(path)
            T.eq(c.cmd('add %s' % quoted(path))[1], 'OK',
                 'outside: add %s (real audio)' % os.path.basename(path))
        write_file(sb, swap_http, http_m3u)
        write_file(sb, swap_local, local_m3u)
        T.eq(c.cmd('play')[1], 'OK', 'outside: play the replaced files')
        time.sleep(3)
        T.eq(leak.hits, 0, 'outside: mpv opens no URL an M3U in a played '
             'file names')
        c.close()
        td.stop_all(sb, [fg.proc])
        pcm, runs = td.capture(wav, td.FREQS)
        played = td.audio.sequence(runs) if runs else []
        T.eq(played, [], 'outside: mpv plays no song an M3U in a played '
             'file names')
    finally:
        leak.stop()
        td.stop_all(sb, [fg.proc] if fg else [])
        sb.cleanup()


def test_formats(h):
    """What mpv is kept from following stops no audio format a scan takes:
    a file of each, added by path from outside the library, plays."""
    sb, songs, wav = td.setup(h, 'formats')
    fg = None
    try:
        outside = os.path.join(sb.root, 'outside')
        os.makedirs(outside)
        sb.give_to_owner(outside)
        fmts = ['mp3', 'ogg', 'opus', 'm4a', 'wav', 'aiff', 'wma']
        paths = []
        for fmt, freq in zip(fmts, td.FREQS):
            path = os.path.join(outside, 'tone.%s' % fmt)
            td.fx.encode_tone(path, fmt, freq, 1.5)
            sb.give_to_owner(path)
            paths.append(path)
        fg = td.Foreground(sb)
        if not T.ok(fg.wait_ready(), 'formats: the daemon answers',
                    'greeting', fg.stderr()):
            return
        c = td.mpd(sb)
        for fmt, path in zip(fmts, paths):
            T.eq(c.cmd('add %s' % quoted(path))[1], 'OK',
                 'formats: add a %s file outside the library' % fmt)
        T.eq(c.cmd('play')[1], 'OK', 'formats: play')
        T.ok(td.wait_end(sb), 'formats: the queue plays out')
        c.close()
        td.stop_all(sb, [fg.proc])
        pcm, runs = td.capture(wav, td.FREQS)
        T.eq(td.audio.sequence(runs) if runs else [],
             td.FREQS[:len(fmts)], 'formats: each file plays, in order')
    finally:
        td.stop_all(sb, [fg.proc] if fg else [])
        sb.cleanup()


def unpaced(sb):
    """Takes the pacing filter out of the sandbox's config: mpv's pcm
    output then takes the audio as fast as it is decoded."""
    path = os.path.join(sb.config, 'ostplay', 'config')
    with open(path) as f:
        lines = [l for l in f if not l.startswith('mpv.af')]
    with open(path, 'w') as f:
        f.writelines(lines)


def test_range(h):
    """rangeid: only that part of a song plays, heard in the capture:
    opened first, queued after another (gapless), open at either end;
    the range is shown, refused for the playing song, and kept across a
    restart."""
    sb, songs, wav = td.setup(h, 'range')
    # Unpaced: with ffmpeg's arealtime pacing the audio, libmpv 0.35 never
    # starts a part shorter than the pcm output's buffer (1.5 s) that ends
    # before its file does; a sound card's output is not paced so.  Three
    # songs, all in mpv's playlist from the start, so that none waits for
    # the daemon.
    unpaced(sb)
    fg = fg2 = None
    try:
        fg = td.Foreground(sb)
        if not T.ok(fg.wait_ready(), 'range: the daemon answers',
                    'greeting', fg.stderr()):
            return
        c = td.mpd(sb)
        uris = [x.get('file') for x in c.songs('listplaylist Goblin')]
        c.cmd('clear')
        ids = [c.pairs('addid "%s"' % u)['Id'] for u in uris[:3]]
        # Songs of 3.0, 2.5 and 3.5 s (td.GOBLIN).
        parts = ['1:2', '0.5:1', ':1.5']
        for i, part in zip(ids, parts):
            T.eq(c.cmd('rangeid %s %s' % (i, part))[1], 'OK',
                 'range: rangeid %s' % part)
        pl = c.songs('playlistinfo')
        T.eq([(x.get('Range'), x.get('duration')) for x in pl],
             [('1.000-2.000', '1.000'), ('0.500-1.000', '0.500'),
              ('0.000-1.500', '1.500')],
             'range: playlistinfo gives Range and the part\'s duration')
        T.eq(c.cmd('rangeid %s 1:' % ids[2])[1], 'OK', 'range: changed')
        T.eq(c.cmd('rangeid %s :' % ids[2])[1], 'OK', 'range: cleared')
        T.eq(c.songs('playlistid %s' % ids[2])[0].get('Range'), None,
             'range: "rangeid ID :" plays all of it again')
        T.eq(c.cmd('rangeid %s :1.5' % ids[2])[1], 'OK', 'range: set again')
        # In one command list, so that mpv holds the second song as the
        # next file, with its old range, when that changes: it is loaded
        # again.  The playing song's range is refused.
        c.send('command_list_begin', 'play 0', 'rangeid %s 0.5:' % ids[1],
               'rangeid %s 0:1' % ids[0], 'command_list_end')
        T.eq(c.reply()[1], 'ACK [4@2] {rangeid} Cannot edit the current '
             'song', 'range: the next song\'s range changes while the first '
             'plays; the playing song\'s is refused')
        if not T.ok(td.wait_end(sb), 'range: the queue plays out'):
            T.diag('status: %r' % td.mpd_status(sb))
        T.eq(c.cmd('rangeid %s 1:2' % ids[0])[1], 'OK',
             'range: once stopped, the first song\'s range changes again')
        c.close()
        rc = fg.terminate()
        pcm, runs = td.capture(wav, td.FREQS)
        tones = td.audio.tones(runs) if runs else []
        T.diag('range: captured %s' % (td.audio.describe(runs)
                                        if runs else runs))
        T.eq([f for f, _ in tones], td.FREQS[:3],
             'range: the three songs play, in order')
        want = [1.0, 2.0, 1.5]
        T.ok(len(tones) == 3 and all(abs(sec - w) <= 0.15
                                     for (_, sec), w in zip(tones, want)),
             'range: each plays for its part alone (+-0.15 s)', want,
             [round(sec, 2) for _, sec in tones])
        gaps = [td.audio.between(runs, a, b) for a, b in
                zip(td.FREQS[:2], td.FREQS[1:3])] if runs else [None]
        T.ok(all(g is not None and len(g) <= 1 and
                 not td.audio.silence_seconds(g) for g in gaps),
             'range: gapless from one part to the next', '<= 1 window', gaps)
        fg2 = td.Foreground(sb, 'daemon2')
        if not T.ok(rc == 0 and fg2.wait_ready(),
                    'range: the daemon starts again', 'greeting',
                    fg2.stderr()):
            return
        c = td.mpd(sb)
        T.eq([x.get('Range') for x in c.songs('playlistinfo')],
             ['1.000-2.000', '0.500-', '0.000-1.500'],
             'range: the ranges are kept across a restart')
        # Opened paused at the start of its range: mpv's own position,
        # once the file is open (before, the daemon's own).
        c.send('command_list_begin', 'play 1', 'pause 1', 'command_list_end')
        c.reply()
        time.sleep(0.5)
        T.ok(td.wait_for(lambda: 0.5 <= float(
            td.mpd_status(sb).get('elapsed', 0)) < 1.0 and
            td.mpd_status(sb).get('state') == 'pause', 5.0),
            'range: a song plays from its start offset', '0.5..1.0',
            td.mpd_status(sb).get('elapsed'))
        c.cmd('stop')
        c.close()
    finally:
        td.stop_all(sb, [x.proc for x in (fg, fg2) if x])
        sb.cleanup()


def test_queue_edit(sb):
    """MPD's position commands, as ncmpcpp and mpc send them."""
    c = td.mpd(sb)
    uris = [x.get('file') for x in c.songs('listplaylist Goblin')]
    c.cmd('clear')

    def files():
        return [uris.index(x.get('file')) for x in c.songs('playlistinfo')]

    for u in uris[:5]:
        c.cmd('add "%s"' % u)
    T.eq(files(), [0, 1, 2, 3, 4], 'queue edit: five added in order')
    T.eq(c.cmd('add "%s" 1' % uris[5])[1], 'OK', 'queue edit: add URI POS')
    lines, end = c.cmd('addid "%s" 0' % uris[6])
    T.eq(files(), [6, 0, 5, 1, 2, 3, 4], 'queue edit: add and addid insert '
         'at the position given')
    T.ok(end == 'OK' and lines and lines[0].startswith('Id: '),
         'queue edit: addid answers the new id', 'Id: N', lines)
    T.eq(c.cmd('delete 1:3')[1], 'OK', 'queue edit: delete START:END')
    T.eq(files(), [6, 1, 2, 3, 4], 'queue edit: the range is gone')
    T.eq(c.cmd('move 0 4')[1], 'OK', 'queue edit: move')
    T.eq(files(), [1, 2, 3, 4, 6], 'queue edit: moved to the end')
    T.eq(c.cmd('move 0:2 1')[1], 'OK', 'queue edit: move a range')
    T.eq(files(), [3, 1, 2, 4, 6], 'queue edit: the range lands at 1')
    T.eq(c.cmd('swap 0 4')[1], 'OK', 'queue edit: swap')
    T.eq(files(), [6, 1, 2, 4, 3], 'queue edit: swapped')
    ids = [x.get('Id') for x in c.songs('playlistinfo')]
    T.eq(c.cmd('swapid %s %s' % (ids[1], ids[2]))[1], 'OK',
         'queue edit: swapid')
    T.eq(c.cmd('moveid %s 0' % ids[4])[1], 'OK', 'queue edit: moveid')
    T.eq(files(), [3, 6, 2, 1, 4], 'queue edit: swapid and moveid')
    version = c.pairs('status').get('playlist')
    T.eq(c.cmd('prio 200 3:5')[1], 'OK', 'queue edit: prio on a range')
    pl = c.songs('playlistinfo')
    T.eq([x.get('Prio') for x in pl], [None, None, None, '200', '200'],
         'queue edit: playlistinfo shows Prio')
    lines, end = c.cmd('plchangesposid %s' % version)
    T.eq(lines, ['cpos: 3', 'Id: %s' % pl[3]['Id'], 'cpos: 4',
                 'Id: %s' % pl[4]['Id']], 'queue edit: plchangesposid lists '
         'only what changed since the version')
    T.eq(len(c.songs('plchanges %s' % version)), 2, 'queue edit: plchanges '
         'too')
    T.eq(len(c.songs('plchanges 0')), 5, 'queue edit: plchanges 0: all')
    before = sorted(files())
    T.eq(c.cmd('shuffle')[1], 'OK', 'queue edit: shuffle')
    T.eq(sorted(files()), before, 'queue edit: shuffle keeps the tracks')
    for line, want in (('delete 9', 'ACK [2@0] {delete} Bad song index'),
                       ('delete x', 'ACK [2@0] {delete} Integer or range '
                        'expected: x'),
                       ('move 0 9', 'ACK [2@0] {move} Number too large: 9'),
                       ('swap 0 5', 'ACK [2@0] {swap} Bad song index'),
                       ('prio 256 0', 'ACK [2@0] {prio} Number too large: '
                        '256'),
                       ('add "%s" 9' % uris[0],
                        'ACK [2@0] {add} Number too large: 9'),
                       ('add "%s" +0' % uris[0],
                        'ACK [55@0] {add} No current song'),
                       ('moveid 99999 0', 'ACK [50@0] {moveid} No such '
                        'song')):
        T.eq(c.cmd(line)[1], want, 'queue edit: %s is refused' % line)
    c.cmd('play 0')
    T.eq(c.cmd('add "%s" +0' % uris[0])[1], 'OK', 'queue edit: +0 adds '
         'right after the current song')
    T.eq(files()[1], 0, 'queue edit: ... at position 1')
    rc, out, err = mpc(sb, 'del', '1')
    T.eq((rc, len(c.songs('playlistinfo'))), (0, 5), 'queue edit: mpc del')
    rc, out, err = mpc(sb, 'move', '1', '3')
    T.eq(rc, 0, 'queue edit: mpc move', )
    c.cmd('stop')
    c.cmd('clear')
    c.close()
    still_serving(sb, 'queue edit')


def test_saved_playlists(sb):
    """save, playlistadd, playlistdelete, playlistmove, playlistclear,
    rename and rm, as MPD clients send them; dramas stay read-only."""
    c = td.mpd(sb)
    uris = [x.get('file') for x in c.songs('listplaylist Goblin')]
    c.cmd('clear')
    for u in uris[:3]:
        c.cmd('add "%s"' % u)

    def entries(name):
        lines, end = c.cmd('listplaylist "%s"' % name)
        return [uris.index(l.split(': ', 1)[1]) for l in lines] \
            if end == 'OK' else end

    T.eq(c.cmd('save "Night drive"')[1], 'OK', 'playlists: save the queue')
    T.eq(entries('Night drive'), [0, 1, 2], 'playlists: it holds the queue')
    T.eq(c.cmd('save "Night drive"')[1], 'ACK [56@0] {save} Playlist '
         'already exists', 'playlists: save onto an existing one is refused')
    T.eq(c.cmd('save "Night drive" append')[1], 'OK', 'playlists: save '
         'append')
    T.eq(entries('Night drive'), [0, 1, 2, 0, 1, 2], 'playlists: appended')
    T.eq(c.cmd('save "night DRIVE" replace')[1], 'OK', 'playlists: save '
         'replace, the name in another case')
    T.eq(entries('Night drive'), [0, 1, 2], 'playlists: replaced, one '
         'playlist in every case')
    T.eq(c.cmd('playlistadd "Night drive" "%s"' % uris[4])[1], 'OK',
         'playlists: playlistadd')
    T.eq(c.cmd('playlistadd "Night drive" "%s" 0' % uris[5])[1], 'OK',
         'playlistadd at a position')
    T.eq(entries('Night drive'), [5, 0, 1, 2, 4], 'playlists: added at 0 '
         'and at the end')
    T.eq(c.cmd('playlistdelete "Night drive" 1:3')[1], 'OK',
         'playlists: playlistdelete a range')
    T.eq(c.cmd('playlistmove "Night drive" 0 2')[1], 'OK',
         'playlists: playlistmove')
    T.eq(entries('Night drive'), [2, 4, 5], 'playlists: deleted and moved')
    T.eq(c.cmd('playlistadd "New one" "%s"' % uris[6])[1], 'OK',
         'playlists: playlistadd makes a missing playlist')
    T.eq(c.cmd('rename "New one" "Night drive"')[1], 'ACK [56@0] {rename} '
         'Playlist already exists', 'playlists: rename onto another is '
         'refused')
    T.eq(c.cmd('rename "New one" "Morning"')[1], 'OK', 'playlists: rename')
    T.eq(entries('Morning'), [6], 'playlists: renamed, entries kept')
    T.eq(c.cmd('playlistclear Morning')[1], 'OK', 'playlists: playlistclear')
    T.eq(entries('Morning'), [], 'playlists: cleared')
    names = [l.split(': ', 1)[1] for l in c.cmd('listplaylists')[0]
             if l.startswith('playlist: ')]
    T.ok('Morning' in names and 'Night drive' in names and
         'New one' not in names, 'playlists: listplaylists shows them',
         'Morning, Night drive', names)
    for line, name in (('save Goblin', 'save'),
                       ('playlistadd Goblin "%s"' % uris[0], 'playlistadd'),
                       ('playlistclear goblin', 'playlistclear'),
                       ('rename Goblin Mine', 'rename'),
                       ('rename Morning Goblin', 'rename')):
        end = c.cmd(line)[1]
        T.ok(end.startswith('ACK [2@0] {%s} Goblin is a drama' % name),
             'playlists: %s is refused: dramas are read-only' % line,
             'ACK ... is a drama', end)
    T.eq(len(c.songs('listplaylist Goblin')), len(uris), 'playlists: the '
         'drama is unchanged')
    for line, want in (('playlistdelete Nope 0', 'ACK [50@0] '
                        '{playlistdelete} No such playlist'),
                       ('playlistdelete "Night drive" 9', 'ACK [2@0] '
                        '{playlistdelete} Bad song index'),
                       ('save x bogus', 'ACK [2@0] {save} Unrecognized save '
                        'mode: bogus')):
        T.eq(c.cmd(line)[1], want, 'playlists: %s is refused' % line)
    rc, out, err = mpc(sb, 'rm', 'Morning')
    T.eq(rc, 0, 'playlists: mpc rm')
    userdata = os.path.join(sb.data, 'ostplay', 'library.userdata')
    T.ok('Night drive' in td.read_text(userdata), 'playlists: the saved '
         'playlist is in the user-data file beside the library')
    c.cmd('rm "Night drive"')
    c.cmd('clear')
    c.close()
    still_serving(sb, 'playlists')


def test_mpc_all(sb):
    """Every mpc subcommand that works on a local library, each checked
    by its effect.  Left out: channels, sendmessage, waitmessage and
    subscribe (messages between clients), listneighbors, mount and unmount
    (storage plugins), outputset (output attributes), replaygain (the
    loudness work), idleloop (it never ends)."""
    c = td.mpd(sb)
    uris = [x.get('file') for x in c.songs('listplaylist Goblin')]
    c.close()

    def run(*args):
        return mpc(sb, *args)

    def queue_files():
        c = td.mpd(sb)
        files = [x.get('file') for x in c.songs('playlistinfo')]
        c.close()
        return files

    def status():
        return td.mpd_status(sb)

    checks = [
        (('clear',), lambda r: queue_files() == []),
        (('add', uris[0]), lambda r: queue_files() == [uris[0]]),
        # Nothing playing: mpc inserts at the top ("after song -1").
        (('insert', uris[1]), lambda r: queue_files() == [uris[1],
                                                          uris[0]]),
        (('load', 'Goblin'), lambda r: len(queue_files()) == 2 + len(uris)),
        (('playlist',), lambda r: 'Stay With Me' in r[1]),
        # Songs here last a fraction of a second (paced ten times faster
        # than real time): repeat one keeps the song played in place, so
        # that what follows checks commands, not timing.
        (('repeat', 'on'), lambda r: status().get('repeat') == '1'),
        (('single', 'on'), lambda r: status().get('single') == '1'),
        (('play', '2'), lambda r: status().get('song') == '1'),
        (('current',), lambda r: r[1].strip() != ''),
        (('queued',), lambda r: r[1].strip() != ''),
        (('next',), lambda r: status().get('song') == '2'),
        (('prev',), lambda r: status().get('song') == '1'),
        (('pause',), lambda r: status().get('state') == 'pause'),
        (('toggle',), lambda r: status().get('state') == 'play'),
        (('pause-if-playing',), lambda r: status().get('state') == 'pause'),
        (('seek', '50%'), lambda r: float(status().get('elapsed', 0)) > 0.5),
        (('seekthrough', '-0:00:01'), lambda r: r[0] == 0),
        (('cdprev',), lambda r: r[0] == 0),
        (('del', '1'), lambda r: len(queue_files()) == 1 + len(uris)),
        (('move', '1', '3'), lambda r: r[0] == 0),
        (('prio', '10', '2'), lambda r: r[0] == 0),
        (('shuffle',), lambda r: len(queue_files()) == 1 + len(uris)),
        (('searchplay', 'Hush'), lambda r: 'Hush' in r[1]),
        (('crop',), lambda r: len(queue_files()) == 1),
        (('stop',), lambda r: status().get('state') == 'stop'),
        (('outputs',), lambda r: 'mpv' in r[1]),
        (('disable', '1'), lambda r: 'is disabled' in run('outputs')[1]),
        (('enable', '1'), lambda r: 'is enabled' in run('outputs')[1]),
        (('toggleoutput', '1'), lambda r: 'is disabled' in run('outputs')[1]),
        (('toggleoutput', '1'), lambda r: 'is enabled' in run('outputs')[1]),
        (('volume', '50'), lambda r: status().get('volume') == '50'),
        (('volume', '+5'), lambda r: status().get('volume') == '55'),
        (('repeat', 'on'), lambda r: status().get('repeat') == '1'),
        (('repeat', 'off'), lambda r: status().get('repeat') == '0'),
        (('random', 'on'), lambda r: status().get('random') == '1'),
        (('random', 'off'), lambda r: status().get('random') == '0'),
        (('single', 'once'), lambda r: status().get('single') == 'oneshot'),
        (('single', 'off'), lambda r: status().get('single') == '0'),
        (('consume', 'on'), lambda r: status().get('consume') == '1'),
        (('consume', 'off'), lambda r: status().get('consume') == '0'),
        (('crossfade', '2'), lambda r: status().get('xfade') == '2'),
        (('crossfade', '0'), lambda r: 'xfade' not in status()),
        (('mixrampdb', '-10'), lambda r: status().get('mixrampdb') == '-10'),
        (('mixrampdelay', '1'), lambda r: status().get('mixrampdelay') == '1'),
        (('clearerror',), lambda r: r[0] == 0),
        (('listall',), lambda r: all(u in r[1] for u in uris)),
        (('ls',), lambda r: 'Goblin OST' in r[1]),
        (('ls', 'Goblin OST'), lambda r: uris[0] in r[1]),
        (('lsplaylists',), lambda r: 'Goblin' in r[1]),
        (('search', 'title', 'stay'), lambda r: uris[0] in r[1]),
        (('find', 'title', 'Stay With Me'), lambda r: uris[0] in r[1]),
        (('list', 'artist'), lambda r: 'Crush' in r[1]),
        (('clear',), lambda r: queue_files() == []),
        (('searchadd', 'title', 'stay'), lambda r: queue_files() == [uris[0]]),
        (('findadd', 'title', 'Hush'), lambda r: len(queue_files()) == 2),
        (('save', 'mpc list'), lambda r: 'mpc list' in run('lsplaylists')[1]),
        (('playlist', 'mpc list'), lambda r: 'Stay With Me' in r[1]),
        (('rm', 'mpc list'), lambda r: 'mpc list' not in run(
            'lsplaylists')[1]),
        (('sticker', uris[0], 'set', 'rating', '5'), lambda r: r[0] == 0),
        (('sticker', uris[0], 'get', 'rating'), lambda r: 'rating=5' in r[1]),
        (('sticker', uris[0], 'delete', 'rating'), lambda r: r[0] == 0),
        (('stats',), lambda r: 'Songs:' in r[1]),
        (('version',), lambda r: '0.23' in r[1]),
        (('-w', 'update'), lambda r: 'updating' not in status()),
        (('-w', 'rescan'), lambda r: r[0] == 0),
        (('clear',), lambda r: queue_files() == []),
    ]
    for args, check in checks:
        r = run(*args)
        try:
            good = r[0] == 0 and check(r)
        except (OSError, ValueError, EOFError) as e:
            good = False
            r = r + (repr(e),)
        T.ok(good, 'mpc all: mpc %s' % ' '.join(args), 'its effect', r)
    # mpc idle waits for a change another client makes.
    env = dict(sb.env, MPD_HOST=td.socket_path(sb))
    waiter = subprocess.Popen(['mpc', 'idle', 'mixer'], env=env,
                              stdout=subprocess.PIPE,
                              stdin=subprocess.DEVNULL)
    time.sleep(0.5)
    run('volume', '60')
    try:
        out = waiter.communicate(timeout=WAIT)[0].decode()
    except subprocess.TimeoutExpired:
        waiter.kill()
        out = waiter.communicate()[0].decode()
    T.eq(out.strip(), 'mixer', 'mpc all: mpc idle mixer wakes on a volume '
         'change')
    still_serving(sb, 'mpc all')


def read_binary(sock_file, sock, request):
    """Sends `request` on a raw client; returns (pairs, data, end)."""
    sock.sendall(request.encode('utf-8') + b'\n')
    pairs, data = {}, b''
    while True:
        line = sock_file.readline().decode('utf-8', 'replace').rstrip('\n')
        if line == 'OK' or line.startswith('ACK') or not line:
            return pairs, data, line
        key, _, value = line.partition(': ')
        pairs[key] = value
        if key == 'binary':
            data = sock_file.read(int(value))
            sock_file.read(1)	# the newline after the data


def fetch_picture(sb, command, uri, limit):
    s = raw(sb)
    f = s.makefile('rb')
    got, size, ends = b'', None, []
    read_binary(f, s, 'binarylimit %d' % limit)
    while size is None or len(got) < size:
        pairs, data, end = read_binary(f, s, '%s "%s" %d'
                                       % (command, uri, len(got)))
        ends.append(end)
        if end != 'OK' or 'size' not in pairs or not data:
            break
        size = int(pairs['size'])
        got += data
    s.close()
    return got, ends


def test_covers(sb):
    """albumart (the cover beside the song) and readpicture (the one in
    it), in chunks of the client's binarylimit."""
    c = td.mpd(sb)
    uris = [x.get('file') for x in c.songs('listplaylist Goblin')]
    c.close()
    folder = os.path.dirname(os.path.join(sb.music, uris[0]))
    cover = bytes(range(256)) * 80 + b'end'		# 20,483 bytes
    with open(os.path.join(folder, 'cover.jpg'), 'wb') as f:
        f.write(cover)
    got, ends = fetch_picture(sb, 'albumart', uris[0], 8192)
    T.ok(got == cover and len(ends) == 3, 'covers: albumart sends the '
         'cover beside the song in 8 KiB chunks', '20,483 bytes in 3',
         (len(got), ends))
    got, ends = fetch_picture(sb, 'albumart', uris[0], 64)
    T.eq(len(ends), 321, 'covers: binarylimit 64 makes 64-byte chunks')
    os.unlink(os.path.join(folder, 'cover.jpg'))
    s = raw(sb)
    f = s.makefile('rb')
    for request, want in (('albumart "%s" 0' % uris[1], 'ACK [50@0] '
                           '{albumart} No file exists'),
                          ('albumart "nope.flac" 0', 'ACK [50@0] '
                           '{albumart} No such file'),
                          ('binarylimit 10', 'ACK [2@0] {binarylimit} Value '
                           'too small'),
                          ('readpicture "%s" 0' % uris[1], 'OK')):
        T.eq(read_binary(f, s, request)[2], want, 'covers: %s' % request)
    s.close()
    # A picture inside a FLAC file.
    import mutagen.flac
    path = os.path.join(sb.music, uris[0])
    pic = mutagen.flac.Picture()
    pic.type, pic.mime, pic.data = 3, 'image/png', b'\x89PNG' + cover
    flac = mutagen.flac.FLAC(path)
    flac.add_picture(pic)
    flac.save()
    got, ends = fetch_picture(sb, 'readpicture', uris[0], 8192)
    T.ok(got == pic.data, 'covers: readpicture sends the embedded picture',
         '20,487 bytes', (len(got), ends))


def test_update(sb):
    """update runs the scan in the background and wakes idle; a scan from
    the CLI wakes idle database too.  Runs last: it adds files."""
    folder = os.path.join(sb.music, 'Extra')
    os.makedirs(folder, exist_ok=True)
    td.fx.encode_tone(os.path.join(folder, 'new one.flac'), 'flac', 440, 1)
    sb.give_to_owner(folder)
    watcher = td.mpd(sb)
    watcher.send('idle database update')
    c = td.mpd(sb)
    lines, end = c.cmd('update')
    T.ok(end == 'OK' and lines and lines[0].startswith('updating_db: '),
         'update: answers its job at once', 'updating_db: N', (lines, end))
    got = set()
    deadline = time.monotonic() + WAIT
    while 'changed: database' not in got and time.monotonic() < deadline:
        more, end = watcher.reply()
        got.update(more)
        watcher.send('idle database update')
    T.ok({'changed: update', 'changed: database'} <= got, 'update: idle '
         'hears the update start or end, and the database change',
         'update, database', got)
    T.eq(c.cmd('update Nowhere')[1], 'ACK [50@0] {update} Malformed path',
         'update: a folder that is not there is refused')
    found = td.wait_for(lambda: c.songs('find file "Extra/new one.flac"'))
    T.ok(found, 'update: the new file is in the library', 'a song', found)
    watcher.send('noidle')
    watcher.reply()
    # A scan from the CLI while the daemon runs.
    td.fx.encode_tone(os.path.join(folder, 'newer.flac'), 'flac', 550, 1)
    sb.give_to_owner(folder)
    watcher.send('idle database')
    T.eq(sb.run('scan').rc, 0, 'update: ostplay scan beside the daemon')
    lines, end = watcher.reply()
    T.eq((lines, end), (['changed: database'], 'OK'), 'update: a scan '
         'from the CLI wakes idle database')
    T.ok('updating_db' not in c.pairs('status'), 'update: status has no '
         'updating_db once it is done')
    watcher.close()
    c.close()
    still_serving(sb, 'update')


GROUPS = [('commands', test_commands), ('lists', test_lists),
          ('playlists', test_saved_playlists),
          ('queue-edit', test_queue_edit),
          ('idle', test_idle), ('garbage', test_garbage),
          ('long', test_long_line), ('hangup', test_hangup_mid_reply),
          ('many', test_many), ('mpc-all', test_mpc_all),
          ('covers', test_covers),
          ('update', test_update)]


def run_shared(h, want):
    """The groups that share one daemon, then its clean shutdown."""
    sb, songs, wav = td.setup(h, 'protocol')
    fg = None
    try:
        fg = td.Foreground(sb)
        if not T.ok(fg.wait_ready(), 'the daemon answers on its socket',
                    'greeting', fg.stderr()):
            return
        T.run_groups(GROUPS, want, sb)
        T.ok(fg.proc.poll() is None, 'the daemon is still running at the end',
             'running', fg.stderr()[-1500:])
        rc = fg.terminate()
        T.eq(rc, 0, 'SIGTERM: the daemon exits 0')
        T.ok(not os.path.exists(td.socket_path(sb)), 'SIGTERM: the socket is '
             'removed')
    finally:
        td.stop_all(sb, [fg.proc] if fg else [])
        sb.cleanup()


def main():
    h = td.Harness(T, 'protocol')
    want = sys.argv[1:]
    own = [('mpc', test_mpc), ('outside', test_outside),
           ('formats', test_formats), ('range', test_range)]
    shared = [g for g in want if g not in dict(own)]
    if not want or shared:
        run_shared(h, shared)
    T.run_groups(own, want, h)
    return T.finish()


if __name__ == '__main__':
    sys.exit(main())
