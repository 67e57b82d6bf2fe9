// EventLoop: CPython's BaseEventLoop/_UnixSelectorEventLoop scheduling model, step by step.
//
// Design: fidelity to asyncio is the point (see DESIGN.md "Scheduling fidelity"). One
// iteration (run_once) is CPython's _run_once: drop cancelled timers (a full rebuild when
// more than 100 are scheduled and over half are cancelled, otherwise pop cancelled heads),
// poll epoll with a timeout of 0 if anything is ready or the loop is stopping, else until the
// nearest timer (clamped to one day), move timers due before `time() + clock resolution` to
// the ready queue, then run exactly the handles that were ready when that step began.
// Timers live in a TimerHeap that reproduces heapq's tie order. Callbacks are Handles
// (intrusive, one allocation, no std::function). call_soon_threadsafe appends under a mutex
// and writes an eventfd that wakes the poll; the loop checks an atomic flag before taking
// that mutex. A poll with a zero timeout and no registered fds skips epoll_wait: it could
// only report the wakeup eventfd, whose work (the thread-safe queue) is drained anyway.
//
// Per-loop state (ready queue, timers, current task, stopping flag) lives on this object;
// the only thread-local is the "running loop" pointer, read through an out-of-line function
// so no compiler can cache it across a suspension point.
//
// Exceptions escaping a callback are not propagated (as in CPython): they go to the loop's
// exception handler, whose default prints "Exception in callback ..." to stderr. Exceptions
// for which `is_fatal_error` (errors.hpp) is true (SystemExit, KeyboardInterrupt) propagate
// out of run_forever.
//
// Thread model: every member function except call_soon_threadsafe runs on the loop thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "aio/handle.hpp"
#include "aio/timer_heap.hpp"

namespace aio {

class FutureBase;
class TaskBase;

// What the exception handler receives (CPython's context dict, the fields we use).
struct ExceptionContext {
  std::string message;
  std::exception_ptr exception;   // may be null
  const Handle* handle = nullptr;  // the failing callback, if any
  FutureBase* future = nullptr;    // or the future/task concerned
  const char* future_key = "future";  // CPython's context key for it ("future" or "task")
};

class EventLoop {
 public:
  // Named limits, with CPython's values and reasons.
  static constexpr std::size_t kMinScheduledTimerHandles = 100;   // below: never rebuild the heap
  static constexpr double kMinCancelledTimerHandlesFraction = 0.5;  // above: rebuild it
  static constexpr double kMaximumSelectTimeout = 24 * 3600;  // epoll's timeout limit, in seconds

  using ExceptionHandler = void (*)(EventLoop&, const ExceptionContext&);

  EventLoop();
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // time.monotonic(): CLOCK_MONOTONIC in seconds.
  double time() const;
  double clock_resolution() const noexcept { return clock_resolution_; }

  template <class F>
  Ref<Handle> call_soon(F f) {
    Ref<Handle> h(new CallbackHandle<Handle, F>(std::move(f)));
    schedule_ready(h);
    return h;
  }
  template <class F>
  Ref<TimerHandle> call_at(double when, F f) {
    Ref<TimerHandle> h(new CallbackHandle<TimerHandle, F>(std::move(f), this, when));
    schedule_timer(h);
    return h;
  }
  template <class F>
  Ref<TimerHandle> call_later(double delay, F f) {
    return call_at(time() + delay, std::move(f));
  }
  // Safe from any thread: queues the callback and wakes the loop.
  template <class F>
  Ref<Handle> call_soon_threadsafe(F f) {
    Ref<Handle> h(new CallbackHandle<Handle, F>(std::move(f)));
    schedule_threadsafe(h);
    return h;
  }

  // Non-template entry points (for handles built elsewhere, e.g. by the asyncio glue).
  void schedule_ready(Ref<Handle> h);
  void schedule_timer(Ref<TimerHandle> h);
  void schedule_threadsafe(Ref<Handle> h);

  // File descriptors (level-triggered, like selectors): the callback runs once per
  // iteration while the fd is readable/writable. Replacing a callback cancels the old one.
  void add_reader(int fd, Ref<Handle> h);
  bool remove_reader(int fd);
  void add_writer(int fd, Ref<Handle> h);
  bool remove_writer(int fd);

