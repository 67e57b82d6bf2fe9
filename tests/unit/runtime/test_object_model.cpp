// Object-model corners driven from C++: refcounts, int overflow into big ints,
// repr/format corner cases, and the dataclasses/attr/enum class builders. Every expected
// string is CPython 3.11's output for the same operations.
#include <catch2/catch.hpp>

#include "aio/python.hpp"

using namespace aio;

namespace {
Value S(const char* t) { return make_str(std::string_view(t)); }
Value I(std::int64_t i) { return Value::from_int(i); }
Value M(const char* module, const char* name) { return getattr(import_module(module), name); }
std::string R(const Value& v) { return repr_std(v); }
std::string Str(const Value& v) { return to_std_string(v); }
Value B(const char* name) { return lookup_builtin(name); }

// A class built the way codegen builds one: name, bases, namespace with __annotations__.
Value make_plain_class(const char* name, std::initializer_list<std::pair<const char*, Value>> annotated,
                       std::initializer_list<std::pair<const char*, Value>> attrs = {}) {
  Value ns = make_dict(), ann = make_dict();
  dict_setitem(ns, S("__module__"), S("__main__"));
  dict_setitem(ns, S("__qualname__"), S(name));
  for (auto& [k, t] : annotated) dict_setitem(ann, S(k), t);
  dict_setitem(ns, S("__annotations__"), ann);
  for (auto& [k, v] : attrs) dict_setitem(ns, S(k), v);
  return make_class(S(name), make_tuple({}), ns, S(name));
}
}  // namespace

TEST_CASE("refcounts follow Value copies and container membership", "[objects][refcount]") {
  runtime_init();
  Value s = make_str(std::string("refcounted text"));
  Object* o = s.object();
  CHECK(o->refcount == 1);
  {
    Value copy = s;
    CHECK(o->refcount == 2);
    Value list = make_list({s, s});
    CHECK(o->refcount == 4);
  }
  CHECK(o->refcount == 1);
  Value d = make_dict();
  dict_setitem(d, S("k"), s);
  CHECK(o->refcount == 2);
  dict_del(d, S("k"));
  CHECK(o->refcount == 1);
  Value st = make_set({});
  set_add(st, s);
  CHECK(o->refcount == 2);
  call_method(st, S("discard"), {s});
  CHECK(o->refcount == 1);
}

TEST_CASE("int arithmetic overflows into big ints exactly", "[objects][int]") {
  runtime_init();
  Value max = I(INT64_MAX);
  CHECK(R(add(max, I(1))) == "9223372036854775808");
  CHECK(R(sub(I(INT64_MIN), I(1))) == "-9223372036854775809");
  CHECK(R(mul(max, max)) == "85070591730234615847396907784232501249");
  CHECK(R(neg(I(INT64_MIN))) == "9223372036854775808");
  CHECK(R(call(B("abs"), {I(INT64_MIN)})) == "9223372036854775808");
  CHECK(R(aio::pow(I(2), I(100))) == "1267650600228229401496703205376");
  CHECK(R(floordiv(I(INT64_MIN), I(-1))) == "9223372036854775808");
  CHECK(R(sub(add(max, I(1)), I(1))) == "9223372036854775807");
  CHECK(add(max, I(1)).is_object());
  CHECK_FALSE(sub(add(max, I(1)), I(1)).is_object());  // back to the inline form
  CHECK(hash(add(max, I(1))) == 4);
}

