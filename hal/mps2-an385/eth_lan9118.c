/*
 * LAN9118 Ethernet driver for mps2-an385 (0x40200000, IRQ 13), 32-bit PIO through the FIFOs.
 * Receive: the interrupt (RX status FIFO level) only sets a flag and masks itself; the poll
 * loop reads frames with Eth_RxBegin/Read/End and the mask is lifted when the FIFO is empty.
 * Transmit: one frame per call, packed into FIFO words from the caller's gather list.
 */
#include "hal/eth.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "eth_lan9118_config.h"
#include "eth_lan9118_regs.h"
#include "hal/clock.h"
#include "mps2_regs.h"

#define WORD_BYTES      4u
#define BYTE_BITS       8u
#define BYTE_MASK       0xFFu
#define NVIC_PRIO_REGS_PER_WORD 4u

typedef struct
{
    bool ready;
    uint8_t mac[ETH_MAC_LEN];
    size_t rx_words_left;     /* FIFO words of the current frame not yet read */
    size_t rx_bytes_left;     /* frame bytes (without FCS) not yet given to the caller */
    size_t rx_frame_len;      /* length of the current frame (without FCS) */
    uint8_t carry[WORD_BYTES];
    size_t carry_pos;         /* next unread byte in carry */
    size_t carry_len;         /* valid bytes in carry */
    bool rx_active;
    bool link_up;
    uint16_t tx_tag;
    EthStats_t stats;
} EthState_t;

static EthState_t g_eth = {
    false, {0x52u, 0x54u, 0x00u, 0x12u, 0x34u, 0x56u}, 0u, 0u, 0u, {0u, 0u, 0u, 0u}, 0u, 0u, false, false, 0u,
    {0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u}};
static volatile bool g_pending;
static volatile uint32_t g_irq_count;

void Ethernet_IRQHandler(void);

static uint32_t reg_read(uint32_t offset)
{
    return Mps2_Read32(LAN_BASE + offset);
}

static void reg_write(uint32_t offset, uint32_t value)
{
    Mps2_Write32(LAN_BASE + offset, value);
}

/* Poll until (reg & mask) == want; bounded by spins and by timeout_ms. */
static bool wait_bits(uint32_t offset, uint32_t mask, uint32_t want, uint32_t timeout_ms)
{
    const uint32_t start = Clock_NowMs();
    bool done = false;
    for (uint32_t spin = 0u; (spin < ETH_WAIT_MAX_SPINS) && !done; spin++)
    {
        if ((reg_read(offset) & mask) == want)
        {
            done = true;
        }
        else if (Clock_ElapsedMs(Clock_NowMs(), start) > timeout_ms)
        {
            break;
        }
        else
        {
            /* keep polling */
        }
    }
    return done;
}

static bool mac_csr_wait(void)
{
    return wait_bits(LAN_MAC_CSR_CMD, LAN_MAC_CSR_BUSY, 0u, ETH_CSR_TIMEOUT_MS);
}

static bool mac_read(uint32_t index, uint32_t *value)
{
    bool ok = mac_csr_wait();
    if (ok)
    {
        reg_write(LAN_MAC_CSR_CMD, LAN_MAC_CSR_BUSY | LAN_MAC_CSR_READ | index);
        ok = mac_csr_wait();
    }
    *value = ok ? reg_read(LAN_MAC_CSR_DATA) : 0u;
    return ok;
}

static bool mac_write(uint32_t index, uint32_t value)
{
    bool ok = mac_csr_wait();
    if (ok)
    {
        reg_write(LAN_MAC_CSR_DATA, value);
        reg_write(LAN_MAC_CSR_CMD, LAN_MAC_CSR_BUSY | index);
        ok = mac_csr_wait();
    }
    return ok;
}

