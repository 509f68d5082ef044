FW_SRCS += firmware/agent/agent_watch.c firmware/agent/agent.c firmware/agent/agent_log.c \
           firmware/agent/agent_stats.c
