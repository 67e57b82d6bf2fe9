// TimerHeap: the loop's scheduled timers, ordered exactly as CPython's heapq orders
// asyncio.TimerHandle objects.
//
// Design: fidelity, not just "a priority queue". Two timers with equal `when` must fire in
// the order CPython fires them, which is whatever heapq's sift algorithm yields. So this is
// a transcription of heapq's algorithm (push = append + _siftdown; pop = take the last
// element, put it at the root and _siftup to a leaf, then _siftdown; heapify = _siftup from
// the middle down), comparing with `<` on `when` only, like TimerHandle.__lt__.
//
// Thread model: loop thread only.
#pragma once

#include <cstddef>
#include <vector>

#include "aio/handle.hpp"

namespace aio {

class TimerHeap {
 public:
  void push(Ref<TimerHandle> h);
  Ref<TimerHandle> pop();  // precondition: !empty()
  void heapify();
  const Ref<TimerHandle>& top() const { return heap_.front(); }
  bool empty() const noexcept { return heap_.empty(); }
  std::size_t size() const noexcept { return heap_.size(); }
  void clear() { heap_.clear(); }
  // Raw storage, in heap order (for cleanup passes that filter then heapify).
  std::vector<Ref<TimerHandle>>& items() noexcept { return heap_; }

 private:
  void sift_down(std::size_t start, std::size_t pos);
  void sift_up(std::size_t pos);
  std::vector<Ref<TimerHandle>> heap_;
};

}  // namespace aio
