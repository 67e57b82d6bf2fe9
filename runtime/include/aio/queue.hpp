// Queue<T>, PriorityQueue<T>, LifoQueue<T>: asyncio.Queue and friends (CPython 3.11.7
// Lib/asyncio/queues.py) for Coro chains.
//
// Design: BasicQueue<T, Store> is queues.Queue with the storage policy as CPython's
// _init/_put/_get: a deque (FIFO), a list used as a stack (LIFO), or a list kept as a binary
// heap with heapq's exact sift algorithm (PriorityQueue), so equal keys come out in the
// order CPython's heapq gives. Getters and putters are FIFOs of waiter futures woken one at
// a time (_wakeup_next pops until it finds a pending one); get/put loop until the queue
// allows them, as CPython's `while self.empty()` does. task_done/join use an Event.
// put_nowait/get_nowait throw QueueFull/QueueEmpty; task_done() throws std::logic_error
// "task_done() called too many times" (the Python glue maps them to asyncio's classes and
// ValueError).
//
// Lifetime: owned by the user; must outlive the coroutines using it. Thread model: loop
// thread only.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <stdexcept>
#include <vector>

#include "aio/locks.hpp"
#include "aio/task.hpp"

namespace aio {

class QueueFull : public std::runtime_error {
 public:
  QueueFull() : std::runtime_error("") {}
};
class QueueEmpty : public std::runtime_error {
 public:
  QueueEmpty() : std::runtime_error("") {}
};
class TaskDoneTooManyTimes : public std::logic_error {
 public:
  TaskDoneTooManyTimes() : std::logic_error("task_done() called too many times") {}
};

// heapq.heappush / heappop with a strict-weak `less` (Python's `<`).
template <class T, class Less>
void heap_push(std::vector<T>& heap, T item, Less& less) {
  heap.push_back(std::move(item));
  std::size_t pos = heap.size() - 1;
  T newitem = std::move(heap[pos]);
  while (pos > 0) {  // _siftdown(heap, 0, pos)
    std::size_t parent = (pos - 1) >> 1;
    if (!less(newitem, heap[parent])) break;
    heap[pos] = std::move(heap[parent]);
    pos = parent;
  }
  heap[pos] = std::move(newitem);
}
template <class T, class Less>
T heap_pop(std::vector<T>& heap, Less& less) {
  T last = std::move(heap.back());
  heap.pop_back();
  if (heap.empty()) return last;
  T ret = std::move(heap[0]);
  heap[0] = std::move(last);
  // _siftup(heap, 0): move the smaller child up until a leaf, then _siftdown.
  std::size_t end = heap.size(), pos = 0, child = 1;
  T newitem = std::move(heap[0]);
  while (child < end) {
    std::size_t right = child + 1;
    if (right < end && !less(heap[child], heap[right])) child = right;
    heap[pos] = std::move(heap[child]);
    pos = child;
    child = 2 * pos + 1;
  }
  while (pos > 0) {
    std::size_t parent = (pos - 1) >> 1;
    if (!less(newitem, heap[parent])) break;
    heap[pos] = std::move(heap[parent]);
    pos = parent;
  }
  heap[pos] = std::move(newitem);
  return ret;
}

// Storage policies (CPython's _init/_put/_get).
template <class T>
struct FifoStore {
  std::deque<T> items;
  void put(T v) { items.push_back(std::move(v)); }
  T get() {
    T v = std::move(items.front());
    items.pop_front();
    return v;
  }
};
template <class T>
struct LifoStore {
  std::vector<T> items;
  void put(T v) { items.push_back(std::move(v)); }
  T get() {
    T v = std::move(items.back());
    items.pop_back();
    return v;
  }
};
template <class T, class Less = std::less<T>>
struct HeapStore {
  std::vector<T> items;
  Less less;
  void put(T v) { heap_push(items, std::move(v), less); }
  T get() { return heap_pop(items, less); }
};

template <class T, class Store>
class BasicQueue {
 public:
  explicit BasicQueue(long maxsize = 0) : maxsize_(maxsize) { finished_.set(); }
  BasicQueue(const BasicQueue&) = delete;
  BasicQueue& operator=(const BasicQueue&) = delete;

