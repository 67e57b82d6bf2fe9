// The size-class allocator behind PoolAllocated and coroutine frames (small_alloc.hpp).
#include "aio/small_alloc.hpp"

#include <mutex>
#include <new>

namespace aio {
namespace {

constexpr std::size_t kFineStep = 16;      // class width up to kFineLimit
constexpr std::size_t kFineLimit = 256;
constexpr std::size_t kCoarseStep = 64;    // class width up to kMaxPooled
constexpr std::size_t kMaxPooled = 2048;   // larger requests use operator new
constexpr std::size_t kFineClasses = kFineLimit / kFineStep;
constexpr std::size_t kClasses = kFineClasses + (kMaxPooled - kFineLimit) / kCoarseStep;
constexpr std::size_t kSlabBytes = 64 * 1024;

struct FreeNode {
  FreeNode* next;
};

constexpr std::size_t class_of(std::size_t size) {
  if (size <= kFineLimit) return size == 0 ? 0 : (size - 1) / kFineStep;
  return kFineClasses + (size - kFineLimit - 1) / kCoarseStep;
}
constexpr std::size_t class_size(std::size_t c) {
  if (c < kFineClasses) return (c + 1) * kFineStep;
  return kFineLimit + (c - kFineClasses + 1) * kCoarseStep;
}
static_assert(class_of(16) == 0 && class_of(17) == 1 && class_of(256) == kFineClasses - 1);
static_assert(class_of(257) == kFineClasses && class_size(class_of(2048)) == 2048);
static_assert(class_of(kMaxPooled) == kClasses - 1);

// Free lists of threads that exited, adopted by the next thread that runs dry.
struct Orphanage {
  std::mutex mu;
  FreeNode* head[kClasses] = {};
};
Orphanage& orphanage() {
  static Orphanage* o = new Orphanage;  // never destroyed: threads may exit during shutdown
  return *o;
}

// Trivially destructible, so frees that happen during thread or process teardown (static
// destructors releasing objects) still find valid lists. A class allocates from its free
// list, else bumps through its current slab, so untouched slab pages cost no memory.
struct FreeLists {
  FreeNode* head[kClasses];
  char* bump[kClasses];
  char* bump_end[kClasses];
};
thread_local FreeLists t_lists;

// Hands the thread's free lists to the orphanage at thread exit (the rest of its current
// slabs is lost: at most one slab per class and thread).
struct ExitHook {
  bool armed = false;
  ~ExitHook() {
    Orphanage& o = orphanage();
    std::lock_guard<std::mutex> lock(o.mu);
    for (std::size_t c = 0; c < kClasses; ++c) {
      FreeNode* n = t_lists.head[c];
      if (!n) continue;
      FreeNode* tail = n;
      while (tail->next) tail = tail->next;
      tail->next = o.head[c];
      o.head[c] = n;
      t_lists.head[c] = nullptr;
    }
  }
};
thread_local ExitHook t_exit_hook;

// The slow path of class `c`: the next block of the current slab, else the orphanage's list,
// else a new slab.
[[gnu::noinline]] void* refill(std::size_t c) {
  std::size_t sz = class_size(c);
  if (t_lists.bump[c] == t_lists.bump_end[c]) {
    if (!t_exit_hook.armed) t_exit_hook.armed = true;  // odr-use: registers the destructor
    {
      Orphanage& o = orphanage();
      std::lock_guard<std::mutex> lock(o.mu);
      if (FreeNode* n = o.head[c]) {
        o.head[c] = nullptr;
        t_lists.head[c] = n->next;
        return n;
      }
    }
    std::size_t bytes = kSlabBytes / sz * sz;
    t_lists.bump[c] = static_cast<char*>(::operator new(bytes));
    t_lists.bump_end[c] = t_lists.bump[c] + bytes;
  }
  void* p = t_lists.bump[c];
  t_lists.bump[c] += sz;
  return p;
}

}  // namespace

void* small_alloc(std::size_t size) {
  if (size > kMaxPooled) return ::operator new(size);
  std::size_t c = class_of(size);
  FreeNode* n = t_lists.head[c];
  if (!n) [[unlikely]] {
    // A fresh block of the current slab, inline: a burst of new tasks takes this path.
    char* p = t_lists.bump[c];
    if (p == t_lists.bump_end[c]) return refill(c);
    t_lists.bump[c] = p + class_size(c);
    return p;
  }
  t_lists.head[c] = n->next;
  return n;
}

void small_free(void* p, std::size_t size) noexcept {
  if (!p) return;
  if (size > kMaxPooled) {
    ::operator delete(p);
    return;
  }
  std::size_t c = class_of(size);
  auto* n = static_cast<FreeNode*>(p);
  n->next = t_lists.head[c];
  t_lists.head[c] = n;
}

}  // namespace aio
