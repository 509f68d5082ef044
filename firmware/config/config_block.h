/*
 * Configuration block codec: ConfigData_t <-> block, read from a ConfigSource_t (memory or a
 * store slot) and written to memory or straight into a store slot.
 * Owns: the block format (toolchain/provision.py implements the same format; keep in step).
 * Promises: Decode reads at most the source's size and accepts a block only if its header,
 * CRC-32, every field and ConfigCheck_Data are all valid; Encode writes only blocks that
 * Decode accepts, and never more than `capacity` bytes (a slot: ConfigSource_SlotCapacity).
 * Trust anchors are referenced in place (config_types.h): a decoded ConfigData_t points into
 * the source it came from, and encoding reads them through those pointers.
 * No block-sized buffer: blocks move through stack pieces of CONFIG_IO_CHUNK_SIZE bytes.
 *
 * Format (all integers little-endian):
 *   offset 0  u32 magic 0x46434C46 ("FLCF")     offset 12 u32 sequence (run-time slots)
 *   offset 4  u16 format version                 offset 16 u32 base: CRC of the provisioned
 *   offset 6  u16 header size (24)                         block a slot was saved over, or 0
 *   offset 8  u32 payload length                 offset 20 u32 CRC-32 of bytes 0..19 + payload
 *   offset 24 payload: fields, each u8 tag, u8 index, u16 length, then `length` value bytes.
 * Text values carry their terminating NUL (length = characters + 1); integers have their exact
 * width; `index` is the watch or anchor number (0 for other fields). A tag may appear once
 * (per index); unknown tags are refused. Tags: see ConfigTag_t below. Optional fields (seed, MAC,
 * ...) may be absent, so a block written before a field existed still decodes in format 1.
 */
#ifndef CONFIG_BLOCK_H
#define CONFIG_BLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "firmware/config/config_source.h"
#include "firmware/config/config_types.h"
#include "hal/config_store.h"

#define CONFIG_BLOCK_MAGIC        0x46434C46u
#define CONFIG_BLOCK_HEADER_SIZE  24u
#define CONFIG_FIELD_HEADER_SIZE  4u
#define CONFIG_BLOCK_CRC_OFFSET   20u

typedef enum
{
    CONFIG_TAG_API_HOST = 0x01,    /* text */
    CONFIG_TAG_TOKEN = 0x02,       /* text */
    CONFIG_TAG_ORG = 0x03,         /* text */
    CONFIG_TAG_POLL = 0x04,        /* u32 seconds */
    CONFIG_TAG_BRIGHTNESS = 0x05,  /* u8 percent */
    CONFIG_TAG_DISPLAY = 0x06,     /* u8 0 off, 1 on */
    CONFIG_TAG_SEED = 0x07,        /* CONFIG_SEED_SIZE bytes */
    CONFIG_TAG_NET_MODE = 0x08,    /* u8 ConfigNetMode_t */
    CONFIG_TAG_ADDRESS = 0x09,     /* 4 bytes, network order */
    CONFIG_TAG_NETMASK = 0x0A,
    CONFIG_TAG_GATEWAY = 0x0B,
    CONFIG_TAG_DNS = 0x0C,
    CONFIG_TAG_SNTP = 0x0D,        /* text */
    CONFIG_TAG_MAC = 0x0E,         /* CONFIG_MAC_SIZE bytes; optional (absent: the board's own) */
    CONFIG_TAG_W_SERVER = 0x10,    /* u32; index = watch */
    CONFIG_TAG_W_LABEL = 0x11,     /* text */
    CONFIG_TAG_W_SORT = 0x12,      /* text */
    CONFIG_TAG_W_PAGE_SIZE = 0x13, /* u8 */
    CONFIG_TAG_W_USER = 0x14,      /* text */
    CONFIG_TAG_W_SITE = 0x15,      /* u32 */
    CONFIG_TAG_W_DIRECTORY = 0x16, /* text */
    CONFIG_TAG_W_EXPECTED = 0x17,  /* u16 */
    CONFIG_TAG_ANCHOR = 0x20       /* DER; index = anchor, in order from 0 */
} ConfigTag_t;

typedef struct
{
    uint32_t sequence;
    uint32_t base;
    uint32_t crc;
    size_t size;          /* header + payload */
} ConfigBlockInfo_t;

/* Header and CRC only (the fields are not looked at); the payload is read in pieces. */
ConfigStatus_t ConfigBlock_CheckFrom(const ConfigSource_t *source, ConfigBlockInfo_t *info);
ConfigStatus_t ConfigBlock_CheckHeader(const uint8_t *block, size_t available, ConfigBlockInfo_t *info);

/* Full decode into *data (which is overwritten even on failure): header and CRC first, then
 * the fields, each value read straight into its place in *data, except the trust anchors:
 * data->anchors[] point at their DER values in the source (ConfigSource_Map). From a store
 * slot they stay valid until that slot is next written; from memory (ConfigBlock_Decode) the
 * caller keeps `block` alive and unchanged for as long as *data is used. */
