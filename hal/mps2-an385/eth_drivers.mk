# LAN9118 Ethernet (hal/eth.h) for mps2-an385.
BOARD_SRCS += $(BOARD_DIR)/eth_lan9118.c
