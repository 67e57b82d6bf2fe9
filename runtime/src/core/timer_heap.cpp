// TimerHeap: heapq's heappush/heappop/heapify, transcribed so that ties between equal
// `when` values break exactly as in CPython (see timer_heap.hpp).
#include "aio/timer_heap.hpp"

namespace aio {
namespace {
inline bool less(const Ref<TimerHandle>& a, const Ref<TimerHandle>& b) {
  return a->when() < b->when();
}
}  // namespace

void TimerHeap::push(Ref<TimerHandle> h) {
  heap_.push_back(std::move(h));
  sift_down(0, heap_.size() - 1);
}

Ref<TimerHandle> TimerHeap::pop() {
  Ref<TimerHandle> last = std::move(heap_.back());
  heap_.pop_back();
  if (heap_.empty()) return last;
  Ref<TimerHandle> top = std::move(heap_.front());
  heap_.front() = std::move(last);
  sift_up(0);
  return top;
}

void TimerHeap::heapify() {
  for (std::size_t i = heap_.size() / 2; i-- > 0;) sift_up(i);
}

// heapq._siftdown: move the item at pos up towards start while it is smaller than its parent.
void TimerHeap::sift_down(std::size_t start, std::size_t pos) {
  Ref<TimerHandle> item = std::move(heap_[pos]);
  while (pos > start) {
    std::size_t parent = (pos - 1) >> 1;
    if (!less(item, heap_[parent])) break;
    heap_[pos] = std::move(heap_[parent]);
    pos = parent;
  }
  heap_[pos] = std::move(item);
}

// heapq._siftup: move the smaller child up until a leaf is reached, then _siftdown.
void TimerHeap::sift_up(std::size_t pos) {
  std::size_t end = heap_.size();
  std::size_t start = pos;
  Ref<TimerHandle> item = std::move(heap_[pos]);
  std::size_t child = 2 * pos + 1;
  while (child < end) {
    std::size_t right = child + 1;
    if (right < end && !less(heap_[child], heap_[right])) child = right;
    heap_[pos] = std::move(heap_[child]);
    pos = child;
    child = 2 * pos + 1;
  }
  heap_[pos] = std::move(item);
  sift_down(start, pos);
}

}  // namespace aio
