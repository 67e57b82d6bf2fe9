// Syntax diagnostics: CPython's wording, file:line:col positions, several errors per run,
// and robustness on malformed input.
#include <catch2/catch.hpp>

#include "syntax_test_util.hpp"

using aioc::test::first_diagnostic;
using aioc::test::parse;

TEST_CASE("unclosed brackets are reported where they open", "[diagnostics]") {
  CHECK(first_diagnostic("print(1, 2\nx = 3\n") ==
        "t.aio:1:6: error: '(' was never closed [UnclosedBracket]");
  CHECK(first_diagnostic("x = [1,\n") == "t.aio:1:5: error: '[' was never closed [UnclosedBracket]");
}

TEST_CASE("stray and mismatched closing brackets", "[diagnostics]") {
  CHECK(first_diagnostic("x = 1)\n") == "t.aio:1:6: error: unmatched ')' [UnmatchedBracket]");
  CHECK(first_diagnostic("x = (1]\n") ==
        "t.aio:1:7: error: closing parenthesis ']' does not match opening parenthesis '(' "
        "[MismatchedBracket]");
  CHECK(first_diagnostic("x = (1,\n2]\n") ==
        "t.aio:2:2: error: closing parenthesis ']' does not match opening parenthesis '(' on "
        "line 1 [MismatchedBracket]");
}

TEST_CASE("unterminated strings", "[diagnostics]") {
  CHECK(first_diagnostic("x = 'abc\n") ==
        "t.aio:1:5: error: unterminated string literal (detected at line 1) [UnterminatedString]");
  CHECK(first_diagnostic("x = '''abc\n\ny\n") ==
        "t.aio:1:5: error: unterminated triple-quoted string literal (detected at line 3) "
        "[UnterminatedTripleQuotedString]");
}

TEST_CASE("indentation errors", "[diagnostics]") {
  CHECK(first_diagnostic("  x = 1\n") == "t.aio:1:3: error: unexpected indent [IndentationError]");
  CHECK(first_diagnostic("if x:\npass\n") ==
        "t.aio:2:1: error: expected an indented block after 'if' statement on line 1 "
        "[IndentationError]");
  CHECK(first_diagnostic("if x:\n    pass\n  y\n") ==
        "t.aio:3:3: error: unindent does not match any outer indentation level [UnindentMismatch]");
  CHECK(first_diagnostic("if x:\n\tpass\n        y\n") ==
        "t.aio:3:1: error: inconsistent use of tabs and spaces in indentation [TabError]");
  CHECK(first_diagnostic("class A:\n  def f(self):\n  x = 1\n") ==
        "t.aio:3:3: error: expected an indented block after function definition on line 2 "
        "[IndentationError]");
}

TEST_CASE("missing colons", "[diagnostics]") {
  CHECK(first_diagnostic("if x\n    pass\n") == "t.aio:1:5: error: expected ':' [SyntaxError]");
  CHECK(first_diagnostic("def f() x:\n  pass\n") == "t.aio:1:9: error: expected ':' [SyntaxError]");
}

TEST_CASE("invalid number literals", "[diagnostics]") {
  CHECK(first_diagnostic("x = 1abc\n") == "t.aio:1:5: error: invalid decimal literal [InvalidNumber]");
  CHECK(first_diagnostic("x = 0x1g\n") == "t.aio:1:5: error: invalid hexadecimal literal [InvalidNumber]");
  CHECK(first_diagnostic("x = 0b102\n") ==
        "t.aio:1:5: error: invalid digit '2' in binary literal [InvalidNumber]");
  CHECK(first_diagnostic("x = 0123\n") ==
        "t.aio:1:5: error: leading zeros in decimal integer literals are not permitted; use an 0o "
        "prefix for octal integers [InvalidNumber]");
}

