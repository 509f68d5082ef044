UNIT_TESTS += test_forge_client
test_forge_client_SRCS := tests/unit/test_forge_client.c firmware/forge/forge_client.c \
    firmware/forge/forge_sort.c firmware/forge/forge_query.c firmware/forge/forge_page.c \
    firmware/forge/forge_json.c firmware/forge/forge_record.c firmware/forge/forge_time.c \
    firmware/forge/forge_error.c firmware/forge/forge_snapshot.c firmware/forge/forge_paging.c \
    net/http/http_client.c net/http/http_response.c net/http/http_request.c \
    net/http/http_fields.c net/http/http_text.c net/http/http_date.c
