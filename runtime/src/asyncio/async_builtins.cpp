// The builtins aiter() and anext() (Python 3.10+).
//
// anext(it) is it.__anext__(); anext(it, default) wraps that awaitable so that
// StopAsyncIteration becomes `default` (CPython's anext_awaitable; here a coroutine object).
#include "aio/asyncio_module.hpp"
#include "aio/asyncio_objects.hpp"
#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"

namespace aio {
namespace {

const CodeInfo kAnextCode{"anext_awaitable", "anext_awaitable", "<aio>", 0, CodeInfo::Coroutine, {},
                          0, 0, 0, nullptr, nullptr, nullptr};

Value b_aiter(const CallArgs& a) {
  check_nargs(a, "aiter", 1, 1);
  Value it = call_special(a[0], "__aiter__", {});
  if (!it.is_bound()) raise_type_error("'" + type_of(a[0])->name + "' object is not an async iterable");
  if (!type_of(it)->lookup(std::string_view("__anext__")).is_bound())
    raise_type_error("aiter() returned not an async iterator of type '" + type_of(it)->name + "'");
  return it;
}

Coro<Value> anext_or_default(Value awaitable, Value dflt) {
  try {
    AwaitValue step = await_(awaitable);
    co_return co_await step;
  } catch (const PyException& e) {
    if (!isinstance_of(e.value(), exc::StopAsyncIteration)) throw;
  }
  co_return dflt;
}

Value b_anext(const CallArgs& a) {
  if (a.nkw) raise_type_error("anext() takes no keyword arguments");
  if (a.npos < 1) raise_type_error("anext expected at least 1 argument, got 0");
  if (a.npos > 2) raise_type_error("anext expected at most 2 arguments, got " + std::to_string(a.npos));
  if (!type_of(a[0])->lookup(std::string_view("__anext__")).is_bound())
    raise_type_error("'" + type_of(a[0])->name + "' object is not an async iterator");
  Value awaitable = call_special(a[0], "__anext__", {});
  if (a.npos == 1) return awaitable;
  return make_coroutine(anext_or_default(awaitable, a[1]), &kAnextCode);
}

}  // namespace

void add_async_builtins(const Value& builtins) {
  module_add_function(builtins, "aiter", &b_aiter);
  module_add_function(builtins, "anext", &b_anext);
}

}  // namespace aio
