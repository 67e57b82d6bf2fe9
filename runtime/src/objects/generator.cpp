// The Python `generator` type: __next__/send/throw/close over an aio::Gen frame, with
// CPython's error texts, PEP 479 and `yield from` delegation (see aio/generator.hpp).
#include "aio/generator.hpp"

#include <fmt/format.h>

#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/frame_locals.hpp"
#include "aio/ops.hpp"
#include "aio/print.hpp"
#include "aio/str.hpp"
#include "aio/traceback.hpp"
#include "aio/tuple.hpp"

namespace aio {

TypeObject* generator_type = nullptr;

namespace {

GeneratorObject* self_gen(const CallArgs& a) { return static_cast<GeneratorObject*>(a[0].object()); }

// Clears `running` however the resumption ends.
struct RunningGuard {
  GeneratorObject* g;
  ~RunningGuard() { g->running = false; }
};

// The body ended with an exception: rethrow it, a StopIteration as PEP 479's RuntimeError.
[[noreturn]] void rethrow_from_body(std::exception_ptr ex) {
  Value stop;
  try {
    std::rethrow_exception(ex);
  } catch (const PyException& e) {
    if (!isinstance_of(e.value(), exc::StopIteration)) throw;
    stop = e.value();
  }
  HandlerScope scope(stop);
  raise_from(make_exception(exc::RuntimeError, "generator raised StopIteration"), stop);
}

Value exception_value(const std::exception_ptr& ex) {
  try {
    std::rethrow_exception(ex);
  } catch (const PyException& e) {
    return e.value();
  } catch (...) {
    return Value();
  }
}

Value gen_next(const CallArgs& a) {
  check_nargs(a, "__next__", 1, 1);
  GeneratorObject* g = self_gen(a);
  Value out;
  if (generator_resume(g, GenInput{}, out)) return out;
  raise_stop_iteration(std::exchange(g->stop_value, Value()));
}

Value gen_send(const CallArgs& a) {
  check_nargs(a, "send", 2, 2);
  GeneratorObject* g = self_gen(a);
  Value out;
  if (generator_resume(g, GenInput{a[1], nullptr}, out)) return out;
  raise_stop_iteration(std::exchange(g->stop_value, Value()));
}

}  // namespace

// throw(exc) / throw(type[, value[, tb]]): the exception instance CPython would raise.
Value thrown_exception(const CallArgs& a) {
  Value typ = a[1];
  Value val = a.npos > 2 ? a[2] : Value::none();
  if (is_exception_instance(typ)) {
    if (!val.is_none()) raise_type_error("instance exception may not have a separate value");
    return typ;
  }
  bool is_class = typ.is_object() && typ.object()->type->is_subtype_of(type_type) &&
                  static_cast<TypeObject*>(typ.object())->is_exception;
  if (!is_class) {
    raise_type_error("exceptions must be classes or instances deriving from BaseException, not " +
                     type_of(typ)->name);
  }
  if (isinstance_of(val, static_cast<TypeObject*>(typ.object()))) return val;
  if (val.is_none()) return call(typ, {});
  if (is_tuple(val)) return call_ex(typ, val, Value());
  return call(typ, {val});
}

namespace {

Value gen_throw(const CallArgs& a) {
  check_nargs(a, "throw", 2, 4);
  GeneratorObject* g = self_gen(a);
  Value e = thrown_exception(a);
  Value out;
  if (generator_resume(g, GenInput{Value::none(), std::make_exception_ptr(PyException(e))}, out)) return out;
  raise_stop_iteration(std::exchange(g->stop_value, Value()));
}

Value gen_close(const CallArgs& a) {
  check_nargs(a, "close", 1, 1);
  generator_close(self_gen(a));
  return Value::none();
}

Value gen_self(const CallArgs& a) { return a[0]; }

Value gen_repr(const Value& self) {
  auto* g = static_cast<GeneratorObject*>(self.object());
  return make_str(fmt::format("<generator object {} at {:#x}>", g->code ? g->code->qualname : "?",
                              reinterpret_cast<std::uintptr_t>(g)));
}

Value gen_iter_slot(const Value& self) { return self; }

bool gen_next_slot(const Value& self, Value& out) {
  return generator_resume(static_cast<GeneratorObject*>(self.object()), GenInput{}, out);
}

Value gen_get_running(const CallArgs& a) { return Value(self_gen(a)->running); }
// Minimal gi_frame: None once the generator finished, otherwise the generator itself (no
// frame objects in aioc).
Value gen_get_frame(const CallArgs& a) { return self_gen(a)->gen.done() ? Value::none() : a[0]; }
Value gen_get_name(const CallArgs& a) { return make_str(self_gen(a)->code ? self_gen(a)->code->name : "?"); }
Value gen_get_qualname(const CallArgs& a) {
  return make_str(self_gen(a)->code ? self_gen(a)->code->qualname : "?");
}

}  // namespace

GeneratorObject::GeneratorObject(Gen&& g, const CodeInfo* c) : GcObject(generator_type), gen(std::move(g)), code(c) {}

void GeneratorObject::traverse(GcVisitFn visit, void* arg) {
  gc_visit(stop_value, visit, arg);
  if (suspended()) gc_visit_frame_locals(gen.promise().frame_, visit, arg);
}

// CPython's generator finaliser: close() at the yield; what escapes is "ignored".
bool GeneratorObject::gc_finalize() {
  if (!suspended()) return false;
  try {
    generator_close(this);
  } catch (const PyException& e) {
    report_ignored_exception(Value::borrowed(this), e.value());
  }
  return true;
}

// Destroying the frame drops its locals (a frame that ignored GeneratorExit is destroyed
// without running more Python code). A running frame is left alone: it is not garbage.
void GeneratorObject::clear() {
  Value gone = std::move(stop_value);
  if (!running) gen.reset();
}

GeneratorObject::~GeneratorObject() {
  if (!started || gen.done() || (gc_flags & kGcFinalized)) return;  // finalized once already
  refcount = 1;  // keep `this` alive while the body's finally blocks run
  try {
    generator_close(this);
  } catch (...) {
    // CPython reports "Exception ignored in"; the program goes on either way.
  }
}

bool generator_resume(GeneratorObject* g, GenInput in, Value& out) {
  if (g->running) raise_value_error("generator already executing");
  if (g->gen.done()) {
    if (in.thrown) std::rethrow_exception(in.thrown);
    g->stop_value = Value::none();
    return false;
  }
  if (!g->started) {
    if (in.thrown) {  // raised before the first line: the generator is finished
      g->gen.reset();
      std::rethrow_exception(in.thrown);
    }
    if (!in.sent.is_none()) raise_type_error("can't send non-None value to a just-started generator");
  }
  auto& p = g->gen.promise();
  p.input_ = std::move(in);
  g->started = true;
  g->running = true;
  {
    RunningGuard guard{g};
    g->gen.handle().resume();
  }
  if (!g->gen.done()) {
    out = std::exchange(p.yielded_, Value());
    return true;
  }
  std::exception_ptr ex = std::exchange(p.exception_, nullptr);
  g->stop_value = std::exchange(p.result_, Value::none());
  g->gen.reset();
  if (ex) {
    g->stop_value = Value();
    rethrow_from_body(ex);
  }
  return false;
}

void generator_close(GeneratorObject* g) {
  if (!g->started || g->gen.done()) {
    g->gen.reset();
    return;
  }
  Value out;
  bool yielded = false;
  try {
    yielded = generator_resume(g, GenInput{Value::none(), std::make_exception_ptr(PyException(make_exception(exc::GeneratorExit, {})))}, out);
  } catch (const PyException& e) {
    if (!isinstance_of(e.value(), exc::GeneratorExit) && !isinstance_of(e.value(), exc::StopIteration)) throw;
  }
  g->stop_value = Value();
  if (yielded) raise_error(exc::RuntimeError, "generator ignored GeneratorExit");
}

void report_ignored_exception(const Value& obj, const Value& exc) {
  std::string text = "Exception ignored in: " + repr_std(obj) + "\n" + format_traceback(exc);
  if (text.back() != '\n') text += '\n';
  stdout_flush();
  stderr_write(text);
}

Value take_stop_value(const Value& it) {
  if (!is_generator(it)) return Value();
  return std::exchange(static_cast<GeneratorObject*>(it.object())->stop_value, Value());
}

bool is_generator(const Value& v) noexcept {
  return v.is_object() && generator_type && v.object()->type->is_subtype_of(generator_type);
}

Value make_generator(Gen&& gen, const CodeInfo* code) { return Value(new GeneratorObject(std::move(gen), code)); }

Value (*yield_from_awaitable_hook)(const Value& x) = nullptr;

Value yield_from_iter(const Value& x) {
  if (is_generator(x)) return x;
  if (yield_from_awaitable_hook) {
    Value sub = yield_from_awaitable_hook(x);
    if (sub.is_bound()) return sub;
  }
  return iter(x);
}

namespace {

// Calls sub.<method>(arg), catching StopIteration as the end of the delegation.
bool call_sub(const Value& sub, const char* method, const Value& arg, Value& out, Value& result) {
  try {
    out = call_method(sub, make_str(method), {arg});
    return true;
  } catch (const PyException& e) {
    if (!isinstance_of(e.value(), exc::StopIteration)) throw;
    result = stop_iteration_value(e.value());
    return false;
  }
}

}  // namespace

bool yield_from_step(const Value& sub, GenInput in, Value& out, Value& result) {
  if (in.thrown) {
    Value e = exception_value(in.thrown);
    if (e.is_unbound()) std::rethrow_exception(in.thrown);
    if (isinstance_of(e, exc::GeneratorExit)) {
      if (is_generator(sub)) {
        generator_close(static_cast<GeneratorObject*>(sub.object()));
      } else {
        Value close = getattr_or(sub, make_str("close"), Value());
        if (!close.is_unbound()) call(close, {});
      }
      std::rethrow_exception(in.thrown);
    }
    if (!is_generator(sub)) {
      if (!hasattr(sub, make_str("throw"))) std::rethrow_exception(in.thrown);
      return call_sub(sub, "throw", e, out, result);
    }
  }
  if (is_generator(sub)) {
    auto* g = static_cast<GeneratorObject*>(sub.object());
    if (generator_resume(g, std::move(in), out)) return true;
    result = std::exchange(g->stop_value, Value());
    if (result.is_unbound()) result = Value::none();
    return false;
  }
  // Coroutine objects have send() but no __next__ (generator-based coroutines delegate to them).
  TypeObject* t = type_of(sub);
  if (in.sent.is_none() && (t->next || t->lookup(std::string_view("__next__")).is_bound())) {
    if (next(sub, out)) return true;
    result = Value::none();
    return false;
  }
  return call_sub(sub, "send", in.sent, out, result);
}

bool is_iterable_coroutine(const Value& v) noexcept {
  return is_generator(v) && static_cast<GeneratorObject*>(v.object())->iterable_coroutine;
}

void init_generator_type() {
  if (generator_type) return;
  generator_type = make_builtin_type("generator", object_type);
  generator_type->repr = &gen_repr;
  generator_type->iter = &gen_iter_slot;
  generator_type->next = &gen_next_slot;
  add_method(generator_type, "__next__", &gen_next);
  add_method(generator_type, "__iter__", &gen_self);
  add_method(generator_type, "send", &gen_send);
  add_method(generator_type, "throw", &gen_throw);
  add_method(generator_type, "close", &gen_close);
  add_getset(generator_type, "gi_running", &gen_get_running);
  add_getset(generator_type, "gi_frame", &gen_get_frame);
  add_getset(generator_type, "__name__", &gen_get_name);
  add_getset(generator_type, "__qualname__", &gen_get_qualname);
}

}  // namespace aio
