#!/usr/bin/python3
"""Integration test of loudness levelling (issue 14), with TAP output.

Usage: OSTPLAY=build/ostplay /usr/bin/python3 tests/test-loudness.py [GROUP...]

A library of one sine tone recorded at -30, -20, -10 and -3 dBFS (peak) in
FLAC, MP3, Ogg Vorbis, Opus and M4A, each file a slightly different
frequency so that the captured audio tells them apart: most without gain
tags (so `scan` measures them), some with right ReplayGain or R128 tags,
one with a wrong tag (the tag wins, as in every player).  The daemon plays
them all with mpv's pcm output, and the level of each in the capture is
checked: within 1 dB of the others in track mode, as recorded with
loudness off, an album's tagged differences kept in album mode, and no
sample past full scale even with a pre-amp.  The frequencies stay within
400-820 Hz, where EBU R128's K-weighting varies by under half a dB, so
equal loudness is equal RMS within the test's margin.
"""

import json
import math
import os
import signal
import sqlite3
import subprocess
import sys
import time

import mutagen
from mutagen.apev2 import APEv2
from mutagen.id3 import TXXX

sys.dont_write_bytecode = True	# no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import audio  # noqa: E402
import fixtures as fx  # noqa: E402
import sandbox  # noqa: E402
td = sandbox.test_module('test-daemon.py')

T = td.T
WAIT = td.WAIT
SECONDS = 2.5
# A stereo sine's loudness (LUFS) is its peak level (dBFS), give or take
# its K-weighting: -0.7 to -0.3 dB here.

# name, format, frequency, peak dBFS, tags: None, or a dict of
# ('rg', track gain, track peak, album gain, album peak) / ('r128', Q7.8).
LIBRARY = [
    ('a', 'flac', 400, -30, None),
    ('b', 'mp3', 460, -20, None),
    ('c', 'ogg', 520, -10, None),
    ('d', 'opus', 580, -3, None),
    ('e', 'm4a', 640, -20, None),
    ('f', 'flac', 700, -10, ('rg', -7.6, 0.3162)),		# right
    ('g', 'opus', 760, -30, ('r128', 1882)),	# right: 7.35 + 5 = 12.35
    ('h', 'mp3', 820, -3, ('rg', -20.0, 0.7079)),		# wrong
]
WRONG = {'h': -20.0}	# the wrong tag's gain: the tag wins


def encode(path, fmt, freq, peak_db, seconds=SECONDS):
    """A stereo sine of `freq` Hz at `peak_db` dBFS peak, untagged."""
    spec = fx.FORMATS[fmt]
    amp = 10 ** (peak_db / 20.0)
    cmd = [fx.FFMPEG, '-nostdin', '-v', 'error', '-y', '-f', 'lavfi',
           # Both channels given: ffmpeg would upmix mono 3 dB down.
           '-i', 'aevalsrc=%.6f*sin(2*PI*%g*t)|%.6f*sin(2*PI*%g*t):'
           's=%d:d=%g' % (amp, freq, amp, freq, spec['rate'], seconds),
           '-ac', '2', '-map_metadata', '-1', '-fflags', '+bitexact',
           '-flags:a', '+bitexact', *spec['args'], path]
    subprocess.run(cmd, check=True, stdin=subprocess.DEVNULL)
    if fmt in ('ogg', 'opus'):
        f = mutagen.File(path)
        f.tags.clear()
        f.save()


def tag_gain(path, fmt, tags, album=None):
    """Writes ReplayGain (or R128) tags the way each format carries them:
    ID3v2 TXXX, Vorbis comments, MP4 freeform atoms."""
    if tags[0] == 'r128':
        f = mutagen.File(path)
        f['R128_TRACK_GAIN'] = [str(tags[1])]
        f.save()
        return
    fields = {'REPLAYGAIN_TRACK_GAIN': '%+.2f dB' % tags[1],
              'REPLAYGAIN_TRACK_PEAK': '%.6f' % tags[2]}
    if album:
        fields['REPLAYGAIN_ALBUM_GAIN'] = '%+.2f dB' % album[0]
        fields['REPLAYGAIN_ALBUM_PEAK'] = '%.6f' % album[1]
    f = mutagen.File(path)
    if fmt == 'mp3':
        if f.tags is None:
            f.add_tags()
        for k, v in fields.items():
            f.tags.add(TXXX(encoding=3, desc=k, text=[v]))
    elif fmt == 'm4a':
        if f.tags is None:
            f.add_tags()
        for k, v in fields.items():
            f.tags['----:com.apple.iTunes:' + k] = [v.encode()]
    else:
        for k, v in fields.items():
            f[k] = [v]
    f.save()


