# mps2-an385 (QEMU reference board, Cortex-M3).
TARGET_CPU := cortex-m3
include toolchain/arm-none-eabi.mk

BOARD_DIR := hal/mps2-an385
BOARD_SRCS := $(BOARD_DIR)/startup.c $(BOARD_DIR)/system.c $(BOARD_DIR)/fault.c \
              $(BOARD_DIR)/uart_cmsdk.c $(BOARD_DIR)/clock_systick.c $(BOARD_DIR)/stack.c
# Linked into the test variant only (FL_TEST_BUILD=1): a release image cannot contain them.
BOARD_TEST_SRCS := $(BOARD_DIR)/semihosting.c $(BOARD_DIR)/system_test.c
BOARD_LDSCRIPT := $(BOARD_DIR)/mps2-an385.ld
BOARD_LDFLAGS := -L$(BOARD_DIR)
BOARD_CFLAGS :=
BOARD_QEMU_MACHINE := mps2-an385
# Driver fragments (LEDs, display, Ethernet, ...) add to BOARD_SRCS.
include $(sort $(wildcard $(BOARD_DIR)/*_drivers.mk))
