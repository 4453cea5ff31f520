#!/usr/bin/python3
"""Playback daemon benchmark: ostplay's daemon against Debian's mpd.

Generates a library (50,000 files unless --files says otherwise, by
fixtures.make_bulk_library) plus five songs of Goblin's OST (60-second
FLAC tones tagged as the catalog's songs, under "Goblin OST/"), indexes it
with both programs (`ostplay scan`; `mpc update --wait` on a private mpd),
then measures, R times each (--repeat), every ostplay row next to the mpd
row it is compared with:

1. status round trip: one connection per server (ostplay's
   $XDG_RUNTIME_DIR/ostplay/socket, mpd's unix socket), N (--commands,
   default 1000) `status` commands sent one after the other, each reply read
   to its `OK` before the next is sent; reported in microseconds per round
   trip.  Once with the drama queued and stopped, once while it plays in
   real time (ostplay `mpv.ao = null`, mpd a `null` output with sync), where
   a status also reports elapsed time and bitrate.  `ping` round trips on
   the same connections are the floor: the socket plus this Python client.
   Each is taken --rtt-runs times (default 15) with this client and every
   thread of both servers pinned to one CPU (stable: the cost of handling
   the command), then as many times unpinned (as deployed; noisy on a VM,
   where a round trip across CPUs pays for waking the other CPU).

2. time to the first audio sample: the clock starts just before the play
   command is issued and stops at the first poll (every ~1 ms) that finds a
   non-silent sample (|x| > 1e-4 of full scale) in the captured output.
   ostplay captures through mpv's `ao=pcm` (a WAV, float32 extensible, the
   header skipped by parsing the RIFF chunks); mpd through a `pipe` output
   running `cat > FILE` in mpd's float32 format.  Both outputs write as fast
   as the audio decodes (no device clock), so this is the latency from the
   command to the first decoded sample reaching the output, not the length
   of a device buffer.  Before each try the server is told `stop`, the
   output is left to close, and the capture file is deleted.  Rows:
     - CLI: `ostplay play Goblin` (a new process: opens the library, finds
       the drama's tracks, sends clear/add/play over the socket) against
       `mpc -q clear`, `mpc -q load goblin`, `mpc -q play` run one after the
       other (a stored playlist holding the same five files, same order);
     - protocol: the same command list (clear, add of the five files by
       their URIs, play 0) sent to each server over an open connection;
     - cold start: nothing running; `ostplay play Goblin` (which starts the
       daemon) against starting mpd, connecting as soon as its socket
       answers and sending `clear`, `load goblin`, `play`.
   "command done" is when the command (all of it, for the mpc row) returned.
   A reference row times one CLI process that does nothing (`ostplay
   --help`, `mpc help`): the start-up every CLI command pays.
   Polling adds up to ~1 ms to every figure, to both programs alike.

3. daemon memory: VmRSS and VmHWM (peak RSS) from /proc/PID/status.  ostplay:
   the daemon started on the scanned library, after one `status`; after
   `ostplay play Goblin`; after the round trips; the ao=pcm daemon after the
   first-sample runs; a cold-started daemon.  mpd: right after `mpc update
   --wait` built its database (same process); restarted on that database,
   after one `status`; and at the same points as ostplay.

Prints Markdown tables, the machine and the exact command.  Timings never fail
the run: it exits 1 only when something failed to run (a command failing, a
server not starting, no audio within 20 s).  Every mpd started here has its
own config, database, socket and playlists in the temporary folder, and is
stopped at the end, as is every ostplay daemon.  Binaries: $OSTPLAY, else
build/ostplay under the source tree; $MPD and $MPC, else mpd and mpc on PATH.
The library goes under $TMPDIR (default /tmp).
"""

import argparse
import array
import json
import os
import platform
import shlex
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.dirname(HERE)
sys.dont_write_bytecode = True	# no __pycache__ in the source tree
sys.path.insert(0, HERE)

GOBLIN_SECONDS = 60.0	# the Goblin songs both players get (fixtures)
SILENCE = 1e-4		# |sample| above this (full scale 1) is sound
POLL = 0.001		# seconds between looks at the capture file
AUDIO_TIMEOUT = 20.0	# a hang guard: no sound by then is a failure
START_TIMEOUT = 60.0	# a server's socket must answer within this


class BenchError(Exception):
    """Something failed to run; ends the benchmark with status 1."""


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def tail(path, n=15):
    try:
        with open(path, 'rb') as f:
            lines = f.read().decode('utf-8', 'replace').splitlines()
        return '\n'.join(lines[-n:])
    except OSError:
        return '(no log)'


def run(argv, env=None, timeout=1800):
    """Runs argv; returns (wall seconds, stdout); raises on failure."""
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, errors='replace', timeout=timeout)
    except subprocess.TimeoutExpired:
        raise BenchError('%s did not finish in %d s' % (shlex.join(argv),
                                                        timeout)) from None
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise BenchError('%s exited with status %d:\n%s' % (
            shlex.join(argv), proc.returncode,
            (proc.stderr + proc.stdout).strip()))
    return wall, proc.stdout


