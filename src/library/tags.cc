/*
 * Tags through TagLib's C++ API (TagLib 1.13's C binding cannot keep
 * multi-valued artists apart or read album artist and disc number), keyed
 * as its property map keys them, handed to C as struct osp_tags.  Files
 * are read through block-stream.cc.  No exception crosses into C.
 */
#include "block-stream.h"

extern "C" {
#include "ostplay/tags.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"
}

#include <initializer_list>

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <taglib/aifffile.h>
#include <taglib/apefile.h>
#include <taglib/asffile.h>
#include <taglib/apetag.h>
#include <taglib/attachedpictureframe.h>
#include <taglib/commentsframe.h>
#include <taglib/flacfile.h>
#include <taglib/fileref.h>
#include <taglib/id3v1genres.h>
#include <taglib/id3v1tag.h>
#include <taglib/id3v2tag.h>
#include <taglib/infotag.h>
#include <taglib/mp4file.h>
#include <taglib/mpegfile.h>
#include <taglib/opusfile.h>
#include <taglib/vorbisfile.h>
#include <taglib/tdebuglistener.h>
#include <taglib/textidentificationframe.h>
#include <taglib/tfile.h>
#include <taglib/tpropertymap.h>
#include <taglib/wavfile.h>
#include <taglib/wavpackfile.h>

namespace {

/* True for code points a CP949 decoding of real Korean text produces:
 * Hangul, CJK, their punctuation and full-width forms. */
bool is_cjk(uint32_t cp)
{
	return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
	       (cp >= 0x3000 && cp <= 0x30FF) || (cp >= 0x3130 && cp <= 0x318F) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
	       (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2460 && cp <= 0x24FF) ||
	       cp == 0xB7 || cp == 0xD7;
}

/* Decodes CP949 (a superset of EUC-KR) into UTF-8 when the bytes are valid
 * CP949 that reads as Korean: at least one Hangul syllable and nothing but
 * CJK besides ASCII.  Genuine Latin-1 such as "Beyoncé" fails that test. */
bool decode_cp949(const char *in, size_t len, std::string &out)
{
	iconv_t cd = iconv_open("UTF-8", "CP949");
	if (cd == (iconv_t)-1)
		return false;
	std::string buf(len * 3 + 4, '\0');
	char *src = const_cast<char *>(in), *dst = &buf[0];
	size_t n_in = len, n_out = buf.size();
	size_t r = iconv(cd, &src, &n_in, &dst, &n_out);
	iconv_close(cd);
	if (r == (size_t)-1 || n_in != 0)
		return false;
	buf.resize(buf.size() - n_out);

	bool has_hangul = false;
	TagLib::String s(buf, TagLib::String::UTF8);
	for (TagLib::String::ConstIterator it = s.begin(); it != s.end(); ++it) {
		uint32_t cp = static_cast<uint32_t>(*it);
		if (cp < 0x80)
			continue;
		if (!is_cjk(cp))
			return false;
		has_hangul |= cp >= 0xAC00 && cp <= 0xD7A3;
	}
	if (!has_hangul)
		return false;
	out.swap(buf);
	return true;
}

bool is_ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* CP949 Korean is sometimes well-formed UTF-8 too: 환청 is C8 AF C3 BB,
 * "ȯû" in UTF-8.  Such readings are runs of two-byte characters standing
 * alone, while accented Latin sits inside words ("Beyoncé"). */
bool utf8_reading_is_doubtful(const char *p, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned char c = static_cast<unsigned char>(p[i]);
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xE0)
			return false;	/* three bytes or more: real UTF-8 */
		if ((i > 0 && is_ascii_letter(p[i - 1])) ||
		    (i + 2 < len && is_ascii_letter(p[i + 2])))
			return false;
		i += 2;
	}
	return true;
}

/* What a tag writer that called its bytes "Latin-1" most likely meant:
 * UTF-8 if they are well-formed UTF-8 (real Latin-1 almost never is) and
 * not better read as Korean, then CP949, then Latin-1 as labelled. */
