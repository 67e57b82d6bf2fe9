// wait_for_future: asyncio.wait_for's algorithm (wait_for.hpp). No co_await appears inside a
// catch handler: cancellation is caught into a local first.
#include "aio/wait_for.hpp"

namespace aio {
namespace {

// _release_waiter as a done callback and as a timer callback.
class ReleaseWaiter final : public DoneCallback {
 public:
  explicit ReleaseWaiter(Ref<Future<void>> w) : waiter_(std::move(w)) {}
  void on_done(FutureBase&) override { release_waiter(*waiter_); }
  std::string describe() const override { return "_release_waiter()"; }
  static void release_waiter(Future<void>& w) {
    if (!w.done()) w.set_result();
  }

 private:
  Ref<Future<void>> waiter_;
};

struct ReleaseOnTimer {
  Ref<Future<void>> waiter;
  void operator()() { ReleaseWaiter::release_waiter(*waiter); }
};

// _cancel_and_wait
Coro<void> cancel_and_wait(Ref<FutureBase> fut) {
  EventLoop& loop = get_running_loop();
  Ref<Future<void>> waiter = make_future<void>(loop);
  Ref<DoneCallback> cb = make_ref<ReleaseWaiter>(waiter);
  fut->add_done_callback(cb);
  std::exception_ptr err;
  try {
    fut->cancel();
    co_await waiter;
  } catch (...) {
    err = std::current_exception();
  }
  fut->remove_done_callback(cb.get());
  if (err) std::rethrow_exception(err);
}

[[noreturn]] void raise_timeout() { std::rethrow_exception(error_factory().timeout()); }

}  // namespace

Coro<void> wait_for_future(Ref<FutureBase> fut, double timeout) {
  EventLoop& loop = get_running_loop();
  if (timeout < 0) {
    co_await FutureAwaiter<FutureBase>{fut};
    co_return;
  }
  if (timeout == 0) {
    if (fut->done()) co_return;
    co_await cancel_and_wait(fut);
    if (fut->cancelled()) raise_timeout();
    co_return;
  }
  Ref<Future<void>> waiter = make_future<void>(loop);
  Ref<TimerHandle> timer = loop.call_later(timeout, ReleaseOnTimer{waiter});
  Ref<DoneCallback> cb = make_ref<ReleaseWaiter>(waiter);
  fut->add_done_callback(cb);
  std::exception_ptr cancelled;
  try {
    co_await waiter;
  } catch (...) {
    cancelled = std::current_exception();
  }
  if (cancelled) {
    if (fut->done()) {
      timer->cancel();
      co_return;
    }
    fut->remove_done_callback(cb.get());
    std::exception_ptr err;
    try {
      co_await cancel_and_wait(fut);
    } catch (...) {
      err = std::current_exception();
    }
    timer->cancel();
    std::rethrow_exception(err ? err : cancelled);
  }
  if (fut->done()) {
    timer->cancel();
    co_return;
  }
  fut->remove_done_callback(cb.get());
  std::exception_ptr err;
  try {
    co_await cancel_and_wait(fut);
  } catch (...) {
    err = std::current_exception();
  }
  timer->cancel();
  if (err) std::rethrow_exception(err);
  if (fut->cancelled()) raise_timeout();
}

}  // namespace aio
