// Coro<T> and Runner driven by hand (no loop running): lazy start, inline awaits,
// suspension on a future recorded at the leaf, thrown-in exceptions, and the 10^6-await
// loop that must not grow the stack (this binary is built at the build type's optimisation;
// the same test passes at -O0: see docs/runtime.md for the command).
#include <catch2/catch.hpp>

#include "aio/errors.hpp"

#include <stdexcept>
#include <string>

#include "aio/coro.hpp"
#include "aio/future.hpp"

namespace {

int g_trace = 0;

aio::Coro<int> answer() {
  ++g_trace;
  co_return 42;
}

aio::Coro<int> add_one() {
  int v = co_await answer();
  co_return v + 1;
}

aio::Coro<int> immediate(int i) { co_return i; }

aio::Coro<long> many_awaits(int n) {
  long sum = 0;
  for (int i = 0; i < n; ++i) {
    auto c = immediate(i);
    sum += co_await std::move(c);
  }
  co_return sum;
}

aio::Coro<int> wait_on(aio::Ref<aio::Future<int>> f) {
  int v = co_await f;
  co_return v * 2;
}

aio::Coro<int> middle(aio::Ref<aio::Future<int>> f) {
  auto c = wait_on(f);
  int v = co_await std::move(c);
  co_return v + 1;
}

aio::Coro<void> thrower() {
  throw std::runtime_error("inner");
  co_return;
}

aio::Coro<std::string> catcher() {
  std::string got;
  try {
    auto c = thrower();
    co_await std::move(c);
  } catch (const std::runtime_error& e) {
    got = e.what();
  }
  co_return got;
}

aio::Coro<int> yielder() {
  co_await aio::yield_now();
  co_await aio::yield_now();
  co_return 7;
}

aio::Coro<int> deep(int depth) {
  if (depth == 0) co_return 0;
  auto c = deep(depth - 1);
  int v = co_await std::move(c);
  co_return v + 1;
}

}  // namespace

TEST_CASE("coroutines are lazy and awaits of coroutines run inline", "[coro]") {
  aio::set_error_factory(aio::default_error_factory());
  g_trace = 0;
  auto c = add_one();
  CHECK(g_trace == 0);
  aio::Runner r;
  r.attach(c.handle());
  CHECK(r.resume() == aio::Runner::Status::Done);
  CHECK(g_trace == 1);
  CHECK(c.done());
  CHECK(c.take_result() == 43);
}

TEST_CASE("10^6 sequential awaits of an immediate coroutine do not grow the stack", "[coro][deep]") {
  aio::set_error_factory(aio::default_error_factory());
  auto c = many_awaits(1000000);
  aio::Runner r;
  r.attach(c.handle());
  CHECK(r.resume() == aio::Runner::Status::Done);
  CHECK(c.take_result() == 499999500000L);
}

TEST_CASE("a 10^4-deep await chain completes", "[coro][deep]") {
  aio::set_error_factory(aio::default_error_factory());
  auto c = deep(10000);
  aio::Runner r;
  r.attach(c.handle());
  CHECK(r.resume() == aio::Runner::Status::Done);
  CHECK(c.take_result() == 10000);
}

TEST_CASE("the leaf suspends the whole chain on a future; resuming continues it", "[coro]") {
  aio::set_error_factory(aio::default_error_factory());
  aio::EventLoop loop;
  auto f = aio::make_future<int>(loop);
  auto c = middle(f);
  aio::Runner r;
  r.attach(c.handle());
  CHECK(r.resume() == aio::Runner::Status::Waiting);
  CHECK(r.awaited() == f.get());
  CHECK_FALSE(c.done());
  f->set_result(20);
  CHECK(r.resume() == aio::Runner::Status::Done);
  CHECK(c.take_result() == 41);
}

TEST_CASE("awaiting a done future does not suspend", "[coro]") {
  aio::set_error_factory(aio::default_error_factory());
  aio::EventLoop loop;
  auto f = aio::make_future<int>(loop);
  f->set_result(5);
  auto c = wait_on(f);
  aio::Runner r;
  r.attach(c.handle());
  CHECK(r.resume() == aio::Runner::Status::Done);
  CHECK(c.take_result() == 10);
}

TEST_CASE("exceptions propagate through awaits and are catchable", "[coro]") {
  aio::set_error_factory(aio::default_error_factory());
  auto c = catcher();
  aio::Runner r;
  r.attach(c.handle());
  CHECK(r.resume() == aio::Runner::Status::Done);
  CHECK(c.take_result() == "inner");
}

TEST_CASE("an exception thrown in lands at the leaf's current await", "[coro]") {
  aio::set_error_factory(aio::default_error_factory());
  aio::EventLoop loop;
  auto f = aio::make_future<int>(loop);
  auto c = middle(f);
  aio::Runner r;
  r.attach(c.handle());
  REQUIRE(r.resume() == aio::Runner::Status::Waiting);
  CHECK(r.resume(std::make_exception_ptr(std::logic_error("thrown in"))) == aio::Runner::Status::Done);
  CHECK_THROWS_WITH(c.take_result(), "thrown in");
}

TEST_CASE("an exception thrown in before the first step never runs the body", "[coro]") {
  aio::set_error_factory(aio::default_error_factory());
  g_trace = 0;
  auto c = add_one();
  aio::Runner r;
  r.attach(c.handle());
  CHECK(r.resume(std::make_exception_ptr(std::logic_error("early"))) == aio::Runner::Status::Done);
  CHECK(g_trace == 0);
  CHECK_THROWS_WITH(c.take_result(), "early");
}

TEST_CASE("bare yields report Yielded each time", "[coro]") {
  aio::set_error_factory(aio::default_error_factory());
  auto c = yielder();
  aio::Runner r;
  r.attach(c.handle());
  CHECK(r.resume() == aio::Runner::Status::Yielded);
  CHECK(r.resume() == aio::Runner::Status::Yielded);
  CHECK(r.resume() == aio::Runner::Status::Done);
  CHECK(c.take_result() == 7);
}
