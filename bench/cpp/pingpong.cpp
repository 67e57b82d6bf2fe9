// The C++ floor for bench/workloads/pingpong.aio: two tasks, two Queue(maxsize=1), N round trips.
#include <aio/aio.hpp>
#include <aio/queue.hpp>

#include <cstdio>
#include <cstdlib>

namespace {
using Q = aio::Queue<long>;

aio::Coro<void> ping(Q& out_q, Q& in_q, long n) {
  for (long i = 0; i < n; ++i) {
    aio::Coro<void> p = out_q.put(i);
    co_await p;
    aio::Coro<long> g = in_q.get();
    co_await g;
  }
}
aio::Coro<void> pong(Q& in_q, Q& out_q, long n) {
  for (long i = 0; i < n; ++i) {
    aio::Coro<long> g = in_q.get();
    long x = co_await g;
    aio::Coro<void> p = out_q.put(x);
    co_await p;
  }
}
aio::Coro<void> main_coro(long n) {
  Q a(1), b(1);
  auto g = aio::gather(ping(a, b, n), pong(a, b, n));
  co_await g;
}
}  // namespace

int main(int argc, char** argv) {
  long n = argc > 1 ? std::atol(argv[1]) : 100000;
  aio::run(main_coro(n));
  std::printf("pingpong %ld\n", n);
}
