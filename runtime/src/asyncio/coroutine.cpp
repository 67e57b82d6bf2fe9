// The Python `coroutine` type: a CoroutineObject owns the root of a Coro<Value> chain.
// send/throw/close follow CPython's coroutine protocol; await_ runs a coroutine inline
// (symmetric transfer, as Coro<T>::Awaiter) or suspends the chain on a future.
#include <fmt/format.h>

#include "aio/asyncio_module.hpp"
#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/frame_locals.hpp"
#include "aio/generator.hpp"
#include "aio/print.hpp"
#include "aio/str.hpp"
#include "aio/traceback.hpp"
#include "glue_internal.hpp"

namespace aio {

TypeObject* coroutine_type = nullptr;

namespace {

CoroutineObject* self_coro(const CallArgs& a) {
  return static_cast<CoroutineObject*>(a[0].object());
}

// The awaitables of async generators (asend/athrow code) word it as CPython's
// async_gen_asend / async_gen_athrow objects do.
[[noreturn]] void raise_reused(const CoroutineObject* c) {
  std::string_view qualname = c->code ? c->code->qualname : "";
  if (qualname == "async_generator.asend")
    raise_error(exc::RuntimeError, "cannot reuse already awaited __anext__()/asend()");
  if (qualname == "async_generator.athrow")
    raise_error(exc::RuntimeError, "cannot reuse already awaited aclose()/athrow()");
  raise_error(exc::RuntimeError, "cannot reuse already awaited coroutine");
}

// Resumes through the coroutine's own runner: StopIteration(value) at the end, the awaited
// future (or None for a bare yield) when it suspends.
Value drive(CoroutineObject* c, std::exception_ptr throw_in) {
  if (c->closed || c->coro.done()) raise_reused(c);
  c->claimed = true;
  if (!c->runner.attached()) c->runner.attach(c->coro.handle());
  Runner::Status st = c->runner.resume(std::move(throw_in));
  if (st == Runner::Status::Yielded) return Value::none();
  if (st == Runner::Status::Waiting) return awaited_future_value(c->runner.awaited());
  Value result = c->coro.take_result();
  raise_stop_iteration(result);
}

Value coro_send(const CallArgs& a) {
  check_nargs(a, "send", 2, 2);
  CoroutineObject* c = self_coro(a);
  if (!a[1].is_none() && !c->runner.started() && !c->coro.done())
    raise_type_error("can't send non-None value to a just-started coroutine");
  return drive(c, nullptr);
}

Value coro_throw(const CallArgs& a) {
  check_nargs(a, "throw", 2, 4);
  CoroutineObject* c = self_coro(a);
  Value e = thrown_exception(a);
  if (c->closed || c->coro.done()) raise_reused(c);
  return drive(c, std::make_exception_ptr(PyException(e)));
}

// close(): GeneratorExit at the current await. A coroutine that awaits again instead stays
// suspended (CPython closes it once more when it is finalised).
void close_coroutine(CoroutineObject* c) {
  c->claimed = true;
  if (c->closed || c->coro.done() || !c->runner.started()) {
    c->closed = true;
    return;
  }
  Runner::Status st = c->runner.resume(std::make_exception_ptr(PyException(make_exception(exc::GeneratorExit, {}))));
  if (st != Runner::Status::Done) raise_error(exc::RuntimeError, "coroutine ignored GeneratorExit");
  c->closed = true;
  try {
    c->coro.take_result();
  } catch (const PyException& p) {
    if (!isinstance_of(p.value(), exc::GeneratorExit) && !isinstance_of(p.value(), exc::StopIteration)) throw;
  }
}

Value coro_close(const CallArgs& a) {
  check_nargs(a, "close", 1, 1);
  close_coroutine(self_coro(a));
  return Value::none();
}

Value coro_repr(const Value& self) {
  auto* c = static_cast<CoroutineObject*>(self.object());
  return make_str(fmt::format("<coroutine object {} at {:#x}>", c->code ? c->code->qualname : "?",
                              reinterpret_cast<std::uintptr_t>(c)));
}

Value coro_get_name(const CallArgs& a) { return make_str(self_coro(a)->name()); }

}  // namespace

CoroutineObject::CoroutineObject(Coro<Value>&& c, const CodeInfo* ci)
    : GcObject(coroutine_type), coro(std::move(c)), code(ci) {}

bool CoroutineObject::suspended() const noexcept {
  if (!coro || coro.done()) return false;
  const PromiseBase& p = coro.promise();
  return p.frame_ && !Runner::is_active(p.runner_);
}

void CoroutineObject::traverse(GcVisitFn visit, void* arg) {
  if (suspended()) gc_visit_frame_locals(coro.promise().frame_, visit, arg);
}

// Like the destructor: one suspended by send() is closed (its finally blocks run).
bool CoroutineObject::gc_finalize() {
  if (!suspended() || !runner.started() || closed) return false;
  try {
    close_coroutine(this);
  } catch (const PyException& e) {
    report_ignored_exception(Value::borrowed(this), e.value());
  }
  return true;
}

void CoroutineObject::clear() {
  if (!coro || coro.done() || suspended()) {
    claimed = true;  // a collected coroutine is not "never awaited"
    coro.reset();
  }
}

CoroutineObject::~CoroutineObject() {
  if (gc_flags & kGcFinalized) return;  // the collector closed it already (PEP 442: once)
  if (runner.started() && !closed && coro && !coro.done()) {
    // Suspended by send(): finalising closes it, so its finally blocks run (CPython's
    // coroutine finaliser); what escapes is reported as "Exception ignored in".
    refcount = 1;  // keep `this` alive while the body runs
    try {
      close_coroutine(this);
    } catch (const PyException& e) {
      report_ignored_exception(Value::borrowed(this), e.value());
    }
    return;
  }
  if (!claimed && !closed && coro && !runner.started()) {
    // CPython (warnings module) prints where the object died: "sys:1" for module globals
    // cleared at exit; otherwise the line running then, which aioc does not track, so it
    // names where the coroutine function was defined.
    const char* qualname = code ? code->qualname : "?";
    std::string text =
        program_finalizing()
            ? fmt::format("sys:1: RuntimeWarning: coroutine '{}' was never awaited\n", qualname)
            : fmt::format("{}:{}: RuntimeWarning: coroutine '{}' was never awaited\n"
                          "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n",
                          code ? code->filename : "?", code ? code->first_line : 0, qualname);
    stdout_flush();
    stderr_write(text);
  }
}

std::string CoroutineObject::name() const { return code ? code->name : "coroutine"; }

std::string coroutine_repr_inner(const CoroutineObject& c) {
  const char* qn = c.code ? c.code->qualname : "?";
  const char* file = c.code ? c.code->filename : "?";
  int line = c.code ? c.code->first_line : 0;
  if (c.coro.done() || c.closed) return fmt::format("{}() done, defined at {}:{}", qn, file, line);
  // Started: the line it is suspended at; before the first step, the def line (as CPython).
  if (const TraceFrame* f = c.coro ? c.coro.promise().frame_ : nullptr) line = f->line;
  return fmt::format("{}() running at {}:{}", qn, file, line);
}

bool is_coroutine(const Value& v) noexcept {
  return v.is_object() && coroutine_type && v.object()->type->is_subtype_of(coroutine_type);
}

void init_coroutine_type() {
  coroutine_type = make_builtin_type("coroutine", nullptr);
  coroutine_type->repr = &coro_repr;
  add_method(coroutine_type, "send", &coro_send);
  add_method(coroutine_type, "throw", &coro_throw);
  add_method(coroutine_type, "close", &coro_close);
  add_getset(coroutine_type, "__name__", &coro_get_name);
}

Value make_coroutine(Coro<Value>&& coro, const CodeInfo* code) {
  install_asyncio_glue();
  return Value(new CoroutineObject(std::move(coro), code));
}

// await_ ------------------------------------------------------------------------------------

AwaitValue::AwaitValue(const Value& v) : target_(v) {
  if (is_coroutine(v)) {
    coro_ = static_cast<CoroutineObject*>(v.object());
    if (coro_->closed || coro_->coro.done()) raise_reused(coro_);
    if (coro_->claimed) raise_error(exc::RuntimeError, "coroutine is being awaited already");
    coro_->claimed = true;
    return;
  }
  if (FutureBase* f = as_future(v)) {
    fut_ = f;
    ready_ = f->done();
    return;
  }
  // Generator-based coroutines and __await__ iterators: a fresh wrapping coroutine (claimed).
  Value wrapped = awaitable_as_coroutine(v);
  if (wrapped.is_bound()) {
    target_ = wrapped;
    coro_ = static_cast<CoroutineObject*>(wrapped.object());
    return;
  }
  raise_type_error(fmt::format("object {} can't be used in 'await' expression", to_std_string(type_name(v))));
}

bool AwaitValue::suspend(std::coroutine_handle<> h, PromiseBase& parent) {
  if (fut_) {
    runner_ = parent.runner_;
    runner_->suspend_on(h, fut_);
    return true;
  }
  auto child_h = coro_->coro.handle();
  PromiseBase& child = child_h.promise();
  child.continuation_ = h;
  child.runner_ = parent.runner_;
  child.detached_ = false;
  child_h.resume();
  if (child_h.done()) return false;
  child.detached_ = true;
  return true;
}

Value AwaitValue::await_resume() {
  if (coro_) return coro_->coro.take_result();
  if (runner_) runner_->rethrow_thrown_in();
  if (!fut_->done()) raise_error(exc::RuntimeError, "await wasn't used with future");
  return future_result_value(*fut_);
}

AwaitValue await_(const Value& v) { return AwaitValue(v); }

}  // namespace aio