def make_library(sb):
    """Writes LIBRARY under music/; returns {name: (path, freq, peak_db)}."""
    out = {}
    for name, fmt, freq, peak_db, tags in LIBRARY:
        path = os.path.join(sb.music, '%s.%s' % (name, fmt))
        encode(path, fmt, freq, peak_db)
        if tags:
            tag_gain(path, fmt, tags)
        out[name] = (path, freq, peak_db)
    return out


def tracks(sb):
    r = sb.run('tracks', '--json')
    if r.rc != 0:
        T.diag('tracks --json failed: %r' % r)
        return {}
    return {os.path.basename(o['path']): o for o in
            (json.loads(l) for l in r.out.decode().splitlines())}


def play_all(sb, paths):
    """Queues `paths` in order over the socket and plays them to the end."""
    c = td.mpd(sb)
    try:
        c.cmd('clear')
        for p in paths:
            c.cmd('add "%s"' % p)
        c.cmd('play 0')
    finally:
        c.close()
    return td.wait_end(sb)


def levels(sb, wav, lib, config=(), mode=None):
    """Plays the whole library with `config` lines (and `mode` set over
    MPD first, when given); returns ({name: captured RMS dB}, peak)."""
    td.write_config(sb, extra=config)
    td.stop_all(sb)
    if os.path.exists(wav):
        os.unlink(wav)
    if not td.ping(sb):
        sb.run('status')	# starts the daemon
    if mode:
        c = td.mpd(sb)
        try:
            c.cmd('replay_gain_mode %s' % mode)
        finally:
            c.close()
    ended = play_all(sb, [p for p, _, _ in lib.values()])
    td.stop_all(sb)
    T.ok(ended, 'played the library to the end (%s)'
         % (mode or ', '.join(config) or 'defaults'))
    pcm, _ = td.capture(wav, [f for _, f, _ in lib.values()])
    if pcm is None:
        return {}, 0.0
    by_freq = audio.rms_by_tone(pcm, [f for _, f, _ in lib.values()])
    return ({n: by_freq.get(f) for n, (_, f, _) in lib.items()},
            audio.peak(pcm))


def setup(h, name):
    sb = sandbox.Sandbox(h, name)
    lib = make_library(sb)
    wav = td.write_config(sb)
    r = sb.run('scan', sb.music)
    T.eq(r.rc, 0, '%s: scan (tags, then measuring) exits 0' % name)
    return sb, lib, wav


def spread(values):
    v = [x for x in values if x is not None]
    return max(v) - min(v) if v else 99.0


# ---------------------------------------------------------------------------
# Each file's gain and where it comes from
# ---------------------------------------------------------------------------

def test_sources(h):
    sb, lib, wav = setup(h, 'sources')
    try:
        t = tracks(sb)
        g = t.get('g.opus', {})
        T.ok(g.get('loudness') is not None,
             'sources: an R128-tagged file, whose tags give no peak, is '
             'measured too (for its peak)', None, g)
        want = {'a.flac': 'measured', 'b.mp3': 'measured',
                'c.ogg': 'measured', 'd.opus': 'measured',
                'e.m4a': 'measured', 'f.flac': 'tag', 'g.opus': 'tag',
                'h.mp3': 'tag'}
        T.eq({k: t.get(k, {}).get('gain_source') for k in want}, want,
             'sources: gain_source is tag for tagged files, measured for '
             'the rest')
        T.eq(t.get('f.flac', {}).get('gain'), -7.6,
             'sources: a Vorbis REPLAYGAIN_TRACK_GAIN is the gain')
        T.eq(t.get('g.opus', {}).get('gain'), 12.35,
             'sources: R128_TRACK_GAIN 1882 (7.35 dB to -23 LUFS) is +12.35 '
             'dB to ReplayGain\'s -18 LUFS')
        T.eq(t.get('h.mp3', {}).get('gain'), -20.0,
             'sources: an ID3v2 TXXX gain, even a wrong one, is the gain')
        for name, peak_db in (('a.flac', -30), ('c.ogg', -10),
                              ('d.opus', -3)):
            lufs = t.get(name, {}).get('loudness')
            T.ok(lufs is not None and abs(lufs - peak_db) < 1.0,
                 'sources: %s measured at about %d LUFS' % (name, peak_db),
                 peak_db, lufs)
        # MP4 freeform atoms and APE items.
        m4a = os.path.join(sb.music, 'e2.m4a')
        encode(m4a, 'm4a', 640, -20, 1.0)
        tag_gain(m4a, 'm4a', ('rg', -2.5, 0.1), album=(-3.5, 0.1))
        wv = os.path.join(sb.music, 'ape.wv')
        subprocess.run([fx.FFMPEG, '-nostdin', '-v', 'error', '-y', '-f',
                        'lavfi', '-i', 'sine=frequency=500:duration=1',
                        '-c:a', 'wavpack', wv], check=True)
        ape = APEv2()
        ape['REPLAYGAIN_TRACK_GAIN'] = '-7.25 dB'
        ape['Title'] = 'ape'
        ape.save(wv)
        r = sb.run('scan', '--no-loudness', sb.music)
        t = tracks(sb)
        T.eq((t.get('e2.m4a', {}).get('gain'),
              t.get('e2.m4a', {}).get('album_gain')), (-2.5, -3.5),
             'sources: MP4 freeform ReplayGain atoms are read')
        if 'ape.wv' in t:
            T.eq(t['ape.wv'].get('gain'), -7.25,
                 'sources: an APE REPLAYGAIN_TRACK_GAIN item is read')
        else:
            T.skip('sources: APE', 'the scanner does not take .wv files')
    finally:
        sb.cleanup()


