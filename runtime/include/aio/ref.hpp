// Intrusive reference counting for the typed core's shared objects (handles, futures, tasks).
//
// Design: loop objects are shared between the ready queue, timer heap, awaiting coroutines
// and user code, so they need shared ownership, but std::shared_ptr costs a separate control
// block and atomic counts. RefCounted keeps a plain counter inside the object. add_ref and
// release are virtual so that the asyncio glue can embed a core object inside a Python object
// and forward the count to the Python refcount: one object, one lifetime.
//
// Thread model: counts are not atomic. An object belongs to one loop thread; the only
// cross-thread hand-off (call_soon_threadsafe) moves a freshly created reference under a
// mutex and never shares it.
#pragma once

#include <cstdint>
#include <utility>

#include "aio/small_alloc.hpp"

namespace aio {

// Allocated by the runtime's size-class allocator (small_alloc.hpp).
class RefCounted : public PoolAllocated {
 public:
  RefCounted() = default;
  RefCounted(const RefCounted&) = delete;
  RefCounted& operator=(const RefCounted&) = delete;
  virtual ~RefCounted() = default;

  virtual void add_ref() noexcept { ++refs_; }
  virtual void release() noexcept {
    if (--refs_ == 0) delete this;
  }

 protected:
  // For objects embedded in another one (a task's step handle): they count their own
  // references with these and forward ownership to the owner, never deleting themselves.
  std::uint32_t own_refs() const noexcept { return refs_; }
  void count_ref() noexcept { ++refs_; }
  void uncount_ref() noexcept { --refs_; }

 private:
  std::uint32_t refs_ = 0;
};

// An owning pointer to a RefCounted object (any T with add_ref/release).
template <class T>
class Ref {
 public:
  Ref() noexcept = default;
  Ref(std::nullptr_t) noexcept {}
  explicit Ref(T* p) noexcept : p_(p) {
    if (p_) p_->add_ref();
  }
  Ref(const Ref& o) noexcept : Ref(o.p_) {}
  Ref(Ref&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  template <class U>
  Ref(const Ref<U>& o) noexcept : Ref(static_cast<T*>(o.get())) {}
  template <class U>
  Ref(Ref<U>&& o) noexcept : p_(o.detach()) {}
  ~Ref() {
    if (p_) p_->release();
  }
  Ref& operator=(Ref o) noexcept {
    std::swap(p_, o.p_);
    return *this;
  }

  T* get() const noexcept { return p_; }
  T* operator->() const noexcept { return p_; }
  T& operator*() const noexcept { return *p_; }
  explicit operator bool() const noexcept { return p_ != nullptr; }
  void reset() noexcept { Ref().swap(*this); }
  void swap(Ref& o) noexcept { std::swap(p_, o.p_); }
  // Gives up ownership without releasing (the caller now owns one reference).
  T* detach() noexcept { return std::exchange(p_, nullptr); }

  friend bool operator==(const Ref& a, const Ref& b) noexcept { return a.p_ == b.p_; }

 private:
  T* p_ = nullptr;
};

template <class T, class... Args>
Ref<T> make_ref(Args&&... args) {
  return Ref<T>(new T(std::forward<Args>(args)...));
}

}  // namespace aio
