#include "ostplay/loudness.h"

#include <ebur128.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#define IO_BUFFER 65536

/* One file's decoder, from container to interleaved floats. */
struct decoder {
	int fd;			/* the file, opened and checked */
	AVIOContext *io;	/* FFmpeg's reads of `fd` */
	AVFormatContext *fmt;
	AVCodecContext *codec;
	SwrContext *swr;
	AVPacket *packet;
	AVFrame *frame;
	int stream;
	float *buf;
	int buf_frames;
	size_t n_frames;	/* decoded so far */
};

static int read_fd(void *opaque, uint8_t *buf, int size)
{
	struct decoder *d = opaque;
	ssize_t n;
	while ((n = read(d->fd, buf, (size_t)size)) < 0 && errno == EINTR)
		;
	return n > 0 ? (int)n : n == 0 ? AVERROR_EOF : AVERROR(errno);
}

static int64_t seek_fd(void *opaque, int64_t offset, int whence)
{
	struct decoder *d = opaque;
	if (whence == AVSEEK_SIZE) {
		struct stat st;
		return fstat(d->fd, &st) == 0 ? st.st_size : AVERROR(errno);
	}
	off_t at = lseek(d->fd, offset, whence & ~AVSEEK_FORCE);
	return at < 0 ? AVERROR(errno) : at;
}

/* FFmpeg reads the file through a descriptor opened without blocking and
 * checked to be a regular file: by name, it would block for ever on a
 * FIFO put in a file's place since the scan saw it, and read a device
 * without end. */
static bool open_regular(struct decoder *d, const char *path,
			 struct osp_error *err)
{
	struct stat st;
	d->fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (d->fd < 0 || fstat(d->fd, &st) != 0)
		return osp_fail_sys(err, errno, "cannot read %s", path);
	if (!S_ISREG(st.st_mode))
		return osp_fail(err, OSP_ERR_INVALID,
				"%s is not a regular file", path);
	unsigned char *buf = av_malloc(IO_BUFFER);
	d->io = avio_alloc_context(buf, IO_BUFFER, 0, d, read_fd, NULL,
				   seek_fd);
	d->fmt = avformat_alloc_context();
	d->fmt->pb = d->io;
	return true;
}

static void decoder_close(struct decoder *d)
{
	av_freep(&d->buf);
	av_frame_free(&d->frame);
	av_packet_free(&d->packet);
	swr_free(&d->swr);
	avcodec_free_context(&d->codec);
	avformat_close_input(&d->fmt);
	if (d->io)
		av_freep(&d->io->buffer);
	avio_context_free(&d->io);
	if (d->fd >= 0)
		close(d->fd);
}

static bool decoder_open(struct decoder *d, const char *path,
			 struct osp_error *err)
{
	const AVCodec *codec = NULL;
	int rc;
	if (!open_regular(d, path, err))
		return false;
	/* Only the file itself: no playlists or references to elsewhere
	 * (what the daemon tells mpv too).  The name is a hint to the
	 * format's probe. */
	AVDictionary *opts = NULL;
	av_dict_set(&opts, "protocol_whitelist", "file", 0);
	rc = avformat_open_input(&d->fmt, path, NULL, &opts);
	av_dict_free(&opts);
	if (rc < 0 || (rc = avformat_find_stream_info(d->fmt, NULL)) < 0 ||
	    (rc = d->stream = av_find_best_stream(d->fmt, AVMEDIA_TYPE_AUDIO,
						  -1, -1, &codec, 0)) < 0)
		goto fail;
	d->codec = avcodec_alloc_context3(codec);
	if ((rc = avcodec_parameters_to_context(
		     d->codec, d->fmt->streams[d->stream]->codecpar)) < 0 ||
	    (rc = avcodec_open2(d->codec, codec, NULL)) < 0)
		goto fail;
	if ((rc = swr_alloc_set_opts2(&d->swr, &d->codec->ch_layout,
				      AV_SAMPLE_FMT_FLT, d->codec->sample_rate,
				      &d->codec->ch_layout,
				      d->codec->sample_fmt,
				      d->codec->sample_rate, 0, NULL)) < 0 ||
	    (rc = swr_init(d->swr)) < 0)
		goto fail;
	d->packet = av_packet_alloc();
	d->frame = av_frame_alloc();
	return true;
fail:;
	char why[AV_ERROR_MAX_STRING_SIZE];
	av_strerror(rc, why, sizeof(why));
	return osp_fail(err, OSP_ERR_INVALID, "cannot decode %s: %s", path,
			why);
}

