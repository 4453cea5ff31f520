#!/usr/bin/python3
"""Reading what mpv's `ao=pcm` wrote, and finding the tones in it.

The playback tests give every fixture track its own sine frequency; this
module turns the captured audio back into the sequence of tones that was
played, with how long each lasted, so that tests can check order, skips,
seeks, pauses and gaps from the sound itself.

mpv 0.35's pcm output writes a WAVE_FORMAT_EXTENSIBLE header (float32 by
default, s16 with `audio-format=s16`), which Python 3.11's `wave` module
refuses ("unknown format: 65534"), so read_wav() parses the RIFF chunks
itself: PCM 8/16/24/32-bit and IEEE float 32/64-bit, plain or extensible.
The header's sizes are only fixed when mpv closes the output; a file still
being written (data size 0 or 0xffffffff) is read up to its end.

Only the standard library: no numpy on Debian's python3 by default.
"""

import array
import math
import struct
import sys

WINDOW = 0.05		# seconds per analysis window
SILENCE_RMS = 0.003	# below this a window counts as silence (full scale 1)

_FMT_PCM = 1
_FMT_FLOAT = 3
_FMT_EXTENSIBLE = 0xFFFE


class AudioError(Exception):
    pass


class Pcm:
    """Mono samples (the first channel) as floats in -1..1."""

    def __init__(self, rate, channels, samples, fmt):
        self.rate = rate
        self.channels = channels
        self.samples = samples
        self.fmt = fmt		# e.g. 'float32', 's16'

    @property
    def seconds(self):
        return len(self.samples) / float(self.rate) if self.rate else 0.0

    def __repr__(self):
        return 'Pcm(%d Hz, %d ch, %s, %.2f s)' % (
            self.rate, self.channels, self.fmt, self.seconds)


def _little_endian(code, data):
    """`data` (little-endian) as an array of `code` items."""
    a = array.array(code)
    a.frombytes(data[:len(data) - len(data) % a.itemsize])
    if sys.byteorder != 'little':
        a.byteswap()
    return a


def _first_channel(data, kind, bits, channels):
    if kind == 'float':
        return list(_little_endian('f' if bits == 32 else 'd',
                                   data)[::channels])
    if bits == 8:
        return [(b - 128) / 128.0 for b in data[::channels]]
    if bits in (16, 32):
        scale = float(1 << (bits - 1))
        return [v / scale for v in
                _little_endian('h' if bits == 16 else 'i', data)[::channels]]
    if bits == 24:
        step = 3 * channels
        out = []
        for i in range(0, len(data) - 2, step):
            v = data[i] | data[i + 1] << 8 | data[i + 2] << 16
            if v & 0x800000:
                v -= 1 << 24
            out.append(v / 8388608.0)
        return out
    raise AudioError('unsupported sample size %d bits' % bits)


def read_wav(path):
    """Reads a WAV file as mpv's pcm output writes it; returns a Pcm."""
    with open(path, 'rb') as f:
        blob = f.read()
    if len(blob) < 12 or blob[:4] != b'RIFF' or blob[8:12] != b'WAVE':
        raise AudioError('%s: not a RIFF WAVE file (%d bytes)'
                         % (path, len(blob)))
    pos = 12
    fmt = None
    while pos + 8 <= len(blob):
        cid = blob[pos:pos + 4]
        size = struct.unpack('<I', blob[pos + 4:pos + 8])[0]
        body = pos + 8
        if cid == b'fmt ':
            tag, channels, rate, _, align, bits = struct.unpack(
                '<HHIIHH', blob[body:body + 16])
            if tag == _FMT_EXTENSIBLE and size >= 40:
                # The sub-format GUID starts with the real format tag.
                tag = struct.unpack('<H', blob[body + 24:body + 26])[0]
            fmt = (tag, channels, rate, align, bits)
        elif cid == b'data':
            if fmt is None:
                raise AudioError('%s: data chunk before fmt' % path)
            tag, channels, rate, align, bits = fmt
            if size in (0, 0xFFFFFFFF) or body + size > len(blob):
                size = len(blob) - body	# still being written, or cut
            data = blob[body:body + size - size % max(align, 1)]
            if tag == _FMT_FLOAT:
                kind, name = 'float', 'float%d' % bits
            elif tag == _FMT_PCM:
                kind, name = 'int', 's%d' % bits
            else:
                raise AudioError('%s: format tag %#x' % (path, tag))
            return Pcm(rate, channels,
                       _first_channel(data, kind, bits, channels), name)
        pos = body + size + (size & 1)
    raise AudioError('%s: no data chunk' % path)


def read_raw(path, rate=44100, channels=2, bits=16, kind='int'):
    """Reads headerless PCM (mpv's `ao-pcm-waveheader=no`)."""
    with open(path, 'rb') as f:
        data = f.read()
    align = channels * bits // 8
    data = data[:len(data) - len(data) % align]
    return Pcm(rate, channels, _first_channel(data, kind, bits, channels),
               '%s%d' % ('float' if kind == 'float' else 's', bits))


# ---------------------------------------------------------------------------
# Windows and runs
# ---------------------------------------------------------------------------

