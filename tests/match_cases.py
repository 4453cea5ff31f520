#!/usr/bin/python3
"""The labelled case table of test-match.py: what a real music folder with
drama OSTs in it looks like, and what the matcher must decide for each file.

Every case is one file: its path below the music folder (folder and file
names are evidence too), its format, the tags written into it (None: no
tags at all) and the label.  Labels name dramas and songs the way the seed
posts do; test-match.py resolves them against the catalogs in playlists/ at
run time, so the table never repeats the catalogs' canonical spellings.

Positives are generated: every catalog song below gets several tagging
variants (STYLES), picked so that each song sees different ones and every
style is used by many songs; instrumental and untagged variants come on top.
Negatives and the hard distinctions are written out by hand below.

Label rules:
  drama   the drama the file belongs to, or None when it must not match any.
  song    the song within that drama, or None when it is not in the catalog
          (or the file has no drama); None is not checked.
  inst    an instrumental version ("Inst.", "Instrumental", "MR" in the title
          or file name, or a score piece the catalog marks instrumental),
          whether or not the drama matches.
  duet    two or more distinct performers are credited for the file, however
          the credit is written ("Chen (EXO)" is one performer).  Duets are
          always credited in full here, so the file's credit and the
          catalog's performers never disagree.
"""

import collections

Case = collections.namedtuple(
    'Case', 'path fmt tags drama song inst duet kind')

# Formats as test-match.py encodes them; 'mp3v23' is an MP3 with ID3v2.3.
EXT = {'mp3': 'mp3', 'mp3v23': 'mp3', 'flac': 'flac', 'ogg': 'ogg',
       'opus': 'opus', 'm4a': 'm4a', 'wma': 'wma', 'wav': 'wav'}
# Mostly MP3, as real libraries are; every format well represented.
_FORMAT_CYCLE = ['mp3', 'flac', 'mp3v23', 'm4a', 'ogg', 'mp3', 'opus', 'wma',
                 'mp3v23', 'flac', 'wav', 'm4a']

# Dramas a negative case belongs to that must NOT be in the catalog (else
# that case's label would be wrong): test-match.py checks they don't resolve.
NOT_IN_CATALOG = ['Reply 1994', 'Dream High 2', 'Letters on the Waves',
                  'Hotel Moonrise', "It's Okay, That's Love",
                  'Moon Garden: Scarlet Oath', 'School 2013']

# ---------------------------------------------------------------------------
# Dramas and songs (from the seed posts)
# ---------------------------------------------------------------------------

# label: Hangul title, English title as albums spell it, Revised
# Romanization of the Hangul (None where RR depends on sound changes a
# letter-by-letter transliteration does not make), an alternate English title.
DRAMAS = {
    'Goblin': ('도깨비', 'Goblin', 'Dokkaebi',
               'Guardian: The Lonely and Great God'),
    'Descendants of the Sun': ('태양의 후예', 'Descendants of the Sun',
                               'Taeyangui Huye', None),
    'Boys Over Flowers': ('꽃보다 남자', 'Boys Over Flowers',
                          'Kkotboda Namja', 'Boys Before Flowers'),
    'Reply 1988': ('응답하라 1988', 'Reply 1988', 'Eungdaphara 1988', None),
    'Reply 1997': ('응답하라 1997', 'Reply 1997', 'Eungdaphara 1997', None),
    'Dream High': ('드림하이', 'Dream High', 'Deurimhai', None),
    'Full House': ('풀하우스', 'Full House', 'Pulhauseu', None),
    'Are You Human Too': ('너도 인간이니', 'Are You Human Too',
                          'Neodo Inganini', 'Are You Human?'),
    'SKY Castle': ('SKY 캐슬', 'SKY Castle', None, None),
    'Kill Me, Heal Me': ('킬미, 힐미', 'Kill Me Heal Me', 'Kilmi, Hilmi', None),
    'While You Were Sleeping': ('당신이 잠든 사이에', 'While You Were Sleeping',
                                None, None),
    'W': ('W (더블유)', 'W', None, 'W: Two Worlds'),
    'Secret Garden': ('시크릿 가든', 'Secret Garden', 'Sikeurit Gadeun', None),
    'High-end Crush': ('고품격 짝사랑', 'High-end Crush', None, None),
    'Be Melodramatic': ('멜로가 체질', 'Be Melodramatic', None, None),
    'Hospital Playlist': ('슬기로운 의사생활', 'Hospital Playlist',
                          'Seulgiroun Uisasaenghwal', None),
    "I'm Sorry, I Love You": ('미안하다, 사랑한다', "I'm Sorry, I Love You",
                              'Mianhada, Saranghanda', None),
    'Itaewon Class': ('이태원 클라쓰', 'Itaewon Class', None, None),
    'My Love from the Star': ('별에서 온 그대', 'My Love from the Star', None,
                              'You Who Came from the Stars'),
    'My Mister': ('나의 아저씨', 'My Mister', 'Naui Ajeossi', 'My Ajusshi'),
    'Signal': ('시그널', 'Signal', 'Sigeuneol', None),
    'Temptation of Wife': ('아내의 유혹', 'Temptation of Wife', None, None),
    'Who Are You: School 2015': ('후아유 - 학교 2015',
                                 'Who Are You: School 2015', None,
                                 'Who Are You - School 2015'),
    'Dae Jang Geum': ('대장금', 'Dae Jang Geum', 'Daejanggeum',
                      'Jewel in the Palace'),
}

