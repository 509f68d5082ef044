UNIT_TESTS += test_log
test_log_SRCS := tests/unit/test_log.c firmware/log/log.c hal/host/clock_host.c
