#!/usr/bin/python3
"""Integration test of the daemon's limits and TCP permissions (the
hardening issue's findings 1-4, 14 and the restored queue), with TAP
output.

Usage: OSTPLAY=build/ostplay /usr/bin/python3 tests/test-limits.py [GROUP...]

Each group starts a real daemon in its own sandbox (test-daemon.py's) and
attacks it as the outside pass did, on the Unix socket or 127.0.0.1 only,
with bounded loops: command lists too big to hold, replies asked for and
never read, connections that never speak or drip a byte at a time, a line
too long, TCP clients without a password, a daemon that is stopped.
Memory is read from /proc/PID/status (VmRSS); no time is asserted, only
printed.
"""

import os
import signal
import socket
import sys
import threading
import time

sys.dont_write_bytecode = True	# no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sandbox  # noqa: E402
td = sandbox.test_module('test-daemon.py')

T = td.T
WAIT = td.WAIT
ack = td.ack


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


def under_asan(h):
    """Whether the daemon is built with AddressSanitizer, whose quarantine
    keeps freed memory resident: its RSS then says nothing of what the
    daemon holds."""
    daemon = os.path.join(os.path.dirname(h.bin), 'ostplay-daemon')
    with open(daemon, 'rb') as f:
        return b'__asan_init' in f.read()


def rss_bounded(h, grown_kib, limit_kib, desc):
    if under_asan(h):
        T.skip(desc, 'ASan keeps freed memory in its quarantine')
    else:
        T.ok(grown_kib < limit_kib, desc)


def rss_kib(pid):
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    return 0


class PeakRss:
    """The highest VmRSS of `pid` seen while it runs, sampled every 20 ms
    in a thread: a reply built and freed between two reads would hide."""

    def __init__(self, pid):
        self.pid = pid
        self.peak = rss_kib(pid)
        self.running = True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def sample(self):
        while self.running:
            try:
                self.peak = max(self.peak, rss_kib(self.pid))
            except OSError:
                return
            time.sleep(0.02)

    def stop(self):
        self.running = False
        self.thread.join()
        return self.peak


def start(h, name, extra=()):
    """A sandbox with Goblin scanned and a daemon running; (sb, songs,
    pid), pid None when it did not start."""
    sb, songs, _ = td.setup(h, name, extra=extra)
    T.ok(td.wait_for(lambda: sb.run('status').rc == 0), '%s: the daemon '
         'starts' % name)
    pids = td.daemon_pids(sb)
    return sb, songs, (pids[0] if pids else None)


def raw(sb, timeout=WAIT):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(td.socket_path(sb))
    s.recv(100)		# the greeting
    return s


def tcp(port, timeout=WAIT):
    s = socket.create_connection(('127.0.0.1', port), timeout)
    return s


def read_all(s, limit=1 << 22):
    """What the peer sends until it closes (or `limit` bytes, or the
    socket's timeout)."""
    buf = b''
    try:
        while len(buf) < limit:
            chunk = s.recv(65536)
            if not chunk:
                break
            buf += chunk
    except (socket.timeout, ConnectionResetError):
        pass
    return buf


def closed_by_peer(s, timeout):
    """Whether the daemon closes `s` within `timeout` seconds (whatever it
    sends first is read and dropped)."""
    s.settimeout(timeout)
    try:
        while True:
            if not s.recv(65536):
                return True
    except socket.timeout:
        return False
    except (ConnectionResetError, BrokenPipeError):
        return True


def timed_ping(sb):
    """Seconds a new client waits for ping's OK, or None."""
    t0 = time.monotonic()
    return time.monotonic() - t0 if td.ping(sb) else None


def fill_queue(sb, songs, copies):
    c = td.mpd(sb)
    uris = [x.get('file') for x in c.songs('listplaylist Goblin')]
    c.send('command_list_begin', *(['add "%s"' % u for u in uris] * copies),
           'command_list_end')
    end = c.reply()[1]
    n = int(c.pairs('status').get('playlistlength', 0))
    c.close()
    return end, n


# ---------------------------------------------------------------------------
# 1. Command lists: a byte cap (mpd's 2 MiB)
# ---------------------------------------------------------------------------

