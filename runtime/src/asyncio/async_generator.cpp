// The Python `async_generator` type: __anext__/asend/athrow/aclose return coroutine objects
// that step an aio::AGen body (see aio/async_generator.hpp), with CPython's error texts.
#include "aio/async_generator.hpp"

#include <fmt/format.h>

#include "aio/asyncio_module.hpp"
#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/frame_locals.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {

TypeObject* async_generator_type = nullptr;

namespace {

const CodeInfo asend_code{"asend", "async_generator.asend", "<aio>", 0, CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};
const CodeInfo athrow_code{"athrow", "async_generator.athrow", "<aio>", 0, CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};

AsyncGeneratorObject* self_agen(const CallArgs& a) { return static_cast<AsyncGeneratorObject*>(a[0].object()); }

// Resumes the body inline (Coro<T>::Awaiter's protocol), until it yields, finishes or
// suspends on a future (then it transfers back here when it yields or finishes).
struct AGenStep {
  AGen::handle_type h;
  bool await_ready() const noexcept { return false; }
  template <class P>
  bool await_suspend(std::coroutine_handle<P> parent) {
    auto& child = h.promise();
    child.continuation_ = parent;
    child.runner_ = parent.promise().runner_;
    child.detached_ = false;
    child.has_yield_ = false;
    h.resume();
    if (h.done() || child.has_yield_) return false;
    child.detached_ = true;
    return true;
  }
  void await_resume() const noexcept {}
};

// The body ended with an exception: rethrow it; StopIteration/StopAsyncIteration become
// RuntimeError as in CPython.
[[noreturn]] void rethrow_from_body(std::exception_ptr ex) {
  Value stop;
  const char* what = nullptr;
  try {
    std::rethrow_exception(ex);
  } catch (const PyException& e) {
    if (isinstance_of(e.value(), exc::StopAsyncIteration)) {
      what = "async generator raised StopAsyncIteration";
    } else if (isinstance_of(e.value(), exc::StopIteration)) {
      what = "async generator raised StopIteration";
    } else {
      throw;
    }
    stop = e.value();
  }
  HandlerScope scope(stop);
  raise_from(make_exception(exc::RuntimeError, what), stop);
}

// One step: true with `out` at a yield, false when the body returned.
Coro<Value> agen_step(Value self, GenInput in) {
  auto* g = static_cast<AsyncGeneratorObject*>(self.object());
  if (g->running) raise_error(exc::RuntimeError, "anext(): asynchronous generator is already running");
  if (g->gen.done()) {
    if (in.thrown) std::rethrow_exception(in.thrown);
    raise_error(exc::StopAsyncIteration, std::string());
  }
  if (!g->started) {
    if (in.thrown) {
      g->gen.reset();
      std::rethrow_exception(in.thrown);
    }
    if (!in.sent.is_none()) raise_type_error("can't send non-None value to a just-started async generator");
  }
  auto& p = g->gen.promise();
  p.input_ = std::move(in);
  g->started = true;
  g->running = true;
  AGenStep step{g->gen.handle()};
  co_await step;
  g->running = false;
  if (!g->gen.done()) co_return std::exchange(p.yielded_, Value());
  std::exception_ptr ex = std::exchange(p.exception_, nullptr);
  g->gen.reset();
  if (ex) rethrow_from_body(ex);
  raise_error(exc::StopAsyncIteration, std::string());
}

Coro<Value> agen_close(Value self) {
  auto* g = static_cast<AsyncGeneratorObject*>(self.object());
  if (!g->started || g->gen.done()) {
    g->gen.reset();
    co_return Value::none();
  }
  GenInput in{Value::none(), std::make_exception_ptr(PyException(make_exception(exc::GeneratorExit, {})))};
  Coro<Value> step = agen_step(self, std::move(in));
  Value err;
  bool yielded = false;
  try {
    co_await step;
    yielded = true;
  } catch (const PyException& e) {
    if (!isinstance_of(e.value(), exc::GeneratorExit) && !isinstance_of(e.value(), exc::StopAsyncIteration)) {
      err = e.value();
    }
  }
  if (err.is_bound()) raise(err);
  if (yielded) raise_error(exc::RuntimeError, "async generator ignored GeneratorExit");
  co_return Value::none();
}

}  // namespace

AGenNext::AGenNext(const Value& agen) : self_(agen), g_(static_cast<AsyncGeneratorObject*>(agen.object())) {
  asyncgen_first_iter(g_);
  if (g_->running) raise_error(exc::RuntimeError, "anext(): asynchronous generator is already running");
  if (g_->gen.done()) {
    ready_ = true;  // exhausted: await_resume gives Unbound
    return;
  }
  g_->gen.promise().input_ = GenInput{};
  g_->started = true;
  g_->running = true;
}

