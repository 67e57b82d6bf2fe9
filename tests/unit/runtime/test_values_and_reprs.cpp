// Object model basics: every repr here was checked against CPython 3.11's output.
#include <catch2/catch.hpp>

#include "aio/python.hpp"

using namespace aio;

namespace {
std::string r(const Value& v) { return repr_std(v); }
std::string s(const Value& v) { return to_std_string(v); }
Value S(const char* t) { return make_str(std::string_view(t)); }
Value I(std::int64_t i) { return Value::from_int(i); }
}  // namespace

TEST_CASE("value basics", "[objects][value]") {
  runtime_init();
  CHECK(sizeof(Value) == 16);
  CHECK(r(Value::none()) == "None");
  CHECK(r(Value(true)) == "True");
  CHECK(r(I(-42)) == "-42");
  CHECK(r(Value::borrowed(int_type)) == "<class 'int'>");
  CHECK(r(call(builtin("type"), {Value(true)})) == "<class 'bool'>");
  CHECK(r(call(builtin("type"), {Value::none()})) == "<class 'NoneType'>");
}

TEST_CASE("float repr matches CPython", "[objects][float]") {
  runtime_init();
  CHECK(float_repr(1.0) == "1.0");
  CHECK(float_repr(0.1) == "0.1");
  CHECK(float_repr(1e16) == "1e+16");
  CHECK(float_repr(1e15) == "1000000000000000.0");
  CHECK(float_repr(0.0001) == "0.0001");
  CHECK(float_repr(0.00001) == "1e-05");
  CHECK(float_repr(-0.0) == "-0.0");
  CHECK(float_repr(1.5e300) == "1.5e+300");
  CHECK(float_repr(0.1 + 0.2) == "0.30000000000000004");
  CHECK(float_repr(1.0 / 0.0) == "inf");
  CHECK(float_repr(123456789.125) == "123456789.125");
}

TEST_CASE("str repr quoting and escapes", "[objects][str]") {
  runtime_init();
  CHECK(r(S("abc")) == "'abc'");
  CHECK(r(S("it's")) == "\"it's\"");
  CHECK(r(S("both ' and \"")) == "'both \\' and \"'");
  CHECK(r(S("tab\tnl\n")) == "'tab\\tnl\\n'");
  CHECK(r(S("\x01")) == "'\\x01'");
  CHECK(r(S("안녕하세요")) == "'안녕하세요'");
  CHECK(len(S("안녕하세요")) == 5);
  CHECK(s(getitem(S("안녕하세요"), I(-1))) == "요");
  CHECK(s(getitem(S("안녕하세요"), make_slice(I(1), I(3), Value()))) == "녕하");
  CHECK(s(getitem(S("hello"), make_slice(Value(), Value(), I(-1)))) == "olleh");
}

TEST_CASE("str methods", "[objects][str]") {
  runtime_init();
  CHECK(r(call_method(S(" a  b "), S("split"), {})) == "['a', 'b']");
  CHECK(r(call_method(S("a,b,,c"), S("split"), {S(",")})) == "['a', 'b', '', 'c']");
  CHECK(r(call_method(S("a b c"), S("rsplit"), {Value::none(), I(1)})) == "['a b', 'c']");
  CHECK(s(call_method(S("-"), S("join"), {make_list({S("x"), S("y")})})) == "x-y");
  CHECK(s(call_method(S("  x  "), S("strip"), {})) == "x");
  CHECK(s(call_method(S("xxhixx"), S("strip"), {S("x")})) == "hi");
  CHECK(truthy(call_method(S("hello"), S("startswith"), {S("he")})));
  CHECK(r(call_method(S("hello"), S("find"), {S("l")})) == "2");
  CHECK(s(call_method(S("aaa"), S("replace"), {S("a"), S("b"), I(2)})) == "bba");
  CHECK(s(call_method(S("Hello"), S("upper"), {})) == "HELLO");
  CHECK(s(call_method(S("{} and {!r}"), S("format"), {I(1), S("x")})) == "1 and 'x'");
  CHECK(s(mul(S("ab"), I(3))) == "ababab");
  CHECK(truthy(lt(S("abc"), S("abd"))));
  CHECK(s(call_method(S("ab"), S("center"), {I(7), S("*")})) == "***ab**");
}

