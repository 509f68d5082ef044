# net/tls: TLS 1.2 client on mbedTLS (our sources: strict warnings; mbedTLS: its own flags).
# mbedTLS is configured by net/tls/mbedtls_config.h, for the library (TP_DEFS) and for our
# code (net/tls/tls_mbedtls.h sets the same MBEDTLS_CONFIG_FILE), found through -I. .
TP_INCLUDES += -isystem $(TP)/mbedtls/include
TP_DEFS += -DMBEDTLS_CONFIG_FILE=\"net/tls/mbedtls_config.h\"

TLS_SRCS := net/tls/tls_client.c net/tls/tls_connection.c net/tls/tls_status.c \
            net/tls/tls_rng.c net/tls/tls_time.c net/tls/tls_arena.c
# Target transport over net/tcp (host tests use a POSIX socket instead).
TLS_TARGET_SRCS := net/tls/tls_tcp.c
# Only what a TLS 1.2 ECDHE client with AES-GCM and X.509 (DER) needs.
MBEDTLS_LIB := $(TP)/mbedtls/library
MBEDTLS_SRCS := $(addprefix $(MBEDTLS_LIB)/, \
    aes.c asn1parse.c asn1write.c bignum.c cipher.c cipher_wrap.c constant_time.c ctr_drbg.c \
    ecdh.c ecdsa.c ecp.c ecp_curves.c entropy.c gcm.c md.c memory_buffer_alloc.c oid.c pk.c \
    pk_wrap.c pkparse.c platform.c platform_util.c rsa.c rsa_internal.c sha256.c sha512.c \
    ssl_ciphersuites.c ssl_cli.c ssl_msg.c ssl_tls.c x509.c x509_crt.c)

FW_SRCS += $(TLS_SRCS) $(TLS_TARGET_SRCS)
# The fixed test seed exists in the test variant only (tls_test_seed.c refuses to build
# without FL_TEST_BUILD=1).
FW_TEST_SRCS += net/tls/tls_test_seed.c
TP_FW_SRCS += $(MBEDTLS_SRCS)
