#!/usr/bin/python3
"""What the daemon writes to disk to keep its queue, on a long queue.

Starts `ostplay daemon` (mpv.ao = null) on a library of one 10-minute
FLAC, queues it --entries times (50,000 unless told) over the protocol, and
plays.  Then reads the daemon's write_bytes (/proc/PID/io: what reached the
block layer, fsyncs included) over --seconds of playing untouched, and over
as long again after one `add`.  The reference is the size of the saved
queue itself: what one save of the whole queue costs.

Prints a Markdown table.  Byte counts, not timings; it exits 1 only when
something failed to run.  Binary: $OSTPLAY, else build/ostplay.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import fixtures  # noqa: E402


class Client:
    """Just enough of the MPD protocol: send lines, read to OK or ACK."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(60)
        self.sock.connect(path)
        self.f = self.sock.makefile('rb')
        self.f.readline()

    def run(self, *lines):
        self.sock.sendall(''.join(l + '\n' for l in lines).encode())
        while True:
            line = self.f.readline().decode()
            if not line:
                raise EOFError('the daemon closed the connection')
            if line.startswith('ACK'):
                raise RuntimeError(line.strip())
            if line.startswith('OK'):
                return


def written(pid):
    with open('/proc/%d/io' % pid) as f:
        for line in f:
            if line.startswith('write_bytes:'):
                return int(line.split()[1])
    raise RuntimeError('no write_bytes in /proc/%d/io' % pid)


def wait_socket(path, proc, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            return Client(path)
        except OSError:
            time.sleep(0.05)
    raise RuntimeError('the daemon did not answer on %s' % path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--entries', type=int, default=50000)
    ap.add_argument('--seconds', type=float, default=30.0)
    args = ap.parse_args()
    binary = fixtures.bench_binary()
    top = tempfile.mkdtemp(prefix='ostplay-bench-state-')
    daemon = None
    try:
        env = fixtures.bench_env(top)
        music = os.path.join(top, 'music')
        conf = os.path.join(env['XDG_CONFIG_HOME'], 'ostplay')
        for d in (music, conf, env['XDG_RUNTIME_DIR']):
            os.makedirs(d, exist_ok=True)
        os.chmod(env['XDG_RUNTIME_DIR'], 0o700)
        with open(os.path.join(conf, 'config'), 'w') as f:
            f.write('mpv.ao = null\n')
        fixtures.encode_tone(os.path.join(music, 'long.flac'), 'flac', 440,
                             600.0)
        subprocess.run([binary, 'scan', music], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        daemon = subprocess.Popen([binary, 'daemon'], env=env,
                                  stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        c = wait_socket(os.path.join(env['XDG_RUNTIME_DIR'], 'ostplay',
                                     'socket'), daemon)
        for k in range(0, args.entries, 4000):
            n = min(4000, args.entries - k)
            c.run('command_list_begin', *['add long.flac'] * n,
                  'command_list_end')
        c.run('play 0')
        time.sleep(2)		# the queue saved, playback under way
        w0 = written(daemon.pid)
        time.sleep(args.seconds)
        w1 = written(daemon.pid)
        c.run('add long.flac')
        time.sleep(args.seconds)
        w2 = written(daemon.pid)
        state = os.path.join(env['XDG_STATE_HOME'], 'ostplay')
        sizes = {n: os.path.getsize(os.path.join(state, n))
                 for n in ('queue', 'state')
                 if os.path.exists(os.path.join(state, n))}
        saved = sum(sizes.values())
        print('- queue: %d entries; playing %g s, then %g s after one add'
              % (args.entries, args.seconds, args.seconds))
        print('- command: `tests/bench-state.py --entries %d --seconds %g`'
              % (args.entries, args.seconds))
        print()
        print('| measurement | kB |')
        print('|---|---:|')
        print('| saved queue and state on disk (reference: one whole save) '
              '| %.1f |' % (saved / 1e3))
        for name, size in sorted(sizes.items()):
            print('| ... of which `%s` | %.1f |' % (name, size / 1e3))
        print('| written while playing, %g s | %.1f |'
              % (args.seconds, (w1 - w0) / 1e3))
        print('| written in the %g s after one `add` | %.1f |'
              % (args.seconds, (w2 - w1) / 1e3))
        return 0
    except (OSError, RuntimeError, EOFError,
            subprocess.CalledProcessError) as e:
        print('bench-state: %s' % e, file=sys.stderr)
        return 1
    finally:
        if daemon and daemon.poll() is None:
            daemon.terminate()
            daemon.wait(10)
        shutil.rmtree(top, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