TagLib::String decode_legacy(const TagLib::ByteVector &data, bool strip)
{
	size_t len = data.size();
	const char *p = data.data();
	const void *nul = len ? memchr(p, '\0', len) : NULL;
	if (nul)
		len = static_cast<const char *>(nul) - p;

	bool ascii = true;
	for (size_t i = 0; i < len && ascii; i++)
		ascii = static_cast<unsigned char>(p[i]) < 0x80;

	TagLib::String s;
	std::string utf8;
	bool utf8_ok = !ascii && osp_text_is_utf8(p, len);
	if (utf8_ok && !(utf8_reading_is_doubtful(p, len) &&
			 decode_cp949(p, len, utf8)))
		s = TagLib::String(std::string(p, len), TagLib::String::UTF8);
	else if (!ascii && (!utf8.empty() || decode_cp949(p, len, utf8)))
		s = TagLib::String(utf8, TagLib::String::UTF8);
	else
		s = TagLib::String(TagLib::ByteVector(p, static_cast<unsigned>(len)),
				   TagLib::String::Latin1);
	return strip ? s.stripWhiteSpace() : s;
}

class ID3v2Latin1 : public TagLib::ID3v2::Latin1StringHandler {
public:
	TagLib::String parse(const TagLib::ByteVector &data) const override
	{
		return decode_legacy(data, false);
	}
};

/* ID3v1 fields are fixed-width and padded, hence the strip. */
class ID3v1Legacy : public TagLib::ID3v1::StringHandler {
public:
	TagLib::String parse(const TagLib::ByteVector &data) const override
	{
		return decode_legacy(data, true);
	}
};

class InfoLegacy : public TagLib::RIFF::Info::StringHandler {
public:
	TagLib::String parse(const TagLib::ByteVector &data) const override
	{
		return decode_legacy(data, false);
	}
};

/* TagLib reports malformed frames on stderr in some builds; a scanner
 * reports problems through its own summary instead. */
class SilentListener : public TagLib::DebugListener {
public:
	void printMessage(const TagLib::String &) override {}
};

/* Appends `cp` to `out` as UTF-8. */
void append_utf8(std::string &out, uint32_t cp)
{
	if (cp < 0x80) {
		out += static_cast<char>(cp);
		return;
	}
	char b[4];
	int n;
	if (cp < 0x800) {
		b[0] = static_cast<char>(0xC0 | cp >> 6);
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = static_cast<char>(0xE0 | cp >> 12);
		n = 3;
	} else {
		b[0] = static_cast<char>(0xF0 | cp >> 18);
		n = 4;
	}
	for (int i = 1; i < n; i++)
		b[i] = static_cast<char>(0x80 | ((cp >> 6 * (n - 1 - i)) & 0x3F));
	out.append(b, n);
}

/* What s.to8Bit(true) gives, at a tenth of the cost (its copy through a
 * checked iterator and a ByteVector took 1,800 instructions a value):
 * TagLib's strings hold UTF-16 code units, and one that is not valid
 * UTF-16 (a lone surrogate) gives "", as it does there. */
std::string utf8_of(const TagLib::String &s)
{
	std::string out;
	out.reserve(s.size() * 3);
	for (TagLib::String::ConstIterator it = s.begin(); it != s.end(); ++it) {
		uint32_t cp = static_cast<uint32_t>(*it) & 0xFFFF;
		if (cp >= 0xD800 && cp <= 0xDBFF) {	/* a lead surrogate */
			uint32_t trail = ++it == s.end()
				? 0 : static_cast<uint32_t>(*it) & 0xFFFF;
			if (trail < 0xDC00 || trail > 0xDFFF)
				return std::string();
			cp = 0x10000 + ((cp - 0xD800) << 10) + (trail - 0xDC00);
		} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
			return std::string();	/* a lone trail surrogate */
		}
		append_utf8(out, cp);
	}
	return out;
}

/* Valid UTF-8, no controls, trimmed, at most OSP_TAGS_MAX_VALUE bytes cut
 * at a character boundary; NULL for an empty value. */
