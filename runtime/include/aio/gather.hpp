// aio::gather: run awaitables concurrently, results in argument order (asyncio.gather).
//
// Design: GatherCore is CPython's gather() bookkeeping, shared by the typed gather below
// and the asyncio glue: one done callback on every child counts completions; without
// return_exceptions the first failing or cancelled child fails the outer future at once;
// when all are done the owner builds the result (a hook), unless the outer future was
// cancelled meanwhile, in which case it fails with the CancelledError. Cancelling the outer
// future cancels every child (_GatheringFuture.cancel) and records that a cancel was
// requested. The core holds the outer future until the last child is done, then lets go,
// which breaks the outer -> core -> outer cycle.
//
// The typed gather takes Coro<T>s, wraps them in tasks in argument order when first awaited,
// and returns a std::tuple (variadic) or std::vector (homogeneous); void results are
// std::monostate.
//
// Thread model: loop thread only.
#pragma once

#include <tuple>
#include <utility>
#include <vector>

#include "aio/task.hpp"

namespace aio {

class GatherCore final : public DoneCallback {
 public:
  // on_all_done(outer, core) builds and sets the result; it runs only if the outer future is
  // still pending and no cancel was requested.
  using Finish = void (*)(FutureBase& outer, GatherCore& core);
  GatherCore(FutureBase& outer, std::vector<Ref<FutureBase>> children, bool return_exceptions,
             Finish on_all_done);
  // Registers the callback on every distinct child. Call once.
  void attach();
  // _GatheringFuture.cancel's body (after the outer done() check).
  bool cancel_children(const std::optional<std::string>& msg);
  const std::vector<Ref<FutureBase>>& children() const noexcept { return children_; }
  void on_done(FutureBase& fut) override;
  std::string describe() const override { return "gather.<locals>._done_callback()"; }

 private:
  Ref<FutureBase> outer_;
  std::vector<Ref<FutureBase>> children_;
  std::size_t n_distinct_ = 0;
  std::size_t n_finished_ = 0;
  bool return_exceptions_;
  bool cancel_requested_ = false;
  Finish on_all_done_;
};

// The outer future of the typed gather: a Future<void> whose cancel() cancels the children.
class GatherFuture final : public Future<void> {
 public:
  GatherFuture(EventLoop& loop, std::vector<Ref<FutureBase>> children);
  bool cancel(std::optional<std::string> msg = {}) override;

 private:
  Ref<GatherCore> core_;
};

namespace detail {
template <class T>
Stored<T> task_value(Task<T>& t) {
  if constexpr (std::is_void_v<T>) {
    t.result();
    return {};
  } else {
    return t.result();
  }
}
template <class... T, std::size_t... I>
Coro<std::tuple<Stored<T>...>> gather_impl(std::index_sequence<I...>, Coro<T>... coros) {
  EventLoop& loop = get_running_loop();
  std::tuple<Ref<Task<T>>...> tasks{make_ref<Task<T>>(loop, std::move(coros))...};
  Ref<GatherFuture> outer = make_ref<GatherFuture>(
      loop, std::vector<Ref<FutureBase>>{Ref<FutureBase>(std::get<I>(tasks))...});
  co_await outer;
  co_return std::tuple<Stored<T>...>{task_value(*std::get<I>(tasks))...};
}
}  // namespace detail

template <class... T>
Coro<std::tuple<Stored<T>...>> gather(Coro<T>... coros) {
  return detail::gather_impl(std::index_sequence_for<T...>{}, std::move(coros)...);
}

template <class T>
Coro<std::vector<Stored<T>>> gather(std::vector<Coro<T>> coros) {
  EventLoop& loop = get_running_loop();
  std::vector<Ref<Task<T>>> tasks;
  std::vector<Ref<FutureBase>> children;
  for (auto& c : coros) {
    tasks.push_back(make_ref<Task<T>>(loop, std::move(c)));
    children.emplace_back(tasks.back());
  }
  Ref<GatherFuture> outer = make_ref<GatherFuture>(loop, std::move(children));
  co_await outer;
  std::vector<Stored<T>> out;
  out.reserve(tasks.size());
  for (auto& t : tasks) out.push_back(detail::task_value(*t));
  co_return out;
}

}  // namespace aio
