# Entropy for mps2-an385: timing jitter only (no hardware RNG), see hal/entropy.h.
BOARD_SRCS += $(BOARD_DIR)/entropy_jitter.c
