/* Entropy for host tests: the kernel's CSPRNG (getrandom), reported as full entropy. */
#include "hal/entropy.h"

#include <errno.h>
#include <sys/random.h>
#include <sys/types.h>

/* getrandom may return short reads when interrupted; bound the retries. */
#define ENTROPY_HOST_MAX_CALLS 16u

EntropyStatus_t Entropy_Read(uint8_t *output, size_t length)
{
    size_t filled = 0u;
    if (output != NULL)
    {
        for (uint32_t call = 0u; (call < ENTROPY_HOST_MAX_CALLS) && (filled < length); call++)
        {
            const ssize_t got = getrandom(&output[filled], length - filled, 0u);
            if (got > 0)
            {
                filled += (size_t)got;
            }
            else if (errno != EINTR)
            {
                break;
            }
            else
            {
                /* interrupted: try again */
            }
        }
    }
    return ((output != NULL) && (filled == length)) ? ENTROPY_OK : ENTROPY_FAILED;
}
