// Barrier: CPython 3.11.7's asyncio.Barrier (barrier.hpp). Each `async with self._cond` and
// try/finally is spelled as catch-into-a-local, then the cleanup, then a rethrow.
#include "aio/barrier.hpp"

namespace aio {
namespace {
struct NotDrainingOrResetting {
  const Barrier* b;
  bool operator()() const {
    return b->state() != Barrier::State::Draining && b->state() != Barrier::State::Resetting;
  }
};
struct NotFilling {
  const Barrier* b;
  bool operator()() const { return b->state() != Barrier::State::Filling; }
};
}  // namespace

Barrier::Barrier(long parties) : parties_(parties) {
  if (parties < 1) throw std::invalid_argument("parties must be > 0");
}

const char* Barrier::state_name(State s) noexcept {
  switch (s) {
    case State::Filling: return "filling";
    case State::Draining: return "draining";
    case State::Resetting: return "resetting";
    case State::Broken: return "broken";
  }
  return "?";
}

Coro<void> Barrier::block() {
  Coro<bool> w = cond_.wait_for(NotDrainingOrResetting{this});
  co_await w;
  if (state_ == State::Broken) throw BrokenBarrierError("Barrier aborted");
}

Coro<void> Barrier::wait_released() {
  Coro<bool> w = cond_.wait_for(NotFilling{this});
  co_await w;
  if (state_ == State::Broken || state_ == State::Resetting)
    throw BrokenBarrierError("Abort or reset of barrier");
}

void Barrier::exit_() {
  if (count_ != 0) return;
  if (state_ == State::Resetting || state_ == State::Draining) state_ = State::Filling;
  cond_.notify_all();
}

Coro<long> Barrier::wait() {
  Coro<bool> a = cond_.acquire();
  co_await a;
  std::exception_ptr err;
  long index = 0;
  try {
    Coro<void> b = block();
    co_await b;
    std::exception_ptr inner;
    index = count_++;
    try {
      if (index + 1 == parties_) {
        state_ = State::Draining;  // _release
        cond_.notify_all();
      } else {
        Coro<void> w = wait_released();
        co_await w;
      }
    } catch (...) {
      inner = std::current_exception();
    }
    --count_;
    exit_();
    if (inner) std::rethrow_exception(inner);
  } catch (...) {
    err = std::current_exception();
  }
  cond_.release();
  if (err) std::rethrow_exception(err);
  co_return index;
}

Coro<void> Barrier::reset() {
  Coro<bool> a = cond_.acquire();
  co_await a;
  if (count_ > 0) {
    if (state_ != State::Resetting) state_ = State::Resetting;
  } else {
    state_ = State::Filling;
  }
  cond_.notify_all();
  cond_.release();
}

Coro<void> Barrier::abort() {
  Coro<bool> a = cond_.acquire();
  co_await a;
  state_ = State::Broken;
  cond_.notify_all();
  cond_.release();
}

}  // namespace aio
