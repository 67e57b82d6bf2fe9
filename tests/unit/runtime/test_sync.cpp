// Lock, Condition, Semaphore, BoundedSemaphore and Event on the typed core, against CPython's
// ordering: each case reproduces a python3 3.11.7 program (quoted in the comment) and checks
// the trace it printed.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "aio/aio.hpp"
#include "aio/locks.hpp"

namespace {

std::vector<std::string> g_out;
using Strings = std::vector<std::string>;

void reset() {
  aio::set_error_factory(aio::default_error_factory());
  g_out.clear();
}

// async def worker(lock, name):
//     out.append(f"{name} wants")
//     async with lock: out.append(f"{name} got"); await asyncio.sleep(0); out.append(f"{name} rel")
aio::Coro<void> lock_worker(aio::Lock& lock, std::string name) {
  g_out.push_back(name + " wants");
  aio::Coro<aio::LockGuard> l = aio::locked(lock);
  aio::LockGuard g = co_await l;
  g_out.push_back(name + " got");
  co_await aio::sleep(0);
  g_out.push_back(name + " rel");
}

std::string lock_state(const aio::Lock& l) {
  std::string s = l.locked() ? "locked" : "unlocked";
  if (l.waiter_count()) s += ", waiters:" + std::to_string(l.waiter_count());
  return s;
}

// lock.py: three workers, then a cancelled waiter hands the lock to the next one.
aio::Coro<void> lock_main() {
  aio::Lock lock;
  std::vector<aio::Coro<void>> ws;
  for (const char* n : {"a", "b", "c"}) ws.push_back(lock_worker(lock, n));
  std::vector<aio::Ref<aio::Task<void>>> ts;
  for (auto& w : ws) ts.push_back(aio::create_task(std::move(w)));
  co_await aio::sleep(0);
  g_out.push_back(lock_state(lock));
  for (auto& t : ts) co_await t;
  aio::Coro<bool> a = lock.acquire();
  co_await a;
  auto t1 = aio::create_task(lock_worker(lock, "x"));
  auto t2 = aio::create_task(lock_worker(lock, "y"));
  co_await aio::sleep(0);
  t1->cancel();
  lock.release();
  co_await aio::sleep(0);
  g_out.push_back(std::string("x cancelled=") + (t1->cancelled() ? "True" : "False") +
                  " locked=" + (lock.locked() ? "True" : "False"));
  co_await t2;
  g_out.push_back(lock_state(lock));
  try {
    lock.release();
  } catch (const std::exception& e) {
    g_out.push_back(e.what());
  }
}

aio::Coro<void> cond_consumer(aio::Condition& cond, int n) {
  aio::Coro<bool> a = cond.acquire();
  co_await a;
  g_out.push_back("c" + std::to_string(n) + " wait");
  aio::Coro<bool> w = cond.wait();
  co_await w;
  g_out.push_back("c" + std::to_string(n) + " woke");
  cond.release();
}

aio::Coro<void> cond_setter(aio::Condition& cond, std::vector<int>& state) {
  for (int i = 0; i < 3; ++i) {
    aio::Coro<bool> a = cond.acquire();
    co_await a;
    state.push_back(i);
    cond.notify_all();
    cond.release();
    co_await aio::sleep(0);
  }
}
struct EnoughState {
  const std::vector<int>* state;
  bool operator()() const { return state->size() >= 2; }
};
aio::Coro<void> cond_waiter(aio::Condition& cond, const std::vector<int>& state) {
  aio::Coro<bool> a = cond.acquire();
  co_await a;
  aio::Coro<bool> w = cond.wait_for(EnoughState{&state});
  bool r = co_await w;
  g_out.push_back(std::string("wait_for ") + (r ? "True " : "False ") + std::to_string(state.size()));
  cond.release();
}

// cond.py
aio::Coro<void> cond_main() {
  aio::Condition cond;
  std::vector<aio::Ref<aio::Task<void>>> ts;
  for (int i = 0; i < 4; ++i) ts.push_back(aio::create_task(cond_consumer(cond, i)));
  co_await aio::sleep(0);
  g_out.push_back(std::string(cond.locked() ? "locked" : "unlocked") + ", waiters:" +
                  std::to_string(cond.waiter_count()));
  aio::Coro<bool> a = cond.acquire();
  co_await a;
  cond.notify(2);
  g_out.push_back("notified 2");
  cond.release();
  co_await aio::sleep(0);
  co_await aio::sleep(0);
  aio::Coro<bool> a2 = cond.acquire();
  co_await a2;
  cond.notify_all();
  cond.release();
  for (auto& t : ts) co_await t;
  try {
    cond.notify();
  } catch (const std::exception& e) {
    g_out.push_back(e.what());
  }
  std::vector<int> state;
  auto g = aio::gather(cond_waiter(cond, state), cond_setter(cond, state));
  co_await g;
}

aio::Coro<void> sem_worker(aio::Semaphore& sem, int n) {
  aio::Coro<bool> a = sem.acquire();
  co_await a;
  g_out.push_back(std::to_string(n) + " in");
  co_await aio::sleep(0);
  g_out.push_back(std::to_string(n) + " out");
  sem.release();
}
std::string sem_state(const aio::Semaphore& s) {
  std::string r = s.locked() ? "locked" : "unlocked, value:" + std::to_string(s.value());
  if (s.waiter_count()) r += ", waiters:" + std::to_string(s.waiter_count());
  return r;
}
aio::Coro<void> event_waiter(aio::Event& ev, int n) {
  aio::Coro<bool> w = ev.wait();
  bool r = co_await w;
  g_out.push_back("e" + std::to_string(n) + (r ? " True" : " False"));
}
std::string event_state(const aio::Event& e) {
  std::string r = e.is_set() ? "set" : "unset";
  if (e.waiter_count()) r += ", waiters:" + std::to_string(e.waiter_count());
  return r;
}

// sem.py
aio::Coro<void> sem_main() {
  aio::Semaphore sem(2);
  g_out.push_back(sem_state(sem));
  std::vector<aio::Ref<aio::Task<void>>> ts;
  for (int i = 0; i < 5; ++i) ts.push_back(aio::create_task(sem_worker(sem, i)));
  co_await aio::sleep(0);
  g_out.push_back(sem_state(sem));
  for (auto& t : ts) co_await t;
  aio::BoundedSemaphore b(1);
  aio::Coro<bool> a = b.acquire();
  co_await a;
  b.release();
  try {
    b.release();
  } catch (const std::invalid_argument& e) {
    g_out.push_back(e.what());
  }
  aio::Event ev;
  ts.clear();
  for (int i = 0; i < 3; ++i) ts.push_back(aio::create_task(event_waiter(ev, i)));
  co_await aio::sleep(0);
  g_out.push_back(event_state(ev));
  ev.set();
  g_out.push_back(event_state(ev));
  for (auto& t : ts) co_await t;
  g_out.push_back(event_state(ev));
}

}  // namespace

