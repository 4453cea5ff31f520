#!/usr/bin/python3
"""Integration test of "one song once" for catalog songs, with TAP output.

Usage (GROUP: goblin dots):
    OSTPLAY=build/ostplay /usr/bin/python3 tests/test-copies.py [GROUP...]

Files that the matcher gives the same catalog song of the same drama, in
the same version, are copies of one song however they are tagged: an
album's FLAC tagged in English, an MP3 tagged in Hangul, an upload whose
title is "[도깨비 OST Part.1] 찬열 (CHANYEOL), 펀치 (Punch) - Stay With Me
(Lyrics)" and whose artist tag is a channel's name.  Their lengths differ
by a few tenths of a second (encoder padding, an upload's extra silence).
A drama's playlist holds such a song once, as its best copy (lossless, by
the file name; then the highest bitrate; then the first path): `play
DRAMA`, `add DRAMA`, `export DRAMA`, `shuffle --drama DRAMA --print` and
the daemon's stored playlist (MPD `listplaylist`).  `tracks` and `dramas`
count files, so they list every copy.  What is not a copy: another version
of the song ("(Inst.)", "(Acoustic Ver.)"), each its own song, and a
TV-length edit whose length is more than 2 s and more than 6% away from
the others'.  `--all-copies` on play, add, shuffle, export and favs keeps
every copy.

The songs are real catalog songs (playlists/goblin.xspf:
"Stay With Me" by Chanyeol and Punch, "Hush" by Lasse Lindh;
playlists/descendants-of-the-sun.xspf: "Always" by Yoon Mi-rae, "Everytime"
by Chen and Punch), as tones encoded by ffmpeg and tagged by mutagen
(fixtures.py).  Each group runs in its own sandbox (sandbox.py); the
player is a real daemon with `mpv.ao = null` (silent, real time): only
what it queues is checked, never the audio.
"""

import json
import os
import sys

sys.dont_write_bytecode = True	# no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sandbox  # noqa: E402
from sandbox import Harness, Sandbox  # noqa: E402

tf = sandbox.test_module('test-favorites.py')
td = tf.td
T = tf.T		# one TAP stream, shared with the helpers of both
WAIT = td.WAIT

UPLOAD_TITLE = ('[도깨비 OST Part.1] 찬열 (CHANYEOL), 펀치 (Punch) - '
                'Stay With Me')
SWM = dict(artists=['Chanyeol', 'Punch'], album='Goblin OST Part.1',
           year=2016)
HUSH = dict(title='Hush', artists=['Lasse Lindh'], album='Goblin OST Part.5')

# The Goblin library: key -> (path below music/, format, Hz, seconds, tags).
GOBLIN_FILES = {
    # Stay With Me, three copies, three taggings, 4.0 / 4.1 / 4.3 s.
    'swm.flac': ('Goblin OST/01. Stay With Me.flac', 'flac', 440, 4.0,
                 dict(SWM, title='Stay With Me')),
    'swm.hangul': ('K-OST/도깨비 OST Part 1/찬열, 펀치 - Stay With Me.mp3',
                   'mp3', 440, 4.1,
                   dict(title='Stay With Me', artists=['찬열, 펀치'],
                        album='도깨비 OST Part 1')),
    'swm.upload': ('YouTube/%s.m4a' % UPLOAD_TITLE, 'm4a', 440, 4.3,
                   dict(title=UPLOAD_TITLE,
                        artists=['K-Drama Lyrics Channel'])),
    # Versions: each its own song.
    'swm.inst': ('Goblin OST/01-2. Stay With Me (Inst.).flac', 'flac', 460,
                 4.0, dict(SWM, title='Stay With Me (Inst.)')),
    'swm.acoustic': ('Covers/Stay With Me (Acoustic Ver.).mp3', 'mp3', 480,
                     4.0, dict(SWM, title='Stay With Me (Acoustic Ver.)')),
    # A TV-length edit: the same tags as the FLAC, 1 s against 4 s.
    'swm.tv': ('TV/Stay With Me.mp3', 'mp3', 500, 1.0,
               dict(SWM, title='Stay With Me')),
    # Hush: no lossless copy, so the highest bitrate wins (the MP3 over
    # the M4A over the OGG: checked below).  The OGG has the MP3's tags
    # exactly (one favourite with it); the M4A another album.
    # Beautiful, 40 s: an MP3 2.2 s longer is a copy still (within 6% of
    # its length), a 36 s edit (4 s, 10% shorter) is a song of its own.
    'beautiful.flac': ('Goblin OST/02. Beautiful.flac', 'flac', 540, 40.0,
                       dict(title='Beautiful', artists=['Crush'],
                            album='Goblin OST Part.4')),
    'beautiful.mp3': ('K-OST/크러쉬 - Beautiful.mp3', 'mp3', 540, 42.2,
                      dict(title='Beautiful', artists=['크러쉬'],
                           album='도깨비 OST Part.4')),
    'beautiful.edit': ('TV/Beautiful (TV Ver.).mp3', 'mp3', 560, 36.0,
                       dict(title='Beautiful', artists=['Crush'],
                            album='Goblin OST Part.4')),
    'hush.mp3': ('Goblin OST/03. Hush.mp3', 'mp3', 600, 2.0, HUSH),
    'hush.ogg': ('Phone/Hush.ogg', 'ogg', 600, 2.0, HUSH),
    'hush.m4a': ('도깨비 OST/05 Hush.m4a', 'm4a', 600, 2.1,
                 dict(HUSH, album='도깨비 OST Part 5')),
}
# One per song: the best copy of each.
GOBLIN_BEST = ['swm.flac', 'swm.inst', 'swm.acoustic', 'swm.tv',
               'beautiful.flac', 'beautiful.edit', 'hush.mp3']

