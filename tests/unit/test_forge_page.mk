UNIT_TESTS += test_forge_page
test_forge_page_SRCS := tests/unit/test_forge_page.c firmware/forge/forge_page.c \
    firmware/forge/forge_record.c firmware/forge/forge_time.c firmware/forge/forge_snapshot.c
$(BUILD)/host/obj/tests/unit/test_forge_page.o: \
    HOST_CFLAGS += -DFORGE_FIXTURE_DIR=\"$(CURDIR)/tests/unit/fixtures/forge\" \
                   -DFORGE_CORPUS_DIR=\"$(CURDIR)/tests/corpus/interop\"
