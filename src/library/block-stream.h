/*
 * block-stream — a read-only TagLib stream that reads a file in blocks.
 *
 * TagLib's own FileStream reads through stdio, and TagLib seeks and reads
 * a few bytes at a time: every seek drops stdio's buffer and is a system
 * call, 23 lseeks and 10 reads for a small MP3.  A BlockStream keeps two
 * blocks of the file, read with pread, and answers small reads from them;
 * a seek only moves a number.  Two, because tags sit at a file's start
 * and its end, and readers go back and forth between the two.
 */
#ifndef OSTPLAY_BLOCK_STREAM_H
#define OSTPLAY_BLOCK_STREAM_H

#include <taglib/tiostream.h>

namespace osp {

class BlockStream : public TagLib::IOStream {
public:
	static const long BLOCK = 32768;

	/* Takes `fd`, open for reading, and closes it when destroyed;
	 * `size` is the file's size and `name` its name, which FileRef
	 * picks the format by.  `name` must outlive the stream. */
	BlockStream(int fd, const char *name, long size)
		: fd_(fd), name_(name), size_(size)
	{
	}
	~BlockStream() override;
	BlockStream(const BlockStream &) = delete;
	BlockStream &operator=(const BlockStream &) = delete;

	TagLib::FileName name() const override { return name_; }
	bool readOnly() const override { return true; }
	bool isOpen() const override { return true; }
	long tell() const override { return pos_; }
	/* The size when opened: a file growing while it is read is read as
	 * it was. */
	long length() override { return size_; }
	/* As fseek: a position before the start is refused, one past the
	 * end is kept (and reads there give nothing). */
	void seek(long offset, Position from = Beginning) override;
	/* At most `length` bytes from the position, fewer at the end of the
	 * file or after a read error, however long a size field in a tag
	 * claims its data is. */
	TagLib::ByteVector readBlock(unsigned long length) override;

	/* TagLib checks readOnly() before writing, so these are not called. */
	void writeBlock(const TagLib::ByteVector &) override {}
	void insert(const TagLib::ByteVector &, unsigned long,
		    unsigned long) override {}
	void removeBlock(unsigned long, unsigned long) override {}
	void truncate(long) override {}

private:
	struct Block {
		long start = -1;	/* -1: nothing read yet */
		long len = 0;
		char data[BLOCK];
	};

	Block *block_at(long pos);
	long read_at(char *to, long n, long pos);

	int fd_;
	const char *name_;
	long size_;
	long pos_ = 0;
	Block blocks_[2];
	int last_used_ = 0;
};

} /* namespace osp */

#endif