# Descendants of the Sun: Always and Everytime, three taggings each.
DOTS_FILES = {
    'always.mp3': ('DOTS/01 Always.mp3', 'mp3', 300, 3.0,
                   dict(title='Always', artists=['Yoon Mi-rae'],
                        album='Descendants of the Sun OST Part.1')),
    'always.m4a': ('태양의 후예/윤미래 - Always.m4a', 'm4a', 300, 3.05,
                   dict(title='Always', artists=['윤미래'],
                        album='태양의 후예 OST Part.1')),
    'always.opus': ('Uploads/Always (태양의 후예 OST Part.1).opus', 'opus',
                    300, 3.2, dict(title='Always (태양의 후예 OST Part.1)',
                                   artists=['Yoon Mi Rae'])),
    'everytime.flac': ('DOTS/02 Everytime.flac', 'flac', 350, 3.0,
                       dict(title='Everytime', artists=['Chen', 'Punch'],
                            album='Descendants of the Sun OST Part.2')),
    'everytime.mp3': ('태양의 후예/Everytime.mp3', 'mp3', 350, 3.1,
                      dict(title='Everytime',
                           artists=['첸 (CHEN), 펀치 (Punch)'],
                           album='태양의 후예 OST Part 2', id3_version=3)),
    'everytime.ogg': ('Uploads/Chen & Punch - Everytime (태양의 후예 OST).ogg',
                      'ogg', 350, 3.2,
                      dict(title='Chen & Punch - Everytime (태양의 후예 OST)',
                           artists=['OST Archive'])),
}
DOTS_BEST = ['always.mp3', 'everytime.flac']
DOTS = 'Descendants of the Sun'


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def build(sb, table):
    """Writes the files of `table`; {key: absolute path}."""
    out = {}
    for k, (rel, fmt, hz, secs, tags) in table.items():
        out[k] = tf.make_file(sb, rel, fmt, hz, secs, **tags)
    return out


def names(f, paths):
    """The keys of `f` for `paths` (unknown paths as they are), to show."""
    rev = {p: k for k, p in f.items()}
    return [rev.get(p, p) for p in paths]


def m3u_paths(r):
    """The paths of an M3U8 on stdout, or the Result when it failed."""
    if r.rc != 0:
        return r
    return [l for l in r.out.decode('utf-8').splitlines()
            if l and not l.startswith('#')]


def queue_paths(sb):
    return [e.get('path') for e in td.queue(sb) or []]


def mpd_playlist(sb, name):
    """The paths MPD `listplaylist NAME` gives (URIs are relative to the
    music folder, or absolute)."""
    c = td.mpd(sb)
    try:
        songs = c.songs('listplaylist "%s"' % name.replace('"', '\\"'))
    finally:
        c.close()
    return [os.path.join(sb.music, s['file']) for s in songs]


def printed(r, lines, paths):
    """(exit status, sorted lines printed) and the sorted `tracks` lines of
    `paths`: shuffle --print prints the lines `tracks` prints.  Two copies
    with the same tags and length print the same line, so this compares
    lines; the queue checks tell the files apart."""
    return ((r.rc, sorted(r.out.decode('utf-8').splitlines())),
            (0, sorted(lines[p] for p in paths)))


