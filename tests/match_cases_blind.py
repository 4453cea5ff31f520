#!/usr/bin/python3
"""A blind labelled case table for test-match.py, written apart from the
matcher and from match_cases.py: an estimate of how the matcher does on
files tagged by people it has never seen.

    OSTPLAY=build/ostplay /usr/bin/python3 tests/test-match.py match_cases_blind

Same shape as match_cases.py (Case, CASES, NOT_IN_CATALOG).  The files
imitate real libraries: Melon/Genie/Bugs purchases (Korean tags, "Various
Artists"), iTunes ("Goblin, Pt. 1 (Original Television Soundtrack)"),
YouTube rips (untagged, or yt-dlp titles with the channel as artist),
fan-organised folders, Chinese/Japanese releases, CP949 bytes in Latin-1
ID3 frames, and negatives: same-titled songs, originals of the songs the
OSTs remade, catalog singers' other songs and other dramas' OSTs, albums
named like a drama.

Label rules (as a knowledgeable fan would decide from the file alone):
  drama  the drama the file belongs to, None when it belongs to none in the
         catalog or a person could not tell which.
  song   the catalog song, None when the file's song is not in the catalog.
  inst   an instrumental version: (Inst.), Instrumental, MR, 연주곡, 伴奏,
         Karaoke in title or file name, or a score piece the catalog marks
         instrumental.  Since issue 11 also a score piece named as one:
         BGM, Main Theme, Main Title, Opening Title, 경음악, 配樂, 配乐, 劇伴,
         メインテーマ (11 cases relabelled by that rule: every "Main
         Title", "Main Theme" and "メインテーマ" here had been labelled
         not instrumental).
  duet   two or more distinct performers credited on the file (tags or file
         name; "Chen (EXO)" and a group are one performer).  Exception,
         kind 'duet-uncredited': a catalog duet whose file names no singer
         is labelled a duet (the song is one).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from match_cases import Case, EXT  # noqa: E402,F401

# Dramas of negatives that must not be catalog dramas.
NOT_IN_CATALOG = [
    'Reply 1994', 'Answer Me 1994', 'Dream High 2', 'School 2013',
    'School 2017', 'Moon Garden: Scarlet Oath', '달빛 정원 - 붉은 맹세',
    'Scarlet Heart 2', '步步惊情', 'Hotel Moonrise', '파도 위의 편지',
    "It's Okay, That's Love", 'Another Miss Oh', 'Stairway to Heaven',
    'IRIS', '별을 품은 바다', 'Our Faded Spring', '스케일업',
    "Cinderella's Sister", 'Hi My Sweetheart', 'Hana Yori Dango 2',
    'Full House Thai', 'Temptation (2014)', '유혹', 'Descendants',
    'シグナル 長期未解決事件捜査班']

# ---------------------------------------------------------------------------
# Catalog songs and the dramas they belong to (facts checked against
# playlists/*.xspf; titles and names spelt as the stores spell them).
# ---------------------------------------------------------------------------

# key: (label/English name, original title, Revised Romanization, network,
#       year)
DR = {
    'dots': ('Descendants of the Sun', '태양의 후예', 'Taeyangui Huye', 'KBS2', 2016),
    'gob': ('Goblin', '도깨비', 'Dokkaebi', 'tvN', 2016),
    'mlfts': ('My Love from the Star', '별에서 온 그대', 'Byeoreseo On Geudae', 'SBS', 2013),
    'sg': ('Secret Garden', '시크릿 가든', 'Sikeurit Gadeun', 'SBS', 2010),
    'r88': ('Reply 1988', '응답하라 1988', 'Eungdaphara 1988', 'tvN', 2015),
    'r97': ('Reply 1997', '응답하라 1997', 'Eungdaphara 1997', 'tvN', 2012),
    'hp': ('Hospital Playlist', '슬기로운 의사생활', 'Seulgiroun Uisasaenghwal', 'tvN', 2020),
    'mm': ('My Mister', '나의 아저씨', 'Naui Ajeossi', 'tvN', 2018),
    'ic': ('Itaewon Class', '이태원 클라쓰', 'Itaewon Keullasseu', 'JTBC', 2020),
    'bof': ('Boys Over Flowers', '꽃보다 남자', 'Kkotboda Namja', 'KBS2', 2009),
    'dh': ('Dream High', '드림하이', 'Deurimhai', 'KBS2', 2011),
    'sig': ('Signal', '시그널', 'Sigeuneol', 'tvN', 2016),
    'sky': ('SKY Castle', 'SKY 캐슬', 'SKY Kaeseul', 'JTBC', 2018),
    'sitr': ('Something in the Rain', '밥 잘 사주는 예쁜 누나', 'Bap Jal Sajuneun Yeppeun Nuna', 'JTBC', 2018),
    'isly': ("I'm Sorry, I Love You", '미안하다 사랑한다', 'Mianhada Saranghanda', 'KBS2', 2004),
    'wyws': ('While You Were Sleeping', '당신이 잠든 사이에', 'Dangsini Jamdeun Saie', 'SBS', 2017),
    's15': ('Who Are You: School 2015', '후아유 - 학교 2015', 'Huayu - Hakgyo 2015', 'KBS2', 2015),
    'bm': ('Be Melodramatic', '멜로가 체질', 'Melloga Chejil', 'JTBC', 2019),
    'ayh': ('Are You Human?', '너도 인간이니?', 'Neodo Inganini', 'KBS2', 2018),
    'kmhm': ('Kill Me, Heal Me', '킬미, 힐미', 'Kilmi, Hilmi', 'MBC', 2015),
    'w': ('W', '더블유', 'Deobeuryu', 'MBC', 2016),
    'fh': ('Full House', '풀하우스', 'Pulhauseu', 'KBS2', 2004),
    'qot': ('Queen of Tears', '눈물의 여왕', 'Nunmurui Yeowang', 'tvN', 2024),
    'tow': ('Temptation of Wife', '아내의 유혹', 'Anaeui Yuhok', 'SBS', 2008),
    'hec': ('High-end Crush', '고품격 짝사랑', 'Gopumgyeok Jjaksarang', 'Web', 2015),
}

# (drama key, English title, Korean title or '', [(name, 한글 name)], part)
SONGS = [
    ('dots', 'Always', '', [('Yoon Mi-rae', '윤미래')], 1),
    ('dots', 'Everytime', '', [('Chen', '첸'), ('Punch', '펀치')], 2),
    ('dots', 'This Love', '이 사랑', [('Davichi', '다비치')], 3),
    ('dots', 'You Are My Everything', '', [('Gummy', '거미')], 4),
    ('dots', 'Once Again', '다시 너를', [('Mad Clown', '매드클라운'), ('Kim Na Young', '김나영')], 5),
    ('dots', 'Talk Love', '말해! 뭐해?', [('K.Will', '케이윌')], 6),
    ('dots', 'How Can I Love You', '', [('XIA', '시아준수')], 0),
    ('gob', 'Stay With Me', '', [('Chanyeol', '찬열'), ('Punch', '펀치')], 1),
    ('gob', 'Beautiful', '', [('Crush', '크러쉬')], 4),
    ('gob', 'Hush', '', [('Lasse Lindh', 'Lasse Lindh')], 0),
    ('gob', 'Who Are You', '', [('Sam Kim', '샘김')], 0),
    ('gob', 'I Miss You', '', [('Soyou', '소유')], 0),
    ('gob', 'I Will Go To You Like The First Snow', '첫눈처럼 너에게 가겠다', [('Ailee', '에일리')], 9),
    ('gob', 'Round and Round', '', [('Heize', '헤이즈'), ('Han Soo Ji', '한수지')], 0),
    ('mlfts', 'My Destiny', '', [('Lyn', '린')], 0),
    ('mlfts', 'Goodbye', '안녕', [('Hyolyn', '효린')], 0),
    ('mlfts', 'Every Moment of You', '너의 모든 순간', [('Sung Si Kyung', '성시경')], 0),
    ('mlfts', 'Like a Star', '', [('K.Will', '케이윌')], 0),
    ('mlfts', "Tears Fallin' Like Today", '', [('Huh Gak', '허각')], 0),
    ('mlfts', 'My Love from the Star', '', [('Younha', '윤하')], 0),
    ('sg', 'Appear', '나타나', [('Kim Bum Soo', '김범수')], 0),
    ('sg', 'That Woman', '그 여자', [('Baek Ji Young', '백지영')], 0),
    ('sg', 'That Man', '그 남자', [('Hyun Bin', '현빈')], 0),
    ('sg', 'Only Scratches', '상처만', [('BOIS', 'BOIS')], 3),
    ('sg', 'You Are My Spring', '너는 나의 봄이다', [('Sung Si Kyung', '성시경')], 0),
    ('sg', 'Tear Seat', '눈물자리', [('Yoon Sang Hyun', '윤상현')], 0),
    ('r88', 'Hyehwadong (or Ssangmundong)', '혜화동 (혹은 쌍문동)', [('Park Boram', '박보람')], 0),
    ('r88', 'A Little Girl', '소녀', [('Oh Hyuk', '오혁')], 0),
    ('r88', "Don't Worry", '걱정말아요 그대', [('Lee Juck', '이적')], 0),
    ('r88', 'Youth', '청춘', [('Kim Feel', '김필'), ('Kim Chang Wan', '김창완')], 0),
    ('r97', 'All For You', '', [('Seo In Guk', '서인국'), ('Jung Eun Ji', '정은지')], 0),
    ('r97', 'Our Love Like This', '우리 사랑 이대로', [('Seo In Guk', '서인국'), ('Jung Eun Ji', '정은지')], 0),
    ('hp', 'Aroha', '아로하', [('Jo Jung Suk', '조정석')], 0),
    ('hp', 'Introduce Me a Good Person', '좋은 사람 있으면 소개시켜줘', [('Joy', '조이')], 0),
    ('hp', 'Confession is Not Flashy', '화려하지 않은 고백', [('Kyuhyun', '규현')], 0),
    ('hp', 'I Knew I Love', '사랑하게 될 줄 알았어', [('Jeon Mi Do', '전미도')], 0),
    ('hp', 'Lonely Night', '', [('Kwon Jin Ah', '권진아')], 0),
    ('hp', 'Beautiful My Love', '', [('Urban Zakapa', '어반자카파')], 0),
    ('hp', 'With My Tears', '내 눈물 모아', [('Whee In', '휘인')], 0),
    ('hp', 'Me to You, You to Me', '너에게 난, 나에게 넌', [('Mido and Falasol', '미도와 파라솔')], 0),
    ('mm', 'Grown Ups', '어른', [('Sondia', '손디아')], 2),
    ('mm', 'An Ordinary Day', '보통의 하루', [('Jung Seung Hwan', '정승환')], 3),
    ('mm', 'Dear Moon', '', [('JeHwi', '제휘')], 4),
    ('mm', 'Rainbow', '무지개는 있다', [('O.WHEN', '오왠')], 6),
    ('mm', 'My Self In My Heart', '내 마음에 비친 내 모습', [('Kwak Jin Eon', '곽진언')], 7),
    ('ic', 'Start Over', '시작', [('Gaho', '가호')], 0),
    ('ic', 'Diamond', '돌덩이', [('Ha Hyun Woo', '하현우')], 0),
    ('ic', 'Maybe', '어쩌면', [('Sondia', '손디아')], 0),
    ('ic', 'Someday, The Boy', '그때 그 아인', [('Kim Feel', '김필')], 0),
    ('ic', 'Sweet Night', '', [('V', '뷔')], 0),
    ('bof', 'Almost Paradise', '파라다이스', [('T-Max', '티맥스')], 0),
    ('bof', 'Stand By Me', '', [('SHINee', '샤이니')], 0),
    ('bof', "Because I'm Stupid", '내 머리가 나빠서', [('SS501', 'SS501')], 0),
    ('bof', 'Making a Lover', '애인만들기', [('SS501', 'SS501')], 0),
    ('bof', 'One More Time', '', [('Tree Bicycle', '나무자전거')], 0),
    ('dh', "Can't I Love You", '사랑하면 안될까', [('IU', '아이유'), ('Kim Soo Hyun', '김수현')], 0),
    ('dh', 'Someday', '', [('IU', '아이유')], 0),
    ('dh', 'Maybe', '', [('Sunye', '선예')], 0),
    ('dh', 'Dreaming', '', [('Kim Soo Hyun', '김수현')], 0),
    ('sig', 'I Will Forget You', '', [('Jung Cha Sik', '정차식')], 0),
    ('sig', 'Looking Back', '', [('Jang Beom June', '장범준')], 0),
    ('sig', 'The One Who Must Leave', '', [('Inkii', '잉키')], 0),
    ('sig', 'The Road', '길', [('Kim Yoon Ah', '김윤아')], 0),
    ('sky', 'We All Lie', '', [('Ha Jin', '하진')], 0),
    ('sitr', 'Something in the Rain', '', [('Rachel Yamagata', '레이첼 야마가타')], 0),
    ('isly', 'Snow Flower', '눈의 꽃', [('Park Hyo Shin', '박효신')], 0),
    ('isly', 'One Day Has Passed', '', [('Bada', '바다')], 0),
    ('wyws', 'Lucid Dream', '', [('Monogram', 'Monogram')], 0),
    ('wyws', 'I Love You Boy', '', [('Suzy', '수지')], 0),
    ('wyws', "It's You", '', [('Henry', '헨리')], 0),
    ('s15', 'Reset', '', [('Tiger JK', '타이거JK'), ('Jinsil', '진실')], 0),
    ('s15', 'Return', '', [('Wendy', '웬디'), ('Yuk Ji Dam', '육지담')], 0),
    ('s15', 'Blow Away', '', [('Baechigi', '배치기'), ('Punch', '펀치')], 0),
    ('s15', 'Remember', '', [('Byul', '별')], 0),
    ('s15', 'Named', '', [('Jonghyun', '종현'), ('Taemin', '태민')], 0),
    ('s15', 'Love Song', '', [('Yook Sung Jae', '육성재')], 0),
    ('bm', 'Dear My Friend', '', [('Chun Woo Hee', '천우희'), ('Jeon Yeo Been', '전여빈'), ('Han Ji Eun', '한지은')], 0),
    ('bm', 'Your Shampoo Scent In The Flowers', '흔들리는 꽃들 속에서 네 샴푸향이 느껴진거야', [('Jang Beom June', '장범준')], 0),
    ('bm', 'Consolation', '', [('Kwon Jin Ah', '권진아')], 0),
    ('bm', 'Moonlight', '', [('Ha Hyun Sang', '하현상')], 0),
    ('ayh', 'Love', '', [('Lyn', '린'), ('Hanhae', '한해')], 0),
    ('ayh', 'Heart', '', [('2BiC', '투빅')], 0),
    ('kmhm', 'Auditory Hallucination', '환청', [('Jang Jae In', '장재인'), ('NaShow', '나쑈')], 0),
    ('w', 'In the Illusion', '', [('Basick', '베이식'), ('Inkii', '잉키')], 0),
    ('fh', 'I Think I', '', [('Byul', '별')], 0),
    ('qot', 'Love You with All My Heart', '미안해 미워해 사랑해', [('Crush', '크러쉬')], 0),
    ('tow', 'Never Forgive', '용서 못해', [('Cha Soo Kyung', '차수경')], 0),
    ('tow', 'Let It Be', '', [('Cha Soo Kyung', '차수경')], 0),
    ('hec', 'Catch Me', '', [('Inkii', '잉키')], 0),
]

_FMT = ['mp3', 'm4a', 'flac', 'mp3v23', 'ogg', 'mp3', 'wma', 'opus', 'mp3',
        'flac', 'wav', 'm4a', 'mp3v23', 'ogg']
JOINS = [', ', ' & ', ' x ', ' X ', ' × ', ' and ', ' with ', ' feat. ',
         ' ft. ', ' / ', ' Feat. ', ', ', '&']


def fw(s):
    """Full-width form of ASCII text, as some Asian taggers write it."""
    return ''.join('\u3000' if c == ' ' else
                   chr(ord(c) + 0xFEE0) if '!' <= c <= '~' else c for c in s)


def fsafe(s):
    return s.replace('/', ', ').replace('?', '')


class S:
    def __init__(self, i, d, en, ko, perf, part):
        self.i, self.d, self.en, self.ko, self.perf, self.part = (
            i, d, en, ko, perf, part)
        self.dn, self.dko, self.rr, self.net, self.year = DR[d]
        self.ens = [p[0] for p in perf]
        self.kos = [p[1] for p in perf]
        self.duet = len(perf) > 1
        self.kt = ko or en		# the title as Melon shows it

    def sep(self, n):
        return JOINS[n % len(JOINS)]

    def pt(self, fmt='Part.%d'):
        return (' ' + fmt % self.part) if self.part else ''


# Each style makes (path without extension, fmt or None, tags, kind).
def st_melon(s, n):
    arts = ', '.join(s.kos)
    return ('Melon/%s - %s' % (fsafe(arts), fsafe(s.kt)), ['mp3', 'flac', 'mp3v23'][n % 3],
            dict(title=s.kt, artists=[arts], album='%s OST%s' % (s.dko, s.pt()),
                 album_artist='Various Artists', track='%d/2' % (n % 2 + 1),
                 year=s.year, genre='국내드라마'), 'melon-ko')


def st_itunes(s, n):
    album = '%s%s (Original Television Soundtrack)' % (
        s.dn, (', Pt. %d' % s.part) if s.part else '')
    return ('iTunes Media/Music/Various Artists/%s/%02d %s' % (fsafe(album), n % 3 + 1, fsafe(s.en)),
            'm4a', dict(title=s.en, artists=[' & '.join(s.ens)], album=album,
                        album_artist='Various Artists', track=n % 3 + 1, disc='1/1',
                        year=s.year, genre='K-Pop'), 'itunes-en')


def st_genie(s, n):
    title = '%s (%s)' % (s.ko, s.en) if s.ko else s.en
    arts = ', '.join('%s (%s)' % (k, e.upper()) if k != e else e for e, k in s.perf)
    album = '%s (%s 드라마) OST%s' % (s.dko, s.net, s.pt('- Part %d'))
    return ('Genie/%s - %s' % (fsafe(arts), fsafe(title)), None,
            dict(title=title, artists=[arts], album=album, album_artist=arts,
                 track=1, genre='드라마'), 'genie-mixed')


def st_fan(s, n):
    arts = s.sep(n).join(s.ens)
    tags = dict(title=s.en, artists=s.ens if n % 3 == 0 else [arts])
    return ('K-Drama OSTs/%d - %s/%02d. %s - %s' % (s.year, fsafe(s.dn), n % 12 + 1,
                                                   fsafe(arts), fsafe(s.en)), None, tags, 'fan-folder')


def st_mv(s, n):
    arts = s.sep(n + 1).join(s.ens)
    return ('YouTube/[MV] %s - %s (%s OST%s)' % (fsafe(arts), fsafe(s.en), fsafe(s.dn), s.pt()),
            None, None, 'yt-untagged')


def st_lyrics(s, n):
    # yt-dlp --add-metadata: title = video title, artist = the channel.
    arts = s.sep(n + 2).join(s.ens)
    vt = '[%s OST] %s - %s (Lyrics) [Han|Rom|Eng]' % (s.dn, arts, s.en)
    vid = ('dQw%08dXcQ' % (n * 7919))[:11]
    return ('yt-dlp/%s [%s]' % (fsafe(vt), vid), ['m4a', 'opus', 'ogg'][n % 3],
            dict(title=vt, artists=['KLyrics Channel'],
                 comment='https://www.youtube.com/watch?v=' + vid), 'yt-lyrics')


def st_kofile(s, n):
    return ('다운로드/%s OST - %s (%s)' % (fsafe(s.dko), fsafe(s.kt), ', '.join(s.kos)),
            None, None, 'ko-untagged')


def st_cp949(s, n):
    raw = {'TIT2': s.kt.encode('cp949'), 'TPE1': ', '.join(s.kos).encode('cp949'),
           'TALB': ('%s OST' % s.dko).encode('cp949')}
    return ('old-pc/내 음악/Track%03d' % n, ['mp3', 'mp3v23'][n % 2],
            dict(track=n % 9 + 1, latin1_raw=raw), 'cp949')


def st_rr(s, n):
    album = '%s OST%s' % (s.rr, s.pt('Part %d'))
    return ('Music/%s/%s - %s' % (fsafe(s.rr), fsafe(', '.join(s.ens)), fsafe(s.en)), None,
            dict(title=s.en, artists=s.ens, album=album), 'romanised')


def st_noise(s, n):
    k = n % 4
    if k == 0:
        album, title = fw('%s OST' % s.dn), s.en.upper()
    elif k == 1:
        album, title = '%s_ost_pt%d' % (s.dn.lower().replace(' ', '_'), s.part or 1), s.en.lower()
    elif k == 2:
        album, title = '《%s》 O.S.T' % s.dko, '「%s」' % s.en
    else:
        album, title = '[OST] %s   -  Part %02d' % (s.dn.upper(), s.part or 1), '  %s  ' % s.en
    return ('misc/%s/%s' % (fsafe(album.strip()), fsafe(title.strip())), None,
            dict(title=title, artists=[', '.join(s.ens).upper()], album=album), 'noise')


def st_disc(s, n):
    return ('Dramas/%s/CD%d/%02d - %s' % (fsafe(s.dn), n % 2 + 1, n % 15 + 1, fsafe(s.kt)), None,
            dict(title=s.kt, artists=s.kos, track=n % 15 + 1, disc=n % 2 + 1), 'disc-folder')


def st_comp(s, n):
    album = ['K-Drama OST Best Collection', '드라마 OST 베스트 (%d)' % s.year,
             'Korean Drama Hits Vol. %d' % (n % 3 + 1)][n % 3]
    return ('Compilations/%s/%02d %s' % (fsafe(album), n % 20 + 1, fsafe(s.en)), None,
            dict(title=s.en, artists=[', '.join(s.ens)], album=album,
                 album_artist='Various Artists', track=n % 20 + 1), 'compilation')


def st_folder(s, n):
    who = (', '.join(s.ens) + ' - ') if s.duet or n % 2 else ''
    return ('OST/%s/%02d. %s%s' % (fsafe(s.dn), n % 10 + 1, fsafe(who), fsafe(s.en)), None, None,
            'folder-untagged')


STYLES = [st_melon, st_itunes, st_genie, st_fan, st_mv, st_lyrics, st_kofile,
          st_cp949, st_rr, st_noise, st_disc, st_comp, st_folder]

# Instrumental versions: (suffix in title, where it goes)
INST = ['(Inst.)', '(Instrumental)', 'MR', '(Inst)', '- Instrumental',
        '(Inst. Ver.)', '(연주곡)', '(Karaoke Ver.)', '[MR]', '(INST.)']

CASES = []
_n = [0]


def add(path, fmt, tags, drama, song, inst, duet, kind):
    if fmt is None:
        fmt = _FMT[_n[0] % len(_FMT)]
    _n[0] += 1
    CASES.append(Case(path + '.' + EXT[fmt], fmt, tags, drama, song, inst, duet, kind))


for i, row in enumerate(SONGS):
    s = S(i, *row)
    label = s.en
    for j in range(3):
        st = STYLES[(i * 5 + j * 4 + j // 2) % len(STYLES)]
        path, fmt, tags, kind = st(s, i * 3 + j)
        add(path, fmt, tags, s.dn, label, False, s.duet, kind)
    if i % 3 == 0:
        k = i // 3
        suf = INST[k % len(INST)]
        if k % 3 == 0:		# a store's instrumental track
            add('Melon/%s - %s %s' % (fsafe(', '.join(s.kos)), fsafe(s.kt), suf), None,
                dict(title='%s %s' % (s.kt, suf), artists=[', '.join(s.kos)],
                     album='%s OST%s' % (s.dko, s.pt()), album_artist='Various Artists', track=2),
                s.dn, label, True, s.duet, 'inst-tagged')
        elif k % 3 == 1:	# untagged in the drama's folder
            add('OST/%s/%02d. %s - %s %s' % (fsafe(s.dn), k + 10, fsafe(' & '.join(s.ens)),
                                            fsafe(s.en), suf), None, None,
                s.dn, label, True, s.duet, 'inst-untagged')
        else:			# English tags, instrumental marker in the title
            add('iTunes Media/Music/%s/%s %s' % (fsafe(s.dn), fsafe(s.en), suf.strip('[]')), None,
                dict(title='%s %s' % (s.en, suf), artists=s.ens,
                     album='%s OST%s' % (s.dn, s.pt())), s.dn, label, True, s.duet, 'inst-en')


def T(title=None, artists=None, album=None, **kw):
    d = dict(title=title, artists=artists, album=album, **kw)
    return {k: v for k, v in d.items() if v is not None}


# ---------------------------------------------------------------------------
# Hand-written positives: other names of the dramas, C/J dramas, score,
# songs of catalog dramas the catalog does not list, credits written oddly.
# (path, fmt, tags, drama, song, inst, duet, kind)
# ---------------------------------------------------------------------------
P = [
    # the issue's own shapes, in other formats
    ('Goblin OST/03. Chanyeol, Punch - Stay With Me', 'ogg', None, 'Goblin', 'Stay With Me', False, True, 'folder-untagged'),
    ('YouTube/[MV] Chen, Punch - Everytime (Descendants of the Sun OST Part.2)', 'opus', None, 'DOTS', 'Everytime', False, True, 'yt-untagged'),
    ('YouTube/[Goblin OST] Ailee - I Will Go To You Like The First Snow (Lyrics)', 'm4a', None, 'Goblin', 'I Will Go to You Like the First Snow', False, False, 'yt-untagged'),
    ('다운로드/태양의 후예 OST - 에브리타임 (첸, 펀치)', 'mp3', None, '태양의 후예', 'Everytime', False, True, 'ko-untagged'),
    ('Melon/첸 (CHEN), 펀치 (Punch) - Everytime', 'flac', T('Everytime', ['첸 (CHEN), 펀치 (Punch)'], '태양의 후예 OST Part.2', album_artist='Various Artists'), 'DOTS', 'Everytime', False, True, 'melon-ko'),
    ('iTunes/Goblin, Pt. 1 (Original Television Soundtrack)/01 Stay With Me', 'm4a', T('Stay With Me', ['CHANYEOL & Punch'], 'Goblin, Pt. 1 (Original Television Soundtrack)', album_artist='Various Artists'), 'Goblin', 'Stay With Me', False, True, 'itunes-en'),
    ('Bugs/도깨비 (tvN 금토드라마) OST - Part 9/01 첫눈처럼 너에게 가겠다', 'mp3', T('첫눈처럼 너에게 가겠다', ['에일리'], '도깨비 (tvN 금토드라마) OST - Part 9', album_artist='Various Artists', track='1/2'), '도깨비', 'I Will Go to You Like the First Snow', False, False, 'melon-ko'),
    ('Bugs/쓸쓸하고 찬란하神 - 도깨비 OST Part 1/01 Stay With Me', 'flac', T('Stay With Me', ['찬열', '펀치'], '쓸쓸하고 찬란하神 - 도깨비 OST Part 1'), 'Goblin', 'Stay With Me', False, True, 'alias'),
    ('Music/Guardian - The Lonely and Great God OST/Beautiful', 'mp3v23', T('Beautiful', ['CRUSH'], 'Guardian: The Lonely and Great God OST Part.4'), 'Goblin', 'Beautiful', False, False, 'alias'),
    ('Music/DOTS OST/Always - Tasha', 'ogg', T('Always', ['Tasha'], 'DOTS OST'), 'DOTS', 'Always', False, False, 'alias'),
    ('Music/태후 OST/거미 - You Are My Everything', 'mp3', T('You Are My Everything', ['거미'], '태후 OST Part 4'), 'DOTS', 'You Are My Everything', False, False, 'alias'),
    ('Music/Descendants of the Sun OST Pack 2/Everytime', 'wma', T('Everytime', ['CHEN (EXO) & PUNCH'], 'Descendants Of The Sun OST Pack 2'), 'DOTS', 'Everytime', False, True, 'ost-pack'),
    ('Music/Descendants of the Sun OST Special/Once Again', 'flac', T('Once Again', ['Mad Clown x Kim Na Young'], 'Descendants of the Sun OST Special'), 'DOTS', 'Once Again', False, True, 'special'),
    ('OST/Descendants of the Sun/Special/15. Main Title (Inst.)', 'flac', T('태양의 후예 Main Title (Inst.)', ['개미'], '태양의 후예 OST Special', track=15), 'DOTS', None, True, False, 'score'),
    ('Melon/SG워너비 - By My Side', 'mp3', T('By My Side', ['SG워너비'], '태양의 후예 OST Part.7', album_artist='Various Artists'), 'DOTS', None, False, False, 'non-catalog-song'),
    ('Melon/로이킴 - Heaven', 'mp3v23', T('Heaven', ['로이킴'], '도깨비 OST Part 10', album_artist='Various Artists'), 'Goblin', None, False, False, 'non-catalog-song'),
    ('Goblin OST/01. Stay With Me', 'mp3', None, 'Goblin', 'Stay With Me', False, True, 'duet-uncredited'),
    ('Dramas/Reply 1997/05 - All For You', 'flac', T('All For You', album='응답하라 1997 OST'), 'Reply 1997', 'All For You', False, True, 'duet-uncredited'),
    ('OST/Dream High/02. Can\'t I Love You', 'ogg', None, 'Dream High', "Can't I Love You", False, True, 'duet-uncredited'),
    ('Melon/택연, 우영, 김수현, 수지, JOO - Dream High', 'mp3', T('Dream High', ['택연, 우영, 김수현, 수지, JOO'], '드림하이 OST Part.1', album_artist='Various Artists'), 'Dream High', None, False, True, 'non-catalog-song'),
    ('Dramas/Reply 1988/CD1/01 - 매일 그대와', 'flac', T('매일 그대와', ['소진'], '응답하라 1988 OST'), 'Reply 1988', None, False, False, 'non-catalog-song'),
    ('Music/응팔 OST/이적 - 걱정말아요 그대', 'mp3', T('걱정말아요 그대', ['이적'], '응팔 OST'), '응답하라 1988', "Don't Worry", False, False, 'alias'),
    ('Music/Answer Me 1988/Oh Hyuk - A Little Girl', 'm4a', T('A Little Girl', ['Oh Hyuk'], 'Answer Me 1988 OST Part 3'), 'Reply 1988', 'A Little Girl', False, False, 'alias'),
    ('Music/Reply1988/김필 - 청춘 (Feat. 김창완)', 'mp3', T('청춘 (Feat. 김창완)', ['김필'], 'Reply1988 OST'), 'Reply 1988', 'Youth', False, True, 'feat-in-title'),
    ('Music/응칠 OST/서인국, 정은지 - 우리 사랑 이대로', 'mp3v23', T('우리 사랑 이대로', ['서인국', '정은지'], '응칠 OST'), 'Reply 1997', 'Our Love Like This', False, True, 'alias'),
    ('iTunes/Heize - Round and Round (feat. Han Soo Ji)', 'm4a', T('Round and Round (feat. Han Soo Ji)', ['Heize'], 'Goblin (Original Television Soundtrack), Pt. 8'), 'Goblin', 'Round and Round', False, True, 'feat-in-title'),
    ('Music/별그대 OST/린 - My Destiny', 'mp3', T('My Destiny', ['린 (LYn)'], '별그대 OST'), 'My Love from the Star', 'My Destiny', False, False, 'alias'),
    ('Music/You Who Came From The Stars OST/Younha - My Love From The Star', 'ogg', T('My Love From The Star', ['Younha'], 'You Who Came from the Stars OST'), 'My Love from the Star', 'My Love from the Star', False, False, 'alias'),
    ('C-Pop/來自星星的你 韓劇原聲帶/Lyn - My Destiny', 'flac', T('My Destiny', ['Lyn'], '來自星星的你 韓劇原聲帶'), 'My Love from the Star', 'My Destiny', False, False, 'zh-release'),
    ('C-Pop/鬼怪 電視原聲帶/Stay With Me', 'mp3', T('Stay With Me', ['燦烈', 'Punch'], '孤單又燦爛的神-鬼怪 電視原聲帶'), 'Goblin', 'Stay With Me', False, True, 'zh-release'),
    ('J-Pop/トッケビ OST/01 Stay With Me', 'flac', T('Stay With Me', ['CHANYEOL(EXO), Punch'], 'トッケビ～君がくれた愛しい日々～ オリジナル・サウンドトラック'), 'Goblin', 'Stay With Me', False, True, 'ja-release'),
    ('C-Pop/太陽的後裔 韓劇原聲帶/03 Always', 'mp3', T('Always', ['尹美萊 (Yoon Mi Rae)'], '太陽的後裔 韓劇原聲帶'), 'DOTS', 'Always', False, False, 'zh-release'),
    ('Music/꽃남 OST/티맥스 - Paradise', 'mp3', T('Paradise', ['티맥스'], '꽃남 OST'), 'Boys Over Flowers', 'Paradise', False, False, 'alias'),
    ('Music/Boys Before Flowers OST/SS501 - Because I\'m Stupid', 'wma', T("Because I'm Stupid", ['SS501'], 'Boys Before Flowers OST'), 'Boys Over Flowers', "Because I'm Stupid", False, False, 'alias'),
    ('Music/BOF OST/T.Max - Almost Paradise', 'ogg', T('Almost Paradise', ['T.Max'], 'BOF OST Part 1'), 'Boys Over Flowers', 'Paradise', False, False, 'alias'),
    ('Music/미사 OST/박효신 - 눈의 꽃', 'mp3', T('눈의 꽃', ['박효신'], '미사 OST'), "I'm Sorry, I Love You", 'Snow Flower', False, False, 'alias'),
    ('OST/Im Sorry I Love You/14. Last Choice', 'mp3', T('Last Choice', album='미안하다 사랑한다 OST', track=14), "I'm Sorry I Love You", 'Last Choice', True, False, 'catalog-inst'),
    ('OST/My Mister/마음이 쉬고 싶을 때', 'flac', T('마음이 쉬고 싶을 때', ['정세린'], '나의 아저씨 OST'), 'My Mister', 'When Mind Wants to Rest', True, False, 'catalog-inst'),
    ('OST/My Ahjussi/우리 식구', 'm4a', T('우리 식구', ['이윤지'], 'My Ahjussi OST'), 'My Ahjussi', 'My Family', True, False, 'catalog-inst'),
    ('Music/My Mister OST/Vincent Blue - Rainbow (Band ver.)', 'mp3', T('Rainbow (Band ver.)', ['Vincent Blue'], 'My Mister OST Part.6'), 'My Mister', 'Rainbow', False, False, 'version'),
    ('Music/Pretty Noona Who Buys Me Food OST/Stand By Your Man', 'mp3v23', T('Stand By Your Man', ['Tammy Wynette'], 'Pretty Noona Who Buys Me Food OST'), 'Something in the Rain', 'Stand By Your Man', False, False, 'alias'),
    ('Music/밥 잘 사주는 예쁜 누나 OST/Save the Last Dance for Me', 'flac', T('Save the Last Dance for Me', ['Bruce Willis'], '밥 잘 사주는 예쁜 누나 OST'), 'Something in the Rain', 'Save the Last Dance for Me', False, False, 'alias'),
    ('Music/SKY Castle OST/About - It Has To Be You', 'ogg', T('It Has To Be You', ['About'], 'SKY 캐슬 OST'), 'SKY Castle', 'It Has To Be You', False, False, 'alias'),
    ('Music/스카이 캐슬 OST/하진 - We All Lie', 'mp3', T('We All Lie', ['하진'], '스카이 캐슬 OST Part.2'), 'SKY Castle', 'We All Lie', False, False, 'alias'),
    ('Music/KMHM OST/Jang Jae In ft. Na Show - Auditory Hallucinations', 'm4a', T('Auditory Hallucinations', ['Jang Jae In ft. Na Show'], 'Kill Me Heal Me OST'), 'KMHM', 'Auditory Hallucination', False, True, 'alias'),
    ('Music/School 2015 OST/Jonghyun & Taemin - Named', 'opus', T('Named', ['Jonghyun & Taemin'], 'School 2015 OST'), 'School 2015', 'Named', False, True, 'alias'),
    ('Music/후아유 - 학교 2015 OST Part.5/별 - Remember', 'mp3', T('Remember', ['별'], '후아유 - 학교 2015 OST Part.5'), 'School 2015', 'Remember', False, False, 'alias'),
    ('Music/Full House OST/별 - I Think I', 'mp3', T('I Think I', ['별'], '풀하우스 OST', year=2004), 'Full House', 'I Think I', False, False, 'fullhouse'),
    ('OST/Full House (2004)/14. Full House Main Theme (Inst.)', 'ogg', None, 'Full House', None, True, False, 'fullhouse'),
    ('Music/풀하우스 TAKE 2 OST Part.1/박기웅 - 너라는 선물', 'mp3', T('너라는 선물', ['박기웅'], '풀하우스 TAKE 2 OST Part.1', year=2012), 'Full House Take 2', None, False, False, 'fullhouse'),
    ('K-Drama OSTs/2012 - Full House Take 2/03. Park Ki Woong - Main Title', 'flac', None, 'Full House Take 2', None, True, False, 'fullhouse'),
    ('Music/Full House Take 2 OST/Park Ki Woong - I Think I (cover)', 'm4a', T('I Think I', ['Park Ki Woong'], 'Full House Take 2 OST'), 'Full House Take 2', None, False, False, 'fullhouse'),
    ('Music/눈물의 여왕 OST/김수현 - 청혼하지 않을 이유를 못 찾았어', 'flac', T('청혼하지 않을 이유를 못 찾았어', ['김수현'], '눈물의 여왕 OST Part.12', album_artist='Various Artists'), 'Queen of Tears', None, False, False, 'non-catalog-song'),
    ('Music/이태원 클라쓰 OST/이찬솔 - Still Fighting It', 'mp3', T('Still Fighting It', ['이찬솔'], '이태원 클라쓰 OST Part.3'), 'Itaewon Class', None, False, False, 'drama-performer'),
    ('Music/신데렐라와 네 명의 기사 OST Part.1/01 Main Title', 'mp3', T('신데렐라와 네 명의 기사 Main Title', ['Various Artists'], '신데렐라와 네 명의 기사 OST Part.1'), 'Cinderella and Four Knights', None, True, False, 'no-song-drama'),
    ('Music/Cinderella and 4 Knights OST/02', 'ogg', T('Track 02', album='Cinderella and 4 Knights OST'), 'Cinderella and Four Knights', None, False, False, 'no-song-drama'),
    ('Music/어서와 OST/Part.1', 'mp3', T('어서와 (Main Theme)', ['Various Artists'], '어서와 OST Part.1', year=2020, genre='Drama OST'), 'Meow, the Secret Boy', None, True, False, 'no-song-drama'),
    ('Music/봄밤 OST Part.2/01', 'flac', T('봄밤 (Main Title)', album='봄밤 OST Part.2', year=2019, genre='드라마'), 'One Spring Night', None, True, False, 'no-song-drama'),
    ('Music/졸업 OST Part.1/01', 'mp3v23', T('졸업 (Main Title)', album='졸업 OST Part.1', year=2024, genre='드라마'), 'The Midnight Romance in Hagwon', None, True, False, 'no-song-drama'),
    ('Music/The Midnight Romance in Hagwon OST/01', 'm4a', T('Opening', album='The Midnight Romance in Hagwon (Original Television Soundtrack)'), 'The Midnight Romance in Hagwon', None, False, False, 'no-song-drama'),
    ('Music/멜로가 체질 OST/Slow Step', 'ogg', T('Slow Step', album='멜로가 체질 OST'), 'Be Melodramatic', 'Slow Step', False, False, 'alias'),
    ('Music/멜로가 체질 OST/천우희, 전여빈, 한지은 - Dear My Friend (Inst.)', 'mp3', T('Dear My Friend (Inst.)', ['천우희, 전여빈, 한지은'], '멜로가 체질 OST Part.8'), 'Be Melodramatic', 'Dear My Friend', True, True, 'inst-tagged'),
    ('Music/슬기로운 의사생활 OST/미도와 파라솔 - Canon', 'flac', T('Canon', ['미도와 파라솔'], '슬기로운 의사생활 OST'), 'Hospital Playlist', 'Canon', False, False, 'alias'),
    ('Music/Hospital Playlist OST/Oh! What a Shiny Night', 'mp3', T('Oh! What a Shiny Night', ['Mido and Falasol'], 'Hospital Playlist OST Special'), 'Hospital Playlist', 'Oh! What a Shiny Night', False, False, 'special'),
    ('Music/Secret Garden OST/Baek Ji Young - That Man', 'mp3', T('That Man', ['Baek Ji Young'], 'Secret Garden OST'), 'Secret Garden', 'The Man', False, False, 'version'),
    ('Music/시크릿가든 OST/윤상현 - Liar', 'wma', T('Liar', ['윤상현'], '시크릿가든 OST'), 'Secret Garden', 'Liar', False, False, 'alias'),
    ('Music/Temptation of Wife OST/Cha Soo Kyung - Blue Wish', 'mp3', T('Blue Wish', ['Cha Soo Kyung'], 'Temptation of Wife OST'), 'Temptation of Wife', 'Blue Wish', False, False, 'alias'),
    ('Music/아내의 유혹 OST/차수경 - I Can Only See You', 'ogg', T('I Can Only See You', ['차수경'], '아내의 유혹 OST'), 'Temptation of Wife', 'I Can Only See You', False, False, 'alias'),
    ('Music/Are You Human Too OST/2BiC - Heart', 'mp3', T('Heart', ['2BiC'], 'Are You Human Too? OST Part.3'), 'Are You Human', 'Heart', False, False, 'alias'),
    ('Music/W Two Worlds OST/Basick, Inkii - In the Illusion', 'flac', T('In the Illusion', ['Basick', 'Inkii'], 'W: Two Worlds OST'), 'W', 'In the Illusion', False, True, 'alias'),
    ('Music/더블유 OST/베이식, 잉키 - In the Illusion (Inst.)', 'mp3', T('In the Illusion (Inst.)', ['베이식, 잉키'], '더블유 OST Part.1'), 'W', 'In the Illusion', True, True, 'inst-tagged'),
    ('Music/Jewel in the Palace OST/Onara', 'mp3', T('Onara', ['Lee Ahn'], 'Jewel in the Palace OST'), 'Dae Jang Geum', 'Onara', False, False, 'alias'),
    ('Music/대장금 OST/이안 - 오나라', 'mp3v23', T('오나라', ['이안'], '대장금 OST'), '대장금', 'Onara', False, False, 'melon-ko'),
    ('C-Pop/大長今 原聲帶/01 오나라', 'flac', T('Onara (오나라)', album='大長今 電視原聲帶'), 'Dae Jang Geum', 'Onara', False, False, 'zh-release'),
    # Chinese and Taiwanese dramas
    ('C-Drama/步步惊心 OST/严艺丹 - 三寸天堂', 'mp3', T('三寸天堂', ['严艺丹'], '步步惊心 电视剧原声带'), 'Bu Bu Jing Xin', 'Three Inches of Heaven', False, False, 'zh'),
    ('C-Drama/步步驚心/嚴藝丹 - 三寸天堂', 'flac', T('三寸天堂', ['嚴藝丹'], '步步驚心 原聲帶'), '步步驚心', 'Three Inches of Heaven', False, False, 'zh'),
    ('C-Drama/Bu Bu Jing Xin OST - San Cun Tian Tang - Yan Yi Dan', 'mp3', None, 'Bu Bu Jing Xin', 'Three Inches of Heaven', False, False, 'pinyin'),
    ('Music/Scarlet Heart OST/Yan Yidan - Three Inches of Heaven', 'm4a', T('Three Inches of Heaven', ['Yan Yidan'], 'Scarlet Heart OST'), 'Bu Bu Jing Xin', 'Three Inches of Heaven', False, False, 'alias'),
    ('C-Drama/步步惊心 OST/三寸天堂 (伴奏)', 'ogg', T('三寸天堂 (伴奏)', ['严艺丹'], '步步惊心 OST'), 'Bu Bu Jing Xin', 'Three Inches of Heaven', True, False, 'inst-zh'),
    ('C-Drama/惡魔在身邊 OST/楊丞琳 - 曖昧', 'mp3', T('曖昧', ['楊丞琳'], '惡魔在身邊 電視原聲帶'), 'Devil Beside You', 'Ai Mei', False, False, 'zh'),
    ('C-Drama/恶魔在身边/杨丞琳 - 暧昧', 'wma', T('暧昧', ['杨丞琳'], '恶魔在身边 OST'), 'Devil Beside You', 'Ai Mei', False, False, 'zh'),
    ('YouTube/Rainie Yang - Ai Mei (Devil Beside You OST) [Pinyin Lyrics]', 'opus', None, 'Devil Beside You', 'Ai Mei', False, False, 'pinyin'),
    ('C-Drama/惡魔在身邊 OST/黃義達 - 片頭曲', 'flac', T('片頭曲', ['黃義達'], '惡魔在身邊 電視原聲帶'), 'Devil Beside You', None, False, False, 'drama-performer'),
    ('C-Drama/流星花園 OST/庾澄慶 - 情非得已', 'mp3', T('情非得已', ['庾澄慶'], '流星花園 電視原聲帶', year=2001), 'Meteor Garden', 'Qing Fei De Yi', False, False, 'zh'),
    ('YouTube/Harlem Yu - Qing Fei De Yi (Meteor Garden OST)', 'm4a', None, 'Meteor Garden', 'Qing Fei De Yi', False, False, 'pinyin'),
    ('C-Drama/F4 - 流星雨/01 流星雨', 'flac', T('流星雨', ['F4'], '流星雨', year=2001), 'Meteor Garden', 'Meteor Rain', False, False, 'zh'),
    ('C-Drama/流星花园 2018 OST/流星雨', 'mp3', T('流星雨', ['王鹤棣', '官鸿', '吴希泽', '梁靖康'], '流星花园 电视剧原声带', year=2018), 'Meteor Garden 2018', None, False, True, 'remake'),
    ('Music/Meteor Garden 2018 OST/Dylan Wang - Track 5', 'ogg', T('Track 5', ['Dylan Wang'], 'Meteor Garden 2018 OST'), 'Meteor Garden 2018', None, False, False, 'remake'),
    ('C-Drama/愛就宅一起/汪東城 - 默默 (Solo)', 'mp3', T('默默 (Solo Version)', ['汪東城'], '愛就宅一起 電視原聲帶'), 'ToGetHer', 'Momo', False, False, 'zh'),
    ('C-Drama/爱就宅一起/飞轮海 - 默默', 'flac', T('默默', ['飞轮海'], '爱就宅一起 OST'), 'ToGetHer', 'Momo', False, False, 'zh'),
    ('Music/Together OST/Fahrenheit - Momo (Silently)', 'mp3', T('Momo (Silently)', ['Fahrenheit'], 'ToGetHer OST'), 'ToGetHer', 'Momo', False, False, 'alias'),
    ('C-Drama/回家的诱惑/Li Jialu - Never Forgive', 'mp3', T('Never Forgive (Mandarin Ver.)', ['Li Jialu'], '回家的诱惑 电视剧原声带'), 'Home Temptation', 'Never Forgive', False, False, 'zh'),
    ('C-Drama/刁蠻公主 OST/張娜拉, 蘇有朋 - 對唱', 'mp3', T('刁蠻公主 (對唱)', ['張娜拉', '蘇有朋'], '刁蠻公主 電視原聲帶'), 'My Bratty Princess', None, False, True, 'drama-performer'),
    # Japanese
    ('J-Pop/嵐/WISH', 'flac', T('WISH', ['嵐'], 'WISH', year=2005, comment='TBS系ドラマ「花より男子」主題歌'), 'Hana Yori Dango', 'Wish', False, False, 'ja'),
    ('J-Pop/大塚愛/プラネタリウム', 'mp3', T('プラネタリウム', ['大塚愛'], 'プラネタリウム', year=2005), 'Hana Yori Dango', 'Planetarium', False, False, 'ja'),
    ('J-Drama/Hanadan OST/Otsuka Ai - Planetarium', 'ogg', None, 'Hana Yori Dango', 'Planetarium', False, False, 'ja'),
    ('J-Drama/花より男子 OST/Arashi - Wish (Instrumental)', 'm4a', None, 'Hana Yori Dango', 'Wish', True, False, 'inst-untagged'),
    ('J-Drama/素直になれなくて OST/01 メインテーマ', 'flac', T('素直になれなくて メインテーマ', album='素直になれなくて オリジナル・サウンドトラック'), 'Sunao ni Narenakute', None, True, False, 'ja'),
    ('J-Drama/Sunao ni Narenakute OST/02', 'mp3', T('Track 2', album='Sunao ni Narenakute Original Soundtrack'), 'Sunao ni Narenakute', None, False, False, 'ja'),
    # Revised Romanization written other ways
    ("Music/T'aeyangŭi Huye OST/Davichi - This Love", 'mp3', T('This Love', ['Davichi'], "T'aeyangŭi Huye OST Part 3"), 'DOTS', 'This Love', False, False, 'romanised'),
    ('Music/Taeyang-ui Huye/K.Will - Talk Love', 'ogg', T('Talk Love', ['K. Will'], 'Taeyang-ui Huye OST'), 'DOTS', 'Talk Love', False, False, 'romanised'),
    ('Music/Dokkaebi OST/Soyou - I Miss You', 'mp3', T('I Miss You', ['SOYOU'], 'Dokkaebi OST Part.7'), 'Goblin', 'I Miss You', False, False, 'romanised'),
    ('Music/Sseulsseulhago Chanranhasin Dokkaebi/Sam Kim - Who Are You', 'flac', T('Who Are You', ['Sam Kim'], 'Sseulsseulhago Chanranhasin - Dokkaebi OST'), 'Goblin', 'Who Are You', False, False, 'romanised'),
    # a playlist folder of favourites: OST songs here, non-OST ones below
    ('My favourite OSTs/Ailee - 첫눈처럼 너에게 가겠다', 'mp3', None, 'Goblin', 'I Will Go to You Like the First Snow', False, False, 'playlist-folder'),
    ('My favourite OSTs/Crush - Beautiful', 'm4a', T('Beautiful', ['Crush']), 'Goblin', 'Beautiful', False, False, 'playlist-folder'),
    ('My favourite OSTs/Park Hyo Shin - Snow Flower', 'flac', T('Snow Flower', ['Park Hyo Shin']), "I'm Sorry, I Love You", 'Snow Flower', False, False, 'playlist-folder'),
    ('My favourite OSTs/Lee Juck - 걱정말아요 그대', 'ogg', T('걱정말아요 그대', ['이적']), 'Reply 1988', "Don't Worry", False, False, 'playlist-folder'),
    ('Music/Various Artists/Goblin OST/Hush', 'mp3', T('Hush', ['Various Artists'], 'Goblin OST', album_artist='Various Artists'), 'Goblin', 'Hush', False, False, 'va-artist'),
    ('Music/Crush - 미안해 미워해 사랑해', 'mp3', T('미안해 미워해 사랑해', ['Crush']), 'Queen of Tears', 'Love You with All My Heart', False, False, 'ko-title-only'),
    ('Music/Queen of Tears OST/Crush - Love You With All My Heart (Inst.)', 'wav', T('Love You With All My Heart (Inst.)', ['Crush'], 'Queen of Tears OST Part.1'), 'Queen of Tears', 'Love You with All My Heart', True, False, 'inst-tagged'),
    ('Music/High-end Crush OST/Inkii - Catch Me', 'mp3', T('Catch Me', ['INKII'], 'High-End Crush OST'), 'High-end Crush', 'Catch Me', False, False, 'alias'),
    ('Music/고품격 짝사랑 OST/잉키 - Catch Me', 'flac', T('Catch Me', ['잉키'], '고품격 짝사랑 OST'), 'High-end Crush', 'Catch Me', False, False, 'melon-ko'),
    # OSTs of dramas the catalog came to list (issue 11); until then they
    # stood among the negatives as dramas no catalog lists.
    ('Music/달의 연인 - 보보경심 려 OST/첸, 백현, 시우민 - For You', 'mp3', T('너를 위해 (For You)', ['첸, 백현, 시우민'], '달의 연인 - 보보경심 려 OST Part 1', album_artist='Various Artists', year=2016), 'Moon Lovers: Scarlet Heart Ryeo', 'For You', False, True, 'catalog-new'),
    ('Music/Moon Lovers Scarlet Heart Ryeo OST/Davichi - Forgetting You', 'm4a', T('Forgetting You', ['Davichi'], 'Moon Lovers: Scarlet Heart Ryeo OST Part 6'), 'Moon Lovers: Scarlet Heart Ryeo', None, False, False, 'catalog-new'),
    ('YouTube/[MV] LOCO, PUNCH - Say Yes (Scarlet Heart Ryeo OST Part.2)', 'opus', None, 'Moon Lovers: Scarlet Heart Ryeo', 'Say Yes', False, True, 'catalog-new'),
    ('Music/사랑의 불시착 OST/윤미래 - Flower', 'flac', T('Flower', ['윤미래'], '사랑의 불시착 OST Part 4', album_artist='Various Artists', year=2020), 'Crash Landing on You', 'Flower', False, False, 'catalog-new'),
    ('Music/호텔 델루나 OST/펀치 - Done For Me', 'mp3', T('Done For Me', ['펀치 (Punch)'], '호텔 델루나 OST Part.4', year=2019), 'Hotel del Luna', None, False, False, 'catalog-new'),
    ('Music/Hotel Del Luna OST/Monday Kiz & Punch - Another Day', 'm4a', T('Another Day', ['먼데이 키즈 (Monday Kiz), 펀치 (Punch)'], 'Hotel Del Luna OST Part.1', year=2019), 'Hotel del Luna', None, False, True, 'catalog-new'),
    ('YouTube/[Hotel Del Luna OST] Gummy - Remember Me (Lyrics)', 'mp3', None, 'Hotel del Luna', None, False, False, 'catalog-new'),
    ('YouTube/[MV] IU - Hold My Hand (Hotel Del Luna OST)', 'opus', None, 'Hotel del Luna', None, False, False, 'catalog-new'),
    ('Music/해를 품은 달 OST/린 - 시간을 거슬러', 'mp3', T('시간을 거슬러', ['린'], '해를 품은 달 OST', year=2012), 'The Moon Embracing the Sun', 'Back in Time', False, False, 'catalog-new'),
    ('Music/그 해 우리는 OST/V - Christmas Tree', 'm4a', T('Christmas Tree', ['V'], 'Our Beloved Summer OST Part 5', year=2021), 'Our Beloved Summer', 'Christmas Tree', False, False, 'catalog-new'),
    ('Music/스타트업 OST/가호 - Running', 'ogg', T('Running', ['가호 (Gaho)'], '스타트업 OST Part.4', year=2020), 'Start-Up', 'Running', False, False, 'catalog-new'),
]

# ---------------------------------------------------------------------------
# Negatives: (path, fmt, tags, inst, duet, kind); drama and song are None.
# ---------------------------------------------------------------------------
N = [
    # same-titled songs by other artists
    ('My favourite OSTs/Sam Smith - Stay With Me', 'mp3', T('Stay With Me', ['Sam Smith'], 'In the Lonely Hour', year=2014), False, False, 'same-title'),
    ('Music/City Pop/松原みき - 真夜中のドア〜stay with me', 'flac', T('真夜中のドア〜stay with me', ['松原みき'], 'POCKET PARK', year=1980), False, False, 'same-title'),
    ('Music/Faces/A Nod Is as Good as a Wink/Stay With Me', 'mp3v23', T('Stay With Me', ['Faces'], 'A Nod Is as Good as a Wink... to a Blind Horse', year=1971), False, False, 'same-title'),
    ('Music/Ben E. King - Stand By Me', 'mp3', T('Stand By Me', ['Ben E. King'], "Don't Play That Song!", year=1962), False, False, 'same-title'),
    ('Music/Oasis/Be Here Now/05 Stand By Me', 'flac', T('Stand By Me', ['Oasis'], 'Be Here Now', year=1997, track=5), False, False, 'same-title'),
    ('Music/Christina Aguilera/Stripped/Beautiful', 'm4a', T('Beautiful', ['Christina Aguilera'], 'Stripped', year=2002), False, False, 'same-title'),
    ('Music/Wanna One/1-1=0 (Nothing Without You)/Beautiful', 'mp3', T('Beautiful', ['Wanna One (워너원)'], '1-1=0 (NOTHING WITHOUT YOU)', year=2017), False, False, 'same-title'),
    ('My favourite OSTs/Bon Jovi - Always', 'ogg', T('Always', ['Bon Jovi'], 'Cross Road', year=1994), False, False, 'same-title'),
    ('Music/Britney Spears - Everytime', 'wma', T('Everytime', ['Britney Spears'], 'In the Zone', year=2003), False, False, 'same-title'),
    ('Music/Maroon 5/Songs About Jane/This Love', 'mp3', T('This Love', ['Maroon 5'], 'Songs About Jane', year=2002), False, False, 'same-title'),
    ('Music/신화/The Classic/This Love', 'flac', T('This Love', ['신화 (SHINHWA)'], 'THE CLASSIC', year=2013), False, False, 'same-title'),
    ('Music/The Who/Who Are You', 'mp3', T('Who Are You', ['The Who'], 'Who Are You', year=1978), False, False, 'same-title'),
    ('Music/Taylor Swift/Lover/The Man', 'm4a', T('The Man', ['Taylor Swift'], 'Lover', year=2019), False, False, 'same-title'),
    ('Music/Queen/Queen/Liar', 'flac', T('Liar', ['Queen'], 'Queen', year=1973), False, False, 'same-title'),
    ('Music/Lionel Richie - My Destiny', 'mp3', T('My Destiny', ['Lionel Richie'], 'Back to Front', year=1992), False, False, 'same-title'),
    ('Music/Spice Girls - Goodbye', 'mp3v23', T('Goodbye', ['Spice Girls'], 'Forever', year=1998), False, False, 'same-title'),
    ('Music/Corinne Bailey Rae - Like a Star', 'ogg', T('Like a Star', ['Corinne Bailey Rae'], 'Corinne Bailey Rae', year=2006), False, False, 'same-title'),
    ('Music/2NE1 - I Love You', 'mp3', T('I Love You', ['2NE1'], 'I Love You', year=2012), False, False, 'same-title'),
    ('Music/Coldplay/Mylo Xyloto/Paradise', 'm4a', T('Paradise', ['Coldplay'], 'Mylo Xyloto', year=2011), False, False, 'same-title'),
    ('Soundtracks/Footloose/Almost Paradise', 'mp3', T('Almost Paradise (Love Theme from Footloose)', ['Mike Reno', 'Ann Wilson'], 'Footloose (Original Motion Picture Soundtrack)', year=1984), False, True, 'same-title-film-ost'),
    ('Music/The Beatles/Let It Be/Let It Be', 'flac', T('Let It Be', ['The Beatles'], 'Let It Be', year=1970), False, False, 'same-title'),
    ('Music/Ali Gatie - It\'s You', 'mp3', T("It's You", ['Ali Gatie'], "It's You", year=2019), False, False, 'same-title'),
    ('Music/Daft Punk/Discovery/One More Time', 'opus', T('One More Time', ['Daft Punk'], 'Discovery', year=2001), False, False, 'same-title'),
    ('Music/miss A - Hush', 'mp3', T('Hush', ['miss A'], 'Hush', year=2013), False, False, 'same-title'),
    ('Music/Ratt - Round and Round', 'mp3', T('Round and Round', ['Ratt'], 'Out of the Cellar', year=1984), False, False, 'same-title'),
    ('Music/The Strokes/Is This It/Someday', 'flac', T('Someday', ['The Strokes'], 'Is This It', year=2001), False, False, 'same-title'),
    ('Music/Blondie - Dreaming', 'mp3', T('Dreaming', ['Blondie'], 'Eat to the Beat', year=1979), False, False, 'same-title'),
    ('Music/Pet Shop Boys - Heart', 'wma', T('Heart', ['Pet Shop Boys'], 'Actually', year=1987), False, False, 'same-title'),
    ('Music/Kendrick Lamar/DAMN/LOVE. FEAT. ZACARI.', 'm4a', T('LOVE. FEAT. ZACARI.', ['Kendrick Lamar'], 'DAMN.', year=2017), False, True, 'same-title'),
    ('Music/Sara Bareilles - Love Song', 'mp3', T('Love Song', ['Sara Bareilles'], 'Little Voice', year=2007), False, False, 'same-title'),
    ('Music/Demi Lovato - Catch Me', 'ogg', T('Catch Me', ['Demi Lovato'], 'Here We Go Again', year=2009), False, False, 'same-title'),
    ('Music/Troye Sivan - Youth', 'mp3', T('Youth', ['Troye Sivan'], 'Blue Neighbourhood', year=2015), False, False, 'same-title'),
    ('Music/XXXTENTACION - Moonlight', 'm4a', T('Moonlight', ['XXXTENTACION'], '?', year=2018), False, False, 'same-title'),
    ('Music/The Drifters - Save the Last Dance for Me', 'mp3v23', T('Save the Last Dance for Me', ['The Drifters'], 'Save the Last Dance for Me', year=1960), False, False, 'same-title'),
    ('Music/中島美嘉/LOVE/雪の華', 'flac', T('雪の華', ['中島美嘉'], 'LOVE', year=2003), False, False, 'original-of-remake'),
    ('Music/Chicago/Chicago 16/Hard to Say I\'m Sorry', 'mp3', T("Hard to Say I'm Sorry (素直になれなくて)", ['Chicago'], 'Chicago 16', year=1982), False, False, 'same-title-drama'),
    ('Music/Yesung - It Has To Be You', 'mp3', T('너 아니면 안돼 (It Has To Be You)', ['예성 (YESUNG)'], '신데렐라 언니 OST Part.1', album_artist='Various Artists', year=2010), False, False, 'other-drama-ost'),
    ('Music/Ben Folds/Rockin the Suburbs/Still Fighting It', 'mp3', T('Still Fighting It', ['Ben Folds'], 'Rockin\' the Suburbs', year=2001), False, False, 'original-of-remake'),
    ('Music/Wanted/Kim Bum Soo - 보고싶다', 'mp3', T('보고싶다 (I Miss You)', ['김범수'], '천국의 계단 OST', year=2003), False, False, 'other-drama-ost'),
    ('Music/Random/Never Forgive', 'mp3', T('Never Forgive'), False, False, 'ambiguous'),
    ('Music/Random/Maybe', 'ogg', None, False, False, 'ambiguous'),
    ('Music/Random/Rainbow', 'flac', T('Rainbow'), False, False, 'ambiguous'),
    ('Music/Random/Momo', 'mp3', T('Momo'), False, False, 'ambiguous'),
    ('Downloads/Stay With Me', 'mp3', None, False, False, 'ambiguous'),
    ('Downloads/track01', 'm4a', None, False, False, 'ambiguous'),
    # originals of the songs the OSTs remade
    ('가요/전인권 - 걱정말아요 그대', 'mp3', T('걱정말아요 그대', ['전인권'], '전인권 4집', year=2004), False, False, 'original-of-remake'),
    ('가요/이문세 - 소녀', 'mp3v23', T('소녀', ['이문세'], '이문세 3집', year=1985), False, False, 'original-of-remake'),
    ('가요/동물원 - 혜화동', 'flac', T('혜화동', ['동물원'], '동물원 2집', year=1988), False, False, 'original-of-remake'),
    ('가요/산울림 - 청춘', 'mp3', T('청춘', ['산울림'], '산울림 7집', year=1981), False, False, 'original-of-remake'),
    ('가요/주영훈, 이혜진 - 우리 사랑 이대로', 'ogg', T('우리 사랑 이대로', ['주영훈, 이혜진'], '우리 사랑 이대로', year=1997), False, True, 'original-of-remake'),
    ('가요/쿨 - All For You', 'mp3', T('All For You', ['쿨 (COOL)'], 'Cool 8', year=2003), False, False, 'original-of-remake'),
    ('가요/쿨 - 아로하', 'wma', T('아로하', ['쿨'], 'Cool 6', year=2001), False, False, 'original-of-remake'),
    ('가요/이승환 - 화려하지 않은 고백', 'mp3', T('화려하지 않은 고백', ['이승환'], '이승환 3집', year=1993), False, False, 'original-of-remake'),
    ('가요/자전거 탄 풍경 - 너에게 난, 나에게 넌', 'flac', T('너에게 난, 나에게 넌', ['자전거 탄 풍경'], '자전거 탄 풍경 1집', year=2001), False, False, 'original-of-remake'),
    ('가요/서지원 - 내 눈물 모아', 'mp3', T('내 눈물 모아', ['서지원'], '서지원 2집', year=1996), False, False, 'original-of-remake'),
    ('가요/부활 - Lonely Night', 'm4a', T('Lonely Night', ['부활'], '부활 7집', year=1997), False, False, 'original-of-remake'),
    ('가요/old/track07', 'mp3', T(track=7, latin1_raw={'TIT2': '소녀'.encode('cp949'), 'TPE1': '이문세'.encode('cp949'), 'TALB': '이문세 베스트'.encode('cp949')}), False, False, 'original-of-remake-cp949'),
    # catalog singers' other songs
    ('K-Pop/윤미래 - 검은 행복', 'mp3', T('검은 행복', ['윤미래'], 'Yoonmirae 4집', year=2007), False, False, 'singer-other-song'),
    ('K-Pop/CHEN - 사월이 지나면 우리 헤어져요 (Beautiful goodbye)', 'flac', T('사월이 지나면 우리 헤어져요 (Beautiful goodbye)', ['첸 (CHEN)'], '사월, 그리고 꽃', year=2019), False, False, 'singer-other-song'),
    ('K-Pop/EXO-CBX - Blooming Day', 'm4a', T('花요일 (Blooming Day)', ['EXO-CBX'], 'Blooming Days', year=2018), False, False, 'singer-other-song'),
    ('K-Pop/다비치 - 8282', 'mp3', T('8282', ['다비치'], 'Amaranth', year=2009), False, False, 'singer-other-song'),
    ('K-Pop/거미 - 기억상실', 'mp3v23', T('기억상실', ['거미'], 'Comma', year=2008), False, False, 'singer-other-song'),
    ('K-Pop/K.Will - 이러지마 제발', 'ogg', T('이러지마 제발 (Please Don\'t...)', ['케이윌'], 'The 3rd Album Part.1', year=2012), False, False, 'singer-other-song'),
    ('K-Pop/매드클라운 - 견딜만해 (Feat. 효린)', 'mp3', T('견딜만해 (Feat. 효린)', ['매드클라운'], 'Fierce', year=2014), False, True, 'singer-other-song'),
    ('K-Pop/소유, 정기고 - 썸', 'flac', T('썸 (Feat. 긱스 릴보이)', ['소유', '정기고'], '썸', year=2014), False, True, 'singer-other-song'),
    ('K-Pop/소유 x 매드클라운 - 착해 빠졌어', 'mp3', T('착해 빠졌어 (Stupid in Love)', ['소유 x 매드클라운'], '착해 빠졌어', year=2014), False, True, 'singer-other-song'),
    ('K-Pop/샘김 - Make Up (Feat. Crush)', 'm4a', T('Make Up (Feat. Crush)', ['Sam Kim'], 'I AM SAM', year=2016), False, True, 'singer-other-song'),
    ('K-Pop/헤이즈 - 비도 오고 그래서 (Feat. 신용재)', 'mp3', T('비도 오고 그래서 (Feat. 신용재)', ['헤이즈 (Heize)'], '/// (너 먹구름 비)', year=2017), False, True, 'singer-other-song'),
    ('K-Pop/Crush - Oasis (Feat. ZICO)', 'opus', T('Oasis (Feat. ZICO)', ['Crush'], 'Oasis', year=2015), False, True, 'singer-other-song'),
    ('K-Pop/Crush x j-hope - Rush Hour', 'mp3', T('Rush Hour', ['Crush x j-hope'], 'Rush Hour', year=2022), False, True, 'singer-other-song'),
    ('K-Pop/에일리 - 보여줄게', 'wma', T('보여줄게 (I Will Show You)', ['에일리'], 'Invitation', year=2012), False, False, 'singer-other-song'),
    ('My favourite OSTs/Ailee - I Will Show You', 'mp3', T('I Will Show You', ['Ailee'], 'Invitation'), False, False, 'playlist-folder'),
    ('K-Pop/찬열, 세훈 - We Young', 'flac', T('We Young', ['찬열', '세훈'], 'SM STATION', year=2017), False, True, 'singer-other-song'),
    ('K-Pop/아이유 - 좋은 날', 'mp3', T('좋은 날', ['아이유 (IU)'], 'Real', year=2010), False, False, 'singer-other-song'),
    ('K-Pop/박효신 - 야생화', 'mp3v23', T('야생화', ['박효신'], '야생화', year=2014), False, False, 'singer-other-song'),
    ('K-Pop/윤하 - 비밀번호 486', 'ogg', T('비밀번호 486', ['윤하 (Younha)'], '고백하기 좋은 날', year=2007), False, False, 'singer-other-song'),
    ('K-Pop/허각 - Hello', 'mp3', T('Hello', ['허각'], 'First Story', year=2011), False, False, 'singer-other-song'),
    ('K-Pop/Henry - Trap', 'm4a', T('Trap (Feat. 규현, 태민)', ['Henry'], 'Trap', year=2013), False, True, 'singer-other-song'),
    ('K-Pop/수지 - Yes No Maybe', 'mp3', T('Yes No Maybe', ['수지 (SUZY)'], 'Faces of Love', year=2017), False, False, 'singer-other-song'),
    ('K-Pop/규현 - 광화문에서', 'flac', T('광화문에서 (At Gwanghwamun)', ['규현 (KYUHYUN)'], '광화문에서', year=2014), False, False, 'singer-other-song'),
    ('K-Pop/조이 - 안녕 (Hello)', 'mp3', T('안녕 (Hello)', ['조이 (JOY)'], 'Hello - Special Album', year=2021), False, False, 'singer-other-song'),
    ('K-Pop/휘인 - water color', 'm4a', T('water color', ['휘인 (Whee In)'], 'WHEE', year=2021), False, False, 'singer-other-song'),
    ('K-Pop/어반자카파 - 널 사랑하지 않아', 'mp3', T('널 사랑하지 않아', ['어반자카파'], '스틸', year=2016), False, False, 'singer-other-song'),
    ('K-Pop/장범준 - 노래방에서', 'wav', T('노래방에서', ['장범준'], '노래방에서', year=2019), False, False, 'singer-other-song'),
    ('K-Pop/버스커 버스커 - 벚꽃 엔딩', 'mp3', T('벚꽃 엔딩', ['버스커 버스커'], '버스커 버스커 1집', year=2012), False, False, 'singer-other-song'),
    ('K-Pop/정은지 - 하늘바라기 (Feat. 하림)', 'flac', T('하늘바라기 (Feat. 하림)', ['정은지'], 'Dream', year=2016), False, True, 'singer-other-song'),
    ('K-Pop/조성모 - To Heaven', 'mp3v23', T('To Heaven', ['조성모'], '조성모 1집', year=1998), False, False, 'drama-performer-other'),
    ('K-Pop/핑클 - 내 남자친구에게', 'mp3', T('내 남자친구에게', ['핑클 (Fin.K.L)'], 'Blue Rain', year=1998), False, False, 'drama-performer-other'),
    ('K-Pop/젝스키스 - Couple', 'ogg', T('Couple', ['젝스키스'], 'Com\' Back', year=1998), False, False, 'drama-performer-other'),
    ('K-Pop/종현 - Lonely (Feat. 태연)', 'mp3', T('Lonely (Feat. 태연)', ['종현 (JONGHYUN)'], 'Story Op.2', year=2017), False, True, 'singer-other-song'),
    ('K-Pop/태민 - MOVE', 'm4a', T('MOVE', ['TAEMIN'], 'MOVE', year=2017), False, False, 'singer-other-song'),
    ('K-Pop/별 & 나윤권 - 안부', 'mp3', T('안부', ['별 & 나윤권'], 'Byul 4집', year=2005), False, True, 'singer-other-song'),
    ('K-Pop/이적 - 다행이다', 'flac', T('다행이다', ['이적'], 'Nocturnal Creatures', year=2007), False, False, 'singer-other-song'),
    ('K-Pop/혁오 - 위잉위잉', 'mp3', T('위잉위잉', ['혁오 (HYUKOH)'], '20', year=2014), False, False, 'singer-other-song'),
    ('K-Pop/SISTAR - Touch My Body', 'opus', T('Touch My Body', ['SISTAR'], 'Sweet & Sour', year=2014), False, False, 'singer-group'),
    ('K-Pop/Red Velvet - Psycho', 'mp3', T('Psycho', ['Red Velvet'], "'The ReVe Festival' Finale", year=2019), False, False, 'singer-group'),
    ('K-Pop/웬디 - Like Water', 'mp3v23', T('Like Water', ['웬디'], 'Like Water', year=2021), False, False, 'singer-other-song'),
    ('K-Pop/권진아 - 운이 좋았지', 'ogg', T('운이 좋았지', ['권진아'], '운이 좋았지', year=2018), False, False, 'singer-other-song'),
    ('K-Pop/김나영 - 솔직하게 말해서 나', 'mp3', T('솔직하게 말해서 나', ['김나영'], '솔직하게 말해서 나', year=2015), False, False, 'singer-other-song'),
    ('K-Pop/SHINee - 누난 너무 예뻐 (Replay)', 'flac', T('누난 너무 예뻐 (Replay)', ['SHINee'], 'Replay', year=2008), False, False, 'singer-other-song'),
    ('C-Pop/楊丞琳 - 雨愛', 'mp3', T('雨愛', ['楊丞琳'], '雨愛', year=2009, comment='偶像劇《海派甜心》片尾曲'), False, False, 'other-drama-ost'),
    ('C-Pop/陶喆 - 愛很簡單', 'flac', T('愛很簡單', ['陶喆'], '陶喆', year=1997), False, False, 'drama-performer-other'),
    ('C-Pop/庾澄慶 - 讓我一次愛個夠', 'mp3', T('讓我一次愛個夠', ['庾澄慶'], '讓我一次愛個夠', year=1990), False, False, 'singer-other-song'),
    ('J-Pop/大塚愛 - さくらんぼ', 'm4a', T('さくらんぼ', ['大塚愛'], 'LOVE PUNCH', year=2003), False, False, 'singer-other-song'),
    ('J-Pop/嵐 - A・RA・SHI', 'mp3', T('A・RA・SHI', ['嵐'], 'A・RA・SHI', year=1999), False, False, 'singer-other-song'),
    ('J-Pop/嵐 - Love so sweet', 'flac', T('Love so sweet', ['嵐'], 'Love so sweet', year=2007, comment='TBS系ドラマ「花より男子2(リターンズ)」主題歌'), False, False, 'sequel-not-in-catalog'),
    # OSTs of dramas not in the catalog, often sung by catalog singers
    ('Dramas/Reply 1994/01 - 너에게', 'mp3', T('너에게', ['성시경'], '응답하라 1994 OST Part.1', album_artist='Various Artists', year=2013), False, False, 'other-drama-ost'),
    ('Dramas/Reply 1994/02 - 서울 이곳은', 'flac', T('서울 이곳은', ['로이킴'], '응답하라 1994 OST Part.2', year=2013), False, False, 'other-drama-ost'),
    ('Reply Series/응답하라 1994/03', 'mp3', None, False, False, 'other-drama-ost'),
    ('K-Drama OSTs/2013 - Answer Me 1994/04. Sung Si Kyung - To You', 'ogg', None, False, False, 'other-drama-ost'),
    ('YouTube/[MV] Ailee - Hello to Myself (Dream High 2 OST)', 'm4a', None, False, False, 'other-drama-ost'),
    ('Music/Dream High 2 OST/Ailee - Hello to Myself', 'mp3', T('Hello to Myself', ['Ailee'], 'Dream High 2 OST Part.1'), False, False, 'other-drama-ost'),
    ('Music/학교 2013 OST/01', 'mp3', T('학교 2013 Main Title', album='학교 2013 OST', year=2012), True, False, 'other-drama-ost'),
    ('Music/School 2017 OST/Track 1', 'wma', T('Track 1', album='School 2017 OST Part.1', year=2017), False, False, 'other-drama-ost'),
    ('C-Drama/步步惊情 OST/片尾曲', 'mp3', T('步步惊情 片尾曲', album='步步惊情 电视剧原声带', year=2014), False, False, 'other-drama-ost'),
    ('Music/괜찮아 사랑이야 OST/첸 - Best Luck', 'mp3', T('Best Luck', ['첸 (CHEN)'], '괜찮아 사랑이야 OST Part 3', album_artist='Various Artists', year=2014), False, False, 'other-drama-ost'),
    ('Music/Another Miss Oh OST/Jung Seung Hwan - If It Is You', 'flac', T('If It Is You (너였다면)', ['Jung Seung Hwan'], 'Another Miss Oh OST Part 5', year=2016), False, False, 'other-drama-ost'),
    ('Music/IRIS OST/백지영 - 잊지 말아요', 'mp3v23', T('잊지 말아요', ['백지영'], 'IRIS OST', year=2009), False, False, 'other-drama-ost'),
    # OSTs of fictional dramas in their place, sung by the same singers
    # under song titles no catalog lists.
    ('Music/달빛 정원 - 붉은 맹세 OST/첸, 백현, 시우민 - Lantern', 'mp3', T('등불 (Lantern)', ['첸, 백현, 시우민'], '달빛 정원 - 붉은 맹세 OST Part 1', album_artist='Various Artists', year=2016), False, True, 'other-drama-ost'),
    ('Music/Moon Garden Scarlet Oath OST/Davichi - Letting You Go', 'm4a', T('Letting You Go', ['Davichi'], 'Moon Garden: Scarlet Oath OST Part 6'), False, False, 'other-drama-ost'),
    ('YouTube/[MV] LOCO, PUNCH - Say Hello (Scarlet Oath OST Part.2)', 'opus', None, False, True, 'other-drama-ost'),
    ('Music/파도 위의 편지 OST/윤미래 - Paper Boat', 'flac', T('Paper Boat', ['윤미래'], '파도 위의 편지 OST Part 4', album_artist='Various Artists', year=2020), False, False, 'other-drama-ost'),
    ('Music/호텔 문라이즈 OST/펀치 - Done Waiting', 'mp3', T('Done Waiting', ['펀치 (Punch)'], '호텔 문라이즈 OST Part.4', year=2019), False, False, 'other-drama-ost'),
    ('Music/Hotel Moonrise OST/Monday Kiz & Punch - Another Night', 'm4a', T('Another Night', ['먼데이 키즈 (Monday Kiz), 펀치 (Punch)'], 'Hotel Moonrise OST Part.1', year=2019), False, True, 'other-drama-ost'),
    ('YouTube/[Hotel Moonrise OST] Gummy - Recall Me (Lyrics)', 'mp3', None, False, False, 'other-drama-ost'),
    ('YouTube/[MV] IU - Hold Your Hand (Hotel Moonrise OST)', 'opus', None, False, False, 'other-drama-ost'),
    ('Music/별을 품은 바다 OST/린 - 시간을 건너', 'mp3', T('시간을 건너', ['린'], '별을 품은 바다 OST', year=2012), False, False, 'other-drama-ost'),
    ('Music/그 봄 우리는 OST/V - Snow Globe', 'm4a', T('Snow Globe', ['V'], 'Our Faded Spring OST Part 5', year=2021), False, False, 'other-drama-ost'),
    ('Music/스케일업 OST/가호 - Rushing', 'ogg', T('Rushing', ['가호 (Gaho)'], '스케일업 OST Part.4', year=2020), False, False, 'other-drama-ost'),
    ('Music/Full House Thai OST/01', 'mp3', T('Full House (Thai Version) Main Theme', album='Full House Thai OST', year=2014), True, False, 'other-drama-ost'),
    ('Music/유혹 OST Part.1/01', 'flac', T('유혹 (Main Title)', album='유혹 OST Part.1', year=2014, genre='드라마'), True, False, 'other-drama-ost'),
    ('Music/후아유 OST (tvN 2013)/01', 'mp3', T('Who Are You (Main Title)', album='후아유 OST Part.1', year=2013, comment='tvN 월화드라마 후아유 (2013)'), True, False, 'other-drama-ost'),
    ('J-Pop/BTS - Don\'t Leave Me', 'mp3', T("Don't Leave Me", ['BTS'], 'FACE YOURSELF', year=2018, comment='ドラマ「シグナル 長期未解決事件捜査班」主題歌'), False, False, 'remake-ost'),
    ('Music/Twenty-Five Twenty-One/자우림 - 스물다섯, 스물하나', 'mp3', T('스물다섯, 스물하나', ['자우림'], 'Goodbye, grief.', year=2013), False, False, 'drama-named-song'),
    ('Soundtracks/While You Were Sleeping (1995)/01 Main Title', 'flac', T('Main Title', ['Randy Edelman'], 'While You Were Sleeping (Original Motion Picture Soundtrack)', year=1995), True, False, 'film-same-name'),
    ('Soundtracks/Descendants/Rotten to the Core', 'm4a', T('Rotten to the Core', ['Dove Cameron, Cameron Boyce, Booboo Stewart, Sofia Carson'], 'Descendants (Original TV Movie Soundtrack)', year=2015), False, True, 'film-same-name'),
    ('Soundtracks/Full House/Everywhere You Look', 'mp3', T('Everywhere You Look (Theme from Full House)', ['Jesse Frederick'], 'Full House (Original TV Theme)', year=1987), False, False, 'same-name-us-tv'),
    ('Soundtracks/Castle in the Sky/君をのせて', 'flac', T('君をのせて', ['井上あずみ'], '天空の城ラピュタ サウンドトラック', year=1986), False, False, 'film-ost'),
    # albums and songs named like a catalog drama
    ('Music/TWICE/Signal/Signal', 'mp3', T('SIGNAL', ['TWICE'], 'SIGNAL', album_artist='TWICE', year=2017), False, False, 'drama-named-album'),
    ('Music/Rush/Signals/Subdivisions', 'flac', T('Subdivisions', ['Rush'], 'Signals', year=1982), False, False, 'drama-named-album'),
    ('Music/Goblin/Yonkers', 'mp3', T('Yonkers', ['Tyler, The Creator'], 'Goblin', year=2011), False, False, 'drama-named-album'),
    ('Music/Tyler, The Creator/Goblin/She', 'm4a', T('She (feat. Frank Ocean)', ['Tyler, The Creator'], 'Goblin', album_artist='Tyler, The Creator', year=2011), False, True, 'drama-named-album'),
    ('K-Drama OSTs/2016 - Goblin/Sulli - Goblin', 'flac', T('고블린 (Goblin)', ['설리 (SULLI)'], 'Goblin', year=2019), False, False, 'drama-named-song'),
    ('동요/도깨비 빤스', 'mp3', T('도깨비 빤스', ['어린이 합창단'], '인기 동요 베스트 100', genre='동요'), False, False, 'drama-named-song'),
    ('Music/Sia/Music/Together', 'mp3', T('Together', ['Sia'], 'Music - Songs From and Inspired by the Motion Picture', year=2021), False, False, 'drama-named-song'),
    ('Music/Lorde/Melodrama/Green Light', 'ogg', T('Green Light', ['Lorde'], 'Melodrama', year=2017), False, False, 'drama-named-album'),
    ('Music/Rag\'n\'Bone Man - Human', 'mp3', T('Human', ["Rag'n'Bone Man"], 'Human', year=2017), False, False, 'drama-named-song'),
    ('Music/KARA - Mister', 'wma', T('미스터 (Mister)', ['카라 (KARA)'], 'Revolution', year=2009), False, False, 'drama-named-song'),
    ('Music/오마이걸 - 비밀정원', 'mp3', T('비밀정원 (Secret Garden)', ['오마이걸 (OH MY GIRL)'], '비밀정원', year=2018), False, False, 'drama-named-song'),
    ('Music/Secret Garden/Songs from a Secret Garden/Nocturne', 'flac', T('Nocturne', ['Secret Garden'], 'Songs from a Secret Garden', year=1995), False, False, 'drama-named-artist'),
    ('Music/DJ Satomi - Castle in the Sky', 'mp3', T('Castle in the Sky', ['DJ Satomi'], 'Castle in the Sky', year=2004), False, False, 'drama-named-song'),
    ('J-Pop/W/恋のバカンス', 'mp3', T('恋のバカンス', ['W (ダブルユー)'], 'デュオ U&U', year=2004), False, False, 'drama-named-artist'),
    ('K-Pop/UV - 이태원 프리덤', 'mp3', T('이태원 프리덤 (Itaewon Freedom)', ['UV', '박진영'], 'Itaewon Freedom', year=2011), False, True, 'drama-named-song'),
    ('Music/Heaven 17 - Temptation', 'm4a', T('Temptation', ['Heaven 17'], 'The Luxury Gap', year=1983), False, False, 'drama-named-song'),
    ('Music/브로콜리 너마저/졸업/졸업', 'flac', T('졸업', ['브로콜리너마저'], '졸업', year=2010), False, False, 'drama-named-song'),
    ('Music/소찬휘 - Tears', 'mp3', T('Tears', ['소찬휘'], 'Tears', year=2000), False, False, 'drama-named-song'),
    ('Music/봄날의 악단 - 봄밤', 'ogg', T('봄밤', ['봄날의 악단'], '봄밤', year=2016, genre='Indie'), False, False, 'drama-named-song'),
    ('Music/어서와 한국은 처음이지/오프닝 테마', 'mp3', T('어서와 한국은 처음이지? 오프닝 테마', album='어서와 한국은 처음이지? OST', year=2017), False, False, 'drama-named-show'),
    ('Music/Meteor Shower - Piano Relax', 'mp3', T('Meteor Shower (Relaxing Piano)', ['Sleep Music Lab'], 'Starry Night Piano'), False, False, 'drama-named-song'),
    ('Music/My favourite OSTs/Full House - Jazz', 'flac', T('Full House', ['Wes Montgomery'], 'Full House', year=1962), False, False, 'drama-named-album'),
    ('Music/Now That\'s What I Call Music 52/Sam Smith - Stay With Me', 'mp3', T('Stay With Me', ['Sam Smith'], "Now That's What I Call Music! 52", album_artist='Various Artists', year=2014), False, False, 'va-compilation'),
    ('Music/Karaoke/Stand By Me (Karaoke Version)', 'mp3', T('Stand By Me (Karaoke Version)', ['Karaoke Hits Band'], 'Karaoke Classics Vol. 3'), True, False, 'karaoke-non-ost'),
    ('Music/Jazz/Stay With Me (Instrumental)', 'ogg', T('Stay With Me (Instrumental)', ['Smooth Jazz All Stars'], 'Smooth Jazz Tribute to Sam Smith'), True, False, 'inst-non-ost'),
]

for path, fmt, tags, drama, song, inst, duet, kind in P:
    add(path, fmt, tags, drama, song, inst, duet, kind)
for path, fmt, tags, inst, duet, kind in N:
    add(path, fmt, tags, None, None, inst, duet, 'neg-' + kind)

_seen = set()
for _c in CASES:
    assert _c.path.casefold() not in _seen, _c.path
    _seen.add(_c.path.casefold())
