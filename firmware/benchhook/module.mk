# Benchmark hooks (test builds only: `bench ...` on the semihosting command line).
FW_TEST_SRCS += firmware/benchhook/benchhook.c firmware/benchhook/bench_out.c \
                firmware/benchhook/bench_parse.c firmware/benchhook/bench_tls.c \
                firmware/benchhook/bench_agent.c firmware/benchhook/bench_mem.c \
                firmware/benchhook/bench_net.c firmware/benchhook/bench_poll.c \
                tests/bench/parse_jsmn.c