char *copy_value(const TagLib::String &s)
{
	std::string u = utf8_of(s);
	size_t len = u.size();
	if (len > OSP_TAGS_MAX_VALUE) {
		len = OSP_TAGS_MAX_VALUE;
		while (len > 0 && (static_cast<unsigned char>(u[len]) & 0xC0) == 0x80)
			len--;
	}
	char *v = osp_text_clean(u.data(), len);
	if (!*v) {
		free(v);
		return NULL;
	}
	return v;
}

/* Sets `*field` to the first non-empty value, unless already set. */
void take_first(char **field, const TagLib::StringList &values)
{
	for (const TagLib::String &s : values) {
		if (*field)
			return;
		*field = copy_value(s);
	}
}

/* "3/12" -> 3, "2016-02-24" -> 2016; 0 when there is no leading number. */
int leading_number(const TagLib::StringList &values, int max)
{
	if (values.isEmpty())
		return 0;
	const TagLib::String &s = values.front();
	TagLib::String::ConstIterator p = s.begin();
	while (p != s.end() && *p == L' ')
		++p;
	long n = 0;
	for (; p != s.end() && *p >= L'0' && *p <= L'9' && n <= max; ++p)
		n = n * 10 + (*p - L'0');
	return n > 0 && n <= max ? static_cast<int>(n) : 0;
}

/* A number at the start of the first value: "-6.54 dB" -> -6.54.  False
 * for none, or one outside [lo, hi]. */
bool leading_double(const TagLib::StringList &values, double lo, double hi,
		    double *out)
{
	if (values.isEmpty())
		return false;
	std::string s = utf8_of(values.front());
	/* strtod reads "1,5" as 1 in the C locale; a comma is a decimal
	 * point in some writers' tags. */
	for (char &c : s)
		if (c == ',')
			c = '.';
	const char *p = s.c_str();
	char *end;
	double v = strtod(p, &end);
	if (end == p || !(v >= lo && v <= hi))
		return false;
	*out = v;
	return true;
}

/* ReplayGain's keys, as the property map names them for ID3v2 TXXX,
 * Vorbis comments, MP4 freeform atoms and APE items alike; and Opus's
 * R128 gains, relative to -23 LUFS where ReplayGain aims at -18. */
void take_gain(struct osp_gain_tags *g, const TagLib::String &key,
	       const TagLib::StringList &v)
{
	double r128;
	if (key == "REPLAYGAIN_TRACK_GAIN")
		g->has_track = leading_double(v, -60, 60, &g->track_gain);
	else if (key == "REPLAYGAIN_ALBUM_GAIN")
		g->has_album = leading_double(v, -60, 60, &g->album_gain);
	else if (key == "REPLAYGAIN_TRACK_PEAK")
		leading_double(v, 0, 100, &g->track_peak);
	else if (key == "REPLAYGAIN_ALBUM_PEAK")
		leading_double(v, 0, 100, &g->album_peak);
	else if (key == "R128_TRACK_GAIN" &&
		 leading_double(v, -32768, 32767, &r128) && !g->has_track) {
		g->has_track = true;
		g->track_gain = r128 / 256 + 5;
	} else if (key == "R128_ALBUM_GAIN" &&
		   leading_double(v, -32768, 32767, &r128) && !g->has_album) {
		g->has_album = true;
		g->album_gain = r128 / 256 + 5;
	}
}

/* "2016-02-24" and "2016" -> 2016; "20160825", as video downloaders
 * write dates, too: its first four digits. */
int year_of(const TagLib::StringList &values)
{
	if (values.isEmpty())
		return 0;
	std::string s = utf8_of(values.front());
	size_t i = s.find_first_not_of(' ');
	if (i == std::string::npos)
		return 0;
	size_t n = 0;
	while (i + n < s.size() && s[i + n] >= '0' && s[i + n] <= '9')
		n++;
	if (n != 4 && n != 8)
		return 0;
	return std::stoi(s.substr(i, 4));
}

void add_artists(struct osp_tags *t, const TagLib::StringList &values)
{
	for (const TagLib::String &s : values) {
		if (t->n_artists == OSP_TAGS_MAX_ARTISTS)
			return;	/* the rest would be dropped */
		char *v = copy_value(s);
		if (v) {
			osp_tags_add_artist(t, v);
			free(v);
		}
	}
}

