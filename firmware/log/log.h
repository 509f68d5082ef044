/*
 * Log: one line at a time, built in a caller-owned LogLine_t and written to a sink.
 * No printf, no varargs: a line is Log_Begin, any number of Log_Str/Log_Uint/Log_Int/Log_Hex,
 * then Log_End. Owns: the current level and sink. Promises: a line never exceeds
 * LOG_LINE_MAX bytes (overflow is marked with a trailing '~'); bytes that are not printable
 * ASCII are written as '?' so text from the network cannot drive the terminal.
 * Secrets are never passed to the log: there is deliberately no way to log raw bytes.
 *
 * Line format: "[   12.345] I tag: text\r\n" (seconds.millis since boot, level letter).
 */
#ifndef LOG_H
#define LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/log/log_config.h"

typedef enum
{
    LOG_LEVEL_ERROR = 0,
    LOG_LEVEL_WARN = 1,
    LOG_LEVEL_INFO = 2,
    LOG_LEVEL_DEBUG = 3
} LogLevel_t;

typedef void (*LogSink_t)(const char *text, size_t length);

typedef struct
{
    char text[LOG_LINE_MAX];
    size_t length;
    bool enabled;
    bool truncated;
} LogLine_t;

/* Set the sink (NULL: lines are dropped) and the level threshold. */
void Log_Init(LogSink_t sink, LogLevel_t level);
void Log_SetLevel(LogLevel_t level);
bool Log_IsEnabled(LogLevel_t level);

void Log_Begin(LogLine_t *line, LogLevel_t level, const char *tag);
void Log_Str(LogLine_t *line, const char *text);
/* At most max_length bytes of text (which need not be NUL-terminated). */
void Log_StrN(LogLine_t *line, const char *text, size_t max_length);
void Log_Uint(LogLine_t *line, uint32_t value);
void Log_Int(LogLine_t *line, int32_t value);
void Log_Hex(LogLine_t *line, uint32_t value);
void Log_End(LogLine_t *line);

/* Decimal text of value into out (NUL-terminated, at most capacity - 1 digits kept);
 * returns the number of characters written. Shared by every module that prints numbers. */
size_t Log_FormatUint(uint32_t value, char *out, size_t capacity);

/* One-shot line: tag and a single text. */
void Log_Message(LogLevel_t level, const char *tag, const char *text);

#endif /* LOG_H */
