UNIT_TESTS += test_display_render
test_display_render_SRCS := tests/unit/test_display_render.c tests/unit/test_golden_frame.c firmware/panel/display_render.c \
                            firmware/panel/display_frame.c firmware/panel/font5x7.c \
                            firmware/panel/command_short.c firmware/panel/panel_text.c