/* One pass over the map, keyed as TagLib's PropertyMap: looking each key
 * up costs more, as TagLib upper-cases the key for every find(). */
void take_properties(struct osp_tags *t, const TagLib::SimplePropertyMap &props)
{
	const TagLib::StringList *artist = NULL, *artists = NULL;
	int original_year = 0;
	for (TagLib::SimplePropertyMap::ConstIterator it = props.begin();
	     it != props.end(); ++it) {
		const TagLib::String &key = it->first;
		const TagLib::StringList &v = it->second;
		if (key == "TITLE")
			take_first(&t->title, v);
		else if (key == "ARTIST")
			artist = &v;
		else if (key == "ARTISTS")
			artists = &v;
		else if (key == "ALBUM")
			take_first(&t->album, v);
		else if (key == "ALBUMARTIST")
			take_first(&t->album_artist, v);
		else if (key == "GENRE")
			take_first(&t->genre, v);
		else if (key == "COMMENT")
			take_first(&t->comment, v);
		else if (key == "TRACKNUMBER")
			t->track = leading_number(v, 9999);
		else if (key == "DISCNUMBER")
			t->disc = leading_number(v, 999);
		else if (key.startsWith("REPLAYGAIN_") || key.startsWith("R128_"))
			take_gain(&t->gain, key, v);
		else if (key == "COMPOSER")
			take_first(&t->composer, v);
		else if (key == "PERFORMER")
			take_first(&t->performer, v);
		else if (key == "DATE") {
			take_first(&t->date, v);
			t->year = year_of(v);
		} else if (key == "ORIGINALDATE")
			original_year = year_of(v);
	}
	if (artist)
		add_artists(t, *artist);
	/* MusicBrainz keeps the list apart in ARTISTS when ARTIST is one
	 * joined credit. */
	if (artists && t->n_artists <= 1)
		add_artists(t, *artists);
	if (!t->year)
		t->year = original_year;
}

/* The ID3v2 text frames that give a key take_properties reads, keyed as
 * TagLib 1.13's Frame::frameIDToKey keys them (the ID3v2.3 date frames
 * as DATE, as it does); NULL for the others. */
const char *id3v2_text_key(const TagLib::ByteVector &id)
{
	static const char *const keys[][2] = {
		{"TIT2", "TITLE"}, {"TPE1", "ARTIST"}, {"TALB", "ALBUM"},
		{"TPE2", "ALBUMARTIST"}, {"TCON", "GENRE"},
		{"TRCK", "TRACKNUMBER"}, {"TPOS", "DISCNUMBER"},
		{"TCOM", "COMPOSER"}, {"TDRC", "DATE"}, {"TDOR", "ORIGINALDATE"},
		{"TRDA", "DATE"}, {"TDAT", "DATE"}, {"TYER", "DATE"},
		{"TIME", "DATE"},
	};
	if (id.size() != 4)
		return NULL;
	for (const auto &k : keys)
		if (memcmp(id.data(), k[0], 4) == 0)
			return k[1];
	return NULL;
}

/* What ID3v2::Tag::properties() gives for the keys take_properties
 * reads.  That asks every frame for a map of its own, which took a third
 * of an MP3's reading; here the text frames are read directly, with
 * TextIdentificationFrame::asProperties()'s two rewrites, TXXX and COMM
 * frames through their own asProperties(), and other frames, which give
 * none of those keys, not at all. */
