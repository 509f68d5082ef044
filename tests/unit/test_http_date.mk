UNIT_TESTS += test_http_date
test_http_date_SRCS := tests/unit/test_http_date.c net/http/http_date.c net/http/http_text.c