# (drama label, song label, Hangul title or None, performers as
# (name, Hangul name or None), OST part)
SONGS = [
    ('Goblin', 'Stay With Me', None, [('Chanyeol', '찬열'), ('Punch', '펀치')], 1),
    ('Goblin', 'Beautiful', None, [('Crush', '크러쉬')], 4),
    ('Goblin', 'I Miss You', None, [('Soyou', '소유')], 3),
    ('Goblin', 'Round and Round', None,
     [('Heize', '헤이즈'), ('Han Soo Ji', '한수지')], 2),
    ('Goblin', 'Who Are You', None, [('Sam Kim', '샘김')], 6),
    ('Goblin', 'I Will Go to You Like the First Snow', '첫눈처럼 너에게 가겠다',
     [('Ailee', '에일리')], 9),
    ('Goblin', 'Hush', None, [('Lasse Lindh', None)], 5),
    ('Descendants of the Sun', 'Always', None, [('Yoon Mi Rae', '윤미래')], 1),
    ('Descendants of the Sun', 'Everytime', None,
     [('Chen', '첸'), ('Punch', '펀치')], 2),
    ('Descendants of the Sun', 'This Love', '이 사랑', [('Davichi', '다비치')], 3),
    ('Descendants of the Sun', 'You Are My Everything', None,
     [('Gummy', '거미')], 4),
    ('Descendants of the Sun', 'Once Again', '다시 너를',
     [('Kim Na Young', '김나영'), ('Mad Clown', '매드클라운')], 5),
    ('Descendants of the Sun', 'Talk Love', '말해! 뭐해?', [('K.Will', '케이윌')], 6),
    ('Boys Over Flowers', 'Paradise', None, [('T-Max', '티맥스')], 1),
    ('Boys Over Flowers', 'Stand By Me', None, [('SHINee', '샤이니')], 2),
    ("Boys Over Flowers", "Because I'm Stupid", '내 머리가 나빠서',
     [('SS501', None)], 3),
    ('Boys Over Flowers', 'Making a Lover', '애인만들기', [('SS501', None)], 4),
    ('Boys Over Flowers', 'One More Time', None,
     [('Tree Bicycle', '나무자전거')], 5),
    ('Reply 1988', 'Hyehwadong', '혜화동 (혹은 쌍문동)', [('Park Boram', '박보람')], 1),
    ('Reply 1988', 'A Little Girl', '소녀', [('Oh Hyuk', '오혁')], 2),
    ('Reply 1988', "Don't Worry", '걱정말아요 그대', [('Lee Juck', '이적')], 3),
    ('Reply 1988', 'Youth', '청춘',
     [('Kim Feel', '김필'), ('Kim Chang Wan', '김창완')], 4),
    ('Reply 1997', 'All For You', None,
     [('Seo In Guk', '서인국'), ('Jeong Eun Ji', '정은지')], 1),
    ('Reply 1997', 'Our Love Like This', '우리 사랑 이대로',
     [('Jeong Eun Ji', '정은지'), ('Seo In Guk', '서인국')], 2),
    ('Dream High', "Can't I Love You", '사랑하면 안될까',
     [('IU', '아이유'), ('Kim Soo Hyun', '김수현')], 3),
    ('Dream High', 'Someday', None, [('IU', '아이유')], 2),
    ('Dream High', 'Maybe', None, [('Sunye', '선예')], 4),
    ('Full House', 'I Think I', None, [('Byul', '별')], 1),
    ('Are You Human Too', 'Love', None, [('Lyn', '린'), ('Hanhae', '한해')], 1),
    ('Are You Human Too', 'Heart', None, [('2Bic', '투빅')], 3),
    ('SKY Castle', 'It Has To Be You', None, [('About', None)], 2),
    ('SKY Castle', 'We All Lie', None, [('Ha Jin', '하진')], 3),
    ('Kill Me, Heal Me', 'Auditory Hallucination', '환청',
     [('Jang Jae In', '장재인'), ('NaShow', '나쑈')], 2),
    ('While You Were Sleeping', 'Lucid Dream', None, [('Monogram', None)], 4),
    ('While You Were Sleeping', 'I Love You Boy', None, [('Suzy', '수지')], 2),
    ('W', 'In the Illusion', None, [('Basick', '베이식'), ('Inkii', '잉키')], 3),
    ('Secret Garden', 'Scar', None, [('Bois', None)], 3),
    ('Secret Garden', 'You Are My Spring', '너는 나의 봄이다',
     [('Sung Si Kyung', '성시경')], 4),
    ('Secret Garden', 'Appear', '나타나', [('Kim Bum Soo', '김범수')], 1),
    ('Secret Garden', 'That Woman', '그 여자', [('Baek Ji Young', '백지영')], 2),
    ('High-end Crush', 'Catch Me', None, [('Inkii', '잉키')], 1),
    ('Be Melodramatic', 'Your Shampoo Scent in the Flowers',
     '흔들리는 꽃들 속에서 네 샴푸향이 느껴진거야', [('Jang Beom June', '장범준')], 1),
    ('Be Melodramatic', 'Dear My Friend', None,
     [('Chun Woo Hee', '천우희'), ('Jeon Yeo Been', '전여빈'),
      ('Han Ji Eun', '한지은')], 2),
    ('Hospital Playlist', 'Aroha', '아로하', [('Jo Jung Suk', '조정석')], 1),
    ('Hospital Playlist', 'Introduce Me a Good Person',
     '좋은 사람 있으면 소개시켜줘', [('Joy', '조이')], 2),
    ('Hospital Playlist', 'Confession Is Not Flashy', '화려하지 않은 고백',
     [('Kyuhyun', '규현')], 3),
    ('Hospital Playlist', 'With My Tears', '내 눈물 모아', [('Whee In', '휘인')], 8),
    ('Hospital Playlist', 'Me to You, You to Me', '너에게 난, 나에게 넌',
     [('Mido and Falasol', '미도와 파라솔')], 10),
    ("I'm Sorry, I Love You", 'Snow Flower', '눈의 꽃',
     [('Park Hyo Shin', '박효신')], 1),
    ('Itaewon Class', 'Start Over', '시작', [('Gaho', '가호')], 2),
    ('Itaewon Class', 'Sweet Night', None, [('V', '뷔')], 12),
    ('Itaewon Class', 'Someday, The Boy', '그때 그 아인', [('Kim Feel', '김필')], 3),
    ('My Love from the Star', 'My Destiny', None, [('Lyn', '린')], 1),
    ('My Love from the Star', 'Every Moment of You', '너의 모든 순간',
     [('Sung Si Kyung', '성시경')], 7),
    ('My Love from the Star', 'My Love from the Star', None,
     [('Younha', '윤하')], 8),
    ('My Mister', 'Grown Ups', '어른', [('Sondia', '손디아')], 2),
    ('My Mister', 'An Ordinary Day', '보통의 하루',
     [('Jung Seung Hwan', '정승환')], 3),
    ('Signal', 'The Road', '길', [('Kim Yoon Ah', '김윤아')], 5),
    ('Signal', 'I Will Forget You', None, [('Jung Cha Sik', '정차식')], 1),
    ('Signal', 'Looking Back', None, [('Jang Beom June', '장범준')], 2),
    ('Temptation of Wife', 'Never Forgive', '용서 못해',
     [('Cha Soo Kyung', '차수경')], 1),
    ('Temptation of Wife', 'Let It Be', None, [('Cha Soo Kyung', '차수경')], 4),
    ('Who Are You: School 2015', 'Reset', None,
     [('Tiger JK', '타이거 JK'), ('Jinsil', '진실')], 1),
    ('Who Are You: School 2015', 'Return', None,
     [('Wendy', '웬디'), ('Yuk Ji Dam', '육지담')], 2),
    ('Who Are You: School 2015', 'Blow Away', None,
     [('Baechigi', '배치기'), ('Punch', '펀치')], 5),
    ('Who Are You: School 2015', 'Remember', None, [('Byul', '별')], 6),
    ('Dae Jang Geum', 'Onara', '오나라', [('Lee An', '이안')], 1),
]

# Songs whose title and singer alone name them well enough for a file with no
# album, folder or comment to count as that OST song.
BARE_OK = {'Stay With Me', 'Everytime', 'Once Again',
           "Can't I Love You", 'Auditory Hallucination', 'Round and Round',
           'All For You', 'Your Shampoo Scent in the Flowers'}

# Every way a credit joins two performers.
SEPARATORS = [' x ', ' X ', ' × ', ' & ', ' and ', ' with ', ' feat. ',
              ' ft. ', ', ', ' / ', ' Feat. ', ' FT. ', ' x ']
_sep_turn = [0]		# the next separator's index, see _Song.credit


def fullwidth(s):
    """ＡＢＣ: the full-width forms East Asian input methods produce."""
    return ''.join('\u3000' if c == ' ' else
                   chr(ord(c) + 0xFEE0) if '!' <= c <= '~' else c for c in s)


def _safe(s):
    # A tag value becomes a folder or file name: no '/', no leading dots.
    return s.replace('/', '_').strip().lstrip('.')


class _Song:
    def __init__(self, n, row):
        self.n = n
        self.drama, self.label, self.ko, self.perf, self.part = row
        self.d_ko, self.d_en, self.d_rom, self.d_alt = DRAMAS[self.drama]
        self.duet = len(self.perf) > 1
        self.sep = None		# reset for each variant by _generated()
        self.names_en = [e for e, k in self.perf]
        self.names_ko = [k or e for e, k in self.perf]	# Hangul where known

    def credit(self, sep=None):
        """One joined credit string.  A variant's first joined credit takes
        the next separator in turn, so that every separator meets several
        duets; the variant's other credits reuse it."""
        if sep is None:
            if self.sep is None:
                self.sep = SEPARATORS[_sep_turn[0] % len(SEPARATORS)]
                _sep_turn[0] += self.duet
            sep = self.sep
        return sep.join(self.names_en)

    def credit_ko_en(self):
        """첸 (CHEN), 펀치 (Punch): Korean names, English in parentheses."""
        return ', '.join('%s (%s)' % (k, e.upper() if i % 2 == 0 else e)
                         if k else e for i, (e, k) in enumerate(self.perf))

    def title_ko(self):		# the Hangul title where there is one
        return self.ko or self.label


# Each style gives (relative path without extension, tags) for a song; a
# style whose needs the song lacks (a romanised title) returns None.
def _st_korean(s):
    return ('%s OST/%02d %s' % (s.d_ko, s.part, s.title_ko()),
            dict(title=s.title_ko(), artists=s.names_ko,
                 album='%s OST Part.%d' % (s.d_ko, s.part),
                 album_artist='Various Artists', track=1, genre='OST'))


