"""Thumb disassembly facts per function, from `objdump -d` of the linked ELF.

For every function symbol: an upper bound of the bytes it pushes or reserves (the sum of every
stack decrement in its body, which over-approximates shrink-wrapped paths), the direct call and
tail-call targets (addresses outside the function), whether it calls through a register, and
whether it moves sp by a register amount (an unbounded frame). Used for code without .su/.ci
data (C library, libgcc, assembly) and to add calls hidden in inline assembly."""
import re
import subprocess

COND = r"(eq|ne|cs|cc|hs|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al)"
BRANCH_RE = re.compile(r"^b" + COND + r"?(\.[nw])?$")
CALL_RE = re.compile(r"^blx?" + COND + r"?(\.[nw])?$")
TARGET_RE = re.compile(r"^([0-9a-f]+)\s*(<[^>]*>)?$")
REG_RE = re.compile(r"^(r\d+|sb|sl|fp|ip|lr)$")
PRE_DEC_RE = re.compile(r"\[sp, #-(\d+)\]!")
INSN_RE = re.compile(r"^\s*([0-9a-f]+):\s+(\S+)\s*(.*)$")
REG_NAMES = ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "sl", "fp", "ip",
             "sp", "lr", "pc"]


class FuncAsm:
    def __init__(self):
        self.frame = 0
        self.calls = set()          # target addresses (bl, blx imm, b to another function)
        self.indirect = []          # addresses of calls/jumps through a register
        self.dynamic = []           # addresses where sp moves by a register amount


def _reg_count(operands):
    """Registers in a list such as {r4, r5, lr} or {d8-d15}."""
    match = re.search(r"\{([^}]*)\}", operands)
    if match is None:
        return 0, False
    count = 0
    wide = False
    for item in match.group(1).split(","):
        item = item.strip()
        if item.startswith("d"):
            wide = True
        if "-" in item:
            low, high = item.split("-")
            count += int(high.strip()[1:]) - int(low.strip()[1:]) + 1
        elif item:
            count += 1
    return count, wide


def _sp_decrement(mnem, ops):
    """Bytes an instruction reserves on the stack, or None when it does not reserve any."""
    base = mnem.split(".")[0]
    if base in ("push", "vpush") or (base in ("stmdb", "stmfd", "vstmdb") and ops.startswith("sp!")):
        count, wide = _reg_count(ops)
        return count * (8 if wide else 4)
    if base in ("sub", "subs", "subw") and re.match(r"^sp, (sp, )?#\d+", ops):
        return int(re.search(r"#(\d+)", ops).group(1))
    if base.startswith("str") or base.startswith("vstr"):
        match = PRE_DEC_RE.search(ops)
        if match is not None:
            return int(match.group(1))
    return None


def _writes_sp_by_register(mnem, ops):
    base = mnem.split(".")[0]
    return base in ("sub", "subs", "add", "adds") and re.match(r"^sp, (sp, )?(r\d+|ip|lr|sl|fp)", ops) is not None


def _is_indirect(mnem, ops):
    base = mnem.split(".")[0]
    if re.match(r"^blx" + COND + r"?$", base) and REG_RE.match(ops.strip()):
        return True
    if re.match(r"^bx" + COND + r"?$", base) and ops.strip() != "lr":
        return True
    if base == "mov" and ops.startswith("pc,"):
        return True
    if base.startswith("ldr") and ops.startswith("pc,") and not re.search(r"\[(sp|pc)", ops) \
            and not re.search(r"\[\w+, \w+, lsl #2\]", ops):
        return True                     # (a register-indexed load is a switch jump table)
    return False


def analyse(objdump, elf_path, functions):
    """functions: sorted list of (start, end) address ranges. Returns {start: FuncAsm}."""
    out = subprocess.run([objdump, "-d", "--no-show-raw-insn", elf_path], check=True,
                         stdout=subprocess.PIPE, universal_newlines=True).stdout
    result = {start: FuncAsm() for start, _ in functions}
    starts = [start for start, _ in functions]
    ends = dict(functions)
    current = None
    index = 0
    for line in out.splitlines():
        match = INSN_RE.match(line)
        if match is None:
            continue
        addr = int(match.group(1), 16)
        while index < len(starts) and starts[index] <= addr:
            index += 1
        current = starts[index - 1] if index > 0 else None
        if current is None or addr >= ends[current]:
            continue
        _account(result[current], current, ends[current], addr, match.group(2), match.group(3))
    return result


def _account(func, start, end, addr, mnem, ops):
    ops = ops.split(";")[0].split("@")[0].strip()
    dec = _sp_decrement(mnem, ops)
    if dec is not None:
        func.frame += dec
        return
    if _writes_sp_by_register(mnem, ops):
        func.dynamic.append(addr)
        return
    if _is_indirect(mnem, ops):
        func.indirect.append(addr)
        return
    if CALL_RE.match(mnem) or BRANCH_RE.match(mnem):
        target = TARGET_RE.match(ops)
        if target is None:
            return
        dest = int(target.group(1), 16)
        is_call = mnem.startswith("bl") and not BRANCH_RE.match(mnem)
        if is_call and dest == start:
            func.calls.add(dest)         # direct self-call: recursion
        elif dest < start or dest >= end:
            func.calls.add(dest)
