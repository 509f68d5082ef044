UNIT_TESTS += test_http_request
test_http_request_SRCS := tests/unit/test_http_request.c net/http/http_request.c net/http/http_text.c
