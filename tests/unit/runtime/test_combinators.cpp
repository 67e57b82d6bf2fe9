// wait, AsCompleted, shield and Timeout on the typed core against python3 3.11.7 (comb.py,
// quoted in pieces below, with every delay tripled). Timer delays are at least 30 ms apart so the
// order does not depend on load.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "aio/aio.hpp"
#include "aio/wait.hpp"

namespace {

std::vector<std::string> g_out;
using Strings = std::vector<std::string>;

// async def job(name, d, fail=False):
//     await asyncio.sleep(d)
//     if fail: raise ValueError(name)
//     out.append(f"{name} done"); return name
aio::Coro<std::string> job(std::string name, double d, bool fail = false) {
  co_await aio::sleep(d);
  if (fail) throw std::invalid_argument(name);
  g_out.push_back(name + " done");
  co_return name;
}

using Refs = std::vector<aio::Ref<aio::FutureBase>>;
std::string counts(const char* what, const aio::WaitResult& r) {
  return std::string(what) + ": done=" + std::to_string(r.done.size()) + " pending=" + std::to_string(r.pending.size());
}

aio::Coro<void> comb_main() {
  auto a = aio::create_task(job("a", 0.24));
  auto b = aio::create_task(job("b", 0.03));
  auto c = aio::create_task(job("c", 0.45));
  Refs ts{Refs::value_type(a), Refs::value_type(b), Refs::value_type(c)};
  aio::Coro<aio::WaitResult> w1 = aio::wait(ts, aio::ReturnWhen::FirstCompleted);
  aio::WaitResult r = co_await w1;
  g_out.push_back("first: ['" + static_cast<aio::Task<std::string>&>(*r.done[0]).result() +
                  "'] pending=" + std::to_string(r.pending.size()));
  aio::Coro<aio::WaitResult> w2 = aio::wait(ts, aio::ReturnWhen::AllCompleted, 0.06);
  r = co_await w2;
  g_out.push_back(counts("timeout", r));
  auto x = aio::create_task(job("x", 0.03, true));
  auto y = aio::create_task(job("y", 0.15));
  Refs ts2{Refs::value_type(x), Refs::value_type(y)};
  aio::Coro<aio::WaitResult> w3 = aio::wait(ts2, aio::ReturnWhen::FirstException);
  r = co_await w3;
  g_out.push_back(counts("first_exc", r));
  Refs all = ts;
  all.insert(all.end(), ts2.begin(), ts2.end());
  aio::Coro<aio::WaitResult> w4 = aio::wait(all);
  r = co_await w4;
  g_out.push_back(counts("all", r));

  // for f in asyncio.as_completed([job("p", .03), job("q", .01), job("r", .02)]): out.append("ac " + await f)
  Refs acs{Refs::value_type(aio::create_task(job("p", 0.09))), Refs::value_type(aio::create_task(job("q", 0.03))),
           Refs::value_type(aio::create_task(job("r", 0.06)))};
  {
    aio::AsCompleted ac(acs);
    for (std::size_t i = 0; i < ac.size(); ++i) {
      aio::Coro<aio::Ref<aio::FutureBase>> n = ac.next();
      aio::Ref<aio::FutureBase> f = co_await n;
      g_out.push_back("ac " + static_cast<aio::Task<std::string>&>(*f).result());
    }
  }
  auto t_task = aio::create_task(job("t", 1.5));
  Refs acs2{Refs::value_type(aio::create_task(job("s", 0.03))), Refs::value_type(t_task)};
  try {
    aio::AsCompleted ac(acs2, 0.15);
    for (std::size_t i = 0; i < ac.size(); ++i) {
      aio::Coro<aio::Ref<aio::FutureBase>> n = ac.next();
      aio::Ref<aio::FutureBase> f = co_await n;
      g_out.push_back("ac2 " + static_cast<aio::Task<std::string>&>(*f).result());
    }
  } catch (const aio::TimeoutError&) {
    g_out.push_back("ac2 timeout");
  }
  t_task->cancel();

  // inner = create_task(job("inner", .02)); outer = shield(inner); await sleep(0); outer.cancel()
  auto inner = aio::create_task(job("inner", 0.06));
  aio::Ref<aio::Future<std::string>> outer = aio::shield(inner);
  co_await aio::sleep(0);
  outer->cancel();
  try {
    co_await outer;
  } catch (const aio::CancelledError&) {
    g_out.push_back(std::string("outer cancelled, inner cancelled=") + (inner->cancelled() ? "True" : "False"));
  }
  std::string iv = co_await inner;
  g_out.push_back("inner " + iv);

  // async with asyncio.timeout(0.01) as cm: await asyncio.sleep(1)
  aio::Ref<aio::Timeout> cm = aio::timeout(0.03);
  cm->enter();
  std::exception_ptr err;
  try {
    co_await aio::sleep(1);
  } catch (...) {
    err = std::current_exception();
  }
  try {
    cm->exit(err);
  } catch (const aio::TimeoutError&) {
    g_out.push_back(std::string("timeout expired=") + (cm->expired() ? "True" : "False"));
  }
  aio::Ref<aio::Timeout> cm2 = aio::timeout(1.0);
  cm2->enter();
  co_await aio::sleep(0);
  cm2->exit(nullptr);
  g_out.push_back(std::string("no timeout expired=") + (cm2->expired() ? "True " : "False ") + cm2->repr());
}

aio::Coro<int> slow_value() {
  co_await aio::sleep(1);
  co_return 1;
}
aio::Coro<int> fast_value() {
  co_await aio::sleep(0);
  co_return 2;
}
aio::Coro<int> with_timeout_main() {
  int r = 0;
  try {
    aio::Coro<int> w = aio::with_timeout<int>(0.01, slow_value());
    r = co_await w;
  } catch (const aio::TimeoutError&) {
    r = -1;
  }
  aio::Coro<int> w2 = aio::with_timeout<int>(1.0, fast_value());
  int r2 = co_await w2;
  co_return r * 10 + r2;
}

}  // namespace

TEST_CASE("wait, as_completed, shield and timeout in CPython's order", "[combinators]") {
  aio::set_error_factory(aio::default_error_factory());
  g_out.clear();
  aio::run(comb_main());
  CHECK(g_out == Strings{"b done", "first: ['b'] pending=2", "timeout: done=1 pending=2",
                         "first_exc: done=1 pending=1", "a done", "y done", "c done", "all: done=5 pending=0",
                         "q done", "ac q", "r done", "ac r", "p done", "ac p", "s done", "ac2 s", "ac2 timeout",
                         "outer cancelled, inner cancelled=False", "inner done", "inner inner",
                         "timeout expired=True", "no timeout expired=False <Timeout [finished]>"});
}

TEST_CASE("with_timeout: TimeoutError on expiry, the value otherwise", "[combinators]") {
  aio::set_error_factory(aio::default_error_factory());
  CHECK(aio::run(with_timeout_main()) == -8);
}
