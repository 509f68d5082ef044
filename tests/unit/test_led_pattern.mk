UNIT_TESTS += test_led_pattern
test_led_pattern_SRCS := tests/unit/test_led_pattern.c firmware/panel/led_pattern.c firmware/panel/panel_leds.c \
                         firmware/panel/panel_model.c hal/host/leds_host.c
