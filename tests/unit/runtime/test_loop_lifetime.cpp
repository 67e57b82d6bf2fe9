// EventLoop lifetime (EventLoop::add_user / release_owner): a heap loop whose owner let go
// stays usable while futures and timer handles refer to it; and concurrent.futures driven
// through the object model (Future states, ThreadPoolExecutor.submit from C++).
// Under ASan (scripts/stress, ctest --preset asan) a wrong count shows as a use after free
// or a leak.
#include <catch2/catch.hpp>

#include "aio/aio.hpp"
#include "aio/python.hpp"

using aio::Value;

namespace {

struct Nothing {
  void operator()() {}
};

Value s(const char* text) { return aio::make_str(std::string_view(text)); }
Value attr(const Value& o, const char* name) { return aio::getattr(o, s(name)); }

}  // namespace

TEST_CASE("an orphaned loop lives while a future refers to it", "[loop][lifetime]") {
  aio::set_error_factory(aio::default_error_factory());
  auto* loop = new aio::EventLoop;
  aio::Ref<aio::Future<int>> fut = aio::make_future<int>(*loop);
  loop->close();
  aio::EventLoop::release_owner(loop);  // not deleted: the future is a user
  CHECK(fut->loop().is_closed());
  CHECK_FALSE(fut->done());
  fut.reset();  // the last user: the loop is deleted now (ASan checks)
}

TEST_CASE("an orphaned loop lives while a timer handle refers to it", "[loop][lifetime]") {
  aio::set_error_factory(aio::default_error_factory());
  auto* loop = new aio::EventLoop;
  aio::Ref<aio::TimerHandle> h = loop->call_later(10, Nothing{});
  loop->close();  // drops the heap's reference; ours keeps the loop alive
  aio::EventLoop::release_owner(loop);
  h->cancel();  // touches the loop's cancelled-timer count
  CHECK(h->cancelled());
  h.reset();  // the last user: deletes the loop
}

TEST_CASE("an orphaned loop without users is deleted at once", "[loop][lifetime]") {
  auto* loop = new aio::EventLoop;
  loop->close();
  aio::EventLoop::release_owner(loop);  // ASan reports a leak if not
  SUCCEED();
}

TEST_CASE("concurrent.futures.Future states through the object model", "[executor][concurrent]") {
  aio::runtime_init();
  Value cf = aio::import_module("concurrent.futures");
  Value f = aio::call(attr(cf, "Future"), {});
  CHECK_FALSE(aio::truthy(aio::call(attr(f, "done"), {})));
  CHECK(aio::truthy(aio::call(attr(f, "set_running_or_notify_cancel"), {})));
  CHECK(aio::truthy(aio::call(attr(f, "running"), {})));
  CHECK_FALSE(aio::truthy(aio::call(attr(f, "cancel"), {})));  // running: cannot cancel
  aio::call(attr(f, "set_result"), {Value::from_int(5)});
  CHECK(aio::repr_std(aio::call(attr(f, "result"), {})) == "5");
  CHECK_THROWS_AS(aio::call(attr(f, "set_result"), {Value::from_int(6)}), aio::PyException);
}

TEST_CASE("ThreadPoolExecutor.submit runs a Python callable on a worker", "[executor][concurrent]") {
  aio::runtime_init();
  Value cf = aio::import_module("concurrent.futures");
  Value ex = aio::call(attr(cf, "ThreadPoolExecutor"), {Value::from_int(2)});
  Value fut = aio::call(attr(ex, "submit"), {aio::getattr(aio::import_module("builtins"), s("abs")), Value::from_int(-7)});
  CHECK(aio::repr_std(aio::call(attr(fut, "result"), {Value::from_int(5)})) == "7");
  aio::call(attr(ex, "shutdown"), {});
  CHECK_THROWS_AS(aio::call(attr(ex, "submit"), {attr(ex, "shutdown")}), aio::PyException);
}
