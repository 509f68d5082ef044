UNIT_TESTS += test_sched_classes
test_sched_classes_SRCS := tests/unit/test_sched_classes.c firmware/sched/sched.c \
    firmware/sched/sched_round.c firmware/sched/sched_window.c firmware/sched/sched_hold.c \
    firmware/sched/sched_backoff.c