  void run_once();
  void run_forever();
  // Runs until `fut` is done (CPython's run_until_complete minus result extraction): adds a
  // done callback that stops the loop. Throws (errors.hpp runtime error) if the loop stopped
  // first: "Event loop stopped before Future completed."
  void run_until_done(FutureBase& fut);
  void stop() noexcept { stopping_ = true; }
  void close();
  bool is_running() const noexcept { return running_; }
  bool is_closed() const noexcept { return closed_; }

  void set_exception_handler(ExceptionHandler h) noexcept { handler_ = h; }
  void call_exception_handler(const ExceptionContext& ctx);
  static void default_exception_handler(EventLoop& loop, const ExceptionContext& ctx);
  // Process-wide handler used by loops without their own (the asyncio glue installs one
  // that prints Python tracebacks); null restores default_exception_handler.
  static void set_default_exception_handler(ExceptionHandler h) noexcept;

  // asyncio.current_task(loop) bookkeeping (_enter_task/_leave_task).
  TaskBase* current_task() const noexcept { return current_task_; }
  void enter_task(TaskBase* t);
  void leave_task(TaskBase* t) noexcept;

  // Opaque per-loop slot for the asyncio glue (its Python loop object).
  void* user_data = nullptr;

  // Lifetime. Futures and timer handles point at their loop and count themselves as its
  // users (CPython's futures keep their loop alive the same way). A heap-allocated loop whose
  // owner lets go through release_owner (after closing it: a closed loop holds no handles,
  // so no member function can drop its last user midway) is deleted when it has no users
  // left, possibly at once. A loop owned by the stack (aio::run, tests) must outlive its
  // futures and timers.
  // Loop thread / runtime lock only: the count is not atomic.
  void add_user() noexcept { ++users_; }
  void drop_user() noexcept {
    if (--users_ == 0 && orphaned_) {
      orphaned_ = false;
      delete this;
    }
  }
  static void release_owner(EventLoop* loop) noexcept;

  std::size_t ready_count() const noexcept { return ready_.size(); }
  std::size_t timer_count() const noexcept { return scheduled_.size(); }

  // The loop running on this thread, or nullptr (asyncio._get_running_loop()).
  static EventLoop* running() noexcept;

 private:
  friend class TimerHandle;
  struct FdHandlers {
    Ref<Handle> reader, writer;
  };

  void timer_handle_cancelled(TimerHandle& h) noexcept;
  void check_closed() const;
  void check_running() const;
  void drain_threadsafe();
  void clean_cancelled_timers();
  double poll_timeout() const;
  void poll(double timeout);
  void update_fd(int fd);
  void run_handle(Handle& h);

  std::deque<Ref<Handle>> ready_;
  TimerHeap scheduled_;
  std::size_t timer_cancelled_count_ = 0;
  bool stopping_ = false;
  bool running_ = false;
  bool closed_ = false;
  double clock_resolution_ = 1e-9;
  int epoll_fd_ = -1;
  int wakeup_fd_ = -1;
  std::unordered_map<int, FdHandlers> fds_;
  std::mutex threadsafe_mutex_;
  std::vector<Ref<Handle>> threadsafe_;
  // Set (under the mutex) when threadsafe_ has entries: the loop reads it without the
  // mutex, so an iteration with no other thread involved takes no lock.
  std::atomic<bool> threadsafe_pending_{false};
  ExceptionHandler handler_ = nullptr;
  TaskBase* current_task_ = nullptr;
  // This loop's live tasks in creation order (all_tasks), linked through the tasks: a task
  // belongs to one loop and is created and destroyed on its thread, so no lock. A loop
  // destroyed before its tasks unlinks them (task.cpp).
  friend class TaskBase;
  TaskBase* tasks_head_ = nullptr;
  TaskBase* tasks_tail_ = nullptr;
  void unlink_tasks() noexcept;
  std::size_t users_ = 0;  // live futures and timer handles on this loop
  bool orphaned_ = false;  // release_owner was called: delete with the last user
};

}  // namespace aio
