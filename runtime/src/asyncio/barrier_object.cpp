// Python-visible asyncio.Barrier and asyncio.BrokenBarrierError over the typed Barrier
// (barrier.hpp). The typed core's BrokenBarrierError becomes the Python class at the await.
#include <fmt/format.h>

#include "aio/asyncio_module.hpp"
#include "aio/barrier.hpp"
#include "aio/builtins.hpp"
#include "aio/exceptions.hpp"
#include "aio/module.hpp"
#include "aio/str.hpp"
#include "glue_internal.hpp"
#include "sync_glue.hpp"

namespace aio {
namespace {

TypeObject* barrier_type = nullptr;
TypeObject* broken_barrier_type = nullptr;
constexpr const char* kLocksPy = "/usr/lib/python3.11/asyncio/locks.py";
const CodeInfo kWait{"wait", "Barrier.wait", kLocksPy, 469, CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};
const CodeInfo kReset{"reset", "Barrier.reset", kLocksPy, 537, CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};
const CodeInfo kAbort{"abort", "Barrier.abort", kLocksPy, 553, CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};
const CodeInfo kAenter{"__aenter__", "Barrier.__aenter__", kLocksPy, 461, CodeInfo::Coroutine, {}, 0, 0, 0, nullptr,
                       nullptr, nullptr};
const CodeInfo kAexit{"__aexit__", "Barrier.__aexit__", kLocksPy, 465, CodeInfo::Coroutine, {}, 0, 0, 0, nullptr,
                      nullptr, nullptr};

struct BarrierObject : Object {
  Barrier barrier;
  BarrierObject(TypeObject* t, long parties) : Object(t), barrier(parties) {}
};
Barrier& self_barrier(const Value& v) {
  if (!isinstance_of(v, barrier_type)) raise_type_error("descriptor requires an 'asyncio.locks.Barrier' object");
  return static_cast<BarrierObject&>(*v.object()).barrier;
}

// Rethrows `e`, with the typed BrokenBarrierError turned into asyncio.BrokenBarrierError.
[[noreturn]] void rethrow_python(const std::exception_ptr& e) {
  std::string msg;
  try {
    std::rethrow_exception(e);
  } catch (const BrokenBarrierError& b) {
    msg = b.what();
  }
  raise_error(broken_barrier_type, msg);
}

enum class Op { Wait, Reset, Abort };
Coro<Value> op_body(Value self, Op op) {
  Barrier& b = self_barrier(self);
  std::exception_ptr err;
  long index = 0;
  try {
    if (op == Op::Wait) {
      Coro<long> w = b.wait();
      index = co_await w;
    } else {
      Coro<void> c = op == Op::Reset ? b.reset() : b.abort();
      co_await c;
    }
  } catch (...) {
    err = std::current_exception();
  }
  if (err) rethrow_python(err);
  co_return op == Op::Wait ? Value::from_int(index) : Value::none();
}
Coro<Value> none_body() { co_return Value::none(); }

Value barrier_new(TypeObject* t, const CallArgs& a) {
  Value args[1];
  parse_args(a, "Barrier", {"parties"}, 1, args);
  install_asyncio_glue();
  std::int64_t parties = args[0].as_int();
  if (parties < 1) raise_value_error("parties must be > 0");
  return Value(static_cast<Object*>(new BarrierObject(t, static_cast<long>(parties))));
}
Value barrier_repr(const Value& self) {
  Barrier& b = self_barrier(self);
  std::string extra = Barrier::state_name(b.state());
  if (!b.broken()) extra += fmt::format(", waiters:{}/{}", b.n_waiting(), b.parties());
  return make_str(object_repr_with(self, extra));
}
Value m_wait(const CallArgs& a) {
  check_nargs(a, "wait", 1, 1);
  self_barrier(a[0]);
  return make_coroutine(op_body(a[0], Op::Wait), &kWait);
}
Value m_aenter(const CallArgs& a) {
  check_nargs(a, "__aenter__", 1, 1);
  self_barrier(a[0]);
  return make_coroutine(op_body(a[0], Op::Wait), &kAenter);
}
Value m_aexit(const CallArgs& a) {
  self_barrier(a[0]);
  return make_coroutine(none_body(), &kAexit);
}
Value m_reset(const CallArgs& a) {
  check_nargs(a, "reset", 1, 1);
  self_barrier(a[0]);
  return make_coroutine(op_body(a[0], Op::Reset), &kReset);
}
Value m_abort(const CallArgs& a) {
  check_nargs(a, "abort", 1, 1);
  self_barrier(a[0]);
  return make_coroutine(op_body(a[0], Op::Abort), &kAbort);
}
Value g_parties(const CallArgs& a) { return Value::from_int(self_barrier(a[0]).parties()); }
Value g_n_waiting(const CallArgs& a) { return Value::from_int(self_barrier(a[0]).n_waiting()); }
Value g_broken(const CallArgs& a) { return Value(self_barrier(a[0]).broken()); }

}  // namespace

void add_barrier_attributes(const Value& m) {
  if (!barrier_type) {
    broken_barrier_type = make_exception_type("BrokenBarrierError", exc::RuntimeError, "asyncio.exceptions");
    barrier_type = make_builtin_type("Barrier", nullptr, "asyncio.locks");
    barrier_type->new_ = &barrier_new;
    barrier_type->repr = &barrier_repr;
    add_method(barrier_type, "wait", &m_wait);
    add_method(barrier_type, "reset", &m_reset);
    add_method(barrier_type, "abort", &m_abort);
    add_method(barrier_type, "__aenter__", &m_aenter);
    add_method(barrier_type, "__aexit__", &m_aexit);
    add_getset(barrier_type, "parties", &g_parties);
    add_getset(barrier_type, "n_waiting", &g_n_waiting);
    add_getset(barrier_type, "broken", &g_broken);
  }
  module_add(m, "Barrier", Value::borrowed(barrier_type));
  module_add(m, "BrokenBarrierError", Value::borrowed(broken_barrier_type));
}

}  // namespace aio
