#!/usr/bin/python3
"""The labelled case table of test-discover.py: soundtracks of TV dramas
that no catalog in playlists/ lists, which ostplay must discover from the
files alone, and look-alikes that are not dramas.

Every case is one file: its path below the music folder (folder and file
names are evidence too), its format, the tags written into it (None: no
tags at all) and the label:

  group  a short key of the work the file belongs to ('lotw' for Letters
         on the Waves), or None for a file that must get no drama at all
         (a film, game, anime or stage soundtrack, a compilation spanning
         dramas, an album merely called "Drama", ordinary music).
  names  the display names acceptable for that work's discovered drama: its
         Latin-script spellings used somewhere in the table (compared
         folded: NFKC, case folded, letters and digits only), or its native
         ones when no Latin spelling of it appears here.  () for None.
  kind   how the file names its drama (the spelling forms below), or
         'neg:<what>' for the confusers.
  song   the song the file was generated from: (group, index of the song
         in its drama's list), None for the confusers.  Tagged files with
         one song label are copies of one song (issue 10, "one song once":
         the same title and performers in the same version, whatever the
         album, format or script); the generator makes no instrumental or
         other versions, so the label needs no version part.  An untagged
         file is a song of its own whatever its label.

The spelling forms (kind 'form:<name>'), X being the drama's name:
  ost         album "X OST"                         folder "X OST"
  part        "X OST Part.3", "Part 3", "Pt.3", "O.S.T. Part.03", "Vol.2",
              "Pack 2"
  ots         "X (Original Television Soundtrack), Pt. 5" and the iTunes
              order "X, Pt. 5 (Original Television Soundtrack)"
  drama-ko    "드라마 X OST" (Korean dramas, Hangul X)
  zh-tw       "X 電視原聲帶" (Taiwanese)
  zh-insert   "电视剧《X》插曲" as album, or in the title or file name
  zh-ost      "X 电视剧原声带"
  ja-drama    "ドラマ「X」サウンドトラック", "…オリジナル・サウンドトラック"
  ja-ost      "X オリジナル・サウンドトラック"
  bracket     "[X OST Part.1] Artist - Song" as file name (untagged) or as
              the title of a file whose artist is an uploader
  paren       "Artist - Song (X OST)", likewise
  folder      untagged, only the folders and the file name tell
  link        a pair: the same song title by the same performer, once under
              the native name and once under the Latin one (Korean
              performers in Hangul on one side, romanised on the other) -
              what makes the two names one drama

Every drama here was checked against playlists/*.xspf (titles and aliases):
test-discover.py asserts again that none of the names resolves to a
catalog drama.  Real dramas the catalog came to list (Crash Landing on
You, Hotel del Luna, The Untamed, Someday or One Day, Nigehaji, ...) gave
way to fictional ones of the same shape (Letters on the Waves, Hotel
Moonrise, The Unbound, One Day Again, The Contract Housekeeper, ...), sung
by the same real singers under song titles no catalog lists, so that no
song of a catalog drama pulls a file there.  The others keep their real
songs where known, plausible ones otherwise: the label is about the drama,
not the song.
"""

import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from match_cases import EXT, _safe, _unique  # noqa: E402

Case = collections.namedtuple('Case', 'path fmt tags group names kind song')

# Every format test-match.py encodes; 'mp3v23' is an MP3 with ID3v2.3.
FORMATS = ['mp3', 'flac', 'mp3v23', 'm4a', 'ogg', 'opus', 'wma', 'wav']

# ---------------------------------------------------------------------------
# The dramas
# ---------------------------------------------------------------------------

Song = collections.namedtuple('Song', 'latin native perf part')
# latin: the title as English releases spell it (None: as the native one);
# native: the title in the drama's own script (None: as the Latin one);
# perf: ((Latin name or None, native name or None), ...); part: OST part.


def S(latin, native, perf, part):
    return Song(latin, native, tuple(perf), part)


class Drama:
    def __init__(self, key, country, latin, native, songs, plan):
        self.key = key
        self.country = country	# KR, CN, TW, JP, TH
        self.latin = latin	# spellings of the Latin-script name
        self.native = native	# spellings of the native name
        self.songs = songs
        self.plan = plan.split()
        self.used = {'L': set(), 'N': set()}
        self.turn = {'L': 0, 'N': 0}

    def name(self, script):
        """The next spelling in `script` ('L' or 'N'), in turn; every fifth
        Latin one in capitals."""
        names = self.latin if script == 'L' else self.native
        k = self.turn[script]
        self.turn[script] += 1
        n = names[k % len(names)]
        if script == 'L' and k % 5 == 4:
            n = n.upper()
        self.used[script].add(n)
        return n

    def names(self):
        """The acceptable display names (see the top), the drama's usual
        spelling first: the first Latin one, else the first native one."""
        used = self.used['L'] or self.used['N']
        first = self.latin[0] if self.used['L'] else self.native[0]
        return (first,) + tuple(sorted(used - {first}))


def title(s, script):
    if script == 'L':
        return s.latin or s.native
    return s.native or s.latin


def perf(s, script):
    """The performers in `script`: Hangul, Chinese or Japanese names in
    native files; the romanised names in Latin ones."""
    if script == 'L':
        return [p[0] or p[1] for p in s.perf]
    return [p[1] or p[0] for p in s.perf]


