FUZZERS += fuzz_console
fuzz_console_SRCS := tests/fuzz/fuzz_console.c tests/unit/test_config_support.c $(CONFIG_SRCS) $(CONSOLE_SRCS) \
    hal/host/config_store_host.c hal/host/console_host.c
