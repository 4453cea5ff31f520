#!/usr/bin/python3
"""A small TAP producer for ostplay's Python integration tests.

Prints `ok N - desc` / `not ok N - desc` as it goes, with `# expected:` and
`# actual:` lines under a failure, and the `1..N` plan at the end (TAP allows
a trailing plan, and the number of asserts depends on the data).
"""

import sys
import traceback


def _clean(desc):
    # A raw '#' would start a TAP directive and a newline would end the line.
    return ' '.join(str(desc).split()).replace('#', '\\#')


def _short(value, limit=600):
    text = value if isinstance(value, str) else repr(value)
    text = text.replace('\n', '\\n')
    return text if len(text) <= limit else text[:limit] + '...'


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, desc, expected=None, actual=None):
        """Reports one assert; returns `cond` so callers can chain."""
        self.n += 1
        cond = bool(cond)
        print('%s %d - %s' % ('ok' if cond else 'not ok', self.n,
                              _clean(desc)), flush=True)
        if not cond:
            self.failed += 1
            if expected is not None or actual is not None:
                self.diag('expected: ' + _short(expected))
                self.diag('actual: ' + _short(actual))
        return cond

    def eq(self, actual, expected, desc):
        return self.ok(actual == expected, desc, expected, actual)

    def run_groups(self, groups, want, *args):
        """Runs fn(*args) for each (name, fn) of `groups` that `want` names
        (all of them when it is empty).  A group that raises is reported as
        one failure, and the next group still runs."""
        for name, fn in groups:
            if want and name not in want:
                continue
            try:
                fn(*args)
            except Exception as e:
                self.ok(False, '%s: raised %s: %s' % (name, type(e).__name__,
                                                      e))
                self.diag(traceback.format_exc())

    def skip(self, desc, reason):
        self.n += 1
        print('ok %d - %s # SKIP %s' % (self.n, _clean(desc), _clean(reason)),
              flush=True)

    def diag(self, msg):
        for line in str(msg).splitlines() or ['']:
            print('# ' + line, flush=True)

    def bail_out(self, reason):
        print('Bail out! ' + _clean(reason), flush=True)
        sys.exit(1)

    def finish(self):
        """Prints the plan; returns the process exit status (0: all ok)."""
        print('1..%d' % self.n, flush=True)
        return 1 if self.failed or self.n == 0 else 0
