/*
 * bench_mem: the RAM high-water marks of a run, as bench report lines: painted main stack,
 * TLS arena peak, and lwIP (heap peak + sum over the memp pools of peak elements x element
 * size). Reads statistics only; changes nothing.
 */
#ifndef BENCH_MEM_H
#define BENCH_MEM_H

#include <stddef.h>

/* Bytes of lwIP memory in use at the peaks (each pool's own peak; not one instant). */
size_t BenchMem_LwipHighWaterBytes(void);
void BenchMem_Report(void);

#endif /* BENCH_MEM_H */