def check_drama(sb, f, drama, arg, best, what):
    """The checks every drama of copies gets: files counted by tracks and
    dramas, the song once in export, shuffle --print, play, add and MPD's
    stored playlist, every copy with --all-copies."""
    every = sorted(f.values())
    want = sorted(f[k] for k in best)

    r = sb.run('tracks', '--json', '--drama', arg)
    got = sorted(json.loads(l)['path'] for l in
                 r.out.decode('utf-8').splitlines()) if r.rc == 0 else r
    T.eq(got, every, '%s: tracks --drama %s lists all %d files (it counts '
         'files)' % (what, arg, len(every)))
    r = sb.run('dramas', '--json')
    by_title = {}
    for l in r.out.decode('utf-8').splitlines():
        o = json.loads(l)
        by_title[o.get('title')] = o
    T.eq(by_title.get(drama, {}).get('tracks'), len(every),
         '%s: dramas --json counts %d tracks for %s' % (what, len(every),
                                                       drama))

    exported = m3u_paths(sb.run('export', arg, '--format', 'm3u8'))
    T.eq(sorted(exported) if isinstance(exported, list) else exported, want,
         '%s: export %s lists each song once, as its best copy: %s'
         % (what, arg, ', '.join(best)))
    if isinstance(exported, list) and sorted(exported) != want:
        T.diag('exported: %s' % names(f, exported))
    got = m3u_paths(sb.run('export', arg, '--format', 'm3u8',
                           '--all-copies'))
    T.eq(sorted(got) if isinstance(got, list) else got, every,
         '%s: export %s --all-copies lists every copy' % (what, arg))

    lines = tf.lines_by_path(sb)
    r = sb.run('shuffle', '--drama', arg, '--print', '--seed', '3')
    got, exp = printed(r, lines, want)
    T.eq(got, exp, '%s: shuffle --drama %s --print lists each song once, '
         'as its best copy' % (what, arg))
    r = sb.run('shuffle', '--drama', arg, '--print', '--seed', '3',
               '--all-copies')
    got, exp = printed(r, lines, every)
    T.eq(got, exp, '%s: shuffle --drama %s --print --all-copies lists '
         'every copy' % (what, arg))

    r = sb.run('play', arg, timeout=WAIT)
    q = queue_paths(sb)
    T.ok(r.rc == 0 and sorted(q) == want, '%s: play %s queues each song '
         'once, as its best copy' % (what, arg), names(f, want),
         (r.rc, r.err, names(f, q)))
    if isinstance(exported, list):
        T.eq(q, exported, '%s: ... in the order export gave them' % what)
    listed = mpd_playlist(sb, drama)
    T.eq(sorted(listed), want, '%s: MPD listplaylist "%s" lists each song '
         'once' % (what, drama))
    r = sb.run('add', arg, timeout=WAIT)
    q2 = queue_paths(sb)
    T.ok(r.rc == 0 and q2 == q + q, '%s: add %s appends each song once '
         'more' % (what, arg), len(q) * 2, (r.rc, r.err, names(f, q2)))
    r = sb.run('play', arg, '--all-copies', timeout=WAIT)
    q = queue_paths(sb)
    T.ok(r.rc == 0 and sorted(q) == every, '%s: play %s --all-copies '
         'queues every copy' % (what, arg), names(f, every),
         (r.rc, r.err, names(f, q)))
    r = sb.run('add', arg, '--all-copies', timeout=WAIT)
    q2 = queue_paths(sb)
    T.ok(r.rc == 0 and sorted(q2) == sorted(every + every), '%s: add %s '
         '--all-copies appends every copy' % (what, arg), len(every) * 2,
         (r.rc, r.err, len(q2)))
    r = sb.run('shuffle', '--drama', arg, '--seed', '5', timeout=WAIT)
    q = queue_paths(sb)
    T.ok(r.rc == 0 and sorted(q) == want, '%s: shuffle --drama %s queues '
         'each song once' % (what, arg), names(f, want),
         (r.rc, r.err, names(f, q)))
    r = sb.run('shuffle', '--drama', arg, '--seed', '5', '--all-copies',
               timeout=WAIT)
    q = queue_paths(sb)
    T.ok(r.rc == 0 and sorted(q) == every, '%s: shuffle --drama %s '
         '--all-copies queues every copy' % (what, arg), names(f, every),
         (r.rc, r.err, names(f, q)))


