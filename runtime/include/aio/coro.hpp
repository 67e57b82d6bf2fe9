// Coro<T>: the lazily started C++20 coroutine type of the runtime, and Runner, the driver
// that steps a chain of them (a Task, or a Python coroutine object's send()).
//
// Design:
// - Lazy: initial_suspend is suspend_always. Calling a coroutine function runs nothing.
// - Awaiting a Coro runs it inline, never through the loop (CPython semantics for `await
//   coro`). The awaiter's await_suspend resumes the child directly; if the child finishes
//   without suspending, its final_suspend returns to that call (noop_coroutine) and
//   await_suspend returns false, so the parent continues with no stack growth, even at -O0
//   where GCC does not turn symmetric transfer into a tail call. If the child suspends, it
//   is marked "detached" and, when it finishes later, its final_suspend transfers
//   symmetrically to the parent.
// - Runner and leaf: the driver's Runner* is copied from parent to child on every await.
//   When the innermost coroutine (the leaf) awaits a Future or yields bare (sleep(0)), its
//   awaiter records the leaf and the awaited future in the Runner and the whole chain
//   returns to the driver; the driver later resumes the leaf directly.
// - Exceptions to throw in (cancellation, Python's coro.throw) are handed to the Runner;
//   the leaf's await_resume rethrows them at its current await.
// - Results: std::variant<std::monostate, T> plus an exception_ptr in the promise.
// - Frames come from the size-class allocator (frame_alloc/frame_free, small_alloc.hpp) to make the common
//   "call a small async function" path cheap.
//
// Lifetime: a Coro owns its frame and destroys it. Do not write capturing coroutine lambdas
// (captures die at the first suspension): pass values as parameters.
// Thread model: a chain runs on one thread at a time.
#pragma once

#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <type_traits>
#include <utility>
#include <variant>

namespace aio {

class FutureBase;
struct TraceFrame;  // exceptions.hpp: a generated function's current line

void* frame_alloc(std::size_t size);
void frame_free(void* p, std::size_t size) noexcept;

// The driver of one coroutine chain.
class Runner {
 public:
  enum class Status : std::uint8_t {
    Done,     // the root coroutine finished (result or exception stored in its promise)
    Yielded,  // a bare yield: resume again on the next loop iteration
    Waiting,  // suspended on awaited(): resume when it is done
  };

  template <class Promise>
  void attach(std::coroutine_handle<Promise> root) noexcept {
    root.promise().runner_ = this;
    root_ = root;
    leaf_ = root;
  }
  // Resumes the leaf; `throw_in` is raised at its current await (or, before the first
  // step, is the caller's business: see asyncio glue's throw()).
  Status resume(std::exception_ptr throw_in = nullptr);
  bool attached() const noexcept { return static_cast<bool>(root_); }
  bool started() const noexcept { return started_; }
  FutureBase* awaited() const noexcept { return awaited_; }
  std::coroutine_handle<> leaf() const noexcept { return leaf_; }

  // For awaiters at the leaf.
  void suspend_on(std::coroutine_handle<> leaf, FutureBase* fut) noexcept {
    leaf_ = leaf;
    awaited_ = fut;
    status_ = Status::Waiting;
  }
  void suspend_bare(std::coroutine_handle<> leaf) noexcept {
    leaf_ = leaf;
    awaited_ = nullptr;
    status_ = Status::Yielded;
  }
  void rethrow_thrown_in() {
    if (throw_in_) std::rethrow_exception(std::exchange(throw_in_, nullptr));
  }
  bool has_thrown_in() const noexcept { return static_cast<bool>(throw_in_); }
  // True while `r` is inside resume() on this thread (its chain is executing, not parked).
  // Compares addresses only, so `r` may be stale (the cycle collector asks for frames whose
  // driver may be gone).
  static bool is_active(const Runner* r) noexcept;

 private:
  const Runner* outer_ = nullptr;  // the runner that was active when this one's resume() began
  std::coroutine_handle<> root_;
  std::coroutine_handle<> leaf_;
  FutureBase* awaited_ = nullptr;
  std::exception_ptr throw_in_;
  Status status_ = Status::Done;
  bool started_ = false;
};

struct PromiseBase {
  std::coroutine_handle<> continuation_;
  Runner* runner_ = nullptr;
  bool detached_ = false;  // suspended since it was started inline: finish by transfer
  // The body takes an exception thrown in before its first step itself (from its Runner)
  // instead of having it raised before the body: the asyncgen finalizer's aclose, which
  // CPython 3.11 forwards to the generator (asyncgen_hooks.cpp).
  bool defer_initial_throw_ = false;
  std::exception_ptr exception_;
  // A generated coroutine's line table entry (TrackFrame below), for its repr; null in
  // typed C++ coroutines and before the first step.
  const TraceFrame* frame_ = nullptr;

