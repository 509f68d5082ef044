FW_SRCS += firmware/app/main.c firmware/app/banner.c
FW_TEST_SRCS += firmware/app/selftest.c