TEST_CASE("Lock: FIFO hand-over, a cancelled waiter passes the lock on", "[sync][lock]") {
  reset();
  aio::run(lock_main());
  CHECK(g_out == Strings{"a wants", "a got", "b wants", "c wants", "locked, waiters:2", "a rel", "b got",
                         "b rel", "c got", "c rel", "x wants", "y wants", "x cancelled=True locked=False",
                         "y got", "y rel", "unlocked", "Lock is not acquired."});
}

TEST_CASE("Condition: notify(n), notify_all, wait_for, un-acquired errors", "[sync][condition]") {
  reset();
  aio::run(cond_main());
  CHECK(g_out == Strings{"c0 wait", "c1 wait", "c2 wait", "c3 wait", "unlocked, waiters:4", "notified 2",
                         "c0 woke", "c1 woke", "c2 woke", "c3 woke", "cannot notify on un-acquired lock",
                         "wait_for True 2"});
}

TEST_CASE("Semaphore, BoundedSemaphore and Event", "[sync][semaphore][event]") {
  reset();
  aio::run(sem_main());
  CHECK(g_out == Strings{"unlocked, value:2", "0 in", "1 in", "locked, waiters:3", "0 out", "1 out", "2 in",
                         "3 in", "2 out", "3 out", "4 in", "4 out", "BoundedSemaphore released too many times",
                         "unset, waiters:3", "set, waiters:3", "e0 True", "e1 True", "e2 True", "set"});
}

TEST_CASE("Semaphore rejects a negative initial value", "[sync][semaphore]") {
  CHECK_THROWS_WITH(aio::Semaphore(-1), "Semaphore initial value must be >= 0");
}
