// list: mutable sequence backed by std::vector<Value>.
#pragma once

#include <initializer_list>
#include <vector>

#include "aio/object.hpp"

namespace aio {

struct ListObject : GcObject {
  std::vector<Value> items;
  Value dict;  // only for instances of user subclasses
  ListObject() : GcObject(list_type) {}
  Value* instance_dict() noexcept override { return type->is_heap ? &dict : nullptr; }
  void traverse(GcVisitFn visit, void* arg) override;
  void clear() override;
};

Value make_list(std::initializer_list<Value> items);
Value make_list(std::vector<Value> items);
inline bool is_list(const Value& v) { return v.is_object() && v.object()->type == list_type; }
bool is_list_like(const Value& v);
inline std::vector<Value>& list_items(const Value& v) { return static_cast<ListObject*>(v.object())->items; }
void list_append(const Value& list, const Value& v);
void list_extend(const Value& list, const Value& iterable);
Value list_to_tuple(const Value& list);
// list.sort(key=, reverse=) semantics (stable; TypeError from comparisons propagates).
void sort_values(std::vector<Value>& items, const Value& key, bool reverse);

// range and slices.
struct RangeObject : Object {
  std::int64_t start, stop, step;
  RangeObject(std::int64_t a, std::int64_t b, std::int64_t s) : Object(range_type), start(a), stop(b), step(s) {}
  std::int64_t length() const;
};
Value make_range(std::int64_t start, std::int64_t stop, std::int64_t step = 1);
struct SliceObject : Object {
  Value start, stop, step;  // None when omitted
  SliceObject() : Object(slice_type) {}
};
// Resolves a slice against a sequence length (PySlice_AdjustIndices); returns slice length.
std::int64_t slice_indices(const Value& slice, std::int64_t length, std::int64_t& start,
                           std::int64_t& stop, std::int64_t& step);
// Normalises a (possibly negative) index; raises IndexError(`what` + " index out of range").
std::int64_t normalize_index(const Value& index, std::int64_t length, const char* what);

}  // namespace aio
