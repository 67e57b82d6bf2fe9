// TaskGroup: CPython 3.11.7's taskgroups.py on the typed core (task_group.hpp). The await in
// exit() catches into a local; nothing awaits inside a handler.
#include "aio/task_group.hpp"

#include <algorithm>

namespace aio {

class TaskGroup::OnDone final : public DoneCallback {
 public:
  explicit OnDone(Ref<TaskGroup> g) : group_(std::move(g)) {}
  void on_done(FutureBase& f) override { group_->on_task_done(static_cast<TaskBase&>(f)); }
  std::string describe() const override { return "TaskGroup._on_task_done()"; }

 private:
  Ref<TaskGroup> group_;
};

std::string TaskGroup::repr() const {
  std::string info;
  if (!tasks_.empty()) info += " tasks=" + std::to_string(tasks_.size());
  if (!errors_.empty()) info += " errors=" + std::to_string(errors_.size());
  if (aborting_) info += " cancelling";
  else if (entered_) info += " entered";
  return "<TaskGroup" + info + ">";
}

std::string TaskGroup::describe(FutureBase& task) const {
  auto* t = dynamic_cast<TaskBase*>(&task);
  return t ? "<Task " + t->name() + ">" : "<Future>";
}

void TaskGroup::enter() {
  if (entered_) throw_runtime_error("TaskGroup " + repr() + " has already been entered");
  if (!loop_) loop_ = &get_running_loop();
  TaskBase* parent = loop_->current_task();
  if (!parent) throw_runtime_error("TaskGroup " + repr() + " cannot determine the parent task");
  parent_ = Ref<TaskBase>(parent);
  entered_ = true;
}

void TaskGroup::check_can_create() const {
  if (!entered_) throw_runtime_error("TaskGroup " + repr() + " has not been entered");
  if (exiting_ && tasks_.empty()) throw_runtime_error("TaskGroup " + repr() + " is finished");
  if (aborting_) throw_runtime_error("TaskGroup " + repr() + " is shutting down");
}

void TaskGroup::adopt(Ref<TaskBase> task) {
  task->add_done_callback(make_ref<OnDone>(Ref<TaskGroup>(this)));
  tasks_.push_back(std::move(task));
}

void TaskGroup::abort() {
  aborting_ = true;
  std::vector<Ref<TaskBase>> snapshot = tasks_;
  for (auto& t : snapshot)
    if (!t->done()) t->cancel();
}

void TaskGroup::on_task_done(TaskBase& task) {
  auto it = std::find_if(tasks_.begin(), tasks_.end(), [&](const Ref<TaskBase>& t) { return t.get() == &task; });
  if (it != tasks_.end()) tasks_.erase(it);
  if (on_completed_ && tasks_.empty() && !on_completed_->done()) on_completed_->set_result();
  if (task.cancelled()) return;
  std::exception_ptr e = task.exception();
  if (!e) return;
  errors_.push_back(e);
  if (is_fatal_error(e) && !base_error_) base_error_ = e;
  if (parent_->done()) {
    ExceptionContext ctx;
    ctx.message = "Task " + describe(task) + " has errored out but its parent task " + describe(*parent_) +
                  " is already completed";
    ctx.exception = e;
    ctx.future = &task;
    ctx.future_key = "task";
    loop_->call_exception_handler(ctx);
    return;
  }
  if (!aborting_ && !parent_cancel_requested_) {
    abort();
    parent_cancel_requested_ = true;
    parent_->cancel();
  }
}

Coro<void> TaskGroup::exit(std::exception_ptr err) {
  Ref<TaskGroup> self(this);  // the body's caller may drop its reference meanwhile
  exiting_ = true;
  if (err && is_fatal_error(err) && !base_error_) base_error_ = err;
  bool err_is_cancel = is_cancelled_error(err);
  std::exception_ptr propagate = err_is_cancel ? err : nullptr;
  if (parent_cancel_requested_ && parent_->uncancel() == 0) propagate = nullptr;
  if (err && !aborting_) abort();
  while (!tasks_.empty()) {
    if (!on_completed_) on_completed_ = make_future<void>(*loop_);
    Ref<Future<void>> fut = on_completed_;
    std::exception_ptr e;
    try {
      co_await fut;
    } catch (...) {
      e = std::current_exception();
    }
    if (e) {
      if (!is_cancelled_error(e)) std::rethrow_exception(e);
      if (!aborting_) {
        propagate = e;
        abort();
      }
    }
    on_completed_.reset();
  }
  if (base_error_) std::rethrow_exception(base_error_);
  if (propagate && errors_.empty()) std::rethrow_exception(propagate);
  if (err && !err_is_cancel) errors_.push_back(err);
  if (!errors_.empty()) {
    std::vector<std::exception_ptr> errs = std::move(errors_);
    errors_.clear();
    throw TaskGroupError(std::move(errs));
  }
}

}  // namespace aio
