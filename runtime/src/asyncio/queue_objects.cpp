// Python-visible asyncio.Queue, PriorityQueue, LifoQueue, QueueFull and QueueEmpty: Python
// objects holding the typed BasicQueue<Value, ...> of queue.hpp (PriorityQueue compares with
// Python's `<`, through heapq's algorithm). Reprs and str are CPython's.
#include <fmt/format.h>

#include "aio/asyncio_module.hpp"
#include "aio/builtins.hpp"
#include "aio/exceptions.hpp"
#include "aio/list.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/queue.hpp"
#include "aio/str.hpp"
#include "glue_internal.hpp"
#include "sync_glue.hpp"

namespace aio {
namespace {

TypeObject* queue_full_type = nullptr;
TypeObject* queue_empty_type = nullptr;

struct PyLess {
  bool operator()(const Value& a, const Value& b) const { return truthy(lt(a, b)); }
};

using FifoQ = BasicQueue<Value, FifoStore<Value>>;
using LifoQ = BasicQueue<Value, LifoStore<Value>>;
using HeapQ = BasicQueue<Value, HeapStore<Value, PyLess>>;

constexpr const char* kQueuesPy = "/usr/lib/python3.11/asyncio/queues.py";
const CodeInfo kPut{"put", "Queue.put", kQueuesPy, 122, CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};
const CodeInfo kGet{"get", "Queue.get", kQueuesPy, 155, CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};
const CodeInfo kJoin{"join", "Queue.join", kQueuesPy, 203, CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};

// One Python type per storage policy; all methods are instantiated per policy.
template <class Q>
struct QueueObject : Object {
  Q q;
  QueueObject(TypeObject* t, long maxsize) : Object(t), q(maxsize) {}
  static TypeObject* type;
};
template <class Q>
TypeObject* QueueObject<Q>::type = nullptr;

template <class Q>
Q& self_q(const Value& v) {
  if (!isinstance_of(v, QueueObject<Q>::type)) raise_type_error("descriptor requires an asyncio queue");
  return static_cast<QueueObject<Q>&>(*v.object()).q;
}

template <class Q>
Value q_new(TypeObject* t, const CallArgs& a) {
  Value args[1];
  parse_args(a, t->name.c_str(), {"maxsize"}, 0, args);
  install_asyncio_glue();
  long maxsize = args[0].is_bound() ? static_cast<long>(args[0].as_int()) : 0;
  return Value(static_cast<Object*>(new QueueObject<Q>(t, maxsize)));
}

template <class Q>
std::string q_format(const Value& self) {
  Q& q = self_q<Q>(self);
  std::string r = fmt::format("maxsize={}", q.maxsize());
  if (!q.empty()) {
    std::vector<Value> items(q.items().begin(), q.items().end());
    r += " _queue=" + repr_std(make_list(std::move(items)));
  }
  if (q.getter_count()) r += fmt::format(" _getters[{}]", q.getter_count());
  if (q.putter_count()) r += fmt::format(" _putters[{}]", q.putter_count());
  if (q.unfinished_tasks()) r += fmt::format(" tasks={}", q.unfinished_tasks());
  return r;
}
template <class Q>
Value q_repr(const Value& self) {
  return make_str(fmt::format("<{} at {} {}>", type_of(self)->name, static_cast<const void*>(self.object()),
                              q_format<Q>(self)));
}
template <class Q>
Value q_str(const Value& self) {
  return make_str(fmt::format("<{} {}>", type_of(self)->name, q_format<Q>(self)));
}

[[noreturn]] void raise_plain(TypeObject* t) { raise(make_exception(t, std::initializer_list<Value>{})); }

template <class Q>
Coro<Value> put_body(Value self, Value item) {
  Coro<void> p = self_q<Q>(self).put(item);
  co_await p;
  co_return Value::none();
}
template <class Q>
Coro<Value> get_body(Value self) {
  Coro<Value> g = self_q<Q>(self).get();
  Value v = co_await g;
  co_return v;
}
template <class Q>
Coro<Value> join_body(Value self) {
  Coro<void> j = self_q<Q>(self).join();
  co_await j;
  co_return Value::none();
}

template <class Q>
Value q_put(const CallArgs& a) {
  check_nargs(a, "put", 2, 2);
  self_q<Q>(a[0]);
  return make_coroutine(put_body<Q>(a[0], a[1]), &kPut);
}
template <class Q>
Value q_get(const CallArgs& a) {
  check_nargs(a, "get", 1, 1);
  self_q<Q>(a[0]);
  return make_coroutine(get_body<Q>(a[0]), &kGet);
}
template <class Q>
Value q_join(const CallArgs& a) {
  check_nargs(a, "join", 1, 1);
  self_q<Q>(a[0]);
  return make_coroutine(join_body<Q>(a[0]), &kJoin);
}
template <class Q>
Value q_put_nowait(const CallArgs& a) {
  check_nargs(a, "put_nowait", 2, 2);
  Q& q = self_q<Q>(a[0]);
  if (q.full()) raise_plain(queue_full_type);
  q.put_nowait(a[1]);
  return Value::none();
}
template <class Q>
Value q_get_nowait(const CallArgs& a) {
  check_nargs(a, "get_nowait", 1, 1);
  Q& q = self_q<Q>(a[0]);
  if (q.empty()) raise_plain(queue_empty_type);
  return q.get_nowait();
}
template <class Q>
Value q_task_done(const CallArgs& a) {
  check_nargs(a, "task_done", 1, 1);
  Q& q = self_q<Q>(a[0]);
  if (q.unfinished_tasks() <= 0) raise_value_error("task_done() called too many times");
  q.task_done();
  return Value::none();
}
template <class Q>
Value q_qsize(const CallArgs& a) {
  check_nargs(a, "qsize", 1, 1);
  return Value::from_int(static_cast<std::int64_t>(self_q<Q>(a[0]).qsize()));
}
template <class Q>
Value q_empty(const CallArgs& a) {
  check_nargs(a, "empty", 1, 1);
  return Value(self_q<Q>(a[0]).empty());
}
template <class Q>
Value q_full(const CallArgs& a) {
  check_nargs(a, "full", 1, 1);
  return Value(self_q<Q>(a[0]).full());
}
template <class Q>
Value q_maxsize(const CallArgs& a) {
  return Value::from_int(self_q<Q>(a[0]).maxsize());
}

template <class Q>
TypeObject* make_queue_type(const char* name) {
  TypeObject* t = make_builtin_type(name, nullptr, "asyncio.queues");
  QueueObject<Q>::type = t;
  t->new_ = &q_new<Q>;
  t->repr = &q_repr<Q>;
  t->str = &q_str<Q>;
  add_method(t, "put", &q_put<Q>);
  add_method(t, "get", &q_get<Q>);
  add_method(t, "join", &q_join<Q>);
  add_method(t, "put_nowait", &q_put_nowait<Q>);
  add_method(t, "get_nowait", &q_get_nowait<Q>);
  add_method(t, "task_done", &q_task_done<Q>);
  add_method(t, "qsize", &q_qsize<Q>);
  add_method(t, "empty", &q_empty<Q>);
  add_method(t, "full", &q_full<Q>);
  add_getset(t, "maxsize", &q_maxsize<Q>);
  return t;
}

}  // namespace

void add_queue_attributes(const Value& m) {
  if (!queue_full_type) {
    queue_full_type = make_exception_type("QueueFull", exc::Exception, "asyncio.queues");
    queue_empty_type = make_exception_type("QueueEmpty", exc::Exception, "asyncio.queues");
    make_queue_type<FifoQ>("Queue");
    make_queue_type<HeapQ>("PriorityQueue");
    make_queue_type<LifoQ>("LifoQueue");
  }
  module_add(m, "Queue", Value::borrowed(QueueObject<FifoQ>::type));
  module_add(m, "PriorityQueue", Value::borrowed(QueueObject<HeapQ>::type));
  module_add(m, "LifoQueue", Value::borrowed(QueueObject<LifoQ>::type));
  module_add(m, "QueueFull", Value::borrowed(queue_full_type));
  module_add(m, "QueueEmpty", Value::borrowed(queue_empty_type));
}

}  // namespace aio
