"""Images without third-party modules: PPM (what QMP screendump writes) and PNG via zlib.

    img = read_ppm(path)              # Image(width, height, rgb bytes)
    write_png(img, path)              # 8-bit RGB, filter 0
    img2 = read_png(path)             # any 8-bit RGB/RGBA/grey non-interlaced PNG
    diff_pixels(img, img2)            # number of differing pixels (None if sizes differ)
    to_text(img, scale=4)             # '#'/'.' art of a monochrome panel (96x16 OLED: scale 4)
"""

import struct
import zlib
from dataclasses import dataclass


@dataclass
class Image:
    width: int
    height: int
    rgb: bytes  # width * height * 3

    def pixel(self, x, y):
        i = (y * self.width + x) * 3
        return tuple(self.rgb[i:i + 3])


def _ppm_tokens(data, count):
    """First `count` header tokens of a PPM and the offset just after the last one."""
    tokens, pos = [], 0
    while len(tokens) < count:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        tokens.append(data[pos:end])
        pos = end
    return tokens, pos + 1  # exactly one whitespace byte before the raster


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    (magic, w, h, maxval), pos = _ppm_tokens(data, 4)
    if magic != b"P6" or int(maxval) != 255:
        raise ValueError("only binary 8-bit PPM (P6) is supported")
    w, h = int(w), int(h)
    return Image(w, h, data[pos:pos + w * h * 3])


def _chunk(kind, payload):
    return (struct.pack("!I", len(payload)) + kind + payload
            + struct.pack("!I", zlib.crc32(kind + payload) & 0xFFFFFFFF))


def png_bytes(img):
    stride = img.width * 3
    raw = b"".join(b"\0" + img.rgb[y * stride:(y + 1) * stride] for y in range(img.height))
    return (b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", struct.pack("!IIBBBBB", img.width, img.height, 8, 2, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b""))


def write_png(img, path):
    with open(path, "wb") as f:
        f.write(png_bytes(img))


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _unfilter(kind, line, prev, bpp):
    out = bytearray(line)
    for i, v in enumerate(line):
        a = out[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        pred = (0, a, b, (a + b) >> 1, _paeth(a, b, c))[kind]
        out[i] = (v + pred) & 0xFF
    return out


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, hdr = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack("!I4s", data[pos:pos + 8])
        payload = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            hdr = struct.unpack("!IIBBBBB", payload)
        elif kind == b"IDAT":
            idat += payload
        elif kind == b"IEND":
            break
    w, h, depth, ctype, _comp, _filt, interlace = hdr
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(ctype)
    if depth != 8 or channels is None or interlace != 0:
        raise ValueError("unsupported PNG layout")
    raw = zlib.decompress(idat)
    stride = w * channels
    prev, rgb = bytearray(stride), bytearray()
    for y in range(h):
        row = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        prev = _unfilter(row[0], row[1:], prev, channels)
        for x in range(w):
            px = prev[x * channels:(x + 1) * channels]
            rgb += bytes(px[:3]) if channels >= 3 else bytes([px[0]] * 3)
    return Image(w, h, bytes(rgb))


def diff_pixels(a, b):
    if (a.width, a.height) != (b.width, b.height):
        return None
    return sum(1 for i in range(0, len(a.rgb), 3) if a.rgb[i:i + 3] != b.rgb[i:i + 3])


def to_text(img, scale=4, on="#", off="."):
    rows = []
    for y in range(0, img.height, scale):
        row = ""
        for x in range(0, img.width, scale):
            row += on if sum(img.pixel(x, y)) > 3 * 64 else off
        rows.append(row)
    return "\n".join(rows)