# Korean performers are written in Hangul on Korean releases; Chinese,
# Japanese and Thai ones keep their native names on both sides of a link.
DRAMAS = [
    Drama('lotw', 'KR', ['Letters on the Waves', 'Letters On The Waves'],
          ['파도 위의 편지'], [
              S('Paper Boat', None, [('Yoon Mi Rae', '윤미래')], 4),
              S('Open Your Heart', None, [('IU', '아이유')], 11),
              S('Tide Line', '물결선', [('Baek Yerin', '백예린')], 3),
              S("It Was Fate", '운명이었어', [('10cm', None)], 10),
          ],
          'bracket:0:L ost:1:L part:2:N ots:0:L drama-ko:3:N paren:2:L '
          'folder:3:N link:0 part:1:L folder:0:L'),
    Drama('hmr', 'KR', ['Hotel Moonrise', 'Hotel MoonRise'], ['호텔 문라이즈'], [
              S('Another Night', None, [('Monday Kiz', '먼데이 키즈'),
                                        ('Punch', '펀치')], 1),
              S('Recall Me', None, [('Gummy', '거미')], 2),
              S('All of Us', None, [('Taeyeon', '태연')], 3),
              S('Done Waiting', None, [('Punch', '펀치')], 4),
              S('Do You See Me Now', '내가 보이나요',
                [('Heize', '헤이즈')], 5),
          ],
          'ost:1:N part:4:N ots:0:L drama-ko:2:N bracket:1:L paren:3:L '
          'folder:4:L link:2 part:3:L'),
    Drama('etwt', 'KR', ['Eighteen Twenty-Two', 'Eighteen Twenty Two'],
          ['열여덟 스물둘'], [
              S('Moonbeam', None, [('Taeil', '태일')], 1),
              S('Very, Quietly', '아주, 조용히', [('BIBI', '비비')], 2),
              S('Run!', None, [('Dickpunks', '딕펑스')], 3),
          ],
          'part:0:L ots:1:L drama-ko:1:N paren:2:L folder:2:N bracket:1:N '
          'link:0 ost:2:L'),
    Drama('obd', 'KR', ['Office Blind Date', 'The Office Blind Date'],
          ['사내소개팅'], [
              S('Love, Perhaps', '사랑인 걸까', [('MeloMance', '멜로망스')], 1),
              S('Sweet Day', None, [('Kim Min Seok', '김민석')], 2),
              S('Can I Stay?', None, [('Jung Seung Hwan', '정승환')], 4),
          ],
          'ost:0:N ots:0:L part:2:L drama-ko:2:N bracket:2:L folder:0:L '
          'link:1 paren:0:N part:1:L'),
    Drama('r94', 'KR', ['Reply 1994'], ['응답하라 1994'], [
              S('To You', '너에게', [('Sung Si Kyung', '성시경')], 1),
              S('Seoul', '서울 이곳은', [('Roy Kim', '로이킴')], 2),
              S('Start', '시작', [('Seo In Guk', '서인국')], 3),
              S('Fate', None, [('Seo In Guk', '서인국')], 5),
          ],
          'part:0:N ost:1:L drama-ko:2:N ots:2:L folder:1:L bracket:0:L '
          'link:3 paren:1:N'),
    Drama('dh2', 'KR', ['Dream High 2'], ['드림하이 2', '드림하이2'], [
              S('Hello to Myself', None, [('Ailee', '에일리')], 1),
              S('Together We Can', None, [('Jiyeon', '지연')], 2),
              S('Superstar', None, [('JB', None), ('Jinwoon', '진운')], 3),
          ],
          'part:0:L ost:2:N drama-ko:0:N ots:2:L bracket:0:L folder:2:L '
          'link:1 paren:0:L'),
    Drama('lor', 'KR', ['Lorenzo'], ['로렌조'], [
              S('Lorenzo', None, [('Kim Jong Wan', '김종완')], 1),
              S('Dear Stranger', None, [('Hyun Jin Young', '현진영')], 2),
              S('Largo', None, [('Kim Yoon Ah', '김윤아')], 5),
          ],
          'ost:0:L part:2:N ots:0:L drama-ko:2:N paren:0:L folder:2:L '
          'link:1 bracket:2:N'),
    Drama('mrst', 'KR', ['Mr. Starlight', 'Mr Starlight'], ['미스터 스타라이트'], [
              S('Dawn and Dusk', None, [('Kim Yoon Ah', '김윤아')], 1),
              S('Farewell Now', None, [('Park Hyo Shin', '박효신')], 14),
              S('Said Nothing', None, [('Lee Su Hyun', '이수현')], 6),
          ],
          'part:0:N ost:1:L ots:2:L drama-ko:0:N bracket:1:L paren:2:L '
          'folder:0:L link:1 part:2:L'),
    Drama('mrq', 'KR', ['Mr. Queen', 'Mr Queen'], ['철인왕후'], [
              S('Just Like a Dream', None, [('Kim Na Young', '김나영')], 1),
              S('Falling Petals', None, [('Jung Seung Hwan', '정승환')], 3),
          ],
          'ost:1:L part:0:N drama-ko:1:N ots:1:L paren:0:L folder:1:N '
          'link:0 bracket:1:L'),
    Drama('ofs', 'KR', ['Our Faded Spring'], ['그 봄 우리는', '그봄 우리는'], [
              S('Bookshelf', '책장', [('10CM', None)], 1),
              S('Hold Me', None, [('BIBI', '비비')], 3),
              S('Snow Globe', None, [('V', '뷔')], 5),
          ],
          'part:0:N ost:2:L ots:0:L drama-ko:2:N bracket:2:L folder:0:N '
          'link:1 paren:0:L part:1:L'),
    Drama('nev', 'KR', ['Nevertheless', 'Nevertheless,'],
          ['알고있지만,', '알고있지만'], [
              S('Butterfly', None, [('Lee Su Hyun', '이수현')], 1),
              S('Tell Me Why', None, [('Ha Hyun Sang', '하현상')], 2),
              S('Last Love', '마지막 사랑', [('Jukjae', '적재')], 4),
          ],
          'ost:2:N part:1:L ots:2:L drama-ko:1:N folder:1:L paren:2:L '
          'link:0 bracket:1:L'),
    Drama('htt', 'KR', ['Hometown Tango', 'Hometown tango'],
          ['바닷마을 탱고'], [
              S('Lazy Sunday', '게으른 일요일',
                [('Car, the garden', '카더가든')], 1),
              S('Hope', None, [('Choi Yu Ri', '최유리')], 5),
              S('Tiny Star', None, [('Stella Jang', '스텔라장')], 3),
          ],
          'part:0:N ost:2:L ots:0:L drama-ko:2:N bracket:1:L folder:2:L '
          'link:1 paren:0:L ots:2:L'),
    Drama('ht', 'KR', ['Hometown'], ['홈타운'], [
              S('Hometown', None, [('Jung Cha Sik', '정차식')], 1),
              S('The Night Is Long', '긴 밤', [('Kim Feel', '김필')], 2),
          ],
          'ost:1:N part:1:L drama-ko:0:N ots:1:L bracket:1:L folder:0:L '
          'link:0 paren:1:L'),
    Drama('scu', 'KR', ['Scale-Up', 'Scale Up', 'Scaleup'], ['스케일업'], [
              S('Rushing', None, [('Gaho', '가호')], 4),
              S('Tomorrowland', None, [('Red Velvet', '레드벨벳')], 1),
              S('Few Words', None, [('Yoon Mi-rae', '윤미래')], 9),
          ],
          'ost:1:L part:2:N ots:1:L drama-ko:1:N paren:0:L folder:2:L '
          'bracket:2:L link:0 part:1:L link:2'),
    Drama('iotl', 'KR', ["It's Okay, That's Love", "It's Okay That's Love"],
          ['괜찮아 사랑이야', '괜찮아, 사랑이야'], [
              S('Best Luck', None, [('Chen', '첸')], 3),
              S('Let Me Hear Your Voice', None,
                [('Jung Joon Young', '정준영')], 1),
              S('It\'s Okay', '괜찮아', [('Davichi', '다비치')], 5),
          ],
          'part:1:L ost:2:N ots:2:L drama-ko:1:N bracket:1:N paren:2:L '
          'folder:1:L link:0 ost:0:L'),
    Drama('iotbl', 'KR', ["It's Okay to Be Lonely"], ['외로워도 괜찮아'], [
              S('Breathe Out', None, [('Park Won', '박원')], 2),
              S("You're Distant", None, [('Janet Suhh', '자넷서')], 1),
              S('In the Quiet', None, [('Kim Feel', '김필')], 4),
          ],
          'ost:1:N part:2:L ots:1:L drama-ko:2:N paren:1:L folder:2:L '
          'link:0 bracket:2:L'),
    # Chinese: the link keeps the performers' Chinese names on both sides.
    Drama('unbound', 'CN', ['The Unbound', 'Unbound'], ['问心令'], [
              S('Wu Wei', '无畏', [('Xiao Zhan', '肖战'),
                                 ('Wang Yibo', '王一博')], 1),
              S('Bu Hui', '不悔', [('Wang Yibo', '王一博')], 2),
              S('Qu Zhong Wen Xin', '曲终问心', [('Xiao Zhan', '肖战')], 3),
              S('Yi Wei Ping', '意未平', [('Yin Lin', '银临')], 4),
          ],
          'zh-insert:1:N zh-ost:2:N ost:3:L zh-insert:2:N ots:3:L '
          'bracket:1:L paren:2:L zh-ost:3:N link:0 zh-insert:3:N '
          'zh-ost:1:N'),
    Drama('lbfd', 'CN', ['Love Between Fairy and Devil',
                         'The Love Between Fairy and Devil'], ['苍兰诀'], [
              S('Jue Ai', '诀爱', [('Zhan Wenting', '詹雯婷')], 1),
              S('Bu Mie', '不灭', [('Zhou Shen', '周深')], 2),
              S('Xiang Yu', '相遇', [('Yu Shuxin', '虞书欣')], 3),
          ],
          'zh-ost:1:N zh-insert:2:N ost:1:L zh-insert:1:N ots:2:L '
          'zh-ost:2:N paren:1:L link:0 bracket:2:N'),
    Drama('quiet', 'CN', ['Quiet Love'], ['悄悄藏心里'], [
              S('Xin Tiao', '心跳', [('Zhao Lusi', '赵露思')], 1),
              S('Yin Cang', '隐藏', [('Chen Zheyuan', '陈哲远')], 2),
              S('Wei Ta', '为他', [('Zhou Shen', '周深')], 3),
          ],
          'zh-ost:0:N zh-insert:1:N zh-ost:2:N ost:0:L zh-insert:2:N link:0 '
          'paren:1:L zh-ost:1:N bracket:2:N'),
    # Taiwanese.
    Drama('odaa', 'TW', ['One Day Again'], ['想再見你'], [
              S('Final Dance', None, [('伍佰 & China Blue', None)], 1),
              S('Xiang Zai Jian Ni', '想再見你想再見你', [('831', '八三夭')], 2),
              S('Deng Ni', '等你', [('Ariel Lin', '林依晨')], 3),
          ],
          'zh-tw:1:N zh-tw:2:N ost:0:N ots:1:L bracket:2:L zh-tw:0:N '
          'link:0 paren:1:N zh-tw:2:N'),
    Drama('twbu', 'TW', [], ['我們與惡的距離'], [
              S(None, '我們', [(None, '楊乃文')], 1),
              S(None, '距離', [(None, '盧廣仲')], 2),
              S(None, '人間', [(None, '王菲')], 3),
          ],
          'zh-tw:0:N zh-tw:1:N ost:2:N bracket:0:N zh-tw:2:N paren:1:N'),
    # Japanese.
    Drama('keiyaku', 'JP', ['The Contract Housekeeper'],
          ['契約は恥だが愛になる'], [
              S('Tsuki', '月', [('Gen Hoshino', '星野源')], 1),
              S('Keiyaku Main Theme', 'メインテーマ', [('Kenichiro Suehiro',
                                                    '末廣健一郎')], 2),
              S('Kekkon Shimasu', '結婚します', [('MAYUKO', None)], 3),
          ],
          'ja-drama:1:N ja-ost:2:N ost:1:L ja-drama:2:N link:0 bracket:0:N '
          'ja-ost:1:N ots:2:L ja-drama:0:N'),
    # Its name is written in Latin letters in Japan too.
    Drama('silent', 'JP', [], ['silent', 'Silent'], [
              S('Subtitle', None, [(None, 'Official髭男dism')], 1),
              S(None, 'メインテーマ', [(None, '得田真裕')], 2),
              S(None, '紬', [(None, '得田真裕')], 3),
          ],
          'ja-drama:0:N ja-ost:1:N ja-drama:1:N ost:0:N ja-ost:2:N '
          'bracket:0:N ja-drama:2:N'),
    Drama('tls', 'JP', [], ['東京ラブストーリー'], [
              S(None, 'ラブ・ストーリーは突然に', [(None, '小田和正')], 1),
              S(None, 'メインテーマ', [(None, '日向敏文')], 2),
              S(None, '愛の予感', [(None, '日向敏文')], 3),
          ],
          'ja-drama:0:N ja-ost:1:N ost:2:N ja-drama:1:N paren:0:N '
          'ja-ost:2:N ja-drama:2:N'),
    # Thai.
    Drama('fsth', 'TH', ['Four Stars Thailand'], [], [
              S('Who Are You', None, [('Bright Vachirawit', None)], 1),
              S('Shooting Star', None, [('Win Metawin', None)], 2),
              S('Hug Me', None, [('Tu Tontawan', None)], 3),
          ],
          'ost:0:L part:1:L bracket:2:L paren:0:L folder:1:L ots:2:L '
          'part:0:L'),
    Drama('kwl', 'TH', [], ['บุพเพรักข้ามเวลา'], [
              S(None, 'รักข้ามเวลา', [(None, 'ไอซ์ ศรัณยู')], 1),
              S(None, 'แม่หญิงเอย', [(None, 'ต่าย อรทัย')], 2),
              S(None, 'รักนิรันดร์กาล', [(None, 'โบว์ เมลดา')], 3),
          ],
          'ost:0:N part:1:N bracket:2:N paren:0:N folder:1:N ost:2:N'),
]

