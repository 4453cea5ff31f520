#!/usr/bin/python3
"""Integration test of drama discovery (issue 10), with TAP output.

Usage: OSTPLAY=build/ostplay /usr/bin/python3 tests/test-discover.py [GROUP...]
(GROUP: library rules; all when none is named)

Builds the labelled library of discover_cases.py (soundtracks of dramas no
catalog lists, and look-alikes that are not dramas) the way test-match.py
builds its own, scans it with the real binary and scores `tracks --json`:

  found     share of the drama files given any drama           (>= 0.95)
  named     share given the right name, compared folded (NFKC, case
            folded, letters and digits only) with the work's acceptable
            display names                                       (>= 0.90)
  pairwise  grouping precision over pairs of drama files given the same
            drama: both of one work                             (= 1.00)
            and recall over pairs of files of one work: given the same
            drama                                               (>= 0.90)
  confusers given any drama                                     (0)
  drama files given a catalog drama                             (0)

then checks the commands on each discovered drama: `dramas --json` lists
it with "catalog": false and the tracks `tracks --json` gives it (and
nothing else undiscovered), `tracks --drama NAME` in lower case lists
exactly those, `export NAME -o FILE.xspf` writes one copy of each of its
songs, and `explain FILE` names the drama on a line saying "discovered".
Every miss is listed under its figure; the figures are repeated at the end.

The rules group, on a small library of its own, checks that the user stays
in charge of what was discovered (`ostplay drama`): `ignore NAME` takes the
drama away from its files (through rescans and a re-tag), `alias NAME
DRAMA` makes two discovered names one drama or a discovered name a catalog
drama's, `rules` lists what was said and `forget` undoes it; `catalog NAME`
writes a user catalog (valid XSPF) that then holds the drama, its native
name and its songs; a discovered drama plays by either of its names and
is an MPD stored playlist (listed, loaded, never removed); `explain` says
how a file's name was grouped under the drama's.
Set OSTPLAY_TEST_KEEP=1 to keep the temporary trees.
"""

import collections
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True	# no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import discover_cases as dc  # noqa: E402
import fixtures as fx  # noqa: E402
import sandbox  # noqa: E402
from sandbox import XSPF_SCHEMA as SCHEMA, Harness, Sandbox, xmllint  # noqa: E402,E501

# test-match.py's helpers (catalogs, the library builder, JSON lines, the
# ratio asserts), on one TAP stream shared with them.  It reads its case
# table's name from sys.argv[1] when loaded, so this script's own
# arguments (the groups) are taken off first.
GROUP_ARGS = sys.argv[1:]
del sys.argv[1:]
tm = sandbox.test_module('test-match.py')
T = tm.T
key = tm.key
# test-daemon.py's daemon and MPD helpers (they print nothing themselves).
td = sandbox.test_module('test-daemon.py')

# The thresholds.
MIN_FOUND = 0.95
MIN_NAMED = 0.90
MIN_PAIR_PRECISION = 1.0
MIN_PAIR_RECALL = 0.90
# The table's make-up.
MIN_DRAMA_FILES = 150
MIN_CONFUSERS = 50
MIN_WORKS = 14
MIN_PER_FORM = 4		# cases of each spelling form ...
MIN_FORM_FORMATS = 3		# ... in at least this many formats

FIGURES = []			# (label, value text), printed again at the end


def figure(label, text):
    FIGURES.append((label, text))


def pairs(n):
    return n * (n - 1) // 2


def name_of(rec):
    return rec.get('drama') if rec is not None else None


# ---------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------

def summary(cases):
    by_kind = collections.defaultdict(collections.Counter)
    for c in cases:
        by_kind[c.kind][c.fmt] += 1
    T.diag('%d cases: %d drama files of %d works, %d confusers' % (
        len(cases), sum(c.group is not None for c in cases),
        len({c.group for c in cases} - {None}),
        sum(c.group is None for c in cases)))
    for kind in sorted(by_kind):
        fm = by_kind[kind]
        T.diag('  %-16s %3d  %s' % (kind, sum(fm.values()), ', '.join(
            '%s %d' % kv for kv in sorted(fm.items()))))
    by_group = collections.Counter(c.group for c in cases if c.group)
    T.diag('by work: ' + ', '.join(
        '%s %d (%s)' % (g, n, dc.COUNTRY[g])
        for g, n in sorted(by_group.items())))


