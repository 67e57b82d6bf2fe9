// Gen and the Python `generator` type.
//
// Design: a generator function's body is a C++20 coroutine returning aio::Gen. It is lazy
// (initial_suspend is suspend_always), so calling the function only builds the frame; the
// GeneratorObject that entry() wraps around it drives it with resume(). The protocol between
// the object and the frame goes through the promise:
// - `co_yield v` stores v in yielded_ and suspends; when resumed, the yield expression's
//   value is the sent value (sent_), or the exception in thrown_ is raised at the yield;
// - `co_return v` stores the return value (StopIteration.value);
// - an escaping exception is kept in exception_ and rethrown by the driver, which turns a
//   StopIteration into RuntimeError "generator raised StopIteration" (PEP 479).
// `yield from` is a loop in generated code: yield_from_step forwards the input of each
// resumption (send or throw) to the subiterator; the delegating yield is a `co_yield
// GenRaw{v}` whose result is the GenInput itself (nothing is raised at the yield, so the
// thrown exception reaches the subiterator first).
//
// Lifetime: a GeneratorObject owns its frame. Destroying a suspended generator closes it
// first (GeneratorExit at the yield, so `finally` blocks run), as CPython's finaliser does.
// Thread model: one thread at a time, like every Value.
#pragma once

#include <coroutine>
#include <exception>
#include <utility>

#include "aio/coro.hpp"
#include "aio/function.hpp"
#include "aio/gc.hpp"
#include "aio/object.hpp"
#include "aio/value.hpp"

namespace aio {

// What a resumed `yield` receives: a sent value or an exception to raise.
struct GenInput {
  Value sent = Value::none();
  std::exception_ptr thrown;
};
// `GenRaw r{v}; co_yield r;`: yield v and hand back the GenInput unraised (`yield from`).
struct GenRaw {
  Value value;
};

class [[nodiscard]] Gen {
 public:
  struct promise_type {
    Value yielded_;
    Value result_ = Value::none();
    GenInput input_;
    std::exception_ptr exception_;
    const TraceFrame* frame_ = nullptr;  // set by the body's TrackFrame (frame_locals.hpp)

    // Not an aggregate: C++20 would otherwise build the promise from the body's arguments
    // (parenthesised aggregate initialisation), keeping hidden copies of the first ones in
    // yielded_/result_ until the body yields or returns.
    promise_type() noexcept = default;

    Gen get_return_object() noexcept {
      return Gen(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept { exception_ = std::current_exception(); }
    void return_value(Value v) { result_ = std::move(v); }

    struct YieldAwaiter {
      promise_type* p;
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<>) const noexcept {}
      Value await_resume() {
        if (p->input_.thrown) std::rethrow_exception(std::exchange(p->input_.thrown, nullptr));
        return std::exchange(p->input_.sent, Value::none());
      }
    };
    struct RawAwaiter {
      promise_type* p;
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<>) const noexcept {}
      GenInput await_resume() noexcept { return std::exchange(p->input_, GenInput{}); }
    };
    // Operands are named locals in generated code (GCC 12 mishandles temporaries in
    // co_yield/co_await expressions, see DESIGN.md).
    YieldAwaiter yield_value(const Value& v) {
      yielded_ = v;
      return {this};
    }
    // Generated code yields a named operand it no longer needs: moved, so the suspended
    // frame holds no hidden copy (frame_locals.hpp).
    YieldAwaiter yield_value(Value& v) {
      yielded_ = std::move(v);
      return {this};
    }
    RawAwaiter yield_value(GenRaw& r) {
      yielded_ = std::move(r.value);
      return {this};
    }

    static void* operator new(std::size_t size) { return frame_alloc(size); }
    static void operator delete(void* p, std::size_t size) noexcept { frame_free(p, size); }
  };
  using handle_type = std::coroutine_handle<promise_type>;

  Gen() noexcept = default;
  explicit Gen(handle_type h) noexcept : h_(h) {}
  Gen(Gen&& o) noexcept : h_(std::exchange(o.h_, {})) {}
  Gen& operator=(Gen&& o) noexcept {
    if (this != &o) {
      reset();
      h_ = std::exchange(o.h_, {});
    }
    return *this;
  }
  ~Gen() { reset(); }

  handle_type handle() const noexcept { return h_; }
  bool done() const noexcept { return !h_ || h_.done(); }
  promise_type& promise() const noexcept { return h_.promise(); }
  void reset() noexcept {
    if (h_) std::exchange(h_, {}).destroy();
  }

 private:
  handle_type h_;
};

extern TypeObject* generator_type;

// A GC container while suspended at a yield: its traverse visits the frame's registered
// locals (frame_locals.hpp); a collected one is closed first (gc_finalize), as CPython's
// finaliser does, so `finally` blocks run before anything is cleared.
struct GeneratorObject : GcObject {
  Gen gen;
  const CodeInfo* code;
  bool started = false;
  bool running = false;
  bool iterable_coroutine = false;  // made by an @asyncio.coroutine function: awaitable
  Value stop_value;  // the return value of the finished body, until next() reports it
  GeneratorObject(Gen&& g, const CodeInfo* c);
  ~GeneratorObject() override;
  // Started, parked at a yield, not executing: the frame's locals are owned by this object.
  bool suspended() const noexcept { return started && !running && !gen.done() && gen.promise().frame_; }
  void traverse(GcVisitFn visit, void* arg) override;
  bool gc_finalize() override;
  void clear() override;
};

// entry() of a generator function: wraps the (not yet started) body.
Value make_generator(Gen&& gen, const CodeInfo* code);
bool is_generator(const Value& v) noexcept;
// A generator made by an @asyncio.coroutine generator function (awaitable).
bool is_iterable_coroutine(const Value& v) noexcept;

// Resumes with `in`: true and `out` = the next yielded value, or false when the body
// returned (its value is then in stop_value). Exceptions from the body propagate.
bool generator_resume(GeneratorObject* g, GenInput in, Value& out);
// gen.close(): GeneratorExit at the current yield.
void generator_close(GeneratorObject* g);
// A finaliser's escaping exception: "Exception ignored in: <repr>" and its traceback on
// stderr, as CPython's PyErr_WriteUnraisable.
void report_ignored_exception(const Value& obj, const Value& exc);
// The StopIteration value for builtin next() after `it` reported exhaustion (None unless
// `it` is a generator that returned a value).
Value take_stop_value(const Value& it);

// The exception instance gen.throw()/coro.throw() raise for their arguments (args[0] is
// self): throw(exc) or the legacy throw(type[, value[, traceback]]), with CPython's TypeErrors.
Value thrown_exception(const CallArgs& a);

// `yield from`: yield_from_iter is iter(x); yield_from_step resumes the subiterator with
// `in` (first call: a default GenInput), true with `out` to yield, false at the end with the
// `yield from` expression's value in `result`.
Value yield_from_iter(const Value& x);
// Set by the asyncio glue: the iterator `yield from x` delegates to when x is a coroutine or
// a future (generator-based coroutines, Future.__iter__), else Unbound.
extern Value (*yield_from_awaitable_hook)(const Value& x);
bool yield_from_step(const Value& sub, GenInput in, Value& out, Value& result);

}  // namespace aio
