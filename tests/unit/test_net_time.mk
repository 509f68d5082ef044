UNIT_TESTS += test_net_time
test_net_time_SRCS := tests/unit/test_net_time.c net/stack/net_time.c hal/host/clock_host.c