# Where each country's files come from: the store a native release is
# bought from, and the folder fans keep that country's dramas in.
STORE = {'KR': 'Melon', 'CN': 'QQ音乐', 'TW': 'KKBOX', 'JP': 'mora',
         'TH': 'JOOX'}
SHELF = {'KR': 'K-Drama', 'CN': 'C-Drama', 'TW': 'TW-Drama', 'JP': 'J-Drama',
         'TH': 'Thai Drama'}

# Who uploads the videos that files named "[X OST Part.1] Artist - Song"
# come from; such a file's artist tag is the channel.
CHANNELS = ['1theK (원더케이)', 'Stone Music Entertainment', 'KOCOWA TV',
            'CJENM Music', 'Kakao Entertainment']

# ---------------------------------------------------------------------------
# The spelling forms: each returns (path without extension, tags or None).
# `v` counts the form's uses, to rotate its variants.
# ---------------------------------------------------------------------------


def _credit(s, sc, sep=', '):
    return sep.join(perf(s, sc))


def f_ost(d, s, sc, v):
    x = d.name(sc)
    folder = ['%s OST' % x, '%s/%s OST' % (SHELF[d.country], x),
              'Music/%s/%s OST' % (_credit(s, sc), x)][v % 3]
    return ('%s/%02d %s' % (folder, s.part, title(s, sc)),
            dict(title=title(s, sc), artists=perf(s, sc), album='%s OST' % x,
                 album_artist='Various Artists' if v % 2 else None,
                 genre='OST', track=s.part))


