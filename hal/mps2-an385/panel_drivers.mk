# Panel drivers for mps2-an385: FPGAIO user LEDs and the SSD0303 OLED on the SBCon I2C bus.
BOARD_SRCS += hal/mps2-an385/leds_fpgaio.c hal/mps2-an385/display_ssd0303.c hal/mps2-an385/i2c_sbcon.c
