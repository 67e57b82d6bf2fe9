// asyncio's async-generator hooks (CPython: sys.set_asyncgen_hooks installed by the running
// loop, BaseEventLoop._asyncgen_firstiter_hook / _asyncgen_finalizer_hook /
// shutdown_asyncgens).
//
// - firstiter: the first __anext__/asend/athrow/aclose of an async generator while a loop
//   runs on this thread registers it with that loop (LoopObject::asyncgens, creation order;
//   CPython iterates a WeakSet, whose order is only deterministic for one generator).
// - finalizer: a registered generator dropped before it finished is unregistered; if its
//   loop is not closed, the frame moves into a fresh generator object (CPython resurrects
//   the object instead) and the loop runs `create_task(agen.aclose())` from a call_soon
//   callback, so its `finally` blocks run on the loop (also when that task is cancelled
//   before it starts, as CPython 3.11 does: see finalizer_aclose).
// - shutdown_asyncgens (asyncio.run's shutdown step and loop.shutdown_asyncgens()): acloses
//   every registered generator with gather(..., return_exceptions=True) and reports
//   exceptions to the loop's exception handler.
#include <algorithm>

#include "aio/async_generator.hpp"
#include "aio/asyncio_module.hpp"
#include "aio/call.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/run.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"
#include "glue_internal.hpp"

namespace aio {
namespace {

const CodeInfo kShutdownCode{"shutdown_asyncgens", "BaseEventLoop.shutdown_asyncgens",
                             "/usr/lib/python3.11/asyncio/base_events.py", 539, CodeInfo::Coroutine, {}, 0, 0, 0,
                             nullptr, nullptr, nullptr};

const CodeInfo kAcloseCode{"aclose", "async_generator.aclose", "<aio>", 0, CodeInfo::Coroutine, {}, 0, 0, 0,
                           nullptr, nullptr, nullptr};

Value aclose_of(const Value& agen) { return call_method(agen, make_str("aclose"), {}); }

// Gives a coroutine body its own promise (no suspension).
struct OwnPromise {
  PromiseBase* p = nullptr;
  bool await_ready() const noexcept { return false; }
  template <class P>
  bool await_suspend(std::coroutine_handle<P> h) noexcept {
    p = &h.promise();
    return false;
  }
  PromiseBase* await_resume() const noexcept { return p; }
};

// The finalizer's `agen.aclose()`. Its task may be cancelled before its first step (the
// loop stopping right after the generator was dropped): CPython 3.11 then throws the
// CancelledError into the generator itself, whose finally blocks run; so does this body
// (its promise defers the early throw to it).
Coro<Value> finalizer_aclose(Value agen) {
  PromiseBase* self = co_await OwnPromise{};
  std::exception_ptr early;
  if (self->runner_ && self->runner_->has_thrown_in()) {
    try {
      self->runner_->rethrow_thrown_in();
    } catch (...) {
      early = std::current_exception();
    }
  }
  Value step;
  if (early) {
    step = call_method(agen, make_str("athrow"), {exception_value(early)});
  } else {
    step = aclose_of(agen);
  }
  co_await await_(step);
  co_return Value::none();
}

Value make_finalizer_aclose(const Value& agen) {
  Coro<Value> body = finalizer_aclose(agen);
  body.handle().promise().defer_initial_throw_ = true;
  return make_coroutine(std::move(body), &kAcloseCode);
}

Coro<Value> shutdown_body(EventLoop& loop) {
  auto* lo = static_cast<LoopObject*>(loop.user_data);
  if (!lo) co_return Value::none();
  lo->asyncgens_shutdown_called = true;
  if (lo->asyncgens.empty()) co_return Value::none();
  std::vector<Value> agens;
  for (AsyncGeneratorObject* g : lo->asyncgens) {
    agens.push_back(Value::borrowed(static_cast<Object*>(g)));
    g->hooks_loop = nullptr;  // aclosed below: the finalizer would have nothing left to do
  }
  lo->asyncgens.clear();
  std::vector<Value> closers;
  for (const Value& g : agens) closers.push_back(aclose_of(g));
  Value gather = getattr(import_module("asyncio"), make_str("gather"));
  Value kw = make_dict();
  dict_setitem(kw, make_str("return_exceptions"), Value(true));
  Value fut = call_ex(gather, make_tuple(std::move(closers)), kw);
  Value results = co_await await_(fut);
  std::vector<Value> items = to_vector(results);
  for (std::size_t i = 0; i < items.size() && i < agens.size(); ++i) {
    if (!isinstance_of(items[i], exc::Exception)) continue;
    loop.call_exception_handler({"an error occurred during closing of asynchronous generator " + repr_std(agens[i]),
                                 std::make_exception_ptr(PyException(items[i]))});
  }
  co_return Value::none();
}

Coro<void> shutdown_step(EventLoop& loop) { co_await shutdown_body(loop); }

Value loop_shutdown_asyncgens(const CallArgs& a) {
  check_nargs(a, "shutdown_asyncgens", 1, 1);
  return make_coroutine(shutdown_body(loop_of(a[0])), &kShutdownCode);
}

}  // namespace

void asyncgen_first_iter(AsyncGeneratorObject* g) {
  if (g->hooks_inited) return;
  g->hooks_inited = true;
  EventLoop* loop = EventLoop::running();
  if (!loop || !loop->user_data) return;
  g->hooks_loop = static_cast<LoopObject*>(loop->user_data);
  g->hooks_loop->asyncgens.push_back(g);
}

void asyncgen_finalize(AsyncGeneratorObject* g) {
  LoopObject* lo = std::exchange(g->hooks_loop, nullptr);
  auto& list = lo->asyncgens;
  list.erase(std::remove(list.begin(), list.end(), g), list.end());
  EventLoop& loop = *lo->loop;
  if (g->gen.done() || loop.is_closed()) return;
  try {
    auto* heir = new AsyncGeneratorObject(std::move(g->gen), g->code);
    Value agen(static_cast<Object*>(heir));
    heir->started = g->started;
    heir->hooks_inited = true;
    Value closer = make_finalizer_aclose(agen);
    EventLoop* lp = &loop;
    loop.call_soon([lp, closer] { new_task(*lp, closer, Value::none()); });
  } catch (const PyException&) {
    // Nothing sensible to report from a destructor; the frame is simply dropped.
  }
}

void asyncgen_forget_loop(LoopObject* loop) {
  for (AsyncGeneratorObject* g : loop->asyncgens) g->hooks_loop = nullptr;
  loop->asyncgens.clear();
}

void install_asyncgen_hooks() {
  set_asyncgen_shutdown(&shutdown_step);
  add_method(event_loop_type, "shutdown_asyncgens", &loop_shutdown_asyncgens);
}

}  // namespace aio