_PARTS = ['%s OST Part.%d', '%s OST Part %d', '%s OST Pt.%d',
          '%s O.S.T. Part.%02d', '%s OST Vol.%d', '%s OST Pack %d']


def f_part(d, s, sc, v):
    x = d.name(sc)
    album = _PARTS[v % len(_PARTS)] % (x, s.part)
    folder = ['%s/%s' % (STORE[d.country], album), album,
              '%s/%s' % (perf(s, sc)[0], album)][v % 3]
    return ('%s/01 %s' % (folder, title(s, sc)),
            dict(title=title(s, sc), artists=perf(s, sc), album=album,
                 album_artist='Various Artists', track='1/2'))


def f_ots(d, s, sc, v):
    x = d.name(sc)
    album = ['%s (Original Television Soundtrack), Pt. %d' % (x, s.part),
             '%s (Original Television Soundtrack)' % x,
             '%s, Pt. %d (Original Television Soundtrack)' % (x, s.part)
             ][v % 3]
    return ('iTunes Media/Music/Various Artists/%s/%02d %s'
            % (album, v % 9 + 1, title(s, sc)),
            dict(title=title(s, sc), artists=perf(s, sc), album=album,
                 album_artist='Various Artists', track=v % 9 + 1,
                 genre='Soundtrack'))


