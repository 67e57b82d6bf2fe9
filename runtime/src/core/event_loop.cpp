// EventLoop: CPython's _run_once and run_forever/run_until_complete/stop/close on epoll, an
// eventfd for call_soon_threadsafe wake-ups, and a heapq-ordered TimerHeap. The design and
// the rules being reproduced are described in event_loop.hpp.
#include "aio/event_loop.hpp"

#include "aio/runtime_lock.hpp"
#include "aio/thread_pool.hpp"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <system_error>

#include "aio/errors.hpp"
#include "aio/future.hpp"
#include "aio/task.hpp"

namespace aio {
namespace {

// Read only through EventLoop::running(), an out-of-line call (see the header).
thread_local EventLoop* t_running_loop = nullptr;

constexpr int kMaxEvents = 64;  // epoll events fetched per poll

struct RunningGuard {
  EventLoop* previous;
  bool& running;
  bool& stopping;
  ~RunningGuard() {
    stopping = false;
    running = false;
    t_running_loop = previous;
  }
};

// _run_until_complete_cb: stop the loop unless the future ended with a fatal exception
// (which is propagating out of run_forever anyway).
void stop_loop_cb(FutureBase& fut, void*) {
  if (!fut.cancelled() && is_fatal_error(fut.stored_exception())) return;
  fut.loop().stop();
}

}  // namespace

EventLoop::EventLoop() {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  wakeup_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (epoll_fd_ < 0 || wakeup_fd_ < 0) throw std::system_error(errno, std::generic_category());
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = wakeup_fd_;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wakeup_fd_, &ev);
  timespec res{};
  ::clock_getres(CLOCK_MONOTONIC, &res);
  clock_resolution_ = static_cast<double>(res.tv_sec) + static_cast<double>(res.tv_nsec) * 1e-9;
}

EventLoop::~EventLoop() {
  close();
  unlink_tasks();
  if (epoll_fd_ >= 0) ::close(epoll_fd_);
  if (wakeup_fd_ >= 0) ::close(wakeup_fd_);
}

void EventLoop::release_owner(EventLoop* loop) noexcept {
  if (loop->users_ == 0) delete loop;
  else loop->orphaned_ = true;
}

EventLoop* EventLoop::running() noexcept { return t_running_loop; }

double EventLoop::time() const {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

void EventLoop::check_closed() const {
  if (closed_) throw_runtime_error("Event loop is closed");
}

void EventLoop::check_running() const {
  if (running_) throw_runtime_error("This event loop is already running");
  if (running() != nullptr) throw_runtime_error("Cannot run the event loop while another loop is running");
}

void EventLoop::schedule_ready(Ref<Handle> h) {
  check_closed();
  ready_.push_back(std::move(h));
}

void EventLoop::schedule_timer(Ref<TimerHandle> h) {
  check_closed();
  h->scheduled_ = true;
  scheduled_.push(std::move(h));
}

void EventLoop::schedule_threadsafe(Ref<Handle> h) {
  // On the loop's own thread it is call_soon: CPython appends to the same ready queue, so
  // call_soon and call_soon_threadsafe callbacks keep their relative order.
  if (running() == this) {
    ready_.push_back(std::move(h));
    return;
  }
  bool wake;
  {
    std::lock_guard<std::mutex> lock(threadsafe_mutex_);
    threadsafe_.push_back(std::move(h));
    wake = !threadsafe_pending_.exchange(true, std::memory_order_release);
  }
  if (wake) {
    std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(wakeup_fd_, &one, sizeof one);
  }
}

void EventLoop::drain_threadsafe() {
  if (!threadsafe_pending_.load(std::memory_order_acquire)) return;  // no lock when idle
  std::vector<Ref<Handle>> pending;
  {
    std::lock_guard<std::mutex> lock(threadsafe_mutex_);
    pending.swap(threadsafe_);
    threadsafe_pending_.store(false, std::memory_order_relaxed);
  }
  for (auto& h : pending) ready_.push_back(std::move(h));
}

void EventLoop::timer_handle_cancelled(TimerHandle& h) noexcept {
  if (h.scheduled_) ++timer_cancelled_count_;
}

void EventLoop::enter_task(TaskBase* t) {
  if (current_task_ != nullptr)
    throw_runtime_error("Cannot enter into task " + t->name() + " while another task " +
                        current_task_->name() + " is being executed.");
  current_task_ = t;
}

void EventLoop::leave_task(TaskBase*) noexcept { current_task_ = nullptr; }

// File descriptors ------------------------------------------------------------------------

void EventLoop::update_fd(int fd) {
  auto it = fds_.find(fd);
  std::uint32_t mask = 0;
  if (it != fds_.end()) {
    if (it->second.reader) mask |= EPOLLIN;
    if (it->second.writer) mask |= EPOLLOUT;
  }
  epoll_event ev{};
  ev.events = mask;
  ev.data.fd = fd;
  if (mask == 0) {
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
    if (it != fds_.end()) fds_.erase(it);
  } else if (::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, fd, &ev) != 0) {
    if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev) != 0)
      throw std::system_error(errno, std::generic_category(), "epoll_ctl");
  }
}

