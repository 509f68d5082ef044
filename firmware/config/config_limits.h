/*
 * Limits of the configuration block and of the console's edits (firmware/config/).
 * Every value can be overridden by a board in its board_config.h or with -D; these are the
 * defaults. toolchain/provision.py reads this file, so the host tool and the firmware always
 * agree. "_MAX_LEN" counts characters without the terminating NUL; "_SIZE" includes it.
 */
#ifndef CONFIG_LIMITS_H
#define CONFIG_LIMITS_H

#include "board_config.h"

/* Block format: bump CONFIG_FORMAT_VERSION on any incompatible change of the layout. */
#ifndef CONFIG_FORMAT_VERSION
#define CONFIG_FORMAT_VERSION       1u
#endif

/* Largest encoded block (header + fields). A static assert in config_block.c proves that a
 * block holding every field at its maximum fits. A board's slot must be at least this big. */
#ifndef CONFIG_BLOCK_MAX_SIZE
#define CONFIG_BLOCK_MAX_SIZE       12288u
#endif

/* Bytes the codec moves between the store and RAM at a time (a stack buffer while reading or
 * writing a block; no block-sized buffer exists anywhere). A multiple of 4: the store programs
 * whole words. */
#ifndef CONFIG_IO_CHUNK_SIZE
#define CONFIG_IO_CHUNK_SIZE        64u
#endif

/* Text fields. */
#ifndef CONFIG_HOST_MAX_LEN
#define CONFIG_HOST_MAX_LEN         63u
#endif
#ifndef CONFIG_TOKEN_MAX_LEN
#define CONFIG_TOKEN_MAX_LEN        1024u
#endif
#ifndef CONFIG_ORG_MAX_LEN
#define CONFIG_ORG_MAX_LEN          64u
#endif
#ifndef CONFIG_LABEL_MAX_LEN
#define CONFIG_LABEL_MAX_LEN        16u
#endif
#ifndef CONFIG_SORT_MAX_LEN
#define CONFIG_SORT_MAX_LEN         31u
#endif
#ifndef CONFIG_SORT_MAX_KEYS
#define CONFIG_SORT_MAX_KEYS        4u
#endif
#ifndef CONFIG_FILTER_USER_MAX_LEN
#define CONFIG_FILTER_USER_MAX_LEN  32u
#endif
#ifndef CONFIG_FILTER_DIR_MAX_LEN
#define CONFIG_FILTER_DIR_MAX_LEN   95u
#endif

/* Watches (one Forge server each, with optional filters). */
#ifndef CONFIG_MAX_WATCHES
#define CONFIG_MAX_WATCHES          4u
#endif
#ifndef CONFIG_PAGE_SIZE_MAX
#define CONFIG_PAGE_SIZE_MAX        30u
#endif

/* Trust anchors: DER certificates, read in place from the block (never copied to RAM); the
 * total bounds their sum (the block size, and what the TLS client parses). 8 KiB holds every
 * root Cloudflare's Universal SSL may chain to today with room to spare: ISRG Root X1 (RSA-4096,
 * 1,391 B) and X2 (P-384, ~541 B), GTS Root R1 (RSA-4096, ~1,371 B) and R4 (P-384, ~526 B),
 * SSL.com's RSA (~1.5 KB) and ECC (~650 B) roots: about 6 KB. Anchors stay in flash, so these
 * limits cost no RAM beyond one pointer and length per anchor (TlsTrustAnchor_t). */
#ifndef CONFIG_MAX_ANCHORS
#define CONFIG_MAX_ANCHORS          8u
#endif
#ifndef CONFIG_ANCHOR_MAX_LEN
#define CONFIG_ANCHOR_MAX_LEN       2048u
#endif
#ifndef CONFIG_ANCHORS_TOTAL_MAX
#define CONFIG_ANCHORS_TOTAL_MAX    8192u
#endif

/* Poll interval in seconds (the Forge rate limit is 60 requests per minute per user). */
#ifndef CONFIG_POLL_MIN_S
#define CONFIG_POLL_MIN_S           10u
#endif
#ifndef CONFIG_POLL_MAX_S
#define CONFIG_POLL_MAX_S           3600u
#endif
#ifndef CONFIG_POLL_DEFAULT_S
#define CONFIG_POLL_DEFAULT_S       60u
#endif

/* LED brightness in percent. */
#ifndef CONFIG_BRIGHTNESS_MAX
#define CONFIG_BRIGHTNESS_MAX       100u
#endif
#ifndef CONFIG_BRIGHTNESS_DEFAULT
#define CONFIG_BRIGHTNESS_DEFAULT   50u
#endif

/* Per-device entropy seed mixed into the DRBG (bytes). */
#ifndef CONFIG_SEED_SIZE
#define CONFIG_SEED_SIZE            32u
#endif

/* Ethernet MAC address (optional field, key `mac`): octets. */
#ifndef CONFIG_MAC_SIZE
#define CONFIG_MAC_SIZE             6u
#endif

/* Derived sizes of the text buffers (incl. NUL). */
#define CONFIG_HOST_SIZE            (CONFIG_HOST_MAX_LEN + 1u)
#define CONFIG_TOKEN_SIZE           (CONFIG_TOKEN_MAX_LEN + 1u)
#define CONFIG_ORG_SIZE             (CONFIG_ORG_MAX_LEN + 1u)
#define CONFIG_LABEL_SIZE           (CONFIG_LABEL_MAX_LEN + 1u)
#define CONFIG_SORT_SIZE            (CONFIG_SORT_MAX_LEN + 1u)
#define CONFIG_FILTER_USER_SIZE     (CONFIG_FILTER_USER_MAX_LEN + 1u)
#define CONFIG_FILTER_DIR_SIZE      (CONFIG_FILTER_DIR_MAX_LEN + 1u)

#endif /* CONFIG_LIMITS_H */