static bool mii_wait(void)
{
    const uint32_t start = Clock_NowMs();
    bool idle = false;
    bool failed = false;
    for (uint32_t spin = 0u; (spin < ETH_WAIT_MAX_SPINS) && !idle && !failed; spin++)
    {
        uint32_t acc = 0u;
        failed = !mac_read(LAN_MAC_MII_ACC, &acc);
        idle = !failed && ((acc & LAN_MII_ACC_BUSY) == 0u);
        if (!idle && (Clock_ElapsedMs(Clock_NowMs(), start) > ETH_CSR_TIMEOUT_MS))
        {
            failed = true;
        }
    }
    return idle;
}

static uint32_t mii_command(uint32_t phy_reg, bool write)
{
    return ((uint32_t)LAN_PHY_ADDR << LAN_MII_ACC_PHY_SHIFT) | (phy_reg << LAN_MII_ACC_REG_SHIFT) |
           (write ? LAN_MII_ACC_WRITE : 0u) | LAN_MII_ACC_BUSY;
}

static bool phy_read(uint32_t phy_reg, uint32_t *value)
{
    bool ok = mii_wait() && mac_write(LAN_MAC_MII_ACC, mii_command(phy_reg, false)) && mii_wait();
    *value = 0u;
    if (ok)
    {
        ok = mac_read(LAN_MAC_MII_DATA, value);
    }
    return ok;
}

static bool phy_write(uint32_t phy_reg, uint32_t value)
{
    return mii_wait() && mac_write(LAN_MAC_MII_DATA, value) &&
           mac_write(LAN_MAC_MII_ACC, mii_command(phy_reg, true)) && mii_wait();
}

static bool phy_init(void)
{
    bool ok = phy_write(LAN_PHY_BCR, LAN_PHY_BCR_RESET);
    const uint32_t start = Clock_NowMs();
    bool reset_done = false;
    for (uint32_t spin = 0u; ok && !reset_done && (spin < ETH_WAIT_MAX_SPINS); spin++)
    {
        uint32_t bcr = 0u;
        ok = phy_read(LAN_PHY_BCR, &bcr);
        reset_done = ((bcr & LAN_PHY_BCR_RESET) == 0u);
        if (!reset_done && (Clock_ElapsedMs(Clock_NowMs(), start) > ETH_RESET_TIMEOUT_MS))
        {
            ok = false;
        }
    }
    ok = ok && reset_done;
    ok = ok && phy_write(LAN_PHY_ANAR, LAN_PHY_ANAR_DEFAULT);
    return ok && phy_write(LAN_PHY_BCR, LAN_PHY_BCR_ANEG | LAN_PHY_BCR_ANEG_RESTART);
}

static bool soft_reset(void)
{
    reg_write(LAN_HW_CFG, LAN_HW_CFG_SRST);
    return wait_bits(LAN_HW_CFG, LAN_HW_CFG_SRST, 0u, ETH_RESET_TIMEOUT_MS) &&
           wait_bits(LAN_PMT_CTRL, LAN_PMT_CTRL_READY, LAN_PMT_CTRL_READY, ETH_RESET_TIMEOUT_MS);
}

static bool mac_init(const uint8_t mac[ETH_MAC_LEN])
{
    const uint32_t low = (uint32_t)mac[0] | ((uint32_t)mac[1] << 8u) | ((uint32_t)mac[2] << 16u) |
                         ((uint32_t)mac[3] << 24u);
    const uint32_t high = (uint32_t)mac[4] | ((uint32_t)mac[5] << 8u);
    return mac_write(LAN_MAC_ADDRL, low) && mac_write(LAN_MAC_ADDRH, high) &&
           mac_write(LAN_MAC_CR, LAN_MAC_CR_TXEN | LAN_MAC_CR_RXEN | LAN_MAC_CR_FDPX);
}

