#!/usr/bin/python3
"""Playlist benchmark: shuffle and import on a large library.

Generates a library (50,000 files unless --files says otherwise, by
fixtures.make_bulk_library), scans it once, then times, R times each,
interleaved, in the same run:

  - `ostplay tracks`: lists every track (the reference: start-up, reading
    the whole library, formatting each line);
  - `ostplay shuffle --print`: the same tracks and lines, shuffled and
    spread apart by drama and performer, so the difference is the shuffle;
  - `ostplay dramas`: start-up and opening the library only (the reference
    for imports);
  - `ostplay import` of a 1,000-entry XSPF whose locations are the files
    (resolved by location), and of the same entries without locations
    (resolved by title, creator and album: one pass over the library).

Prints a Markdown table.  Timings never fail the run; it exits 1 only when
something failed to run.  Binary: $OSTPLAY, else build/ostplay.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import fixtures  # noqa: E402


def write_xspf(path, files, with_locations):
    with open(path, 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<playlist version="1" xmlns="http://xspf.org/ns/0/">\n'
                '<trackList>\n')
        for t in files:
            f.write('<track>')
            if with_locations:
                f.write('<location>file://%s</location>'
                        % urllib.parse.quote(t['path']))
            f.write('<title>%s</title><creator>%s</creator>'
                    '<album>%s</album></track>\n'
                    % (escape(t['title']), escape(' & '.join(t['artists'])),
                       escape(t['album'])))
        f.write('</trackList>\n</playlist>\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--files', type=int, default=50000)
    ap.add_argument('--entries', type=int, default=1000)
    ap.add_argument('--repeat', type=int, default=5)
    args = ap.parse_args()
    binary = fixtures.bench_binary()

    top = tempfile.mkdtemp(prefix='ostplay-bench-playlists-')
    try:
        music = os.path.join(top, 'music')
        t0 = time.perf_counter()
        files = fixtures.make_bulk_library(music, args.files, seed=1)
        made = time.perf_counter() - t0
        env = fixtures.bench_env(top)
        scan = fixtures.timed([binary, 'scan', music], env)

        picked = random.Random(2).sample(files, min(args.entries, len(files)))
        by_location = os.path.join(top, 'by-location.xspf')
        by_tags = os.path.join(top, 'by-tags.xspf')
        write_xspf(by_location, picked, True)
        write_xspf(by_tags, picked, False)

        runs = {k: [] for k in ('tracks', 'shuffle', 'dramas', 'location',
                                'tags')}
        for i in range(args.repeat):
            runs['tracks'].append(fixtures.timed([binary, 'tracks'], env))
            runs['shuffle'].append(fixtures.timed([binary, 'shuffle', '--print',
                                          '--seed', str(i)], env))
            runs['dramas'].append(fixtures.timed([binary, 'dramas'], env))
            runs['location'].append(fixtures.timed([binary, 'import', by_location,
                                           '--name', 'a'], env))
            runs['tags'].append(fixtures.timed([binary, 'import', by_tags,
                                       '--name', 'b'], env))
        med = {k: statistics.median(v) for k, v in runs.items()}
        low = {k: min(v) for k, v in runs.items()}

        print('## ostplay playlist benchmark\n')
        print('- library: %d files (generated in %.1f s, first scan %.2f s)'
              % (args.files, made, scan))
        print('- machine: %d CPUs, %s' % (os.cpu_count(), os.uname().machine))
        print('- runs: %d of each, interleaved; command: `%s`\n'
              % (args.repeat, ' '.join(['tests/bench-playlists.py'] +
                                       sys.argv[1:])))
        print('| measurement | median s | min s |')
        print('|---|---:|---:|')
        rows = [
            ('tracks', '`ostplay tracks`, all %d (reference)' % args.files),
            ('shuffle', '`ostplay shuffle --print`, all %d' % args.files),
            ('dramas', '`ostplay dramas` (reference: start-up)'),
            ('location', '`ostplay import`, %d entries by location'
             % len(picked)),
            ('tags', '`ostplay import`, %d entries by title/creator/album'
             % len(picked)),
        ]
        for key, label in rows:
            print('| %s | %.3f | %.3f |' % (label, med[key], low[key]))
        print('| shuffling and spreading (shuffle - tracks) | %.3f | |'
              % (med['shuffle'] - med['tracks']))
        print('| resolving by location (import - dramas) | %.3f | |'
              % (med['location'] - med['dramas']))
        print('| resolving by tags (import - dramas) | %.3f | |'
              % (med['tags'] - med['dramas']))
    finally:
        shutil.rmtree(top, ignore_errors=True)


if __name__ == '__main__':
    main()
