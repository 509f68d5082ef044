# UART console: line editor and commands (help, status, config show/set/save, anchors, reboot).
CONSOLE_SRCS := firmware/console/console_anchors.c firmware/console/console_cli.c firmware/console/console_line.c \
                firmware/console/console_out.c firmware/console/console_show.c firmware/console/console_word.c
FW_SRCS += $(CONSOLE_SRCS)