def _st_english_joined(s):
    return ('Soundtracks/%s/%02d - %s - %s' % (s.d_en, s.part,
                                                _safe(s.credit()), s.label),
            dict(title=s.label, artists=[s.credit()],
                 album='%s OST Part %d' % (s.d_en, s.part), track=s.part,
                 genre='Soundtrack'))


def _st_mixed(s):
    title = '%s (%s)' % (s.ko, s.label) if s.ko else s.label
    return ('K-Drama/%s OST Part.%d/%02d %s' % (s.d_ko, s.part, 1, title),
            dict(title=title, artists=[s.credit_ko_en()],
                 album='%s OST Part.%d' % (s.d_ko, s.part),
                 album_artist='Various Artists', track='1/2'))


def _st_original_soundtrack(s):
    album = '%s (Original Television Soundtrack)' % s.d_en
    return ('%s/%s/%02d %s' % (s.names_en[0], album, s.n % 20 + 1,
                               s.label),
            dict(title=s.label, artists=s.names_en, album=album,
                 album_artist='Various Artists', track=s.n % 20 + 1))


def _st_pack(s):
    return ('OST/%s OST Pack 2/%s' % (s.d_en, s.label),
            dict(title=s.label, artists=[s.credit()],
                 album='%s OST Pack 2' % s.d_en,
                 album_artist='Various Artists', genre='OST'))


def _st_special(s):
    return ('%s OST Special/%s - %s' % (s.d_ko, s.credit(', '), s.label),
            dict(title=s.label, artists=s.names_en,
                 album='%s OST Special' % s.d_ko, genre='Ballad'))


def _st_pt(s):
    return ('%s O.S.T Pt.%d/%s' % (s.d_en, s.part, s.label.upper()),
            dict(title=s.label.upper(), artists=[s.credit()],
                 album='%s O.S.T Pt.%d' % (s.d_en, s.part)))


def _st_drama_prefix(s):
    return ('드라마 %s OST/%s - %s' % (s.d_ko, ', '.join(s.names_ko),
                                       s.title_ko()),
            dict(title=s.title_ko(), artists=[', '.join(s.names_ko)],
                 album='드라마 %s OST' % s.d_ko, genre='OST'))


def _st_romanised(s):
    if not s.d_rom:
        return None
    # Lower case, hyphen-free; every other song with the syllables apart.
    rom = s.d_rom.lower() if s.n % 2 else s.d_rom
    return ('%s OST/%02d %s' % (rom, s.part, s.label),
            dict(title=s.label, artists=s.names_en,
                 album='%s OST Part %d' % (rom, s.part)))


def _st_fullwidth(s):
    return ('%s/%s' % (fullwidth(s.d_en.upper() + ' OST'), s.label),
            dict(title=fullwidth(s.label), artists=[fullwidth(s.credit())],
                 album=fullwidth(s.d_en.upper() + ' OST')))


def _st_noisy(s):
    # Spacing, case and punctuation noise that NFKC + casefold must absorb.
    return ('%s -- OST/%02d_%s' % (s.d_en.lower(), s.part,
                                   s.label.replace(' ', '_')),
            dict(title='  %s  ' % s.label.lower(),
                 artists=[s.credit().upper()],
                 album='  %s  -  O.S.T.  Part  0%d ' % (s.d_en.upper(),
                                                         s.part),
                 genre='soundtrack'))


def _st_comment(s):
    # No album at all: only the comment says which drama.
    return ('Singles/%s - %s' % (s.credit(', '), s.label),
            dict(title=s.label, artists=s.names_en,
                 comment='드라마 %s OST Part.%d' % (s.d_ko, s.part)
                 if s.n % 2 else '%s OST' % s.d_en))


def _st_cp949(s):
    # Korean tags in Latin-1 frames, as CP949 Windows taggers wrote them.
    raw = {'TIT2': s.title_ko().encode('cp949'),
           'TPE1': ', '.join(s.names_ko).encode('cp949'),
           'TALB': ('%s OST Part.%d' % (s.d_ko, s.part)).encode('cp949')}
    return ('cp949/%s/%02d' % (s.d_ko, s.part),
            dict(track=s.part, latin1_raw=raw))


def _st_part_folder(s):
    # The album says only "Part 3"; the folder above names the drama.
    return ('%s OST/Part %d/%02d %s' % (s.d_en, s.part, 1, s.label),
            dict(title=s.label, artists=s.names_en,
                 album='Part %d' % s.part, genre='OST'))


def _st_alt_title(s):
    if not s.d_alt:
        return None
    return ('%s/%s' % (_safe(s.d_alt), s.label),
            dict(title=s.label, artists=[s.credit()],
                 album='%s OST Part.%d' % (s.d_alt, s.part),
                 album_artist='Various Artists'))


def _st_ko_en_album(s):
    return ('%s/%02d. %s' % (s.d_en, s.part, s.label),
            dict(title=s.label, artists=s.names_ko,
                 album='%s (%s) OST Part.%d' % (s.d_ko, s.d_en, s.part),
                 album_artist='Various Artists', genre='OST'))


def _st_bare(s):
    if s.label not in BARE_OK:
        return None
    return ('Downloads/%s - %s' % (s.credit(', '), s.label),
            dict(title=s.label, artists=[s.credit()]))


STYLES = [('korean', _st_korean), ('english-joined', _st_english_joined),
          ('mixed', _st_mixed), ('original-st', _st_original_soundtrack),
          ('pack', _st_pack), ('ost-special', _st_special), ('pt', _st_pt),
          ('drama-prefix', _st_drama_prefix), ('romanised', _st_romanised),
          ('fullwidth', _st_fullwidth), ('noisy', _st_noisy),
          ('comment-only', _st_comment), ('cp949', _st_cp949),
          ('part-folder', _st_part_folder), ('alt-title', _st_alt_title),
          ('ko-en-album', _st_ko_en_album), ('bare', _st_bare)]
# How many tagged variants each song gets; the dramas the seeds dwell on
# (and whose songs are the hardest to tell apart) get more.
VARIANTS = {'Goblin': 7, 'Descendants of the Sun': 7, 'Boys Over Flowers': 5,
            'Reply 1988': 6, 'Reply 1997': 7, 'Full House': 9}
DEFAULT_VARIANTS = 4

INST_SUFFIXES = [' (Inst.)', ' (Instrumental)', ' - MR', ' (MR)', ' (Inst)',
                 ' (inst.)', ' (Instrumental Ver.)']


def _inst_case(s, k):
    """An instrumental version of the song: same drama and song, flagged."""
    sfx = INST_SUFFIXES[k % len(INST_SUFFIXES)]
    if k % 2:
        title = s.label + sfx
        return ('%s OST/%02d %s' % (s.d_en, s.part + 10, title),
                dict(title=title, artists=s.names_en,
                     album='%s OST Part.%d' % (s.d_en, s.part),
                     album_artist='Various Artists', genre='OST'))
    title = s.title_ko() + sfx
    return ('%s OST Part.%d/%02d %s' % (s.d_ko, s.part, 2, title),
            dict(title=title, artists=s.names_ko,
                 album='%s OST Part.%d' % (s.d_ko, s.part), track=2))


def _untagged_path(s, k):
    """Untagged: only the folders and the file name tell."""
    kind = k % 4
    if kind == 0:
        return '%s OST/%02d. %s - %s' % (s.d_en, s.part, s.credit(', '),
                                         s.label)
    if kind == 1:
        return '%s OST/%02d %s - %s' % (s.d_ko, s.part,
                                        ', '.join(s.names_ko), s.title_ko())
    if kind == 2:
        return 'K-Drama/%s/%s OST Part.%d/%02d %s - %s' % (
            s.d_en, s.d_en, s.part, 1, s.names_en[0] if not s.duet
            else s.credit(' & '), s.label)
    rom = s.d_rom or s.d_en
    return '%s OST/%02d - %s - %s' % (rom, s.part, _safe(s.credit()),
                                      s.label)


