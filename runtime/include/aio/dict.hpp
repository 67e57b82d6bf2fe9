// dict: insertion-ordered hash table (CPython's compact layout: an entries array in
// insertion order plus an open-addressing index of entry positions).
//
// Design: `HashTable` is shared by dict and set. Deleted entries leave a hole (Unbound
// key) that is compacted away on resize. Keys are compared by identity, then hash, then
// Python equality (which may run user __eq__).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

#include "aio/object.hpp"

namespace aio {

// Bumped whenever a watched table (a type's dict that a cached lookup read) changes or
// dies, and when a type dies: every type-attribute cache entry older than it is stale.
extern std::uint64_t type_cache_epoch;

class HashTable {
 public:
  HashTable() = default;
  HashTable(const HashTable& o) : entries_(o.entries_), index_(o.index_), used_(o.used_) {}
  HashTable& operator=(const HashTable& o) {
    if (this != &o) {
      entries_ = o.entries_;
      index_ = o.index_;
      used_ = o.used_;
      changed();
    }
    return *this;
  }
  HashTable(HashTable&& o) noexcept = default;
  HashTable& operator=(HashTable&& o) noexcept {
    entries_ = std::move(o.entries_);
    index_ = std::move(o.index_);
    used_ = o.used_;
    watched_ = watched_ || o.watched_;
    o.used_ = 0;
    changed();
    return *this;
  }
  ~HashTable() { changed(); }
  struct Entry {
    std::int64_t hash;
    Value key;  // Unbound = deleted
    Value value;
  };
  // Index of the entry for key, or -1.
  std::int64_t find(const Value& key, std::int64_t hash) const;
  std::int64_t find(const Value& key) const;
  // Inserts or overwrites; returns true if the key was new.
  bool insert(const Value& key, const Value& value);
  bool insert(const Value& key, std::int64_t hash, const Value& value);
  bool erase(const Value& key);  // false if absent
  void clear();
  std::size_t size() const { return used_; }
  std::vector<Entry>& entries() { return entries_; }
  const std::vector<Entry>& entries() const { return entries_; }
  void pop_entry(std::size_t i);  // removes entries_[i] (for popitem)
  // From now on every change bumps type_cache_epoch (type dicts, see TypeObject::lookup).
  void watch() noexcept { watched_ = true; }

 private:
  void rebuild(std::size_t min_capacity);
  std::vector<Entry> entries_;
  std::vector<std::int32_t> index_;  // -1 empty, else entry position
  std::size_t used_ = 0;
  bool watched_ = false;
  void changed() noexcept {
    if (watched_) ++type_cache_epoch;
  }
};

struct DictObject : GcObject {
  HashTable table;
  Value dict;  // attributes of user subclasses
  DictObject() : GcObject(dict_type) {}
  Value* instance_dict() noexcept override { return type->is_heap ? &dict : nullptr; }
  void traverse(GcVisitFn visit, void* arg) override;
  void clear() override;
};

Value make_dict();
Value make_dict(std::initializer_list<std::pair<Value, Value>> items);
inline bool is_dict(const Value& v) { return v.is_object() && v.object()->type == dict_type; }
bool is_dict_like(const Value& v);
inline HashTable& dict_table(const Value& v) { return static_cast<DictObject*>(v.object())->table; }
void dict_setitem(const Value& dict, const Value& key, const Value& value);
void dict_update(const Value& dict, const Value& mapping);  // mapping or iterable of pairs
// Unbound when absent (no exception).
Value dict_get(const Value& dict, const Value& key);
Value dict_get(const Value& dict, std::string_view key);
bool dict_del(const Value& dict, const Value& key);
std::int64_t dict_size(const Value& dict);

}  // namespace aio
