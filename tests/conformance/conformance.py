#!/usr/bin/env python3
"""Conformance: every runnable .aio test and sample must print what CPython prints.

A file is runnable when one of its RUN lines runs `%aioc run %s [args]`. Each is run as
`python3 FILE args` and as `aioc run FILE args`, and the two stdouts and exit statuses must be
equal (python3 must succeed). When that RUN line expects failure (`not %aioc run %s ...`, an
uncaught exception), the last lines of the two stderrs must be equal too: the `ExcType: message` line that ends
a traceback (the frames above it name different files and lines in aioc's and CPython's
traces, so only the last line is compared). In-file directives adjust the comparison:

  # CONFORMANCE-MASK: REGEX    replace matches of REGEX by <masked> in both outputs first
                               (wall-clock times, which differ between any two runs)
  # CONFORMANCE-UNORDERED: A-B compare output lines A..B (1-based) as a multiset: for
                               lines whose order CPython itself leaves to timing (timers
                               due at the same instant, decided by wake-up latency)
  # CONFORMANCE-STDERR: full   compare the whole stderr too (tracebacks whose every frame
                               is in the file itself, e.g. exception-group boxes)
  # CONFORMANCE-SKIP: REASON   do not compare (CPython's own output is nondeterministic,
                               or depends on a Jupyter kernel); the reason is printed

aioc's compiled-program cache (AIOC_CACHE_DIR) is shared with the lit run, so programs the
lit tests already compiled are not compiled again.
"""
import argparse
import concurrent.futures
import os
import re
import shlex
import subprocess
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RUN_RE = re.compile(r"#\s*RUN:\s*(.*)")
AIOC_RUN_RE = re.compile(r"%aioc\s+run\s+(?:-\S+\s+)*%s((?:\s+(?!\d*[<>])[^|&;<>\s]+)*)")
TIMEOUT = 120


def discover(roots):
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d not in ("Inputs", "tools", "Output")]
            for name in sorted(filenames):
                if name.endswith(".aio"):
                    yield os.path.join(dirpath, name)


def plan(path):
    """Returns (args, masks, unordered_ranges, skip_reason, expect_failure, full_stderr) for a
    runnable file, else None."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    args = None
    expect_failure = False
    for line in text.splitlines():
        m = RUN_RE.search(line)
        if not m:
            continue
        command = m.group(1)
        run = AIOC_RUN_RE.search(command)
        if run:
            args = shlex.split(run.group(1))
            expect_failure = bool(re.match(r"\s*not\s+%aioc\b", command))
            break
    if args is None:
        return None
    masks = [re.compile(m) for m in re.findall(r"#\s*CONFORMANCE-MASK:\s*(.+)", text)]
    unordered = [(int(a), int(b)) for a, b in re.findall(r"#\s*CONFORMANCE-UNORDERED:\s*(\d+)-(\d+)", text)]
    skip = re.search(r"#\s*CONFORMANCE-SKIP:\s*(.+)", text)
    full_stderr = re.search(r"#\s*CONFORMANCE-STDERR:\s*full", text) is not None
    return args, masks, unordered, skip.group(1).strip() if skip else None, expect_failure, full_stderr


def last_line(text):
    lines = text.rstrip("\n").splitlines()
    return lines[-1] if lines else ""


def run(argv, cwd):
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    try:
        p = subprocess.run(argv, cwd=cwd, capture_output=True, timeout=TIMEOUT, env=env)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return "timeout", "", ""


def compare(path, aioc, python):
    args, masks, unordered, skip, expect_failure, full_stderr = plan(path)
    if skip:
        return "skip", skip
    cwd = os.path.dirname(path)
    # The absolute path, as lit passes it: the same generated C++, so the same cache entry.
    py = run([python, path] + args, cwd)
    ai = run([aioc, "run", path] + args, cwd)

    def norm(out):
        for m in masks:
            out = m.sub("<masked>", out)
        lines = out.splitlines(True)
        for a, b in unordered:
            lines[a - 1:b] = sorted(lines[a - 1:b])
        return "".join(lines)

    if not expect_failure and py[0] != 0:
        # Both failing alike would compare equal: a test meant to run must run under CPython.
        return "fail", f"python3 exits {py[0]} on a test expected to succeed:\n{py[2][-2000:]}"
    if full_stderr:
        same_err = norm(py[2]) == norm(ai[2])
    else:
        same_err = not expect_failure or norm(last_line(py[2])) == norm(last_line(ai[2]))
    if py[0] == ai[0] and norm(py[1]) == norm(ai[1]) and same_err:
        return "pass", ""
    import difflib
    diff = "".join(difflib.unified_diff(norm(py[1]).splitlines(True), norm(ai[1]).splitlines(True),
                                        "python3", "aioc"))
    detail = f"exit python3={py[0]} aioc={ai[0]}\n{diff}"
    if not same_err and full_stderr:
        detail += "".join(difflib.unified_diff(norm(py[2]).splitlines(True), norm(ai[2]).splitlines(True),
                                               "python3 stderr", "aioc stderr"))
    elif not same_err:
        detail += f"last stderr line:\n  python3: {last_line(py[2])}\n  aioc:    {last_line(ai[2])}\n"
    if ai[0] != 0 and ai[2]:
        detail += "aioc stderr:\n" + ai[2][-2000:]
    return "fail", detail


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aioc", default=os.path.join(REPO, "build", "compiler", "aioc"))
    parser.add_argument("--python", default="python3")
    parser.add_argument("-j", type=int, default=os.cpu_count() or 2)
    parser.add_argument("paths", nargs="*", help="files or folders (default: samples and tests/lit)")
    opts = parser.parse_args()
    roots = opts.paths or [os.path.join(REPO, "samples"), os.path.join(REPO, "tests", "lit")]
    files = [p for r in roots for p in ([r] if r.endswith(".aio") else discover([r]))]
    files = [os.path.abspath(f) for f in files if plan(f)]
    # Many programs mostly sleep: run more of them at once than there are cores.
    counts = {"pass": 0, "fail": 0, "skip": 0}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(4, opts.j * 2)) as pool:
        futures = {pool.submit(compare, f, opts.aioc, opts.python): f for f in files}
        for fut in concurrent.futures.as_completed(futures):
            path = os.path.relpath(futures[fut], REPO)
            status, detail = fut.result()
            counts[status] += 1
            if status == "fail":
                print(f"FAIL: {path}\n{detail}", flush=True)
            elif status == "skip":
                print(f"SKIP: {path} ({detail})", flush=True)
    print(f"conformance: {counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped")
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
