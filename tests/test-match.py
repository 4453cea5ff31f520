#!/usr/bin/python3
"""Integration test of the drama-OST matcher, with TAP output.

Usage: OSTPLAY=build/ostplay /usr/bin/python3 tests/test-match.py

Builds the labelled fixture library of match_cases.py (every file generated
here: fixtures.py tones, tagged with mutagen) in a Sandbox, scans it with the
real binary and compares `tracks --json` with the labels: drama precision
and recall, song, instrumental and duet accuracy; then checks that `dramas`,
`tracks --drama/--duets/--instrumental/--unmatched` and `explain` agree with
what `tracks --json` says, and that a number in the name `tracks --drama`
is given must be the drama's ("Reply 1994" finds none, naming the closest).  Labels are resolved against the catalogs in
playlists/ (or $OSTPLAY_PLAYLISTS) at run time; a label that names no
catalog entry, or several, is reported as a failing assert.
Set OSTPLAY_TEST_KEEP=1 to keep the temporary tree.
"""

import glob
import json
import os
import re
import sys
import traceback
import unicodedata
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True	# no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fixtures as fx  # noqa: E402
import importlib  # noqa: E402
# The labelled case table: match_cases, or another module of the same
# shape named as the first argument (match_cases_blind, written apart).
mc = importlib.import_module(sys.argv[1] if len(sys.argv) > 1
                             else 'match_cases')
from sandbox import Harness, Sandbox, TestError  # noqa: E402
from taphelper import Tap  # noqa: E402

T = Tap()
PLAYLISTS = (os.environ.get('OSTPLAY_PLAYLISTS') or
             os.path.join(HERE, '..', 'playlists'))
XSPF = '{http://xspf.org/ns/0/}'
CAT = '{urn:x-ostplay:catalog:1}'

# The thresholds.
MIN_PRECISION = 0.99
MIN_RECALL = 0.97
MIN_SONG = 0.95
MIN_FLAGS = 0.97
MIN_CASES = 300


def key(s):
    """Comparison key of a label or catalog name: NFKC, case folded, with
    everything but letters and digits (spaces, punctuation) removed."""
    s = unicodedata.normalize('NFKC', s or '').casefold()
    return ''.join(c for c in s if unicodedata.category(c)[0] in 'LN')


def has_hangul(s):
    return any('\uac00' <= c <= '\ud7a3' for c in s)


# ---------------------------------------------------------------------------
# Catalogs and labels
# ---------------------------------------------------------------------------

class Drama:
    def __init__(self, title):
        self.title = title
        self.keys = {key(title)}
        self.aliases = []
        self.songs = {}		# canonical song title -> set of keys
        self.inst_songs = set()	# songs marked instrumental="true"


def _text(el):
    return (el.text or '').strip() if el is not None else ''


def load_catalogs():
    """Reads playlists/*.xspf into {canonical title: Drama}."""
    files = sorted(glob.glob(os.path.join(PLAYLISTS, '*.xspf')))
    T.ok(files, 'catalogs: %s holds *.xspf files' % PLAYLISTS,
         'at least one catalog', 'none')
    dramas = {}
    for f in files:
        try:
            root = ET.parse(f).getroot()
        except ET.ParseError as e:
            T.ok(False, 'catalogs: %s parses as XML' % os.path.basename(f),
                 'well-formed XML', str(e))
            continue
        title = _text(root.find(XSPF + 'title'))
        if not title:
            T.ok(False, 'catalogs: %s has a <title>' % os.path.basename(f))
            continue
        # A second file naming the same drama extends it, as the README
        # says of user catalogs.
        d = dramas.setdefault(title, Drama(title))
        for dr in root.iter(CAT + 'drama'):
            for a in dr.findall(CAT + 'alias'):
                if _text(a):
                    d.aliases.append(_text(a))
                    d.keys.add(key(_text(a)))
        tl = root.find(XSPF + 'trackList')
        for tr in (tl.findall(XSPF + 'track') if tl is not None else []):
            st = _text(tr.find(XSPF + 'title'))
            if not st:
                continue
            keys = d.songs.setdefault(st, set())
            keys.add(key(st))
            # Only the song's own aliases: performers' aliases are names.
            for song in tr.iter(CAT + 'song'):
                for a in song.findall(CAT + 'alias'):
                    keys.add(key(_text(a)))
                if song.get('instrumental') == 'true':
                    d.inst_songs.add(st)
    return dramas