def memory(pid):
    """(VmRSS, VmHWM) of pid in KiB, from /proc/PID/status."""
    out = {}
    try:
        with open('/proc/%d/status' % pid) as f:
            for line in f:
                key, _, value = line.partition(':')
                if key in ('VmRSS', 'VmHWM'):
                    out[key] = int(value.split()[0])
    except OSError as e:
        raise BenchError('cannot read memory of pid %d: %s' % (pid, e))
    if len(out) != 2:
        raise BenchError('pid %d has no VmRSS/VmHWM (exited?)' % pid)
    return out['VmRSS'], out['VmHWM']


def alive(pid):
    try:
        with open('/proc/%d/stat' % pid) as f:
            # state is the field after the parenthesised name
            return f.read().rsplit(')', 1)[1].split()[0] != 'Z'
    except OSError:
        return False


def quote(arg):
    """An MPD protocol argument."""
    return '"%s"' % arg.replace('\\', '\\\\').replace('"', '\\"')


# ---------------------------------------------------------------------------
# A minimal MPD protocol client
# ---------------------------------------------------------------------------

class Client:
    def __init__(self, path, timeout=30):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.rfile = self.sock.makefile('rb', buffering=1 << 16)
        greeting = self.rfile.readline()
        if not greeting.startswith(b'OK MPD '):
            raise BenchError('%s greeted %r' % (path, greeting))
        self.greeting = greeting.decode().strip()

    def reply(self, what):
        lines = []
        while True:
            line = self.rfile.readline()
            if not line:
                raise BenchError('%s closed the connection after %r'
                                 % (self.path, what))
            if line == b'OK\n':
                return lines
            if line.startswith(b'ACK'):
                raise BenchError('%s answered %r with %s' % (
                    self.path, what, line.decode('utf-8', 'replace').strip()))
            lines.append(line.decode('utf-8', 'replace').rstrip('\n'))

    def cmd(self, line):
        self.sock.sendall(line.encode() + b'\n')
        return self.reply(line)

    def pairs(self, line):
        return dict(l.split(': ', 1) for l in self.cmd(line) if ': ' in l)

    def command_list(self, lines):
        body = ''.join(l + '\n' for l in lines)
        self.sock.sendall(('command_list_begin\n%scommand_list_end\n'
                           % body).encode())
        return self.reply('command list %r' % lines)

    def round_trips(self, command, n):
        """Seconds per round trip of `command`, sent n times in a row."""
        line = command.encode() + b'\n'
        send, readline = self.sock.sendall, self.rfile.readline
        t0 = time.perf_counter()
        for _ in range(n):
            send(line)
            while True:
                got = readline()
                if got == b'OK\n':
                    break
                if not got or got.startswith(b'ACK'):
                    raise BenchError('%s answered %s with %r'
                                     % (self.path, command, got))
        return (time.perf_counter() - t0) / n

    def close(self):
        try:
            self.rfile.close()
            self.sock.close()
        except OSError:
            pass


def connect_when_ready(path, deadline, proc=None, logfile=None):
    """A Client as soon as the socket at `path` greets."""
    while True:
        try:
            return Client(path)
        except (OSError, BenchError):
            pass
        if proc is not None and proc.poll() is not None:
            raise BenchError('%s exited with status %s before its socket '
                             'answered:\n%s' % (shlex.join(proc.args),
                                                proc.returncode,
                                                tail(logfile)))
        if time.perf_counter() > deadline:
            raise BenchError('nothing answered on %s in time:\n%s'
                             % (path, tail(logfile)))
        time.sleep(POLL)


# ---------------------------------------------------------------------------
# Watching a capture file for the first sound
# ---------------------------------------------------------------------------