def test_list_cap(h):
    sb, songs, pid = start(h, 'list-cap')
    try:
        before = rss_kib(pid)
        peak = PeakRss(pid)
        line = b'ping "' + b'x' * 60000 + b'"\n'
        held = []
        for i in range(4):	# four clients, 24 MB of list each
            s = raw(sb)
            s.sendall(b'command_list_begin\n')
            try:
                for _ in range(400):
                    s.sendall(line)
            except (BrokenPipeError, ConnectionResetError, socket.timeout):
                pass
            held.append(s)
        replies = [read_all(s) for s in held]
        peak = peak.stop()
        T.diag('list cap: daemon RSS %d kB before, at most %d kB while four '
               'clients sent 24 MB command lists' % (before, peak))
        T.ok(all(r.startswith(b'ACK [2@0] {} command list is too large')
                 for r in replies),
             'list cap: a command list past 2 MiB gets "command list is '
             'too large" and the connection ends', 'ACK ...',
             [r[:80] for r in replies])
        rss_bounded(h, peak - before, 32 * 1024, 'list cap: the daemon holds '
                    'at most the cap per client (RSS grew %d kB for four '
                    'clients)' % (peak - before))
        for s in held:
            s.close()
        c = td.mpd(sb)
        c.cmd('setvol 10')
        c.send('command_list_begin', *(['ping'] * 360000), 'setvol 42',
               'command_list_end')
        lines, end = c.reply()
        T.ok(end == 'OK' and c.pairs('status').get('volume') == '42',
             'list cap: a 1.8 MB list under the cap (360,001 commands) still '
             'runs whole', 'OK, volume 42', end)
        c.close()
        T.ok(td.ping(sb), 'list cap: the daemon still answers')
    finally:
        td.stop_all(sb)
        sb.cleanup()


# ---------------------------------------------------------------------------
# 2. Replies: produced in turns, bounded when unread
# ---------------------------------------------------------------------------

def amplify(sb, as_list):
    """4,000 playlistinfo, sent and never read."""
    s = raw(sb)
    body = b'playlistinfo\n' * 4000
    s.sendall(b'command_list_begin\n' + body + b'command_list_end\n'
              if as_list else body)
    return s


def test_amplification(h):
    sb, songs, pid = start(h, 'amplification')
    try:
        end, n = fill_queue(sb, songs, 84)
        T.eq((end, n), ('OK', 84 * len(songs)), 'amplification: %d tracks '
             'queued' % (84 * len(songs)))
        before = rss_kib(pid)
        peak = PeakRss(pid)
        attackers = [amplify(sb, True), amplify(sb, True), amplify(sb, False)]
        time.sleep(2)
        waits = [timed_ping(sb) for _ in range(5)]
        time.sleep(1)
        peak = peak.stop()
        T.diag('amplification: daemon RSS %d kB before, at most %d kB with three '
               'clients each asking 4,000 playlistinfo of %d tracks and '
               'reading nothing; ping from another client took %s s'
               % (before, peak, n,
                  ', '.join('%.3f' % w if w is not None else 'never'
                            for w in waits)))
        T.ok(all(w is not None for w in waits), 'amplification: another '
             'client is answered meanwhile')
        rss_bounded(h, peak - before, 48 * 1024, 'amplification: unread '
                    'replies are not built ahead (RSS grew %d kB)'
                    % (peak - before))
        # A client that reads gets every reply, in turns.
        s = attackers[0]
        s.settimeout(WAIT)
        got = b''
        want = 4000 * n
        try:
            while got.count(b'\nId: ') < want and not got.endswith(b'\nOK\n'):
                chunk = s.recv(1 << 20)
                if not chunk:
                    break
                got += chunk
                got = got[-(1 << 16):] if len(got) > (1 << 24) else got
        except socket.timeout:
            pass
        T.ok(got.endswith(b'\nOK\n'), 'amplification: a client that reads '
             'gets the whole list\'s reply')
        for s in attackers:
            s.close()
        T.ok(td.ping(sb), 'amplification: the daemon still answers')
    finally:
        td.stop_all(sb)
        sb.cleanup()


