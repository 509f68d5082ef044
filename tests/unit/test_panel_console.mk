UNIT_TESTS += test_panel_console
test_panel_console_SRCS := tests/unit/test_panel_console.c firmware/panel/panel_console.c firmware/panel/panel_text.c