class Capture:
    """The audio file an output writes: a WAV (mpv's ao=pcm) or raw float32
    (mpd's pipe output).  poll() says whether a non-silent sample is in."""

    def __init__(self, path, wav):
        self.path = path
        self.wav = wav
        self.reset()

    def reset(self):
        """Deletes the file; the next poll() looks for a new one."""
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass
        self.f = None
        self.buf = b''
        self.kind = None if self.wav else ('f', 4)	# (array code, size)

    def _header(self):
        """Parses the RIFF chunks in self.buf up to the data chunk; leaves
        only sample bytes in self.buf.  False while the header is short."""
        b = self.buf
        if len(b) < 12:
            return False
        if b[:4] != b'RIFF' or b[8:12] != b'WAVE':
            raise BenchError('%s is not a WAV file' % self.path)
        pos, fmt = 12, None
        while pos + 8 <= len(b):
            cid = b[pos:pos + 4]
            size = struct.unpack('<I', b[pos + 4:pos + 8])[0]
            body = pos + 8
            if cid == b'fmt ':
                if body + 16 > len(b):
                    return False
                tag, _, _, _, _, bits = struct.unpack(
                    '<HHIIHH', b[body:body + 16])
                if tag == 0xFFFE:	# extensible: the sub-format's tag
                    if body + 26 > len(b):
                        return False
                    tag = struct.unpack('<H', b[body + 24:body + 26])[0]
                fmt = (tag, bits)
            elif cid == b'data':
                kinds = {(3, 32): ('f', 4), (3, 64): ('d', 8),
                         (1, 16): ('h', 2), (1, 32): ('i', 4)}
                if fmt not in kinds:
                    raise BenchError('%s: sample format %r not handled'
                                     % (self.path, fmt))
                self.kind = kinds[fmt]
                self.scale = 1.0 if fmt[0] == 3 else float(1 << (fmt[1] - 1))
                self.buf = b[body:]
                return True
            pos = body + size + (size & 1)
        return False

    def poll(self):
        if self.f is None:
            try:
                self.f = open(self.path, 'rb')
            except FileNotFoundError:
                return False
        chunk = self.f.read(1 << 20)
        if not chunk:
            return False
        self.buf += chunk
        if self.kind is None and not self._header():
            return False
        code, size = self.kind
        n = len(self.buf) - len(self.buf) % size
        a = array.array(code)
        a.frombytes(self.buf[:n])
        self.buf = self.buf[n:]
        limit = SILENCE * getattr(self, 'scale', 1.0)
        return any(x > limit or x < -limit for x in a)

    def close(self):
        if self.f is not None:
            self.f.close()
            self.f = None


# ---------------------------------------------------------------------------
# The benchmark
# ---------------------------------------------------------------------------

class Series:
    """Repeated measurements of one thing, for one server."""

    def __init__(self):
        self.values = []
        self.done = []	# when the command returned, for first-sample rows

    def median(self):
        return statistics.median(self.values) if self.values else None

    def min(self):
        return min(self.values) if self.values else None