void EventLoop::add_reader(int fd, Ref<Handle> h) {
  check_closed();
  auto& slot = fds_[fd].reader;
  if (slot) slot->cancel();
  slot = std::move(h);
  update_fd(fd);
}

bool EventLoop::remove_reader(int fd) {
  auto it = fds_.find(fd);
  if (it == fds_.end() || !it->second.reader) return false;
  it->second.reader->cancel();
  it->second.reader.reset();
  update_fd(fd);
  return true;
}

void EventLoop::add_writer(int fd, Ref<Handle> h) {
  check_closed();
  auto& slot = fds_[fd].writer;
  if (slot) slot->cancel();
  slot = std::move(h);
  update_fd(fd);
}

bool EventLoop::remove_writer(int fd) {
  auto it = fds_.find(fd);
  if (it == fds_.end() || !it->second.writer) return false;
  it->second.writer->cancel();
  it->second.writer.reset();
  update_fd(fd);
  return true;
}

// One iteration -----------------------------------------------------------------------------

void EventLoop::clean_cancelled_timers() {
  std::size_t n = scheduled_.size();
  if (n > kMinScheduledTimerHandles &&
      static_cast<double>(timer_cancelled_count_) / static_cast<double>(n) >
          kMinCancelledTimerHandlesFraction) {
    auto& items = scheduled_.items();
    std::vector<Ref<TimerHandle>> kept;
    kept.reserve(n);
    for (auto& h : items) {
      if (h->cancelled()) h->scheduled_ = false;
      else kept.push_back(std::move(h));
    }
    items.swap(kept);
    scheduled_.heapify();
    timer_cancelled_count_ = 0;
    return;
  }
  while (!scheduled_.empty() && scheduled_.top()->cancelled()) {
    --timer_cancelled_count_;
    Ref<TimerHandle> h = scheduled_.pop();
    h->scheduled_ = false;
  }
}

// Seconds to block in poll; negative means "no timeout" (CPython's None).
double EventLoop::poll_timeout() const {
  if (!ready_.empty() || stopping_) return 0;
  if (scheduled_.empty()) return -1;
  double t = std::max(0.0, scheduled_.top()->when() - time());
  return std::min(t, kMaximumSelectTimeout);
}

void EventLoop::poll(double timeout) {
  int ms = -1;
  if (timeout == 0) ms = 0;
  else if (timeout > 0) ms = static_cast<int>(std::ceil(timeout * 1e3));  // round away from 0
  if (ms == 0 && fds_.empty()) {
    // Nothing but the wakeup eventfd could be reported, and drain_threadsafe reads the
    // queue it signals; the eventfd's count is consumed by the next blocking poll. Still
    // let executor threads take the runtime lock, as the epoll_wait below would.
    { ReleaseRuntimeLock unlocked; }
    drain_threadsafe();
    return;
  }
  epoll_event events[kMaxEvents];
  int n;
  {
    ReleaseRuntimeLock unlocked;  // executor threads run Python code while the loop waits
    for (;;) {
      n = ::epoll_wait(epoll_fd_, events, kMaxEvents, ms);
      if (n >= 0 || errno != EINTR) break;
    }
  }
  for (int i = 0; i < n; ++i) {
    int fd = events[i].data.fd;
    std::uint32_t ev = events[i].events;
    if (fd == wakeup_fd_) {
      std::uint64_t v;
      [[maybe_unused]] auto r = ::read(wakeup_fd_, &v, sizeof v);
      continue;
    }
    auto it = fds_.find(fd);
    if (it == fds_.end()) continue;
    constexpr std::uint32_t kReadMask = EPOLLIN | EPOLLERR | EPOLLHUP;
    constexpr std::uint32_t kWriteMask = EPOLLOUT | EPOLLERR | EPOLLHUP;
    if ((ev & kReadMask) && it->second.reader) ready_.push_back(it->second.reader);
    if ((ev & kWriteMask) && it->second.writer) ready_.push_back(it->second.writer);
  }
  drain_threadsafe();
}

