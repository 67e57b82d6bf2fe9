// Lock, Event, Condition, Semaphore: transcriptions of CPython 3.11.7's locks.py (locks.hpp).
// No co_await inside a catch handler: each await's exception is caught into a local first.
#include "aio/locks.hpp"

#include <algorithm>
#include <stdexcept>

#include "aio/task.hpp"

namespace aio {

namespace detail {
// deque.remove(fut): the first occurrence.
void remove_waiter(WaiterQueue& q, const Future<void>* f) noexcept {
  auto it = std::find_if(q.begin(), q.end(), [f](const Ref<Future<void>>& w) { return w.get() == f; });
  if (it != q.end()) q.erase(it);
}
}  // namespace detail

namespace {
// Awaits `fut`, then removes it from `q` however the await ended; gives the exception the
// await raised, if any. An awaiter rather than a coroutine: no frame per wait, and the same
// order of events (the removal runs when the waiting coroutine resumes).
struct AwaitWaiter {
  WaiterQueue& q;
  FutureAwaiter<Future<void>> inner;
  bool await_ready() const noexcept { return inner.await_ready(); }
  template <class P>
  void await_suspend(std::coroutine_handle<P> h) noexcept {
    inner.await_suspend(h);
  }
  std::exception_ptr await_resume() noexcept {
    std::exception_ptr err;
    try {
      inner.await_resume();
    } catch (...) {
      err = std::current_exception();
    }
    detail::remove_waiter(q, inner.fut.get());
    return err;
  }
};
AwaitWaiter await_waiter(WaiterQueue& q, Ref<Future<void>> fut) { return AwaitWaiter{q, {std::move(fut)}}; }
}  // namespace

// --- Lock ----------------------------------------------------------------------------------

bool Lock::fast_path_ok() const noexcept {
  if (locked_) return false;
  return std::all_of(waiters_.begin(), waiters_.end(), [](const Ref<Future<void>>& w) { return w->cancelled(); });
}

Coro<bool> Lock::acquire() {
  if (fast_path_ok()) {
    locked_ = true;
    co_return true;
  }
  Ref<Future<void>> fut = make_future<void>(get_running_loop());
  waiters_.push_back(fut);
  std::exception_ptr err = co_await await_waiter(waiters_, fut);
  if (err) {
    if (is_cancelled_error(err) && !locked_) wake_up_first();
    std::rethrow_exception(err);
  }
  locked_ = true;
  co_return true;
}

void Lock::release() {
  if (!locked_) throw_runtime_error("Lock is not acquired.");
  locked_ = false;
  wake_up_first();
}

void Lock::wake_up_first() {
  if (waiters_.empty()) return;
  Future<void>& fut = *waiters_.front();
  if (!fut.done()) fut.set_result();
}

Coro<LockGuard> locked(Lock& lock) {
  Coro<bool> a = lock.acquire();
  co_await a;
  co_return LockGuard(lock);
}

// --- Event ---------------------------------------------------------------------------------

Coro<bool> Event::wait() {
  if (value_) co_return true;
  Ref<Future<void>> fut = make_future<void>(get_running_loop());
  waiters_.push_back(fut);
  std::exception_ptr err = co_await await_waiter(waiters_, fut);
  if (err) std::rethrow_exception(err);
  co_return true;
}

void Event::set() {
  if (value_) return;
  value_ = true;
  for (auto& fut : waiters_)
    if (!fut->done()) fut->set_result();
}

// --- Condition -----------------------------------------------------------------------------

Coro<bool> Condition::wait() {
  if (!locked()) throw_runtime_error("cannot wait on un-acquired lock");
  release();
  Ref<Future<void>> fut = make_future<void>(get_running_loop());
  waiters_.push_back(fut);
  std::exception_ptr err = co_await await_waiter(waiters_, fut);
  // The finally block: re-acquire even if cancelled meanwhile.
  bool cancelled = false;
  for (;;) {
    std::exception_ptr e2;
    Coro<bool> a = lock_->acquire();
    try {
      co_await a;
    } catch (...) {
      e2 = std::current_exception();
    }
    if (!e2) break;
    if (!is_cancelled_error(e2)) std::rethrow_exception(e2);
    cancelled = true;
  }
  if (cancelled) std::rethrow_exception(make_cancelled_error());
  if (err) std::rethrow_exception(err);
  co_return true;
}

void Condition::notify(std::size_t n) {
  if (!locked()) throw_runtime_error("cannot notify on un-acquired lock");
  std::size_t idx = 0;
  for (auto& fut : waiters_) {
    if (idx >= n) break;
    if (!fut->done()) {
      ++idx;
      fut->set_result();
    }
  }
}

// --- Semaphore -----------------------------------------------------------------------------

Semaphore::Semaphore(long value) : value_(value) {
  if (value < 0) throw std::invalid_argument("Semaphore initial value must be >= 0");
}

bool Semaphore::locked() const noexcept {
  if (value_ == 0) return true;
  return std::any_of(waiters_.begin(), waiters_.end(), [](const Ref<Future<void>>& w) { return !w->cancelled(); });
}

Coro<bool> Semaphore::acquire() {
  if (!locked()) {
    --value_;
    co_return true;
  }
  Ref<Future<void>> fut = make_future<void>(get_running_loop());
  waiters_.push_back(fut);
  std::exception_ptr err = co_await await_waiter(waiters_, fut);
  if (err) {
    if (is_cancelled_error(err) && !fut->cancelled()) {
      ++value_;
      wake_up_next();
    }
    std::rethrow_exception(err);
  }
  if (value_ > 0) wake_up_next();
  co_return true;
}

void Semaphore::release() {
  ++value_;
  wake_up_next();
}

void Semaphore::wake_up_next() {
  for (auto& fut : waiters_) {
    if (!fut->done()) {
      --value_;
      fut->set_result();
      return;
    }
  }
}

void BoundedSemaphore::release() {
  if (value_ >= bound_) throw std::invalid_argument("BoundedSemaphore released too many times");
  Semaphore::release();
}

}  // namespace aio
