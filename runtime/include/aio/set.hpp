// set and frozenset, on the same HashTable as dict (values unused).
#pragma once

#include <initializer_list>

#include "aio/dict.hpp"

namespace aio {

struct SetObject : GcObject {
  HashTable table;
  explicit SetObject(TypeObject* t) : GcObject(t) {}
  void traverse(GcVisitFn visit, void* arg) override;
  void clear() override;
};

Value make_set(std::initializer_list<Value> items);
Value make_set_from(const Value& iterable, TypeObject* type = nullptr);  // nullptr = set
bool is_set_like(const Value& v);  // set or frozenset (or subclass)
inline HashTable& set_table(const Value& v) { return static_cast<SetObject*>(v.object())->table; }
void set_add(const Value& set, const Value& v);

}  // namespace aio
