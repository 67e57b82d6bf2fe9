// Python-visible asyncio.wait, as_completed, shield, timeout, timeout_at and Timeout, on the
// typed combinators of wait.hpp. asyncio.wait given coroutine objects takes the 3.8 meaning
// (wrapped in tasks) with a one-line DeprecationWarning on stderr (DESIGN.md).
#include <fmt/format.h>

#include <cmath>
#include <unordered_set>

#include "aio/asyncio_module.hpp"
#include "aio/builtins.hpp"
#include "aio/exceptions.hpp"
#include "aio/list.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/print.hpp"
#include "aio/set.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"
#include "aio/wait.hpp"
#include "glue_internal.hpp"
#include "sync_glue.hpp"

namespace aio {
namespace {

constexpr const char* kTasksPy = "/usr/lib/python3.11/asyncio/tasks.py";
constexpr const char* kTimeoutsPy = "/usr/lib/python3.11/asyncio/timeouts.py";
const CodeInfo kWait{"wait", "wait", kTasksPy, 384, CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};
const CodeInfo kWaitForOne{"_wait_for_one", "as_completed.<locals>._wait_for_one", kTasksPy, 600,
                           CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};
const CodeInfo kTAenter{"__aenter__", "Timeout.__aenter__", kTimeoutsPy, 89, CodeInfo::Coroutine, {}, 0, 0, 0,
                        nullptr, nullptr, nullptr};
const CodeInfo kTAexit{"__aexit__", "Timeout.__aexit__", kTimeoutsPy, 97, CodeInfo::Coroutine, {}, 0, 0, 0,
                       nullptr, nullptr, nullptr};

TypeObject* timeout_type = nullptr;
TypeObject* as_completed_state_type = nullptr;

Value kw_arg(const CallArgs& a, const char* name, std::size_t& used) {
  for (std::size_t i = 0; i < a.nkw; ++i)
    if (to_std_string(a.kw[i].first) == name) {
      ++used;
      return a.kw[i].second;
    }
  return Value();
}

// Keyword-only parameters after `npos` positional ones (CPython's messages for the common
// mistakes only).
void bind_kwonly(const CallArgs& a, const char* fname, std::size_t npos, std::initializer_list<const char*> names,
                 Value* out) {
  if (a.npos != npos)
    raise_type_error(fmt::format("{}() takes {} positional argument{} but {} were given", fname, npos,
                                 npos == 1 ? "" : "s", a.npos));
  std::size_t used = 0, i = 0;
  for (const char* n : names) out[i++] = kw_arg(a, n, used);
  if (used != a.nkw) raise_type_error(fmt::format("{}() got an unexpected keyword argument", fname));
}

double timeout_seconds(const Value& v) {
  if (v.is_unbound() || v.is_none()) return kNoTimeout;
  double t = v.is_float() ? v.as_float() : static_cast<double>(v.as_int());
  return t < 0 ? 0 : t;
}

// Distinct futures from an iterable (coroutines wrapped in tasks on the running loop).
std::vector<Value> distinct_futures(const Value& fs, bool* had_coroutine) {
  std::vector<Value> out;
  std::unordered_set<const Object*> seen;  // set(fs): futures and coroutines hash by identity
  Value it = iter(fs);
  Value x;
  while (next(it, x)) {
    if (had_coroutine && is_coroutine(x)) *had_coroutine = true;
    if (!x.is_object() || seen.insert(x.object()).second) out.push_back(x);
  }
  return out;
}

std::vector<Ref<FutureBase>> as_refs(std::vector<Value>& futs, EventLoop* loop) {
  std::vector<Ref<FutureBase>> refs;
  for (auto& f : futs) {
    if (!as_future(f)) f = ensure_future(f, loop);
    refs.emplace_back(as_future(f));
  }
  return refs;
}

// ---- wait ---------------------------------------------------------------------------------

Coro<Value> wait_body(Value fs, Value timeout, Value return_when) {
  if (as_future(fs) || is_coroutine(fs))
    raise_type_error("expect a list of futures, not " + to_std_string(type_name(fs)));
  bool had_coroutine = false;
  std::vector<Value> futs = distinct_futures(fs, &had_coroutine);
  if (futs.empty()) raise_value_error("Set of Tasks/Futures is empty.");
  std::string rw = return_when.is_unbound() ? "ALL_COMPLETED"
                   : isinstance_of(return_when, str_type) ? to_std_string(return_when) : "";
  ReturnWhen when = ReturnWhen::AllCompleted;
  if (rw == "FIRST_COMPLETED") when = ReturnWhen::FirstCompleted;
  else if (rw == "FIRST_EXCEPTION") when = ReturnWhen::FirstException;
  else if (rw != "ALL_COMPLETED") raise_value_error("Invalid return_when value: " + to_std_string(str(return_when)));
  EventLoop& loop = get_running_loop();
  if (had_coroutine)
    stderr_write("DeprecationWarning: The explicit passing of coroutine objects to asyncio.wait() is "
                 "deprecated since Python 3.8, and scheduled for removal in Python 3.11.\n");
  std::vector<Ref<FutureBase>> refs = as_refs(futs, &loop);
  Coro<WaitResult> w = aio::wait(refs, when, timeout_seconds(timeout));
  WaitResult r = co_await w;
  Value done = make_set({}), pending = make_set({});
  for (auto& f : r.done) set_add(done, future_value(f.get()));
  for (auto& f : r.pending) set_add(pending, future_value(f.get()));
  co_return make_tuple({done, pending});
}

Value f_wait(const CallArgs& a) {
  Value kw[2];
  bind_kwonly(a, "wait", 1, {"timeout", "return_when"}, kw);
  return make_coroutine(wait_body(a[0], kw[0], kw[1]), &kWait);
}

// ---- as_completed -------------------------------------------------------------------------

struct AsCompletedObject : Object {
  std::unique_ptr<AsCompleted> ac;
  std::vector<Value> futs;  // keeps the Python futures alive
  AsCompletedObject() : Object(as_completed_state_type) {}
};

Coro<Value> wait_for_one_body(Value state) {
  auto& st = static_cast<AsCompletedObject&>(*state.object());
  Coro<Ref<FutureBase>> n = st.ac->next();
  Ref<FutureBase> f = co_await n;
  co_return future_result_value(*f);
}

Value f_as_completed(const CallArgs& a) {
  Value kw[1];
  bind_kwonly(a, "as_completed", 1, {"timeout"}, kw);
  if (as_future(a[0]) || is_coroutine(a[0]))
    raise_type_error("expect an iterable of futures, not " + to_std_string(type_name(a[0])));
  EventLoop& loop = event_loop_for_call();
  auto* st = new AsCompletedObject;
  Value state(static_cast<Object*>(st));
  st->futs = distinct_futures(a[0], nullptr);
  std::vector<Ref<FutureBase>> refs = as_refs(st->futs, &loop);
  st->ac = std::make_unique<AsCompleted>(std::move(refs), timeout_seconds(kw[0]));
  std::vector<Value> coros;
  for (std::size_t i = 0; i < st->ac->size(); ++i)
    coros.push_back(make_coroutine(wait_for_one_body(state), &kWaitForOne));
  return iter(make_list(std::move(coros)));
}

// ---- shield -------------------------------------------------------------------------------

void copy_result(FutureBase& inner, FutureBase& outer) {
  static_cast<FutureObject&>(outer).set_result(future_result_value(inner));
}

Value f_shield(const CallArgs& a) {
  check_nargs(a, "shield", 1, 1);
  Value inner = ensure_future(a[0], nullptr);
  FutureBase* in = as_future(inner);
  if (in->done()) return inner;
  auto* outer = new FutureObject(in->loop());
  Value out(static_cast<Object*>(outer));
  shield_into(Ref<FutureBase>(in), Ref<FutureBase>(static_cast<FutureBase*>(outer)), &copy_result);
  return out;
}

// ---- timeout ------------------------------------------------------------------------------

struct TimeoutObject : Object {
  Ref<Timeout> t;
  explicit TimeoutObject(Ref<Timeout> x) : Object(timeout_type), t(std::move(x)) {}
};
Timeout& self_timeout(const Value& v) {
  if (!isinstance_of(v, timeout_type)) raise_type_error("descriptor requires an 'asyncio.timeouts.Timeout' object");
  return *static_cast<TimeoutObject&>(*v.object()).t;
}
std::optional<double> opt_seconds(const Value& v) {
  if (v.is_unbound() || v.is_none()) return std::nullopt;
  return v.is_float() ? v.as_float() : static_cast<double>(v.as_int());
}
Value make_timeout_value(Ref<Timeout> t) {
  install_asyncio_glue();
  return Value(static_cast<Object*>(new TimeoutObject(std::move(t))));
}

Value f_timeout(const CallArgs& a) {
  Value args[1];
  parse_args(a, "timeout", {"delay"}, 1, args);
  return make_timeout_value(timeout(opt_seconds(args[0])));
}
Value f_timeout_at(const CallArgs& a) {
  Value args[1];
  parse_args(a, "timeout_at", {"when"}, 1, args);
  return make_timeout_value(timeout_at(opt_seconds(args[0])));
}
Value timeout_new(TypeObject*, const CallArgs& a) {
  Value args[1];
  parse_args(a, "Timeout", {"when"}, 1, args);
  return make_timeout_value(make_ref<Timeout>(opt_seconds(args[0])));
}
Value timeout_repr(const Value& self) {
  Timeout& t = self_timeout(self);
  std::string info;
  if (t.state() == Timeout::State::Entered)
    info = " when=" + (t.when() ? repr_std(Value(std::round(*t.when() * 1000) / 1000)) : std::string("None"));
  return make_str(fmt::format("<Timeout [{}]{}>", Timeout::state_name(t.state()), info));
}
Value t_when(const CallArgs& a) {
  check_nargs(a, "when", 1, 1);
  auto w = self_timeout(a[0]).when();
  return w ? Value(*w) : Value::none();
}
Value t_reschedule(const CallArgs& a) {
  check_nargs(a, "reschedule", 2, 2);
  self_timeout(a[0]).reschedule(opt_seconds(a[1]));
  return Value::none();
}
Value t_expired(const CallArgs& a) {
  check_nargs(a, "expired", 1, 1);
  return Value(self_timeout(a[0]).expired());
}
Coro<Value> t_aenter_body(Value self) {
  self_timeout(self).enter();
  co_return self;
}
Coro<Value> t_aexit_body(Value self, Value exc) {
  std::exception_ptr err;
  if (!exc.is_none()) err = std::make_exception_ptr(PyException(exc));
  try {
    self_timeout(self).exit(err);
  } catch (PyException& e) {
    if (!exc.is_none() && isinstance_of(e.value(), exc::TimeoutError)) raise_from(e.value(), exc);  // `from exc_val`
    throw;
  }
  co_return Value::none();
}
Value t_aenter(const CallArgs& a) {
  check_nargs(a, "__aenter__", 1, 1);
  return make_coroutine(t_aenter_body(a[0]), &kTAenter);
}
Value t_aexit(const CallArgs& a) {
  check_nargs(a, "__aexit__", 4, 4);
  return make_coroutine(t_aexit_body(a[0], a[2]), &kTAexit);
}

}  // namespace

void add_combinator_attributes(const Value& m) {
  if (!timeout_type) {
    timeout_type = make_builtin_type("Timeout", nullptr, "asyncio.timeouts");
    timeout_type->new_ = &timeout_new;
    timeout_type->repr = &timeout_repr;
    add_method(timeout_type, "when", &t_when);
    add_method(timeout_type, "reschedule", &t_reschedule);
    add_method(timeout_type, "expired", &t_expired);
    add_method(timeout_type, "__aenter__", &t_aenter);
    add_method(timeout_type, "__aexit__", &t_aexit);
    as_completed_state_type = make_builtin_type("_AsCompletedState", nullptr, "asyncio.tasks");
  }
  module_add_function(m, "wait", &f_wait);
  module_add_function(m, "as_completed", &f_as_completed);
  module_add_function(m, "shield", &f_shield);
  module_add_function(m, "timeout", &f_timeout);
  module_add_function(m, "timeout_at", &f_timeout_at);
  module_add(m, "Timeout", Value::borrowed(timeout_type));
  module_add(m, "FIRST_COMPLETED", make_str("FIRST_COMPLETED"));
  module_add(m, "FIRST_EXCEPTION", make_str("FIRST_EXCEPTION"));
  module_add(m, "ALL_COMPLETED", make_str("ALL_COMPLETED"));
}

}  // namespace aio
