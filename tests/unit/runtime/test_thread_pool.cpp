// ThreadPool, run_in_executor and shutdown_default_executor on the typed core, and the
// runtime lock's acquire/release rules.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "aio/aio.hpp"
#include "aio/runtime_lock.hpp"

namespace {

int add(int a, int b) {
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return a + b;
}

aio::Coro<int> executor_main() {
  aio::EventLoop& loop = aio::get_running_loop();
  auto f = aio::run_in_executor(loop, [] { return add(2, 3); });
  int r = co_await f;
  co_return r;
}

aio::Coro<std::string> executor_error() {
  aio::EventLoop& loop = aio::get_running_loop();
  auto f = aio::run_in_executor(loop, []() -> int { throw std::invalid_argument("from worker"); });
  try {
    co_await f;
  } catch (const std::invalid_argument& e) {
    co_return e.what();
  }
  co_return "no exception";
}

// Two 100 ms jobs overlap: both finish within ~1.5 job times.
aio::Coro<double> executor_overlap() {
  aio::EventLoop& loop = aio::get_running_loop();
  auto start = std::chrono::steady_clock::now();
  auto nap = [] { std::this_thread::sleep_for(std::chrono::milliseconds(100)); };
  auto a = aio::run_in_executor(loop, nap);
  auto b = aio::run_in_executor(loop, nap);
  co_await a;
  co_await b;
  co_return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

aio::Coro<bool> shutdown_then_submit() {
  aio::EventLoop& loop = aio::get_running_loop();
  auto f = aio::run_in_executor(loop, [] { return 1; });
  co_await f;
  co_await aio::shutdown_default_executor(loop);
  try {
    aio::run_in_executor(loop, [] { return 2; });
  } catch (const std::runtime_error&) {
    co_return true;
  }
  co_return false;
}

}  // namespace

TEST_CASE("run_in_executor returns the worker's result", "[executor]") {
  CHECK(aio::run(executor_main()) == 5);
}

TEST_CASE("run_in_executor carries the worker's exception", "[executor]") {
  CHECK(aio::run(executor_error()) == "from worker");
}

TEST_CASE("default executor runs jobs concurrently", "[executor]") {
  CHECK(aio::run(executor_overlap()) < 0.19);
}

TEST_CASE("run_in_executor after shutdown_default_executor throws", "[executor]") {
  CHECK(aio::run(shutdown_then_submit()));
}

TEST_CASE("ThreadPool drains its queue on shutdown(wait=true)", "[executor]") {
  std::atomic<int> n{0};
  struct Count final : aio::ThreadJob {
    std::atomic<int>* n;
    explicit Count(std::atomic<int>* c) : n(c) {}
    void run() override { ++*n; }
  };
  aio::ThreadPool pool(2);
  CHECK(pool.max_workers() == 2);
  for (int i = 0; i < 50; ++i) CHECK(pool.submit(std::make_unique<Count>(&n)));
  pool.shutdown(true);
  CHECK(n == 50);
  CHECK(pool.is_shutdown());
  CHECK_FALSE(pool.submit(std::make_unique<Count>(&n)));
}

TEST_CASE("ReleaseRuntimeLock is a no-op for a thread not holding the lock", "[executor]") {
  // The lock may already be enabled by another test in this process; this thread (Catch's
  // main thread) holds it then. Either way a release/reacquire pair restores the state.
  bool before = aio::runtime_lock_held();
  {
    aio::ReleaseRuntimeLock r;
    CHECK_FALSE(aio::runtime_lock_held());
  }
  CHECK(aio::runtime_lock_held() == before);
  bool held_in_thread = true;
  std::thread t([&held_in_thread] {
    aio::ReleaseRuntimeLock r;  // not held here: nothing happens
    held_in_thread = aio::runtime_lock_held();
  });
  t.join();
  CHECK_FALSE(held_in_thread);
}