static void nvic_enable(void)
{
    const uint32_t prio_reg = LAN_NVIC_IPR_BASE + ((LAN_IRQ_NUMBER / NVIC_PRIO_REGS_PER_WORD) * WORD_BYTES);
    const uint32_t shift = (LAN_IRQ_NUMBER % NVIC_PRIO_REGS_PER_WORD) * BYTE_BITS;
    uint32_t prio = Mps2_Read32(prio_reg);
    prio &= ~((uint32_t)BYTE_MASK << shift);
    prio |= ((uint32_t)ETH_IRQ_PRIORITY & BYTE_MASK) << shift;
    Mps2_Write32(prio_reg, prio);
    Mps2_Write32(LAN_NVIC_ISER0, LAN_IRQ_BIT);
}

static bool device_present(void)
{
    return (reg_read(LAN_BYTE_TEST) == LAN_BYTE_TEST_VALUE) &&
           ((reg_read(LAN_ID_REV) & LAN_ID_REV_CHIP_MASK) == LAN_ID_REV_CHIP_9118);
}

EthStatus_t Eth_Init(const uint8_t mac[ETH_MAC_LEN])
{
    EthStatus_t status = ETH_OK;
    Mps2_Write32(LAN_NVIC_ICER0, LAN_IRQ_BIT);
    g_eth.ready = false;
    g_eth.rx_active = false;
    if (mac == NULL)
    {
        status = ETH_BAD_ARGUMENT;
    }
    else if (!device_present())
    {
        status = ETH_NO_DEVICE;
    }
    else if (!soft_reset() || !phy_init() || !mac_init(mac))
    {
        status = ETH_TIMEOUT;
    }
    else
    {
        (void)memcpy(g_eth.mac, mac, ETH_MAC_LEN);
        reg_write(LAN_RX_CFG, LAN_RX_CFG_RX_DUMP);
        reg_write(LAN_TX_CFG, LAN_TX_CFG_TX_ON | LAN_TX_CFG_TXSAO);
        reg_write(LAN_FIFO_INT, 0u);
        reg_write(LAN_INT_STS, LAN_INT_ALL);
        reg_write(LAN_IRQ_CFG, LAN_IRQ_CFG_EN | LAN_IRQ_CFG_POL_HIGH | LAN_IRQ_CFG_TYPE_PP);
        reg_write(LAN_INT_EN, LAN_INT_RSFL);
        g_eth.ready = true;
        nvic_enable();
    }
    return status;
}

void Eth_GetMac(uint8_t mac[ETH_MAC_LEN])
{
    (void)memcpy(mac, g_eth.mac, ETH_MAC_LEN);
}

bool Eth_LinkUp(void)
{
    uint32_t bsr = 0u;
    bool up = false;
    /* The link bit latches low: the second read gives the current state. */
    if (g_eth.ready && phy_read(LAN_PHY_BSR, &bsr) && phy_read(LAN_PHY_BSR, &bsr))
    {
        up = ((bsr & LAN_PHY_BSR_LINK) != 0u);
    }
    if (up != g_eth.link_up)
    {
        g_eth.link_up = up;
        g_eth.stats.link_changes++;
    }
    return up;
}

void Ethernet_IRQHandler(void)
{
    const uint32_t active = reg_read(LAN_INT_STS) & reg_read(LAN_INT_EN);
    /* Mask RX until the poll loop has drained the FIFO (the source is level-sensitive). */
    reg_write(LAN_INT_EN, reg_read(LAN_INT_EN) & ~LAN_INT_RSFL);
    reg_write(LAN_INT_STS, active);
    g_irq_count = g_irq_count + 1u;
    g_pending = true;
}

bool Eth_TakePending(void)
{
    /* Advisory only: the poll loop always checks the FIFO, so a lost race costs nothing. */
    const bool pending = g_pending;
    g_pending = false;
    return pending;
}

static uint32_t rx_frames_waiting(void)
{
    return (reg_read(LAN_RX_FIFO_INF) >> LAN_RX_FIFO_INF_STATUS_SHIFT) & LAN_RX_FIFO_INF_STATUS_MASK;
}