def window_stats(pcm, window=WINDOW):
    """One (rms, frequency) per window of `window` seconds; the frequency
    comes from the zero crossings (good to about 1/window Hz for a pure
    tone), None for a silent window."""
    n = max(1, int(round(pcm.rate * window)))
    s = pcm.samples
    out = []
    for start in range(0, len(s) - n + 1, n):
        w = s[start:start + n]
        rms = math.sqrt(sum(x * x for x in w) / n)
        if rms < SILENCE_RMS:
            out.append((rms, None))
            continue
        crossings = 0
        neg = w[0] < 0
        for x in w:
            if (x < 0) != neg:
                crossings += 1
                neg = not neg
        out.append((rms, crossings / 2.0 / window))
    return out


def label(freq, candidates, tolerance=0.06):
    """The candidate `freq` is (within `tolerance` relative, at least 25 Hz),
    0 for silence (None), -1 for a window that matches none (a window that
    straddles two tones, noise)."""
    if freq is None:
        return 0
    if not candidates:
        return int(round(freq / 10.0) * 10)
    best = min(candidates, key=lambda c: abs(c - freq))
    if abs(best - freq) <= max(25.0, tolerance * best):
        return best
    return -1


def runs(pcm, candidates=None, window=WINDOW):
    """The audio as a list of (label, seconds): consecutive windows with the
    same label merged (labels as label() gives them)."""
    out = []
    for _, freq in window_stats(pcm, window):
        lab = label(freq, candidates)
        if out and out[-1][0] == lab:
            out[-1][1] += window
        else:
            out.append([lab, window])
    return [(lab, round(sec, 3)) for lab, sec in out]


def tones(run_list, min_seconds=0.2):
    """The tones of `run_list`, in order, as (frequency, seconds): runs of
    silence (0) and unmatched windows (-1) are dropped, runs shorter than
    `min_seconds` too, and what is then adjacent with the same frequency is
    merged (a tone interrupted by a transition window is one tone)."""
    out = []
    for lab, sec in run_list:
        if lab <= 0 or sec < min_seconds:
            continue
        if out and out[-1][0] == lab:
            out[-1] = (lab, out[-1][1] + sec)
        else:
            out.append((lab, sec))
    return out


def sequence(run_list, min_seconds=0.2):
    """Just the frequencies of tones()."""
    return [f for f, _ in tones(run_list, min_seconds)]


def between(run_list, freq_a, freq_b):
    """The runs between the last run of `freq_a` that is followed by
    `freq_b` (without another tone in between) and that run of `freq_b`;
    None when `freq_b` never follows `freq_a`."""
    last_a = None
    for i, (lab, _) in enumerate(run_list):
        if lab == freq_a:
            last_a = i
        elif lab == freq_b and last_a is not None:
            return run_list[last_a + 1:i]
        elif lab > 0:
            last_a = None
    return None


def silence_seconds(run_list):
    """Total seconds of silent windows in `run_list`."""
    return round(sum(sec for lab, sec in run_list if lab == 0), 3)


def longest_flat(pcm, start_s, end_s, level=1e-3):
    """Longest stretch, in seconds, of consecutive samples with |x| < level
    between `start_s` and `end_s` (a sample-level look for gaps that are
    shorter than a window)."""
    a = max(0, int(start_s * pcm.rate))
    b = min(len(pcm.samples), int(end_s * pcm.rate))
    best = cur = 0
    for x in pcm.samples[a:b]:
        if -level < x < level:
            cur += 1
            if cur > best:
                best = cur
        else:
            cur = 0
    return best / float(pcm.rate)


def describe(run_list, limit=40):
    """A short human text of runs, for test diagnostics."""
    parts = []
    for lab, sec in run_list[:limit]:
        name = {0: 'silence', -1: '?'}.get(lab, '%d Hz' % lab)
        parts.append('%s %.2fs' % (name, sec))
    if len(run_list) > limit:
        parts.append('... %d more' % (len(run_list) - limit))
    return ', '.join(parts)


if __name__ == '__main__':
    # Manual use: python3 tests/audio.py out.wav [FREQ...]
    p = read_wav(sys.argv[1])
    cands = [float(x) for x in sys.argv[2:]]
    print(p)
    print(describe(runs(p, cands or None), limit=200))


# ---------------------------------------------------------------------------
# Levels
# ---------------------------------------------------------------------------

def db(x):
    """`x` (an amplitude, full scale 1) in dBFS; -200 for silence."""
    return 20 * math.log10(x) if x > 0 else -200.0


def rms_by_tone(pcm, candidates, window=WINDOW):
    """The RMS level (dBFS) of each tone of `candidates` in the audio, as
    {frequency: dB}: over that tone's windows, leaving out the first and
    last window of every run of it (where it meets its neighbours)."""
    stats = window_stats(pcm, window)
    labels = [label(f, candidates) for _, f in stats]
    power = {}
    for i, ((rms, _), lab) in enumerate(zip(stats, labels)):
        if lab <= 0:
            continue
        if i == 0 or i + 1 == len(stats) or labels[i - 1] != lab or \
                labels[i + 1] != lab:
            continue
        total, n = power.get(lab, (0.0, 0))
        power[lab] = (total + rms * rms, n + 1)
    return {lab: db(math.sqrt(total / n)) for lab, (total, n) in power.items()}


def peak(pcm):
    """The largest sample's magnitude (full scale 1)."""
    return max((abs(x) for x in pcm.samples), default=0.0)
