#!/usr/bin/python3
"""The curated catalogs in playlists/ as files: valid XSPF, loadable.

Validates every playlists/*.xspf against the XSPF 1 schema with
`xmllint --relaxng` when the schema is at ../shared/data (beside the
repository); in a plain clone without it, that part says it is skipped.
Then checks with the real binary that all of them load: `ostplay dramas
--json` lists one drama per file and prints no error.
"""

import glob
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCHEMA = os.path.join(os.path.dirname(ROOT), 'shared', 'data',
                      'xspf-1_0.rng')
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
from taphelper import Tap  # noqa: E402


def main():
    T = Tap()
    files = sorted(glob.glob(os.path.join(ROOT, 'playlists', '*.xspf')))
    # Issue 11: the dramas fans most often own, 150 and more.
    T.ok(len(files) >= 150, 'playlists/ holds the curated catalogs',
         '>= 150 files', len(files))
    if os.path.exists(SCHEMA):
        for f in files:
            r = subprocess.run(['xmllint', '--noout', '--relaxng', SCHEMA, f],
                               capture_output=True, text=True)
            T.ok(r.returncode == 0, '%s is valid XSPF 1'
                 % os.path.basename(f), 'valid', r.stderr.strip())
    else:
        T.skip('catalogs valid against the XSPF schema',
               'no schema at %s (a plain clone without ../shared)' % SCHEMA)
    for f in files:
        with open(f, encoding='utf-8') as fh:
            T.ok('<location>' not in fh.read(), '%s has no <location>: the '
                 'library resolves songs' % os.path.basename(f))

    binary = os.environ.get('OSTPLAY', os.path.join(ROOT, 'build',
                                                    'ostplay'))
    with tempfile.TemporaryDirectory(prefix='ostplay-test-catalogs-') as tmp:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith('XDG_')}
        env.update(HOME=tmp, XDG_DATA_HOME=tmp + '/data',
                   XDG_CONFIG_HOME=tmp + '/config')
        r = subprocess.run([binary, 'dramas', '--json'], env=env,
                           capture_output=True, text=True)
        dramas = [json.loads(line) for line in r.stdout.splitlines()]
        T.ok(r.returncode == 0 and not r.stderr, 'every catalog loads '
             'without an error', 'exit 0, no stderr',
             (r.returncode, r.stderr))
        T.eq(len(dramas), len(files), 'one drama per catalog file')
        T.ok(all(d['tracks'] == 0 for d in dramas),
             'an empty library matches no tracks')
    return T.finish()


if __name__ == '__main__':
    sys.exit(main())