TagLib::PropertyMap id3v2_properties(const TagLib::ID3v2::Tag *tag)
{
	TagLib::PropertyMap props;
	for (const TagLib::ID3v2::Frame *frame : tag->frameList()) {
		const TagLib::ByteVector &id = frame->frameID();
		if (auto *txxx = dynamic_cast<
			    const TagLib::ID3v2::UserTextIdentificationFrame *>(frame)) {
			props.merge(txxx->asProperties());
			continue;
		}
		if (auto *comm = dynamic_cast<
			    const TagLib::ID3v2::CommentsFrame *>(frame)) {
			props.merge(comm->asProperties());
			continue;
		}
		const char *key = id3v2_text_key(id);
		auto *text = key ? dynamic_cast<
			const TagLib::ID3v2::TextIdentificationFrame *>(frame) : NULL;
		if (!text)
			continue;	/* an UnknownFrame gives no property */
		TagLib::StringList values = text->fieldList();
		for (TagLib::String &v : values) {
			bool is_number = false;
			if (!strcmp(key, "GENRE")) {
				int n = v.toInt(&is_number);
				if (is_number)	/* an ID3v1 genre number */
					v = TagLib::ID3v1::genre(n);
			} else if (!strcmp(key, "DATE")) {
				int at = v.find("T");	/* ISO 8601's date-time mark */
				if (at != -1)
					v[at] = L' ';
			}
		}
		props.insert(key, values);
	}
	return props;
}

/* The tags File::properties() would give: those of the first of a file's
 * tags that is not empty, as TagUnion picks it.  ID3v2 tags and Xiph
 * comments, the commonest, are read without building TagLib's map of
 * every frame; the rest through it. */
TagLib::Tag *first_not_empty(std::initializer_list<TagLib::Tag *> tags)
{
	for (TagLib::Tag *tag : tags)
		if (tag && !tag->isEmpty())
			return tag;
	return NULL;
}

void take_file_properties(struct osp_tags *t, TagLib::File *file)
{
	TagLib::Tag *first = NULL;
	if (auto *mpeg = dynamic_cast<TagLib::MPEG::File *>(file))
		first = first_not_empty({mpeg->ID3v2Tag(), mpeg->APETag(),
					 mpeg->ID3v1Tag()});
	else if (auto *flac = dynamic_cast<TagLib::FLAC::File *>(file))
		first = first_not_empty({flac->xiphComment(), flac->ID3v2Tag(),
					 flac->ID3v1Tag()});
	else if (dynamic_cast<TagLib::Ogg::File *>(file)) {
		first = file->tag();	/* Vorbis, Opus, Speex, Ogg FLAC: Xiph */
	}
	if (auto *id3v2 = dynamic_cast<TagLib::ID3v2::Tag *>(first))
		take_properties(t, id3v2_properties(id3v2));
	else if (auto *xiph = dynamic_cast<TagLib::Ogg::XiphComment *>(first))
		take_properties(t, xiph->fieldListMap());
	else
		take_properties(t, file->properties());
}

/* ASF (WMA) keeps the first artist in its content description and any
 * further ones as "Author" attributes, which TagLib 1.13's property map
 * leaves out. */
void add_asf_authors(struct osp_tags *t, TagLib::File *file)
{
	TagLib::ASF::File *asf = dynamic_cast<TagLib::ASF::File *>(file);
	if (!asf || !asf->tag())
		return;
	const TagLib::ASF::AttributeListMap &attrs = asf->tag()->attributeListMap();
	TagLib::ASF::AttributeListMap::ConstIterator it = attrs.find("Author");
	if (it == attrs.end())
		return;
	for (const TagLib::ASF::Attribute &a : it->second) {
		if (t->n_artists == OSP_TAGS_MAX_ARTISTS)
			return;
		char *v = copy_value(a.toString());
		if (v) {
			osp_tags_add_artist(t, v);
			free(v);
		}
	}
}

/* MP4 keeps ReplayGain in freeform atoms ("----:com.apple.iTunes:
 * replaygain_track_gain", any case), which TagLib 1.13's property map
 * leaves out. */
void add_mp4_gain(struct osp_tags *t, TagLib::File *file)
{
	TagLib::MP4::File *mp4 = dynamic_cast<TagLib::MP4::File *>(file);
	if (!mp4 || !mp4->tag())
		return;
	static const TagLib::String prefix = "----:COM.APPLE.ITUNES:";
	const TagLib::MP4::ItemMap &items = mp4->tag()->itemMap();
	for (TagLib::MP4::ItemMap::ConstIterator it = items.begin();
	     it != items.end(); ++it) {
		TagLib::String key = it->first.upper();
		if (key.startsWith(prefix))
			take_gain(&t->gain, key.substr(prefix.size()),
				  it->second.toStringList());
	}
}

