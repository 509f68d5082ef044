/* hal/system.h for host tests: a reset request ends the test process loudly. */
#include "hal/system.h"

#include <stdlib.h>

void System_Reset(SystemResetCause_t cause)
{
    (void)cause;
    abort();
}
