/* LAN9118 register map (private to the mps2-an385 Ethernet driver). */
#ifndef ETH_LAN9118_REGS_H
#define ETH_LAN9118_REGS_H

#define LAN_BASE              0x40200000u
#define LAN_IRQ_NUMBER        13u
#define LAN_IRQ_BIT           0x00002000u   /* 1 << LAN_IRQ_NUMBER in NVIC ISER0/ICER0 */

/* Directly addressed registers (offsets) */
#define LAN_RX_DATA_FIFO      0x00u
#define LAN_TX_DATA_FIFO      0x20u
#define LAN_RX_STATUS_FIFO    0x40u
#define LAN_TX_STATUS_FIFO    0x48u
#define LAN_ID_REV            0x50u
#define LAN_IRQ_CFG           0x54u
#define LAN_INT_STS           0x58u
#define LAN_INT_EN            0x5Cu
#define LAN_BYTE_TEST         0x64u
#define LAN_FIFO_INT          0x68u
#define LAN_RX_CFG            0x6Cu
#define LAN_TX_CFG            0x70u
#define LAN_HW_CFG            0x74u
#define LAN_RX_FIFO_INF       0x7Cu
#define LAN_TX_FIFO_INF       0x80u
#define LAN_PMT_CTRL          0x84u
#define LAN_MAC_CSR_CMD       0xA4u
#define LAN_MAC_CSR_DATA      0xA8u

#define LAN_ID_REV_CHIP_MASK  0xFFFF0000u
#define LAN_ID_REV_CHIP_9118  0x01180000u
#define LAN_BYTE_TEST_VALUE   0x87654321u

#define LAN_IRQ_CFG_TYPE_PP   0x00000001u   /* push-pull output */
#define LAN_IRQ_CFG_POL_HIGH  0x00000010u   /* active high */
#define LAN_IRQ_CFG_EN        0x00000100u

#define LAN_INT_RSFL          0x00000008u   /* RX status FIFO level */
#define LAN_INT_RXE           0x00004000u
#define LAN_INT_TXE           0x00002000u
#define LAN_INT_ALL           0xFFFFFFFFu

#define LAN_HW_CFG_SRST       0x00000001u
#define LAN_PMT_CTRL_READY    0x00000001u

#define LAN_TX_CFG_TX_ON      0x00000002u
#define LAN_TX_CFG_TXSAO      0x00000004u   /* status FIFO may overrun: TX never stalls on it */
#define LAN_RX_CFG_RX_DUMP    0x00008000u

#define LAN_RX_FIFO_INF_STATUS_SHIFT 16u
#define LAN_RX_FIFO_INF_STATUS_MASK  0xFFu
#define LAN_TX_FIFO_INF_FREE_MASK    0xFFFFu

#define LAN_RX_STS_LEN_SHIFT  16u
#define LAN_RX_STS_LEN_MASK   0x3FFFu
#define LAN_RX_STS_ERROR      0x00008000u
#define LAN_RX_STS_FILTER_FAIL 0x40000000u
#define LAN_FCS_LEN           4u

#define LAN_TX_CMD_A_FIRST    0x00002000u
#define LAN_TX_CMD_A_LAST     0x00001000u
#define LAN_TX_CMD_LEN_MASK   0x000007FFu
#define LAN_TX_CMD_B_TAG_SHIFT 16u
#define LAN_TX_CMD_WORDS_BYTES 8u

/* MAC CSR indirect access */
#define LAN_MAC_CSR_BUSY      0x80000000u
#define LAN_MAC_CSR_READ      0x40000000u
#define LAN_MAC_CR            1u
#define LAN_MAC_ADDRH         2u
#define LAN_MAC_ADDRL         3u
#define LAN_MAC_MII_ACC       6u
#define LAN_MAC_MII_DATA      7u
#define LAN_MAC_CR_TXEN       0x00000008u
#define LAN_MAC_CR_RXEN       0x00000004u
#define LAN_MAC_CR_FDPX       0x00100000u

/* PHY via MII (internal PHY at address 1) */
#define LAN_PHY_ADDR          1u
#define LAN_MII_ACC_BUSY      0x00000001u
#define LAN_MII_ACC_WRITE     0x00000002u
#define LAN_MII_ACC_REG_SHIFT 6u
#define LAN_MII_ACC_PHY_SHIFT 11u
#define LAN_PHY_BCR           0u
#define LAN_PHY_BSR           1u
#define LAN_PHY_ANAR          4u
#define LAN_PHY_BCR_RESET     0x8000u
#define LAN_PHY_BCR_ANEG      0x1000u
#define LAN_PHY_BCR_ANEG_RESTART 0x0200u
#define LAN_PHY_BSR_LINK      0x0004u
#define LAN_PHY_ANAR_DEFAULT  0x01E1u   /* 10/100 half/full, IEEE 802.3 */

/* Cortex-M NVIC */
#define LAN_NVIC_ISER0        0xE000E100u
#define LAN_NVIC_ICER0        0xE000E180u
#define LAN_NVIC_IPR_BASE     0xE000E400u

#endif /* ETH_LAN9118_REGS_H */
