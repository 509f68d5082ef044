/* forge_error: status mapping and the Laravel error envelope. */
#include "firmware/forge/forge_error.h"

#define HTTP_OK                   200u
#define HTTP_UNAUTHORIZED         401u
#define HTTP_FORBIDDEN            403u
#define HTTP_NOT_FOUND            404u
#define HTTP_UNPROCESSABLE        422u
#define HTTP_TOO_MANY_REQUESTS    429u
#define HTTP_SERVICE_UNAVAILABLE  503u
#define HTTP_SERVER_ERROR_FIRST   500u
#define HTTP_SERVER_ERROR_LAST    599u

ForgeApiResult_t ForgeError_FromHttpStatus(uint16_t http_status)
{
    ForgeApiResult_t result;
    switch (http_status) {
    case HTTP_OK:                  result = FORGE_RESULT_OK; break;
    case HTTP_UNAUTHORIZED:        result = FORGE_RESULT_UNAUTHORIZED; break;
    case HTTP_FORBIDDEN:           result = FORGE_RESULT_FORBIDDEN; break;
    case HTTP_NOT_FOUND:           result = FORGE_RESULT_NOT_FOUND; break;
    case HTTP_UNPROCESSABLE:       result = FORGE_RESULT_VALIDATION; break;
    case HTTP_TOO_MANY_REQUESTS:   result = FORGE_RESULT_RATE_LIMITED; break;
    case HTTP_SERVICE_UNAVAILABLE: result = FORGE_RESULT_MAINTENANCE; break;
    default:
        result = FORGE_RESULT_UNEXPECTED;
        if ((http_status >= HTTP_SERVER_ERROR_FIRST) && (http_status <= HTTP_SERVER_ERROR_LAST)) {
            result = FORGE_RESULT_SERVER_ERROR;
        }
        break;
    }
    return result;
}

static void ClearBody(ForgeErrorBody_t *out)
{
    out->has_message = false;
    out->message_truncated = false;
    out->message_len = 0u;
    out->message[0] = '\0';
    out->has_field = false;
    out->field_truncated = false;
    out->field[0] = '\0';
}

static ForgeErrorStatus_t ErrorStatusFromJson(ForgeJsonStatus_t status)
{
    ForgeErrorStatus_t result;
    switch (status) {
    case FORGE_JSON_OK:            result = FORGE_ERROR_OK; break;
    case FORGE_JSON_ERR_ARG:       result = FORGE_ERROR_ERR_ARG; break;
    case FORGE_JSON_ERR_NO_TOKENS: result = FORGE_ERROR_ERR_TOO_LARGE; break;
    case FORGE_JSON_ERR_TYPE:
    case FORGE_JSON_ERR_RANGE:     result = FORGE_ERROR_ERR_SCHEMA; break;
    case FORGE_JSON_ERR_TRUNCATED:
    case FORGE_JSON_ERR_SYNTAX:
    case FORGE_JSON_ERR_DEPTH:
    default:                       result = FORGE_ERROR_ERR_SYNTAX; break;
    }
    return result;
}

static ForgeErrorStatus_t ParseMessage(const ForgeJsonDoc_t *doc, size_t value,
                                       ForgeErrorBody_t *out)
{
    ForgeErrorStatus_t status = FORGE_ERROR_OK;
    ForgeJsonKind_t kind = ForgeJson_Kind(doc, value);
    if (kind == FORGE_JSON_KIND_STRING) {
        status = ErrorStatusFromJson(ForgeJson_CopyString(doc, value, out->message,
                                                          sizeof out->message, &out->message_len,
                                                          &out->message_truncated));
        out->has_message = true;
    } else if (kind != FORGE_JSON_KIND_NULL) {
        status = FORGE_ERROR_ERR_SCHEMA;
    } else {
        /* null: no message */
    }
    return status;
}

static ForgeErrorStatus_t ParseErrors(const ForgeJsonDoc_t *doc, size_t value,
                                      ForgeErrorBody_t *out)
{
    ForgeErrorStatus_t status = FORGE_ERROR_OK;
    ForgeJsonKind_t kind = ForgeJson_Kind(doc, value);
    if (kind == FORGE_JSON_KIND_OBJECT) {
        size_t first = ForgeJson_NextChild(doc, value, value);
        if (first != FORGE_JSON_NONE) {
            size_t len = 0u;
            status = ErrorStatusFromJson(ForgeJson_CopyString(doc, first, out->field,
                                                              sizeof out->field, &len,
                                                              &out->field_truncated));
            out->has_field = true;
        }
    } else if (kind != FORGE_JSON_KIND_NULL) {
        status = FORGE_ERROR_ERR_SCHEMA;
    } else {
        /* null: no field errors */
    }
    return status;
}

static ForgeErrorStatus_t ParseErrorTop(const ForgeJsonDoc_t *doc, ForgeErrorBody_t *out)
{
    ForgeErrorStatus_t status = FORGE_ERROR_OK;
    bool seen_message = false;
    bool seen_errors = false;
    /* bound: NextChild returns strictly increasing indices below doc->count */
    size_t key = ForgeJson_NextChild(doc, 0u, 0u);
    while ((status == FORGE_ERROR_OK) && (key != FORGE_JSON_NONE)) {
        if (ForgeJson_StringEquals(doc, key, "message")) {
            status = seen_message ? FORGE_ERROR_ERR_DUPLICATE_KEY
                                  : ParseMessage(doc, key + 1u, out);
            seen_message = true;
        } else if (ForgeJson_StringEquals(doc, key, "errors")) {
            status = seen_errors ? FORGE_ERROR_ERR_DUPLICATE_KEY
                                 : ParseErrors(doc, key + 1u, out);
            seen_errors = true;
        } else {
            /* other members are ignored */
        }
        key = ForgeJson_NextChild(doc, 0u, key);
    }
    return status;
}

ForgeErrorStatus_t ForgeError_Parse(const char *body, size_t body_len, jsmntok_t *pool,
                                    size_t pool_len, ForgeErrorBody_t *out)
{
    ForgeErrorStatus_t status = FORGE_ERROR_ERR_ARG;
    if ((body != NULL) && (pool != NULL) && (out != NULL)) {
        ForgeJsonDoc_t doc;
        ClearBody(out);
        status = ErrorStatusFromJson(ForgeJson_Parse(body, body_len, pool, pool_len, &doc));
        if (status == FORGE_ERROR_OK) {
            status = ParseErrorTop(&doc, out);
        }
        if (status != FORGE_ERROR_OK) {
            ClearBody(out);
        }
    }
    return status;
}

const char *ForgeError_ResultName(ForgeApiResult_t result)
{
    static const char *const names[FORGE_RESULT_COUNT] = {
        "ok", "unauthorized", "forbidden", "not found", "validation failed", "rate limited",
        "maintenance", "server error", "unexpected status",
    };
    const char *name = "unknown api result";
    if (((uint32_t)result) < (uint32_t)FORGE_RESULT_COUNT) {
        name = names[result];
    }
    return name;
}

const char *ForgeError_StatusName(ForgeErrorStatus_t status)
{
    static const char *const names[FORGE_ERROR_STATUS_COUNT] = {
        "ok", "bad argument", "too large", "syntax", "schema", "duplicate key",
    };
    const char *name = "unknown error-body status";
    if (((uint32_t)status) < (uint32_t)FORGE_ERROR_STATUS_COUNT) {
        name = names[status];
    }
    return name;
}
