// Handles: a callback scheduled on an EventLoop (asyncio.Handle / asyncio.TimerHandle).
//
// Design: a Handle is an intrusive, refcounted object with one virtual `invoke`. The common
// case, a small callable stored in place (CallbackHandle<F>), costs one allocation and no
// std::function; loop internals (task steps, future callbacks) use the same templates. The
// callable is destroyed on cancel(), as CPython drops `_callback`, so a cancelled timer stops
// keeping its captures alive. TimerHandle adds `when` and the `scheduled` flag the loop uses
// for CPython's cancelled-timer bookkeeping.
//
// Thread model: owned by the loop thread; created on another thread only by
// call_soon_threadsafe, which hands the only reference over under a lock.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "aio/ref.hpp"

namespace aio {

class EventLoop;

class Handle : public RefCounted {
 public:
  // Cancels the callback: the loop skips it; its captured state is destroyed now.
  virtual void cancel();
  bool cancelled() const noexcept { return cancelled_; }
  // Runs the callback (called by the loop; a cancelled handle is never run).
  virtual void invoke() = 0;
  // Text for the exception handler ("<Handle ...>"); the glue overrides it.
  virtual std::string repr() const;
  // The callback alone, for "Exception in callback <this>" (defaults to repr()).
  virtual std::string callback_repr() const { return repr(); }

 protected:
  virtual void drop_callback() noexcept {}
  // For handles that are scheduled again after they ran (a task's step handle).
  void clear_cancelled() noexcept { cancelled_ = false; }

 private:
  bool cancelled_ = false;
};

class TimerHandle : public Handle {
 public:
  // Keeps `loop` alive (EventLoop::add_user): a Python TimerHandle can outlive the loop.
  TimerHandle(EventLoop* loop, double when);
  ~TimerHandle() override;
  void cancel() override;
  double when() const noexcept { return when_; }
  std::string repr() const override;

 private:
  friend class EventLoop;
  EventLoop* loop_;
  double when_;
  bool scheduled_ = false;
};

// A handle holding a callable in place. Base is Handle or TimerHandle.
template <class Base, class F>
class CallbackHandle final : public Base {
 public:
  template <class... BaseArgs>
  explicit CallbackHandle(F f, BaseArgs&&... base_args)
      : Base(std::forward<BaseArgs>(base_args)...), f_(std::move(f)) {}
  void invoke() override {
    if (f_) (*f_)();
  }

 protected:
  void drop_callback() noexcept override { f_.reset(); }

 private:
  std::optional<F> f_;
};

}  // namespace aio
