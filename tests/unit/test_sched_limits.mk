UNIT_TESTS += test_sched_limits
test_sched_limits_SRCS := tests/unit/test_sched_limits.c firmware/sched/sched.c \
    firmware/sched/sched_round.c firmware/sched/sched_window.c firmware/sched/sched_hold.c \
    firmware/sched/sched_backoff.c
