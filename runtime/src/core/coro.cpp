// Runner::resume and the coroutine frame allocator.
//
// Frames are recycled through per-thread free lists, one per 64-byte size class up to
// kMaxPooledFrame; each list keeps at most kMaxCachedFrames entries so a burst of coroutines
// does not pin memory forever. Larger frames go straight to operator new.
#include <cstdlib>
#include <new>

#include "aio/coro.hpp"

namespace aio {
namespace {

constexpr std::size_t kSizeClass = 64;          // bytes per size class
constexpr std::size_t kMaxPooledFrame = 2048;   // larger frames are not pooled
constexpr std::size_t kMaxCachedFrames = 256;   // per size class and thread
constexpr std::size_t kClasses = kMaxPooledFrame / kSizeClass;

struct FreeNode {
  FreeNode* next;
};

struct FramePool {
  FreeNode* head[kClasses] = {};
  std::size_t count[kClasses] = {};
  ~FramePool() {
    for (std::size_t c = 0; c < kClasses; ++c) {
      while (head[c]) {
        FreeNode* n = head[c];
        head[c] = n->next;
        ::operator delete(static_cast<void*>(n));
      }
    }
  }
};

thread_local FramePool t_pool;

inline std::size_t size_class(std::size_t size) { return (size + kSizeClass - 1) / kSizeClass - 1; }

}  // namespace

void* frame_alloc(std::size_t size) {
  if (size > kMaxPooledFrame) return ::operator new(size);
  std::size_t c = size_class(size);
  if (FreeNode* n = t_pool.head[c]) {
    t_pool.head[c] = n->next;
    --t_pool.count[c];
    return n;
  }
  return ::operator new((c + 1) * kSizeClass);
}

void frame_free(void* p, std::size_t size) noexcept {
  if (size > kMaxPooledFrame) {
    ::operator delete(p);
    return;
  }
  std::size_t c = size_class(size);
  if (t_pool.count[c] >= kMaxCachedFrames) {
    ::operator delete(p);
    return;
  }
  auto* n = static_cast<FreeNode*>(p);
  n->next = t_pool.head[c];
  t_pool.head[c] = n;
  ++t_pool.count[c];
}

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
