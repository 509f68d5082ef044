UNIT_TESTS += test_display_command
test_display_command_SRCS := tests/unit/test_display_command.c firmware/panel/command_short.c
