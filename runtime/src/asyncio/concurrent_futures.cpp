// The `concurrent.futures` module: Future, ThreadPoolExecutor, CancelledError/TimeoutError,
// and asyncio.wrap_future / run_in_executor with an executor object
// (CPython's Lib/concurrent/futures/{_base,thread}.py and asyncio/futures.py).
//
// Design: every Python-visible state change happens under the runtime lock
// (runtime_lock.hpp), so a Future's state and callbacks need no lock of their own; only
// waiting (result(timeout), exception(timeout)) blocks, on a condition variable, with the
// runtime lock released. Workers are the typed core's ThreadPool; a job takes the runtime
// lock, runs set_running_or_notify_cancel, calls the function and completes the future in
// the worker thread, running its done callbacks there, as CPython does. wrap_future copies
// the final state onto an asyncio future with the loop's call_soon_threadsafe.
//
// Limits: no wait()/as_completed(); thread_name_prefix is accepted and stored only (there is
// no threading module to observe it); initializer is not supported.
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "aio/asyncio_module.hpp"
#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/print.hpp"
#include "aio/runtime_lock.hpp"
#include "aio/str.hpp"
#include "aio/thread_pool.hpp"
#include "aio/traceback.hpp"
#include "aio/tuple.hpp"
#include "glue_internal.hpp"

