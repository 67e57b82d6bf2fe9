// Operators: Python's binary/unary/comparison protocol over Values.
//
// Design: each operator first tries the inline fast path (int64 with overflow checks,
// double), then dispatches through TypeObject::binary / compare slots with CPython's
// reflected-operand rules (the right operand's slot first when its type is a subclass of
// the left's), raising CPython's TypeError text when both return NotImplemented.
#pragma once

#include <cstdint>
#include <vector>

#include "aio/object.hpp"

namespace aio {

Value mul(const Value& a, const Value& b);
Value matmul(const Value& a, const Value& b);
Value truediv(const Value& a, const Value& b);
Value floordiv(const Value& a, const Value& b);
Value mod(const Value& a, const Value& b);
Value pow(const Value& a, const Value& b);
Value lshift(const Value& a, const Value& b);
Value rshift(const Value& a, const Value& b);
Value bitand_(const Value& a, const Value& b);
Value bitor_(const Value& a, const Value& b);
Value bitxor(const Value& a, const Value& b);
Value imul(const Value& a, const Value& b);
Value imatmul(const Value& a, const Value& b);
Value itruediv(const Value& a, const Value& b);
Value ifloordiv(const Value& a, const Value& b);
Value imod(const Value& a, const Value& b);
Value ipow(const Value& a, const Value& b);
Value ilshift(const Value& a, const Value& b);
Value irshift(const Value& a, const Value& b);
Value ibitand(const Value& a, const Value& b);
Value ibitor(const Value& a, const Value& b);
Value ibitxor(const Value& a, const Value& b);
Value binary_op(const Value& a, const Value& b, BinaryOp op);
Value inplace_op(const Value& a, const Value& b, BinaryOp op);
const char* binary_op_symbol(BinaryOp op);

Value neg(const Value& a);
Value pos(const Value& a);
Value invert(const Value& a);

Value not_(const Value& v);

Value eq(const Value& a, const Value& b);
Value ne(const Value& a, const Value& b);
Value compare(const Value& a, const Value& b, CompareOp op);
// truthy() for heap objects (the inline truthy below handles the inline tags).
bool truthy_object(const Value& v);

// The operators loops spend their time in, inline with their int64 fast path (overflow
// falls through to the big-int code); everything else dispatches out of line.
inline Value add(const Value& a, const Value& b) {
  std::int64_t r;
  if (a.is_int() && b.is_int() && !__builtin_add_overflow(a.as_int(), b.as_int(), &r)) return Value::from_int(r);
  return binary_op(a, b, BinaryOp::Add);
}
inline Value sub(const Value& a, const Value& b) {
  std::int64_t r;
  if (a.is_int() && b.is_int() && !__builtin_sub_overflow(a.as_int(), b.as_int(), &r)) return Value::from_int(r);
  return binary_op(a, b, BinaryOp::Sub);
}
inline Value iadd(const Value& a, const Value& b) {
  std::int64_t r;
  if (a.is_int() && b.is_int() && !__builtin_add_overflow(a.as_int(), b.as_int(), &r)) return Value::from_int(r);
  return inplace_op(a, b, BinaryOp::Add);
}
inline Value isub(const Value& a, const Value& b) {
  std::int64_t r;
  if (a.is_int() && b.is_int() && !__builtin_sub_overflow(a.as_int(), b.as_int(), &r)) return Value::from_int(r);
  return inplace_op(a, b, BinaryOp::Sub);
}
inline Value lt(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return Value(a.as_int() < b.as_int());
  return compare(a, b, CompareOp::Lt);
}
inline Value le(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return Value(a.as_int() <= b.as_int());
  return compare(a, b, CompareOp::Le);
}
inline Value gt(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return Value(a.as_int() > b.as_int());
  return compare(a, b, CompareOp::Gt);
}
inline Value ge(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return Value(a.as_int() >= b.as_int());
  return compare(a, b, CompareOp::Ge);
}
inline bool truthy(const Value& v) {
  switch (v.tag()) {
    case Value::Tag::Bool:
    case Value::Tag::Int: return v.as_int() != 0;
    case Value::Tag::None:
    case Value::Tag::Unbound: return false;
    case Value::Tag::Float: return v.as_float() != 0;
    case Value::Tag::Object: break;
  }
  return truthy_object(v);
}
// The bool `op` gives for a three-way result `sign` (<0, 0, >0): the rich-compare slots of
// types with a total order (int, float, str) share it.
inline Value compare_sign(int sign, CompareOp op) {
  switch (op) {
    case CompareOp::Lt: return Value(sign < 0);
    case CompareOp::Le: return Value(sign <= 0);
    case CompareOp::Eq: return Value(sign == 0);
    case CompareOp::Ne: return Value(sign != 0);
    case CompareOp::Gt: return Value(sign > 0);
    case CompareOp::Ge: return Value(sign >= 0);
  }
  return Value();
}
// Boolean forms used by containers and sorting (identity implies equality for eq_bool).
bool eq_bool(const Value& a, const Value& b);
bool lt_bool(const Value& a, const Value& b);
bool is_(const Value& a, const Value& b);
bool contains(const Value& container, const Value& item);

std::int64_t hash(const Value& v);  // TypeError "unhashable type: 'list'"
std::int64_t len(const Value& v);   // TypeError "object of type 'int' has no len()"

// Attributes, items, iteration.
Value getattr(const Value& obj, const Value& name);
Value getattr(const Value& obj, std::string_view name);
inline Value getattr(const Value& obj, const char* name) { return getattr(obj, std::string_view(name)); }
Value getattr_or(const Value& obj, const Value& name, const Value& dflt);  // Unbound dflt: Unbound on miss
void setattr(const Value& obj, const Value& name, const Value& value);
void delattr(const Value& obj, const Value& name);
bool hasattr(const Value& obj, const Value& name);
Value getitem(const Value& obj, const Value& key);
void setitem(const Value& obj, const Value& key, const Value& value);
void delitem(const Value& obj, const Value& key);
Value make_slice(const Value& lo, const Value& hi, const Value& step);
Value iter(const Value& v);
bool next(const Value& iterator, Value& out);
std::vector<Value> unpack(const Value& iterable, std::size_t n_before, bool starred, std::size_t n_after);
std::vector<Value> to_vector(const Value& iterable);  // list(iterable) as a C++ vector

// Generic object protocol pieces (also the default slots of `object`).
Value generic_getattr(const Value& obj, const Value& name);  // Unbound on miss
void generic_setattr(const Value& obj, const Value& name, const Value& value);

}  // namespace aio
