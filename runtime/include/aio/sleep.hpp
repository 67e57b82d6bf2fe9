// aio::sleep(seconds): asyncio.sleep for Coro chains.
//
// Design: as CPython's sleep(): a delay <= 0 is a bare yield (the task runs again on the
// next loop iteration); otherwise a future completed by a call_later timer
// (_set_result_unless_cancelled), awaited by the leaf, and the timer is cancelled when the
// await ends however it ends (the `finally: h.cancel()`). An awaiter rather than a coroutine,
// to avoid a frame per sleep; the order of events is the same.
//
// Thread model: must be awaited by a chain driven on the running loop.
#pragma once

#include "aio/future.hpp"

namespace aio {

class [[nodiscard]] SleepAwaiter {
 public:
  explicit SleepAwaiter(double delay) noexcept : delay_(delay) {}
  bool await_ready() const noexcept { return false; }
  template <class P>
  void await_suspend(std::coroutine_handle<P> h) {
    runner_ = h.promise().runner_;
    if (delay_ <= 0) {
      runner_->suspend_bare(h);
      return;
    }
    arm();
    runner_->suspend_on(h, fut_.get());
  }
  void await_resume();

 private:
  void arm();
  double delay_;
  Runner* runner_ = nullptr;
  Ref<Future<void>> fut_;
  Ref<TimerHandle> timer_;
};

inline SleepAwaiter sleep(double seconds) noexcept { return SleepAwaiter(seconds); }

}  // namespace aio
