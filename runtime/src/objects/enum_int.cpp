// The int mixin of IntEnum, IntFlag and `class E(int, Enum)`: members are instances that
// hold their int value, and arithmetic, comparison and truth unwrap them (they are not int
// objects, so builtins that need a real int go through __index__, and int's methods are
// looked up on the value).
#include "aio/dict.hpp"
#include "aio/int.hpp"
#include "aio/ops.hpp"
#include "enum_internal.hpp"

namespace aio::enum_impl {
namespace {

Value int_binary(const Value& a, const Value& b, BinaryOp op) { return binary_op(unwrap_int(a), unwrap_int(b), op); }

Value int_unary(const Value& a, UnaryOp op) {
  Value v = unwrap_int(a);
  return op == UnaryOp::Neg ? neg(v) : op == UnaryOp::Pos ? pos(v) : invert(v);
}

Value int_compare(const Value& a, const Value& b, CompareOp op) {
  Value x = unwrap_int(a), y = unwrap_int(b);
  if (!is_int_like(x) || !(is_int_like(y) || y.is_float())) {
    if (op == CompareOp::Eq) return Value(a.same(b));
    if (op == CompareOp::Ne) return Value(!a.same(b));
    return Value();
  }
  return compare(x, y, op);
}

bool int_truthy(const Value& a) { return truthy(unwrap_int(a)); }

GetAttrSlot g_class_getattr = nullptr;  // the user-class slot (class.cpp) for everything else

// int's own methods and properties (bit_length, to_bytes, real, ...) expect an int object:
// they are looked up on the member's value instead. Dunders keep the class's lookup.
Value int_member_getattr(const Value& self, const Value& name) {
  std::string_view n = str_view(name);
  bool dunder = n.size() > 4 && n.substr(0, 2) == "__" && n.substr(n.size() - 2) == "__";
  if (!dunder && is_member(self)) {
    for (TypeObject* t : type_of(self)->mro) {
      if (!dict_get(t->dict, name).is_bound()) continue;
      if (t == int_type) return getattr(member_value(self), name);
      break;
    }
  }
  return g_class_getattr(self, name);
}

}  // namespace

Value unwrap_int(const Value& v) {
  return is_member(v) && data_type(type_of(v)) == DataType::Int ? member_value(v) : v;
}

void install_int_slots(TypeObject* cls) {
  cls->binary = &int_binary;
  cls->unary = &int_unary;
  cls->compare = &int_compare;
  cls->truthy = &int_truthy;
  if (!g_class_getattr) g_class_getattr = cls->getattr;
  cls->getattr = &int_member_getattr;
}

}  // namespace aio::enum_impl
