// contextlib driven from C++: ExitStack's LIFO unwinding, suppression and exception
// replacement, suppress and nullcontext. Expected values are CPython 3.11's.
#include <catch2/catch.hpp>

#include <string>

#include "aio/python.hpp"

using namespace aio;

namespace {
Value S(const char* t) { return make_str(std::string_view(t)); }
Value M(const char* name) { return getattr(import_module("contextlib"), name); }
Value none() { return Value::none(); }

std::string g_log;  // what the callbacks below saw, in call order

Value log_tag(const Value& tag, const CallArgs& a) {
  g_log += str_data(tag) + "(" + std::to_string(a.npos) + ");";
  return none();
}
Value suppressing(const CallArgs& a) {
  g_log += "suppress:" + type_of(a[1])->name + ";";
  return Value(true);
}
Value failing(const CallArgs&) { raise_error(exc::KeyError, "cb"); }
}  // namespace

TEST_CASE("ExitStack unwinds callbacks LIFO and passes no exception on a clean exit", "[stdlib][contextlib]") {
  runtime_init();
  g_log.clear();
  Value stack = call(M("ExitStack"), {});
  CHECK(call_method(stack, S("__enter__"), {}).same(stack));
  call_method(stack, S("callback"), {make_native_function("a", &log_tag, S("a")), S("x"), S("y")});
  call_method(stack, S("push"), {make_native_function("b", &log_tag, S("b"))});
  Value r = call_method(stack, S("__exit__"), {none(), none(), none()});
  CHECK(g_log == "b(3);a(2);");
  CHECK(repr_std(r) == "False");
}

TEST_CASE("ExitStack suppression stops the exception reaching older callbacks", "[stdlib][contextlib]") {
  g_log.clear();
  Value stack = call(M("ExitStack"), {});
  call_method(stack, S("push"), {make_native_function("outer", &log_tag, S("outer"))});
  call_method(stack, S("push"), {make_native_function("suppressing", &suppressing)});
  Value err = make_exception(exc::ValueError, "v");
  Value r = call_method(stack, S("__exit__"), {Value::borrowed(exc::ValueError), err, none()});
  CHECK(g_log == "suppress:ValueError;outer(3);");
  CHECK(repr_std(r) == "True");
}

TEST_CASE("ExitStack re-raises a callback's exception with the pending one as __context__", "[stdlib][contextlib]") {
  Value stack = call(M("ExitStack"), {});
  call_method(stack, S("callback"), {make_native_function("failing", &failing)});
  Value body = make_exception(exc::ValueError, "body");
  try {
    call_method(stack, S("__exit__"), {Value::borrowed(exc::ValueError), body, none()});
    FAIL("no exception");
  } catch (const PyException& e) {
    CHECK(repr_std(e.value()) == "KeyError('cb')");
    CHECK(as_exception(e.value())->context.same(body));
  }
}

TEST_CASE("suppress and nullcontext", "[stdlib][contextlib]") {
  Value s = call(M("suppress"), {Value::borrowed(exc::LookupError)});
  CHECK(repr_std(call_method(s, S("__exit__"), {Value::borrowed(exc::KeyError), none(), none()})) == "True");
  CHECK(repr_std(call_method(s, S("__exit__"), {Value::borrowed(exc::ValueError), none(), none()})) == "False");
  Value n = call(M("nullcontext"), {S("r")});
  CHECK(repr_std(call_method(n, S("__enter__"), {})) == "'r'");
}
