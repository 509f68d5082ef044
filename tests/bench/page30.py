#!/usr/bin/env python3
"""One page of 30 background processes exactly as the lab's mock Forge API sends it (first page
of 90, with a next cursor), for the parse benchmarks on the host and on the target.

    python3 tests/bench/page30.py OUT.json            raw body
    python3 tests/bench/page30.py --blob OUT.bin      "FLPG" + u32 LE length + body (QEMU loader)
"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import mock_forge as mf  # noqa: E402

BLOB_MAGIC = b"FLPG"
RECORDS = 30


def body():
    api = mf.ForgeApi([mf.TOKEN], ("user",), 200, 60, 60.0)
    procs = mf.make_processes(RECORDS * 3)
    page = procs[:RECORDS]
    order = [("id", False)]
    nxt = api._cursor(order, page[-1], "n")
    doc = api._document(mf.ORG, mf.SERVER, {"page[size]": [str(RECORDS)]}, page, RECORDS, nxt, None)
    return mf.php_json(doc)


def main():
    args = sys.argv[1:]
    blob = bool(args) and args[0] == "--blob"
    out = args[-1]
    data = body()
    if blob:
        data = BLOB_MAGIC + struct.pack("<I", len(data)) + data
    with open(out, "wb") as handle:
        handle.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
