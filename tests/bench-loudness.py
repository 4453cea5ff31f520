#!/usr/bin/python3
"""Loudness measuring benchmark: ostplay-measure against `ffmpeg -af
ebur128` on the same files, in the same run, on one and on two cores.

Builds N files of 3 minutes (a sine tone; N = $OSTPLAY_BENCH_LOUDNESS_FILES,
default 1000): five encodes (MP3 128k, FLAC, Ogg Vorbis q3, Opus 64k, AAC
128k in M4A), each hard-linked N/5 times, so the disk holds five files and
both sides read them from the page cache alike.  Then, after `ostplay scan
--no-loudness` has indexed them:

  - ostplay-measure --threads 1, then --threads 2 (the library is put back
    as the scan left it in between), each measuring every file's integrated loudness
    and sample peak, and storing it in the library;
  - ffmpeg -nostdin -threads 1 -i FILE -af ebur128=peak=sample -f null -,
    one file after the other, then two at a time: the same measurement,
    without storing anything.

Prints the wall time and files per second of each.  Nothing fails on a
timing; a failed command ends the benchmark.
"""

import concurrent.futures
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True	# no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixtures as fx  # noqa: E402

SECONDS = 180.0
FORMATS = ['mp3', 'flac', 'ogg', 'opus', 'm4a']


def make_files(music, n):
    base = os.path.join(music, 'base')
    os.makedirs(base)
    sources = []
    for i, fmt in enumerate(FORMATS):
        path = os.path.join(base, 'tone.%s' % fx.FORMATS[fmt]['ext'])
        fx.encode_tone(path, fmt, 440 + 50 * i, SECONDS)
        sources.append(path)
    files = []
    for k in range(n):
        src = sources[k % len(sources)]
        path = os.path.join(music, '%04d-%s' % (k, os.path.basename(src)))
        os.link(src, path)
        files.append(path)
    shutil.rmtree(base)
    return files


def ffmpeg_one(path):
    proc = subprocess.run([fx.FFMPEG, '-nostdin', '-hide_banner',
                           '-threads', '1', '-i', path,
                           '-af', 'ebur128=peak=sample', '-f', 'null', '-'],
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0 or 'Integrated loudness' not in proc.stderr:
        sys.exit('bench-loudness: ffmpeg failed on %s: %s'
                 % (path, proc.stderr[-500:]))


def ffmpeg_all(files, workers):
    t0 = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        list(pool.map(ffmpeg_one, files))
    return time.perf_counter() - t0


def restore_library(db, unmeasured):
    """Puts back the library as the scan left it, nothing measured.  (Rows
    carry checksums kept by ostplay's own SQL functions, so the library is
    copied, not edited from here.)"""
    for leftover in (db + '-wal', db + '-shm'):
        if os.path.exists(leftover):
            os.unlink(leftover)
    shutil.copyfile(unmeasured, db)


def count_measured(db):
    con = sqlite3.connect(db)
    n = con.execute('SELECT count(*) FROM track WHERE loud_ok = 1 AND'
                    ' loud_size = size').fetchone()[0]
    con.close()
    return n


def main():
    n = int(os.environ.get('OSTPLAY_BENCH_LOUDNESS_FILES', '1000'))
    binary = fx.bench_binary()
    measure = os.path.join(os.path.dirname(binary), 'ostplay-measure')
    top = tempfile.mkdtemp(prefix='ostplay-bench-loudness-')
    try:
        env = fx.bench_env(top)
        music = os.path.join(top, 'music')
        files = make_files(music, n)
        fx.timed([binary, 'scan', '--no-loudness', music], env)
        db = os.path.join(top, 'data', 'ostplay', 'library.db')
        unmeasured = os.path.join(top, 'unmeasured.db')
        shutil.copyfile(db, unmeasured)
        minutes = n * SECONDS / 60
        print('# %d files of %d s (%s), %.0f minutes of audio'
              % (n, SECONDS, ', '.join(FORMATS), minutes))
        rows = []
        for threads in (1, 2):
            restore_library(db, unmeasured)
            wall = fx.timed([measure, '--threads', str(threads)], env)
            if count_measured(db) != n:
                sys.exit('bench-loudness: ostplay-measure measured %d of %d'
                         % (count_measured(db), n))
            rows.append(('ostplay-measure', threads, wall))
            rows.append(('ffmpeg -af ebur128', threads,
                         ffmpeg_all(files, threads)))
        print('%-20s %5s %10s %10s %14s' % ('measurer', 'cores', 'seconds',
                                            'files/s', 'x real time'))
        for name, cores, wall in rows:
            print('%-20s %5d %10.1f %10.1f %14.0f' % (
                name, cores, wall, n / wall, minutes * 60 / wall))
    finally:
        shutil.rmtree(top, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
