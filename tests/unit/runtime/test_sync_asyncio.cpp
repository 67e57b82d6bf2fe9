// The Python-visible locks, queues and combinators driven the way generated code drives them
// (hand-written Coro<Value> bodies, make_coroutine, await_). Expected values are what
// python3 3.11.7 printed for the programs quoted beside each case (addresses masked).
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <unistd.h>

#include "aio/python.hpp"

using aio::Value;

namespace {

Value s(const char* text) { return aio::make_str(std::string_view(text)); }
Value asyncio() { return aio::import_module("asyncio"); }
Value A(const char* name) { return aio::getattr(asyncio(), s(name)); }
Value g_out;
void out(const Value& v) { aio::list_append(g_out, v); }
// repr with addresses masked, as the python3 programs print them (re.sub 0x[0-9a-f]+ -> 0x)
Value r(const Value& v) {
  return aio::make_str(std::regex_replace(aio::repr_std(v), std::regex("0x[0-9a-f]+"), "0x"));
}

const aio::CodeInfo kMain{"main", "main", "t.aio", 1, aio::CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};
const aio::CodeInfo kJob{"job", "job", "t.aio", 2, aio::CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, nullptr};

void run_main(aio::Coro<Value> body) {
  aio::runtime_init();
  g_out = aio::make_list({});
  aio::call(A("run"), {aio::make_coroutine(std::move(body), &kMain)});
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

// pyrepr.py:
//   lock = asyncio.Lock(); out.append(r(lock))
//   async with lock: out.append(r(lock))
//   out.append(r(asyncio.Event())); ... Condition(), Semaphore(3), BoundedSemaphore()
//   q = asyncio.Queue(maxsize=3); q.put_nowait(1); q.put_nowait("a"); out.append(r(q)); out.append(str(q))
//   q.get_nowait(); out.append(str(q))
//   pq = asyncio.PriorityQueue(); for t in [(3,"c"),(1,"a"),(2,"b")]: pq.put_nowait(t)
//   out.append(str(pq)); out.append(str(await pq.get()))
//   try: asyncio.Queue(1).get_nowait() except asyncio.QueueEmpty as e: out.append(r(e))
//   try: lock.release() except RuntimeError as e: out.append(str(e))
aio::Coro<Value> repr_body() {
  Value lock = aio::call(A("Lock"), {});
  out(r(lock));
  Value enter = aio::call_method(lock, s("__aenter__"), {});
  co_await aio::await_(enter);
  out(r(lock));
  Value exit = aio::call_method(lock, s("__aexit__"), {Value::none(), Value::none(), Value::none()});
  co_await aio::await_(exit);
  out(r(aio::call(A("Event"), {})));
  out(r(aio::call(A("Condition"), {})));
  out(r(aio::call(A("Semaphore"), {Value::from_int(3)})));
  out(r(aio::call(A("BoundedSemaphore"), {})));
  Value q = aio::call_kw(A("Queue"), {}, {{s("maxsize"), Value::from_int(3)}});
  aio::call_method(q, s("put_nowait"), {Value::from_int(1)});
  aio::call_method(q, s("put_nowait"), {s("a")});
  out(r(q));
  out(aio::str(q));
  aio::call_method(q, s("get_nowait"), {});
  out(aio::str(q));
  Value pq = aio::call(A("PriorityQueue"), {});
  aio::call_method(pq, s("put_nowait"), {aio::make_tuple({Value::from_int(3), s("c")})});
  aio::call_method(pq, s("put_nowait"), {aio::make_tuple({Value::from_int(1), s("a")})});
  aio::call_method(pq, s("put_nowait"), {aio::make_tuple({Value::from_int(2), s("b")})});
  out(aio::str(pq));
  Value get = aio::call_method(pq, s("get"), {});
  Value first = co_await aio::await_(get);
  out(aio::str(first));
  try {
    aio::call_method(aio::call(A("Queue"), {Value::from_int(1)}), s("get_nowait"), {});
  } catch (aio::PyException& e) {
    if (aio::exception_matches(e.value(), A("QueueEmpty"))) out(r(e.value()));
  }
  try {
    aio::call_method(lock, s("release"), {});
  } catch (aio::PyException& e) {
    out(aio::str(e.value()));
  }
  co_return Value::none();
}

// async def job(n, d): await asyncio.sleep(d); out.append(n); return n
aio::Coro<Value> job_body(Value n, Value d) {
  Value sl = aio::call(A("sleep"), {d});
  co_await aio::await_(sl);
  out(n);
  co_return n;
}
Value job(const char* n, double d) { return aio::make_coroutine(job_body(s(n), Value(d)), &kJob); }

// pywait.py:
//   t1 = create_task(job("a", .01)); t2 = create_task(job("b", .2))
//   done, pending = await asyncio.wait([t1, t2], return_when=asyncio.FIRST_COMPLETED)
//   out.append((len(done), len(pending), t1 in done, t2 in pending))
//   done, pending = await asyncio.wait([t1, t2], timeout=0.01); out.append((len(done), len(pending)))
//   t2.cancel()
//   try: await asyncio.wait([]) except ValueError as e: out.append(str(e))
//   try: async with asyncio.timeout(0.01) as cm: await asyncio.sleep(1)
//   except TimeoutError: out.append(("expired", cm.expired()))
//   inner = create_task(job("inner", .02)); outer = asyncio.shield(inner); outer.cancel()
//   out.append(await inner)
//   res = []; for f in asyncio.as_completed([job("p", .03), job("q", .01)]): res.append(await f)
//   out.append(res)
aio::Coro<Value> wait_body() {
  Value t1 = aio::call(A("create_task"), {job("a", 0.01)});
  Value t2 = aio::call(A("create_task"), {job("b", 0.2)});
  Value w = aio::call_kw(A("wait"), {aio::make_list({t1, t2})}, {{s("return_when"), A("FIRST_COMPLETED")}});
  Value dp = co_await aio::await_(w);
  Value done = aio::getitem(dp, Value::from_int(0)), pending = aio::getitem(dp, Value::from_int(1));
  out(aio::make_tuple({Value::from_int(aio::len(done)), Value::from_int(aio::len(pending)),
                       Value(aio::contains(done, t1)), Value(aio::contains(pending, t2))}));
  Value w2 = aio::call_kw(A("wait"), {aio::make_list({t1, t2})}, {{s("timeout"), Value(0.01)}});
  dp = co_await aio::await_(w2);
  out(aio::make_tuple({Value::from_int(aio::len(aio::getitem(dp, Value::from_int(0)))),
                       Value::from_int(aio::len(aio::getitem(dp, Value::from_int(1))))}));
  aio::call_method(t2, s("cancel"), {});
  Value w3 = aio::call(A("wait"), {aio::make_list({})});
  Value err;
  try {
    co_await aio::await_(w3);
  } catch (aio::PyException& e) {
    err = e.value();
  }
  out(aio::str(err));
  // async with asyncio.timeout(0.01) as cm: await asyncio.sleep(1)
  Value cm = aio::call(A("timeout"), {Value(0.01)});
  Value enter = aio::call_method(cm, s("__aenter__"), {});
  co_await aio::await_(enter);
  Value caught;
  Value sl = aio::call(A("sleep"), {Value::from_int(1)});
  try {
    co_await aio::await_(sl);
  } catch (aio::PyException& e) {
    caught = e.value();
  }
  Value exit = aio::call_method(cm, s("__aexit__"), {Value::borrowed(aio::type_of(caught)), caught, Value::none()});
  try {
    co_await aio::await_(exit);
  } catch (aio::PyException& e) {
    if (aio::exception_matches(e.value(), aio::builtin("TimeoutError")))
      out(aio::make_tuple({s("expired"), aio::call_method(cm, s("expired"), {})}));
  }
  Value inner = aio::call(A("create_task"), {job("inner", 0.02)});
  Value outer = aio::call(A("shield"), {inner});
  aio::call_method(outer, s("cancel"), {});
  Value iv = co_await aio::await_(inner);
  out(iv);
  Value res = aio::make_list({});
  Value it = aio::iter(aio::call(A("as_completed"), {aio::make_list({job("p", 0.03), job("q", 0.01)})}));
  Value f;
  while (aio::next(it, f)) {
    Value v = co_await aio::await_(f);
    aio::list_append(res, v);
  }
  out(res);
  co_return Value::none();
}

// async def main(): done, pending = await asyncio.wait([job("a", 0), job("b", 0)])  # 3.8 meaning
aio::Coro<Value> wait_coros_body() {
  Value w = aio::call(A("wait"), {aio::make_list({job("a", 0), job("b", 0)})});
  Value dp = co_await aio::await_(w);
  out(Value::from_int(aio::len(aio::getitem(dp, Value::from_int(0)))));
  co_return Value::none();
}
void run_wait_coros() { run_main(wait_coros_body()); }

// cond.py's first half through the Python objects:
//   async def consumer(cond, n): async with cond: out.append(f"c{n} wait"); await cond.wait(); out.append(f"c{n} woke")
//   ts = [create_task(consumer(cond, i)) for i in range(3)]; await sleep(0); out.append(r(cond))
//   async with cond: cond.notify(2)
//   await sleep(0); await sleep(0); async with cond: cond.notify_all()
//   await gather(*ts)
aio::Coro<Value> consumer_body(Value cond, Value n) {
  Value enter = aio::call_method(cond, s("__aenter__"), {});
  co_await aio::await_(enter);
  out(aio::join_strs({s("c"), aio::str(n), s(" wait")}));
  Value w = aio::call_method(cond, s("wait"), {});
  co_await aio::await_(w);
  out(aio::join_strs({s("c"), aio::str(n), s(" woke")}));
  Value exit = aio::call_method(cond, s("__aexit__"), {Value::none(), Value::none(), Value::none()});
  co_await aio::await_(exit);
  co_return Value::none();
}
aio::Coro<Value> notify_under_lock(Value cond, Value n) {
  Value enter = aio::call_method(cond, s("__aenter__"), {});
  co_await aio::await_(enter);
  if (n.is_none()) aio::call_method(cond, s("notify_all"), {});
  else aio::call_method(cond, s("notify"), {n});
  Value exit = aio::call_method(cond, s("__aexit__"), {Value::none(), Value::none(), Value::none()});
  co_await aio::await_(exit);
  co_return Value::none();
}
aio::Coro<Value> cond_body() {
  Value cond = aio::call(A("Condition"), {});
  std::vector<Value> ts;
  for (int i = 0; i < 3; ++i)
    ts.push_back(aio::call(A("create_task"), {aio::make_coroutine(consumer_body(cond, Value::from_int(i)), &kJob)}));
  Value z = aio::call(A("sleep"), {Value::from_int(0)});
  co_await aio::await_(z);
  out(r(cond));
  aio::Coro<Value> n2 = notify_under_lock(cond, Value::from_int(2));
  co_await n2;
  for (int i = 0; i < 2; ++i) {
    Value z2 = aio::call(A("sleep"), {Value::from_int(0)});
    co_await aio::await_(z2);
  }
  aio::Coro<Value> na = notify_under_lock(cond, Value::none());
  co_await na;
  for (auto& t : ts) co_await aio::await_(t);
  co_return Value::none();
}

}  // namespace

TEST_CASE("asyncio locks and queues: reprs, str, async with, QueueEmpty, release errors", "[asyncio][sync]") {
  run_main(repr_body());
  CHECK(aio::repr_std(g_out) ==
        "['<asyncio.locks.Lock object at 0x [unlocked]>', '<asyncio.locks.Lock object at 0x [locked]>', "
        "'<asyncio.locks.Event object at 0x [unset]>', '<asyncio.locks.Condition object at 0x [unlocked]>', "
        "'<asyncio.locks.Semaphore object at 0x [unlocked, value:3]>', "
        "'<asyncio.locks.BoundedSemaphore object at 0x [unlocked, value:1]>', "
        "\"<Queue at 0x maxsize=3 _queue=[1, 'a'] tasks=2>\", \"<Queue maxsize=3 _queue=[1, 'a'] tasks=2>\", "
        "\"<Queue maxsize=3 _queue=['a'] tasks=2>\", "
        "\"<PriorityQueue maxsize=0 _queue=[(1, 'a'), (3, 'c'), (2, 'b')] tasks=3>\", \"(1, 'a')\", "
        "'QueueEmpty()', 'Lock is not acquired.']");
}

TEST_CASE("asyncio.wait/timeout/shield/as_completed through the module", "[asyncio][combinators]") {
  run_main(wait_body());
  CHECK(aio::repr_std(g_out) ==
        "['a', (1, 1, True, True), (1, 1), 'Set of Tasks/Futures is empty.', ('expired', True), 'inner', "
        "'inner', 'q', 'p', ['q', 'p']]");
}

TEST_CASE("asyncio.wait given coroutines: 3.8 meaning plus one DeprecationWarning line", "[asyncio][combinators]") {
  std::string err = capture_stderr(&run_wait_coros);
  CHECK(aio::repr_std(g_out) == "['a', 'b', 2]");
  CHECK(err ==
        "DeprecationWarning: The explicit passing of coroutine objects to asyncio.wait() is deprecated since "
        "Python 3.8, and scheduled for removal in Python 3.11.\n");
}

TEST_CASE("asyncio.Condition: notify(2) then notify_all wake waiters in FIFO order", "[asyncio][sync]") {
  run_main(cond_body());
  // python3: ['c0 wait', 'c1 wait', 'c2 wait', '<asyncio.locks.Condition object at 0x [unlocked,
  // waiters:3]>', 'c0 woke', 'c1 woke', 'c2 woke']
  CHECK(aio::repr_std(g_out) ==
        "['c0 wait', 'c1 wait', 'c2 wait', '<asyncio.locks.Condition object at 0x [unlocked, waiters:3]>', "
        "'c0 woke', 'c1 woke', 'c2 woke']");
}
