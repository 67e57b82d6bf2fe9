// wait / as_completed / shield / Timeout: CPython 3.11.7 tasks.py and timeouts.py on
// FutureBase (wait.hpp). No co_await inside a catch handler.
#include "aio/wait.hpp"

#include <fmt/format.h>

#include <cmath>
#include <unordered_set>

namespace aio {

// --- wait ----------------------------------------------------------------------------------
namespace {

class WaitCallback final : public DoneCallback {
 public:
  WaitCallback(Ref<Future<void>> waiter, std::size_t n, ReturnWhen when)
      : waiter_(std::move(waiter)), counter_(n), when_(when) {}
  Ref<TimerHandle> timer;
  std::string describe() const override { return "_wait.<locals>._on_completion()"; }
  // _on_completion
  void on_done(FutureBase& f) override {
    --counter_;
    bool release = counter_ == 0 || when_ == ReturnWhen::FirstCompleted ||
                   (when_ == ReturnWhen::FirstException && !f.cancelled() && f.stored_exception());
    if (!release) return;
    if (timer) timer->cancel();
    if (!waiter_->done()) waiter_->set_result();
  }

 private:
  Ref<Future<void>> waiter_;
  std::size_t counter_;
  ReturnWhen when_;
};

struct ReleaseWaiter {
  Ref<Future<void>> waiter;
  void operator()() {
    if (!waiter->done()) waiter->set_result();
  }
};

}  // namespace

Coro<WaitResult> wait(std::vector<Ref<FutureBase>> fs, ReturnWhen when, double timeout) {
  EventLoop& loop = get_running_loop();
  Ref<Future<void>> waiter = make_future<void>(loop);
  Ref<WaitCallback> cb = make_ref<WaitCallback>(waiter, fs.size(), when);
  if (timeout >= 0) cb->timer = loop.call_later(timeout, ReleaseWaiter{waiter});
  for (auto& f : fs) f->add_done_callback(Ref<DoneCallback>(cb));
  std::exception_ptr err;
  try {
    co_await waiter;
  } catch (...) {
    err = std::current_exception();
  }
  if (cb->timer) cb->timer->cancel();
  for (auto& f : fs) f->remove_done_callback(cb.get());
  if (err) std::rethrow_exception(err);
  WaitResult r;
  for (auto& f : fs) (f->done() ? r.done : r.pending).push_back(f);
  co_return r;
}

// --- as_completed --------------------------------------------------------------------------

class AsCompleted::Callback final : public DoneCallback {
 public:
  explicit Callback(std::vector<Ref<FutureBase>> fs) : futs(std::move(fs)) {
    for (auto& f : futs) todo.insert(f.get());
  }
  std::vector<Ref<FutureBase>> futs;      // keeps them alive
  std::unordered_set<FutureBase*> todo;  // CPython's todo set
  Queue<Ref<FutureBase>> done;
  Ref<TimerHandle> timer;

  std::string describe() const override { return "as_completed.<locals>._on_completion()"; }
  void on_done(FutureBase& f) override {
    if (todo.empty()) return;  // the timeout came first
    todo.erase(&f);
    done.put_nowait(Ref<FutureBase>(&f));
    if (todo.empty() && timer) timer->cancel();
  }
  void on_timeout() {
    for (auto& f : futs) {
      if (!todo.count(f.get())) continue;
      f->remove_done_callback(this);
      done.put_nowait(Ref<FutureBase>());
    }
    todo.clear();
  }
};

namespace {
struct AsCompletedTimeout {
  Ref<DoneCallback> cb;
  void operator()();
};
}  // namespace

AsCompleted::AsCompleted(std::vector<Ref<FutureBase>> fs, double timeout)
    : cb_(make_ref<Callback>(std::move(fs))), total_(cb_->futs.size()) {
  for (auto& f : cb_->futs) f->add_done_callback(Ref<DoneCallback>(cb_));
  if (!cb_->todo.empty() && timeout >= 0)
    cb_->timer = get_running_loop().call_later(timeout, AsCompletedTimeout{Ref<DoneCallback>(cb_)});
}

void AsCompletedTimeout::operator()() { static_cast<AsCompleted::Callback&>(*cb).on_timeout(); }

AsCompleted::~AsCompleted() {
  if (cb_->timer) cb_->timer->cancel();
}

Coro<Ref<FutureBase>> AsCompleted::next() {
  Ref<Callback> cb = cb_;
  Coro<Ref<FutureBase>> g = cb->done.get();
  Ref<FutureBase> f = co_await g;
  if (!f) std::rethrow_exception(error_factory().timeout());
  co_return f;
}

// --- shield --------------------------------------------------------------------------------
namespace {

class ShieldInner final : public DoneCallback {
 public:
  ShieldInner(Ref<FutureBase> outer, ShieldCopy copy) : outer_(std::move(outer)), copy_(copy) {}
  std::string describe() const override { return "shield.<locals>._inner_done_callback()"; }
  void on_done(FutureBase& inner) override {
    if (outer_->cancelled()) {
      if (!inner.cancelled()) inner.mark_retrieved();
      return;
    }
    if (inner.cancelled()) outer_->cancel();
    else if (std::exception_ptr e = inner.exception()) outer_->set_exception(e);
    else copy_(inner, *outer_);
  }