  // Lazy start. A thrown-in exception pending at the first resume (a task cancelled before
  // it ran, coro.throw() on a fresh coroutine) is raised here, before the body runs.
  struct InitialAwaiter {
    PromiseBase* p;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    void await_resume() const {
      if (p->runner_ && !p->defer_initial_throw_) p->runner_->rethrow_thrown_in();
    }
  };
  InitialAwaiter initial_suspend() noexcept { return {this}; }

  struct FinalAwaiter {
    bool await_ready() noexcept { return false; }
    template <class P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
      PromiseBase& p = h.promise();
      if (p.detached_ && p.continuation_) return p.continuation_;
      return std::noop_coroutine();
    }
    void await_resume() noexcept {}
  };
  FinalAwaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { exception_ = std::current_exception(); }

  static void* operator new(std::size_t size) { return frame_alloc(size); }
  static void operator delete(void* p, std::size_t size) noexcept { frame_free(p, size); }
};

template <class T>
struct PromiseResult : PromiseBase {
  std::variant<std::monostate, T> value_;
  template <class U = T>
  void return_value(U&& v) {
    value_.template emplace<1>(std::forward<U>(v));
  }
  T take() {
    if (exception_) std::rethrow_exception(exception_);
    return std::move(std::get<1>(value_));
  }
};
template <>
struct PromiseResult<void> : PromiseBase {
  void return_void() noexcept {}
  void take() {
    if (exception_) std::rethrow_exception(exception_);
  }
};

template <class T = void>
class [[nodiscard]] Coro {
 public:
  struct promise_type : PromiseResult<T> {
    Coro get_return_object() noexcept {
      return Coro(std::coroutine_handle<promise_type>::from_promise(*this));
    }
  };
  using handle_type = std::coroutine_handle<promise_type>;
  using value_type = T;

  Coro() noexcept = default;
  explicit Coro(handle_type h) noexcept : h_(h) {}
  Coro(Coro&& o) noexcept : h_(std::exchange(o.h_, {})) {}
  Coro& operator=(Coro&& o) noexcept {
    if (this != &o) {
      reset();
      h_ = std::exchange(o.h_, {});
    }
    return *this;
  }
  ~Coro() { reset(); }

  handle_type handle() const noexcept { return h_; }
  explicit operator bool() const noexcept { return static_cast<bool>(h_); }
  bool done() const noexcept { return !h_ || h_.done(); }
  promise_type& promise() const noexcept { return h_.promise(); }
  // The result of a finished coroutine (rethrows its exception). Once.
  T take_result() { return h_.promise().take(); }
  void reset() noexcept {
    if (h_) std::exchange(h_, {}).destroy();
  }
  handle_type release() noexcept { return std::exchange(h_, {}); }

  struct [[nodiscard]] Awaiter {
    handle_type h;
    bool await_ready() const noexcept { return h.done(); }
    template <class P>
    bool await_suspend(std::coroutine_handle<P> parent) {
      PromiseBase& child = h.promise();
      child.continuation_ = parent;
      child.runner_ = parent.promise().runner_;
      child.detached_ = false;
      h.resume();
      if (h.done()) return false;  // finished inline: continue the parent now
      child.detached_ = true;      // will transfer to the parent when it finishes
      return true;
    }
    T await_resume() { return h.promise().take(); }
  };
  Awaiter operator co_await() && noexcept { return Awaiter{h_}; }
  Awaiter operator co_await() & noexcept { return Awaiter{h_}; }

 private:
  handle_type h_;
};

// co_await aio::yield_now(): a bare yield; the driver resumes the coroutine on the next
// loop iteration (asyncio.sleep(0)).
// Generated coroutine bodies start with `co_await aio::TrackFrame{&frame};`: it records the
// body's TraceFrame in the promise, so that the coroutine's repr shows the line it is
// suspended at (CPython's cr_frame.f_lineno). It never suspends.
struct TrackFrame {
  const TraceFrame* frame;
  bool await_ready() const noexcept { return false; }
  template <class P>
  bool await_suspend(std::coroutine_handle<P> h) const noexcept {
    h.promise().frame_ = frame;
    return false;
  }
  void await_resume() const noexcept {}
};

struct [[nodiscard]] YieldAwaiter {
  Runner* runner = nullptr;
  bool await_ready() const noexcept { return false; }
  template <class P>
  void await_suspend(std::coroutine_handle<P> h) noexcept {
    runner = h.promise().runner_;
    runner->suspend_bare(h);
  }
  void await_resume() { runner->rethrow_thrown_in(); }
};
inline YieldAwaiter yield_now() noexcept { return {}; }

}  // namespace aio
