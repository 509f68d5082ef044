/* NetStack_Resolve: one DNS query at a time through lwIP's resolver (see net_stack.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lwip/dns.h"
#include "lwip/ip_addr.h"
#include "net/lwip_port/lwip_err.h"
#include "net/stack/net_ip_lwip.h"
#include "net/stack/net_stack.h"

typedef struct
{
    char name[NET_STACK_NAME_MAX + 1u];
    bool done;
    bool found;
    NetIp4_t address;
} NetDnsQuery_t;

static NetDnsQuery_t g_query;

static size_t bounded_length(const char *text, size_t max)
{
    size_t length = 0u;
    while ((length <= max) && (text[length] != '\0'))
    {
        length++;
    }
    return length;
}

static void on_found(const char *name, const ip_addr_t *address, void *arg)
{
    (void)arg;
    /* A late answer for an earlier (timed-out) query for another name is ignored. */
    if ((name != NULL) && (strncmp(name, g_query.name, sizeof(g_query.name)) == 0))
    {
        g_query.done = true;
        g_query.found = (address != NULL) && IP_IS_V4(address);
        if (g_query.found)
        {
            NetIp4_FromLwip(ip_2_ip4(address), &g_query.address);
        }
    }
}

static NetStackStatus_t start_query(const char *name, size_t length, NetIp4_t *address)
{
    NetStackStatus_t status = NET_STACK_TIMEOUT;
    ip_addr_t cached;
    (void)memcpy(g_query.name, name, length);
    g_query.name[length] = '\0';
    g_query.done = false;
    g_query.found = false;
    const err_t err = dns_gethostbyname(g_query.name, &cached, on_found, NULL);
    if (LwipErr_Is(err, ERR_OK))
    {
        NetIp4_FromLwip(ip_2_ip4(&cached), address);
        status = NET_STACK_OK;
    }
    else if (LwipErr_Is(err, ERR_MEM))
    {
        status = NET_STACK_NO_MEMORY;
    }
    else if (!LwipErr_Is(err, ERR_INPROGRESS))
    {
        status = NET_STACK_DNS_FAILURE;
    }
    else
    {
        /* in progress: the caller waits */
    }
    return status;
}

static NetStackStatus_t wait_answer(uint32_t timeout_ms, NetIp4_t *address)
{
    NetStackStatus_t status = NET_STACK_TIMEOUT;
    NetWait_t wait;
    NetWait_Start(&wait, timeout_ms);
    bool lost = false;
    for (uint32_t step = 0u; (step < wait.max_steps) && !g_query.done && !lost; step++)
    {
        if (!NetWait_Step(&wait))
        {
            break;
        }
        lost = !NetStack_AddressUp(); /* the link went: no answer can come */
    }
    if (g_query.done)
    {
        status = g_query.found ? NET_STACK_OK : NET_STACK_DNS_FAILURE;
        *address = g_query.address;
    }
    else if (lost)
    {
        status = NET_STACK_NOT_READY;
    }
    else
    {
        /* timed out */
    }
    return status;
}

NetStackStatus_t NetStack_Resolve(const char *name, uint32_t timeout_ms, NetIp4_t *address)
{
    NetStackStatus_t status = NET_STACK_OK;
    const size_t length = (name != NULL) ? bounded_length(name, NET_STACK_NAME_MAX) : 0u;
    if ((address == NULL) || (length == 0u) || (length > NET_STACK_NAME_MAX))
    {
        status = NET_STACK_BAD_ARGUMENT;
    }
    else if (!NetStack_AddressUp())
    {
        status = NET_STACK_NOT_READY;
    }
    else
    {
        status = start_query(name, length, address);
        if (status == NET_STACK_TIMEOUT)
        {
            status = wait_answer(timeout_ms, address);
        }
    }
    return status;
}
