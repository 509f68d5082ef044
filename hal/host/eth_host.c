/* Host fake of hal/eth.h for unit tests: frames sent are recorded, frames to receive injected. */
#include "hal/eth.h"
#include "hal/host/eth_host.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ETH_HOST_QUEUE 4u

typedef struct
{
    uint8_t data[ETH_FRAME_MAX];
    size_t length;
} EthHostFrame_t;

static EthHostFrame_t g_rx[ETH_HOST_QUEUE];
static size_t g_rx_head;
static size_t g_rx_count;
static size_t g_rx_pos;
static bool g_rx_active;
static EthHostFrame_t g_last_tx;
static EthStats_t g_stats;
static bool g_link = true;
static bool g_present = true;
static bool g_ready;
static uint8_t g_mac[ETH_MAC_LEN] = {0x52u, 0x54u, 0x00u, 0x12u, 0x34u, 0x56u};

void EthHost_Reset(void)
{
    g_rx_head = 0u;
    g_rx_count = 0u;
    g_rx_pos = 0u;
    g_rx_active = false;
    g_last_tx.length = 0u;
    (void)memset(&g_stats, 0, sizeof g_stats);
    g_link = true;
    g_present = true;
    g_ready = false;
}

void EthHost_SetLink(bool up)
{
    g_link = up;
}

void EthHost_SetPresent(bool present)
{
    g_present = present;
}

bool EthHost_Inject(const uint8_t *frame, size_t length)
{
    bool ok = (g_rx_count < ETH_HOST_QUEUE) && (length >= ETH_FRAME_MIN) && (length <= ETH_FRAME_MAX);
    if (ok)
    {
        EthHostFrame_t *slot = &g_rx[(g_rx_head + g_rx_count) % ETH_HOST_QUEUE];
        (void)memcpy(slot->data, frame, length);
        slot->length = length;
        g_rx_count++;
    }
    return ok;
}

uint32_t EthHost_SentCount(void)
{
    return g_stats.tx_frames;
}

size_t EthHost_LastSent(uint8_t *buffer, size_t capacity)
{
    const size_t length = (g_last_tx.length < capacity) ? g_last_tx.length : capacity;
    (void)memcpy(buffer, g_last_tx.data, length);
    return g_last_tx.length;
}

EthStatus_t Eth_Init(const uint8_t mac[ETH_MAC_LEN])
{
    EthStatus_t status = g_present ? ETH_OK : ETH_NO_DEVICE;
    if (g_present)
    {
        (void)memcpy(g_mac, mac, ETH_MAC_LEN);
        g_ready = true;
    }
    return status;
}

void Eth_GetMac(uint8_t mac[ETH_MAC_LEN])
{
    (void)memcpy(mac, g_mac, ETH_MAC_LEN);
}

bool Eth_LinkUp(void)
{
    return g_ready && g_link;
}

EthStatus_t Eth_Send(const EthSegment_t *segments, size_t count)
{
    size_t total = 0u;
    EthStatus_t status = g_ready ? ETH_OK : ETH_NOT_READY;
    for (size_t i = 0u; (i < count) && (status == ETH_OK); i++)
    {
        if ((total + segments[i].length) > ETH_FRAME_MAX)
        {
            status = ETH_BAD_ARGUMENT;
        }
        else
        {
            (void)memcpy(&g_last_tx.data[total], segments[i].data, segments[i].length);
            total += segments[i].length;
        }
    }
    if ((status == ETH_OK) && (total < ETH_FRAME_MIN))
    {
        status = ETH_BAD_ARGUMENT;
    }
    if (status == ETH_OK)
    {
        g_last_tx.length = total;
        g_stats.tx_frames++;
        g_stats.tx_bytes += (uint32_t)total;
    }
    return status;
}

void Eth_RxEnd(void)
{
    if (g_rx_active)
    {
        if (g_rx_pos == g_rx[g_rx_head].length)
        {
            g_stats.rx_frames++;
        }
        else
        {
            g_stats.rx_dropped++;
        }
        g_rx_head = (g_rx_head + 1u) % ETH_HOST_QUEUE;
        g_rx_count--;
        g_rx_active = false;
    }
}

EthStatus_t Eth_RxBegin(size_t *length)
{
    EthStatus_t status = ETH_NO_FRAME;
    Eth_RxEnd();
    if (!g_ready)
    {
        status = ETH_NOT_READY;
    }
    else if (g_rx_count > 0u)
    {
        g_rx_active = true;
        g_rx_pos = 0u;
        *length = g_rx[g_rx_head].length;
        status = ETH_OK;
    }
    else
    {
        *length = 0u;
    }
    return status;
}

EthStatus_t Eth_RxRead(uint8_t *dst, size_t length)
{
    EthStatus_t status = ETH_NO_FRAME;
    if (g_rx_active)
    {
        status = ETH_BAD_ARGUMENT;
        if ((g_rx_pos + length) <= g_rx[g_rx_head].length)
        {
            (void)memcpy(dst, &g_rx[g_rx_head].data[g_rx_pos], length);
            g_rx_pos += length;
            status = ETH_OK;
        }
    }
    return status;
}

bool Eth_TakePending(void)
{
    return g_rx_count > 0u;
}

void Eth_GetStats(EthStats_t *stats)
{
    *stats = g_stats;
}
