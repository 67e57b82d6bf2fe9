// EventLoop and TimerHeap: iteration boundaries, FIFO ready queue, heapq tie order (expected
// orders computed with CPython's heapq and hard-coded), cancelled-timer cleanup, threadsafe
// wake-ups and the exception handler.
#include <catch2/catch.hpp>

#include "aio/errors.hpp"

#include <atomic>
#include <thread>
#include <vector>

#include "aio/event_loop.hpp"
#include "aio/errors.hpp"

namespace {

const std::vector<double> kWhens = {3, 1, 2, 1, 3, 2, 1, 0, 2, 3, 1, 1, 0, 2, 3, 3, 1, 2, 0, 1};

struct Push {
  std::vector<int>* out;
  int id;
  void operator()() { out->push_back(id); }
};

aio::Ref<aio::TimerHandle> timer(aio::EventLoop& loop, double when, std::vector<int>& out, int id) {
  return aio::Ref<aio::TimerHandle>(
      new aio::CallbackHandle<aio::TimerHandle, Push>(Push{&out, id}, &loop, when));
}

}  // namespace

TEST_CASE("timer heap pops ties in heapq's order", "[loop][timers]") {
  aio::set_error_factory(aio::default_error_factory());
  aio::EventLoop loop;
  std::vector<int> fired;
  aio::TimerHeap heap;
  for (int i = 0; i < static_cast<int>(kWhens.size()); ++i) heap.push(timer(loop, kWhens[i], fired, i));
  std::vector<int> order;
  while (!heap.empty()) {
    auto h = heap.pop();
    h->invoke();
  }
  // python3: heappush all, heappop all (TimerHandle.__lt__ compares `when` only)
  CHECK(fired == std::vector<int>{7, 12, 18, 6, 11, 10, 19, 1, 3, 16, 2, 13, 5, 8, 17, 4, 15, 9, 0, 14});
}

TEST_CASE("timer heap interleaved push/pop and heapify match heapq", "[loop][timers]") {
  aio::set_error_factory(aio::default_error_factory());
  aio::EventLoop loop;
  std::vector<int> fired;
  aio::TimerHeap heap;
  for (int i = 0; i < static_cast<int>(kWhens.size()); ++i) {
    heap.push(timer(loop, kWhens[i], fired, i));
    if (i % 3 == 2) heap.pop()->invoke();
  }
  while (!heap.empty()) heap.pop()->invoke();
  CHECK(fired == std::vector<int>{1, 3, 7, 6, 12, 10, 18, 16, 19, 11, 8, 17, 5, 13, 2, 9, 15, 0, 14, 4});

  fired.clear();
  for (int i = 0; i < static_cast<int>(kWhens.size()); ++i)
    heap.items().push_back(timer(loop, kWhens[i], fired, i));
  heap.heapify();
  while (!heap.empty()) heap.pop()->invoke();
  CHECK(fired == std::vector<int>{12, 18, 7, 6, 11, 1, 10, 19, 3, 16, 13, 5, 8, 17, 2, 14, 15, 9, 4, 0});
}

TEST_CASE("due timers with equal deadlines fire in heapq order", "[loop][timers]") {
  aio::set_error_factory(aio::default_error_factory());
  aio::EventLoop loop;
  std::vector<int> fired;
  double base = loop.time() - 10;  // all due
  for (int i = 0; i < static_cast<int>(kWhens.size()); ++i)
    loop.call_at(base + kWhens[i], Push{&fired, i});
  loop.run_once();
  CHECK(fired == std::vector<int>{7, 12, 18, 6, 11, 10, 19, 1, 3, 16, 2, 13, 5, 8, 17, 4, 15, 9, 0, 14});
}

TEST_CASE("call_soon is FIFO and one iteration runs only what was ready", "[loop]") {
  aio::set_error_factory(aio::default_error_factory());
  aio::EventLoop loop;
  std::vector<int> out;
  struct Chain {
    aio::EventLoop* loop;
    std::vector<int>* out;
    int id;
    void operator()() {
      out->push_back(id);
      if (id < 100) loop->call_soon(Chain{loop, out, id + 100});
    }
  };
  for (int i = 0; i < 3; ++i) loop.call_soon(Chain{&loop, &out, i});
  loop.run_once();
  CHECK(out == std::vector<int>{0, 1, 2});
  CHECK(loop.ready_count() == 3);
  loop.run_once();
  CHECK(out == std::vector<int>{0, 1, 2, 100, 101, 102});
}

