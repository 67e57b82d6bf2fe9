// Python-visible asyncio.TaskGroup over the typed TaskGroup (task_group.hpp): create_task
// makes a Python Task and hands it to the group; __aexit__ awaits the group's exit() and turns
// TaskGroupError into ExceptionGroup('unhandled errors in a TaskGroup', [...]) (or
// BaseExceptionGroup when an error is not an Exception), raised `from None`.
#include <algorithm>

#include "aio/asyncio_module.hpp"
#include "aio/builtins.hpp"
#include "aio/exceptions.hpp"
#include "aio/list.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/task_group.hpp"
#include "aio/tuple.hpp"
#include "glue_internal.hpp"
#include "sync_glue.hpp"

namespace aio {
namespace {

TypeObject* task_group_type = nullptr;
constexpr const char* kTaskGroupsPy = "/usr/lib/python3.11/asyncio/taskgroups.py";
const CodeInfo kAenter{"__aenter__", "TaskGroup.__aenter__", kTaskGroupsPy, 47, CodeInfo::Coroutine, {}, 0, 0, 0,
                       nullptr, nullptr, nullptr};
const CodeInfo kAexit{"__aexit__", "TaskGroup.__aexit__", kTaskGroupsPy, 62, CodeInfo::Coroutine, {}, 0, 0, 0,
                      nullptr, nullptr, nullptr};

class PyTaskGroup final : public TaskGroup {
 protected:
  std::string describe(FutureBase& task) const override { return future_repr(task); }
};

struct TaskGroupObject : Object {
  Ref<PyTaskGroup> group = make_ref<PyTaskGroup>();
  TaskGroupObject() : Object(task_group_type) {}
};

PyTaskGroup& self_tg(const Value& v) {
  if (!isinstance_of(v, task_group_type)) raise_type_error("descriptor requires an 'asyncio.TaskGroup' object");
  return *static_cast<TaskGroupObject&>(*v.object()).group;
}

Value tg_new(TypeObject*, const CallArgs& a) {
  if (a.npos || a.nkw) raise_type_error("TaskGroup() takes no arguments");
  install_asyncio_glue();
  return Value(static_cast<Object*>(new TaskGroupObject));
}
Value tg_repr(const Value& self) { return make_str(self_tg(self).repr()); }

Value tg_create_task(const CallArgs& a) {
  Value args[4];
  parse_args(a, "create_task", {"self", "coro", "name", "context"}, 2, args);
  PyTaskGroup& g = self_tg(args[0]);
  g.check_can_create();
  Value task = new_task(g.loop(), args[1], args[2].is_bound() ? args[2] : Value::none());
  g.adopt(Ref<TaskBase>(dynamic_cast<TaskBase*>(as_future(task))));
  return task;
}

Coro<Value> aenter_body(Value self) {
  self_tg(self).enter();
  co_return self;
}

// BaseExceptionGroup(msg, errors): ExceptionGroup when every error is an Exception.
Value make_group(const std::vector<std::exception_ptr>& errors) {
  std::vector<Value> errs;
  for (auto& e : errors) errs.push_back(exception_value(e));
  bool all_exceptions = std::all_of(errs.begin(), errs.end(), [](const Value& e) { return isinstance_of(e, exc::Exception); });
  Value msg = make_str("unhandled errors in a TaskGroup");
  Value me = make_exception(all_exceptions ? exc::ExceptionGroup : exc::BaseExceptionGroup, {msg, make_list(errs)});
  setattr(me, make_str("message"), msg);
  setattr(me, make_str("exceptions"), make_tuple(std::move(errs)));
  return me;
}

Coro<Value> aexit_body(Value self, Value exc) {
  std::exception_ptr err;
  if (!exc.is_none()) err = std::make_exception_ptr(PyException(exc));
  Coro<void> x = self_tg(self).exit(err);
  std::exception_ptr failure;
  try {
    co_await x;
  } catch (...) {
    failure = std::current_exception();
  }
  if (failure) {
    std::vector<std::exception_ptr> errors;
    try {
      std::rethrow_exception(failure);
    } catch (const TaskGroupError& g) {
      errors = g.errors();
    } catch (...) {
      throw;
    }
    raise_from(make_group(errors), Value::none());
  }
  co_return Value::none();
}

Value tg_aenter(const CallArgs& a) {
  check_nargs(a, "__aenter__", 1, 1);
  return make_coroutine(aenter_body(a[0]), &kAenter);
}
Value tg_aexit(const CallArgs& a) {
  check_nargs(a, "__aexit__", 4, 4);
  return make_coroutine(aexit_body(a[0], a[2]), &kAexit);
}

}  // namespace

void add_task_group_attributes(const Value& m) {
  if (!task_group_type) {
    task_group_type = make_builtin_type("TaskGroup", nullptr, "asyncio.taskgroups");
    task_group_type->new_ = &tg_new;
    task_group_type->repr = &tg_repr;
    add_method(task_group_type, "create_task", &tg_create_task);
    add_method(task_group_type, "__aenter__", &tg_aenter);
    add_method(task_group_type, "__aexit__", &tg_aexit);
  }
  module_add(m, "TaskGroup", Value::borrowed(task_group_type));
}

}  // namespace aio
