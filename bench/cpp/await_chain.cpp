// The C++ floor for bench/workloads/await_chain.aio: recursive fib with direct co_awaits.
#include <aio/aio.hpp>

#include <cstdio>
#include <cstdlib>

namespace {
aio::Coro<long> fib(long k) {
  if (k < 2) co_return k;
  aio::Coro<long> x = fib(k - 1);
  long a = co_await x;
  aio::Coro<long> y = fib(k - 2);
  long b = co_await y;
  co_return a + b;
}
}  // namespace

int main(int argc, char** argv) {
  long k = argc > 1 ? std::atol(argv[1]) : 25;
  long r = aio::run(fib(k));
  std::printf("await_chain %ld %ld\n", k, r);
}
