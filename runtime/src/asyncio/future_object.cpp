// Python-visible asyncio.Future and asyncio.Task: Future<Value>/TaskBase in Python objects,
// their methods and CPython's reprs, plus "Task exception was never retrieved".
#include <fmt/format.h>

#include "aio/asyncio_module.hpp"
#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/function.hpp"
#include "aio/gather.hpp"
#include "aio/list.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/generator.hpp"
#include "glue_internal.hpp"

namespace aio {

TypeObject* future_type = nullptr;
TypeObject* task_type = nullptr;

namespace {

// A Python callable registered with add_done_callback.
class PyDoneCallback final : public DoneCallback {
 public:
  explicit PyDoneCallback(Value fn) : fn_(std::move(fn)) {}
  void on_done(FutureBase& f) override { call(fn_, {future_value(&f)}); }
  const Value& fn() const { return fn_; }
  // format_helpers._format_callback_source: the qualified name, "()", and for a function
  // defined in the program " at FILE:LINE" (its def line).
  std::string describe() const override {
    std::string name;
    try {
      Value n = getattr_or(fn_, make_str(std::string_view("__qualname__")), Value());
      if (!n.is_bound()) n = getattr_or(fn_, make_str(std::string_view("__name__")), Value());
      name = n.is_bound() ? to_std_string(n) : repr_std(fn_);
    } catch (const PyException&) {
      name = "?";
    }
    name += "()";
    if (fn_.is_object() && fn_.object()->type == function_type) {
      const CodeInfo* code = static_cast<FunctionObject*>(fn_.object())->code;
      if (code) name += fmt::format(" at {}:{}", code->filename, code->first_line);
    }
    return name;
  }

