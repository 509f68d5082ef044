/*
 * On-target TLS probe (mps2-an385 under QEMU, not part of the firmware): one TLS handshake
 * and GET over CMSDK UART1, which QEMU connects to openssl s_server on 127.0.0.1
 * (a reconnecting socket chardev). Two connections: a full handshake, then a resumed one.
 * Prints the arena figures of the 32-bit target and the handshake cost on UART0, then ends
 * the run through semihosting. Built and run by target_probe.sh.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hal/clock.h"
#include "hal/console.h"
#include "mps2_regs.h"
#include "net/tls/tls_client.h"
#include "semihosting.h"
#include "target_probe_anchors.h" /* generated: PROBE_ANCHOR_DER, PROBE_NOW */

#define UART1_BASE 0x40005000u
#define UART1_BAUDDIV 16u
#define PROBE_TIMEOUT_MS 60000u
#define PROBE_MAX_RUNS 2u
#define PROBE_RECONNECT_WAIT_MS 2500u

int main(void);

static TlsClient_t g_client;
static uint8_t g_reply[256];
static uint32_t g_boot_ms;

static bool Probe_Clock(int64_t *unix_seconds)
{
    *unix_seconds = (int64_t)PROBE_NOW + (int64_t)(Clock_NowMs() / 1000u);
    return true;
}

static void Probe_Print(const char *text)
{
    size_t length = 0u;
    while ((length < 200u) && (text[length] != '\0'))
    {
        length++;
    }
    (void)Console_Write((const uint8_t *)text, length);
}

static void Probe_PrintUint(uint32_t value)
{
    char digits[11];
    size_t n = 0u;
    uint32_t rest = value;
    do
    {
        digits[n] = (char)('0' + (char)(rest % 10u));
        n++;
        rest /= 10u;
    } while ((rest != 0u) && (n < sizeof(digits)));
    while (n > 0u)
    {
        n--;
        (void)Console_Write((const uint8_t *)&digits[n], 1u);
    }
}

static bool Probe_Wait(uint32_t mask, bool want_set, uint32_t start, uint32_t timeout_ms)
{
    bool ready = false;
    for (uint32_t spin = 0u; spin < 100000000u; spin++)
    {
        const bool set = (Mps2_Read32(UART1_BASE + MPS2_UART_STATE) & mask) != 0u;
        if (set == want_set)
        {
            ready = true;
            break;
        }
        if (Clock_ElapsedMs(Clock_NowMs(), start) >= timeout_ms)
        {
            break;
        }
    }
    return ready;
}

static TlsClientStatus_t Probe_Send(void *context, const uint8_t *data, size_t length,
                                    uint32_t timeout_ms, size_t *sent)
{
    const uint32_t start = Clock_NowMs();
    (void)context;
    *sent = 0u;
    for (size_t i = 0u; i < length; i++)
    {
        if (!Probe_Wait(MPS2_UART_STATE_TX_FULL, false, start, timeout_ms))
        {
            break;
        }
        Mps2_Write32(UART1_BASE + MPS2_UART_DATA, (uint32_t)data[i]);
        (*sent)++;
    }
    return (*sent > 0u) ? TLS_CLIENT_OK : TLS_CLIENT_TIMEOUT;
}

static TlsClientStatus_t Probe_Recv(void *context, uint8_t *buffer, size_t capacity,
                                    uint32_t timeout_ms, size_t *received)
{
    const uint32_t start = Clock_NowMs();
    (void)context;
    *received = 0u;
    if (Probe_Wait(MPS2_UART_STATE_RX_FULL, true, start, timeout_ms))
    {
        /* take what keeps arriving, with a short grace per byte */
        while ((*received < capacity) &&
               Probe_Wait(MPS2_UART_STATE_RX_FULL, true, Clock_NowMs(), 2u))
        {
            buffer[*received] = (uint8_t)(Mps2_Read32(UART1_BASE + MPS2_UART_DATA) & 0xFFu);
            (*received)++;
        }
    }
    return (*received > 0u) ? TLS_CLIENT_OK : TLS_CLIENT_TIMEOUT;
}

/* Read and drop UART1 input for wait_ms: QEMU only reads the socket while the UART can
 * take bytes, so draining is how it sees the server's close and reconnects. */
static void Probe_Drain(uint32_t wait_ms)
{
    const uint32_t start = Clock_NowMs();
    for (uint32_t spin = 0u; spin < 1000000000u; spin++)
    {
        if ((Mps2_Read32(UART1_BASE + MPS2_UART_STATE) & MPS2_UART_STATE_RX_FULL) != 0u)
        {
            (void)Mps2_Read32(UART1_BASE + MPS2_UART_DATA);
        }
        if (Clock_ElapsedMs(Clock_NowMs(), start) >= wait_ms)
        {
            break;
        }
    }
}

