// Python-visible asyncio.Lock, Event, Condition, Semaphore and BoundedSemaphore: Python
// objects holding the typed primitives of locks.hpp. Awaitable methods return coroutine
// objects whose bodies keep `self` alive and await the typed coroutine, so waiter order and
// cancellation are the typed core's (CPython 3.11.7's). Reprs are CPython's.
#include <fmt/format.h>

#include <stdexcept>

#include "aio/asyncio_module.hpp"
#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/locks.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "glue_internal.hpp"
#include "sync_glue.hpp"

namespace aio {
namespace {

TypeObject* lock_type = nullptr;
TypeObject* event_type = nullptr;
TypeObject* condition_type = nullptr;
TypeObject* semaphore_type = nullptr;
TypeObject* bounded_semaphore_type = nullptr;

constexpr const char* kLocksPy = "/usr/lib/python3.11/asyncio/locks.py";
#define AIO_CODE(var, name, qual, line) \
  const CodeInfo var{name, qual, kLocksPy, line, CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr}
AIO_CODE(kAenter, "__aenter__", "_ContextManagerMixin.__aenter__", 13);
AIO_CODE(kAexit, "__aexit__", "_ContextManagerMixin.__aexit__", 19);
AIO_CODE(kLockAcquire, "acquire", "Lock.acquire", 93);
AIO_CODE(kEventWait, "wait", "Event.wait", 193);
AIO_CODE(kCondWait, "wait", "Condition.wait", 248);
AIO_CODE(kCondWaitFor, "wait_for", "Condition.wait_for", 285);
AIO_CODE(kSemAcquire, "acquire", "Semaphore.acquire", 381);
#undef AIO_CODE

struct LockObject : Object {
  Lock lock;
  explicit LockObject(TypeObject* t) : Object(t) {}
};
struct EventObject : Object {
  Event event;
  explicit EventObject(TypeObject* t) : Object(t) {}
};
struct ConditionObject : Object {
  Value lock_value;  // the LockObject whose lock is shared
  Condition cond;
  ConditionObject(TypeObject* t, Value lv)
      : Object(t), lock_value(std::move(lv)), cond(&static_cast<LockObject*>(lock_value.object())->lock) {}
};
struct SemaphoreObject : Object {
  std::unique_ptr<Semaphore> sem;
  SemaphoreObject(TypeObject* t, std::unique_ptr<Semaphore> s) : Object(t), sem(std::move(s)) {}
};

template <class T>
T& self_as(const Value& v, TypeObject* type, const char* what) {
  if (!isinstance_of(v, type))
    raise_type_error(fmt::format("descriptor requires a '{}' object", what));
  return static_cast<T&>(*v.object());
}
LockObject& as_lock(const Value& v) { return self_as<LockObject>(v, lock_type, "asyncio.locks.Lock"); }
EventObject& as_event(const Value& v) { return self_as<EventObject>(v, event_type, "asyncio.locks.Event"); }
ConditionObject& as_cond(const Value& v) {
  return self_as<ConditionObject>(v, condition_type, "asyncio.locks.Condition");
}
Semaphore& as_sem(const Value& v) {
  return *self_as<SemaphoreObject>(v, semaphore_type, "asyncio.locks.Semaphore").sem;
}

std::string waiters_suffix(std::size_t n) { return n ? fmt::format(", waiters:{}", n) : ""; }

// ---- the "acquire" family: Lock, Condition and Semaphore share __aenter__/__aexit__ -------

Coro<bool> acquire_typed(const Value& self) {
  if (isinstance_of(self, lock_type)) return as_lock(self).lock.acquire();
  if (isinstance_of(self, condition_type)) return as_cond(self).cond.acquire();
  return as_sem(self).acquire();
}
void release_typed(const Value& self) {
  if (isinstance_of(self, lock_type)) return as_lock(self).lock.release();
  if (isinstance_of(self, condition_type)) return as_cond(self).cond.release();
  if (isinstance_of(self, bounded_semaphore_type)) {
    auto& b = static_cast<BoundedSemaphore&>(as_sem(self));
    if (b.value() >= b.bound()) raise_value_error("BoundedSemaphore released too many times");
  }
  as_sem(self).release();
}

Coro<Value> acquire_body(Value self, Value result) {
  Coro<bool> a = acquire_typed(self);
  co_await a;
  co_return result;
}
Coro<Value> aexit_body(Value self) {
  release_typed(self);
  co_return Value::none();
}

Value m_acquire(const CallArgs& a) {
  check_nargs(a, "acquire", 1, 1);
  const CodeInfo* code = isinstance_of(a[0], semaphore_type) ? &kSemAcquire : &kLockAcquire;
  return make_coroutine(acquire_body(a[0], Value(true)), code);
}
Value m_release(const CallArgs& a) {
  check_nargs(a, "release", 1, 1);
  release_typed(a[0]);
  return Value::none();
}
Value m_aenter(const CallArgs& a) {
  check_nargs(a, "__aenter__", 1, 1);
  return make_coroutine(acquire_body(a[0], Value::none()), &kAenter);
}
Value m_aexit(const CallArgs& a) {
  check_nargs(a, "__aexit__", 4, 4);
  return make_coroutine(aexit_body(a[0]), &kAexit);
}
Value m_locked(const CallArgs& a) {
  check_nargs(a, "locked", 1, 1);
  if (isinstance_of(a[0], lock_type)) return Value(as_lock(a[0]).lock.locked());
  if (isinstance_of(a[0], condition_type)) return Value(as_cond(a[0]).cond.locked());
  return Value(as_sem(a[0]).locked());
}

// ---- Lock ---------------------------------------------------------------------------------

Value lock_new(TypeObject* t, const CallArgs& a) {
  if (a.npos || a.nkw) raise_type_error("Lock.__init__() takes 1 positional argument but " +
                                        std::to_string(a.npos + 1) + " were given");
  install_asyncio_glue();
  return Value(static_cast<Object*>(new LockObject(t)));
}
Value lock_repr(const Value& self) {
  Lock& l = as_lock(self).lock;
  return make_str(object_repr_with(self, (l.locked() ? "locked" : "unlocked") + waiters_suffix(l.waiter_count())));
}

// ---- Event --------------------------------------------------------------------------------

Value event_new(TypeObject* t, const CallArgs& a) {
  if (a.npos || a.nkw) raise_type_error("Event.__init__() takes 1 positional argument but " +
                                        std::to_string(a.npos + 1) + " were given");
  install_asyncio_glue();
  return Value(static_cast<Object*>(new EventObject(t)));
}
Value event_repr(const Value& self) {
  Event& e = as_event(self).event;
  return make_str(object_repr_with(self, (e.is_set() ? "set" : "unset") + waiters_suffix(e.waiter_count())));
}
Coro<Value> event_wait_body(Value self) {
  Coro<bool> w = as_event(self).event.wait();
  co_await w;
  co_return Value(true);
}
Value event_wait(const CallArgs& a) {
  check_nargs(a, "wait", 1, 1);
  as_event(a[0]);
  return make_coroutine(event_wait_body(a[0]), &kEventWait);
}
Value event_set(const CallArgs& a) {
  check_nargs(a, "set", 1, 1);
  as_event(a[0]).event.set();
  return Value::none();
}
Value event_clear(const CallArgs& a) {
  check_nargs(a, "clear", 1, 1);
  as_event(a[0]).event.clear();
  return Value::none();
}
Value event_is_set(const CallArgs& a) {
  check_nargs(a, "is_set", 1, 1);
  return Value(as_event(a[0]).event.is_set());
}

// ---- Condition ----------------------------------------------------------------------------

Value cond_new(TypeObject* t, const CallArgs& a) {
  Value args[1];
  parse_args(a, "Condition", {"lock"}, 0, args);
  install_asyncio_glue();
  Value lock = args[0];
  if (lock.is_unbound() || lock.is_none()) {
    lock = Value(static_cast<Object*>(new LockObject(lock_type)));
  } else if (!isinstance_of(lock, lock_type)) {
    raise_type_error("Condition(lock): only asyncio.Lock objects are supported, not " +
                     to_std_string(type_name(lock)));
  }
  return Value(static_cast<Object*>(new ConditionObject(t, lock)));
}
Value cond_repr(const Value& self) {
  Condition& c = as_cond(self).cond;
  return make_str(object_repr_with(self, (c.locked() ? "locked" : "unlocked") + waiters_suffix(c.waiter_count())));
}
Coro<Value> cond_wait_body(Value self) {
  Coro<bool> w = as_cond(self).cond.wait();
  co_await w;
  co_return Value(true);
}
Value cond_wait(const CallArgs& a) {
  check_nargs(a, "wait", 1, 1);
  as_cond(a[0]);
  return make_coroutine(cond_wait_body(a[0]), &kCondWait);
}
Coro<Value> cond_wait_for_body(Value self, Value predicate) {
  Value result = call(predicate, {});
  while (!truthy(result)) {
    Coro<bool> w = as_cond(self).cond.wait();
    co_await w;
    result = call(predicate, {});
  }
  co_return result;
}
Value cond_wait_for(const CallArgs& a) {
  Value args[2];
  parse_args(a, "wait_for", {"self", "predicate"}, 2, args);
  as_cond(args[0]);
  return make_coroutine(cond_wait_for_body(args[0], args[1]), &kCondWaitFor);
}
Value cond_notify(const CallArgs& a) {
  Value args[2];
  parse_args(a, "notify", {"self", "n"}, 1, args);
  std::int64_t n = args[1].is_bound() ? args[1].as_int() : 1;
  as_cond(args[0]).cond.notify(n < 0 ? 0 : static_cast<std::size_t>(n));
  return Value::none();
}
Value cond_notify_all(const CallArgs& a) {
  check_nargs(a, "notify_all", 1, 1);
  as_cond(a[0]).cond.notify_all();
  return Value::none();
}

// ---- Semaphore / BoundedSemaphore ---------------------------------------------------------

Value sem_new(TypeObject* t, const CallArgs& a) {
  Value args[1];
  parse_args(a, t->name.c_str(), {"value"}, 0, args);
  install_asyncio_glue();
  long v = args[0].is_bound() ? static_cast<long>(args[0].as_int()) : 1;
  if (v < 0) raise_value_error("Semaphore initial value must be >= 0");
  std::unique_ptr<Semaphore> s;
  if (t->is_subtype_of(bounded_semaphore_type)) s = std::make_unique<BoundedSemaphore>(v);
  else s = std::make_unique<Semaphore>(v);
  return Value(static_cast<Object*>(new SemaphoreObject(t, std::move(s))));
}
Value sem_repr(const Value& self) {
  Semaphore& s = as_sem(self);
  std::string extra = s.locked() ? "locked" : fmt::format("unlocked, value:{}", s.value());
  return make_str(object_repr_with(self, extra + waiters_suffix(s.waiter_count())));
}

TypeObject* make_type(const char* name, TypeObject* base, NewSlot n, ReprSlot r) {
  TypeObject* t = make_builtin_type(name, base, "asyncio.locks");
  t->new_ = n;
  t->repr = r;
  return t;
}

void add_acquire_family(TypeObject* t) {
  add_method(t, "acquire", &m_acquire);
  add_method(t, "release", &m_release);
  add_method(t, "locked", &m_locked);
  add_method(t, "__aenter__", &m_aenter);
  add_method(t, "__aexit__", &m_aexit);
}

void init_sync_types() {
  if (lock_type) return;
  lock_type = make_type("Lock", nullptr, &lock_new, &lock_repr);
  add_acquire_family(lock_type);
  event_type = make_type("Event", nullptr, &event_new, &event_repr);
  add_method(event_type, "wait", &event_wait);
  add_method(event_type, "set", &event_set);
  add_method(event_type, "clear", &event_clear);
  add_method(event_type, "is_set", &event_is_set);
  condition_type = make_type("Condition", nullptr, &cond_new, &cond_repr);
  add_acquire_family(condition_type);
  add_method(condition_type, "wait", &cond_wait);
  add_method(condition_type, "wait_for", &cond_wait_for);
  add_method(condition_type, "notify", &cond_notify);
  add_method(condition_type, "notify_all", &cond_notify_all);
  semaphore_type = make_type("Semaphore", nullptr, &sem_new, &sem_repr);
  add_acquire_family(semaphore_type);
  bounded_semaphore_type = make_type("BoundedSemaphore", semaphore_type, &sem_new, &sem_repr);
}

}  // namespace

std::string object_repr_with(const Value& self, const std::string& extra) {
  TypeObject* t = type_of(self);
  return fmt::format("<{}.{} object at {} [{}]>", t->module, t->name,
                     static_cast<const void*>(self.object()), extra);
}

void add_sync_attributes(const Value& m) {
  init_sync_types();
  module_add(m, "Lock", Value::borrowed(lock_type));
  module_add(m, "Event", Value::borrowed(event_type));
  module_add(m, "Condition", Value::borrowed(condition_type));
  module_add(m, "Semaphore", Value::borrowed(semaphore_type));
  module_add(m, "BoundedSemaphore", Value::borrowed(bounded_semaphore_type));
  add_queue_attributes(m);
  add_combinator_attributes(m);
  add_task_group_attributes(m);
  add_barrier_attributes(m);
}

}  // namespace aio
