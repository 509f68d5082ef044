# Cross-compiler settings for Arm Cortex-M boards. A board's board.mk sets TARGET_CPU
# (and optionally TARGET_FPU_FLAGS) and includes this file.
CROSS          ?= arm-none-eabi-
TARGET_CC      := $(CROSS)gcc
TARGET_OBJCOPY := $(CROSS)objcopy
TARGET_SIZE    := $(CROSS)size
TARGET_CPU     ?= cortex-m3
TARGET_FPU_FLAGS ?= -mfloat-abi=soft

TARGET_ARCH_FLAGS := -mcpu=$(TARGET_CPU) -mthumb $(TARGET_FPU_FLAGS)
TARGET_OPT_FLAGS  ?= -Os -g3
# Every object: its own sections (so the linker drops what is unused), a stack-usage
# file (.su) and a call graph (.ci) for the worst-case stack bound in `make check`.
TARGET_COMMON_FLAGS := $(TARGET_ARCH_FLAGS) $(TARGET_OPT_FLAGS) -ffunction-sections -fdata-sections \
                       -fno-common -ffreestanding -fstack-usage -fcallgraph-info=su
TARGET_LDFLAGS := $(TARGET_ARCH_FLAGS) -Wl,--gc-sections --specs=nano.specs --specs=nosys.specs \
                  -Wl,--print-memory-usage -Wl,--no-warn-rwx-segments
