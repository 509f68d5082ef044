# Blocking-with-timeout TCP client connection over an lwIP raw pcb.
NET_TCP_SRCS := net/tcp/tcp_conn.c
FW_SRCS += $(NET_TCP_SRCS)
