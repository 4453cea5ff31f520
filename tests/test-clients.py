#!/usr/bin/python3
"""Real MPD clients in a terminal, driven by tmux, against a real daemon:
ncmpcpp 0.9 and ncmpc 0.47 (Debian's), each screen opened by its key and
read back from the terminal, queue edits made with the clients' own keys
(delete one song, select two and delete them, move one up and one down)
and checked in the daemon's queue, and `q` that must quit (ncmpcpp's media
library once made a client spin, sending `list Artist` 1,250 times a
second and ignoring every key).

Usage: OSTPLAY=build/ostplay /usr/bin/python3 tests/test-clients.py [GROUP...]

Skips a client that is not installed (.ci/setup installs both, and tmux).
"""

import os
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True	# no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sandbox  # noqa: E402
td = sandbox.test_module('test-daemon.py')

T = td.T
WAIT = td.WAIT


class Terminal:
    """One tmux session on a private server, running `argv`."""

    def __init__(self, sb, name, argv):
        self.server = 'ostplay-test-%d-%s' % (os.getpid(), name)
        env = dict(os.environ, MPD_HOST=td.socket_path(sb), HOME=sb.home,
                   TERM='xterm-256color', LANG='C.UTF-8')
        env.pop('MPD_PORT', None)
        self.env = env
        subprocess.run(['tmux', '-L', self.server, 'new-session', '-d',
                        '-s', 'main', '-x', '160', '-y', '45'] + argv,
                       env=env, check=True)

    def tmux(self, *args):
        return subprocess.run(['tmux', '-L', self.server] + list(args),
                              env=self.env, capture_output=True,
                              timeout=WAIT)

    def keys(self, *keys):
        self.tmux('send-keys', '-t', 'main', *keys)

    def screen(self):
        return self.tmux('capture-pane', '-p', '-t',
                         'main').stdout.decode('utf-8', 'replace')

    def wait_text(self, text, timeout=10):
        """The screen once it shows `text`, or None."""
        return td.wait_for(lambda: text in self.screen() and self.screen(),
                           timeout, 0.1)

    def alive(self):
        return self.tmux('has-session', '-t', 'main').returncode == 0

    def close(self):
        self.tmux('kill-server')


def queue_titles(sb):
    return [x.get('title') for x in td.queue(sb) or []]


def start(h, name):
    sb, songs, _ = td.setup(h, name)
    r = sb.run('add', 'Goblin')
    T.eq(r.rc, 0, '%s: Goblin queued' % name)
    return sb, songs


def quits(term, key='q'):
    term.keys(key)
    return td.wait_for(lambda: not term.alive(), 10, 0.1)


def daemon_cpu_seconds(sb):
    pids = td.daemon_pids(sb)
    if not pids:
        return 0.0
    with open('/proc/%d/stat' % pids[0]) as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def wait_queue(sb, want):
    """The daemon's queue (titles, by the CLI: a second client) once it is
    `want`, else as it is after the wait."""
    return td.wait_for(lambda: queue_titles(sb) == want and want, 10) or \
        queue_titles(sb)


def edit_and_quit(term, sb, name, queue_key, keys):
    """On the client's queue screen, with the client's own keys: Delete on
    the first song, two songs selected and deleted at once, a song moved
    up and one moved down, each checked in the daemon's queue; then q
    quits.  `keys`: select (the keys that select two songs), picked (their
    positions), delete, up, down (tmux key names)."""
    term.keys(queue_key)
    term.wait_text('Stay With Me')
    titles = queue_titles(sb)
    term.keys('Home')
    term.keys(keys['delete'])
    want = titles[1:]
    T.eq(wait_queue(sb, want), want, '%s: Delete removes the selected song '
         'from the queue' % name)
    term.wait_text(want[-1])
    term.keys(*keys['select'])
    term.keys(keys['delete'])
    want = [t for i, t in enumerate(want) if i not in keys['picked']]
    T.eq(wait_queue(sb, want), want, '%s: two selected songs are deleted '
         'at once' % name)
    term.keys('Home', 'Down', 'Down', keys['up'])
    want = [want[0], want[2], want[1]] + want[3:]
    T.eq(wait_queue(sb, want), want, '%s: a song moves up' % name)
    term.keys('Home', keys['down'])
    want = [want[1], want[0]] + want[2:]
    T.eq(wait_queue(sb, want), want, '%s: a song moves down' % name)
    T.ok(quits(term), '%s: q quits' % name)


