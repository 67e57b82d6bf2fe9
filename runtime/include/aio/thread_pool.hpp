// ThreadPool: concurrent.futures.ThreadPoolExecutor for the typed core, and the loop's default
// executor behind run_in_executor / to_thread.
//
// Design: a FIFO of jobs and worker threads started on demand, as CPython's executor does: a
// submit that finds no idle worker starts a new one, up to max_workers (default
// min(32, cpu count + 4)). shutdown(wait=false) stops accepting jobs and lets the workers
// drain the queue and exit; shutdown(wait=true) also joins them. Every pool is registered
// process-wide so that join_executor_threads() (run at program exit, like CPython's
// threading._shutdown) waits for queued work to finish.
//
// Results come back to the loop with EventLoop::schedule_threadsafe: a job's future is
// created, completed and destroyed on the loop thread only. The worker moves the Ref it
// carries (no count change) into the handle it schedules, so non-atomic counts stay safe.
//
// Per loop, default_executor() creates the default pool on first use; EventLoop::close()
// calls close_default_executor() (shutdown without waiting), and asyncio.run's shutdown runs
// shutdown_default_executor() (joins the workers from a helper thread while the loop runs).
//
// Thread model: submit/shutdown from any thread; default_executor & co on the loop thread.
// Joining releases the runtime lock (runtime_lock.hpp) so Python jobs can finish.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

#include "aio/coro.hpp"
#include "aio/event_loop.hpp"
#include "aio/future.hpp"

namespace aio {

// A unit of work run once on a worker thread.
class ThreadJob {
 public:
  virtual ~ThreadJob() = default;
  virtual void run() = 0;
};

class ThreadPool {
 public:
  static constexpr int kMaxDefaultWorkers = 32;  // CPython's cap on the default worker count
  static constexpr int kExtraDefaultWorkers = 4;  // "+ 4": at least 5 workers for I/O-bound jobs

  // max_workers <= 0 means CPython's default, min(32, cpu_count + 4).
  explicit ThreadPool(int max_workers = 0);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // False (and the job is dropped) after shutdown.
  bool submit(std::unique_ptr<ThreadJob> job);
  void shutdown(bool wait);
  bool is_shutdown() const;
  int max_workers() const noexcept { return max_workers_; }

 private:
  void worker();
  void join_all();

  int max_workers_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<ThreadJob>> queue_;
  std::vector<std::thread> threads_;
  int idle_ = 0;
  bool shutdown_ = false;
};

// The loop's default executor (created on first use); null once close_default_executor or
// shutdown_default_executor ran (CPython raises "Executor shutdown has been called").
ThreadPool& default_executor(EventLoop& loop);
bool default_executor_shutdown_called(EventLoop& loop) noexcept;
void close_default_executor(EventLoop& loop) noexcept;
Coro<void> shutdown_default_executor(EventLoop& loop);
// Program exit: shut every pool down and join its workers (runtime lock released).
void join_executor_threads() noexcept;

// Runs fn() on `pool`; the future completes on `loop` with its result or exception.
template <class F, class R = std::invoke_result_t<F&>>
Ref<Future<R>> run_in_executor(EventLoop& loop, ThreadPool& pool, F fn) {
  struct Deliver {
    Ref<Future<R>> fut;
    std::optional<Stored<R>> value;
    std::exception_ptr error;
    void operator()() {
      if (fut->done()) return;  // cancelled meanwhile
      if (error) fut->set_exception(error);
      else if constexpr (std::is_void_v<R>) fut->set_result();
      else fut->set_result(std::move(*value));
    }
  };
  struct Job final : ThreadJob {
    EventLoop* loop;
    Deliver d;
    F fn;
    Job(EventLoop* l, Ref<Future<R>> f, F g) : loop(l), d{std::move(f), {}, {}}, fn(std::move(g)) {}
    void run() override {
      try {
        if constexpr (std::is_void_v<R>) {
          fn();
          d.value.emplace();
        } else {
          d.value.emplace(fn());
        }
      } catch (...) {
        d.error = std::current_exception();
      }
      loop->schedule_threadsafe(Ref<Handle>(new CallbackHandle<Handle, Deliver>(std::move(d))));
    }
  };
  Ref<Future<R>> fut = make_future<R>(loop);
  if (!pool.submit(std::make_unique<Job>(&loop, fut, std::move(fn))))
    throw_runtime_error("cannot schedule new futures after shutdown");
  return fut;
}

template <class F>
auto run_in_executor(EventLoop& loop, F fn) {
  return run_in_executor(loop, default_executor(loop), std::move(fn));
}

}  // namespace aio
