# `make check`: the static-analysis gate. The top-level Makefile builds the release firmware,
# then runs   make -f toolchain/check/check.mk CHECK_SRCS=... CHECK_ELF=... (see its `check`).
# Each tool writes its findings, one per line, to $(CHECK_DIR)/<tool>.txt (full output under
# $(CHECK_DIR)/log/); the last line printed is "check: N findings" and the exit status is
# non-zero when N > 0. Per-file results are cached and redone when a source, one of our
# headers, a flag or the gate's configuration changes.

BUILD ?= build
BOARD ?= mps2-an385
# The system interpreter: a version-manager shim (pyenv) costs ~1 s per start, per file.
# No __pycache__ in the source tree.
PYTHON := $(firstword $(wildcard /usr/bin/python3) python3)
export PYTHONDONTWRITEBYTECODE := 1
CROSS ?= arm-none-eabi-
CHECK_DIR := $(BUILD)/check
CHECK_HOME := toolchain/check
CHECK_OBJ_DIR ?= $(BUILD)/$(BOARD)/obj
CHECK_TP_OBJ_DIR ?= $(patsubst %/obj,%/tp,$(CHECK_OBJ_DIR))
CHECK_ELF ?= $(BUILD)/$(BOARD)/forgelight.elf
CHECK_MAP ?= $(CHECK_ELF:.elf=.map)
# Folders of our code: scanned for banned calls and deviation references.
CHECK_OWN_DIRS ?= hal net firmware
# <stdio.h> is allowed only in the host test doubles.
CHECK_STDIO_ALLOWED ?= hal/host/

# ---- the gate's limits -------------------------------------------------------------------
# Modified cyclomatic complexity (if/for/while/switch/&&/||/?: + 1) per function.
CHECK_CYCLOMATIC_MAX := 15
# Cognitive complexity per function: readability-function-cognitive-complexity.Threshold in
# .clang-tidy (15). Kept there so editors running clang-tidy see the same limit.
# Stack: the budget is the stack the linker script reserves, read from this absolute symbol
# of the ELF; the default applies only when the ELF has none (the report then says so).
CHECK_STACK_SYMBOLS := __stack_size__ fl_stack_size _stack_size __STACK_SIZE _Min_Stack_Size
CHECK_STACK_DEFAULT_BUDGET := 4096
# Bytes the core pushes on exception entry: 8 words, plus 4 when it realigns the stack to
# 8 bytes (CCR.STKALIGN, set out of reset on Cortex-M3 r2p0 and later).
CHECK_EXCEPTION_FRAME := 36
# Exception nesting counted on top of the deepest thread-mode path: an interrupt, and a fault
# taken inside it (each level is a different handler, plus its exception frame).
CHECK_IRQ_NESTING := 2
# Parallel jobs when the caller gave no -j (2-core build machines).
CHECK_JOBS ?= 2

ifeq ($(findstring jobserver,$(MAKEFLAGS))$(filter -j%,$(MAKEFLAGS)),)
MAKEFLAGS += -j$(CHECK_JOBS)
endif

V ?= 0
Q := $(if $(filter 1,$(V)),,@)
CPPCHECK ?= cppcheck
CLANG_TIDY ?= clang-tidy
MISRA_ADDON ?= /usr/lib/x86_64-linux-gnu/cppcheck/addons/misra.py
CPPCHECK_PLATFORM ?= /usr/lib/x86_64-linux-gnu/cppcheck/platforms/arm32-wchar_t4.xml

# The defines arrive through one level of shell quoting less than in the build: make every
# -DNAME="text" a C string literal again.
CHECK_DEFS_C := $(subst ",\",$(subst \",",$(CHECK_DEFS)))
CHECK_C_SRCS := $(sort $(filter %.c,$(CHECK_SRCS)))
# cppcheck has no -isystem: third-party headers become -I, and their findings are suppressed.
CHECK_CPPCHECK_INCLUDES := $(foreach t,$(filter-out -isystem,$(CHECK_SYSTEM_INCLUDES)),\
    $(if $(filter -isystem%,$(t)),-I$(patsubst -isystem%,%,$(t)),$(if $(filter -%,$(t)),$(t),-I$(t))))
CHECK_OWN_FILES = $(sort $(foreach d,$(CHECK_OWN_DIRS),$(shell find $(d) -name '*.[ch]' 2>/dev/null)))

