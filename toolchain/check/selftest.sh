#!/bin/bash
# Self-test of the `make check` gate: runs the gate on selftest/bad.c (linked into a tiny ELF
# with a 512-byte stack) and requires each tool to report what it must; then breaks the MISRA
# addon and clang-tidy on purpose and requires the gate to report the tools as failed.
# Usage: toolchain/check/selftest.sh   (from anywhere; writes only under build/check-selftest)
set -u
export PYTHONDONTWRITEBYTECODE=1
cd "$(dirname "$0")/../.."
ROOT=${BUILD:-build}/check-selftest
OBJ=$ROOT/obj/toolchain/check/selftest
CC=${CROSS:-arm-none-eabi-}gcc
CPU="-mcpu=cortex-m3 -mthumb -mfloat-abi=soft"
FLAGS="$CPU -Os -ffunction-sections -fdata-sections -fno-common -ffreestanding"
failures=0
passes=0

rm -rf "$ROOT"
mkdir -p "$OBJ"
cat > "$ROOT/selftest.ld" <<'LD'
ENTRY(Reset_Handler)
__stack_size__ = 512;
SECTIONS
{
  .text 0x0 : { KEEP(*(.isr_vector)) *(.text .text.*) *(.rodata .rodata.*) }
  .data : { *(.data .data.*) }
  .bss : { *(.bss .bss.*) *(COMMON) }
  .stack (NOLOAD) : { . = ALIGN(8); . = . + __stack_size__; __stack_end__ = .; }
  end = .;
}
LD
"$CC" $FLAGS -fstack-usage -fcallgraph-info=su -std=c11 -c toolchain/check/selftest/bad.c \
    -o "$OBJ/bad.o" || { echo "selftest: cannot compile bad.c"; exit 1; }
"$CC" $CPU -nostartfiles --specs=nano.specs --specs=nosys.specs -Wl,--gc-sections \
    -T "$ROOT/selftest.ld" -Wl,-Map="$ROOT/selftest.map" "$OBJ/bad.o" -o "$ROOT/selftest.elf" \
    || { echo "selftest: cannot link bad.o"; exit 1; }

gate() {
    make --no-print-directory -f toolchain/check/check.mk BUILD="$ROOT" \
        CHECK_SRCS=toolchain/check/selftest/bad.c CHECK_INCLUDES="-I." CHECK_SYSTEM_INCLUDES= \
        CHECK_DEFS= CHECK_TARGET_FLAGS="$FLAGS" CHECK_OBJ_DIR="$ROOT/obj" \
        CHECK_ELF="$ROOT/selftest.elf" CHECK_OWN_DIRS=toolchain/check/selftest "$@"
}

expect() {  # tool, extended regex, what it proves
    if grep -Eq -- "$2" "$ROOT/check/$1.txt" 2>/dev/null; then
        passes=$((passes + 1)); echo "  ok   $1: $3"
    else
        failures=$((failures + 1)); echo "  FAIL $1: $3 (no /$2/ in $ROOT/check/$1.txt)"
    fi
}

echo "selftest: the gate on toolchain/check/selftest/bad.c"
gate > "$ROOT/gate.log" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && tail -n 2 "$ROOT/gate.log" | grep -Eq '^check: [1-9][0-9]* findings$'; then
    passes=$((passes + 1)); echo "  ok   summary: non-zero exit and '$(tail -n 2 "$ROOT/gate.log" | grep findings)'"
else
    failures=$((failures + 1)); echo "  FAIL summary: exit $rc, see $ROOT/gate.log"
fi
expect cppcheck   'bad\.c:[0-9]+:.*misra-c2012-15\.6'            "MISRA C:2012 violation (Rule 15.6)"
expect cppcheck   'bad\.c:[0-9]+:.*misra-c2012-17\.7|bad\.c:[0-9]+:.*misra-c2012-15\.1' "MISRA required/advisory rule on goto or discarded value"
expect clang-tidy 'bad\.c:[0-9]+:.*\[misc-no-recursion\]'        "recursion (clang-tidy)"
expect clang-tidy 'Bad_Complex.*readability-function-cognitive-complexity' "cognitive complexity over 15"
expect analyzer   'bad\.c:[0-9]+:.*-Wanalyzer-null-dereference'   "NULL dereference (gcc -fanalyzer)"
expect analyzer   'bad\.c:[0-9]+:.*-Wanalyzer-malloc-leak'        "leak (gcc -fanalyzer)"
expect complexity 'Bad_Complex has cyclomatic complexity'          "cyclomatic complexity over the limit"
expect stack      'recursion: (Bad_Recurse -> bad_other|bad_other -> Bad_Recurse)' "recursion (call-graph cycle)"
expect stack      'Bad_Vla has an unbounded \(dynamic\) frame'     "VLA: unbounded frame"
expect stack      'indirect call in Bad_Indirect is not declared'  "undeclared indirect call"
expect stack      'exceeds the 512 B budget'                       "bound over the linker's __stack_size__"
expect banned     'bad\.c:[0-9]+:.*malloc\(\) is forbidden'        "malloc"
expect banned     'bad\.c:[0-9]+:.*goto is forbidden'              "goto"
expect deviations 'bad\.c:[0-9]+:.*DEV-999 is not registered'      "suppression naming an unregistered deviation"

echo "selftest: broken tools must fail the gate, not pass it"
printf 'import sys\nsys.exit(0)\n' > "$ROOT/silent_addon.py"
gate MISRA_ADDON="$PWD/$ROOT/silent_addon.py" CLANG_TIDY=/nonexistent/clang-tidy \
    "$ROOT/check/cppcheck.txt" "$ROOT/check/clang-tidy.txt" > "$ROOT/broken.log" 2>&1
expect cppcheck   'tool error: canary'                             "MISRA addon that reports nothing"
expect clang-tidy 'tool error'                                     "clang-tidy that cannot run"

echo "selftest: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