bool AGenNext::suspend(std::coroutine_handle<> parent, Runner* runner) {
  // AGenStep's protocol, with the awaiting generated coroutine as the parent.
  auto h = g_->gen.handle();
  auto& child = h.promise();
  child.continuation_ = parent;
  child.runner_ = runner;
  child.detached_ = false;
  child.has_yield_ = false;
  h.resume();
  if (h.done() || child.has_yield_) return false;
  child.detached_ = true;
  return true;
}

Value AGenNext::await_resume() {
  if (ready_) return Value();
  g_->running = false;
  auto& p = g_->gen.promise();
  if (!g_->gen.done()) return std::exchange(p.yielded_, Value());
  std::exception_ptr ex = std::exchange(p.exception_, nullptr);
  g_->gen.reset();
  if (ex) rethrow_from_body(ex);
  return Value();
}

namespace {

Value m_anext(const CallArgs& a) {
  check_nargs(a, "__anext__", 1, 1);
  asyncgen_first_iter(self_agen(a));
  return make_coroutine(agen_step(a[0], GenInput{}), &asend_code);
}

Value m_asend(const CallArgs& a) {
  check_nargs(a, "asend", 2, 2);
  asyncgen_first_iter(self_agen(a));
  return make_coroutine(agen_step(a[0], GenInput{a[1], nullptr}), &asend_code);
}

Value m_athrow(const CallArgs& a) {
  check_nargs(a, "athrow", 2, 4);
  asyncgen_first_iter(self_agen(a));
  Value typ = a[1];
  Value val = a.npos > 2 ? a[2] : Value::none();
  Value e;
  if (is_exception_instance(typ)) {
    if (!val.is_none()) raise_type_error("instance exception may not have a separate value");
    e = typ;
  } else if (val.is_none()) {
    e = call(typ, {});
  } else if (is_tuple(val)) {
    e = call_ex(typ, val, Value());
  } else {
    e = call(typ, {val});
  }
  if (!is_exception_instance(e)) raise_type_error("exceptions must derive from BaseException");
  return make_coroutine(agen_step(a[0], GenInput{Value::none(), std::make_exception_ptr(PyException(e))}), &athrow_code);
}

Value m_aclose(const CallArgs& a) {
  check_nargs(a, "aclose", 1, 1);
  asyncgen_first_iter(self_agen(a));
  return make_coroutine(agen_close(a[0]), &athrow_code);
}

Value m_self(const CallArgs& a) { return a[0]; }

Value agen_repr(const Value& self) {
  auto* g = static_cast<AsyncGeneratorObject*>(self.object());
  return make_str(fmt::format("<async_generator object {} at {:#x}>", g->code ? g->code->qualname : "?",
                              reinterpret_cast<std::uintptr_t>(g)));
}

Value get_running(const CallArgs& a) { return Value(self_agen(a)->running); }
Value get_name(const CallArgs& a) { return make_str(self_agen(a)->code ? self_agen(a)->code->name : "?"); }
Value get_qualname(const CallArgs& a) { return make_str(self_agen(a)->code ? self_agen(a)->code->qualname : "?"); }

void init_async_generator_type() {
  async_generator_type = make_builtin_type("async_generator", object_type);
  async_generator_type->repr = &agen_repr;
  add_method(async_generator_type, "__aiter__", &m_self);
  add_method(async_generator_type, "__anext__", &m_anext);
  add_method(async_generator_type, "asend", &m_asend);
  add_method(async_generator_type, "athrow", &m_athrow);
  add_method(async_generator_type, "aclose", &m_aclose);
  add_getset(async_generator_type, "ag_running", &get_running);
  add_getset(async_generator_type, "__name__", &get_name);
  add_getset(async_generator_type, "__qualname__", &get_qualname);
}

}  // namespace

AsyncGeneratorObject::AsyncGeneratorObject(AGen&& g, const CodeInfo* c)
    : GcObject(async_generator_type), gen(std::move(g)), code(c) {}

void AsyncGeneratorObject::traverse(GcVisitFn visit, void* arg) {
  if (suspended()) gc_visit_frame_locals(gen.promise().frame_, visit, arg);
}

// The loop's finalizer moves the frame to a fresh object whose aclose() runs as a task;
// this object then no longer owns the locals (what they reference is resurrected).
bool AsyncGeneratorObject::gc_finalize() {
  if (!hooks_loop || !suspended()) return false;
  asyncgen_finalize(this);
  return true;
}

// Without a loop finalizer the frame is dropped without running its finally blocks, as
// when such a generator is destroyed.
void AsyncGeneratorObject::clear() {
  if (!running) gen.reset();
}

AsyncGeneratorObject::~AsyncGeneratorObject() {
  if (hooks_loop && !(gc_flags & kGcFinalized)) asyncgen_finalize(this);
}

Value make_async_generator(AGen&& gen, const CodeInfo* code) {
  install_asyncio_glue();
  if (!async_generator_type) init_async_generator_type();
  return Value(new AsyncGeneratorObject(std::move(gen), code));
}

}  // namespace aio