# ---------------------------------------------------------------------------
# Hand-written cases
# ---------------------------------------------------------------------------

def _c(path, fmt, tags, drama=None, song=None, inst=False, duet=False,
       kind='neg'):
    return Case(path + '.' + EXT[fmt], fmt, tags, drama, song, inst, duet,
                kind)


def _t(title, artists, album=None, **kw):
    return dict(title=title, artists=artists, album=album, **kw)


# The issue's own examples and the distinctions it names.
SPECIAL = [
    _c('Goblin OST/03. Chanyeol, Punch - Stay With Me', 'mp3', None,
       'Goblin', 'Stay With Me', duet=True, kind='pos:untagged'),
    _c('Various/태양의 후예 OST Part.2/01 Everytime', 'mp3',
       _t('Everytime', ['첸 (CHEN), 펀치 (Punch)'], '태양의 후예 OST Part.2',
          album_artist='Various Artists'),
       'Descendants of the Sun', 'Everytime', duet=True, kind='pos:special'),
    _c('DOTS/Everytime', 'flac',
       _t('Everytime', ['CHEN (EXO)', 'Punch'],
          'Descendants of the Sun (Original Television Soundtrack)'),
       'Descendants of the Sun', 'Everytime', duet=True, kind='pos:special'),
    _c('DOTS/Always', 'm4a',
       _t('Always', ['Yoon Mi-rae'], 'Descendants of the Sun OST Special',
          album_artist='Various Artists'),
       'Descendants of the Sun', 'Always', kind='pos:special'),
    _c('Taeyangui Huye OST/02 Everytime', 'ogg',
       _t('Everytime', ['Chen', 'Punch'], 'Taeyangui Huye OST'),
       'Descendants of the Sun', 'Everytime', duet=True, kind='pos:special'),
    _c('Dokkaebi OST/04 Beautiful', 'opus',
       _t('Beautiful', ['Crush'], 'Dokkaebi OST'),
       'Goblin', 'Beautiful', kind='pos:special'),
    _c('ＧＯＢＬＩＮ ＯＳＴ/01 Ｓｔａｙ Ｗｉｔｈ Ｍｅ', 'flac',
       _t('Ｓｔａｙ Ｗｉｔｈ Ｍｅ', ['찬열 (CHANYEOL)', '펀치 (Punch)'], 'ＧＯＢＬＩＮ ＯＳＴ'),
       'Goblin', 'Stay With Me', duet=True, kind='pos:special'),
    _c('쓸쓸하고 찬란하神 - 도깨비 OST/01 Stay With Me', 'mp3',
       _t('Stay With Me', ['찬열', '펀치'], '쓸쓸하고 찬란하神 - 도깨비 OST Part 1',
          album_artist='Various Artists', genre='OST'),
       'Goblin', 'Stay With Me', duet=True, kind='pos:special'),
    _c('도깨비 OST/05 샘김 - Who Are You', 'mp3', None,
       'Goblin', 'Who Are You', kind='pos:untagged'),
    _c('Sam Kim/Who Are You', 'm4a',
       _t('Who Are You', ['Sam Kim'], 'Goblin OST Part 6', genre='OST'),
       'Goblin', 'Who Are You', kind='distinct:who-are-you'),
    _c('Who Are You School 2015 OST/01 Tiger JK feat. Jinsil - Reset', 'mp3',
       None, 'Who Are You: School 2015', 'Reset', duet=True,
       kind='distinct:who-are-you'),
    _c('후아유 - 학교 2015 OST/Reset', 'flac',
       _t('Reset', ['타이거 JK', '진실'], '후아유 - 학교 2015 OST Part.1'),
       'Who Are You: School 2015', 'Reset', duet=True,
       kind='distinct:who-are-you'),
    _c('Who Are You/01 Reset', 'ogg',
       _t('Reset', ['Tiger JK feat. Jinsil'], 'Who Are You OST Part 1'),
       'Who Are You: School 2015', 'Reset', duet=True,
       kind='distinct:who-are-you'),
    # Separators the generated variants use least often.
    _c('Are You Human Too OST/Love', 'mp3',
       _t('Love', ['Lyn and Hanhae'], '너도 인간이니 OST Part.1'),
       'Are You Human Too', 'Love', duet=True, kind='pos:special'),
    _c('DOTS OST/05 Once Again', 'flac',
       _t('Once Again', ['Kim Na Young ft. Mad Clown'],
          'Descendants of the Sun OST Part.5'),
       'Descendants of the Sun', 'Once Again', duet=True, kind='pos:special'),
    _c('Kill Me Heal Me OST/Auditory Hallucination', 'ogg',
       _t('환청 (Auditory Hallucination)', ['장재인 with 나쑈'], '킬미, 힐미 OST Part 2'),
       'Kill Me, Heal Me', 'Auditory Hallucination', duet=True,
       kind='pos:special'),
    # Full House / Full House Take 2: one title is a prefix of the other.
    _c('Full House Take 2 OST/01', 'mp3',
       _t('Love Is...', ['Park Ki Woong'], 'Full House Take 2 OST Part.1',
          album_artist='Various Artists', genre='OST'),
       'Full House Take 2', None, kind='distinct:full-house'),
    _c('풀하우스 TAKE 2 OST/02', 'flac',
       _t('미안해', ['박기웅'], '풀하우스 TAKE 2 OST Part.2', genre='OST'),
       'Full House Take 2', None, kind='distinct:full-house'),
    _c('Full House Take2 OST/03 Park Ki Woong - Only You (Inst.)', 'mp3v23',
       None, 'Full House Take 2', None, inst=True, kind='distinct:full-house'),
    _c('full house take 2/04', 'm4a',
       _t('Hello', ['No Min Woo'], 'FULL HOUSE TAKE 2 (Original Soundtrack)'),
       'Full House Take 2', None, kind='distinct:full-house'),
    _c('Full House OST/01 I Think I', 'wma',
       _t('I Think I', ['Byul'], 'Full House OST', genre='OST'),
       'Full House', 'I Think I', kind='distinct:full-house'),
    # A score piece not in the catalog: the album alone names the drama.
    _c('도깨비 OST Part 14/01 Kim Shin Theme', 'flac',
       _t('Kim Shin Theme', ['Nam Hye Seung'], '도깨비 OST Part 14',
          album_artist='Various Artists', genre='OST'),
       'Goblin', None, kind='pos:album-only'),
    _c('Descendants of the Sun OST/21 Dae Young and Mo Yeon', 'ogg',
       _t('Dae Young and Mo Yeon', ['Gaemi'],
          'Descendants of the Sun OST Special', genre='Soundtrack'),
       'Descendants of the Sun', None, kind='pos:album-only'),
    _c('Dream High OST/01 Dream High', 'mp3',
       _t('Dream High', ['택연, 우영, 수지, 김수현, 은정'],
          '드림하이 OST Part.1', genre='OST'),
       'Dream High', None, duet=True, kind='pos:album-only'),
    # Score pieces the catalog marks instrumental: flagged without a marker.
    _c('미안하다 사랑한다 OST/Last Choice', 'flac',
       _t('Last Choice', ['Various Artists'], '미안하다, 사랑한다 OST'),
       "I'm Sorry, I Love You", 'Last Choice', inst=True, kind='pos:score'),
    _c("I'm Sorry I Love You OST/13 Last Choice", 'mp3', None,
       "I'm Sorry, I Love You", 'Last Choice', inst=True, kind='pos:score'),
    _c('나의 아저씨 OST/마음이 쉬고 싶을 때', 'ogg',
       _t('마음이 쉬고 싶을 때', ['정세린'], '나의 아저씨 OST'),
       'My Mister', 'When Mind Wants to Rest', inst=True, kind='pos:score'),
    _c('My Mister OST/My Family', 'm4a',
       _t('My Family', ['이윤지'], 'My Mister (Original Television '
          'Soundtrack)'), 'My Mister', 'My Family', inst=True,
       kind='pos:score'),
    # Chinese and Japanese dramas, and the ones sharing a song or a title.
    _c('華語/惡魔在身邊 電視原聲帶/01 曖昧', 'flac',
       _t('曖昧', ['楊丞琳'], '惡魔在身邊 電視原聲帶', genre='Soundtrack'),
       'Devil Beside You', 'Ai Mei', kind='pos:cjk'),
    _c('Devil Beside You OST/Rainie Yang - Ai Mei', 'mp3', None,
       'Devil Beside You', 'Ai Mei', kind='pos:cjk'),
    _c('C-Drama/Scarlet Heart OST/Three Inches of Heaven', 'm4a',
       _t('Three Inches of Heaven', ['Yan Yidan'], 'Scarlet Heart OST'),
       'Bu Bu Jing Xin', 'Three Inches of Heaven', kind='pos:cjk'),
    _c('步步惊心 电视原声带/三寸天堂', 'ogg', _t('三寸天堂', ['严艺丹'], '步步惊心 电视原声带'),
       'Bu Bu Jing Xin', 'Three Inches of Heaven', kind='pos:cjk'),
    _c('流星花園 電視原聲帶/02 流星雨', 'mp3', _t('流星雨', ['F4'], '流星花園 電視原聲帶'),
       'Meteor Garden', 'Meteor Rain', kind='pos:cjk'),
    _c('Meteor Garden OST/01 Harlem Yu - Qing Fei De Yi', 'wma', None,
       'Meteor Garden', 'Qing Fei De Yi', kind='pos:cjk'),
    _c('流星花园 2018 OST/流星雨', 'flac',
       _t('流星雨', ['王鹤棣', '官鸿', '吴希泽', '梁靖康'], '流星花园 2018 电视剧原声带'),
       'Meteor Garden (2018)', None, duet=True, kind='distinct:meteor-garden'),
    _c('J-Drama/花より男子 OST/Wish', 'm4a',
       _t('Wish', ['嵐'], '花より男子 オリジナル・サウンドトラック'),
       'Hana Yori Dango', 'Wish', kind='distinct:hana-yori-dango'),
    _c('愛就宅一起 電視原聲帶/默默', 'opus', _t('默默', ['汪東城'], '愛就宅一起 電視原聲帶'),
       'ToGetHer', 'Momo', kind='pos:cjk'),
    _c('回家的诱惑 OST/用不原谅', 'mp3',
       _t('Never Forgive', ['李佳璐 (Li Jialu)'], '回家的诱惑 电视剧原声带'),
       'Home Temptation', 'Never Forgive', kind='distinct:never-forgive'),
    _c('Home Temptation OST/Never Forgive', 'flac',
       _t('Never Forgive', ['Li Jialu'], 'Home Temptation OST'),
       'Home Temptation', 'Never Forgive', kind='distinct:never-forgive'),
    _c('밥 잘 사주는 예쁜 누나 OST/Something in the Rain', 'mp3',
       _t('Something in the Rain', ['Rachel Yamagata'],
          '밥 잘 사주는 예쁜 누나 OST', album_artist='Various Artists'),
       'Something in the Rain', 'Something in the Rain', kind='pos:special'),
    _c('Something in the Rain OST/Stand By Your Man', 'ogg',
       _t('Stand By Your Man', ['Tammy Wynette'],
          'Something in the Rain (Original Television Soundtrack)'),
       'Something in the Rain', 'Stand By Your Man', kind='pos:special'),
    _c('눈물의 여왕 OST/01 미안해 미워해 사랑해', 'mp3v23',
       _t('미안해 미워해 사랑해', ['크러쉬 (Crush)'], '눈물의 여왕 OST Part.1'),
       'Queen of Tears', 'Love You with All My Heart', kind='pos:special'),
]


