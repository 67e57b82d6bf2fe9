// The Python event loop object (asyncio's _UnixSelectorEventLoop API on an EventLoop) and
// Handle/TimerHandle objects for Python callbacks.
#include <fmt/format.h>

#include "aio/async_generator.hpp"
#include "aio/asyncio_module.hpp"
#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/float.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"
#include "glue_internal.hpp"

namespace aio {

TypeObject* event_loop_type = nullptr;
TypeObject* handle_type = nullptr;
TypeObject* timer_handle_type = nullptr;

namespace {

// A Python callback with its arguments, run by the loop (events.Handle._run).
template <class Base>
class PyCallbackHandle final : public Base {
 public:
  template <class... A>
  PyCallbackHandle(Value fn, std::vector<Value> args, A&&... base_args)
      : Base(std::forward<A>(base_args)...), fn_(std::move(fn)), args_(std::move(args)) {}
  void invoke() override {
    Value fn = fn_;  // the call may cancel (and clear) this handle
    std::vector<Value> args = args_;
    call_vector(fn, args);
  }
  std::string callback_repr() const override { return format_callback(fn_, args_); }
  std::string repr() const override {
    std::string inner = this->cancelled() ? "cancelled" : format_callback(fn_, args_);
    if constexpr (std::is_same_v<Base, TimerHandle>)
      return fmt::format("<TimerHandle when={} {}>", repr_std(Value(this->when())), inner);
    else
      return "<Handle " + inner + ">";
  }

 protected:
  void drop_callback() noexcept override {
    fn_ = Value::none();
    args_.clear();
  }

