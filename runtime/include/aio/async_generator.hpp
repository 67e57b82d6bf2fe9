// AGen and the Python `async_generator` type (`yield` inside `async def`).
//
// Design: the body is a C++20 coroutine returning aio::AGen. Its promise is a PromiseBase,
// so the body's awaits join the driving Runner chain exactly like a Coro's (symmetric
// transfer, futures suspend the whole task). A yield suspends the body and transfers back
// to whoever resumed it: `__anext__`/`asend`/`athrow`/`aclose` return Python coroutine
// objects whose C++ body steps the generator with an AGenStep awaiter (the same protocol as
// Coro<T>::Awaiter: a body that yields or finishes without suspending returns at once; one
// that suspends on a future is marked detached and transfers to the stepper later). The
// sent value / exception to raise at the yield travel in the promise as for aio::Gen.
//
// Lifetime: the object owns the frame. Like CPython's asyncio (sys.set_asyncgen_hooks), an
// async generator first iterated inside a running loop is registered with that loop
// (asyncgen_hooks.cpp): asyncio.run's shutdown_asyncgens acloses the ones still alive, and
// one dropped while suspended gets its frame moved into a fresh object whose aclose() the
// loop runs as a task, so `finally` blocks run. One never iterated in a loop, or dropped
// after its loop closed, is destroyed without running its `finally` blocks.
// Thread model: the runtime lock, like every Value.
#pragma once

#include <coroutine>
#include <exception>
#include <utility>

#include "aio/coro.hpp"
#include "aio/function.hpp"
#include "aio/gc.hpp"
#include "aio/generator.hpp"

namespace aio {

class [[nodiscard]] AGen {
 public:
  struct promise_type : PromiseBase {
    Value yielded_;
    GenInput input_;
    bool has_yield_ = false;

    promise_type() noexcept = default;  // never built from the body's arguments (aio::Gen)

    AGen get_return_object() noexcept {
      return AGen(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    void return_value(const Value&) noexcept {}  // async generators return nothing

    struct YieldAwaiter {
      promise_type* p;
      bool await_ready() const noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept {
        if (p->detached_ && p->continuation_) return p->continuation_;
        return std::noop_coroutine();
      }
      Value await_resume() {
        if (p->input_.thrown) std::rethrow_exception(std::exchange(p->input_.thrown, nullptr));
        return std::exchange(p->input_.sent, Value::none());
      }
    };
    YieldAwaiter yield_value(const Value& v) {
      yielded_ = v;
      has_yield_ = true;
      return {this};
    }
    YieldAwaiter yield_value(Value& v) {  // a named operand: moved (see aio::Gen)
      yielded_ = std::move(v);
      has_yield_ = true;
      return {this};
    }
  };
  using handle_type = std::coroutine_handle<promise_type>;

  AGen() noexcept = default;
  explicit AGen(handle_type h) noexcept : h_(h) {}
  AGen(AGen&& o) noexcept : h_(std::exchange(o.h_, {})) {}
  AGen& operator=(AGen&& o) noexcept {
    if (this != &o) {
      reset();
      h_ = std::exchange(o.h_, {});
    }
    return *this;
  }
  ~AGen() { reset(); }
  handle_type handle() const noexcept { return h_; }
  bool done() const noexcept { return !h_ || h_.done(); }
  promise_type& promise() const noexcept { return h_.promise(); }
  void reset() noexcept {
    if (h_) std::exchange(h_, {}).destroy();
  }

 private:
  handle_type h_;
};

extern TypeObject* async_generator_type;

struct LoopObject;

// A GC container while parked at a yield (frame_locals.hpp); a collected one registered
// with a loop gets the loop's finalizer (aclose() as a task), like a dropped one.
struct AsyncGeneratorObject : GcObject {
  AGen gen;
  const CodeInfo* code;
  bool started = false;
  bool running = false;
  bool hooks_inited = false;        // the first __anext__/asend/athrow/aclose happened
  LoopObject* hooks_loop = nullptr;  // the loop whose finalizer applies (asyncgen_hooks.cpp)
  AsyncGeneratorObject(AGen&& g, const CodeInfo* c);
  ~AsyncGeneratorObject() override;
  bool suspended() const noexcept { return started && !running && !gen.done() && gen.promise().frame_; }
  void traverse(GcVisitFn visit, void* arg) override;
  bool gc_finalize() override;
  void clear() override;
};

// asyncgen_hooks.cpp: the loop's firstiter hook (registers `g` with the running loop, once)
// and finalizer (called by the destructor while `g` is still suspended).
void asyncgen_first_iter(AsyncGeneratorObject* g);
void asyncgen_finalize(AsyncGeneratorObject* g);
// Forgets every registered generator of a loop that is going away.
void asyncgen_forget_loop(LoopObject* loop);

// entry() of an async generator function: wraps the (not yet started) body.
Value make_async_generator(AGen&& gen, const CodeInfo* code);

inline bool is_async_generator(const Value& v) noexcept {
  return v.is_object() && v.object()->type == async_generator_type;
}

// `co_await AGenNext(g)`: one `async for` step over an async_generator object without the
// __anext__ call and its coroutine object -- the body is stepped straight from the awaiting
// coroutine (as __anext__'s body would). Gives the yielded value, or Unbound where
// __anext__ would raise StopAsyncIteration; every other outcome is __anext__'s.
class [[nodiscard]] AGenNext {
 public:
  explicit AGenNext(const Value& agen);
  bool await_ready() const noexcept { return ready_; }
  template <class P>
  bool await_suspend(std::coroutine_handle<P> parent) {
    return suspend(parent, parent.promise().runner_);
  }
  Value await_resume();

 private:
  bool suspend(std::coroutine_handle<> parent, Runner* runner);
  Value self_;
  AsyncGeneratorObject* g_;
  bool ready_ = false;
};

}  // namespace aio