def f_drama_ko(d, s, sc, v):
    x = d.name('N')
    album = '드라마 %s OST' % x if v % 2 else '드라마 %s OST Part.%d' % (
        x, s.part)
    return ('Melon/%s/%s - %s' % (album, _credit(s, 'N'), title(s, 'N')),
            dict(title=title(s, 'N'), artists=[_credit(s, 'N')], album=album,
                 album_artist='Various Artists', genre='국내드라마'))


def f_zh_tw(d, s, sc, v):
    x = d.name('N')
    album = '%s 電視原聲帶' % x
    folder = ['華語/%s' % album, album, 'C-Pop/%s' % album][v % 3]
    return ('%s/%02d %s' % (folder, s.part, title(s, 'N')),
            dict(title=title(s, 'N'), artists=perf(s, 'N'), album=album,
                 track=s.part, genre='Soundtrack'))


def f_zh_insert(d, s, sc, v):
    x = d.name('N')
    t = title(s, 'N')
    k = v % 3
    if k == 0:		# a single whose album is the drama's 插曲
        album = '电视剧《%s》插曲' % x
        return ('C-Pop/%s/%s' % (album, t),
                dict(title=t, artists=perf(s, 'N'), album=album))
    if k == 1:		# the title says it, no album
        return ('C-Pop/%s - %s' % (_credit(s, 'N'), t),
                dict(title='%s (电视剧《%s》插曲)' % (t, x),
                     artists=perf(s, 'N')))
    return ('下载/%s - %s (电视剧《%s》插曲)' % (_credit(s, 'N'), t, x), None)


def f_zh_ost(d, s, sc, v):
    x = d.name('N')
    album = '%s 电视剧原声带' % x
    return ('C-Drama/%s/%02d %s' % (album, s.part, title(s, 'N')),
            dict(title=title(s, 'N'), artists=perf(s, 'N'), album=album,
                 track=s.part))


def f_ja_drama(d, s, sc, v):
    x = d.name('N')
    album = ['ドラマ「%s」サウンドトラック', 'ドラマ「%s」オリジナル・サウンドトラック',
             'テレビドラマ「%s」オリジナル・サウンドトラック'][v % 3] % x
    return ('J-Drama/%s/%02d %s' % (album, s.part, title(s, 'N')),
            dict(title=title(s, 'N'), artists=perf(s, 'N'), album=album,
                 track=s.part))


def f_ja_ost(d, s, sc, v):
    x = d.name('N')
    album = '%s オリジナル・サウンドトラック' % x
    return ('%s/%02d %s' % (album, s.part, title(s, 'N')),
            dict(title=title(s, 'N'), artists=perf(s, 'N'), album=album,
                 album_artist=perf(s, 'N')[0]))


def f_bracket(d, s, sc, v):
    x = d.name(sc)
    tag = '%s OST Part.%d' % (x, s.part) if v % 3 != 2 else '%s OST' % x
    name = '[%s] %s - %s' % (tag, _credit(s, sc), title(s, sc))
    if v % 2 == 0:
        return ('YouTube/%s' % name, None)
    return ('YouTube/%s' % name,
            dict(title=name, artists=[CHANNELS[v % len(CHANNELS)]]))


def f_paren(d, s, sc, v):
    x = d.name(sc)
    name = '%s - %s (%s OST)' % (_credit(s, sc), title(s, sc), x)
    if v % 2 == 0:
        return ('Downloads/%s' % name, None)
    return ('Downloads/yt/%s' % name,
            dict(title=name, artists=[CHANNELS[v % len(CHANNELS)]]))


def f_folder(d, s, sc, v):
    x = d.name(sc)
    k = v % 3
    if k == 0:
        return ('%s OST/%02d. %s - %s' % (x, s.part, _credit(s, sc),
                                          title(s, sc)), None)
    if k == 1:
        return ('Dramas/%s OST Part.%d/%02d %s' % (x, s.part, 1,
                                                   title(s, sc)), None)
    return ('%s/%s/%s OST/%s - %s' % (SHELF[d.country], x, x,
                                      _credit(s, sc, ' & '), title(s, sc)),
            None)


