"""Prints CPython's AST of a file exactly as `aioc ast FILE` should print it.

Usage: python3 py_ast_dump.py FILE.aio   (the %pyast lit substitution)

The reference for the syntax stage's tests: ast.dump(ast.parse(source), indent=1). The
file is read as bytes so CPython applies its own source decoding (BOM, line endings),
as it does for a script.
"""
import ast
import sys
import warnings


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: py_ast_dump.py FILE", file=sys.stderr)
        return 2
    with open(sys.argv[1], "rb") as f:
        source = f.read()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escapes and the like: not our concern here
        tree = ast.parse(source, filename=sys.argv[1])
    sys.stdout.reconfigure(encoding="utf-8")
    print(ast.dump(tree, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
