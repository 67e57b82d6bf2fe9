// contextlib.contextmanager and contextlib.asynccontextmanager.
//
// Both decorators return a `helper` callable (carrying the decorated function's __name__,
// __qualname__, __doc__, __module__ and __wrapped__, and binding as a method like a
// function) that calls the generator function and wraps the generator in a
// _GeneratorContextManager or _AsyncGeneratorContextManager object. __enter__/__aenter__ advance the generator to its
// first yield; __exit__/__aexit__ either advance it once more (no exception: it must stop)
// or throw the exception in at the yield and decide from how the generator reacts, with
// the rules and messages of CPython's Lib/contextlib.py:
//   - the generator stops (StopIteration / StopAsyncIteration): the exception is
//     suppressed, unless it is that very exception coming back;
//   - the thrown exception itself comes back (or a RuntimeError wrapping a thrown
//     StopIteration, PEP 479): not suppressed, __exit__ returns False;
//   - any other exception escapes from __exit__;
//   - the generator yields again: RuntimeError "generator didn't stop after throw()".
// The async __aenter__/__aexit__ are C++ coroutines wrapped as Python coroutine objects.
// A manager object called with a function decorates it (ContextDecorator): each call of the
// function runs inside a fresh manager made from the same arguments (_recreate_cm).
#include <cstdint>
#include <vector>

#include <fmt/format.h>

#include "aio/asyncio_module.hpp"
#include "aio/call.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"
#include "contextlib_internal.hpp"

