// Queue, PriorityQueue and LifoQueue on the typed core against python3 3.11.7 (queue.py, quoted
// below): bounded put/get hand-over between a producer and two consumers, join/task_done,
// QueueFull/QueueEmpty, and heapq's storage order for PriorityQueue.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "aio/aio.hpp"
#include "aio/queue.hpp"

namespace {

std::vector<std::string> g_out;
using Strings = std::vector<std::string>;
using Q = aio::Queue<std::optional<int>>;

std::string item_text(const std::optional<int>& v) { return v ? std::to_string(*v) : "None"; }

// async def consumer(q, n):
//     while True:
//         item = await q.get(); out.append(f"c{n} got {item}"); await asyncio.sleep(0)
//         q.task_done()
//         if item is None: break
aio::Coro<void> consumer(Q& q, int n) {
  for (;;) {
    aio::Coro<std::optional<int>> g = q.get();
    std::optional<int> item = co_await g;
    g_out.push_back("c" + std::to_string(n) + " got " + item_text(item));
    co_await aio::sleep(0);
    q.task_done();
    if (!item) break;
  }
}

// async def producer(q):
//     for i in range(4): await q.put(i); out.append(f"put {i} qsize={q.qsize()} full={q.full()}")
//     await q.put(None); await q.put(None)
aio::Coro<void> producer(Q& q) {
  for (int i = 0; i < 4; ++i) {
    aio::Coro<void> p = q.put(i);
    co_await p;
    g_out.push_back("put " + std::to_string(i) + " qsize=" + std::to_string(q.qsize()) +
                    " full=" + (q.full() ? "True" : "False"));
  }
  for (int i = 0; i < 2; ++i) {
    aio::Coro<void> p = q.put(std::nullopt);
    co_await p;
  }
}

aio::Coro<void> queue_main() {
  Q q(2);
  auto c0 = aio::create_task(consumer(q, 0));
  auto c1 = aio::create_task(consumer(q, 1));
  aio::Coro<void> p = producer(q);
  co_await p;
  aio::Coro<void> j = q.join();
  co_await j;
  g_out.push_back(std::string("joined empty=") + (q.empty() ? "True" : "False"));
  co_await c0;
  co_await c1;
  try {
    q.get_nowait();
  } catch (const aio::QueueEmpty&) {
    g_out.push_back("QueueEmpty");
  }
  aio::Queue<int> q2(1);
  q2.put_nowait(1);
  try {
    q2.put_nowait(2);
  } catch (const aio::QueueFull&) {
    g_out.push_back("QueueFull");
  }
  q2.get_nowait();
  q2.task_done();
  try {
    q2.task_done();
  } catch (const std::logic_error& e) {
    g_out.push_back(e.what());
  }
}

}  // namespace

TEST_CASE("Queue(maxsize=2): put/get hand-over, join, QueueFull/QueueEmpty", "[queue]") {
  aio::set_error_factory(aio::default_error_factory());
  g_out.clear();
  aio::run(queue_main());
  CHECK(g_out == Strings{"put 0 qsize=1 full=False", "put 1 qsize=2 full=True", "c0 got 0", "c1 got 1",
                         "put 2 qsize=1 full=False", "put 3 qsize=2 full=True", "c0 got 2", "c1 got 3",
                         "c0 got None", "c1 got None", "joined empty=True", "QueueEmpty", "QueueFull",
                         "task_done() called too many times"});
}

TEST_CASE("PriorityQueue keeps heapq's order; LifoQueue is a stack", "[queue]") {
  aio::PriorityQueue<int> pq;
  for (int x : {5, 1, 4, 1, 3, 9, 2, 6}) pq.put_nowait(x);
  // python3: pq._queue == [1, 1, 2, 5, 3, 9, 4, 6]
  CHECK(pq.items() == std::vector<int>{1, 1, 2, 5, 3, 9, 4, 6});
  std::vector<int> got;
  while (!pq.empty()) got.push_back(pq.get_nowait());
  CHECK(got == std::vector<int>{1, 1, 2, 3, 4, 5, 6, 9});
  aio::LifoQueue<int> lq;
  for (int x = 0; x < 3; ++x) lq.put_nowait(x);
  got.clear();
  while (!lq.empty()) got.push_back(lq.get_nowait());
  CHECK(got == std::vector<int>{2, 1, 0});
}