TEST_CASE("repr and format corner cases", "[objects][repr][format]") {
  runtime_init();
  CHECK(R(S("it's \"q\"")) == "'it\\'s \"q\"'");
  CHECK(R(S("\x7f\t\u00e9\u200b")) == "'\\x7f\\t\u00e9\\u200b'");
  CHECK(R(Value(-0.0)) == "-0.0");
  CHECK(R(Value(1e22)) == "1e+22");
  CHECK(R(make_tuple({I(1)})) == "(1,)");
  Value l = make_list({I(1)});
  list_append(l, l);
  CHECK(R(l) == "[1, [...]]");
  CHECK(R(make_set({})) == "set()");
  CHECK(R(call(B("frozenset"), {})) == "frozenset()");
  CHECK(Str(format(I(1234567), S(",d"))) == "1,234,567");
  CHECK(Str(format(I(-42), S("=+8d"))) == "-     42");
  CHECK(Str(format(Value(2.5), S(".0f"))) == "2");
  CHECK(Str(format(Value(1e16), S("g"))) == "1e+16");
  CHECK(Str(format(Value(0.125), S(".2%"))) == "12.50%");
  CHECK(Str(format(S("ab"), S("*^6"))) == "**ab**");
  CHECK(Str(format(I(255), S("#010b"))) == "0b11111111");
}

TEST_CASE("enum: members, Flag pseudo-members, functional API", "[stdlib][enum]") {
  runtime_init();
  Value color = call(M("enum", "Enum"), {S("Color"), S("RED GREEN BLUE")});
  CHECK(R(color) == "<enum 'Color'>");
  CHECK(R(getattr(color, "GREEN")) == "<Color.GREEN: 2>");
  CHECK(Str(getattr(color, "BLUE")) == "Color.BLUE");
  CHECK(call(color, {I(1)}).same(getattr(color, "RED")));
  CHECK(len(color) == 3);
  CHECK_THROWS_AS(call(color, {I(9)}), PyException);

  Value perm = call(M("enum", "Flag"), {S("Perm"), S("R W X")});
  Value rw = bitor_(getattr(perm, "R"), getattr(perm, "W"));
  CHECK(R(rw) == "<Perm.R|W: 3>");
  CHECK(rw.same(call(perm, {I(3)})));
  CHECK(R(invert(getattr(perm, "R"))) == "<Perm.W|X: 6>");
  CHECK(R(bitand_(getattr(perm, "R"), getattr(perm, "W"))) == "<Perm: 0>");
  CHECK(contains(rw, getattr(perm, "W")));
  CHECK_FALSE(contains(rw, getattr(perm, "X")));

  Value p = call(M("enum", "IntFlag"), {S("P"), S("A B")});
  CHECK(R(bitor_(getattr(p, "A"), I(8))) == "<P.A|8: 9>");
  CHECK(Str(getattr(p, "B")) == "2");
  CHECK(R(add(getattr(p, "B"), I(1))) == "3");
}

TEST_CASE("dataclass: __init__, repr, eq and order from annotations", "[stdlib][dataclasses]") {
  runtime_init();
  Value point = make_plain_class("Point", {{"x", Value::borrowed(int_type)}, {"y", Value::borrowed(int_type)}},
                                 {{"y", I(0)}});
  Value dc = call_kw(M("dataclasses", "dataclass"), {}, {{S("order"), Value(true)}});
  point = call(dc, {point});
  Value a = call(point, {I(1), I(2)}), b = call(point, {I(1)});
  CHECK(R(a) == "Point(x=1, y=2)");
  CHECK(R(b) == "Point(x=1, y=0)");
  CHECK(eq_bool(a, call(point, {I(1), I(2)})));
  CHECK(truthy(compare(b, a, CompareOp::Lt)));
  CHECK(R(call(M("dataclasses", "astuple"), {a})) == "(1, 2)");
}

TEST_CASE("attr.s: attr.ib fields with defaults", "[stdlib][attr]") {
  runtime_init();
  Value ib = M("attr", "ib");
  Value x = call(ib, {}), y = call_kw(ib, {}, {{S("default"), I(5)}});
  Value cls = make_plain_class("Pair", {}, {{"x", x}, {"y", y}});
  cls = call(M("attr", "s"), {cls});
  Value v = call(cls, {I(1)});
  CHECK(R(v) == "Pair(x=1, y=5)");
  CHECK(eq_bool(v, call(cls, {I(1), I(5)})));
}

