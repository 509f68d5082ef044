UNIT_TESTS += test_sched_soak
test_sched_soak_SRCS := tests/unit/test_sched_soak.c firmware/sched/sched.c \
    firmware/sched/sched_round.c firmware/sched/sched_window.c firmware/sched/sched_hold.c \
    firmware/sched/sched_backoff.c
