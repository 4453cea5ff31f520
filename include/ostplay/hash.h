/*
 * hash — FNV-1a, 64 bits: the hash of the string maps and hash sets
 * (matcher, scan) and of the catalogs' fingerprints.  Not for anything an
 * adversary chooses to collide: only speed depends on it.
 */
#ifndef OSTPLAY_HASH_H
#define OSTPLAY_HASH_H

#include <stddef.h>
#include <stdint.h>

#define OSP_HASH_START UINT64_C(0xcbf29ce484222325)

/* The hash of a string one byte longer than one whose hash is `h`. */
static inline uint64_t osp_hash_step(uint64_t h, unsigned char byte)
{
	return (h ^ byte) * UINT64_C(0x100000001b3);
}

/* The hash of `len` bytes at `p` following those whose hash is `h`. */
static inline uint64_t osp_hash_bytes(uint64_t h, const void *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		h = osp_hash_step(h, ((const unsigned char *)p)[i]);
	return h;
}

/* The same for the NUL-terminated `s`. */
static inline uint64_t osp_hash_more(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = osp_hash_step(h, (unsigned char)*s);
	return h;
}

static inline uint64_t osp_hash(const char *s)
{
	return osp_hash_more(OSP_HASH_START, s);
}

#endif
