// set and frozenset, on SetTable (CPython's set layout, so iteration order matches).
#pragma once

#include <initializer_list>

#include "aio/dict.hpp"
#include "aio/set_table.hpp"

namespace aio {

struct SetObject : GcObject {
  SetTable table;
  explicit SetObject(TypeObject* t) : GcObject(t) {}
  void traverse(GcVisitFn visit, void* arg) override;
  void clear() override;
};

Value make_set(std::initializer_list<Value> items);
Value make_set_from(const Value& iterable, TypeObject* type = nullptr);  // nullptr = set
bool is_set_like(const Value& v);  // set or frozenset (or subclass)
inline SetTable& set_table(const Value& v) { return static_cast<SetObject*>(v.object())->table; }
void set_add(const Value& set, const Value& v);
void set_update(const Value& set, const Value& iterable);  // set.update(iterable)
// A display of >= 3 constants ({1, 2, 3}): built as python3 builds its frozenset constant.
Value make_set_const(std::initializer_list<Value> items);
// set |= &= -= ^= with a set-like right operand; Unbound when not applicable.
Value set_inplace(const Value& a, const Value& b, BinaryOp op);

}  // namespace aio
