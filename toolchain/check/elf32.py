"""Minimal little-endian ELF32 reader (Python stdlib only) for the stack-bound check:
sections, symbols (with the source file of each local symbol) and raw bytes at an address."""
import struct

SHT_SYMTAB = 2
SHF_ALLOC = 0x2
SHF_EXECINSTR = 0x4
SHN_ABS = 0xFFF1
STT_OBJECT = 1
STT_FUNC = 2
STT_FILE = 4
STB_LOCAL = 0


class Section:
    def __init__(self, name, sh_type, flags, addr, offset, size, link):
        self.name = name
        self.type = sh_type
        self.flags = flags
        self.addr = addr
        self.offset = offset
        self.size = size
        self.link = link


class Symbol:
    def __init__(self, name, value, size, sym_type, bind, shndx, source):
        self.name = name
        self.value = value
        self.size = size
        self.type = sym_type
        self.bind = bind
        self.shndx = shndx
        self.source = source  # STT_FILE name in force for a local symbol, else None


class Elf32:
    def __init__(self, path):
        with open(path, "rb") as handle:
            self.data = handle.read()
        if self.data[:4] != b"\x7fELF" or self.data[4] != 1 or self.data[5] != 1:
            raise ValueError("%s: not a little-endian ELF32 file" % path)
        (self.entry,) = struct.unpack_from("<I", self.data, 24)
        shoff, = struct.unpack_from("<I", self.data, 32)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", self.data, 46)
        raw = []
        for index in range(shnum):
            fields = struct.unpack_from("<IIIIIIIIII", self.data, shoff + index * shentsize)
            raw.append(fields)
        names = raw[shstrndx]
        self.sections = []
        for fields in raw:
            name = self._cstr(names[4] + fields[0])
            self.sections.append(Section(name, fields[1], fields[2], fields[3], fields[4],
                                         fields[5], fields[6]))
        self.symbols = self._read_symbols()

    def _cstr(self, offset):
        end = self.data.index(b"\0", offset)
        return self.data[offset:end].decode("utf-8", "replace")

    def _read_symbols(self):
        symbols = []
        for section in self.sections:
            if section.type != SHT_SYMTAB:
                continue
            strtab = self.sections[section.link]
            source = None
            for index in range(section.size // 16):
                name_off, value, size, info, _other, shndx = struct.unpack_from(
                    "<IIIBBH", self.data, section.offset + index * 16)
                name = self._cstr(strtab.offset + name_off)
                sym_type = info & 0xF
                bind = info >> 4
                if sym_type == STT_FILE:
                    source = name
                    continue
                symbols.append(Symbol(name, value, size, sym_type, bind, shndx,
                                      source if bind == STB_LOCAL else None))
        return symbols

    def read(self, addr, length):
        """Bytes at a load/run address inside an allocated section with file contents."""
        for section in self.sections:
            if (section.flags & SHF_ALLOC) and section.type != 8 and \
                    section.addr <= addr and addr + length <= section.addr + section.size:
                start = section.offset + (addr - section.addr)
                return self.data[start:start + length]
        return None

    def words(self, addr, count):
        raw = self.read(addr, 4 * count)
        if raw is None:
            return None
        return list(struct.unpack("<%dI" % count, raw))
