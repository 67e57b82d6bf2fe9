// The Python-visible objects of the asyncio glue: coroutine, Future, Task, event loop and
// Handle, and the awaiter behind aio::await_.
//
// Design: each is an aio::Object and, where it has loop semantics, also the typed-core
// object that implements them (FutureObject is a Future<Value>, TaskObject a TaskBase): one
// allocation, one lifetime, because the core's add_ref/release are forwarded to the Python
// refcount. The loop object owns an EventLoop and is found from it through
// EventLoop::user_data.
//
// Lifetime: Python refcounts. Thread model: the runtime lock.
#pragma once

#include <vector>

#include <memory>
#include <string>

#include "aio/coro.hpp"
#include "aio/event_loop.hpp"
#include "aio/function.hpp"
#include "aio/future.hpp"
#include "aio/task.hpp"
#include "aio/value.hpp"

namespace aio {

extern TypeObject* coroutine_type;
extern TypeObject* future_type;
extern TypeObject* task_type;
extern TypeObject* event_loop_type;
extern TypeObject* handle_type;
extern TypeObject* timer_handle_type;
namespace exc {
extern TypeObject* CancelledError;     // asyncio.CancelledError (BaseException)
extern TypeObject* InvalidStateError;  // asyncio.InvalidStateError
}  // namespace exc

// A GC container while its frame is suspended and not executing (no active Runner drives
// its chain): traverse visits the frame's registered locals (frame_locals.hpp).
struct CoroutineObject : GcObject {
  Coro<Value> coro;
  const CodeInfo* code;
  Runner runner;         // used by send()/throw()
  bool claimed = false;  // given to an await, a task or send(): no "never awaited" warning
  bool closed = false;
  CoroutineObject(Coro<Value>&& c, const CodeInfo* ci);
  ~CoroutineObject() override;
  std::string name() const;
  bool suspended() const noexcept;
  void traverse(GcVisitFn visit, void* arg) override;
  bool gc_finalize() override;
  void clear() override;
};

// Objects that are both Python objects and core refcounted objects forward the counts.
#define AIO_FORWARD_REFCOUNT                                         \
  void add_ref() noexcept override { ++refcount; }                   \
  void release() noexcept override { Value::decref(static_cast<Object*>(this)); }

struct FutureObject : Object, Future<Value> {
  explicit FutureObject(EventLoop& loop, TypeObject* t = nullptr);
  ~FutureObject() override;
  AIO_FORWARD_REFCOUNT
  bool cancel(std::optional<std::string> msg = {}) override;
  void* embedding_object() noexcept override { return static_cast<Object*>(this); }
  // Non-null for gather()'s outer future (_GatheringFuture).
  Ref<class GatherCore> gather;
};

// A container for the collector only through its result (a task returning a structure that
// refers to the task); the loop's and awaiters' references are external by construction.
struct TaskObject : GcObject, TaskBase {
  TaskObject(EventLoop& loop, Value coro, std::string name);
  ~TaskObject() override;
  AIO_FORWARD_REFCOUNT
  void* embedding_object() noexcept override { return static_cast<Object*>(this); }
  void traverse(GcVisitFn visit, void* arg) override {
    gc_visit(coro_value, visit, arg);
    gc_visit(result, visit, arg);
  }
  void clear() override { Value gone = std::move(result); }
  Value coro_value;  // the coroutine object (get_coro); never cleared: never null
  Value result;
  // Task._log_destroy_pending: false for the tasks run_until_complete and gather make from
  // coroutines (their caller cannot hold them).
  bool log_destroy_pending = true;
  Value result_value();  // Future.result() semantics
  void begin() { start(); }

 private:
  void complete_from_root() override;
  PromiseBase& root_promise() override;
  std::string describe() const override;
};

struct AsyncGeneratorObject;

struct LoopObject : Object {
  std::unique_ptr<EventLoop> loop;
  // Async generators first iterated on this loop and still alive, in that order (CPython:
  // the loop's _asyncgens WeakSet); entries remove themselves when destroyed.
  std::vector<AsyncGeneratorObject*> asyncgens;
  bool asyncgens_shutdown_called = false;
  LoopObject();
  ~LoopObject() override;
};

struct HandleObject : Object {
  Ref<Handle> handle;
  HandleObject(Ref<Handle> h, bool timer);
};

// The Python loop object of a core loop (creating one for loops made in C++), borrowed.
Value loop_object(EventLoop& loop);
EventLoop& loop_of(const Value& loop_obj);  // TypeError if not a loop

// Python views of core futures (nullptr if the value is not one).
FutureBase* as_future(const Value& v) noexcept;
Value future_value(FutureBase* f);  // the Python object of a glue future/task
// Like future_value, but a core-only future gets a Python proxy (as_future sees through it):
// what coro.send() returns when the coroutine waits on it.
Value awaited_future_value(FutureBase* f);
Value future_result_value(FutureBase& f);  // result(): Value, or raises

// The awaiter behind aio::await_(v).
class [[nodiscard]] AwaitValue {
 public:
  explicit AwaitValue(const Value& v);
  bool await_ready() const noexcept { return ready_; }
  template <class P>
  bool await_suspend(std::coroutine_handle<P> h) {
    return suspend(h, h.promise());
  }
  Value await_resume();

 private:
  bool suspend(std::coroutine_handle<> h, PromiseBase& parent);
  Value target_;
  CoroutineObject* coro_ = nullptr;
  FutureBase* fut_ = nullptr;
  Runner* runner_ = nullptr;
  bool ready_ = false;
};

}  // namespace aio
