// enum.auto() and the enum.member()/enum.nonmember() wrappers.
//
// Design: CPython's _EnumDict replaces `auto()` by its value as soon as the class body
// assigns it, so later lines of the body see an int (`RW = R | W`). aioc's class bodies
// fill a plain dict, so the value is found when the class is created instead: an auto
// object remembers the value it was given (an alias `B = A` gets the same one), and an
// operator applied to an auto builds a deferred expression that is evaluated, with the
// values of its operands, when the member it defines is created. Members are created in
// body order, so the operands are already resolved by then.
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "enum_internal.hpp"

namespace aio::enum_impl {

TypeObject* g_auto_type = nullptr;
TypeObject* g_member_type = nullptr;
TypeObject* g_nonmember_type = nullptr;

namespace {

// auto(), or `lhs <op> rhs` / `<op> lhs` when an operand is an auto (deferred).
struct AutoObject : Object {
  Value value;  // Unbound until generated (CPython's _auto_null)
  Value lhs, rhs;
  BinaryOp op = BinaryOp::Or;
  UnaryOp unary_op = UnaryOp::Neg;
  enum class Kind : std::uint8_t { Auto, Binary, Unary } kind = Kind::Auto;
  AutoObject() : Object(g_auto_type) {}
};

AutoObject* as_auto(const Value& v) { return static_cast<AutoObject*>(v.object()); }

Value auto_binary(const Value& a, const Value& b, BinaryOp op) {
  auto* e = new AutoObject();
  Value r(e);
  e->lhs = a;
  e->rhs = b;
  e->op = op;
  e->kind = AutoObject::Kind::Binary;
  return r;
}

Value auto_unary(const Value& a, UnaryOp op) {
  auto* e = new AutoObject();
  Value r(e);
  e->lhs = a;
  e->unary_op = op;
  e->kind = AutoObject::Kind::Unary;
  return r;
}

Value auto_repr(const Value& self) {
  AutoObject* a = as_auto(self);
  return make_str("auto(" + (a->value.is_bound() ? repr_std(a->value) : std::string("_auto_null")) + ")");
}

Value auto_get_value(const CallArgs& a) {
  AutoObject* o = as_auto(a[0]);
  return o->value.is_bound() ? o->value : make_str("_auto_null");
}

Value wrapper_value(const CallArgs& a) { return dict_get(*a[0].object()->instance_dict(), std::string_view("value")); }

// auto(value=_auto_null)
Value auto_new(TypeObject*, const CallArgs& a) {
  Value p[1];
  parse_args(a, "auto", {"value"}, 0, p);
  Value r = make_auto();
  as_auto(r)->value = p[0];
  return r;
}

// member(value), nonmember(value)
Value wrapper_new(TypeObject* t, const CallArgs& a) {
  check_nargs(a, t->name.c_str(), 1, 1);
  no_kwargs(a, t->name.c_str());
  auto* w = new InstanceObject(t);
  Value r(w);
  w->dict = make_dict();
  dict_setitem(w->dict, str_static("value"), a[0]);
  return r;
}

}  // namespace

Value make_auto() { return Value(new AutoObject()); }
bool is_auto(const Value& v) { return v.is_object() && v.object()->type == g_auto_type; }

Value resolve_auto(const Value& v, NextValueFn next_value, void* ctx) {
  if (!is_auto(v)) return v;
  AutoObject* a = as_auto(v);
  if (a->kind == AutoObject::Kind::Binary)
    return binary_op(resolve_auto(a->lhs, next_value, ctx), resolve_auto(a->rhs, next_value, ctx), a->op);
  if (a->kind == AutoObject::Kind::Unary) {
    Value x = resolve_auto(a->lhs, next_value, ctx);
    return a->unary_op == UnaryOp::Neg ? neg(x) : a->unary_op == UnaryOp::Pos ? pos(x) : invert(x);
  }
  if (!a->value.is_bound()) a->value = next_value(ctx);
  return a->value;
}

void init_auto_types() {
  g_auto_type = make_builtin_type("auto", nullptr, "enum");
  g_auto_type->binary = &auto_binary;
  g_auto_type->unary = &auto_unary;
  g_auto_type->repr = &auto_repr;
  g_auto_type->new_ = &auto_new;
  add_getset(g_auto_type, "value", &auto_get_value);
  g_member_type = make_builtin_type("member", nullptr, "enum");
  g_nonmember_type = make_builtin_type("nonmember", nullptr, "enum");
  for (TypeObject* t : {g_member_type, g_nonmember_type}) {
    t->new_ = &wrapper_new;
    add_getset(t, "value", &wrapper_value);
  }
}

}  // namespace aio::enum_impl