# Target flags for the analyzer and clang-tidy: the build's, minus the per-object side outputs.
CHECK_GCC_FLAGS := $(filter-out -fstack-usage -fcallgraph-info% -g%,$(CHECK_TARGET_FLAGS)) \
                   -std=c11 $(CHECK_DEFS_C) $(CHECK_INCLUDES) $(CHECK_SYSTEM_INCLUDES)
NEWLIB_INCLUDE := $(abspath $(dir $(shell $(CROSS)gcc -print-file-name=libc.a))../include)
CHECK_CLANG_FLAGS := --target=arm-none-eabi $(filter -mcpu=% -mthumb -mfloat-abi=% -mfpu=%,$(CHECK_TARGET_FLAGS)) \
                     -ffreestanding -std=c11 $(CHECK_DEFS_C) $(CHECK_INCLUDES) $(CHECK_SYSTEM_INCLUDES) \
                     -isystem $(NEWLIB_INCLUDE)

CHECK_TOOLS := cppcheck clang-tidy analyzer complexity stack banned deviations
CHECK_CONFIG := $(CHECK_HOME)/check.mk .clang-tidy $(CHECK_DIR)/flags.txt
RUN_TOOL := $(PYTHON) $(CHECK_HOME)/run_tool.py
AN_OUTS := $(patsubst %.c,$(CHECK_DIR)/analyzer/%.txt,$(CHECK_C_SRCS))
CT_OUTS := $(patsubst %.c,$(CHECK_DIR)/clang-tidy/%.txt,$(CHECK_C_SRCS))

.DEFAULT_GOAL := check
.SUFFIXES:
.DELETE_ON_ERROR:

check: $(addprefix $(CHECK_DIR)/,$(addsuffix .txt,$(CHECK_TOOLS)))
	$(Q)$(PYTHON) $(CHECK_HOME)/summary.py --dir $(CHECK_DIR) $(CHECK_TOOLS)

# The cache key of every result. Defines that change with each commit (the build date) are
# left out of it, and cppcheck (whose own cache keys on defines) does not get them: they only
# move a constant, and would otherwise make every run after a commit a cold one.
CHECK_VOLATILE_DEFS ?= -DFL_BUILD_EPOCH=%
$(CHECK_DIR)/flags.txt: FORCE
	@mkdir -p $(@D)/log
	@printf '%s\n' '$(filter-out $(CHECK_VOLATILE_DEFS),$(CHECK_GCC_FLAGS))' \
	    '$(filter-out $(CHECK_VOLATILE_DEFS),$(CHECK_CLANG_FLAGS))' '$(CHECK_CPPCHECK_INCLUDES)' \
	    '$(CPPCHECK) $(CLANG_TIDY) $(MISRA_ADDON) $(CPPCHECK_PLATFORM)' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

# ---- 1. cppcheck + MISRA C:2012 (one run: the addon checks some rules across files) -------
# The canary has one known MISRA violation: if the addon silently fails, the canary's finding
# is missing and run_tool.py reports the tool as failed.
CHECK_CANARY := $(CHECK_HOME)/selftest/canary.c
# cppcheck's own cache (--cppcheck-build-dir) is dropped when a flag or tool changes.
$(CHECK_DIR)/cppcheck-cache/.flags: $(CHECK_DIR)/flags.txt
	@rm -rf $(@D) && mkdir -p $(@D) && cp $< $@

$(CHECK_DIR)/cppcheck.txt: $(CHECK_DIR)/cppcheck-cache/.flags $(CHECK_HOME)/misra_suppressions.txt FORCE
	@echo "  CHECK cppcheck + MISRA C:2012"
	$(Q)$(PYTHON) $(CHECK_HOME)/misra_setup.py --addon $(MISRA_ADDON) --dir $(CHECK_DIR)
	$(Q)$(RUN_TOOL) --tool cppcheck --out $@ --log $(CHECK_DIR)/log/cppcheck.log \
	    --canary '$(CHECK_CANARY)=misra-c2012-15\.6' -- \
	    $(CPPCHECK) --quiet --std=c11 --enable=warning,style,performance,portability \
	    --inline-suppr --platform=$(CPPCHECK_PLATFORM) --addon=$(CHECK_DIR)/misra.json \
	    --suppressions-list=$(CHECK_HOME)/misra_suppressions.txt \
	    --suppress=missingIncludeSystem --suppress='*:$(BUILD)/third_party/*' \
	    --config-exclude=$(BUILD)/third_party --cppcheck-build-dir=$(CHECK_DIR)/cppcheck-cache \
	    --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
	    $(filter-out $(CHECK_VOLATILE_DEFS),$(CHECK_DEFS_C)) $(CHECK_INCLUDES) $(CHECK_CPPCHECK_INCLUDES) \
	    $(CHECK_C_SRCS) $(CHECK_CANARY)