FORMS = {'ost': f_ost, 'part': f_part, 'ots': f_ots, 'drama-ko': f_drama_ko,
         'zh-tw': f_zh_tw, 'zh-insert': f_zh_insert, 'zh-ost': f_zh_ost,
         'ja-drama': f_ja_drama, 'ja-ost': f_ja_ost, 'bracket': f_bracket,
         'paren': f_paren, 'folder': f_folder}


def link(d, s, v):
    """The same song by the same performer under the native name and the
    Latin one: a file from a store at home and an English-release one.
    Korean titles as Melon shows them (Latin where the song has one),
    others in their own script on both sides."""
    t = (s.latin or s.native) if d.country == 'KR' else (s.native or s.latin)
    xn, xl = d.name('N'), d.name('L')
    n_album = ('%s OST Part.%d' % (xn, s.part) if d.country == 'KR'
               else '%s OST' % xn)
    l_album = ['%s OST Part %d' % (xl, s.part),
               '%s (Original Television Soundtrack), Pt. %d' % (xl, s.part)
               ][v % 2]
    # Korean performers: Hangul on the Korean release, romanised on the
    # English one; others keep their own names on both.
    l_perf = perf(s, 'L') if d.country == 'KR' else perf(s, 'N')
    return [('%s/%s/%s - %s' % (STORE[d.country], n_album, _credit(s, 'N'),
                                t),
             dict(title=t, artists=[_credit(s, 'N')], album=n_album,
                  album_artist='Various Artists', genre='OST')),
            ('Music/%s/%s/%s' % (l_perf[0], l_album, t),
             dict(title=t, artists=l_perf, album=l_album,
                  album_artist='Various Artists'))]


# ---------------------------------------------------------------------------
# The confusers: (path without extension, format, title, artists, album,
# other tags); title None means an untagged file.
# ---------------------------------------------------------------------------

def _negs(kind, rows):
    out = []
    for path, fmt, t, artists, album, extra in rows:
        tags = None if t is None else dict(title=t, artists=artists,
                                           album=album, **extra)
        out.append(('neg:' + kind, path, fmt, tags))
    return out


