/*
 * A fixed device seed for tests. Declared only when FL_TEST_BUILD is 1: in a release build
 * any reference to g_tls_test_seed is a compile error (undeclared identifier), and the
 * defining file (tls_test_seed.c) is linked into test variants only and has an #error for
 * release builds. A release image therefore cannot contain or use it.
 */
#ifndef NET_TLS_TLS_TEST_SEED_H
#define NET_TLS_TLS_TEST_SEED_H

#include <stdint.h>

#include "net/tls/tls_config.h"

#if FL_TEST_BUILD
extern const uint8_t g_tls_test_seed[TLS_DEVICE_SEED_SIZE];
#endif

#endif /* NET_TLS_TLS_TEST_SEED_H */
