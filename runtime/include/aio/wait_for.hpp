// aio::wait_for(coro_or_future, timeout): asyncio.wait_for (3.11 semantics).
//
// Design: wait_for_future is the CPython algorithm on a FutureBase: a waiter future released
// by a call_later timer or by the awaited future's completion; on timeout the awaited future
// is cancelled and waited for (_cancel_and_wait), and if it ended cancelled the caller gets
// TimeoutError; if the waiting task itself is cancelled, the awaited future is cancelled and
// waited for too, then the cancellation propagates. The timer is cancelled however it ends.
// A negative timeout means "no timeout" (Python's None). On normal return `fut` is done and
// the typed wrappers return its result (rethrowing its exception).
//
// Thread model: awaited from a task on the running loop.
#pragma once

#include "aio/task.hpp"

namespace aio {

inline constexpr double kNoTimeout = -1;

Coro<void> wait_for_future(Ref<FutureBase> fut, double timeout);

template <class T>
Coro<T> wait_for(Ref<Task<T>> task, double timeout) {
  co_await wait_for_future(Ref<FutureBase>(task), timeout);
  co_return task->result();
}
template <class T>
Coro<T> wait_for(Ref<Future<T>> fut, double timeout) {
  co_await wait_for_future(Ref<FutureBase>(fut), timeout);
  co_return fut->result();
}
template <class T>
Coro<T> wait_for(Coro<T> coro, double timeout) {
  Ref<Task<T>> task = create_task(std::move(coro));
  co_await wait_for_future(Ref<FutureBase>(task), timeout);
  co_return task->result();
}

}  // namespace aio
