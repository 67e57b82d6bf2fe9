// The C++ floor for bench/workloads/idle_memory.aio: N tasks parked on one Event.
#include <aio/aio.hpp>
#include <aio/locks.hpp>

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {
aio::Coro<void> waiter(aio::Event& ev) {
  aio::Coro<bool> w = ev.wait();
  co_await w;
}
aio::Coro<void> main_coro(long n) {
  aio::Event ev;
  std::vector<aio::Ref<aio::Task<void>>> ts;
  ts.reserve(n);
  for (long i = 0; i < n; ++i) ts.push_back(aio::create_task(waiter(ev)));
  co_await aio::sleep(0);
  ev.set();
  for (auto& t : ts) co_await t;
}
}  // namespace

int main(int argc, char** argv) {
  long n = argc > 1 ? std::atol(argv[1]) : 100000;
  aio::run(main_coro(n));
  std::printf("idle_memory %ld\n", n);
}