TEST_CASE("cancelled handles are skipped; timers in the past run first iteration", "[loop]") {
  aio::set_error_factory(aio::default_error_factory());
  aio::EventLoop loop;
  std::vector<int> out;
  auto h = loop.call_soon(Push{&out, 1});
  loop.call_soon(Push{&out, 2});
  auto t = loop.call_later(0, Push{&out, 3});
  h->cancel();
  loop.run_once();
  CHECK(out == std::vector<int>{2, 3});
  CHECK(loop.timer_count() == 0);
  t->cancel();  // after it ran: harmless
}

TEST_CASE("cancelled timers: heads popped, bulk rebuild past 100 and half cancelled", "[loop][timers]") {
  aio::set_error_factory(aio::default_error_factory());
  aio::EventLoop loop;
  std::vector<int> out;
  std::vector<aio::Ref<aio::TimerHandle>> hs;
  for (int i = 0; i < 150; ++i) hs.push_back(loop.call_later(1000 + i, Push{&out, i}));
  hs[0]->cancel();
  loop.call_soon(Push{&out, -1});
  loop.run_once();  // pops the cancelled head only (1/150 cancelled)
  CHECK(loop.timer_count() == 149);
  for (int i = 10; i < 100; ++i) hs[i]->cancel();  // 90/149 > 0.5
  loop.call_soon(Push{&out, -1});
  loop.run_once();
  CHECK(loop.timer_count() == 59);
  CHECK(out == std::vector<int>{-1, -1});
}

TEST_CASE("timers wait for their deadline; stop ends run_forever after the iteration", "[loop]") {
  aio::set_error_factory(aio::default_error_factory());
  aio::EventLoop loop;
  std::vector<int> out;
  double t0 = loop.time();
  loop.call_later(0.02, Push{&out, 2});
  loop.call_later(0.01, Push{&out, 1});
  struct Stop {
    aio::EventLoop* loop;
    void operator()() { loop->stop(); }
  };
  loop.call_later(0.03, Stop{&loop});
  loop.run_forever();
  CHECK(out == std::vector<int>{1, 2});
  CHECK(loop.time() - t0 >= 0.03);
  CHECK_FALSE(loop.is_running());
}

TEST_CASE("call_soon_threadsafe wakes a blocked loop", "[loop][threads]") {
  aio::set_error_factory(aio::default_error_factory());
  aio::EventLoop loop;
  std::atomic<bool> ran{false};
  struct Mark {
    std::atomic<bool>* ran;
    aio::EventLoop* loop;
    void operator()() {
      ran->store(true);
      loop->stop();
    }
  };
  std::thread th([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    loop.call_soon_threadsafe(Mark{&ran, &loop});
  });
  loop.run_forever();  // nothing scheduled: blocks in epoll until the eventfd fires
  th.join();
  CHECK(ran.load());
}

TEST_CASE("an exception in a callback goes to the handler and the loop goes on", "[loop]") {
  aio::set_error_factory(aio::default_error_factory());
  aio::EventLoop loop;
  static std::vector<std::string> seen;
  seen.clear();
  loop.set_exception_handler([](aio::EventLoop&, const aio::ExceptionContext& ctx) {
    seen.push_back(ctx.message);
  });
  struct Boom {
    void operator()() { throw std::runtime_error("boom"); }
  };
  std::vector<int> out;
  loop.call_soon(Boom{});
  loop.call_soon(Push{&out, 1});
  loop.run_once();
  CHECK(out == std::vector<int>{1});
  REQUIRE(seen.size() == 1);
  CHECK(seen[0] == "Exception in callback <Handle>");
}

TEST_CASE("running loop pointer, close rules", "[loop]") {
  aio::set_error_factory(aio::default_error_factory());
  aio::EventLoop loop;
  CHECK(aio::EventLoop::running() == nullptr);
  aio::EventLoop* seen = nullptr;
  struct See {
    aio::EventLoop** seen;
    aio::EventLoop* loop;
    void operator()() {
      *seen = aio::EventLoop::running();
      loop->stop();
    }
  };
  loop.call_soon(See{&seen, &loop});
  loop.run_forever();
  CHECK(seen == &loop);
  CHECK(aio::EventLoop::running() == nullptr);
  loop.close();
  CHECK(loop.is_closed());
  CHECK_THROWS_AS(loop.run_forever(), std::runtime_error);
}
