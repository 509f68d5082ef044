/* Canary for `make check`: cppcheck must report MISRA C:2012 Rule 15.6 (the body of an if is
 * not a compound statement) here. If the report is missing, the MISRA addon did not run and
 * the gate fails. This file is never compiled into anything. */
#include <stdint.h>

static int32_t canary_sign(int32_t value);

static int32_t canary_sign(int32_t value)
{
    int32_t sign = 0;
    if (value > 0) sign = 1;
    return sign;
}
