// Handle and TimerHandle: cancellation and the default reprs. The loop's side of timer
// cancellation (counting cancelled timers still in the heap) is in event_loop.cpp.
#include "aio/handle.hpp"

#include <fmt/format.h>

#include "aio/event_loop.hpp"

namespace aio {

void Handle::cancel() {
  if (cancelled_) return;
  cancelled_ = true;
  drop_callback();
}

std::string Handle::repr() const {
  return cancelled_ ? "<Handle cancelled>" : "<Handle>";
}

TimerHandle::TimerHandle(EventLoop* loop, double when) : loop_(loop), when_(when) { loop_->add_user(); }

TimerHandle::~TimerHandle() { loop_->drop_user(); }

void TimerHandle::cancel() {
  if (!cancelled()) loop_->timer_handle_cancelled(*this);
  Handle::cancel();
}

std::string TimerHandle::repr() const {
  return fmt::format("<TimerHandle {}when={}>", cancelled() ? "cancelled " : "", when_);
}

}  // namespace aio
