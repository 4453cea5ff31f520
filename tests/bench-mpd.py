#!/usr/bin/python3
"""Database command benchmark: ostplay's daemon against Debian's mpd.

Generates a library (50,000 files unless --files says otherwise, by
fixtures.make_bulk_library: tagged 0.3-second tones, artist/album/NN
title.ext; or takes one made so before, --music DIR), indexes it with both
programs (`ostplay scan`; `mpc update --wait` on a private mpd with a null
output), then times these requests on one open connection to each server,
--repeat times each after one untimed run (the first, cold run is reported
apart; ostplay's first request of all, which reads the library into
memory, is reported too):

    listallinfo
    search any WORD          (a word of many titles)
    list Artist
    find Drama NAME          (mpd has no Drama: find Album ALBUM there, the
                              album of the same files)
    lsinfo                   (the root)
    lsinfo FOLDER            (an artist's folder)

A time is from sending the request to reading the end of its reply (OK),
with this Python client reading in chunks of up to 1 MB; the client's own floor is
the `ping` row.  Prints a Markdown table (median and fastest, milliseconds;
the reply's size), the machine and the exact command.  Timings never fail
the run: it exits 1 only when something failed to run.  Every server runs
in the temporary folder and is stopped at the end.  Binaries: $OSTPLAY,
else build/ostplay; mpd and mpc on PATH.
"""

import argparse
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True	# no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixtures as fx  # noqa: E402

START_TIMEOUT = 120


class BenchError(Exception):
    pass


def log(msg):
    print('bench-mpd: %s' % msg, file=sys.stderr, flush=True)


class Conn:
    """A raw MPD connection that reads whole replies, one request at a
    time: a reply ends where the data ends in an OK or ACK line."""

    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.settimeout(300)
        self.s.connect(path)
        self.read_reply()	# the greeting, "OK MPD ..."

    def read_reply(self):
        chunks, tail = [], b''
        while True:
            chunk = self.s.recv(1 << 20)
            if not chunk:
                raise BenchError('connection closed')
            chunks.append(chunk)
            tail = (tail + chunk)[-4096:]
            if not tail.endswith(b'\n'):
                continue
            last = tail[:-1].rsplit(b'\n', 1)[-1]
            if last.startswith(b'OK') or last.startswith(b'ACK ['):
                if last.startswith(b'ACK ['):
                    raise BenchError(last.decode())
                return b''.join(chunks)

    def ask(self, line):
        self.s.sendall(line.encode('utf-8') + b'\n')
        return self.read_reply()

    def timed(self, line):
        t0 = time.perf_counter()
        reply = self.ask(line)
        return time.perf_counter() - t0, reply


def wait_socket(path, proc, what):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise BenchError('%s exited (%d)' % (what, proc.returncode))
        try:
            return Conn(path)
        except OSError:
            time.sleep(0.05)
    raise BenchError('%s did not answer on %s' % (what, path))


# Goblin's OST, which the catalog knows: the drama `find Drama` asks for,
# all of one album so that mpd's `find Album` selects the same files.
GOBLIN = [('Stay With Me', ['Chanyeol', 'Punch']), ('Beautiful', ['Crush']),
          ('Hush', ['Lasse Lindh']), ('Who Are You', ['Sam Kim']),
          ('I Miss You', ['Soyou'])]
GOBLIN_ALBUM = 'Goblin OST'


def add_goblin(music):
    folder = os.path.join(music, 'Goblin OST')
    os.makedirs(folder, exist_ok=True)
    for i, (title, artists) in enumerate(GOBLIN):
        path = os.path.join(folder, '%02d. %s.flac' % (i + 1, title))
        if not os.path.exists(path):
            fx.encode_tone(path, 'flac', 300 + 150 * i, 1.0)
            fx.tag(path, title=title, artists=artists, album=GOBLIN_ALBUM,
                   track=i + 1, year=2016)


