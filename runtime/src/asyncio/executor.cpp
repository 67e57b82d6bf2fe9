// loop.run_in_executor, loop.shutdown_default_executor and asyncio.to_thread on the typed
// core's ThreadPool (thread_pool.hpp), with the runtime lock (runtime_lock.hpp).
//
// A PyJob runs on a worker thread holding the runtime lock: it calls the function, then
// (still holding the lock, so every reference count it touches is safe) moves the function,
// its arguments, the result or exception and the asyncio future into a handle that it hands
// to the loop with schedule_threadsafe. That handle completes the future on the loop thread
// unless it was cancelled meanwhile (asyncio.futures._copy_future_state).
//
// An executor object (a concurrent.futures.ThreadPoolExecutor or anything with submit) gets
// executor.submit(fn, *args), wrapped with wrap_future (concurrent_futures.cpp).
//
// Limits: there is no periodic
// switch between threads (a thread keeps the lock until it blocks in time.sleep, the loop's
// poll or a join).
#include "aio/asyncio_module.hpp"
#include "aio/call.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/module.hpp"
#include "aio/runtime_lock.hpp"
#include "aio/thread_pool.hpp"
#include "aio/tuple.hpp"
#include "glue_internal.hpp"

namespace aio {
namespace {

const CodeInfo kToThreadCode{"to_thread", "to_thread", "/usr/lib/python3.11/asyncio/threads.py", 12,
                             CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};
const CodeInfo kShutdownCode{"shutdown_default_executor", "BaseEventLoop.shutdown_default_executor",
                             "/usr/lib/python3.11/asyncio/base_events.py", 561,
                             CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};

// The work item's state; handed from the worker to the loop as a whole.
struct PyCall {
  Ref<FutureBase> fut;  // a FutureObject
  Value fn, args, kwargs;  // tuple, dict or Unbound
  Value result;
  std::exception_ptr error;
  void operator()() {  // on the loop thread
    if (fut->done()) return;  // cancelled while the job ran
    if (error) fut->set_exception(error);
    else static_cast<FutureObject&>(*fut).set_result(result);
  }
};

class PyJob final : public ThreadJob {
 public:
  PyJob(EventLoop* loop, PyCall c) : loop_(loop), call_(std::move(c)) {}
  ~PyJob() override {
    if (call_.fut) {  // never ran (cannot happen: pools drain their queue): free under the lock
      AcquireRuntimeLock locked;
      call_ = PyCall{};
    }
  }
  void run() override {
    AcquireRuntimeLock locked;
    try {
      call_.result = call_ex(call_.fn, call_.args, call_.kwargs);
    } catch (...) {
      call_.error = std::current_exception();
    }
    call_.fn = call_.args = call_.kwargs = Value();
    if (loop_->is_closed()) {  // CPython drops the result when the loop is closed
      call_ = PyCall{};
      return;
    }
    loop_->schedule_threadsafe(Ref<Handle>(new CallbackHandle<Handle, PyCall>(std::move(call_))));
  }

 private:
  EventLoop* loop_;
  PyCall call_;
};

// run_in_executor(None, fn, *args) with kwargs for to_thread; returns the asyncio future.
Value submit(EventLoop& loop, const Value& executor, const Value& fn, Value args, Value kwargs) {
  if (loop.is_closed()) raise_error(exc::RuntimeError, "Event loop is closed");
  if (!executor.is_none()) return wrap_future(executor_submit(executor, fn, std::move(args)), &loop);
  ThreadPool& pool = default_executor(loop);
  enable_runtime_lock();  // from now on Python code runs on more than one thread
  auto* f = new FutureObject(loop);
  Value fut(static_cast<Object*>(f));
  PyCall c{Ref<FutureBase>(f), fn, std::move(args), std::move(kwargs), Value(), nullptr};
  pool.submit(std::make_unique<PyJob>(&loop, std::move(c)));
  return fut;
}

Value loop_run_in_executor(const CallArgs& a) {
  if (a.npos < 3)
    raise_type_error("BaseEventLoop.run_in_executor() missing required positional arguments: 'executor' and 'func'");
  if (a.nkw) raise_type_error("BaseEventLoop.run_in_executor() got an unexpected keyword argument");
  std::vector<Value> rest(a.pos + 3, a.pos + a.npos);
  return submit(loop_of(a[0]), a[1], a[2], make_tuple(std::move(rest)), Value());
}

Coro<Value> shutdown_body(EventLoop* loop) {
  co_await shutdown_default_executor(*loop);
  co_return Value::none();
}

Value loop_shutdown_default_executor(const CallArgs& a) {
  check_nargs(a, "shutdown_default_executor", 1, 1);
  return make_coroutine(shutdown_body(&loop_of(a[0])), &kShutdownCode);
}

Coro<Value> to_thread_body(Value fn, Value args, Value kwargs) {
  EventLoop& loop = get_running_loop();
  Value fut = submit(loop, Value::none(), fn, std::move(args), std::move(kwargs));
  AwaitValue w = await_(fut);
  co_return co_await w;
}

Value f_to_thread(const CallArgs& a) {
  if (a.npos < 1) raise_type_error("to_thread() missing 1 required positional argument: 'func'");
  std::vector<Value> rest(a.pos + 1, a.pos + a.npos);
  Value kwargs = make_dict();
  for (std::size_t i = 0; i < a.nkw; ++i) dict_setitem(kwargs, a.kw[i].first, a.kw[i].second);
  return make_coroutine(to_thread_body(a[0], make_tuple(std::move(rest)), kwargs), &kToThreadCode);
}

}  // namespace

void init_executor_glue() {
  add_method(event_loop_type, "run_in_executor", &loop_run_in_executor);
  add_method(event_loop_type, "shutdown_default_executor", &loop_shutdown_default_executor);
}

void add_executor_attributes(const Value& m) {
  module_add_function(m, "to_thread", &f_to_thread);
  add_wrap_future_attribute(m);
}

}  // namespace aio
