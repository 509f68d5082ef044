# firmware/sched: the poll scheduler (intervals, request budget, server waits, backoff).
FW_SRCS += firmware/sched/sched.c firmware/sched/sched_round.c \
           firmware/sched/sched_window.c firmware/sched/sched_hold.c \
           firmware/sched/sched_backoff.c