static void rx_drain_words(size_t words)
{
    for (size_t i = 0u; i < words; i++)
    {
        (void)reg_read(LAN_RX_DATA_FIFO);
    }
}

/* Pop one status; returns false (frame drained) when it is unusable. */
static bool rx_take_status(size_t *length)
{
    const uint32_t status = reg_read(LAN_RX_STATUS_FIFO);
    const uint32_t length_field = (status >> LAN_RX_STS_LEN_SHIFT) & LAN_RX_STS_LEN_MASK;
    const size_t wire_len = (size_t)length_field;
    const size_t words = (wire_len + (WORD_BYTES - 1u)) / WORD_BYTES;
    const bool bad = ((status & (LAN_RX_STS_ERROR | LAN_RX_STS_FILTER_FAIL)) != 0u) ||
                     (wire_len < (ETH_FRAME_MIN + LAN_FCS_LEN)) ||
                     (wire_len > (ETH_FRAME_MAX + LAN_FCS_LEN));
    if (bad)
    {
        rx_drain_words(words);
        g_eth.stats.rx_errors++;
    }
    else
    {
        g_eth.rx_words_left = words;
        g_eth.rx_bytes_left = wire_len - LAN_FCS_LEN;
        g_eth.rx_frame_len = g_eth.rx_bytes_left;
        g_eth.carry_pos = 0u;
        g_eth.carry_len = 0u;
        g_eth.rx_active = true;
        *length = g_eth.rx_bytes_left;
    }
    return !bad;
}

EthStatus_t Eth_RxBegin(size_t *length)
{
    EthStatus_t status = ETH_NO_FRAME;
    if (!g_eth.ready)
    {
        status = ETH_NOT_READY;
    }
    else if (length == NULL)
    {
        status = ETH_BAD_ARGUMENT;
    }
    else
    {
        Eth_RxEnd();
        *length = 0u;
        for (uint32_t tries = 0u; (tries < ETH_RX_SKIP_MAX) && (status == ETH_NO_FRAME); tries++)
        {
            if (rx_frames_waiting() == 0u)
            {
                reg_write(LAN_INT_EN, reg_read(LAN_INT_EN) | LAN_INT_RSFL);
                break;
            }
            if (rx_take_status(length))
            {
                status = ETH_OK;
            }
        }
    }
    return status;
}

static void rx_fill_carry(void)
{
    const uint32_t word = reg_read(LAN_RX_DATA_FIFO);
    g_eth.rx_words_left--;
    for (size_t i = 0u; i < WORD_BYTES; i++)
    {
        g_eth.carry[i] = (uint8_t)((word >> (BYTE_BITS * (uint32_t)i)) & BYTE_MASK);
    }
    g_eth.carry_pos = 0u;
    g_eth.carry_len = WORD_BYTES;
}

EthStatus_t Eth_RxRead(uint8_t *dst, size_t length)
{
    EthStatus_t status = ETH_OK;
    if (!g_eth.rx_active)
    {
        status = ETH_NO_FRAME;
    }
    else if ((dst == NULL) || (length > g_eth.rx_bytes_left))
    {
        status = ETH_BAD_ARGUMENT;
    }
    else
    {
        size_t done = 0u;
        /* Each pass copies at least one byte: at most `length` passes. */
        for (size_t pass = 0u; (pass < length) && (done < length); pass++)
        {
            if ((g_eth.carry_pos == g_eth.carry_len) && (g_eth.rx_words_left > 0u))
            {
                rx_fill_carry();
            }
            size_t chunk = g_eth.carry_len - g_eth.carry_pos;
            if (chunk > (length - done))
            {
                chunk = length - done;
            }
            (void)memcpy(&dst[done], &g_eth.carry[g_eth.carry_pos], chunk);
            g_eth.carry_pos += chunk;
            done += chunk;
        }
        g_eth.rx_bytes_left -= length;
    }
    return status;
}

