UNIT_TESTS += test_forge_snapshot
test_forge_snapshot_SRCS := tests/unit/test_forge_snapshot.c firmware/forge/forge_snapshot.c \
    firmware/forge/forge_paging.c firmware/forge/forge_page.c firmware/forge/forge_json.c \
    firmware/forge/forge_record.c firmware/forge/forge_time.c
$(BUILD)/host/obj/tests/unit/test_forge_snapshot.o: \
    HOST_CFLAGS += -DFORGE_FIXTURE_DIR=\"$(CURDIR)/tests/unit/fixtures/forge\"
