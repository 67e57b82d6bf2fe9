// Lock, Event, Condition, Semaphore, BoundedSemaphore: asyncio's synchronisation primitives
// (CPython 3.11.7 Lib/asyncio/locks.py) for Coro chains.
//
// Design: each primitive keeps a FIFO of waiter futures (Future<void>) exactly as CPython
// keeps its deque, and wakes them with set_result, so a woken coroutine runs one loop
// iteration later (the waiter's done callback is scheduled, never run inline) and waiter
// order, "skip cancelled waiters" rules and cancellation bookkeeping match CPython step for
// step. A waiter removes its own future after its await ends, however it ends. Waiter
// futures are created on the running loop at the moment a coroutine has to wait.
// Errors come from the ErrorFactory (RuntimeError "Lock is not acquired." etc.), except
// BoundedSemaphore's, a std::invalid_argument (the Python glue checks first and raises
// ValueError).
//
// Lifetime: the primitives are plain objects owned by the user; they must outlive every
// coroutine waiting on them (the Python glue keeps its object alive from its coroutines).
// Thread model: loop thread only.
#pragma once

#include <cstddef>
#include <deque>

#include "aio/future.hpp"

namespace aio {

using WaiterQueue = std::deque<Ref<Future<void>>>;

// asyncio.Lock. `co_await lock.acquire()`; release() is synchronous. LockGuard below is the
// `async with` of C++ users.
class Lock {
 public:
  Lock() = default;
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;

  [[nodiscard]] Coro<bool> acquire();
  void release();  // RuntimeError "Lock is not acquired." when unlocked
  bool locked() const noexcept { return locked_; }
  std::size_t waiter_count() const noexcept { return waiters_.size(); }

 private:
  bool fast_path_ok() const noexcept;
  void wake_up_first();
  bool locked_ = false;
  WaiterQueue waiters_;
};

// asyncio.Event
class Event {
 public:
  Event() = default;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  [[nodiscard]] Coro<bool> wait();
  void set();
  void clear() noexcept { value_ = false; }
  bool is_set() const noexcept { return value_; }
  std::size_t waiter_count() const noexcept { return waiters_.size(); }

 private:
  bool value_ = false;
  WaiterQueue waiters_;
};

// asyncio.Condition over a Lock it owns, or over a shared one (`lock` outlives it).
class Condition {
 public:
  explicit Condition(Lock* shared = nullptr) noexcept : lock_(shared ? shared : &own_) {}
  Condition(const Condition&) = delete;
  Condition& operator=(const Condition&) = delete;

  [[nodiscard]] Coro<bool> acquire() { return lock_->acquire(); }
  void release() { lock_->release(); }
  bool locked() const noexcept { return lock_->locked(); }
  Lock& lock() noexcept { return *lock_; }

  // Releases the lock, waits for notify, re-acquires (even when cancelled) and returns true.
  [[nodiscard]] Coro<bool> wait();
  // Waits until pred() is truthy (checked first, then after every wakeup); returns it.
  template <class Pred>
  [[nodiscard]] Coro<bool> wait_for(Pred pred) {
    bool result = static_cast<bool>(pred());
    while (!result) {
      Coro<bool> w = wait();
      co_await w;
      result = static_cast<bool>(pred());
    }
    co_return result;
  }
  void notify(std::size_t n = 1);  // RuntimeError "cannot notify on un-acquired lock"
  void notify_all() { notify(waiters_.size()); }
  std::size_t waiter_count() const noexcept { return waiters_.size(); }

 private:
  Lock own_;
  Lock* lock_;
  WaiterQueue waiters_;
};

// asyncio.Semaphore (3.11.7's FIFO rules: locked() is true while an uncancelled waiter exists).
class Semaphore {
 public:
  explicit Semaphore(long value = 1);  // std::invalid_argument if value < 0
  Semaphore(const Semaphore&) = delete;
  Semaphore& operator=(const Semaphore&) = delete;
  virtual ~Semaphore() = default;

  [[nodiscard]] Coro<bool> acquire();
  virtual void release();
  bool locked() const noexcept;
  long value() const noexcept { return value_; }
  std::size_t waiter_count() const noexcept { return waiters_.size(); }

 protected:
  long value_;

 private:
  void wake_up_next();
  WaiterQueue waiters_;
};

// asyncio.BoundedSemaphore: release() above the initial value throws std::invalid_argument
// ("BoundedSemaphore released too many times").
class BoundedSemaphore final : public Semaphore {
 public:
  explicit BoundedSemaphore(long value = 1) : Semaphore(value), bound_(value) {}
  void release() override;
  long bound() const noexcept { return bound_; }

 private:
  long bound_;
};

// `async with lock:` for C++: `auto g = co_await aio::locked(lock);` ... g.unlock() or scope
// end. (Acquire is a coroutine, so the guard is produced by one.)
class LockGuard {
 public:
  explicit LockGuard(Lock& l) noexcept : lock_(&l) {}
  LockGuard(LockGuard&& o) noexcept : lock_(std::exchange(o.lock_, nullptr)) {}
  LockGuard(const LockGuard&) = delete;
  ~LockGuard() { unlock(); }
  void unlock() {
    if (lock_) std::exchange(lock_, nullptr)->release();
  }

 private:
  Lock* lock_;
};
[[nodiscard]] Coro<LockGuard> locked(Lock& lock);

namespace detail {
void remove_waiter(WaiterQueue& q, const Future<void>* f) noexcept;
}

}  // namespace aio
