#!/usr/bin/python3
"""Integration test of the help that finds you, with TAP output.

Usage: OSTPLAY=build/ostplay /usr/bin/python3 tests/test-help.py

`ostplay CMD --help` and `ostplay help CMD` print that command's usage,
options and an example; a mistyped command or option gets "did you mean"
and a pointer to --help, never the whole list; and the manual pages in
src/doc agree with the command table the binary was built from: every
command's synopsis, every option and what it takes (ostplay.1), every
config key that src/base/config.c reads (ostplay.conf.5).  The pages are
rendered with groff, as `man` does.
"""

import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sandbox import Harness, Sandbox  # noqa: E402
from taphelper import Tap  # noqa: E402

T = Tap()
SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
MAN1 = os.path.join(SOURCE, 'src', 'doc', 'ostplay.1')
MAN5 = os.path.join(SOURCE, 'src', 'doc', 'ostplay.conf.5')


def text(r):
    return r.out.decode('utf-8', 'replace')


def render(page):
    """The page as `man` shows it, on one long line per paragraph, with
    groff's typographic dashes made plain again."""
    p = subprocess.run(['groff', '-k', '-man', '-Tutf8', '-P-cbou',
                        '-rLL=200n', page], capture_output=True,
                       env=dict(os.environ, LC_ALL='C.UTF-8'))
    out = p.stdout.decode('utf-8', 'replace')
    return re.sub('[\u2010\u2011\u2212]', '-', out)


def flat(s):
    return ' '.join(s.split())


def commands(sb):
    r = sb.run('help', '--commands')
    T.ok(r.rc == 0 and r.out, 'help --commands lists the commands',
         'rc 0', r)
    return [line.split('\t')[0] for line in text(r).splitlines()]


def options(sb, cmd):
    """[(option, value or '')] of `cmd`, from help --options."""
    r = sb.run('help', '--options', cmd)
    return [tuple(line.split('\t')[:2]) for line in text(r).splitlines()]


def usage(sb, cmd):
    """What follows `ostplay CMD` in its usage line."""
    first = text(sb.run(cmd, '--help')).splitlines()[:1]
    return first[0][len('usage: ostplay %s' % cmd):].strip() if first else ''


def check_command_help(sb, names):
    r = sb.run('play', '--help')
    out = text(r)
    T.ok(r.rc == 0 and out.startswith('usage: ostplay play [DRAMA'),
         'play --help: exit 0 and the usage first', 'rc 0, usage', r)
    T.ok('--track QUERY' in out and '--all-copies' in out,
         'play --help: its options, with what they take', '--track QUERY',
         out)
    T.ok(re.search(r'^example:\n  ostplay play \S', out, re.M),
         'play --help: an example', 'example: ostplay play ...', out)
    T.ok(not r.err, 'play --help: nothing on stderr', '', r.err)

    r = sb.run('help', 'export')
    out = text(r)
    T.ok(r.rc == 0 and out.startswith('usage: ostplay export ') and
         '--all DIR' in out and '-o FILE' in out and
         'ostplay export Goblin' in out,
         'help export: the usage, options and an example', 'rc 0', r)
    T.eq(out, text(sb.run('export', '--help')),
         'help export prints what export --help does')
    r = sb.run('explain', '-h')
    T.ok(r.rc == 0 and text(r).startswith('usage: ostplay explain FILE'),
         'explain -h: help, though explain needs a FILE', 'rc 0', r)

    bare = [n for n in names
            if not re.search(r'^example:\n  ostplay %s\b' % re.escape(n),
                             text(sb.run(n, '--help')), re.M)]
    T.eq(bare, [], 'every command\'s --help ends with an example of it')


