#!/usr/bin/env bash
# Program a built (and provisioned) forgelight ELF into a connected board through a debug probe
# with OpenOCD: `program <elf> verify reset exit`. Installs the Debian package `openocd` when it
# is missing (sudo when not root). Used by `make flash`.
#
#   toolchain/flash.sh [ELF]            default ELF: build/$BOARD/forgelight.elf
#
#   OPENOCD_INTERFACE  probe config      default interface/cmsis-dap.cfg
#                                        (others: interface/stlink.cfg, interface/jlink.cfg)
#   OPENOCD_TARGET     target config     required, e.g. target/stm32f4x.cfg; there is no default:
#                                        an MPS2+ (AN385) is loaded from its microSD (README) and
#                                        QEMU needs no flashing
#   OPENOCD_ADAPTER_SPEED  kHz           optional (adapter speed)
#   BOARD              board folder      default mps2-an385 (only for the default ELF path)
#
# Exit status: 0 programmed and verified; 2 bad arguments or settings; 3 no probe answered;
# 1 anything else OpenOCD reported (its output is kept in flash-openocd.log next to the ELF).
set -euo pipefail

readonly EXIT_USAGE=2
readonly EXIT_NO_PROBE=3

die() {
  local code=$1
  shift
  printf 'flash: %s\n' "$*" >&2
  exit "$code"
}

usage() {
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
}

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  -*) die "$EXIT_USAGE" "unknown option '$1' (see --help)" ;;
  *) ;;
esac
[ $# -le 1 ] || die "$EXIT_USAGE" "one ELF at most, got $# arguments (see --help)"

board=${BOARD:-mps2-an385}
elf=${1:-build/$board/forgelight.elf}
interface=${OPENOCD_INTERFACE:-interface/cmsis-dap.cfg}
target=${OPENOCD_TARGET:-}

[ -f "$elf" ] || die "$EXIT_USAGE" "no ELF at '$elf' (build it with 'make', provision it with toolchain/provision.py)"
[ "$(head -c 4 "$elf" | od -An -tx1 | tr -d ' \n')" = "7f454c46" ] \
  || die "$EXIT_USAGE" "'$elf' is not an ELF file (flash the .elf; .bin/.hex are for other loaders)"
# The path goes into a Tcl command inside braces: braces and line breaks would end it early.
case "$elf" in
  *[{}]*|*$'\n'*) die "$EXIT_USAGE" "ELF path '$elf' contains a brace or a line break" ;;
  *) ;;
esac
[ -n "$target" ] || die "$EXIT_USAGE" "OPENOCD_TARGET is not set: name your chip's OpenOCD target config, e.g.
  make flash OPENOCD_TARGET=target/stm32f4x.cfg [OPENOCD_INTERFACE=interface/stlink.cfg]
(board '$board' has no default; an MPS2+ AN385 is loaded from its microSD, see README)"
if [ -n "${OPENOCD_ADAPTER_SPEED:-}" ]; then
  [[ "$OPENOCD_ADAPTER_SPEED" =~ ^[1-9][0-9]{0,5}$ ]] \
    || die "$EXIT_USAGE" "OPENOCD_ADAPTER_SPEED must be a speed in kHz, not '$OPENOCD_ADAPTER_SPEED'"
fi

# Configs given as paths are checked here; names such as interface/x.cfg are OpenOCD's own.
for cfg in "$interface" "$target"; do
  case "$cfg" in
    /*|./*|../*) [ -f "$cfg" ] || die "$EXIT_USAGE" "no OpenOCD config at '$cfg'" ;;
    *) ;;
  esac
done

if ! command -v openocd >/dev/null 2>&1; then
  echo "flash: installing openocd"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die 1 "openocd is missing and neither root nor sudo is available to install it"
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends openocd >/dev/null
fi

args=(-f "$interface" -f "$target")
if [ -n "${OPENOCD_ADAPTER_SPEED:-}" ]; then
  args+=(-c "adapter speed $OPENOCD_ADAPTER_SPEED")  # after the target: its config sets one too
fi
args+=(-c "program {$elf} verify reset exit")

log_dir=$(dirname "$elf")
log="$log_dir/flash-openocd.log"
echo "flash: openocd ${args[*]}"
status=0
openocd "${args[@]}" >"$log" 2>&1 || status=$?
if [ "$status" -eq 0 ]; then
  echo "flash: $elf programmed, verified and reset"
  exit 0
fi

cat "$log" >&2
if grep -Eqi 'no (cmsis-dap|j-link|st-?link)? ?device found|unable to find (a matching )?(cmsis-dap|st-?link)|open failed|unable to open|libusb_open\(\) failed|no device found|error connecting dp|cannot read idr|init mode failed' "$log"; then
  die "$EXIT_NO_PROBE" "no debug probe answered on '$interface': check the USB cable and the board's power, that the probe is not in use by another program, its udev permissions (or run as root), and OPENOCD_INTERFACE/OPENOCD_TARGET (log: $log)"
fi
die 1 "openocd failed (status $status) programming '$elf'; its output is above and in $log"
