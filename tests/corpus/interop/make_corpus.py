#!/usr/bin/env python3
"""Writes the interop corpus: raw page bodies (one file per case) and manifest.json.

    python3 tests/corpus/interop/make_corpus.py      (rewrites the files next to this script)

Each body is what a real or odd-but-valid server may send for GET .../background-processes.
manifest.json has one line per file, keys always in this order (tests/unit/test_forge_page.c
reads the lines with sscanf, the interop e2e suite with json):
  file, status ("ok" or the ForgePage_StatusName of the failure), records (delivered),
  tolerated (fields counted as tolerated), has_next, by_status (records per status class),
and "rounds": the pages that make one round, in order (their totals add up). Each body is also
written, behind one chunking byte, to tests/fuzz/corpus/fuzz_forge_page/interop_<file>.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
# The page fuzzer's seeds: the same bodies behind one byte that picks its chunking.
FUZZ_SEEDS = os.path.join(HERE, "..", "..", "fuzz", "corpus", "fuzz_forge_page")
STATUSES = ["installing", "installed", "removing", "restarting", "starting", "stopping",
            "running", "unknown"]
KNOWN = set(STATUSES[:-1])


def php(value):
    """Laravel's json_encode: compact, slashes escaped."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).replace("/", "\\/")


def record(rid, command, status, processes=1, user="forge", directory="/home/forge/site.example.com",
           created="2026-01-02T03:04:05Z", extra=None):
    attrs = {"command": command, "user": user, "directory": directory, "processes": processes,
             "status": status, "created_at": created}
    if extra:
        attrs.update(extra)
    return {"id": rid, "type": "backgroundProcesses", "attributes": attrs}


def page(records_json, next_cursor):
    tail = ',"links":{"first":null,"last":null,"prev":null,"next":null},"meta":{"path":' + \
        php("https://forge.laravel.com/api/orgs/acme/servers/1/background-processes") + \
        ',"per_page":30,"next_cursor":' + php(next_cursor) + ',"prev_cursor":null}}'
    return '{"data":[' + ",".join(records_json) + "]" + tail


CASES = []
ROUNDS = {}  # name: the pages of one round, in order


def case(name, body, status="ok", records=0, tolerated=0, has_next=False, by_status=None):
    with open(os.path.join(HERE, name), "wb") as handle:
        handle.write(body.encode("utf-8"))
    with open(os.path.join(FUZZ_SEEDS, "interop_" + name), "wb") as handle:
        handle.write(bytes([(len(CASES) * 37 + 5) % 256]) + body.encode("utf-8"))
    counts = {s: 0 for s in STATUSES}
    counts.update(by_status or {})
    CASES.append({"file": name, "status": status, "records": records, "tolerated": tolerated,
                  "has_next": has_next, "by_status": counts})


def status_of(s):
    return s if s in KNOWN else "unknown"


def tally(statuses):
    counts = {}
    for s in statuses:
        counts[status_of(s)] = counts.get(status_of(s), 0) + 1
    return counts