/* The lossless formats' sample size; 0 for the others (and a WAV of
 * floats), whose decoders give floats. */
int bits_per_sample(TagLib::File *file)
{
	if (auto *flac = dynamic_cast<TagLib::FLAC::File *>(file))
		return flac->audioProperties()->bitsPerSample();
	if (auto *wav = dynamic_cast<TagLib::RIFF::WAV::File *>(file))
		return wav->audioProperties()->format() == 1
			       ? wav->audioProperties()->bitsPerSample() : 0;
	if (auto *aiff = dynamic_cast<TagLib::RIFF::AIFF::File *>(file))
		return aiff->audioProperties()->bitsPerSample();
	if (auto *wv = dynamic_cast<TagLib::WavPack::File *>(file))
		return wv->audioProperties()->bitsPerSample();
	if (auto *ape = dynamic_cast<TagLib::APE::File *>(file))
		return ape->audioProperties()->bitsPerSample();
	return 0;
}

/* Opens `path` for TagLib without blocking: a FIFO, or a file replaced by
 * one since a scan's walk saw it, would block TagLib's open until a writer
 * came, and a device would never end.  Returns the descriptor and sets
 * `*size`, or returns -1. */
int open_regular(const char *path, long *size, struct osp_error *err)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		osp_fail_sys(err, e, "cannot read %s", path);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		osp_fail(err, OSP_ERR_INVALID, "%s is not a regular file", path);
		return -1;
	}
	*size = static_cast<long>(st.st_size);
	return fd;	/* O_NONBLOCK means nothing to a regular file's reads */
}

bool read_file(const char *path, struct osp_tags *t, struct osp_error *err)
{
	long size;
	int fd = open_regular(path, &size, err);
	if (fd < 0)
		return false;
	osp::BlockStream stream(fd, path, size);	/* owns fd */
	/* Declared after the stream, so destroyed before it. */
	TagLib::FileRef f(&stream, true, TagLib::AudioProperties::Average);
	TagLib::AudioProperties *ap = f.isNull() ? NULL : f.audioProperties();
	if (!ap || !f.file()->isValid() || ap->sampleRate() <= 0)
		return osp_fail(err, OSP_ERR_INVALID, "%s is not audio TagLib can read",
				path);

	take_file_properties(t, f.file());
	add_asf_authors(t, f.file());
	add_mp4_gain(t, f.file());

	t->duration_ms = ap->lengthInMilliseconds();
	t->bitrate = ap->bitrate();
	t->sample_rate = ap->sampleRate();
	t->channels = ap->channels();
	t->bits = bits_per_sample(f.file());
	return true;
}

/* The best of a file's pictures so far: a front cover beats any other
 * picture, and the first of a kind the later ones. */
struct PictureChoice {
	TagLib::ByteVector data;
	TagLib::String mime;
	bool front = false;

	void offer(const TagLib::ByteVector &d, const TagLib::String &m,
		   bool is_front)
	{
		if (d.isEmpty() || (!data.isEmpty() && (front || !is_front)))
			return;
		data = d;
		mime = m;
		front = is_front;
	}
};

void offer_flac_pictures(PictureChoice &c,
			 const TagLib::List<TagLib::FLAC::Picture *> &list)
{
	for (TagLib::FLAC::Picture *pic : list)
		c.offer(pic->data(), pic->mimeType(),
			pic->type() == TagLib::FLAC::Picture::FrontCover);
}

/* TagLib 1.13 has no format-neutral picture API (2.0's complex
 * properties): each container keeps its pictures its own way. */
