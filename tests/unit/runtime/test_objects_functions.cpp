// Functions, classes and exceptions: argument binding errors, user classes with dunders,
// and traceback text, each checked against CPython 3.11.
#include <catch2/catch.hpp>

#include <fstream>

#include "aio/python.hpp"

using namespace aio;

namespace {
Value S(const char* t) { return make_str(std::string_view(t)); }
Value I(std::int64_t i) { return Value::from_int(i); }

Value echo_entry(FunctionObject*, Value* slots) { return make_tuple({slots[0], slots[1], slots[2]}); }
const CodeInfo echo_code{"f", "A.f", "t.aio", 1, CodeInfo::Plain, {"self", "a", "c"}, 0, 2, 1, nullptr, nullptr, &echo_entry};

Value repr_entry(FunctionObject*, Value* slots) { return join_strs({S("P("), repr(getattr(slots[0], "x")), S(")")}); }
const CodeInfo repr_code{"__repr__", "P.__repr__", "t.aio", 1, CodeInfo::Plain, {"self"}, 0, 1, 0, nullptr, nullptr, &repr_entry};
Value init_entry(FunctionObject*, Value* slots) { setattr(slots[0], S("x"), slots[1]); return Value::none(); }
const CodeInfo init_code{"__init__", "P.__init__", "t.aio", 1, CodeInfo::Plain, {"self", "x"}, 0, 2, 0, nullptr, nullptr, &init_entry};
Value eq_entry(FunctionObject*, Value* slots) { return eq(getattr(slots[0], "x"), getattr(slots[1], "x")); }
const CodeInfo eq_code{"__eq__", "P.__eq__", "t.aio", 1, CodeInfo::Plain, {"self", "o"}, 0, 2, 0, nullptr, nullptr, &eq_entry};
}  // namespace

TEST_CASE("argument binding errors match CPython", "[objects][function]") {
  runtime_init();
  Value f = make_function(&echo_code, make_tuple({I(9)}), Value(), {});
  CHECK(repr_std(call_kw(f, {I(1)}, {{S("c"), I(3)}})) == "(1, 9, 3)");
  CHECK_THROWS_WITH(call_kw(f, {I(1), I(2), I(3)}, {{S("c"), I(1)}}),
                    "TypeError: A.f() takes from 1 to 2 positional arguments but 3 positional arguments (and 1 keyword-only argument) were given");
  CHECK_THROWS_WITH(call(f, {}), "TypeError: A.f() missing 1 required positional argument: 'self'");
  CHECK_THROWS_WITH(call(f, {I(1)}), "TypeError: A.f() missing 1 required keyword-only argument: 'c'");
  CHECK_THROWS_WITH(call_kw(f, {I(1)}, {{S("z"), I(1)}}), "TypeError: A.f() got an unexpected keyword argument 'z'");
  CHECK_THROWS_WITH(call_kw(f, {I(1)}, {{S("self"), I(1)}}), "TypeError: A.f() got multiple values for argument 'self'");
  CHECK(repr_std(f).rfind("<function A.f at 0x", 0) == 0);
}

TEST_CASE("user classes dispatch dunders", "[objects][class]") {
  runtime_init();
  Value ns = make_dict();
  dict_setitem(ns, S("__init__"), make_function(&init_code, Value(), Value(), {}));
  dict_setitem(ns, S("__repr__"), make_function(&repr_code, Value(), Value(), {}));
  dict_setitem(ns, S("__eq__"), make_function(&eq_code, Value(), Value(), {}));
  Value P = make_class(S("P"), make_tuple({}), ns, S("P"));
  CHECK(repr_std(P) == "<class '__main__.P'>");
  Value p = call(P, {I(3)});
  CHECK(repr_std(p) == "P(3)");
  CHECK(to_std_string(p) == "P(3)");
  CHECK(repr_std(make_list({p})) == "[P(3)]");
  CHECK(truthy(eq(p, call(P, {I(3)}))));
  CHECK(!truthy(ne(p, call(P, {I(3)}))));
  CHECK_THROWS_WITH(hash(p), "TypeError: unhashable type: 'P'");
  CHECK(isinstance(p, P));
  CHECK_THROWS_WITH(getattr(p, "nope"), "AttributeError: 'P' object has no attribute 'nope'");
  CHECK_THROWS_WITH(call(P, {}), "TypeError: P.__init__() missing 1 required positional argument: 'x'");
  // A subclass of Exception.
  Value E = make_class(S("MyError"), make_tuple({Value::borrowed(exc::ValueError)}), make_dict(), S("MyError"));
  Value e = call(E, {S("boom")});
  CHECK(exception_matches(e, Value::borrowed(exc::Exception)));
  CHECK(format_exception_only(e) == "MyError: boom");
  CHECK(repr_std(e) == "MyError('boom')");
}

TEST_CASE("exception str and repr", "[objects][exceptions]") {
  runtime_init();
  CHECK(repr_std(make_exception(exc::ValueError, {})) == "ValueError()");
  CHECK(repr_std(make_exception(exc::ValueError, {I(1), I(2)})) == "ValueError(1, 2)");
  CHECK(to_std_string(make_exception(exc::KeyError, {S("k")})) == "'k'");
  CHECK(to_std_string(make_exception(exc::ValueError, {I(1), I(2)})) == "(1, 2)");
  CHECK_THROWS_WITH(lookup_builtin("nope"), "NameError: name 'nope' is not defined");
  CHECK_THROWS_WITH(import_module("nope"), "ModuleNotFoundError: No module named 'nope'");
  CHECK(repr_std(getattr(import_module("sys"), "maxsize")) == "9223372036854775807");
}

namespace {
const CodeInfo main_code{"main", "main", "/tmp/aio_objects_tb.aio", 1, CodeInfo::Plain, {}, 0, 0, 0, nullptr, nullptr, nullptr};
const CodeInfo mod_code{"<module>", "<module>", "/tmp/aio_objects_tb.aio", 1, CodeInfo::Plain, {}, 0, 0, 0, nullptr, nullptr, nullptr};
}  // namespace

TEST_CASE("traceback text matches CPython", "[objects][exceptions][traceback]") {
  runtime_init();
  {
    std::ofstream src("/tmp/aio_objects_tb.aio");
    src << "def main():\n    try:\n        1 / 0\n    except ZeroDivisionError:\n        raise ValueError('bad')\n\nmain()\n";
  }
  Value first, second;
  try {
    TraceFrame frame{&main_code, 3};
    try {
      truediv(I(1), I(0));
    } catch (PyException& e) {
      e.add_traceback(frame);
      first = e.value();
    }
    frame.line = 5;
    try {
      HandlerScope scope(first);
      raise(make_exception(exc::ValueError, "bad"));
    } catch (PyException& e) {
      e.add_traceback(frame);
      TraceFrame top{&mod_code, 7};
      e.add_traceback(top);
      second = e.value();
    }
  } catch (...) {
    FAIL("unexpected");
  }
  CHECK(format_traceback(second) ==
        "Traceback (most recent call last):\n"
        "  File \"/tmp/aio_objects_tb.aio\", line 3, in main\n"
        "    1 / 0\n"
        "ZeroDivisionError: division by zero\n"
        "\n"
        "During handling of the above exception, another exception occurred:\n"
        "\n"
        "Traceback (most recent call last):\n"
        "  File \"/tmp/aio_objects_tb.aio\", line 7, in <module>\n"
        "    main()\n"
        "  File \"/tmp/aio_objects_tb.aio\", line 5, in main\n"
        "    raise ValueError('bad')\n"
        "ValueError: bad\n");
}