TEST_CASE("invalid escapes are warnings, not errors", "[diagnostics]") {
  auto r = parse("x = '\\d'\n");
  CHECK(r.errors == 0);
  CHECK(r.diagnostics.substr(0, r.diagnostics.find('\n')) ==
        "t.aio:1:6: warning: invalid escape sequence '\\d' [InvalidEscape]");
}

TEST_CASE("invalid assignment targets", "[diagnostics]") {
  CHECK(first_diagnostic("f() = 1\n") ==
        "t.aio:1:1: error: cannot assign to function call here. Maybe you meant '==' instead of "
        "'='? [InvalidTarget]");
  CHECK(first_diagnostic("(a, 1) = x\n") == "t.aio:1:5: error: cannot assign to literal [InvalidTarget]");
  CHECK(first_diagnostic("for f() in x: pass\n") ==
        "t.aio:1:5: error: cannot assign to function call [InvalidTarget]");
  CHECK(first_diagnostic("del f()\n") == "t.aio:1:5: error: cannot delete function call [InvalidTarget]");
  CHECK(first_diagnostic("f() += 1\n") ==
        "t.aio:1:1: error: 'function call' is an illegal expression for augmented assignment "
        "[InvalidTarget]");
}

TEST_CASE("argument and parameter order", "[diagnostics]") {
  CHECK(first_diagnostic("f(a=1, b)\n") ==
        "t.aio:1:8: error: positional argument follows keyword argument [InvalidArguments]");
  CHECK(first_diagnostic("def f(a=1, b): pass\n") ==
        "t.aio:1:12: error: non-default argument follows default argument [InvalidParameters]");
}

TEST_CASE("legacy print statement", "[diagnostics]") {
  CHECK(first_diagnostic("print 'x'\n") ==
        "t.aio:1:1: error: Missing parentheses in call to 'print'. Did you mean print(...)? "
        "[SyntaxError]");
}

TEST_CASE("bytes must be ASCII", "[diagnostics]") {
  CHECK(first_diagnostic("b'\xed\x95\x9c'\n") ==
        "t.aio:1:1: error: bytes can only contain ASCII literal characters [NonAsciiBytes]");
}

TEST_CASE("diagnostics print the source line and a caret", "[diagnostics]") {
  auto r = parse("x = = 1\n");
  CHECK(r.diagnostics ==
        "t.aio:1:5: error: invalid syntax [SyntaxError]\n"
        "x = = 1\n"
        "    ^\n");
}

TEST_CASE("several independent errors are reported in one run", "[diagnostics]") {
  auto r = parse("x = = 1\nif y\n    pass\nz = 1 +\n");
  CHECK(r.errors == 3);
  CHECK(r.diagnostics.find("t.aio:1:5:") != std::string::npos);
  CHECK(r.diagnostics.find("t.aio:2:5: error: expected ':'") != std::string::npos);
  CHECK(r.diagnostics.find("t.aio:4:8:") != std::string::npos);
}

TEST_CASE("odd inputs never crash", "[diagnostics]") {
  for (const char* src : {"", "\n", "x", "(", ")", "]]]", "'''", "f'{", "\\", "if", "if x:",
                          "\xef\xbb\xbfx = 1\n", "x = 1\r\ny = 2\r\n", "\t\t\n  \f\n",
                          "a\x01b", "\xff\xfe", "lambda", "def", "@", "x = f'{f\"{1}\"}'"}) {
    INFO(src);
    auto r = parse(src);
    CHECK(r.errors >= 0);
  }
}

TEST_CASE("deep nesting is an error, not a stack overflow", "[diagnostics]") {
  std::string deep = "x = " + std::string(100000, '-') + "1\n";
  CHECK(parse(deep).diagnostics.find("nested too deeply") != std::string::npos);
  std::string parens = "x = " + std::string(300, '(') + "1" + std::string(300, ')') + "\n";
  CHECK(parse(parens).diagnostics.find("too many nested parentheses") != std::string::npos);
}