# ---------------------------------------------------------------------------
# 3. Connections: timeouts, a limit that never locks out the owner
# ---------------------------------------------------------------------------

def test_connections(h):
    port = free_port()
    sb, songs, pid = start(h, 'connections', extra=(
        'mpd-port = %d' % port, 'mpd-max-connections = 8',
        'mpd-connection-timeout = 3'))
    try:
        silent = [tcp(port) for _ in range(8)]
        extra = tcp(port)
        T.ok(closed_by_peer(extra, 5), 'connections: past the TCP limit a '
             'client is closed at once, not left waiting')
        r = sb.run('status', timeout=WAIT)
        T.eq(r.rc, 0, 'connections: with TCP full, `ostplay status` works')
        own = [raw(sb) for _ in range(8)]
        r = sb.run('status', timeout=WAIT)
        T.eq(r.rc, 0, 'connections: with the Unix socket full too, '
             '`ostplay status` works (the quietest is dropped)')
        idler = td.mpd(sb)
        idler.send('idle')
        drip = tcp(port)
        drip.recv(100)
        t0 = time.monotonic()
        dropped = False
        while time.monotonic() - t0 < 12 and not dropped:
            try:
                drip.sendall(b'p')
                drip.settimeout(0.5)
                dropped = drip.recv(100) == b''
            except socket.timeout:
                pass
            except (BrokenPipeError, ConnectionResetError):
                dropped = True
        T.ok(dropped, 'connections: a client dripping a byte every half '
             'second without ending a line is dropped after the timeout '
             '(%.1f s)' % (time.monotonic() - t0))
        T.ok(all(closed_by_peer(s, 10) for s in silent),
             'connections: silent TCP clients are dropped after the timeout')
        T.ok(all(closed_by_peer(s, 10) for s in own[1:]),
             'connections: silent Unix clients too')
        idler.send('noidle')
        T.eq(idler.reply()[1], 'OK', 'connections: a client waiting in idle '
             'is kept past the timeout')
        idler.close()
        for s in silent + own + [extra, drip]:
            s.close()
        fresh = [tcp(port) for _ in range(8)]
        T.ok(all(s.recv(100).startswith(b'OK MPD') for s in fresh),
             'connections: once they are gone, new TCP clients get in')
        for s in fresh:
            s.close()
    finally:
        td.stop_all(sb)
        sb.cleanup()


def test_stopped_daemon(h):
    sb, songs, pid = start(h, 'stopped')
    try:
        os.kill(pid, signal.SIGSTOP)
        t0 = time.monotonic()
        r = sb.run('status', timeout=WAIT * 2)
        took = time.monotonic() - t0
        err = r.err
        T.diag('stopped: `ostplay status` ended after %.1f s' % took)
        T.ok(r.rc == 1 and 'does not answer' in err and
             err.count('\n') == 1, 'stopped: `ostplay status` on a stopped '
             'daemon ends with one line saying it does not answer',
             'does not answer', (r.rc, err))
        T.eq(td.daemon_pids(sb), [pid], 'stopped: no second daemon is '
             'started beside it')
    finally:
        try:
            os.kill(pid, signal.SIGCONT)
        except (ProcessLookupError, TypeError):
            pass
    try:
        T.eq(sb.run('status').rc, 0, 'stopped: once continued it answers')
    finally:
        td.stop_all(sb)
        sb.cleanup()


# ---------------------------------------------------------------------------
# 14. A line past 64 KiB
# ---------------------------------------------------------------------------

def test_long_line(h):
    sb, songs, pid = start(h, 'long-line')
    try:
        s = raw(sb)
        s.sendall(b'ping ' + b'x' * 70000 + b'\n')
        reply = read_all(s)
        s.close()
        T.eq(reply, b'ACK [2@0] {} line too long\n', 'long line: a '
             '70,000-byte line is refused and the client dropped')
        s = raw(sb)
        s.sendall(b'ping "' + b'x' * 60000 + b'"\n')
        s.settimeout(WAIT)
        reply = s.recv(200)
        s.close()
        T.ok(reply.startswith(b'ACK [2@0] {ping} wrong number'),
             'long line: a 60,000-byte line is answered', 'ACK {ping}',
             reply)
        T.ok(td.ping(sb), 'long line: the daemon still answers')
    finally:
        td.stop_all(sb)
        sb.cleanup()