def check_table(cases, catalog):
    drama = [c for c in cases if c.group is not None]
    works = {c.group for c in drama}
    T.ok(len(drama) >= MIN_DRAMA_FILES, 'case table: at least %d drama '
         'files' % MIN_DRAMA_FILES, MIN_DRAMA_FILES, len(drama))
    T.ok(len(cases) - len(drama) >= MIN_CONFUSERS, 'case table: at least '
         '%d confusers' % MIN_CONFUSERS, MIN_CONFUSERS,
         len(cases) - len(drama))
    T.ok(len(works) >= MIN_WORKS, 'case table: at least %d works'
         % MIN_WORKS, MIN_WORKS, len(works))
    T.eq(len({c.path.casefold() for c in cases}), len(cases),
         'case table: every path is unique')
    forms = collections.defaultdict(collections.Counter)
    for c in drama:
        forms[c.kind][c.fmt] += 1
    thin = {k: dict(v) for k, v in forms.items()
            if sum(v.values()) < MIN_PER_FORM or len(v) < MIN_FORM_FORMATS}
    T.ok(not thin, 'case table: every spelling form has %d cases in %d '
         'formats' % (MIN_PER_FORM, MIN_FORM_FORMATS), 'none short', thin)
    bad = [(c.path, c.names) for c in drama if not c.names]
    T.ok(not bad, 'case table: every drama file has acceptable names',
         'none without', bad[:5])
    hits = {n: tm.resolve_drama(catalog, n) for n in dc.ALL_NAMES}
    hits = {n: h for n, h in hits.items() if h}
    T.ok(not hits, 'case table: none of the %d spellings of its %d works is '
         'a catalog drama' % (len(dc.ALL_NAMES), len(works)),
         'no catalog entry', hits)


# ---------------------------------------------------------------------------
# The figures
# ---------------------------------------------------------------------------

def show(c, rec):
    return '%s: expected %s, got %r' % (c.path, ' | '.join(c.names),
                                        name_of(rec))


def check_recognition(cases, recs, catalog):
    drama = [(c, r) for c, r in zip(cases, recs) if c.group is not None]
    none = [show(c, r) for c, r in drama if name_of(r) is None]
    found = len(drama) - len(none)
    tm.ratio_assert('drama files given a drama', found, len(drama),
                    MIN_FOUND, none)
    figure('drama files given a drama', '%.4f (%d/%d)' % (
        found / len(drama), found, len(drama)))

    wrong = [show(c, r) for c, r in drama if name_of(r) is not None and
             key(name_of(r)) not in {key(n) for n in c.names}]
    named = found - len(wrong)
    if none:
        wrong.append('(and the %d files given none, listed above)'
                     % len(none))
    tm.ratio_assert('drama files given the right name', named, len(drama),
                    MIN_NAMED, wrong)
    figure('drama files given the right name', '%.4f (%d/%d)' % (
        named / len(drama), named, len(drama)))

    # Where the misses are: by spelling form and by country.
    for what, by in (('form', lambda c: c.kind),
                     ('country', lambda c: dc.COUNTRY[c.group])):
        tally = collections.defaultdict(lambda: [0, 0, 0])
        for c, r in drama:
            t = tally[by(c)]
            t[0] += 1
            t[1] += name_of(r) is not None
            t[2] += (name_of(r) is not None and
                     key(name_of(r)) in {key(n) for n in c.names})
        T.diag('by %s (files, given a drama, right name): %s' % (
            what, ', '.join('%s %d/%d/%d' % (k, *v)
                            for k, v in sorted(tally.items()))))

    bad = [show(c, r) for c, r in drama if name_of(r) in catalog]
    figure('drama files given a catalog drama', '%d' % len(bad))
    for b in bad:
        T.diag('  ' + b)
    T.ok(not bad, 'no drama file is given a catalog drama', 'none',
         '%d' % len(bad))

    neg = [(c, r) for c, r in zip(cases, recs) if c.group is None]
    given = ['%s (%s): expected no drama, got %r' % (c.path, c.kind,
                                                     name_of(r))
             for c, r in neg if name_of(r) is not None]
    figure('confusers given a drama', '%d/%d' % (len(given), len(neg)))
    T.diag('confusers given a drama: %d/%d' % (len(given), len(neg)))
    for g in given:
        T.diag('  ' + g)
    T.ok(not given, 'no confuser (film, game, anime, stage, compilation, '
         '"Drama" album, ordinary) is given a drama', 0, len(given))


def check_grouping(cases, recs):
    """Pairwise precision and recall of the partition of the drama files
    by the drama given, against the partition by work.  A file given no
    drama is in no predicted group (it costs recall only)."""
    groups = [(c.group, name_of(r)) for c, r in zip(cases, recs)
              if c.group is not None]
    cells = collections.Counter(g for g in groups if g[1] is not None)
    by_pred = collections.Counter(p for _, p in cells.elements())
    by_work = collections.Counter(w for w, _ in groups)
    same = sum(pairs(n) for n in cells.values())
    pred_pairs = sum(pairs(n) for n in by_pred.values())
    work_pairs = sum(pairs(n) for n in by_work.values())

    merged = []
    for p in sorted(by_pred):
        works = {w: n for (w, q), n in cells.items() if q == p}
        if len(works) > 1:
            merged.append('%r holds %s' % (p, ', '.join(
                '%d of %s' % (n, w) for w, n in sorted(works.items()))))
    tm.ratio_assert('grouping pairwise precision (pairs given one drama '
                    'that are of one work)', same, pred_pairs,
                    MIN_PAIR_PRECISION, merged)
    figure('grouping pairwise precision', '%.4f (%d/%d pairs)' % (
        same / pred_pairs if pred_pairs else 0.0, same, pred_pairs))

    split = []
    for w in sorted(by_work):
        got = collections.Counter(p for v, p in groups if v == w)
        if len(got) > 1:
            split.append('%s split as %s' % (w, ', '.join(
                '%r %d' % (p, n) for p, n in got.most_common())))
    tm.ratio_assert('grouping pairwise recall (pairs of one work given one '
                    'drama)', same, work_pairs, MIN_PAIR_RECALL, split)
    figure('grouping pairwise recall', '%.4f (%d/%d pairs)' % (
        same / work_pairs if work_pairs else 0.0, same, work_pairs))


