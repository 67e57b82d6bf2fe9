// Stress: 10^6 tasks spawned and gathered through the typed API. Each task awaits
// sleep(0) once (one trip through the ready queue) and returns its index; the tasks are
// gathered in batches (argv[2], default 10^5) so that a sanitizer build's memory stays
// bounded, then once more as a single gather of one batch's worth of nested gathers.
// Usage: stress_spawn_gather [total=1000000] [batch=100000]
#include <aio/aio.hpp>

#include <vector>

#include "stress_util.hpp"

namespace {

aio::Coro<long> child(long i) {
  co_await aio::sleep(0);
  co_return i;
}

aio::Coro<long> batch(long first, long n) {
  std::vector<aio::Coro<long>> coros;
  coros.reserve(n);
  for (long i = 0; i < n; ++i) coros.push_back(child(first + i));
  aio::Coro<std::vector<long>> g = aio::gather(std::move(coros));
  std::vector<long> results = co_await g;
  STRESS_CHECK(static_cast<long>(results.size()) == n);
  long sum = 0;
  for (long i = 0; i < n; ++i) {
    STRESS_CHECK(results[i] == first + i);  // argument order
    sum += results[i];
  }
  co_return sum;
}

aio::Coro<int> main_coro(long total, long per_batch) {
  long sum = 0;
  for (long first = 0; first < total; first += per_batch) {
    aio::Coro<long> b = batch(first, std::min(per_batch, total - first));
    sum += co_await b;
  }
  STRESS_CHECK(sum == total * (total - 1) / 2);
  // Nested: gather of gathers, every batch's tasks alive at once (total / 10 of them).
  long nested_total = total / 10, parts = 10;
  std::vector<aio::Coro<long>> outer;
  for (long p = 0; p < parts; ++p) outer.push_back(batch(p * nested_total / parts, nested_total / parts));
  aio::Coro<std::vector<long>> g = aio::gather(std::move(outer));
  std::vector<long> sums = co_await g;
  long nested_sum = 0;
  for (long s : sums) nested_sum += s;
  STRESS_CHECK(nested_sum == nested_total * (nested_total - 1) / 2);
  std::printf("spawned and gathered %ld tasks (+%ld nested)\n", total, nested_total);
  co_return 0;
}

}  // namespace

int main(int argc, char** argv) {
  long total = stress::arg_or(argc, argv, 1, 1000000);
  long per_batch = stress::arg_or(argc, argv, 2, 100000);
  return aio::run(main_coro(total, per_batch));
}