void EventLoop::run_handle(Handle& h) {
  try {
    h.invoke();
  } catch (...) {
    std::exception_ptr e = std::current_exception();
    if (is_fatal_error(e)) throw;
    call_exception_handler({"Exception in callback " + h.callback_repr(), e, &h, nullptr});
  }
}

void EventLoop::run_once() {
  drain_threadsafe();
  clean_cancelled_timers();
  poll(poll_timeout());

  if (!scheduled_.empty()) {  // no clock read when there is no timer to compare with
    double end_time = time() + clock_resolution_;
    while (!scheduled_.empty() && scheduled_.top()->when() < end_time) {
      Ref<TimerHandle> h = scheduled_.pop();
      h->scheduled_ = false;
      ready_.push_back(std::move(h));
    }
  }

  for (std::size_t todo = ready_.size(); todo > 0; --todo) {
    Ref<Handle> h = std::move(ready_.front());
    ready_.pop_front();
    if (h->cancelled()) continue;
    run_handle(*h);
  }
}

void EventLoop::run_forever() {
  check_closed();
  check_running();
  running_ = true;
  RunningGuard guard{t_running_loop, running_, stopping_};
  t_running_loop = this;
  for (;;) {
    run_once();
    if (stopping_) break;
  }
}

void EventLoop::run_until_done(FutureBase& fut) {
  check_closed();
  check_running();
  Ref<DoneCallback> cb = make_ref<FunctionCallback>(&stop_loop_cb, nullptr);
  fut.add_done_callback(cb);
  try {
    run_forever();
  } catch (...) {
    fut.remove_done_callback(cb.get());
    throw;
  }
  fut.remove_done_callback(cb.get());
  if (!fut.done()) throw_runtime_error("Event loop stopped before Future completed.");
}

void EventLoop::close() {
  if (running_) throw_runtime_error("Cannot close a running event loop");
  if (closed_) return;
  closed_ = true;
  close_default_executor(*this);  // CPython: executor.shutdown(wait=False)
  ready_.clear();
  scheduled_.clear();
  timer_cancelled_count_ = 0;
  for (auto& [fd, h] : fds_) ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  fds_.clear();
  std::lock_guard<std::mutex> lock(threadsafe_mutex_);
  threadsafe_.clear();
}

// Exception handling ------------------------------------------------------------------------

namespace {
EventLoop::ExceptionHandler g_default_handler = nullptr;
}

void EventLoop::set_default_exception_handler(ExceptionHandler h) noexcept { g_default_handler = h; }

void EventLoop::call_exception_handler(const ExceptionContext& ctx) {
  ExceptionHandler h = handler_ ? handler_ : g_default_handler;
  if (!h) h = &default_exception_handler;
  try {
    h(*this, ctx);
  } catch (...) {
    std::fputs("Unhandled error in exception handler\n", stderr);
  }
}

void EventLoop::default_exception_handler(EventLoop&, const ExceptionContext& ctx) {
  std::string text = ctx.message.empty() ? "Unhandled exception in event loop" : ctx.message;
  if (ctx.handle) text += "\nhandle: " + ctx.handle->repr();
  if (ctx.exception) text += "\n" + error_factory().describe(ctx.exception);
  text += "\n";
  std::fflush(stdout);
  std::fputs(text.c_str(), stderr);
}

}  // namespace aio
