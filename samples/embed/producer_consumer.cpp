// Shows tasks, futures and cancellation in the typed core: a producer hands values to a
// consumer through Future<int>s, then the consumer is cancelled while it waits and observes
// aio::CancelledError at its await. Exits 0 when everything happened in CPython's order.
#include <aio/aio.hpp>

#include <cstdio>
#include <vector>

namespace {

std::vector<int> g_seen;
bool g_cancelled = false;

aio::Coro<void> consumer(std::vector<aio::Ref<aio::Future<int>>> slots) {
  try {
    for (auto& slot : slots) g_seen.push_back(co_await slot);
  } catch (const aio::CancelledError&) {
    g_cancelled = true;
    throw;
  }
}

aio::Coro<int> main_coro() {
  aio::EventLoop& loop = aio::get_running_loop();
  std::vector<aio::Ref<aio::Future<int>>> slots;
  for (int i = 0; i < 4; ++i) slots.push_back(aio::make_future<int>(loop));
  auto task = aio::create_task(consumer(slots));
  for (int i = 0; i < 3; ++i) {
    slots[i]->set_result(i * 10);
    co_await aio::sleep(0);  // the consumer's wakeup runs on the next iteration
  }
  co_await aio::sleep(0);
  task->cancel();  // waiting on slots[3]: that future is cancelled, the task gets the error
  try {
    co_await task;
  } catch (const aio::CancelledError&) {
  }
  std::printf("seen %zu values, cancelled=%d\n", g_seen.size(), g_cancelled ? 1 : 0);
  bool ok = g_seen == std::vector<int>{0, 10, 20} && g_cancelled && task->cancelled() &&
            slots[3]->cancelled();
  co_return ok ? 0 : 1;
}

}  // namespace

int main() { return aio::run(main_coro()); }