namespace aio {

Value make_native_iterator(Object* it, NextSlot next);  // iterators.cpp

namespace {

TypeObject* cfuture_type = nullptr;
TypeObject* executor_type = nullptr;
TypeObject* map_iter_type = nullptr;
TypeObject* cf_cancelled_error = nullptr;  // concurrent.futures.CancelledError
TypeObject* cf_error = nullptr;            // concurrent.futures.Error

enum class CfState : std::uint8_t { Pending, Running, Cancelled, Finished };

struct CFuture : Object {
  CfState state = CfState::Pending;
  Value result;
  Value exception;  // the exception object, or Unbound
  std::vector<Value> callbacks;
  // Waiting: `done` is read outside the runtime lock by waiters; set under `mutex`.
  std::mutex mutex;
  std::condition_variable cv;
  bool done_flag = false;
  CFuture() : Object(cfuture_type) {}
  bool done() const noexcept { return state == CfState::Cancelled || state == CfState::Finished; }
};

CFuture* as_cf(const Value& v) {
  if (!v.is_object() || !v.object()->type->is_subtype_of(cfuture_type))
    raise_type_error("a concurrent.futures.Future was expected, got " + repr_std(v));
  return static_cast<CFuture*>(v.object());
}

// Marks done, wakes waiters, then runs the callbacks (in the calling thread, lock held).
void finish(CFuture* f) {
  {
    std::lock_guard<std::mutex> lk(f->mutex);
    f->done_flag = true;
  }
  f->cv.notify_all();
  std::vector<Value> cbs = std::move(f->callbacks);
  f->callbacks.clear();
  Value self = Value::borrowed(f);
  for (const Value& cb : cbs) {
    try {
      call(cb, {self});
    } catch (const PyException& e) {  // LOGGER.exception('exception calling callback for %r')
      stdout_flush();
      stderr_write("exception calling callback for " + repr_std(self) + "\n" + format_traceback(e.value()));
    }
  }
}

// Waits until done or `timeout` seconds (None: forever) pass, with the runtime lock released.
bool wait_done(CFuture* f, const Value& timeout) {
  if (f->done()) return true;
  ReleaseRuntimeLock unlocked;
  std::unique_lock<std::mutex> lk(f->mutex);
  if (timeout.is_unbound() || timeout.is_none()) {
    f->cv.wait(lk, [f] { return f->done_flag; });
    return true;
  }
  double secs = timeout.is_float() ? timeout.as_float() : static_cast<double>(timeout.as_int());
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(secs < 0 ? 0 : secs);
  return f->cv.wait_until(lk, until, [f] { return f->done_flag; });
}

[[noreturn]] void raise_cancelled() { throw PyException(make_exception(cf_cancelled_error, {})); }

Value cf_new(TypeObject*, const CallArgs& a) {
  check_nargs(a, "Future", 0, 0);
  return Value(static_cast<Object*>(new CFuture()));
}

Value result_of(CFuture* f, const Value& timeout) {
  if (!wait_done(f, timeout)) throw PyException(make_exception(exc::TimeoutError, {}));
  if (f->state == CfState::Cancelled) raise_cancelled();
  if (f->exception.is_bound()) throw PyException(f->exception);
  return f->result;
}
Value cf_result(const CallArgs& a) {
  Value args[2];
  parse_args(a, "result", {"self", "timeout"}, 1, args);
  return result_of(as_cf(args[0]), args[1]);
}

Value cf_exception(const CallArgs& a) {
  Value args[2];
  parse_args(a, "exception", {"self", "timeout"}, 1, args);
  CFuture* f = as_cf(args[0]);
  if (!wait_done(f, args[1])) throw PyException(make_exception(exc::TimeoutError, {}));
  if (f->state == CfState::Cancelled) raise_cancelled();
  return f->exception.is_bound() ? f->exception : Value::none();
}

Value cf_done(const CallArgs& a) { return Value(as_cf(a[0])->done()); }
Value cf_running(const CallArgs& a) { return Value(as_cf(a[0])->state == CfState::Running); }
Value cf_cancelled(const CallArgs& a) { return Value(as_cf(a[0])->state == CfState::Cancelled); }

bool cancel_cf(CFuture* f) {
  if (f->state == CfState::Running || f->state == CfState::Finished) return false;
  if (f->state == CfState::Cancelled) return true;
  f->state = CfState::Cancelled;
  finish(f);
  return true;
}
Value cf_cancel(const CallArgs& a) {
  check_nargs(a, "cancel", 1, 1);
  return Value(cancel_cf(as_cf(a[0])));
}

Value cf_add_done_callback(const CallArgs& a) {
  check_nargs(a, "add_done_callback", 2, 2);
  CFuture* f = as_cf(a[0]);
  if (!f->done()) {
    f->callbacks.push_back(a[1]);
    return Value::none();
  }
  try {
    call(a[1], {a[0]});
  } catch (const PyException& e) {
    stdout_flush();
    stderr_write("exception calling callback for " + repr_std(a[0]) + "\n" + format_traceback(e.value()));
  }
  return Value::none();
}

void require_not_done(CFuture* f) {
  if (f->done())
    raise_error(exc::InvalidStateError,
                fmt::format("{}: {}", f->state == CfState::Cancelled ? "CANCELLED" : "FINISHED", repr_std(Value::borrowed(f))));
}
void set_cf_result(CFuture* f, Value v) {
  require_not_done(f);
  f->result = std::move(v);
  f->state = CfState::Finished;
  finish(f);
}
void set_cf_exception(CFuture* f, Value e) {
  require_not_done(f);
  f->exception = std::move(e);
  f->state = CfState::Finished;
  finish(f);
}
Value cf_set_result(const CallArgs& a) {
  check_nargs(a, "set_result", 2, 2);
  set_cf_result(as_cf(a[0]), a[1]);
  return Value::none();
}
Value cf_set_exception(const CallArgs& a) {
  check_nargs(a, "set_exception", 2, 2);
  set_cf_exception(as_cf(a[0]), a[1]);
  return Value::none();
}
Value cf_set_running_or_notify_cancel(const CallArgs& a) {
  check_nargs(a, "set_running_or_notify_cancel", 1, 1);
  CFuture* f = as_cf(a[0]);
  if (f->state == CfState::Cancelled) return Value(false);
  if (f->state != CfState::Pending) raise_error(exc::RuntimeError, "Future in unexpected state");
  f->state = CfState::Running;
  return Value(true);
}

const char* state_text(CfState s) {
  switch (s) {
    case CfState::Pending: return "pending";
    case CfState::Running: return "running";
    case CfState::Cancelled: return "cancelled";
    case CfState::Finished: return "finished";
  }
  return "?";
}
Value cf_repr(const Value& self) {
  CFuture* f = as_cf(self);
  std::string s = fmt::format("<Future at {:#x} state={}", reinterpret_cast<std::uintptr_t>(f), state_text(f->state));
  if (f->state == CfState::Finished) {
    if (f->exception.is_bound()) s += " raised " + to_std_string(type_name(f->exception));
    else s += " returned " + to_std_string(type_name(f->result));
  }
  return make_str(s + ">");
}

// ---- ThreadPoolExecutor -------------------------------------------------------------------

struct ExecutorObject : Object {
  std::unique_ptr<ThreadPool> pool;
  std::string thread_name_prefix;
  ExecutorObject() : Object(executor_type) {}
  // Dropping the executor joins its workers (~ThreadPool, runtime lock released): CPython's
  // returns at once but its queued work also finishes before the program exits.
};

ExecutorObject* as_executor(const Value& v) {
  if (!v.is_object() || !v.object()->type->is_subtype_of(executor_type))
    raise_type_error("a ThreadPoolExecutor was expected, got " + repr_std(v));
  return static_cast<ExecutorObject*>(v.object());
}

// One submitted call: run in a worker holding the runtime lock, completes its Future there.
class SubmitJob final : public ThreadJob {
 public:
  SubmitJob(Value fut, Value fn, Value args, Value kwargs)
      : fut_(std::move(fut)), fn_(std::move(fn)), args_(std::move(args)), kwargs_(std::move(kwargs)) {}
  ~SubmitJob() override {
    AcquireRuntimeLock locked;  // the Values die under the lock, whichever thread drops them
    fut_ = fn_ = args_ = kwargs_ = Value();
  }
  void run() override {
    AcquireRuntimeLock locked;
    CFuture* f = static_cast<CFuture*>(fut_.object());
    if (f->state == CfState::Cancelled) return;  // set_running_or_notify_cancel() is False
    f->state = CfState::Running;
    Value result;
    Value error;
    try {
      result = call_ex(fn_, args_, kwargs_);
    } catch (const PyException& e) {
      error = e.value();
    }
    fn_ = args_ = kwargs_ = Value();
    if (error.is_bound()) set_cf_exception(f, std::move(error));
    else set_cf_result(f, std::move(result));
  }

