FW_SRCS += net/https/https_transport.c