def bitrates(recs, f, keys):
    return [recs[f[k]]['bitrate'] for k in keys]


# ---------------------------------------------------------------------------
# 1. Goblin: Stay With Me in three taggings, its versions, an edit; Hush
# ---------------------------------------------------------------------------

def test_goblin(h):
    sb = Sandbox(h, 'goblin')
    try:
        tf.write_null_config(sb)
        f = build(sb, GOBLIN_FILES)
        tf.scan(sb, 'goblin')
        recs = tf.records(sb)

        # What the checks stand on: every file is matched to its catalog
        # song; the lengths are as described; the FLAC's bitrate is lower
        # than the lossy copies' (so bitrate alone would not pick it).
        got = {k: (recs[p]['drama'], recs[p]['ost_track'])
               for k, p in f.items() if p in recs}
        song = {'swm': 'Stay With Me', 'beautiful': 'Beautiful',
                'hush': 'Hush'}
        T.eq(got, {k: ('Goblin', song[k.split('.')[0]]) for k in f},
             'goblin: every file is matched to Goblin and its catalog song')
        T.eq({k: recs[f[k]]['instrumental'] for k in
              ('swm.flac', 'swm.hangul', 'swm.upload', 'swm.inst')},
             {'swm.flac': False, 'swm.hangul': False, 'swm.upload': False,
              'swm.inst': True}, 'goblin: only the (Inst.) is instrumental')
        d = [recs[f[k]]['duration'] for k in
             ('swm.flac', 'swm.hangul', 'swm.upload', 'swm.tv')]
        T.ok(max(d[:3]) - min(d[:3]) < 1.0 and d[0] - d[3] > 2.0 and
             (d[0] - d[3]) / d[0] > 0.06, 'goblin: the three copies of '
             'Stay With Me are within 1 s of each other, the TV edit more '
             'than 2 s and 6% shorter', '4.0, 4.1, 4.3 and 1.0 s', d)
        d = [recs[f[k]]['duration'] for k in
             ('beautiful.flac', 'beautiful.mp3', 'beautiful.edit')]
        T.ok(2.0 < d[1] - d[0] <= 0.06 * d[1] and d[0] - d[2] > 2.0 and
             d[0] - d[2] > 0.06 * d[0], 'goblin: Beautiful\'s MP3 is more '
             'than 2 s but at most 6% longer than its FLAC, the edit more '
             'than 2 s and 6% shorter', '40.0, 42.2 and 36.0 s', d)
        T.ok(recs[f['swm.flac']]['bitrate'] <
             min(bitrates(recs, f, ('swm.hangul', 'swm.upload'))),
             'goblin: the FLAC of Stay With Me has the lowest bitrate of '
             'its copies (it wins by being lossless)', 'flac lowest',
             bitrates(recs, f, ('swm.flac', 'swm.hangul', 'swm.upload')))
        br = bitrates(recs, f, ('hush.mp3', 'hush.m4a', 'hush.ogg'))
        T.ok(br[0] > br[1] > br[2], 'goblin: Hush\'s bitrates: MP3 > M4A > '
             'OGG (so the MP3 is its best copy)', 'decreasing', br)

        check_drama(sb, f, 'Goblin', 'goblin', GOBLIN_BEST, 'goblin')

        # Stay With Me itself: once in the drama's playlist, whichever copy
        # is kept, and the three versions besides.
        exported = m3u_paths(sb.run('export', 'Goblin', '--format', 'm3u8'))
        copies = {f['swm.flac'], f['swm.hangul'], f['swm.upload']}
        T.eq(sum(p in copies for p in exported)
             if isinstance(exported, list) else exported, 1,
             'goblin: export Goblin holds one of the three copies of Stay '
             'With Me (however tagged)')

        # Favourites: one copy marked; the song once.
        lines = tf.lines_by_path(sb)
        r = sb.run('fav', 'add', f['hush.ogg'])
        T.ok(r.rc == 0 and r.out.decode().startswith('favourite: '),
             'goblin: fav add the OGG of Hush (one copy)', 'favourite: ...',
             r)
        r = sb.run('favs')
        T.eq((r.rc, r.out.decode('utf-8').splitlines()),
             (0, [lines[f['hush.mp3']]]), 'goblin: favs lists Hush once, '
             'as its best copy (the MP3, tagged as the OGG)')
        fj = tf.favs_json(sb)
        T.eq([x.get('path') for x in fj or []], [f['hush.mp3']],
             'goblin: favs --json: one object, the MP3')
        # The favourite is the song as tagged (README: title, artists,
        # album, length within 2 s): the MP3 and the OGG carry it, the
        # M4A (another album) does not.
        r = sb.run('favs', '--all-copies')
        T.eq((r.rc, sorted(r.out.decode('utf-8').splitlines())),
             (0, sorted([lines[f['hush.mp3']], lines[f['hush.ogg']]])),
             'goblin: favs --all-copies lists both marked copies')
        r = sb.run('shuffle', '--favorites', '--print', '--seed', '1')
        got, exp = printed(r, lines, [f['hush.mp3']])
        T.eq(got, exp, 'goblin: shuffle --favorites --print lists Hush '
             'once')
        got = m3u_paths(sb.run('export', '--favorites', '--format', 'm3u8'))
        T.eq(got, [f['hush.mp3']], 'goblin: export --favorites holds '
             'Hush once')
        got = m3u_paths(sb.run('export', '--favorites', '--format', 'm3u8',
                               '--all-copies'))
        T.eq(sorted(got) if isinstance(got, list) else got,
             sorted([f['hush.mp3'], f['hush.ogg']]), 'goblin: export '
             '--favorites --all-copies holds both marked copies')

        # A copy of Stay With Me marked: still one line.
        r = sb.run('fav', 'add', f['swm.hangul'])
        T.eq(r.rc, 0, 'goblin: fav add the Hangul-tagged MP3 of Stay With '
             'Me')
        r = sb.run('favs', '--json')
        got = [json.loads(l) for l in r.out.decode('utf-8').splitlines()]
        T.eq(sorted((x.get('ost_track'), x.get('title')) for x in got),
             [('Hush', 'Hush'), ('Stay With Me', 'Stay With Me')],
             'goblin: favs --json lists Stay With Me once and Hush once')

        # The best copy goes: the next one stands in.
        os.remove(f['swm.flac'])
        tf.scan(sb, 'goblin: without the FLAC of Stay With Me,')
        exported = m3u_paths(sb.run('export', 'Goblin', '--format', 'm3u8'))
        T.eq(sorted(set(exported) & copies) if isinstance(exported, list)
             else exported, [f['swm.hangul']], 'goblin: ... export Goblin '
             'holds the MP3 (the highest bitrate left) in its place')
    finally:
        td.stop_all(sb)
        sb.cleanup()


