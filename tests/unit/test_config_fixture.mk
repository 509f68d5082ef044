UNIT_TESTS += test_config_fixture
test_config_fixture_SRCS := tests/unit/test_config_fixture.c \
    firmware/config/config_block.c firmware/config/config_check.c firmware/config/config_crc.c \
    firmware/config/config_decode.c firmware/config/config_encode.c firmware/config/config_stream.c firmware/config/config_value.c \
    firmware/config/config_mac.c \
    firmware/config/config_source.c hal/host/config_store_host.c
