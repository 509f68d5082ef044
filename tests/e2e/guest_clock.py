"""The firmware's own millisecond counter, read over QMP: a clock for host-side code that must
run on the guest's time (e.g. the mock's keep-alive idle timeout under `-icount
shift=0,sleep=off`, where virtual time runs faster than the host's).

    clock = GuestClock(elf)                  # address of g_now_ms from the ELF's symbol table
    api = lab.start_mock(pki, clock=clock)   # before the VM exists: clock() is None
    vm = ...start(); clock.attach(vm)        # from now on clock() = guest seconds since Clock_Init

A read is one `xp` over QMP (a few ms of host time). Returns None while no VM is attached or
the read fails (the VM has ended), so a caller can skip that turn."""
import subprocess

SYMBOL = "g_now_ms"  # hal/mps2-an385/clock_systick.c: incremented by SysTick every 1 ms


def symbol_address(elf, name=SYMBOL, nm="arm-none-eabi-nm"):
    out = subprocess.run([nm, elf], capture_output=True, text=True, check=True).stdout
    found = [int(f[0], 16) for f in (line.split() for line in out.splitlines())
             if len(f) == 3 and f[2] == name]
    if len(found) != 1:
        raise RuntimeError("%s: %d symbols named %s" % (elf, len(found), name))
    return found[0]


class GuestClock:
    def __init__(self, elf, symbol=SYMBOL):
        self.addr = symbol_address(elf, symbol)
        self.vm = None

    def attach(self, vm):
        self.vm = vm
        return self

    def ms(self):
        vm = self.vm
        if vm is None or vm.proc is None or vm.proc.poll() is not None:
            return None
        try:
            return vm.read_word(self.addr)
        except Exception:  # pylint: disable=broad-except  (QMP gone: the VM is ending)
            return None

    def __call__(self):
        ms = self.ms()
        return None if ms is None else ms / 1000.0
