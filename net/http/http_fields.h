/*
 * Interpretation of response header fields into HttpResponse_t (internal to net/http, used
 * only by http_response.c). Framing fields set parser state; informative fields fill the
 * metadata and are ignored when malformed.
 */
#ifndef NET_HTTP_HTTP_FIELDS_H
#define NET_HTTP_HTTP_FIELDS_H

#include <stdbool.h>

#include "net/http/http_response.h"
#include "net/http/http_text.h"

/* Applies the field whose name and value are spans of ctx->line. truncated: the line was
 * longer than the kept buffer, so the value is incomplete. */
HttpResponseStatus_t HttpFields_Apply(HttpResponse_t *ctx, HttpTextSpan_t name, HttpTextSpan_t value,
                                      bool truncated);

/* Completes metadata that depends on several fields (Retry-After date minus Date). */
void HttpFields_Resolve(HttpResponseMeta_t *meta);

#endif /* NET_HTTP_HTTP_FIELDS_H */