def check_mistakes(sb):
    r = sb.run('plya', 'goblin')
    err = r.err
    T.eq(r.rc, 2, 'plya goblin: a usage error (exit 2)')
    T.ok("did you mean play?" in err, 'plya goblin: "did you mean play?"',
         'did you mean play?', err)
    T.ok('--help' in err and len(err.splitlines()) <= 2 and
         'commands:' not in err and not r.out,
         'plya goblin: a pointer to --help, not the whole list',
         'two lines', err)

    r = sb.run('exprot', 'Goblin')
    T.ok(r.rc == 2 and 'did you mean export?' in r.err,
         'exprot: did you mean export', 'export', r)
    r = sb.run('frobnicate')
    err = r.err
    T.ok(r.rc == 2 and 'did you mean' not in err and
         "unknown command 'frobnicate'" in err and '--help' in err,
         'frobnicate: unknown, no guess, the pointer', 'no guess', err)
    r = sb.run('help', 'plya')
    T.ok(r.rc == 2 and 'did you mean play?' in r.err,
         'help plya: did you mean play', 'play', r)

    r = sb.run('tracks', '--jsn')
    err = r.err
    T.eq(r.rc, 2, 'tracks --jsn: a usage error (exit 2)')
    T.ok("unknown option '--jsn'; did you mean --json?" in err and
         "ostplay tracks --help" in err,
         'tracks --jsn: did you mean --json, and tracks --help',
         '--json', err)
    r = sb.run('shuffle', '--favourites')
    T.ok(r.rc == 2 and 'did you mean --favorites?' in r.err,
         'shuffle --favourites: did you mean --favorites', 'rc 2', r)


def check_manual(sb, names):
    page = render(MAN1)
    one = flat(page)
    T.ok('ostplay' in page and 'EXIT STATUS' in page,
         'ostplay.1 renders', 'a page', page[:300])
    missing = []
    for n in names:
        synopsis = flat('ostplay %s %s' % (n, usage(sb, n)))
        if synopsis + ' ' not in one + ' ':
            missing.append(synopsis)
    T.eq(missing, [], 'ostplay.1 gives every command\'s usage as --help does')

    # Each command's part: from the end of its synopsis (which names the
    # options too) to the next command's.
    synopses = {n: flat('ostplay %s %s' % (n, usage(sb, n))) + ' '
                for n in names}
    starts = sorted((one.find(synopses[n]), n) for n in names)
    parts = {n: one[s + len(synopses[n]):e] for (s, n), (e, _) in
             zip(starts, starts[1:] + [(len(one), None)]) if s >= 0}
    unsaid = ['%s %s' % (n, (o + ' ' + v).strip())
              for n in names for o, v in options(sb, n)
              if (o + ' ' + v).strip() not in parts.get(n, '')]
    T.eq(unsaid, [], 'ostplay.1 says every option of every command, and '
         'what it takes, where the command is')

    listed = re.search(r'^COMMANDS\n(.*?)^\S', page, re.M | re.S)
    tags = set(re.findall(r'^ {7}ostplay ([a-z]+)\b',
                          listed.group(1) if listed else '', re.M))
    T.eq(sorted(tags - set(names)), [], 'ostplay.1 lists no command the '
         'binary lacks')
    for section in ('SYNOPSIS', 'COMMANDS', 'EXIT STATUS', 'ENVIRONMENT',
                    'FILES', 'EXAMPLES', 'THE USER SERVICE'):
        T.ok(re.search(r'^%s$' % section, page, re.M),
             'ostplay.1 has %s' % section)

    conf = flat(render(MAN5))
    with open(os.path.join(SOURCE, 'src', 'base', 'config.c')) as f:
        source = f.read()
    keys = re.findall(r'strcmp\(key, "([^"]+)"\)', source)
    keys += re.findall(r'strncmp\(key, "([^"]+)"', source)
    T.ok(len(keys) >= 3, 'config.c: its keys found', '>= 3', keys)
    T.eq([k for k in keys if k not in conf], [],
         'ostplay.conf.5 describes every key config.c reads')


def main():
    h = Harness(T, 'help')
    sb = Sandbox(h, 'help')
    try:
        names = commands(sb)
        check_command_help(sb, names)
        check_mistakes(sb)
        check_manual(sb, names)
    finally:
        sb.cleanup()
    return T.finish()


if __name__ == '__main__':
    sys.exit(main())
