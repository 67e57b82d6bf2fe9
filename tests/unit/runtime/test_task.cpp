// Tasks, sleep, gather, wait_for and run on a real loop, against CPython's ordering: the
// expected trace below is what tests/unit/runtime's equivalent Python program printed under
// python3 3.11 (the program is reproduced in the comment before each case).
#include <catch2/catch.hpp>

#include "aio/errors.hpp"

#include <string>
#include <vector>

#include "aio/aio.hpp"

namespace {

std::vector<std::string> g_out;

std::string cancel_text(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const aio::CancelledError& c) {
    return c.what();
  }
}

// async def worker(name, n): for i in range(n): out.append(f"{name}{i}"); await sleep(0)
aio::Coro<std::string> worker(std::string name, int n) {
  for (int i = 0; i < n; ++i) {
    g_out.push_back(name + std::to_string(i));
    co_await aio::sleep(0);
  }
  co_return name;
}

// async def sleeper(): try: await sleep(10) except CancelledError as e: out.append(...); raise
aio::Coro<void> sleeper() {
  std::exception_ptr caught;
  try {
    co_await aio::sleep(10);
  } catch (const aio::CancelledError&) {
    caught = std::current_exception();
  }
  if (caught) {
    g_out.push_back("inner:" + cancel_text(caught));
    std::rethrow_exception(caught);
  }
}

aio::Coro<int> stubborn() {
  try {
    co_await aio::sleep(10);
  } catch (const aio::CancelledError&) {
    g_out.push_back("ignored");
  }
  co_return 5;
}

aio::Coro<void> main_coro() {
  auto t1 = aio::create_task(worker("a", 3));
  auto t2 = aio::create_task(worker("b", 2));
  g_out.push_back("main");
  g_out.push_back(t1->name().substr(0, 5));
  co_await t1;
  co_await t2;

  auto t = aio::create_task(sleeper());
  co_await aio::sleep(0);
  t->cancel("why");
  g_out.push_back(std::to_string(t->cancelling()));
  std::exception_ptr e;
  try {
    co_await t;
  } catch (const aio::CancelledError&) {
    e = std::current_exception();
  }
  g_out.push_back("outer:" + cancel_text(e));
  g_out.push_back(t->cancelled() ? "True" : "False");

  auto never = aio::create_task(worker("never", 1));
  never->cancel();
  co_await aio::sleep(0);
  g_out.push_back(never->cancelled() ? "True" : "False");

  auto st = aio::create_task(stubborn());
  co_await aio::sleep(0);
  st->cancel();
  int r = co_await st;
  int cancelling = st->cancelling();
  int after = st->uncancel();
  g_out.push_back(std::to_string(r) + "," + std::to_string(cancelling) + "," + std::to_string(after));

  auto [x, y, z] = co_await aio::gather(worker("x", 2), worker("y", 1), worker("z", 3));
  g_out.push_back(x + y + z);

  bool timed_out = false;
  try {
    co_await aio::wait_for(sleeper(), 0.01);
  } catch (const aio::TimeoutError&) {
    timed_out = true;
  }
  g_out.push_back(timed_out ? "timeout" : "no timeout");
  g_out.push_back(co_await aio::wait_for(worker("w", 1), 1));
}

}  // namespace

TEST_CASE("task scheduling, cancellation, gather and wait_for match CPython's trace", "[task]") {
  aio::set_error_factory(aio::default_error_factory());
  g_out.clear();
  aio::run(main_coro());
  // python3: ['main', 'Task-2', 'a0', 'b0', 'a1', 'b1', 'a2', 1, 'inner:why', 'outer:why',
  // True, True, 'ignored', (5, 1, 0), 'x0', 'y0', 'z0', 'x1', 'z1', 'z2', ['x', 'y', 'z'],
  // 'inner:', 'timeout', 'w0', 'w']
  CHECK(g_out == std::vector<std::string>{"main", "Task-", "a0", "b0", "a1", "b1", "a2", "1",
                                          "inner:why", "outer:why", "True", "True", "ignored",
                                          "5,1,0", "x0", "y0", "z0", "x1", "z1", "z2", "xyz",
                                          "inner:", "timeout", "w0", "w"});
}

namespace {
aio::Coro<int> fails() {
  co_await aio::sleep(0);
  throw std::runtime_error("bad");
  co_return 0;
}
aio::Coro<int> slow_child(std::string name) {
  std::exception_ptr caught;
  try {
    co_await aio::sleep(10);
  } catch (const aio::CancelledError&) {
    caught = std::current_exception();
  }
  g_out.push_back(name + (caught ? " cancelled" : " done"));
  if (caught) std::rethrow_exception(caught);
  co_return 1;
}
aio::Coro<std::string> gather_failure() {
  try {
    co_await aio::gather(slow_child("s"), fails());
  } catch (const std::runtime_error& e) {
    co_return e.what();
  }
  co_return "no error";
}
aio::Coro<int> leave_task_behind() {
  auto t = aio::create_task(slow_child("left"));
  co_await aio::sleep(0);
  co_return 3;
}
}  // namespace

TEST_CASE("gather: the first exception fails the outer future; siblings keep running", "[task][gather]") {
  aio::set_error_factory(aio::default_error_factory());
  g_out.clear();
  CHECK(aio::run(gather_failure()) == "bad");
  // CPython: gather does not cancel the other children; asyncio.run's shutdown does.
  CHECK(g_out == std::vector<std::string>{"s cancelled"});
}

TEST_CASE("run cancels the tasks left behind", "[task][run]") {
  aio::set_error_factory(aio::default_error_factory());
  g_out.clear();
  CHECK(aio::run(leave_task_behind()) == 3);
  CHECK(g_out == std::vector<std::string>{"left cancelled"});
}

TEST_CASE("a task is not started before the loop runs it (call_soon)", "[task]") {
  aio::set_error_factory(aio::default_error_factory());
  aio::EventLoop loop;
  g_out.clear();
  auto t = aio::create_task(loop, worker("t", 1));
  CHECK_FALSE(t->started());
  CHECK(g_out.empty());
  CHECK(loop.ready_count() == 1);
  loop.run_until_done(*t);
  CHECK(t->result() == "t");
  CHECK(g_out == std::vector<std::string>{"t0"});
}
