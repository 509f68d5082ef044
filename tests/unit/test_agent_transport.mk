# How the HTTPS transport classifies a failed exchange for the panel (stubbed TCP and TLS).
UNIT_TESTS += test_agent_transport
test_agent_transport_SRCS := tests/unit/test_agent_transport.c net/https/https_transport.c \
    firmware/agent/agent_watch.c firmware/forge/forge_paging.c firmware/panel/command_short.c \
    hal/host/clock_host.c