def run_client(h, name, screens):
    """Starts `name` in a terminal on a daemon with Goblin queued and runs
    `screens(term, sb)`; skips when the client or tmux is missing."""
    if not shutil.which(name) or not shutil.which('tmux'):
        T.skip(name, '%s or tmux is not installed' % name)
        return
    sb, songs = start(h, name)
    term = None
    try:
        term = Terminal(sb, name, [name])
        screens(term, sb)
    finally:
        if term:
            term.close()
        td.stop_all(sb)
        sb.cleanup()


def ncmpcpp_screens(term, sb):
    T.ok(term.wait_text('Stay With Me'), 'ncmpcpp: the playlist screen '
         'shows the queue', 'Stay With Me', term.screen())
    term.keys('2')
    T.ok(term.wait_text('Goblin OST'), 'ncmpcpp: the browser shows the '
         'music folder', 'Goblin OST', term.screen())
    term.keys('4')
    screen = term.wait_text('Crush')
    T.ok(screen and 'Albums' in screen and 'Ailee' in screen,
         'ncmpcpp: the media library lists artists', 'Crush, Ailee',
         term.screen())
    before = daemon_cpu_seconds(sb)
    time.sleep(2)
    used = daemon_cpu_seconds(sb) - before
    T.diag('ncmpcpp: the daemon used %.2f s of CPU in the 2 s after the '
           'media library opened' % used)
    term.keys('Enter')
    T.ok(term.wait_text('Goblin OST Part.'), 'ncmpcpp: the media '
         'library shows an artist\'s albums', 'Goblin OST Part.',
         term.screen())
    term.keys('3')
    T.ok(term.wait_text('Search'), 'ncmpcpp: the search engine screen '
         'opens', 'Search', term.screen())
    term.keys('5')
    T.ok(term.wait_text('Goblin'), 'ncmpcpp: the playlist editor lists '
         'the dramas as playlists', 'Goblin', term.screen())
    # ncmpcpp's default keys (/usr/share/doc/ncmpcpp/bindings.gz).
    # Insert selects a song (the first and the third here).
    edit_and_quit(term, sb, 'ncmpcpp', '1', dict(
        select=['Home', 'IC', 'Down', 'Down', 'IC'], picked=[0, 2],
        delete='DC', up='m', down='n'))


def ncmpc_screens(term, sb):
    term.keys('2')
    T.ok(term.wait_text('Stay With Me'), 'ncmpc: the queue screen shows '
         'the queue', 'Stay With Me', term.screen())
    term.keys('3')
    T.ok(term.wait_text('[Goblin OST]'), 'ncmpc: the browser shows the '
         'music folder', '[Goblin OST]', term.screen())
    term.keys('4')
    T.ok(term.wait_text('[Crush]'), 'ncmpc: the library lists artists',
         '[Crush]', term.screen())
    term.keys('8')
    T.ok(term.wait_text('mpv'), 'ncmpc: the outputs screen lists the '
         'output', 'mpv', term.screen())
    # ncmpc's default keys (/usr/share/doc/ncmpc/examples/keys.sample).
    # Its queue selects a range: v, then the cursor moves.
    edit_and_quit(term, sb, 'ncmpc', '2', dict(
        select=['Home', 'v', 'Down'], picked=[0, 1], delete='DC',
        up='C-k', down='C-j'))


def test_ncmpcpp(h):
    run_client(h, 'ncmpcpp', ncmpcpp_screens)


def test_ncmpc(h):
    run_client(h, 'ncmpc', ncmpc_screens)


GROUPS = [('ncmpcpp', test_ncmpcpp), ('ncmpc', test_ncmpc)]


def main():
    h = td.Harness(T, 'clients')
    T.run_groups(GROUPS, sys.argv[1:], h)
    return T.finish()


if __name__ == '__main__':
    sys.exit(main())
