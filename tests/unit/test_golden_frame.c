/* test_golden_frame: golden-frame comparison shared by the display unit tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "firmware/panel/panel_config.h"
#include "tests/unit/test_golden_frame.h"

#define PBM_MAX 2048u

static bool g_update_golden; /* --update-golden on the command line */
static unsigned g_rewritten;  /* golden files the current case rewrote instead of comparing */

int GoldenFrame_Args(int argc, char **argv)
{
    int code = 0;
    for (int i = 1; (i < argc) && (code == 0); i++)
    {
        if (strcmp(argv[i], "--update-golden") == 0)
        {
            g_update_golden = true;
        }
        else
        {
            (void)fprintf(stderr, "usage: %s [--update-golden]\n", argv[0]);
            code = 2;
        }
    }
    return code;
}

static size_t FrameToPbm(const DisplayFrame_t *frame, char *out, size_t cap)
{
    size_t n = (size_t)snprintf(out, cap, "P1\n%u %u\n", (unsigned)PANEL_DISPLAY_WIDTH,
                                (unsigned)DISPLAY_FRAME_HEIGHT);
    for (size_t y = 0u; y < DISPLAY_FRAME_HEIGHT; y++)
    {
        for (size_t x = 0u; x < PANEL_DISPLAY_WIDTH; x++)
        {
            out[n++] = DisplayFrame_Pixel(frame, x, y) ? '1' : '0';
        }
        out[n++] = '\n';
    }
    assert_true(n < cap);
    out[n] = '\0';
    return n;
}

void GoldenFrame_Check(const char *path, const DisplayFrame_t *frame)
{
    static char rendered[PBM_MAX];
    static char golden[PBM_MAX];
    const size_t n = FrameToPbm(frame, rendered, sizeof rendered);
    if (g_update_golden)
    {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(rendered, 1u, n, f), n);
        assert_int_equal(fclose(f), 0);
        print_error("%s rewritten (--update-golden): nothing compared\n", path);
        g_rewritten++;
        return;
    }
    FILE *f = fopen(path, "rb");
    if (f == NULL)
    {
        print_error("golden %s missing (run from the repository root)\n", path);
        fail();
    }
    const size_t got = fread(golden, 1u, sizeof golden - 1u, f);
    (void)fclose(f);
    golden[got] = '\0';
    if (strcmp(golden, rendered) != 0)
    {
        print_error("%s differs from the rendering:\n%s\n", path, rendered);
        fail();
    }
}

int GoldenFrame_Teardown(void **state)
{
    (void)state;
    const unsigned rewritten = g_rewritten;
    g_rewritten = 0u;
    if (rewritten > 0u)
    {
        print_error("%u golden file(s) rewritten: an --update-golden run is not a pass\n", rewritten);
    }
    return (rewritten > 0u) ? -1 : 0;
}
