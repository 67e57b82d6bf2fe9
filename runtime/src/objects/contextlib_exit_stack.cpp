// contextlib.ExitStack and contextlib.AsyncExitStack.
//
// A stack keeps its exit callbacks as entries {is_sync, kind, callable, args, kwargs}:
// an exit entry is called as callable(exc_type, exc, tb) and may suppress the exception
// by returning true (a bound __exit__/__aexit__, or a function given to push /
// push_async_exit); a callback entry is called as callable(*args, **kwargs) and never
// suppresses. Unwinding pops entries LIFO and passes each one the exception left by the
// previous ones, as nested `with` statements would; an exception raised by an entry
// replaces the pending one and gets it as __context__ (CPython's _fix_exception_context).
// aioc's generated code does not keep a "handled exception" while __exit__ runs, so a
// context chain ending in None is treated as ending at the frame's exception.
#include <vector>

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

TypeObject* exit_stack_type = nullptr;
TypeObject* async_exit_stack_type = nullptr;

#define AIO_CODE(var, name, qual, line) \
  const CodeInfo var{name, qual, kContextlibPy, line, CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr}
AIO_CODE(kEnterAsync, "enter_async_context", "AsyncExitStack.enter_async_context", 624);
AIO_CODE(kAclose, "aclose", "AsyncExitStack.aclose", 673);
AIO_CODE(kAenter, "__aenter__", "AsyncExitStack.__aenter__", 683);
AIO_CODE(kAexit, "__aexit__", "AsyncExitStack.__aexit__", 686);
#undef AIO_CODE

struct ExitEntry {
  bool is_sync = true;
  bool is_callback = false;  // callable(*args, **kwargs) instead of callable(typ, exc, tb)
  Value callable;
  Value args;    // tuple (callbacks)
  Value kwargs;  // dict or Unbound (callbacks)
};

struct ExitStackObject : Object {
  std::vector<ExitEntry> entries;
  Value dict;
  explicit ExitStackObject(TypeObject* t) : Object(t) {}
  Value* instance_dict() noexcept override { return &dict; }
};

ExitStackObject& self_stack(const Value& v) {
  if (!isinstance_of(v, exit_stack_type) && !isinstance_of(v, async_exit_stack_type))
    raise_type_error("descriptor requires an 'ExitStack' object");
  return static_cast<ExitStackObject&>(*v.object());
}

Value stack_new(TypeObject* type, const CallArgs& a) {
  if (a.npos || a.nkw) raise_type_error(type->name + "() takes no arguments");
  return Value(static_cast<Object*>(new ExitStackObject(type)));
}

std::string protocol_error_name(const Value& cm) {
  TypeObject* t = type_of(cm);
  return "'" + t->module + "." + (t->qualname.empty() ? t->name : t->qualname) + "' object does not support the ";
}

// The bound special method `name` of cm's type, or Unbound (looked up on the type, as the
// with statement does).
Value bound_special(const Value& cm, const char* name) {
  Value m = type_of(cm)->lookup(std::string_view(name));
  if (!m.is_bound()) return m;
  TypeObject* mt = type_of(m);
  if (mt->descr_get) return mt->descr_get(m, cm, type_of(cm));
  return make_method(m, cm);
}

void push_exit(ExitStackObject& s, bool is_sync, Value callable) {
  s.entries.push_back(ExitEntry{is_sync, false, std::move(callable), Value(), Value()});
}

void push_callback(ExitStackObject& s, bool is_sync, const CallArgs& a, const char* fname) {
  if (a.npos < 2) raise_type_error(std::string("descriptor '") + fname + "' of '_BaseExitStack' object needs an argument");
  std::vector<Value> rest(a.pos + 2, a.pos + a.npos);
  Value kwargs;
  if (a.nkw) {
    kwargs = make_dict();
    for (std::size_t i = 0; i < a.nkw; ++i) dict_setitem(kwargs, a.kw[i].first, a.kw[i].second);
  }
  s.entries.push_back(ExitEntry{is_sync, true, a[1], make_tuple(std::move(rest)), kwargs});
}