# ---------------------------------------------------------------------------
# 4. TCP permissions
# ---------------------------------------------------------------------------

class TcpClient(td.Mpd):
    def __init__(self, port):
        self.sock = socket.create_connection(('127.0.0.1', port), WAIT)
        self.f = self.sock.makefile('rb')
        self.greeting = self.readline()


def test_permissions(h):
    port = free_port()
    sb, songs, pid = start(h, 'permissions', extra=(
        'mpd-port = %d' % port, 'mpd-password = s3cret@read,add,control',
        'mpd-password = boss@read,add,control,admin'))
    try:
        c = td.mpd(sb)
        uri = c.songs('listplaylist Goblin')[0]['file']
        T.eq(c.cmd('add "%s"' % uri)[1], 'OK', 'permissions: the owner on '
             'the Unix socket needs no password')
        c.close()
        t = TcpClient(port)
        T.eq(t.cmd('status')[1], 'OK', 'permissions: a TCP client reads by '
             'default')
        for line, name in (('add "%s"' % uri, 'add'), ('setvol 10', 'setvol'),
                           ('play', 'play'), ('clear', 'clear'),
                           ('rm "Road trip"', 'rm'),
                           ('sticker set song "%s" favorite 1' % uri,
                            'sticker'), ('kill', 'kill')):
            T.eq(t.cmd(line)[1], 'ACK [4@0] {%s} you don\'t have permission '
                 'for "%s"' % (name, name), 'permissions: without a password '
                 'a TCP client cannot %s' % name)
        names = [l.split(': ', 1)[-1] for l in t.cmd('commands')[0]]
        T.ok('status' in names and 'add' not in names, 'permissions: '
             '`commands` lists only what the client may run', names)
        T.eq(t.cmd('password wrong')[1], 'ACK [3@0] {password} incorrect '
             'password', 'permissions: a wrong password is refused')
        T.eq(t.cmd('password s3cret')[1], 'OK', 'permissions: the right '
             'password is taken')
        T.eq(t.cmd('add "%s"' % uri)[1], 'OK', 'permissions: with it, add '
             'works')
        T.eq(t.cmd('add "%s"' % songs[0]['path'])[1], 'ACK [4@0] {add} '
             'Access denied', 'permissions: an absolute path stays refused '
             'over TCP')
        T.eq(t.cmd('sticker set song "%s" favorite 1' % uri)[1],
             'ACK [4@0] {sticker} you don\'t have permission for "sticker"',
             'permissions: stickers need admin')
        T.eq(t.cmd('password boss')[1], 'OK', 'permissions: a second '
             'password adds its permissions')
        T.eq(t.cmd('sticker set song "%s" favorite 1' % uri)[1], 'OK',
             'permissions: with admin, stickers work')
        t.close()
        T.eq(sb.run('status').rc, 0, 'permissions: the CLI still works')
    finally:
        td.stop_all(sb)
        sb.cleanup()
    sb, songs, pid = start(h, 'no-permissions', extra=(
        'mpd-port = %d' % port, 'mpd-default-permissions = '))
    try:
        t = TcpClient(port)
        T.eq(t.cmd('status')[1], 'ACK [4@0] {status} you don\'t have '
             'permission for "status"', 'permissions: with no default '
             'permissions a TCP client cannot even read')
        T.eq(t.cmd('ping')[1], 'OK', 'permissions: ... but may ping')
        t.close()
    finally:
        td.stop_all(sb)
        sb.cleanup()


