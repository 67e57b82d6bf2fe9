// The C++ floor for bench/workloads/lock.aio: 1000 tasks x N contended `async with lock`.
#include <aio/aio.hpp>
#include <aio/locks.hpp>

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {
constexpr int kTasks = 1000;

aio::Coro<void> worker(aio::Lock& lock, long n) {
  for (long i = 0; i < n; ++i) {
    aio::Coro<aio::LockGuard> l = aio::locked(lock);
    aio::LockGuard g = co_await l;
    co_await aio::sleep(0);
  }
}
aio::Coro<void> main_coro(long n) {
  aio::Lock lock;
  std::vector<aio::Coro<void>> cs;
  for (int i = 0; i < kTasks; ++i) cs.push_back(worker(lock, n));
  auto g = aio::gather(std::move(cs));
  co_await g;
}
}  // namespace

int main(int argc, char** argv) {
  long n = argc > 1 ? std::atol(argv[1]) : 20;
  aio::run(main_coro(n));
  std::printf("lock %ld\n", n);
}
