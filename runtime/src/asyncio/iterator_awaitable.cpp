// Awaiting iterators: generator-based coroutines (@asyncio.coroutine, Python 3.8 meaning)
// and objects whose __await__ returns an iterator.
//
// Design: such an awaitable is an iterator speaking asyncio's bare-yield protocol: each step
// yields a Future to wait for (Future.__await__ yields itself), or None to give up one loop
// iteration. drive_iterator is a native Coro<Value> that plays the Task's part for it: it
// steps the iterator (send/throw forwarded as `yield from` does), suspends its own chain on
// the yielded future (without taking the result: the iterator fetches it when resumed), and
// returns the iterator's StopIteration value. Wrapped in a coroutine object, it can be
// awaited, given to create_task/ensure_future/run_until_complete, or delegated to by
// `yield from` inside another generator-based coroutine.
#include <fmt/format.h>

#include "aio/asyncio_module.hpp"
#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/generator.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "glue_internal.hpp"

namespace aio {
namespace {

// Suspends the chain until `f` is done (the Task's done-callback wake-up); an already done
// future still costs one loop iteration, as add_done_callback schedules the wake-up.
struct [[nodiscard]] UntilDone {
  FutureBase* f;
  Runner* runner = nullptr;
  bool await_ready() const noexcept { return false; }
  template <class P>
  void await_suspend(std::coroutine_handle<P> h) noexcept {
    runner = h.promise().runner_;
    if (f->done()) {
      runner->suspend_bare(h);
    } else {
      runner->suspend_on(h, f);
    }
  }
  void await_resume() { runner->rethrow_thrown_in(); }
};

std::exception_ptr bad_yield(const Value& out) {
  return std::make_exception_ptr(
      PyException(make_exception(exc::RuntimeError, "Task got bad yield: " + repr_std(out))));
}

Coro<Value> drive_iterator(Value it) {
  GenInput in;
  while (true) {
    Value out, result;
    if (!yield_from_step(it, std::move(in), out, result)) co_return result;
    in = GenInput{};
    FutureBase* fut = as_future(out);
    if (!fut && !out.is_none()) {
      in.thrown = bad_yield(out);
      continue;
    }
    try {
      if (fut) {
        UntilDone done{fut};
        co_await done;
      } else {
        YieldAwaiter bare = yield_now();
        co_await bare;
      }
    } catch (...) {
      in.thrown = std::current_exception();  // cancellation: thrown into the iterator
    }
  }
}

Coro<Value> await_future(Value fut) {
  AwaitValue aw = await_(fut);
  Value result = co_await aw;
  co_return result;
}

const CodeInfo* code_of_generator(const Value& g) {
  return is_generator(g) ? static_cast<GeneratorObject*>(g.object())->code : nullptr;
}

// `yield from x` inside a generator: coroutines delegate as they are, futures through
// Future.__iter__ (one yield of the future, then its result).
Value yield_from_awaitable(const Value& x) {
  if (is_coroutine(x)) return x;
  if (as_future(x)) return wrap_iterator_coroutine(Value(), nullptr, await_future(x));
  return Value();
}

}  // namespace

Value wrap_iterator_coroutine(const Value& it, const CodeInfo* code, Coro<Value>&& body) {
  auto* c = new CoroutineObject(body ? std::move(body) : drive_iterator(it), code);
  c->claimed = true;  // made for an await or a task: never "never awaited"
  return Value(static_cast<Object*>(c));
}

Value awaitable_as_coroutine(const Value& v) {
  if (is_coroutine(v)) return v;
  if (is_iterable_coroutine(v)) return wrap_iterator_coroutine(v, code_of_generator(v), Coro<Value>());
  if (!v.is_object() || as_future(v)) return Value();
  Value method = type_of(v)->lookup(std::string_view("__await__"));
  if (!method.is_bound()) return Value();
  Value it = call_method(v, make_str("__await__"), {});
  if (is_coroutine(it)) raise_type_error("__await__() returned a coroutine");
  if (!type_of(it)->next && !type_of(it)->lookup(std::string_view("__next__")).is_bound())
    raise_type_error("__await__() returned non-iterator of type '" + type_of(it)->name + "'");
  return wrap_iterator_coroutine(it, code_of_generator(it), Coro<Value>());
}

Value coroutine_for_task(const Value& v) {
  if (is_iterable_coroutine(v)) return awaitable_as_coroutine(v);
  return v;
}

void install_yield_from_awaitable() { yield_from_awaitable_hook = &yield_from_awaitable; }

}  // namespace aio
