FUZZERS += fuzz_http_response
fuzz_http_response_SRCS := tests/fuzz/fuzz_http_response.c $(NET_HTTP_PARSER_SRCS)
