FW_SRCS += firmware/log/log.c
