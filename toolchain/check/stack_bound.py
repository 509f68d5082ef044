#!/usr/bin/env python3
"""Worst-case stack bound of the linked firmware.

Frames come from the .su files (-fstack-usage) and calls from the .ci call graphs
(-fcallgraph-info=su) of every object in the ELF (ours and third-party); code without them
(C library, libgcc, naked/inline assembly) is measured from the ELF's disassembly, whose direct
calls are also added to the graph. Roots: every handler in the vector table, Reset_Handler and
main. Fails on recursion (any cycle), an unbounded frame, an indirect call missing from the
table of allowed targets, a callee with no stack data, and a bound over the budget, which is
the stack the linker script reserves (an absolute symbol such as __stack_size__ in the ELF).

Worst case = deepest thread-mode path + for each of the NEST deepest distinct handlers
(handler depth + the exception frame the core stacks on entry)."""
import argparse
import glob
import os
import re
import sys

import armdis
import elf32

NODE_RE = re.compile(r'^node: \{ title: "([^"]+)" label: "([^"]*)"( shape : ellipse)? \}')
EDGE_RE = re.compile(r'^edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"(?: label: "([^"]*)")? \}')
SU_RE = re.compile(r"^(.*):(\d+):(\d+):(.+)\t(\d+)\t(\S+)$")
INDIRECT = "__indirect_call"
VECTOR_SECTIONS = (".isr_vector", ".vectors", ".vector_table")
MAX_VECTORS = 16 + 496


class Func:
    """One function of the graph: frame, where its data came from, its callees."""

    def __init__(self, key, name, where, frame, qualifier, origin):
        self.key = key
        self.name = name
        self.where = where
        self.frame = frame
        self.qualifier = qualifier
        self.origin = origin        # "su" or "asm"
        self.callees = set()
        self.indirect_sites = []    # "file:line:col" of a call through a pointer (from .ci)
        self.asm_indirect = []      # addresses of calls through a register (disassembly)
        self.cut = set()            # callees a context copy cannot reach

    def label(self):
        suffix = " (asm estimate)" if self.origin == "asm" else ""
        return "%s [%d B%s]" % (self.name, self.frame, suffix)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--elf", required=True)
    parser.add_argument("--map", help="linker map: only objects it LOADs are read")
    parser.add_argument("--obj-dir", action="append", default=[], help="folders of .o/.su/.ci")
    parser.add_argument("--objdump", default="arm-none-eabi-objdump")
    parser.add_argument("--indirect", required=True, help="table of allowed indirect calls")
    parser.add_argument("--budget-symbols", default="__stack_size__")
    parser.add_argument("--default-budget", type=int, default=4096)
    parser.add_argument("--exception-frame", type=int, default=32)
    parser.add_argument("--nesting", type=int, default=1)
    parser.add_argument("--findings", required=True)
    parser.add_argument("--report", required=True)
    return parser.parse_args()


