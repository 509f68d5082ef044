UNIT_TESTS += test_config_rotate
test_config_rotate_SRCS := tests/unit/test_config_rotate.c tests/unit/test_config_support.c $(CONFIG_SRCS) \
    hal/host/config_store_host.c