# ---------------------------------------------------------------------------
# The commands
# ---------------------------------------------------------------------------

def display_names(cases, recs):
    """{work: the name its files are mostly given, when acceptable, else
    None}."""
    out = {}
    for g, names in dc.NAMES.items():
        ok = {key(n) for n in names}
        got = collections.Counter(
            name_of(r) for c, r in zip(cases, recs)
            if c.group == g and name_of(r) is not None and
            key(name_of(r)) in ok)
        out[g] = got.most_common(1)[0][0] if got else None
    missing = sorted(g for g, n in out.items() if n is None)
    T.ok(not missing, 'every work is discovered under one of its names',
         'all %d' % len(out), '%d missing: %s' % (len(missing), missing))
    return out


def expected_files(g, name, cases, recs):
    """The paths the commands must give for work g: those `tracks --json`
    gives the drama `name`; when it gives it none (the work was not
    discovered), the work's own files, so that the check still fails."""
    mine = {c_path(c) for c, r in zip(cases, recs) if name_of(r) == name}
    if mine:
        return mine, 'tracks --json gives it'
    return ({c_path(c) for c in cases if c.group == g},
            'labelled with it (tracks --json gives it none)')


MUSIC = [None]


def c_path(c):
    return os.fsencode(os.path.join(MUSIC[0], c.path))


def check_dramas_command(sb, cases, recs, catalog, names):
    out = tm.parse_lines(sb.run('dramas', '--json'), 'dramas --json')
    if out is None:
        return
    bad = [o for o in out if not isinstance(o, dict) or
           not isinstance(o.get('title'), str) or
           isinstance(o.get('tracks'), bool) or
           not isinstance(o.get('tracks'), int) or
           not isinstance(o.get('catalog'), bool)]
    T.ok(out and not bad, 'dramas --json: every line has a title, a number '
         'of tracks and "catalog" true or false', 'all', bad[:3])
    by_title = {o.get('title'): o for o in out if isinstance(o, dict)}
    wrong = sorted(t for t in catalog
                   if by_title.get(t, {}).get('catalog') is not True)
    T.ok(not wrong, 'dramas --json: the %d catalog dramas say "catalog": '
         'true' % len(catalog), 'all', wrong)

    # One discovered drama per work, and none besides.
    discovered = [o['title'] for o in out if isinstance(o, dict) and
                  o.get('catalog') is False and
                  isinstance(o.get('title'), str)]
    per_work = collections.defaultdict(list)
    stray = []
    for t in discovered:
        works = [g for g, ns in dc.NAMES.items()
                 if key(t) in {key(n) for n in ns}]
        if works:
            per_work[works[0]].append(t)
        else:
            stray.append(t)
    missing = sorted(g for g in dc.NAMES if not per_work.get(g))
    twice = {g: ts for g, ts in per_work.items() if len(ts) > 1}
    T.ok(not missing and not twice and not stray, 'dramas --json lists '
         'exactly one discovered drama per work and no other',
         '%d, one each' % len(dc.NAMES), 'missing %s; several for %s; '
         'others %s' % (missing, twice, stray))

    for g in sorted(dc.NAMES):
        name = names[g] or dc.NAMES[g][0]
        want, why = expected_files(g, name, cases, recs)
        o = by_title.get(name)
        got = None if o is None else (o.get('catalog'), o.get('tracks'))
        T.ok(got == (False, len(want)), 'dramas --json: "%s" is listed '
             'with "catalog": false and the %d tracks %s'
             % (name, len(want), why), (False, len(want)),
             'not listed' if o is None else o)


def check_tracks_drama(sb, cases, recs, names):
    for g in sorted(dc.NAMES):
        name = names[g] or dc.NAMES[g][0]
        want, why = expected_files(g, name, cases, recs)
        arg = name.lower()
        what = 'tracks --json --drama "%s"' % arg
        out = tm.parse_lines(sb.run('tracks', '--json', '--drama', arg),
                             what)
        if out is None:
            continue
        got = tm.path_set(out)
        T.ok(got == want, '%s lists exactly the %d tracks %s' % (
            what, len(want), why), '%d tracks' % len(want),
            '%d tracks; missing %s; extra %s' % (
                len(got), sorted(want - got)[:3], sorted(got - want)[:3]))


XSPF = '{http://xspf.org/ns/0/}'


def xspf_paths(path):
    """The file paths of an XSPF file's locations, as bytes."""
    root = ET.parse(path).getroot()
    out = []
    for loc in root.iter(XSPF + 'location'):
        u = urllib.parse.urlsplit((loc.text or '').strip())
        out.append(urllib.parse.unquote_to_bytes(u.path)
                   if u.scheme == 'file' else (loc.text or '').encode())
    return out


