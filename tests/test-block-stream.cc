/*
 * Unit test of BlockStream, the stream TagLib reads files through: random
 * seeks and reads of files of several sizes, each answer compared with
 * the file's bytes.
 */
#include "block-stream.h"

extern "C" {
#include "tap.h"
}

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace {

uint64_t rng_state = 88172645463325252ULL;

uint64_t next_random(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

long random_below(long n)
{
	return n > 0 ? static_cast<long>(next_random() % static_cast<uint64_t>(n)) : 0;
}

std::vector<char> write_random_file(const std::string &path, long size)
{
	std::vector<char> bytes(size);
	for (char &c : bytes)
		c = static_cast<char>(next_random());
	FILE *f = fopen(path.c_str(), "wb");
	/* An empty vector's data() may be NULL, which fwrite must not get. */
	if (!f || (size > 0 &&
		   fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size())) {
		perror(path.c_str());
		exit(1);
	}
	fclose(f);
	return bytes;
}

/* A read length: mostly what TagLib asks for (a header, a 1024-byte
 * buffer, a tag), now and then more than any file holds. */
unsigned long random_length(void)
{
	switch (random_below(6)) {
	case 0:
		return random_below(16);
	case 1:
		return 1024;
	case 2:
		return random_below(4096);
	case 3:
		return random_below(3 * osp::BlockStream::BLOCK);
	case 4:
		return 0x7fffffffUL;
	default:
		return random_below(osp::BlockStream::BLOCK);
	}
}

/* Where a random seek from `pos` should land, fseek's way. */
long seek_randomly(osp::BlockStream &s, long pos, long size)
{
	long offset = random_below(size + 200) - 100;
	long base = 0;
	TagLib::IOStream::Position from = TagLib::IOStream::Beginning;
	switch (random_below(3)) {
	case 1:
		from = TagLib::IOStream::Current;
		base = pos;
		offset -= pos / 2;
		break;
	case 2:
		from = TagLib::IOStream::End;
		base = size;
		offset = -offset;
		break;
	}
	s.seek(offset, from);
	return base + offset >= 0 ? base + offset : pos;
}

/* Runs `n_ops` random seeks and reads on a stream over `path`, whose
 * bytes are `ref` (a file of `size` bytes as the stream was told); the
 * first wrong answer, or "" when all were right. */
std::string check_random_ops(const std::string &path,
			     const std::vector<char> &ref, long size, int n_ops)
{
	int fd = open(path.c_str(), O_RDONLY);
	if (fd < 0)
		return "cannot open " + path;
	osp::BlockStream s(fd, path.c_str(), size);
	long pos = 0;
	long have = static_cast<long>(ref.size());
	char what[200];
	for (int i = 0; i < n_ops; i++) {
		if (random_below(3) == 0) {
			pos = seek_randomly(s, pos, size);
		} else {
			unsigned long len = random_length();
			TagLib::ByteVector got = s.readBlock(len);
			long end = pos >= have ? pos
				: pos + static_cast<long>(std::min<unsigned long>(len, have - pos));
			long want = end - pos;
			if (static_cast<long>(got.size()) != want ||
			    (want > 0 && memcmp(got.data(), ref.data() + pos, want) != 0)) {
				snprintf(what, sizeof what, "op %d: read %lu at %ld "
					 "gave %u bytes, want %ld%s", i, len, pos,
					 got.size(), want,
					 static_cast<long>(got.size()) == want ? ", differing" : "");
				return what;
			}
			pos = end;
		}
		if (s.tell() != pos) {
			snprintf(what, sizeof what, "op %d: tell() %ld, want %ld", i,
				 s.tell(), pos);
			return what;
		}
	}
	return "";
}

void check_size(const std::string &dir, long size)
{
	std::string path = dir + "/f" + std::to_string(size);
	std::vector<char> ref = write_random_file(path, size);
	std::string wrong = check_random_ops(path, ref, size, 20000);
	tap_ok(wrong.empty(), "a file of %ld bytes: 20,000 random seeks and "
	       "reads give its bytes%s%s", size, wrong.empty() ? "" : ": ",
	       wrong.c_str());
}

/* A file cut short after it was opened (its size taken before): reads
 * give what is left, then nothing. */
void check_shrunk(const std::string &dir)
{
	long size = 3 * osp::BlockStream::BLOCK + 500;
	std::string path = dir + "/shrunk";
	std::vector<char> ref = write_random_file(path, size);
	int fd = open(path.c_str(), O_RDONLY);
	osp::BlockStream s(fd, path.c_str(), size);
	long left = osp::BlockStream::BLOCK + 100;
	if (truncate(path.c_str(), left) != 0)
		perror("truncate");
	s.seek(left - 10);
	TagLib::ByteVector tail = s.readBlock(1000);
	tap_ok(tail.size() == 10 && memcmp(tail.data(), ref.data() + left - 10, 10) == 0,
	       "a file cut short: a read across the new end gives the 10 bytes "
	       "left (got %u)", tail.size());
	tap_int(s.tell(), left, "a file cut short: the position stops at its end");
	tap_int(s.readBlock(1000).size(), 0, "a file cut short: a read past the "
		"new end gives nothing");
	s.seek(0, TagLib::IOStream::End);
	tap_int(s.tell(), size, "a file cut short: its length is the size it was "
		"opened with");
	TagLib::ByteVector big = s.readBlock(0x7fffffffUL);
	tap_int(big.size(), 0, "a huge read at the end gives nothing");
}

} /* namespace */

int main(void)
{
	char *dir = tap_tmpdir();
	const long B = osp::BlockStream::BLOCK;
	const long sizes[] = {0, 1, 1000, B - 1, B, B + 1, 2 * B + 7,
			      5 * B + 123, 1000003};
	for (long size : sizes)
		check_size(dir, size);
	check_shrunk(dir);
	tap_rmtree(dir);
	free(dir);
	return tap_done();
}
