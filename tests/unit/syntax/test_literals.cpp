// Literal decoding: integers of every base and size, floats, imaginary numbers, string
// and bytes escapes, prefixes, and the reprs the AST printer uses for them.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "ast/py_repr.hpp"
#include "syntax/number_literal.hpp"
#include "syntax/string_literal.hpp"
#include "syntax_test_util.hpp"

using namespace aioc;
using syntax::decode_number;

namespace {

std::string int_text(const char* literal) {
  return std::get<ast::IntConst>(decode_number(literal)).decimal;
}

std::string str(std::string_view body, std::string* problems = nullptr) {
  return syntax::decode_str(body, [&](const syntax::EscapeProblem& p) {
    if (problems) *problems += std::to_string(p.offset) + ":" + p.detail + ";";
  });
}

std::string bytes(std::string_view body) { return syntax::decode_bytes(body, nullptr); }

}  // namespace

TEST_CASE("integers in every base decode to decimal text", "[literals]") {
  CHECK(int_text("0") == "0");
  CHECK(int_text("00_0") == "0");
  CHECK(int_text("1_000_000") == "1000000");
  CHECK(int_text("0xff") == "255");
  CHECK(int_text("0XdeadBEEF") == "3735928559");
  CHECK(int_text("0o17") == "15");
  CHECK(int_text("0b1010_1010") == "170");
  CHECK(int_text("0x_1") == "1");
}

TEST_CASE("integers of any size are exact; small ones also fit int64", "[literals]") {
  auto big = std::get<ast::IntConst>(decode_number("123456789012345678901234567890"));
  CHECK(big.decimal == "123456789012345678901234567890");
  CHECK_FALSE(big.small.has_value());
  auto max = std::get<ast::IntConst>(decode_number("9223372036854775807"));
  REQUIRE(max.small.has_value());
  CHECK(*max.small == INT64_MAX);
  CHECK_FALSE(std::get<ast::IntConst>(decode_number("9223372036854775808")).small.has_value());
  CHECK(int_text("0xffffffffffffffffffffffffffffffff") == "340282366920938463463374607431768211455");
}

TEST_CASE("floats are parsed with correct rounding", "[literals]") {
  CHECK(std::get<double>(decode_number("0.1")) == 0.1);
  CHECK(std::get<double>(decode_number("1_000.000_1")) == 1000.0001);
  CHECK(std::get<double>(decode_number(".5")) == 0.5);
  CHECK(std::get<double>(decode_number("5.")) == 5.0);
  CHECK(std::get<double>(decode_number("1e-3")) == 0.001);
  CHECK(std::isinf(std::get<double>(decode_number("1e999"))));
  CHECK(std::get<double>(decode_number("1e-999")) == 0.0);
}

TEST_CASE("a trailing j makes an imaginary literal", "[literals]") {
  CHECK(std::get<ast::ImagConst>(decode_number("3j")).imag == 3.0);
  CHECK(std::get<ast::ImagConst>(decode_number("1.5J")).imag == 1.5);
  CHECK(std::get<ast::ImagConst>(decode_number("1e3j")).imag == 1000.0);
}

TEST_CASE("string escapes", "[literals]") {
  CHECK(str("a\\n\\t\\r\\\\\\'\\\"") == "a\n\t\r\\'\"");
  CHECK(str("\\a\\b\\f\\v") == "\a\b\f\v");
  CHECK(str("\\x41\\101\\0") == std::string("AA\0", 3));
  CHECK(str("\\u00e9\\U0001F600") == "\xc3\xa9\xf0\x9f\x98\x80");
  CHECK(str("line\\\nnext") == "linenext");
  CHECK(str("\\ud800") == "\xed\xa0\x80");  // a lone surrogate, stored as WTF-8
}

TEST_CASE("unknown escapes are kept and the first is reported", "[literals]") {
  std::string problems;
  CHECK(str("\\d\\w", &problems) == "\\d\\w");
  CHECK(problems == "0:d;");
}

TEST_CASE("octal escapes above 0o377 warn", "[literals]") {
  std::string problems;
  CHECK(str("\\777", &problems) == "\xc7\xbf");
  CHECK(problems == "0:777;");
}

TEST_CASE("truncated escapes are errors with CPython's wording", "[literals]") {
  std::string problems;
  str("\\x4", &problems);
  CHECK(problems.find("position 0-2: truncated \\xXX escape") != std::string::npos);
}

TEST_CASE("bytes escapes", "[literals]") {
  CHECK(bytes("\\x00\\xff\\n") == std::string("\0\xff\n", 3));
  CHECK(bytes("\\777") == "\xff");
  CHECK(bytes("\\u0041") == "\\u0041");
}

