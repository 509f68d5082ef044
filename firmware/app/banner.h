/* The boot banner: product, version, build id, board and reset cause, in one log line. */
#ifndef BANNER_H
#define BANNER_H

#include "hal/system.h"

void Banner_Log(SystemResetCause_t reset_cause);

#endif /* BANNER_H */