 private:
  Ref<FutureBase> outer_;
  ShieldCopy copy_;
};

class ShieldOuter final : public DoneCallback {
 public:
  ShieldOuter(Ref<FutureBase> inner, Ref<DoneCallback> inner_cb)
      : inner_(std::move(inner)), inner_cb_(std::move(inner_cb)) {}
  std::string describe() const override { return "shield.<locals>._outer_done_callback()"; }
  void on_done(FutureBase&) override {
    if (!inner_->done()) inner_->remove_done_callback(inner_cb_.get());
  }

 private:
  Ref<FutureBase> inner_;
  Ref<DoneCallback> inner_cb_;
};

}  // namespace

Ref<FutureBase> shield_into(Ref<FutureBase> inner, Ref<FutureBase> outer, ShieldCopy copy) {
  if (inner->done()) return inner;
  Ref<DoneCallback> icb = make_ref<ShieldInner>(outer, copy);
  inner->add_done_callback(icb);
  outer->add_done_callback(make_ref<ShieldOuter>(inner, icb));
  return outer;
}

// --- Timeout -------------------------------------------------------------------------------
namespace {
struct OnTimeout {
  Ref<Timeout> t;
  void operator()();
};
}  // namespace

const char* Timeout::state_name(State s) noexcept {
  switch (s) {
    case State::Created: return "created";
    case State::Entered: return "active";
    case State::Expiring: return "expiring";
    case State::Expired: return "expired";
    case State::Exited: return "finished";
  }
  return "?";
}

void Timeout::reschedule(std::optional<double> when) {
  if (state_ == State::Created) throw_runtime_error("Timeout has not been entered");
  if (state_ != State::Entered)
    throw_runtime_error(fmt::format("Cannot change state of {} Timeout", state_name(state_)));
  when_ = when;
  if (handle_) handle_->cancel();
  handle_.reset();
  if (!when) return;
  EventLoop& loop = get_running_loop();
  if (*when <= loop.time()) handle_ = loop.call_soon(OnTimeout{Ref<Timeout>(this)});
  else handle_ = loop.call_at(*when, OnTimeout{Ref<Timeout>(this)});
}

void OnTimeout::operator()() { t->on_timeout(); }

void Timeout::on_timeout() {
  task_->cancel();
  state_ = State::Expiring;
  handle_.reset();
}

void Timeout::enter() {
  if (state_ != State::Created) throw_runtime_error("Timeout has already been entered");
  TaskBase* t = current_task();
  if (!t) throw_runtime_error("Timeout should be used inside a task");
  state_ = State::Entered;
  task_ = Ref<TaskBase>(t);
  cancelling_ = t->cancelling();
  reschedule(when_);
}

void Timeout::exit(const std::exception_ptr& err) {
  if (handle_) {
    handle_->cancel();
    handle_.reset();
  }
  if (state_ == State::Expiring) {
    state_ = State::Expired;
    if (task_->uncancel() <= cancelling_ && is_cancelled_error(err)) std::rethrow_exception(error_factory().timeout());
  } else if (state_ == State::Entered) {
    state_ = State::Exited;
  }
}

std::string Timeout::repr() const {
  std::string info;
  if (state_ == State::Entered) {
    if (when_) info = fmt::format(" when={}", std::round(*when_ * 1000) / 1000);
    else info = " when=None";
  }
  return fmt::format("<Timeout [{}]{}>", state_name(state_), info);
}

Ref<Timeout> timeout(std::optional<double> delay) {
  EventLoop& loop = get_running_loop();
  return make_ref<Timeout>(delay ? std::optional<double>(loop.time() + *delay) : std::nullopt);
}
Ref<Timeout> timeout_at(std::optional<double> when) { return make_ref<Timeout>(when); }

}  // namespace aio