# Negatives, one per row: (path, format, title, artists, album, extra);
# title None means an untagged file.  `extra` holds other tags and the
# flags ('inst', 'duet'); the drama is always None.
def _negs(kind, rows):
    out = []
    for path, fmt, title, artists, album, extra in rows:
        extra = dict(extra)
        inst, duet = extra.pop('inst', False), extra.pop('duet', False)
        tags = None if title is None else _t(title, artists, album, **extra)
        out.append(_c(path, fmt, tags, inst=inst, duet=duet, kind=kind))
    return out


_D = {'duet': True}
_I = {'inst': True}
NEGATIVES = _negs('neg:same-title', [
    # Songs by other artists that share an OST song's title.
    ('Sam Smith/In the Lonely Hour/02 Stay With Me', 'mp3', 'Stay With Me',
     ['Sam Smith'], 'In the Lonely Hour',
     dict(album_artist='Sam Smith', track=2, genre='Pop')),
    ('Sam Smith/In the Lonely Hour/02 Stay With Me', 'flac', 'Stay With Me',
     ['Sam Smith'], 'In the Lonely Hour', dict(track=2)),
    ('Sam Smith/Drowning Shadows/Stay With Me', 'm4a', 'Stay With Me',
     ['Sam Smith feat. Mary J. Blige'],
     'In the Lonely Hour (Drowning Shadows Edition)', _D),
    ('Pop/Sam Smith - Stay With Me', 'mp3', None, None, None, {}),
    ('Ben E. King/Stand By Me', 'mp3v23', 'Stand By Me', ['Ben E. King'],
     "Don't Play That Song!", dict(genre='R&B')),
    ('Oldies/Ben E. King - Stand By Me', 'ogg', None, None, None, {}),
    ('Oasis/Be Here Now/Stand By Me', 'opus', 'Stand By Me', ['Oasis'],
     'Be Here Now', dict(genre='Rock')),
    ('Coldplay/Mylo Xyloto/Paradise', 'm4a', 'Paradise', ['Coldplay'],
     'Mylo Xyloto', dict(genre='Alternative')),
    ('Bon Jovi/Cross Road/Always', 'wma', 'Always', ['Bon Jovi'],
     'Cross Road', dict(genre='Rock')),
    ('Christina Aguilera/Stripped/Beautiful', 'flac', 'Beautiful',
     ['Christina Aguilera'], 'Stripped', {}),
    ('Britney Spears/In the Zone/Everytime', 'mp3', 'Everytime',
     ['Britney Spears'], 'In the Zone', dict(genre='Pop')),
    ('The Who/Who Are You/Who Are You', 'flac', 'Who Are You', ['The Who'],
     'Who Are You', dict(genre='Rock')),
    ('blink-182/I Miss You', 'ogg', 'I Miss You', ['blink-182'],
     'blink-182', {}),
    ('Lionel Richie/My Destiny', 'mp3v23', 'My Destiny', ['Lionel Richie'],
     'Back to Front', {}),
    ('Demi Lovato/Catch Me', 'm4a', 'Catch Me', ['Demi Lovato'],
     'Here We Go Again', {}),
    ('The Beatles/Let It Be/Let It Be', 'mp3', 'Let It Be', ['The Beatles'],
     'Let It Be', dict(genre='Rock')),
    ('쿨/All For You', 'mp3', 'All For You', ['쿨 (COOL)'], None,
     dict(genre='K-Pop')),
    ('Kendrick Lamar/DAMN/LOVE', 'flac', 'LOVE.',
     ['Kendrick Lamar feat. Zacari'], 'DAMN.', dict(genre='Hip-Hop', **_D)),
]) + _negs('neg:drama-named', [
    # Albums, songs or artists named like a drama.
    ('TWICE/Signal/01 SIGNAL', 'mp3', 'SIGNAL', ['TWICE'], 'Signal',
     dict(album_artist='TWICE', genre='K-Pop')),
    ('TWICE/Signal/SIGNAL', 'ogg', 'Signal', ['트와이스 (TWICE)'], 'SIGNAL', {}),
    ('TWICE/Signal/05 Signal (Instrumental)', 'mp3',
     'Signal (Instrumental)', ['TWICE'], 'Signal', _I),
    ('TWICE/Signal/03 Signal', 'flac', None, None, None, {}),
    ('Sulli/Goblin/01 Goblin', 'mp3', 'Goblin', ['설리 (SULLI)'], 'Goblin',
     dict(genre='K-Pop')),
    ('Sulli/Goblin', 'm4a', '고블린 (Goblin)', ['Sulli'], 'Goblin', {}),
    ('Tyler, The Creator/Goblin/05 Yonkers', 'flac', 'Yonkers',
     ['Tyler, The Creator'], 'Goblin', dict(genre='Hip-Hop')),
    ('Goblin/Radiohead - Creep', 'mp3', 'Creep', ['Radiohead'],
     'Pablo Honey', {}),
    ('Goblin/02 - Creep', 'wav', None, None, None, {}),
    ('Secret Garden/Songs from a Secret Garden/Song from a Secret Garden',
     'wma', 'Song from a Secret Garden', ['Secret Garden'],
     'Songs from a Secret Garden', dict(genre='New Age')),
    ('Secret Garden/You Raise Me Up', 'mp3v23', 'You Raise Me Up',
     ['Secret Garden'], 'Once in a Red Moon', {}),
    ('Wes Montgomery/Full House/Full House', 'flac', 'Full House',
     ['Wes Montgomery'], 'Full House', dict(genre='Jazz')),
    ('SHINee/Sherlock/Sherlock', 'm4a', 'Sherlock (Clue + Note)', ['SHINee'],
     'Sherlock', dict(genre='K-Pop')),
]) + _negs('neg:ost-singer', [
    # Non-OST songs by singers of the catalog's OSTs.
    ('IU/Real/Good Day', 'mp3', '좋은 날', ['아이유'], 'Real', dict(genre='Ballad')),
    ('IU/Real/Good Day (MR)', 'mp3', '좋은 날 (MR)', ['IU'], 'Real', _I),
    ('IU/Palette/Through the Night', 'flac', '밤편지', ['IU'], 'Palette',
     dict(album_artist='IU')),
    ('Misc/IU - 좋은 날', 'mp3', None, None, None, {}),
    ('Gummy/Comfort/Memory Loss', 'mp3v23', '기억상실', ['거미'], 'Comfort', {}),
    ('Punch/Sleepless Night', 'ogg', '밤이 되니까', ['펀치 (Punch)'],
     'Sleepless Night', {}),
    ('Crush/Oasis', 'm4a', 'Oasis', ['Crush', 'ZICO'], 'Oasis', _D),
    ('Crush/Dont Forget', 'mp3', '잊어버리지마 (Feat. 태연)', ['크러쉬'],
     "Don't Forget", _D),
    ('Heize/You Clouds Rain', 'flac', '비도 오고 그래서', ['헤이즈 & 신용재'],
     '/// (너 먹구름 비)', _D),
    ('Ailee/Invitation/I Will Show You', 'wma', '보여줄게', ['Ailee'],
     'Invitation', {}),
    ('Chen/April, and a Flower/Beautiful Goodbye', 'mp3',
     '사월이 지나면 우리 헤어져요', ['첸 (CHEN)'], 'April, and a Flower', {}),
    ('SHINee/2009, Year of Us/Ring Ding Dong', 'ogg', 'Ring Ding Dong',
     ['SHINee'], '2009, Year of Us', {}),
    ('SHINee/Replay/Replay', 'mp3', '누난 너무 예뻐 (Replay)', ['샤이니'],
     'Replay', {}),
    ('Park Hyo Shin/I Am A Dreamer/Wild Flower', 'flac', '야생화',
     ['박효신'], 'I Am A Dreamer', {}),
    ('Kyuhyun/At Gwanghwamun', 'opus', '광화문에서', ['규현 (KYUHYUN)'],
     'At Gwanghwamun', {}),
    ('Busker Busker/1st Album/Cherry Blossom Ending', 'mp3v23', '벚꽃 엔딩',
     ['버스커 버스커'], 'Busker Busker 1st Album', {}),
    ('EXO/XOXO/Growl', 'm4a', '으르렁 (Growl)', ['EXO'], 'XOXO', {}),
    ('Younha/End Theory/Event Horizon', 'mp3', '사건의 지평선', ['윤하'],
     'End Theory', {}),
    ('Park Boram/Celepretty', 'wav', '예뻐졌다', ['박보람', '지코'], 'Celepretty', _D),
]) + _negs('neg:other-ost', [
    # OSTs of dramas not in the catalog, several sung by catalog singers.
    ('응답하라 1994 OST/01 너에게', 'mp3', '너에게', ['성시경'], '응답하라 1994 OST Part.1',
     dict(album_artist='Various Artists', genre='OST')),
    ('Reply 1994 OST/02 Seoul', 'flac', '서울 이곳은', ['Roy Kim'],
     'Reply 1994 OST Part.2', dict(genre='OST')),
    ('Reply 1994 OST/03. 성시경 - 너에게', 'mp3', None, None, None, {}),
    ('Eungdaphara 1994 OST/04 To You', 'ogg', 'To You', ['Sung Si Kyung'],
     'Eungdaphara 1994 OST', {}),
    ('Reply 1994/Reply 1994 OST Part.3/01 Start', 'm4a', '시작', ['서인국'],
     'Reply 1994 OST Part.3', dict(album_artist='Various Artists')),
    ('응답하라 1994 OST/05 너에게 (Inst.)', 'mp3v23', '너에게 (Inst.)',
     ['성시경'], '응답하라 1994 OST', _I),
    ('Dream High 2 OST/01 Hello to Myself', 'mp3', 'Hello to Myself',
     ['Ailee'], 'Dream High 2 OST Part.1', dict(genre='OST')),
    ('드림하이 2 OST/02', 'flac', 'Dream High 2', ['지연, 강소라'],
     '드림하이 2 OST Part 2', _D),
    # Fictional dramas (Crash Landing on You, Hotel del Luna and Moon Lovers
    # stood here until the catalog listed them).
    ('파도 위의 편지 OST/Paper Boat', 'mp3', 'Paper Boat', ['윤미래'],
     '파도 위의 편지 OST Part 2', dict(genre='OST')),
    ('Letters on the Waves OST/Open Your Heart', 'm4a',
     'Open Your Heart', ['IU'], 'Letters on the Waves OST Part.11',
     dict(album_artist='Various Artists')),
    ('호텔 문라이즈 OST/Do You See Me Now', 'ogg', '내가 보이나요',
     ['헤이즈 (Heize)'], '호텔 문라이즈 OST Part.5', {}),
    ("It's Okay That's Love OST/Best Luck", 'mp3', 'Best Luck', ['Chen'],
     "It's Okay, That's Love OST Part 1", {}),
    ('달빛 정원 OST/Lantern', 'flac', 'Lantern', ['첸', '백현', '시우민'],
     '달빛 정원 - 붉은 맹세 OST Part 1', _D),
    ('Moon Garden OST/Say Hello', 'wma', 'Say Hello', ['Loco & Punch'],
     'Moon Garden: Scarlet Oath OST Part 4', _D),
    ('School 2013 OST/01', 'mp3v23', 'Sleepless Night', ['Kim Bo Kyung'],
     '학교 2013 OST Part.1', {}),
    ('OST/Misc/Drama OST - Track 1', 'opus', 'Track 1', ['Unknown'],
     'Drama OST', dict(genre='OST')),
]) + _negs('neg:random', [
    # Music that has nothing to do with any drama.
    ('Queen/A Night at the Opera/Bohemian Rhapsody', 'flac',
     'Bohemian Rhapsody', ['Queen'], 'A Night at the Opera', {}),
    ('Adele/25/01 - Hello', 'mp3', None, None, None, {}),
    ('Adele/25/Hello', 'm4a', 'Hello', ['Adele'], '25', {}),
    ('Ed Sheeran/Divide/Shape of You', 'ogg', 'Shape of You',
     ['Ed Sheeran'], '÷', {}),
    ('BLACKPINK/Square Up/DDU-DU DDU-DU', 'mp3v23',
     '뚜두뚜두 (DDU-DU DDU-DU)', ['BLACKPINK'], 'SQUARE UP', {}),
    ('Jay Chou/Qing Tian', 'opus', '晴天', ['周杰倫'], '葉惠美', {}),
    ('Downloads/track01', 'mp3', None, None, None, {}),
    ('Downloads/audio_2019-03-04', 'wav', None, None, None, {}),
    ('Podcast/Episode 12', 'm4a', 'Episode 12', ['Some Podcast'],
     'Some Podcast', dict(genre='Podcast')),
    ('Classical/Bach/Cello Suite 1', 'flac',
     'Cello Suite No. 1 in G major, BWV 1007: I. Prélude', ['Yo-Yo Ma'],
     'Bach: Cello Suites', {}),
    ('Karaoke/Adele - Hello (MR)', 'mp3', None, None, None, _I),
    ('Daft Punk/Random Access Memories/Get Lucky', 'wma', 'Get Lucky',
     ['Daft Punk', 'Pharrell Williams', 'Nile Rodgers'],
     'Random Access Memories', _D),
])


