// Awaiting iterators without the compiler: generator bodies written as aio::Gen (as codegen
// emits them), made awaitable by asyncio.coroutine (3.8 meaning) and run on a loop; and the
// legacy throw(type, value) arguments shared by generators and coroutines.
#include <catch2/catch.hpp>

#include "aio/python.hpp"

using aio::Value;

namespace {

Value s(const char* text) { return aio::make_str(std::string_view(text)); }
Value asyncio() { return aio::import_module("asyncio"); }
Value attr(const Value& o, const char* name) { return aio::getattr(o, s(name)); }

// @asyncio.coroutine
// def ticker():
//     yield            # a bare yield: one loop iteration
//     return 42
aio::Gen ticker_body() {
  Value none = Value::none();
  co_yield none;
  co_return Value::from_int(42);
}
Value ticker_entry(aio::FunctionObject*, Value*) {
  return aio::make_generator(ticker_body(), nullptr);
}
const aio::CodeInfo kTicker{"ticker", "ticker", "t.aio", 2, aio::CodeInfo::Generator, {}, 0, 0, 0,
                            nullptr, nullptr, &ticker_entry};

}  // namespace

TEST_CASE("asyncio.coroutine flags a generator function; its generators run on a loop",
          "[asyncio][coroutine]") {
  aio::runtime_init();
  Value fn = aio::make_function(&kTicker, Value(), Value(), {});
  Value decorated = aio::call(attr(asyncio(), "coroutine"), {fn});
  CHECK(aio::is_(decorated, fn));  // 3.8 returns a generator function itself
  CHECK(aio::truthy(aio::call(attr(asyncio(), "iscoroutinefunction"), {fn})));

  Value gen = aio::call(fn, {});
  CHECK(aio::is_iterable_coroutine(gen));
  Value loop = aio::call(attr(asyncio(), "new_event_loop"), {});
  Value result = aio::call_method(loop, s("run_until_complete"), {gen});
  aio::call_method(loop, s("close"), {});
  CHECK(aio::repr_std(result) == "42");
}

TEST_CASE("a plain generator is not awaitable: ensure_future refuses it", "[asyncio][coroutine]") {
  aio::runtime_init();
  Value plain = aio::make_generator(ticker_body(), nullptr);
  CHECK_FALSE(aio::is_iterable_coroutine(plain));
  std::string msg;
  try {
    aio::call(attr(asyncio(), "ensure_future"), {plain});
  } catch (const aio::PyException& e) {
    msg = aio::repr_std(e.value());
  }
  CHECK(msg == "TypeError('An asyncio.Future, a coroutine or an awaitable is required')");
}

TEST_CASE("throw(type[, value[, tb]]) builds the exception CPython raises", "[generator][coroutine]") {
  aio::runtime_init();
  Value self = Value::none();
  auto thrown = [&](std::initializer_list<Value> rest) {
    std::vector<Value> args{self};
    args.insert(args.end(), rest);
    aio::CallArgs a{args.data(), args.size(), nullptr, 0};
    return aio::repr_std(aio::thrown_exception(a));
  };
  Value value_error = aio::builtin("ValueError");
  CHECK(thrown({value_error, s("blah")}) == "ValueError('blah')");
  CHECK(thrown({value_error}) == "ValueError()");
  CHECK(thrown({value_error, Value::none()}) == "ValueError()");
  CHECK(thrown({aio::builtin("KeyError"), aio::make_tuple({s("a"), s("b")})}) == "KeyError('a', 'b')");
  Value instance = aio::call(value_error, {s("same")});
  CHECK(thrown({value_error, instance, Value::none()}) == "ValueError('same')");
  std::string msg;
  try {
    thrown({instance, s("extra")});
  } catch (const aio::PyException& e) {
    msg = aio::repr_std(e.value());
  }
  CHECK(msg == "TypeError('instance exception may not have a separate value')");
}
