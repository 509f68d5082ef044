# Network bring-up, poll loop, DHCP/static, DNS, SNTP time.
NET_STACK_SRCS := net/stack/net_stack.c net/stack/net_dns.c net/stack/net_time.c net/stack/net_ip_lwip.c
FW_SRCS += $(NET_STACK_SRCS)
