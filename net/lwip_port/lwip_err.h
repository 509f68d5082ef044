/*
 * lwIP's err_t is a signed 8-bit integer holding err_enum_t values: compare them through
 * one signed type so the comparison is between like types (MISRA C:2012 Rule 10.4).
 */
#ifndef LWIP_ERR_H
#define LWIP_ERR_H

#include <stdbool.h>
#include <stdint.h>

#include "lwip/err.h"

static inline bool LwipErr_Is(err_t err, err_enum_t code)
{
    return (int32_t)err == (int32_t)code;
}

#endif /* LWIP_ERR_H */
