#!/usr/bin/python3
"""Fixture audio for ostplay's tests: real encoded tones, tagged with mutagen.

Audio comes from ffmpeg (a sine tone per track, so every file is real,
decodable audio); tags are written afterwards by mutagen in each format's
native way, the way real downloads carry them.  ffmpeg itself writes no tags.

Each distinct (format, frequency, length, channels) is encoded once into a
cache folder and then copied, so building hundreds or thousands of files is
mostly file copies and mutagen saves.  The cache lives for the process, or in
$OSTPLAY_FIXTURE_CACHE when that is set (kept across runs then).

Needs Debian's python3-mutagen and ffmpeg ($FFMPEG, else the one on PATH);
run with /usr/bin/python3.
"""

import atexit
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

import mutagen
import mutagen.aiff
import mutagen.asf
import mutagen.flac
import mutagen.id3
import mutagen.mp4
import mutagen.oggopus
import mutagen.oggvorbis
import mutagen.wave
from mutagen.id3 import (COMM, ID3, TALB, TCON, TDRC, TIT2, TPE1, TPE2, TPOS,
                         TRCK, ID3NoHeaderError)

# What ffmpeg is told for each format, and the stream it produces (the
# properties a scanner must report back).
FORMATS = {
    'mp3': dict(ext='mp3', rate=44100,
                args=['-c:a', 'libmp3lame', '-b:a', '128k',
                      '-write_xing', '1', '-id3v2_version', '0',
                      '-write_id3v1', '0']),
    'flac': dict(ext='flac', rate=44100, args=['-c:a', 'flac']),
    'ogg': dict(ext='ogg', rate=44100,
                args=['-c:a', 'libvorbis', '-q:a', '3']),
    # Opus always runs at 48 kHz; libopus refuses 44.1 kHz input.
    'opus': dict(ext='opus', rate=48000,
                 args=['-c:a', 'libopus', '-b:a', '64k']),
    'm4a': dict(ext='m4a', rate=44100, args=['-c:a', 'aac', '-b:a', '128k']),
    'wav': dict(ext='wav', rate=44100, args=['-c:a', 'pcm_s16le']),
    'aiff': dict(ext='aiff', rate=44100, args=['-c:a', 'pcm_s16be']),
    'wma': dict(ext='wma', rate=44100,
                args=['-c:a', 'wmav2', '-b:a', '128k']),
}

# meson passes the ffmpeg it found; by hand, the one on PATH.
FFMPEG = os.environ.get('FFMPEG') or 'ffmpeg'

_cache_dir = None


def _cache():
    global _cache_dir
    if _cache_dir is None:
        _cache_dir = os.environ.get('OSTPLAY_FIXTURE_CACHE')
        if _cache_dir:
            os.makedirs(_cache_dir, exist_ok=True)
        else:
            _cache_dir = tempfile.mkdtemp(prefix='ostplay-fixtures-')
            atexit.register(shutil.rmtree, _cache_dir, True)
    return _cache_dir


def sample_rate(fmt):
    """The sample rate encode_tone gives a `fmt` file, in Hz."""
    return FORMATS[fmt]['rate']


def encode_tone(path, fmt, freq_hz, seconds=1.0, channels=2):
    """Writes a `seconds` long sine tone of `freq_hz` as format `fmt` to
    `path` (str or bytes; any file name), without any tags."""
    spec = FORMATS[fmt]
    key = '%s-%g-%g-%d.%s' % (fmt, freq_hz, seconds, channels, spec['ext'])
    cached = os.path.join(_cache(), key)
    if not os.path.exists(cached):
        # Encode under a temporary name in the same folder and rename, so
        # processes sharing $OSTPLAY_FIXTURE_CACHE never see half a file.
        tmp = os.path.join(_cache(), 'tmp-%d-%s' % (os.getpid(), key))
        cmd = [FFMPEG, '-nostdin', '-v', 'error', '-y',
               '-f', 'lavfi', '-i', 'sine=frequency=%g:sample_rate=%d:'
               'duration=%g' % (freq_hz, spec['rate'], seconds),
               '-ac', str(channels), '-map_metadata', '-1',
               # bitexact keeps ffmpeg from writing an "encoder" tag.
               '-fflags', '+bitexact', '-flags:a', '+bitexact',
               *spec['args'], tmp]
        subprocess.run(cmd, check=True, stdin=subprocess.DEVNULL)
        if fmt in ('ogg', 'opus'):
            # The Ogg encoders add an ENCODER comment even in bitexact mode.
            f = mutagen.File(tmp)
            f.tags.clear()
            f.save()
        os.replace(tmp, cached)
    shutil.copyfile(cached, path)