TEST_CASE("string prefixes", "[literals]") {
  auto p = syntax::split_string("Rb'x'");
  CHECK(p.raw);
  CHECK(p.bytes);
  CHECK_FALSE(p.fstring);
  auto f = syntax::split_string("fR\"\"\"x\"\"\"");
  CHECK(f.fstring);
  CHECK(f.raw);
  CHECK(f.triple);
  CHECK(f.body_begin == 5);
  CHECK(f.body_end == 6);
  CHECK(syntax::split_string("u'x'").u_prefix);
  CHECK_FALSE(syntax::split_string("U'x'").u_prefix);
}

TEST_CASE("repr of str chooses quotes and escapes like CPython", "[literals]") {
  CHECK(ast::py_repr_str("abc") == "'abc'");
  CHECK(ast::py_repr_str("it's") == "\"it's\"");
  CHECK(ast::py_repr_str("'\"") == "'\\'\"'");
  CHECK(ast::py_repr_str("a\nb\t\\") == "'a\\nb\\t\\\\'");
  CHECK(ast::py_repr_str(std::string("\0\x7f", 2)) == "'\\x00\\x7f'");
  CHECK(ast::py_repr_str("\xc2\xa0") == "'\\xa0'");           // NO-BREAK SPACE: not printable
  CHECK(ast::py_repr_str("\xe2\x80\x8b") == "'\\u200b'");     // ZERO WIDTH SPACE
  CHECK(ast::py_repr_str("\xed\x95\x9c") == "'\xed\x95\x9c'");  // Hangul: printable
  CHECK(ast::py_repr_str("\xf0\x9f\x98\x80") == "'\xf0\x9f\x98\x80'");
  CHECK(ast::py_repr_str("\xed\xa0\x80") == "'\\ud800'");
}

TEST_CASE("repr of bytes", "[literals]") {
  CHECK(ast::py_repr_bytes("ab") == "b'ab'");
  CHECK(ast::py_repr_bytes(std::string("\0\xff'", 3)) == "b\"\\x00\\xff'\"");
}

TEST_CASE("repr of floats is the shortest round-trip form", "[literals]") {
  CHECK(ast::py_repr_float(0.1) == "0.1");
  CHECK(ast::py_repr_float(1.0) == "1.0");
  CHECK(ast::py_repr_float(1e16) == "1e+16");
  CHECK(ast::py_repr_float(1e15) == "1000000000000000.0");
  CHECK(ast::py_repr_float(0.0001) == "0.0001");
  CHECK(ast::py_repr_float(0.00001) == "1e-05");
  CHECK(ast::py_repr_float(1.5e300) == "1.5e+300");
  CHECK(ast::py_repr_float(123.456) == "123.456");
  CHECK(ast::py_repr_float(HUGE_VAL) == "inf");
  CHECK(ast::py_repr_float(0.0) == "0.0");
}

TEST_CASE("repr of imaginary literals", "[literals]") {
  CHECK(ast::py_repr_imag(1.0) == "1j");
  CHECK(ast::py_repr_imag(1.5) == "1.5j");
  CHECK(ast::py_repr_imag(1e16) == "1e+16j");
  CHECK(ast::py_repr_imag(0.0) == "0j");
}

TEST_CASE("concatenated literals fold into one constant", "[literals]") {
  auto r = test::parse("x = 'a' \"b\" '''c'''\n");
  CHECK(r.dump.find("Constant(value='abc')") != std::string::npos);
  r = test::parse("x = u'a' 'b'\n");
  CHECK(r.dump.find("Constant(value='ab', kind='u')") != std::string::npos);
  r = test::parse("x = b'a' rb'\\n'\n");
  CHECK(r.dump.find("Constant(value=b'a\\\\n')") != std::string::npos);
}

TEST_CASE("f-strings build JoinedStr with merged literal parts", "[literals]") {
  auto r = test::parse("x = 'a' f'b{y!r:>{w}}c' 'd'\n");
  REQUIRE(r.errors == 0);
  CHECK(r.dump.find("Constant(value='ab')") != std::string::npos);
  CHECK(r.dump.find("conversion=114") != std::string::npos);
  CHECK(r.dump.find("Constant(value='cd')") != std::string::npos);
}

TEST_CASE("the self-documenting f-string field", "[literals]") {
  auto r = test::parse("f'{ x = }'\n");
  REQUIRE(r.errors == 0);
  CHECK(r.dump.find("Constant(value=' x = ')") != std::string::npos);
  CHECK(r.dump.find("conversion=114") != std::string::npos);
  r = test::parse("f'{x=:>4}'\n");
  CHECK(r.dump.find("conversion=-1") != std::string::npos);
}
