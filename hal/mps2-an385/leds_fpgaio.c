/*
 * mps2-an385 LEDs: the two single-colour user LEDs in the FPGAIO LED0 register
 * (bit i = LED i). QEMU reports every LED at 100 % until the register is first written,
 * so Leds_Init writes it.
 */
#include "hal/leds.h"

#include "mps2_regs.h"

#define FPGAIO_LED0 0x40028000u
#define FPGAIO_LED_COUNT 2u

LedsStatus_t Leds_Init(LedsInfo_t *info)
{
    LedsStatus_t status = LEDS_ERR_ARG;
    Mps2_Write32(FPGAIO_LED0, 0u);
    if (info != NULL)
    {
        info->count = FPGAIO_LED_COUNT;
        info->rgb = false;
        status = LEDS_OK;
    }
    return status;
}

LedsStatus_t Leds_Apply(const uint8_t colours[], size_t count)
{
    LedsStatus_t status = LEDS_ERR_ARG;
    if ((colours != NULL) && (count <= FPGAIO_LED_COUNT))
    {
        uint32_t bits = 0u;
        for (size_t i = 0u; i < count; i++)
        {
            if (colours[i] != LEDS_OFF)
            {
                bits |= ((uint32_t)1u << (uint32_t)i);
            }
        }
        Mps2_Write32(FPGAIO_LED0, bits);
        status = LEDS_OK;
    }
    return status;
}