# ---------------------------------------------------------------------------
# Levels heard: track, off, album, pre-amp without clipping
# ---------------------------------------------------------------------------

def test_levels(h):
    sb, lib, wav = setup(h, 'levels')
    try:
        got, peak = levels(sb, wav, lib)
        levels_track = got
        T.diag('track mode levels: %s' % {k: v and round(v, 2)
                                          for k, v in got.items()})
        right = [got[n] for n in got if n not in WRONG]
        T.ok(None not in right and spread(right) <= 1.0,
             'track mode: every file without a wrong tag plays within 1 dB '
             'of the others', '<= 1 dB', '%.2f dB' % spread(right))
        # The wrong tag wins: its file plays at its level plus the tag.
        _, _, peak_db = lib['h']
        want = peak_db - 3.01 + WRONG['h']
        T.ok(got.get('h') is not None and abs(got['h'] - want) <= 1.0,
             'track mode: the wrongly tagged file plays as its tag says',
             round(want, 2), got.get('h'))
        T.ok(peak <= 1.0, 'track mode: no sample clips', '<= 1', peak)

        got, _ = levels(sb, wav, lib, config=('loudness = off',))
        ok = all(got[n] is not None and
                 abs(got[n] - (lib[n][2] - 3.01)) <= 0.5 for n in got)
        T.ok(ok, 'off: every file plays at its own level',
             {n: lib[n][2] - 3.01 for n in got},
             {k: v and round(v, 2) for k, v in got.items()})

        got, peak = levels(sb, wav, lib, config=('loudness-preamp = 6',))
        louder = {n: got[n] - levels_track[n] for n in got
                  if got[n] is not None and levels_track[n] is not None}
        T.ok(len(louder) == len(got) and
             all(abs(v - 6) <= 0.5 for v in louder.values()),
             'pre-amp +6 dB: every file plays 6 dB louder', 6, louder)
    finally:
        td.stop_all(sb)
        sb.cleanup()


def test_clip(h):
    """A quiet tone with one loud burst: its loudness asks for a gain that
    would push the burst far past full scale; the peak keeps it within."""
    sb = sandbox.Sandbox(h, 'clip')
    try:
        path = os.path.join(sb.music, 'burst.flac')
        amp = 10 ** (-30 / 20.0)
        # Commas escaped for the filter graph.
        expr = ('%.6f*sin(2*PI*500*t)*if(between(t\\,1\\,1.05)\\,28\\,1)'
                % amp)
        subprocess.run([fx.FFMPEG, '-nostdin', '-v', 'error', '-y', '-f',
                        'lavfi', '-i', 'aevalsrc=%s|%s:s=44100:d=2.5' % (
                            expr, expr), '-c:a', 'flac', path], check=True)
        wav = td.write_config(sb)
        T.eq(sb.run('scan', sb.music).rc, 0, 'clip: scan exits 0')
        lib = {'burst': (path, 500, -30)}
        got, peak = levels(sb, wav, lib, config=('loudness-preamp = 15',))
        T.ok(0.9 < peak <= 1.0,
             'clip: pre-amp +15 dB: the gain stops where the peak reaches '
             'full scale; no sample clips', '0.9 < peak <= 1', peak)
    finally:
        td.stop_all(sb)
        sb.cleanup()


