# CMSDK APB watchdog (hal/watchdog.h) for mps2-an385.
BOARD_SRCS += $(BOARD_DIR)/watchdog_cmsdk.c
