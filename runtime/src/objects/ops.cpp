// Operator dispatch: binary ops with reflected operands, comparisons, truthiness, hash,
// len, `in`, and the attribute/item/iteration protocols.
#include "aio/ops.hpp"

#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/float.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"
#include "aio/set.hpp"

namespace aio {

const char* binary_op_symbol(BinaryOp op) {
  static const char* names[] = {"+", "-", "*", "@", "/", "//", "%", "** or pow()", "<<", ">>", "&", "|", "^"};
  return names[static_cast<int>(op)];
}

Value binary_op(const Value& a, const Value& b, BinaryOp op) {
  if (a.is_int() && b.is_int()) return int_binary(a, b, op);
  if (a.is_float() && (b.is_float() || b.is_int())) {
    Value r = float_binary(a, b, op);
    if (r.is_bound()) return r;
  }
  TypeObject* ta = type_of(a);
  TypeObject* tb = type_of(b);
  bool right_first = tb != ta && tb->is_subtype_of(ta) && tb->binary && tb->binary != ta->binary;
  if (right_first) {
    Value r = tb->binary(a, b, op);
    if (r.is_bound()) return r;
  }
  if (ta->binary) {
    Value r = ta->binary(a, b, op);
    if (r.is_bound()) return r;
  }
  if (!right_first && tb != ta && tb->binary) {
    Value r = tb->binary(a, b, op);
    if (r.is_bound()) return r;
  }
  raise_type_error(std::string("unsupported operand type(s) for ") + binary_op_symbol(op) + ": '" + ta->name +
                   "' and '" + tb->name + "'");
}

Value inplace_op(const Value& a, const Value& b, BinaryOp op) {
  static const char* inames[] = {"__iadd__", "__isub__", "__imul__", "__imatmul__", "__itruediv__",
                                 "__ifloordiv__", "__imod__", "__ipow__", "__ilshift__", "__irshift__",
                                 "__iand__", "__ior__", "__ixor__"};
  if (is_list(a) && op == BinaryOp::Add) {
    list_extend(a, b);
    return a;
  }
  if (type_of(a)->is_heap) {
    Value r = call_special(a, inames[static_cast<int>(op)], {b});
    if (r.is_bound() && !r.same(not_implemented())) return r;
  }
  if (is_set_like(a)) {
    Value r = set_inplace(a, b, op);
    if (r.is_bound()) return r;
  }
  if (is_dict(a) && op == BinaryOp::Or) {
    dict_update(a, b);
    return a;
  }
  try {
    return binary_op(a, b, op);
  } catch (PyException& e) {
    throw;
  }
}

// add/sub/iadd/isub are inline in ops.hpp.
#define AIO_BINOP(fn, op) \
  Value fn(const Value& a, const Value& b) { return binary_op(a, b, BinaryOp::op); } \
  Value i##fn(const Value& a, const Value& b) { return inplace_op(a, b, BinaryOp::op); }
AIO_BINOP(mul, Mul)
AIO_BINOP(matmul, MatMul)
AIO_BINOP(truediv, TrueDiv)
AIO_BINOP(floordiv, FloorDiv)
AIO_BINOP(mod, Mod)
AIO_BINOP(pow, Pow)
AIO_BINOP(lshift, LShift)
AIO_BINOP(rshift, RShift)
#undef AIO_BINOP
Value bitand_(const Value& a, const Value& b) { return binary_op(a, b, BinaryOp::And); }
Value bitor_(const Value& a, const Value& b) { return binary_op(a, b, BinaryOp::Or); }
Value bitxor(const Value& a, const Value& b) { return binary_op(a, b, BinaryOp::Xor); }
Value ibitand(const Value& a, const Value& b) { return inplace_op(a, b, BinaryOp::And); }
Value ibitor(const Value& a, const Value& b) { return inplace_op(a, b, BinaryOp::Or); }
Value ibitxor(const Value& a, const Value& b) { return inplace_op(a, b, BinaryOp::Xor); }

static Value unary(const Value& a, UnaryOp op, const char* sym) {
  TypeObject* t = type_of(a);
  if (t->unary) {
    Value r = t->unary(a, op);
    if (r.is_bound()) return r;
  }
  raise_type_error(std::string("bad operand type for unary ") + sym + ": '" + t->name + "'");
}
Value neg(const Value& a) {
  if (a.is_int() && a.as_int() != INT64_MIN) return Value::from_int(-a.as_int());
  if (a.is_float()) return Value(-a.as_float());
  return unary(a, UnaryOp::Neg, "-");
}
Value pos(const Value& a) { return unary(a, UnaryOp::Pos, "+"); }
Value invert(const Value& a) { return unary(a, UnaryOp::Invert, "~"); }

bool truthy_object(const Value& v) {
  TypeObject* t = v.object()->type;
  if (t->truthy) return t->truthy(v);
  if (t->len) return t->len(v) != 0;
  return true;
}
Value not_(const Value& v) { return Value(!truthy(v)); }

static CompareOp swapped(CompareOp op) {
  switch (op) {
    case CompareOp::Lt: return CompareOp::Gt;
    case CompareOp::Le: return CompareOp::Ge;
    case CompareOp::Gt: return CompareOp::Lt;
    case CompareOp::Ge: return CompareOp::Le;
    default: return op;
  }
}

Value compare(const Value& a, const Value& b, CompareOp op) {
  if (a.is_int() && b.is_int()) {
    std::int64_t x = a.as_int(), y = b.as_int();
    switch (op) {
      case CompareOp::Lt: return Value(x < y);
      case CompareOp::Le: return Value(x <= y);
      case CompareOp::Eq: return Value(x == y);
      case CompareOp::Ne: return Value(x != y);
      case CompareOp::Gt: return Value(x > y);
      case CompareOp::Ge: return Value(x >= y);
    }
  }
  TypeObject* ta = type_of(a);
  TypeObject* tb = type_of(b);
  bool right_first = tb != ta && tb->is_subtype_of(ta) && tb->compare;
  if (right_first) {
    Value r = tb->compare(b, a, swapped(op));
    if (r.is_bound()) return r;
  }
  if (ta->compare) {
    Value r = ta->compare(a, b, op);
    if (r.is_bound()) return r;
  }
  if (!right_first && tb->compare) {
    Value r = tb->compare(b, a, swapped(op));
    if (r.is_bound()) return r;
  }
  if (op == CompareOp::Eq) return Value(a.same(b));
  if (op == CompareOp::Ne) return Value(!a.same(b));
  static const char* syms[] = {"<", "<=", "==", "!=", ">", ">="};
  raise_type_error(std::string("'") + syms[static_cast<int>(op)] + "' not supported between instances of '" +
                   ta->name + "' and '" + tb->name + "'");
}

Value eq(const Value& a, const Value& b) { return compare(a, b, CompareOp::Eq); }
Value ne(const Value& a, const Value& b) { return compare(a, b, CompareOp::Ne); }

bool eq_bool(const Value& a, const Value& b) {
  if (a.same(b) && !a.is_float()) return true;
  Value r = compare(a, b, CompareOp::Eq);
  return r.is_bool() ? r.as_bool() : truthy(r);
}
bool lt_bool(const Value& a, const Value& b) {
  Value r = compare(a, b, CompareOp::Lt);
  return r.is_bool() ? r.as_bool() : truthy(r);
}
bool is_(const Value& a, const Value& b) { return a.same(b); }

bool contains(const Value& container, const Value& item) {
  TypeObject* t = type_of(container);
  if (t->contains) return t->contains(container, item);
  if (!t->iter) raise_type_error("argument of type '" + t->name + "' is not iterable");
  Value it = iter(container), x;
  while (next(it, x))
    if (eq_bool(x, item)) return true;
  return false;
}

std::int64_t hash(const Value& v) {
  switch (v.tag()) {
    case Value::Tag::Int:
    case Value::Tag::Bool: return small_int_hash(v.as_int());
    case Value::Tag::Float: return float_hash(v.as_float());
    case Value::Tag::None: return 0xFCA86420;
    default: break;
  }
  TypeObject* t = v.object()->type;
  if (!t->hash) raise_type_error("unhashable type: '" + t->name + "'");
  return t->hash(v);
}

std::int64_t len(const Value& v) {
  TypeObject* t = type_of(v);
  if (!t->len) raise_type_error("object of type '" + t->name + "' has no len()");
  return t->len(v);
}

// ---- attributes ---------------------------------------------------------------------------

Value generic_getattr(const Value& obj, const Value& name) {
  TypeObject* t = type_of(obj);
  Value descr = t->lookup(name);
  TypeObject* dt = descr.is_bound() ? type_of(descr) : nullptr;
  if (dt && dt->descr_get && dt->descr_set) return dt->descr_get(descr, obj, t);
  if (obj.is_object()) {
    if (Value* d = obj.object()->instance_dict(); d && d->is_bound()) {
      Value v = dict_get(*d, name);
      if (v.is_bound()) return v;
    }
  }
  if (dt && dt->descr_get) return dt->descr_get(descr, obj, t);
  return descr;
}

void generic_setattr(const Value& obj, const Value& name, const Value& value) {
  TypeObject* t = type_of(obj);
  Value descr = t->lookup(name);
  if (descr.is_bound()) {
    TypeObject* dt = type_of(descr);
    if (dt->descr_set) {
      dt->descr_set(descr, obj, value);
      return;
    }
  }
  Value* d = obj.is_object() ? obj.object()->instance_dict() : nullptr;
  if (!d) {
    if (descr.is_bound())
      raise_error(exc::AttributeError, "'" + t->name + "' object attribute '" + str_data(name) + "' is read-only");
    raise_error(exc::AttributeError, "'" + t->name + "' object has no attribute '" + str_data(name) + "'");
  }
  if (!d->is_bound()) {
    *d = make_dict();
    // A plain instance's dict: CPython 3.11 keeps these values inline (gc.hpp).
    if (t->is_heap && t->native_base == object_type) d->object()->gc_flags |= kGcManagedDict;
  }
  if (value.is_bound()) {
    dict_setitem(*d, name, value);
  } else if (!dict_del(*d, name)) {
    raise_attribute_error(obj, name);
  }
}

Value getattr_or(const Value& obj, const Value& name, const Value& dflt) {
  TypeObject* t = type_of(obj);
  Value r;
  try {
    r = t->getattr ? t->getattr(obj, name) : generic_getattr(obj, name);
  } catch (PyException& e) {
    if (!exception_matches(e.value(), Value::borrowed(exc::AttributeError))) throw;
    return dflt;
  }
  return r.is_bound() ? r : dflt;
}

Value getattr(const Value& obj, const Value& name) {
  TypeObject* t = type_of(obj);
  Value r = t->getattr ? t->getattr(obj, name) : generic_getattr(obj, name);
  if (r.is_bound()) return r;
  if (t->is_heap) {
    Value hook = t->lookup(str_lit("__getattr__", 11));
    if (hook.is_bound()) return call(hook, {obj, name});
  }
  raise_attribute_error(obj, name);
}

Value getattr(const Value& obj, std::string_view name) { return getattr(obj, intern(name)); }

void setattr(const Value& obj, const Value& name, const Value& value) {
  TypeObject* t = type_of(obj);
  if (t->setattr) t->setattr(obj, name, value);
  else generic_setattr(obj, name, value);
}

void delattr(const Value& obj, const Value& name) { setattr(obj, name, Value()); }

bool hasattr(const Value& obj, const Value& name) {
  if (getattr_or(obj, name, Value()).is_bound()) return true;
  TypeObject* t = type_of(obj);
  if (!t->is_heap || !t->lookup(str_lit("__getattr__", 11)).is_bound()) return false;
  try {  // like getattr(): a class's __getattr__ may supply the attribute
    getattr(obj, name);
    return true;
  } catch (PyException& e) {
    if (!exception_matches(e.value(), Value::borrowed(exc::AttributeError))) throw;
    return false;
  }
}

// ---- items ----------------------------------------------------------------------------------

Value getitem(const Value& obj, const Value& key) {
  TypeObject* t = type_of(obj);
  if (t->getitem) return t->getitem(obj, key);
  if (t == type_type) {
    Value name = str_lit("__class_getitem__", 17);
    if (static_cast<TypeObject*>(obj.object())->lookup(name).is_bound()) return call(getattr(obj, name), {key});
    return obj;  // list[int] etc. in annotations: the class itself is good enough
  }
  raise_type_error("'" + t->name + "' object is not subscriptable");
}

void setitem(const Value& obj, const Value& key, const Value& value) {
  TypeObject* t = type_of(obj);
  if (!t->setitem) raise_type_error("'" + t->name + "' object does not support item assignment");
  t->setitem(obj, key, value);
}

void delitem(const Value& obj, const Value& key) {
  TypeObject* t = type_of(obj);
  if (!t->setitem) raise_type_error("'" + t->name + "' object does not support item deletion");
  t->setitem(obj, key, Value());
}

// ---- iteration ----------------------------------------------------------------------------

struct SeqIterator : Object {
  Value seq;
  std::int64_t i = 0;
  explicit SeqIterator(Value s) : Object(iterator_type), seq(std::move(s)) {}
};
Value make_native_iterator(Object* it, NextSlot next);
static bool seq_iter_next(const Value& self, Value& out) {
  auto* it = static_cast<SeqIterator*>(self.object());
  if (!it->seq.is_bound()) return false;
  try {
    out = getitem(it->seq, Value::from_int(it->i++));
  } catch (PyException& e) {
    if (exception_matches(e.value(), Value::borrowed(exc::IndexError)) ||
        exception_matches(e.value(), Value::borrowed(exc::StopIteration))) {
      it->seq = Value();
      return false;
    }
    throw;
  }
  return true;
}

Value iter(const Value& v) {
  TypeObject* t = type_of(v);
  if (t->iter) return t->iter(v);
  if (t->getitem && t != dict_type) return make_native_iterator(new SeqIterator(v), &seq_iter_next);
  raise_type_error("'" + t->name + "' object is not iterable");
}

bool next(const Value& iterator, Value& out) {
  TypeObject* t = type_of(iterator);
  if (!t->next) raise_type_error("'" + t->name + "' object is not an iterator");
  return t->next(iterator, out);
}

std::vector<Value> to_vector(const Value& iterable) {
  if (is_list(iterable)) return list_items(iterable);
  if (is_tuple(iterable)) return tuple_items(iterable);
  std::vector<Value> out;
  Value it = iter(iterable), x;
  while (next(it, x)) out.push_back(std::move(x));
  return out;
}

std::vector<Value> unpack(const Value& iterable, std::size_t n_before, bool starred, std::size_t n_after) {
  TypeObject* t = type_of(iterable);
  if (!t->iter && !t->getitem)
    raise_type_error("cannot unpack non-iterable " + t->name + " object");
  std::vector<Value> items = to_vector(iterable);
  std::size_t need = n_before + n_after;
  if (!starred) {
    if (items.size() < need)
      raise_value_error("not enough values to unpack (expected " + std::to_string(need) + ", got " +
                        std::to_string(items.size()) + ")");
    if (items.size() > need)
      raise_value_error("too many values to unpack (expected " + std::to_string(need) + ")");
    return items;
  }
  if (items.size() < need)
    raise_value_error("not enough values to unpack (expected at least " + std::to_string(need) + ", got " +
                      std::to_string(items.size()) + ")");
  std::vector<Value> out(items.begin(), items.begin() + n_before);
  out.push_back(make_list(std::vector<Value>(items.begin() + n_before, items.end() - n_after)));
  out.insert(out.end(), items.end() - n_after, items.end());
  return out;
}

}  // namespace aio
