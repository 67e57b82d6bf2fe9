# lit configuration for aioc's .aio tests (tests/lit) and samples (samples/ loads this file).
#
# Substitutions: %aioc (the compiler), %python (CPython, the reference), %pyast (CPython's
# ast.dump of a file, to diff against `aioc ast`). FileCheck and `not` come from LLVM 14.
# The aioc binary is --param aioc=PATH, else $AIOC_BIN, else build/compiler/aioc.
import os
import shutil
import sys

import lit.formats

repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

config.name = "aioc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".aio"]
config.excludes = ["Inputs", "tools", "lit.cfg.py"]
config.test_source_root = os.path.dirname(os.path.abspath(__file__))

aioc = lit_config.params.get("aioc") or os.environ.get("AIOC_BIN") \
    or os.path.join(repo, "build", "compiler", "aioc")
aioc = os.path.abspath(aioc)
# Scratch files (%t) go beside the build that made aioc, so runs from different build
# directories never share them.
config.test_exec_root = os.path.join(os.path.dirname(os.path.dirname(aioc)), "lit-tests")
python = shutil.which("python3") or sys.executable

config.substitutions.append(("%aioc", aioc))
config.substitutions.append(("%pyast", f"{python} {repo}/tests/lit/tools/py_ast_dump.py"))
config.substitutions.append(("%python", python))

llvm_bin = "/usr/lib/llvm-14/bin"
config.environment["PATH"] = os.pathsep.join([llvm_bin, os.environ.get("PATH", "")])
for var in ("HOME", "AIOC_CACHE_DIR", "AIOC_WERROR", "AIOC_RUNTIME_INCLUDE", "AIOC_RUNTIME_LIB",
            "CXX", "TZ", "LANG"):
    if var in os.environ:
        config.environment[var] = os.environ[var]
# Python must not write bytecode caches next to tests, and prints UTF-8 like aioc.
config.environment["PYTHONDONTWRITEBYTECODE"] = "1"
config.environment["PYTHONIOENCODING"] = "utf-8"