/* Feeds every frame the decoder has ready to `st`. */
static int drain(struct decoder *d, ebur128_state *st)
{
	int rc;
	while ((rc = avcodec_receive_frame(d->codec, d->frame)) >= 0) {
		int n = d->frame->nb_samples;
		if (n > d->buf_frames) {
			av_freep(&d->buf);
			d->buf = av_malloc_array((size_t)n * st->channels,
						 sizeof(float));
			d->buf_frames = n;
		}
		uint8_t *out = (uint8_t *)d->buf;
		/* swr_convert's input is const uint8_t **, which C cannot
		 * convert to from uint8_t ** without a cast. */
		void *in = d->frame->extended_data;
		int got = swr_convert(d->swr, &out, n, in, n);
		av_frame_unref(d->frame);
		if (got < 0)
			return got;
		d->n_frames += (size_t)got;
		if (ebur128_add_frames_float(st, d->buf, (size_t)got) !=
		    EBUR128_SUCCESS)
			return AVERROR(ENOMEM);
	}
	return rc == AVERROR(EAGAIN) || rc == AVERROR_EOF ? 0 : rc;
}

static int decode_all(struct decoder *d, ebur128_state *st)
{
	int rc = 0;
	while (av_read_frame(d->fmt, d->packet) >= 0) {
		if (d->packet->stream_index == d->stream) {
			rc = avcodec_send_packet(d->codec, d->packet);
			/* A damaged packet in a file that otherwise plays is
			 * what mpv skips too. */
			if (rc == AVERROR_INVALIDDATA)
				rc = 0;
			if (rc >= 0)
				rc = drain(d, st);
		}
		av_packet_unref(d->packet);
		if (rc < 0)
			return rc;
	}
	avcodec_send_packet(d->codec, NULL);
	return drain(d, st);
}

bool osp_loudness_measure(const char *path, struct osp_measure *m,
			  struct osp_error *err)
{
	*m = (struct osp_measure){.done = true};
	struct decoder d = {.fd = -1};
	ebur128_state *st = NULL;
	bool ok = false;
	av_log_set_level(AV_LOG_QUIET);
	if (!decoder_open(&d, path, err))
		goto out;
	unsigned channels = (unsigned)d.codec->ch_layout.nb_channels;
	st = ebur128_init(channels, (unsigned long)d.codec->sample_rate,
			  EBUR128_MODE_I | EBUR128_MODE_SAMPLE_PEAK);
	if (!st) {
		osp_fail(err, OSP_ERR_INVALID, "cannot measure %s: %u channels"
			 " at %d Hz", path, channels, d.codec->sample_rate);
		goto out;
	}
	/* A mono file sounds from both speakers, as ReplayGain counts it. */
	if (channels == 1)
		ebur128_set_channel(st, 0, EBUR128_DUAL_MONO);
	int rc = decode_all(&d, st);
	if (rc >= 0 && d.n_frames == 0)
		rc = AVERROR_INVALIDDATA;	/* not one sound in it */
	if (rc < 0) {
		char why[AV_ERROR_MAX_STRING_SIZE];
		av_strerror(rc, why, sizeof(why));
		osp_fail(err, OSP_ERR_INVALID, "cannot decode %s: %s", path,
			 why);
		goto out;
	}
	double lufs, peak = 0;
	if (ebur128_loudness_global(st, &lufs) != EBUR128_SUCCESS) {
		osp_fail(err, OSP_ERR_INVALID, "cannot measure %s", path);
		goto out;
	}
	for (unsigned c = 0; c < channels; c++) {
		double p;
		if (ebur128_sample_peak(st, c, &p) == EBUR128_SUCCESS &&
		    p > peak)
			peak = p;
	}
	m->ok = ok = true;
	m->lufs = lufs;
	m->peak = peak;
out:
	if (st)
		ebur128_destroy(&st);
	decoder_close(&d);
	return ok;
}
