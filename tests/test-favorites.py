#!/usr/bin/python3
"""Integration test of favourites and shuffles (`ostplay fav`, `favs`,
`tracks --favorites`, the MPD `sticker` commands, `ostplay shuffle`), and
of the query words `tracks`, `fav` and `play --track` take, with TAP
output.

Usage (GROUP: fav-query fav-current fav-survive stickers shuffle copies
names):
    OSTPLAY=build/ostplay /usr/bin/python3 tests/test-favorites.py [GROUP...]

Each group runs in its own sandbox (sandbox.py) on real files: tones encoded
by ffmpeg and tagged by mutagen (fixtures.py) as songs of real catalog
dramas (playlists/goblin.xspf, descendants-of-the-sun.xspf,
itaewon-class.xspf), so that the matcher gives them their drama, duet and
instrumental flags the way it would in a user's library.  Groups that need
a player run a real daemon on its real socket with `mpv.ao = null` (plays
silently, in real time: nothing here listens to the audio, only to what
the daemon says it is playing).

What is checked, and why:

- fav-query: `fav QUERY` and `fav FILE` pick exactly one song or refuse
  (exit 1, the candidates on stderr), because marking the wrong song
  silently is worse than asking.  A query equal to one title wins over
  longer titles; copies of one recording (same tags, same duration to the
  second, in FLAC and MP3) are one song; same tags with another duration
  are another song.  Messages and exit codes of add/rm; `favs`,
  `favs --json`, `tracks --favorites` and the `favorite` field of
  `tracks --json` for every track.
- fav-current: `fav` and `fav current` mark what the daemon is playing;
  with nothing playing (no daemon, or an empty queue) it is one error line
  and exit 1, and it never starts a daemon just to find that out.
- fav-survive: a favourite is held by song, not by path, so it must
  outlive a re-scan, a move, a rename, a trip out of the music folder and
  back (shown as missing in between, with where it was last seen); an
  untagged file survives a move that keeps its file name.  A re-tag in
  place keeps the mark (same file, same duration); another recording
  written over the file does not, and the old song shows as missing.
- stickers: MPD clients see and set the same mark through the `favorite`
  sticker (mpc and raw protocol lines), errors are ACKs as MPD words them,
  `idle sticker` wakes, and the daemon keeps serving after every bad
  command.
- shuffle: every filter alone and combined gives exactly the expected
  tracks; errors and their exit codes; every track exactly once; a seed
  names one order, and the real shuffle queues that order, turns random off
  and plays.  Over 600 fixed seeds: the first track is uniform (a
  chi-square bound) and, on a pool where a spread-out order exists (the
  test finds one), no two neighbours ever share a drama or a performer.
- copies: a song kept as FLAC, MP3 and OGG plays once in a shuffle, a
  drama's playlist (export, `play`, MPD `listplaylist`) and the
  favourites, as its lossless copy (bitrate would pick the MP3 of a tone),
  else the highest bitrate; the same tags with another duration are another
  song; when the best copy goes, the next one takes its place.
- names: query words find a performer or song across scripts and
  spellings, since a fan types a name as she knows it, not as the file was
  tagged: a catalog name finds its other names (윤미래 finds "Yoon
  Mi-rae", "Yoon Mirae" and "윤미래 (Yoon Mi Rae)"; "이 사랑" the song
  "This Love"), and Hangul finds the Latin spellings of a singer no
  catalog knows, and back (백예린, "Baek Yerin").  Latin against Latin
  stays exact (`park` does not find "Bak"), and another name is whole
  words (첸 is Chen, not "Kitchen Song").  Through `tracks`, `fav add`,
  `fav rm`, `play --track` and `add --track`.
"""

import collections
import concurrent.futures
import json
import os
import re
import sys
import time

sys.dont_write_bytecode = True	# no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sandbox  # noqa: E402
td = sandbox.test_module('test-daemon.py')
import fixtures as fx  # noqa: E402
from sandbox import Harness, Sandbox, TestError  # noqa: E402

T = td.T		# one TAP stream, shared with test-daemon's helpers
WAIT = td.WAIT
ACK = td.ACK
ack = td.ack
mpc = td.mpc

# Goblin's catalog songs (playlists/goblin.xspf): title, performers, part.
GOBLIN = [
    ('Stay With Me', ['Chanyeol', 'Punch'], 1),
    ('Beautiful', ['Crush'], 4),
    ('Hush', ['Lasse Lindh'], 5),
    ('Who Are You', ['Sam Kim'], 6),
    ('I Miss You', ['Soyou'], 7),
    ('I Will Go to You Like the First Snow', ['Ailee'], 9),
    ('Round and Round', ['Heize', 'Han Soo Ji'], 10),
]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def write_null_config(sb):
    """Config with mpv's null audio output: plays in real time, silently."""
    d = os.path.join(sb.config, 'ostplay')
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'config'), 'w') as f:
        f.write('# written by test-favorites.py\nmpv.ao = null\n')
    sb.give_to_owner(d)


