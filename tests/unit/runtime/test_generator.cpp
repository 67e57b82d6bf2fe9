// Generators driven by hand: aio::Gen bodies written in C++ (as codegen emits them), wrapped
// with make_generator and stepped with next/send/throw/close, checking state after each step.
#include <catch2/catch.hpp>

#include <string>

#include "aio/python.hpp"

using namespace aio;

namespace {
Value S(const char* t) { return make_str(std::string_view(t)); }
Value I(std::int64_t i) { return Value::from_int(i); }

const CodeInfo gen_code{"g", "g", "t.aio", 1, CodeInfo::Generator, {}, 0, 0, 0, nullptr, nullptr, nullptr};

std::string* g_log = nullptr;

// yield 1; x = yield 2; return x
Gen two_then_return() {
  Value one = I(1), two = I(2);
  co_yield one;
  Value x = co_yield two;
  co_return x;
}

// while True: try: yield 'w' except ValueError: yield 'caught'   finally: log
Gen catching() {
  try {
    while (true) {
      bool caught = false;
      try {
        Value w = S("w");
        co_yield w;
      } catch (const PyException& e) {
        if (!isinstance_of(e.value(), exc::ValueError)) throw;
        caught = true;
      }
      Value c = S("caught");
      if (caught) co_yield c;
    }
  } catch (...) {
    *g_log += "finally;";
    throw;
  }
  co_return Value::none();
}

Gen stubborn() {
  while (true) {
    try {
      Value zero = I(0);
      co_yield zero;
    } catch (const PyException&) {
    }
  }
}

Gen raises_stop() {
  Value one = I(1);
  co_yield one;
  raise_stop_iteration(Value::none());
  co_return Value::none();
}

// return (yield from sub)
Gen delegating(Value sub) {
  Value it = yield_from_iter(sub);
  Value result;
  GenInput in;
  while (true) {
    Value out;
    if (!yield_from_step(it, std::move(in), out, result)) break;
    GenRaw raw{std::move(out)};
    in = co_yield raw;
  }
  co_return result;
}

Value next_of(const Value& g) { return call_method(g, S("__next__"), {}); }
}  // namespace

TEST_CASE("a generator is lazy and steps one yield at a time", "[objects][generator]") {
  runtime_init();
  Value g = make_generator(two_then_return(), &gen_code);
  auto* obj = static_cast<GeneratorObject*>(g.object());
  CHECK(type_of(g)->name == "generator");
  CHECK_FALSE(obj->started);
  CHECK(repr_std(next_of(g)) == "1");
  CHECK(obj->started);
  CHECK(repr_std(call_method(g, S("send"), {S("x")})) == "2");
  try {
    call_method(g, S("send"), {I(42)});
    FAIL("expected StopIteration");
  } catch (const PyException& e) {
    CHECK(isinstance_of(e.value(), exc::StopIteration));
    CHECK(repr_std(stop_iteration_value(e.value())) == "42");
  }
  CHECK(obj->gen.done());
  Value out;
  CHECK_FALSE(next(g, out));
}

TEST_CASE("send of non-None to a just-started generator is a TypeError", "[objects][generator]") {
  runtime_init();
  Value g = make_generator(two_then_return(), &gen_code);
  CHECK_THROWS_WITH(call_method(g, S("send"), {I(1)}),
                    "TypeError: can't send non-None value to a just-started generator");
  CHECK(repr_std(call_method(g, S("send"), {Value::none()})) == "1");
}

TEST_CASE("throw raises at the yield and close runs cleanup", "[objects][generator]") {
  runtime_init();
  std::string log;
  g_log = &log;
  Value g = make_generator(catching(), &gen_code);
  CHECK(str_data(next_of(g)) == "w");
  CHECK(str_data(call_method(g, S("throw"), {builtin("ValueError")})) == "caught");
  CHECK(str_data(next_of(g)) == "w");
  CHECK_THROWS_WITH(call_method(g, S("throw"), {make_exception(exc::KeyError, "k")}), "KeyError: 'k'");
  CHECK(log == "finally;");
  Value g2 = make_generator(catching(), &gen_code);
  next_of(g2);
  CHECK(call_method(g2, S("close"), {}).is_none());
  CHECK(log == "finally;finally;");
  g_log = nullptr;
}

TEST_CASE("ignoring GeneratorExit and raising StopIteration are RuntimeErrors", "[objects][generator]") {
  runtime_init();
  Value g = make_generator(stubborn(), &gen_code);
  next_of(g);
  CHECK_THROWS_WITH(call_method(g, S("close"), {}), "RuntimeError: generator ignored GeneratorExit");
  Value h = make_generator(raises_stop(), &gen_code);
  next_of(h);
  CHECK_THROWS_WITH(next_of(h), "RuntimeError: generator raised StopIteration");
}

TEST_CASE("yield from forwards values, sends and the return value", "[objects][generator]") {
  runtime_init();
  Value inner = make_generator(two_then_return(), &gen_code);
  Value g = make_generator(delegating(inner), &gen_code);
  CHECK(repr_std(next_of(g)) == "1");
  CHECK(repr_std(next_of(g)) == "2");
  try {
    call_method(g, S("send"), {I(10)});
    FAIL("expected StopIteration");
  } catch (const PyException& e) {
    CHECK(repr_std(stop_iteration_value(e.value())) == "10");
  }
  Value over_list = make_generator(delegating(make_list({I(7), I(8)})), &gen_code);
  CHECK(repr_std(call(builtin("list"), {over_list})) == "[7, 8]");
}