static void Probe_Report(const char *what, uint32_t handshake_ms, uint32_t handshake_ticks)
{
    TlsArenaUsage_t usage;
    TlsArena_GetUsage(&usage);
    Probe_Print("probe: ");
    Probe_Print(what);
    Probe_Print(" resumed=");
    Probe_PrintUint(TlsClient_WasResumed(&g_client) ? 1u : 0u);
    Probe_Print(" handshake_ms=");
    Probe_PrintUint(handshake_ms);
    Probe_Print(" handshake_timer0_ticks=");
    Probe_PrintUint(handshake_ticks);
    Probe_Print(" arena_peak_bytes=");
    Probe_PrintUint((uint32_t)usage.peak_bytes);
    Probe_Print(" arena_peak_blocks=");
    Probe_PrintUint((uint32_t)usage.peak_blocks);
    Probe_Print(" arena_now_bytes=");
    Probe_PrintUint((uint32_t)usage.current_bytes);
    Probe_Print(" arena_now_blocks=");
    Probe_PrintUint((uint32_t)usage.current_blocks);
    Probe_Print("\r\n");
}

static TlsClientStatus_t Probe_Run(const TlsTransport_t *transport)
{
    static const char request[] = "GET / HTTP/1.0\r\n\r\n";
    size_t count = 0u;
    const uint32_t start_ms = Clock_NowMs();
    const uint32_t start_ticks = Clock_CycleCount();
    TlsClientStatus_t status = TlsClient_Connect(&g_client, transport, PROBE_TIMEOUT_MS);
    const uint32_t ticks = Clock_CycleCount() - start_ticks;
    const uint32_t ms = Clock_ElapsedMs(Clock_NowMs(), start_ms);
    if (status == TLS_CLIENT_OK)
    {
        status = TlsClient_Send(&g_client, (const uint8_t *)request, sizeof(request) - 1u,
                                PROBE_TIMEOUT_MS, &count);
    }
    if (status == TLS_CLIENT_OK)
    {
        status = TlsClient_Recv(&g_client, g_reply, sizeof(g_reply), PROBE_TIMEOUT_MS, &count);
    }
    if ((status == TLS_CLIENT_OK) && (count >= 8u) && (g_reply[0] == (uint8_t)'H'))
    {
        Probe_Report("GET ok", ms, ticks);
    }
    else
    {
        Probe_Print("probe: failed: ");
        Probe_Print(TlsClient_StatusName(status));
        Probe_Print(" mbedtls=-0x");
        Probe_PrintUint((uint32_t)(-TlsClient_LastError(&g_client)));
        Probe_Print(" (decimal)\r\n");
    }
    TlsClient_Close(&g_client);
    return status;
}

int main(void)
{
    static const uint8_t seed[TLS_DEVICE_SEED_SIZE] = {0x5au, 0x17u, 0x33u, 0x90u};
    static const TlsTrustAnchor_t anchor = {PROBE_ANCHOR_DER, sizeof(PROBE_ANCHOR_DER)};
    const TlsClientConfig_t config = {&anchor, 1u, "forge.laravel.com", seed, sizeof(seed)};
    const TlsTransport_t transport = {&Probe_Send, &Probe_Recv, NULL};
    TlsClientStatus_t status;
    Console_Init();
    Clock_Init();
    g_boot_ms = Clock_NowMs();
    Mps2_Write32(UART1_BASE + MPS2_UART_BAUDDIV, UART1_BAUDDIV);
    Mps2_Write32(UART1_BASE + MPS2_UART_CTRL, MPS2_UART_CTRL_TX_EN | MPS2_UART_CTRL_RX_EN);
    TlsTime_SetWallClock(&Probe_Clock);
    status = TlsClient_Init(&g_client, &config);
    if (status == TLS_CLIENT_OK)
    {
        Probe_Report("init", 0u, 0u);
        for (uint32_t run = 0u; (run < PROBE_MAX_RUNS) && (status == TLS_CLIENT_OK); run++)
        {
            if (run > 0u)
            {
                Probe_Drain(PROBE_RECONNECT_WAIT_MS);
            }
            TlsArena_ResetPeak();
            status = Probe_Run(&transport);
        }
    }
    else
    {
        Probe_Print("probe: init failed\r\n");
    }
    Semihosting_Exit((status == TLS_CLIENT_OK) ? 0u : 1u);
    return 0;
}
