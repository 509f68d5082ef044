/* Limits of the HTTPS transport (a board may override them in board_config.h). */
#ifndef NET_HTTPS_HTTPS_CONFIG_H
#define NET_HTTPS_HTTPS_CONFIG_H

#include "board_config.h"

/* Longest wait for the TLS layer to take one request. */
#ifndef HTTPS_SEND_TIMEOUT_MS
#define HTTPS_SEND_TIMEOUT_MS 10000u
#endif

#endif /* NET_HTTPS_HTTPS_CONFIG_H */
