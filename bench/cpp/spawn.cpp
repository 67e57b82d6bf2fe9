// The C++ floor for bench/workloads/spawn.aio: N tasks each yielding once, gathered.
#include <aio/aio.hpp>

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {
aio::Coro<void> child() { co_await aio::sleep(0); }

aio::Coro<void> main_coro(long n) {
  std::vector<aio::Coro<void>> cs;
  cs.reserve(n);
  for (long i = 0; i < n; ++i) cs.push_back(child());
  auto g = aio::gather(std::move(cs));
  co_await g;
}
}  // namespace

int main(int argc, char** argv) {
  long n = argc > 1 ? std::atol(argv[1]) : 100000;
  aio::run(main_coro(n));
  std::printf("spawn %ld\n", n);
}
