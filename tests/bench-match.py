#!/usr/bin/python3
"""Matching benchmark: how long matching a large library takes.

Generates a library (50,000 files unless --files says otherwise, tagged by
fixtures.make_bulk_library with OST-style albums and real OST singers),
scans it once, then times, R times each, in the same run:

  - `ostplay dramas` right after a user catalog changed, which makes it
    match every track again and store the results (full rematch);
  - `ostplay dramas` with nothing changed (the reference: start-up, loading
    the catalogs, counting; everything but matching).

The difference is the cost of matching and storing every track.  Prints a
Markdown table.  Timings never fail the run; it exits 1 only when something
failed to run.  Binary: $OSTPLAY, else build/ostplay under the source tree.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import fixtures  # noqa: E402

USER_CATALOG = """<?xml version="1.0" encoding="UTF-8"?>
<playlist version="1" xmlns="http://xspf.org/ns/0/">
  <title>Benchmark Drama</title>
  <trackList><track><title>Benchmark Song %d</title></track></trackList>
</playlist>
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--files', type=int, default=50000)
    ap.add_argument('--repeat', type=int, default=3)
    args = ap.parse_args()
    binary = fixtures.bench_binary()

    top = tempfile.mkdtemp(prefix='ostplay-bench-match-')
    try:
        music = os.path.join(top, 'music')
        t0 = time.perf_counter()
        fixtures.make_bulk_library(music, args.files, seed=1)
        made = time.perf_counter() - t0
        env = fixtures.bench_env(top)
        scan = fixtures.timed([binary, 'scan', music], env)
        catalogs = os.path.join(top, 'data', 'ostplay', 'catalogs')
        os.makedirs(catalogs, exist_ok=True)

        full, none = [], []
        for i in range(args.repeat):
            with open(os.path.join(catalogs, 'bench.xspf'), 'w') as f:
                f.write(USER_CATALOG % i)	# new content, new fingerprint
            full.append(fixtures.timed([binary, 'dramas'], env))
            none.append(fixtures.timed([binary, 'dramas'], env))

        med_full, med_none = statistics.median(full), statistics.median(none)
        print('## ostplay matching benchmark\n')
        print('- library: %d files (generated in %.1f s, first scan and '
              'match %.2f s)' % (args.files, made, scan))
        print('- machine: %d CPUs, %s' % (os.cpu_count(),
                                          os.uname().machine))
        print('- runs: %d of each, interleaved; command: `%s`\n'
              % (args.repeat, ' '.join(['tests/bench-match.py'] +
                                       sys.argv[1:])))
        print('| measurement | median s | min s |')
        print('|---|---:|---:|')
        print('| `ostplay dramas`, every track rematched | %.3f | %.3f |'
              % (med_full, min(full)))
        print('| `ostplay dramas`, nothing to rematch (reference) | %.3f | '
              '%.3f |' % (med_none, min(none)))
        print('| matching and storing %d tracks (difference) | %.3f | |'
              % (args.files, med_full - med_none))
        print('\ntarget: %d tracks matched in under 1 s' % args.files)
    finally:
        shutil.rmtree(top, ignore_errors=True)


if __name__ == '__main__':
    main()
