/* Boot banner. FL_VERSION and FL_BOARD come from the Makefile, FL_BUILD_ID from build_id.h. */
#include "firmware/app/banner.h"

#include "build_id.h" /* generated: FL_BUILD_ID */
#include "firmware/log/log.h"

void Banner_Log(SystemResetCause_t reset_cause)
{
    LogLine_t line;
    Log_Begin(&line, LOG_LEVEL_INFO, "boot");
    Log_Str(&line, "forgelight ");
    Log_Str(&line, FL_VERSION);
    Log_Str(&line, " build ");
    Log_Str(&line, FL_BUILD_ID);
    Log_Str(&line, " board ");
    Log_Str(&line, FL_BOARD);
#if FL_TEST_BUILD
    Log_Str(&line, " (test build)");
#endif
    Log_End(&line);

    Log_Begin(&line, LOG_LEVEL_INFO, "boot");
    Log_Str(&line, "reset cause: ");
    Log_Str(&line, System_ResetCauseName(reset_cause));
    Log_End(&line);
}
