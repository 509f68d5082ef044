# Config store (hal/config_store.h) over the CONFIG region of memory.ld.
BOARD_SRCS += $(BOARD_DIR)/config_store_flash.c
