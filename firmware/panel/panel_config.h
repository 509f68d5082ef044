/*
 * Panel limits and timings. Every value can be overridden by the board's board_config.h.
 */
#ifndef PANEL_CONFIG_H
#define PANEL_CONFIG_H

#include "board_config.h"

/* Watches (server + filters + label) the panel shows; at least 4. */
#ifndef PANEL_MAX_WATCHES
#define PANEL_MAX_WATCHES 4u
#endif

/* Characters of a watch label that are kept (display, console). */
#ifndef PANEL_LABEL_MAX_CHARS
#define PANEL_LABEL_MAX_CHARS 8u
#endif

/* A watch whose last success is older than this is stale. */
#ifndef PANEL_STALE_AFTER_MS
#define PANEL_STALE_AFTER_MS 300000u
#endif

/* LED outputs the pattern engine drives (a board may have fewer). */
#ifndef PANEL_MAX_LEDS
#define PANEL_MAX_LEDS 8u
#endif

/* Software PWM: period in timer ticks (1 ms each) and brightness steps (0..max). */
#ifndef PANEL_PWM_PERIOD_MS
#define PANEL_PWM_PERIOD_MS 10u
#endif
#define PANEL_BRIGHTNESS_MAX PANEL_PWM_PERIOD_MS

#ifndef PANEL_BRIGHTNESS_DEFAULT
#define PANEL_BRIGHTNESS_DEFAULT PANEL_BRIGHTNESS_MAX
#endif

/* Pattern timings (ms). */
#ifndef PANEL_SLOW_BLINK_PERIOD_MS
#define PANEL_SLOW_BLINK_PERIOD_MS 1000u
#endif
#ifndef PANEL_FAST_BLINK_PERIOD_MS
#define PANEL_FAST_BLINK_PERIOD_MS 250u
#endif
#ifndef PANEL_PULSE_PERIOD_MS
#define PANEL_PULSE_PERIOD_MS 2000u
#endif
#ifndef PANEL_WINK_PERIOD_MS
#define PANEL_WINK_PERIOD_MS 1000u
#endif
#ifndef PANEL_WINK_OFF_MS
#define PANEL_WINK_OFF_MS 150u
#endif
/* Wig-wag (not configured): LED 0 lit for the first half of the period, the others for the second. */
#ifndef PANEL_WIGWAG_PERIOD_MS
#define PANEL_WIGWAG_PERIOD_MS 1000u
#endif
/* Blink codes: n flashes of FLASH_ON_MS, FLASH_SLOT_MS apart, then dark until CYCLE_MS. */
#ifndef PANEL_CODE_FLASH_ON_MS
#define PANEL_CODE_FLASH_ON_MS 150u
#endif
#ifndef PANEL_CODE_FLASH_SLOT_MS
#define PANEL_CODE_FLASH_SLOT_MS 400u
#endif
#ifndef PANEL_CODE_CYCLE_MS
#define PANEL_CODE_CYCLE_MS 4000u
#endif

/* Display geometry the renderer draws for: width in pixels, height in 8-pixel pages. */
#ifndef PANEL_DISPLAY_WIDTH
#define PANEL_DISPLAY_WIDTH 96u
#endif
#ifndef PANEL_DISPLAY_PAGES
#define PANEL_DISPLAY_PAGES 2u
#endif

/* How long each display screen stays before the next one (summary, then process lines). */
#ifndef PANEL_SCREEN_MS
#define PANEL_SCREEN_MS 3000u
#endif

/* Process screens (two processes each) shown per watch in the rotation. */
#ifndef PANEL_PROCESS_SCREENS_MAX
#define PANEL_PROCESS_SCREENS_MAX 8u
#endif

/* Longest console panel line, including colour codes and CR LF. */
#ifndef PANEL_CONSOLE_LINE_MAX
#define PANEL_CONSOLE_LINE_MAX 96u
#endif

/* Longest process command the shortener reads (longer input is cut first); <= 65535. */
#ifndef PANEL_COMMAND_MAX_CHARS
#define PANEL_COMMAND_MAX_CHARS 256u
#endif

/* Words of a command the shortener looks at. */
#ifndef PANEL_COMMAND_MAX_WORDS
#define PANEL_COMMAND_MAX_WORDS 32u
#endif

#endif /* PANEL_CONFIG_H */
