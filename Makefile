# forgelight — top-level build. Out-of-tree (everything under $(BUILD)), parallel-safe.
#   make            firmware for $(BOARD): ELF, BIN, HEX and map under build/$(BOARD)/
#   make run        the main job (see README.md)
#   make test       every suite; ends with "N passed, N failed"
#   make check      static-analysis gate (zero findings)
#   make size       flash/RAM figures of the release firmware
#   make fuzz       long libFuzzer runs;  make bench  benchmarks
#   make clean      remove build/
# V=1 shows the commands.

BOARD ?= mps2-an385
BUILD ?= build
TP    := $(BUILD)/third_party
V     ?= 0
Q     := $(if $(filter 1,$(V)),,@)
PYTHON ?= python3
HOST_CC ?= gcc
FUZZ_CC ?= clang
FW_VERSION := 0.1.0
FW_BUILD_ID := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)$(shell git diff --quiet HEAD 2>/dev/null || echo -dirty)

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

include toolchain/warnings.mk
include toolchain/third_party.mk

# ---- module fragments -------------------------------------------------------------
# Each board folder has board.mk; each module folder under net/ and firmware/ has module.mk
# that appends its sources to FW_SRCS (our code, built for the target with STRICT_WARNINGS)
# and, where it compiles third-party code for the target, to TP_FW_SRCS.
# tests/unit/*.mk and tests/fuzz/*.mk declare host test and fuzz binaries.
FW_SRCS :=
FW_TEST_SRCS :=
TP_FW_SRCS :=
FW_INCLUDES := -Ihal/include -I. -Ihal/$(BOARD)
HOST_INCLUDES := -Ihal/include -I. -Ihal/host
UNIT_TESTS :=
FUZZERS :=
include hal/$(BOARD)/board.mk
include $(sort $(wildcard net/*/module.mk firmware/*/module.mk firmware/module.mk))
include $(sort $(wildcard tests/unit/*.mk))
include $(sort $(wildcard tests/fuzz/*.mk))
# Third-party sources appear only when the fetch has run: tell make that the fetch makes them,
# so a parallel build (`make -j`) on a fresh tree waits for it instead of finding no rule.
TP_ALL_SRCS := $(sort $(filter $(TP)/%,$(TP_FW_SRCS) $(foreach t,$(UNIT_TESTS),$($(t)_SRCS))))
$(TP_ALL_SRCS): | $(TP)/.fetched ;

# ---- tool installation --------------------------------------------------------------
DEPS_STAMP := $(BUILD)/.deps-installed
$(DEPS_STAMP): toolchain/install-deps.sh toolchain/packages.txt
	$(Q)bash toolchain/install-deps.sh
	$(Q)mkdir -p $(@D) && touch $@
deps: $(DEPS_STAMP)

# ---- third-party sources ------------------------------------------------------------
TP_STAMP := $(TP)/.fetched
$(TP_STAMP): toolchain/fetch-sources.sh toolchain/pins.sha256 | $(DEPS_STAMP)
	$(Q)bash toolchain/fetch-sources.sh $(BUILD)
fetch: $(TP_STAMP)

# ---- firmware (two variants: release and test) -------------------------------------
# The test variant defines FL_TEST_BUILD=1: semihosting exit codes, self-test hooks and
# test-only settings exist only there. A release image can never contain them.
# Certificates are never checked against a clock earlier than the last commit's time.
FW_BUILD_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 1764000000)
FW_DEFS := -DFL_VERSION=\"$(FW_VERSION)\" -DFL_BOARD=\"$(BOARD)\" -DFL_BUILD_EPOCH=$(FW_BUILD_EPOCH)u
FW_VARIANTS := release test
FW_DIR_release := $(BUILD)/$(BOARD)
FW_DIR_test    := $(BUILD)/$(BOARD)-test
FW_DEFS_release := -DFL_TEST_BUILD=0 -DNDEBUG
FW_DEFS_test    := -DFL_TEST_BUILD=1
# Sources that exist in one variant only (semihosting, self-tests, test seeds: test only).
BOARD_SRCS_test := $(BOARD_TEST_SRCS)
FW_SRCS_test    := $(FW_TEST_SRCS)

FW_CFLAGS := $(TARGET_COMMON_FLAGS) $(STRICT_WARNINGS) $(FW_DEFS) $(FW_INCLUDES) $(TP_INCLUDES) $(BOARD_CFLAGS)
TP_FW_CFLAGS := $(TARGET_COMMON_FLAGS) -std=gnu11 -w $(FW_INCLUDES) $(TP_INCLUDES) $(TP_DEFS) $(BOARD_CFLAGS)

define fw_variant
$(1)_OBJS := $$(patsubst %.c,$$(FW_DIR_$(1))/obj/%.o,$$(FW_SRCS) $$(FW_SRCS_$(1)) $$(BOARD_SRCS) $$(BOARD_SRCS_$(1))) \
             $$(patsubst $$(TP)/%.c,$$(FW_DIR_$(1))/tp/%.o,$$(TP_FW_SRCS))
$$(FW_DIR_$(1))/obj/%.o: %.c | $$(TP_STAMP) $$(FW_DIR_$(1))/build_id.h
	@mkdir -p $$(@D)
	$$(if $$(filter 1,$$(V)),,@echo "  CC [$(1)] $$<")
	$$(Q)$$(TARGET_CC) $$(FW_CFLAGS) $$(FW_DEFS_$(1)) -I$$(FW_DIR_$(1)) -MD -MP -c $$< -o $$@
$$(FW_DIR_$(1))/tp/%.o: $$(TP)/%.c | $$(TP_STAMP)
	@mkdir -p $$(@D)
	$$(if $$(filter 1,$$(V)),,@echo "  CC [$(1)] $$(notdir $$<)")
	$$(Q)$$(TARGET_CC) $$(TP_FW_CFLAGS) $$(FW_DEFS_$(1)) -MD -MP -c $$< -o $$@
$$(FW_DIR_$(1))/build_id.h: FORCE
	@mkdir -p $$(@D)
	@printf '#define FL_BUILD_ID "%s"\n' "$$(FW_BUILD_ID)" > $$@.tmp
	@cmp -s $$@.tmp $$@ && rm -f $$@.tmp || mv $$@.tmp $$@
$$(FW_DIR_$(1))/forgelight.elf: $$($(1)_OBJS) $$(BOARD_LDSCRIPT)
	$$(if $$(filter 1,$$(V)),,@echo "  LD [$(1)] $$@")
	$$(Q)$$(TARGET_CC) $$(TARGET_LDFLAGS) $$(BOARD_LDFLAGS) -T$$(BOARD_LDSCRIPT) -Wl,-Map=$$(FW_DIR_$(1))/forgelight.map \
	    $$($(1)_OBJS) -o $$@ > $$(FW_DIR_$(1))/link.log
$$(FW_DIR_$(1))/forgelight.bin: $$(FW_DIR_$(1))/forgelight.elf
	$$(Q)$$(TARGET_OBJCOPY) -O binary $$< $$@
$$(FW_DIR_$(1))/forgelight.hex: $$(FW_DIR_$(1))/forgelight.elf
	$$(Q)$$(TARGET_OBJCOPY) -O ihex $$< $$@
-include $$($(1)_OBJS:.o=.d)
endef
$(foreach v,$(FW_VARIANTS),$(eval $(call fw_variant,$(v))))

# The product's budget (256 KiB flash / 64 KiB RAM): the release objects linked against the
# board's memory-budget.ld. Fails while the image does not fit.
BUDGET_DIR := $(BUILD)/$(BOARD)-budget
$(BUDGET_DIR)/memory.ld: hal/$(BOARD)/memory-budget.ld
	@mkdir -p $(@D)
	$(Q)cp $< $@
$(BUDGET_DIR)/forgelight.elf: $(release_OBJS) $(BOARD_LDSCRIPT) $(BUDGET_DIR)/memory.ld
	$(if $(filter 1,$(V)),,@echo "  LD [budget] $@")
	$(Q)$(TARGET_CC) $(TARGET_LDFLAGS) -L$(BUDGET_DIR) $(BOARD_LDFLAGS) -T$(BOARD_LDSCRIPT) \
	    -Wl,-Map=$(BUDGET_DIR)/forgelight.map $(release_OBJS) -o $@
budget: $(BUDGET_DIR)/forgelight.elf

# The budget's flash and a RAM ceiling that only goes down (memory-budget-ceiling.ld): linked
# by every `make test`, so neither regresses silently while RAM is still above 64 KiB.
BUDGET_CEILING_DIR := $(BUILD)/$(BOARD)-budget-ceiling
$(BUDGET_CEILING_DIR)/memory.ld: hal/$(BOARD)/memory-budget-ceiling.ld
	@mkdir -p $(@D)
	$(Q)cp $< $@
$(BUDGET_CEILING_DIR)/forgelight.elf: $(release_OBJS) $(BOARD_LDSCRIPT) $(BUDGET_CEILING_DIR)/memory.ld
	$(if $(filter 1,$(V)),,@echo "  LD [budget-ceiling] $@")
	$(Q)$(TARGET_CC) $(TARGET_LDFLAGS) -L$(BUDGET_CEILING_DIR) $(BOARD_LDFLAGS) -T$(BOARD_LDSCRIPT) \
	    -Wl,-Map=$(BUDGET_CEILING_DIR)/forgelight.map $(release_OBJS) -o $@ > $(BUDGET_CEILING_DIR)/link.log
budget-ceiling: $(BUDGET_CEILING_DIR)/forgelight.elf

FW_ELF      := $(FW_DIR_release)/forgelight.elf
FW_TEST_ELF := $(FW_DIR_test)/forgelight.elf
firmware: $(FW_ELF) $(FW_DIR_release)/forgelight.bin $(FW_DIR_release)/forgelight.hex
firmware-test: $(FW_TEST_ELF) $(FW_DIR_test)/forgelight.bin
all: firmware

# ---- release check: no test-only code in the release image ---------------------------
# Test-only code is listed once: FW_TEST_SRCS (module.mk files) and BOARD_TEST_SRCS (board.mk).
# release-check rejects every global symbol and STT_FILE name of their test-variant objects
# in RELEASE_CHECK_ELF (default: the release ELF). `make -s print-test-srcs` prints the list.
TEST_ONLY_SRCS := $(FW_TEST_SRCS) $(BOARD_TEST_SRCS)
RELEASE_CHECK_ELF ?= $(FW_ELF)
print-test-srcs:
	@echo $(TEST_ONLY_SRCS)
release-check: $(RELEASE_CHECK_ELF) $(patsubst %.c,$(FW_DIR_test)/obj/%.o,$(TEST_ONLY_SRCS))
	$(Q)$(PYTHON) toolchain/release_check.py --elf $(RELEASE_CHECK_ELF) --obj-dir $(FW_DIR_test)/obj \
	    $(TEST_ONLY_SRCS)

# ---- host unit tests (cmocka, ASan + UBSan) -----------------------------------------
HOST_DIR := $(BUILD)/host
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
HOST_CFLAGS := -O1 -g $(STRICT_WARNINGS) $(SAN_FLAGS) -DFL_TEST_BUILD=1 -DFL_HOST=1 \
               -DFL_VERSION=\"$(FW_VERSION)\" -DFL_BOARD=\"host\" -DFL_BUILD_ID=\"host\" \
               $(HOST_INCLUDES) $(TP_INCLUDES)
HOST_TP_CFLAGS := -O1 -g -std=gnu11 -w $(SAN_FLAGS) $(HOST_INCLUDES) $(TP_INCLUDES) $(TP_DEFS)

$(HOST_DIR)/obj/%.o: %.c | $(TP_STAMP)
	@mkdir -p $(@D)
	$(if $(filter 1,$(V)),,@echo "  CC [host] $<")
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -MD -MP -c $< -o $@
$(HOST_DIR)/tp/%.o: $(TP)/%.c | $(TP_STAMP)
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HOST_TP_CFLAGS) -MD -MP -c $< -o $@

host_objs = $(patsubst $(TP)/%.c,$(HOST_DIR)/tp/%.o,$(filter $(TP)/%,$(1))) \
            $(patsubst %.c,$(HOST_DIR)/obj/%.o,$(filter-out $(TP)/%,$(1)))
define unit_test
$(HOST_DIR)/tests/$(1): $$(call host_objs,$$($(1)_SRCS))
	@mkdir -p $$(@D)
	$$(if $$(filter 1,$$(V)),,@echo "  LD [host] $$@")
	$$(Q)$$(HOST_CC) $$(SAN_FLAGS) $$^ -lcmocka -o $$@
-include $$(patsubst %.o,%.d,$$(call host_objs,$$($(1)_SRCS)))
endef
$(foreach t,$(UNIT_TESTS),$(eval $(call unit_test,$(t))))
UNIT_BINS := $(addprefix $(HOST_DIR)/tests/,$(UNIT_TESTS))
unit: $(UNIT_BINS)

# ---- fuzzers (libFuzzer, ASan + UBSan, clang) ---------------------------------------
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_CFLAGS := -O1 -g $(filter-out $(GCC_ONLY_WARNINGS),$(STRICT_WARNINGS)) \
               -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
               -DFL_TEST_BUILD=1 -DFL_HOST=1 -DFL_FUZZ=1 $(HOST_INCLUDES) $(TP_INCLUDES)
define fuzzer
$(FUZZ_DIR)/$(1): $$(filter-out $$(TP)/%,$$($(1)_SRCS)) | $$(TP_STAMP)
	@mkdir -p $$(@D)
	$$(if $$(filter 1,$$(V)),,@echo "  FUZZ $$@")
	$$(Q)$$(FUZZ_CC) $$(FUZZ_CFLAGS) $$(filter %.c,$$^) -o $$@
endef
$(foreach f,$(FUZZERS),$(eval $(call fuzzer,$(f))))
FUZZ_BINS := $(addprefix $(FUZZ_DIR)/,$(FUZZERS))
fuzzers: $(FUZZ_BINS)
FUZZ_SECONDS ?= 600
fuzz: $(FUZZ_BINS)
	$(Q)$(PYTHON) tests/fuzz/run_fuzzers.py --build $(BUILD) --seconds $(FUZZ_SECONDS) $(FUZZERS)

# ---- test, check, run, size ----------------------------------------------------------
test: $(DEPS_STAMP) firmware firmware-test budget-ceiling unit fuzzers
	$(Q)$(PYTHON) tests/run_tests.py --build $(BUILD) --board $(BOARD) \
	    --unit "$(UNIT_TESTS)" --fuzzers "$(FUZZERS)"

# Golden frames of the unit tests (tests/unit/golden/): only this target rewrites them, through
# the binaries' --update-golden flag (no environment variable does). That run FAILs by design;
# the second run compares and must pass. Look at the files before committing them. The e2e
# goldens: python3 tests/e2e/test_panel_scenario.py --build build --update-golden (candidates).
GOLDEN_UNIT_BINS := $(HOST_DIR)/tests/test_display_render $(HOST_DIR)/tests/test_panel_unconfigured
update-golden: $(GOLDEN_UNIT_BINS)
	$(Q)for t in $(GOLDEN_UNIT_BINS); do $$t --update-golden >/dev/null 2>&1 || true; done
	$(Q)for t in $(GOLDEN_UNIT_BINS); do $$t || exit 1; done
	$(Q)git status --short tests/unit/golden 2>/dev/null || true

CHECK_MAKE = $(MAKE) --no-print-directory -f toolchain/check/check.mk BUILD=$(BUILD) BOARD=$(BOARD) \
	    CHECK_SRCS="$(FW_SRCS) $(BOARD_SRCS)" \
	    CHECK_INCLUDES="$(FW_INCLUDES) -I$(FW_DIR_release)" CHECK_SYSTEM_INCLUDES="$(TP_INCLUDES)" \
	    CHECK_DEFS="$(FW_DEFS) $(TP_DEFS) $(FW_DEFS_release)" \
	    CHECK_TARGET_FLAGS="$(TARGET_COMMON_FLAGS) $(BOARD_CFLAGS)" \
	    CHECK_OBJ_DIR=$(FW_DIR_release)/obj CHECK_ELF=$(FW_ELF)
check: $(DEPS_STAMP) firmware
	$(Q)$(CHECK_MAKE)

# The worst-case stack bound alone (the gate's step 5), for suites that compare a measured
# high-water with it: writes $(BUILD)/check/stack.txt and $(BUILD)/check/log/stack.log. It
# reads the release image as built (no rebuild: a suite must not relink what it is testing).
stack-bound:
	$(Q)$(CHECK_MAKE) $(BUILD)/check/stack.txt

run: $(DEPS_STAMP) firmware firmware-test
	$(Q)$(PYTHON) tests/e2e/run_panel.py --build $(BUILD) --board $(BOARD)

size: firmware
	$(Q)$(TARGET_SIZE) -A -d $(FW_ELF) | $(PYTHON) toolchain/size_report.py $(FW_ELF)

# Program a board through a debug probe (OpenOCD): OPENOCD_TARGET=target/<chip>.cfg required.
flash: firmware
	$(Q)OPENOCD_INTERFACE="$(OPENOCD_INTERFACE)" OPENOCD_TARGET="$(OPENOCD_TARGET)" \
	    OPENOCD_ADAPTER_SPEED="$(OPENOCD_ADAPTER_SPEED)" BOARD="$(BOARD)" \
	    toolchain/flash.sh $(or $(FLASH_ELF),$(FW_ELF))

SOAK_POLLS ?= 1000
soak: $(DEPS_STAMP) firmware-test
	$(Q)$(PYTHON) tests/e2e/test_soak.py --build $(BUILD) --board $(BOARD) --polls $(SOAK_POLLS)

bench: $(DEPS_STAMP) firmware firmware-test
	$(Q)$(PYTHON) tests/bench/run_bench.py --build $(BUILD) --board $(BOARD)

clean:
	rm -rf $(BUILD)

FORCE:
.PHONY: update-golden release-check print-test-srcs flash soak budget budget-ceiling all firmware firmware-test unit fuzzers fuzz test check run size bench clean deps fetch stack-bound FORCE
