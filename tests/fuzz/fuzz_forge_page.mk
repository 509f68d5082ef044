FUZZERS += fuzz_forge_page
fuzz_forge_page_SRCS := tests/fuzz/fuzz_forge_page.c firmware/forge/forge_page.c \
    firmware/forge/forge_json.c firmware/forge/forge_record.c firmware/forge/forge_time.c
