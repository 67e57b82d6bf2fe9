// Combinators over futures: aio::wait (asyncio.wait), AsCompleted (asyncio.as_completed),
// shield (asyncio.shield) and Timeout (asyncio.timeout / timeout_at, 3.11).
//
// Design: transcriptions of CPython 3.11.7 tasks.py (_wait, as_completed, shield) and
// timeouts.py on FutureBase, so the asyncio glue reuses them with Python futures:
// - wait: one done callback per distinct future counts completions and releases a waiter
//   future (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED), a call_later timer releases it
//   on timeout; the callbacks and timer are removed however the await ends. Results keep
//   the input order (Python returns sets).
// - AsCompleted: completions go through a Queue in completion order; a timeout queues a
//   null marker per unfinished future, and next() raises TimeoutError for it.
// - shield: an outer future mirrors the inner one; cancelling the outer leaves the inner
//   running. `copy` transfers the result for the concrete future types.
// - Timeout (3.11.7's timeouts.py): enter() arms a timer that cancels the current task;
//   exit(err) turns that cancellation into TimeoutError when uncancel() drops back to the
//   task's cancelling() count at enter, and otherwise leaves err to the caller.
//
// Thread model: loop thread only.
#pragma once

#include <optional>
#include <vector>

#include "aio/queue.hpp"
#include "aio/task.hpp"
#include "aio/wait_for.hpp"

namespace aio {

enum class ReturnWhen { FirstCompleted, FirstException, AllCompleted };

struct WaitResult {
  std::vector<Ref<FutureBase>> done;
  std::vector<Ref<FutureBase>> pending;
};

// _wait: `fs` must be non-empty and without duplicates; timeout < 0 means none.
[[nodiscard]] Coro<WaitResult> wait(std::vector<Ref<FutureBase>> fs,
                                    ReturnWhen when = ReturnWhen::AllCompleted,
                                    double timeout = kNoTimeout);

class AsCompleted {
 public:
  // Futures must be distinct and on the running loop; timeout < 0 means none.
  AsCompleted(std::vector<Ref<FutureBase>> fs, double timeout = kNoTimeout);
  ~AsCompleted();
  AsCompleted(const AsCompleted&) = delete;
  AsCompleted& operator=(const AsCompleted&) = delete;
  std::size_t size() const noexcept { return total_; }
  // _wait_for_one without the result(): the next future to complete (done), or throws
  // TimeoutError. Call size() times.
  [[nodiscard]] Coro<Ref<FutureBase>> next();
  class Callback;  // the shared state (done callback + completion queue)

 private:
  Ref<Callback> cb_;
  std::size_t total_;
};

// Copies a done inner future's result into a pending outer one (set_result).
using ShieldCopy = void (*)(FutureBase& inner, FutureBase& outer);
// shield(inner) with a caller-made `outer` (pending, same loop). Returns outer, or inner
// itself if inner is already done.
Ref<FutureBase> shield_into(Ref<FutureBase> inner, Ref<FutureBase> outer, ShieldCopy copy);

template <class T>
Ref<Future<T>> shield(Ref<Task<T>> inner) {
  Ref<Future<T>> outer = make_future<T>(inner->loop());
  if (inner->done()) {
    if (inner->cancelled()) outer->cancel();
    else if (auto e = inner->exception()) outer->set_exception(e);
    else if constexpr (std::is_void_v<T>) outer->set_result();
    else outer->set_result(inner->result());
    return outer;
  }
  shield_into(Ref<FutureBase>(inner), Ref<FutureBase>(outer), [](FutureBase& i, FutureBase& o) {
    if constexpr (std::is_void_v<T>) static_cast<Future<T>&>(o).set_result();
    else static_cast<Future<T>&>(o).set_result(static_cast<Task<T>&>(i).result());
  });
  return outer;
}

class Timeout : public RefCounted {
 public:
  enum class State { Created, Entered, Expiring, Expired, Exited };
  explicit Timeout(std::optional<double> when) noexcept : when_(when) {}
  std::optional<double> when() const noexcept { return when_; }
  State state() const noexcept { return state_; }
  bool expired() const noexcept { return state_ == State::Expiring || state_ == State::Expired; }
  // RuntimeError "Cannot change state of <state> Timeout" unless entered.
  void reschedule(std::optional<double> when);
  // __aenter__: RuntimeError "Timeout should be used inside a task" outside a task.
  void enter();
  // __aexit__ with the exception leaving the block (null if none). Returns normally if the
  // block's outcome stands (then rethrow err yourself), throws TimeoutError on expiry.
  void exit(const std::exception_ptr& err);
  std::string repr() const;  // <Timeout [active] when=12.345>
  static const char* state_name(State s) noexcept;
  void on_timeout();  // the timer's callback (_on_timeout)

 private:
  State state_ = State::Created;
  std::optional<double> when_;
  Ref<Handle> handle_;
  Ref<TaskBase> task_;
  int cancelling_ = 0;  // the task's cancelling() at enter (3.11.7)
};

// asyncio.timeout(delay) / timeout_at(when) (nullopt: never).
Ref<Timeout> timeout(std::optional<double> delay);
Ref<Timeout> timeout_at(std::optional<double> when);

// `async with asyncio.timeout(delay): return await body` for C++ users.
template <class T>
Coro<T> with_timeout(std::optional<double> delay, Coro<T> body) {
  Ref<Timeout> t = timeout(delay);
  t->enter();
  std::exception_ptr err;
  std::optional<Stored<T>> value;
  try {
    if constexpr (std::is_void_v<T>) {
      co_await body;
      value.emplace();
    } else {
      value.emplace(co_await body);
    }
  } catch (...) {
    err = std::current_exception();
  }
  t->exit(err);
  if (err) std::rethrow_exception(err);
  if constexpr (!std::is_void_v<T>) co_return std::move(*value);
}

}  // namespace aio
