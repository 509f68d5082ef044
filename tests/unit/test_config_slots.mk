UNIT_TESTS += test_config_slots
test_config_slots_SRCS := tests/unit/test_config_slots.c tests/unit/test_config_support.c $(CONFIG_SRCS) \
    hal/host/config_store_host.c