def resolve_drama(dramas, label):
    return [t for t, d in dramas.items() if key(label) in d.keys]


def resolve_labels(dramas, cases):
    """Returns per case (expected drama title, expected song title), None
    where the label is None; 'unresolved' where it cannot be resolved (the
    case is then left out of what that label decides).  Each label that
    does not resolve to exactly one entry is a failing assert."""
    bad = {}
    out = []
    for c in cases:
        exp_d = exp_s = None
        if c.drama is not None:
            hits = resolve_drama(dramas, c.drama)
            if len(hits) == 1:
                exp_d = hits[0]
            else:
                exp_d = 'unresolved'
                bad.setdefault(('drama', c.drama), hits)
        if c.song is not None and exp_d not in (None, 'unresolved'):
            songs = dramas[exp_d].songs
            hits = [s for s, keys in songs.items() if key(c.song) in keys]
            if len(hits) == 1:
                exp_s = hits[0]
            else:
                exp_s = 'unresolved'
                bad.setdefault(('song', '%s / %s' % (c.drama, c.song)), hits)
        out.append((exp_d, exp_s))
    for (what, label), hits in sorted(bad.items()):
        T.ok(False, 'labels: %s label "%s" resolves to exactly one catalog '
             'entry' % (what, label), 'one entry', hits or 'none')
    n_labels = len({('drama', c.drama) for c in cases if c.drama} |
                   {('song', c.drama, c.song) for c in cases if c.song})
    if not bad:
        T.ok(True, 'labels: all %d drama and song labels resolve against '
             'the catalogs' % n_labels)
    for name in mc.NOT_IN_CATALOG:
        hits = resolve_drama(dramas, name)
        T.ok(not hits, 'labels: "%s" (negatives depend on it) is not a '
             'catalog drama' % name, 'no catalog entry', hits)
    return out


# ---------------------------------------------------------------------------
# The library
# ---------------------------------------------------------------------------

