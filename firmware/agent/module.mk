FW_SRCS += firmware/agent/agent_watch.c
