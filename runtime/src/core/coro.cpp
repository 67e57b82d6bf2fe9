// Runner::resume and the coroutine frame allocator (small_alloc.hpp's size classes).
#include "aio/coro.hpp"

#include "aio/small_alloc.hpp"

namespace aio {

void* frame_alloc(std::size_t size) { return small_alloc(size); }
void frame_free(void* p, std::size_t size) noexcept { small_free(p, size); }

Runner::Status Runner::resume(std::exception_ptr throw_in) {
  throw_in_ = std::move(throw_in);
  started_ = true;
  status_ = Status::Done;
  awaited_ = nullptr;
  std::coroutine_handle<> h = leaf_;
  h.resume();
  throw_in_ = nullptr;
  if (status_ == Status::Done) leaf_ = {};
  return status_;
}

}  // namespace aio
