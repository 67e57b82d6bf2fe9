// aio::run(coro): asyncio.run for the typed core.
//
// Design: CPython's asyncio.Runner: refuse to run inside a running loop, create a fresh
// loop, run the main coroutine as a task until it is done, then shut down exactly as
// Runner.close() does — cancel every remaining task and run the loop until they have all
// finished (gather with return_exceptions), run the two no-op shutdown steps
// (shutdown_asyncgens, shutdown_default_executor: each one task, i.e. two iterations in
// which leftover callbacks still run), and close the loop. Returns the main coroutine's
// result or rethrows its exception.
//
// Thread model: runs a loop on the calling thread.
#pragma once

#include "aio/gather.hpp"
#include "aio/task.hpp"

namespace aio {

// Cancels the remaining tasks of `loop` and runs the shutdown steps (Runner.close minus
// loop.close()). Exposed for the asyncio glue.
void shutdown_loop(EventLoop& loop);
// The shutdown_asyncgens step of shutdown_loop: a no-op unless the asyncio glue installs
// its own (which acloses the loop's live async generators).
using AsyncgenShutdown = Coro<void> (*)(EventLoop& loop);
void set_asyncgen_shutdown(AsyncgenShutdown fn) noexcept;
// Throws RuntimeError("asyncio.run() cannot be called from a running event loop") if needed.
void check_no_running_loop(const char* what = "asyncio.run()");

template <class T>
T run(Coro<T> main) {
  check_no_running_loop();
  EventLoop loop;
  struct Closer {
    EventLoop& loop;
    ~Closer() {
      try {
        shutdown_loop(loop);
      } catch (...) {
      }
      loop.close();
    }
  } closer{loop};
  Ref<Task<T>> task = create_task(loop, std::move(main));
  loop.run_until_done(*task);
  return task->result();
}

}  // namespace aio