def test_album(h):
    """Two files of one album 10 dB apart, tagged with track and album
    gains: track mode levels them, album mode keeps the 10 dB."""
    sb = sandbox.Sandbox(h, 'album')
    try:
        lib = {}
        for name, freq, peak_db, track_gain in (('x', 500, -20, 5.2),
                                                ('y', 640, -10, -4.8)):
            path = os.path.join(sb.music, '%s.flac' % name)
            encode(path, 'flac', freq, peak_db)
            tag_gain(path, 'flac', ('rg', track_gain, 10 ** (peak_db / 20)),
                     album=(-2.0, 0.3162))
            lib[name] = (path, freq, peak_db)
        wav = td.write_config(sb)
        T.eq(sb.run('scan', sb.music).rc, 0, 'album: scan exits 0')
        got, _ = levels(sb, wav, lib, mode='track')
        T.ok(spread(got.values()) <= 1.0, 'album: track mode levels them',
             '<= 1 dB', got)
        got, _ = levels(sb, wav, lib, mode='album')
        diff = got['y'] - got['x'] if None not in got.values() else None
        T.ok(diff is not None and abs(diff - 10) <= 1.0,
             'album: album mode keeps the 10 dB between them', 10, diff)
        sb.run('status')	# the daemon again, after a restart
        c = td.mpd(sb)
        try:
            T.eq(c.pairs('replay_gain_status').get('replay_gain_mode'),
                 'album', 'album: the mode set over MPD outlives a restart')
        finally:
            c.close()
        r = sb.run('loudness', 'track')
        T.ok(r.rc == 0 and r.out == b'loudness track\n',
             'album: ostplay loudness track sets the mode back', None, r)
        # Real time, so that it is still playing when asked.
        td.write_config(sb, paced=True)
        td.stop_all(sb)
        sb.run('status')
        c = td.mpd(sb)
        try:
            c.cmd('play 0')
        finally:
            c.close()
        st = td.wait_for(lambda: td.status(sb).get('gain_source') and
                         td.status(sb))
        T.ok(st and st.get('gain') == 5.2 and st.get('gain_source') == 'tag',
             'album: status --json shows the gain the playing track gets',
             (5.2, 'tag'), st)
        r = sb.run('status')
        T.ok(r.rc == 0 and b'gain +5.2 dB (tag)' in r.out,
             'album: status says it too', None, r)
        td.stop_all(sb)
        r = sb.run('loudness', 'loud')
        T.ok(r.rc == 2 and r.err_lines()[0].startswith('ostplay '),
             'album: ostplay loudness loud is a usage error', None, r)
    finally:
        td.stop_all(sb)
        sb.cleanup()


# ---------------------------------------------------------------------------
# Measuring: changed files again, undecodable ones once, Ctrl-C
# ---------------------------------------------------------------------------

def break_flac_frames(path):
    """Zeroes a FLAC file's audio after its metadata blocks: TagLib still
    reads it (STREAMINFO is whole), no decoder can."""
    with open(path, 'r+b') as f:
        data = bytearray(f.read())
        pos = 4
        while True:
            last = data[pos] & 0x80
            size = int.from_bytes(data[pos + 1:pos + 4], 'big')
            pos += 4 + size
            if last:
                break
        data[pos:] = bytes(len(data) - pos)
        f.seek(0)
        f.write(data)


def test_measure(h):
    sb = sandbox.Sandbox(h, 'measure')
    try:
        good = os.path.join(sb.music, 'good.flac')
        bad = os.path.join(sb.music, 'bad.flac')
        encode(good, 'flac', 440, -20)
        encode(bad, 'flac', 440, -20)
        break_flac_frames(bad)
        r = sb.run('scan', '--verbose', sb.music)
        t = tracks(sb)
        T.ok(r.rc == 0 and t.get('bad.flac', {}).get('undecodable') is True
             and t['bad.flac'].get('gain_source') == 'none',
             'measure: a file that cannot be decoded is recorded as such',
             None, (r, t.get('bad.flac')))
        T.ok('cannot decode' in r.err and 'bad.flac' in r.err,
             'measure: --verbose names it', None, r.err)
        r = sb.run('scan', '--verbose', sb.music)
        T.ok(r.rc == 0 and 'bad.flac' not in r.err,
             'measure: the next scan does not try it again', None, r.err)

        before = t.get('good.flac', {}).get('loudness')
        encode(good, 'flac', 440, -6)	# the same file, louder
        os.utime(good, ns=(time.time_ns(), time.time_ns() + 10**9))
        r = sb.run('scan', sb.music)
        after = tracks(sb).get('good.flac', {}).get('loudness')
        T.ok(before is not None and after is not None and
             abs((after - before) - 14) < 0.5,
             'measure: a file changed after measuring is measured again',
             'about +14 LU', (before, after))
    finally:
        sb.cleanup()


