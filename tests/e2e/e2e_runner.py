"""Tiny runner shared by the e2e scripts: one PASS/FAIL/SKIP line per case, then
"N passed, N failed, N skipped". A case that cannot run here calls skip(why); tests/run_tests.py
counts it as skipped only when tests/skips.txt lists it, and as failed otherwise.

    from e2e_runner import Failed, check, eq, run_cases
    class Cases:
        def test_something(self): eq(got, want, "what")
    results = run_cases(Cases(...), only="substring", verbose=False)   # [(name, exc|None)]
    sys.exit(summary(results))                                         # prints the count line
"""

import argparse
import os
import time
import traceback


class Failed(AssertionError):
    pass


class Skipped(Exception):
    pass


def skip(why):
    raise Skipped(why)


def check(cond, what):
    if not cond:
        raise Failed(what)


def eq(got, want, what):
    if got != want:
        raise Failed("%s: got %r, want %r" % (what, got, want))


def run_one(name, fn, verbose=False):
    t0 = time.monotonic()
    try:
        fn()
    except Skipped as exc:
        print("SKIP %s: %s" % (name, exc), flush=True)
        return name, exc
    except Exception as exc:  # pylint: disable=broad-except
        print("FAIL %s: %s" % (name, exc), flush=True)
        if verbose:
            traceback.print_exc()
        return name, exc
    print("PASS %s (%.2f s)" % (name, time.monotonic() - t0), flush=True)
    return name, None


def run_cases(obj, only=None, verbose=False):
    """Run obj's test_* methods in source order."""
    cls = type(obj)
    names = [n for n in dir(cls) if n.startswith("test_") and (not only or only in n)]
    names.sort(key=lambda n: getattr(cls, n).__code__.co_firstlineno)
    return [run_one(n, getattr(obj, n), verbose) for n in names]


def summary(results):
    skipped = sum(1 for _, e in results if isinstance(e, Skipped))
    failed = sum(1 for _, e in results if e is not None) - skipped
    print("%d passed, %d failed, %d skipped" % (len(results) - failed - skipped, failed, skipped),
          flush=True)
    return 1 if failed else 0


def main(make_cases, image="test", golden=False):
    """The command line every firmware suite shares: --build, --board, -k NAME, -v, and with
    golden=True --update-golden (the update run reports its cases FAIL). image "test" gives
    make_cases the test image, "release" the release image: make_cases(build, elf[, update]).
    The cases object's close(), when it has one, runs after the last case."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--board", default="mps2-an385")
    ap.add_argument("-k", default=None, help="run only cases whose name contains this")
    ap.add_argument("-v", action="store_true", help="tracebacks on failure")
    if golden:
        ap.add_argument("--update-golden", action="store_true")
    args = ap.parse_args()
    folder = args.board + ("-test" if image == "test" else "")
    elf = os.path.join(args.build, folder, "forgelight.elf")
    cases = make_cases(args.build, elf, args.update_golden) if golden else make_cases(args.build, elf)
    try:
        results = run_cases(cases, args.k, args.v)
    finally:
        close = getattr(cases, "close", None)
        if close is not None:
            close()
    return summary(results)
