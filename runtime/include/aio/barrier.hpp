// aio::Barrier: asyncio.Barrier (CPython 3.11.7 locks.py) for Coro chains.
//
// Design: CPython's state machine (filling -> draining -> filling, resetting, broken) over a
// Condition: wait() takes the condition's lock, blocks while the barrier drains or resets,
// counts itself in, and either releases everybody (the last party) or waits until the state
// leaves "filling". reset()/abort() wake every waiter, who then fail with
// BrokenBarrierError. Waiter order is the Condition's, hence CPython's.
//
// Lifetime: owned by the user; must outlive the coroutines using it. Thread model: loop
// thread only.
#pragma once

#include <stdexcept>

#include "aio/locks.hpp"

namespace aio {

// asyncio.BrokenBarrierError (a RuntimeError in Python; the glue maps it).
class BrokenBarrierError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Barrier {
 public:
  enum class State { Filling, Draining, Resetting, Broken };

  explicit Barrier(long parties);  // std::invalid_argument "parties must be > 0"
  Barrier(const Barrier&) = delete;
  Barrier& operator=(const Barrier&) = delete;

  // Returns this party's arrival index (0 .. parties-1).
  [[nodiscard]] Coro<long> wait();
  [[nodiscard]] Coro<void> reset();
  [[nodiscard]] Coro<void> abort();
  long parties() const noexcept { return parties_; }
  long n_waiting() const noexcept { return state_ == State::Filling ? count_ : 0; }
  bool broken() const noexcept { return state_ == State::Broken; }
  State state() const noexcept { return state_; }
  static const char* state_name(State s) noexcept;  // "filling", "draining", ...

 private:
  Coro<void> block();
  Coro<void> wait_released();
  void exit_();
  Condition cond_;
  long parties_;
  State state_ = State::Filling;
  long count_ = 0;
};

}  // namespace aio
