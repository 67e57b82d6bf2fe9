// Stress: a cancellation storm during TaskGroup shutdown, through the typed API. Each round
// a group holds many children blocked on sleeps, a lock and an event; some children catch
// their CancelledError and await again while the group is shutting down; one child fails,
// which starts the shutdown; meanwhile an outside task keeps cancelling the parent and the
// children. The group must end with TaskGroupError (the one failure) or CancelledError
// (when an outside cancel of the parent is still pending), every child done, nothing leaked.
// Usage: stress_taskgroup_storm [rounds=20] [children=2000]
#include <aio/aio.hpp>
#include <aio/locks.hpp>
#include <aio/task_group.hpp>

#include <stdexcept>
#include <vector>

#include "stress_util.hpp"

namespace {

struct Shared {
  aio::Lock lock;
  aio::Event never;
  std::vector<aio::Ref<aio::FutureBase>> children;
  long cleanups = 0;
};

aio::Coro<void> child(Shared& sh, long i) {
  std::exception_ptr cancelled;  // no co_await in a handler: catch, leave it, then clean up
  try {
    switch (i % 4) {
      case 0:
        co_await aio::sleep(3600);
        break;
      case 1: {
        aio::Coro<aio::LockGuard> l = aio::locked(sh.lock);
        aio::LockGuard guard = co_await l;
        co_await aio::sleep(3600);  // the first one holds the lock while cancelled
        break;
      }
      case 2: {
        aio::Coro<bool> w = sh.never.wait();
        co_await w;
        break;
      }
      default:
        co_await aio::sleep(0.001 * double(i % 7));
        break;
    }
  } catch (const aio::CancelledError&) {
    cancelled = std::current_exception();
  }
  if (!cancelled) co_return;
  // Cleanup that suspends during the shutdown, and may itself be cancelled again.
  try {
    co_await aio::sleep(0);
    co_await aio::sleep(0);
  } catch (const aio::CancelledError&) {
  }
  ++sh.cleanups;
  std::rethrow_exception(cancelled);
}

aio::Coro<void> failer() {
  co_await aio::sleep(0.002);
  throw std::runtime_error("boom");
}

aio::Coro<void> storm(Shared& sh, aio::Ref<aio::TaskBase> parent, int hits) {
  for (int k = 0; k < hits; ++k) {
    co_await aio::sleep(0);
    parent->cancel();
    for (std::size_t j = k; j < sh.children.size(); j += 5) sh.children[j]->cancel();
  }
}

aio::Coro<int> group_round(long n, int round) {
  Shared sh;
  auto tg = aio::make_ref<aio::TaskGroup>();
  tg->enter();
  std::exception_ptr body_err;
  try {
    for (long i = 0; i < n; ++i) sh.children.emplace_back(tg->create_task(child(sh, i)));
    sh.children.emplace_back(tg->create_task(failer()));
    co_await aio::sleep(0);
  } catch (...) {
    body_err = std::current_exception();
  }
  aio::Ref<aio::TaskBase> parent(aio::current_task());
  // Round 0: no storm (plain failure); odd rounds: the storm starts before the failure.
  auto stormer = aio::create_task(storm(sh, parent, round % 3 == 0 ? 0 : 3 + round % 5));
  int outcome = 0;  // 1: TaskGroupError, 2: CancelledError
  try {
    aio::Coro<void> x = tg->exit(body_err);
    co_await x;
  } catch (const aio::TaskGroupError& e) {
    STRESS_CHECK(e.errors().size() == 1);
    outcome = 1;
  } catch (const aio::CancelledError&) {
    outcome = 2;
  }
  STRESS_CHECK(outcome != 0);
  for (auto& c : sh.children) STRESS_CHECK(c->done());
  // Let the stormer finish; swallow any cancel it still delivers to us.
  while (!stormer->done()) {
    try {
      co_await aio::sleep(0);
    } catch (const aio::CancelledError&) {
    }
  }
  while (parent->cancelling() > 0) parent->uncancel();
  co_return outcome;
}

aio::Coro<int> main_coro(int rounds, long n) {
  int by_group_error = 0, by_cancel = 0;
  for (int r = 0; r < rounds; ++r) {
    int outcome = 0;
    try {
      aio::Coro<int> g = group_round(n, r);
      outcome = co_await g;
    } catch (const aio::CancelledError&) {
      outcome = 2;  // a late storm cancel landed after the group had exited
    }
    (outcome == 1 ? by_group_error : by_cancel) += 1;
  }
  std::printf("%d rounds of %ld children: %d ended with TaskGroupError, %d cancelled\n", rounds, n,
              by_group_error, by_cancel);
  STRESS_CHECK(by_group_error > 0);
  co_return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return aio::run(main_coro(int(stress::arg_or(argc, argv, 1, 20)), stress::arg_or(argc, argv, 2, 2000)));
}