class Bench:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.music = os.path.join(work, 'music')
        self.ostplay = os.path.abspath(os.environ.get(
            'OSTPLAY', os.path.join(SOURCE_ROOT, 'build', 'ostplay')))
        self.mpd_bin = os.environ.get('MPD') or shutil.which('mpd')
        self.mpc_bin = os.environ.get('MPC') or shutil.which('mpc')
        self.load = '%.2f %.2f %.2f' % os.getloadavg()
        self.cpus = os.sched_getaffinity(0)
        self.procs = []		# every Popen started here
        self.ost_pids = set()	# background daemons started by the CLI
        self.series = {}
        self.problems = []	# things noticed on the way, for the report
        self.mem = {}		# (point, server) -> (rss, hwm) KiB
        self.context = {}
        # ostplay's private tree
        home = os.path.join(work, 'home')
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith('XDG_') and k not in (
                        'MPD_HOST', 'MPD_PORT', 'LISTEN_FDS', 'LISTEN_PID')}
        self.env['HOME'] = home
        for var, sub in (('XDG_DATA_HOME', '.local/share'),
                         ('XDG_CONFIG_HOME', '.config'),
                         ('XDG_CACHE_HOME', '.cache'),
                         ('XDG_STATE_HOME', '.local/state'),
                         ('XDG_RUNTIME_DIR', 'run')):
            self.env[var] = os.path.join(home, sub)
            os.makedirs(self.env[var], mode=0o700)
        self.ost_socket = os.path.join(self.env['XDG_RUNTIME_DIR'], 'ostplay',
                                       'socket')
        self.ost_lock = os.path.join(self.env['XDG_RUNTIME_DIR'], 'ostplay',
                                     'daemon.lock')
        self.ost_log = os.path.join(work, 'ostplay-daemon.log')
        self.ost_bg_log = os.path.join(self.env['XDG_STATE_HOME'], 'ostplay',
                                       'log')
        self.ost_wav = os.path.join(work, 'ostplay-out.wav')
        self.ost_proc = None
        # mpd's private tree
        self.mpd_dir = os.path.join(work, 'mpd')
        os.makedirs(os.path.join(self.mpd_dir, 'playlists'))
        self.mpd_socket = os.path.join(self.mpd_dir, 'socket')
        self.mpd_conf = os.path.join(self.mpd_dir, 'mpd.conf')
        self.mpd_log = os.path.join(self.mpd_dir, 'log')
        self.mpd_raw = os.path.join(work, 'mpd-out.f32')
        self.mpd_proc = None
        self.mpd_env = dict(self.env, MPD_HOST=self.mpd_socket)
        self.goblin_uris = []

    def get(self, key, server):
        return self.series.setdefault((key, server), Series())

    # --- setting up --------------------------------------------------------

    def check_binaries(self):
        if not os.access(self.ostplay, os.X_OK):
            raise BenchError('ostplay not found at %s (build it, or set '
                             '$OSTPLAY)' % self.ostplay)
        for what, path in (('mpd', self.mpd_bin), ('mpc', self.mpc_bin)):
            if not path or not os.access(path, os.X_OK):
                raise BenchError('%s not found (apt-get install %s, or set '
                                 '$%s)' % (what, what, what.upper()))

    def generate(self):
        try:
            import fixtures
        except ImportError as e:
            raise BenchError('tests/fixtures.py is needed: %s' % e)
        t0 = time.perf_counter()
        fixtures.make_bulk_library(self.music, self.args.files, seed=1)
        self.goblin_uris = fixtures.make_goblin_songs(self.music,
                                                      GOBLIN_SECONDS)
        self.context['generate'] = time.perf_counter() - t0
        total = 0
        for dirpath, _, names in os.walk(self.music):
            for name in names:
                total += os.path.getsize(os.path.join(dirpath, name))
        self.context['bytes'] = total
        self.n_tracks = self.args.files + len(self.goblin_uris)
        with open(os.path.join(self.mpd_dir, 'playlists', 'goblin.m3u'),
                  'w') as f:
            f.write(''.join(u + '\n' for u in self.goblin_uris))

    def ostplay_scan(self):
        argv = [self.ostplay, 'scan', '--json', self.music]
        wall, out = run(argv, self.env)
        summary = json.loads(out.strip().splitlines()[-1])
        if summary.get('added') != self.n_tracks:
            raise BenchError('%s added %s tracks, not %d:\n%s' % (
                shlex.join(argv), summary.get('added'), self.n_tracks, out))
        self.context['scan'] = wall
        _, out = run([self.ostplay, 'tracks', '--json', '--drama', 'Goblin'],
                     self.env)
        n = len([l for l in out.splitlines() if l.strip()])
        if n != len(self.goblin_uris):
            raise BenchError('ostplay matched %d tracks to Goblin, not %d:\n%s'
                             % (n, len(self.goblin_uris), out))

    # --- ostplay's daemon --------------------------------------------------

    def write_ostplay_config(self, pcm):
        d = os.path.join(self.env['XDG_CONFIG_HOME'], 'ostplay')
        os.makedirs(d, exist_ok=True)
        lines = ['# written by bench-daemon.py']
        if pcm:
            lines += ['mpv.ao = pcm', 'mpv.ao-pcm-file = %s' % self.ost_wav]
        else:
            lines += ['mpv.ao = null']
        with open(os.path.join(d, 'config'), 'w') as f:
            f.write('\n'.join(lines) + '\n')

    def start_ostplay(self):
        """`ostplay daemon` in the foreground (as a child, so its pid is
        known); returns a connected Client."""
        logf = open(self.ost_log, 'ab')
        self.ost_proc = subprocess.Popen(
            [self.ostplay, 'daemon'], env=self.env, stdin=subprocess.DEVNULL,
            stdout=logf, stderr=logf)
        logf.close()
        self.procs.append(self.ost_proc)
        return connect_when_ready(self.ost_socket,
                                  time.perf_counter() + START_TIMEOUT,
                                  self.ost_proc, self.ost_log)

    def stop_ostplay(self):
        """Stops every ostplay daemon of this run: the foreground one and any
        the CLI started (pid from the daemon's lock file)."""
        pids = set(self.ost_pids)
        if self.ost_proc is not None and self.ost_proc.poll() is None:
            pids.add(self.ost_proc.pid)
        pid = self.lock_pid()
        if pid:
            pids.add(pid)
        for pid in pids:
            self.end_pid(pid, 'ostplay daemon', self.ost_log)
        self.ost_pids.clear()
        self.ost_proc = None

    def lock_pid(self):
        """The pid in the daemon's lock file, if it is an ostplay daemon of
        this run (its XDG_RUNTIME_DIR is ours)."""
        try:
            with open(self.ost_lock) as f:
                pid = int(f.read().strip() or 0)
        except (OSError, ValueError):
            return None
        try:
            with open('/proc/%d/environ' % pid, 'rb') as f:
                environ = f.read().split(b'\0')
            with open('/proc/%d/cmdline' % pid, 'rb') as f:
                cmdline = f.read().split(b'\0')
        except OSError:
            return None
        mine = ('XDG_RUNTIME_DIR=%s' % self.env['XDG_RUNTIME_DIR']).encode()
        if (mine in environ and cmdline[0].endswith(b'ostplay-daemon')
                and alive(pid)):
            return pid
        return None

    def end_pid(self, pid, what, logfile, grace=10):
        proc = next((p for p in self.procs if p.pid == pid), None)
        if proc is not None and proc.poll() is not None:
            return
        if proc is None and not alive(pid):
            return
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            if proc is not None:
                if proc.poll() is not None:
                    break
            elif not alive(pid):
                break
            time.sleep(0.01)
        else:
            self.problems.append('%s (pid %d) did not stop within %d s of '
                                 'SIGTERM; killed' % (what, pid, grace))
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            if proc is not None:
                proc.wait()
        if proc is not None and proc.returncode not in (0, -signal.SIGTERM):
            self.problems.append('%s (pid %d) exited with status %s after '
                                 'SIGTERM; log:\n%s' % (
                                     what, pid, proc.returncode,
                                     tail(logfile)))

    # --- mpd ---------------------------------------------------------------

    def write_mpd_config(self):
        with open(self.mpd_conf, 'w') as f:
            f.write('''# written by bench-daemon.py: this run's own mpd
music_directory     "%(music)s"
playlist_directory  "%(dir)s/playlists"
db_file             "%(dir)s/database"
log_file            "%(dir)s/log"
pid_file            "%(dir)s/pid"
bind_to_address     "%(socket)s"
auto_update         "no"
zeroconf_enabled    "no"
replaygain          "off"
audio_output {
    type        "pipe"
    name        "capture"
    command     "exec cat > '%(raw)s'"
    format      "44100:f:2"
    mixer_type  "none"
}
audio_output {
    type        "null"
    name        "realtime"
    sync        "yes"
    mixer_type  "none"
}
''' % dict(music=self.music, dir=self.mpd_dir, socket=self.mpd_socket,
           raw=self.mpd_raw))

    def start_mpd(self):
        self.mpd_proc = subprocess.Popen(
            [self.mpd_bin, '--no-daemon', self.mpd_conf],
            env=self.env, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=open(self.mpd_log + '.stderr',
                                                   'ab'))
        self.procs.append(self.mpd_proc)
        return connect_when_ready(self.mpd_socket,
                                  time.perf_counter() + START_TIMEOUT,
                                  self.mpd_proc, self.mpd_log)

    def stop_mpd(self):
        if self.mpd_proc is not None:
            self.end_pid(self.mpd_proc.pid, 'mpd', self.mpd_log)
        self.mpd_proc = None

    def mpc(self, *args):
        return run([self.mpc_bin] + list(args), self.mpd_env)

    @staticmethod
    def output_ids(client):
        """mpd's outputs: {name: id}."""
        ids = {}
        for line in client.cmd('outputs'):
            key, _, value = line.partition(': ')
            if key == 'outputid':
                oid = value
            elif key == 'outputname':
                ids[value] = oid
        return ids

    def mpd_outputs(self, client, enable):
        ids = self.output_ids(client)
        for name, oid in ids.items():
            client.cmd('%s %s' % ('enableoutput' if name == enable
                                  else 'disableoutput', oid))

    def mpd_update(self):
        """mpd #1: an empty database, then `mpc update --wait`."""
        c = self.start_mpd()
        wall, _ = self.mpc('update', '--wait')
        songs = int(c.pairs('stats').get('songs', 0))
        if songs != self.n_tracks:
            raise BenchError('mpd found %d songs, not %d:\n%s'
                             % (songs, self.n_tracks, tail(self.mpd_log)))
        self.context['mpd-update'] = wall
        self.mem[('after-update', 'mpd')] = memory(self.mpd_proc.pid)
        c.close()
        self.stop_mpd()

    # --- measurements ------------------------------------------------------

    def wait_state(self, client, state, timeout=20):
        deadline = time.monotonic() + timeout
        while True:
            st = client.pairs('status')
            if st.get('state') == state and (
                    state != 'play' or float(st.get('elapsed', 0)) > 0):
                return st
            if time.monotonic() > deadline:
                raise BenchError('%s never reached state %s: %r'
                                 % (client.path, state, st))
            time.sleep(0.01)

    def round_trips(self, clients, state):
        """--rtt-runs runs of --commands status and ping round trips per
        server, first with this client and both servers (every thread) on
        one CPU, then free to run anywhere."""
        n = self.args.commands
        pids = [self.ost_proc.pid, self.mpd_proc.pid]
        one = {min(self.cpus)}
        for mode, cpus in (('pinned', one), ('free', self.cpus)):
            pin_all([0] + pids, cpus)
            for server, c in clients:
                c.round_trips('status', 50)	# warm up
            for r in range(self.args.rtt_runs):
                # Alternate who goes first, so neither always follows the
                # other.
                for server, c in clients[::1 if r % 2 == 0 else -1]:
                    for cmd in ('status', 'ping'):
                        self.get('%s-%s-%s' % (cmd, state, mode),
                                 server).values.append(
                            c.round_trips(cmd, n))
        pin_all([0] + pids, self.cpus)
        for server, c in clients:
            st = c.pairs('status')
            if st.get('state') != state:
                raise BenchError('%s: state %s after the round trips, '
                                 'expected %s' % (server, st.get('state'),
                                                  state))

    def first_sample(self, key, server, capture, issue, control=None,
                     sock=None):
        """Times issue() (run in a thread) to the first sound in capture;
        `control` is told to stop first, and `control` or a new connection
        to `sock` to stop after (the outputs would otherwise go on writing
        as fast as they can decode)."""
        if control is not None:
            control.cmd('stop')
            self.wait_state(control, 'stop')
        # Let the output close its file before deleting it.
        time.sleep(0.3)
        capture.reset()
        result = {}

        def worker():
            try:
                issue()
            except BaseException as e:	# reported below
                result['error'] = e
            result['done'] = time.perf_counter()

        t = threading.Thread(target=worker)
        t0 = time.perf_counter()
        t.start()
        heard = None
        while heard is None:
            if capture.poll():
                heard = time.perf_counter()
                break
            if 'error' in result:
                break
            if time.perf_counter() - t0 > AUDIO_TIMEOUT:
                break
            time.sleep(POLL)
        t.join(60)
        capture.close()
        if 'error' in result:
            raise result['error']
        if control is not None:
            control.cmd('stop')
        elif sock is not None and heard is not None:
            c = Client(sock)
            c.cmd('stop')
            c.close()
        if heard is None:
            raise BenchError('%s: no sound in %s within %d s' % (
                key, capture.path, AUDIO_TIMEOUT))
        s = self.get(key, server)
        s.values.append(heard - t0)
        s.done.append(result.get('done', heard) - t0)

    def measure(self):
        a = self.args
        # -- real time: round trips and memory --------------------------
        log('ostplay daemon and mpd on the %d-track library, real-time '
            'outputs' % self.n_tracks)
        self.write_ostplay_config(pcm=False)
        ost = self.start_ostplay()
        ost.pairs('status')
        self.mem[('idle', 'ostplay')] = memory(self.ost_proc.pid)
        mpd = self.start_mpd()
        self.mpd_outputs(mpd, 'realtime')
        songs = int(mpd.pairs('stats').get('songs', 0))
        if songs != self.n_tracks:
            raise BenchError('mpd loaded %d songs from its database, not %d'
                             % (songs, self.n_tracks))
        mpd.pairs('status')
        self.mem[('idle', 'mpd')] = memory(self.mpd_proc.pid)

        _, out = run([self.ostplay, 'play', 'Goblin'], self.env)
        if '%d tracks' % len(self.goblin_uris) not in out:
            raise BenchError('ostplay play Goblin said: %r' % out)
        self.mpc('-q', 'clear')
        self.mpc('-q', 'load', 'goblin')
        self.mpc('-q', 'play')
        for c in (ost, mpd):
            self.wait_state(c, 'play')
            if int(c.pairs('status')['playlistlength']) != len(self.goblin_uris):
                raise BenchError('%s: the queue is not the %d Goblin songs'
                                 % (c.path, len(self.goblin_uris)))
        self.mem[('playing', 'ostplay')] = memory(self.ost_proc.pid)
        self.mem[('playing', 'mpd')] = memory(self.mpd_proc.pid)

        log('status round trips, playing')
        clients = [('ostplay', ost), ('mpd', mpd)]
        self.round_trips(clients, 'play')
        for c in (ost, mpd):
            c.cmd('stop')
            self.wait_state(c, 'stop')
        log('status round trips, stopped')
        self.round_trips(clients, 'stop')
        self.mem[('after-rtt', 'ostplay')] = memory(self.ost_proc.pid)
        self.mem[('after-rtt', 'mpd')] = memory(self.mpd_proc.pid)
        ost.close()
        self.stop_ostplay()

        # -- first sample: untimed outputs into files -------------------
        log('time to first sample')
        self.write_ostplay_config(pcm=True)
        ost = self.start_ostplay()
        self.mpd_outputs(mpd, 'capture')
        ost_cap = Capture(self.ost_wav, wav=True)
        mpd_cap = Capture(self.mpd_raw, wav=False)
        ost_issue = Client(self.ost_socket)
        mpd_issue = Client(self.mpd_socket)
        plist = ['clear'] + ['add %s' % quote(u) for u in self.goblin_uris] \
            + ['play 0']

        def ost_cli():
            run([self.ostplay, 'play', 'Goblin'], self.env)

        def mpd_cli():
            self.mpc('-q', 'clear')
            self.mpc('-q', 'load', 'goblin')
            self.mpc('-q', 'play')

        for r in range(a.repeat):
            # What any command of each CLI costs before it does anything.
            for server, argv in (('ostplay', [self.ostplay, '--help']),
                                 ('mpd', [self.mpc_bin, 'help'])):
                wall, _ = run(argv, self.env)
                self.get('startup', server).values.append(wall)
            self.first_sample('cli', 'ostplay', ost_cap, ost_cli, ost)
            self.first_sample('cli', 'mpd', mpd_cap, mpd_cli, mpd)
            self.first_sample('proto', 'ostplay', ost_cap,
                              lambda: ost_issue.command_list(plist), ost)
            self.first_sample('proto', 'mpd', mpd_cap,
                              lambda: mpd_issue.command_list(plist), mpd)
        for c in (ost, mpd):
            c.cmd('stop')
        self.mem[('after-first', 'ostplay')] = memory(self.ost_proc.pid)
        self.mem[('after-first', 'mpd')] = memory(self.mpd_proc.pid)
        for c in (ost, mpd, ost_issue, mpd_issue):
            c.close()

        # -- cold start --------------------------------------------------
        log('cold start')
        cold_mem = {'ostplay': [], 'mpd': []}

        def mpd_cold():
            self.mpd_proc = None
            c = self.start_mpd()
            try:
                # outputs keep their enabled state only with a state file:
                # pick the capture output again, in the same list.
                ids = self.output_ids(c)
                c.command_list(['disableoutput %s' % ids['realtime'],
                                'enableoutput %s' % ids['capture'],
                                'clear', 'load goblin', 'play'])
            finally:
                c.close()

        for r in range(a.repeat):
            self.stop_ostplay()
            self.first_sample('cold', 'ostplay', ost_cap, ost_cli,
                              sock=self.ost_socket)
            pid = self.lock_pid()
            if pid is None:
                raise BenchError('no ostplay daemon after a cold `ostplay '
                                 'play Goblin`:\n%s' % tail(self.ost_bg_log))
            self.ost_pids.add(pid)
            cold_mem['ostplay'].append(memory(pid))
            self.stop_mpd()
            self.first_sample('cold', 'mpd', mpd_cap, mpd_cold,
                              sock=self.mpd_socket)
            cold_mem['mpd'].append(memory(self.mpd_proc.pid))
        for server, ms in cold_mem.items():
            self.mem[('cold', server)] = (
                statistics.median(m[0] for m in ms),
                statistics.median(m[1] for m in ms))
        self.stop_ostplay()
        self.stop_mpd()

    # --- the report ----------------------------------------------------------

    def report(self):
        a = self.args

        def pair(key, scale, fmt):
            cells = []
            for server in ('ostplay', 'mpd'):
                s = self.get(key, server)
                cells += [fmt % (s.median() * scale), fmt % (s.min() * scale)]
            o, m = self.get(key, 'ostplay'), self.get(key, 'mpd')
            cells.append('%.2fx' % (o.median() / m.median()))
            return cells

        print('## ostplay daemon benchmark (against mpd)\n')
        print('- machine: %s; %d CPUs online, %s; %s; load average %s at '
              'start' % (platform.node(), os.cpu_count(), cpu_model(),
                         platform.platform(), self.load))
        print('- versions: %s' % versions(self.mpd_bin))
        print('- library: %d tracks (%d generated by '
              'fixtures.make_bulk_library + %d Goblin songs, %d s FLAC), '
              '%.1f MB, generated in %.1f s; '
              '`ostplay scan` %.2f s, mpd `mpc update --wait` %.2f s' % (
                  self.n_tracks, a.files, len(self.goblin_uris), GOBLIN_SECONDS,
                  self.context['bytes'] / 1e6, self.context['generate'],
                  self.context['scan'], self.context['mpd-update']))
        print('- runs: %d of each first-sample measurement, %d round-trip '
              'runs of %d commands; ostplay and mpd interleaved'
              % (a.repeat, a.rtt_runs, a.commands))
        print('- command: `%s`' % shlex.join(
            [sys.executable, os.path.normpath(os.path.abspath(sys.argv[0]))]
            + sys.argv[1:]))
        print('- ostplay: `%s`; mpd: `%s`\n' % (self.ostplay, self.mpd_bin))

        print('### Round trip over the unix socket (µs per command)\n')
        print('| command | ostplay median | ostplay min | mpd median '
              '| mpd min | ostplay / mpd |')
        print('|---|---:|---:|---:|---:|---:|')
        for mode, where in (('pinned', 'one CPU'), ('free', 'unpinned')):
            for key, label in (('status-stop', '`status`, drama queued, '
                                'stopped'),
                               ('status-play',
                                '`status`, playing (real time)'),
                               ('ping-stop', '`ping`, stopped (floor)'),
                               ('ping-play', '`ping`, playing (floor)')):
                print('| ' + ' | '.join(
                    ['%s; %s' % (label, where)]
                    + pair('%s-%s' % (key, mode), 1e6, '%.1f')) + ' |')
        print('\n"one CPU": this client and every thread of both servers '
              'pinned to CPU %d, so each round trip is two context switches '
              'on one CPU and the figure is the processing cost.  '
              '"unpinned": as deployed; on a VM a round trip whose ends run '
              'on different CPUs pays two cross-CPU wake-ups, so those '
              'figures swing between runs (compare the minimums).'
              % min(self.cpus))

        print('\n### Play command to first audio sample (ms)\n')
        print('| how | ostplay median | ostplay min | mpd median | mpd min '
              '| ostplay / mpd | ostplay command done | mpd command done |')
        print('|---|---:|---:|---:|---:|---:|---:|---:|')
        for key, label in (
                ('cli', 'CLI: `ostplay play Goblin` / `mpc clear`, `mpc load '
                 'goblin`, `mpc play`'),
                ('proto', 'protocol: clear, add x%d, play 0 in one command '
                 'list' % len(self.goblin_uris)),
                ('cold', 'cold start: `ostplay play Goblin` with no daemon / '
                 'start mpd, then clear, load, play'),
                ('startup', 'reference: one CLI process doing nothing '
                 '(`ostplay --help` / `mpc help`)')):
            done = ['%.1f' % (statistics.median(self.get(key, s).done) * 1e3)
                    if self.get(key, s).done else '' for s in ('ostplay',
                                                               'mpd')]
            print('| ' + ' | '.join([label] + pair(key, 1e3, '%.1f') + done)
                  + ' |')

        print('\n### Daemon memory (MiB)\n')
        print('| point | ostplay VmRSS | ostplay VmHWM | mpd VmRSS '
              '| mpd VmHWM |')
        print('|---|---:|---:|---:|---:|')
        for point, label in (
                ('after-update', 'mpd right after `mpc update --wait` built '
                 'its database'),
                ('idle', 'started on the %d-track library, after `status`'
                 % self.n_tracks),
                ('playing', 'Goblin queued and playing (real-time output)'),
                ('after-rtt', 'after the round trips'),
                ('after-first', 'capture-output daemon after the first-sample '
                 'runs'),
                ('cold', 'cold-started, right after the first sample '
                 '(median)')):
            cells = [label]
            for server in ('ostplay', 'mpd'):
                m = self.mem.get((point, server))
                cells += (['%.1f' % (m[0] / 1024), '%.1f' % (m[1] / 1024)]
                          if m else ['-', '-'])
            print('| ' + ' | '.join(cells) + ' |')
        print('\nMedians decide the ratios; minimums are less bent by other '
              'load.  First-sample times include up to ~1 ms of polling.  '
              'mpd: %s' % ('pipe output (`cat > FILE`, float32) for the '
                           'first sample, null output with sync for the '
                           'real-time rows; ostplay: mpv ao=pcm and ao=null.'))
        if self.problems:
            print('\n### Problems noticed\n')
            for p in self.problems:
                print('- ' + p.replace('\n', '\n  '))


