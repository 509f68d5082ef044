/*
 * Progress hook of the network stack's bounded waits (part of net/stack; see net_stack.h).
 * Owns: one caller-supplied function. Promises: every NetWait_Step calls it once, so a
 * caller can feed a watchdog while a bounded network wait is under way; never from an
 * interrupt. NULL (the default) calls nothing.
 */
#ifndef NET_PROGRESS_H
#define NET_PROGRESS_H

typedef void (*NetProgressHook_t)(void);

void NetStack_SetProgressHook(NetProgressHook_t hook);

#endif /* NET_PROGRESS_H */
