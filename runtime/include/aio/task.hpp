// TaskBase / Task<T>: asyncio.Task — a future that drives a coroutine chain on a loop.
//
// Design: a transcription of CPython's Task.__step / __wakeup / cancel:
// - construction schedules the first step with call_soon (start());
// - a step resumes the chain's leaf through the Runner. If the root finished, the task
//   takes its result or exception (a CancelledError makes the task cancelled); if the leaf
//   suspended on a future, the task adds its wakeup as that future's done callback and
//   remembers it as fut_waiter; if it yielded bare, the task calls call_soon(step);
// - cancel(msg) counts the request (cancelling()/uncancel(), 3.11), cancels fut_waiter if
//   any, else sets must_cancel so that the next step throws CancelledError into the leaf at
//   its current await;
// - names are "Task-N" from one process-wide counter, as CPython's _task_name_counter;
// - live tasks are linked into their loop's task list for all_tasks(loop), without a lock:
//   a task is created and destroyed on its loop's thread.
// The wakeup does not fetch the awaited future's result: the leaf's await_resume does, which
// is where CPython throws it in, so nothing is thrown twice.
//
// Lifetime: refcounted. A scheduled step or a registered wakeup keeps its task alive, as
// the bound method __step does in CPython.
// Thread model: loop thread only.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aio/coro.hpp"
#include "aio/future.hpp"

namespace aio {

class TaskBase : public FutureBase {
 public:
  TaskBase(EventLoop& loop, std::string name);
  ~TaskBase() override;

  bool cancel(std::optional<std::string> msg = {}) override;
  int cancelling() const noexcept { return num_cancels_requested_; }
  int uncancel() noexcept;
  // "Task-N" names are formatted on first use: most tasks are never asked for theirs.
  const std::string& name() const {
    if (!name_) name_ = std::make_unique<std::string>("Task-" + std::to_string(default_number_));
    return *name_;
  }
  void set_name(std::string name) { name_ = std::make_unique<std::string>(std::move(name)); }
  // The future this task waits on (_fut_waiter), or nullptr.
  FutureBase* waiting_on() const noexcept { return fut_waiter_.get(); }
  // True once the first step ran (the coroutine started).
  bool started() const noexcept { return runner_.started(); }

  // __step(exc): public for the loop's handles; do not call from user code.
  void step(std::exception_ptr exc = nullptr);

  // N of the next "Task-N" (the process-wide counter, advanced now as CPython does).
  static unsigned long next_default_number();
  // Tasks of `loop` (the running loop if null, as asyncio.all_tasks()) that are not done, in
  // creation order.
  static std::vector<Ref<TaskBase>> all_tasks(EventLoop* loop);

 protected:
  // Schedules the first step. Call once the object is fully constructed.
  void start();
  // The root coroutine finished without an exception: store its value, then
  // finish_with_result().
  virtual void complete_from_root() = 0;
  virtual PromiseBase& root_promise() = 0;
  // Hook for the glue: text used in "Task cannot await on itself: <repr>".
  virtual std::string describe() const { return "<Task " + name() + ">"; }

  Runner runner_;

 private:
  friend class EventLoop;  // unlinks its tasks when destroyed first
  void finish_step(Runner::Status st);
  void finish_root();
  // A handle that calls step(exc): step_handle_ if it is free, else a new one.
  Ref<Handle> make_step_handle(std::exception_ptr exc);

  // The step handle and the wakeup callback live inside the task: a task has at most one
  // step scheduled and waits on at most one future at a time, so both are reused instead of
  // allocated per step and per wait. A reference to either is a reference to the task; each
  // also counts its own, and one still referenced elsewhere is not reused (a heap one is
  // made instead), so a scheduling is never shared.
  class StepHandle final : public Handle {
   public:
    explicit StepHandle(TaskBase& t) noexcept : task_(&t) {}
    void add_ref() noexcept override {
      count_ref();
      task_->add_ref();
    }
    void release() noexcept override {
      uncount_ref();
      task_->release();
    }
    void invoke() override;
    // Free: referenced by nobody, or only by the loop that is running it right now.
    bool is_free() const noexcept { return own_refs() == (invoking_ ? 1u : 0u); }
    void rearm(std::exception_ptr exc) noexcept {
      clear_cancelled();
      exc_ = std::move(exc);
    }

   protected:
    void drop_callback() noexcept override { exc_ = nullptr; }

   private:
    TaskBase* task_;
    bool invoking_ = false;
    std::exception_ptr exc_;
  };
  class Wakeup final : public DoneCallback {
   public:
    explicit Wakeup(TaskBase& t) noexcept : task_(&t) {}
    void add_ref() noexcept override {
      count_ref();
      task_->add_ref();
    }
    void release() noexcept override {
      uncount_ref();
      task_->release();
    }
    bool is_free() const noexcept { return own_refs() == 0; }
    void on_done(FutureBase&) override;
    Ref<Handle> delivery(FutureBase&) override { return task_->make_step_handle(nullptr); }
    std::string describe() const override { return "Task.task_wakeup()"; }

   private:
    TaskBase* task_;
  };
  friend class StepHandle;
  friend class Wakeup;

  bool must_cancel_ = false;
  int num_cancels_requested_ = 0;
  Ref<FutureBase> fut_waiter_;
  mutable std::unique_ptr<std::string> name_;  // null until set or first formatted
  unsigned long default_number_ = 0;            // N of the default name "Task-N"
  TaskBase* prev_ = nullptr;  // links in loop().tasks_head_'s list
  TaskBase* next_ = nullptr;
  bool linked_ = false;       // in that list (false once the loop is gone)
  StepHandle step_handle_{*this};
  Wakeup wakeup_{*this};
};

template <class T = void>
class Task final : public TaskBase {
 public:
  using value_type = T;
  Task(EventLoop& loop, Coro<T> coro, std::string name = {})
      : TaskBase(loop, std::move(name)), coro_(std::move(coro)) {
    runner_.attach(coro_.handle());
    start();
  }
  T result() {
    check_result();
    if constexpr (!std::is_void_v<T>) return *value_;
  }

 private:
  PromiseBase& root_promise() override { return coro_.promise(); }
  void complete_from_root() override {
    if constexpr (std::is_void_v<T>) value_.emplace();
    else value_.emplace(coro_.take_result());
    finish_with_result();
  }

  Coro<T> coro_;
  std::optional<Stored<T>> value_;
};

// The running loop, or throws RuntimeError("no running event loop").
EventLoop& get_running_loop();

template <class T>
Ref<Task<T>> create_task(EventLoop& loop, Coro<T> coro, std::string name = {}) {
  return make_ref<Task<T>>(loop, std::move(coro), std::move(name));
}
// asyncio.create_task: on the running loop.
template <class T>
Ref<Task<T>> create_task(Coro<T> coro, std::string name = {}) {
  return create_task(get_running_loop(), std::move(coro), std::move(name));
}

// asyncio.current_task(): the task being stepped on the running loop, or nullptr.
TaskBase* current_task();

}  // namespace aio
