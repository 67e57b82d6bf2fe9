// ThreadPool and the per-loop default executor (thread_pool.hpp).
#include "aio/thread_pool.hpp"

#include <algorithm>
#include <unordered_map>

#include "aio/runtime_lock.hpp"

namespace aio {
namespace {

struct Registry {
  std::mutex mutex;
  std::vector<ThreadPool*> pools;  // every live pool, for join_executor_threads
};
Registry& registry() {
  static Registry* r = new Registry;  // never destroyed: workers may outlive static teardown
  return *r;
}

struct DefaultExecutor {
  std::unique_ptr<ThreadPool> pool;
  bool shutdown_called = false;
};
// Loop thread only (one entry per loop that used run_in_executor).
std::unordered_map<EventLoop*, DefaultExecutor>& defaults() {
  static auto* m = new std::unordered_map<EventLoop*, DefaultExecutor>;
  return *m;
}

int default_max_workers() {
  int cpus = static_cast<int>(std::thread::hardware_concurrency());
  if (cpus <= 0) cpus = 1;
  return std::min(ThreadPool::kMaxDefaultWorkers, cpus + ThreadPool::kExtraDefaultWorkers);
}

}  // namespace

ThreadPool::ThreadPool(int max_workers)
    : max_workers_(max_workers > 0 ? max_workers : default_max_workers()) {
  std::lock_guard<std::mutex> lock(registry().mutex);
  registry().pools.push_back(this);
}

ThreadPool::~ThreadPool() {
  shutdown(true);
  std::lock_guard<std::mutex> lock(registry().mutex);
  auto& p = registry().pools;
  p.erase(std::remove(p.begin(), p.end(), this), p.end());
}

bool ThreadPool::submit(std::unique_ptr<ThreadJob> job) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (shutdown_) return false;
  queue_.push_back(std::move(job));
  if (idle_ > 0) {
    --idle_;  // that worker is claimed (CPython's _idle_semaphore)
    cv_.notify_one();
  } else if (static_cast<int>(threads_.size()) < max_workers_) {
    threads_.emplace_back(&ThreadPool::worker, this);
  } else {
    cv_.notify_one();
  }
  return true;
}

void ThreadPool::worker() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    cv_.wait(lock, [this] { return !queue_.empty() || shutdown_; });
    if (queue_.empty()) return;  // shut down and drained
    std::unique_ptr<ThreadJob> job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    job->run();
    job.reset();
    lock.lock();
    if (queue_.empty()) ++idle_;
  }
}

void ThreadPool::shutdown(bool wait) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    shutdown_ = true;
  }
  cv_.notify_all();
  if (wait) join_all();
}

void ThreadPool::join_all() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    threads.swap(threads_);
  }
  ReleaseRuntimeLock unlocked;  // Python jobs need the lock to finish
  for (auto& t : threads)
    if (t.joinable() && t.get_id() != std::this_thread::get_id()) t.join();
    else if (t.joinable()) t.detach();
}

bool ThreadPool::is_shutdown() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return shutdown_;
}

ThreadPool& default_executor(EventLoop& loop) {
  if (loop.is_closed()) throw_runtime_error("Event loop is closed");
  DefaultExecutor& d = defaults()[&loop];
  if (d.shutdown_called) throw_runtime_error("Executor shutdown has been called");
  if (!d.pool) d.pool = std::make_unique<ThreadPool>();
  return *d.pool;
}

bool default_executor_shutdown_called(EventLoop& loop) noexcept {
  auto it = defaults().find(&loop);
  return it != defaults().end() && it->second.shutdown_called;
}

void close_default_executor(EventLoop& loop) noexcept {
  auto it = defaults().find(&loop);
  if (it == defaults().end()) return;
  if (ThreadPool* pool = it->second.pool.release()) {
    // The pool stays registered (released, not destroyed) so program exit joins its workers.
    pool->shutdown(false);
  }
  defaults().erase(it);  // a later loop may get this address: it starts afresh
}

namespace {

// CPython's _do_shutdown, run on a helper thread: join the workers, then wake the loop. The
// handle was made on the loop thread and is moved (never copied) through this thread.
void do_shutdown(ThreadPool* pool, EventLoop* loop, Ref<Handle> done) {
  pool->shutdown(true);
  loop->schedule_threadsafe(std::move(done));
}

struct SetDone {
  Ref<Future<void>> fut;
  void operator()() {
    if (!fut->done()) fut->set_result();
  }
};

// Joins the helper on every exit path, cancellation included (CPython's finally: join()).
struct JoinOnExit {
  std::thread t;
  ~JoinOnExit() {
    ReleaseRuntimeLock unlocked;
    if (t.joinable()) t.join();
  }
};

}  // namespace

Coro<void> shutdown_default_executor(EventLoop& loop) {
  if (loop.is_closed()) co_return;  // close() already shut it down
  DefaultExecutor& d = defaults()[&loop];
  d.shutdown_called = true;
  if (!d.pool) co_return;
  ThreadPool* pool = d.pool.release();  // stays registered; exit finds it already joined
  Ref<Future<void>> fut = make_future<void>(loop);
  Ref<Handle> done(new CallbackHandle<Handle, SetDone>(SetDone{fut}));
  JoinOnExit helper{std::thread(&do_shutdown, pool, &loop, std::move(done))};
  co_await fut;
}

void join_executor_threads() noexcept {
  std::vector<ThreadPool*> pools;
  {
    std::lock_guard<std::mutex> lock(registry().mutex);
    pools = registry().pools;
  }
  for (ThreadPool* p : pools) p->shutdown(true);
}

}  // namespace aio