 private:
  Value fn_;
};

FutureBase& self_future(const CallArgs& a) {
  FutureBase* f = as_future(a[0]);
  if (!f) raise_type_error("descriptor requires a Future");
  return *f;
}
TaskObject& self_task(const CallArgs& a) { return static_cast<TaskObject&>(*a[0].object()); }

std::string state_text(FutureBase& f) {
  switch (f.state()) {
    case FutureBase::State::Pending: return "pending";
    case FutureBase::State::Cancelled: return "cancelled";
    case FutureBase::State::Finished: return "finished";
  }
  return "";
}

// The result/exception part of a repr: " result='x'" or " exception=ValueError('x')".
std::string outcome_text(FutureBase& f) {
  if (f.state() != FutureBase::State::Finished) return "";
  if (f.stored_exception()) return " exception=" + repr_std(exception_value(f.stored_exception()));
  if (auto* fo = dynamic_cast<FutureObject*>(&f)) {
    Value v;
    try {
      v = fo->result();
    } catch (...) {
    }
    return " result=" + repr_std(v.is_bound() ? v : Value::none());
  }
  if (auto* t = dynamic_cast<TaskObject*>(&f)) return " result=" + repr_std(t->result);
  return " result=None";
}

// base_futures._format_callbacks: " cb=[a(), b()]", or " cb=[first(), <n more>, last()]".
std::string callbacks_text(FutureBase& f) {
  const auto cbs = f.callback_list();
  if (cbs.empty()) return "";
  std::string inner = cbs.front()->describe();
  if (cbs.size() == 2) inner += ", " + cbs.back()->describe();
  if (cbs.size() > 2) inner += fmt::format(", <{} more>, {}", cbs.size() - 2, cbs.back()->describe());
  return " cb=[" + inner + "]";
}

Value fut_result(const CallArgs& a) {
  check_nargs(a, "result", 1, 1);
  return future_result_value(self_future(a));
}
Value fut_exception(const CallArgs& a) {
  check_nargs(a, "exception", 1, 1);
  return exception_value(self_future(a).exception());
}
Value fut_done(const CallArgs& a) { return Value(self_future(a).done()); }
Value fut_cancelled(const CallArgs& a) { return Value(self_future(a).cancelled()); }
Value fut_cancel(const CallArgs& a) {
  Value args[2];
  parse_args(a, "cancel", {"self", "msg"}, 1, args);
  std::optional<std::string> msg;
  if (args[1].is_bound() && !args[1].is_none()) msg = to_std_string(args[1]);
  return Value(self_future(a).cancel(msg));
}
Value fut_set_result(const CallArgs& a) {
  check_nargs(a, "set_result", 2, 2);
  auto* f = dynamic_cast<FutureObject*>(&self_future(a));
  if (!f) raise_error(exc::RuntimeError, "Task does not support set_result operation");
  if (f->done()) raise_error(exc::InvalidStateError, "invalid state");  // _asyncio's C Future text
  f->set_result(a[1]);
  return Value::none();
}
Value fut_set_exception(const CallArgs& a) {
  check_nargs(a, "set_exception", 2, 2);
  auto* f = dynamic_cast<FutureObject*>(&self_future(a));
  if (!f) raise_error(exc::RuntimeError, "Task does not support set_exception operation");
  if (f->done()) raise_error(exc::InvalidStateError, "invalid state");  // _asyncio's C Future text
  Value e = a[1];
  // An exception class is instantiated; an instance is used as is.
  if (e.is_object() && e.object()->type->is_subtype_of(type_type)) e = call(e, {});
  if (isinstance_of(e, exc::StopIteration))
    raise_type_error("StopIteration interacts badly with generators and cannot be raised into a Future");
  f->set_exception(std::make_exception_ptr(PyException(e)));
  return Value::none();
}
Value fut_add_done_callback(const CallArgs& a) {
  Value args[3];
  parse_args(a, "add_done_callback", {"self", "fn", "context"}, 2, args);
  self_future(a).add_done_callback(make_ref<PyDoneCallback>(args[1]));
  return Value::none();
}
Value fut_remove_done_callback(const CallArgs& a) {
  check_nargs(a, "remove_done_callback", 2, 2);
  Value fn = a[1];
  std::size_t n = self_future(a).remove_done_callbacks_if([&](const DoneCallback& cb) {
    auto* p = dynamic_cast<const PyDoneCallback*>(&cb);
    return p && (p->fn().same(fn) || truthy(eq(p->fn(), fn)));
  });
  return Value::from_int(static_cast<std::int64_t>(n));
}
Value fut_get_loop(const CallArgs& a) { return loop_object(self_future(a).loop()); }
Value fut_repr(const Value& self) { return make_str(future_repr(*as_future(self))); }

Value fut_new(TypeObject* t, const CallArgs& a) {
  Value loop = Value();
  for (std::size_t i = 0; i < a.nkw; ++i)
    if (to_std_string(a.kw[i].first) == "loop") loop = a.kw[i].second;
  if (a.npos > 0) raise_type_error("Future() takes no positional arguments");
  EventLoop& l = (loop.is_bound() && !loop.is_none()) ? loop_of(loop) : event_loop_for_call();
  return Value(static_cast<Object*>(new FutureObject(l, t)));
}

Value task_new(TypeObject*, const CallArgs& a) {
  Value args[4];
  parse_args(a, "Task", {"coro", "loop", "name", "context"}, 1, args);
  EventLoop& l = (args[1].is_bound() && !args[1].is_none()) ? loop_of(args[1]) : event_loop_for_call();
  return new_task(l, args[0], args[2]);
}

Value task_get_name(const CallArgs& a) { return make_str(self_task(a).name()); }
Value task_set_name(const CallArgs& a) {
  check_nargs(a, "set_name", 2, 2);
  self_task(a).set_name(to_std_string(a[1]));
  return Value::none();
}
Value task_get_coro(const CallArgs& a) { return self_task(a).coro_value; }
Value task_cancelling(const CallArgs& a) { return Value::from_int(self_task(a).cancelling()); }
Value task_uncancel(const CallArgs& a) { return Value::from_int(self_task(a).uncancel()); }

void report_unretrieved(FutureBase& f, const char* what) {
  if (!f.exception_unretrieved()) return;
  f.loop().call_exception_handler({what, f.stored_exception(), nullptr, &f, "future"});
}

}  // namespace

// FutureObject / TaskObject -----------------------------------------------------------------

FutureObject::FutureObject(EventLoop& loop, TypeObject* t) : Object(t ? t : future_type), Future<Value>(loop) {}

bool FutureObject::cancel(std::optional<std::string> msg) {
  if (gather) {
    if (done()) return false;
    return gather->cancel_children(msg);
  }
  return Future<Value>::cancel(std::move(msg));
}

TaskObject::TaskObject(EventLoop& loop, Value coro, std::string name)
    : GcObject(task_type), TaskBase(loop, std::move(name)), coro_value(std::move(coro)) {
  auto* c = static_cast<CoroutineObject*>(coro_value.object());
  c->claimed = true;
  runner_.attach(c->coro.handle());
}

PromiseBase& TaskObject::root_promise() {
  return static_cast<CoroutineObject*>(coro_value.object())->coro.promise();
}

void TaskObject::complete_from_root() {
  result = static_cast<CoroutineObject*>(coro_value.object())->coro.take_result();
  finish_with_result();
}

Value TaskObject::result_value() {
  check_result();
  return result;
}

std::string TaskObject::describe() const { return future_repr(const_cast<TaskObject&>(*this)); }

std::string future_repr(FutureBase& f) {
  if (auto* t = dynamic_cast<TaskObject*>(&f)) {
    // base_tasks._task_repr_info: a pending task with cancel requests shows as "cancelling".
    std::string state = (t->cancelling() && !f.done()) ? "cancelling" : state_text(f);
    std::string s = fmt::format("<Task {} name={} coro=<{}>", state, str_repr(t->name()),
                                coroutine_repr_inner(*static_cast<CoroutineObject*>(t->coro_value.object())));
    s += outcome_text(f);
    s += callbacks_text(f);
    if (FutureBase* w = t->waiting_on()) s += " wait_for=" + future_repr(*w);
    return s + ">";
  }
  return "<Future " + state_text(f) + outcome_text(f) + callbacks_text(f) + ">";
}

namespace {

// The Python face of a core-only future (asyncio.sleep's timer future) when it must leave the
// C++ side: coro.send() returns it (CPython returns the Future the coroutine waits on), and a
// generator-based coroutine yields it up to the Task-like driver that waits for it.
TypeObject* core_future_type = nullptr;

struct CoreFutureProxy : Object {
  Ref<FutureBase> fut;
  explicit CoreFutureProxy(FutureBase* f) : Object(core_future_type), fut(f) {}
};

Value core_future_repr(const Value& self) {
  return make_str(future_repr(*static_cast<CoreFutureProxy*>(self.object())->fut.get()));
}

// Instances of Task and its subclasses are TaskObjects; of Future and its other subclasses,
// FutureObjects (fut_new/task_new are the only constructors), so static casts suffice.
bool is_task_type(const TypeObject* t) { return t == task_type || t->is_subtype_of(task_type); }
}  // namespace

FutureBase* as_future(const Value& v) noexcept {
  Object* o = v.object();
  if (!o || !future_type) return nullptr;
  if (o->type == core_future_type) return static_cast<CoreFutureProxy*>(o)->fut.get();
  TypeObject* t = o->type;
  if (t == task_type) return static_cast<TaskObject*>(o);
  if (t == future_type) return static_cast<FutureObject*>(o);
  if (t->is_subtype_of(task_type)) return static_cast<TaskObject*>(o);
  if (t->is_subtype_of(future_type)) return static_cast<FutureObject*>(o);
  return nullptr;
}

Value future_value(FutureBase* f) {
  if (!f) return Value::none();
  if (void* o = f->embedding_object()) return Value::borrowed(static_cast<Object*>(o));
  return Value::none();  // a core-only future: not visible to Python
}

Value awaited_future_value(FutureBase* f) {
  Value v = future_value(f);
  if (v.is_none() && f) return Value(static_cast<Object*>(new CoreFutureProxy(f)));
  return v;
}

Value future_result_value(FutureBase& f) {
  if (void* p = f.embedding_object()) {
    auto* o = static_cast<Object*>(p);
    if (is_task_type(o->type)) return static_cast<TaskObject*>(o)->result_value();
    return static_cast<FutureObject*>(o)->result();
  }
  f.check_result();
  return Value::none();
}

Value new_task(EventLoop& loop, const Value& coro_or_generator, const Value& name) {
  install_asyncio_glue();
  Value coro = coroutine_for_task(coro_or_generator);
  if (!is_coroutine(coro)) raise_type_error("a coroutine was expected, got " + repr_std(coro));
  std::string n = (name.is_bound() && !name.is_none()) ? to_std_string(name) : std::string();
  auto* t = new TaskObject(loop, coro, std::move(n));
  Value v(static_cast<Object*>(t));
  t->begin();
  return v;
}

void quiet_destroy_pending(const Value& fut) {
  if (isinstance_of(fut, task_type)) static_cast<TaskObject*>(as_future(fut))->log_destroy_pending = false;
}

Value ensure_future(const Value& obj, EventLoop* loop) {
  if (as_future(obj)) return obj;
  if (is_coroutine(obj) || is_iterable_coroutine(obj))
    return new_task(loop ? *loop : event_loop_for_call(), obj, Value());
  Value awaitable = awaitable_as_coroutine(obj);  // an __await__ object: wrapped (_wrap_awaitable)
  if (awaitable.is_bound()) return new_task(loop ? *loop : event_loop_for_call(), awaitable, Value());
  raise_type_error("An asyncio.Future, a coroutine or an awaitable is required");
}

void init_future_types() {
  future_type = make_builtin_type("Future", nullptr, "_asyncio");
  future_type->repr = &fut_repr;
  future_type->new_ = &fut_new;
  task_type = make_builtin_type("Task", future_type, "_asyncio");
  core_future_type = make_builtin_type("Future", nullptr, "_asyncio");
  core_future_type->repr = &core_future_repr;
  task_type->repr = &fut_repr;
  task_type->new_ = &task_new;
  for (TypeObject* t : {future_type, task_type}) {
    add_method(t, "result", &fut_result);
    add_method(t, "exception", &fut_exception);
    add_method(t, "done", &fut_done);
    add_method(t, "cancelled", &fut_cancelled);
    add_method(t, "cancel", &fut_cancel);
    add_method(t, "add_done_callback", &fut_add_done_callback);
    add_method(t, "remove_done_callback", &fut_remove_done_callback);
    add_method(t, "get_loop", &fut_get_loop);
  }
  add_method(future_type, "set_result", &fut_set_result);
  add_method(future_type, "set_exception", &fut_set_exception);
  add_method(task_type, "set_result", &fut_set_result);
  add_method(task_type, "set_exception", &fut_set_exception);
  add_method(task_type, "get_name", &task_get_name);
  add_method(task_type, "set_name", &task_set_name);
  add_method(task_type, "get_coro", &task_get_coro);
  add_method(task_type, "cancelling", &task_cancelling);
  add_method(task_type, "uncancel", &task_uncancel);
}

// Destructors report exceptions nobody retrieved (CPython's __del__).
FutureObject::~FutureObject() { report_unretrieved(*this, "Future exception was never retrieved"); }
TaskObject::~TaskObject() {
  // A coroutine the task never started dies unawaited: CPython warns.
  if (state() == State::Pending && !started()) static_cast<CoroutineObject*>(coro_value.object())->claimed = false;
  if (state() == State::Pending && log_destroy_pending) {  // Task.__del__
    try {
      loop().call_exception_handler({"Task was destroyed but it is pending!", nullptr, nullptr, this, "task"});
    } catch (...) {  // a finaliser cannot raise (CPython: "Exception ignored in")
    }
  }
  report_unretrieved(*this, "Task exception was never retrieved");
}

}  // namespace aio