 private:
  Value fn_;
  std::vector<Value> args_;
};

EventLoop& self_loop(const CallArgs& a) { return loop_of(a[0]); }

std::vector<Value> rest_args(const CallArgs& a, std::size_t from) {
  return std::vector<Value>(a.pos + std::min(from, a.npos), a.pos + a.npos);
}

double to_seconds(const Value& v) {
  if (v.is_int() || v.is_bool()) return static_cast<double>(v.as_int());
  if (v.is_float()) return v.as_float();
  raise_type_error("'" + to_std_string(type_name(v)) + "' object cannot be interpreted as a number");
}

Value wrap_handle(Ref<Handle> h, bool timer) { return Value(static_cast<Object*>(new HandleObject(std::move(h), timer))); }

Value loop_call_soon(const CallArgs& a) {
  if (a.npos < 2) raise_type_error("call_soon() missing 1 required positional argument: 'callback'");
  EventLoop& l = self_loop(a);
  Ref<Handle> h(new PyCallbackHandle<Handle>(a[1], rest_args(a, 2)));
  l.schedule_ready(h);
  return wrap_handle(h, false);
}
Value loop_call_soon_threadsafe(const CallArgs& a) {
  if (a.npos < 2) raise_type_error("call_soon_threadsafe() missing 1 required positional argument: 'callback'");
  EventLoop& l = self_loop(a);
  Ref<Handle> h(new PyCallbackHandle<Handle>(a[1], rest_args(a, 2)));
  l.schedule_threadsafe(h);
  return wrap_handle(h, false);
}
Value schedule_at(EventLoop& l, double when, const CallArgs& a) {
  Ref<TimerHandle> h(new PyCallbackHandle<TimerHandle>(a[2], rest_args(a, 3), &l, when));
  l.schedule_timer(h);
  return wrap_handle(Ref<Handle>(h), true);
}
Value loop_call_later(const CallArgs& a) {
  if (a.npos < 3) raise_type_error("call_later() missing required positional arguments");
  EventLoop& l = self_loop(a);
  return schedule_at(l, l.time() + to_seconds(a[1]), a);
}
Value loop_call_at(const CallArgs& a) {
  if (a.npos < 3) raise_type_error("call_at() missing required positional arguments");
  return schedule_at(self_loop(a), to_seconds(a[1]), a);
}
Value loop_time(const CallArgs& a) { return Value(self_loop(a).time()); }
Value loop_run_forever(const CallArgs& a) {
  self_loop(a).run_forever();
  return Value::none();
}
Value loop_run_until_complete(const CallArgs& a) {
  check_nargs(a, "run_until_complete", 2, 2);
  EventLoop& l = self_loop(a);
  if (l.is_closed()) raise_error(exc::RuntimeError, "Event loop is closed");
  Value fut = ensure_future(a[1], &l);
  if (!as_future(a[1])) quiet_destroy_pending(fut);
  l.run_until_done(*as_future(fut));
  return future_result_value(*as_future(fut));
}
Value loop_stop(const CallArgs& a) {
  self_loop(a).stop();
  return Value::none();
}
Value loop_close(const CallArgs& a) {
  self_loop(a).close();
  return Value::none();
}
Value loop_is_running(const CallArgs& a) { return Value(self_loop(a).is_running()); }
Value loop_is_closed(const CallArgs& a) { return Value(self_loop(a).is_closed()); }
Value loop_create_future(const CallArgs& a) {
  return Value(static_cast<Object*>(new FutureObject(self_loop(a))));
}
Value loop_create_task(const CallArgs& a) {
  Value args[4];
  parse_args(a, "create_task", {"self", "coro", "name", "context"}, 2, args);
  return new_task(self_loop(a), args[1], args[2]);
}
Value loop_get_debug(const CallArgs&) { return Value(false); }
Value loop_repr(const Value& self) {
  EventLoop& l = loop_of(self);
  return make_str(fmt::format("<_UnixSelectorEventLoop running={} closed={} debug=False>",
                              l.is_running() ? "True" : "False", l.is_closed() ? "True" : "False"));
}

Value handle_cancel(const CallArgs& a) {
  static_cast<HandleObject*>(a[0].object())->handle->cancel();
  return Value::none();
}
Value handle_cancelled(const CallArgs& a) {
  return Value(static_cast<HandleObject*>(a[0].object())->handle->cancelled());
}
Value handle_when(const CallArgs& a) {
  return Value(static_cast<TimerHandle*>(static_cast<HandleObject*>(a[0].object())->handle.get())->when());
}
Value handle_repr(const Value& self) { return make_str(static_cast<HandleObject*>(self.object())->handle->repr()); }

}  // namespace

LoopObject::LoopObject() : Object(event_loop_type), loop(new EventLoop) { loop->user_data = this; }

LoopObject::~LoopObject() {
  // Futures, tasks and timer handles keep the EventLoop itself alive (EventLoop::add_user):
  // closing drops what only the loop held (its queues), and the loop is deleted with its
  // last user.
  loop->user_data = nullptr;
  asyncgen_forget_loop(this);
  if (!loop->is_running()) loop->close();
  EventLoop::release_owner(loop.release());
}

HandleObject::HandleObject(Ref<Handle> h, bool timer)
    : Object(timer ? timer_handle_type : handle_type), handle(std::move(h)) {}

Value loop_object(EventLoop& loop) {
  if (!loop.user_data) raise_error(exc::RuntimeError, "event loop has no Python object");
  return Value::borrowed(static_cast<Object*>(static_cast<LoopObject*>(loop.user_data)));
}

EventLoop& loop_of(const Value& v) {
  if (!v.is_object() || !v.object()->type->is_subtype_of(event_loop_type))
    raise_type_error("an event loop was expected, got " + repr_std(v));
  return *static_cast<LoopObject*>(v.object())->loop;
}

std::string format_callback(const Value& fn, const std::vector<Value>& args) {
  std::string a;
  for (std::size_t i = 0; i < args.size(); ++i) a += (i ? ", " : "") + repr_std(args[i]);
  Object* o = fn.object();
  if (o && o->type == function_type) {
    auto* f = static_cast<FunctionObject*>(o);
    return fmt::format("{}({}) at {}:{}", to_std_string(f->qualname), a, f->code->filename, f->code->first_line);
  }
  if (o && o->type == builtin_function_type)
    return static_cast<NativeFunctionObject*>(o)->qualname.empty()
               ? static_cast<NativeFunctionObject*>(o)->name + "(" + a + ")"
               : static_cast<NativeFunctionObject*>(o)->qualname + "(" + a + ")";
  return repr_std(fn) + "(" + a + ")";
}

void init_loop_types() {
  event_loop_type = make_builtin_type("_UnixSelectorEventLoop", nullptr, "asyncio.unix_events");
  event_loop_type->repr = &loop_repr;
  add_method(event_loop_type, "call_soon", &loop_call_soon);
  add_method(event_loop_type, "call_soon_threadsafe", &loop_call_soon_threadsafe);
  add_method(event_loop_type, "call_later", &loop_call_later);
  add_method(event_loop_type, "call_at", &loop_call_at);
  add_method(event_loop_type, "time", &loop_time);
  add_method(event_loop_type, "run_forever", &loop_run_forever);
  add_method(event_loop_type, "run_until_complete", &loop_run_until_complete);
  add_method(event_loop_type, "stop", &loop_stop);
  add_method(event_loop_type, "close", &loop_close);
  add_method(event_loop_type, "is_running", &loop_is_running);
  add_method(event_loop_type, "is_closed", &loop_is_closed);
  add_method(event_loop_type, "create_future", &loop_create_future);
  add_method(event_loop_type, "create_task", &loop_create_task);
  add_method(event_loop_type, "get_debug", &loop_get_debug);
  handle_type = make_builtin_type("Handle", nullptr, "asyncio.events");
  handle_type->repr = &handle_repr;
  add_method(handle_type, "cancel", &handle_cancel);
  add_method(handle_type, "cancelled", &handle_cancelled);
  timer_handle_type = make_builtin_type("TimerHandle", handle_type, "asyncio.events");
  timer_handle_type->repr = &handle_repr;
  add_method(timer_handle_type, "when", &handle_when);
}

}  // namespace aio
