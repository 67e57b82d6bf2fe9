// TaskBase: CPython's Task.__step/__wakeup/cancel, the Task-N counter and the registry
// behind all_tasks(). See task.hpp for the rules being reproduced.
#include "aio/task.hpp"

#include <atomic>

namespace aio {

namespace {

std::atomic<unsigned long> g_task_counter{0};

struct TaskStep {
  Ref<TaskBase> task;
  std::exception_ptr exc;
  void operator()() { task->step(std::move(exc)); }
};

// __wakeup, when the task's own Wakeup is still registered elsewhere (a future that was
// cancelled and re-awaited before its callbacks ran): registered on the awaited future.
// The leaf fetches the result itself.
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
  // Append to the loop's list (CPython's _all_tasks WeakSet, in creation order).
  prev_ = loop.tasks_tail_;
  (prev_ ? prev_->next_ : loop.tasks_head_) = this;
  loop.tasks_tail_ = this;
  linked_ = true;
}

TaskBase::~TaskBase() {
  if (!linked_) return;
  EventLoop& l = loop();
  (prev_ ? prev_->next_ : l.tasks_head_) = next_;
  (next_ ? next_->prev_ : l.tasks_tail_) = prev_;
}

void EventLoop::unlink_tasks() noexcept {
  for (TaskBase* t = tasks_head_; t;) {
    TaskBase* next = t->next_;
    t->prev_ = t->next_ = nullptr;
    t->linked_ = false;
    t = next;
  }
  tasks_head_ = tasks_tail_ = nullptr;
}

unsigned long TaskBase::next_default_number() { return ++g_task_counter; }

std::vector<Ref<TaskBase>> TaskBase::all_tasks(EventLoop* loop) {
  std::vector<Ref<TaskBase>> out;
  if (!loop) loop = EventLoop::running();
  if (!loop) return out;
  for (TaskBase* t = loop->tasks_head_; t; t = t->next_)
    if (!t->done()) out.emplace_back(t);
  return out;
}

void TaskBase::start() { loop().schedule_ready(make_step_handle(nullptr)); }

Ref<Handle> TaskBase::make_step_handle(std::exception_ptr exc) {
  if (step_handle_.is_free()) {
    step_handle_.rearm(std::move(exc));
    return Ref<Handle>(&step_handle_);
  }
  return Ref<Handle>(new CallbackHandle<Handle, TaskStep>(TaskStep{Ref<TaskBase>(this), std::move(exc)}));
}

void TaskBase::StepHandle::invoke() {
  struct Invoking {
    bool& flag;
    explicit Invoking(bool& f) : flag(f) { flag = true; }
    ~Invoking() { flag = false; }
  } invoking(invoking_);
  task_->step(std::move(exc_));
}

void TaskBase::Wakeup::on_done(FutureBase&) { task_->step(); }

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
      loop().schedule_ready(make_step_handle(nullptr));
      return;
    case Runner::Status::Waiting:
      break;
  }
  FutureBase* fut = runner_.awaited();
  if (&fut->loop() != &loop()) {
    loop().schedule_ready(make_step_handle(
        error_factory().runtime_error("Task " + describe() + " got Future attached to a different loop")));
    return;
  }
  if (fut == this) {
    loop().schedule_ready(make_step_handle(error_factory().runtime_error("Task cannot await on itself: " + describe())));
    return;
  }
  if (wakeup_.is_free()) fut->add_done_callback(Ref<DoneCallback>(&wakeup_));
  else fut->add_done_callback(make_ref<TaskWakeup>(*this));
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
