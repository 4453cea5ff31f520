#!/usr/bin/python3
"""Integration test of the playback daemon (`ostplay daemon`, `play`,
`next`, `seek`, ...), with TAP output.

Usage: OSTPLAY=build/ostplay /usr/bin/python3 tests/test-daemon.py [GROUP...]

Each group runs in its own sandbox (sandbox.py) with Goblin's OST as
generated tones, every song its own frequency, and a config that sends the
audio to mpv's pcm output (`mpv.ao = pcm`): the tests check what was
actually played by finding the tones in the captured WAV (audio.py).

mpv's pcm output is untimed: it writes as fast as it decodes (a whole
20-second queue in a fraction of a second), faster than any sound card,
and faster than the daemon can always hand mpv the next file on a loaded
machine.  So every group puts ffmpeg's `arealtime` filter in the chain
(`mpv.af`), which paces the audio to the wall clock: at real speed for the
groups that act during a track (next, pause), ten times faster for the
others.  Nothing here measures time: every wait is bounded, and only what
was played is asserted.

The helpers above the groups are shared with test-protocol.py, which also
holds the mpc group.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

sys.dont_write_bytecode = True	# no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import audio  # noqa: E402
import fixtures as fx  # noqa: E402
from sandbox import Harness, Sandbox  # noqa: E402
from taphelper import Tap  # noqa: E402

T = Tap()
WAIT = 30		# seconds: a hang guard for every wait
PACED = 'lavfi=[arealtime=limit=0.5]'	# mpv.af that plays in real time
FAST = 'lavfi=[arealtime=speed=10:limit=0.5]'	# ... ten times faster

# Goblin's catalog songs, in catalog order: title, performers, OST part,
# tone frequency (Hz), seconds.
GOBLIN = [
    ('Stay With Me', ['Chanyeol', 'Punch'], 1, 300, 3.0),
    ('Beautiful', ['Crush'], 4, 450, 2.5),
    ('Hush', ['Lasse Lindh'], 5, 600, 3.5),
    ('Who Are You', ['Sam Kim'], 6, 750, 2.0),
    ('I Miss You', ['Soyou'], 7, 900, 3.0),
    ('I Will Go to You Like the First Snow', ['Ailee'], 9, 1050, 2.5),
    ('Round and Round', ['Heize', 'Han Soo Ji'], 10, 1200, 2.0),
]
FREQS = [g[3] for g in GOBLIN]
STATUS_KEYS = ['state', 'drama', 'song', 'title', 'artists', 'path',
               'elapsed', 'duration', 'position', 'queue_length', 'volume',
               'repeat', 'random']
QUEUE_KEYS = ['position', 'id', 'path', 'title', 'artists', 'drama',
              'ost_track', 'duration', 'current']


# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------

def make_goblin(sb, fmt='flac', seconds=None):
    """Writes Goblin's songs under music/Goblin OST; returns one dict per
    song (title, artists, freq, seconds, path) in catalog order."""
    folder = os.path.join(sb.music, 'Goblin OST')
    os.makedirs(folder, exist_ok=True)
    out = []
    for i, (title, artists, part, freq, secs) in enumerate(GOBLIN):
        secs = seconds[i] if seconds else secs
        path = os.path.join(folder, '%02d. %s.%s' % (i + 1, title, fmt))
        fx.encode_tone(path, fmt, freq, secs)
        fx.tag(path, title=title, artists=artists,
               album='Goblin OST Part.%d' % part, track=1, year=2016)
        out.append(dict(title=title, artists=artists, freq=freq,
                        seconds=secs, path=path))
    return out


def write_config(sb, paced=False, extra=()):
    """Config: audio to a WAV in the state folder; returns the WAV path."""
    wav = os.path.join(sb.state, 'out.wav')
    lines = ['# written by test-daemon.py', 'mpv.ao = pcm',
             'mpv.ao-pcm-file = %s' % wav]
    lines.append('mpv.af = %s' % (PACED if paced else FAST))
    lines.extend(extra)
    d = os.path.join(sb.config, 'ostplay')
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'config'), 'w') as f:
        f.write('\n'.join(lines) + '\n')
    sb.give_to_owner(d)
    return wav


def setup(h, name, paced=False, fmt='flac', seconds=None, extra=()):
    """A sandbox with Goblin scanned and the pcm config; (sb, songs, wav)."""
    sb = Sandbox(h, name)
    songs = make_goblin(sb, fmt, seconds)
    wav = write_config(sb, paced, extra)
    r = sb.run('scan', sb.music)
    if r.rc != 0:
        T.diag('%s: scan failed: %r' % (name, r))
    return sb, songs, wav


def socket_path(sb):
    return os.path.join(sb.runtime, 'ostplay', 'socket')


def log_path(sb):
    return os.path.join(sb.state, 'ostplay', 'log')


def read_text(path):
    try:
        with open(path, 'rb') as f:
            return f.read().decode('utf-8', 'replace')
    except OSError:
        return ''


def daemon_pids(sb):
    """Pids of ostplay processes of this sandbox (by binary and runtime
    folder), whoever started them."""
    want = ('XDG_RUNTIME_DIR=%s' % sb.runtime).encode()
    out = []
    for d in os.listdir('/proc'):
        if not d.isdigit():
            continue
        try:
            exe = os.readlink('/proc/%s/exe' % d)
            if not exe.startswith(sb.h.bin):
                continue
            with open('/proc/%s/environ' % d, 'rb') as f:
                env = f.read().split(b'\0')
        except OSError:
            continue
        if want in env:
            out.append(int(d))
    return out


def alive(pid):
    try:
        with open('/proc/%d/stat' % pid) as f:
            return f.read().split(') ')[-1][:1] != 'Z'
    except OSError:
        return False


def kill_pid(pid, proc=None, grace=10):
    """SIGTERM, then SIGKILL after `grace` seconds; returns the exit status
    when `proc` (our child) is given, else None."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    if proc is not None:
        try:
            return proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            return proc.wait()
    deadline = time.monotonic() + grace
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if alive(pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return None


def stop_all(sb, procs=()):
    """Ends every daemon of the sandbox: ours (Popen) and auto-started."""
    for p in procs:
        if p.poll() is None:
            kill_pid(p.pid, p)
    for pid in daemon_pids(sb):
        kill_pid(pid)


class Foreground:
    """`ostplay daemon` as our child, stderr to a file."""

    def __init__(self, sb, name='daemon'):
        self.sb = sb
        self.err_path = os.path.join(sb.root, '%s.stderr' % name)
        self.err = open(self.err_path, 'wb')
        self.proc = subprocess.Popen(sb.cmd('daemon'), env=sb.env,
                                     cwd=sb.root, stdin=subprocess.DEVNULL,
                                     stdout=self.err, stderr=self.err)

    def stderr(self):
        return read_text(self.err_path)

    def wait_ready(self):
        """Waits until the socket greets; False when it never does."""
        return wait_for(lambda: self.proc.poll() is None and ping(self.sb),
                        WAIT) or False

    def terminate(self, sig=signal.SIGTERM, grace=10):
        """Sends `sig`; returns the exit status (SIGKILL after `grace`)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(grace)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = None
            self.proc.wait()
        self.err.close()
        return rc


def wait_for(pred, timeout=WAIT, step=0.05):
    """Polls `pred` until it returns something true; returns that, or None
    after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            v = pred()
        except (OSError, ValueError, KeyError, TypeError):
            v = None
        if v:
            return v
        if time.monotonic() > deadline:
            return None
        time.sleep(step)


class Mpd:
    """A minimal MPD protocol client on the daemon's socket."""

    def __init__(self, path, timeout=WAIT):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.f = self.sock.makefile('rb')
        self.greeting = self.readline()

    def readline(self):
        line = self.f.readline()
        if not line:
            raise EOFError('connection closed')
        return line.decode('utf-8', 'replace').rstrip('\n')

    def send(self, *lines):
        self.sock.sendall(''.join(l + '\n' for l in lines).encode('utf-8'))

    def reply(self):
        """Reads one reply: (lines, end) where end is 'OK' or the ACK line;
        list_OK lines are kept in `lines`."""
        lines = []
        while True:
            line = self.readline()
            if line == 'OK' or line.startswith('ACK '):
                return lines, line
            lines.append(line)

    def cmd(self, line):
        self.send(line)
        return self.reply()

    def pairs(self, line):
        """Runs a command; returns its key: value pairs as a dict (first
        value of each key), or raises on ACK."""
        lines, end = self.cmd(line)
        if end != 'OK':
            raise ValueError('%s: %s' % (line, end))
        out = {}
        for l in lines:
            k, _, v = l.partition(': ')
            out.setdefault(k, v)
        return out

    def songs(self, line):
        """Runs a song-listing command; one dict per `file:` entry."""
        lines, end = self.cmd(line)
        if end != 'OK':
            raise ValueError('%s: %s' % (line, end))
        out = []
        for l in lines:
            k, _, v = l.partition(': ')
            if k == 'file':
                out.append({})
            if out:
                out[-1].setdefault(k, v)
        return out

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def mpd(sb):
    return Mpd(socket_path(sb))


def mpc(sb, *args, timeout=WAIT):
    """Runs Debian's mpc against the sandbox's daemon: (exit status,
    stdout, stderr)."""
    env = dict(sb.env, MPD_HOST=socket_path(sb))
    env.pop('MPD_PORT', None)
    p = subprocess.run(['mpc'] + list(args), env=env, capture_output=True,
                       timeout=timeout, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), \
        p.stderr.decode('utf-8', 'replace')


ACK = re.compile(r'^ACK \[(\d+)@(\d+)\] \{([^}]*)\} .+')


def ack(end):
    """(code, index, command) of an ACK line, or None."""
    m = ACK.match(end or '')
    return (int(m.group(1)), int(m.group(2)), m.group(3)) if m else None


def ping(sb):
    """Whether the daemon greets and answers ping on a new connection."""
    try:
        c = mpd(sb)
        try:
            return (c.greeting.startswith('OK MPD ')
                    and c.cmd('ping')[1] == 'OK')
        finally:
            c.close()
    except (OSError, EOFError):
        return False


def cli_json(sb, *args):
    """The JSON lines `ostplay ARGS --json` prints, as a list; None when it
    fails or prints something else."""
    r = sb.run(*args, '--json', timeout=WAIT)
    try:
        return [json.loads(l) for l in r.out.decode('utf-8').splitlines()
                if l.strip()] if r.rc == 0 else None
    except ValueError:
        return None


def status(sb):
    """`ostplay status --json` as a dict; None when it fails."""
    return (cli_json(sb, 'status') or [None])[0]


def queue(sb):
    """`ostplay queue --json` as a list of dicts; None when it fails."""
    return cli_json(sb, 'queue')


def mpd_status(sb):
    c = mpd(sb)
    try:
        return c.pairs('status')
    finally:
        c.close()


def wait_state(sb, state, position=None, min_elapsed=None, timeout=WAIT):
    """Waits (over the socket) until the player is in `state`, at queue
    index `position` with at least `min_elapsed` seconds; the last status."""
    def check():
        st = mpd_status(sb)
        if st.get('state') != state:
            return None
        if position is not None and st.get('song') != str(position):
            return None
        if min_elapsed is not None and \
                float(st.get('elapsed', 0)) < min_elapsed:
            return None
        return st
    return wait_for(check, timeout)


def wait_end(sb, timeout=120):
    """Waits until the queue has played out (state stop)."""
    return wait_for(lambda: mpd_status(sb).get('state') == 'stop', timeout)


def capture(wav, freqs):
    """Runs of the captured WAV labelled with `freqs`; None (after a
    diagnostic) when it cannot be read."""
    try:
        pcm = audio.read_wav(wav)
    except (OSError, audio.AudioError) as e:
        T.diag('cannot read the capture: %s' % e)
        return None, None
    return pcm, audio.runs(pcm, freqs)


def one_error_line(r):
    lines = r.err_lines()
    return len(lines) == 1 and lines[0].startswith('ostplay: ')


# ---------------------------------------------------------------------------
# 1, 3. Playback order and gaplessness, from the captured audio (paced ten times faster than real time)
# ---------------------------------------------------------------------------

def test_order(h):
    sb, songs, wav = setup(h, 'order')
    try:
        r = sb.run('play', 'Goblin', timeout=WAIT)
        T.eq(r.rc, 0, 'order: play Goblin starts the daemon and exits 0')
        if r.rc != 0:
            T.diag(repr(r))
            return
        T.eq(r.out.decode(), 'Playing Goblin: %d tracks\n' % len(songs),
             'order: play says how many tracks it queued')
        T.ok(daemon_pids(sb), 'order: a daemon runs in the background')
        T.ok(os.path.exists(log_path(sb)),
             'order: the background daemon logs to $XDG_STATE_HOME/'
             'ostplay/log', log_path(sb), os.listdir(sb.state))
        st = wait_end(sb)
        T.ok(st, 'order: the queue plays out (state stop) within %d s' % 120)
        s = status(sb)
        T.ok(s is not None and all(k in s for k in STATUS_KEYS),
             'order: status --json has every field', STATUS_KEYS, s)
        q = queue(sb) or []
        T.eq([e.get('ost_track') for e in q], [x['title'] for x in songs],
             'order: queue --json lists the songs in catalog order')
        T.ok(q and all(all(k in e for k in QUEUE_KEYS) for e in q),
             'order: every queue --json entry has every field',
             QUEUE_KEYS, q[:1])
        T.eq([e.get('position') for e in q], list(range(len(songs))),
             'order: queue positions are 0-based and consecutive')
        T.eq([e.get('path') for e in q], [x['path'] for x in songs],
             'order: queue paths are the files')
        T.ok(all(e.get('drama') == 'Goblin' for e in q),
             'order: every queued track is Goblin\'s', 'Goblin',
             [e.get('drama') for e in q])
        T.eq(q[0].get('artists') if q else None, ['Chanyeol', 'Punch'],
             'order: queue artists are an array of every performer')
        stop_all(sb)
        pcm, rl = capture(wav, FREQS)
        if rl is None:
            T.ok(False, 'order: the pcm capture %s is a WAV' % wav)
            return
        T.diag('captured: %s' % audio.describe(rl))
        T.eq(audio.sequence(rl), FREQS,
             'order: the captured tones are the songs in catalog order')
        got = dict(audio.tones(rl))
        bad = {x['freq']: (x['seconds'], got.get(x['freq']))
               for x in songs
               if abs(got.get(x['freq'], 0) - x['seconds']) > 0.15}
        T.eq(bad, {}, 'order: every song plays for its whole length '
             '(+-0.15 s)')
        T.ok(audio.silence_seconds(rl[:1]) < 0.2,
             'order: the capture starts with the first tone',
             'no silence before', rl[:2])
        # 3. Gapless: between two songs at most one window that is neither
        # tone (a window that straddles both), and none silent.
        gaps = {}
        for a, b in zip(songs, songs[1:]):
            mid = audio.between(rl, a['freq'], b['freq'])
            if mid is None or len(mid) > 1 or audio.silence_seconds(mid):
                gaps['%d->%d' % (a['freq'], b['freq'])] = mid
        T.eq(gaps, {}, 'order: gapless, no silent window between '
             'consecutive songs (at most one transition window)')
        flat = audio.longest_flat(pcm, 0.1, pcm.seconds - 0.1)
        T.diag('longest run of near-zero samples inside the capture: '
               '%.1f ms' % (flat * 1000))
    finally:
        stop_all(sb)
        sb.cleanup()


# ---------------------------------------------------------------------------
# 2. next, seek, pause, in real time
# ---------------------------------------------------------------------------

def test_control(h):
    secs = [4.0, 4.0, 4.0, 3.0, 2.0, 2.0, 2.0]
    sb, songs, wav = setup(h, 'control', paced=True, seconds=secs)
    fg = None
    try:
        fg = Foreground(sb)
        if not T.ok(fg.wait_ready(), 'control: the daemon answers',
                    'greeting', fg.stderr()):
            return
        r = sb.run('play', 'Goblin', timeout=WAIT)
        T.eq(r.rc, 0, 'control: play Goblin exits 0')
        st = wait_state(sb, 'play', 0, 0.5)
        T.ok(st, 'control: song 0 plays (paced by arealtime)',
             'state play, song 0', mpd_status(sb))
        r = sb.run('next', timeout=WAIT)
        T.eq(r.rc, 0, 'control: next exits 0')
        T.ok(wait_state(sb, 'play', 1, 0.5), 'control: next goes to song 1')
        r = sb.run('seek', '+2', timeout=WAIT)
        T.eq(r.rc, 0, 'control: seek +2 exits 0')
        T.ok(wait_state(sb, 'play', 2, 0.5), 'control: song 2 follows')
        r = sb.run('pause', timeout=WAIT)
        T.eq(r.rc, 0, 'control: pause exits 0')
        st = wait_state(sb, 'pause', 2)
        T.ok(st, 'control: pause pauses', 'state pause', mpd_status(sb))
        s = status(sb) or {}
        T.eq(s.get('state'), 'pause', 'control: status --json says pause')
        # mpv updates its position once per audio block (about 0.1 s here),
        # so the first reading after the pause may still be one block
        # behind where it stops: read the place it holds after three.
        time.sleep(0.3)
        el1 = float(mpd_status(sb).get('elapsed', -1))
        time.sleep(1.5)		# paused; what this writes is checked below
        el2 = float(mpd_status(sb).get('elapsed', -2))
        T.ok(abs(el2 - el1) < 0.05, 'control: elapsed stands still while '
             'paused', el1, el2)
        r = sb.run('toggle', timeout=WAIT)
        T.eq(r.rc, 0, 'control: toggle exits 0')
        T.ok(wait_state(sb, 'play', 3, 1.0), 'control: toggle resumes; '
             'song 3 follows')
        r = sb.run('stop', timeout=WAIT)
        T.eq(r.rc, 0, 'control: stop exits 0')
        T.ok(wait_state(sb, 'stop'), 'control: stop stops')
        stop_all(sb, [fg.proc])
        pcm, rl = capture(wav, FREQS)
        if rl is None:
            T.ok(False, 'control: the pcm capture is a WAV')
            return
        T.diag('captured: %s' % audio.describe(rl))
        tn = audio.tones(rl)
        T.eq([f for f, _ in tn][:4], FREQS[:4],
             'control: song 0, then 1 (after next), then 2 and 3')
        d = dict(tn)
        T.ok(0 < d.get(FREQS[0], 0) < secs[0] - 0.5,
             'control: next cut song 0 short', '< %.1f s' % (secs[0] - .5),
             d.get(FREQS[0]))
        T.ok(abs(d.get(FREQS[1], 0) - (secs[1] - 2)) <= 0.5,
             'control: seek +2 shortened song 1 by 2 s (+-0.5)',
             secs[1] - 2, d.get(FREQS[1]))
        # Paused, mpv's pcm output writes nothing (no silence either): song
        # 2 plays whole, with no silent window inside it.
        inside = audio.between(rl, FREQS[2], FREQS[3]) or []
        T.ok(abs(d.get(FREQS[2], 0) - secs[2]) <= 0.3,
             'control: song 2 paused and resumed still plays whole',
             secs[2], d.get(FREQS[2]))
        pos = [i for i, x in enumerate(rl) if x[0] == FREQS[2]]
        seg = rl[pos[0]:pos[-1] + 1] if pos else []
        T.eq(audio.silence_seconds(seg) + audio.silence_seconds(inside), 0,
             'control: pausing writes nothing to the pcm output (no '
             'silence inside song 2)')
    finally:
        stop_all(sb, [fg.proc] if fg else [])
        sb.cleanup()


def test_seek_paused(h):
    """Seeking while paused, through the socket: works at any speed."""
    sb, songs, wav = setup(h, 'seek')
    fg = None
    try:
        fg = Foreground(sb)
        if not T.ok(fg.wait_ready(), 'seek: the daemon answers', 'greeting',
                    fg.stderr()):
            return
        c = mpd(sb)
        c.send('command_list_begin', 'clear', 'repeat 0', 'random 0',
               'load "Goblin"', 'play 0', 'pause 1', 'command_list_end')
        T.eq(c.reply()[1], 'OK', 'seek: load, play 0, pause 1 in one list')
        T.ok(wait_state(sb, 'pause', 0), 'seek: paused at song 0')
        T.eq(c.cmd('seekcur 1.5')[1], 'OK', 'seek: seekcur 1.5 while paused')
        st = wait_for(lambda: abs(float(mpd_status(sb).get('elapsed', 0))
                                  - 1.5) < 0.1)
        T.ok(st, 'seek: elapsed is 1.5 after the seek', 1.5,
             mpd_status(sb).get('elapsed'))
        r = sb.run('seek', '0:02', timeout=WAIT)
        T.eq(r.rc, 0, 'seek: ostplay seek 0:02 (m:ss) exits 0')
        st = wait_for(lambda: abs(float(mpd_status(sb).get('elapsed', 0))
                                  - 2) < 0.1)
        T.ok(st, 'seek: elapsed is 2 after seek 0:02', 2.0,
             mpd_status(sb).get('elapsed'))
        T.eq(c.cmd('pause 0')[1], 'OK', 'seek: pause 0 resumes')
        c.close()
        T.ok(wait_end(sb), 'seek: the queue plays out')
        stop_all(sb, [fg.proc])
        pcm, rl = capture(wav, FREQS)
        if rl is None:
            T.ok(False, 'seek: the pcm capture is a WAV')
            return
        T.diag('captured: %s' % audio.describe(rl))
        d = dict(audio.tones(rl))
        T.eq(audio.sequence(rl), FREQS, 'seek: every song plays, in order')
        T.ok(abs(d.get(FREQS[0], 0) - (songs[0]['seconds'] - 2)) <= 0.5,
             'seek: song 0 plays from 2 s on (+-0.5 s)',
             songs[0]['seconds'] - 2, d.get(FREQS[0]))
    finally:
        stop_all(sb, [fg.proc] if fg else [])
        sb.cleanup()


# ---------------------------------------------------------------------------
# 4. A queued file that vanished or does not decode is skipped
# ---------------------------------------------------------------------------

def test_vanish(h):
    sb, songs, wav = setup(h, 'vanish')
    try:
        r = sb.run('add', 'Goblin', timeout=WAIT)
        T.eq(r.rc, 0, 'vanish: add Goblin (starting the daemon) exits 0')
        q = queue(sb) or []
        T.eq(len(q), len(songs), 'vanish: the queue holds every song')
        s = status(sb) or {}
        T.eq(s.get('state'), 'stop', 'vanish: add to a stopped player does '
             'not start playback')
        gone, broken = songs[2], songs[4]
        os.unlink(gone['path'])
        with open(broken['path'], 'wb') as f:
            f.write(b'\0garbage, not FLAC' * 500)
        r = sb.run('play', timeout=WAIT)
        T.eq(r.rc, 0, 'vanish: play (resume from stop) exits 0')
        T.ok(wait_end(sb), 'vanish: the queue plays out')
        stop_all(sb)
        log = read_text(log_path(sb))
        T.ok(gone['path'] in log, 'vanish: the log names the vanished file',
             gone['path'], log[-1500:])
        T.ok(broken['path'] in log, 'vanish: the log names the file that '
             'does not decode', broken['path'], log[-1500:])
        pcm, rl = capture(wav, FREQS)
        if rl is None:
            T.ok(False, 'vanish: the pcm capture is a WAV')
            return
        T.diag('captured: %s' % audio.describe(rl))
        want = [x['freq'] for x in songs if x not in (gone, broken)]
        T.eq(audio.sequence(rl), want, 'vanish: every other song plays, in '
             'order, the vanished and the broken one skipped')
    finally:
        stop_all(sb)
        sb.cleanup()


def missing_dir():
    """A folder that does not exist, so that mpv's pcm output cannot open
    its file."""
    return '/nonexistent-ostplay-test-%d' % os.getpid()


def test_output(h):
    """No audio output: one error in status and the log, no file blamed."""
    sb, songs, wav = setup(h, 'output', extra=(
        'mpv.ao-pcm-file = %s' % os.path.join(missing_dir(), 'out.wav'),))
    try:
        r = sb.run('play', 'Goblin', timeout=WAIT)
        T.ok(r.rc == 1 and one_error_line(r) and 'audio output' in r.err,
             'output: play Goblin waits for the first file and exits 1 '
             'saying the audio output cannot be opened', 'rc 1, one line',
             r)
        T.ok(b'Playing' not in r.out, 'output: ... and does not say '
             '"Playing"', '', r.out)
        r = sb.run('play', timeout=WAIT)
        T.ok(r.rc == 1 and one_error_line(r) and 'audio output' in r.err,
             'output: play alone (resume) exits 1 likewise', 'rc 1', r)
        got = wait_for(lambda: (status(sb) or {}).get('error'))
        s = status(sb) or {}
        T.ok(got and 'audio output' in got and s.get('state') == 'stop',
             'output: status --json says the audio output failed, stopped',
             'error about the audio output, state stop', s)
        r = sb.run('status', timeout=WAIT)
        T.ok(r.rc == 0 and 'error: cannot open the audio output' in
             r.out.decode(), 'output: status shows the error', 'error line',
             r)
        log = read_text(log_path(sb))
        T.ok('audio output' in log and 'skipped' not in log,
             'output: the log says so once and skips no file', '', log[-800:])
        c = mpd(sb)
        T.eq(c.cmd('clearerror')[1], 'OK', 'output: clearerror')
        T.ok('error' not in mpd_status(sb), 'output: ... clears it')
        c.close()
    finally:
        stop_all(sb)
        sb.cleanup()



# ---------------------------------------------------------------------------
# 7. State survives a restart
# ---------------------------------------------------------------------------

def test_restart(h):
    sb, songs, wav = setup(h, 'restart')
    fg = fg2 = None
    try:
        fg = Foreground(sb)
        if not T.ok(fg.wait_ready(), 'restart: the daemon answers',
                    'greeting', fg.stderr()):
            return
        c = mpd(sb)
        c.send('command_list_begin', 'clear', 'load "Goblin"', 'play 2',
               'pause 1', 'command_list_end')
        T.eq(c.reply()[1], 'OK', 'restart: load Goblin, play 2, pause')
        T.ok(wait_state(sb, 'pause', 2), 'restart: paused at song 2')
        # Right after play the file is still opening: the seek must hold.
        c.cmd('seekcur 1.5')
        T.ok(wait_for(lambda: abs(float(mpd_status(sb).get('elapsed', 0))
                                  - 1.5) < 0.1, 5.0),
             'restart: seekcur 1.5 right after play holds', 1.5,
             mpd_status(sb).get('elapsed'))
        c.close()
        for args in (('volume', '63'), ('random', 'on'), ('repeat', 'on')):
            r = sb.run(*args, timeout=WAIT)
            T.eq(r.rc, 0, 'restart: %s exits 0' % ' '.join(args))
        before = status(sb) or {}
        qb = queue(sb) or []
        T.eq((before.get('position'), before.get('volume'),
              before.get('random'), before.get('repeat'),
              round(float(before.get('elapsed') or 0), 1)),
             (2, 63, True, True, 1.5), 'restart: status --json before: '
             'position, volume, random, repeat, elapsed')
        rc = fg.terminate()
        T.eq(rc, 0, 'restart: SIGTERM ends the daemon with status 0')
        T.ok(not os.path.exists(socket_path(sb)), 'restart: SIGTERM '
             'removes the socket')
        T.ok('already running' not in fg.stderr(),
             'restart: the daemon said nothing odd', '', fg.stderr()[-500:])
        fg2 = Foreground(sb, 'daemon2')
        if not T.ok(fg2.wait_ready(), 'restart: the new daemon answers',
                    'greeting', fg2.stderr()):
            return
        after = status(sb) or {}
        qa = queue(sb) or []
        T.eq(after.get('state'), 'pause', 'restart: state is pause')
        for k in ('position', 'volume', 'random', 'repeat', 'queue_length',
                  'path'):
            T.eq(after.get(k), before.get(k), 'restart: %s comes back' % k)
        T.eq([e.get('path') for e in qa], [e.get('path') for e in qb],
             'restart: the queue comes back')
        T.ok(abs(float(after.get('elapsed') or -9) - 1.5) <= 0.5,
             'restart: elapsed comes back (1.5 +-0.5 s)', 1.5,
             after.get('elapsed'))
        # Resume without random and repeat (a fast output would loop the
        # queue for ever), and hear where it resumes.
        sb.run('random', 'off', timeout=WAIT)
        sb.run('repeat', 'off', timeout=WAIT)
        r = sb.run('play', timeout=WAIT)
        T.eq(r.rc, 0, 'restart: play resumes')
        if not T.ok(wait_end(sb), 'restart: the rest of the queue plays '
                    'out'):
            T.diag('status: %r' % mpd_status(sb))
            T.diag('daemon stderr: %s' % fg2.stderr()[-2000:])
        stop_all(sb, [fg2.proc])
        pcm, rl = capture(wav, FREQS)
        if rl is None:
            T.ok(False, 'restart: the pcm capture is a WAV')
            return
        T.diag('captured after restart: %s' % audio.describe(rl))
        tn = audio.tones(rl)
        T.eq([f for f, _ in tn], FREQS[2:], 'restart: playback resumes at '
             'song 2 and goes on in order')
        T.ok(tn and abs(tn[0][1] - (songs[2]['seconds'] - 1.5)) <= 0.5,
             'restart: song 2 resumes 1.5 s in (+-0.5 s)',
             songs[2]['seconds'] - 1.5, tn[:1])
    finally:
        stop_all(sb, [x.proc for x in (fg, fg2) if x])
        sb.cleanup()


# ---------------------------------------------------------------------------
# 7b. The saved queue and state: two files, each written when it must be
# ---------------------------------------------------------------------------

def saved_files(sb):
    """{'queue': {...}, 'state': {...}} as key -> value (the last of each
    key) plus 'items': the item lines; {} for a file that is not there."""
    out = {}
    for name in ('queue', 'state'):
        text = read_text(os.path.join(sb.state, 'ostplay', name))
        keys = {'items': []}
        for line in text.splitlines():
            k, _, v = line.partition(' ')
            if k == 'item':
                keys['items'].append(v)
            else:
                keys[k] = v
        out[name] = keys if text else {}
    return out


def write_saved(sb, name, text):
    path = os.path.join(sb.state, 'ostplay', name)
    with open(path, 'w') as f:
        f.write(text)
    sb.give_to_owner(path)


def test_state_files(h):
    sb, songs, wav = setup(h, 'files', paced=True,
                           seconds=[12.0] * len(GOBLIN))
    fg = None
    try:
        fg = Foreground(sb)
        if not T.ok(fg.wait_ready(), 'files: the daemon answers',
                    'greeting', fg.stderr()):
            return
        r = sb.run('play', 'Goblin', timeout=WAIT)
        T.ok(r.rc == 0 and wait_state(sb, 'play', 0), 'files: play Goblin')
        qpath = os.path.join(sb.state, 'ostplay', 'queue')
        first = wait_for(lambda: (saved_files(sb)['queue'].get('items') or
                                  None) and os.stat(qpath), 5.0)
        f = saved_files(sb)
        T.ok(first and len(f['queue']['items']) == len(GOBLIN),
             'files: the queue file holds the queue', len(GOBLIN), f)
        T.ok(f['state'] and not f['state']['items'] and
             f['state'].get('queue') == f['queue'].get('generation'),
             'files: the state holds no items and names the queue '
             'generation', f['queue'].get('generation'), f['state'])
        el0 = float(f['state'].get('elapsed') or 0)
        time.sleep(6.5)		# SAVE_EVERY is 5 s
        f = saved_files(sb)
        el1 = float(f['state'].get('elapsed') or 0)
        T.ok(el1 - el0 >= 3, 'files: while playing, the place is saved '
             'every few seconds', '>= 3 s later', (el0, el1))
        now = os.stat(qpath)
        T.eq((now.st_ino, now.st_mtime_ns),
             (first.st_ino, first.st_mtime_ns) if first else None,
             'files: ... but the queue file is not rewritten')
        r = sb.run('add', '--track', *songs[0]['title'].split(),
                   timeout=WAIT)
        n = len(queue(sb) or [])
        T.ok(r.rc == 0 and n > len(GOBLIN), 'files: add --track appends',
             '> %d' % len(GOBLIN), (r, n))
        f = wait_for(lambda: len(saved_files(sb)['queue']['items']) == n
                     and saved_files(sb), 5.0) or {}
        T.ok(f and f['state'].get('queue') == f['queue'].get('generation')
             and f['queue'].get('generation') != '1',
             'files: a queue change writes the queue, a new generation the '
             'state names', 'generation 2', f)

        # A crash after the queue was written but not the state: the state
        # names an older queue, so the queue comes back without the place.
        c = mpd(sb)
        c.cmd('pause 1')
        c.close()
        wait_state(sb, 'pause')
        fg.terminate(signal.SIGKILL)
        f = saved_files(sb)
        gen = int(f['queue'].get('generation') or 0)
        write_saved(sb, 'queue', 'ostplay-queue 1\ngeneration %d\n%s' % (
            gen + 1, ''.join('item %s\n' % i for i in f['queue']['items'][:3])))
        fg = Foreground(sb, 'daemon2')
        T.ok(fg.wait_ready(), 'files: a new daemon answers')
        s = status(sb) or {}
        T.eq((s.get('state'), s.get('queue_length')), ('stop', 3),
             'files: a state naming another queue generation: the queue '
             'comes back, stopped, without the stale place')

        # The queue cannot be written (a directory stands in its way, as a
        # full disk would refuse it): the state is not written either, so
        # the pair on disk still goes together.
        c = mpd(sb)
        c.send('command_list_begin', 'clear', 'load "Goblin"', 'play 2',
               'pause 1', 'command_list_end')
        c.reply()
        c.close()
        T.ok(wait_state(sb, 'pause', 2), 'files: Goblin again, paused at '
             'song 2')
        f = wait_for(lambda: saved_files(sb)['state'].get('current') == '2'
                     and saved_files(sb), 5.0) or {}
        old_queue = read_text(qpath)
        os.remove(qpath)
        os.makedirs(os.path.join(qpath, 'in the way'))
        c = mpd(sb)
        c.send('command_list_begin', 'clear', 'load "Goblin"', 'delete 0',
               'play 1', 'pause 1', 'command_list_end')
        c.reply()
        c.close()
        wait_state(sb, 'pause', 1)
        T.ok(wait_for(lambda: 'cannot save the queue' in fg.stderr(), 5.0),
             'files: the daemon says it cannot save the queue',
             'cannot save the queue', fg.stderr()[-300:])
        T.eq(saved_files(sb)['state'].get('current'), '2', 'files: ... and '
             'leaves the state that goes with the queue on disk')
        fg.terminate(signal.SIGKILL)
        shutil.rmtree(qpath)
        write_saved(sb, 'queue', old_queue)
        fg = Foreground(sb, 'daemon2b')
        T.ok(fg.wait_ready(), 'files: a new daemon answers')
        s = status(sb) or {}
        T.eq((s.get('state'), s.get('position'), s.get('queue_length')),
             ('pause', 2, len(GOBLIN)), 'files: ... and restores that pair: '
             'the old queue, paused at its song 2')
        fg.terminate()

        # The single file of earlier versions (queue items in `state`).
        os.remove(qpath)
        items = ''.join('item %s %d\n' % (os.fsencode(x['path']).hex(), i)
                        for i, x in enumerate(songs[:2]))
        write_saved(sb, 'state', 'ostplay-state 1\nvolume 40\nrandom 0\n'
                    'repeat 0\nstate pause\ncurrent 1\nelapsed 2.000\n' +
                    items)
        fg = Foreground(sb, 'daemon3')
        T.ok(fg.wait_ready(), 'files: a daemon starts on an old state file')
        s = status(sb) or {}
        T.eq((s.get('state'), s.get('position'), s.get('volume'),
              [e.get('path') for e in queue(sb) or []]),
             ('pause', 1, 40, [x['path'] for x in songs[:2]]),
             'files: ... and restores its queue, place and volume')
        T.eq(fg.terminate(), 0, 'files: ... and stops cleanly')
        f = saved_files(sb)
        T.ok(len(f['queue'].get('items') or []) == 2 and
             not f['state'].get('items') and
             f['state'].get('queue') == f['queue'].get('generation'),
             'files: ... having moved the queue to its own file', 'moved',
             f)
    finally:
        stop_all(sb, [fg.proc] if fg else [])
        sb.cleanup()


# ---------------------------------------------------------------------------
# 8. One daemon per user; a stale socket is replaced
# ---------------------------------------------------------------------------

def test_single(h):
    sb, songs, wav = setup(h, 'single')
    fg = fg3 = None
    try:
        fg = Foreground(sb)
        if not T.ok(fg.wait_ready(), 'single: the daemon answers',
                    'greeting', fg.stderr()):
            return
        mode = os.stat(os.path.dirname(socket_path(sb))).st_mode & 0o777
        T.eq(oct(mode), oct(0o700), 'single: the socket folder is 0700')
        second = Foreground(sb, 'second')
        try:
            rc = second.proc.wait(WAIT)
        except subprocess.TimeoutExpired:
            rc = second.terminate(signal.SIGKILL)
        second.err.close()
        T.eq(rc, 1, 'single: a second ostplay daemon exits 1')
        T.ok('already running' in second.stderr(),
             'single: ... saying the daemon is already running',
             'already running', second.stderr())
        T.ok(ping(sb), 'single: the first daemon still answers')
        fg.terminate(signal.SIGKILL)
        T.ok(os.path.exists(socket_path(sb)), 'single: SIGKILL leaves a '
             'stale socket file (the case under test)')
        fg3 = Foreground(sb, 'daemon3')
        T.ok(fg3.wait_ready(), 'single: a new daemon replaces the stale '
             'socket and answers', 'greeting', fg3.stderr())
        rc = fg3.terminate()
        T.eq(rc, 0, 'single: SIGTERM: exit 0')
        fg3 = None
        # The stale socket again, now left to a CLI command to handle.
        fg4 = Foreground(sb, 'daemon4')
        fg4.wait_ready()
        fg4.terminate(signal.SIGKILL)
        r = sb.run('status', '--json', timeout=WAIT)
        T.ok(r.rc == 0, 'single: after SIGKILL, status starts a new daemon '
             'over the stale socket', 'rc 0', r)
        T.ok(daemon_pids(sb), 'single: the auto-started daemon runs')
        rint = Foreground(sb, 'sigint')
        rc = rint.proc.wait(WAIT)
        rint.err.close()
        T.eq(rc, 1, 'single: with an auto-started daemon, a second one '
             'exits 1 too')
        pid = (daemon_pids(sb) or [0])[0]
        if pid:
            os.kill(pid, signal.SIGINT)
            T.ok(wait_for(lambda: not alive(pid), WAIT) is not None or
                 not alive(pid), 'single: SIGINT ends the daemon')
            T.ok(not os.path.exists(socket_path(sb)),
                 'single: SIGINT removes the socket')
    finally:
        stop_all(sb, [x.proc for x in (fg, fg3) if x])
        sb.cleanup()


# ---------------------------------------------------------------------------
# 9. Drama names, errors, and the other CLI commands
# ---------------------------------------------------------------------------

def test_cli(h):
    sb, songs, wav = setup(h, 'cli')
    titles = [x['title'] for x in songs]
    try:
        r = sb.run('play', 'NoSuchDrama', timeout=WAIT)
        T.ok(r.rc == 1 and one_error_line(r), 'cli: play NoSuchDrama exits '
             '1 with one "ostplay: " line', 'rc 1, one line', r)
        T.ok('NoSuchDrama' in r.err, 'cli: ... naming what was asked',
             'NoSuchDrama', r.err)
        r = sb.run('play', 'Signal', timeout=WAIT)
        T.ok(r.rc == 1 and one_error_line(r) and 'Signal' in r.err and
             re.search(r'\bno\b|\bnone\b|\b0\b', r.err),
             'cli: play Signal (no local tracks) exits 1 saying it has none',
             'rc 1, "Signal ... no local tracks"', r)
        r = sb.run('play', 'reply', timeout=WAIT)
        T.ok(r.rc == 1 and 'Reply 1988' in r.err and 'Reply 1997' in r.err,
             'cli: play reply is ambiguous: exits 1 listing the candidates',
             'rc 1, Reply 1988 and Reply 1997', r)
        for name in ('Goblin', '도깨비', '  gOBLIN ', 'gobl', 'Gobiln',
                     'guardian the lonely and great god'):
            r = sb.run('play', name, timeout=WAIT)
            q = queue(sb) or []
            T.ok(r.rc == 0 and [e.get('ost_track') for e in q] == titles,
                 'cli: play %r queues Goblin in catalog order' % name,
                 titles, (r, [e.get('ost_track') for e in q]))
        wait_end(sb)
        r = sb.run('add', 'Goblin', timeout=WAIT)
        T.eq(len(queue(sb) or []), 14, 'cli: add Goblin appends (14)')
        r = sb.run('play', '--track', 'hush', timeout=WAIT)
        q = queue(sb) or []
        T.ok(r.rc == 0 and [e.get('title') for e in q] == ['Hush'],
             'cli: play --track hush queues that one track', ['Hush'],
             (r, [e.get('title') for e in q]))
        r = sb.run('add', '--track', 'round', 'heize', timeout=WAIT)
        q = queue(sb) or []
        T.eq([e.get('title') for e in q], ['Hush', 'Round and Round'],
             'cli: add --track round heize appends')
        r = sb.run('add', '--track', 'zzzqqq', timeout=WAIT)
        T.ok(r.rc == 1 and one_error_line(r), 'cli: add --track with no '
             'match exits 1 with one line', 'rc 1', r)
        wait_end(sb)
        sb.run('stop', timeout=WAIT)
        for args, key, want in ((('volume', '50'), 'volume', 50),
                                (('volume', '+10'), 'volume', 60),
                                (('volume', '-25'), 'volume', 35),
                                (('repeat', 'on'), 'repeat', True),
                                (('repeat', 'off'), 'repeat', False),
                                (('random',), 'random', True),
                                (('random',), 'random', False)):
            r = sb.run(*args, timeout=WAIT)
            s = status(sb) or {}
            T.ok(r.rc == 0 and s.get(key) == want, 'cli: %s gives %s %r'
                 % (' '.join(args), key, want), want, (r, s.get(key)))
        # Usage errors: exit 2, the first line names the bad value (a usage
        # line may follow).
        for args in (('volume', 'loud'), ('seek', 'x:y'), ('repeat', 'maybe')):
            r = sb.run(*args, timeout=WAIT)
            first = (r.err_lines() or [''])[0]
            T.ok(r.rc == 2 and first.startswith('ostplay') and
                 args[1] in first, 'cli: %s is a usage error naming %r'
                 % (' '.join(args), args[1]), 'rc 2', r)
        s = status(sb) or {}
        T.eq(s.get('state'), 'stop', 'cli: after stop, state is stop')
    finally:
        stop_all(sb)
        sb.cleanup()


def chmod_tree(top, files, dirs):
    for d, subdirs, names in os.walk(top):
        os.chmod(d, dirs)
        for n in names:
            os.chmod(os.path.join(d, n), files)


def test_read_only(h):
    """status and queue into a full disk exit 1 saying so; a library the
    user cannot write plays, and a favourite is refused."""
    sb, songs, wav = setup(h, 'read-only')
    titles = [x['title'] for x in songs]
    try:
        sb.run('play', 'Goblin', timeout=WAIT)
        want = ['ostplay: cannot write the output: No space left on device']
        for args in (('status',), ('status', '--json'), ('queue',),
                     ('queue', '--json')):
            with open('/dev/full', 'wb') as full:
                p = subprocess.run(sb.cmd(*args), env=sb.env, cwd=sb.root,
                                   stdin=subprocess.DEVNULL, stdout=full,
                                   stderr=subprocess.PIPE, timeout=WAIT)
            err = p.stderr.decode('utf-8', 'replace').splitlines()
            T.ok(p.returncode == 1 and err == want, '%s > /dev/full: exit '
                 '1, one line saying so' % ' '.join(args),
                 'rc 1, %r' % want, (p.returncode, err))
        wait_end(sb)
        stop_all(sb)
        if not sb.can_deny:
            T.skip('read-only: play', 'permissions do not hold for root')
            return
        chmod_tree(sb.data, 0o444, 0o555)
        r = sb.run('play', 'Goblin', timeout=WAIT)
        q = queue(sb) or []
        T.ok(r.rc == 0 and len(r.err_lines()) == 1 and
             re.match(r'ostplay: the library is read-only \(.+\); '
                      r'showing the library as last stored$',
                      r.err_lines()[0]) and
             [e.get('ost_track') for e in q] == titles,
             'read-only: play Goblin (starting the daemon) plays it, saying '
             'once that the library is read-only', titles,
             (r, [e.get('ost_track') for e in q]))
        r = sb.run('fav', timeout=WAIT)
        T.ok(r.rc == 1 and one_error_line(r) and
             'cannot change the library' in r.err, 'read-only: fav '
             'refuses in one line saying why', 'rc 1', r)
        wait_end(sb)
    finally:
        stop_all(sb)
        chmod_tree(sb.data, 0o644, 0o755)
        sb.cleanup()


# ---------------------------------------------------------------------------
# 10. repeat one (MPD single), and quit
# ---------------------------------------------------------------------------

def test_repeat_one(h):
    sb, songs, wav = setup(h, 'repeat-one')
    try:
        r = sb.run('repeat', 'one', timeout=WAIT)
        T.ok(r.rc == 0 and r.out == b'repeat one\n', 'repeat-one: repeat '
             'one says so', 'repeat one', r)
        st = mpd_status(sb)
        T.eq((st.get('repeat'), st.get('single')), ('1', '1'),
             'repeat-one: ... which is MPD repeat 1, single 1')
        T.eq((status(sb) or {}).get('repeat_one'), True,
             'repeat-one: status --json says repeat_one')
        r = sb.run('status', timeout=WAIT)
        T.ok(b'repeat one' in r.out, 'repeat-one: status says repeat one',
             'repeat one', r.out)
        r = sb.run('play', 'Goblin', timeout=WAIT)
        T.eq(r.rc, 0, 'repeat-one: play Goblin exits 0')
        # Ten times real speed: 3 s of song 0 take 0.3 s.
        time.sleep(2.0)
        st = mpd_status(sb)
        T.ok(st.get('state') == 'play' and st.get('song') == '0',
             'repeat-one: after several lengths of song 0, song 0 still '
             'plays', 'play, song 0', st)
        r = sb.run('repeat', 'off', timeout=WAIT)
        T.ok(r.rc == 0 and r.out == b'repeat off\n', 'repeat-one: repeat '
             'off says so', 'repeat off', r)
        T.ok(wait_end(sb), 'repeat-one: then the queue plays on to its '
             'end')
        sb.run('repeat', 'one', timeout=WAIT)

        # quit: the state is saved; single survives the restart.
        r = sb.run('quit', timeout=WAIT)
        T.ok(r.rc == 0 and r.out.startswith(b'Stopped the daemon') and
             not r.err, 'quit: exits 0 saying it stopped the daemon', 'rc 0',
             r)
        T.ok(not daemon_pids(sb) and not os.path.exists(socket_path(sb)),
             'quit: the daemon is gone, its socket removed', 'no daemon',
             daemon_pids(sb))
        T.ok('shutting down' in read_text(log_path(sb)),
             'quit: the daemon ended cleanly (its log says so)')
        saved = read_text(os.path.join(sb.state, 'ostplay', 'state'))
        T.ok('single 1' in saved, 'quit: the saved state holds single 1',
             'single 1', saved)
        r = sb.run('quit', timeout=WAIT)
        T.ok(r.rc == 0 and r.out == b'The daemon is not running\n',
             'quit: with no daemon says so and exits 0', 'rc 0', r)
        st = mpd_status(sb) if sb.run('status', timeout=WAIT).rc == 0 else {}
        T.eq((st.get('repeat'), st.get('single')), ('1', '1'),
             'repeat-one: repeat one survives a restart')
        stop_all(sb)
        pcm, rl = capture(wav, FREQS)
        if rl is None:
            T.ok(False, 'repeat-one: the pcm capture is a WAV')
            return
        T.diag('captured: %s' % audio.describe(rl))
        tn = audio.tones(rl)
        T.ok(len(tn) >= 2 and tn[0][0] == FREQS[0] and
             tn[0][1] >= 3 * songs[0]['seconds'] and
             [f for f, _ in tn[1:]] == FREQS[1:],
             'repeat-one: the capture holds song 0 at least three times '
             'over, without a gap, then the rest once each',
             '>= %.1f s of %d Hz, then the others'
             % (3 * songs[0]['seconds'], FREQS[0]), tn)
    finally:
        stop_all(sb)
        sb.cleanup()


def test_single_mpd(h):
    """MPD's single: 0, 1, oneshot; without repeat it stops after the
    song, as mpd does, and oneshot turns itself off."""
    sb, songs, wav = setup(h, 'single-mpd')
    fg = None
    try:
        fg = Foreground(sb)
        if not T.ok(fg.wait_ready(), 'single-mpd: the daemon answers'):
            return
        c = mpd(sb)
        T.eq(c.cmd('load "Goblin"')[1], 'OK', 'single-mpd: load Goblin')
        T.ok(ack(c.cmd('single 2')[1]), 'single-mpd: single 2 is refused')
        for mode in ('oneshot', '1', '0'):
            T.eq(c.cmd('single %s' % mode)[1], 'OK',
                 'single-mpd: single %s' % mode)
            T.eq(mpd_status(sb).get('single'), mode,
                 'single-mpd: status says single: %s' % mode)
        c.cmd('single oneshot')
        c.cmd('play 2')
        T.ok(wait_end(sb, WAIT), 'single-mpd: with single oneshot and no '
             'repeat, playing stops')
        st = mpd_status(sb)
        T.eq((st.get('song'), st.get('single')), ('2', '0'),
             'single-mpd: ... after song 2, and single is off again')
        c.close()
        stop_all(sb, [fg.proc])
        pcm, rl = capture(wav, FREQS)
        T.eq(audio.sequence(rl or []), [FREQS[2]], 'single-mpd: only song 2 '
             'was played')
    finally:
        stop_all(sb, [fg.proc] if fg else [])
        sb.cleanup()


# ---------------------------------------------------------------------------
# 11. Files played as mpv plays them; commands that say what they did
# ---------------------------------------------------------------------------

def test_files_and_words(h):
    sb, songs, wav = setup(h, 'play-files')
    try:
        outside = os.path.join(sb.root, 'loose')
        os.makedirs(os.path.join(outside, 'sub'))
        loose = [os.path.join(outside, 'b.flac'),
                 os.path.join(outside, 'sub', 'a.flac')]
        fx.encode_tone(loose[0], 'flac', 1500, 1.0)
        fx.encode_tone(loose[1], 'flac', 1700, 1.0)
        with open(os.path.join(outside, 'notes.txt'), 'w') as f:
            f.write('not audio\n')
        empty = os.path.join(sb.root, 'empty')
        os.mkdir(empty)
        sb.give_to_owner(outside, empty)
        r = sb.run('play', songs[3]['path'], timeout=WAIT)
        T.ok(r.rc == 0 and r.out.decode() == 'Playing %s\n'
             % os.path.basename(songs[3]['path']),
             'files: play FILE plays it, saying so', 'Playing NAME', r)
        q = queue(sb) or []
        T.eq([e.get('path') for e in q], [songs[3]['path']],
             'files: ... the queue is that file')
        wait_end(sb)
        r = sb.run('play', outside, timeout=WAIT)
        T.ok(r.rc == 0 and r.out == b'Playing 2 files\n', 'files: play DIR '
             'plays its audio files', 'Playing 2 files', r)
        q = queue(sb) or []
        T.eq([e.get('path') for e in q], sorted(loose),
             'files: ... in name order, folders walked, notes.txt left out')
        wait_end(sb)
        r = sb.run('add', loose[0], timeout=WAIT)
        T.ok(r.rc == 0 and r.out == b'Queued b.flac\n', 'files: add FILE '
             'queues it', 'Queued b.flac', r)
        T.eq(len(queue(sb) or []), 3, 'files: ... after the others')
        r = sb.run('play', empty, timeout=WAIT)
        T.ok(r.rc == 1 and one_error_line(r) and 'no audio' in r.err,
             'files: a folder without audio is one error line', 'rc 1', r)
        r = sb.run('play', os.path.join(outside, 'notes.txt'), timeout=WAIT)
        T.ok(r.rc == 1 and one_error_line(r), 'files: a file that is not '
             'audio is one error line', 'rc 1', r)
        sb.run('stop', timeout=WAIT)

        r = sb.run('volume', timeout=WAIT)
        T.ok(r.rc == 0 and r.out == b'Volume 100%\n', 'words: volume alone '
             'prints the volume', 'Volume 100%', r)
        r = sb.run('volume', '40', timeout=WAIT)
        T.ok(r.rc == 0 and r.out == b'Volume 40%\n', 'words: volume 40 says '
             'what it did', 'Volume 40%', r)
        r = sb.run('volume', '-15', timeout=WAIT)
        T.ok(r.rc == 0 and r.out == b'Volume 25%\n', 'words: volume -15 '
             'says the volume it gave', 'Volume 25%', r)
        c = mpd(sb)
        c.send('command_list_begin', 'clear', 'load "Goblin"', 'play 0',
               'pause 1', 'command_list_end')
        c.reply()
        c.close()
        wait_state(sb, 'pause', 0)
        r = sb.run('seek', '0:02', timeout=WAIT)
        T.ok(r.rc == 0 and r.out == b'At 0:02 of 0:03\n', 'words: seek says '
             'where it went', 'At 0:02 of 0:03', r)
        out = os.path.join(sb.root, 'goblin.xspf')
        r = sb.run('export', 'Goblin', '-o', out, timeout=WAIT)
        T.ok(r.rc == 0 and r.out.decode() == 'Wrote 7 tracks to %s\n' % out,
             'words: export -o says what it wrote', 'Wrote 7 tracks', r)
    finally:
        stop_all(sb)
        sb.cleanup()


def test_modes(h):
    """MPD's consume, crossfade, MixRamp and the output switch: consume
    empties the queue as it plays, a disabled output plays silence while
    time goes on, every mode is kept across a restart."""
    sb, songs, wav = setup(h, 'modes')
    try:
        r = sb.run('add', 'Goblin')
        T.eq((r.rc, r.out.decode()),
             (0, 'Queued Goblin: %d tracks\n' % len(songs)),
             'modes: Goblin queued, saying how many tracks')
        r = sb.run('add', 'Goblin')
        T.eq((r.rc, r.out.decode()),
             (0, 'Queued Goblin: %d tracks\n' % len(songs)),
             'modes: Goblin queued again: the count is of the tracks '
             'added, not the queue')
        c = mpd(sb)
        T.eq(c.cmd('delete %d:%d' % (len(songs), 2 * len(songs)))[1], 'OK',
             'modes: the second copy deleted')
        c.close()
        c = mpd(sb)
        for line in ('consume 1', 'crossfade 3', 'mixrampdb -17',
                     'mixrampdelay 2', 'disableoutput 0'):
            T.eq(c.cmd(line)[1], 'OK', 'modes: %s' % line)
        for line, want in (('consume 2', 'ACK [2@0] {consume} Boolean (0/1) '
                            'expected: 2'),
                           ('enableoutput 1', 'ACK [50@0] {enableoutput} No '
                            'such audio output'),
                           ('mixrampdb x', 'ACK [2@0] {mixrampdb} Float '
                            'expected: x')):
            T.eq(c.cmd(line)[1], want, 'modes: %s is refused' % line)
        st = c.pairs('status')
        T.eq((st.get('consume'), st.get('xfade'), st.get('mixrampdb'),
              st.get('mixrampdelay')), ('1', '3', '-17', '2'),
             'modes: status reports them')
        T.eq(c.pairs('outputs').get('outputenabled'), '0', 'modes: outputs '
             'says the output is off')
        c.cmd('play 0')
        T.ok(wait_for(lambda: int(mpd_status(sb).get('playlistlength', 9))
                      <= len(songs) - 2, 60), 'modes: consume removes the '
             'songs played')
        c.cmd('enableoutput 0')
        c.close()
        st = wait_end(sb)
        T.ok(st, 'modes: the queue plays out')
        T.eq(int(mpd_status(sb).get('playlistlength', -1)), 0,
             'modes: in consume mode the queue is empty at its end')
        stop_all(sb)
        pcm, rl = capture(wav, FREQS)
        heard = audio.sequence(rl) if rl is not None else None
        T.diag('modes: captured %s' % (audio.describe(rl) if rl else rl))
        T.ok(heard and FREQS[0] not in heard and FREQS[-1] in heard,
             'modes: with the output off the first song is silent; once '
             'on, the rest is heard', 'no %d Hz, %d Hz' % (FREQS[0],
                                                          FREQS[-1]), heard)
        T.eq(sb.run('status').rc, 0, 'modes: the daemon starts again')
        c = mpd(sb)
        st = c.pairs('status')
        T.eq((st.get('consume'), st.get('xfade'), st.get('mixrampdb')),
             ('1', '3', '-17'), 'modes: kept across a restart')
        c.close()
    finally:
        stop_all(sb)
        sb.cleanup()


GROUPS = [('order', test_order), ('control', test_control),
          ('seek', test_seek_paused), ('vanish', test_vanish),
          ('output', test_output), ('restart', test_restart),
          ('files', test_state_files),
          ('single', test_single), ('cli', test_cli),
          ('read-only', test_read_only), ('repeat-one', test_repeat_one),
          ('single-mpd', test_single_mpd),
          ('play-files', test_files_and_words), ('modes', test_modes)]


def main():
    h = Harness(T, 'daemon')
    T.run_groups(GROUPS, sys.argv[1:], h)
    return T.finish()


if __name__ == '__main__':
    sys.exit(main())
