FUZZERS += fuzz_forge_error
fuzz_forge_error_SRCS := tests/fuzz/fuzz_forge_error.c firmware/forge/forge_error.c \
    firmware/forge/forge_json.c
