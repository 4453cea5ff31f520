/*
 * The tag-text repair and the keys made of it, on any bytes: the repaired
 * text is valid UTF-8, and folding, words, romanisation and sound keys
 * take any of it.  The input's first line is a query, the rest the text
 * searched, for the sound-key matchers.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ostplay/buf.h"
#include "ostplay/text.h"
#include "ostplay/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_utf8(const char *s)
{
	if (s && !osp_text_is_utf8(s, strlen(s)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *raw = (const char *)data;
	osp_text_is_utf8(raw, size);
	struct osp_buf b = {0};
	osp_text_escape_name(&b, raw, size);
	osp_buf_free(&b);

	const char *nl = memchr(raw, '\n', size);
	size_t qlen = nl ? (size_t)(nl - raw) : size;
	char *query = osp_text_clean(raw, qlen);
	char *text = nl ? osp_text_clean(nl + 1, size - qlen - 1)
			: xstrdup(query);
	check_utf8(query);
	check_utf8(text);

	char *folded = osp_text_fold(text);
	check_utf8(folded);
	struct osp_tokens t = {0};
	osp_text_tokens(text, &t);
	for (size_t i = 0; i < t.n; i++)
		if (!*t.v[i])
			abort();
	osp_tokens_free(&t);
	free(osp_text_compact(text));
	free(osp_text_compact_folded(folded));
	char *roman = osp_text_romanize(text);
	if (!roman != !osp_text_has_hangul(text))
		abort();
	check_utf8(roman);
	free(roman);

	char *qfolded = osp_text_fold(query);
	char *key = osp_text_sound_key(qfolded, OSP_SOUND_LATIN | OSP_SOUND_HANGUL);
	char *latin = osp_text_sound_key(folded, OSP_SOUND_LATIN);
	char *hangul = osp_text_sound_key(folded, OSP_SOUND_HANGUL);
	osp_text_sound_match(key, latin);
	osp_text_sound_match(key, hangul);
	osp_text_sound_may_be_in(key, folded);
	osp_text_sound_may_start(key, folded);
	free(key);
	free(latin);
	free(hangul);
	free(qfolded);
	free(folded);
	free(query);
	free(text);
	return 0;
}
