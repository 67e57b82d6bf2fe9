// FutureBase / Future<T>: asyncio.Future — a result that will exist later.
//
// Design (CPython's futures.py, in C++):
// - state Pending -> Finished (result or exception) or Cancelled, once;
// - completing a future SCHEDULES its done callbacks with call_soon, one handle per
//   callback in registration order; it never runs them inline; adding a callback to a
//   future that is already done schedules it at once;
// - cancellation is state plus an optional message; it becomes an exception (from the
//   ErrorFactory) only when someone asks for the result;
// - FutureBase holds everything but the value, so the loop, tasks, gather and the asyncio
//   glue work on any future; Future<T> adds the typed value. Task<T> derives from
//   FutureBase too (task.hpp).
// - awaiting a future that is not done records it in the chain's Runner and suspends the
//   whole chain (coro.hpp); awaiting a done future does not suspend (Future.__await__).
//
// Lifetime: refcounted (Ref<Future<T>>); a pending awaiter keeps its future alive; a future
// keeps its loop alive (EventLoop::add_user).
// Thread model: loop thread only.
#pragma once

#include <coroutine>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "aio/coro.hpp"
#include "aio/errors.hpp"
#include "aio/event_loop.hpp"
#include "aio/ref.hpp"

namespace aio {

class FutureBase;

// A done callback: called (through the loop) with the future once it is done.
class DoneCallback : public RefCounted {
 public:
  virtual void on_done(FutureBase& fut) = 0;
  // How a Future's repr names this callback (CPython's _format_callback_source), e.g.
  // "Task.task_wakeup()".
  virtual std::string describe() const { return "<callback>()"; }
  // The handle that runs this callback for `fut` once fut is done (queued with call_soon):
  // by default a new one calling on_done(fut); a task's wakeup returns its own step handle.
  virtual Ref<Handle> delivery(FutureBase& fut);
};

class FutureBase : public RefCounted {
 public:
  enum class State : std::uint8_t { Pending, Cancelled, Finished };

  explicit FutureBase(EventLoop& loop) noexcept : loop_(&loop) { loop.add_user(); }
  ~FutureBase() override { loop_->drop_user(); }

  EventLoop& loop() const noexcept { return *loop_; }
  State state() const noexcept { return state_; }
  bool done() const noexcept { return state_ != State::Pending; }
  bool cancelled() const noexcept { return state_ == State::Cancelled; }

  // Future.cancel(msg): false if already done. Tasks override it.
  virtual bool cancel(std::optional<std::string> msg = {});
  // Future.set_exception; InvalidStateError if done.
  void set_exception(std::exception_ptr e);
  // Future.exception(): null if finished with a result; throws if cancelled / not done.
  std::exception_ptr exception();
  // Throws the stored exception or the CancelledError, InvalidStateError if pending.
  // Returns normally iff the future finished with a result.
  void check_result();

  void add_done_callback(Ref<DoneCallback> cb);
  // Removes every registration of `cb`; returns how many were removed.
  std::size_t remove_done_callback(const DoneCallback* cb);
  template <class Pred>
  std::size_t remove_done_callbacks_if(Pred pred) {
    // Copies, so that the callbacks stay registered if pred throws (Python's __eq__ can).
    std::size_t n = 0;
    std::vector<Ref<DoneCallback>> kept;
    if (callback0_) {
      if (pred(*callback0_)) ++n;
      else kept.push_back(callback0_);
    }
    if (callbacks_) {
      for (const auto& cb : *callbacks_) {
        if (pred(*cb)) ++n;
        else kept.push_back(cb);
      }
    }
    callback0_.reset();
    callbacks_.reset();
    for (auto& cb : kept) push_callback(std::move(cb));
    return n;
  }
  std::size_t callback_count() const noexcept {
    return (callback0_ ? 1 : 0) + (callbacks_ ? callbacks_->size() : 0);
  }
  // Every registered callback in registration order (for reprs; not a hot path).
  std::vector<DoneCallback*> callback_list() const {
    std::vector<DoneCallback*> all;
    if (callback0_) all.push_back(callback0_.get());
    if (callbacks_)
      for (const auto& cb : *callbacks_) all.push_back(cb.get());
    return all;
  }