def count_measured(db):
    try:
        con = sqlite3.connect('file:%s?mode=ro' % db, uri=True, timeout=5)
        try:
            return con.execute('SELECT count(*) FROM track WHERE '
                               'loud_size IS NOT NULL').fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_interrupt(h):
    """Ctrl-C during the measuring keeps what was measured; the next scan
    measures only the rest."""
    sb = sandbox.Sandbox(h, 'interrupt')
    try:
        n = 24
        for i in range(n):
            fx.encode_tone(os.path.join(sb.music, 'long%02d.flac' % i),
                           'flac', 300 + 10 * i, 120.0)
        p = subprocess.Popen(sb.cmd('scan', '--threads', '1', sb.music),
                             env=sb.env, cwd=sb.root,
                             stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             start_new_session=True)
        first = td.wait_for(lambda: count_measured(sb.db_path) > 0, 120,
                            0.01)
        os.killpg(p.pid, signal.SIGINT)	# as Ctrl-C: the whole group
        out, err = p.communicate(timeout=120)
        done = count_measured(sb.db_path)
        T.ok(first and 0 < done < n,
             'interrupt: Ctrl-C stops the measuring part-way', '0 < done < %d'
             % n, done)
        T.ok(p.returncode == 130 and b'stopped measuring' in err and
             b'Scanned %d files' % n in out,
             'interrupt: the summary was printed first; exit 130 and one '
             'line saying how far it got', None, (p.returncode, out, err))
        r = sb.run('scan', '--json', sb.music)
        T.ok(r.rc == 0 and count_measured(sb.db_path) == n,
             'interrupt: the next scan measures the rest', n,
             count_measured(sb.db_path))
    finally:
        sb.cleanup()


def test_album_measured(h):
    """An album without gain tags, its files 17 dB apart: track mode levels
    them; album mode plays the album at the reference as a whole (its
    loudness from its files' measurements) and keeps their differences;
    a file of another album in the same folder keeps its own gain."""
    sb = sandbox.Sandbox(h, 'album-measured')
    try:
        lib = {}
        for name, freq, peak_db, album in (
                ('p', 500, -25, 'Quiet Album'), ('q', 640, -15, 'Quiet Album'),
                ('r', 800, -8, 'Quiet Album'), ('s', 1000, -20, 'Other')):
            path = os.path.join(sb.music, 'cd', '%s.flac' % name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            encode(path, 'flac', freq, peak_db)
            fx.tag(path, title=name, album=album)
            lib[name] = (path, freq, peak_db)
        wav = td.write_config(sb)
        T.eq(sb.run('scan', sb.music).rc, 0,
             'album-measured: scan (measuring) exits 0')
        t = tracks(sb)
        lufs = {n: t.get('%s.flac' % n, {}).get('loudness') for n in lib}
        T.ok(None not in lufs.values(), 'album-measured: every file is '
             'measured', None, lufs)
        if None in lufs.values():
            return
        # Files of one length: the album's loudness is their mean energy.
        album = 10 * math.log10(sum(10 ** (lufs[n] / 10) for n in 'pqr') / 3)
        got, _ = levels(sb, wav, lib, mode='track')
        T.ok(spread(got.values()) <= 1.0,
             'album-measured: track mode levels them', '<= 1 dB', got)
        got, peak = levels(sb, wav, lib, mode='album')
        want = {n: lib[n][2] - 3.01 + (-18 - album) for n in 'pqr'}
        want['s'] = lib['s'][2] - 3.01 + (-18 - lufs['s'])
        off = {n: None if got.get(n) is None else round(got[n] - want[n], 2)
               for n in lib}
        T.ok(None not in off.values() and
             all(abs(v) <= 1.0 for v in off.values()),
             'album-measured: album mode plays each file at its level plus '
             'the album\'s gain (%.1f dB), the other album\'s file at its '
             'own' % (-18 - album), '|off| <= 1 dB', off)
        T.ok(peak <= 1.0, 'album-measured: no sample clips', '<= 1', peak)
    finally:
        td.stop_all(sb)
        sb.cleanup()


GROUPS = [('sources', test_sources), ('levels', test_levels),
          ('clip', test_clip),
          ('album', test_album), ('album-measured', test_album_measured),
          ('measure', test_measure),
          ('interrupt', test_interrupt)]


def main():
    h = sandbox.Harness(T, 'loudness')
    T.run_groups(GROUPS, sys.argv[1:], h)
    return T.finish()


if __name__ == '__main__':
    sys.exit(main())
