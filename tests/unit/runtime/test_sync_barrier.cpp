// Barrier on the typed core and through the asyncio glue, against python3 3.11.7:
//   async def party(b, n, d): await sleep(d); out.append(f"p{n} arrives"); i = await b.wait()
//                             out.append(f"p{n} passes {i}")
//   async def victim(b): try: await b.wait() except BrokenBarrierError as e: out.append(f"broken: {e}")
//   b = Barrier(3); out.append(r(b)); await gather(party(b,0,.02), party(b,1,.01), party(b,2,.03))
//   out.append(r(b)); t = create_task(victim(b)); await sleep(0); out.append(f"n_waiting={b.n_waiting}")
//   await b.abort(); await t; out.append(f"broken={b.broken} " + r(b))
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "aio/aio.hpp"
#include "aio/barrier.hpp"
#include "aio/python.hpp"

namespace {

std::vector<std::string> g_out;
using Strings = std::vector<std::string>;

std::string state(const aio::Barrier& b) {
  std::string s = aio::Barrier::state_name(b.state());
  if (!b.broken()) s += ", waiters:" + std::to_string(b.n_waiting()) + "/" + std::to_string(b.parties());
  return s;
}
aio::Coro<void> party(aio::Barrier& b, int n, double d) {
  co_await aio::sleep(d);
  g_out.push_back("p" + std::to_string(n) + " arrives");
  aio::Coro<long> w = b.wait();
  long i = co_await w;
  g_out.push_back("p" + std::to_string(n) + " passes " + std::to_string(i));
}
aio::Coro<void> victim(aio::Barrier& b) {
  try {
    aio::Coro<long> w = b.wait();
    co_await w;
  } catch (const aio::BrokenBarrierError& e) {
    g_out.push_back(std::string("broken: ") + e.what());
  }
}
aio::Coro<void> typed_main() {
  aio::Barrier b(3);
  g_out.push_back(state(b));
  auto g = aio::gather(party(b, 0, 0.02), party(b, 1, 0.01), party(b, 2, 0.03));
  co_await g;
  g_out.push_back(state(b));
  auto t = aio::create_task(victim(b));
  co_await aio::sleep(0);
  g_out.push_back("n_waiting=" + std::to_string(b.n_waiting()));
  aio::Coro<void> ab = b.abort();
  co_await ab;
  co_await t;
  g_out.push_back(std::string("broken=") + (b.broken() ? "True " : "False ") + state(b));
}

// The same through the glue.
using aio::Value;
Value s(const char* text) { return aio::make_str(std::string_view(text)); }
Value A(const char* name) { return aio::getattr(aio::import_module("asyncio"), s(name)); }
std::string masked(const Value& v) { return std::regex_replace(aio::repr_std(v), std::regex("0x[0-9a-f]+"), "0x"); }
const aio::CodeInfo kCo{"party", "party", "t.aio", 1, aio::CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};

aio::Coro<Value> py_party(Value b, int n, double d) {
  Value sl = aio::call(A("sleep"), {Value(d)});
  co_await aio::await_(sl);
  g_out.push_back("p" + std::to_string(n) + " arrives");
  Value w = aio::call_method(b, s("wait"), {});
  Value i = co_await aio::await_(w);
  g_out.push_back("p" + std::to_string(n) + " passes " + std::to_string(i.as_int()));
  co_return Value::none();
}
aio::Coro<Value> py_victim(Value b) {
  Value w = aio::call_method(b, s("wait"), {});
  Value caught;
  try {
    co_await aio::await_(w);
  } catch (aio::PyException& e) {
    caught = e.value();
  }
  if (aio::exception_matches(caught, A("BrokenBarrierError")))
    g_out.push_back("broken: " + aio::to_std_string(aio::str(caught)));
  co_return Value::none();
}
aio::Coro<Value> py_main() {
  Value b = aio::call(A("Barrier"), {Value::from_int(3)});
  g_out.push_back(masked(b));
  Value g = aio::call(A("gather"), {aio::make_coroutine(py_party(b, 0, 0.02), &kCo),
                                    aio::make_coroutine(py_party(b, 1, 0.01), &kCo),
                                    aio::make_coroutine(py_party(b, 2, 0.03), &kCo)});
  co_await aio::await_(g);
  g_out.push_back(masked(b));
  Value t = aio::call(A("create_task"), {aio::make_coroutine(py_victim(b), &kCo)});
  Value z = aio::call(A("sleep"), {Value::from_int(0)});
  co_await aio::await_(z);
  g_out.push_back("n_waiting=" + aio::repr_std(aio::getattr(b, s("n_waiting"))));
  Value ab = aio::call_method(b, s("abort"), {});
  co_await aio::await_(ab);
  co_await aio::await_(t);
  g_out.push_back("broken=" + aio::repr_std(aio::getattr(b, s("broken"))) + " " + masked(b));
  co_return Value::none();
}

}  // namespace

TEST_CASE("Barrier: arrival indices, release order, abort breaks a waiter", "[sync][barrier]") {
  aio::set_error_factory(aio::default_error_factory());
  g_out.clear();
  aio::run(typed_main());
  CHECK(g_out == Strings{"filling, waiters:0/3", "p1 arrives", "p0 arrives", "p2 arrives", "p2 passes 2",
                         "p1 passes 0", "p0 passes 1", "filling, waiters:0/3", "n_waiting=1",
                         "broken: Abort or reset of barrier", "broken=True broken"});
}

TEST_CASE("asyncio.Barrier through the glue: reprs and BrokenBarrierError", "[asyncio][barrier]") {
  aio::runtime_init();
  g_out.clear();
  aio::call(A("run"), {aio::make_coroutine(py_main(), &kCo)});
  CHECK(g_out == Strings{"<asyncio.locks.Barrier object at 0x [filling, waiters:0/3]>", "p1 arrives", "p0 arrives",
                         "p2 arrives", "p2 passes 2", "p1 passes 0", "p0 passes 1",
                         "<asyncio.locks.Barrier object at 0x [filling, waiters:0/3]>", "n_waiting=1",
                         "broken: Abort or reset of barrier",
                         "broken=True <asyncio.locks.Barrier object at 0x [broken]>"});
}