def test_address(h):
    """mpd-address: TCP on the address named (here IPv6's loopback),
    not on 127.0.0.1."""
    try:
        probe = socket.socket(socket.AF_INET6)
        probe.bind(('::1', 0))
        probe.close()
    except OSError:
        T.skip('address', 'no IPv6 loopback here')
        return
    port = free_port()
    sb, songs, pid = start(h, 'address', extra=(
        'mpd-port = %d' % port, 'mpd-address = ::1'))
    try:
        s = socket.create_connection(('::1', port), WAIT)
        T.ok(s.recv(100).startswith(b'OK MPD'), 'address: the daemon '
             'answers on [::1]:%d' % port)
        s.close()
        try:
            socket.create_connection(('127.0.0.1', port), 2).close()
            refused = False
        except OSError:
            refused = True
        T.ok(refused, 'address: and not on 127.0.0.1')
    finally:
        td.stop_all(sb)
        sb.cleanup()


# ---------------------------------------------------------------------------
# The restored queue is checked again
# ---------------------------------------------------------------------------

def test_restored_queue(h):
    sb, songs, pid = start(h, 'restored')
    try:
        td.stop_all(sb)
        folder = os.path.join(sb.state, 'ostplay')
        items = [songs[0]['path'], '/etc/passwd', songs[1]['path'],
                 os.path.join(sb.root, 'gone.flac')]
        with open(os.path.join(folder, 'queue'), 'w') as f:
            f.write('ostplay-queue 1\ngeneration 7\n')
            for i, p in enumerate(items):
                f.write('item %s %d\n' % (p.encode().hex(), i))
        with open(os.path.join(folder, 'state'), 'w') as f:
            f.write('ostplay-state 2\nvolume 50\nrandom 0\nrepeat 0\n'
                    'state stop\ncurrent 1\nelapsed 0\nqueue 7\n')
        q = td.wait_for(lambda: td.queue(sb))
        T.eq([x['path'] for x in q or []], [songs[0]['path'],
                                             songs[1]['path']],
             'restored: at start, queue entries no longer playable (a text '
             'file, a vanished file) are dropped')
        log = td.read_text(td.log_path(sb))
        T.ok('2 queue entries are no longer playable' in log, 'restored: '
             'the log says so', '2 queue entries', log[-500:])
    finally:
        td.stop_all(sb)
        sb.cleanup()


# ---------------------------------------------------------------------------
# 14. Memory over play/stop cycles
# ---------------------------------------------------------------------------

def test_cycles(h):
    """2,000 play/stop cycles, then a clean stop.  Under the ASan build
    (CI's second run) LeakSanitizer checks at exit that nothing of
    ostplay's leaked (libmpv's own blocks are suppressed, see lsan.supp);
    RSS is printed, not judged: mpv's decoder threads make glibc keep
    per-thread arenas, which rise and fall."""
    sb, songs, pid = start(h, 'cycles')
    try:
        c = td.mpd(sb)
        T.eq(c.cmd('load Goblin')[1], 'OK', 'cycles: Goblin queued')
        marks = []
        ok = True
        for i in range(1, 2001):
            ok = ok and c.cmd('play')[1] == 'OK' and c.cmd('stop')[1] == 'OK'
            if i in (250, 500, 1000, 1500, 2000):
                marks.append('%d: %d kB' % (i, rss_kib(pid)))
        c.close()
        T.diag('cycles: daemon RSS after play/stop cycles %s'
               % ', '.join(marks))
        T.ok(ok, 'cycles: 2,000 play/stop cycles all answered OK')
        os.kill(pid, signal.SIGTERM)
        T.ok(td.wait_for(lambda: not td.alive(pid), 60), 'cycles: the '
             'daemon ends on SIGTERM')
        log = td.read_text(td.log_path(sb))
        T.ok('LeakSanitizer' not in log and 'runtime error' not in log,
             'cycles: no leak or undefined behaviour reported at exit',
             'nothing', log[-2000:])
    finally:
        td.stop_all(sb)
        sb.cleanup()


GROUPS = [
    ('list-cap', test_list_cap),
    ('amplification', test_amplification),
    ('connections', test_connections),
    ('stopped', test_stopped_daemon),
    ('long-line', test_long_line),
    ('permissions', test_permissions),
    ('address', test_address),
    ('restored', test_restored_queue),
    ('cycles', test_cycles),
]


def main():
    h = td.Harness(T, 'limits')
    T.run_groups(GROUPS, sys.argv[1:], h)
    return T.finish()


if __name__ == '__main__':
    sys.exit(main())
