#include "block-stream.h"

#include <algorithm>

#include <errno.h>
#include <string.h>
#include <unistd.h>

namespace osp {

BlockStream::~BlockStream()
{
	close(fd_);
}

void BlockStream::seek(long offset, Position from)
{
	long base = from == Beginning ? 0 : from == Current ? pos_ : size_;
	if (base + offset >= 0)
		pos_ = base + offset;
}

/* pread until `n` bytes, the end of the file or an error; the count. */
long BlockStream::read_at(char *to, long n, long pos)
{
	long done = 0;
	while (done < n) {
		ssize_t got = pread(fd_, to + done, n - done, pos + done);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		done += got;
	}
	return done;
}

/* The block holding `pos`, read in place of the one used less lately. */
BlockStream::Block *BlockStream::block_at(long pos)
{
	long start = pos - pos % BLOCK;
	for (int i = 0; i < 2; i++)
		if (blocks_[i].start == start) {
			last_used_ = i;
			return &blocks_[i];
		}
	last_used_ = 1 - last_used_;
	Block *b = &blocks_[last_used_];
	b->start = start;
	b->len = read_at(b->data, BLOCK, start);
	return b;
}

TagLib::ByteVector BlockStream::readBlock(unsigned long length)
{
	if (pos_ >= size_ || length == 0)
		return TagLib::ByteVector();
	long n = static_cast<long>(
		std::min<unsigned long>(length, size_ - pos_));
	if (n > BLOCK) {	/* a picture, say: read once, past the blocks */
		TagLib::ByteVector v(static_cast<unsigned>(n));
		long got = read_at(v.data(), n, pos_);
		v.resize(static_cast<unsigned>(got));
		pos_ += got;
		return v;
	}
	Block *b = block_at(pos_);
	long off = pos_ - b->start;
	if (off + n <= b->len) {	/* the common case: within one block */
		pos_ += n;
		return TagLib::ByteVector(b->data + off, static_cast<unsigned>(n));
	}
	TagLib::ByteVector v(static_cast<unsigned>(n));
	long done = 0;
	while (done < n && off < b->len) {
		long take = std::min(n - done, b->len - off);
		memcpy(v.data() + done, b->data + off, take);
		done += take;
		pos_ += take;
		b = block_at(pos_);
		off = pos_ - b->start;
	}
	v.resize(static_cast<unsigned>(done));
	return v;
}

} /* namespace osp */