def main():
    # The API reference's own example: every string "<string>", id included.
    example = ('{"data":[{"id":"<string>","type":"backgroundProcesses","attributes":{"command":"<string>",'
               '"user":"<string>","directory":"<string>","processes":123,"status":"running",'
               '"created_at":"2023-11-07T05:31:56Z"},"links":{"self":{"href":"<string>","rel":"<string>",'
               '"describedby":"<string>","title":"<string>","type":"<string>","hreflang":["<string>"],'
               '"meta":{}}}}],"links":{"first":"<string>","last":"<string>","prev":"<string>",'
               '"next":"<string>"},"meta":{"path":"<string>","per_page":123,"next_cursor":"<string>",'
               '"prev_cursor":"<string>"}}')
    case("api_example.json", example, records=1, has_next=True, by_status={"running": 1})
    # Its next page (the cursor "<string>" leads here), the last: one record, cursor null.
    example2 = (example.replace('"status":"running"', '"status":"installed"')
                .replace('"next_cursor":"<string>"', '"next_cursor":null'))
    case("api_example_page2.json", example2, records=1, by_status={"installed": 1})
    ROUNDS["api_example"] = ["api_example.json", "api_example_page2.json"]

    # A server that ignores page[size]: 100 records in one page, statuses mixed.
    cycle = ["running", "installed", "starting", "running", "stopping", "paused"]
    sts = [cycle[i % len(cycle)] for i in range(100)]
    recs = [php(record(str(i + 1), "php artisan queue:work --queue=q%d" % i, s, processes=1 + i % 4))
            for i, s in enumerate(sts)]
    case("page_100_records.json", page(recs, None), records=100, by_status=tally(sts))

    # 200 processes over 7 pages of 30 (the last 20), cursor chained.
    cycle = ["running", "running", "installed", "restarting", "running", "removing", "mystery"]
    sts = [cycle[i % len(cycle)] for i in range(200)]
    names = []
    for p in range(7):
        chunk = list(range(p * 30, min(200, p * 30 + 30)))
        recs = [php(record(i + 1, "php artisan horizon --n=%d" % i, sts[i])) for i in chunk]
        nxt = ("cursor-%d" % (p + 2)) if p < 6 else None
        name = "round_200_page%d.json" % (p + 1)
        names.append(name)
        case(name, page(recs, nxt), records=len(chunk), has_next=nxt is not None,
             by_status=tally([sts[i] for i in chunk]))

    # An unknown attribute nested 20 deep (objects and arrays), and one in the record itself.
    nest = "1"
    for d in range(20):
        nest = ('{"k%d":%s}' % (d, nest)) if d % 2 == 0 else ("[%s,true]" % nest)
    rec = php(record("1", "php artisan horizon", "running"))
    rec = rec[:-2] + ',"x_nested":' + nest + '},"x_record_nested":' + nest + "}"
    case("nested_unknown_20.json", page([rec], None), records=1, by_status={"running": 1})

    # \u0000 (and another escaped control character) inside a command: kept, replaced, tolerated.
    rec = php(record("7", "php artisan X", "running")).replace("X", "a\\u0000b\\u0007c")
    case("escaped_nul.json", page([rec], None), records=1, tolerated=1, by_status={"running": 1})

    # A command and a directory that together exceed 2 KiB: kept as prefixes, tolerated twice.
    long_cmd = "php /home/forge/app/artisan queue:work redis " + " ".join(
        "--option-%d=value-%d" % (i, i) for i in range(120))
    long_dir = "/home/forge/" + "/".join("segment%02d" % i for i in range(80))
    rec = php(record("8", long_cmd, "running", directory=long_dir))
    case("long_command.json", page([rec], None), records=1, tolerated=2, by_status={"running": 1})

    # processes as a string, a fraction, out of range both ways: the record stays, count unknown.
    for name, value in (("processes_string.json", '"3"'), ("processes_float.json", "3.0"),
                        ("processes_70000.json", "70000"), ("processes_negative.json", "-1"),
                        ("processes_exponent.json", "1e2")):
        rec = php(record("9", "php artisan horizon", "running", processes=12345)).replace("12345", value)
        case(name, page([rec], None), records=1, tolerated=1, by_status={"running": 1})

    # Ids of every shape: strings that are not digits, a UUID, a number, a long one (prefix kept,
    # tolerated), a missing one (tolerated), null (tolerated).
    recs = [php(record("abc-123", "a", "running")),
            php(record("3f0c8f4e-9a4b-4c55-8d0a-3b8e2f9a7c11", "b", "installed")),
            php(record(42, "c", "running")),
            php(record("x" * 60, "d", "running"))]
    missing = record("0", "e", "starting")
    del missing["id"]
    recs.append(php(missing))
    recs.append(php(record(None, "f", "running")))
    case("id_strings.json", page(recs, None), records=6, tolerated=3,
         by_status={"running": 4, "installed": 1, "starting": 1})

    # Odd types everywhere in one record: status a number, user an object, created_at not a
    # date, command null (absent: not tolerated), an unknown status string (not tolerated).
    odd = ('{"id":"5","type":"backgroundProcesses","attributes":{"command":null,"user":{"name":"forge"},'
           '"directory":["\\/a"],"processes":true,"status":7,"created_at":"yesterday"}}')
    recs = [odd, php(record("6", "php artisan pulse:work", "paused"))]
    case("odd_types.json", page(recs, None), records=2, tolerated=5, by_status={"unknown": 2})

    # Elements of data that are not records: skipped and tolerated, the rest counted.
    recs = ['"not a record"', "null", "17", php(record("1", "a", "running"))]
    case("data_non_objects.json", page(recs, None), records=1, tolerated=3, by_status={"running": 1})

    # Malformed or unusable: the page fails (BAD_RESPONSE on the panel).
    good = php(record("1", "a", "running"))
    case("bad_trailing_comma.json", page([good, ""], None)[:-1] + "}", status="syntax")
    case("bad_escape.json", page([good.replace('"a"', '"a\\qb"')], None), status="syntax")
    case("bad_leading_zero.json", page([good.replace('"processes":1', '"processes":01')], None),
         status="syntax")
    case("bad_trailing_garbage.json", page([good], None) + "x", status="syntax")
    case("bad_data_not_array.json", '{"data":{},"meta":{"next_cursor":null}}', status="schema")
    case("bad_no_cursor.json", '{"data":[],"meta":{}}', status="schema")
    case("bad_unterminated.json", page([good], None)[:-40], status="truncated")

    with open(os.path.join(HERE, "manifest.json"), "w") as handle:
        handle.write('{"cases": [\n')
        handle.write(",\n".join("  " + json.dumps(c) for c in CASES))
        ROUNDS["round_200"] = names
        handle.write('\n],\n"rounds": ' + json.dumps(ROUNDS) + "}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
