# lwIP 2.1.3 (third-party, compiled with its own flags) and our port of it.
TP_INCLUDES += -isystem $(TP)/lwip/src/include -Inet/lwip_port
LWIP_DIR := $(TP)/lwip/src
LWIP_SRCS := $(addprefix $(LWIP_DIR)/core/,init.c def.c dns.c inet_chksum.c ip.c mem.c memp.c netif.c \
                 pbuf.c stats.c tcp.c tcp_in.c tcp_out.c timeouts.c udp.c) \
             $(addprefix $(LWIP_DIR)/core/ipv4/,dhcp.c etharp.c icmp.c ip4.c ip4_addr.c) \
             $(LWIP_DIR)/netif/ethernet.c $(LWIP_DIR)/apps/sntp/sntp.c
TP_FW_SRCS += $(LWIP_SRCS)
LWIP_PORT_SRCS := net/lwip_port/lwip_port.c net/lwip_port/netif_eth.c
FW_SRCS += $(LWIP_PORT_SRCS)
# lwipopts.h and cc.h reach lwIP (and our users of it) through -isystem headers, which -MMD
# leaves out of the .d files: declare the dependency by hand for every build directory.
LWIP_PORT_HDRS := net/lwip_port/lwipopts.h net/lwip_port/arch/cc.h net/lwip_port/lwip_port.h \
                  net/stack/net_time.h net/stack/net_stack_config.h
LWIP_USER_SRCS := $(LWIP_PORT_SRCS) net/stack/net_stack.c net/stack/net_dns.c net/stack/net_ip_lwip.c \
                  net/tcp/tcp_conn.c
$(foreach d,$(BUILD)/$(BOARD) $(BUILD)/$(BOARD)-test $(BUILD)/host,\
  $(patsubst $(TP)/%.c,$(d)/tp/%.o,$(LWIP_SRCS)) $(patsubst %.c,$(d)/obj/%.o,$(LWIP_USER_SRCS))): $(LWIP_PORT_HDRS)