# ---------------------------------------------------------------------------
# 2. Descendants of the Sun: Always and Everytime, three taggings each
# ---------------------------------------------------------------------------

def test_dots(h):
    sb = Sandbox(h, 'dots')
    try:
        tf.write_null_config(sb)
        f = build(sb, DOTS_FILES)
        tf.scan(sb, 'dots')
        recs = tf.records(sb)
        got = {k: (recs[p]['drama'], recs[p]['ost_track'])
               for k, p in f.items() if p in recs}
        T.eq(got, {k: (DOTS, 'Always' if k.startswith('always')
                       else 'Everytime') for k in f},
             'dots: every file is matched to %s and its catalog song' % DOTS)
        br = bitrates(recs, f, ('always.mp3', 'always.m4a', 'always.opus'))
        T.ok(br[0] > br[1] and br[0] > br[2], 'dots: the MP3 of Always has '
             'the highest bitrate of its copies', 'MP3 highest', br)

        # By an alias, in Hangul, so that the name is resolved too.
        check_drama(sb, f, DOTS, '태양의 후예', DOTS_BEST, 'dots')

        lines = tf.lines_by_path(sb)
        r = sb.run('fav', 'add', f['everytime.mp3'])
        T.eq(r.rc, 0, 'dots: fav add the Hangul-tagged MP3 of Everytime')
        r = sb.run('favs')
        got = r.out.decode('utf-8').splitlines()
        T.ok(r.rc == 0 and len(got) == 1 and got[0] in
             [lines[f[k]] for k in f if k.startswith('everytime')],
             'dots: favs lists Everytime once', 'one Everytime line',
             (r.rc, got))
    finally:
        td.stop_all(sb)
        sb.cleanup()


GROUPS = [('goblin', test_goblin), ('dots', test_dots)]


def main():
    h = Harness(T, 'copies')
    T.run_groups(GROUPS, sys.argv[1:], h)
    return T.finish()


if __name__ == '__main__':
    sys.exit(main())
