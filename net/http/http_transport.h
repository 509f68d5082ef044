/*
 * The byte-stream interface the HTTP client runs over: a table of functions plus an opaque
 * context. The TLS transport implements it on target; host tests implement it with a fake.
 *
 * Contract for implementations:
 *  - connect: open a connection to host:port within timeout_ms (blocking), or fail.
 *  - send: write all len bytes (or fail); *sent reports how many were accepted.
 *  - recv: wait at most timeout_ms for data; OK with *received > 0, TIMEOUT when nothing came,
 *    CLOSED when the peer ended the stream in order, ERROR otherwise.
 *  - close: release the connection; safe to call when not connected.
 *  - is_connected: false once the connection is known to be gone.
 */
#ifndef NET_HTTP_HTTP_TRANSPORT_H
#define NET_HTTP_HTTP_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    HTTP_TRANSPORT_OK = 0,
    HTTP_TRANSPORT_TIMEOUT,
    HTTP_TRANSPORT_CLOSED,
    HTTP_TRANSPORT_ERROR
} HttpTransportStatus_t;

typedef struct {
    HttpTransportStatus_t (*connect)(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms);
    HttpTransportStatus_t (*send)(void *ctx, const uint8_t *data, size_t len, size_t *sent);
    HttpTransportStatus_t (*recv)(void *ctx, uint8_t *buf, size_t cap, uint32_t timeout_ms,
                                  size_t *received);
    void (*close)(void *ctx);
    bool (*is_connected)(void *ctx);
    void *ctx;
} HttpTransport_t;

/* Monotonic milliseconds (wrapping at 2^32 is handled). */
typedef uint32_t (*HttpClockMs_t)(void *clock_ctx);

#endif /* NET_HTTP_HTTP_TRANSPORT_H */
