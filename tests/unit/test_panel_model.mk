UNIT_TESTS += test_panel_model
test_panel_model_SRCS := tests/unit/test_panel_model.c firmware/panel/panel_model.c