// One entry's call: its result (an awaitable for async entries).
Value invoke(const ExitEntry& e, const Value& typ, const Value& exc, const Value& tb) {
  if (e.is_callback) return call_ex(e.callable, e.args, e.kwargs);
  return call(e.callable, {typ, exc, tb});
}

// The state of one unwinding: the exception details passed to the next entry.
struct Unwind {
  Value typ = Value::none(), exc = Value::none(), tb = Value::none();
  Value frame_exc;  // the exception being handled when unwinding began (None-like if Unbound)
  bool received = false, suppressed = false, pending = false;

  Unwind(const Value& t, const Value& e, const Value& b) : typ(t), exc(e), tb(b) {
    received = !t.is_none();
    frame_exc = received ? e : current_handled_exception();
    if (!frame_exc.is_bound()) frame_exc = Value::none();
  }
  void entry_returned(const Value& r, bool is_callback) {
    if (is_callback || !truthy(r)) return;
    suppressed = true;
    pending = false;
    typ = exc = tb = Value::none();
  }
  void entry_raised(const Value& new_exc) {
    fix_context(new_exc);
    pending = true;
    typ = Value::borrowed(type_of(new_exc));
    exc = new_exc;
    tb = Value::none();
  }
  // CPython's _fix_exception_context(new_exc, old_exc).
  void fix_context(Value new_exc) {
    while (true) {
      ExceptionObject* e = as_exception(new_exc);
      Value ctx = e->context.is_bound() ? e->context : Value::none();
      if (ctx.is_none() && frame_exc.is_none()) return;
      if (!ctx.is_none() && ctx.object() == exc.object()) return;
      if (ctx.is_none() || ctx.object() == frame_exc.object()) break;
      new_exc = ctx;
    }
    as_exception(new_exc)->context = exc.is_none() ? Value() : exc;
  }
  Value finish() {
    if (pending) reraise(exc);
    return Value(received && suppressed);
  }
};

// ---- ExitStack ---------------------------------------------------------------------------
Value m_enter_self(const CallArgs& a) { return a[0]; }

Value m_exit(const CallArgs& a) {
  check_nargs(a, "__exit__", 4, 4);
  ExitStackObject& s = self_stack(a[0]);
  Unwind u(a[1], a[2], a[3]);
  while (!s.entries.empty()) {
    ExitEntry e = std::move(s.entries.back());
    s.entries.pop_back();
    try {
      u.entry_returned(invoke(e, u.typ, u.exc, u.tb), e.is_callback);
    } catch (const PyException& err) {
      u.entry_raised(err.value());
    }
  }
  return u.finish();
}

Value m_close(const CallArgs& a) {
  check_nargs(a, "close", 1, 1);
  Value none = Value::none();
  Value args[4] = {a[0], none, none, none};
  m_exit(CallArgs{args, 4, nullptr, 0});
  return Value::none();
}

Value m_enter_context(const CallArgs& a) {
  check_nargs(a, "enter_context", 2, 2);
  ExitStackObject& s = self_stack(a[0]);
  Value enter = bound_special(a[1], "__enter__");
  Value exit = bound_special(a[1], "__exit__");
  if (!enter.is_bound() || !exit.is_bound())
    raise_from(make_exception(exc::TypeError, protocol_error_name(a[1]) + "context manager protocol"), Value::none());
  Value result = call(enter, {});
  push_exit(s, true, exit);
  return result;
}

Value m_push(const CallArgs& a) {
  check_nargs(a, "push", 2, 2);
  Value exit = bound_special(a[1], "__exit__");
  push_exit(self_stack(a[0]), true, exit.is_bound() ? exit : a[1]);
  return a[1];
}

Value m_callback(const CallArgs& a) {
  push_callback(self_stack(a[0]), true, a, "callback");
  return a[1];
}

Value m_pop_all(const CallArgs& a) {
  check_nargs(a, "pop_all", 1, 1);
  ExitStackObject& s = self_stack(a[0]);
  auto* fresh = new ExitStackObject(s.type);
  Value result(static_cast<Object*>(fresh));
  fresh->entries = std::move(s.entries);
  s.entries.clear();
  return result;
}

