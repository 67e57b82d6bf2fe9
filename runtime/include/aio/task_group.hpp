// aio::TaskGroup: asyncio.TaskGroup (CPython 3.11.7 taskgroups.py) for Coro chains.
//
// Design: enter() binds the group to the current task (the parent); create_task() starts a
// task and watches it with a done callback. The first task that fails (not cancelled)
// cancels every other pending task of the group and, once, the parent task, so the parent
// wakes in exit() even if it is waiting elsewhere. exit(err) is __aexit__: it cancels the
// tasks if the body failed, waits until all tasks are done (a cancellation arriving
// meanwhile aborts the group and is remembered), then throws, in CPython's order: a fatal
// error (SystemExit/KeyboardInterrupt), else the propagating CancelledError when nothing
// failed, else TaskGroupError with every error (the body's last). The parent's cancel
// request is withdrawn with uncancel() exactly as CPython does. CPython keeps the tasks in
// a set; here they are cancelled in creation order.
//
// Usage from C++:
//   auto tg = aio::make_ref<aio::TaskGroup>(); tg->enter();
//   std::exception_ptr err; try { ... tg->create_task(work()); ... } catch (...) { err = ...; }
//   aio::Coro<void> x = tg->exit(err); co_await x;   // throws TaskGroupError etc.
//   if (err) std::rethrow_exception(err);            // as `async with` does when __aexit__
//                                                    // returns without raising
//
// Lifetime: refcounted; the group's tasks keep it alive until they are done.
// Thread model: loop thread only.
#pragma once

#include <string>
#include <vector>

#include "aio/task.hpp"

namespace aio {

// ExceptionGroup('unhandled errors in a TaskGroup', errors) for C++ users; the asyncio glue
// turns it into the Python ExceptionGroup.
class TaskGroupError : public std::exception {
 public:
  explicit TaskGroupError(std::vector<std::exception_ptr> errors) : errors_(std::move(errors)) {}
  const char* what() const noexcept override { return "unhandled errors in a TaskGroup"; }
  const std::vector<std::exception_ptr>& errors() const noexcept { return errors_; }

 private:
  std::vector<std::exception_ptr> errors_;
};

class TaskGroup : public RefCounted {
 public:
  TaskGroup() = default;
  TaskGroup(const TaskGroup&) = delete;
  TaskGroup& operator=(const TaskGroup&) = delete;

  // __aenter__: RuntimeError if already entered or outside a task.
  void enter();
  template <class T>
  Ref<Task<T>> create_task(Coro<T> coro, std::string name = {}) {
    check_can_create();
    Ref<Task<T>> t = make_ref<Task<T>>(*loop_, std::move(coro), std::move(name));
    adopt(Ref<TaskBase>(t));
    return t;
  }
  // For callers that make the task themselves (the glue): check first, then adopt.
  void check_can_create() const;
  void adopt(Ref<TaskBase> task);
  EventLoop& loop() const noexcept { return *loop_; }
  // __aexit__ with the exception that left the body (null if none).
  [[nodiscard]] Coro<void> exit(std::exception_ptr err);
  std::string repr() const;  // <TaskGroup tasks=2 errors=1 cancelling>
  std::size_t task_count() const noexcept { return tasks_.size(); }

 protected:
  // How a task is named in the "has errored out but its parent task ..." report.
  virtual std::string describe(FutureBase& task) const;

 private:
  class OnDone;
  void on_task_done(TaskBase& task);
  void abort();
  bool entered_ = false, exiting_ = false, aborting_ = false, parent_cancel_requested_ = false;
  EventLoop* loop_ = nullptr;
  Ref<TaskBase> parent_;
  std::vector<Ref<TaskBase>> tasks_;  // insertion-ordered set
  std::vector<std::exception_ptr> errors_;
  std::exception_ptr base_error_;
  Ref<Future<void>> on_completed_;
};

}  // namespace aio