def object_bases(args):
    """Paths (without extension) of our and third-party objects that went into the ELF."""
    dirs = [os.path.normpath(d) for d in args.obj_dir]
    found = set()
    for folder in dirs:
        for path in glob.glob(os.path.join(folder, "**", "*.o"), recursive=True):
            found.add(os.path.normpath(path)[:-2])
    if args.map and os.path.exists(args.map):
        loaded = set()
        with open(args.map, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if line.startswith("LOAD ") and line.rstrip().endswith(".o"):
                    loaded.add(os.path.normpath(line[5:].strip())[:-2])
        found &= loaded
    return sorted(found)


def read_su(base, findings):
    table = {}
    path = base + ".su"
    if not os.path.exists(path):
        findings.append("stack: %s.o has no .su file (built without -fstack-usage?)" % base)
        return table
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            match = SU_RE.match(line.rstrip("\n"))
            if match is not None:
                where = "%s:%s:%s" % (match.group(1), match.group(2), match.group(3))
                table[(where, match.group(4))] = (int(match.group(5)), match.group(6))
    return table


def read_ci(base, findings):
    """Returns ({title: (name, where)}, [(src, dst, site)])."""
    defs = {}
    edges = []
    path = base + ".ci"
    if not os.path.exists(path):
        findings.append("stack: %s.o has no .ci file (built without -fcallgraph-info=su?)" % base)
        return defs, edges
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            node = NODE_RE.match(line)
            if node is not None and node.group(3) is None:
                parts = node.group(2).split("\\n")
                defs[node.group(1)] = (parts[0], parts[1] if len(parts) > 1 else "?")
                continue
            edge = EDGE_RE.match(line)
            if edge is not None:
                edges.append((edge.group(1), edge.group(2), edge.group(3) or ""))
    return defs, edges


class Program:
    """The call graph of the linked image."""

    def __init__(self, args):
        self.args = args
        self.findings = []
        self.notes = []
        self.elf = elf32.Elf32(args.elf)
        self.funcs = {}             # key -> Func
        self.ci_defs = {}           # title -> (name, where, frame, qualifier)
        self.ci_edges = []
        self.addr_key = {}          # function start address -> key
        self.global_key = {}        # global symbol name -> key
        self.local_key = {}         # (source file name, local symbol name) -> key
        self.clones = {}            # context copy key -> original key
        self.data_only = set()      # linked only as entries of tables no image code calls
        self._load_objects()
        self._load_elf_functions()
        self._add_ci_edges()

    def _load_objects(self):
        for base in object_bases(self.args):
            su = read_su(base, self.findings)
            defs, edges = read_ci(base, self.findings)
            for title, (name, where) in defs.items():
                frame, qualifier = su.get((where, name), (None, None))
                if frame is None:
                    self.findings.append("stack: %s: no .su entry for %s" % (where, name))
                    frame, qualifier = 0, "static"
                self.ci_defs[title] = (name, where, frame, qualifier)
            self.ci_edges.extend(edges)

    def _function_ranges(self):
        exec_sections = {i for i, s in enumerate(self.elf.sections) if s.flags & elf32.SHF_EXECINSTR}
        by_addr = {}
        for sym in self.elf.symbols:
            if sym.type == elf32.STT_FUNC and sym.shndx in exec_sections:
                by_addr.setdefault(sym.value & ~1, []).append(sym)
        starts = sorted(by_addr)
        ranges = []
        for i, start in enumerate(starts):
            size = max(s.size for s in by_addr[start])
            following = starts[i + 1] if i + 1 < len(starts) else start + max(size, 2)
            ranges.append((start, start + size if size > 0 else following))
        return by_addr, ranges

    def _key_for(self, syms, statics):
        """The graph key of the function at one address (several aliases may share it)."""
        ordered = sorted(syms, key=lambda s: (s.bind == elf32.STB_LOCAL, s.bind != 1, s.name))
        for sym in ordered:
            if sym.bind != elf32.STB_LOCAL and sym.name in self.ci_defs:
                return sym.name, True
            if sym.bind == elf32.STB_LOCAL and sym.source is not None:
                title = statics.get((os.path.basename(sym.source), sym.name))
                if title is not None:
                    return title, True
        return ordered[0].name if ordered[0].bind != elf32.STB_LOCAL else \
            "%s:%s" % (ordered[0].source or "?", ordered[0].name), False

    def _load_elf_functions(self):
        by_addr, ranges = self._function_ranges()
        statics = {}
        for title in self.ci_defs:
            if ":" in title:
                path, name = title.rsplit(":", 1)
                statics.setdefault((os.path.basename(path), name), title)
        asm = armdis.analyse(self.args.objdump, self.args.elf, ranges)
        for start, _end in ranges:
            key, has_ci = self._key_for(by_addr[start], statics)
            self.addr_key[start] = key
            for sym in by_addr[start]:
                if sym.bind != elf32.STB_LOCAL:
                    self.global_key[sym.name] = key
                elif sym.source is not None:
                    self.local_key[(os.path.basename(sym.source), sym.name)] = key
            facts = asm[start]
            if has_ci:
                name, where, frame, qualifier = self.ci_defs[key]
                if frame == 0 and facts.frame > 0:
                    frame, qualifier = facts.frame, "asm"  # naked function with its own pushes
                func = Func(key, name, where, frame, qualifier, "su")
            else:
                func = Func(key, key, "0x%08x" % start, facts.frame, "asm", "asm")
                for addr in facts.dynamic:
                    func.qualifier = "dynamic"
                    func.where = "0x%08x" % addr
            func.asm_indirect.extend("0x%08x" % a for a in facts.indirect)
            self.funcs[key] = func
        for start, _end in ranges:
            func = self.funcs[self.addr_key[start]]
            for target in asm[start].calls:
                callee = self._key_at(target, ranges)
                if callee is not None:
                    func.callees.add(callee)

    def has_indirect(self, func):
        """.ci sites for C code; register calls seen only in the disassembly otherwise."""
        return func.indirect_sites or func.asm_indirect

    def _key_at(self, addr, ranges):
        if addr in self.addr_key:
            return self.addr_key[addr]
        for start, end in ranges:
            if start <= addr < end:
                return self.addr_key[start]
        return None

    def _add_ci_edges(self):
        for src, dst, site in self.ci_edges:
            func = self.funcs.get(src)
            if func is None:
                continue                            # caller not linked (garbage-collected)
            if dst == INDIRECT:
                if site not in func.indirect_sites:
                    func.indirect_sites.append(site or "?")
                continue
            key = dst if dst in self.funcs else self.global_key.get(dst)
            if key is None and ":" in dst:      # a static clone (.part.N) with no .ci node
                path, name = dst.rsplit(":", 1)
                key = self.local_key.get((os.path.basename(path), name))
            if key is None:
                self.findings.append("stack: %s calls %s, which is not in the ELF (no stack data)"
                                     % (func.where, dst))
                continue
            func.callees.add(key)

    def resolve(self, name):
        if name in self.funcs:
            return name
        if name in self.global_key:
            return self.global_key[name]
        matches = [k for k, f in self.funcs.items() if f.name == name]
        return matches[0] if len(matches) == 1 else None


def split_context(program, line, path, number):
    """'caller -> callee without x y | reason': the callee, when called from caller, cannot
    reach x or y (e.g. a mode the inner call never uses). The edge gets its own copy of the
    callee without those callees, which breaks a cycle that cannot happen at run time."""
    match = re.match(r"^(\S+)\s*->\s*(\S+)\s+without\s+([^|]+)\|\s*(\S.*)$", line)
    if match is None:
        program.findings.append("%s:%d: stack: malformed entry (a -> b without c | reason)"
                                % (path, number))
        return
    caller, callee = program.resolve(match.group(1)), program.resolve(match.group(2))
    cut = {program.resolve(n) for n in match.group(3).split()}
    if caller is None or callee is None or callee not in program.funcs[caller].callees:
        program.notes.append("%s:%d: no call %s -> %s in the image" % (path, number,
                                                                       match.group(1), match.group(2)))
        return
    orig = program.funcs[callee]
    clone = Func("%s [from %s]" % (callee, orig.name), "%s [from %s]" % (orig.name, program.funcs[caller].name),
                 orig.where, orig.frame, orig.qualifier, orig.origin)
    clone.callees = set(orig.callees) - cut
    clone.cut = cut
    clone.indirect_sites = list(orig.indirect_sites)
    clone.asm_indirect = list(orig.asm_indirect)
    program.funcs[clone.key] = clone
    program.clones[clone.key] = callee
    program.funcs[caller].callees.discard(callee)
    program.funcs[caller].callees.add(clone.key)


def load_indirect_table(path, program):
    """caller: callee callee ... | reason   ('-' for no callee). Returns {caller key: [keys]}."""
    table = {}
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if "->" in line.split("|", 1)[0]:
                split_context(program, line, path, number)
                continue
            match = re.match(r"^(\S+)\s*:\s*([^|]*)\|\s*(\S.*)$", line)
            if match is None:
                program.findings.append("%s:%d: stack: malformed entry (caller: callees | reason)"
                                        % (path, number))
                continue
            if match.group(1) == "-":
                for name in match.group(2).split():
                    key = program.resolve(name)
                    if key is not None:
                        program.data_only.add(key)
                continue
            caller = program.resolve(match.group(1))
            if caller is None:
                program.notes.append("%s:%d: caller %s is not in the image (stale entry?)"
                                     % (path, number, match.group(1)))
                continue
            callees = []
            for name in match.group(2).split():
                if name == "-":
                    continue
                key = program.resolve(name)
                if key is None:
                    program.notes.append("%s:%d: callee %s is not in the image"
                                         % (path, number, name))
                    continue
                callees.append(key)
            table.setdefault(caller, []).extend(callees)
    return table


def depth_all(funcs, findings):
    """Worst depth of every function, iteratively; reports each cycle once."""
    depth = {}
    best = {}
    state = {}
    reported = set()
    for root in sorted(funcs):
        if root in depth:
            continue
        stack = [(root, iter(sorted(funcs[root].callees)))]
        path = [root]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                worst, via = 0, None
                for callee in funcs[node].callees:
                    if callee in depth and depth[callee] > worst:
                        worst, via = depth[callee], callee
                depth[node] = funcs[node].frame + worst
                best[node] = via
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            if state.get(child) == 1:
                cycle = path[path.index(child):] + [child]
                ident = frozenset(cycle)
                if ident not in reported:
                    reported.add(ident)
                    findings.append("stack: recursion: %s" % " -> ".join(funcs[k].name for k in cycle))
                continue
            if state.get(child) == 2:
                continue
            state[child] = 1
            path.append(child)
            stack.append((child, iter(sorted(funcs[child].callees))))
    return depth, best


def worst_path(funcs, depth, best, root):
    steps = []
    node = root
    for _ in range(len(funcs)):
        if node is None:
            break
        steps.append(funcs[node].label())
        node = best.get(node)
    return "%d B: %s" % (depth[root], " -> ".join(steps))


def vector_table(elf):
    """Handler addresses of the vector table (index 0 is the initial SP)."""
    section = None
    for sec in elf.sections:
        if sec.name in VECTOR_SECTIONS and sec.flags & elf32.SHF_ALLOC:
            section = sec
    if section is None:
        candidates = [s for s in elf.sections if s.flags & elf32.SHF_EXECINSTR and s.size > 0]
        section = min(candidates, key=lambda s: s.addr)
    sized = [s for s in elf.symbols if s.type == elf32.STT_OBJECT and s.value == section.addr
             and s.size >= 8]
    count = sized[0].size // 4 if sized else min(section.size // 4, MAX_VECTORS)
    return elf.words(section.addr, count) or [], bool(sized)


def find_roots(program):
    elf = program.elf
    words, sized = vector_table(elf)
    thread, handlers = [], []
    for index, word in enumerate(words[1:], 1):
        if word == 0:
            continue
        key = program.addr_key.get(word & ~1)
        if key is None or (word & 1) == 0:
            if not sized:
                break                   # no table symbol: the table ends at the first non-handler
            program.findings.append("stack: vector %d = 0x%08x is not a Thumb function" % (index, word))
            continue
        target = thread if index == 1 else handlers
        if key not in target:
            target.append(key)
    if not thread:
        program.findings.append("stack: no reset vector found in %s" % program.args.elf)
    main = program.resolve("main")
    if main is not None and main not in thread:
        thread.append(main)
    handlers = [h for h in handlers if h not in thread]
    return thread, handlers


def budget(program):
    names = program.args.budget_symbols.split()
    for sym in program.elf.symbols:
        if sym.name in names and sym.shndx == elf32.SHN_ABS:
            return sym.value, "%s in %s" % (sym.name, program.args.elf)
    program.notes.append("no %s symbol in the ELF: using the default budget"
                         % " / ".join(names))
    return program.args.default_budget, "default (no stack-size symbol in the ELF)"


def reachable(funcs, roots):
    seen = set(roots)
    todo = list(roots)
    while todo:
        node = todo.pop()
        for callee in funcs[node].callees:
            if callee not in seen:
                seen.add(callee)
                todo.append(callee)
    return seen


def check_frames(program, live, table):
    for key in sorted(live):
        func = program.funcs[key]
        if func.qualifier == "dynamic":
            program.findings.append("%s: stack: %s has an unbounded (dynamic) frame"
                                    % (func.where, func.name))
        if key not in table:
            for site in func.indirect_sites or func.asm_indirect:
                program.findings.append("%s: stack: indirect call in %s is not declared in %s"
                                        % (site, func.name, program.args.indirect))


def check_uncalled(program, roots, table):
    """A compiled function nothing calls directly is reached through a pointer (or is dead):
    it must be a declared target of some indirect call, so the table cannot go stale."""
    called = set(roots) | program.data_only
    for func in program.funcs.values():
        called.update(func.callees)
    for key in sorted(set(program.funcs) - called):
        func = program.funcs[key]
        if func.origin == "su":
            program.findings.append("%s: stack: %s is linked but never called directly: declare "
                                    "the indirect call that reaches it in %s"
                                    % (func.where, func.name, program.args.indirect))


def main():
    args = parse_args()
    program = Program(args)
    table = load_indirect_table(args.indirect, program)
    for clone, original in program.clones.items():
        if original in table:
            table[clone] = table[original]
    for caller, callees in table.items():
        program.funcs[caller].callees.update(callees)
    for clone in program.clones:
        program.funcs[clone].callees -= program.funcs[clone].cut
    thread, handlers = find_roots(program)
    check_uncalled(program, thread + handlers, table)
    depth, best = depth_all(program.funcs, program.findings)
    check_frames(program, reachable(program.funcs, thread + handlers), table)
    limit, source = budget(program)
    report = ["stack budget: %d B (%s)" % (limit, source), "thread mode:"]
    report += ["  %s" % worst_path(program.funcs, depth, best, r) for r in thread]
    report.append("handlers (each adds a %d B exception frame):" % args.exception_frame)
    ranked = sorted(handlers, key=lambda h: (-depth[h], h))
    report += ["  %s" % worst_path(program.funcs, depth, best, h) for h in ranked]
    thread_worst = max((depth[r] for r in thread), default=0)
    nested = ranked[:max(args.nesting, 0)]
    total = thread_worst + sum(depth[h] + args.exception_frame for h in nested)
    report.append("worst case: %d B = thread %d B + %s (nesting %d) of %d B budget"
                  % (total, thread_worst,
                     " + ".join("%s %d+%d B" % (program.funcs[h].name, depth[h], args.exception_frame)
                                for h in nested) or "no handler", args.nesting, limit))
    if total > limit:
        program.findings.append("stack: worst case %d B exceeds the %d B budget" % (total, limit))
    report += ["note: %s" % n for n in program.notes]
    with open(args.report, "w", encoding="utf-8") as handle:
        handle.write("\n".join(report) + "\n")
    with open(args.findings, "w", encoding="utf-8") as handle:
        handle.writelines(f + "\n" for f in sorted(set(program.findings)))
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
