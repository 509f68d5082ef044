/* Host (unit test) board: every module keeps its defaults unless a test overrides them. */
#ifndef BOARD_CONFIG_H
#define BOARD_CONFIG_H

#define BOARD_NAME               "host"
#define BOARD_CPU_HZ             1000000u

#endif /* BOARD_CONFIG_H */
