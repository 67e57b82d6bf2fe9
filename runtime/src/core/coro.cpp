// Runner::resume and the coroutine frame allocator (small_alloc.hpp's size classes).
#include "aio/coro.hpp"

#include "aio/small_alloc.hpp"

namespace aio {

void* frame_alloc(std::size_t size) { return small_alloc(size); }
void frame_free(void* p, std::size_t size) noexcept { small_free(p, size); }

namespace {
// The runners inside resume() on this thread, innermost first (linked through outer_).
thread_local const Runner* t_active_runner = nullptr;
}  // namespace

bool Runner::is_active(const Runner* r) noexcept {
  for (const Runner* a = t_active_runner; a; a = a->outer_)
    if (a == r) return true;
  return false;
}

Runner::Status Runner::resume(std::exception_ptr throw_in) {
  throw_in_ = std::move(throw_in);
  started_ = true;
  status_ = Status::Done;
  awaited_ = nullptr;
  std::coroutine_handle<> h = leaf_;
  outer_ = t_active_runner;
  t_active_runner = this;
  struct Pop {
    Runner* self;
    ~Pop() { t_active_runner = self->outer_; }
  } pop{this};
  h.resume();
  throw_in_ = nullptr;
  if (status_ == Status::Done) leaf_ = {};
  return status_;
}

}  // namespace aio
