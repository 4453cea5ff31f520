#include <string.h>

#include "ostplay/json.h"
#include "tap.h"

static void test_quote(void)
{
	static const struct {
		const char *in;
		size_t len;
		const char *out;
	} cases[] = {
		{"plain", 5, "\"plain\""},
		{"q\"b\\s", 5, "\"q\\\"b\\\\s\""},
		{"nl\n\x01", 4, "\"nl\\n\\u0001\""},
		{"\xED\x9B\x84", 3, "\"\xED\x9B\x84\""},
		{"caf\xE9", 4, "\"caf\\udce9\""},
		{"\xFF\xC3\xA9\xC3", 4, "\"\\udcff\xC3\xA9\\udcc3\""},
		{"a\0b", 3, "\"a\\u0000b\""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct osp_buf b = {0};
		osp_json_quote(&b, cases[i].in, cases[i].len);
		tap_str(osp_buf_str(&b), cases[i].out, "quote case %zu", i);
		osp_buf_free(&b);
	}
}

static void test_object(void)
{
	struct osp_buf b = {0};
	struct osp_json j;
	char chen[] = "Chen", punch[] = "Punch";
	char *artists[] = {chen, NULL, punch};
	osp_json_begin(&j, &b);
	osp_json_string(&j, "title", "Everytime");
	osp_json_strings(&j, "artists", artists, 3);
	osp_json_string(&j, "drama", NULL);
	osp_json_int(&j, "track", 3);
	osp_json_double(&j, "duration", 187.25);
	osp_json_bool(&j, "duet", true);
	osp_json_end(&j);
	tap_str(osp_buf_str(&b),
		"{\"title\":\"Everytime\",\"artists\":[\"Chen\",\"Punch\"],"
		"\"drama\":null,\"track\":3,\"duration\":187.25,\"duet\":true}",
		"object with every kind of field");
	osp_buf_free(&b);
}

int main(void)
{
	test_quote();
	test_object();
	return tap_done();
}
