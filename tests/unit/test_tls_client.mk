# TLS client against openssl s_server on 127.0.0.1 (PKI generated at test time).
UNIT_TESTS += test_tls_client
test_tls_client_SRCS := tests/unit/test_tls_client.c tests/tls_host/tls_host.c \
    tests/tls_host/host_clock.c tests/tls_host/host_system.c hal/host/entropy_host.c $(TLS_SRCS) net/tls/tls_test_seed.c \
    $(MBEDTLS_SRCS)
