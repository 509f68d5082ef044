UNIT_TESTS += test_agent_watch
test_agent_watch_SRCS := tests/unit/test_agent_watch.c firmware/agent/agent_watch.c \
    firmware/forge/forge_paging.c firmware/panel/command_short.c hal/host/clock_host.c