TEST_CASE("int arithmetic follows Python", "[objects][int]") {
  runtime_init();
  CHECK(r(floordiv(I(-7), I(2))) == "-4");
  CHECK(r(mod(I(-7), I(2))) == "1");
  CHECK(r(mod(I(7), I(-2))) == "-1");
  CHECK(r(truediv(I(7), I(2))) == "3.5");
  CHECK(r(pow(I(2), I(-1))) == "0.5");
  CHECK(r(pow(I(2), I(100))) == "1267650600228229401496703205376");
  CHECK(r(mul(I(INT64_MAX), I(2))) == "18446744073709551614");
  CHECK(r(add(I(INT64_MAX), I(1))) == "9223372036854775808");
  CHECK(r(sub(add(I(INT64_MAX), I(1)), I(1))) == "9223372036854775807");
  CHECK(add(I(INT64_MAX), I(1)).is_object());
  CHECK(sub(add(I(INT64_MAX), I(1)), I(1)).is_int());
  CHECK(r(floordiv(pow(I(10), I(30)), I(7))) == "142857142857142857142857142857");
  CHECK(r(mod(neg(pow(I(10), I(30))), I(7))) == "6");
  CHECK(r(int_lit("123456789012345678901234567890")) == "123456789012345678901234567890");
  CHECK(r(add(Value(true), Value(true))) == "2");
  CHECK_THROWS_WITH(floordiv(I(1), I(0)), "ZeroDivisionError: integer division or modulo by zero");
  CHECK_THROWS_WITH(truediv(I(1), I(0)), "ZeroDivisionError: division by zero");
  CHECK_THROWS_WITH(truediv(Value(1.0), I(0)), "ZeroDivisionError: float division by zero");
  CHECK_THROWS_WITH(add(I(1), S("a")), "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
  CHECK_THROWS_WITH(add(S("a"), I(1)), "TypeError: can only concatenate str (not \"int\") to str");
  CHECK(r(floordiv(Value(-7.0), I(2))) == "-4.0");
  CHECK(r(mod(Value(-7.5), I(2))) == "0.5");
}

TEST_CASE("containers", "[objects][containers]") {
  runtime_init();
  Value l = make_list({I(1), S("a"), make_tuple({I(1)}), make_dict({{S("k"), I(1)}})});
  CHECK(r(l) == "[1, 'a', (1,), {'k': 1}]");
  CHECK(r(make_tuple({})) == "()");
  CHECK(r(make_set({})) == "set()");
  CHECK(r(make_set({I(1), I(2)})) == "{1, 2}");
  CHECK(r(getitem(l, I(-1))) == "{'k': 1}");
  CHECK_THROWS_WITH(getitem(l, I(10)), "IndexError: list index out of range");
  Value nums = make_list({I(3), I(1), I(2)});
  call_method(nums, S("sort"), {});
  CHECK(r(nums) == "[1, 2, 3]");
  call_method_kw(nums, S("sort"), {}, {{S("reverse"), Value(true)}});
  CHECK(r(nums) == "[3, 2, 1]");
  CHECK(r(call_method(nums, S("pop"), {})) == "1");
  Value d = make_dict();
  setitem(d, S("b"), I(1));
  setitem(d, S("a"), I(2));
  setitem(d, S("b"), I(3));
  CHECK(r(d) == "{'b': 3, 'a': 2}");
  CHECK(r(call_method(d, S("items"), {})) == "dict_items([('b', 3), ('a', 2)])");
  CHECK(r(call_method(d, S("get"), {S("zz"), I(0)})) == "0");
  CHECK_THROWS_WITH(getitem(d, S("zz")), "KeyError: 'zz'");
  delitem(d, S("b"));
  CHECK(r(d) == "{'a': 2}");
  CHECK(contains(d, S("a")));
  CHECK(r(call(builtin("list"), {call(builtin("range"), {I(5)})})) == "[0, 1, 2, 3, 4]");
  CHECK(r(call(builtin("range"), {I(1), I(5), I(2)})) == "range(1, 5, 2)");
  CHECK(r(call(builtin("sorted"), {make_list({S("b"), S("a")})})) == "['a', 'b']");
  CHECK(r(call(builtin("list"), {call(builtin("enumerate"), {S("ab")})})) == "[(0, 'a'), (1, 'b')]");
  CHECK(r(call(builtin("list"), {call(builtin("zip"), {S("ab"), make_list({I(1), I(2), I(3)})})})) == "[('a', 1), ('b', 2)]");
  auto parts = unpack(make_list({I(1), I(2), I(3), I(4)}), 1, true, 1);
  CHECK(r(parts[1]) == "[2, 3]");
  CHECK_THROWS_WITH(unpack(make_list({I(1)}), 2, false, 0), "ValueError: not enough values to unpack (expected 2, got 1)");
}

TEST_CASE("format mini-language", "[objects][format]") {
  runtime_init();
  auto f = [](const Value& v, const char* spec) { return to_std_string(format(v, std::string_view(spec))); };
  CHECK(f(I(42), ">5") == "   42");
  CHECK(f(I(1234567), ",") == "1,234,567");
  CHECK(f(I(255), "#x") == "0xff");
  CHECK(f(I(-5), "05d") == "-0005");
  CHECK(f(Value(3.14159), ".2f") == "3.14");
  CHECK(f(Value(0.5), ".1%") == "50.0%");
  CHECK(f(Value(1234.5), "e") == "1.234500e+03");
  CHECK(f(Value(1.0), "") == "1.0");
  CHECK(f(Value(0.1), "g") == "0.1");
  CHECK(f(S("ab"), "^6") == "  ab  ");
  CHECK(f(S("ab"), "*<4") == "ab**");
  CHECK(f(Value(2.5), "") == "2.5");
  CHECK(f(Value(1e20), ".3g") == "1e+20");
  CHECK(to_std_string(mod(S("%s=%d (%.2f)"), make_tuple({S("x"), I(3), Value(1.5)}))) == "x=3 (1.50)");
}
