// asyncio.coroutine: the decorator of generator-based coroutines, removed in Python 3.11.
// aioc gives it its Python 3.8 meaning (DESIGN.md: seeds use it) with one deprecation line
// on stderr, the first time a program applies it.
//
// 3.8 semantics kept: an `async def` function is returned unchanged; a generator function
// is returned itself, flagged so that its generators are awaitable and may `yield from`
// coroutines and futures (types.coroutine's CO_ITERABLE_COROUTINE); any other function is
// wrapped so that calling it gives an awaitable that runs it and awaits its result when that
// result is awaitable (a plain return value becomes the awaitable's result).
#include <fmt/format.h>

#include "aio/asyncio_module.hpp"
#include "aio/call.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/generator.hpp"
#include "aio/print.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"
#include "glue_internal.hpp"

namespace aio {
namespace {

// Python 3.8's warning text; printed once, as one line, naming the first decorated function.
void warn_deprecated_once(const FunctionObject* f) {
  static bool warned = false;
  if (warned) return;
  warned = true;
  std::string where = f ? fmt::format("{}:{}: ", f->code->filename, f->code->first_line) : std::string();
  stdout_flush();
  stderr_write(where +
               "DeprecationWarning: \"@coroutine\" decorator is deprecated since Python 3.8, "
               "use \"async def\" instead\n");
}

FunctionObject* as_python_function(const Value& v) {
  return isinstance_of(v, function_type) ? static_cast<FunctionObject*>(v.object()) : nullptr;
}

// The body of a wrapped plain function: calls it when first stepped, then awaits what it
// returned if that is awaitable (a future, a coroutine, a generator, an __await__ object).
Coro<Value> run_plain_function(Value func, Value args, Value kwargs) {
  Value res = call_ex(func, args, kwargs);
  if (is_generator(res)) {
    Value wrapped = wrap_iterator_coroutine(res, static_cast<GeneratorObject*>(res.object())->code, Coro<Value>());
    AwaitValue aw = await_(wrapped);
    Value out = co_await aw;
    co_return out;
  }
  if (as_future(res) || awaitable_as_coroutine(res).is_bound()) {
    AwaitValue aw = await_(res);
    Value out = co_await aw;
    co_return out;
  }
  co_return res;
}

Value call_wrapped_plain(const Value& func, const CallArgs& a) {
  std::vector<Value> pos(a.pos, a.pos + a.npos);
  Value kwargs = make_dict();
  for (std::size_t i = 0; i < a.nkw; ++i) dict_setitem(kwargs, a.kw[i].first, a.kw[i].second);
  FunctionObject* f = as_python_function(func);
  auto* c = new CoroutineObject(run_plain_function(func, make_tuple(std::move(pos)), kwargs),
                                f ? f->code : nullptr);
  return Value(static_cast<Object*>(c));
}

}  // namespace

Value f_asyncio_coroutine(const CallArgs& a) {
  check_nargs(a, "coroutine", 1, 1);
  Value func = a[0];
  FunctionObject* f = as_python_function(func);
  warn_deprecated_once(f);
  if (f && f->code->kind == CodeInfo::Coroutine) return func;
  if (f && f->code->kind == CodeInfo::Generator) {
    f->iterable_coroutine = true;
    return func;
  }
  Value wrapper = make_native_function(f ? f->code->name : "coro", &call_wrapped_plain, func);
  if (f) static_cast<NativeFunctionObject*>(wrapper.object())->qualname = f->code->qualname;
  return wrapper;
}

bool is_old_style_coroutine_function(const Value& v) noexcept {
  Object* o = v.object();
  if (!o) return false;
  if (o->type == function_type) return static_cast<FunctionObject*>(o)->iterable_coroutine;
  if (o->type == builtin_function_type) return static_cast<NativeFunctionObject*>(o)->data_fn == &call_wrapped_plain;
  return false;
}

}  // namespace aio