def own_title(title):
    """The song's own title in a title tag: an upload's "[X OST] Artist -
    Song" or "Artist - Song (X OST)" is Song; bracketed notes aside;
    folded like test-match.key."""
    bare = re.sub(r'[\(\[][^\)\]]*[\)\]]', '', title)
    if 'OST' in title.upper() and ' - ' in bare:
        bare = bare.split(' - ', 1)[1]
    return tm.key(bare)


def song_of(c, p):
    """What makes two files of a drama copies of one song (issue 10, "one
    song once"): the same song of the table (its performers, however
    spelled, and version), under the same title, in whatever script the
    performer is written, album or format: a title in another language
    ("사랑인가 봐" for "Love, Maybe") is another file's title, which only a
    catalog can say is one song.  A file without a title tag, or of no
    labelled song, is a song of its own."""
    if c is None or c.song is None or not (c.tags or {}).get('title'):
        return ('file', p)
    return c.song + (own_title(c.tags['title']),)


SONG_TITLE = {(d.key, n): s.latin or s.native for d in dc.DRAMAS
              for n, s in enumerate(d.songs)}


def show_file(c, p, got):
    """A file of a failing export: its path, its tags and whether the
    playlist lists it."""
    rel = os.path.relpath(os.fsdecode(p), MUSIC[0])
    t = (c.tags if c is not None else None) or {}
    return '%s%s [%s]' % ('*' if p in got else '', rel, 'untagged' if not t
                          else 'title %r, artists %r, album %r' % (
                              t.get('title'), t.get('artists'),
                              t.get('album')))


def check_export(sb, cases, recs, names):
    folder = os.path.join(sb.root, 'exports')
    os.mkdir(folder)
    sb.give_to_owner(folder)
    by_path = {c_path(c): c for c in cases}
    for g in sorted(dc.NAMES):
        name = names[g] or dc.NAMES[g][0]
        want, why = expected_files(g, name, cases, recs)
        songs = collections.defaultdict(set)
        for p in want:
            songs[song_of(by_path.get(p), p)].add(p)
        target = os.path.join(folder, '%s.xspf' % g)
        r = sb.run('export', name, '-o', target)
        what = 'export "%s" -o %s.xspf' % (name, g)
        if r.rc != 0 or not os.path.exists(target):
            T.ok(False, '%s writes the playlist' % what, 'exit 0 and a file',
                 r)
            continue
        try:
            got = xspf_paths(target)
        except ET.ParseError as e:
            T.ok(False, '%s writes XML' % what, 'XSPF', e)
            continue
        extra = sorted(set(got) - want)
        short = [(s, ps) for s, ps in sorted(songs.items(), key=repr)
                 if len(ps & set(got)) != 1]
        ok = T.ok(not extra and not short and len(got) == len(songs),
                  '%s lists one copy of each of the %d songs of the %d '
                  'tracks %s' % (what, len(songs), len(want), why),
                  '%d locations' % len(songs), '%d locations; %d songs not '
                  'listed once; %d extra' % (len(got), len(short),
                                             len(extra)))
        if ok:
            continue
        # Which songs: listed 0 or 2+ times (* marks the listed copies).
        for s, ps in short:
            T.diag('  song %s listed %d times:' % (
                'of its own' if s[0] == 'file' else '%r (%s)' % (
                    s, SONG_TITLE[s]), len(ps & set(got))))
            for p in sorted(ps):
                T.diag('    ' + show_file(by_path.get(p), p, got))
        for p in extra:
            T.diag('  extra: ' + show_file(by_path.get(p), p, got))


def check_explain(sb, cases, recs, names):
    # A file named by its folder and file name only, in a work with a
    # Latin name; one of a work only named in its own script; a confuser.
    picks = []
    for want_latin in (True, False):
        for c in cases:
            if c.group is None or c.tags is not None:
                continue
            latin = all(ord(ch) < 0x250 for n in c.names for ch in n)
            if latin == want_latin:
                picks.append(c)
                break
    for c in picks:
        name = names[c.group] or c.names[0]
        r = sb.run('explain', os.path.join(sb.music, c.path))
        text = r.out.decode('utf-8', 'replace')
        lines = [ln for ln in text.splitlines()
                 if 'discovered' in ln.lower()]
        T.ok(r.rc == 0 and lines and name.casefold() in text.casefold(),
             'explain %s exits 0, names "%s" and says how it was discovered'
             % (c.path, name), 'exit 0, "%s" and a line with "discovered"'
             % name, r)
    neg = [c for c in cases if c.group is None]
    if neg:
        r = sb.run('explain', os.path.join(sb.music, neg[0].path))
        T.ok(r.rc == 0 and r.out.strip(), 'explain %s (a confuser) exits 0 '
             'and says something' % neg[0].path, 'exit 0 and output', r)


# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# The user stays in charge: `ostplay drama` on a small library of its own
# ---------------------------------------------------------------------------