namespace aio::contextlib {
namespace {

TypeObject* gen_cm_type = nullptr;
TypeObject* agen_cm_type = nullptr;
TypeObject* helper_type = nullptr;

const CodeInfo kAenter{"__aenter__", "_AsyncGeneratorContextManager.__aenter__", kContextlibPy, 199,
                       CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};
const CodeInfo kAexit{"__aexit__", "_AsyncGeneratorContextManager.__aexit__", kContextlibPy, 208,
                      CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};

struct GeneratorCMObject : Object {
  Value gen;
  Value func, args, kwds;  // kept until entered, as CPython does (for _recreate_cm)
  Value dict;
  explicit GeneratorCMObject(TypeObject* t) : Object(t) {}
  Value* instance_dict() noexcept override { return &dict; }
};

GeneratorCMObject& self_cm(const Value& v, TypeObject* t) {
  if (!isinstance_of(v, t)) raise_type_error("descriptor requires a '" + t->name + "' object");
  return static_cast<GeneratorCMObject&>(*v.object());
}

void forget_factory(GeneratorCMObject& cm) {
  cm.func = Value();
  cm.args = Value();
  cm.kwds = Value();
}

[[noreturn]] void raise_runtime(const char* message) { raise_error(exc::RuntimeError, message); }

// True when `err`, raised by gen.throw(value), means "not suppressed" (the exception
// propagates from the with statement unchanged); false when it must escape from __exit__.
bool is_thrown_back(const Value& err, const Value& value, bool async) {
  if (err.object() == value.object()) return true;
  if (!isinstance_of(err, exc::RuntimeError)) return false;
  bool stop = isinstance_of(value, exc::StopIteration) || (async && isinstance_of(value, exc::StopAsyncIteration));
  ExceptionObject* e = as_exception(err);
  return stop && e->cause.is_bound() && e->cause.object() == value.object();
}

// The traceback of the exception thrown into the generator, saved before the throw: when it
// comes back unsuppressed CPython resets `exc.__traceback__` to what the with statement had,
// so the generator's frames are not added to it.
struct SavedTraceback {
  ExceptionObject* exc;
  std::vector<TraceEntry> entries;
  explicit SavedTraceback(const Value& v) : exc(as_exception(v)) {
    if (exc) entries = exc->traceback;
  }
  void restore() const {
    if (exc) exc->traceback = entries;
  }
};

// ---- the helper that contextmanager/asynccontextmanager return ----------------------------

Value make_cm(TypeObject* type, const Value& func, const CallArgs& a) {
  Value gen = call_args(func, a);
  auto* cm = new GeneratorCMObject(type);
  Value result(static_cast<Object*>(cm));
  cm->gen = gen;
  cm->func = func;
  cm->args = make_tuple(std::vector<Value>(a.pos, a.pos + a.npos));
  cm->kwds = make_dict();
  for (std::size_t i = 0; i < a.nkw; ++i) dict_setitem(cm->kwds, a.kw[i].first, a.kw[i].second);
  return result;
}

// _recreate_cm(): a fresh manager from the same call (each use as a decorator needs one).
Value recreate_cm(const Value& self) {
  auto& cm = static_cast<GeneratorCMObject&>(*self.object());
  if (!cm.func.is_bound()) raise_attribute_error(self, make_str("func"));
  Value gen = call_ex(cm.func, cm.args, cm.kwds);
  auto* fresh = new GeneratorCMObject(cm.type);
  Value result(static_cast<Object*>(fresh));
  fresh->gen = gen;
  fresh->func = cm.func;
  fresh->args = cm.args;
  fresh->kwds = cm.kwds;
  return result;
}

struct HelperObject : Object {
  Value func;
  TypeObject* cm_type;
  Value dict;  // functools.wraps' attributes
  HelperObject(Value f, TypeObject* t) : Object(helper_type), func(std::move(f)), cm_type(t) {}
  Value* instance_dict() noexcept override { return &dict; }
};

Value helper_call(const Value& self, const CallArgs& a) {
  auto& h = static_cast<HelperObject&>(*self.object());
  return make_cm(h.cm_type, h.func, a);
}

// Binds like a Python function: `@contextmanager` on a method.
Value helper_descr_get(const Value& descr, const Value& obj, TypeObject*) {
  if (!obj.is_bound() || obj.is_none()) return descr;
  return make_method(descr, obj);
}

Value helper_repr(const Value& self) {
  Value q = getattr_or(self, make_str("__qualname__"), Value());
  std::string name = q.is_bound() && is_str(q) ? str_data(q) : "helper";
  return make_str(fmt::format("<function {} at {:#x}>", name, reinterpret_cast<std::uintptr_t>(self.object())));
}

Value decorate(const CallArgs& a, const char* fname, TypeObject* cm_type) {
  check_nargs(a, fname, 1, 1);
  auto* h = new HelperObject(a[0], cm_type);
  Value result(static_cast<Object*>(h));
  h->dict = make_dict();
  for (const char* attr : {"__module__", "__name__", "__qualname__", "__doc__"}) {
    Value v = getattr_or(a[0], make_str(attr), Value());
    if (v.is_bound()) dict_setitem(h->dict, make_str(attr), v);
  }
  dict_setitem(h->dict, make_str("__wrapped__"), a[0]);
  return result;
}

Value f_contextmanager(const CallArgs& a) { return decorate(a, "contextmanager", gen_cm_type); }
Value f_asynccontextmanager(const CallArgs& a) { return decorate(a, "asynccontextmanager", agen_cm_type); }

// ---- _GeneratorContextManager ----------------------------------------------------------

Value cm_enter(const CallArgs& a) {
  check_nargs(a, "__enter__", 1, 1);
  GeneratorCMObject& cm = self_cm(a[0], gen_cm_type);
  forget_factory(cm);
  Value first;
  if (!next(cm.gen, first)) raise_from(make_exception(exc::RuntimeError, "generator didn't yield"), Value::none());
  return first;
}

Value cm_exit(const CallArgs& a) {
  check_nargs(a, "__exit__", 4, 4);
  GeneratorCMObject& cm = self_cm(a[0], gen_cm_type);
  if (a[1].is_none()) {
    Value more;
    if (!next(cm.gen, more)) return Value(false);
    raise_runtime("generator didn't stop");
  }
  Value value = a[2].is_none() ? call(a[1], {}) : a[2];
  SavedTraceback saved(value);
  try {
    call_method(cm.gen, make_str("throw"), {value});
  } catch (const PyException& e) {
    const Value& err = e.value();
    if (isinstance_of(err, exc::StopIteration)) return Value(err.object() != value.object());
    if (!is_thrown_back(err, value, false)) throw;
    saved.restore();
    return Value(false);
  }
  raise_runtime("generator didn't stop after throw()");
}

// ---- _AsyncGeneratorContextManager -----------------------------------------------------

Coro<Value> acm_enter_body(Value self) {
  GeneratorCMObject& cm = self_cm(self, agen_cm_type);
  forget_factory(cm);
  Value step = call_method(cm.gen, make_str("__anext__"), {});
  bool stopped = false;
  Value first;
  try {
    first = co_await await_(step);
  } catch (const PyException& e) {
    if (!isinstance_of(e.value(), exc::StopAsyncIteration)) throw;
    stopped = true;
  }
  if (stopped) raise_from(make_exception(exc::RuntimeError, "generator didn't yield"), Value::none());
  co_return first;
}

Coro<Value> acm_exit_body(Value self, Value typ, Value value) {
  GeneratorCMObject& cm = self_cm(self, agen_cm_type);
  if (typ.is_none()) {
    Value step = call_method(cm.gen, make_str("__anext__"), {});
    try {
      co_await await_(step);
    } catch (const PyException& e) {
      if (!isinstance_of(e.value(), exc::StopAsyncIteration)) throw;
      co_return Value(false);
    }
    raise_runtime("generator didn't stop");
  }
  if (value.is_none()) value = call(typ, {});
  SavedTraceback saved(value);
  Value step = call_method(cm.gen, make_str("athrow"), {value});
  try {
    co_await await_(step);
  } catch (const PyException& e) {
    const Value& err = e.value();
    if (isinstance_of(err, exc::StopAsyncIteration)) co_return Value(err.object() != value.object());
    if (!is_thrown_back(err, value, true)) throw;
    saved.restore();
    co_return Value(false);
  }
  raise_runtime("generator didn't stop after athrow()");
}

Value acm_aenter(const CallArgs& a) {
  check_nargs(a, "__aenter__", 1, 1);
  return make_coroutine(acm_enter_body(a[0]), &kAenter);
}

Value acm_aexit(const CallArgs& a) {
  check_nargs(a, "__aexit__", 4, 4);
  return make_coroutine(acm_exit_body(a[0], a[1], a[2]), &kAexit);
}

// ---- ContextDecorator / AsyncContextDecorator: `@cm(...)` on a function -----------------
// The wrapped function runs inside `with self._recreate_cm():` (or `async with`, the wrapper
// then being a coroutine function).

const CodeInfo kInner{"inner", "AsyncContextDecorator.__call__.<locals>.inner", kContextlibPy, 95,
                      CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};

Value exit_with(const Value& cm, const Value& exc) {
  Value args[4] = {cm, Value::borrowed(type_of(exc)), exc, Value::none()};
  return cm_exit(CallArgs{args, 4, nullptr, 0});
}

Value decorated_sync(const Value& data, const CallArgs& a) {
  Value cm = recreate_cm(tuple_items(data)[0]);
  Value self[1] = {cm};
  cm_enter(CallArgs{self, 1, nullptr, 0});
  Value result;
  try {
    result = call_args(tuple_items(data)[1], a);
  } catch (const PyException& e) {
    HandlerScope scope(e.value());
    if (truthy(exit_with(cm, e.value()))) return Value::none();
    throw;
  }
  Value none = Value::none();
  Value args[4] = {cm, none, none, none};
  cm_exit(CallArgs{args, 4, nullptr, 0});
  return result;
}

Coro<Value> decorated_async_body(Value cm, Value func, Value args, Value kwds) {
  co_await acm_enter_body(cm);
  Value result, err;
  try {
    Value aw = call_ex(func, args, kwds);
    result = co_await await_(aw);
  } catch (const PyException& e) {
    err = e.value();
  }
  if (err.is_bound()) {
    Value typ = Value::borrowed(type_of(err));
    Value suppressed = co_await acm_exit_body(cm, typ, err);
    if (!truthy(suppressed)) reraise(err);
    co_return Value::none();
  }
  Value none = Value::none();
  co_await acm_exit_body(cm, none, none);
  co_return result;
}

Value decorated_async(const Value& data, const CallArgs& a) {
  Value cm = recreate_cm(tuple_items(data)[0]);
  Value args = make_tuple(std::vector<Value>(a.pos, a.pos + a.npos));
  Value kwds = make_dict();
  for (std::size_t i = 0; i < a.nkw; ++i) dict_setitem(kwds, a.kw[i].first, a.kw[i].second);
  return make_coroutine(decorated_async_body(cm, tuple_items(data)[1], args, kwds), &kInner);
}

// cm(func): the decorated function (named after func, as functools.wraps does).
Value decorate_function(const Value& self, const CallArgs& a) {
  check_nargs(a, "__call__", 1, 1);
  bool async = isinstance_of(self, agen_cm_type);
  Value data = make_tuple({self, a[0]});
  Value f = async ? make_native_function("inner", &decorated_async, data) : make_native_function("inner", &decorated_sync, data);
  Value name = getattr_or(a[0], make_str("__name__"), Value());
  if (name.is_bound() && is_str(name)) static_cast<NativeFunctionObject*>(f.object())->name = str_data(name);
  return f;
}

Value get_gen(const CallArgs& a) { return static_cast<GeneratorCMObject&>(*a[0].object()).gen; }

TypeObject* make_cm_type(const char* name) {
  TypeObject* t = make_builtin_type(name, nullptr, "contextlib");
  add_getset(t, "gen", &get_gen);
  t->call = &decorate_function;
  return t;
}

}  // namespace

void add_generator_managers(const Value& m) {
  if (!gen_cm_type) {
    gen_cm_type = make_cm_type("_GeneratorContextManager");
    add_method(gen_cm_type, "__enter__", &cm_enter);
    add_method(gen_cm_type, "__exit__", &cm_exit);
    agen_cm_type = make_cm_type("_AsyncGeneratorContextManager");
    add_method(agen_cm_type, "__aenter__", &acm_aenter);
    add_method(agen_cm_type, "__aexit__", &acm_aexit);
    helper_type = make_builtin_type("function", nullptr, "contextlib");
    helper_type->call = &helper_call;
    helper_type->descr_get = &helper_descr_get;
    helper_type->repr = &helper_repr;
  }
  module_add(m, "_GeneratorContextManager", Value::borrowed(gen_cm_type));
  module_add(m, "_AsyncGeneratorContextManager", Value::borrowed(agen_cm_type));
  module_add_function(m, "contextmanager", &f_contextmanager);
  module_add_function(m, "asynccontextmanager", &f_asynccontextmanager);
}

}  // namespace aio::contextlib
