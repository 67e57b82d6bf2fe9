// set and frozenset: slots (repr `{1, 2}` / `set()`, len, in, iteration, | & - ^ and
// comparisons) and the methods, each building its result the way CPython's setobject.c
// does (which operand is iterated, copied or merged), since that decides the order.
#include "aio/set.hpp"

#include "aio/builtins.hpp"
#include "aio/exceptions.hpp"
#include "aio/list.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "sequence_util.hpp"

namespace aio {

namespace {

// set subclasses produce sets, frozenset subclasses frozensets (make_new_set_basetype).
TypeObject* base_type(const Value& so) {
  TypeObject* t = so.object()->type;
  return t->is_subtype_of(set_type) ? set_type : frozenset_type;
}

Value new_set(TypeObject* type, const Value& iterable = Value()) {
  Value s(new SetObject(type));
  if (iterable.is_bound()) set_table(s).update(iterable);
  return s;
}

Value set_copy(const Value& so) { return new_set(base_type(so), so); }

bool is_mutable_set(const Value& v) { return v.is_object() && v.object()->type->is_subtype_of(set_type); }

// `s in t`, discard and remove look up an unhashable set key as frozenset(key).
Value hashable_key(const Value& key, std::int64_t& h) {
  if (is_mutable_set(key) && !key.object()->type->hash) {
    Value f = new_set(frozenset_type, key);
    h = hash(f);
    return f;
  }
  h = hash(key);
  return key;
}

// set_intersection: iterates the smaller set (or the non-set iterable) and keeps the
// keys found in the other.
Value intersection(Value so, Value other) {
  if (so.same(other)) return set_copy(so);
  Value result = new_set(base_type(so));
  SetTable& out = set_table(result);
  if (is_set_like(other)) {
    if (set_table(other).size() > set_table(so).size()) std::swap(so, other);
    const SetTable& small = set_table(other);
    for (std::size_t i = 0; i < small.slots().size(); ++i) {
      if (!small.slots()[i].active()) continue;
      SetTable::Slot s = small.slots()[i];
      if (set_table(so).contains(s.key, s.hash)) out.add(s.key, s.hash);
    }
    return result;
  }
  Value it = iter(other), x;
  while (next(it, x)) {
    std::int64_t h = hash(x);
    if (set_table(so).contains(x, h)) out.add(x, h);
  }
  return result;
}

void difference_update(const Value& so, Value other) {
  SetTable& t = set_table(so);
  if (so.same(other)) {
    t.clear();
    return;
  }
  if (is_set_like(other)) {
    // Much larger other: only the common keys matter.
    if ((set_table(other).size() >> 3) > t.size()) other = intersection(so, other);
    const SetTable& o = set_table(other);
    for (std::size_t i = 0; i < o.slots().size(); ++i) {
      if (!o.slots()[i].active()) continue;
      SetTable::Slot s = o.slots()[i];
      t.discard(s.key, s.hash);
    }
  } else {
    Value it = iter(other), x;
    while (next(it, x)) {
      std::int64_t h;
      Value k = hashable_key(x, h);
      t.discard(k, h);
    }
  }
  t.shrink_dummies();
}

Value copy_and_difference(const Value& so, const Value& other) {
  Value result = set_copy(so);
  difference_update(result, other);
  return result;
}

Value difference(const Value& so, const Value& other) {
  std::size_t other_size;
  if (is_set_like(other)) other_size = set_table(other).size();
  else if (is_dict(other)) other_size = dict_table(other).size();
  else return copy_and_difference(so, other);
  if ((set_table(so).size() >> 2) > other_size) return copy_and_difference(so, other);
  Value result = new_set(base_type(so));
  const SetTable& t = set_table(so);
  for (std::size_t i = 0; i < t.slots().size(); ++i) {
    if (!t.slots()[i].active()) continue;
    SetTable::Slot s = t.slots()[i];
    bool in_other = is_dict(other) ? dict_table(other).find(s.key, s.hash) >= 0 : set_table(other).contains(s.key, s.hash);
    if (!in_other) set_table(result).add(s.key, s.hash);
  }
  return result;
}

void symmetric_difference_update(const Value& so, const Value& other) {
  SetTable& t = set_table(so);
  if (so.same(other)) {
    t.clear();
    return;
  }
  auto toggle = [&](const Value& k, std::int64_t h) {
    if (!t.discard(k, h)) t.add(k, h);
  };
  if (is_dict(other)) {
    HashTable& d = dict_table(other);
    for (std::size_t i = 0; i < d.entries().size(); ++i) {
      if (!d.entries()[i].key.is_bound()) continue;
      HashTable::Entry e = d.entries()[i];
      toggle(e.key, e.hash);
    }
    return;
  }
  Value o = is_set_like(other) ? other : new_set(base_type(so), other);
  const SetTable& ot = set_table(o);
  for (std::size_t i = 0; i < ot.slots().size(); ++i) {
    if (!ot.slots()[i].active()) continue;
    SetTable::Slot s = ot.slots()[i];
    toggle(s.key, s.hash);
  }
}

Value symmetric_difference(const Value& so, const Value& other) {
  Value result = new_set(base_type(so), other);
  symmetric_difference_update(result, so);
  return result;
}

Value set_union(const Value& so, const Value& other) {
  Value result = set_copy(so);
  if (!so.same(other)) set_table(result).update(other);
  return result;
}

std::vector<Value> set_keys(const Value& s) {
  std::vector<Value> out;
  for (const auto& e : set_table(s).slots())
    if (e.active()) out.push_back(e.key);
  return out;
}

Value set_repr(const Value& self) {
  TypeObject* t = self.object()->type;
  bool frozen = t->is_subtype_of(frozenset_type);
  if (set_table(self).size() == 0) return make_str(t->name + "()");
  if (!repr_enter(self.object())) return make_str(t->name + "(...)");
  std::string body;
  try {
    body = seq_repr(set_keys(self), '{', '}', false);
  } catch (...) {
    repr_leave(self.object());
    throw;
  }
  repr_leave(self.object());
  if (frozen || t != set_type) body = t->name + "(" + body + ")";
  return make_str(std::move(body));
}

bool subset(const Value& a, const Value& b) {
  if (set_table(a).size() > set_table(b).size()) return false;
  const SetTable& t = set_table(a);
  for (std::size_t i = 0; i < t.slots().size(); ++i) {
    if (!t.slots()[i].active()) continue;
    SetTable::Slot s = t.slots()[i];
    if (!set_table(b).contains(s.key, s.hash)) return false;
  }
  return true;
}

Value set_compare(const Value& a, const Value& b, CompareOp op) {
  if (!is_set_like(a) || !is_set_like(b)) return Value();
  std::size_t x = set_table(a).size(), y = set_table(b).size();
  switch (op) {
    case CompareOp::Eq: return Value(x == y && subset(a, b));
    case CompareOp::Ne: return Value(!(x == y && subset(a, b)));
    case CompareOp::Le: return Value(subset(a, b));
    case CompareOp::Lt: return Value(x < y && subset(a, b));
    case CompareOp::Ge: return Value(subset(b, a));
    case CompareOp::Gt: return Value(x > y && subset(b, a));
  }
  return Value();
}

Value set_binary(const Value& a, const Value& b, BinaryOp op) {
  if (!is_set_like(a) || !is_set_like(b)) return Value();
  switch (op) {
    case BinaryOp::Or: return set_union(a, b);
    case BinaryOp::And: return intersection(a, b);
    case BinaryOp::Sub: return difference(a, b);
    case BinaryOp::Xor: return symmetric_difference(a, b);
    default: return Value();
  }
}

std::int64_t set_len(const Value& self) { return static_cast<std::int64_t>(set_table(self).size()); }
bool set_contains(const Value& self, const Value& x) {
  std::int64_t h;
  Value k = hashable_key(x, h);
  return set_table(self).contains(k, h);
}
bool set_truthy(const Value& self) { return set_table(self).size() != 0; }

struct SetIterator : Object {
  Value set;
  std::size_t pos = 0;
  std::size_t used;
  SetIterator(Value s) : Object(iterator_type), set(std::move(s)), used(set_table(set).size()) {}
};
bool set_iter_next(const Value& self, Value& out) {
  auto* it = static_cast<SetIterator*>(self.object());
  if (!it->set.is_bound()) return false;
  const SetTable& t = set_table(it->set);
  if (t.size() != it->used) raise_error(exc::RuntimeError, "Set changed size during iteration");
  const auto& slots = t.slots();
  while (it->pos < slots.size() && !slots[it->pos].active()) ++it->pos;
  if (it->pos >= slots.size()) {
    it->set = Value();
    return false;
  }
  out = slots[it->pos++].key;
  return true;
}
Value set_iter(const Value& self) { return make_native_iterator(new SetIterator(self), &set_iter_next); }

// CPython's frozenset_hash: order-independent xor of shuffled entry hashes, then the
// size and a final dispersion (unused and dummy slots cancel out).
std::int64_t frozenset_hash(const Value& self) {
  auto shuffle = [](std::uint64_t h) { return ((h ^ 89869747ull) ^ (h << 16)) * 3644798167ull; };
  std::uint64_t h = 0;
  for (const auto& e : set_table(self).slots())
    if (e.active()) h ^= shuffle(static_cast<std::uint64_t>(e.hash));
  h ^= (static_cast<std::uint64_t>(set_table(self).size()) + 1) * 1927868237ull;
  h ^= (h >> 11) ^ (h >> 25);
  h = h * 69069u + 907133923ull;
  std::int64_t r = static_cast<std::int64_t>(h);
  return r == -1 ? 590923713 : r;
}

Value set_new(TypeObject* type, const CallArgs& a) {
  check_nargs(a, type->name.c_str(), 0, 1);
  no_kwargs(a, type->name.c_str());
  if (type == frozenset_type && a.npos && a[0].is_object() && a[0].object()->type == frozenset_type) return a[0];
  return new_set(type, a.npos ? a[0] : Value());
}

Value m_add(const CallArgs& a) { check_nargs(a, "add", 2, 2); set_add(a[0], a[1]); return Value::none(); }
Value m_discard(const CallArgs& a) {
  check_nargs(a, "discard", 2, 2);
  std::int64_t h;
  Value k = hashable_key(a[1], h);
  set_table(a[0]).discard(k, h);
  return Value::none();
}
Value m_remove(const CallArgs& a) {
  check_nargs(a, "remove", 2, 2);
  std::int64_t h;
  Value k = hashable_key(a[1], h);
  if (!set_table(a[0]).discard(k, h)) raise_key_error(a[1]);
  return Value::none();
}
Value m_pop(const CallArgs& a) { check_nargs(a, "pop", 1, 1); return set_table(a[0]).pop(); }
Value m_clear(const CallArgs& a) { check_nargs(a, "clear", 1, 1); set_table(a[0]).clear(); return Value::none(); }
Value m_copy(const CallArgs& a) {
  check_nargs(a, "copy", 1, 1);
  if (a[0].object()->type == frozenset_type) return a[0];
  return set_copy(a[0]);
}
Value m_union(const CallArgs& a) {
  Value r = set_copy(a[0]);
  for (std::size_t i = 1; i < a.npos; ++i)
    if (!a[i].same(a[0])) set_table(r).update(a[i]);
  return r;
}
Value intersection_multi(const CallArgs& a) {
  if (a.npos == 1) return set_copy(a[0]);
  Value r = a[0];
  for (std::size_t i = 1; i < a.npos; ++i) r = intersection(r, a[i]);
  return r;
}
Value m_intersection(const CallArgs& a) { return intersection_multi(a); }
Value m_difference(const CallArgs& a) {
  if (a.npos == 1) return set_copy(a[0]);
  Value r = difference(a[0], a[1]);
  for (std::size_t i = 2; i < a.npos; ++i) difference_update(r, a[i]);
  return r;
}
Value m_symmetric_difference(const CallArgs& a) {
  check_nargs(a, "symmetric_difference", 2, 2);
  return symmetric_difference(a[0], a[1]);
}
Value m_update(const CallArgs& a) {
  for (std::size_t i = 1; i < a.npos; ++i) set_table(a[0]).update(a[i]);
  return Value::none();
}
Value m_intersection_update(const CallArgs& a) {
  Value tmp = intersection_multi(a);
  if (!tmp.same(a[0])) set_table(a[0]).swap(set_table(tmp));
  return Value::none();
}
Value m_difference_update(const CallArgs& a) {
  for (std::size_t i = 1; i < a.npos; ++i) difference_update(a[0], a[i]);
  return Value::none();
}
Value m_symmetric_difference_update(const CallArgs& a) {
  check_nargs(a, "symmetric_difference_update", 2, 2);
  symmetric_difference_update(a[0], a[1]);
  return Value::none();
}
Value as_set(const Value& v) { return is_set_like(v) ? v : new_set(set_type, v); }
Value m_issubset(const CallArgs& a) { check_nargs(a, "issubset", 2, 2); return Value(subset(a[0], as_set(a[1]))); }
Value m_issuperset(const CallArgs& a) { check_nargs(a, "issuperset", 2, 2); return Value(subset(as_set(a[1]), a[0])); }
Value m_isdisjoint(const CallArgs& a) {
  check_nargs(a, "isdisjoint", 2, 2);
  Value it = iter(a[1]), x;
  while (next(it, x))
    if (set_table(a[0]).contains(x, hash(x))) return Value(false);
  return Value(true);
}

void init_common(TypeObject* t) {
  t->repr = &set_repr;
  t->compare = &set_compare;
  t->binary = &set_binary;
  t->len = &set_len;
  t->contains = &set_contains;
  t->truthy = &set_truthy;
  t->iter = &set_iter;
  t->new_ = &set_new;
  add_method(t, "copy", &m_copy);
  add_method(t, "union", &m_union);
  add_method(t, "intersection", &m_intersection);
  add_method(t, "difference", &m_difference);
  add_method(t, "symmetric_difference", &m_symmetric_difference);
  add_method(t, "issubset", &m_issubset);
  add_method(t, "issuperset", &m_issuperset);
  add_method(t, "isdisjoint", &m_isdisjoint);
}

}  // namespace

Value make_set_from(const Value& iterable, TypeObject* type) { return new_set(type ? type : set_type, iterable); }

Value make_set(std::initializer_list<Value> items) {
  Value s(new SetObject(set_type));
  for (const Value& v : items) set_add(s, v);
  return s;
}

// A display of three or more constants: python3 compiles it to a frozenset constant
// (built twice: once from the tuple, once more when the compiler merges constants)
// that SET_UPDATE merges into a new set.
Value make_set_const(std::initializer_list<Value> items) {
  Value first(new SetObject(frozenset_type));
  for (const Value& v : items) set_table(first).add(v, hash(v));
  Value merged = new_set(frozenset_type, make_list(set_keys(first)));
  return new_set(set_type, merged);
}

bool is_set_like(const Value& v) {
  return v.is_object() && (v.object()->type->is_subtype_of(set_type) || v.object()->type->is_subtype_of(frozenset_type));
}
void set_add(const Value& set, const Value& v) { set_table(set).add(v, hash(v)); }
void set_update(const Value& set, const Value& iterable) { set_table(set).update(iterable); }

Value set_inplace(const Value& a, const Value& b, BinaryOp op) {
  if (!is_mutable_set(a) || !is_set_like(b)) return Value();
  switch (op) {
    case BinaryOp::Or: set_table(a).update(b); return a;
    case BinaryOp::And: {
      Value tmp = intersection(a, b);
      if (!tmp.same(a)) set_table(a).swap(set_table(tmp));
      return a;
    }
    case BinaryOp::Sub: difference_update(a, b); return a;
    case BinaryOp::Xor: symmetric_difference_update(a, b); return a;
    default: return Value();
  }
}

void init_set_types() {
  init_common(set_type);
  init_common(frozenset_type);
  frozenset_type->hash = &frozenset_hash;
  TypeObject* t = set_type;
  add_method(t, "add", &m_add);
  add_method(t, "discard", &m_discard);
  add_method(t, "remove", &m_remove);
  add_method(t, "pop", &m_pop);
  add_method(t, "clear", &m_clear);
  add_method(t, "update", &m_update);
  add_method(t, "intersection_update", &m_intersection_update);
  add_method(t, "difference_update", &m_difference_update);
  add_method(t, "symmetric_difference_update", &m_symmetric_difference_update);
}

}  // namespace aio
