// asyncio.TaskGroup through the glue, and the typed TaskGroup below, against python3 3.11.7
// (tg.py, quoted below): a clean group waits for its tasks; a failing task cancels its siblings and the parent, and
// __aexit__ raises ExceptionGroup('unhandled errors in a TaskGroup', [ValueError('boom')]).
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "aio/aio.hpp"
#include "aio/python.hpp"
#include "aio/task_group.hpp"

using aio::Value;

namespace {

Value s(const char* text) { return aio::make_str(std::string_view(text)); }
Value A(const char* name) { return aio::getattr(aio::import_module("asyncio"), s(name)); }
Value g_out;
void out(const Value& v) { aio::list_append(g_out, v); }
const aio::CodeInfo kMain{"main", "main", "t.aio", 1, aio::CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};
const aio::CodeInfo kOk{"ok", "ok", "t.aio", 2, aio::CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};
const aio::CodeInfo kBad{"bad", "bad", "t.aio", 3, aio::CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};

// async def ok(n, d):
//     try: await asyncio.sleep(d); out.append(f"{n} done"); return n
//     except asyncio.CancelledError: out.append(f"{n} cancelled"); raise
aio::Coro<Value> ok_body(Value n, Value d) {
  Value sl = aio::call(A("sleep"), {d});
  Value caught;
  try {
    co_await aio::await_(sl);
  } catch (aio::PyException& e) {
    caught = e.value();
  }
  if (caught.is_bound()) {
    out(aio::join_strs({n, s(" cancelled")}));
    aio::raise(caught);
  }
  out(aio::join_strs({n, s(" done")}));
  co_return n;
}
Value ok(const char* n, double d) { return aio::make_coroutine(ok_body(s(n), Value(d)), &kOk); }
// async def bad(d): await asyncio.sleep(d); raise ValueError("boom")
aio::Coro<Value> bad_body(Value d) {
  Value sl = aio::call(A("sleep"), {d});
  co_await aio::await_(sl);
  aio::raise_value_error("boom");
}

// async with asyncio.TaskGroup() as tg: (body) -- as codegen lowers it: __aenter__, body,
// then __aexit__ with the body's exception (or Nones); __aexit__'s exception propagates.
aio::Coro<Value> main_body() {
  Value tg = aio::call(A("TaskGroup"), {});
  Value enter = aio::call_method(tg, s("__aenter__"), {});
  co_await aio::await_(enter);
  Value t1 = aio::call_method(tg, s("create_task"), {ok("a", 0.01)});
  Value t2 = aio::call_method(tg, s("create_task"), {ok("b", 0.02)});
  out(aio::repr(tg));
  Value exit = aio::call_method(tg, s("__aexit__"), {Value::none(), Value::none(), Value::none()});
  co_await aio::await_(exit);
  out(aio::make_tuple({aio::call_method(t1, s("result"), {}), aio::call_method(t2, s("result"), {}), aio::repr(tg)}));

  Value tg2 = aio::call(A("TaskGroup"), {});
  Value enter2 = aio::call_method(tg2, s("__aenter__"), {});
  co_await aio::await_(enter2);
  aio::call_method(tg2, s("create_task"), {ok("c", 0.5)});
  aio::call_method(tg2, s("create_task"), {aio::make_coroutine(bad_body(Value(0.01)), &kBad)});
  aio::call_method(tg2, s("create_task"), {ok("d", 0.5)});
  Value exit2 = aio::call_method(tg2, s("__aexit__"), {Value::none(), Value::none(), Value::none()});
  Value eg;
  try {
    co_await aio::await_(exit2);
  } catch (aio::PyException& e) {
    eg = e.value();
  }
  REQUIRE(eg.is_bound());
  Value reprs = aio::make_list({});
  Value it = aio::iter(aio::getattr(eg, s("exceptions")));
  Value x;
  while (aio::next(it, x)) aio::list_append(reprs, aio::repr(x));
  out(aio::make_tuple({aio::type_name(eg), aio::getattr(eg, s("message")), reprs}));
  co_return Value::none();
}

}  // namespace

TEST_CASE("asyncio.TaskGroup: waits for tasks; first failure cancels siblings, ExceptionGroup", "[asyncio][taskgroup]") {
  aio::runtime_init();
  g_out = aio::make_list({});
  aio::call(A("run"), {aio::make_coroutine(main_body(), &kMain)});
  CHECK(aio::repr_std(g_out) ==
        "['<TaskGroup tasks=2 entered>', 'a done', 'b done', ('a', 'b', '<TaskGroup entered>'), 'c cancelled', "
        "'d cancelled', ('ExceptionGroup', 'unhandled errors in a TaskGroup', [\"ValueError('boom')\"])]");
}

// The typed TaskGroup: the same program with C++ exceptions (ValueError -> std::invalid_argument,
// ExceptionGroup -> aio::TaskGroupError).
namespace {

std::vector<std::string> g_log;

aio::Coro<std::string> typed_ok(std::string n, double d) {
  std::exception_ptr caught;
  try {
    co_await aio::sleep(d);
  } catch (...) {
    caught = std::current_exception();
  }
  if (caught) {
    g_log.push_back(n + " cancelled");
    std::rethrow_exception(caught);
  }
  g_log.push_back(n + " done");
  co_return n;
}
aio::Coro<void> typed_bad(double d) {
  co_await aio::sleep(d);
  throw std::invalid_argument("boom");
}

aio::Coro<void> typed_main() {
  auto tg = aio::make_ref<aio::TaskGroup>();
  tg->enter();
  auto t1 = tg->create_task(typed_ok("a", 0.01));
  auto t2 = tg->create_task(typed_ok("b", 0.02));
  g_log.push_back(tg->repr());
  aio::Coro<void> x = tg->exit(nullptr);
  co_await x;
  g_log.push_back(t1->result() + " " + t2->result() + " " + tg->repr());

  auto tg2 = aio::make_ref<aio::TaskGroup>();
  tg2->enter();
  tg2->create_task(typed_ok("c", 0.5));
  tg2->create_task(typed_bad(0.01));
  tg2->create_task(typed_ok("d", 0.5));
  aio::Coro<void> x2 = tg2->exit(nullptr);
  try {
    co_await x2;
  } catch (const aio::TaskGroupError& e) {
    std::string msg = std::string(e.what()) + ":";
    for (auto& err : e.errors()) {
      try {
        std::rethrow_exception(err);
      } catch (const std::invalid_argument& ia) {
        msg += std::string(" ") + ia.what();
      }
    }
    g_log.push_back(msg);
  }
}

}  // namespace

TEST_CASE("TaskGroup (typed): siblings cancelled on the first failure, TaskGroupError", "[taskgroup]") {
  aio::set_error_factory(aio::default_error_factory());
  g_log.clear();
  aio::run(typed_main());
  CHECK(g_log == std::vector<std::string>{"<TaskGroup tasks=2 entered>", "a done", "b done",
                                          "a b <TaskGroup entered>", "c cancelled", "d cancelled",
                                          "unhandled errors in a TaskGroup: boom"});
}
