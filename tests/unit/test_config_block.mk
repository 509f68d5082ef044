UNIT_TESTS += test_config_block
test_config_block_SRCS := tests/unit/test_config_block.c tests/unit/test_config_support.c \
    firmware/config/config_block.c firmware/config/config_check.c firmware/config/config_crc.c \
    firmware/config/config_decode.c firmware/config/config_encode.c firmware/config/config_stream.c firmware/config/config_value.c \
    firmware/config/config_mac.c \
    firmware/config/config_source.c hal/host/config_store_host.c
