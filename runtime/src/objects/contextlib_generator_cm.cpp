// contextlib.contextmanager and contextlib.asynccontextmanager.
//
// Both decorators return a native `helper` function (named after the decorated one) that
// calls the generator function and wraps the generator in a _GeneratorContextManager or
// _AsyncGeneratorContextManager object. __enter__/__aenter__ advance the generator to its
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
#include "aio/asyncio_module.hpp"
#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "contextlib_internal.hpp"

namespace aio::contextlib {
namespace {

TypeObject* gen_cm_type = nullptr;
TypeObject* agen_cm_type = nullptr;

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

// ---- the helper that contextmanager/asynccontextmanager return ----------------------------

Value make_cm(TypeObject* type, const Value& func, const CallArgs& a) {
  Value gen = call_args(func, a);
  auto* cm = new GeneratorCMObject(type);
  Value result(static_cast<Object*>(cm));
  cm->gen = gen;
  cm->func = func;
  return result;
}

Value sync_helper(const Value& func, const CallArgs& a) { return make_cm(gen_cm_type, func, a); }
Value async_helper(const Value& func, const CallArgs& a) { return make_cm(agen_cm_type, func, a); }

Value decorate(const CallArgs& a, const char* fname, NativeDataFn helper) {
  check_nargs(a, fname, 1, 1);
  Value f = make_native_function("helper", helper, a[0]);
  Value name = getattr_or(a[0], make_str("__name__"), Value());
  if (name.is_bound() && is_str(name)) static_cast<NativeFunctionObject*>(f.object())->name = str_data(name);
  return f;
}

Value f_contextmanager(const CallArgs& a) { return decorate(a, "contextmanager", &sync_helper); }
Value f_asynccontextmanager(const CallArgs& a) { return decorate(a, "asynccontextmanager", &async_helper); }

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
  try {
    call_method(cm.gen, make_str("throw"), {value});
  } catch (const PyException& e) {
    const Value& err = e.value();
    if (isinstance_of(err, exc::StopIteration)) return Value(err.object() != value.object());
    if (is_thrown_back(err, value, false)) return Value(false);
    throw;
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
  Value step = call_method(cm.gen, make_str("athrow"), {value});
  try {
    co_await await_(step);
  } catch (const PyException& e) {
    const Value& err = e.value();
    if (isinstance_of(err, exc::StopAsyncIteration)) co_return Value(err.object() != value.object());
    if (is_thrown_back(err, value, true)) co_return Value(false);
    throw;
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

Value get_gen(const CallArgs& a) { return static_cast<GeneratorCMObject&>(*a[0].object()).gen; }

TypeObject* make_cm_type(const char* name) {
  TypeObject* t = make_builtin_type(name, nullptr, "contextlib");
  add_getset(t, "gen", &get_gen);
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
  }
  module_add(m, "_GeneratorContextManager", Value::borrowed(gen_cm_type));
  module_add(m, "_AsyncGeneratorContextManager", Value::borrowed(agen_cm_type));
  module_add_function(m, "contextmanager", &f_contextmanager);
  module_add_function(m, "asynccontextmanager", &f_asynccontextmanager);
}

}  // namespace aio::contextlib
