UNIT_TESTS += test_config_keys
test_config_keys_SRCS := tests/unit/test_config_keys.c tests/unit/test_config_support.c \
    firmware/config/config_check.c firmware/config/config_keys.c firmware/config/config_value.c \
    firmware/config/config_block.c firmware/config/config_crc.c firmware/config/config_mac.c \
    firmware/config/config_source.c hal/host/config_store_host.c