  // The CancelledError for this cancelled future (_make_cancelled_error).
  std::exception_ptr make_cancelled_error();
  std::optional<std::string> cancel_message() const {
    return cancel_msg_ ? std::optional<std::string>(*cancel_msg_) : std::nullopt;
  }
  // The exception slot as stored (no checks), for reprs and the glue.
  const std::exception_ptr& stored_exception() const noexcept { return exc_; }
  // The object of the asyncio glue that embeds this future (its Python object), or null for
  // a core-only future. Lets the glue map futures back to Python without dynamic_cast.
  virtual void* embedding_object() noexcept { return nullptr; }
  // Marks the exception as retrieved (CPython's __log_traceback = False).
  void mark_retrieved() noexcept { log_traceback_ = false; }
  bool exception_unretrieved() const noexcept { return log_traceback_; }

 protected:
  // Subclasses store the value, then call this: state Finished + schedule callbacks.
  void finish_with_result();
  void require_pending(const char* what);
  void schedule_callbacks();
  // Transitions to Cancelled (Future.cancel without the virtual dispatch).
  bool cancel_future(std::optional<std::string> msg);
  // Set by tasks: the CancelledError that ended the coroutine, returned as-is later.
  std::exception_ptr cancelled_exc_;
  // Future._cancel_message (tasks set it on cancel() before they are cancelled). Boxed: it
  // is rarely set, and an optional<string> would add 40 bytes to every future and task.
  void set_cancel_message(std::optional<std::string> msg) {
    cancel_msg_ = msg ? std::make_unique<std::string>(std::move(*msg)) : nullptr;
  }
  std::unique_ptr<std::string> cancel_msg_;

 private:
  EventLoop* loop_;
  State state_ = State::Pending;
  bool log_traceback_ = false;
  std::exception_ptr exc_;
  // Done callbacks in registration order: the first in place (most futures get exactly one,
  // as CPython's fut_callback0), the rest in a vector allocated for the second one (a
  // pointer: 16 bytes less in every future and task). callback0_ is set if any is.
  void push_callback(Ref<DoneCallback> cb) {
    if (!callback0_) {
      callback0_ = std::move(cb);
      return;
    }
    if (!callbacks_) callbacks_ = std::make_unique<std::vector<Ref<DoneCallback>>>();
    callbacks_->push_back(std::move(cb));
  }
  Ref<DoneCallback> callback0_;
  std::unique_ptr<std::vector<Ref<DoneCallback>>> callbacks_;
};

// Awaiting any FutureBase from a Coro chain: the leaf suspends the chain on it.
template <class F>
struct [[nodiscard]] FutureAwaiter {
  Ref<F> fut;
  Runner* runner = nullptr;
  bool await_ready() const noexcept { return fut->done(); }
  template <class P>
  void await_suspend(std::coroutine_handle<P> h) noexcept {
    runner = h.promise().runner_;
    runner->suspend_on(h, fut.get());
  }
  decltype(auto) await_resume() {
    if (runner) runner->rethrow_thrown_in();
    if (!fut->done()) throw_runtime_error("await wasn't used with future");
    if constexpr (requires { fut->result(); }) return fut->result();
    else fut->check_result();
  }
};

template <class T>
using Stored = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

template <class T = void>
class Future : public FutureBase {
 public:
  using value_type = T;
  using FutureBase::FutureBase;

  template <class U = Stored<T>>
  void set_result(U&& v = {}) {
    require_pending("set_result");
    value_.emplace(std::forward<U>(v));
    finish_with_result();
  }
  // Future.result(): the value (a copy), or throws.
  T result() {
    check_result();
    if constexpr (!std::is_void_v<T>) return *value_;
  }

 private:
  std::optional<Stored<T>> value_;
};

// `co_await ref` for any future type (Future<T>, Task<T>, FutureBase, the glue's futures).
template <class F>
  requires std::is_base_of_v<FutureBase, F>
FutureAwaiter<F> operator co_await(const Ref<F>& f) noexcept {
  return {f};
}

template <class T = void>
Ref<Future<T>> make_future(EventLoop& loop) {
  return make_ref<Future<T>>(loop);
}

// A DoneCallback from a plain function and a context pointer (no allocation per call).
class FunctionCallback final : public DoneCallback {
 public:
  using Fn = void (*)(FutureBase&, void*);
  FunctionCallback(Fn fn, void* ctx) noexcept : fn_(fn), ctx_(ctx) {}
  void on_done(FutureBase& f) override { fn_(f, ctx_); }

 private:
  Fn fn_;
  void* ctx_;
};

}  // namespace aio