def build_library(music, cases):
    """Writes every case's file; returns {absolute path bytes: index}."""
    paths = {}
    for i, c in enumerate(cases):
        path = os.path.join(music, c.path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fmt = 'mp3' if c.fmt == 'mp3v23' else c.fmt
        # A handful of tones: fixtures.py encodes each once and copies it.
        fx.encode_tone(path, fmt, 220 + 55 * (i % 6), seconds=0.3)
        if c.tags is not None:
            kw = dict(c.tags)
            if c.fmt == 'mp3v23':
                kw['id3_version'] = 3
            fx.tag(path, **kw)
        paths[os.fsencode(path)] = i
    return paths


def parse_lines(r, what):
    """JSON lines printed by a command, or None after a failing assert."""
    if r.rc != 0:
        T.ok(False, '%s exits 0' % what, 'exit 0', r)
        return None
    out = []
    for line in r.out.splitlines():
        if not line.strip():
            continue
        try:
            out.append(json.loads(line.decode('utf-8')))
        except (UnicodeDecodeError, ValueError) as e:
            T.ok(False, '%s prints JSON lines' % what, 'JSON', '%s: %r'
                 % (e, line[:200]))
            return None
    return out


def path_set(recs):
    return {r['path'].encode('utf-8', 'surrogateescape') for r in recs
            if isinstance(r.get('path'), str)}


# ---------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------

def show(case, rec):
    return '%s: expected %s / %s, got %s / %s (confidence %s)' % (
        case.path, case.drama, case.song, rec.get('drama'),
        rec.get('ost_track'), rec.get('confidence'))


def ratio_assert(desc, good, total, minimum, wrong):
    """One assert that good/total >= minimum; every miss is listed even
    when the ratio passes, so that a near miss stays visible."""
    value = good / total if total else 0.0
    T.diag('%s: %.4f (%d/%d)' % (desc, value, good, total))
    for w in wrong:
        T.diag('  ' + w)
    return T.ok(total > 0 and value >= minimum,
                '%s >= %.2f' % (desc, minimum), '>= %.2f' % minimum,
                '%.4f (%d/%d)' % (value, good, total))


def check_matching(cases, labels, recs):
    """Precision, recall, song and flag accuracy, field sanity.  Only
    catalog dramas count: a drama discovered from the files (issue 10;
    test-discover.py scores those) is no drama here, so a label None on an
    uncatalogued drama's OST still holds."""
    given = correct_given = labelled = found = 0
    wrong, missed = [], []
    discovered = []
    for c, (exp_d, _), rec in zip(cases, labels, recs):
        if rec is None or exp_d == 'unresolved':
            continue
        got = rec.get('drama')
        if got is not None and got not in CATALOG:
            discovered.append('%s: %s' % (c.path, got))
            got = None
        if got is not None:
            given += 1
            if got == exp_d:
                correct_given += 1
            else:
                wrong.append(show(c, rec))
        if exp_d is not None:
            labelled += 1
            if got == exp_d:
                found += 1
            else:
                missed.append(show(c, rec))
    T.diag('tracks given a discovered drama, not counted: %d'
           % len(discovered))
    for d in discovered:
        T.diag('  ' + d)
    ratio_assert('drama precision (right drama among tracks given one)',
                 correct_given, given, MIN_PRECISION, wrong)
    ratio_assert('drama recall (right drama among tracks labelled with one)',
                 found, labelled, MIN_RECALL, missed)

    good = total = 0
    bad = []
    for c, (exp_d, exp_s), rec in zip(cases, labels, recs):
        if rec is None or exp_s in (None, 'unresolved'):
            continue
        if rec.get('drama') != exp_d:
            continue
        total += 1
        if rec.get('ost_track') == exp_s:
            good += 1
        else:
            bad.append('%s: expected song %r, got %r' % (
                c.path, exp_s, rec.get('ost_track')))
    ratio_assert('song accuracy among tracks with the right drama',
                 good, total, MIN_SONG, bad)

    for field, attr in (('instrumental', 'inst'), ('duet', 'duet')):
        good = total = 0
        bad = []
        for c, rec in zip(cases, recs):
            if rec is None:
                continue
            total += 1
            want = getattr(c, attr)
            if rec.get(field) is want:
                good += 1
            else:
                bad.append('%s: expected %s %s, got %r' % (
                    c.path, field, want, rec.get(field)))
        ratio_assert('%s flag accuracy over all tracks' % field, good, total,
                     MIN_FLAGS, bad)

    present = [(c, r) for c, r in zip(cases, recs) if r is not None]
    bad = [(c.path, r.get('confidence')) for c, r in present
           if isinstance(r.get('confidence'), bool) or
           not isinstance(r.get('confidence'), (int, float)) or
           not 0 <= r['confidence'] <= 1]
    T.ok(present and not bad, 'confidence is a number in 0..1 for every '
         'track', 'every track', '%d wrong, e.g. %s' % (len(bad), bad[:5]))
    bad = [(c.path, r.get('ost_track')) for c, r in present
           if r.get('drama') is None and r.get('ost_track') is not None]
    T.ok(present and not bad, 'a track with no drama has no ost_track',
         'null', bad[:10])
    bad = [(c.path, r.get('drama'), r.get('ost_track')) for c, r in present
           if r.get('drama') is not None and r.get('ost_track') is not None
           and r['drama'] not in CATALOG]
    T.ok(not bad, 'every drama given is a catalog title', 'catalog titles',
         bad[:10])


# Kinds of case that each stand for one recognition rule (issue 11): every
# one of them must be right, not only the set on average.
RULE_KINDS = ('pos:inst-word', 'neg:inst-word', 'pos:video',
              'pos:ost-credit', 'pos:original-st-cjk')


def check_rules(cases, labels, recs):
    """Each case of a rule kind: drama, song, instrumental and duet flags
    exactly as labelled."""
    for c, (exp_d, exp_s), rec in zip(cases, labels, recs):
        if c.kind not in RULE_KINDS or exp_d == 'unresolved':
            continue
        got = None if rec is None else (
            rec.get('drama') if rec.get('drama') in CATALOG else None,
            rec.get('ost_track') if exp_s is not None else None,
            rec.get('instrumental'), rec.get('duet'))
        T.eq(got, (exp_d, exp_s, c.inst, c.duet),
             'rule %s: %s' % (c.kind, c.path))


def check_dramas_command(sb, cases, labels, recs):
    """`dramas --json` counts, per catalog drama, the tracks matched."""
    expected = {t: 0 for t in CATALOG}
    for exp_d, _ in labels:
        if exp_d in expected:
            expected[exp_d] += 1
    out = parse_lines(sb.run('dramas', '--json'), 'dramas --json')
    got = {}
    if out is not None:
        for o in out:
            if isinstance(o, dict) and 'title' in o:
                got[o['title']] = o.get('tracks')
        T.ok(set(CATALOG) <= set(got), 'dramas --json lists every catalog '
             'drama', sorted(CATALOG), sorted(got))
    actual = {}
    for rec in recs:
        if rec is not None and rec.get('drama') is not None:
            actual[rec['drama']] = actual.get(rec['drama'], 0) + 1
    for title in sorted(CATALOG):
        T.eq(got.get(title), expected[title], 'dramas --json: "%s" counts '
             'the %d tracks the labels give it' % (title, expected[title]))
        if got.get(title) != actual.get(title, 0) and out is not None:
            T.diag('  ("tracks --json" gives it %d)'
                   % actual.get(title, 0))


def check_filters(sb, cases, labels, recs):
    """`tracks --json` filters agree with the records' own fields."""
    all_recs = [r for r in recs if r is not None]
    titles = sorted({d for d, _ in labels if d not in (None, 'unresolved')})
    for title in titles:
        mine = path_set(r for r in all_recs if r.get('drama') == title)
        names = [title]
        hangul = [a for a in CATALOG[title].aliases if has_hangul(a)]
        if hangul:
            names.append(hangul[0])
        for name in names:
            what = 'tracks --json --drama "%s"' % name
            out = parse_lines(sb.run('tracks', '--json', '--drama', name),
                              what)
            if out is None:
                continue
            got = path_set(out)
            T.ok(got == mine, '%s lists exactly the tracks matched to "%s"'
                 % (what, title), '%d tracks' % len(mine),
                 '%d tracks; missing %s; extra %s' % (
                     len(got), sorted(mine - got)[:3],
                     sorted(got - mine)[:3]))
    for flag, pred in (('--duets', lambda r: r.get('duet') is True),
                       ('--instrumental',
                        lambda r: r.get('instrumental') is True),
                       ('--unmatched', lambda r: r.get('drama') is None)):
        what = 'tracks --json %s' % flag
        out = parse_lines(sb.run('tracks', '--json', flag), what)
        if out is None:
            continue
        mine = path_set(r for r in all_recs if pred(r))
        got = path_set(out)
        T.ok(got == mine, '%s lists exactly the tracks whose record says so'
             % what, '%d tracks' % len(mine), '%d tracks; missing %s; extra '
             '%s' % (len(got), sorted(mine - got)[:3],
                     sorted(got - mine)[:3]))


def scan_cases(sb, cases):
    """Builds the labelled library of `cases` in the sandbox, scans it and
    returns what `tracks --json` says of each case, in order (None when
    it lists nothing for one)."""
    index = build_library(sb.music, cases)
    r, st = sb.scan(sb.music)
    T.ok(r.rc == 0 and st and st.get('added') == len(cases),
         'scan of the %d-file library exits 0 and adds every file'
         % len(cases), 'rc 0, added %d' % len(cases), r)
    try:
        by_path = sb.tracks()
    except TestError as e:
        T.ok(False, 'tracks --json lists the library', 'JSON lines', e)
        by_path = {}
    recs = [None] * len(cases)
    for p, i in index.items():
        recs[i] = by_path.get(p)
    missing = [c.path for c, r_ in zip(cases, recs) if r_ is None]
    T.ok(not missing, 'tracks --json has a record for every case',
         'none missing', missing[:10])
    return recs


def check_names(sb, cases, labels, recs):
    """A number in a drama's name must match: `tracks --drama` of a name in
    no catalog ("Reply 1994", a digit from Reply 1997) lists only the files
    that name it when some do (a drama discovered in them), else finds
    none and names the closest instead; "Full House 2" is Full House Take 2
    (or a "say which" without Full House), never Full House."""
    all_recs = [r for r in recs if r is not None]
    for name, closest in (('Reply 1994', ['Reply 1997', 'Reply 1988']),
                          ('Dream High 2', ['Dream High']),
                          ('Reply 1995', ['Reply 1997', 'Reply 1988']),
                          ('Dream High 3', ['Dream High'])):
        own = path_set(r for r in all_recs if r.get('drama') == name)
        r = sb.run('tracks', '--json', '--drama', name)
        if own:
            got = path_set(parse_lines(r, 'tracks --json --drama') or [])
            T.ok(r.rc == 0 and got == own, 'tracks --drama "%s" lists the '
                 'files of the drama discovered by that name, none of %s'
                 % (name, ', '.join(closest)), '%d files' % len(own), r)
            continue
        err = r.err_lines()
        T.ok(r.rc == 1 and not r.out and len(err) == 1 and
             "'%s'" % name in err[0] and
             all(t in err[0] for t in closest),
             'tracks --drama "%s" (no such drama): exit 1, nothing listed, '
             'one line naming it and the closest, %s'
             % (name, ', '.join(closest)), 'rc 1, one line', r)
    full = path_set(r for r in all_recs if r.get('drama') == 'Full House')
    take2 = path_set(r for r in all_recs
                     if r.get('drama') == 'Full House Take 2')
    T.ok(full and take2, 'the library holds tracks of Full House and of '
         'Full House Take 2', 'some of each', (len(full), len(take2)))
    r = sb.run('tracks', '--json', '--drama', 'Full House 2')
    got = path_set(parse_lines(r, 'tracks --json --drama "Full House 2"')
                   or []) if r.rc == 0 else set()
    which = r.rc == 1 and 'say which' in r.err and \
        re.search(r'Full House(?! Take)', r.err) is None
    T.ok((r.rc == 0 and got == take2) or which, 'tracks --drama "Full House '
         '2" lists Full House Take 2\'s tracks (or asks which, without Full '
         'House), never Full House\'s', '%d tracks' % len(take2),
         '%r; %d of Full House\'s' % (r, len(got & full)))


def check_human_lines(sb, cases, labels, recs):
    """`tracks` names an untagged file by the song matching found in it,
    then its file name."""
    rec = next((r for r in recs if r is not None and not r.get('title')
                and r.get('ost_track') and r.get('drama')), None)
    if rec is None:
        T.skip('tracks: an untagged file of a known song',
               'no untagged file of a known song in this set')
        return
    r = sb.run('tracks', '--drama', rec['drama'])
    want = '%s (file: %s)' % (rec['ost_track'],
                              os.path.basename(rec['path']))
    lines = r.out.decode('utf-8', 'replace').splitlines()
    T.ok(r.rc == 0 and any(want in l for l in lines),
         'tracks: an untagged file of a known song shows the song, then its '
         'file name', want, [l for l in lines if 'file:' in l][:5])


def check_explain(sb, cases, labels, recs):
    matched = [(c, d) for c, (d, _), r in zip(cases, labels, recs)
               if r is not None and d not in (None, 'unresolved')
               and r.get('drama') == d]
    positive = [(c, d) for c, (d, _) in zip(cases, labels)
                if d not in (None, 'unresolved')]
    pick = (matched or positive or [(None, None)])[0]
    if pick[0] is None:
        T.ok(False, 'explain: a positive case to explain', 'one', 'none')
    else:
        c, title = pick
        r = sb.run('explain', os.path.join(sb.music, c.path))
        text = r.out.decode('utf-8', 'replace')
        T.ok(r.rc == 0 and title in text, 'explain FILE of a matched file '
             'exits 0 and names its drama "%s"' % title, 'exit 0, stdout '
             'mentioning %r' % title, r)
    neg = [c for c in cases if c.drama is None]
    if neg:
        r = sb.run('explain', os.path.join(sb.music, neg[0].path))
        T.ok(r.rc == 0 and r.out.strip(), 'explain FILE of an unmatched '
             'file exits 0 and says something', 'exit 0 and output', r)


# ---------------------------------------------------------------------------

CATALOG = {}


def check_rematch_agrees(sb, cases, labels, recs):
    """A scan matches new files as it reads their tags; a catalog change
    makes every track be matched again afterwards.  Both must give each
    file the same match."""
    folder = os.path.join(sb.data, 'ostplay', 'catalogs')
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, 'rematch-check.xspf'), 'w') as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<playlist version="1" xmlns="http://xspf.org/ns/0/">\n'
                '  <title>Rematch Check Drama</title>\n'
                '  <trackList/>\n</playlist>\n')
    r = sb.run('dramas')
    T.eq(r.rc, 0, 'rematch: dramas exits 0 after a catalog change')
    again = sb.tracks()
    fields = ('drama', 'song', 'ost_order', 'confidence', 'duet',
              'instrumental', 'version')
    differ = []
    for rec in recs:
        if rec is None:
            continue
        other = again.get(rec['path'].encode('utf-8', 'surrogateescape'),
                          {})
        if any(rec.get(k) != other.get(k) for k in fields):
            differ.append((rec['path'], {k: (rec.get(k), other.get(k))
                                         for k in fields
                                         if rec.get(k) != other.get(k)}))
    T.ok(not differ, 'rematch: every file matched again as the scan '
         'matched it', 'no difference', differ[:5])


