// HashTable: the insertion-ordered table under dict and set. Open addressing with
// CPython's perturbed probe sequence over an index of entry positions; entries keep
// insertion order and deletions leave holes until the next rebuild.
#include "aio/dict.hpp"

#include "aio/ops.hpp"
#include "aio/str.hpp"

namespace aio {

std::uint64_t type_cache_epoch = 1;

static bool keys_equal(const Value& a, const Value& b) {
  if (a.same(b)) return true;
  if (is_str(a) && is_str(b)) return str_equal(a, b);
  return eq_bool(a, b);
}

std::int64_t HashTable::find(const Value& key) const { return find(key, aio::hash(key)); }

std::int64_t HashTable::find(const Value& key, std::int64_t h) const {
  if (index_.empty()) return -1;
  std::size_t mask = index_.size() - 1;
  std::uint64_t perturb = static_cast<std::uint64_t>(h);
  std::size_t i = static_cast<std::size_t>(h) & mask;
  for (;;) {
    std::int32_t slot = index_[i];
    if (slot == -1) return -1;
    if (slot >= 0) {
      const Entry& e = entries_[slot];
      if (e.hash == h && e.key.is_bound() && keys_equal(e.key, key)) return slot;
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

void HashTable::rebuild(std::size_t min_capacity) {
  std::vector<Entry> live;
  live.reserve(used_);
  for (Entry& e : entries_)
    if (e.key.is_bound()) live.push_back(std::move(e));
  entries_ = std::move(live);
  std::size_t cap = 8;
  while (cap < min_capacity * 3 / 2 + 1) cap *= 2;
  index_.assign(cap, -1);
  std::size_t mask = cap - 1;
  for (std::size_t n = 0; n < entries_.size(); ++n) {
    std::uint64_t perturb = static_cast<std::uint64_t>(entries_[n].hash);
    std::size_t i = static_cast<std::size_t>(entries_[n].hash) & mask;
    while (index_[i] != -1) {
      perturb >>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
    index_[i] = static_cast<std::int32_t>(n);
  }
}

bool HashTable::insert(const Value& key, const Value& value) { return insert(key, aio::hash(key), value); }

bool HashTable::insert(const Value& key, std::int64_t h, const Value& value) {
  std::int64_t found = find(key, h);
  if (found >= 0) {
    entries_[found].value = value;
    changed();  // after the change: the old value's destructor may run code that caches
    return false;
  }
  if ((entries_.size() + 1) * 3 >= index_.size() * 2) rebuild(used_ + 1 > 4 ? (used_ + 1) * 2 : 8);
  std::size_t mask = index_.size() - 1;
  std::uint64_t perturb = static_cast<std::uint64_t>(h);
  std::size_t i = static_cast<std::size_t>(h) & mask;
  while (index_[i] != -1) {
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
  index_[i] = static_cast<std::int32_t>(entries_.size());
  entries_.push_back(Entry{h, key, value});
  ++used_;
  changed();
  return true;
}

bool HashTable::erase(const Value& key) {
  std::int64_t found = find(key);
  if (found < 0) return false;
  changed();
  pop_entry(static_cast<std::size_t>(found));
  return true;
}

void HashTable::pop_entry(std::size_t n) {
  // The index keeps pointing at the hole (key Unbound), which find() skips; a rebuild
  // drops it. Trailing holes are trimmed at once so popitem stays O(1).
  changed();
  Entry& e = entries_[n];
  e.key = Value();
  e.value = Value();
  --used_;
  if (used_ == 0) clear();
  changed();
}

void HashTable::clear() {
  changed();
  entries_.clear();
  index_.clear();
  used_ = 0;
  changed();
}

}  // namespace aio