ConfigStatus_t ConfigBlock_DecodeFrom(const ConfigSource_t *source, ConfigData_t *data, ConfigBlockInfo_t *info);
ConfigStatus_t ConfigBlock_Decode(const uint8_t *block, size_t available, ConfigData_t *data,
                                  ConfigBlockInfo_t *info);

/* The header of a block with `payload` bytes; bytes 20..23 receive the CRC of bytes 0..19
 * only: the value to continue (ConfigCrc_Update) over the payload. */
void ConfigBlock_PutHeader(uint8_t header[CONFIG_BLOCK_HEADER_SIZE], size_t payload, uint32_t sequence,
                           uint32_t base);

/* Fill in the header of a block whose `payload` bytes are already at block + header size. */
void ConfigBlock_WriteHeader(uint8_t *block, size_t payload, uint32_t sequence, uint32_t base,
                             ConfigBlockInfo_t *info);

/* Encode a valid configuration into memory; *info receives its size and CRC. */
ConfigStatus_t ConfigBlock_Encode(const ConfigData_t *data, uint32_t sequence, uint32_t base,
                                  uint8_t *block, size_t capacity, ConfigBlockInfo_t *info);

/* Encode a valid configuration straight into a run-time store slot in two passes (sizing,
 * then ConfigStore_Begin, the payload in pieces, the rest of the header, and ConfigStore_Finish
 * with the magic last); *info receives its size and CRC. CONFIG_ERR_STORE when the store
 * refuses any step (the slot then holds no valid block). Not read back here.
 * data's anchors must not point into `slot` (Begin erases them): the caller picks the slot
 * (config_slots.c never writes the one in use). Should they anyway, the data no longer checks
 * after Begin and the write stops with CONFIG_ERR_STORE before the magic, so no block is left
 * that carries erased bytes as certificates. */
ConfigStatus_t ConfigBlock_EncodeToSlot(const ConfigData_t *data, uint32_t sequence, uint32_t base, uint32_t slot,
                                        ConfigBlockInfo_t *info);

/* A block streamed into a run-time store slot piece by piece, across calls (the anchor
 * rotation of the console receives its anchors line by line): the payload is programmed as it
 * arrives, whole store words at a time; only its last partial word waits here. Nothing is
 * valid until ConfigStream_Finish writes the header and then the magic. No block buffer. */
typedef struct
{
    uint32_t slot;
    size_t room;                            /* payload bytes that fit the slot */
    size_t length;                          /* payload bytes put so far (`pending` included) */
    uint32_t crc;                           /* CRC of header bytes 0..19 and the payload so far */
    uint8_t word[CONFIG_STORE_WORD_SIZE];   /* the payload's last, partial store word */
    size_t pending;                         /* bytes in word */
    ConfigStatus_t status;                  /* the first failure (CONFIG_ERR_STORE, _TOO_LARGE) */
} ConfigStream_t;

/* Opens run-time `slot` (ConfigStore_Begin: it holds no valid block from here on) for a block
 * whose header ConfigBlock_PutHeader made (its CRC field seeds the CRC). */
ConfigStatus_t ConfigStream_Open(uint32_t slot, const uint8_t header[CONFIG_BLOCK_HEADER_SIZE],
                                 ConfigStream_t *stream);

/* Appends payload bytes (programmed at once but for a partial last word). A failure sticks. */
void ConfigStream_Put(ConfigStream_t *stream, const uint8_t *bytes, size_t length);

/* Programs the partial last word (padded erased); no Put after it. */
ConfigStatus_t ConfigStream_Flush(ConfigStream_t *stream);

/* header's CRC field receives the stream's CRC; then header bytes 4..23 and last the magic are
 * programmed: the block is valid from here on. Flush first. */
ConfigStatus_t ConfigStream_Finish(ConfigStream_t *stream, uint8_t header[CONFIG_BLOCK_HEADER_SIZE]);

/* Payload bytes of every field of *data but the trust anchors (ConfigCheck_Fields must accept
 * it: CONFIG_ERR_VALUE etc. otherwise). */
ConfigStatus_t ConfigBlock_FieldsLength(const ConfigData_t *data, size_t *length);

/* Those fields into an open stream, in the order ConfigBlock_Encode writes them; the anchors
 * follow, each as ConfigBlock_StreamAnchorHeader and then its DER bytes. */
ConfigStatus_t ConfigBlock_StreamFields(const ConfigData_t *data, ConfigStream_t *stream);

/* The field header of anchor `index`, `length` DER bytes. */
void ConfigBlock_StreamAnchorHeader(size_t index, size_t length, ConfigStream_t *stream);

#endif /* CONFIG_BLOCK_H */
