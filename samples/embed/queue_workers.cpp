// Shows the typed synchronisation primitives: a producer feeds a bounded aio::Queue, three
// workers take jobs and record results under an aio::Lock, queue.join() waits for all
// task_done() calls, and an aio::Event releases the workers to stop; aio::wait collects
// them. Exits 0 when every job was done once and CPython's FIFO worker order held.
#include <aio/aio.hpp>
#include <aio/locks.hpp>
#include <aio/queue.hpp>
#include <aio/wait.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace {

struct Shared {
  aio::Queue<int> jobs{2};
  aio::Lock lock;
  aio::Event stop;
  std::vector<std::string> log;
};

aio::Coro<void> worker(Shared& sh, int id) {
  while (!sh.stop.is_set()) {
    aio::Coro<int> g = sh.jobs.get();
    int job = co_await g;
    aio::Coro<aio::LockGuard> l = aio::locked(sh.lock);
    aio::LockGuard guard = co_await l;
    co_await aio::sleep(0);  // hold the lock across a suspension
    sh.log.push_back("w" + std::to_string(id) + ":" + std::to_string(job));
    guard.unlock();
    sh.jobs.task_done();
  }
}

aio::Coro<int> main_coro() {
  Shared sh;
  std::vector<aio::Ref<aio::FutureBase>> workers;
  for (int i = 0; i < 3; ++i) workers.emplace_back(aio::create_task(worker(sh, i)));
  for (int j = 0; j < 6; ++j) {
    aio::Coro<void> p = sh.jobs.put(j);
    co_await p;
  }
  aio::Coro<void> j = sh.jobs.join();
  co_await j;
  sh.stop.set();
  for (auto& w : workers) w->cancel();  // they wait in get(): cancel, then collect
  aio::Coro<aio::WaitResult> w = aio::wait(workers);
  aio::WaitResult r = co_await w;
  for (auto& s : sh.log) std::printf("%s ", s.c_str());
  std::printf("\n%zu done, %zu pending\n", r.done.size(), r.pending.size());
  // python3 with asyncio.Queue(2), Lock, Event and the same program:
  // w0:0 w1:1 w0:2 w2:3 w1:4 w0:5
  bool ok = sh.log == std::vector<std::string>{"w0:0", "w1:1", "w0:2", "w2:3", "w1:4", "w0:5"} &&
            r.done.size() == 3;
  co_return ok ? 0 : 1;
}

}  // namespace

int main() { return aio::run(main_coro()); }
