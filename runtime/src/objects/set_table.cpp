// SetTable: CPython's set hash table (Objects/setobject.c, 3.11) — see set_table.hpp.
#include "aio/set_table.hpp"

#include <utility>

#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/ops.hpp"
#include "aio/set.hpp"
#include "aio/str.hpp"

namespace aio {

namespace {
constexpr std::size_t kLinearProbes = 9;
constexpr int kPerturbShift = 5;
constexpr std::int64_t kDummyHash = -1;

bool unused(const SetTable::Slot& s) { return s.hash == 0 && !s.key.is_bound(); }
}  // namespace

std::size_t SetTable::lookup(const Value& key, std::int64_t hash) {
restart:
  std::size_t mask = this->mask();
  std::size_t perturb = static_cast<std::size_t>(hash);
  std::size_t i = static_cast<std::size_t>(hash) & mask;
  for (;;) {
    std::size_t probes = i + kLinearProbes <= mask ? kLinearProbes : 0;
    for (std::size_t j = i; j <= i + probes; ++j) {
      const Slot& s = slots_[j];
      if (unused(s)) return j;
      if (s.hash != hash || !s.key.is_bound()) continue;
      if (s.key.same(key)) return j;
      if (is_str(s.key) && is_str(key)) {
        if (str_equal(s.key, key)) return j;
        continue;
      }
      // User __eq__ may mutate the set; start over if it did (as CPython does).
      Value start = s.key;
      const Slot* table = slots_.data();
      bool eq = eq_bool(start, key);
      if (table != slots_.data() || mask != this->mask() || !slots_[j].key.same(start)) goto restart;
      if (eq) return j;
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

bool SetTable::contains(const Value& key, std::int64_t hash) { return slots_[lookup(key, hash)].active(); }

bool SetTable::add(const Value& key, std::int64_t hash) {
restart:
  std::size_t mask = this->mask();
  std::size_t perturb = static_cast<std::size_t>(hash);
  std::size_t i = static_cast<std::size_t>(hash) & mask;
  std::size_t freeslot = SIZE_MAX;
  std::size_t found = SIZE_MAX;
  while (found == SIZE_MAX) {
    std::size_t probes = i + kLinearProbes <= mask ? kLinearProbes : 0;
    for (std::size_t j = i; j <= i + probes; ++j) {
      const Slot& s = slots_[j];
      if (unused(s)) {
        found = j;
        break;
      }
      if (s.hash == hash && s.key.is_bound()) {
        if (s.key.same(key)) return false;
        if (is_str(s.key) && is_str(key)) {
          if (str_equal(s.key, key)) return false;
          continue;
        }
        Value start = s.key;
        const Slot* table = slots_.data();
        bool eq = eq_bool(start, key);
        if (eq) return false;
        if (table != slots_.data() || mask != this->mask() || !slots_[j].key.same(start)) goto restart;
      } else if (s.hash == kDummyHash && !s.key.is_bound() && freeslot == SIZE_MAX) {
        freeslot = j;  // a discarded key's slot is reused, without growing fill
      }
    }
    if (found != SIZE_MAX) break;
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
  if (freeslot != SIZE_MAX) {
    ++used_;
    slots_[freeslot].hash = hash;
    slots_[freeslot].key = key;
    return true;
  }
  ++fill_;
  ++used_;
  slots_[found].hash = hash;
  slots_[found].key = key;
  grow_after_insert();
  return true;
}

void SetTable::grow_after_insert() {
  if (fill_ * 5 < mask() * 3) return;
  resize(used_ > 50000 ? used_ * 2 : used_ * 4);
}

void SetTable::insert_clean(const Value& key, std::int64_t hash) {
  std::size_t mask = this->mask();
  std::size_t perturb = static_cast<std::size_t>(hash);
  std::size_t i = static_cast<std::size_t>(hash) & mask;
  for (;;) {
    std::size_t probes = i + kLinearProbes <= mask ? kLinearProbes : 0;
    for (std::size_t j = i; j <= i + probes; ++j)
      if (!slots_[j].key.is_bound()) {
        slots_[j].hash = hash;
        slots_[j].key = key;
        return;
      }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

void SetTable::resize(std::size_t minused) {
  std::size_t newsize = kMinSize;
  while (newsize <= minused) newsize <<= 1;
  std::vector<Slot> old(newsize);
  old.swap(slots_);
  fill_ = used_;
  for (Slot& s : old)
    if (s.active()) insert_clean(s.key, s.hash);
}

bool SetTable::discard(const Value& key, std::int64_t hash) {
  std::size_t j = lookup(key, hash);
  if (!slots_[j].active()) return false;
  Value gone = std::move(slots_[j].key);
  slots_[j].key = Value();
  slots_[j].hash = kDummyHash;
  --used_;
  return true;
}

Value SetTable::pop() {
  if (used_ == 0) raise_error(exc::KeyError, "pop from an empty set");
  std::size_t mask = this->mask();
  std::size_t i = finger_ & mask;
  while (!slots_[i].active()) i = i == mask ? 0 : i + 1;
  Value key = std::move(slots_[i].key);
  slots_[i].key = Value();
  slots_[i].hash = kDummyHash;
  --used_;
  finger_ = i + 1;
  return key;
}

void SetTable::clear() {
  std::vector<Slot> gone(kMinSize);
  gone.swap(slots_);
  fill_ = used_ = 0;
}

void SetTable::merge(const SetTable& other) {
  if (&other == this || other.used_ == 0) return;
  // One big resize up front, expecting few overlapping keys.
  if ((fill_ + other.used_) * 5 >= mask() * 3) resize((used_ + other.used_) * 2);
  if (fill_ == 0 && mask() == other.mask() && other.fill_ == other.used_) {
    for (std::size_t i = 0; i < other.slots_.size(); ++i)
      if (other.slots_[i].active()) slots_[i] = other.slots_[i];
    fill_ = other.fill_;
    used_ = other.used_;
    return;
  }
  if (fill_ == 0) {
    fill_ = used_ = other.used_;
    for (const Slot& s : other.slots_)
      if (s.active()) insert_clean(s.key, s.hash);
    return;
  }
  for (std::size_t i = 0; i < other.slots_.size(); ++i) {
    if (!other.slots_[i].active()) continue;
    Slot s = other.slots_[i];
    add(s.key, s.hash);
  }
}

void SetTable::update(const Value& iterable) {
  if (is_set_like(iterable)) {
    merge(set_table(iterable));
    return;
  }
  if (is_dict(iterable)) {
    HashTable& d = dict_table(iterable);
    if ((fill_ + d.size()) * 5 >= mask() * 3) resize((used_ + d.size()) * 2);
    for (std::size_t i = 0; i < d.entries().size(); ++i) {
      if (!d.entries()[i].key.is_bound()) continue;
      HashTable::Entry e = d.entries()[i];
      add(e.key, e.hash);
    }
    return;
  }
  Value it = iter(iterable), x;
  while (next(it, x)) add(x, aio::hash(x));
}

void SetTable::shrink_dummies() {
  if (fill_ - used_ <= mask() / 4) return;
  resize(used_ > 50000 ? used_ * 2 : used_ * 4);
}

void SetTable::swap(SetTable& other) {
  slots_.swap(other.slots_);
  std::swap(fill_, other.fill_);
  std::swap(used_, other.used_);
}

}  // namespace aio
