# Configuration: block codec, validation, slot selection, active config and console keys.
CONFIG_SRCS := firmware/config/config.c firmware/config/config_block.c firmware/config/config_check.c \
               firmware/config/config_crc.c firmware/config/config_decode.c firmware/config/config_encode.c \
               firmware/config/config_keys.c firmware/config/config_mac.c firmware/config/config_rotate.c firmware/config/config_slots.c \
               firmware/config/config_source.c firmware/config/config_status.c \
               firmware/config/config_stream.c firmware/config/config_value.c
FW_SRCS += $(CONFIG_SRCS)
