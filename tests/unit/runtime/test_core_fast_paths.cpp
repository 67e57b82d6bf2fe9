// The core's allocation- and lock-free paths (docs/performance.md, "Core changes (session
// 8)"): a task's embedded step handle and wakeup, the per-loop task list, and
// call_soon_threadsafe while the loop never blocks in epoll_wait.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "aio/aio.hpp"

namespace {

std::vector<std::string> g_trace;

aio::Coro<void> yielder(std::string name, int n) {
  for (int i = 0; i < n; ++i) {
    g_trace.push_back(name + std::to_string(i));
    co_await aio::sleep(0);
  }
}

aio::Coro<void> wait_on(aio::Ref<aio::Future<void>> fut, std::string name) {
  co_await fut;
  g_trace.push_back(name);
}

aio::Coro<void> park_forever(aio::Ref<aio::Future<void>> fut) { co_await fut; }

}  // namespace

TEST_CASE("a task's reused step handle keeps CPython's round-robin order", "[core]") {
  // Python: two tasks appending f"{name}{i}" and awaiting sleep(0) three times.
  g_trace.clear();
  aio::EventLoop loop;
  auto a = aio::create_task(loop, yielder("a", 3));
  auto b = aio::create_task(loop, yielder("b", 3));
  while (!a->done() || !b->done()) loop.run_once();
  CHECK(g_trace == std::vector<std::string>{"a0", "b0", "a1", "b1", "a2", "b2"});
}

TEST_CASE("the embedded wakeup: woken one iteration after set_result, in callback order", "[core]") {
  g_trace.clear();
  aio::EventLoop loop;
  auto fut = aio::make_future<void>(loop);
  auto t1 = aio::create_task(loop, wait_on(fut, "t1"));
  auto t2 = aio::create_task(loop, wait_on(fut, "t2"));
  loop.run_once();  // both start and wait on fut
  CHECK(fut->callback_count() == 2);
  fut->set_result();
  CHECK(g_trace.empty());  // callbacks are scheduled, never run inline
  loop.run_once();
  CHECK(g_trace == std::vector<std::string>{"t1", "t2"});
  CHECK(t1->done());
  CHECK(t2->done());
}

TEST_CASE("a task re-waits after a wakeup without a new allocation mattering to order", "[core]") {
  // The same task waits on three futures in turn: its embedded wakeup is reused each time.
  g_trace.clear();
  aio::EventLoop loop;
  std::vector<aio::Ref<aio::Future<void>>> futs;
  for (int i = 0; i < 3; ++i) futs.push_back(aio::make_future<void>(loop));
  auto body = [](std::vector<aio::Ref<aio::Future<void>>> fs) -> aio::Coro<void> {
    for (std::size_t i = 0; i < fs.size(); ++i) {
      co_await fs[i];
      g_trace.push_back("w" + std::to_string(i));
    }
  };
  auto t = aio::create_task(loop, body(futs));
  loop.run_once();
  for (int i = 0; i < 3; ++i) {
    CHECK(t->waiting_on() == futs[i].get());
    futs[i]->set_result();
    loop.run_once();
  }
  CHECK(t->done());
  CHECK(g_trace == std::vector<std::string>{"w0", "w1", "w2"});
}

TEST_CASE("all_tasks lists one loop's pending tasks; the running loop when null", "[core]") {
  aio::EventLoop loop1, loop2;
  auto f1 = aio::make_future<void>(loop1);
  auto f2 = aio::make_future<void>(loop2);
  auto a = aio::create_task(loop1, park_forever(f1));
  auto b = aio::create_task(loop2, park_forever(f2));
  auto c = aio::create_task(loop1, park_forever(f1));
  auto l1 = aio::TaskBase::all_tasks(&loop1);
  REQUIRE(l1.size() == 2);
  CHECK(l1[0].get() == a.get());
  CHECK(l1[1].get() == c.get());
  REQUIRE(aio::TaskBase::all_tasks(&loop2).size() == 1);
  CHECK(aio::TaskBase::all_tasks(nullptr).empty());  // no running loop
  {
    auto gone = aio::create_task(loop1, park_forever(f1));
  }  // still referenced by its scheduled step: listed until destroyed
  CHECK(aio::TaskBase::all_tasks(&loop1).size() == 3);
  b->cancel();
  loop2.run_once();  // its first step raises CancelledError (another would block: no work)
  CHECK(b->cancelled());
  CHECK(aio::TaskBase::all_tasks(&loop2).empty());
}

TEST_CASE("a task that outlives its loop is destroyed cleanly", "[core]") {
  aio::Ref<aio::TaskBase> survivor;
  {
    aio::EventLoop loop;
    auto fut = aio::make_future<void>(loop);
    survivor = aio::create_task(loop, park_forever(fut));
  }  // closing the loop drops the queued first step; the loop unlinks the task
  CHECK_FALSE(survivor->done());
  survivor.reset();  // must not touch the destroyed loop's task list
}

TEST_CASE("call_soon_threadsafe reaches a loop that always has ready work", "[core]") {
  // The loop never blocks (a task yields every iteration), so epoll_wait is skipped: the
  // thread-safe queue must still be drained through its atomic flag.
  aio::EventLoop loop;
  std::atomic<bool> delivered{false};
  std::atomic<bool> stop{false};
  auto spin = [](std::atomic<bool>* s) -> aio::Coro<void> {
    while (!s->load()) co_await aio::sleep(0);
  };
  auto t = aio::create_task(loop, spin(&stop));
  std::thread other([&] {
    loop.call_soon_threadsafe([&] {
      delivered = true;
      stop = true;
    });
  });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!t->done() && std::chrono::steady_clock::now() < deadline) loop.run_once();
  other.join();
  CHECK(delivered.load());
  CHECK(t->done());
}
