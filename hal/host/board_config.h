/* Host (unit test) board: every module keeps its defaults unless a test overrides them. */
#ifndef BOARD_CONFIG_H
#define BOARD_CONFIG_H

#define BOARD_NAME               "host"
#define BOARD_CPU_HZ             1000000u

/* mbedTLS structures hold 64-bit pointers here: the same handshakes need about a third more
 * arena than on the 32-bit target (test_tls_client's test_minimum_arena prints the figure). */
#define TLS_ARENA_SIZE           40960u

/* The unit tests run both ends of a TCP connection in one lwIP stack over the loopback netif,
 * which copies every segment into the heap: the server's send buffer and the copies in
 * flight need more than the firmware's 4 KB heap (the firmware's sizing is exercised by the
 * QEMU suites). */
#define MEM_SIZE                 (16u * 1024u)

#endif /* BOARD_CONFIG_H */