WAVES = 'Letters on the Waves'
WAVES_KO = '파도 위의 편지'
KEIYAKU_JA = '契約は恥だが愛になる'
# key -> (path below music/, format, Hz, tags); every tone lasts 1 s.
# Letters on the Waves, a drama no catalog lists, in Latin and in Hangul:
# Paper Boat by Yoon Mi-rae on both sides (윤미래 / Yoon Mi Rae) is what
# makes the two names one drama.  Keiyaku (likewise fictional) in Latin
# and Japanese: no song in common, so nothing links them until the user
# says so.  Dokebi: a misspelt Goblin (도깨비) that
# the user makes the catalog drama.  Sunday Cafe and Not A Drama: albums
# called "OST" that are no drama.
RULES_FILES = {
    'waves.heart': ('Letters on the Waves OST/01 Open Your Heart.mp3',
                    'mp3', 300, dict(title='Open Your Heart',
                                     artists=['IU'],
                                     album='Letters on the Waves OST '
                                           'Part.11')),
    'waves.paper': ('Letters on the Waves OST/02 Paper Boat.flac', 'flac',
                    320, dict(title='Paper Boat', artists=['Yoon Mi Rae'],
                              album='Letters on the Waves OST Part.4')),
    'waves.tide': ('Letters on the Waves OST/03 Low Tide.ogg', 'ogg', 340,
                   dict(title='Low Tide', artists=['Heize'],
                        album='Letters on the Waves OST Part.3')),
    'ko.paper': ('파도 위의 편지 OST/윤미래 - Paper Boat.mp3', 'mp3', 320,
                 dict(title='Paper Boat', artists=['윤미래'],
                      album='파도 위의 편지 OST Part.4')),
    'ko.line': ('파도 위의 편지 OST/백예린 - 물결선.mp3', 'mp3', 360,
                dict(title='물결선', artists=['백예린'],
                     album='파도 위의 편지 OST Part.4')),
    'kei.tsuki': ('Keiyaku OST/01 Tsuki.mp3', 'mp3', 400,
                  dict(title='Tsuki', artists=['Gen Hoshino'],
                       album='Keiyaku OST')),
    'kei.theme': ('Keiyaku OST/02 Main Theme.flac', 'flac', 420,
                  dict(title='Main Theme', artists=['Kenichiro Suehiro'],
                       album='Keiyaku OST')),
    'ja.doki': ('契約は恥だが愛になる OST/01 ドキドキ.mp3', 'mp3', 440,
                dict(title='ドキドキ！', artists=['末廣健一郎'],
                     album='契約は恥だが愛になる OST')),
    'ja.yakusoku': ('契約は恥だが愛になる OST/02 約束の日.mp3', 'mp3', 460,
                    dict(title='約束の日', artists=['末廣健一郎'],
                         album='契約は恥だが愛になる OST')),
    'dokebi.eyes': ('Dokebi OST/01 My Eyes.mp3', 'mp3', 500,
                    dict(title='My Eyes', artists=['10cm'],
                         album='Dokebi OST')),
    'dokebi.here': ('Dokebi OST/02 And I Am Here.mp3', 'mp3', 520,
                    dict(title='And I Am Here', artists=['Kim Kyung Hee'],
                         album='Dokebi OST')),
    'cafe.latte': ('Sunday Cafe OST/01 Latte.mp3', 'mp3', 600,
                   dict(title='Latte', artists=['Cafe Band'],
                        album='Sunday Cafe OST')),
    'cafe.mocha': ('Sunday Cafe OST/02 Mocha.mp3', 'mp3', 620,
                   dict(title='Mocha', artists=['Cafe Band'],
                        album='Sunday Cafe OST')),
    'nad.one': ('Not A Drama OST/01 Song One.mp3', 'mp3', 700,
                dict(title='Song One', artists=['Band A'],
                     album='Not A Drama OST')),
    'nad.two': ('Not A Drama OST/02 Song Two.mp3', 'mp3', 720,
                dict(title='Song Two', artists=['Band A'],
                     album='Not A Drama OST')),
}
WAVES_KEYS = ['waves.heart', 'waves.paper', 'waves.tide', 'ko.paper',
              'ko.line']
# Its songs once each: the FLAC of Paper Boat is its best copy.
WAVES_SONGS = ['waves.heart', 'waves.paper', 'waves.tide', 'ko.line']


def rules_dramas(sb):
    """{title: dramas --json object}, or {} when it fails."""
    r = sb.run('dramas', '--json')
    if r.rc != 0:
        T.diag('dramas --json failed: %r' % r)
        return {}
    out = {}
    for l in r.out.decode('utf-8').splitlines():
        o = json.loads(l)
        out[o.get('title')] = o
    return out


def rules_of(sb):
    r = sb.run('drama', 'rules')
    return (r.rc, sorted(r.out.decode('utf-8').splitlines()))


def drama_by_key(sb, f):
    """{key: the drama tracks --json gives the file}."""
    recs = {os.fsdecode(p): rec for p, rec in sb.tracks().items()}
    return {k: (recs[p]['drama'] if p in recs else 'not listed')
            for k, p in f.items()}




