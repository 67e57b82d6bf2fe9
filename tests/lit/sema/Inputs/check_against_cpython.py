# Checks the sema lit tests against CPython 3.11 itself: every fail_ test whose first error
# CPython also reports must name the same line, column and message in one of its CHECK
# lines; every positive test must compile and run under python3. Usage:
#   python3 tests/lit/sema/Inputs/check_against_cpython.py
import os, re, subprocess, sys
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AIOC_ONLY = {'UndefinedName', 'Unsupported', 'UnsupportedBuiltin', 'UnsupportedModule'}
bad = 0
for d, _, files in os.walk(ROOT):
    for f in sorted(files):
        if not f.endswith('.aio'): continue
        p = os.path.join(d, f)
        src = open(p).read()
        lines = src.split('\n')
        checks = []
        for i, l in enumerate(lines, 1):
            m = re.search(r'CHECK: \S+:\[\[@LINE\+(\d+)\]\]:(\d+): error: (.*) \[(\w+)\]$', l)
            if m: checks.append((i + int(m.group(1)), int(m.group(2)), m.group(3), m.group(4)))
        try:
            compile(src, p, 'exec')
            err = None
        except SyntaxError as e:
            err = (e.lineno, e.offset, e.msg)
        if f.startswith('fail_'):
            cp = [c for c in checks if c[3] not in AIOC_ONLY]
            if err is None:
                if cp: print("MISMATCH (python accepts)", p, cp); bad += 1
            else:
                first = min(cp, key=lambda c: (c[0], c[1])) if cp else None
                # CPython reports its first error; it must be one of ours (same line, col, msg)
                if not any((c[0], c[1], c[2]) == err for c in cp):
                    print("MISMATCH", p, "python:", err, "ours:", cp); bad += 1
        else:
            if err: print("VALID FILE REJECTED", p, err); bad += 1; continue
            r = subprocess.run([sys.executable, p], capture_output=True, text=True, timeout=20)
            if r.returncode != 0: print("VALID FILE FAILS AT RUN TIME", p, r.stderr[-300:]); bad += 1
print("bad:", bad)