NEGATIVES = _negs('film', [
    ('Soundtracks/Parasite (Original Motion Picture Soundtrack)/01 Opening',
     'flac', 'Opening', ['Jung Jae Il'],
     'Parasite (Original Motion Picture Soundtrack)', {}),
    ('영화 기생충 OST/19 소주 한잔', 'mp3', '소주 한잔', ['최우식'], '영화 기생충 OST',
     dict(genre='OST')),
    ('Soundtracks/La La Land/City of Stars', 'm4a', 'City of Stars',
     ['Ryan Gosling', 'Emma Stone'],
     'La La Land (Original Motion Picture Soundtrack)', {}),
    ('Hans Zimmer/Interstellar/Cornfield Chase', 'ogg', 'Cornfield Chase',
     ['Hans Zimmer'], 'Interstellar (Original Motion Picture Soundtrack)', {}),
    ('Celine Dion/Titanic/My Heart Will Go On', 'mp3v23',
     'My Heart Will Go On', ['Celine Dion'],
     'Titanic: Music from the Motion Picture', {}),
    ('Movies/Begin Again Movie OST/Adam Levine - Lost Stars', 'wav', None,
     None, None, {}),
    ('Soundtracks/Begin Again/Lost Stars', 'opus', 'Lost Stars',
     ['Adam Levine'], 'Begin Again - Music From and Inspired by the '
     'Original Motion Picture', {}),
    ('영화 건축학개론 OST/기억의 습작', 'wma', '기억의 습작', ['전람회'],
     '영화 건축학개론 OST', {}),
    ('C-Pop/电影《你好，李焕英》插曲/萱草花', 'mp3', '萱草花', ['张小斐'],
     '电影《你好，李焕英》插曲', {}),
    ('C-Pop/不能说的秘密 电影原声带/不能说的秘密', 'flac', '不能说的秘密', ['周杰伦'],
     '不能说的秘密 电影原声带', {}),
    ('J-Pop/映画「花束みたいな恋をした」/勿忘', 'm4a', '勿忘', ['Awesome City Club'],
     '映画「花束みたいな恋をした」オリジナル・サウンドトラック', {}),
    ('J-Pop/平井堅 - 瞳をとじて', 'mp3', '瞳をとじて', ['平井堅'],
     '映画「世界の中心で、愛をさけぶ」サウンドトラック', {}),
    ('YouTube/Lady Gaga, Bradley Cooper - Shallow (A Star Is Born Movie OST)',
     'opus', None, None, None, {}),
    ('YouTube/[Movie OST] Ben Folds - The Luckiest (About Time)', 'mp3v23',
     None, None, None, {}),
    ('Disney/Frozen/Let It Go', 'ogg', 'Let It Go', ['Idina Menzel'],
     'Frozen (Original Motion Picture Soundtrack)', {}),
]) + _negs('game', [
    ('Game Music/Breath of the Wild/Main Theme', 'flac', 'Main Theme',
     ['Manaka Kataoka'],
     'The Legend of Zelda: Breath of the Wild Original Game Soundtrack', {}),
    ('Game Music/Genshin Impact/Dusk in Mondstadt', 'm4a',
     'Dusk in Mondstadt', ['HOYO-MiX'], 'Genshin Impact - The Wind and '
     'The Star Traveler (Original Game Soundtrack)', {}),
    ('게임 OST/메이플스토리/Ellinia', 'mp3', 'Ellinia', ['NEXON Sound Team'],
     '메이플스토리 게임 OST', {}),
    ('Game/Final Fantasy VII/One-Winged Angel', 'wma', 'One-Winged Angel',
     ['Nobuo Uematsu'], 'Final Fantasy VII Game OST', {}),
    ('ゲーム/ドラゴンクエストXI/序曲', 'ogg', '序曲', ['すぎやまこういち'],
     'ゲーム「ドラゴンクエストXI」オリジナル・サウンドトラック', {}),
    ('游戏原声/原神/蒙德城', 'mp3v23', '蒙德城', ['HOYO-MiX'], '原神 游戏原声带', {}),
    ('YouTube/Undertale Game OST - Megalovania', 'wav', None, None, None,
     {}),
    ('C418/Minecraft - Volume Alpha/Sweden', 'opus', 'Sweden', ['C418'],
     'Minecraft - Volume Alpha', dict(genre='Video Game Soundtrack')),
]) + _negs('anime', [
    ('Anime/鬼滅の刃/竈門炭治郎のうた', 'flac', '竈門炭治郎のうた',
     ['椎名豪 featuring 中川奈美'], 'TVアニメ「鬼滅の刃」オリジナルサウンドトラック', {}),
    ('Anime/進撃の巨人/Call your name', 'mp3', 'Call your name', ['澤野弘之'],
     'アニメ「進撃の巨人」オリジナル・サウンドトラック', {}),
    ('动漫/魔道祖师/醉梦前尘', 'm4a', '醉梦前尘', ['魔道祖师动画'],
     '动画《魔道祖师》原声带', {}),
    ('Anime/Your Lie in April Anime OST/Hikaru Nara', 'ogg', 'Hikaru Nara',
     ['Goose house'], 'Your Lie in April Anime OST', {}),
    ('Anime/SPY x FAMILY/Mission', 'opus', 'Mission', ['(K)NoW_NAME'],
     'TV Anime "SPY x FAMILY" Original Soundtrack', {}),
    ('YouTube/Ikimonogakari - Blue Bird (Naruto Shippuden Anime OST)',
     'mp3v23', None, None, None, {}),
    ('애니메이션/너의 이름은/스파클', 'wma', 'スパークル', ['RADWIMPS'],
     '애니메이션 너의 이름은 OST', {}),
    ('Anime/TVアニメ「葬送のフリーレン」/勇者', 'wav', '勇者', ['YOASOBI'],
     'TVアニメ「葬送のフリーレン」オープニングテーマ', {}),
]) + _negs('stage', [
    ('Broadway/Hamilton/Alexander Hamilton', 'flac', 'Alexander Hamilton',
     ['Lin-Manuel Miranda', 'Leslie Odom Jr.'],
     'Hamilton (Original Broadway Cast Recording)', {}),
    ('Broadway/Les Miserables/I Dreamed a Dream', 'mp3', 'I Dreamed a Dream',
     ['Patti LuPone'], 'Les Misérables (Original London Cast Recording)', {}),
    ('Broadway/Wicked/Defying Gravity', 'm4a', 'Defying Gravity',
     ['Idina Menzel', 'Kristin Chenoweth'],
     'Wicked (Original Broadway Cast Recording)', {}),
    ('뮤지컬/레베카/레베카', 'ogg', '레베카', ['옥주현'], '뮤지컬 레베카 OST', {}),
    ('Musical/Mozart!/나는 나는 음악', 'mp3v23', '나는 나는 음악', ['김준수'],
     'Mozart! Musical OST', {}),
    ('ミュージカル/エリザベート/私だけに', 'opus', '私だけに', ['花總まり'],
     'ミュージカル「エリザベート」オリジナル・キャスト盤', {}),
    ('Theatre/Dear Evan Hansen (Original Broadway Cast Recording)/'
     '04 Waving Through a Window', 'wma', None, None, None, {}),
]) + _negs('compilation', [
    ('Compilations/Best K-Drama OST Collection/01 Heartbeat', 'mp3',
     'Heartbeat', ['Kim Bum Soo'], 'Best K-Drama OST Collection',
     dict(album_artist='Various Artists')),
    ('Compilations/Best K-Drama OST Collection/02 Only One Person', 'flac',
     'Only One Person', ['Kim Yoon Ah'], 'Best K-Drama OST Collection',
     dict(album_artist='Various Artists')),
    ('Piano/K-Drama OST Piano Covers/03 A Winter Song', 'm4a',
     'A Winter Song (Piano Cover)', ['Kpop Piano Studio'],
     'K-Drama OST Piano Covers', {}),
    ('Piano/K-Drama OST Piano Covers/07 Spring Rain', 'wav',
     'Spring Rain (Piano Cover)', ['Kpop Piano Studio'],
     'K-Drama OST Piano Covers', {}),
    ('Compilations/드라마 OST 베스트 2020/05 첫사랑', 'ogg', '첫사랑', ['백아연'],
     '드라마 OST 베스트 2020', dict(album_artist='Various Artists')),
    ('Compilations/韩剧OST精选/天使的眼泪', 'opus', '天使的眼泪', ['尹美莱'],
     '韩剧OST精选 Vol.2', {}),
    ('Compilations/Korean Drama OST Hits Vol. 3/11 Moonlight Lullaby',
     'mp3v23', 'Moonlight Lullaby', ['Sung Si Kyung'],
     'Korean Drama OST Hits Vol. 3', dict(album_artist='Various Artists')),
    ('Compilations/The Best of C-Drama OST/爱的回音', 'flac', '爱的回音',
     ['周深'], 'The Best of C-Drama OST', {}),
    ('YouTube/[Playlist] Best Korean Drama OST 2021 - Piano Collection',
     'wma', None, None, None, {}),
    ('Lofi/K-Drama OST Lofi Mix/Rainy Window', 'mp3', 'Rainy Window',
     ['Lofi Seoul'], 'K-Drama OST Lofi Mix', {}),
]) + _negs('drama-album', [
    ('aespa/Drama/01 Drama', 'flac', 'Drama', ['aespa'], 'Drama',
     dict(album_artist='aespa', genre='K-Pop')),
    ('aespa/Drama/02 Trick or Trick', 'm4a', 'Trick or Trick', ['aespa'],
     'Drama', dict(album_artist='aespa')),
    ('K-Pop/aespa - Drama', 'opus', None, None, None, {}),
    ('Bananarama/Drama/Move in My Direction', 'mp3', 'Move in My Direction',
     ['Bananarama'], 'Drama', dict(genre='Pop')),
    ('Yes/Drama/Machine Messiah', 'ogg', 'Machine Messiah', ['Yes'], 'Drama',
     dict(genre='Progressive Rock')),
    ('Lorde/Melodrama/Green Light', 'mp3v23', 'Green Light', ['Lorde'],
     'Melodrama', {}),
]) + _negs('ordinary', [
    ('IU/Palette/Through the Night', 'mp3', '밤편지', ['아이유'], 'Palette', {}),
    ('Adele/25/Hello', 'flac', 'Hello', ['Adele'], '25', {}),
    ('BTS/Dynamite', 'm4a', 'Dynamite', ['BTS'], 'Dynamite (DayTime Version)',
     {}),
    ('Jay Chou/Ye Hui Mei/Qing Tian', 'ogg', '晴天', ['周杰倫'], '葉惠美', {}),
    ('宇多田ヒカル/First Love/First Love', 'mp3v23', 'First Love',
     ['宇多田ヒカル'], 'First Love', {}),
    ('Taylor Swift/Fearless/Love Story', 'opus', 'Love Story',
     ['Taylor Swift'], 'Fearless', {}),
    # Singers of the dramas above, in their own albums.
    ('星野源/YELLOW DANCER/SUN', 'wma', 'SUN', ['星野源'], 'YELLOW DANCER', {}),
    ('伍佰/浪人情歌/突然的自我', 'wav', '突然的自我', ['伍佰 & China Blue'],
     '浪人情歌', {}),
    ('10CM/4.0/Is Spring Good', 'mp3', '봄이 좋냐??', ['10CM'], '4.0', {}),
    ('윤미래/검은 행복', 'flac', '검은 행복', ['윤미래'], 'Yoonmirae 3집', {}),
    ('Baek Yerin/Every letter I sent you/Square', 'm4a', 'Square (2017)',
     ['Baek Yerin'], 'Every letter I sent you.', {}),
    ('肖战/光点', 'ogg', '光点', ['肖战'], '光点', {}),
    ('Downloads/track07', 'mp3', None, None, None, {}),
])


