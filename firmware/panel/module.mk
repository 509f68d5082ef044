# The panel: status model, LED patterns, display rendering, console line.
FW_SRCS += firmware/panel/panel_model.c firmware/panel/panel_text.c firmware/panel/led_pattern.c \
           firmware/panel/panel_leds.c firmware/panel/font5x7.c firmware/panel/display_frame.c \
           firmware/panel/command_short.c firmware/panel/display_render.c firmware/panel/panel_console.c firmware/panel/panel.c
# QEMU hook `panel` (test builds only), see panel_selftest.h.
FW_TEST_SRCS += firmware/panel/panel_selftest.c
