UNIT_TESTS += test_forge_query
test_forge_query_SRCS := tests/unit/test_forge_query.c firmware/forge/forge_query.c
