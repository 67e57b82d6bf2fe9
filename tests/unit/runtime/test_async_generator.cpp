// Async generators driven by hand: an aio::AGen body written as codegen emits it; each
// __anext__/asend/athrow/aclose coroutine object is stepped with send(None) and finishes
// with StopIteration(value) (a yield) or raises (StopAsyncIteration at the end).
#include <catch2/catch.hpp>

#include <string>

#include "aio/python.hpp"

using namespace aio;

namespace {
Value S(const char* t) { return make_str(std::string_view(t)); }
Value I(std::int64_t i) { return Value::from_int(i); }

const CodeInfo agen_code{"ag", "ag", "t.aio", 1, CodeInfo::AsyncGenerator, {}, 0, 0, 0, nullptr, nullptr, nullptr};

// x = yield 1; yield x; (finally: log)
AGen body(std::string* log) {
  try {
    Value one = I(1);
    Value x = co_yield one;
    co_yield x;
  } catch (...) {
    *log += "cleanup;";
    throw;
  }
  *log += "end;";
  co_return Value::none();
}

// Runs an awaitable coroutine object to its first suspension-free end: the yielded value.
Value step(const Value& coro) {
  try {
    call_method(coro, S("send"), {Value::none()});
  } catch (const PyException& e) {
    if (isinstance_of(e.value(), exc::StopIteration)) return stop_iteration_value(e.value());
    throw;
  }
  FAIL("the step suspended");
  return Value();
}
}  // namespace

TEST_CASE("an async generator yields through __anext__ and asend", "[objects][generator][async]") {
  runtime_init();
  std::string log;
  Value g = make_async_generator(body(&log), &agen_code);
  CHECK(type_of(g)->name == "async_generator");
  CHECK(repr_std(step(call_method(g, S("__anext__"), {}))) == "1");
  CHECK(repr_std(step(call_method(g, S("asend"), {S("sent")}))) == "'sent'");
  CHECK_THROWS_WITH(step(call_method(g, S("__anext__"), {})), "StopAsyncIteration");
  CHECK(log == "end;");
}

TEST_CASE("athrow and aclose raise at the yield", "[objects][generator][async]") {
  runtime_init();
  std::string log;
  Value g = make_async_generator(body(&log), &agen_code);
  step(call_method(g, S("__anext__"), {}));
  CHECK_THROWS_WITH(step(call_method(g, S("athrow"), {make_exception(exc::ValueError, "v")})), "ValueError: v");
  CHECK(log == "cleanup;");
  Value h = make_async_generator(body(&log), &agen_code);
  step(call_method(h, S("__anext__"), {}));
  CHECK(step(call_method(h, S("aclose"), {})).is_none());
  CHECK(log == "cleanup;cleanup;");
  Value fresh = make_async_generator(body(&log), &agen_code);
  CHECK_THROWS_WITH(step(call_method(fresh, S("asend"), {I(1)})),
                    "TypeError: can't send non-None value to a just-started async generator");
}
