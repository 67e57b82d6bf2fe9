// The special methods of builtin types as attributes (CPython's slot wrappers):
// `list.__repr__`, `int.__add__`, `dict.__getitem__`, `str.__eq__`, ... Each calls the slot
// of the type that defines it, not of the object's own type, so `super().__repr__()` in a
// list subclass reaches list's repr instead of recursing into the override.
#include <string>

#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/object.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {
namespace {

enum class Kind : int { New, Repr, Str, Hash, Len, GetItem, SetItem, DelItem, Contains, Iter, Next, Bool, Compare, Binary, RBinary, Unary };

const char* const kCompareNames[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
const char* const kBinaryNames[] = {"__add__", "__sub__", "__mul__", "__matmul__", "__truediv__", "__floordiv__",
                                    "__mod__", "__pow__", "__lshift__", "__rshift__", "__and__", "__or__", "__xor__"};
const char* const kRBinaryNames[] = {"__radd__", "__rsub__", "__rmul__", "__rmatmul__", "__rtruediv__",
                                     "__rfloordiv__", "__rmod__", "__rpow__", "__rlshift__", "__rrshift__",
                                     "__rand__", "__ror__", "__rxor__"};
const char* const kUnaryNames[] = {"__neg__", "__pos__", "__invert__"};

Value or_not_implemented(Value r) { return r.is_bound() ? r : not_implemented(); }

Value call_slot(const Value& data, const CallArgs& a) {
  const auto& d = tuple_items(data);
  TypeObject* t = static_cast<TypeObject*>(d[0].object());
  auto kind = static_cast<Kind>(d[1].as_int());
  auto op = static_cast<int>(d[2].as_int());
  const std::string& name = str_data(d[3]);
  if (kind == Kind::New) {  // T.__new__(cls, *args, **kw): cls must be T or a subclass
    if (a.npos == 0) raise_type_error(t->name + ".__new__(): not enough arguments");
    if (!a[0].is_object() || !type_of(a[0])->is_subtype_of(type_type))
      raise_type_error(t->name + ".__new__(X): X is not a type object (" + type_of(a[0])->name + ")");
    auto* cls = static_cast<TypeObject*>(a[0].object());
    if (!cls->is_subtype_of(t))
      raise_type_error(t->name + ".__new__(" + cls->name + "): " + cls->name + " is not a subtype of " + t->name);
    return t->new_(cls, CallArgs{a.pos + 1, a.npos - 1, a.kw, a.nkw});
  }
  if (a.nkw) raise_type_error(t->name + "." + name + "() takes no keyword arguments");
  if (a.npos == 0) raise_type_error("descriptor '" + name + "' of '" + t->name + "' object needs an argument");
  const Value& self = a[0];
  if (!type_of(self)->is_subtype_of(t))
    raise_type_error("descriptor '" + name + "' requires a '" + t->name + "' object but received a '" +
                     type_of(self)->name + "'");
  std::size_t want = 1;
  switch (kind) {
    case Kind::GetItem: case Kind::DelItem: case Kind::Contains: case Kind::Compare: case Kind::Binary:
    case Kind::RBinary: want = 2; break;
    case Kind::SetItem: want = 3; break;
    default: break;
  }
  if (a.npos != want)
    raise_type_error("expected " + std::to_string(want - 1) + " argument" + (want == 2 ? "" : "s") + ", got " +
                     std::to_string(a.npos - 1));
  switch (kind) {
    case Kind::New: break;  // handled above
    case Kind::Repr: return t->repr(self);
    case Kind::Str: return t->str ? t->str(self) : t->repr(self);
    case Kind::Hash: return Value::from_int(t->hash(self));
    case Kind::Len: return Value::from_int(t->len(self));
    case Kind::GetItem: return t->getitem(self, a[1]);
    case Kind::SetItem: t->setitem(self, a[1], a[2]); return Value::none();
    case Kind::DelItem: t->setitem(self, a[1], Value()); return Value::none();
    case Kind::Contains: return Value(t->contains(self, a[1]));
    case Kind::Iter: return t->iter(self);
    case Kind::Next: {
      Value out;
      if (t->next(self, out)) return out;
      raise_error(exc::StopIteration, "");
    }
    case Kind::Bool: return Value(t->truthy(self));
    case Kind::Compare: return or_not_implemented(t->compare(self, a[1], static_cast<CompareOp>(op)));
    case Kind::Binary: return or_not_implemented(t->binary(self, a[1], static_cast<BinaryOp>(op)));
    case Kind::RBinary: return or_not_implemented(t->binary(a[1], self, static_cast<BinaryOp>(op)));
    case Kind::Unary: return t->unary(self, static_cast<UnaryOp>(op));
  }
  return Value::none();
}

// Adds `name` to t's own dict unless t defines it already.
void wrap(TypeObject* t, const char* name, Kind kind, int op = 0) {
  if (dict_get(t->dict, std::string_view(name)).is_bound()) return;
  Value data = make_tuple({Value::borrowed(t), Value::from_int(static_cast<int>(kind)), Value::from_int(op),
                           make_str(std::string_view(name))});
  Value f = make_native_function(name, &call_slot, data);
  auto* nf = static_cast<NativeFunctionObject*>(f.object());
  nf->is_method = kind != Kind::New;  // __new__ is a static method
  nf->qualname = t->name + "." + name;
  set_type_attr(t, name, f);
}


// The wrappers a builtin type gets from its slots. `ops`/`rops`: the binary operators it
// defines forwards and reflected (CPython's list has __mul__/__rmul__ but no __radd__).
void add_slot_wrappers(TypeObject* t, std::initializer_list<BinaryOp> ops, std::initializer_list<BinaryOp> rops,
                       bool numeric) {
  if (t->new_) wrap(t, "__new__", Kind::New);
  if (t->repr) wrap(t, "__repr__", Kind::Repr);
  if (t->str) wrap(t, "__str__", Kind::Str);
  if (t->hash) wrap(t, "__hash__", Kind::Hash);
  if (t->len) wrap(t, "__len__", Kind::Len);
  if (t->getitem) wrap(t, "__getitem__", Kind::GetItem);
  if (t->setitem) {
    wrap(t, "__setitem__", Kind::SetItem);
    wrap(t, "__delitem__", Kind::DelItem);
  }
  if (t->contains) wrap(t, "__contains__", Kind::Contains);
  if (t->iter) wrap(t, "__iter__", Kind::Iter);
  if (t->next) wrap(t, "__next__", Kind::Next);
  if (t->compare)
    for (int op = 0; op < 6; ++op) wrap(t, kCompareNames[op], Kind::Compare, op);
  if (t->binary) {
    for (BinaryOp op : ops) wrap(t, kBinaryNames[static_cast<int>(op)], Kind::Binary, static_cast<int>(op));
    for (BinaryOp op : rops) wrap(t, kRBinaryNames[static_cast<int>(op)], Kind::RBinary, static_cast<int>(op));
  }
  if (numeric) {
    if (t->truthy) wrap(t, "__bool__", Kind::Bool);
    if (t->unary) {
      wrap(t, kUnaryNames[0], Kind::Unary, static_cast<int>(UnaryOp::Neg));
      wrap(t, kUnaryNames[1], Kind::Unary, static_cast<int>(UnaryOp::Pos));
    }
  }
}

}  // namespace

void init_slot_wrappers() {
  using B = BinaryOp;
  const auto arith = {B::Add, B::Sub, B::Mul, B::TrueDiv, B::FloorDiv, B::Mod, B::Pow};
  const auto integer = {B::Add, B::Sub, B::Mul, B::TrueDiv, B::FloorDiv, B::Mod, B::Pow,
                        B::LShift, B::RShift, B::And, B::Or, B::Xor};
  const auto bits = {B::And, B::Or, B::Xor};
  const auto set_ops = {B::Sub, B::And, B::Or, B::Xor};
  add_slot_wrappers(int_type, integer, integer, true);
  wrap(int_type, kUnaryNames[2], Kind::Unary, static_cast<int>(UnaryOp::Invert));
  add_slot_wrappers(bool_type, bits, bits, false);
  add_slot_wrappers(float_type, arith, arith, true);
  add_slot_wrappers(str_type, {B::Add, B::Mul, B::Mod}, {B::Mul, B::Mod}, false);
  add_slot_wrappers(list_type, {B::Add, B::Mul}, {B::Mul}, false);
  add_slot_wrappers(tuple_type, {B::Add, B::Mul}, {B::Mul}, false);
  add_slot_wrappers(dict_type, {B::Or}, {B::Or}, false);
  add_slot_wrappers(set_type, set_ops, set_ops, false);
  add_slot_wrappers(frozenset_type, set_ops, set_ops, false);
  add_slot_wrappers(range_type, {}, {}, false);
  add_slot_wrappers(exc::BaseException, {}, {}, false);
}

// bytes gets its slots from stdlib_modules.cpp's initialiser, after runtime_init.
void add_bytes_slot_wrappers() {
  add_slot_wrappers(bytes_type, {BinaryOp::Add, BinaryOp::Mul}, {BinaryOp::Mul}, false);
}

}  // namespace aio
