// The enum module's class builder driven from C++ the way generated code drives it: a
// namespace dict filled in body order, then make_class. Every expected string is CPython
// 3.11's output for the same class.
#include <catch2/catch.hpp>

#include "aio/python.hpp"

using namespace aio;

namespace {
Value S(const char* t) { return make_str(std::string_view(t)); }
Value I(std::int64_t i) { return Value::from_int(i); }
Value M(const char* name) { return getattr(import_module("enum"), name); }
std::string R(const Value& v) { return repr_std(v); }
std::string Str(const Value& v) { return to_std_string(v); }

// class NAME(base): body...  (body entries in definition order)
Value make_enum(const char* name, const Value& base, std::initializer_list<std::pair<const char*, Value>> body) {
  Value ns = make_dict();
  dict_setitem(ns, S("__module__"), S("__main__"));
  dict_setitem(ns, S("__qualname__"), S(name));
  for (auto& [k, v] : body) dict_setitem(ns, S(k), v);
  return make_class(S(name), make_tuple({base}), ns, S(name));
}
Value auto_() { return call(M("auto"), {}); }
}  // namespace

TEST_CASE("enum: StrEnum members are str objects holding their value", "[stdlib][enum]") {
  runtime_init();
  Value mode = make_enum("Mode", M("StrEnum"), {{"READ", auto_()}, {"RAW", S("Raw")}});
  Value read = getattr(mode, "READ");
  CHECK(is_str_like(read));
  CHECK(str_data(read) == "read");
  CHECK(R(read) == "<Mode.READ: 'read'>");
  CHECK(Str(read) == "read");
  CHECK(Str(format(getattr(mode, "RAW"), S(">5"))) == "  Raw");
  CHECK(eq_bool(read, S("read")));
  CHECK(hash(read) == hash(S("read")));
  CHECK(call(mode, {S("Raw")}).same(getattr(mode, "RAW")));
  CHECK_THROWS_AS(make_enum("Bad", M("StrEnum"), {{"X", I(1)}}), PyException);
}

TEST_CASE("enum: an operator on auto() values is evaluated when the class is created", "[stdlib][enum]") {
  runtime_init();
  Value r = auto_(), w = auto_();
  Value f = make_enum("F", M("Flag"), {{"R", r}, {"W", w}, {"RW", bitor_(r, w)}});
  CHECK(R(getattr(f, "RW")) == "<F.RW: 3>");
  CHECK(len(f) == 2);
  CHECK(bitor_(getattr(f, "R"), getattr(f, "W")).same(getattr(f, "RW")));
  Value red = auto_();
  Value color = make_enum("Color", M("Enum"), {{"RED", red}, {"CRIMSON", red}, {"GREEN", auto_()}});
  CHECK(getattr(color, "CRIMSON").same(getattr(color, "RED")));
  CHECK(R(getattr(color, "GREEN")) == "<Color.GREEN: 2>");
}

TEST_CASE("enum: Flag boundaries from the functional API", "[stdlib][enum]") {
  runtime_init();
  auto flag = [](const char* boundary) {
    return call_kw(M("Flag"), {S("K"), S("A B")}, {{S("boundary"), M(boundary)}});
  };
  CHECK(R(call(flag("KEEP"), {I(5)})) == "<K.A|4: 5>");
  CHECK(R(call(flag("CONFORM"), {I(5)})) == "<K.A: 1>");
  CHECK(R(call(flag("EJECT"), {I(5)})) == "5");
  CHECK_THROWS_AS(call(flag("STRICT"), {I(5)}), PyException);
}