TEST_CASE("class keywords reach the nearest __init_subclass__, object's refuses them", "[objects][class]") {
  runtime_init();
  static std::vector<std::string> seen;
  seen.clear();
  // A native classmethod standing in for `def __init_subclass__(cls, **kw)`.
  Value hook = make_classmethod(make_native_function("__init_subclass__", [](const CallArgs& a) {
    std::string line = Str(getattr(a[0], "__name__"));
    for (std::size_t i = 0; i < a.nkw; ++i) line += " " + Str(a.kw[i].first) + "=" + R(a.kw[i].second);
    seen.push_back(line);
    return Value::none();
  }));
  Value base = make_plain_class("Base", {}, {{"__init_subclass__", hook}});
  CHECK(seen.empty());  // a class's own hook runs for its subclasses only
  Value kw = make_dict();
  dict_setitem(kw, S("tag"), S("x"));
  make_class(S("Child"), make_tuple({base}), make_dict(), S("Child"), kw);
  make_class(S("Plain"), make_tuple({base}), make_dict(), S("Plain"));
  CHECK(seen == std::vector<std::string>{"Child tag='x'", "Plain"});

  Value plain = make_plain_class("Plain", {});
  CHECK_THROWS_WITH(make_class(S("Bad"), make_tuple({plain}), make_dict(), S("Bad"), kw),
                    Catch::Contains("Bad.__init_subclass__() takes no keyword arguments"));
}

TEST_CASE("split/strip and int()/float() treat Unicode whitespace as CPython", "[objects][str]") {
  runtime_init();
  Value text = S("\xe3\x80\x80ko\xe2\x80\x83rea\xc2\xa0");  // U+3000 ko U+2003 rea U+00A0
  CHECK(R(call_method(text, S("split"), {})) == "['ko', 'rea']");
  CHECK(R(call_method(text, S("strip"), {})) == "'ko\\u2003rea'");
  CHECK(R(call_method(text, S("rstrip"), {})) == "'\\u3000ko\\u2003rea'");
  CHECK(R(call_method(S("a\xe2\x80\x8b" "b"), S("split"), {})) == "['a\\u200bb']");  // U+200B is not a space
  CHECK(R(call(B("int"), {S("\xe3\x80\x80" "7 ")})) == "7");
  CHECK(R(call(B("float"), {S("\xc2\xa0" "2.5")})) == "2.5");
}

TEST_CASE("dict views: set operations in CPython's order, items looked up by key", "[objects][dict]") {
  runtime_init();
  Value d = make_dict({{I(1), I(1)}, {I(2), I(2)}, {I(3), I(3)}});
  Value keys = call_method(d, S("keys"), {}), items = call_method(d, S("items"), {});
  Value other = make_set({I(3), I(9)});
  CHECK(R(binary_op(keys, other, BinaryOp::Xor)) == "{1, 2, 9}");  // set(keys) then update
  CHECK(R(binary_op(other, keys, BinaryOp::Xor)) == "{9, 2, 1}");  // the reflected call
  CHECK(contains(items, make_tuple({I(2), I(2)})));
  CHECK_FALSE(contains(items, make_tuple({I(2), I(3)})));
  Value unhashable = make_dict({{I(1), make_list({})}});
  Value same = make_dict({{I(1), make_list({})}});
  CHECK(eq_bool(call_method(unhashable, S("items"), {}), call_method(same, S("items"), {})));
}

TEST_CASE("__del__ runs once per object: last reference, resurrection, collected cycles", "[objects][gc][del]") {
  runtime_init();
  static int calls = 0;
  static Value rescued;
  calls = 0;
  Value finalizer = make_native_function("__del__", [](const CallArgs& a) {
    ++calls;
    if (getattr_or(a[0], S("resurrect"), Value()).is_bound()) rescued = a[0];
    return Value::none();
  });
  Value cls = make_plain_class("R", {}, {{"__del__", finalizer}});

  call(cls, {});  // a temporary: finalized as soon as the call's result is dropped
  CHECK(calls == 1);

  Value phoenix = call(cls, {});
  setattr(phoenix, S("resurrect"), Value(true));
  Object* raw = phoenix.object();
  phoenix = Value();
  CHECK(calls == 2);
  REQUIRE(rescued.object() == raw);  // __del__ stored it: the object lives on
  rescued = Value();                 // the last reference again: no second __del__
  CHECK(calls == 2);

  Value a = call(cls, {}), b = call(cls, {});
  setattr(a, S("other"), b);
  setattr(b, S("other"), a);
  a = Value();
  b = Value();
  CHECK(calls == 2);  // only the cycle keeps them alive
  gc_collect();
  CHECK(calls == 4);
}

