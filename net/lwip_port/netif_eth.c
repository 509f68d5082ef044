/* lwIP netif adapter over hal/eth.h (see netif_eth.h). */
#include "net/lwip_port/netif_eth.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hal/eth.h"
#include "lwip/etharp.h"
#include "lwip/pbuf.h"
#include "lwip/stats.h"
#include "net/lwip_port/lwip_err.h"
#include "netif/ethernet.h"

#define NETIF_ETH_MTU 1500u

static err_t link_output(struct netif *netif, struct pbuf *p)
{
    EthSegment_t segments[NETIF_ETH_TX_SEGMENTS];
    size_t count = 0u;
    err_t result = ERR_OK;
    (void)netif;
    for (const struct pbuf *q = p; q != NULL; q = q->next)
    {
        if (count == NETIF_ETH_TX_SEGMENTS)
        {
            result = ERR_BUF;
            break;
        }
        /* cppcheck-suppress misra-c2012-11.5 ; DEV-020 pbuf payload is a byte buffer */
        segments[count].data = (const uint8_t *)q->payload;
        segments[count].length = (size_t)q->len;
        count++;
    }
    if (LwipErr_Is(result, ERR_OK) && (Eth_Send(segments, count) != ETH_OK))
    {
        result = ERR_IF;
    }
    if (LwipErr_Is(result, ERR_OK))
    {
        LINK_STATS_INC(link.xmit);
    }
    else
    {
        LINK_STATS_INC(link.err);
    }
    return result;
}

err_t NetifEth_Init(struct netif *netif)
{
    err_t result = ERR_ARG;
    if ((netif != NULL) && (netif->state != NULL))
    {
        /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 netif state, registered as the MAC bytes */
        const uint8_t *mac = (const uint8_t *)netif->state;
        netif->name[0] = 'e';
        netif->name[1] = 'n';
        netif->output = etharp_output;
        netif->linkoutput = link_output;
        netif->mtu = (u16_t)NETIF_ETH_MTU;
        netif->hwaddr_len = (u8_t)ETH_MAC_LEN;
        (void)memcpy(netif->hwaddr, mac, ETH_MAC_LEN);
        netif->flags = (u8_t)(NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET);
        result = (Eth_Init(mac) == ETH_OK) ? ERR_OK : ERR_IF;
    }
    return result;
}

static struct pbuf *read_frame(size_t length)
{
    struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)length, PBUF_POOL);
    if (p != NULL)
    {
        for (struct pbuf *q = p; q != NULL; q = q->next)
        {
            /* cppcheck-suppress misra-c2012-11.5 ; DEV-020 pbuf payload is a byte buffer */
            if (Eth_RxRead((uint8_t *)q->payload, (size_t)q->len) != ETH_OK)
            {
                (void)pbuf_free(p);
                p = NULL;
                break;
            }
        }
    }
    Eth_RxEnd();
    return p;
}

uint32_t NetifEth_Poll(struct netif *netif)
{
    uint32_t delivered = 0u;
    for (uint32_t i = 0u; i < NETIF_ETH_RX_BUDGET; i++)
    {
        size_t length = 0u;
        const EthStatus_t status = Eth_RxBegin(&length);
        if (status == ETH_FRAME_ERROR)
        {
            continue;
        }
        if (status != ETH_OK)
        {
            break;
        }
        struct pbuf *p = read_frame(length);
        if (p == NULL)
        {
            LINK_STATS_INC(link.memerr);
            LINK_STATS_INC(link.drop);
        }
        else if (!LwipErr_Is(netif->input(p, netif), ERR_OK))
        {
            (void)pbuf_free(p);
            LINK_STATS_INC(link.drop);
        }
        else
        {
            LINK_STATS_INC(link.recv);
            delivered++;
        }
    }
    return delivered;
}
