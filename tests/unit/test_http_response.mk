UNIT_TESTS += test_http_response
test_http_response_SRCS := tests/unit/test_http_response.c $(NET_HTTP_PARSER_SRCS)