def _split_num(v):
    """(number, total) from 3, '3' or '3/12'; total is 0 when absent."""
    if isinstance(v, int):
        return v, 0
    n, _, total = str(v).partition('/')
    return int(n), int(total or 0)


def _num_text(v):
    return str(v)


def _id3_frames(tags, title, artists, album, album_artist, track, disc, year,
                genre, comment, latin1_raw):
    # encoding=3 is UTF-8; mutagen rewrites it as UTF-16 when saving v2.3.
    if title is not None:
        tags.add(TIT2(encoding=3, text=[title]))
    if artists:
        # A list becomes one null-separated multi-value TPE1 in v2.4.
        tags.add(TPE1(encoding=3, text=list(artists)))
    if album is not None:
        tags.add(TALB(encoding=3, text=[album]))
    if album_artist is not None:
        tags.add(TPE2(encoding=3, text=[album_artist]))
    if track is not None:
        tags.add(TRCK(encoding=3, text=[_num_text(track)]))
    if disc is not None:
        tags.add(TPOS(encoding=3, text=[_num_text(disc)]))
    if year is not None:
        tags.add(TDRC(encoding=3, text=[str(year)]))
    if genre is not None:
        tags.add(TCON(encoding=3, text=[genre]))
    if comment is not None:
        tags.add(COMM(encoding=3, lang='eng', desc='', text=[comment]))
    for fid, raw in (latin1_raw or {}).items():
        # Latin-1 (encoding 0) frames store one byte per character, so a
        # latin-1 round trip puts exactly `raw` in the file: this is how
        # Korean MP3s tagged on CP949 Windows carry their text.
        text = raw.decode('latin-1')
        if fid == 'COMM':
            tags.delall('COMM')
            tags.add(COMM(encoding=0, lang='eng', desc='', text=[text]))
        else:
            tags.delall(fid)
            tags.add(getattr(mutagen.id3, fid)(encoding=0, text=[text]))


def _tag_vorbis(f, title, artists, album, album_artist, track, disc, year,
                genre, comment):
    if f.tags is None:
        f.add_tags()
    f.tags.clear()
    fields = [('TITLE', title), ('ALBUM', album),
              ('ALBUMARTIST', album_artist), ('GENRE', genre),
              ('COMMENT', comment),
              ('TRACKNUMBER', None if track is None else str(track)),
              ('DISCNUMBER', None if disc is None else str(disc)),
              ('DATE', None if year is None else str(year))]
    for key, value in fields:
        if value is not None:
            f.tags[key] = [value]
    if artists:
        # One ARTIST field per name, the Vorbis way of multiple values.
        f.tags['ARTIST'] = list(artists)
    f.save()


def _tag_mp4(f, title, artists, album, album_artist, track, disc, year,
             genre, comment):
    if f.tags is None:
        f.add_tags()
    f.tags.clear()
    for key, value in [('\xa9nam', title), ('\xa9alb', album),
                       ('aART', album_artist), ('\xa9gen', genre),
                       ('\xa9cmt', comment),
                       ('\xa9day', None if year is None else str(year))]:
        if value is not None:
            f.tags[key] = [value]
    if artists:
        f.tags['\xa9ART'] = list(artists)
    if track is not None:
        f.tags['trkn'] = [_split_num(track)]
    if disc is not None:
        f.tags['disk'] = [_split_num(disc)]
    f.save()


def _tag_asf(f, title, artists, album, album_artist, track, disc, year,
             genre, comment):
    f.tags.clear()
    for key, value in [('Title', title), ('WM/AlbumTitle', album),
                       ('WM/AlbumArtist', album_artist), ('WM/Genre', genre),
                       ('Description', comment),
                       ('WM/TrackNumber', None if track is None
                        else str(track)),
                       ('WM/PartOfSet', None if disc is None else str(disc)),
                       ('WM/Year', None if year is None else str(year))]:
        if value is not None:
            f.tags[key] = [value]
    if artists:
        # mutagen puts the first Author in the content description object
        # and the others in the metadata library object, as WMP does.
        f.tags['Author'] = list(artists)
    f.save()


