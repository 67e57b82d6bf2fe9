// contextlib.suppress, closing, aclosing and nullcontext: context managers holding one value
// (the exception classes, the thing to close, the enter result). Behaviour as CPython 3.11's
// Lib/contextlib.py; the async methods are C++ coroutines wrapped as coroutine objects.
#include "aio/asyncio_module.hpp"
#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"
#include "contextlib_internal.hpp"

namespace aio::contextlib {
namespace {

TypeObject* suppress_type = nullptr;
TypeObject* closing_type = nullptr;
TypeObject* aclosing_type = nullptr;
TypeObject* nullcontext_type = nullptr;

#define AIO_CODE(var, name, qual, line) \
  const CodeInfo var{name, qual, kContextlibPy, line, CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr}
AIO_CODE(kAclosingAenter, "__aenter__", "aclosing.__aenter__", 371);
AIO_CODE(kAclosingAexit, "__aexit__", "aclosing.__aexit__", 373);
AIO_CODE(kNullAenter, "__aenter__", "nullcontext.__aenter__", 760);
AIO_CODE(kNullAexit, "__aexit__", "nullcontext.__aexit__", 763);
#undef AIO_CODE

struct HolderObject : Object {
  Value held;  // suppress: tuple of classes; closing/aclosing: thing; nullcontext: result
  Value dict;
  explicit HolderObject(TypeObject* t) : Object(t) {}
  Value* instance_dict() noexcept override { return &dict; }
};

const Value& held(const Value& self) { return static_cast<HolderObject&>(*self.object()).held; }

Value make_holder(TypeObject* type, Value v) {
  auto* h = new HolderObject(type);
  Value result(static_cast<Object*>(h));
  h->held = std::move(v);
  return result;
}

// ---- suppress ----------------------------------------------------------------------------
Value suppress_new(TypeObject* type, const CallArgs& a) {
  no_kwargs(a, "suppress");
  return make_holder(type, make_tuple(std::vector<Value>(a.pos, a.pos + a.npos)));
}
Value none_method(const CallArgs&) { return Value::none(); }
Value suppress_exit(const CallArgs& a) {
  check_nargs(a, "__exit__", 4, 4);
  if (a[1].is_none()) return Value(false);
  return call(builtin("issubclass"), {a[1], held(a[0])});
}

// ---- closing / aclosing ------------------------------------------------------------------
Value thing_new(TypeObject* type, const CallArgs& a) {
  Value thing[1];
  parse_args(a, type == closing_type ? "closing" : "aclosing", {"thing"}, 1, thing);
  return make_holder(type, thing[0]);
}
Value held_method(const CallArgs& a) { return held(a[0]); }
Value closing_exit(const CallArgs& a) {
  call_method(held(a[0]), make_str("close"), {});
  return Value::none();
}

Coro<Value> return_held(Value self) { co_return held(self); }
Coro<Value> aclose_held(Value self) {
  Value aw = call_method(held(self), make_str("aclose"), {});
  co_await await_(aw);
  co_return Value::none();
}
Coro<Value> return_none() { co_return Value::none(); }

Value aclosing_aenter(const CallArgs& a) { return make_coroutine(return_held(a[0]), &kAclosingAenter); }
Value aclosing_aexit(const CallArgs& a) { return make_coroutine(aclose_held(a[0]), &kAclosingAexit); }

// ---- nullcontext -------------------------------------------------------------------------
Value nullcontext_new(TypeObject* type, const CallArgs& a) {
  Value result[1];
  parse_args(a, "nullcontext", {"enter_result"}, 0, result);
  return make_holder(type, result[0].is_bound() ? result[0] : Value::none());
}
Value null_aenter(const CallArgs& a) { return make_coroutine(return_held(a[0]), &kNullAenter); }
Value null_aexit(const CallArgs&) { return make_coroutine(return_none(), &kNullAexit); }

TypeObject* holder_type(const char* name, NewSlot new_) {
  TypeObject* t = make_builtin_type(name, nullptr, "contextlib");
  t->new_ = new_;
  return t;
}

void init_types() {
  suppress_type = holder_type("suppress", &suppress_new);
  add_method(suppress_type, "__enter__", &none_method);
  add_method(suppress_type, "__exit__", &suppress_exit);
  closing_type = holder_type("closing", &thing_new);
  add_method(closing_type, "__enter__", &held_method);
  add_method(closing_type, "__exit__", &closing_exit);
  aclosing_type = holder_type("aclosing", &thing_new);
  add_method(aclosing_type, "__aenter__", &aclosing_aenter);
  add_method(aclosing_type, "__aexit__", &aclosing_aexit);
  nullcontext_type = holder_type("nullcontext", &nullcontext_new);
  add_method(nullcontext_type, "__enter__", &held_method);
  add_method(nullcontext_type, "__exit__", &none_method);
  add_method(nullcontext_type, "__aenter__", &null_aenter);
  add_method(nullcontext_type, "__aexit__", &null_aexit);
}

}  // namespace

void add_simple_managers(const Value& m) {
  if (!suppress_type) init_types();
  module_add(m, "suppress", Value::borrowed(suppress_type));
  module_add(m, "closing", Value::borrowed(closing_type));
  module_add(m, "aclosing", Value::borrowed(aclosing_type));
  module_add(m, "nullcontext", Value::borrowed(nullcontext_type));
}

}  // namespace aio::contextlib
