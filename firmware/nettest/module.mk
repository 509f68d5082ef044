# QEMU network bring-up test hook (test builds only: `net <port>` on the semihosting command line).
FW_TEST_SRCS += firmware/nettest/nettest.c