// ---- AsyncExitStack ----------------------------------------------------------------------
Coro<Value> enter_async_body(Value self, Value cm) {
  ExitStackObject& s = self_stack(self);
  Value enter = bound_special(cm, "__aenter__");
  Value exit = bound_special(cm, "__aexit__");
  if (!enter.is_bound() || !exit.is_bound())
    raise_from(make_exception(exc::TypeError, protocol_error_name(cm) + "asynchronous context manager protocol"),
               Value::none());
  Value aw = call(enter, {});
  Value result = co_await await_(aw);
  push_exit(s, false, exit);
  co_return result;
}

Coro<Value> aexit_body(Value self, Value typ, Value exc, Value tb) {
  ExitStackObject& s = self_stack(self);
  Unwind u(typ, exc, tb);
  while (!s.entries.empty()) {
    ExitEntry e = std::move(s.entries.back());
    s.entries.pop_back();
    Value raised;
    try {
      Value r = invoke(e, u.typ, u.exc, u.tb);
      if (!e.is_sync) r = co_await await_(r);
      u.entry_returned(r, e.is_callback);
    } catch (const PyException& err) {
      raised = err.value();
    }
    if (raised.is_bound()) u.entry_raised(raised);
  }
  co_return u.finish();
}

Coro<Value> aclose_body(Value self) {
  Value none = Value::none();
  co_await aexit_body(self, none, none, none);
  co_return Value::none();
}

Coro<Value> return_self(Value self) { co_return self; }

Value m_enter_async_context(const CallArgs& a) {
  check_nargs(a, "enter_async_context", 2, 2);
  return make_coroutine(enter_async_body(a[0], a[1]), &kEnterAsync);
}

Value m_push_async_exit(const CallArgs& a) {
  check_nargs(a, "push_async_exit", 2, 2);
  Value exit = bound_special(a[1], "__aexit__");
  push_exit(self_stack(a[0]), false, exit.is_bound() ? exit : a[1]);
  return a[1];
}

Value m_push_async_callback(const CallArgs& a) {
  push_callback(self_stack(a[0]), false, a, "push_async_callback");
  return a[1];
}

Value m_aclose(const CallArgs& a) {
  check_nargs(a, "aclose", 1, 1);
  return make_coroutine(aclose_body(a[0]), &kAclose);
}
Value m_aenter(const CallArgs& a) {
  check_nargs(a, "__aenter__", 1, 1);
  return make_coroutine(return_self(a[0]), &kAenter);
}
Value m_aexit(const CallArgs& a) {
  check_nargs(a, "__aexit__", 4, 4);
  return make_coroutine(aexit_body(a[0], a[1], a[2], a[3]), &kAexit);
}

TypeObject* make_stack_type(const char* name) {
  TypeObject* t = make_builtin_type(name, nullptr, "contextlib");
  t->new_ = &stack_new;
  add_method(t, "enter_context", &m_enter_context);
  add_method(t, "push", &m_push);
  add_method(t, "callback", &m_callback);
  add_method(t, "pop_all", &m_pop_all);
  return t;
}

void init_types() {
  exit_stack_type = make_stack_type("ExitStack");
  add_method(exit_stack_type, "__enter__", &m_enter_self);
  add_method(exit_stack_type, "__exit__", &m_exit);
  add_method(exit_stack_type, "close", &m_close);
  async_exit_stack_type = make_stack_type("AsyncExitStack");
  add_method(async_exit_stack_type, "enter_async_context", &m_enter_async_context);
  add_method(async_exit_stack_type, "push_async_exit", &m_push_async_exit);
  add_method(async_exit_stack_type, "push_async_callback", &m_push_async_callback);
  add_method(async_exit_stack_type, "aclose", &m_aclose);
  add_method(async_exit_stack_type, "__aenter__", &m_aenter);
  add_method(async_exit_stack_type, "__aexit__", &m_aexit);
}

}  // namespace

void add_exit_stacks(const Value& m) {
  if (!exit_stack_type) init_types();
  module_add(m, "ExitStack", Value::borrowed(exit_stack_type));
  module_add(m, "AsyncExitStack", Value::borrowed(async_exit_stack_type));
}

}  // namespace aio::contextlib
