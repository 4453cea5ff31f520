#!/usr/bin/python3
"""Differential test of the database commands: ostplay's daemon against a
real mpd 0.23 on the same music folder, with TAP output.

Usage: OSTPLAY=build/ostplay /usr/bin/python3 tests/test-mpd-compare.py

Generates a small library (FLAC, MP3, Ogg Vorbis and WAV tones in nested
folders: songs beside sub-folders, several artists, 8-digit and ISO dates,
composers, performers, a Hangul folder, untagged files), scans it with
`ostplay scan` and with a private mpd (`mpc update --wait`; a null output,
its own socket, database and playlist folder in the temporary tree), then
sends the same requests (REQUESTS, over 150: every database command with
good and bad arguments) to both and compares the answers key by key after
normalising what must differ (normalise(): ids, times, the version line)
and what ostplay deliberately answers otherwise (ALLOWANCES, each with its
reason).  Then ostplay's own tag types (Drama, OstTrack), python-mpd2's
calls and mpc's ls / search / find / list / listall / stats.

Skips everything (one `ok ... # SKIP`) when mpd is not installed.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True	# no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sandbox  # noqa: E402
import fixtures as fx  # noqa: E402
td = sandbox.test_module('test-daemon.py')

import mutagen.flac  # noqa: E402
import mutagen.oggvorbis  # noqa: E402
from mutagen.id3 import ID3, TCOM  # noqa: E402

T = td.T
WAIT = td.WAIT

# The library: (path under the music folder, format, seconds, tags).  The
# names order the same by bytes and by ICU's collation (mpd sorts folders
# and songs with ICU; ostplay by bytes): no name differs from another only
# in case or accents.
LIBRARY = [
    ('root song.flac', 'flac', 2.0,
     dict(title='Root Song', artists=['Lone Singer'], album='Loose Ends',
          track=1, year='20160825', genre='Ballad')),
    ('Goblin OST/01 Stay With Me.flac', 'flac', 2.0,
     dict(title='Stay With Me', artists=['Chanyeol', 'Punch'],
          album='Goblin OST Part.1', album_artist='Various Artists',
          track=1, disc=1, year='2016-12-02', genre='OST',
          composer='Rocoberry', performer='Chanyeol')),
    ('Goblin OST/02 Beautiful.flac', 'flac', 3.0,
     dict(title='Beautiful', artists=['Crush'], album='Goblin OST Part.4',
          album_artist='Various Artists', track=2, disc=1, year='20161231',
          genre='OST', comment='a tender one', composer='Crush')),
    ('Goblin OST/03 Hush.mp3', 'mp3', 2.0,
     dict(title='Hush', artists=['Lasse Lindh'], album='Goblin OST Part.5',
          track=3, year='2017', genre='OST', composer='Lasse Lindh')),
    ('Goblin OST/04 Who Are You.ogg', 'ogg', 2.0,
     dict(title='Who Are You', artists=['Sam Kim'],
          album='Goblin OST Part.6', track=4, year='2017-01-06',
          genre='OST')),
    ('Goblin OST/Bonus/05 I Miss You.flac', 'flac', 2.0,
     dict(title='I Miss You', artists=['Soyou'], album='Goblin OST Part.7',
          track=5, year='2017', genre='OST')),
    ('Goblin OST/Bonus/Inst/06 Stay With Me (Inst.).flac', 'flac', 2.0,
     dict(title='Stay With Me (Inst.)', album='Goblin OST Part.1',
          track=6, genre='Instrumental')),
    ('Goblin OST/Zeta.flac', 'flac', 1.0,
     dict(title='Zeta', artists=['Crush'], album='Goblin OST Part.4',
          track=7, year='2016')),
    ('Korean 드라마/01 눈의 꽃.flac', 'flac', 2.0,
     dict(title='눈의 꽃', artists=['박효신'], album='미안하다 사랑한다 OST',
          track=1, year='20041108', genre='OST', performer='박효신')),
    ('Korean 드라마/02 Untitled.wav', 'wav', 1.0, None),
    ('Singers/Ailee/First Snow/01 First Snow.mp3', 'mp3', 2.0,
     dict(title='I Will Go to You Like the First Snow', artists=['Ailee'],
          album='Goblin OST Part.9', album_artist='Ailee', track=1,
          disc=2, year='2017', genre='Ballad')),
    ('Singers/Ailee/First Snow/02 Heaven.mp3', 'mp3', 3.0,
     dict(title='Heaven', artists=['Ailee'], album='First Snow',
          album_artist='Ailee', track=2, disc=2, year='2017',
          genre='Ballad')),
    ('Singers/Ailee/Single.ogg', 'ogg', 2.0,
     dict(title='Single', artists=['Ailee', 'Crush'], album='Singles',
          track=3, year='2018', genre='Ballad; Pop')),
    ('Singers/Heize/Round and Round.flac', 'flac', 2.0,
     dict(title='Round and Round', artists=['Heize', 'Han Soo Ji'],
          album='Goblin OST Part.10', album_artist='Heize', track=10,
          year='2017', genre='OST', composer='Nam Hye Seung')),
    ('Singers/Heize/untagged.flac', 'flac', 1.0, None),
]

DIRS = sorted({os.path.dirname(p) for p, *_ in LIBRARY} - {''})

# The requests, sent to both.  `#` starts a comment line (not sent).
REQUESTS = r'''
# browsing
lsinfo
lsinfo ""
lsinfo "/"
lsinfo "Goblin OST"
lsinfo "Goblin OST/Bonus"
lsinfo "Goblin OST/Bonus/Inst"
lsinfo "Korean 드라마"
lsinfo "Singers"
lsinfo "Singers/Ailee"
lsinfo "Singers/Ailee/First Snow"
lsinfo "Goblin OST/03 Hush.mp3"
lsinfo "root song.flac"
lsinfo "No Such Folder"
lsinfo "Goblin OST/nothing.flac"
lsinfo "Goblin"
lsinfo "Goblin OST/"
lsinfo "Goblin OST" extra
listall
listall ""
listall "Goblin OST"
listall "Goblin OST/Bonus"
listall "Singers"
listall "Singers/Ailee/Single.ogg"
listall "nope"
listallinfo
listallinfo "Goblin OST"
listallinfo "Singers/Heize"
listallinfo "Korean 드라마"
listallinfo "Korean 드라마/01 눈의 꽃.flac"
listallinfo "nope/nope"
listfiles "Goblin OST/Bonus"
listfiles "Singers/Heize"
listfiles "nope"
# find: the old form
find Artist "Crush"
find artist "Crush"
find ARTIST "crush"
find Artist "Chanyeol"
find Artist "Punch"
find Album "Goblin OST Part.1"
find AlbumArtist "Various Artists"
find AlbumArtist "Crush"
find AlbumArtist "Ailee"
find Title "Hush"
find Title "hush"
find Track "2"
find Disc "2"
find Date "20161231"
find Date "2017"
find Date "2016-12-02"
find Genre "OST"
find Genre "Ballad; Pop"
find Composer "Crush"
find Performer "박효신"
find Comment "a tender one"
find Artist "박효신"
find Album "미안하다 사랑한다 OST"
find Artist ""
find Album ""
find Composer ""
find any "Crush"
find any "crush"
find any "2017"
find file "Goblin OST/03 Hush.mp3"
find file "03 Hush.mp3"
find filename "Goblin OST/03 Hush.mp3"
find base "Goblin OST"
find base "Goblin OST/Bonus"
find base "Singers"
find base "nope"
find base "../etc"
find base "/abs"
find Artist "Crush" Album "Goblin OST Part.4"
find Artist "Crush" Album "Singles"
find Artist "Crush" base "Singers"
find Genre "OST" base "Goblin OST"
find modified-since "2000-01-01T00:00:00Z"
find modified-since "2099-01-01T00:00:00Z"
find modified-since "946684800"
find modified-since "yesterday"
find ArtistSort "Crush"
find AlbumArtistSort "Ailee"
find AlbumSort "Singles"
find MUSICBRAINZ_TRACKID ""
find Label "x"
find Nonsense "x"
find Artist
find Artist "Crush" Album
find
# find: filter expressions
find "(Artist == \"Crush\")"
find "(Artist == 'Crush')"
find "(Artist != \"Crush\")"
find "(Artist contains \"ru\")"
find "(Artist contains \"RU\")"
find "(Artist !contains \"a\")"
find "(Title =~ \"^S\")"
find "(Title !~ \"e\")"
find "(Title =~ \"(\")"
find "(any == \"OST\")"
find "(any contains \"Snow\")"
find "(file == \"Goblin OST/03 Hush.mp3\")"
find "(file contains \"Bonus\")"
find "(file =~ \"mp3$\")"
find "(base \"Goblin OST/Bonus\")"
find "(base \"Singers/Ailee\")"
find "(modified-since \"2000-01-01\")"
find "((Artist == \"Crush\") AND (Album == \"Singles\"))"
find "((Genre == \"OST\") AND (Date == \"2017\") AND (Track == \"3\"))"
find "(!(Genre == \"OST\"))"
find "(!(Artist contains \"a\"))"
find "((base \"Goblin OST\") AND (!(Artist == \"Crush\")))"
find "(AlbumArtist == \"Crush\")"
find "(Artist == \"\")"
find "(Artist != \"\")"
find "(Artist == \"Crush\")" Album "Singles"
find "(Artist == \"Crush\")" "(Date == \"2018\")"
find "(Artist == \"Crush\")" sort Title
find "(Genre == \"OST\")" sort -Title
find "(Genre == \"OST\")" sort Track
find "(Genre == \"OST\")" sort -Track
find "(Genre == \"OST\")" sort Date
find "(Genre == \"OST\")" sort Artist
find "(Genre == \"OST\")" sort AlbumArtist
find "(Genre == \"OST\")" window 1:3
find "(Genre == \"OST\")" window 2:
find "(Genre == \"OST\")" window 100:200
find "(Genre == \"OST\")" sort Title window 0:2
find "(Genre == \"OST\")" sort Last-Modified
find "(Genre == \"OST\")" sort Nonsense
find "(Genre == \"OST\")" window x
find "(Genre == \"OST\")" window 3:1
find "(Artist == \"Crush\""
find "(Artist = \"Crush\")"
find "(Artist == Crush)"
find "(Artist == \"Crush)"
find "(Nonsense == \"x\")"
find "(Artist == \"Crush\") junk"
find "((Artist == \"Crush\") OR (Artist == \"Ailee\"))"
find "(!Artist == \"Crush\")"
find "()"
find "(AudioFormat == \"44100:16:2\")"
# search
search Artist "crush"
search Artist "CRU"
search Title "snow"
search any "snow"
search any "goblin"
search any "ost"
search any "박효"
search file "bonus"
search Album "part.1"
search "(Artist == \"crush\")"
search "(Artist contains \"CRU\")"
search "(Title =~ \"^s\")"
search any "goblin" sort Title
search any "goblin" window 0:3
search Nonsense "x"
search
# count
count Artist "Crush"
count Genre "OST"
count group Artist
count group Album
count group AlbumArtist
count group Genre
count group Date
count Genre "OST" group Artist
count "(Genre == \"OST\")" group Album
count group Nonsense
count Nonsense "x"
count "(Artist == \"Nobody\")"
count base "Goblin OST"
# list
list Artist
list artist
list Album
list AlbumArtist
list Title
list Genre
list Date
list Track
list Disc
list Composer
list Performer
list Comment
list file
list ArtistSort
list AlbumArtistSort
list Album "Crush"
list Album "Nobody"
list Title "Crush"
list Album group AlbumArtist
list Album group Date
list Album group AlbumArtist group Date
list Title group Album group Artist
list Album Artist "Crush"
list Album "(Artist == \"Crush\")"
list Title Genre "OST" group Album
list Album group Album
list Album group Nonsense
list Nonsense
list file Genre "Ballad"
list Artist base "Singers"
list Album "(base \"Goblin OST\")" group AlbumArtist
list
# what ncmpcpp's media library sends
list AlbumArtist
list Album AlbumArtist "Ailee" group Date
list Album Artist "Crush" group Date
list Album Artist "Crush" group Date group AlbumArtist
find AlbumArtist "Ailee" Album "First Snow" Date "2017"
find Artist "Crush" Album "Goblin OST Part.4"
search Album "goblin" group Date
# the queue
clear
findadd Artist "Crush"
playlistinfo
findadd "(Genre == \"OST\")" sort Title window 0:2
playlistinfo
searchadd any "snow"
playlistinfo
playlistfind Artist "Crush"
playlistfind Artist "crush"
playlistsearch Artist "crush"
playlistsearch any "snow"
playlistfind "(Album contains \"Part\")"
playlistfind Nonsense "x"
playlistfind
findadd Nonsense "x"
searchadd
clear
add "Goblin OST"
playlistinfo
add "Goblin OST/Bonus/Inst"
add ""
playlistinfo
clear
add "Singers/Heize/untagged.flac"
add "No Such Folder"
playlistinfo
clear
# rangeid ({id:N}: the id of the song at position N, on each server)
clear
add "Goblin OST"
rangeid {id:0} 0.5:1.5
rangeid {id:1} 1:
rangeid {id:2} :1.25
playlistinfo
plchangesposid 0
rangeid {id:0} :
playlistinfo 0
rangeid {id:1} 0.5:99
playlistid {id:1}
rangeid {id:0} 9:
rangeid {id:0} 1.5:1
rangeid {id:0} 1:1
rangeid {id:0} 1
rangeid {id:0} x:
rangeid {id:0} -1:
rangeid {id:0} 1:-2
rangeid {id:0} ""
rangeid x 1:2
rangeid 99999 1:2
rangeid {id:0}
rangeid {id:0} 0.25:
play 0
rangeid {id:0} 1:
currentsong
rangeid {id:1} 0.125:0.75
playlistinfo 1
stop
rangeid {id:0} :0.5
playlistinfo 0
clear
# the queue by position, range and priority
clear
add "Goblin OST"
add "root song.flac" 0
add "Korean 드라마/01 눈의 꽃.flac" 2
playlistinfo
delete 1:3
playlistinfo
move 0 2
playlistinfo
move 1:3 0
playlistinfo
swap 0 1
playlistinfo
prio 200 1:3
playlistinfo
delete 99
delete x
delete 3:1
move 0 99
swap 0 99
prio 300 0
add "root song.flac" 99
add "root song.flac" +0
shuffle 0:1
playlistinfo 1:3
# saved playlists
save "Mine"
save "Mine"
listplaylist "Mine"
listplaylistinfo "Mine"
playlistadd "Mine" "root song.flac"
playlistadd "Mine" "Goblin OST/03 Hush.mp3" 0
playlistadd "Mine" "nothing.flac"
listplaylist "Mine"
playlistdelete "Mine" 0
playlistdelete "Mine" 99
playlistmove "Mine" 0 1
listplaylist "Mine"
rename "Mine" "Yours"
rename "Nope" "Other"
listplaylist "Yours"
listplaylist "Mine"
playlistclear "Yours"
listplaylist "Yours"
rm "Yours"
rm "Yours"
playlistdelete "Nope" 0
clear
searchaddpl "Found" "(Artist == \"Crush\")"
searchaddpl "Found" any "stay"
listplaylist "Found"
load "Found" 0:1
load "Found" 1: 0
playlistinfo
load "Found" 1:2 1
playlistinfo
load "Found" 9:12
load "Nope" 0:1
rm "Found"
clear
# the rest
stats
tagtypes
'''

# What ostplay answers otherwise, on purpose or by its design: applied to
# both answers before they are compared.  Each item: (name, reason).  The
# README lists them.
ALLOWANCES = [
    ('version line', 'ostplay greets as "OK MPD 0.23.5"; the greeting is '
     'not compared'),
    ('arity message', 'ostplay says `wrong number of arguments for "X"` '
     'where mpd says "too few" / "too many arguments": same code [2@0]'),
    ('Drama, OstTrack', "ostplay's own tag types: removed from ostplay's "
     'songs and tag lists before comparing'),
    ('root playlists', 'lsinfo of the root lists the dramas as stored '
     'playlists (mpd: the files of its playlist folder, none here)'),
    ('tagtypes', 'ostplay lists the tags the library keeps (13 of mpd\'s '
     '31, plus Drama and OstTrack): compared as a subset'),
    ('times', "uptime, playtime (ostplay does not count play time), "
     "db_update and the queue's Id values are replaced by placeholders"),
    ('duration', "TagLib's length, not the decoder's: duration is "
     'compared to 0.1 s, playtime and db_playtime to 1 s per song'),
    ('Format in the queue', 'mpd leaves Format out of the songs it '
     'sorted (find ... sort, findadd ... sort: its sorted copies lose the '
     'audio format), also once they are queued; ostplay leaves it out of '
     'sorted find answers too, but gives it for every queued song: Format '
     'is not compared in playlistinfo / playlistfind / playlistsearch'),
    ('add of nothing', '`add "No Such Folder"`: ostplay says "No such '
     'song: X" (the queue\'s add), mpd "No such directory": same code 50'),
    ('Comment', 'mpd keeps it only with metadata_to_use "+comment" (set '
     'for the mpd here; its default leaves it out); ostplay always does'),
    ('starts_with', 'accepted (MPD 0.24\'s); mpd 0.23 answers "\'==\' or '
     '\'!=\' expected": checked apart, against mpd\'s =~ "^..."'),
    ('regex dialect', 'POSIX extended, not PCRE: a pattern PCRE rejects '
     'gets another message ("(": both ACK [2@0])'),
]


# ---------------------------------------------------------------------------
# The library and the two servers
# ---------------------------------------------------------------------------

def extra_tags(path, fmt, tags):
    """Composer, performer and the date as text, beyond fixtures.tag."""
    composer, performer = tags.get('composer'), tags.get('performer')
    if fmt in ('flac', 'ogg'):
        f = (mutagen.flac.FLAC if fmt == 'flac'
             else mutagen.oggvorbis.OggVorbis)(path)
        if composer:
            f['COMPOSER'] = [composer]
        if performer:
            f['PERFORMER'] = [performer]
        f.save()
    elif fmt == 'mp3' and composer:
        t = ID3(path)
        t.add(TCOM(encoding=3, text=[composer]))
        t.save(path, v1=0, v2_version=4)


def make_library(music):
    for i, (rel, fmt, secs, tags) in enumerate(LIBRARY):
        path = os.path.join(music, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fx.encode_tone(path, fmt, 300 + 50 * i, secs)
        if tags:
            base = {k: v for k, v in tags.items()
                    if k not in ('composer', 'performer')}
            fx.tag(path, **base)
            extra_tags(path, fmt, tags)
    # Every file and folder the same, known time: both servers read it.
    stamp = 1700000000
    for top, dirs, files in os.walk(music, topdown=False):
        for n in files + dirs:
            os.utime(os.path.join(top, n), (stamp, stamp))
    os.utime(music, (stamp, stamp))


class Server:
    """A raw MPD connection; replies as (lines, end)."""

    def __init__(self, path):
        self.c = td.Mpd(path)

    def ask(self, line):
        return self.c.cmd(line)

    def close(self):
        self.c.close()


def start_mpd(top, music):
    mpd_dir = os.path.join(top, 'mpd')
    os.makedirs(os.path.join(mpd_dir, 'playlists'))
    sock = os.path.join(mpd_dir, 'socket')
    conf = os.path.join(mpd_dir, 'mpd.conf')
    with open(conf, 'w') as f:
        f.write('''# written by test-mpd-compare.py
music_directory     "%(music)s"
playlist_directory  "%(dir)s/playlists"
db_file             "%(dir)s/database"
log_file            "%(dir)s/log"
pid_file            "%(dir)s/pid"
state_file          "%(dir)s/state"
bind_to_address     "%(sock)s"
auto_update         "no"
zeroconf_enabled    "no"
metadata_to_use     "+comment"
audio_output {
    type        "null"
    name        "null"
    mixer_type  "none"
}
''' % dict(music=music, dir=mpd_dir, sock=sock))
    proc = subprocess.Popen(['mpd', '--no-daemon', conf],
                            stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(mpd_dir, 'stderr'),
                                        'wb'))
    ready = td.wait_for(lambda: proc.poll() is None and
                        socket_answers(sock), WAIT)
    if not ready:
        return proc, sock, False
    env = dict(os.environ, MPD_HOST=sock)
    env.pop('MPD_PORT', None)
    r = subprocess.run(['mpc', 'update', '--wait'], env=env,
                       capture_output=True, timeout=120,
                       stdin=subprocess.DEVNULL)
    return proc, sock, r.returncode == 0


def socket_answers(path):
    try:
        c = td.Mpd(path, timeout=2)
        c.close()
        return True
    except OSError:
        return False


# ---------------------------------------------------------------------------
# Normalising and comparing
# ---------------------------------------------------------------------------

ARITY = re.compile(r'^(ACK \[2@\d+\] \{[^}]*\}) (too few|too many|wrong '
                   r'number of) arguments for "([^"]*)"$')
ONLY_OSTPLAY = ('Drama', 'OstTrack')
TIMES = ('uptime', 'playtime', 'db_update', 'Id', 'db_playtime')


def pairs_of(lines):
    return [tuple(l.split(': ', 1)) if ': ' in l else (l, None)
            for l in lines]


def entries(pairs):
    """Splits a reply into entries, each starting at file/directory/
    playlist (or at the first pair); within a song, tags sorted (mpd gives
    them in the file's order)."""
    starts = ('file', 'directory', 'playlist')
    out, cur = [], []
    for k, v in pairs:
        if k in starts and cur:
            out.append(cur)
            cur = []
        cur.append((k, v))
    if cur:
        out.append(cur)
    norm = []
    for e in out:
        if e and e[0][0] == 'file':
            head, body = e[:1], e[1:]
            norm.append(head + sorted(body, key=lambda kv: (kv[0], kv[1])))
        else:
            norm.append(e)
    return norm


def round_duration(pairs):
    out = []
    for k, v in pairs:
        if k == 'duration':
            v = '%.1f' % float(v)
        out.append((k, v))
    return out


def normalise(request, lines, end, ostplay):
    """Applies ALLOWANCES; returns (entries, end) to compare."""
    p = pairs_of(lines)
    word = request.split()[0]
    if ostplay:
        p = [(k, v) for k, v in p if k not in ONLY_OSTPLAY]
        if word == 'lsinfo' and request in ('lsinfo', 'lsinfo ""',
                                            'lsinfo "/"'):
            kept, skip = [], False
            for k, v in p:
                if k == 'playlist':
                    skip = True
                    continue
                if skip and k == 'Last-Modified':
                    skip = False
                    continue
                skip = False
                kept.append((k, v))
            p = kept
    if word in ('playlistinfo', 'playlistfind', 'playlistsearch'):
        p = [(k, v) for k, v in p if k != 'Format']
    p = [(k, '<time>' if k in TIMES else v) for k, v in p]
    p = round_duration(p)
    m = ARITY.match(end)
    if m:
        end = '%s arity "%s"' % (m.group(1), m.group(3))
    if word == 'add' and end.startswith('ACK [50@'):
        end = end.split('}')[0] + '} <no such thing>'
    if ('=~' in request or '!~' in request) and end.startswith('ACK [2@'):
        end = end.split('}')[0] + '} <regex error>'
    return entries(p), end


def compare(request, a, b):
    """a: mpd's (lines, end), b: ostplay's."""
    ea, enda = normalise(request, *a, ostplay=False)
    eb, endb = normalise(request, *b, ostplay=True)
    same = ea == eb and enda == endb
    if not same:
        diff = first_difference(ea, eb)
        T.ok(False, 'same answer: %s' % request, '%s %s' % (diff[0], enda),
             '%s %s' % (diff[1], endb))
    else:
        T.ok(True, 'same answer: %s' % request)


def first_difference(ea, eb):
    for i in range(max(len(ea), len(eb))):
        x = ea[i] if i < len(ea) else None
        y = eb[i] if i < len(eb) else None
        if x != y:
            return ('entry %d: %r' % (i, x), 'entry %d: %r' % (i, y))
    return ('(entries same)', '(entries same)')


# ---------------------------------------------------------------------------
# The groups
# ---------------------------------------------------------------------------

def requests():
    out = []
    for line in REQUESTS.strip().splitlines():
        if line and not line.startswith('#'):
            out.append(line)
    return out


def special(request):
    """Requests compared otherwise: stats and tagtypes."""
    return request in ('stats', 'tagtypes')


def compare_stats(a, b):
    sa = dict(pairs_of(a[0]))
    sb = dict(pairs_of(b[0]))
    for k in ('artists', 'albums', 'songs'):
        T.eq(sb.get(k), sa.get(k), 'stats: %s as mpd counts them' % k)
    n = int(sa.get('songs', 0))
    T.ok(abs(int(sb.get('db_playtime', -99)) -
             int(sa.get('db_playtime', 99))) <= n,
         'stats: db_playtime within a second a song of mpd\'s',
         sa.get('db_playtime'), sb.get('db_playtime'))
    T.ok(int(sb.get('db_update', 0)) > 1700000000,
         'stats: db_update is when the library was stored', '> 1700000000',
         sb.get('db_update'))
    T.eq(sorted(sb), sorted(sa), 'stats: the same keys')


def compare_tagtypes(a, b):
    ta = [v for k, v in pairs_of(a[0])]
    tb = [v for k, v in pairs_of(b[0])]
    mine = [t for t in tb if t not in ONLY_OSTPLAY]
    T.eq([t for t in mine if t not in ta], [],
         'tagtypes: every tag type ostplay lists is one of mpd\'s')
    T.eq([t for t in ONLY_OSTPLAY if t not in tb], [],
         'tagtypes: Drama and OstTrack are listed')
    for t in ('Artist', 'AlbumArtist', 'Album', 'Title', 'Track', 'Disc',
              'Date', 'Genre', 'Composer', 'Performer', 'Comment'):
        T.ok(t in tb, 'tagtypes: lists %s' % t)


SONG_ID = re.compile(r'\{id:(\d+)\}')


def with_ids(server, request):
    """The request with each {id:N} replaced by the id the server gave
    the song at position N (ids differ between the two)."""
    def song_id(m):
        lines, end = server.ask('playlistinfo %s' % m.group(1))
        ids = [l.split(': ', 1)[1] for l in lines if l.startswith('Id: ')]
        return ids[0] if ids else '4000000'
    return SONG_ID.sub(song_id, request)


def test_compare(ctx):
    mpd_c, osp_c = Server(ctx['mpd_sock']), Server(td.socket_path(ctx['sb']))
    try:
        for request in requests():
            a = mpd_c.ask(with_ids(mpd_c, request))
            b = osp_c.ask(with_ids(osp_c, request))
            if request == 'stats':
                compare_stats(a, b)
            elif request == 'tagtypes':
                compare_tagtypes(a, b)
            else:
                compare(request, a, b)
    finally:
        mpd_c.close()
        osp_c.close()


def test_own_tags(ctx):
    """Drama and OstTrack: mpd has neither, so checked against what mpd
    says of the same files by folder."""
    mpd_c, osp_c = Server(ctx['mpd_sock']), Server(td.socket_path(ctx['sb']))
    try:
        lines, end = osp_c.ask('list Drama')
        dramas = [v for k, v in pairs_of(lines) if k == 'Drama']
        T.ok(end == 'OK' and 'Goblin' in dramas, 'list Drama lists Goblin',
             'Goblin', (dramas, end))
        lines, end = osp_c.ask('find Drama "Goblin"')
        mine = sorted(v for k, v in pairs_of(lines) if k == 'file')
        T.ok(end == 'OK' and len(mine) >= 5 and all(
            f.startswith('Goblin OST/') or 'Snow' in f or 'Heize' in f
            for f in mine), 'find Drama "Goblin": the Goblin files', '>= 5',
            mine)
        lines, end = osp_c.ask('find "(Drama == \\"Goblin\\")" sort Title')
        ordered = [v for k, v in pairs_of(lines) if k == 'Title']
        T.eq(ordered, sorted(ordered), 'find (Drama == "Goblin") sort Title')
        lines, end = osp_c.ask('find Drama "Goblin"')
        drama_of = [v for k, v in pairs_of(lines) if k == 'Drama']
        T.ok(drama_of and set(drama_of) == {'Goblin'},
             'find Drama: every song says Drama: Goblin', 'Goblin', drama_of)
        lines, end = osp_c.ask('list OstTrack Drama "Goblin"')
        songs = [v for k, v in pairs_of(lines) if k == 'OstTrack']
        T.ok(end == 'OK' and 'Hush' in songs, 'list OstTrack of Goblin',
             'Hush', (songs, end))
        lines, end = osp_c.ask('count Drama "Goblin"')
        T.ok(end == 'OK' and dict(pairs_of(lines)).get('songs') ==
             str(len(mine)), 'count Drama "Goblin"', len(mine), lines)
        lines, end = osp_c.ask('search Drama "gob"')
        T.eq(sorted(v for k, v in pairs_of(lines) if k == 'file'), mine,
             'search Drama "gob"')
        lines, end = osp_c.ask('list Drama group Genre')
        T.ok(end == 'OK' and ('Genre', 'OST') in pairs_of(lines),
             'list Drama group Genre', 'Genre: OST', lines)
        # starts_with (mpd 0.24): ostplay has it; compared with contains.
        a = osp_c.ask('find "(Title starts_with \\"Stay\\")"')
        b = mpd_c.ask('find "(Title =~ \\"^Stay\\")"')
        T.eq(entries(round_duration([p for p in pairs_of(a[0])
                                     if p[0] not in ONLY_OSTPLAY])),
             entries(round_duration(pairs_of(b[0]))),
             'find (Title starts_with "Stay") as mpd\'s =~ "^Stay"')
        # The 8-digit date is read, as mpd reads it.
        lines, end = osp_c.ask('lsinfo "root song.flac"')
        T.ok(('Date', '20160825') in pairs_of(lines),
             'an 8-digit date reads as tagged', 'Date: 20160825', lines)
    finally:
        mpd_c.close()
        osp_c.close()


def test_python_mpd(ctx):
    try:
        import mpd as mpd2
    except ImportError:
        T.skip('python-mpd2', 'python3-mpd is not installed')
        return
    clients = []
    for path in (ctx['mpd_sock'], td.socket_path(ctx['sb'])):
        c = mpd2.MPDClient()
        c.timeout = WAIT
        c.connect(path)
        clients.append(c)
    m, o = clients

    def strip(x):
        if isinstance(x, list):
            return [strip(i) for i in x]
        if isinstance(x, dict):
            return {k: (('%.1f' % float(v)) if k == 'duration' else v)
                    for k, v in x.items()
                    if k not in ('drama', 'osttrack')}
        return x
    calls = [
        ('lsinfo', ('Goblin OST',)), ('listall', ('Singers',)),
        ('listallinfo', ('Goblin OST/Bonus',)),
        ('find', ('artist', 'Crush')), ('search', ('any', 'snow')),
        ('find', ('(Genre == "OST")', 'sort', 'Title', 'window', '1:4')),
        ('list', ('album',)), ('list', ('album', 'group', 'albumartist')),
        ('count', ('genre', 'OST')), ('count', ('group', 'artist')),
        ('listfiles', ('Singers/Heize',)),
    ]
    for name, args in calls:
        a = getattr(m, name)(*args)
        b = getattr(o, name)(*args)
        if name == 'listfiles':
            a = sorted(a, key=lambda d: sorted(d.items()))
            b = sorted(b, key=lambda d: sorted(d.items()))
        T.eq(strip(b), strip(a), 'python-mpd2: %s%r' % (name, args))
    o.clear()
    o.findadd('artist', 'Crush')
    m.clear()
    m.findadd('artist', 'Crush')
    T.eq([x['file'] for x in o.playlistinfo()],
         [x['file'] for x in m.playlistinfo()], 'python-mpd2: findadd')
    T.eq(len(o.playlistsearch('artist', 'crush')),
         len(m.playlistsearch('artist', 'crush')),
         'python-mpd2: playlistsearch')
    o.clear()
    m.clear()
    o.add('Goblin OST')
    m.add('Goblin OST')
    T.eq([x['file'] for x in o.playlistinfo()],
         [x['file'] for x in m.playlistinfo()], 'python-mpd2: add a folder')
    o.clear()
    m.clear()
    st = o.stats()
    T.ok(int(st['songs']) == len(LIBRARY) and int(st['artists']) > 5,
         'python-mpd2: stats', len(LIBRARY), st)
    for name, args in (('find', ('nonsense', 'x')), ('lsinfo', ('nope',))):
        errs = []
        for c in (m, o):
            try:
                getattr(c, name)(*args)
                errs.append(None)
            except mpd2.CommandError as e:
                errs.append(str(e))
        T.eq(errs[1], errs[0], 'python-mpd2: %s%r raises as mpd' %
             (name, args))
    for c in clients:
        c.disconnect()


def mpc_run(sock, *args):
    env = dict(os.environ, MPD_HOST=sock)
    env.pop('MPD_PORT', None)
    p = subprocess.run(['mpc'] + list(args), env=env, capture_output=True,
                       timeout=WAIT, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), \
        p.stderr.decode('utf-8', 'replace')


def test_mpc(ctx):
    runs = [('ls',), ('ls', 'Goblin OST'), ('ls', 'Singers/Ailee'),
            ('search', 'artist', 'crush'), ('search', 'any', 'goblin'),
            ('find', 'album', 'Goblin OST Part.1'), ('list', 'artist'),
            ('list', 'album', 'artist', 'Crush'), ('list', 'genre'),
            ('listall',), ('listall', 'Singers'),
            ('search', '(Artist contains "ru")'),
            ('-f', '%artist% - %title% (%date%)', 'search', 'any', 'ost')]
    dramas = set(mpc_run(td.socket_path(ctx['sb']), 'lsplaylists')[1]
                 .splitlines())
    for args in runs:
        a = mpc_run(ctx['mpd_sock'], *args)
        b = mpc_run(td.socket_path(ctx['sb']), *args)
        if args == ('ls',):	# allowance: root playlists (the dramas)
            b = (b[0], ''.join(l + '\n' for l in b[1].splitlines()
                               if l not in dramas), b[2])
        T.eq(b, a, 'mpc %s' % ' '.join(args))
    rc, out, err = mpc_run(td.socket_path(ctx['sb']), 'stats')
    T.ok(rc == 0 and re.search(r'Artists:\s+\d+', out) and
         'Songs:' in out and '1970' not in out,
         'mpc stats: counts and a real update time', 'Artists, Songs', out)


def main():
    if not shutil.which('mpd') or not shutil.which('mpc'):
        T.skip('the mpd comparison', 'mpd or mpc is not installed')
        return T.finish()
    h = td.Harness(T, 'mpd-compare')
    sb = td.Sandbox(h, 'compare')
    mpd_proc = daemon = None
    try:
        make_library(sb.music)
        sb.give_to_owner(*[os.path.join(sb.music, d) for d in DIRS])
        r = sb.run('scan', sb.music)
        if r.rc != 0:
            T.bail_out('ostplay scan failed: %r' % (r,))
        mpd_proc, mpd_sock, ok = start_mpd(sb.root, sb.music)
        if not ok:
            T.bail_out('mpd did not start or update')
        td.write_config(sb)
        daemon = td.Foreground(sb)
        if not daemon.wait_ready():
            T.bail_out('the daemon did not start: %s' % daemon.stderr())
        ctx = dict(sb=sb, mpd_sock=mpd_sock)
        T.ok(len(requests()) >= 150, 'at least 150 requests',
             '>= 150', len(requests()))
        T.run_groups([('compare', test_compare), ('own', test_own_tags),
                      ('python-mpd', test_python_mpd), ('mpc', test_mpc)],
                     sys.argv[1:], ctx)
        T.ok(daemon.proc.poll() is None, 'the daemon is still running')
        rc = daemon.terminate()
        T.eq(rc, 0, 'the daemon exits cleanly (under ASan: nothing '
             'leaked)')
        if rc != 0:
            T.diag(daemon.stderr()[-3000:])
    finally:
        if daemon and daemon.proc.poll() is None:
            daemon.terminate()
        if mpd_proc:
            td.kill_pid(mpd_proc.pid, mpd_proc)
        td.stop_all(sb)
        sb.cleanup()
    return T.finish()


if __name__ == '__main__':
    sys.exit(main())
