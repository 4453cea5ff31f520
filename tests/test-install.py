#!/usr/bin/python3
"""Integration test of `meson install`, with TAP output.

Usage: BUILD_ROOT=build OSTPLAY=build/ostplay /usr/bin/python3 \
           tests/test-install.py

Installs the build into a temporary root (`meson install --destdir`), then
uses what was installed, as a user would after `meson install`:
- the installed ostplay runs, with the installed catalogs (not the source
  tree's), and starts the installed daemon;
- each manual page renders with `man -l` without a warning, and `man`
  finds ostplay(1) in the installed manual folder;
- the installed bash completion completes a drama name of the library in
  a bash session (`_ostplay` called as bash's completion calls it), and
  commands, options and file names; the zsh and fish files parse, and
  fish completes a drama name too;
- `systemd-analyze --user verify` accepts the user unit (its paths moved
  under the temporary root, where they were installed), and the daemon run
  as the unit runs it saves its state and exits 0 on SIGTERM, as
  `systemctl --user stop` sends.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixtures as fx  # noqa: E402
from sandbox import Harness, Sandbox  # noqa: E402
from taphelper import Tap  # noqa: E402

T = Tap()
SOURCE = os.path.normpath(os.path.join(os.path.dirname(
    os.path.abspath(__file__)), '..'))
START_TIMEOUT = 30	# hang guards only; nothing here measures speed
STOP_TIMEOUT = 20


class Install:
    """The files `meson install` put under `root`, by where they go."""

    def __init__(self, root, installed):
        self.root = root
        self.installed = installed	# build path -> installed path

    def staged(self, path):
        return self.root + path

    def find(self, suffix):
        """The staged path of the one installed file ending in `suffix`."""
        hits = [p for p in self.installed.values() if p.endswith(suffix)]
        return self.staged(hits[0]) if len(hits) == 1 else None


def meson_install(sb):
    build = os.environ.get('BUILD_ROOT') or os.path.dirname(sb.h.bin)
    meson = shutil.which('meson')
    root = os.path.join(sb.root, 'stage')
    p = subprocess.run([meson, 'install', '-C', build, '--destdir', root,
                        '--no-rebuild', '--quiet'], capture_output=True)
    T.ok(p.returncode == 0, 'meson install --destdir exits 0', 'rc 0',
         p.stderr.decode(errors='replace')[-2000:])
    q = subprocess.run([meson, 'introspect', '--installed', build],
                       capture_output=True)
    return Install(root, json.loads(q.stdout or b'{}'))


def run(sb, argv, **kw):
    """Runs `argv` as the sandbox runs ostplay (as nobody under root)."""
    return subprocess.run(sb.h.priv.prefix + argv, env=kw.pop('env', sb.env),
                          cwd=sb.root, stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=kw.pop('timeout', 120),
                          **kw)


def check_files(inst):
    want = {'bin/ostplay': 'the ostplay binary',
            'libexec/ostplay-daemon': 'the daemon',
            'man1/ostplay.1': 'ostplay(1)',
            'man5/ostplay.conf.5': 'ostplay.conf(5)',
            'bash-completion/completions/ostplay': 'the bash completion',
            'zsh/site-functions/_ostplay': 'the zsh completion',
            'fish/vendor_completions.d/ostplay.fish': 'the fish completion',
            'systemd/user/ostplay.service': 'the systemd user unit',
            'ostplay/playlists': 'the catalogs',
            'ostplay/ostplay-tags.so': 'the TagLib module'}
    for suffix, what in want.items():
        path = inst.find('/' + suffix)
        T.ok(path and os.path.exists(path), 'installed: %s (%s)'
             % (what, suffix), suffix, sorted(inst.installed.values())[:20])


def make_library(sb):
    path = os.path.join(sb.music, 'Goblin OST', '01 Stay With Me.flac')
    os.makedirs(os.path.dirname(path))
    fx.encode_tone(path, 'flac', 440, 0.5)
    fx.tag(path, title='Stay With Me', artists=['Chanyeol', 'Punch'],
           album='Goblin OST Part.1', track=1)
    with open(os.path.join(sb.config, 'ostplay', 'config'), 'w') as f:
        f.write('mpv.ao = null\n')


def check_binary(sb, inst, bin):
    r = run(sb, [bin, '--version'])
    T.ok(r.returncode == 0 and r.stdout.startswith(b'ostplay '),
         'the installed ostplay runs', 'ostplay VERSION', r)
    env = dict(sb.env)
    env.pop('OSTPLAY_CATALOGS', None)
    r = run(sb, [bin, 'dramas', '--json'], env=env)
    dramas = [json.loads(x) for x in r.stdout.splitlines()]
    catalogs = inst.find('/ostplay/playlists')
    n_source = len([f for f in os.listdir(os.path.join(SOURCE, 'playlists'))
                    if f.endswith('.xspf')])
    T.eq(len(dramas), n_source, 'installed: dramas lists every curated '
         'catalog')
    T.eq([d['file'] for d in dramas
          if not (d['file'] or '').startswith(catalogs + '/')], [],
         'installed: every catalog comes from the installed folder, not '
         'the source tree')
    # Start-up: TagLib, libstdc++ and libxml2 (with ICU) are opened by
    # the commands that need them, not loaded by every command.
    r = run(sb, ['readelf', '-d', bin])
    needed = re.findall(rb'Shared library: \[([^]]+)\]', r.stdout)
    T.ok(r.returncode == 0 and needed and not [
        n for n in needed if re.match(rb'lib(tag|stdc\+\+|xml2|icu)', n)],
         'installed: ostplay needs neither TagLib, libstdc++ nor libxml2 '
         'to start', 'none of them', needed)
    r = run(sb, [bin, 'scan', sb.music], env=env)
    T.ok(r.returncode == 0, 'installed: scan exits 0 (TagLib opened)',
         'rc 0', r)
    r = run(sb, [bin, 'dramas', '--names'], env=env)
    T.eq(r.stdout.decode().splitlines(), ['Goblin'],
         'installed: dramas --names gives the dramas with local tracks')


def check_manual(sb, inst):
    env = dict(os.environ, LC_ALL='C.UTF-8', MANWIDTH='80')
    for page in ('man1/ostplay.1', 'man5/ostplay.conf.5'):
        path = inst.find('/' + page)
        p = subprocess.run(['man', '--warnings', '-l', path], env=env,
                           capture_output=True)
        T.ok(p.returncode == 0 and b'NAME' in p.stdout and not p.stderr,
             'man -l %s renders without a warning' % page, 'no warnings',
             p.stderr.decode(errors='replace')[:1500])
    manpath = os.path.dirname(os.path.dirname(inst.find('/man1/ostplay.1')))
    p = subprocess.run(['man', '-w', 'ostplay'], capture_output=True,
                       env=dict(env, MANPATH=manpath))
    T.eq(p.stdout.decode().strip(), inst.find('/man1/ostplay.1'),
         'man finds ostplay(1) where meson installed it')


BASH_CASES = [
    (['play', 'Gob'], ['Goblin'], 'a drama name of the library'),
    (['play', 'gob'], ['Goblin'], 'a drama name, in any case'),
    (['tracks', '--drama', 'G'], ['Goblin'], 'a drama after --drama'),
    (['expl'], ['explain'], 'a command'),
    (['export', '--f'], ['--favorites', '--format'], "a command's options"),
    (['export', '--format', ''], ['xspf', 'm3u8'], "an option's values"),
    (['scan', 'mus'], ['music'], 'a folder for scan'),
    (['explain', 'music/Goblin\\ OST/01'],
     ['music/Goblin OST/01 Stay With Me.flac'], 'a file for explain'),
]


def check_bash(sb, inst, bin):
    comp = inst.find('/bash-completion/completions/ostplay')
    script = ['source %s' % comp]
    for words, _, _ in BASH_CASES:
        quoted = ' '.join("'%s'" % w for w in [bin] + words)
        script.append('COMP_WORDS=(%s); COMP_CWORD=%d; COMPREPLY=(); '
                      '_ostplay; printf "%%s\\t" "${COMPREPLY[@]}"; echo'
                      % (quoted, len(words)))
    r = run(sb, ['bash', '--norc', '--noprofile', '-i', '-c',
                 '\n'.join(script)])
    lines = r.stdout.decode().splitlines()
    for i, (words, want, what) in enumerate(BASH_CASES):
        got = lines[i].split('\t')[:-1] if i < len(lines) else None
        T.eq(sorted(got) if got else got, sorted(want),
             'bash completes %s: ostplay %s<TAB>' % (what, ' '.join(words)))


def check_zsh_fish(sb, inst, bin):
    for shell, suffix in (('zsh', '/zsh/site-functions/_ostplay'),
                          ('fish', '/fish/vendor_completions.d/ostplay.fish')):
        if not shutil.which(shell):
            T.skip('the %s completion parses' % shell, '%s missing' % shell)
            continue
        p = subprocess.run([shell, '-n', inst.find(suffix)],
                           capture_output=True)
        T.ok(p.returncode == 0 and not p.stderr, 'the %s completion parses'
             % shell, 'rc 0', p)
    if shutil.which('fish'):
        r = run(sb, ['fish', '--no-config', '-c',
                     'source %s; complete -C "%s play Gob"'
                     % (inst.find('/fish/vendor_completions.d/ostplay.fish'),
                        bin)])
        T.eq(r.stdout.decode().splitlines(), ['Goblin'],
             'fish completes a drama name: ostplay play Gob<TAB>')


def unit_exec_start(path):
    with open(path) as f:
        found = re.findall(r'^ExecStart=(.*)$', f.read(), re.M)
    return found[0].split() if len(found) == 1 else []


def check_unit(sb, inst):
    unit = inst.find('/systemd/user/ostplay.service')
    daemon = inst.find('/libexec/ostplay-daemon')
    argv = unit_exec_start(unit)
    T.eq(argv, [daemon[len(inst.root):]], 'the unit runs the installed '
         'daemon, in the foreground')
    analyze = shutil.which('systemd-analyze')
    if not analyze:
        T.skip('systemd-analyze --user verify accepts the unit',
               'systemd-analyze missing')
    else:
        # As installed, but with the staging root before its paths, and
        # the staged manual for its Documentation= lines.
        runtime = os.path.join(sb.root, 'verify')
        os.mkdir(runtime, 0o700)
        moved = os.path.join(runtime, 'ostplay.service')
        with open(unit) as f, open(moved, 'w') as out:
            out.write(re.sub(r'^ExecStart=', 'ExecStart=' + inst.root,
                             f.read(), flags=re.M))
        manpath = os.path.dirname(os.path.dirname(
            inst.find('/man1/ostplay.1')))
        p = subprocess.run([analyze, '--user', 'verify', moved],
                           capture_output=True,
                           env=dict(os.environ, XDG_RUNTIME_DIR=runtime,
                                    MANPATH=manpath))
        T.ok(p.returncode == 0 and not p.stdout and not p.stderr,
             'systemd-analyze --user verify accepts the unit, without a '
             'warning', 'rc 0, silent', p)
    return [daemon] + argv[1:]


def daemon_pids(path):
    pids = []
    for pid in os.listdir('/proc'):
        try:
            if pid.isdigit() and os.readlink('/proc/%s/exe' % pid) == path:
                pids.append(int(pid))
        except OSError:
            pass
    return pids


def wait_for(cond, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


def check_service(sb, inst, bin, argv):
    """The daemon as the unit starts it: the CLI uses it, SIGTERM saves the
    state and ends it with status 0; without it, the CLI starts the
    installed daemon itself."""
    socket = os.path.join(sb.runtime, 'ostplay', 'socket')
    d = subprocess.Popen(sb.h.priv.prefix + argv, env=sb.env, cwd='/',
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    try:
        T.ok(wait_for(lambda: os.path.exists(socket), START_TIMEOUT),
             'service: the daemon listens on its socket')
        r = run(sb, [bin, 'volume', '37'])
        T.ok(r.returncode == 0, 'service: the installed CLI talks to it',
             'rc 0', r)
        T.eq(daemon_pids(argv[0]), [d.pid], 'service: the CLI used the '
             'running daemon, starting no other')
        d.send_signal(signal.SIGTERM)
        rc = d.wait(timeout=STOP_TIMEOUT)
    finally:
        if d.poll() is None:
            d.kill()
            d.wait()
    err = d.stderr.read().decode(errors='replace')
    T.eq(rc, 0, 'service: SIGTERM stops the daemon with status 0')
    T.ok(err.strip(), 'service: the daemon logs on stderr, which systemd '
         'sends to the journal', 'log lines', err)
    state = os.path.join(sb.state, 'ostplay', 'state')
    saved = open(state).read() if os.path.exists(state) else ''
    T.ok(re.search(r'^volume 37$', saved, re.M), 'service: the state is '
         'saved on SIGTERM', 'volume 37', saved)

    r = run(sb, [bin, 'status'])
    pids = daemon_pids(argv[0])
    try:
        T.ok(r.returncode == 0 and len(pids) == 1, 'without the service, '
             'the installed CLI starts the installed daemon', 'rc 0, one '
             'daemon', (r, pids))
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGTERM)
        wait_for(lambda: not daemon_pids(argv[0]), STOP_TIMEOUT)


def main():
    h = Harness(T, 'install')
    sb = Sandbox(h, 'install')
    try:
        os.makedirs(os.path.join(sb.config, 'ostplay'))
        sb.give_to_owner(os.path.join(sb.config, 'ostplay'))
        inst = meson_install(sb)
        check_files(inst)
        bin = inst.find('/bin/ostplay')
        if not bin:
            T.bail_out('nothing installed')
        make_library(sb)
        check_binary(sb, inst, bin)
        check_manual(sb, inst)
        check_bash(sb, inst, bin)
        check_zsh_fish(sb, inst, bin)
        argv = check_unit(sb, inst)
        check_service(sb, inst, bin, argv)
    finally:
        sb.cleanup()
    return T.finish()


if __name__ == '__main__':
    sys.exit(main())