void Eth_RxEnd(void)
{
    if (g_eth.rx_active)
    {
        if (g_eth.rx_bytes_left == 0u)
        {
            g_eth.stats.rx_frames++;
            g_eth.stats.rx_bytes += (uint32_t)g_eth.rx_frame_len;
        }
        else
        {
            g_eth.stats.rx_dropped++;
        }
        rx_drain_words(g_eth.rx_words_left);
        g_eth.rx_words_left = 0u;
        g_eth.rx_bytes_left = 0u;
        g_eth.carry_pos = 0u;
        g_eth.carry_len = 0u;
        g_eth.rx_active = false;
    }
}

static size_t frame_length(const EthSegment_t *segments, size_t count)
{
    size_t total = 0u;
    /* Stops once the frame is too long (or a segment has no data), so the sum cannot wrap. */
    for (size_t i = 0u; (i < count) && (total <= ETH_FRAME_MAX); i++)
    {
        if (((segments[i].data == NULL) && (segments[i].length != 0u)) || (segments[i].length > ETH_FRAME_MAX))
        {
            total = ETH_FRAME_MAX + 1u;
        }
        else
        {
            total += segments[i].length;
        }
    }
    return total;
}

static bool tx_wait_space(size_t bytes)
{
    const uint32_t start = Clock_NowMs();
    bool room = false;
    for (uint32_t spin = 0u; (spin < ETH_WAIT_MAX_SPINS) && !room; spin++)
    {
        room = ((size_t)(reg_read(LAN_TX_FIFO_INF) & LAN_TX_FIFO_INF_FREE_MASK) >= bytes);
        if (!room && (Clock_ElapsedMs(Clock_NowMs(), start) > ETH_TX_SPACE_TIMEOUT_MS))
        {
            break;
        }
    }
    return room;
}

static void tx_write_data(const EthSegment_t *segments, size_t count)
{
    uint32_t word = 0u;
    uint32_t filled = 0u;
    for (size_t s = 0u; s < count; s++)
    {
        for (size_t i = 0u; i < segments[s].length; i++)
        {
            word |= (uint32_t)segments[s].data[i] << (BYTE_BITS * filled);
            filled++;
            if (filled == WORD_BYTES)
            {
                reg_write(LAN_TX_DATA_FIFO, word);
                word = 0u;
                filled = 0u;
            }
        }
    }
    if (filled != 0u)
    {
        reg_write(LAN_TX_DATA_FIFO, word);
    }
}

EthStatus_t Eth_Send(const EthSegment_t *segments, size_t count)
{
    EthStatus_t status = ETH_OK;
    const size_t total = (segments != NULL) ? frame_length(segments, count) : 0u;
    if (!g_eth.ready)
    {
        status = ETH_NOT_READY;
    }
    else if ((total < ETH_FRAME_MIN) || (total > ETH_FRAME_MAX))
    {
        status = ETH_BAD_ARGUMENT;
    }
    else if (!tx_wait_space(((((total + WORD_BYTES) - 1u) / WORD_BYTES) * WORD_BYTES) + LAN_TX_CMD_WORDS_BYTES))
    {
        g_eth.stats.tx_timeouts++;
        status = ETH_TIMEOUT;
    }
    else
    {
        const uint32_t len = (uint32_t)total & LAN_TX_CMD_LEN_MASK;
        g_eth.tx_tag++;
        reg_write(LAN_TX_DATA_FIFO, LAN_TX_CMD_A_FIRST | LAN_TX_CMD_A_LAST | len);
        reg_write(LAN_TX_DATA_FIFO, ((uint32_t)g_eth.tx_tag << LAN_TX_CMD_B_TAG_SHIFT) | len);
        tx_write_data(segments, count);
        g_eth.stats.tx_frames++;
        g_eth.stats.tx_bytes += len;
    }
    return status;
}

void Eth_GetStats(EthStats_t *stats)
{
    if (stats != NULL)
    {
        *stats = g_eth.stats;
        stats->irqs = g_irq_count;
    }
}