class Bench:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.music = args.music or os.path.join(work, 'music')
        self.env = fx.bench_env(work)
        self.bin = fx.bench_binary()
        self.mpd_dir = os.path.join(work, 'mpd')
        self.mpd_sock = os.path.join(self.mpd_dir, 'socket')
        self.osp_sock = os.path.join(work, 'run', 'ostplay', 'socket')
        self.procs = []
        self.rows = []
        self.setup_times = {}

    def run(self, argv, env=None):
        t0 = time.perf_counter()
        p = subprocess.run(argv, env=env or self.env, capture_output=True,
                           stdin=subprocess.DEVNULL)
        if p.returncode != 0:
            raise BenchError('%s failed: %s' % (' '.join(argv),
                                                p.stderr.decode()[-500:]))
        return time.perf_counter() - t0

    def prepare(self):
        if not self.args.music:
            log('generating %d files' % self.args.files)
            t0 = time.perf_counter()
            fx.make_bulk_library(self.music, self.args.files)
            self.setup_times['generate'] = time.perf_counter() - t0
        add_goblin(self.music)
        for d in ('data', 'config', 'state', 'run'):
            os.makedirs(os.path.join(self.work, d), exist_ok=True)
        os.chmod(os.path.join(self.work, 'run'), 0o700)
        conf = os.path.join(self.work, 'config', 'ostplay')
        os.makedirs(conf, exist_ok=True)
        with open(os.path.join(conf, 'config'), 'w') as f:
            f.write('mpv.ao = null\n')
        log('ostplay scan')
        self.setup_times['ostplay scan'] = self.run(
            [self.bin, 'scan', self.music])
        os.makedirs(os.path.join(self.mpd_dir, 'playlists'))
        self.mpd_conf = os.path.join(self.mpd_dir, 'mpd.conf')
        with open(self.mpd_conf, 'w') as f:
            f.write('''# written by bench-mpd.py
music_directory     "%(music)s"
playlist_directory  "%(dir)s/playlists"
db_file             "%(dir)s/database"
log_file            "%(dir)s/log"
pid_file            "%(dir)s/pid"
bind_to_address     "%(sock)s"
auto_update         "no"
zeroconf_enabled    "no"
max_output_buffer_size "65536"
audio_output {
    type        "null"
    name        "null"
    mixer_type  "none"
}
''' % dict(music=self.music, dir=self.mpd_dir, sock=self.mpd_sock))
        log('mpd update')
        self.mpd = subprocess.Popen(['mpd', '--no-daemon', self.mpd_conf],
                                    stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
        self.procs.append(self.mpd)
        wait_socket(self.mpd_sock, self.mpd, 'mpd').s.close()
        env = dict(os.environ, MPD_HOST=self.mpd_sock)
        env.pop('MPD_PORT', None)
        self.setup_times['mpd update'] = self.run(
            ['mpc', 'update', '--wait'], env)
        log('ostplay daemon')
        self.osp = subprocess.Popen([self.bin, 'daemon'], env=self.env,
                                    stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
        self.procs.append(self.osp)
        wait_socket(self.osp_sock, self.osp, 'ostplay').s.close()

    def pick(self, osp):
        """The drama, its album, a word and a folder to ask for."""
        t, reply = osp.timed('list Drama')
        self.snapshot_ms = t * 1000
        lines = reply.decode().splitlines()
        if 'Drama: Goblin' not in lines:
            raise BenchError('Goblin is no drama of the library')
        lines = osp.ask('lsinfo').decode().splitlines()
        folders = [l.split(': ', 1)[1] for l in lines
                   if l.startswith('directory: ')]
        return 'Goblin', GOBLIN_ALBUM, fx._BULK_WORDS[0], \
            folders[len(folders) // 2]

    def rss(self):
        """(ostplay's, mpd's) resident memory in MB, or None."""
        out = []
        for p in (self.osp, self.mpd):
            try:
                with open('/proc/%d/status' % p.pid) as f:
                    kb = [l.split()[1] for l in f if l.startswith('VmRSS')]
                out.append(int(kb[0]) / 1024)
            except (OSError, IndexError, ValueError):
                out.append(None)
        return out

    def measure(self):
        osp, mpd = Conn(self.osp_sock), Conn(self.mpd_sock)
        self.rss_before = self.rss()
        drama, album, word, folder = self.pick(osp)
        self.picked = (drama, album, word, folder)
        requests = [
            ('ping', 'ping', 'ping'),
            ('listallinfo', 'listallinfo', 'listallinfo'),
            ('search any "%s"' % word, 'search any "%s"' % word,
             'search any "%s"' % word),
            ('list Artist', 'list Artist', 'list Artist'),
            ('find Drama "%s" (mpd: find Album)' % drama,
             'find Drama "%s"' % drama, 'find Album "%s"' % album),
            ('lsinfo (the root)', 'lsinfo', 'lsinfo'),
            ('lsinfo "%s"' % folder, 'lsinfo "%s"' % folder,
             'lsinfo "%s"' % folder),
        ]
        for name, osp_req, mpd_req in requests:
            row = [name]
            for conn, req in ((osp, osp_req), (mpd, mpd_req)):
                first, reply = conn.timed(req)
                times = [conn.timed(req)[0]
                         for _ in range(self.args.repeat)]
                row.append((first, statistics.median(times), min(times),
                            len(reply), reply.count(b'\nfile: ') +
                            reply.startswith(b'file: ')))
            self.rows.append(row)
            log('%s done' % name)
        self.rss_after = self.rss()

    def report(self):
        def ms(x):
            return '%.1f' % (x * 1000)
        n = self.args.files if not self.args.music else 'given'
        print('\n### Database commands, %s-track library (ms: median of '
              '%d, fastest; first run apart)\n' % (n, self.args.repeat))
        print('| request | ostplay median | fastest | first | mpd median | '
              'fastest | first | reply (ostplay / mpd) |')
        print('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |')
        for name, o, m in self.rows:
            print('| `%s` | %s | %s | %s | %s | %s | %s | %d KB, %d songs '
                  '/ %d KB, %d songs |' % (
                      name, ms(o[1]), ms(o[2]), ms(o[0]), ms(m[1]),
                      ms(m[2]), ms(m[0]), o[3] // 1024, o[4], m[3] // 1024,
                      m[4]))
        print('\nostplay\'s first database request after it started '
              '(`list Drama`) took %.0f ms: it reads the whole library into '
              'memory, once, and again only after the library changed.'
              % self.snapshot_ms)
        def mb(x):
            return '?' if x is None else '%.0f MB' % x
        print('\nResident memory (VmRSS) before the requests / after: '
              'ostplay %s / %s, mpd %s / %s.' % (
                  mb(self.rss_before[0]), mb(self.rss_after[0]),
                  mb(self.rss_before[1]), mb(self.rss_after[1])))
        print('\nSet-up: %s.' % ', '.join(
            '%s %.1f s' % kv for kv in self.setup_times.items()))
        print('Asked: drama %r (album %r), word %r, folder %r.'
              % self.picked)
        first = subprocess.run(['mpd', '--version'], capture_output=True,
                               text=True).stdout.splitlines()
        print('Machine: %s, %d CPUs, %s; %s.' % (
            cpu_model(), os.cpu_count(), platform.platform(),
            first[0] if first else 'mpd ?'))
        print('Command: `%s`' % ' '.join([os.path.basename(sys.argv[0])] +
                                         sys.argv[1:]))


def cpu_model():
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or 'unknown CPU'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--files', type=int, default=50000,
                    help='generated library size (default 50000)')
    ap.add_argument('--music', help='a library fixtures.make_bulk_library '
                    'made before, instead of generating one')
    ap.add_argument('--repeat', type=int, default=5,
                    help='timed runs of each request (default 5)')
    ap.add_argument('--keep', action='store_true',
                    help='keep the temporary folder')
    args = ap.parse_args()
    if args.files < 1 or args.repeat < 1:
        ap.error('--files and --repeat must be at least 1')
    if not shutil.which('mpd') or not shutil.which('mpc'):
        print('bench-mpd: needs mpd and mpc', file=sys.stderr)
        return 1
    work = tempfile.mkdtemp(prefix='ostplay-bench-mpd-')
    bench = Bench(args, work)
    status = 0
    try:
        bench.prepare()
        bench.measure()
        bench.report()
    except BenchError as e:
        print('bench-mpd: %s' % e, file=sys.stderr)
        status = 1
    finally:
        for p in bench.procs:	# ours, by their own pids
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(30)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        if args.keep:
            log('kept %s' % work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == '__main__':
    sys.exit(main())
