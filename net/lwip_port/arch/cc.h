/*
 * lwIP architecture glue for forgelight (Cortex-M with newlib-nano, and the host for tests).
 * No printf: diagnostics are compiled out, assertions go to LwipPort_Assert.
 */
#ifndef LWIP_ARCH_CC_H
#define LWIP_ARCH_CC_H

#include <stdint.h>

#define BYTE_ORDER LITTLE_ENDIAN
#if !defined(__linux__)
#define LWIP_NO_UNISTD_H 1
#endif
#define LWIP_NO_INTTYPES_H 1
#define X8_F  "02x"
#define U16_F "u"
#define S16_F "d"
#define X16_F "x"
#define U32_F "lu"
#define S32_F "ld"
#define X32_F "lx"
#define SZT_F "u"

void LwipPort_Assert(const char *message, uint32_t line);

#define LWIP_PLATFORM_DIAG(x) do { } while (0)
#define LWIP_PLATFORM_ASSERT(x) LwipPort_Assert((x), (uint32_t)__LINE__)

#endif /* LWIP_ARCH_CC_H */