def check_rules(h):
    sb = Sandbox(h, 'rules')
    try:
        d = os.path.join(sb.config, 'ostplay')
        os.makedirs(d)
        with open(os.path.join(d, 'config'), 'w') as fh:
            fh.write('# written by test-discover.py\nmpv.ao = null\n')
        sb.give_to_owner(d)
        f = {}
        for k, (rel, fmt, hz, tags) in RULES_FILES.items():
            p = os.path.join(sb.music, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            fx.encode_tone(p, fmt, hz, 1.0)
            fx.tag(p, **tags)
            f[k] = p
        r = sb.run('scan', sb.music)
        T.eq(r.rc, 0, 'rules: scan of %d files exits 0' % len(f))

        # What discovery made of them, before the user says anything.
        want = {k: {'waves': WAVES, 'ko': WAVES, 'kei': 'Keiyaku',
                    'ja': KEIYAKU_JA, 'dokebi': 'Dokebi',
                    'cafe': 'Sunday Cafe', 'nad': 'Not A Drama'}[
                        k.split('.')[0]] for k in f}
        got = drama_by_key(sb, f)
        T.eq({k: v for k, v in got.items() if not k.startswith('nad.')},
             {k: v for k, v in want.items() if not k.startswith('nad.')},
             'rules: before any rule, the files are given the dramas their '
             'names say (%s and %s as one, Keiyaku and %s apart)'
             % (WAVES, WAVES_KO, KEIYAKU_JA))
        T.eq(rules_of(sb), (0, []), 'rules: drama rules lists nothing yet')
        T.eq(sb.run('drama', 'forget', 'Sunday Cafe').rc, 1,
             'rules: drama forget of a name nothing was said of exits 1')

        # explain: the Hangul file's name is grouped under the drama's.
        r = sb.run('explain', f['ko.paper'])
        grouped = [l for l in r.out.decode('utf-8').splitlines()
                   if l.startswith('grouped:')]
        T.ok(r.rc == 0 and len(grouped) == 1 and WAVES_KO in grouped[0] and
             WAVES in grouped[0], 'rules: explain of a file of "%s" has a '
             '"grouped:" line naming %s and %s' % (WAVES_KO, WAVES_KO, WAVES),
             'grouped: %s is %s, ...' % (WAVES_KO, WAVES), r)

        # ignore: no drama, and it stays so.
        r = sb.run('drama', 'ignore', 'Sunday Cafe')
        T.eq(r.rc, 0, 'rules: drama ignore "Sunday Cafe" exits 0')
        got = drama_by_key(sb, f)
        T.eq((got['cafe.latte'], got['cafe.mocha']), (None, None),
             'rules: ... its files have no drama (tracks --json: null)')
        dr = rules_dramas(sb)
        T.ok(WAVES in dr and 'Sunday Cafe' not in dr, 'rules: ... dramas no '
             'longer lists it (and still lists %s)' % WAVES, 'not listed',
             sorted(dr))
        T.eq(sorted(json.loads(l)['path'] for l in sb.run(
            'tracks', '--json', '--unmatched').out.decode().splitlines()
            if 'Sunday Cafe' in l),
             sorted([f['cafe.latte'], f['cafe.mocha']]),
             'rules: ... tracks --unmatched lists them')
        got = drama_by_key(sb, f)
        T.eq({k: v for k, v in got.items() if not k.startswith(('cafe.',
                                                              'nad.'))},
             {k: v for k, v in want.items() if not k.startswith(('cafe.',
                                                               'nad.'))},
             'rules: ... the other files keep their dramas')
        # The album that says "Not A Drama OST" is discovered as "Not A"
        # ("Drama" says what it is a soundtrack of): a name that is no
        # drama's is refused with the closest, which is then ignored.
        nad = got['nad.one']
        r = sb.run('drama', 'ignore', 'Not A Drama')
        T.ok(r.rc == 1 and len(r.err_lines()) == 1 and
             "'Not A Drama'" in r.err_lines()[0] and
             ('closest: %s' % nad) in r.err_lines()[0],
             'rules: drama ignore of a name no drama has exits 1 with one '
             'line offering the closest, %s' % nad, 1, r)
        r = sb.run('drama', 'ignore', nad)
        got = drama_by_key(sb, f)
        T.ok(r.rc == 0 and (got['nad.one'], got['nad.two']) == (None, None),
             'rules: drama ignore "%s" (the album "Not A Drama OST") leaves '
             'its files no drama' % nad, (0, None, None),
             (r.rc, r.err, got['nad.one'], got['nad.two']))

        # alias: two discovered names, one drama; a name for a catalog
        # drama.
        r = sb.run('drama', 'alias', 'Keiyaku', KEIYAKU_JA)
        T.eq(r.rc, 0, 'rules: drama alias Keiyaku %s exits 0'
             % KEIYAKU_JA)
        r = sb.run('drama', 'alias', 'Dokebi', 'Goblin')
        T.eq(r.rc, 0, 'rules: drama alias Dokebi Goblin exits 0')

        def after_rules(when):
            got = drama_by_key(sb, f)
            T.eq({k: got[k] for k in ('kei.tsuki', 'kei.theme', 'ja.doki',
                                      'ja.yakusoku')},
                 {k: KEIYAKU_JA for k in ('kei.tsuki', 'kei.theme',
                                          'ja.doki', 'ja.yakusoku')},
                 'rules: %s the files of Keiyaku and of %s are one drama, '
                 '%s' % (when, KEIYAKU_JA, KEIYAKU_JA))
            dr = rules_dramas(sb)
            o = dr.get(KEIYAKU_JA, {})
            T.ok('Keiyaku' not in dr and o.get('tracks') == 4 and
                 'Keiyaku' in (o.get('aliases') or []),
                 'rules: %s dramas --json lists %s with 4 tracks and the '
                 'alias Keiyaku, and no Keiyaku' % (when, KEIYAKU_JA),
                 '4 tracks, alias Keiyaku', (o, 'Keiyaku' in dr))
            r = sb.run('tracks', '--json', '--drama', 'goblin')
            got = sorted(json.loads(l)['path'] for l in
                         r.out.decode('utf-8').splitlines())
            T.eq((r.rc, got), (0, sorted([f['dokebi.eyes'],
                                          f['dokebi.here']])),
                 'rules: %s tracks --drama goblin lists the two Dokebi OST '
                 'files' % when)
            T.ok('Dokebi' not in dr and
                 dr.get('Goblin', {}).get('tracks') == 2,
                 'rules: %s dramas --json: Goblin has their 2 tracks, no '
                 'Dokebi' % when, 2, (dr.get('Goblin'), 'Dokebi' in dr))
            got = drama_by_key(sb, f)
            T.eq((got['cafe.latte'], got['cafe.mocha']), (None, None),
                 'rules: %s the Sunday Cafe files have no drama' % when)
            T.eq(rules_of(sb), (0, sorted([
                'Dokebi: another name of Goblin',
                'Keiyaku: another name of %s' % KEIYAKU_JA,
                'Not A: no drama',
                'Sunday Cafe: no drama'])),
                 'rules: %s drama rules lists the four rules' % when)

        after_rules('after the rules,')
        r = sb.run('scan')
        T.eq(r.rc, 0, 'rules: a rescan (scan, no folder) exits 0')
        after_rules('after a rescan,')
        fx.tag(f['cafe.mocha'], title='Mocha (Remastered)',
               artists=['Cafe Band'], album='Sunday Cafe OST', year=2020)
        r, st = sb.scan()
        T.ok(r.rc == 0 and st and st.get('updated') == 1, 'rules: a rescan '
             'after re-tagging one Sunday Cafe file updates it', 'updated 1',
             r)
        after_rules('after a re-tag and rescan,')

        # A discovered drama plays by either name, and is a stored
        # playlist for MPD clients.
        want_q = sorted(f[k] for k in WAVES_SONGS)
        r = sb.run('play', WAVES, timeout=td.WAIT)
        q = [e.get('path') for e in td.queue(sb) or []]
        T.ok(r.rc == 0 and sorted(q) == want_q, 'rules: play "%s" queues '
             'its 4 songs once each (Paper Boat by its FLAC)' % WAVES, want_q,
             (r, q))
        r = sb.run('play', WAVES_KO, timeout=td.WAIT)
        q2 = [e.get('path') for e in td.queue(sb) or []]
        T.ok(r.rc == 0 and q2 == q, 'rules: play %s (its native name) '
             'queues the same' % WAVES_KO, q, (r, q2))
        c = td.mpd(sb)
        try:
            lines, end = c.cmd('listplaylists')
            lists = [l.partition(': ')[2] for l in lines
                     if l.startswith('playlist: ')]
            T.ok(end == 'OK' and WAVES in lists and WAVES_KO not in lists and
                 'Sunday Cafe' not in lists and 'Dokebi' not in lists and
                 'Goblin' in lists, 'rules: MPD listplaylists lists "%s" '
                 '(not its native name, nor an ignored or aliased name)'
                 % WAVES, WAVES, (end, lists))
            _, end1 = c.cmd('clear')
            _, end2 = c.cmd('load "%s"' % WAVES)
            q3 = [e.get('path') for e in td.queue(sb) or []]
            T.ok(end1 == end2 == 'OK' and sorted(q3) == want_q,
                 'rules: MPD clear, load "%s" queues its 4 songs' % WAVES,
                 want_q, (end1, end2, q3))
            _, end = c.cmd('rm "%s"' % WAVES)
            T.eq(td.ack(end)[::2] if td.ack(end) else end, (2, 'rm'),
                 'rules: MPD rm "%s" is refused (ACK [2@0] {rm})' % WAVES)
            lines, end = c.cmd('listplaylists')
            T.ok(end == 'OK' and 'playlist: %s' % WAVES in lines,
                 'rules: ... and it is still listed', WAVES, lines)
        finally:
            c.close()
        td.stop_all(sb)

        # catalog: a user catalog the drama then lives in.
        target = os.path.join(sb.data, 'ostplay', 'catalogs',
                              'letters-on-the-waves.xspf')
        r = sb.run('drama', 'catalog', WAVES)
        out = r.out.decode('utf-8')
        T.ok(r.rc == 0 and target in out and os.path.isfile(target),
             'rules: drama catalog "%s" exits 0, writes %s and prints its '
             'path' % (WAVES, target), target, r)
        v = xmllint(target) if os.path.isfile(target) else (False, 'none')
        if v is None:
            T.skip('rules: the catalog is valid against xspf-1_0.rng',
                   'xmllint or %s missing' % SCHEMA)
        else:
            T.ok(v[0], 'rules: the catalog is valid against xspf-1_0.rng',
                 'valid', v[1])
        titles = None
        try:
            root = ET.parse(target).getroot()
        except (OSError, ET.ParseError) as e:
            root = None
            T.ok(False, 'rules: the catalog parses as XML', 'XML', e)
        if root is not None:
            O = '{urn:x-ostplay:catalog:1}'
            titles = [t.findtext(XSPF + 'title')
                      for t in root.iter(XSPF + 'track')]
            aliases = [a.text for a in root.iter(O + 'alias')]
            T.eq((root.findtext(XSPF + 'title'), aliases,
                  sorted(titles)),
                 (WAVES, [WAVES_KO], sorted(['Open Your Heart', 'Paper Boat',
                                            'Low Tide', '물결선'])),
                 'rules: the catalog is titled "%s", has the alias %s and '
                 'its 4 songs once each' % (WAVES, WAVES_KO))
        o = rules_dramas(sb).get(WAVES, {})
        T.eq((o.get('catalog'), o.get('aliases'), o.get('songs'),
              o.get('tracks')), (True, [WAVES_KO], 4, 5),
             'rules: dramas --json: "%s" is a catalog drama now, with its '
             'native alias, 4 songs and 5 tracks' % WAVES)
        recs = {os.fsdecode(p): rec for p, rec in sb.tracks().items()}
        got = {k: (recs[f[k]]['drama'], recs[f[k]]['ost_track'])
               for k in WAVES_KEYS}
        T.eq(got, {k: (WAVES, RULES_FILES[k][3]['title'])
                   for k in WAVES_KEYS},
             'rules: its 5 files (the Hangul-named ones too) are its own, '
             'each the catalog song of its title')
        r = sb.run('drama', 'catalog', WAVES)
        T.ok(r.rc == 1 and r.out == b'' and
             'in a catalog already' in r.err, 'rules: drama catalog "%s" '
             'again says it is in a catalog already, exit 1' % WAVES,
             'rc 1, in a catalog already', r)
        r = sb.run('play', WAVES, timeout=td.WAIT)
        q = td.queue(sb) or []
        T.ok(r.rc == 0 and [e.get('ost_track') for e in q] == titles and
             sorted(e.get('path') for e in q) == want_q,
             'rules: play "%s" (catalogued) queues its 4 songs in the '
             'catalog\'s order' % WAVES, titles, (r, q))
        td.stop_all(sb)

        # forget: the drama comes back.
        r = sb.run('drama', 'forget', 'Sunday Cafe')
        got = drama_by_key(sb, f)
        T.ok(r.rc == 0 and (got['cafe.latte'], got['cafe.mocha']) ==
             ('Sunday Cafe', 'Sunday Cafe'), 'rules: drama forget '
             '"Sunday Cafe" gives its files their drama back', 'Sunday Cafe',
             (r, got['cafe.latte'], got['cafe.mocha']))
        T.ok(r.out.decode().startswith('Forgot what was said of Sunday '
                                       'Cafe'), 'rules: drama forget says '
             'what it did in one line', 'Forgot ...', r.out)
        T.eq(rules_dramas(sb).get('Sunday Cafe', {}).get('tracks'), 2,
             'rules: ... dramas --json lists it again, with 2 tracks')
        T.eq(rules_of(sb), (0, sorted([
            'Dokebi: another name of Goblin',
            'Keiyaku: another name of %s' % KEIYAKU_JA,
            'Not A: no drama'])),
             'rules: ... and drama rules lists the three others only')
    finally:
        td.stop_all(sb)
        sb.cleanup()

def check_library(h):
    t0 = time.monotonic()
    cases = dc.CASES
    summary(cases)
    catalog = tm.load_catalogs()
    check_table(cases, catalog)

    sb = Sandbox(h, 'library')
    MUSIC[0] = sb.music
    try:
        recs = tm.scan_cases(sb, cases)

        T.run_groups([
            ('recognition', lambda: check_recognition(cases, recs,
                                                      catalog)),
            ('grouping', lambda: check_grouping(cases, recs)),
        ], [])
        names = {g: None for g in dc.NAMES}
        try:
            names = display_names(cases, recs)
        except Exception as e:  # report, then go on with the commands
            T.ok(False, 'display_names raised %s: %s' % (
                type(e).__name__, e))
        T.run_groups([
            ('dramas', lambda: check_dramas_command(sb, cases, recs,
                                                    catalog, names)),
            ('tracks --drama', lambda: check_tracks_drama(sb, cases, recs,
                                                          names)),
            ('export', lambda: check_export(sb, cases, recs, names)),
            ('explain', lambda: check_explain(sb, cases, recs, names)),
        ], [])
    finally:
        sb.cleanup()

    T.diag('')
    T.diag('discovery figures (%d drama files of %d works, %d confusers; '
           '%.1f s):' % (sum(c.group is not None for c in cases),
                         len(dc.NAMES), sum(c.group is None for c in cases),
                         time.monotonic() - t0))
    width = max(len(label) for label, _ in FIGURES) if FIGURES else 0
    for label, text in FIGURES:
        T.diag('  %-*s  %s' % (width, label, text))


GROUPS = [('library', check_library), ('rules', check_rules)]


def main():
    h = Harness(T, 'discover')
    T.run_groups(GROUPS, GROUP_ARGS, h)
    return T.finish()


if __name__ == '__main__':
    sys.exit(main())
