// Why: the writer owns indentation for every emitted line; mangling must keep Python names
// apart from C++ keywords and from each other.
#include <catch2/catch.hpp>

#include <limits>

#include "codegen/mangle.hpp"
#include "codegen/writer.hpp"

using namespace aioc::codegen;

TEST_CASE("writer indents blocks and closes with tails", "[codegen][writer]") {
  CodeWriter w;
  w.open("if (x)");
  w.line("f();");
  w.close(" else {");
  w.indent();
  w.line("g();");
  w.close();
  w.raw_line("#line 3 \"a.aio\"");
  CHECK(w.str() == "if (x) {\n  f();\n} else {\n  g();\n}\n#line 3 \"a.aio\"\n");
}

TEST_CASE("mangle prefixes names and escapes non-ASCII injectively", "[codegen][mangle]") {
  CHECK(mangle("l_", "int") == "l_int");
  CHECK(mangle("g_", "__init__") == "g___init__");
  CHECK(mangle("l_", "Zed") == "l_ZZed");
  CHECK(mangle("l_", "\xc3\xa9t\xc3\xa9") == "l_Zc3_Za9_tZc3_Za9_");
  CHECK(mangle("l_", "Zc3_") != mangle("l_", "\xc3"));
}

TEST_CASE("string literals escape quotes, newlines and non-ASCII bytes", "[codegen][mangle]") {
  CHECK(cpp_string_literal("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"");
  CHECK(cpp_string_literal("\xc3\xa9" "1") == "\"\\303\\2511\"");
  CHECK(cpp_string_literal("?" "?=") == "\"\\077\\077=\"");
}

TEST_CASE("doubles are spelled exactly", "[codegen][mangle]") {
  CHECK(cpp_double_literal(1.5) == "0x1.8p+0");
  CHECK(cpp_double_literal(std::numeric_limits<double>::infinity()) == "__builtin_inf()");
}
