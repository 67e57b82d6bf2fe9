// The `inspect` module: the predicates asyncio programs use (iscoroutinefunction,
// iscoroutine, isawaitable, isgeneratorfunction, isgenerator, isfunction, isclass, ...).
//
// Function kinds come from the CodeInfo of a Python function; bound methods and
// functools.partial objects are unwrapped first, as CPython 3.11's _has_code_flag does.
// Coroutine and generator objects are recognised by their type names, so this file does
// not depend on the headers of the asyncio glue or of generators.
#include "aio/generator.hpp"
#include "aio/call.hpp"
#include "aio/function.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"

namespace aio {

static bool type_named(const Value& v, std::string_view name) {
  for (TypeObject* t = type_of(v); t; t = t->base)
    if (t->name == name && !t->is_heap) return true;
  return false;
}

// Unwraps bound methods and partials to the underlying function.
static Value unwrap_callable(Value f) {
  for (int guard = 0; guard < 100; ++guard) {
    if (type_of(f) == method_type) f = static_cast<MethodObject*>(f.object())->func;
    else if (type_named(f, "partial")) f = getattr(f, "func");
    else break;
  }
  return f;
}

static bool has_kind(const Value& v, CodeInfo::Kind kind) {
  Value f = unwrap_callable(v);
  if (type_of(f) != function_type) return false;
  return static_cast<FunctionObject*>(f.object())->code->kind == kind;
}

static const Value& one_arg(const CallArgs& a, const char* name) {
  check_nargs(a, name, 1, 1);
  return a[0];
}

static Value i_iscoroutinefunction(const CallArgs& a) {
  return Value(has_kind(one_arg(a, "iscoroutinefunction"), CodeInfo::Coroutine));
}
static Value i_isgeneratorfunction(const CallArgs& a) {
  return Value(has_kind(one_arg(a, "isgeneratorfunction"), CodeInfo::Generator));
}
static Value i_isasyncgenfunction(const CallArgs& a) {
  return Value(has_kind(one_arg(a, "isasyncgenfunction"), CodeInfo::AsyncGenerator));
}
static Value i_iscoroutine(const CallArgs& a) { return Value(type_named(one_arg(a, "iscoroutine"), "coroutine")); }
static Value i_isgenerator(const CallArgs& a) { return Value(type_named(one_arg(a, "isgenerator"), "generator")); }
static Value i_isasyncgen(const CallArgs& a) {
  return Value(type_named(one_arg(a, "isasyncgen"), "async_generator"));
}
static Value i_isawaitable(const CallArgs& a) {
  const Value& v = one_arg(a, "isawaitable");
  if (type_named(v, "coroutine") || is_iterable_coroutine(v)) return Value(true);
  return Value(type_of(v)->lookup(std::string_view("__await__")).is_bound());
}
static Value i_isfunction(const CallArgs& a) {
  return Value(isinstance_of(one_arg(a, "isfunction"), function_type));
}
static Value i_ismethod(const CallArgs& a) { return Value(type_of(one_arg(a, "ismethod")) == method_type); }
static Value i_isclass(const CallArgs& a) { return Value(isinstance_of(one_arg(a, "isclass"), type_type)); }
static Value i_isbuiltin(const CallArgs& a) {
  return Value(type_of(one_arg(a, "isbuiltin")) == builtin_function_type);
}
static Value i_ismodule(const CallArgs& a) { return Value(type_of(one_arg(a, "ismodule")) == module_type); }
static Value i_isroutine(const CallArgs& a) {
  TypeObject* t = type_of(one_arg(a, "isroutine"));
  return Value(t == function_type || t == method_type || t == builtin_function_type);
}

Value create_inspect() {
  Value m = make_module("inspect");
  module_add_function(m, "iscoroutinefunction", &i_iscoroutinefunction);
  module_add_function(m, "isgeneratorfunction", &i_isgeneratorfunction);
  module_add_function(m, "isasyncgenfunction", &i_isasyncgenfunction);
  module_add_function(m, "iscoroutine", &i_iscoroutine);
  module_add_function(m, "isgenerator", &i_isgenerator);
  module_add_function(m, "isasyncgen", &i_isasyncgen);
  module_add_function(m, "isawaitable", &i_isawaitable);
  module_add_function(m, "isfunction", &i_isfunction);
  module_add_function(m, "ismethod", &i_ismethod);
  module_add_function(m, "isclass", &i_isclass);
  module_add_function(m, "isbuiltin", &i_isbuiltin);
  module_add_function(m, "ismodule", &i_ismodule);
  module_add_function(m, "isroutine", &i_isroutine);
  return m;
}

}  // namespace aio
