// TaskBase: CPython's Task.__step/__wakeup/cancel, the Task-N counter and the registry
// behind all_tasks(). See task.hpp for the rules being reproduced.
#include "aio/task.hpp"

#include <atomic>
#include <mutex>

namespace aio {

// Process-wide list of live tasks in creation order (CPython's _all_tasks WeakSet; a task
// leaves it when destroyed).
class TaskRegistry {
 public:
  static TaskRegistry& get() {
    static TaskRegistry r;
    return r;
  }
  void add(TaskBase* t) {
    std::lock_guard<std::mutex> lock(mu_);
    t->prev_ = tail_;
    t->next_ = nullptr;
    (tail_ ? tail_->next_ : head_) = t;
    tail_ = t;
  }
  void remove(TaskBase* t) {
    std::lock_guard<std::mutex> lock(mu_);
    (t->prev_ ? t->prev_->next_ : head_) = t->next_;
    (t->next_ ? t->next_->prev_ : tail_) = t->prev_;
  }
  std::vector<Ref<TaskBase>> pending(EventLoop* loop) {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<Ref<TaskBase>> out;
    for (TaskBase* t = head_; t; t = t->next_)
      if ((!loop || &t->loop() == loop) && !t->done()) out.emplace_back(t);
    return out;
  }

 private:
  std::mutex mu_;
  TaskBase* head_ = nullptr;
  TaskBase* tail_ = nullptr;
};

namespace {

std::atomic<unsigned long> g_task_counter{0};

struct TaskStep {
  Ref<TaskBase> task;
  std::exception_ptr exc;
  void operator()() { task->step(std::move(exc)); }
};

// __wakeup: registered on the awaited future. The leaf fetches the result itself.
class TaskWakeup final : public DoneCallback {
 public:
  explicit TaskWakeup(TaskBase& t) : task_(&t) {}
  void on_done(FutureBase&) override { task_->step(); }
  std::string describe() const override { return "Task.task_wakeup()"; }

 private:
  Ref<TaskBase> task_;
};

}  // namespace

TaskBase::TaskBase(EventLoop& loop, std::string name)
    : FutureBase(loop) {
  if (name.empty()) default_number_ = next_default_number();
  else name_ = std::make_unique<std::string>(std::move(name));
  TaskRegistry::get().add(this);
}

TaskBase::~TaskBase() { TaskRegistry::get().remove(this); }

unsigned long TaskBase::next_default_number() { return ++g_task_counter; }

std::vector<Ref<TaskBase>> TaskBase::all_tasks(EventLoop* loop) {
  return TaskRegistry::get().pending(loop);
}

void TaskBase::start() { loop().call_soon(TaskStep{Ref<TaskBase>(this), nullptr}); }

int TaskBase::uncancel() noexcept {
  if (num_cancels_requested_ > 0) --num_cancels_requested_;
  return num_cancels_requested_;
}

bool TaskBase::cancel(std::optional<std::string> msg) {
  mark_retrieved();
  if (done()) return false;
  ++num_cancels_requested_;
  if (fut_waiter_ && fut_waiter_->cancel(msg)) return true;
  must_cancel_ = true;
  set_cancel_message(std::move(msg));
  return true;
}

void TaskBase::step(std::exception_ptr exc) {
  if (done()) throw_invalid_state("_step(): already done: " + describe());
  if (must_cancel_) {
    if (!is_cancelled_error(exc)) exc = make_cancelled_error();
    must_cancel_ = false;
  }
  fut_waiter_.reset();
  Ref<TaskBase> self(this);  // the step may drop the last outside reference
  loop().enter_task(this);
  Runner::Status st = runner_.resume(std::move(exc));
  loop().leave_task(this);
  finish_step(st);
}

void TaskBase::finish_root() {
  PromiseBase& p = root_promise();
  if (std::exception_ptr e = p.exception_) {
    if (is_cancelled_error(e)) {
      cancelled_exc_ = e;
      cancel_future(std::nullopt);
      return;
    }
    set_exception(e);
    if (is_fatal_error(e)) std::rethrow_exception(e);
    return;
  }
  if (must_cancel_) {
    must_cancel_ = false;
    cancel_future(cancel_message());
    return;
  }
  complete_from_root();
}

void TaskBase::finish_step(Runner::Status st) {
  switch (st) {
    case Runner::Status::Done:
      finish_root();
      return;
    case Runner::Status::Yielded:
      loop().call_soon(TaskStep{Ref<TaskBase>(this), nullptr});
      return;
    case Runner::Status::Waiting:
      break;
  }
  FutureBase* fut = runner_.awaited();
  if (&fut->loop() != &loop()) {
    loop().call_soon(TaskStep{Ref<TaskBase>(this),
                              error_factory().runtime_error("Task " + describe() +
                                                            " got Future attached to a different loop")});
    return;
  }
  if (fut == this) {
    loop().call_soon(TaskStep{Ref<TaskBase>(this),
                              error_factory().runtime_error("Task cannot await on itself: " + describe())});
    return;
  }
  fut->add_done_callback(make_ref<TaskWakeup>(*this));
  fut_waiter_ = Ref<FutureBase>(fut);
  if (must_cancel_ && fut_waiter_->cancel(cancel_message())) must_cancel_ = false;
}

EventLoop& get_running_loop() {
  EventLoop* loop = EventLoop::running();
  if (!loop) throw_runtime_error("no running event loop");
  return *loop;
}

TaskBase* current_task() {
  EventLoop* loop = EventLoop::running();
  return loop ? loop->current_task() : nullptr;
}

}  // namespace aio
