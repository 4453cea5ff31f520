/*
 * crc32 — the CRC-32 of bytes (the polynomial of zlib, PNG and Ethernet).
 *
 * A building block that depends on nothing.  The library keeps one in
 * each row so that `ostplay check` notices a changed byte: a CRC-32
 * catches every burst of up to 32 changed bits, so any one flipped byte.
 * Not a defence against anyone changing rows on purpose.
 */
#ifndef OSTPLAY_CRC32_H
#define OSTPLAY_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* The CRC-32 of `len` bytes at `p` continuing `crc` (0 to start), so that
 * crc32(crc32(0, a), b) is the CRC of a followed by b. */
uint32_t osp_crc32(uint32_t crc, const void *p, size_t len);

#endif
