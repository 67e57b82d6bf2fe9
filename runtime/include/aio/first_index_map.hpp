// FirstIndexMap: remembers, for each object address, the index at which it was first seen
// (gather's "same awaitable passed twice" rule: one future, one callback).
//
// Design: open addressing with linear probing in one array sized for the expected count
// (load factor <= 1/2), so n insertions cost one allocation instead of the n nodes of
// std::unordered_map. Not a general container: no erase, no iteration.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace aio {

class FirstIndexMap {
 public:
  explicit FirstIndexMap(std::size_t expected) : slots_(capacity_for(expected)) {}
  // The index recorded for p (non-null), recording `index` if p is new.
  std::size_t first_index(const void* p, std::size_t index) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    Slot& s = find(slots_, p);
    if (!s.key) {
      s = {p, index};
      ++size_;
    }
    return s.index;
  }
  std::size_t size() const noexcept { return size_; }

 private:
  struct Slot {
    const void* key = nullptr;
    std::size_t index = 0;
  };
  static std::size_t capacity_for(std::size_t n) {
    std::size_t c = 8;
    while (c < 2 * n) c *= 2;
    return c;
  }
  // The slot holding p, or the empty slot where it belongs.
  static Slot& find(std::vector<Slot>& slots, const void* p) {
    std::size_t mask = slots.size() - 1;
    auto h = reinterpret_cast<std::uintptr_t>(p) >> 4;  // low bits of addresses are 0
    std::size_t i = static_cast<std::size_t>((h * 0x9E3779B97F4A7C15ull) >> 32) & mask;
    while (slots[i].key && slots[i].key != p) i = (i + 1) & mask;
    return slots[i];
  }
  void grow() {
    std::vector<Slot> bigger(slots_.size() * 2);
    for (const Slot& s : slots_)
      if (s.key) find(bigger, s.key) = s;
    slots_.swap(bigger);
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace aio
