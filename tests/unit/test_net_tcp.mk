UNIT_TESTS += test_net_tcp
test_net_tcp_SRCS := tests/unit/test_net_tcp.c $(NET_TCP_SRCS) $(NET_STACK_SRCS) $(LWIP_PORT_SRCS) \
                     $(LWIP_SRCS) hal/host/eth_host.c hal/host/clock_host.c
