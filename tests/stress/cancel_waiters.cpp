// Stress: 10^5 tasks cancelled while waiting on locks, queues (get and put), sleeps,
// events, semaphores and conditions, through the typed API. Afterwards every task must be
// cancelled and every primitive clean and usable (no waiter left behind). A second round
// releases each primitive and cancels its waiters in the same loop iteration: a woken
// waiter that is cancelled must hand the wakeup on (no lost wakeup, no double owner).
// Usage: stress_cancel_waiters [tasks=100000]
#include <aio/aio.hpp>
#include <aio/locks.hpp>
#include <aio/queue.hpp>
#include <aio/wait.hpp>

#include <vector>

#include "stress_util.hpp"

namespace {

struct Prims {
  aio::Lock lock;
  aio::Queue<int> empty_queue;
  aio::Queue<int> full_queue{1};
  aio::Event event;
  aio::Semaphore sem{0};
  aio::Condition cond;
  long entered = 0;  // waiters that got past their await (round 2)
};

constexpr int kKinds = 7;

aio::Coro<void> waiter(Prims& p, int kind) {
  switch (kind) {
    case 0: {
      aio::Coro<bool> a = p.lock.acquire();
      co_await a;
      ++p.entered;
      p.lock.release();
      break;
    }
    case 1: {
      aio::Coro<int> g = p.empty_queue.get();
      co_await g;
      ++p.entered;
      break;
    }
    case 2: {
      aio::Coro<void> put = p.full_queue.put(1);
      co_await put;
      ++p.entered;
      break;
    }
    case 3:
      co_await aio::sleep(3600);
      break;
    case 4: {
      aio::Coro<bool> w = p.event.wait();
      co_await w;
      ++p.entered;
      break;
    }
    case 5: {
      aio::Coro<bool> a = p.sem.acquire();
      co_await a;
      ++p.entered;
      p.sem.release();
      break;
    }
    default: {
      aio::Coro<bool> a = p.cond.acquire();
      co_await a;
      aio::Coro<bool> w = p.cond.wait();
      try {
        co_await w;
      } catch (...) {
        // Condition.wait re-acquires the lock before propagating the cancellation.
        STRESS_CHECK(p.cond.locked());
        p.cond.release();
        throw;
      }
      ++p.entered;
      p.cond.release();
      break;
    }
  }
}

aio::Coro<aio::WaitResult> wait_all(std::vector<aio::Ref<aio::FutureBase>> tasks) {
  aio::Coro<aio::WaitResult> w = aio::wait(std::move(tasks));
  co_return co_await w;
}

std::vector<aio::Ref<aio::FutureBase>> spawn(Prims& p, long n) {
  std::vector<aio::Ref<aio::FutureBase>> tasks;
  tasks.reserve(n);
  for (long i = 0; i < n; ++i) tasks.emplace_back(aio::create_task(waiter(p, int(i % kKinds))));
  return tasks;
}

void check_clean(Prims& p) {
  STRESS_CHECK(p.empty_queue.getter_count() == 0);
  STRESS_CHECK(p.full_queue.putter_count() == 0);
  STRESS_CHECK(p.cond.waiter_count() == 0);
  STRESS_CHECK(p.sem.waiter_count() == 0);
}

aio::Coro<int> main_coro(long n) {
  // Round 1: everybody blocks, then everybody is cancelled.
  {
    Prims p;
    aio::Coro<bool> a = p.lock.acquire();
    co_await a;
    aio::Coro<void> fill = p.full_queue.put(0);
    co_await fill;
    auto tasks = spawn(p, n);
    co_await aio::sleep(0);  // every task runs to its await
    for (auto& t : tasks) STRESS_CHECK(!t->done());
    for (auto& t : tasks) t->cancel("storm");
    aio::Coro<aio::WaitResult> w = wait_all(tasks);
    aio::WaitResult r = co_await w;
    STRESS_CHECK(static_cast<long>(r.done.size()) == n && r.pending.empty());
    for (auto& t : tasks) STRESS_CHECK(t->cancelled());
    STRESS_CHECK(p.entered == 0);
    check_clean(p);
    // Still usable: the lock hands over, the queues move, the semaphore counts.
    p.lock.release();
    STRESS_CHECK(!p.lock.locked());
    aio::Coro<bool> again = p.lock.acquire();
    co_await again;
    p.lock.release();
    p.empty_queue.put_nowait(7);
    aio::Coro<int> g = p.empty_queue.get();
    STRESS_CHECK(co_await g == 7);
    STRESS_CHECK(p.full_queue.get_nowait() == 0);
    p.sem.release();
    STRESS_CHECK(!p.sem.locked());
  }
  // Round 2: release everything and cancel everybody in the same iteration.
  {
    Prims p;
    aio::Coro<bool> a = p.lock.acquire();
    co_await a;
    aio::Coro<void> fill = p.full_queue.put(0);
    co_await fill;
    auto tasks = spawn(p, n);
    co_await aio::sleep(0);
    p.lock.release();
    p.empty_queue.put_nowait(1);
    p.full_queue.get_nowait();
    p.event.set();
    p.sem.release();
    aio::Coro<bool> ca = p.cond.acquire();
    co_await ca;  // the condition waiters released its lock in wait()
    p.cond.notify(1);
    p.cond.release();
    for (auto& t : tasks) t->cancel();
    aio::Coro<aio::WaitResult> w = wait_all(tasks);
    aio::WaitResult r = co_await w;
    STRESS_CHECK(r.pending.empty());
    long cancelled = 0;
    for (auto& t : tasks) cancelled += t->cancelled();
    // Waiters whose wakeup had already run may finish normally; the rest were cancelled.
    STRESS_CHECK(cancelled + p.entered == n);
    check_clean(p);
    STRESS_CHECK(!p.lock.locked());
    std::printf("round 2: %ld cancelled, %ld got through\n", cancelled, p.entered);
  }
  std::printf("cancelled %ld waiting tasks twice\n", n);
  co_return 0;
}

}  // namespace

int main(int argc, char** argv) { return aio::run(main_coro(stress::arg_or(argc, argv, 1, 100000))); }
