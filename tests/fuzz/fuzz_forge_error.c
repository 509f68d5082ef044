/*
 * libFuzzer harness for firmware/forge/forge_error: on success the message and field are
 * NUL-terminated inside their buffers (length matching); on error the output is cleared.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "firmware/forge/forge_error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static jsmntok_t g_pool[FORGE_ERROR_TOKEN_POOL_SIZE];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ForgeErrorBody_t out;
    ForgeErrorStatus_t status =
        ForgeError_Parse((const char *)data, size, g_pool, FORGE_ERROR_TOKEN_POOL_SIZE, &out);
    if ((memchr(out.message, '\0', sizeof out.message) == NULL) ||
        (memchr(out.field, '\0', sizeof out.field) == NULL) ||
        (out.message_len != strlen(out.message))) {
        abort();
    }
    if ((status != FORGE_ERROR_OK) &&
        (out.has_message || out.has_field || (out.message[0] != '\0') || (out.field[0] != '\0'))) {
        abort();
    }
    if (ForgeError_FromHttpStatus((uint16_t)size) > FORGE_RESULT_UNEXPECTED) {
        abort();
    }
    return 0;
}