def tag(path, title=None, artists=None, album=None, album_artist=None,
        track=None, disc=None, year=None, genre=None, comment=None,
        id3_version=4, latin1_raw=None):
    """Replaces the tags of the audio file at `path` with the given ones.

    None leaves a field out.  `artists` is a list, written as one
    multi-valued tag.  `track` and `disc` take 3 or '3/12'.  For ID3 formats
    (mp3, wav, aiff) `id3_version` picks v2.4 or v2.3 (v2.3 writes text as
    UTF-16 and joins several artists with '/'), and `latin1_raw` maps frame
    ids ('TIT2', 'TPE1', 'TALB', 'TPE2', 'TCON', 'COMM') to raw bytes written
    verbatim in a Latin-1 frame, replacing that field.
    """
    ext = os.path.splitext(os.fsdecode(path))[1].lower().lstrip('.')
    fields = (title, artists, album, album_artist, track, disc, year, genre,
              comment)
    if ext in ('mp3', 'wav', 'aif', 'aiff'):
        if ext == 'mp3':
            try:
                tags = ID3(path)
            except ID3NoHeaderError:
                tags = ID3()
            f = None
        else:
            f = (mutagen.wave.WAVE if ext == 'wav' else mutagen.aiff.AIFF)(
                path)
            if f.tags is None:
                f.add_tags()
            tags = f.tags
        tags.clear()
        _id3_frames(tags, *fields, latin1_raw)
        if id3_version == 3:
            # mutagen renders v2.3 frame syntax but leaves v2.4-only frames
            # (TDRC) to this call, which turns them into TYER and friends.
            tags.update_to_v23()
        if f is None:
            tags.save(path, v1=0, v2_version=id3_version)
        else:
            f.save(v2_version=id3_version)
        return
    if latin1_raw:
        raise ValueError('latin1_raw is for ID3 formats only')
    if ext == 'flac':
        _tag_vorbis(mutagen.flac.FLAC(path), *fields)
    elif ext in ('ogg', 'oga'):
        _tag_vorbis(mutagen.oggvorbis.OggVorbis(path), *fields)
    elif ext == 'opus':
        _tag_vorbis(mutagen.oggopus.OggOpus(path), *fields)
    elif ext in ('m4a', 'mp4'):
        _tag_mp4(mutagen.mp4.MP4(path), *fields)
    elif ext == 'wma':
        _tag_asf(mutagen.asf.ASF(path), *fields)
    else:
        raise ValueError('tag: no tag writer for .%s' % ext)


def patch_bytes(path, old, new):
    """Replaces the one occurrence of `old` in the file by `new`, a string of
    the same length, so that tag sizes stay right.  Used to put bytes in a
    tag that no tag writer would produce (invalid UTF-8 in a UTF-8 field)."""
    if len(old) != len(new):
        raise ValueError('patch_bytes: lengths differ')
    with open(path, 'rb') as fh:
        data = fh.read()
    if data.count(old) != 1:
        raise ValueError('patch_bytes: %r found %d times'
                         % (old, data.count(old)))
    with open(path, 'wb') as fh:
        fh.write(data.replace(old, new))


# Bulk libraries cycle through these: mostly MP3, as real libraries are.
_BULK_FORMATS = ['mp3', 'mp3', 'mp3', 'flac', 'ogg', 'opus', 'm4a', 'mp3',
                 'flac', 'm4a']
_BULK_FREQS = [220, 330, 440, 550]
_BULK_WORDS = ['사랑', '눈물', 'Love', 'Rain', '별', 'Stay', '그대', 'Dream',
               'Goodbye', '하루', 'Always', '꽃', 'Memory', '바람', 'Day']
_BULK_SINGERS = ['Gummy', '백지영', 'Ailee', '윤미래', 'Paul Kim', '거미',
                 'Chen', 'Punch', 'Davichi', '10cm', 'Crush', 'Lyn', 'Bizzy',
                 '김나영', 'Huh Gak', 'Sondia']


