// Shows the typed runtime from plain C++: aio::run(main()) with co_await aio::sleep and
// aio::gather, no Python object model involved. Exits 0 when the output order is right.
#include <aio/aio.hpp>

#include <cstdio>
#include <string>
#include <tuple>

namespace {

std::string g_log;

aio::Coro<std::string> say_after(double delay, std::string what) {
  co_await aio::sleep(delay);
  std::printf("%s\n", what.c_str());
  g_log += what + " ";
  co_return what;
}

aio::Coro<int> main_coro() {
  std::printf("hello\n");
  co_await aio::sleep(0.01);
  std::printf("world\n");
  // Concurrent: the 0.02 s sleeper prints first although it was passed second; the results
  // still come back in argument order.
  auto [a, b] = co_await aio::gather(say_after(0.04, "slow"), say_after(0.02, "fast"));
  co_return (a == "slow" && b == "fast" && g_log == "fast slow ") ? 0 : 1;
}

}  // namespace

int main() { return aio::run(main_coro()); }
