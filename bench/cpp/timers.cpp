// The C++ floor for bench/workloads/timers.aio: N tasks sleeping (i % 1000) / 100000 s.
#include <aio/aio.hpp>

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {
aio::Coro<void> sleeper(long i) { co_await aio::sleep(static_cast<double>(i % 1000) / 100000); }

aio::Coro<void> main_coro(long n) {
  std::vector<aio::Coro<void>> cs;
  cs.reserve(n);
  for (long i = 0; i < n; ++i) cs.push_back(sleeper(i));
  auto g = aio::gather(std::move(cs));
  co_await g;
}
}  // namespace

int main(int argc, char** argv) {
  long n = argc > 1 ? std::atol(argv[1]) : 50000;
  aio::run(main_coro(n));
  std::printf("timers %ld\n", n);
}