def make_bulk_library(root, n_files, seed=1):
    """Builds `n_files` tagged audio files under `root`, laid out as
    artist/album/NN title.ext in several formats, every file with its own
    title, artists and album.  Deterministic for a given seed.

    Returns one dict per file: path (str) and the tags written (title,
    artists, album, album_artist, track, disc, year, genre, comment).
    Tones are 0.3 s long so the library stays small (about 10 KB a file).
    """
    rng = random.Random(seed)
    out = []
    per_album = 12
    for i in range(n_files):
        album_no, track = divmod(i, per_album)
        fmt = _BULK_FORMATS[album_no % len(_BULK_FORMATS)]
        singer = _BULK_SINGERS[album_no % len(_BULK_SINGERS)]
        artists = [singer]
        if rng.random() < 0.25:
            other = rng.choice(_BULK_SINGERS)
            if other != singer:
                artists.append(other)
        title = '%s %s %d' % (rng.choice(_BULK_WORDS),
                              rng.choice(_BULK_WORDS), i)
        album = 'Drama %d OST' % album_no
        folder = os.path.join(root, singer, album)
        if track == 0 or i == 0:
            os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, '%02d %s.%s' % (
            track + 1, title, FORMATS[fmt]['ext']))
        tags = dict(title=title, artists=artists, album=album,
                    album_artist=singer, track=track + 1, disc=1,
                    year=2000 + album_no % 25, genre='OST',
                    comment='bulk %d' % i)
        encode_tone(path, fmt, _BULK_FREQS[album_no % len(_BULK_FREQS)],
                    seconds=0.3)
        tag(path, **tags)
        tags['path'] = path
        out.append(tags)
    return out



# Five songs of Goblin's OST as the catalog lists them: title, performers,
# OST part, tone (Hz).  The benchmarks play them, and a bulk library has no
# catalogued drama of its own.
GOBLIN_SONGS = [
    ('Stay With Me', ['Chanyeol', 'Punch'], 1, 300),
    ('Beautiful', ['Crush'], 4, 450),
    ('Hush', ['Lasse Lindh'], 5, 600),
    ('Who Are You', ['Sam Kim'], 6, 750),
    ('I Miss You', ['Soyou'], 7, 900),
]
GOBLIN_DIR = 'Goblin OST'


def make_goblin_songs(root, seconds):
    """Writes GOBLIN_SONGS as tagged FLAC tones of `seconds` under
    root/GOBLIN_DIR; returns their paths relative to `root`, in order."""
    folder = os.path.join(root, GOBLIN_DIR)
    os.makedirs(folder)
    uris = []
    for i, (title, artists, part, freq) in enumerate(GOBLIN_SONGS):
        name = '%02d. %s.flac' % (i + 1, title)
        path = os.path.join(folder, name)
        encode_tone(path, 'flac', freq, seconds)
        tag(path, title=title, artists=artists,
            album='Goblin OST Part.%d' % part, track=1, year=2016)
        uris.append('%s/%s' % (GOBLIN_DIR, name))
    return uris


# ---------------------------------------------------------------------------
# For the benchmarks: a command line's wall time, and a home of its own.

def timed(argv, env):
    """Runs `argv`; its wall time in seconds.  A failure ends the benchmark
    with what it printed: a timing of a failed run means nothing."""
    t0 = time.perf_counter()
    proc = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit('%s: %s failed: %s' % (os.path.basename(sys.argv[0]),
                                        ' '.join(argv), proc.stderr))
    return wall


def bench_binary():
    """The ostplay a benchmark runs: $OSTPLAY (meson sets it), else the
    one in build/."""
    return os.environ.get('OSTPLAY') or os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        'build', 'ostplay')


def bench_env(top):
    """The environment with HOME and the XDG folders inside `top`, so a
    benchmark touches no real library, config or daemon."""
    env = {k: v for k, v in os.environ.items() if not k.startswith('XDG_')}
    env.update(HOME=top, XDG_DATA_HOME=os.path.join(top, 'data'),
               XDG_CONFIG_HOME=os.path.join(top, 'config'),
               XDG_STATE_HOME=os.path.join(top, 'state'),
               XDG_RUNTIME_DIR=os.path.join(top, 'run'))
    return env


if __name__ == '__main__':
    # Quick manual check: build a small bulk library into the given folder.
    t0 = time.monotonic()
    files = make_bulk_library(sys.argv[1], int(sys.argv[2]))
    print('%d files in %.1f s' % (len(files), time.monotonic() - t0))