 private:
  Value fut_, fn_, args_, kwargs_;
};

Value executor_new(TypeObject*, const CallArgs& a) {
  Value args[4];
  parse_args(a, "ThreadPoolExecutor", {"max_workers", "thread_name_prefix", "initializer", "initargs"}, 0, args);
  int workers = 0;
  if (args[0].is_bound() && !args[0].is_none()) {
    if (!args[0].is_int()) raise_type_error("max_workers must be an int, got " + repr_std(args[0]));
    std::int64_t n = args[0].as_int();
    if (n <= 0) raise_value_error("max_workers must be greater than 0");
    workers = static_cast<int>(n);
  }
  if (args[2].is_bound() && !args[2].is_none())
    raise_type_error("aioc's ThreadPoolExecutor does not support initializer");
  auto* e = new ExecutorObject();
  Value v(static_cast<Object*>(e));
  e->pool = std::make_unique<ThreadPool>(workers);
  if (args[1].is_bound() && !args[1].is_none()) e->thread_name_prefix = str_data(args[1]);
  return v;
}

Value submit_call(ExecutorObject* e, const Value& fn, Value args, Value kwargs) {
  if (e->pool->is_shutdown()) raise_error(exc::RuntimeError, "cannot schedule new futures after shutdown");
  enable_runtime_lock();  // from now on Python code runs on more than one thread
  Value fut(static_cast<Object*>(new CFuture()));
  e->pool->submit(std::make_unique<SubmitJob>(fut, fn, std::move(args), std::move(kwargs)));
  return fut;
}

Value ex_submit(const CallArgs& a) {
  if (a.npos < 2) raise_type_error("submit() missing 1 required positional argument: 'fn'");
  Value kwargs = make_dict();
  for (std::size_t i = 0; i < a.nkw; ++i) dict_setitem(kwargs, a.kw[i].first, a.kw[i].second);
  return submit_call(as_executor(a[0]), a[1], make_tuple(std::vector<Value>(a.pos + 2, a.pos + a.npos)), kwargs);
}

struct MapResults : Object {
  std::vector<Value> futures;
  std::size_t next = 0;
  Value timeout;
  double deadline = 0;
  explicit MapResults() : Object(map_iter_type) {}
};

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool map_next(const Value& self, Value& out) {
  auto* m = static_cast<MapResults*>(self.object());
  if (m->next == m->futures.size()) return false;
  Value fut = std::move(m->futures[m->next++]);  // CPython pops each future it yields
  Value timeout = m->timeout;
  if (timeout.is_bound() && !timeout.is_none()) timeout = Value(m->deadline - now_seconds());
  out = result_of(static_cast<CFuture*>(fut.object()), timeout);
  return true;
}

// Executor.map: submits every call now, yields the results in order.
Value ex_map(const CallArgs& a) {
  if (a.npos < 2) raise_type_error("map() missing 1 required positional argument: 'fn'");
  ExecutorObject* e = as_executor(a[0]);
  Value timeout = Value::none();
  for (std::size_t i = 0; i < a.nkw; ++i) {
    std::string k = str_data(a.kw[i].first);
    if (k == "timeout") timeout = a.kw[i].second;
    else if (k != "chunksize") raise_type_error("map() got an unexpected keyword argument '" + k + "'");
  }
  auto* m = new MapResults();
  Value r = make_native_iterator(m, &map_next);
  m->timeout = timeout;
  if (!timeout.is_none())
    m->deadline = now_seconds() + (timeout.is_float() ? timeout.as_float() : static_cast<double>(timeout.as_int()));
  std::vector<Value> its;
  for (std::size_t i = 2; i < a.npos; ++i) its.push_back(iter(a[i]));
  for (;;) {
    std::vector<Value> items;
    for (auto& it : its) {
      Value x;
      if (!next(it, x)) goto submitted;
      items.push_back(std::move(x));
    }
    if (its.empty()) break;
    m->futures.push_back(submit_call(e, a[1], make_tuple(std::move(items)), Value()));
  }
submitted:
  return r;
}

Value ex_shutdown(const CallArgs& a) {
  Value args[3];
  parse_args(a, "shutdown", {"self", "wait", "cancel_futures"}, 1, args);
  ExecutorObject* e = as_executor(args[0]);
  bool wait = args[1].is_unbound() || truthy(args[1]);
  if (args[2].is_bound() && truthy(args[2]))
    raise_type_error("aioc's ThreadPoolExecutor.shutdown does not support cancel_futures");
  e->pool->shutdown(wait);  // joining releases the runtime lock
  return Value::none();
}
Value ex_enter(const CallArgs& a) {
  check_nargs(a, "__enter__", 1, 1);
  return a[0];
}
Value ex_exit(const CallArgs& a) {
  as_executor(a[0])->pool->shutdown(true);
  return Value(false);
}
Value ex_max_workers(const CallArgs& a) { return Value::from_int(as_executor(a[0])->pool->max_workers()); }
Value ex_prefix(const CallArgs& a) { return make_str(as_executor(a[0])->thread_name_prefix); }

// ---- asyncio.wrap_future ------------------------------------------------------------------

// The asyncio side's state copy, on the loop thread (futures._copy_future_state).
struct CopyState {
  Value dest;    // the asyncio FutureObject
  Value source;  // the CFuture
  void operator()() {
    auto* d = static_cast<FutureObject*>(as_future(dest));
    if (d->cancelled()) return;
    auto* s = static_cast<CFuture*>(source.object());
    if (s->state == CfState::Cancelled) d->cancel();
    else if (s->exception.is_bound()) d->set_exception(std::make_exception_ptr(PyException(s->exception)));
    else d->set_result(s->result);
  }
};

// The CFuture's done callback: hand the copy to the loop (_call_set_state), unless closed.
Value wrap_source_done(const Value& data, const CallArgs& a) {
  auto* d = static_cast<FutureObject*>(as_future(data));
  EventLoop& loop = d->loop();
  if (loop.is_closed()) return Value::none();
  loop.schedule_threadsafe(Ref<Handle>(new CallbackHandle<Handle, CopyState>(CopyState{data, a[0]})));
  return Value::none();
}
// The asyncio future's done callback: its cancellation cancels the source (_call_check_cancel).
Value wrap_dest_done(const Value& data, const CallArgs& a) {
  if (as_future(a[0])->cancelled()) cancel_cf(static_cast<CFuture*>(data.object()));
  return Value::none();
}

}  // namespace

Value wrap_future(const Value& source, EventLoop* loop) {
  if (as_future(source)) return source;
  CFuture* s = as_cf(source);
  auto* d = new FutureObject(loop ? *loop : event_loop_for_call());
  Value dest(static_cast<Object*>(d));
  call(getattr(dest, intern("add_done_callback")), {make_native_function("_call_check_cancel", &wrap_dest_done, source)});
  Value cb = make_native_function("_call_set_state", &wrap_source_done, dest);
  if (s->done()) call(cb, {source});
  else s->callbacks.push_back(cb);
  return dest;
}

bool is_thread_pool_executor(const Value& v) noexcept {
  return v.is_object() && v.object()->type->is_subtype_of(executor_type);
}

Value executor_submit(const Value& executor, const Value& fn, Value args) {
  if (is_thread_pool_executor(executor))
    return submit_call(static_cast<ExecutorObject*>(executor.object()), fn, std::move(args), Value());
  std::vector<Value> call_args{fn};
  for (const Value& x : tuple_items(args)) call_args.push_back(x);
  return call_vector(getattr(executor, intern("submit")), call_args);
}

namespace {

Value f_wrap_future(const CallArgs& a) {
  Value args[2];
  parse_args(a, "wrap_future", {"future", "loop"}, 1, args, 1);
  EventLoop* l = (args[1].is_bound() && !args[1].is_none()) ? &loop_of(args[1]) : nullptr;
  return wrap_future(args[0], l);
}

void init_types() {
  if (cfuture_type) return;
  cf_error = make_exception_type("Error", exc::Exception, "concurrent.futures._base");
  cf_cancelled_error = make_exception_type("CancelledError", cf_error, "concurrent.futures._base");
  cfuture_type = make_builtin_type("Future", nullptr, "concurrent.futures._base");
  cfuture_type->new_ = &cf_new;
  cfuture_type->repr = &cf_repr;
  add_method(cfuture_type, "result", &cf_result);
  add_method(cfuture_type, "exception", &cf_exception);
  add_method(cfuture_type, "done", &cf_done);
  add_method(cfuture_type, "running", &cf_running);
  add_method(cfuture_type, "cancelled", &cf_cancelled);
  add_method(cfuture_type, "cancel", &cf_cancel);
  add_method(cfuture_type, "add_done_callback", &cf_add_done_callback);
  add_method(cfuture_type, "set_result", &cf_set_result);
  add_method(cfuture_type, "set_exception", &cf_set_exception);
  add_method(cfuture_type, "set_running_or_notify_cancel", &cf_set_running_or_notify_cancel);
  executor_type = make_builtin_type("ThreadPoolExecutor", nullptr, "concurrent.futures.thread");
  executor_type->new_ = &executor_new;
  add_method(executor_type, "submit", &ex_submit);
  add_method(executor_type, "map", &ex_map);
  add_method(executor_type, "shutdown", &ex_shutdown);
  add_method(executor_type, "__enter__", &ex_enter);
  add_method(executor_type, "__exit__", &ex_exit);
  add_getset(executor_type, "_max_workers", &ex_max_workers);
  add_getset(executor_type, "_thread_name_prefix", &ex_prefix);
  map_iter_type = make_builtin_type("generator", nullptr, "builtins");
}

Value create_concurrent_futures() {
  install_asyncio_glue();
  init_types();
  Value m = make_module("concurrent.futures");
  module_add(m, "Future", Value::borrowed(cfuture_type));
  module_add(m, "ThreadPoolExecutor", Value::borrowed(executor_type));
  module_add(m, "Executor", Value::borrowed(executor_type));
  module_add(m, "CancelledError", Value::borrowed(cf_cancelled_error));
  module_add(m, "TimeoutError", Value::borrowed(exc::TimeoutError));
  module_add(m, "InvalidStateError", Value::borrowed(exc::InvalidStateError));
  module_add(m, "FIRST_COMPLETED", make_str("FIRST_COMPLETED"));
  module_add(m, "FIRST_EXCEPTION", make_str("FIRST_EXCEPTION"));
  module_add(m, "ALL_COMPLETED", make_str("ALL_COMPLETED"));
  return m;
}

Value create_concurrent() {
  Value m = make_module("concurrent");
  module_add(m, "futures", import_module("concurrent.futures"));
  return m;
}

[[maybe_unused]] const bool g_registered = (register_module("concurrent.futures", &create_concurrent_futures),
                                            register_module("concurrent", &create_concurrent), true);

}  // namespace

void add_wrap_future_attribute(const Value& asyncio_module) {
  module_add_function(asyncio_module, "wrap_future", &f_wrap_future);
}

}  // namespace aio
