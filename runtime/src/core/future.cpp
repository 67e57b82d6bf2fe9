// FutureBase: state transitions, done callbacks (always scheduled, never run inline) and
// the CancelledError/InvalidStateError rules of CPython's futures.py.
#include "aio/future.hpp"

namespace aio {
namespace {

// The handle that delivers one done callback: callback(fut), via call_soon.
struct DeliverDone {
  Ref<DoneCallback> cb;
  Ref<FutureBase> fut;
  void operator()() { cb->on_done(*fut); }
};

const char* state_name(FutureBase::State s) {
  switch (s) {
    case FutureBase::State::Pending: return "PENDING";
    case FutureBase::State::Cancelled: return "CANCELLED";
    case FutureBase::State::Finished: return "FINISHED";
  }
  return "?";
}

}  // namespace

void FutureBase::require_pending(const char*) {
  if (state_ != State::Pending) throw_invalid_state(std::string(state_name(state_)));
}

void FutureBase::schedule_callbacks() {
  if (!callback0_) return;
  Ref<DoneCallback> first = std::move(callback0_);
  std::unique_ptr<std::vector<Ref<DoneCallback>>> rest = std::move(callbacks_);
  loop_->schedule_ready(first->delivery(*this));
  if (rest)
    for (auto& cb : *rest) loop_->schedule_ready(cb->delivery(*this));
}

Ref<Handle> DoneCallback::delivery(FutureBase& fut) {
  return Ref<Handle>(new CallbackHandle<Handle, DeliverDone>(DeliverDone{Ref<DoneCallback>(this), Ref<FutureBase>(&fut)}));
}

void FutureBase::finish_with_result() {
  state_ = State::Finished;
  schedule_callbacks();
}

bool FutureBase::cancel_future(std::optional<std::string> msg) {
  log_traceback_ = false;
  if (state_ != State::Pending) return false;
  state_ = State::Cancelled;
  set_cancel_message(std::move(msg));
  schedule_callbacks();
  return true;
}

bool FutureBase::cancel(std::optional<std::string> msg) { return cancel_future(std::move(msg)); }

void FutureBase::set_exception(std::exception_ptr e) {
  require_pending("set_exception");
  exc_ = std::move(e);
  state_ = State::Finished;
  log_traceback_ = true;
  schedule_callbacks();
}

std::exception_ptr FutureBase::make_cancelled_error() {
  if (cancelled_exc_) return std::exchange(cancelled_exc_, nullptr);
  return aio::make_cancelled_error(cancel_message());
}

std::exception_ptr FutureBase::exception() {
  if (state_ == State::Cancelled) std::rethrow_exception(make_cancelled_error());
  if (state_ != State::Finished) throw_invalid_state("Exception is not set.");
  log_traceback_ = false;
  return exc_;
}

void FutureBase::check_result() {
  if (state_ == State::Cancelled) std::rethrow_exception(make_cancelled_error());
  if (state_ != State::Finished) throw_invalid_state("Result is not set.");  // _asyncio.Future.result()
  log_traceback_ = false;
  if (exc_) std::rethrow_exception(exc_);
}

void FutureBase::add_done_callback(Ref<DoneCallback> cb) {
  if (state_ != State::Pending) {
    loop_->schedule_ready(cb->delivery(*this));
    return;
  }
  push_callback(std::move(cb));
}

std::size_t FutureBase::remove_done_callback(const DoneCallback* cb) {
  return remove_done_callbacks_if([cb](const DoneCallback& c) { return &c == cb; });
}

}  // namespace aio
