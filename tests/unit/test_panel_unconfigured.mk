UNIT_TESTS += test_panel_unconfigured
test_panel_unconfigured_SRCS := tests/unit/test_panel_unconfigured.c tests/unit/test_golden_frame.c firmware/panel/panel.c \
                                firmware/panel/panel_model.c firmware/panel/panel_text.c \
                                firmware/panel/led_pattern.c firmware/panel/panel_leds.c \
                                firmware/panel/font5x7.c firmware/panel/display_frame.c \
                                firmware/panel/command_short.c firmware/panel/display_render.c \
                                firmware/panel/panel_console.c hal/host/leds_host.c hal/host/display_host.c
