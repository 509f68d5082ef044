/*
 * CMSDK APB watchdog at 0x40008000, clocked by SYSCLK. The first unfed period raises its
 * interrupt (wired to NMI on mps2-an385); the second resets the system. Every register write
 * is bracketed by unlock/lock so stray stores cannot stop it.
 */
#include "hal/watchdog.h"
#include "hal/system.h"

#include "board_config.h"
#include "mps2_regs.h"
#include "exceptions.h"

#define WDOG_BASE         0x40008000u
#define WDOG_LOAD         (WDOG_BASE + 0x000u)
#define WDOG_CONTROL      (WDOG_BASE + 0x008u)
#define WDOG_INTCLR       (WDOG_BASE + 0x00Cu)
#define WDOG_RIS          (WDOG_BASE + 0x010u)
#define WDOG_LOCK         (WDOG_BASE + 0xC00u)
#define WDOG_CONTROL_INTEN 0x1u
#define WDOG_CONTROL_RESEN 0x2u
#define WDOG_RIS_INT      0x1u
#define WDOG_UNLOCK_KEY   0x1ACCE551u
#define WDOG_LOCK_KEY     0x0u
#define WDOG_TICKS_PER_MS (BOARD_CPU_HZ / 1000u)
/* The 32-bit counter at 25 MHz holds a little under 172 s. */
#define WDOG_MAX_TIMEOUT_MS (0xFFFFFFFFu / WDOG_TICKS_PER_MS)

/* QEMU's model counts from reset even when never started: only our own start counts. */
static bool g_started = false;

WatchdogStatus_t Watchdog_Start(uint32_t timeout_ms)
{
    WatchdogStatus_t status = WATCHDOG_BAD_TIMEOUT;
    if ((timeout_ms > 0u) && (timeout_ms <= WDOG_MAX_TIMEOUT_MS))
    {
        Mps2_Write32(WDOG_LOCK, WDOG_UNLOCK_KEY);
        Mps2_Write32(WDOG_LOAD, timeout_ms * WDOG_TICKS_PER_MS);
        Mps2_Write32(WDOG_INTCLR, 1u);
        Mps2_Write32(WDOG_CONTROL, WDOG_CONTROL_INTEN | WDOG_CONTROL_RESEN);
        Mps2_Write32(WDOG_LOCK, WDOG_LOCK_KEY);
        g_started = true;
        status = WATCHDOG_OK;
    }
    return status;
}

void Watchdog_Feed(void)
{
    Mps2_Write32(WDOG_LOCK, WDOG_UNLOCK_KEY);
    Mps2_Write32(WDOG_INTCLR, 1u); /* clears the interrupt and reloads the counter */
    Mps2_Write32(WDOG_LOCK, WDOG_LOCK_KEY);
}

bool Watchdog_Expired(void)
{
    return g_started && ((Mps2_Read32(WDOG_RIS) & WDOG_RIS_INT) != 0u);
}

void NMI_Handler(void);

/* The watchdog's first timeout arrives as the NMI on mps2-an385: a stall, not a fault. */
void NMI_Handler(void)
{
    if (Watchdog_Expired())
    {
        System_Reset(SYSTEM_RESET_WATCHDOG);
    }
    HardFault_Handler();
}
