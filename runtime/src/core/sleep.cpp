// SleepAwaiter: the timer half of asyncio.sleep (see sleep.hpp).
#include "aio/sleep.hpp"

#include "aio/task.hpp"

namespace aio {
namespace {
// futures._set_result_unless_cancelled
struct SetResultUnlessCancelled {
  Ref<Future<void>> fut;
  void operator()() {
    if (!fut->cancelled()) fut->set_result();
  }
};
}  // namespace

void SleepAwaiter::arm() {
  EventLoop& loop = get_running_loop();
  fut_ = make_future<void>(loop);
  timer_ = loop.call_later(delay_, SetResultUnlessCancelled{fut_});
}

void SleepAwaiter::await_resume() {
  if (timer_) timer_->cancel();
  runner_->rethrow_thrown_in();
  if (fut_) {
    if (!fut_->done()) throw_runtime_error("await wasn't used with future");
    fut_->result();
  }
}

}  // namespace aio