# ---------------------------------------------------------------------------

def _cases():
    out = []
    uses = collections.Counter()
    raw = []			# (drama, kind, path, tags, song label)
    for d in DRAMAS:
        for step in d.plan:
            parts = step.split(':')
            n = int(parts[1])
            form, s = parts[0], d.songs[n]
            v = uses[form]
            uses[form] += 1
            if form == 'link':
                for path, tags in link(d, s, v):
                    raw.append((d, 'form:link', path, tags, (d.key, n)))
                continue
            path, tags = FORMS[form](d, s, parts[2], v)
            raw.append((d, 'form:' + form, path, tags, (d.key, n)))
    for i, (d, kind, path, tags, song) in enumerate(raw):
        fmt = FORMATS[(i * 3 + i // 8) % len(FORMATS)]
        if tags is not None:
            tags = {k: v for k, v in tags.items() if v is not None}
        path = '/'.join(_safe(p) or '_' for p in path.split('/'))
        out.append(Case('%s.%s' % (path, EXT[fmt]), fmt, tags, d.key,
                        d.names(), kind, song))
    for kind, path, fmt, tags in NEGATIVES:
        out.append(Case('%s.%s' % (path, EXT[fmt]), fmt, tags, None, (),
                        kind, None))
    return _unique(out)


CASES = _cases()
# {group: acceptable names}, and the country of each work.
NAMES = {d.key: d.names() for d in DRAMAS}
COUNTRY = {d.key: d.country for d in DRAMAS}
# Every spelling of every drama above (none may be a catalog drama).
ALL_NAMES = sorted({n for d in DRAMAS for n in d.latin + d.native})
# Works with similar names that must stay apart.
NEAR_PAIRS = [('htt', 'ht'), ('iotl', 'iotbl'), ('mrst', 'mrq')]