def summary(cases):
    """The table's make-up, as diagnostics."""
    by_kind, by_fmt, by_drama = {}, {}, {}
    for c in cases:
        by_kind[c.kind] = by_kind.get(c.kind, 0) + 1
        by_fmt[c.fmt] = by_fmt.get(c.fmt, 0) + 1
        by_drama[c.drama or '(none)'] = by_drama.get(c.drama or '(none)',
                                                     0) + 1
    T.diag('%d cases; by format: %s' % (len(cases), ', '.join(
        '%s %d' % kv for kv in sorted(by_fmt.items()))))
    T.diag('by kind: ' + ', '.join('%s %d' % kv
                                   for kv in sorted(by_kind.items())))
    T.diag('by drama: ' + ', '.join('%s %d' % kv
                                    for kv in sorted(by_drama.items())))


def main():
    cases = mc.CASES
    summary(cases)
    T.ok(len(cases) >= MIN_CASES, 'case table: at least %d cases'
         % MIN_CASES, MIN_CASES, len(cases))
    T.eq(len({c.path.casefold() for c in cases}), len(cases),
         'case table: every path is unique')
    h = Harness(T, 'match')
    CATALOG.update(load_catalogs())
    labels = resolve_labels(CATALOG, cases)

    sb = Sandbox(h, 'library')
    try:
        recs = scan_cases(sb, cases)
        for fn in (check_matching, check_rules, check_dramas_command,
                   check_filters, check_names, check_human_lines,
                   check_explain, check_rematch_agrees):
            try:
                fn(*((cases, labels, recs)
                     if fn in (check_matching, check_rules)
                     else (sb, cases, labels, recs)))
            except Exception as e:  # report, then go on with the next check
                T.ok(False, '%s raised %s: %s' % (fn.__name__,
                                                  type(e).__name__, e))
                T.diag(traceback.format_exc())
    finally:
        sb.cleanup()
    return T.finish()


if __name__ == '__main__':
    sys.exit(main())
