// The asyncio glue driven the way generated code drives it (no compiler): async-def bodies
// written by hand as Coro<Value> functions, wrapped by make_coroutine, awaited with await_,
// and the asyncio module called through the object model. Expected orders and reprs are
// what python3 3.11 prints for the equivalent Python quoted beside each case.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "aio/python.hpp"

using aio::Value;

namespace {

Value s(const char* text) { return aio::make_str(std::string_view(text)); }
Value asyncio() { return aio::import_module("asyncio"); }
Value attr(const Value& o, const char* name) { return aio::getattr(o, s(name)); }

Value g_out;

std::string out_repr() { return aio::repr_std(g_out); }

const aio::CodeInfo kSaying{"saying", "saying", "t.aio", 3, aio::CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};
const aio::CodeInfo kMain{"main", "main", "t.aio", 9, aio::CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};

// async def saying(interval, what, how_many):
//     while how_many > 0:
//         await asyncio.sleep(interval); out.append(what); how_many -= 1
//     return what
aio::Coro<Value> saying_body(Value interval, Value what, Value how_many) {
  while (aio::truthy(aio::gt(how_many, Value::from_int(0)))) {
    Value aw = aio::call(attr(asyncio(), "sleep"), {interval});
    co_await aio::await_(aw);
    aio::list_append(g_out, what);
    how_many = aio::isub(how_many, Value::from_int(1));
  }
  co_return what;
}
Value saying(double interval, const char* what, int n) {
  return aio::make_coroutine(saying_body(Value(interval), s(what), Value::from_int(n)), &kSaying);
}

// async def main(): r = await asyncio.gather(saying(...), ...); out.append(r)
aio::Coro<Value> gather_main_body() {
  Value g = aio::call(attr(asyncio(), "gather"),
                      {saying(0.12, "hello", 5), saying(0.33, "world", 3), saying(0.45, "python", 2)});
  Value r = co_await aio::await_(g);
  aio::list_append(g_out, r);
  co_return Value::none();
}

// def fn(): loop = asyncio.get_event_loop(); loop.call_soon(<append 'hello world'>)
//           future = loop.create_future(); future.set_result("success"); return future
Value append_hello(const aio::CallArgs&) {
  aio::list_append(g_out, s("hello world"));
  return Value::none();
}
aio::Coro<Value> future_main_body() {
  aio::list_append(g_out, s("future object function~!"));
  Value loop = aio::call(attr(asyncio(), "get_event_loop"), {});
  aio::call_method(loop, s("call_soon"), {aio::make_native_function("<lambda>", &append_hello)});
  Value fut = aio::call_method(loop, s("create_future"), {});
  aio::call_method(fut, s("set_result"), {s("success")});
  Value result = co_await aio::await_(fut);
  aio::list_append(g_out, result);
  aio::list_append(g_out, s("AAAAAAAA"));
  co_return Value::none();
}

aio::Coro<Value> sleeper_body() {
  Value aw = aio::call(attr(asyncio(), "sleep"), {Value(10.0)});
  Value caught;
  try {
    co_await aio::await_(aw);
  } catch (aio::PyException& e) {
    caught = e.value();
  }
  if (caught.is_bound()) {
    aio::list_append(g_out, aio::str(caught));
    aio::raise(caught);
  }
  co_return Value::none();
}

aio::Coro<Value> cancel_main_body() {
  Value t = aio::call(attr(asyncio(), "create_task"), {aio::make_coroutine(sleeper_body(), &kSaying)});
  Value z = aio::call(attr(asyncio(), "sleep"), {Value::from_int(0)});
  co_await aio::await_(z);
  aio::list_append(g_out, aio::repr(t));
  aio::call_method(t, s("cancel"), {s("why")});
  Value caught;
  try {
    co_await aio::await_(t);
  } catch (aio::PyException& e) {
    caught = e.value();
  }
  aio::list_append(g_out, Value(aio::exception_matches(caught, attr(asyncio(), "CancelledError"))));
  aio::list_append(g_out, aio::call_method(t, s("cancelled"), {}));
  co_return Value::from_int(7);
}

std::string capture_stderr(void (*fn)()) {
  std::fflush(stderr);
  char path[] = "/tmp/aio_stderr_XXXXXX";
  int fd = ::mkstemp(path);
  int saved = ::dup(2);
  ::dup2(fd, 2);
  fn();
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  ::close(fd);
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  ::unlink(path);
  return ss.str();
}

}  // namespace

TEST_CASE("asyncio.run + gather: timer order and results in argument order", "[asyncio]") {
  aio::runtime_init();
  g_out = aio::make_list({});
  aio::call(attr(asyncio(), "run"), {aio::make_coroutine(gather_main_body(), &kMain)});
  // python3, same intervals (0.12/0.33/0.45): hello hello world hello python hello hello world
  // python world. Due times are at least 30 ms apart, so a loaded machine's wake-up latency
  // (which accumulates over a sleeper's iterations) cannot reorder them.
  CHECK(out_repr() ==
        "['hello', 'hello', 'world', 'hello', 'python', 'hello', 'hello', 'world', 'python', 'world', "
        "['hello', 'world', 'python']]");
}

TEST_CASE("awaiting a done future does not yield; call_soon callbacks run later", "[asyncio]") {
  aio::runtime_init();
  g_out = aio::make_list({});
  aio::call(attr(asyncio(), "run"), {aio::make_coroutine(future_main_body(), &kMain)});
  // python3: ['future object function~!', 'success', 'AAAAAAAA', 'hello world']
  CHECK(out_repr() == "['future object function~!', 'success', 'AAAAAAAA', 'hello world']");
}