void choose_picture(PictureChoice &c, TagLib::File *file)
{
	if (auto *mpeg = dynamic_cast<TagLib::MPEG::File *>(file)) {
		TagLib::ID3v2::Tag *id3 = mpeg->ID3v2Tag(false);
		if (!id3)
			return;
		for (TagLib::ID3v2::Frame *f : id3->frameListMap()["APIC"]) {
			auto *apic = dynamic_cast<
				TagLib::ID3v2::AttachedPictureFrame *>(f);
			if (apic)
				c.offer(apic->picture(), apic->mimeType(),
					apic->type() == TagLib::ID3v2::
						AttachedPictureFrame::FrontCover);
		}
	} else if (auto *flac = dynamic_cast<TagLib::FLAC::File *>(file)) {
		offer_flac_pictures(c, flac->pictureList());
	} else if (auto *vorbis = dynamic_cast<TagLib::Ogg::Vorbis::File *>(file)) {
		if (vorbis->tag())
			offer_flac_pictures(c, vorbis->tag()->pictureList());
	} else if (auto *opus = dynamic_cast<TagLib::Ogg::Opus::File *>(file)) {
		if (opus->tag())
			offer_flac_pictures(c, opus->tag()->pictureList());
	} else if (auto *mp4 = dynamic_cast<TagLib::MP4::File *>(file)) {
		if (!mp4->tag() || !mp4->tag()->contains("covr"))
			return;
		for (const TagLib::MP4::CoverArt &art :
		     mp4->tag()->item("covr").toCoverArtList())
			c.offer(art.data(),
				art.format() == TagLib::MP4::CoverArt::PNG
					? "image/png" : "image/jpeg", true);
	} else if (auto *asf = dynamic_cast<TagLib::ASF::File *>(file)) {
		if (!asf->tag())
			return;
		for (const TagLib::ASF::Attribute &a :
		     asf->tag()->attribute("WM/Picture")) {
			TagLib::ASF::Picture pic = a.toPicture();
			c.offer(pic.picture(), pic.mimeType(),
				pic.type() == TagLib::ASF::Picture::FrontCover);
		}
	}
}

bool read_picture(const char *path, struct osp_picture *pic,
		  struct osp_error *err)
{
	long size;
	int fd = open_regular(path, &size, err);
	if (fd < 0)
		return false;
	osp::BlockStream stream(fd, path, size);	/* owns fd */
	TagLib::FileRef f(&stream, false);
	if (f.isNull() || !f.file()->isValid())
		return osp_fail(err, OSP_ERR_INVALID, "%s is not audio TagLib can read",
				path);
	PictureChoice c;
	choose_picture(c, f.file());
	if (c.data.isEmpty() || c.data.size() > OSP_TAGS_MAX_PICTURE)
		return true;
	pic->size = c.data.size();
	pic->data = static_cast<unsigned char *>(xmalloc(pic->size));
	memcpy(pic->data, c.data.data(), pic->size);
	std::string mime = utf8_of(c.mime);
	snprintf(pic->mime, sizeof(pic->mime), "%s", mime.c_str());
	return true;
}

} /* namespace */

extern "C" bool osp_tags_read_picture(const char *path,
				      struct osp_picture *pic,
				      struct osp_error *err)
{
	*pic = osp_picture{};
	try {
		if (read_picture(path, pic, err))
			return true;
	} catch (const std::exception &e) {
		osp_fail(err, OSP_ERR_INVALID, "%s: %s", path, e.what());
	}
	osp_picture_clear(pic);
	return false;
}

extern "C" void osp_tags_init(void)
{
	static ID3v2Latin1 id3v2;
	static ID3v1Legacy id3v1;
	static InfoLegacy info;
	static SilentListener silent;
	TagLib::ID3v2::Tag::setLatin1StringHandler(&id3v2);
	TagLib::ID3v1::Tag::setStringHandler(&id3v1);
	TagLib::RIFF::Info::Tag::setStringHandler(&info);
	TagLib::setDebugListener(&silent);
}

extern "C" bool osp_tags_read(const char *path, struct osp_tags *t,
			      struct osp_error *err)
{
	*t = osp_tags{};
	try {
		if (read_file(path, t, err))
			return true;
	} catch (const std::exception &e) {
		osp_fail(err, OSP_ERR_INVALID, "%s: %s", path, e.what());
	}
	osp_tags_clear(t);
	return false;
}
