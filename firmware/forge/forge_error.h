/*
 * forge_error: what a non-200 answer from the Forge API means.
 *   - ForgeError_FromHttpStatus: HTTP status -> ForgeApiResult_t (200 ok, 401, 403, 404, 422,
 *     429, 503 each distinct, other 5xx server error, anything else unexpected).
 *   - ForgeError_Parse: a Laravel error body {"message": "...", "errors": {field: [..]}} ->
 *     the message (bounded, truncation marked) and the first field named in "errors".
 *
 * Promises: the body is fully validated (forge_json) before anything is copied; on any error
 * the output is cleared (empty, NUL-terminated strings, flags false). "message" and "errors"
 * may be missing or null; another type, or either key twice, is an error. Other keys and the
 * contents of the "errors" arrays are ignored. The result of the HTTP status never depends on
 * the body: an HTML 503 page still maps to FORGE_RESULT_MAINTENANCE.
 */
#ifndef FORGE_ERROR_H
#define FORGE_ERROR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/forge/forge_config.h"
#include "firmware/forge/forge_json.h"

typedef enum {
    FORGE_RESULT_OK = 0,
    FORGE_RESULT_UNAUTHORIZED,   /* 401: no valid token */
    FORGE_RESULT_FORBIDDEN,      /* 403 */
    FORGE_RESULT_NOT_FOUND,      /* 404 */
    FORGE_RESULT_VALIDATION,     /* 422 */
    FORGE_RESULT_RATE_LIMITED,   /* 429 */
    FORGE_RESULT_MAINTENANCE,    /* 503 */
    FORGE_RESULT_SERVER_ERROR,   /* other 5xx */
    FORGE_RESULT_UNEXPECTED,     /* anything else, including other 2xx and 3xx */
    FORGE_RESULT_COUNT           /* number of results, not a result */
} ForgeApiResult_t;

typedef enum {
    FORGE_ERROR_OK = 0,
    FORGE_ERROR_ERR_ARG,
    FORGE_ERROR_ERR_TOO_LARGE,     /* more than the token pool */
    FORGE_ERROR_ERR_SYNTAX,        /* not a complete, valid JSON object (e.g. an HTML page) */
    FORGE_ERROR_ERR_SCHEMA,        /* message or errors of the wrong type */
    FORGE_ERROR_ERR_DUPLICATE_KEY,
    FORGE_ERROR_STATUS_COUNT       /* number of statuses, not a status */
} ForgeErrorStatus_t;

typedef struct {
    bool has_message;
    bool message_truncated;
    size_t message_len;
    char message[FORGE_MESSAGE_SIZE];
    bool has_field;
    bool field_truncated;
    char field[FORGE_ERROR_FIELD_SIZE];
} ForgeErrorBody_t;

ForgeApiResult_t ForgeError_FromHttpStatus(uint16_t http_status);

/* Short names for the log ("unauthorized", "syntax"); never NULL. */
const char *ForgeError_ResultName(ForgeApiResult_t result);
const char *ForgeError_StatusName(ForgeErrorStatus_t status);

ForgeErrorStatus_t ForgeError_Parse(const char *body, size_t body_len, jsmntok_t *pool,
                                    size_t pool_len, ForgeErrorBody_t *out);

#endif /* FORGE_ERROR_H */
