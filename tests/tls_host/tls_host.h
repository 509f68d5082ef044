/*
 * Host-side helpers for the TLS client tests: the throwaway PKI (make_pki.sh), openssl
 * s_server on 127.0.0.1 (started and killed by PID, bounded by `timeout`), a POSIX socket
 * transport for TlsClient, and raw listeners for timeout and close cases. Test code only.
 */
#ifndef TESTS_TLS_HOST_TLS_HOST_H
#define TESTS_TLS_HOST_TLS_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "net/tls/tls_client.h"

#define TLS_HOST_PKI_DIR "build/tls-host-pki"
#define TLS_HOST_MAX_FILE 8192u

typedef struct
{
    pid_t pid;
    uint16_t port;
} TlsHostServer_t;

typedef struct
{
    int fd;
    size_t send_calls;
    size_t recv_calls;
} TlsHostSocket_t;

/* Generate (or reuse) the PKI under TLS_HOST_PKI_DIR. */
bool TlsHost_EnsurePki(void);

/* Read PKI file `name` into buffer; returns its length (0 on failure). */
size_t TlsHost_ReadPkiFile(const char *name, uint8_t *buffer, size_t capacity);

/* openssl s_server for chain `chain` (files <chain>.crt/.key/.chain) with extra options
 * (NULL-terminated list, may be NULL). Waits until it accepts. */
bool TlsHost_StartServer(TlsHostServer_t *server, const char *chain, const char *const *extra);
void TlsHost_StopServer(TlsHostServer_t *server);

/* A listening socket on 127.0.0.1 (random port) that nobody serves: connects complete in
 * the kernel backlog and then nothing is ever sent. */
int TlsHost_Listen(uint16_t *port);

bool TlsHost_Connect(TlsHostSocket_t *sock, uint16_t port);
void TlsHost_Close(TlsHostSocket_t *sock);

/* A TlsTransport_t over the socket. */
TlsTransport_t TlsHost_Transport(TlsHostSocket_t *sock);

#endif /* TESTS_TLS_HOST_TLS_HOST_H */
