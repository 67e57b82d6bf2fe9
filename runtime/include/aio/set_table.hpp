// SetTable: the hash table under set and frozenset, laid out exactly like CPython's
// Objects/setobject.c so that iteration order (which is table order) matches python3.
//
// Design: one flat array of (hash, key) slots, mask = size - 1, starting at 8 slots.
// A slot is unused (no key, hash 0), dummy (no key, hash -1: a discarded key, kept so
// probe chains stay intact) or active. Probing looks at LINEAR_PROBES neighbours before
// jumping with CPython's perturbed recurrence; `fill` counts active + dummy slots and a
// resize fires when fill*5 >= mask*3. Deviating from any of these rules changes the
// order in which python3 prints a set, so they are followed to the letter.
#pragma once

#include <cstdint>
#include <vector>

#include "aio/object.hpp"

namespace aio {

class SetTable {
 public:
  struct Slot {
    std::int64_t hash = 0;
    Value key;  // Unbound: unused (hash 0) or dummy (hash -1)
    bool active() const { return key.is_bound(); }
  };
  static constexpr std::size_t kMinSize = 8;

  SetTable() : slots_(kMinSize) {}

  std::size_t size() const { return used_; }
  std::size_t fill() const { return fill_; }
  std::size_t mask() const { return slots_.size() - 1; }
  const std::vector<Slot>& slots() const { return slots_; }

  bool contains(const Value& key, std::int64_t hash);
  bool add(const Value& key, std::int64_t hash);      // false if already present
  bool discard(const Value& key, std::int64_t hash);  // false if absent (leaves a dummy)
  // Removes the first active slot from the finger on (KeyError when empty).
  Value pop();
  void clear();
  // Rebuilds into the smallest power-of-two table larger than minused, dropping dummies.
  void resize(std::size_t minused);
  // set_merge: every active key of other (a different table) into this one.
  void merge(const SetTable& other);
  // set_update_internal: set/frozenset merge, exact dict with one up-front resize, else
  // add each item of the iterable.
  void update(const Value& iterable);
  // set_difference_update_internal's closing step: drop dummies once they are > 1/4.
  void shrink_dummies();
  void swap(SetTable& other);

 private:
  // Position of the slot holding key, or of the unused slot ending its probe chain.
  std::size_t lookup(const Value& key, std::int64_t hash);
  void insert_clean(const Value& key, std::int64_t hash);
  void grow_after_insert();

  std::vector<Slot> slots_;
  std::size_t fill_ = 0;
  std::size_t used_ = 0;
  std::size_t finger_ = 0;
};

}  // namespace aio
