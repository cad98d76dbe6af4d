/* The server's request handling apart from sockets: the first line is a
 * raw path (decoded, then routed), each further line a header value given
 * to the negotiation of locale, format, encoding and entity tags. */
#include "fuzz.h"
#include "negotiate.h"
#include "serve_path.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const locales[] = {"en", "zh-CN", "zh-TW", "en-GB"};
	char *text = fuzz_string(data, size), *line, *next;
	serve_route r;

	if (text == NULL)
		return 0;
	next = strchr(text, '\n');
	if (next != NULL)
		*next++ = '\0';
	if (strlen(text) <= SERVE_PATH_MAX) {
		policy__serve_unescape(text);
		policy__serve_route_path(&r, text);
	}
	for (line = next; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		(void)policy__negotiate_locale(line, locales, 4, "zh-CN");
		(void)policy__negotiate_accept(line);
		(void)policy__negotiate_gzip(line);
		(void)policy__negotiate_etag_matches(line, "\"0123456789abcdef\"");
	}
	free(text);
	return 0;
}
