# net/http: HTTP/1.1 client (request writer, incremental response parser, client over a
# transport interface). The lists below are reused by tests/unit/test_http_*.mk and the fuzzer.
NET_HTTP_PARSER_SRCS := net/http/http_text.c net/http/http_date.c net/http/http_fields.c \
                        net/http/http_response.c
NET_HTTP_SRCS := $(NET_HTTP_PARSER_SRCS) net/http/http_request.c net/http/http_client.c
FW_SRCS += $(NET_HTTP_SRCS)
