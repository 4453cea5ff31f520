#!/usr/bin/python3
"""Everyday commands benchmark: what `dramas`, `tracks --drama` and `status`
cost with the catalogs of this tree, against an earlier ostplay.

Generates a library (10,000 files unless --files says otherwise, by
fixtures.make_bulk_library, plus the five Goblin songs of
fixtures.make_goblin_songs), scans it with each binary into a home of its
own, queues Goblin in each binary's daemon (`add Goblin`, so `status` has a
song to show), then times, interleaved, R times each (--repeat), medians
and minimums of the whole process:

  - `ostplay --help`: start-up alone, what every command pays;
  - `ostplay dramas`: start-up, the catalogs, the library's counts;
  - `ostplay tracks --drama Goblin`: the same, plus finding a drama by name
    and listing its tracks;
  - `ostplay status`: a round trip to the running daemon.

The reference is $OSTPLAY_BEFORE, an ostplay built from an earlier commit
(with the catalogs of its own tree), measured in the same run; without it
only this binary's rows are printed.  Timings never fail the run; it exits
1 only when something failed to run.  Binary: $OSTPLAY, else build/ostplay
under the source tree.  Every daemon started here is told to quit.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import fixtures  # noqa: E402

COMMANDS = [['--help'], ['dramas'], ['tracks', '--drama', 'Goblin'],
            ['status']]


def checked(argv, env):
    """Runs `argv` once, untimed; its output.  A failure ends the run."""
    proc = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit('bench-commands: %s failed: %s' % (' '.join(argv),
                                                    proc.stderr))
    return proc.stdout


def prepare(binary, label, top, music, n_goblin):
    """A home for `binary` with `music` scanned and Goblin queued."""
    home = os.path.join(top, label)
    env = fixtures.bench_env(home)
    config = os.path.join(env['XDG_CONFIG_HOME'], 'ostplay')
    os.makedirs(config)
    with open(os.path.join(config, 'config'), 'w') as f:
        f.write('mpv.ao = null\n')
    checked([binary, 'scan', '--no-loudness', music], env)
    listed = checked([binary, 'tracks', '--drama', 'Goblin'], env)
    if len(listed.splitlines()) != n_goblin:
        sys.exit('bench-commands: %s matched %d tracks to Goblin, not %d'
                 % (label, len(listed.splitlines()), n_goblin))
    checked([binary, 'add', 'Goblin'], env)
    return env


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--files', type=int, default=10000)
    ap.add_argument('--repeat', type=int, default=15)
    args = ap.parse_args()
    binaries = [('now', fixtures.bench_binary())]
    if os.environ.get('OSTPLAY_BEFORE'):
        binaries.insert(0, ('before', os.environ['OSTPLAY_BEFORE']))

    top = tempfile.mkdtemp(prefix='ostplay-bench-commands-')
    envs = {}
    try:
        music = os.path.join(top, 'music')
        fixtures.make_bulk_library(music, args.files, seed=1)
        n_goblin = len(fixtures.make_goblin_songs(music, 5.0))
        for label, binary in binaries:
            envs[label] = prepare(binary, label, top, music, n_goblin)
        times = {}
        for _ in range(args.repeat):
            for command in COMMANDS:
                for label, binary in binaries:
                    key = (' '.join(command), label)
                    times.setdefault(key, []).append(
                        fixtures.timed([binary] + command, envs[label]))
        report(args, binaries, times)
    finally:
        for label, binary in binaries:
            if label in envs:
                subprocess.run([binary, 'quit'], env=envs[label],
                               stdin=subprocess.DEVNULL,
                               capture_output=True)
        shutil.rmtree(top, ignore_errors=True)


def report(args, binaries, times):
    print('`%s`, %d generated files and 5 Goblin songs, %d runs each, '
          'interleaved; %s' % (' '.join(sys.argv), args.files, args.repeat,
                               time.strftime('%Y-%m-%d %H:%M UTC',
                                             time.gmtime())))
    for label, binary in binaries:
        print('- %s: %s' % (label, binary))
    print()
    head = '| command |'
    rule = '| --- |'
    for label, _ in binaries:
        head += ' %s median ms | fastest |' % label
        rule += ' ---: | ---: |'
    if len(binaries) == 2:
        head += ' ratio |'
        rule += ' ---: |'
    print(head)
    print(rule)
    for command in COMMANDS:
        name = ' '.join(command)
        row = '| `ostplay %s` |' % name
        medians = []
        for label, _ in binaries:
            runs = times[(name, label)]
            medians.append(statistics.median(runs))
            row += ' %.1f | %.1f |' % (medians[-1] * 1000, min(runs) * 1000)
        if len(binaries) == 2:
            row += ' %.2fx |' % (medians[1] / medians[0])
        print(row)


if __name__ == '__main__':
    main()