TEST_CASE("user descriptors: __get__ with None for class access, data descriptors beat the instance dict", "[objects][class][descriptor]") {
  runtime_init();
  static std::vector<std::string> log;
  log.clear();
  Value get = make_native_function("__get__", [](const CallArgs& a) {
    return make_str(a[1].is_none() ? std::string("class access") : "instance access");
  });
  Value set = make_native_function("__set__", [](const CallArgs& a) {
    log.push_back("set " + R(a[2]));
    return Value::none();
  });
  Value data_cls = make_plain_class("Data", {}, {{"__get__", get}, {"__set__", set}});
  Value plain_cls = make_plain_class("NonData", {}, {{"__get__", get}});
  Value owner = make_plain_class("Owner", {}, {{"d", call(data_cls, {})}, {"n", call(plain_cls, {})}});
  Value obj = call(owner, {});
  CHECK(Str(getattr(owner, S("d"))) == "class access");
  CHECK(Str(getattr(obj, S("d"))) == "instance access");
  setattr(obj, S("d"), I(5));  // goes to __set__, not to the instance dict
  CHECK(log == std::vector<std::string>{"set 5"});
  CHECK(Str(getattr(obj, S("d"))) == "instance access");
  dict_setitem(getattr(obj, S("__dict__")), S("n"), S("shadow"));  // a non-data descriptor loses
  CHECK(Str(getattr(obj, S("n"))) == "shadow");
}

TEST_CASE("iter(callable, sentinel) and the rest of the exception hierarchy", "[objects][builtins]") {
  runtime_init();
  static int n = 0;
  n = 0;
  Value counter = make_native_function("counter", [](const CallArgs&) { return I(++n); });
  CHECK(R(call(B("list"), {call(B("iter"), {counter, I(4)})})) == "[1, 2, 3]");
  auto sub = [](const char* a, const char* b) { return truthy(call(B("issubclass"), {B(a), B(b)})); };
  CHECK(sub("TabError", "IndentationError"));
  CHECK(sub("IndentationError", "SyntaxError"));
  CHECK(sub("FloatingPointError", "ArithmeticError"));
  CHECK(sub("ResourceWarning", "Warning"));
}

TEST_CASE("slot wrappers call the defining type's slot; int/str/bytes method additions", "[objects][slots]") {
  runtime_init();
  CHECK(R(call_method(I(1), S("__add__"), {I(2)})) == "3");
  CHECK(R(call_method(I(1), S("__add__"), {S("x")})) == "NotImplemented");
  CHECK(Str(call(getattr(B("list"), S("__repr__")), {make_list({I(1)})})) == "[1]");
  CHECK_THROWS_WITH(call(getattr(B("int"), S("__add__")), {S("a"), I(1)}),
                    Catch::Contains("descriptor '__add__' requires a 'int' object but received a 'str'"));
  CHECK(R(call_method(I(1024), S("to_bytes"), {I(2), S("big")})) == "b'\\x04\\x00'");
  CHECK(R(call(getattr(B("int"), S("from_bytes")), {call_method(I(1024), S("to_bytes"), {I(2), S("little")}), S("little")})) == "1024");
  CHECK(R(call_method(S("Hello"), S("translate"), {call(getattr(B("str"), S("maketrans")), {S("el"), S("ip")})})) == "'Hippo'");
  Value line = call(B("bytes"), {S("a b"), S("ascii")});
  CHECK(R(call_method(line, S("split"), {})) == "[b'a', b'b']");
  CHECK(R(call(getattr(B("bytes"), S("fromhex")), {S("ff 00")})) == "b'\\xff\\x00'");
}