# ---------------------------------------------------------------------------

def _gen(path, fmt, tags, s, inst, kind):
    """A generated case: each path part made safe, the extension added."""
    path = '/'.join(_safe(part) or '_' for part in path.split('/'))
    return Case('%s.%s' % (path, EXT[fmt]), fmt, tags, s.drama, s.label,
                inst, s.duet, kind)


def _generated():
    out = []
    for n, row in enumerate(SONGS):
        s = _Song(n, row)
        want = VARIANTS.get(s.drama, DEFAULT_VARIANTS)
        # Start each song at a different style, so that every style meets
        # many songs and every song many styles.
        k = 0
        for tried in range(len(STYLES)):
            name, fn = STYLES[(n * 5 + tried) % len(STYLES)]
            s.sep = None
            got = fn(s) if k < want else None
            if got is None:
                continue
            fmt = ('mp3' if name == 'cp949' else
                   _FORMAT_CYCLE[(len(out) * 7 + n) % len(_FORMAT_CYCLE)])
            out.append(_gen(got[0], fmt, got[1], s, False, 'pos:' + name))
            k += 1
        if n % 3 != 2:
            got = _inst_case(s, n)
            out.append(_gen(got[0], _FORMAT_CYCLE[n % len(_FORMAT_CYCLE)],
                            got[1], s, True, 'pos:instrumental'))
        if n % 2 == 0:
            out.append(_gen(_untagged_path(s, n // 2),
                            _FORMAT_CYCLE[(n + 3) % len(_FORMAT_CYCLE)], None,
                            s, False, 'pos:untagged'))
    return out


def _unique(cases):
    """Numbers a path that another case has taken already (ignoring case)."""
    seen = set()
    out = []
    for c in cases:
        base, ext = c.path.rsplit('.', 1)
        path, i = c.path, 2
        while path.casefold() in seen:
            path, i = '%s (%d).%s' % (base, i, ext), i + 1
        seen.add(path.casefold())
        out.append(c._replace(path=path))
    return out


# Instrumentals named only by what they are (issue 11): score pieces, BGM,
# themes and titles, often untagged; and sung titles that merely hold
# "Theme" or "Score", which stay songs.
INSTRUMENTAL_WORDS = [
    _c('Goblin OST/BGM 07', 'mp3', None, 'Goblin', None, inst=True,
       kind='pos:inst-word'),
    _c('DOTS/Special/05 Score 3', 'flac',
       _t('Score 3', ['Gaemi'], 'Descendants of the Sun OST Special'),
       'Descendants of the Sun', None, inst=True, kind='pos:inst-word'),
    _c('Goblin OST/22 Main Theme', 'flac', None, 'Goblin', None, inst=True,
       kind='pos:inst-word'),
    _c('태양의 후예 OST/Opening Title', 'ogg', None, 'Descendants of the Sun',
       None, inst=True, kind='pos:inst-word'),
    _c('DOTS/Descendants of the Sun OST/31 Main Title', 'm4a',
       _t('Main Title', ['Gaemi'], 'Descendants of the Sun OST'),
       'Descendants of the Sun', None, inst=True, kind='pos:inst-word'),
    _c('도깨비 OST/경음악 03', 'mp3', None, 'Goblin', None, inst=True,
       kind='pos:inst-word'),
    _c('도깨비 OST/18 연주곡', 'opus', None, 'Goblin', None, inst=True,
       kind='pos:inst-word'),
    _c('流星花園 電視原聲帶/配樂 05', 'mp3', None, 'Meteor Garden', None,
       inst=True, kind='pos:inst-word'),
    _c('步步惊心 电视原声带/配乐 12', 'flac', None, 'Bu Bu Jing Xin', None,
       inst=True, kind='pos:inst-word'),
    _c('花より男子 OST/メインテーマ', 'm4a', None, 'Hana Yori Dango', None,
       inst=True, kind='pos:inst-word'),
    _c('花より男子 OST/劇伴 04', 'ogg', None, 'Hana Yori Dango', None,
       inst=True, kind='pos:inst-word'),
    _c('Goblin OST/09 Stay With Me (MR)', 'wav', None, 'Goblin',
       'Stay With Me', inst=True, duet=True, kind='pos:inst-word'),
    _c('Goblin OST/Beautiful Inst.', 'mp3v23', None, 'Goblin', 'Beautiful',
       inst=True, kind='pos:inst-word'),
    # The words after the drama's OST, not in the title: "OST 연주곡 -
    # Always" names the drama and says instrumental.
    _c('Downloads/태양의 후예 OST 연주곡 - Always', 'mp3', None,
       'Descendants of the Sun', 'Always', inst=True, kind='pos:inst-word'),
    _c('Downloads/Descendants of the Sun OST Instrumental - Everytime',
       'ogg', None, 'Descendants of the Sun', 'Everytime', inst=True,
       duet=True, kind='pos:inst-word'),
    _c('Downloads/Goblin OST - Stay With Me (MR Ver.)', 'mp3', None,
       'Goblin', 'Stay With Me', inst=True, duet=True, kind='pos:inst-word'),
    _c('도깨비 OST/메인 테마', 'flac', None, 'Goblin', None, inst=True,
       kind='pos:inst-word'),
    _c('流星花園 OST/情非得已 (純音樂)', 'ogg', None, 'Meteor Garden',
       'Qing Fei De Yi', inst=True, kind='pos:inst-word'),
    # The marker read as the name is: サウンドトラック folds to サウント...
    _c('花より男子 サウンドトラック/劇伴 01', 'm4a', None, 'Hana Yori Dango',
       None, inst=True, kind='pos:inst-word'),
    _c('Ballads/Theme of Love', 'mp3',
       _t('Theme of Love', ['Kim Bum Soo'], 'Ballads'),
       kind='neg:inst-word'),
    _c('Film Music/Score of My Life', 'flac',
       _t('Score of My Life', ['Adele Stone'], 'Songs'),
       kind='neg:inst-word'),
]

# Video-site rips: the title is all there is, written the uploaders' ways,
# and the artist tag names the uploading channel (issue 11).
VIDEO_RIPS = [
    _c('YouTube/[MV] Chanyeol, Punch _ Stay With Me (Goblin OST PART.1)',
       'm4a', None, 'Goblin', 'Stay With Me', duet=True, kind='pos:video'),
    _c('YouTube/Crush - Beautiful | Goblin OST Part 4', 'opus',
       _t('Crush - Beautiful | Goblin OST Part 4', ['1theK (원더케이)']),
       'Goblin', 'Beautiful', kind='pos:video'),
    _c('YouTube/[Goblin OST Part.1] Chanyeol, Punch - Stay With Me MV',
       'opus', _t('[Goblin OST Part.1] Chanyeol, Punch - Stay With Me MV',
                  ['KBS Drama']),
       'Goblin', 'Stay With Me', duet=True, kind='pos:video'),
    _c('Downloads/[MV] Ailee _ I Will Go to You Like the First Snow (Goblin '
       'OST PART.9)', 'm4a',
       _t('[MV] Ailee _ I Will Go to You Like the First Snow (Goblin OST '
          'PART.9)', ['1theK (원더케이)']),
       'Goblin', 'I Will Go to You Like the First Snow', kind='pos:video'),
    _c('Downloads/Yoon Mi Rae - Always | Descendants of the Sun OST Part 1',
       'mp3', _t('Yoon Mi Rae - Always | Descendants of the Sun OST Part 1',
                 ['drama ost channel']),
       'Descendants of the Sun', 'Always', kind='pos:video'),
    # Lyric videos: a bare "Lyrics" or "가사" after the title, and names
    # given in English and Korean side by side.
    _c('YouTube/Gaho - Start Over (Itaewon Class OST Part 2) Lyrics', 'm4a',
       None, 'Itaewon Class', 'Start Over', kind='pos:video'),
    _c('YouTube/[Lyrics] Ailee - I Will Go to You Like the First Snow '
       '(Goblin OST) 가사', 'opus', None, 'Goblin',
       'I Will Go to You Like the First Snow', kind='pos:video'),
    _c('YouTube/[ENG SUB] Gaho 가호 - Start Over 시작 (Itaewon Class 이태원 '
       '클라쓰 OST Part 2)', 'mp3', None, 'Itaewon Class', 'Start Over',
       kind='pos:video'),
    _c('YouTube/Crush 크러쉬 - Beautiful (Goblin 도깨비 OST Part 4) '
       '[Official Audio]', 'm4a',
       _t('Crush 크러쉬 - Beautiful (Goblin 도깨비 OST Part 4) [Official '
          'Audio]', ['drama ost channel']),
       'Goblin', 'Beautiful', kind='pos:video'),
    # Untagged names in the other order, title first, or with the track
    # number after the album; and a Thai series' marker.
    _c('YouTube/Everytime - Chen & Punch (Descendants of the Sun OST)',
       'opus', None, 'Descendants of the Sun', 'Everytime', duet=True,
       kind='pos:video'),
    _c('YouTube/[Goblin OST] Stay With Me - Chanyeol, Punch', 'm4a', None,
       'Goblin', 'Stay With Me', duet=True, kind='pos:video'),
    _c('Downloads/Goblin OST - 03 Stay With Me', 'mp3', None, 'Goblin',
       'Stay With Me', duet=True, kind='pos:video'),
    _c('YouTube/คั่นกู - Bright Vachirawit (เพลงประกอบซีรีส์ เพราะเราคู่กัน)',
       'opus', None, '2gether: The Series', 'Kan Goo', kind='pos:video'),
    # Titles in quotation marks, 【tags】 and 《titles》 of Chinese sites,
    # names with only a space between them, 片尾曲 (ending theme).
    _c("YouTube/Chanyeol, Punch 'Stay With Me' MV", 'm4a', None, 'Goblin',
       'Stay With Me', duet=True, kind='pos:video'),
    _c("YouTube/[MV] 에일리 '첫눈처럼 너에게 가겠다' (도깨비 OST Part 9)",
       'opus', None, 'Goblin', 'I Will Go to You Like the First Snow',
       kind='pos:video'),
    _c('YouTube/에일리 (Ailee) 「첫눈처럼 너에게 가겠다」 도깨비 OST', 'mp3', None,
       'Goblin', 'I Will Go to You Like the First Snow', kind='pos:video'),
    _c('Bilibili/杨宗纬 张碧晨《凉凉》(三生三世十里桃花 片尾曲)', 'm4a', None,
       'Eternal Love', 'Liang Liang', duet=True, kind='pos:video'),
    _c('Bilibili/【三生三世十里桃花】凉凉 - 杨宗纬 张碧晨', 'flac', None,
       'Eternal Love', 'Liang Liang', duet=True, kind='pos:video'),
    _c('Bilibili/肖战 王一博《无羁》陈情令 主题曲', 'mp3', None, 'The Untamed',
       'Wu Ji', duet=True, kind='pos:video'),
    # Chinese sites: the song's name after the word for theme song.
    _c('Bilibili/《陈情令》主题曲 无羁 - 肖战 王一博', 'm4a', None,
       'The Untamed', 'Wu Ji', duet=True, kind='pos:video'),
    _c('Bilibili/【琅琊榜】片头曲 风起时 - 胡歌', 'mp3', None,
       'Nirvana in Fire', 'Feng Qi Shi', kind='pos:video'),
    _c('Bilibili/电视剧《琅琊榜》片头曲《风起时》 - 胡歌', 'flac', None,
       'Nirvana in Fire', 'Feng Qi Shi', kind='pos:video'),
    _c('Bilibili/琅琊榜 片头曲 风起时 胡歌', 'opus', None, 'Nirvana in Fire',
       'Feng Qi Shi', kind='pos:video'),
    _c('Bilibili/陈情令 主题曲 无羁 肖战 王一博', 'm4a', None, 'The Untamed',
       'Wu Ji', duet=True, kind='pos:video'),
    # ... and with only spaces between: the drama's name, then its OST
    # word, names it (a drama whose songs the catalog does not list).
    _c('Bilibili/偷偷藏不住 片尾曲 最后一页 某歌手', 'm4a', None, 'Hidden Love',
       kind='pos:video'),
    # A lyric video's "Color Coded Lyrics" after the title.
    _c('YouTube/CHANYEOL X PUNCH - STAY WITH ME (GOBLIN OST PART 1) COLOR '
       'CODED LYRICS', 'm4a', None, 'Goblin', 'Stay With Me', duet=True,
       kind='pos:video'),
]

# Artist credits that name the OST, as rips put it there: the drama's
# name is not a performer's, so a solo song stays no duet; the singers
# named beside it still count.
OST_CREDITS = [
    _c('Rips/Goblin OST Part.9/01 첫눈처럼 너에게 가겠다', 'mp3',
       _t('첫눈처럼 너에게 가겠다', ['에일리 / 도깨비 OST'], '도깨비 OST Part.9'),
       'Goblin', 'I Will Go to You Like the First Snow',
       kind='pos:ost-credit'),
    _c('Rips/Beautiful', 'flac',
       _t('Beautiful', ['Crush', 'Goblin OST']),
       'Goblin', 'Beautiful', kind='pos:ost-credit'),
    _c('Rips/Everytime', 'ogg',
       _t('Everytime', ['Chen x Punch (태양의 후예 OST)']),
       'Descendants of the Sun', 'Everytime', duet=True,
       kind='pos:ost-credit'),
]

# Albums written the Japanese and Korean way: "オリジナル・サウンドトラック"
# and "오리지널 사운드트랙" say original soundtrack; 逃げ恥 is how fans
# shorten 逃げるは恥だが役に立つ.
ORIGINAL_SOUNDTRACKS = [
    _c('J-Drama/アンナチュラル/02 メインテーマ', 'flac',
       _t('メインテーマ', ['得田真裕'], 'アンナチュラル オリジナル・サウンドトラック'),
       'Unnatural', inst=True, kind='pos:original-st-cjk'),
    _c('J-Drama/逃げ恥/05 ムズキュン', 'mp3',
       _t('ムズキュン', ['末廣健一郎'],
          '逃げるは恥だが役に立つ オリジナル・サウンドトラック'),
       'The Full-Time Wife Escapist', kind='pos:original-st-cjk'),
    _c('J-Drama/逃げ恥 OST/01 恋', 'm4a',
       _t('恋', ['星野源'], '逃げ恥 OST'),
       'The Full-Time Wife Escapist', 'Koi', kind='pos:original-st-cjk'),
    _c('Drama/도깨비/12 밤', 'flac',
       _t('밤', ['남혜승'], '도깨비 오리지널 사운드트랙'),
       'Goblin', kind='pos:original-st-cjk'),
]

CASES = _unique(_generated() + SPECIAL + NEGATIVES + INSTRUMENTAL_WORDS +
                VIDEO_RIPS + OST_CREDITS + ORIGINAL_SOUNDTRACKS)

