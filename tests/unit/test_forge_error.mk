UNIT_TESTS += test_forge_error
test_forge_error_SRCS := tests/unit/test_forge_error.c firmware/forge/forge_error.c \
    firmware/forge/forge_json.c
$(BUILD)/host/obj/tests/unit/test_forge_error.o: \
    HOST_CFLAGS += -DFORGE_FIXTURE_DIR=\"$(CURDIR)/tests/unit/fixtures/forge\"
