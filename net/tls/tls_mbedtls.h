/*
 * The only way our code includes mbedTLS: selects net/tls/mbedtls_config.h (the same file
 * the library is compiled with, see module.mk) so struct layouts always agree.
 */
#ifndef NET_TLS_TLS_MBEDTLS_H
#define NET_TLS_TLS_MBEDTLS_H

#ifndef MBEDTLS_CONFIG_FILE
#define MBEDTLS_CONFIG_FILE "net/tls/mbedtls_config.h"
#endif

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "mbedtls/ssl.h"
#include "mbedtls/x509_crt.h"

/* MBEDTLS_SSL_TLS_C without our marker: an mbedTLS header was included before this one and
 * pulled in mbedtls/config.h. (Neither defined: the headers are not visible, as for a
 * static analyser that skips system includes.) */
#if defined(MBEDTLS_SSL_TLS_C) && !defined(FL_MBEDTLS_CONFIG_IN_USE)
#error "mbedTLS was configured by another file than net/tls/mbedtls_config.h"
#endif

#endif /* NET_TLS_TLS_MBEDTLS_H */