  std::size_t qsize() const noexcept { return store_.items.size(); }
  long maxsize() const noexcept { return maxsize_; }
  bool empty() const noexcept { return store_.items.empty(); }
  bool full() const noexcept { return maxsize_ > 0 && static_cast<long>(qsize()) >= maxsize_; }
  long unfinished_tasks() const noexcept { return unfinished_; }
  std::size_t getter_count() const noexcept { return getters_.size(); }
  std::size_t putter_count() const noexcept { return putters_.size(); }
  const auto& items() const noexcept { return store_.items; }  // storage order (repr)

  [[nodiscard]] Coro<void> put(T item) {
    while (full()) {
      Ref<Future<void>> putter = make_future<void>(get_running_loop());
      putters_.push_back(putter);
      std::exception_ptr err = co_await wait_on(putter);
      if (err) {
        putter->cancel();
        detail::remove_waiter(putters_, putter.get());
        if (!full() && !putter->cancelled()) wakeup_next(putters_);
        std::rethrow_exception(err);
      }
    }
    put_nowait(std::move(item));
  }
  void put_nowait(T item) {
    if (full()) throw QueueFull();
    store_.put(std::move(item));
    ++unfinished_;
    finished_.clear();
    wakeup_next(getters_);
  }
  [[nodiscard]] Coro<T> get() {
    while (empty()) {
      Ref<Future<void>> getter = make_future<void>(get_running_loop());
      getters_.push_back(getter);
      std::exception_ptr err = co_await wait_on(getter);
      if (err) {
        getter->cancel();
        detail::remove_waiter(getters_, getter.get());
        if (!empty() && !getter->cancelled()) wakeup_next(getters_);
        std::rethrow_exception(err);
      }
    }
    co_return get_nowait();
  }
  T get_nowait() {
    if (empty()) throw QueueEmpty();
    T item = store_.get();
    wakeup_next(putters_);
    return item;
  }
  void task_done() {
    if (unfinished_ <= 0) throw TaskDoneTooManyTimes();
    if (--unfinished_ == 0) finished_.set();
  }
  [[nodiscard]] Coro<void> join() {
    if (unfinished_ > 0) {
      Coro<bool> w = finished_.wait();
      co_await w;
    }
  }

 private:
  // The awaiter, not a coroutine: one frame less per blocking get/put.
  struct WaitOn {
    FutureAwaiter<Future<void>> inner;
    bool await_ready() const noexcept { return inner.await_ready(); }
    template <class P>
    void await_suspend(std::coroutine_handle<P> h) noexcept {
      inner.await_suspend(h);
    }
    std::exception_ptr await_resume() noexcept {
      try {
        inner.await_resume();
      } catch (...) {
        return std::current_exception();
      }
      return nullptr;
    }
  };
  static WaitOn wait_on(const Ref<Future<void>>& f) { return WaitOn{{f}}; }
  static void wakeup_next(WaiterQueue& waiters) {
    while (!waiters.empty()) {
      Ref<Future<void>> w = std::move(waiters.front());
      waiters.pop_front();
      if (!w->done()) {
        w->set_result();
        break;
      }
    }
  }

  long maxsize_;
  long unfinished_ = 0;
  Store store_;
  WaiterQueue getters_;
  WaiterQueue putters_;
  Event finished_;
};

template <class T>
using Queue = BasicQueue<T, FifoStore<T>>;
template <class T>
using LifoQueue = BasicQueue<T, LifoStore<T>>;
template <class T, class Less = std::less<T>>
using PriorityQueue = BasicQueue<T, HeapStore<T, Less>>;

}  // namespace aio