def pin_all(pids, cpus):
    """Sets the CPU affinity of every thread of each pid (0: this process;
    only its calling thread matters here)."""
    for pid in pids:
        if pid == 0:
            os.sched_setaffinity(0, cpus)
            continue
        try:
            tids = os.listdir('/proc/%d/task' % pid)
        except OSError as e:
            raise BenchError('cannot list the threads of pid %d: %s'
                             % (pid, e))
        for tid in tids:
            try:
                os.sched_setaffinity(int(tid), cpus)
            except ProcessLookupError:
                pass	# a thread that just ended


def cpu_model():
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or 'unknown CPU'


def versions(mpd_bin):
    out = []
    try:
        first = subprocess.run([mpd_bin, '--version'], capture_output=True,
                               text=True).stdout.splitlines()
        out.append(first[0] if first else 'mpd ?')
    except OSError:
        out.append('mpd ?')
    try:
        q = subprocess.run(['dpkg-query', '-W',
                            '-f', '${Package} ${Version}, ',
                            'libmpv2', 'libmpv1', 'mpc', 'libsqlite3-0'],
                           capture_output=True, text=True).stdout
        out.append(q.strip().rstrip(','))
    except OSError:
        pass
    return '; '.join(x for x in out if x)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--files', type=int, default=50000,
                    help='generated library size (default 50000)')
    ap.add_argument('--repeat', type=int, default=5,
                    help='runs of each measurement (default 5)')
    ap.add_argument('--commands', type=int, default=1000,
                    help='status commands per round-trip run (default 1000)')
    ap.add_argument('--rtt-runs', type=int, default=15,
                    help='round-trip runs per measurement (default 15)')
    ap.add_argument('--keep', action='store_true',
                    help='keep the temporary folder (library, logs)')
    args = ap.parse_args()
    if min(args.files, args.repeat, args.commands, args.rtt_runs) < 1:
        ap.error('--files, --repeat, --commands and --rtt-runs must be at '
                 'least 1')

    work = tempfile.mkdtemp(prefix='ostplay-bench-daemon-')
    bench = Bench(args, work)
    status = 0
    try:
        bench.check_binaries()
        log('generating %d files in %s' % (args.files, work))
        bench.generate()
        log('ostplay scan')
        bench.ostplay_scan()
        log('mpd database update')
        bench.write_mpd_config()
        bench.mpd_update()
        bench.measure()
        bench.report()
    except BenchError as e:
        print('bench-daemon: %s' % e, file=sys.stderr)
        status = 1
    except KeyboardInterrupt:
        status = 1
    finally:
        try:
            bench.stop_ostplay()
            bench.stop_mpd()
        finally:
            for p in bench.procs:	# anything left, by its own pid
                if p.poll() is None:
                    p.kill()
                    p.wait()
        if args.keep:
            log('kept %s' % work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    if status == 0 and bench.problems:
        log('problems noticed: see the end of the report')
    return status


if __name__ == '__main__':
    sys.exit(main())
