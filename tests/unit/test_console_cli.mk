UNIT_TESTS += test_console_cli
test_console_cli_SRCS := tests/unit/test_console_cli.c tests/unit/test_config_support.c $(CONFIG_SRCS) \
    $(CONSOLE_SRCS) hal/host/config_store_host.c hal/host/console_host.c
