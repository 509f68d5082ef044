/*
 * Deliberately bad code for toolchain/check/selftest.sh: every tool of `make check` must
 * report its finding below, or the gate is broken. Never part of the firmware.
 */
#include <stdint.h>
#include <stdlib.h>

void Reset_Handler(void);
void SysTick_Handler(void);
int32_t Bad_Recurse(int32_t n);
int32_t Bad_Vla(uint32_t n);
int32_t Bad_Leak(int32_t v);
int32_t Bad_Null(int32_t v);
int32_t Bad_Complex(int32_t a, int32_t b, int32_t c);
int32_t Bad_Goto(int32_t v);
int32_t Bad_Indirect(int32_t (*fn)(int32_t), int32_t v);
int32_t Bad_BigFrame(int32_t v);

extern uint32_t __stack_end__;

typedef void (*Vector_t)(void);
typedef struct
{
    const uint32_t *sp;
    Vector_t handlers[15];
} Vectors_t;

/* cppcheck-suppress unusedStructMember ; DEV-999 not a registered deviation */
__attribute__((section(".isr_vector"), used)) static const Vectors_t g_vectors = {
    &__stack_end__, { Reset_Handler, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, NULL, NULL, NULL, SysTick_Handler } };

/* recursion through two functions: clang-tidy misc-no-recursion, stack bound (cycle) */
static volatile int32_t g_sink;
__attribute__((noinline)) static int32_t bad_other(int32_t n);

int32_t Bad_Recurse(int32_t n)
{
    int32_t r = 0;
    if (n > 0) {
        r = bad_other(n - 1);
        g_sink = r;
    }
    return r + n;
}

__attribute__((noinline)) static int32_t bad_other(int32_t n)
{
    int32_t r = Bad_Recurse(n);
    g_sink = r;
    return r * 3;
}

/* variable-length array: an unbounded (dynamic) frame for the stack bound */
int32_t Bad_Vla(uint32_t n)
{
    volatile int32_t buf[n + 1u];
    buf[0] = (int32_t)n;
    return buf[0];
}

/* malloc (banned) and a leak (gcc -fanalyzer) */
int32_t Bad_Leak(int32_t v)
{
    int32_t *p = malloc(sizeof(int32_t));
    if (p == NULL) {
        return 0;
    }
    *p = v;
    return 1;
}

/* NULL dereference (gcc -fanalyzer, clang-analyzer) */
int32_t Bad_Null(int32_t v)
{
    int32_t *p = NULL;
    if (v > 1000) {
        *p = v;
    }
    return v;
}

/* complexity over both limits (cyclomatic in check.mk, cognitive in .clang-tidy) */
int32_t Bad_Complex(int32_t a, int32_t b, int32_t c)
{
    int32_t r = 0;
    for (int32_t i = 0; i < a; i++) {
        if ((i > b) && (i < c)) {
            if ((i % 2) == 0) {
                while ((r < 100) && (r > -100)) {
                    r = (r > 0) ? (r - 3) : (r + 5);
                    if ((r == 7) || (r == 11) || (r == 13)) {
                        r++;
                    }
                }
            } else if (((i % 3) == 0) || ((i % 5) == 0) || ((i % 7) == 0) || (c == 9)) {
                r--;
            } else {
                r += (b > c) ? 1 : 2;
            }
        }
    }
    return r;
}

/* goto (banned) and a MISRA violation: Rule 15.6, if body without braces */
int32_t Bad_Goto(int32_t v)
{
    int32_t r = v;
    if (r > 10) r = 10;
    if (r < 0) {
        goto out;
    }
    r++;
out:
    return r;
}

/* an indirect call that toolchain/check/indirect_calls.txt does not declare */
int32_t Bad_Indirect(int32_t (*fn)(int32_t), int32_t v)
{
    return fn(v) + 1;
}

/* a frame far over the selftest's 512-byte stack budget */
int32_t Bad_BigFrame(int32_t v)
{
    volatile int32_t big[400];
    big[0] = v;
    big[399] = v;
    return big[0] + big[399];
}

void SysTick_Handler(void)
{
    (void)Bad_BigFrame(1);
}

void Reset_Handler(void)
{
    (void)Bad_Leak(3);
    (void)Bad_Recurse(3);
    (void)Bad_Vla(3u);
    (void)Bad_Null(3);
    (void)Bad_Complex(3, 4, 5);
    (void)Bad_Goto(3);
    (void)Bad_Indirect(Bad_Null, 3);
    for (;;) {
    }
}