TEST_CASE("cancel(msg) reaches the awaiting coroutine as asyncio.CancelledError", "[asyncio]") {
  aio::runtime_init();
  g_out = aio::make_list({});
  Value r = aio::call(attr(asyncio(), "run"), {aio::make_coroutine(cancel_main_body(), &kMain)});
  CHECK(r.as_int() == 7);
  // python3: ["<Task pending name='Task-N' coro=<saying() running at t.aio:3> wait_for=<Future
  // pending cb=[Task.task_wakeup()]>>", 'why', True, True]
  auto& items = aio::list_items(g_out);
  REQUIRE(items.size() == 4);
  std::string task_repr = aio::to_std_string(items[0]);
  CHECK(task_repr.rfind("<Task pending name='Task-", 0) == 0);
  CHECK(task_repr.find("coro=<saying() running at t.aio:3> wait_for=<Future pending") != std::string::npos);
  CHECK(aio::to_std_string(items[1]) == "why");
  CHECK(aio::truthy(items[2]));
  CHECK(aio::truthy(items[3]));
}

TEST_CASE("get_event_loop + run_until_complete + close, then the policy loop is gone", "[asyncio]") {
  aio::runtime_init();
  g_out = aio::make_list({});
  Value loop = aio::call(attr(asyncio(), "new_event_loop"), {});
  aio::call(attr(asyncio(), "set_event_loop"), {loop});
  Value got = aio::call(attr(asyncio(), "get_event_loop"), {});
  CHECK(got.same(loop));
  aio::call_method(loop, s("run_until_complete"), {saying(0.001, "x", 2)});
  aio::call_method(loop, s("close"), {});
  CHECK(out_repr() == "['x', 'x']");
  CHECK(aio::truthy(aio::call_method(loop, s("is_closed"), {})));
}

TEST_CASE("coroutine objects: repr, send protocol, StopIteration value, reuse error", "[asyncio][coroutine]") {
  aio::runtime_init();
  g_out = aio::make_list({});
  Value c = saying(0, "y", 1);
  CHECK(aio::repr_std(c).rfind("<coroutine object saying at 0x", 0) == 0);
  CHECK(aio::call_method(c, s("send"), {Value::none()}).is_none());  // sleep(0): bare yield
  Value stop;
  try {
    aio::call_method(c, s("send"), {Value::none()});
  } catch (aio::PyException& e) {
    stop = e.value();
  }
  REQUIRE(aio::exception_matches(stop, aio::builtin("StopIteration")));
  CHECK(aio::to_std_string(aio::stop_iteration_value(stop)) == "y");
  std::string msg;
  try {
    aio::call_method(c, s("send"), {Value::none()});
  } catch (aio::PyException& e) {
    msg = aio::to_std_string(aio::str(e.value()));
  }
  CHECK(msg == "cannot reuse already awaited coroutine");
}

TEST_CASE("Future reprs and state errors", "[asyncio][future]") {
  aio::runtime_init();
  Value loop = aio::call(attr(asyncio(), "new_event_loop"), {});
  Value f = aio::call_method(loop, s("create_future"), {});
  CHECK(aio::repr_std(f) == "<Future pending>");
  aio::call_method(f, s("set_result"), {s("success")});
  CHECK(aio::repr_std(f) == "<Future finished result='success'>");
  std::string msg;
  try {
    aio::call_method(f, s("set_result"), {s("again")});
  } catch (aio::PyException& e) {
    msg = aio::format_exception_only(e.value());
  }
  CHECK(msg.find("InvalidStateError: invalid state") != std::string::npos);  // CPython 3.11's C Future
  Value g = aio::call_method(loop, s("create_future"), {});
  aio::call_method(g, s("cancel"), {});
  CHECK(aio::repr_std(g) == "<Future cancelled>");
  aio::call_method(loop, s("close"), {});
}

namespace {
void never_awaited() { Value c = saying(0, "z", 1); }
Value divide_by_zero(const aio::CallArgs&) { return aio::truediv(Value::from_int(1), Value::from_int(0)); }
void failing_callback() {
  Value loop = aio::call(attr(asyncio(), "new_event_loop"), {});
  aio::call_method(loop, s("call_soon"), {aio::make_native_function("boom", &divide_by_zero)});
  Value stop = attr(loop, "stop");
  aio::call_method(loop, s("call_soon"), {stop});
  aio::call_method(loop, s("run_forever"), {});
  aio::call_method(loop, s("close"), {});
}
}  // namespace

TEST_CASE("stderr reports: never-awaited coroutine, exception in a callback", "[asyncio][stderr]") {
  aio::runtime_init();
  std::string w = capture_stderr(&never_awaited);
  CHECK(w == "t.aio:3: RuntimeWarning: coroutine 'saying' was never awaited\n"
             "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n");
  std::string e = capture_stderr(&failing_callback);
  CHECK(e.rfind("Exception in callback boom()\nhandle: <Handle boom()>\n", 0) == 0);
  CHECK(e.find("ZeroDivisionError: division by zero") != std::string::npos);
  INFO(e);
  CHECK(e.empty() == false);
}

TEST_CASE("asyncio.run refuses to run inside a running loop; get_running_loop outside", "[asyncio]") {
  aio::runtime_init();
  std::string msg;
  try {
    aio::call(attr(asyncio(), "get_running_loop"), {});
  } catch (aio::PyException& e) {
    msg = aio::format_exception_only(e.value());
  }
  CHECK(msg.find("RuntimeError: no running event loop") != std::string::npos);
}