def make_file(sb, rel, fmt, freq, seconds, **tags):
    """Encodes a tone at music/REL and tags it (no tags when none given);
    returns the absolute path."""
    path = os.path.join(sb.music, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fx.encode_tone(path, fmt, freq, seconds)
    if tags:
        fx.tag(path, **tags)
    return path


def goblin_tags(i):
    title, artists, part = GOBLIN[i]
    return dict(title=title, artists=artists,
                album='Goblin OST Part.%d' % part, year=2016)


def scan(sb, what):
    """Scans the music folder; `what` names the step ('group' or
    'group: after X,')."""
    r = sb.run('scan', sb.music)
    T.eq(r.rc, 0, ('%s scan exits 0' if what.endswith(',') else
                   '%s: scan exits 0') % what)
    return r


def records(sb):
    """`tracks --json`, as {path (str): record}, in the order listed."""
    return {os.fsdecode(p): rec for p, rec in sb.tracks().items()}


def lines_by_path(sb):
    """{path: the line `tracks` prints for it}: `tracks` and `tracks --json`
    both list by path, so the n-th line is the n-th record.  favs and
    shuffle --print print the same lines, which is how their output is
    traced back to files."""
    recs = records(sb)
    r = sb.run('tracks')
    lines = r.out.decode('utf-8').splitlines()
    if r.rc != 0 or len(lines) != len(recs):
        raise TestError('tracks and tracks --json disagree: %r' % r)
    return dict(zip(recs, lines))


def favorites_of(sb):
    """{path: favorite} from `tracks --json`."""
    return {p: rec.get('favorite') for p, rec in records(sb).items()}


def favs_json(sb):
    r = sb.run('favs', '--json')
    if r.rc != 0:
        return None
    return [json.loads(l) for l in r.out.decode('utf-8').splitlines()
            if l.strip()]


def one_line(r):
    """Exactly one stderr line, an `ostplay...:` sentence."""
    lines = r.err_lines()
    return len(lines) == 1 and lines[0].startswith('ostplay')


def no_daemon(sb):
    return not td.daemon_pids(sb) and not os.path.exists(td.socket_path(sb))




# ---------------------------------------------------------------------------
# 1. fav by query and by file; favs; tracks --favorites / --json
# ---------------------------------------------------------------------------

def test_fav_query(h):
    sb = Sandbox(h, 'query')
    try:
        g = {}
        for i, (title, _, _) in enumerate(GOBLIN):
            g[title] = make_file(sb, 'Goblin OST/%02d. %s.flac'
                                 % (i + 1, title), 'flac', 300 + 50 * i,
                                 1.0, **goblin_tags(i))
        # "Stay With Me" again as a 5-second recording, in FLAC and MP3:
        # the MP3 reads 5.04 s (encoder padding), the FLAC 5.0 s; both
        # round to 5, so they are copies of one song.  The 1-second FLAC
        # above has the same tags but another length: another song.
        swm = dict(goblin_tags(0), album='Goblin OST Part.1 (Full)')
        copy_flac = make_file(sb, 'Full/Stay With Me.flac', 'flac', 700,
                              5.0, **swm)
        copy_mp3 = make_file(sb, 'MP3/Stay With Me.mp3', 'mp3', 700, 5.0,
                             **swm)
        inst = make_file(sb, 'Goblin OST/08. Stay With Me (Inst.).flac',
                         'flac', 750, 1.0,
                         **dict(goblin_tags(0), title='Stay With Me (Inst.)'))
        # Hush kept twice: one song, whose copies a query can name alone.
        hush_mp3 = make_file(sb, 'MP3/Hush.mp3', 'mp3', 400, 1.0,
                             **goblin_tags(2))
        # Who Are You in a 3-second edit: same tags, another duration.
        who_edit = make_file(sb, 'Edits/Who Are You.mp3', 'mp3', 450, 3.0,
                             **goblin_tags(3))
        # Round and Round again on a compilation: same title, performers
        # and length, another album.
        compilation = make_file(sb, 'Compilation/Round and Round.flac',
                                'flac', 850, 1.0,
                                **dict(goblin_tags(6), album='Heize Best'))
        outside = os.path.join(sb.root, 'not-scanned.flac')
        fx.encode_tone(outside, 'flac', 800, 1.0)
        fx.tag(outside, title='Outside', artists=['Nobody'])
        scan(sb, 'query')
        recs = records(sb)
        T.eq(round(recs[copy_mp3]['duration']),
             round(recs[copy_flac]['duration']),
             'query: the FLAC and MP3 copies last the same whole seconds '
             '(what makes them one song)')
        T.ok(recs[inst]['instrumental'] and not recs[g['Stay With Me']]
             ['instrumental'], 'query: "Stay With Me (Inst.)" is '
             'instrumental, "Stay With Me" is not', True,
             (recs[inst]['instrumental'],
              recs[g['Stay With Me']]['instrumental']))

        r = sb.run('favs')
        T.ok(r.rc == 0 and r.out == b'' and 'no favourites' in r.err,
             'query: favs with none says so on stderr, exit 0', 'rc 0', r)
        T.eq(favs_json(sb), [], 'query: favs --json with none prints '
             'nothing')
        T.ok(not any(favorites_of(sb).values()), 'query: tracks --json: no '
             'track is a favourite yet', False, favorites_of(sb))

        # By title words; the line says which track was marked.
        r = sb.run('fav', 'beautiful')
        T.ok(r.rc == 0 and r.out.decode().startswith('favourite: ') and
             'Crush - Beautiful' in r.out.decode(),
             'query: fav beautiful marks Crush - Beautiful, exit 0',
             'favourite: Crush - Beautiful ...', r)
        r = sb.run('fav', 'beautiful')
        T.ok(r.rc == 0 and r.out.decode().startswith('already a favourite: ')
             and 'Beautiful' in r.out.decode(), 'query: fav beautiful again '
             'says already a favourite, exit 0', 'already a favourite', r)
        r = sb.run('fav', 'add', 'BEAUTIFUL')
        T.ok(r.rc == 0 and r.out.decode().startswith('already a favourite:'),
             'query: fav add BEAUTIFUL (any case) says already a favourite',
             'already a favourite', r)

        # A query equal to exactly one title wins over longer titles, but
        # only when that title is one song.  "stay with me" matches the
        # 1 s recording, the two 5 s copies and the Inst.: the exact title
        # names two recordings (1 s, 5 s), so it must ask...
        before = favorites_of(sb)
        r = sb.run('fav', 'stay', 'with', 'me')
        T.ok(r.rc == 1 and r.out == b'' and
             r.err_lines()[:1] and r.err_lines()[0].startswith('ostplay') and
             sum('Stay With Me' in l for l in r.err_lines()[1:]) == 4,
             'query: fav stay with me (two recordings of that title, an '
             'Inst.) is ambiguous: exit 1, the 4 candidates on stderr',
             'rc 1, 4 candidate lines', r)
        T.eq(favorites_of(sb), before, 'query: ... and marks nothing')
        # ...and once the 1 s recording is gone the exact title is one
        # song (its FLAC and MP3 copies count once) and wins over
        # "Stay With Me (Inst.)".
        os.unlink(g['Stay With Me'])
        scan(sb, 'query: without the 1-second Stay With Me,')
        r = sb.run('fav', 'Stay With Me')	# one argument: the same words
        T.ok(r.rc == 0 and r.out.decode().startswith('favourite: ') and
             'Stay With Me (Goblin' in r.out.decode(),
             'query: fav "Stay With Me": the exact title wins over '
             '"Stay With Me (Inst.)", the FLAC and MP3 copies are one '
             'song', 'favourite: Chanyeol, Punch - Stay With Me (...)', r)
        fav = favorites_of(sb)
        T.eq((fav.get(copy_flac), fav.get(copy_mp3), fav.get(inst)),
             (True, True, False), 'query: both copies are favourites, the '
             'instrumental is not')

        # Copies named by a word only they carry: one song, no question.
        r = sb.run('fav', 'lasse')
        T.ok(r.rc == 0 and 'Lasse Lindh - Hush' in r.out.decode(),
             'query: fav lasse (Hush in FLAC and MP3) marks the one song',
             'favourite: Lasse Lindh - Hush', r)
        fav = favorites_of(sb)
        T.eq((fav.get(g['Hush']), fav.get(hush_mp3)), (True, True),
             'query: ... both copies of Hush are favourites')

        # Same tags, another duration: two songs, so it must ask.
        r = sb.run('fav', 'who', 'are', 'you')
        T.ok(r.rc == 1 and sum('Who Are You' in l
                               for l in r.err_lines()[1:]) == 2,
             'query: fav who are you (1 s and 3 s recordings) is ambiguous: '
             'exit 1, both listed', 'rc 1, 2 candidates', r)
        r = sb.run('fav', 'you')
        cands = r.err_lines()[1:]
        T.ok(r.rc == 1 and r.out == b'' and len(cands) == 4 and
             all(t in r.err for t in ('Who Are You', 'I Miss You',
                                      'I Will Go to You')),
             'query: fav you is ambiguous: exit 1, lists every candidate on '
             'stderr', 'rc 1, 4 candidates', r)
        T.ok(r.err_lines()[:1] and r.err_lines()[0].startswith('ostplay: ')
             and 'you' in r.err_lines()[0], 'query: ... its first line '
             'names the query', "ostplay: 'you' matches ...", r.err)
        # Many candidates: the first ten, then how many more.
        r = sb.run('fav', 'goblin')
        m = re.search(r'matches (\d+) tracks', r.err)
        n = int(m.group(1)) if m else 0
        T.ok(r.rc == 1 and n > 10 and len(r.err_lines()) == 12 and
             r.err_lines()[-1].strip() == '... and %d more' % (n - 10),
             'query: fav goblin (every track): exit 1, ten candidates and '
             '"... and N more"', 'rc 1, 12 lines', r)
        r = sb.run('fav', 'zzzqqq')
        T.ok(r.rc == 1 and one_line(r) and 'zzzqqq' in r.err,
             'query: fav zzzqqq (no match): one line naming it, exit 1',
             'rc 1', r)

        # By file: relative to the working directory, and absolute.
        rel = os.path.relpath(g['I Miss You'], sb.root)	# runs in sb.root
        r = sb.run('fav', rel)
        T.ok(r.rc == 0 and 'Soyou - I Miss You' in r.out.decode(),
             'query: fav RELATIVE/PATH marks that file', 'favourite: Soyou',
             r)
        r = sb.run('fav', 'add', who_edit)
        T.ok(r.rc == 0 and r.out.decode().startswith('favourite: ') and
             '0:03' in r.out.decode(), 'query: fav add /ABSOLUTE/PATH marks '
             'that file (the 3 s Who Are You)', 'favourite: ... 0:03', r)
        fav = favorites_of(sb)
        T.eq((fav.get(who_edit), fav.get(g['Who Are You'])), (True, False),
             'query: ... not the 1 s recording of the same tags')
        r = sb.run('fav', outside)
        T.ok(r.rc == 1 and one_line(r) and 'not in the library' in r.err,
             'query: fav FILE outside the library: one line, exit 1',
             'rc 1, not in the library', r)

        # Removing.
        r = sb.run('fav', 'rm', rel)
        T.ok(r.rc == 0 and r.out.decode().startswith('no longer a favourite: ')
             and 'I Miss You' in r.out.decode(), 'query: fav rm FILE says no '
             'longer a favourite, exit 0', 'no longer a favourite', r)
        r = sb.run('fav', 'rm', 'i', 'miss')
        T.ok(r.rc == 0 and r.out.decode().startswith('was not a favourite: '),
             'query: fav rm of a non-favourite says it was not one, exit 0',
             'was not a favourite', r)
        r = sb.run('fav', 'rm', 'zzzqqq')
        T.ok(r.rc == 1 and one_line(r), 'query: fav rm zzzqqq: one line, '
             'exit 1', 'rc 1', r)
        r = sb.run('fav', 'rm', copy_mp3)
        T.ok(r.rc == 0 and r.out.decode().startswith('no longer a favourite'),
             'query: fav rm one copy (the MP3)', 'no longer a favourite', r)
        fav = favorites_of(sb)
        T.eq((fav.get(copy_flac), fav.get(copy_mp3)), (False, False),
             'query: ... unmarks the song, so both copies')
        r = sb.run('fav', copy_flac)
        T.eq(r.rc, 0, 'query: fav the FLAC copy again')

        # The state now, seen every way.  Favourite songs: Beautiful,
        # Stay With Me (5 s, two copies), Hush (two copies), the 3 s Who
        # Are You.
        want_files = {g['Beautiful'], copy_flac, copy_mp3, g['Hush'],
                      hush_mp3, who_edit}
        fav = favorites_of(sb)
        T.eq({p for p, v in fav.items() if v is True}, want_files,
             'query: tracks --json: "favorite" is true for exactly the '
             'favourite songs\' files')
        T.ok(all(v in (True, False) for v in fav.values()),
             'query: tracks --json: every track has a boolean "favorite"',
             'booleans', fav)
        lines = lines_by_path(sb)
        r = sb.run('tracks', '--favorites')
        T.eq(sorted(r.out.decode().splitlines()),
             sorted(lines[p] for p in want_files),
             'query: tracks --favorites lists every file of every '
             'favourite song')
        r = sb.run('tracks', '--favorites', '--json')
        T.eq(sorted(json.loads(l)['path'] for l in r.out.decode()
                    .splitlines()), sorted(want_files),
             'query: tracks --favorites --json: the same files')
        # `favs` lists the favourite songs, one line each: of a song kept
        # in FLAC and MP3, the lossless copy (`tracks --favorites`, above,
        # shows every file).
        want_songs = {g['Beautiful'], copy_flac, g['Hush'], who_edit}
        r = sb.run('favs')
        got = r.out.decode().splitlines()
        T.eq((r.rc, sorted(got)), (0, sorted(lines[p] for p in want_songs)),
             'query: favs lists each favourite song once, a song kept in '
             'FLAC and MP3 by its FLAC')
        fj = favs_json(sb) or []
        T.ok(all(x.get('favorite') is True and not x.get('missing')
                 for x in fj) and
             sorted(x.get('path') for x in fj) == sorted(want_songs),
             'query: favs --json: one object per song, favorite true, not '
             'missing', sorted(want_songs), [x.get('path') for x in fj])

        # The album is part of what names a song (library.c's song_key), so
        # the compilation's Round and Round is another song than the OST
        # part's.  Whatever fav makes of the query, it must not mark one of
        # two tracks it treats as one song: it asks which (exit 1), or it
        # marks both.
        r = sb.run('fav', 'round', 'and', 'round')
        fav = favorites_of(sb)
        pair = (fav.get(g['Round and Round']), fav.get(compilation))
        T.ok((r.rc == 1 and pair == (False, False)) or
             (r.rc == 0 and pair == (True, True)),
             'query: fav round and round (same song on an OST part and a '
             'compilation) asks which, or marks both: never one silently',
             'rc 1 and neither, or rc 0 and both', (r, pair))
    finally:
        sb.cleanup()


# ---------------------------------------------------------------------------
# 2. fav / fav current: the playing track
# ---------------------------------------------------------------------------

def test_fav_current(h):
    sb = Sandbox(h, 'current')
    try:
        # Long tones: with the null output Goblin plays in real time, and
        # the group is done long before the first song ends.
        paths = [make_file(sb, 'Goblin OST/%02d. %s.flac' % (i + 1, t),
                           'flac', 300 + 50 * i, 30.0, **goblin_tags(i))
                 for i, (t, _, _) in enumerate(GOBLIN)]
        write_null_config(sb)
        scan(sb, 'current')
        # With no daemon nothing is playing: one line, exit 1, and asking
        # must not start a daemon (that would start nothing to mark).
        for args in (('fav',), ('fav', 'current'), ('fav', 'add'),
                     ('fav', 'rm', 'current')):
            r = sb.run(*args, timeout=WAIT)
            T.ok(r.rc == 1 and one_line(r) and r.out == b'' and
                 'nothing is playing' in r.err, 'current: %s with no daemon: '
                 'one line saying nothing is playing, exit 1'
                 % ' '.join(args), 'rc 1, nothing is playing', r)
        T.ok(no_daemon(sb), 'current: ... and no daemon was started',
             'no daemon', td.daemon_pids(sb))
        T.ok(not any(favorites_of(sb).values()), 'current: ... and nothing '
             'was marked')

        r = sb.run('play', 'Goblin', timeout=WAIT)
        T.eq(r.rc, 0, 'current: play Goblin (starting the daemon)')
        T.ok(td.wait_state(sb, 'play', 0), 'current: playing song 0')
        r = sb.run('fav', timeout=WAIT)
        T.ok(r.rc == 0 and r.out.decode().startswith('favourite: ') and
             'Stay With Me' in r.out.decode(), 'current: fav marks the '
             'playing Stay With Me', 'favourite: ... Stay With Me', r)
        fav = favorites_of(sb)
        T.eq({p for p, v in fav.items() if v}, {paths[0]},
             'current: ... and only it')
        r = sb.run('next', timeout=WAIT)
        T.ok(r.rc == 0 and td.wait_state(sb, 'play', 1),
             'current: next: playing song 1', 'play at 1', r)
        r = sb.run('fav', 'current', timeout=WAIT)
        T.ok(r.rc == 0 and r.out.decode().startswith('favourite: ') and
             'Crush - Beautiful' in r.out.decode(), 'current: fav current '
             'marks Beautiful', 'favourite: Crush - Beautiful', r)
        r = sb.run('fav', 'add', 'current', timeout=WAIT)
        T.ok(r.rc == 0 and r.out.decode().startswith('already a favourite: ')
             and 'Beautiful' in r.out.decode(), 'current: fav add current '
             'again: already a favourite', 'already a favourite', r)
        r = sb.run('pause', timeout=WAIT)
        T.ok(td.wait_state(sb, 'pause', 1), 'current: paused on song 1')
        r = sb.run('fav', 'rm', timeout=WAIT)
        T.ok(r.rc == 0 and r.out.decode().startswith('no longer a favourite')
             and 'Beautiful' in r.out.decode(), 'current: fav rm (paused) '
             'unmarks Beautiful', 'no longer a favourite: ... Beautiful', r)
        r = sb.run('fav', 'add', timeout=WAIT)
        T.ok(r.rc == 0 and r.out.decode().startswith('favourite: ') and
             'Beautiful' in r.out.decode(), 'current: fav add (no '
             'argument) marks it again', 'favourite: ... Beautiful', r)
        fav = favorites_of(sb)
        T.eq({p for p, v in fav.items() if v}, {paths[0], paths[1]},
             'current: tracks --json: Stay With Me and Beautiful are the '
             'favourites')
        lines = lines_by_path(sb)
        r = sb.run('favs')
        T.eq(sorted(r.out.decode().splitlines()),
             sorted([lines[paths[0]], lines[paths[1]]]),
             'current: favs lists them')

        # A daemon with an empty queue has nothing playing either.
        c = td.mpd(sb)
        T.eq(c.cmd('clear')[1], 'OK', 'current: clear the queue')
        c.close()
        r = sb.run('fav', timeout=WAIT)
        T.ok(r.rc == 1 and one_line(r) and 'nothing is playing' in r.err,
             'current: fav with an empty queue: one line, exit 1',
             'rc 1, nothing is playing', r)
        T.ok(td.ping(sb), 'current: the daemon still answers')
    finally:
        td.stop_all(sb)
        sb.cleanup()


# ---------------------------------------------------------------------------
# 3. Favourites outlive re-scans, moves, renames and re-tags in place
# ---------------------------------------------------------------------------

def test_fav_survive(h):
    sb = Sandbox(h, 'survive')
    try:
        p = {}
        for i in range(4):	# Stay With Me, Beautiful, Hush, Who Are You
            title = GOBLIN[i][0]
            p[title] = make_file(sb, 'Goblin OST/%02d. %s.flac'
                                 % (i + 1, title), 'flac', 300 + 50 * i,
                                 1.0, **goblin_tags(i))
        p['untagged'] = make_file(sb, 'Goblin OST/mystery tune.flac',
                                  'flac', 900, 2.0)
        p['other'] = make_file(sb, 'Goblin OST/05. I Miss You.flac', 'flac',
                               950, 1.0, **goblin_tags(4))
        outside = os.path.join(sb.root, 'outside')
        os.mkdir(outside)
        scan(sb, 'survive')
        for key in ('Stay With Me', 'Beautiful', 'Hush', 'Who Are You',
                    'untagged'):
            r = sb.run('fav', p[key])
            T.ok(r.rc == 0 and r.out.decode().startswith('favourite: '),
                 'survive: fav %s' % key, 'favourite', r)

        def favourite_titles():
            """{title or file name: favourite} of the tracks now."""
            return {rec['title'] or os.path.basename(path): rec['favorite']
                    for path, rec in records(sb).items()}

        want = {'Stay With Me': True, 'Beautiful': True, 'Hush': True,
                'Who Are You': True, 'mystery tune.flac': True,
                'I Miss You': False}
        T.eq(favourite_titles(), want, 'survive: five favourites, I Miss '
             'You not')

        r = sb.run('scan', '--json', sb.music)
        T.eq(favourite_titles(), want, 'survive: a re-scan keeps them')
        # A changed modification time makes the scan read the file again
        # (an update of its row): still the same song.
        os.utime(p['Hush'], (time.time() + 5, time.time() + 5))
        r, st = sb.scan(sb.music)
        T.eq((st or {}).get('updated'), 1, 'survive: touching Hush makes '
             'the scan update it')
        T.eq(favourite_titles(), want, 'survive: ... and it stays a '
             'favourite')

        # Moved to another folder inside the music folder.
        moved = os.path.join(sb.music, 'Moved', 'Stay With Me.flac')
        os.makedirs(os.path.dirname(moved))
        os.rename(p['Stay With Me'], moved)
        scan(sb, 'survive: after a move,')
        recs = records(sb)
        T.ok(recs.get(moved, {}).get('favorite') is True,
             'survive: Stay With Me moved to another folder is still a '
             'favourite', True, recs.get(moved))
        # Renamed in place.
        renamed = os.path.join(sb.music, 'Goblin OST', 'crush beautiful.flac')
        os.rename(p['Beautiful'], renamed)
        scan(sb, 'survive: after a rename,')
        T.ok(records(sb).get(renamed, {}).get('favorite') is True,
             'survive: Beautiful renamed is still a favourite', True,
             records(sb).get(renamed))
        # An untagged file is known by its file name: moved to another
        # folder under the same name it is the same song.
        untagged2 = os.path.join(sb.music, 'Elsewhere', 'mystery tune.flac')
        os.makedirs(os.path.dirname(untagged2))
        os.rename(p['untagged'], untagged2)
        scan(sb, 'survive: after moving the untagged file,')
        T.ok(records(sb).get(untagged2, {}).get('favorite') is True,
             'survive: the untagged file moved (same name) is still a '
             'favourite', True, records(sb).get(untagged2))
        T.eq(favourite_titles(), want, 'survive: after the moves and the '
             'rename, the same five favourites')

        # Out of the music folder: missing, listed with where it was.
        away = os.path.join(outside, 'Hush.flac')
        os.rename(p['Hush'], away)
        scan(sb, 'survive: with Hush moved out,')
        r = sb.run('favs')
        missing = [l for l in r.out.decode().splitlines()
                   if l.startswith('missing: ')]
        T.ok(r.rc == 0 and len(missing) == 1 and 'Lasse Lindh - Hush' in
             missing[0] and missing[0].endswith('(last seen at %s)'
                                                % p['Hush']),
             'survive: favs shows Hush as "missing: ... (last seen at '
             'PATH)"', 'missing: Lasse Lindh - Hush  (last seen at %s)'
             % p['Hush'], r.out.decode())
        fj = favs_json(sb) or []
        gone = [x for x in fj if x.get('missing')]
        T.ok(len(gone) == 1 and gone[0].get('missing') is True and
             gone[0].get('favorite') is True and
             gone[0].get('title') == 'Hush' and
             gone[0].get('path') == p['Hush'] and
             gone[0].get('artists') == ['Lasse Lindh'],
             'survive: favs --json: Hush with "missing": true, its title, '
             'artists and last path', p['Hush'], gone)
        T.eq(len(fj), 5, 'survive: favs --json still has all five')
        T.ok(all(not x.get('missing') for x in fj if x.get('title') !=
                 'Hush'), 'survive: ... the others are not missing')
        os.rename(away, p['Hush'])
        scan(sb, 'survive: with Hush back,')
        r = sb.run('favs')
        T.ok(r.rc == 0 and 'missing' not in r.out.decode() and
             'Lasse Lindh - Hush' in r.out.decode(),
             'survive: back in the music folder, Hush is a favourite again, '
             'not missing', 'Hush, not missing', r.out.decode())
        T.eq(favourite_titles(), want, 'survive: the five favourites again')

        # "Last seen" is where the file was last seen: after the move to
        # Moved/, not where it was when marked.
        away = os.path.join(outside, 'Stay With Me.flac')
        os.rename(moved, away)
        scan(sb, 'survive: with Stay With Me moved out,')
        fj = favs_json(sb) or []
        gone = [x.get('path') for x in fj if x.get('missing')]
        T.eq(gone, [moved], 'survive: a favourite moved, then moved out, '
             'was last seen where it had moved to')
        os.rename(away, moved)
        scan(sb, 'survive: with Stay With Me back,')
        T.ok(records(sb).get(moved, {}).get('favorite') is True,
             'survive: ... and is a favourite again once back')

        # A re-tag in place (a title fixed with a tag editor) makes another
        # song, but the scan sees the same file with the same duration and
        # moves the mark to it, in its place, leaving nothing missing.
        fx.tag(p['Who Are You'], **dict(goblin_tags(3),
                                        title='Who Are You (Remix)'))
        scan(sb, 'survive: after a re-tag,')
        recs = records(sb)
        T.ok(recs.get(p['Who Are You'], {}).get('favorite') is True,
             'survive: re-tagged with another title, the file is still a '
             'favourite', True, recs.get(p['Who Are You']))
        r = sb.run('favs')
        lines = r.out.decode().splitlines()
        T.ok(any('Who Are You (Remix)' in l for l in lines) and
             not any(l.startswith('missing: ') for l in lines),
             'survive: ... favs lists it by its new title, and nothing as '
             'missing', 'Who Are You (Remix), no missing', lines)
        # Another recording written over the file (4 s longer) is not the
        # favourite: the old song goes missing, last seen at that path.
        fx.encode_tone(p['Who Are You'], 'flac', 777, 5.0)
        fx.tag(p['Who Are You'], **dict(goblin_tags(3),
                                        title='Who Are You (Remix)'))
        scan(sb, 'survive: after another recording replaced the file,')
        recs = records(sb)
        T.ok(recs.get(p['Who Are You'], {}).get('favorite') is False,
             'survive: another recording in the same file is not a '
             'favourite', False, recs.get(p['Who Are You']))
        r = sb.run('favs')
        T.ok(any(l.startswith('missing: ') and 'Who Are You' in l
                 for l in r.out.decode().splitlines()),
             'survive: ... and favs shows the old song as missing',
             'missing: Sam Kim - Who Are You ...', r.out.decode())
        # A missing favourite is unmarked by where it was last seen ...
        r = sb.run('fav', 'rm', p['Who Are You'])
        T.ok(r.rc == 0 and 'no longer a favourite' in r.out.decode() and
             '(its file is gone)' in r.out.decode(), 'survive: fav rm PATH '
             'unmarks a missing favourite last seen there', 'rc 0', r)
        r = sb.run('favs')
        T.ok('Who Are You' not in r.out.decode(), 'survive: ... and favs no '
             'longer shows it', 'no Who Are You', r.out.decode())
        # ... or by words no track in the library matches any more.
        T.eq(sb.run('fav', 'add', 'hush').rc, 0, 'survive: fav add hush')
        away = os.path.join(sb.root, 'away.flac')
        os.rename(p['Hush'], away)
        scan(sb, 'survive: with Hush gone,')
        r = sb.run('fav', 'rm', 'lasse', 'hush')
        T.ok(r.rc == 0 and 'Lasse Lindh - Hush (its file is gone)' in
             r.out.decode(), 'survive: fav rm WORDS unmarks a missing '
             'favourite they name', 'rc 0', r)
        r = sb.run('fav', 'rm', 'lasse', 'hush')
        T.ok(r.rc == 1 and td.one_error_line(r), 'survive: ... and again: '
             'nothing names it, one error line, exit 1', 'rc 1', r)
    finally:
        sb.cleanup()


# ---------------------------------------------------------------------------
# 4. MPD stickers
# ---------------------------------------------------------------------------

def test_stickers(h):
    sb = Sandbox(h, 'stickers')
    fg = None
    conns = []
    try:
        paths = [make_file(sb, 'Goblin OST/%02d. %s.flac' % (i + 1, t),
                           'flac', 300 + 50 * i, 1.0, **goblin_tags(i))
                 for i, (t, _, _) in enumerate(GOBLIN)]
        uris = [os.path.relpath(x, sb.music) for x in paths]
        write_null_config(sb)
        scan(sb, 'stickers')
        # The daemon reads the music folders at start: after the scan.
        fg = td.Foreground(sb)
        if not T.ok(fg.wait_ready(), 'stickers: the daemon answers',
                    'greeting', fg.stderr()):
            return

        def fav_set():
            return {os.path.relpath(p, sb.music)
                    for p, v in favorites_of(sb).items() if v}

        # mpc, as other MPD clients use stickers.
        rc, out, err = mpc(sb, 'sticker', uris[0], 'set', 'favorite', '1')
        T.eq((rc, err), (0, ''), 'stickers: mpc sticker URI set favorite 1')
        T.eq(fav_set(), {uris[0]}, 'stickers: ... marks it a favourite '
             '(tracks --json)')
        r = sb.run('favs')
        T.ok('Chanyeol, Punch - Stay With Me' in r.out.decode(),
             'stickers: ... and ostplay favs lists it', 'Stay With Me', r)
        rc, out, err = mpc(sb, 'sticker', uris[0], 'get', 'favorite')
        T.eq((rc, out), (0, 'favorite=1\n'), 'stickers: mpc sticker URI get '
             'favorite: favorite=1')
        rc, out, err = mpc(sb, 'sticker', uris[0], 'list')
        T.eq((rc, out), (0, 'favorite=1\n'), 'stickers: mpc sticker URI '
             'list: favorite=1')
        rc, out, err = mpc(sb, 'sticker', uris[1], 'list')
        T.eq((rc, out), (0, ''), 'stickers: mpc sticker list of a song '
             'without stickers: nothing, exit 0')
        rc, out, err = mpc(sb, 'sticker', uris[1], 'get', 'favorite')
        T.ok(rc != 0 and 'no such sticker' in err, 'stickers: mpc sticker '
             'get of a non-favourite fails: no such sticker',
             'no such sticker', (rc, out, err))

        # The other way: ostplay fav shows to MPD clients.
        r = sb.run('fav', 'hush')
        T.eq(r.rc, 0, 'stickers: ostplay fav hush')
        rc, out, err = mpc(sb, 'sticker', uris[2], 'get', 'favorite')
        T.eq((rc, out), (0, 'favorite=1\n'), 'stickers: ... mpc sticker get '
             'sees it')
        rc, out, err = mpc(sb, 'sticker', '', 'find', 'favorite')
        T.eq(sorted(out.splitlines()), sorted('%s: favorite=1' % u
                                              for u in (uris[0], uris[2])),
             'stickers: mpc sticker "" find favorite lists both favourites')
        rc, out, err = mpc(sb, 'sticker', 'Goblin OST', 'find', 'favorite')
        T.eq(sorted(out.splitlines()), sorted('%s: favorite=1' % u
                                              for u in (uris[0], uris[2])),
             'stickers: mpc sticker "Goblin OST" find: the same, below that '
             'folder')
        rc, out, err = mpc(sb, 'sticker', 'Goblin', 'find', 'favorite')
        T.eq((rc, out), (0, ''), 'stickers: find below "Goblin" (a prefix, '
             'not a folder): nothing')
        rc, out, err = mpc(sb, 'sticker', uris[0], 'delete', 'favorite')
        T.eq(rc, 0, 'stickers: mpc sticker URI delete favorite')
        T.eq(fav_set(), {uris[2]}, 'stickers: ... unmarks it')
        r = sb.run('favs')
        T.ok('Stay With Me' not in r.out.decode(), 'stickers: ... ostplay '
             'favs no longer lists it', 'no Stay With Me', r)

        # Raw protocol lines.
        c = td.mpd(sb)
        conns.append(c)
        q = lambda u: '"%s"' % u.replace('\\', '\\\\').replace('"', '\\"')
        T.eq(c.cmd('sticker get song %s favorite' % q(uris[2])),
             (['sticker: favorite=1'], 'OK'), 'stickers: raw sticker get '
             'song URI favorite: sticker: favorite=1')
        T.eq(c.cmd('sticker get song %s favorite' % q(uris[3])),
             ([], 'ACK [50@0] {sticker} no such sticker'),
             'stickers: raw get of a missing sticker: ACK [50@0] {sticker} '
             'no such sticker')
        T.eq(c.cmd('sticker list song %s' % q(uris[2])),
             (['sticker: favorite=1'], 'OK'), 'stickers: raw sticker list')
        T.eq(c.cmd('sticker set song %s favorite 1' % q(uris[3])),
             ([], 'OK'), 'stickers: raw sticker set song URI favorite 1')
        T.eq(c.cmd('sticker get song %s favorite' % q(paths[3])),
             (['sticker: favorite=1'], 'OK'), 'stickers: raw get by '
             'absolute path')
        T.eq(fav_set(), {uris[2], uris[3]}, 'stickers: ostplay sees the '
             'raw set (tracks --json)')
        T.eq(c.cmd('sticker find song "" favorite = 1'),
             (['file: %s' % uris[2], 'sticker: favorite=1',
               'file: %s' % uris[3], 'sticker: favorite=1'], 'OK'),
             'stickers: raw sticker find ... favorite = 1: the marked songs')
        T.eq(c.cmd('sticker find song "" favorite = 0'), ([], 'OK'),
             'stickers: ... = 0: none (the mark reads as 1)')
        T.eq(c.cmd('sticker delete song %s favorite' % q(uris[3])),
             ([], 'OK'), 'stickers: raw sticker delete')
        T.eq(fav_set(), {uris[2]}, 'stickers: ... unmarks it')
        T.eq(c.cmd('sticker delete song %s favorite' % q(uris[3])),
             ([], 'ACK [50@0] {sticker} no such sticker'),
             'stickers: deleting it again: no such sticker, as in MPD')

        # Stickers of any other name, as mpd keeps them.
        T.eq(c.cmd('sticker set song %s rating 5' % q(uris[3])), ([], 'OK'),
             'stickers: set of another name')
        T.eq(c.cmd('sticker set song %s mood "rainy day"' % q(uris[3])),
             ([], 'OK'), 'stickers: a second name, a value with a space')
        T.eq(c.cmd('sticker get song %s rating' % q(uris[3])),
             (['sticker: rating=5'], 'OK'), 'stickers: get it back')
        T.eq(c.cmd('sticker list song %s' % q(uris[3]))[0],
             ['sticker: mood=rainy day', 'sticker: rating=5'],
             'stickers: list gives them by name')
        T.eq(c.cmd('sticker find song "" rating')[0],
             ['file: %s' % uris[3], 'sticker: rating=5'],
             'stickers: find by name')
        T.eq(c.cmd('sticker find song "" rating > 3')[0],
             ['file: %s' % uris[3], 'sticker: rating=5'],
             'stickers: find by name and value (>)')
        T.eq(c.cmd('sticker find song "" rating = 4')[0], [],
             'stickers: find by a value none has: nothing')
        userdata = os.path.join(sb.data, 'ostplay', 'library.userdata')
        with open(userdata, encoding='utf-8', errors='replace') as f:
            kept = f.read()
        T.ok('rainy day' in kept, 'stickers: they are kept '
             'in the user-data file beside the library')
        T.eq(c.cmd('sticker delete song %s rating' % q(uris[3])),
             ([], 'OK'), 'stickers: delete one')
        T.eq(c.cmd('sticker get song %s rating' % q(uris[3]))[1],
             'ACK [50@0] {sticker} no such sticker', 'stickers: it is gone')
        T.eq(c.cmd('sticker delete song %s' % q(uris[3])), ([], 'OK'),
             'stickers: delete all of a song\'s')
        T.eq(c.cmd('sticker list song %s' % q(uris[3])), ([], 'OK'),
             'stickers: none left')

        # Every bad request: an ACK, nothing changed, and the daemon (and
        # this very connection) go on.
        bad = [
            ('sticker get song %s rating' % q(uris[2]), 50,
             'get of another sticker name'),
            ('sticker set song %s =x 5' % q(uris[2]), 2,
             'set of a name with "="'),
            ('sticker get song "no/such song.flac" favorite', 50,
             'get of an unknown URI'),
            ('sticker set song "no/such song.flac" favorite 1', 50,
             'set of an unknown URI'),
            ('sticker list song "no/such song.flac"', 50,
             'list of an unknown URI'),
            ('sticker set song "/etc/passwd" favorite 1', 50,
             'set on a file outside the library'),
            ('sticker get playlist "Goblin" favorite', 2, 'a bad domain'),
            ('sticker set directory "Goblin OST" favorite 1', 2,
             'another bad domain'),
            ('sticker frob song %s' % q(uris[2]), 2, 'an unknown verb'),
            ('sticker set song %s favorite' % q(uris[2]), 2,
             'set without a value'),
            ('sticker get song', 2, 'too few arguments'),
            ('sticker', 2, 'no arguments'),
            # A line that does not parse: an ACK whatever command it names
            # (MPD names the command; that detail belongs to
            # test-protocol.py).
            ('sticker get song "unterminated', 2, 'an unterminated quote'),
        ]
        for line, code, what in bad:
            lines, end = c.cmd(line)
            a = ack(end)
            T.ok(a is not None and
                 (a[2] == 'sticker' or '"unterminated' in line) and
                 (code is None or a[0] == code) and not lines,
                 'stickers: %s is an ACK%s' % (what, ' [%d@0]' % code
                                               if code else ''),
                 'ACK [%s@0] {sticker} ...' % code, (lines, end))
        T.eq(c.cmd('ping'), ([], 'OK'), 'stickers: the same connection goes '
             'on after the ACKs')
        T.ok(td.ping(sb) and fg.proc.poll() is None,
             'stickers: the daemon still serves other clients')
        T.eq(fav_set(), {uris[2]}, 'stickers: the bad requests changed no '
             'favourite')

        # idle sticker: a set by another client wakes it; a set that
        # changes nothing, and other events, do not.
        b = td.mpd(sb)
        conns.append(b)
        c.send('idle sticker')
        b.cmd('setvol 40')		# a mixer event: not what c waits for
        b.cmd('sticker set song %s favorite 1' % q(uris[2]))	# already
        b.cmd('sticker set song %s favorite 1' % q(uris[4]))
        T.eq(c.reply(), (['changed: sticker'], 'OK'), 'stickers: idle '
             'sticker wakes with changed: sticker when another client sets '
             'one')
        c.send('idle')
        b.cmd('sticker delete song %s favorite' % q(uris[4]))
        lines, end = c.reply()
        T.ok(end == 'OK' and 'changed: sticker' in lines,
             'stickers: plain idle wakes with changed: sticker on a delete',
             'changed: sticker', (lines, end))
        T.eq(fav_set(), {uris[2]}, 'stickers: after set and delete, only '
             'Hush is a favourite')

        # `ostplay fav` goes through the running daemon, so MPD clients
        # hear of it too.
        c.send('idle sticker')
        r = sb.run('fav', 'add', paths[4])
        T.eq(r.rc, 0, 'stickers: ostplay fav add FILE with the daemon up')
        T.eq(c.reply(), (['changed: sticker'], 'OK'), 'stickers: ... wakes '
             'idle sticker')
        c.send('idle sticker')
        r = sb.run('fav', 'rm', paths[4])
        T.eq((r.rc, c.reply()), (0, (['changed: sticker'], 'OK')),
             'stickers: ostplay fav rm wakes it too')
        T.eq(fav_set(), {uris[2]}, 'stickers: ... and unmarks it')
        T.ok(fg.proc.poll() is None and td.ping(sb), 'stickers: the daemon '
             'is still up at the end')
    finally:
        for c in conns:
            c.close()
        td.stop_all(sb, [fg.proc] if fg else [])
        sb.cleanup()


# ---------------------------------------------------------------------------
# 5. shuffle
# ---------------------------------------------------------------------------

# The shuffle library: folder, title, performers, album, favourite.  Three
# catalog dramas (songs and singers from playlists/*.xspf), duets (two
# performers), two instrumentals, Punch on two dramas (a performer to keep
# apart across dramas), and a file of no drama.
SHUFFLE_LIB = [
    ('Goblin OST', 'Stay With Me', ['Chanyeol', 'Punch'],
     'Goblin OST Part.1', True),
    ('Goblin OST', 'Stay With Me (Inst.)', ['Chanyeol', 'Punch'],
     'Goblin OST Part.1', False),
    ('Goblin OST', 'Beautiful', ['Crush'], 'Goblin OST Part.4', True),
    ('Goblin OST', 'Hush', ['Lasse Lindh'], 'Goblin OST Part.5', False),
    ('Goblin OST', 'Round and Round', ['Heize', 'Han Soo Ji'],
     'Goblin OST Part.10', False),
    ('DOTS', 'Always', ['Yoon Mi-rae'],
     'Descendants of the Sun OST Part.1', True),
    ('DOTS', 'Always (Inst.)', ['Yoon Mi-rae'],
     'Descendants of the Sun OST Part.1', True),
    ('DOTS', 'Everytime', ['Chen', 'Punch'],
     'Descendants of the Sun OST Part.2', True),
    ('DOTS', 'This Love', ['Davichi'],
     'Descendants of the Sun OST Part.3', False),
    ('DOTS', 'Once Again', ['Mad Clown', 'Kim Na Young'],
     'Descendants of the Sun OST Part.5', False),
    ('Itaewon Class OST', 'Start Over', ['Gaho'],
     'Itaewon Class OST Part.1', True),
    ('Itaewon Class OST', 'Sweet Night', ['V'],
     'Itaewon Class OST Part.12', False),
    ('Itaewon Class OST', 'Maybe', ['Sondia'], 'Itaewon Class OST Part.3',
     False),
    ('Misc', 'Paper Boats', ['Nobody Band'], 'Harbour Songs', True),
]
# What the matcher must make of them (checked first, then relied on).
SHUFFLE_DRAMA = {'Goblin OST': 'Goblin', 'DOTS': 'Descendants of the Sun',
                 'Itaewon Class OST': 'Itaewon Class', 'Misc': None}
RUNS = 600	# seeds 1..RUNS, fixed: the counts are the same every run
# Chi-square, 13 degrees of freedom (14 tracks), p = 0.001: a uniform first
# pick exceeds it once in a thousand seed sets.  The seeds are fixed, so
# the test is deterministic; the bound says the fixed set is not special.
CHI2_BOUND_13DF = 34.53


def clash(a, b):
    """Whether two tracks (records) should not be neighbours."""
    return bool((a['drama'] and a['drama'] == b['drama']) or
                {x.casefold() for x in a['artists']} &
                {x.casefold() for x in b['artists']})


def spread_order_exists(recs):
    """Finds, by backtracking, an order of `recs` with no clashing
    neighbours; returns it or None.  Proves the pool can be spread, so
    that a clash in a shuffle is the shuffle's fault."""
    n = len(recs)
    used = [False] * n
    order = []

    def go():
        if len(order) == n:
            return True
        for i in range(n):
            if used[i] or (order and clash(recs[order[-1]], recs[i])):
                continue
            used[i] = True
            order.append(i)
            if go():
                return True
            order.pop()
            used[i] = False
        return False
    return [recs[i] for i in order] if go() else None


def test_shuffle(h):
    sb = Sandbox(h, 'shuffle')
    try:
        write_null_config(sb)
        path_of = {}
        for i, (folder, title, artists, album, _) in enumerate(SHUFFLE_LIB):
            # 6 s each: the real shuffle below must still be playing when
            # it is looked at (84 s of queue in real time).
            path_of[title] = make_file(sb, '%s/%02d. %s.flac'
                                       % (folder, i + 1, title), 'flac',
                                       200 + 50 * i, 6.0, title=title,
                                       artists=artists, album=album)
        scan(sb, 'shuffle')
        recs = records(sb)
        by_title = {rec['title']: rec for rec in recs.values()}
        T.eq({t: by_title.get(t, {}).get('drama') for _, t, *_ in
              SHUFFLE_LIB},
             {t: SHUFFLE_DRAMA[f] for f, t, *_ in SHUFFLE_LIB},
             'shuffle: tracks --json: every file has the expected drama')
        T.eq({t for t, r in by_title.items() if r['instrumental']},
             {'Stay With Me (Inst.)', 'Always (Inst.)'},
             'shuffle: tracks --json: "(Inst.)" titles, and only they, are '
             'instrumental')
        T.eq({t for t, r in by_title.items() if r['duet']},
             {t for _, t, a, *_ in SHUFFLE_LIB if len(a) > 1},
             'shuffle: tracks --json: the two-performer tracks, and only '
             'they, are duets')
        for folder, title, _, _, favourite in SHUFFLE_LIB:
            if favourite:
                r = sb.run('fav', path_of[title])
                if r.rc != 0:
                    T.diag('fav %s failed: %r' % (title, r))
        recs = records(sb)
        by_title = {rec['title']: rec for rec in recs.values()}
        T.eq({t for t, r in by_title.items() if r['favorite']},
             {t for _, t, _, _, f in SHUFFLE_LIB if f},
             'shuffle: the favourites are marked')

        line_to_path = {v: k for k, v in lines_by_path(sb).items()}
        T.eq(len(line_to_path), len(SHUFFLE_LIB), 'shuffle: every track '
             'has its own line (so --print output maps back to files)')

        def printed(*args):
            """shuffle --print ARGS: (Result, [paths]); None for a line
            that is no track's."""
            r = sb.run('shuffle', '--print', *args)
            return r, [line_to_path.get(l) for l in
                       r.out.decode('utf-8').splitlines()]

        def titles(paths):
            return sorted(recs[p]['title'] if p in recs else repr(p)
                          for p in paths)

        # Filters, alone and combined, against the expected sets.
        ALL = [t for _, t, *_ in SHUFFLE_LIB]
        rec = by_title
        cases = [
            ((), ALL),
            (('--favorites',), [t for t in ALL if rec[t]['favorite']]),
            (('--duets',), [t for t in ALL if rec[t]['duet']]),
            (('--instrumental',), ['Stay With Me (Inst.)',
                                   'Always (Inst.)']),
            (('--no-instrumental',), [t for t in ALL
                                      if '(Inst.)' not in t]),
            (('--drama', 'Goblin'), [t for t in ALL
                                     if rec[t]['drama'] == 'Goblin']),
            (('--drama', 'goblin', '--drama', '태양의 후예'),
             [t for t in ALL if rec[t]['drama'] in
              ('Goblin', 'Descendants of the Sun')]),
            (('--drama', 'itaewon class', '--drama', 'DOTS', '--drama',
              'Goblin'), [t for t in ALL if rec[t]['drama']]),
            (('--favorites', '--duets'), ['Stay With Me', 'Everytime']),
            (('--favorites', '--no-instrumental'),
             ['Stay With Me', 'Beautiful', 'Always', 'Everytime',
              'Start Over', 'Paper Boats']),
            (('--favorites', '--instrumental'), ['Always (Inst.)']),
            (('--duets', '--instrumental'), ['Stay With Me (Inst.)']),
            (('--duets', '--no-instrumental', '--drama', 'Goblin'),
             ['Stay With Me', 'Round and Round']),
            (('--favorites', '--drama', 'DOTS', '--no-instrumental'),
             ['Always', 'Everytime']),
            (('--favorites', '--drama', 'itaewon', '--drama', 'goblin'),
             ['Stay With Me', 'Beautiful', 'Start Over']),
        ]
        for args, want in cases:
            r, got = printed('--seed', '11', *args)
            T.ok(r.rc == 0 and titles(got) == sorted(want),
                 'shuffle: --print %s gives exactly %d tracks, each once'
                 % (' '.join(args) or '(no filter)', len(want)),
                 sorted(want), (r.rc, titles(got), r.err))

        # Errors: usage errors exit 2 (first line names the problem), a
        # filter nothing passes is one line and exit 1.
        r = sb.run('shuffle', '--print', '--instrumental', '--no-instrumental')
        T.ok(r.rc == 2 and r.out == b'' and r.err_lines() and
             r.err_lines()[0].startswith('ostplay') and
             '--no-instrumental' in r.err_lines()[0],
             'shuffle: --instrumental with --no-instrumental is a usage '
             'error, exit 2', 'rc 2', r)
        for seed in ('x', '-1', '1.5', '', '99999999999999999999999', '7x'):
            r = sb.run('shuffle', '--print', '--seed', seed)
            T.ok(r.rc == 2 and r.out == b'' and r.err_lines() and
                 r.err_lines()[0].startswith('ostplay'),
                 'shuffle: --seed %r is a usage error, exit 2' % seed,
                 'rc 2', r)
        for args in (('--duets', '--drama', 'Itaewon Class'),
                     ('--instrumental', '--drama', 'itaewon'),
                     ('--drama', 'Signal')):
            r = sb.run('shuffle', *args)	# without --print: no daemon
            T.ok(r.rc == 1 and one_line(r) and r.out == b'',
                 'shuffle: %s (no track passes): one line, exit 1'
                 % ' '.join(args), 'rc 1, one line', r)
        r = sb.run('shuffle', '--drama', 'nosuchdrama')
        T.ok(r.rc == 1 and one_line(r) and 'nosuchdrama' in r.err,
             'shuffle: --drama of no drama: one line naming it, exit 1',
             'rc 1', r)
        T.ok(no_daemon(sb), 'shuffle: failed shuffles started no daemon',
             'no daemon', td.daemon_pids(sb))

        # A seed names one order; seeds differ.
        _, a = printed('--seed', '42')
        _, b = printed('--seed', '42')
        _, c = printed('--seed', '43')
        T.ok(a == b and len(a) == len(ALL), 'shuffle: the same --seed gives '
             'the same order', a, b)
        T.ok(a != c, 'shuffle: seeds 42 and 43 give different orders',
             'different', (titles(a), titles(c)))
        r1, _ = printed()
        r2, _ = printed()
        T.ok(r1.rc == 0 and r2.rc == 0, 'shuffle: without --seed it picks '
             'one itself')

        # Many runs: every track once, distinct orders, the first pick
        # uniform, and neighbours spread apart.
        def run(seed):
            return seed, printed('--seed', str(seed))

        with concurrent.futures.ThreadPoolExecutor(4) as ex:
            runs = list(ex.map(run, range(1, RUNS + 1)))
        perm_bad = [s for s, (r, o) in runs
                    if r.rc != 0 or sorted(map(str, o)) != sorted(recs)]
        T.eq(perm_bad, [], 'shuffle: %d seeds: every track exactly once in '
             'every order' % RUNS)
        orders = [tuple(o) for _, (r, o) in runs]
        T.ok(len(set(orders)) >= 0.99 * RUNS, 'shuffle: %d seeds give at '
             'least 99%% distinct orders' % RUNS, RUNS, len(set(orders)))
        first = collections.Counter(o[0] for o in orders if o)
        expect = RUNS / len(recs)
        chi2 = sum((first.get(p, 0) - expect) ** 2 / expect for p in recs)
        T.diag('first track over %d seeds (expected %.1f each):' % (RUNS,
                                                                    expect))
        for p in recs:
            T.diag('  %4d  %s' % (first.get(p, 0), recs[p]['title']))
        T.diag('chi-square %.2f (bound %.2f: 13 df, p = 0.001)'
               % (chi2, CHI2_BOUND_13DF))
        T.ok(chi2 < CHI2_BOUND_13DF, 'shuffle: the first track is uniform '
             '(chi-square %.2f < %.2f)' % (chi2, CHI2_BOUND_13DF),
             '< %.2f' % CHI2_BOUND_13DF, chi2)
        proof = spread_order_exists(list(recs.values()))
        T.ok(proof, 'shuffle: the pool can be spread (an order with no '
             'neighbours of one drama or performer exists)')
        if proof:
            T.diag('a spread order: %s' % ' | '.join(x['title']
                                                     for x in proof))
        clashes = []
        for seed, (r, o) in runs:
            for x, y in zip(o, o[1:]):
                if x in recs and y in recs and clash(recs[x], recs[y]):
                    clashes.append((seed, recs[x]['title'],
                                    recs[y]['title']))
        T.diag('neighbours sharing a drama or performer: %d in %d orders%s'
               % (len(clashes), RUNS, (': ' + '; '.join(
                   'seed %d: %s | %s' % c for c in clashes[:10]))
                  if clashes else ''))
        T.eq(clashes, [], 'shuffle: over %d seeds no two neighbours share a '
             'drama or a performer' % RUNS)

        # The real thing: the daemon gets the --print order, random off,
        # playing.
        r = sb.run('random', 'on', timeout=WAIT)
        T.ok(r.rc == 0 and (td.status(sb) or {}).get('random') is True,
             'shuffle: random on (starting the daemon)', True, r)
        _, want = printed('--seed', '7')
        r = sb.run('shuffle', '--seed', '7', timeout=WAIT)
        T.ok(r.rc == 0 and r.out.decode().strip() ==
             'Shuffling %d tracks (seed 7)' % len(recs),
             'shuffle: shuffle --seed 7 exits 0 and says how many and the '
             'seed', 'Shuffling 14 tracks (seed 7)', r)
        q = td.queue(sb) or []
        T.eq([e.get('path') for e in q], want, 'shuffle: the queue is the '
             'order --print --seed 7 printed')
        st = td.wait_state(sb, 'play', 0)
        T.ok(st, 'shuffle: ... and it plays, from its first track',
             'play at 0', td.mpd_status(sb))
        s = td.status(sb) or {}
        T.eq((s.get('random'), s.get('path')), (False, want[0] if want
                                                else None),
             'shuffle: random is off and the current track is the first')
        _, want = printed('--seed', '5', '--favorites', '--no-instrumental')
        r = sb.run('shuffle', '--seed', '5', '--favorites',
                   '--no-instrumental', timeout=WAIT)
        q = td.queue(sb) or []
        T.ok(r.rc == 0 and [e.get('path') for e in q] == want,
             'shuffle: shuffle --favorites --no-instrumental --seed 5 queues '
             'what --print gave', titles(want), (r, titles(
                 e.get('path') for e in q)))
        T.ok(td.wait_state(sb, 'play', 0), 'shuffle: ... and plays it')
    finally:
        td.stop_all(sb)
        sb.cleanup()


# ---------------------------------------------------------------------------
# 6. Copies of one song: playlists hold the song once, its best copy
# ---------------------------------------------------------------------------

def test_copies(h):
    sb = Sandbox(h, 'copies')
    try:
        write_null_config(sb)
        stay, beautiful, hush = goblin_tags(0), goblin_tags(1), goblin_tags(2)
        f = {
            'stay.flac': make_file(sb, 'Goblin OST/01. Stay With Me.flac',
                                   'flac', 440, 5.0, **stay),
            'stay.mp3': make_file(sb, 'Phone/Stay With Me.mp3', 'mp3', 440,
                                  5.0, **stay),
            # Same tags, 4 s shorter: another recording, so another song.
            'stay.edit': make_file(sb, 'Edits/Stay With Me.mp3', 'mp3', 450,
                                   1.0, **stay),
            'beautiful.flac': make_file(sb, 'Goblin OST/04. Beautiful.flac',
                                        'flac', 550, 3.0, **beautiful),
            'beautiful.mp3': make_file(sb, 'Phone/Beautiful.mp3', 'mp3', 550,
                                       3.0, **beautiful),
            'beautiful.ogg': make_file(sb, 'Phone/Beautiful.ogg', 'ogg', 550,
                                       3.0, **beautiful),
            'hush.mp3': make_file(sb, 'Phone/Hush.mp3', 'mp3', 660, 2.0,
                                  **hush),
        }
        scan(sb, 'copies')
        recs = records(sb)
        T.eq(sorted(recs), sorted(f.values()), 'copies: tracks lists every '
             'file, copies included')
        T.ok(recs[f['beautiful.mp3']]['bitrate'] >
             recs[f['beautiful.ogg']]['bitrate'], 'copies: the MP3 of '
             'Beautiful has a higher bitrate than its OGG (so it wins over '
             'it below)', 'mp3 > ogg', (recs[f['beautiful.mp3']]['bitrate'],
                                        recs[f['beautiful.ogg']]['bitrate']))
        T.ok(recs[f['beautiful.flac']]['bitrate'] <
             recs[f['beautiful.mp3']]['bitrate'], 'copies: the FLAC of a '
             'tone has a lower bitrate than its MP3 (so bitrate alone would '
             'pick the MP3)', 'flac < mp3',
             (recs[f['beautiful.flac']]['bitrate'],
              recs[f['beautiful.mp3']]['bitrate']))
        lines = lines_by_path(sb)
        best = [f['stay.flac'], f['stay.edit'], f['beautiful.flac'],
                f['hush.mp3']]

        # shuffle: each song once, as its lossless copy.  --print lines of
        # two copies read alike, so the files are checked in the queue.
        r = sb.run('shuffle', '--print', '--seed', '1')
        T.eq((r.rc, sorted(r.out.decode().splitlines())),
             (0, sorted(lines[p] for p in best)), 'copies: shuffle --print '
             'lists each song once')
        seen = set()
        for seed in ('1', '2', '3'):
            r = sb.run('shuffle', '--seed', seed, timeout=WAIT)
            q = [e.get('path') for e in td.queue(sb) or []]
            seen.add(tuple(q))
            T.ok(r.rc == 0 and sorted(q) == sorted(best), 'copies: shuffle '
                 '--seed %s queues each song once: the FLACs, the edit and '
                 'the one Hush' % seed, sorted(best), (r, q))
        T.ok(len(seen) > 1, 'copies: ... in more than one order over three '
             'seeds', '> 1', seen)

        # A drama: export, `play`, and the daemon's stored playlist.
        out = os.path.join(sb.root, 'goblin.m3u8')
        r = sb.run('export', 'Goblin', '--format', 'm3u8', '-o', out)
        exported = [l for l in td.read_text(out).splitlines()
                    if l and not l.startswith('#')] if r.rc == 0 else r
        T.eq(sorted(exported) if isinstance(exported, list) else exported,
             sorted(best), 'copies: export Goblin holds each song once')
        r = sb.run('play', 'Goblin', timeout=WAIT)
        q = [e.get('path') for e in td.queue(sb) or []]
        T.ok(r.rc == 0 and q == exported, 'copies: play Goblin queues the '
             'exported songs, in the same order', exported, (r, q))
        c = td.mpd(sb)
        try:
            listed = c.songs('listplaylist "Goblin"')
        finally:
            c.close()
        T.eq(len(listed), len(best), 'copies: MPD listplaylist Goblin lists '
             'each song once')

        # Favourites: one mark for the song, one line, one export entry.
        r = sb.run('fav', 'beautiful')
        T.eq(r.rc, 0, 'copies: fav beautiful (three copies, one song)')
        r = sb.run('favs')
        T.eq((r.rc, r.out.decode().splitlines()),
             (0, [lines[f['beautiful.flac']]]), 'copies: favs lists the '
             'song once')
        r = sb.run('shuffle', '--favorites', '--seed', '4', timeout=WAIT)
        q = [e.get('path') for e in td.queue(sb) or []]
        T.ok(r.rc == 0 and q == [f['beautiful.flac']], 'copies: shuffle '
             '--favorites queues the FLAC alone', [f['beautiful.flac']],
             (r, q))
        r = sb.run('export', '--favorites', '--format', 'm3u8')
        T.eq([l for l in r.out.decode().splitlines() if l and l[0] != '#'],
             [f['beautiful.flac']], 'copies: export --favorites holds the '
             'FLAC alone')

        # The FLAC goes: the best copy left (the MP3, over the OGG) takes
        # its place, still a favourite.
        os.remove(f['beautiful.flac'])
        scan(sb, 'copies: after removing the FLAC of Beautiful,')
        r = sb.run('export', '--favorites', '--format', 'm3u8')
        T.eq([l for l in r.out.decode().splitlines() if l and l[0] != '#'],
             [f['beautiful.mp3']], 'copies: ... export --favorites holds the '
             'MP3 now (a higher bitrate than the OGG)')
        r = sb.run('shuffle', '--seed', '5', timeout=WAIT)
        q = [e.get('path') for e in td.queue(sb) or []]
        T.eq(sorted(q), sorted([f['stay.flac'], f['stay.edit'],
                                f['beautiful.mp3'], f['hush.mp3']]),
             'copies: ... and shuffle queues the MP3 in its place')
    finally:
        td.stop_all(sb)
        sb.cleanup()


# ---------------------------------------------------------------------------
# 7. Names across scripts: query words that name a performer or song
# ---------------------------------------------------------------------------

def listed(sb, *query):
    """The paths `tracks --json QUERY` lists, sorted."""
    return sorted(os.fsdecode(p) for p in sb.tracks(*query))


def test_names(h):
    sb = Sandbox(h, 'names')
    try:
        write_null_config(sb)
        dots = 'Descendants of the Sun OST Part.%d'
        f = {
            # playlists/descendants-of-the-sun.xspf: "Always" by Yoon
            # Mi-rae (윤미래, also Yoon Mirae, Yoon Mi Rae, Tasha).
            'always': make_file(sb, 'OST/01 Always.flac', 'flac', 300, 1.0,
                                title='Always', artists=['Yoon Mi-rae'],
                                album=dots % 1),
            'memories': make_file(sb, 'Yoon/Memories.mp3', 'mp3', 320, 1.0,
                                  title='Memories', artists=['Yoon Mirae'],
                                  album='Gemini'),
            'both': make_file(sb, 'Yoon/Pay Day.flac', 'flac', 340, 1.0,
                              title='Pay Day',
                              artists=['윤미래 (Yoon Mi Rae)'],
                              album='Gemini'),
            'hangul': make_file(sb, 'Yoon/검은 행복.flac', 'flac', 360, 1.0,
                                title='검은 행복', artists=['윤미래'],
                                album='검은 행복'),
            # Singers no catalog knows: found by how the name sounds.
            'yerin': make_file(sb, 'Yerin/Square.flac', 'flac', 380, 1.0,
                               title='Square', artists=['백예린'],
                               album='Every letter I sent you'),
            'yerin.latin': make_file(sb, 'Yerin/Bye bye my blue.mp3', 'mp3',
                                     400, 1.0, title='Bye bye my blue',
                                     artists=['Baek Yerin'], album='Frank'),
            'hyoshin': make_file(sb, 'Bak/Wild Flower.flac', 'flac', 420,
                                 1.0, title='Wild Flower',
                                 artists=['Bak Hyo Shin'], album='I Am A '
                                 'Dreamer'),
            'kim': make_file(sb, 'Kim/Spring.flac', 'flac', 440, 1.0,
                             title='Spring', artists=['Kim Mi Rae'],
                             album='Seasons'),
            'kitchen': make_file(sb, 'Misc/Kitchen Song.flac', 'flac', 460,
                                 1.0, title='Kitchen Song',
                                 artists=['Nobody'], album='Misc'),
            # Catalog songs, the one in English, the other in Hangul: "This
            # Love" is also "이 사랑", "Once Again" "다시 너를".
            'this-love': make_file(sb, 'OST/03 This Love.flac', 'flac', 480,
                                   1.0, title='This Love',
                                   artists=['Davichi'], album=dots % 3),
            'once-again': make_file(sb, 'OST/05 다시 너를.flac', 'flac', 500,
                                    1.0, title='다시 너를',
                                    artists=['매드클라운', '김나영'],
                                    album='태양의 후예 OST Part.5'),
        }
        scan(sb, 'names')
        yoon = sorted(f[k] for k in ('always', 'memories', 'both', 'hangul'))
        for query in (('윤미래',), ('Yoon Mirae',), ('yoon', 'mirae'),
                      ('yoon', 'mi', 'rae'), ('YOON', 'MI-RAE'),
                      ('tasha',)):
            T.eq(listed(sb, *query), yoon, 'names: tracks %s lists Yoon '
                 'Mi-rae\'s four files, whichever way each is tagged, and '
                 'not Kim Mi Rae\'s' % ' '.join(query))
        yerin = sorted([f['yerin'], f['yerin.latin']])
        for query in (('백예린',), ('baek', 'yerin'), ('Baek Ye-rin',),
                      ('yerin',)):
            T.eq(listed(sb, *query), yerin, 'names: tracks %s (no catalog '
                 'knows her) lists 백예린 and Baek Yerin' % ' '.join(query))
        T.eq(listed(sb, 'baek'), [f['yerin.latin']], 'names: tracks baek '
             'lists Baek Yerin, not 백예린 (one syllable of a word is too '
             'little to go by)')
        T.eq(listed(sb, '박효신'), [f['hyoshin']],
             'names: tracks 박효신 lists Bak Hyo Shin')
        for query in ('park', 'paik'):
            T.eq(listed(sb, query), [], 'names: tracks %s lists nothing: '
                 'Latin against Latin is as exact as ever ("Bak", "Baek" '
                 'are not it)' % query)
        T.eq(listed(sb, '첸'), [], 'names: tracks 첸 (Chen, in the '
             'catalogs) does not list "Kitchen Song": other names are whole '
             'words')
        T.eq(listed(sb, '이', '사랑'), [f['this-love']], 'names: tracks 이 '
             '사랑 lists the catalog song\'s file titled "This Love"')
        T.eq(listed(sb, 'once', 'again'), [f['once-again']], 'names: '
             'tracks once again lists the file titled "다시 너를"')
        T.eq(listed(sb, '다시', '너를'), [f['once-again']], 'names: '
             'tracks 다시 너를 lists it too, as before')

        r = sb.run('fav', 'add', 'Always', '윤미래')
        T.ok(r.rc == 0 and r.out.decode() ==
             'favourite: Yoon Mi-rae - Always (%s)  0:01  [Descendants of '
             'the Sun]\n' % (dots % 1), 'names: fav add Always 윤미래 marks '
             'the file tagged "Yoon Mi-rae"', 'favourite: Yoon Mi-rae - '
             'Always ...', r)
        T.eq({p for p, v in favorites_of(sb).items() if v}, {f['always']},
             'names: ... and only it')
        r = sb.run('fav', 'rm', 'always', 'yoon', 'mirae')
        T.ok(r.rc == 0 and r.out.decode().startswith('no longer a '
                                                      'favourite: '),
             'names: fav rm always yoon mirae unmarks it', 'no longer a '
             'favourite', r)

        r = sb.run('play', '--track', '윤미래', timeout=WAIT)
        q = td.queue(sb) or []
        T.ok(r.rc == 0 and sorted(e.get('path') for e in q) == yoon,
             'names: play --track 윤미래 queues Yoon Mi-rae\'s four files',
             yoon, (r, [e.get('path') for e in q]))
        r = sb.run('add', '--track', 'baek yerin', timeout=WAIT)
        q = td.queue(sb) or []
        T.ok(r.rc == 0 and sorted(e.get('path') for e in q[4:]) == yerin,
             'names: add --track "baek yerin" appends 백예린 and Baek Yerin',
             yerin, (r, [e.get('path') for e in q]))
    finally:
        td.stop_all(sb)
        sb.cleanup()


GROUPS = [('fav-query', test_fav_query), ('fav-current', test_fav_current),
          ('fav-survive', test_fav_survive), ('stickers', test_stickers),
          ('shuffle', test_shuffle), ('copies', test_copies),
          ('names', test_names)]


def main():
    h = Harness(T, 'favorites')
    T.run_groups(GROUPS, sys.argv[1:], h)
    return T.finish()


if __name__ == '__main__':
    sys.exit(main())
