// The `asyncio` module: run, sleep, create_task, ensure_future, gather, wait_for, the
// event-loop policy functions (3.11 semantics), current_task/all_tasks, the Future/Task
// classes and the exceptions. Registered with the module registry at static-init time.
#include <fmt/format.h>


#include "aio/asyncio_module.hpp"
#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/first_index_map.hpp"
#include "aio/gather.hpp"
#include "aio/list.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/run.hpp"
#include "aio/set.hpp"
#include "aio/sleep.hpp"
#include "aio/str.hpp"
#include "aio/wait_for.hpp"
#include "aio/generator.hpp"
#include "glue_internal.hpp"
#include "sync_glue.hpp"

namespace aio {
namespace {

// The default policy's loop for the main thread (_local._loop / _set_called).
Value g_policy_loop;
bool g_set_called = false;

const CodeInfo kSleepCode{"sleep", "sleep", "/usr/lib/python3.11/asyncio/tasks.py", 627,
                          CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};
const CodeInfo kWaitForCode{"wait_for", "wait_for", "/usr/lib/python3.11/asyncio/tasks.py", 426,
                            CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};

double seconds(const Value& v, const char* what) {
  if (v.is_int() || v.is_bool()) return static_cast<double>(v.as_int());
  if (v.is_float()) return v.as_float();
  raise_type_error(fmt::format("'{}' object cannot be interpreted as {}", to_std_string(type_name(v)), what));
}

Coro<Value> sleep_body(double delay, Value result) {
  co_await aio::sleep(delay);
  co_return result;
}

Coro<Value> wait_for_body(Value aw, Value timeout) {
  EventLoop& loop = get_running_loop();
  if (timeout.is_none()) {
    AwaitValue a = await_(aw);
    co_return co_await a;
  }
  double t = seconds(timeout, "a number");
  Value fut = ensure_future(aw, &loop);
  co_await wait_for_future(Ref<FutureBase>(as_future(fut)), t < 0 ? 0 : t);
  co_return future_result_value(*as_future(fut));
}

Value kw_or(const CallArgs& a, const char* name, Value dflt) {
  for (std::size_t i = 0; i < a.nkw; ++i)
    if (to_std_string(a.kw[i].first) == name) return a.kw[i].second;
  return dflt;
}

Value set_policy_loop(const Value& loop) {
  g_set_called = true;
  g_policy_loop = loop;
  return Value::none();
}

Value new_loop() {
  install_asyncio_glue();
  return Value(static_cast<Object*>(new LoopObject));
}

// --- module functions ---------------------------------------------------------------------

Value f_run(const CallArgs& a) {
  Value args[2];
  parse_args(a, "run", {"main", "debug"}, 1, args);
  check_no_running_loop("asyncio.run()");
  if (!is_coroutine(args[0]) && !is_iterable_coroutine(args[0]))
    raise_value_error("a coroutine was expected, got " + repr_std(args[0]));
  Value loop_obj = new_loop();
  EventLoop& loop = loop_of(loop_obj);
  set_policy_loop(loop_obj);
  std::exception_ptr err;
  Value result;
  try {
    Value task = new_task(loop, args[0], Value());
    loop.run_until_done(*as_future(task));
    result = future_result_value(*as_future(task));
  } catch (...) {
    err = std::current_exception();
  }
  try {
    shutdown_loop(loop);
  } catch (...) {
    if (!err) err = std::current_exception();
  }
  set_policy_loop(Value::none());
  loop.close();
  if (err) std::rethrow_exception(err);
  return result;
}

Value f_sleep(const CallArgs& a) {
  Value args[2];
  parse_args(a, "sleep", {"delay", "result"}, 1, args);
  double d = seconds(args[0], "a number");
  return make_coroutine(sleep_body(d, args[1].is_bound() ? args[1] : Value::none()), &kSleepCode);
}

Value f_create_task(const CallArgs& a) {
  Value args[3];
  parse_args(a, "create_task", {"coro", "name", "context"}, 1, args);
  return new_task(get_running_loop(), args[0], args[1]);
}

Value f_ensure_future(const CallArgs& a) {
  Value args[2];
  parse_args(a, "ensure_future", {"coro_or_future", "loop"}, 1, args);
  EventLoop* l = (args[1].is_bound() && !args[1].is_none()) ? &loop_of(args[1]) : nullptr;
  return ensure_future(args[0], l);
}

void finish_py_gather(FutureBase& outer, GatherCore& core) {
  std::vector<Value> results;
  for (auto& c : core.children()) {
    if (c->cancelled()) {
      results.push_back(make_exception(exc::CancelledError, c->cancel_message().value_or("")));
    } else if (c->stored_exception()) {
      results.push_back(exception_value(c->exception()));
    } else {
      results.push_back(future_result_value(*c));
    }
  }
  static_cast<FutureObject&>(outer).set_result(make_list(std::move(results)));
}

Value f_gather(const CallArgs& a) {
  bool return_exceptions = truthy(kw_or(a, "return_exceptions", Value(false)));
  if (a.npos == 0) {
    auto* f = new FutureObject(event_loop_for_call());
    Value v(static_cast<Object*>(f));
    f->set_result(make_list({}));
    return v;
  }
  EventLoop* loop = nullptr;
  std::vector<Value> keep;
  std::vector<Ref<FutureBase>> children;
  // arg -> future (CPython's arg_to_fut). Awaitables hash by identity, so a map from the
  // object pointer to its first position keeps gather linear; non-objects are rejected by
  // ensure_future.
  FirstIndexMap seen(a.npos);
  keep.reserve(a.npos);
  children.reserve(a.npos);
  for (std::size_t i = 0; i < a.npos; ++i) {
    Value fut;
    Object* key = a[i].is_object() ? a[i].object() : nullptr;
    if (key) {
      std::size_t first = seen.first_index(key, i);
      if (first != i) fut = keep[first];
    }
    if (fut.is_unbound()) {
      fut = ensure_future(a[i], loop);
      if (!as_future(a[i])) quiet_destroy_pending(fut);
      if (!loop) loop = &as_future(fut)->loop();
    }
    keep.push_back(fut);
    children.emplace_back(as_future(fut));
  }
  auto* outer = new FutureObject(*loop);
  Value v(static_cast<Object*>(outer));
  outer->gather = make_ref<GatherCore>(*outer, std::move(children), return_exceptions, &finish_py_gather);
  outer->gather->attach();
  return v;
}

Value f_wait_for(const CallArgs& a) {
  Value args[2];
  parse_args(a, "wait_for", {"fut", "timeout"}, 2, args);
  return make_coroutine(wait_for_body(args[0], args[1]), &kWaitForCode);
}

Value f_get_event_loop(const CallArgs& a) {
  check_nargs(a, "get_event_loop", 0, 0);
  if (EventLoop* l = EventLoop::running()) return loop_object(*l);
  if ((g_policy_loop.is_unbound() || g_policy_loop.is_none()) && !g_set_called) set_policy_loop(new_loop());
  if (g_policy_loop.is_unbound() || g_policy_loop.is_none())
    raise_error(exc::RuntimeError, "There is no current event loop in thread 'MainThread'.");
  return g_policy_loop;
}

Value f_get_running_loop(const CallArgs& a) {
  check_nargs(a, "get_running_loop", 0, 0);
  return loop_object(get_running_loop());
}

Value f_new_event_loop(const CallArgs&) { return new_loop(); }

Value f_set_event_loop(const CallArgs& a) {
  check_nargs(a, "set_event_loop", 1, 1);
  if (!a[0].is_none()) loop_of(a[0]);
  return set_policy_loop(a[0]);
}

EventLoop* loop_arg(const CallArgs& a, const char* fname) {
  Value args[1];
  parse_args(a, fname, {"loop"}, 0, args);
  if (args[0].is_bound() && !args[0].is_none()) return &loop_of(args[0]);
  return &get_running_loop();
}

Value f_current_task(const CallArgs& a) {
  EventLoop* l = loop_arg(a, "current_task");
  return future_value(l->current_task());
}

Value f_all_tasks(const CallArgs& a) {
  EventLoop* l = loop_arg(a, "all_tasks");
  Value s = make_set({});
  for (auto& t : TaskBase::all_tasks(l)) {
    Value v = future_value(t.get());
    if (!v.is_none()) set_add(s, v);
  }
  return s;
}

Value f_iscoroutine(const CallArgs& a) {
  check_nargs(a, "iscoroutine", 1, 1);
  return Value(is_coroutine(a[0]) || is_generator(a[0]));  // 3.11 still counts generators
}

Value f_iscoroutinefunction(const CallArgs& a) {
  check_nargs(a, "iscoroutinefunction", 1, 1);
  Object* o = a[0].object();
  if (o && o->type == method_type) o = static_cast<MethodObject*>(o)->func.object();
  if (o && is_old_style_coroutine_function(Value::borrowed(o))) return Value(true);
  return Value(o && o->type == function_type &&
               static_cast<FunctionObject*>(o)->code->kind == CodeInfo::Coroutine);
}

Value create_asyncio() {
  install_asyncio_glue();
  Value m = make_module("asyncio");
  module_add_function(m, "run", &f_run);
  module_add_function(m, "sleep", &f_sleep);
  module_add_function(m, "create_task", &f_create_task);
  module_add_function(m, "ensure_future", &f_ensure_future);
  module_add_function(m, "gather", &f_gather);
  module_add_function(m, "wait_for", &f_wait_for);
  module_add_function(m, "get_event_loop", &f_get_event_loop);
  module_add_function(m, "get_running_loop", &f_get_running_loop);
  module_add_function(m, "new_event_loop", &f_new_event_loop);
  module_add_function(m, "set_event_loop", &f_set_event_loop);
  module_add_function(m, "current_task", &f_current_task);
  module_add_function(m, "all_tasks", &f_all_tasks);
  module_add_function(m, "iscoroutine", &f_iscoroutine);
  module_add_function(m, "iscoroutinefunction", &f_iscoroutinefunction);
  module_add_function(m, "coroutine", &f_asyncio_coroutine);
  module_add(m, "Future", Value::borrowed(future_type));
  module_add(m, "Task", Value::borrowed(task_type));
  module_add(m, "Handle", Value::borrowed(handle_type));
  module_add(m, "TimerHandle", Value::borrowed(timer_handle_type));
  module_add(m, "CancelledError", Value::borrowed(exc::CancelledError));
  module_add(m, "InvalidStateError", Value::borrowed(exc::InvalidStateError));
  module_add(m, "TimeoutError", Value::borrowed(exc::TimeoutError));
  add_sync_attributes(m);
  add_executor_attributes(m);
  return m;
}

[[maybe_unused]] const bool g_registered = (register_module("asyncio", &create_asyncio), true);

}  // namespace

EventLoop& event_loop_for_call() {
  Value l = f_get_event_loop(CallArgs{});
  return loop_of(l);
}

// Linked from generated code through make_coroutine, which keeps this file's registration
// in the link.
void asyncio_module_anchor() {}

}  // namespace aio