# ---- 2. clang-tidy (checks and exclusions in .clang-tidy), 3. gcc -fanalyzer: per file -----
# The analyzer compile also writes the header dependencies of both results.
$(CHECK_DIR)/analyzer/%.txt: %.c $(CHECK_CONFIG)
	@mkdir -p $(@D)
	@echo "  CHECK analyzer $<"
	$(Q)$(RUN_TOOL) --tool analyzer --out $@ --log $(@:.txt=.log) -- \
	    $(CROSS)gcc $(CHECK_GCC_FLAGS) -fanalyzer -fdiagnostics-plain-output \
	    -MMD -MP -MF $(@:.txt=.d) -MT $@ -MT $(CHECK_DIR)/clang-tidy/$*.txt -c $< -o $(@:.txt=.o)

$(CHECK_DIR)/clang-tidy/%.txt: %.c $(CHECK_CONFIG)
	@mkdir -p $(@D)
	@echo "  CHECK clang-tidy $<"
	$(Q)$(RUN_TOOL) --tool clang-tidy --out $@ --log $(@:.txt=.log) -- \
	    $(CLANG_TIDY) --quiet $< -- $(CHECK_CLANG_FLAGS)

$(CHECK_DIR)/analyzer.txt: $(AN_OUTS) FORCE
	$(Q)sort -u $(AN_OUTS) /dev/null > $@
$(CHECK_DIR)/clang-tidy.txt: $(CT_OUTS) FORCE
	$(Q)sort -u $(CT_OUTS) /dev/null > $@
-include $(AN_OUTS:.txt=.d)

# ---- 4. complexity, banned constructs, deviation register -----------------------------
$(CHECK_DIR)/complexity.txt: $(CHECK_DIR)/flags.txt FORCE
	$(Q)$(PYTHON) $(CHECK_HOME)/complexity.py --limit $(CHECK_CYCLOMATIC_MAX) --out $@ \
	    --report $(CHECK_DIR)/log/complexity.log $(CHECK_OWN_FILES)

$(CHECK_DIR)/banned.txt: $(CHECK_DIR)/flags.txt FORCE
	$(Q)$(PYTHON) $(CHECK_HOME)/banned.py --out $@ --stdio-allowed $(CHECK_STDIO_ALLOWED) \
	    $(CHECK_OWN_FILES)

$(CHECK_DIR)/deviations.txt: $(CHECK_DIR)/flags.txt FORCE
	$(Q)$(PYTHON) $(CHECK_HOME)/deviations.py --out $@ --register $(CHECK_HOME)/DEVIATIONS.md \
	    --suppressions $(CHECK_HOME)/misra_suppressions.txt \
	    $(CHECK_OWN_FILES)

# ---- 5. worst-case stack bound of the linked image ------------------------------------
$(CHECK_DIR)/stack.txt: $(CHECK_DIR)/flags.txt FORCE
	@echo "  CHECK stack bound $(CHECK_ELF)"
	$(Q)$(PYTHON) $(CHECK_HOME)/stack_bound.py --elf $(CHECK_ELF) --map $(CHECK_MAP) \
	    --obj-dir $(CHECK_OBJ_DIR) --obj-dir $(CHECK_TP_OBJ_DIR) --objdump $(CROSS)objdump \
	    --indirect $(CHECK_HOME)/indirect_calls.txt --budget-symbols '$(CHECK_STACK_SYMBOLS)' \
	    --default-budget $(CHECK_STACK_DEFAULT_BUDGET) --exception-frame $(CHECK_EXCEPTION_FRAME) \
	    --nesting $(CHECK_IRQ_NESTING) --findings $@ --report $(CHECK_DIR)/log/stack.log \
	    || echo "stack: tool error: stack_bound.py failed" > $@

FORCE:
.PHONY: check FORCE
