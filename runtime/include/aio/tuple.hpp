// tuple: immutable fixed-size sequence. The empty tuple is a singleton.
#pragma once

#include <initializer_list>
#include <vector>

#include "aio/object.hpp"

namespace aio {

struct TupleObject : GcObject {
  std::vector<Value> items;
  TupleObject() : GcObject(tuple_type) {}
  void traverse(GcVisitFn visit, void* arg) override;
  void clear() override;
};

Value make_tuple(std::initializer_list<Value> items);
Value make_tuple(std::vector<Value> items);
inline bool is_tuple(const Value& v) { return v.is_object() && v.object()->type == tuple_type; }
bool is_tuple_like(const Value& v);
inline std::vector<Value>& tuple_items(const Value& v) { return static_cast<TupleObject*>(v.object())->items; }

}  // namespace aio
