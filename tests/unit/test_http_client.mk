UNIT_TESTS += test_http_client
test_http_client_SRCS := tests/unit/test_http_client.c $(NET_HTTP_SRCS)
