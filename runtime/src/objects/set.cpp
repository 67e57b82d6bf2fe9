// set and frozenset: slots (repr `{1, 2}` / `set()`, len, in, iteration, | & - ^ and
// comparisons) and the common methods.
#include "aio/set.hpp"

#include "aio/builtins.hpp"
#include "aio/exceptions.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "sequence_util.hpp"

namespace aio {

Value make_set_from(const Value& iterable, TypeObject* type) {
  Value s(new SetObject(type ? type : set_type));
  if (iterable.is_bound()) {
    Value it = iter(iterable), x;
    while (next(it, x)) set_table(s).insert(x, Value::none());
  }
  return s;
}

Value make_set(std::initializer_list<Value> items) {
  Value s(new SetObject(set_type));
  for (const Value& v : items) set_table(s).insert(v, Value::none());
  return s;
}

bool is_set_like(const Value& v) {
  return v.is_object() && (v.object()->type->is_subtype_of(set_type) || v.object()->type->is_subtype_of(frozenset_type));
}
void set_add(const Value& set, const Value& v) { set_table(set).insert(v, Value::none()); }

static std::vector<Value> set_keys(const Value& s) {
  std::vector<Value> out;
  for (auto& e : set_table(s).entries())
    if (e.key.is_bound()) out.push_back(e.key);
  return out;
}

static Value set_repr(const Value& self) {
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

static bool subset(const Value& a, const Value& b) {
  for (auto& e : set_table(a).entries())
    if (e.key.is_bound() && set_table(b).find(e.key, e.hash) < 0) return false;
  return true;
}

static Value set_compare(const Value& a, const Value& b, CompareOp op) {
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

static Value set_binary(const Value& a, const Value& b, BinaryOp op) {
  if (!is_set_like(a) || !is_set_like(b)) return Value();
  Value r(new SetObject(a.object()->type->is_subtype_of(frozenset_type) ? frozenset_type : set_type));
  HashTable& out = set_table(r);
  switch (op) {
    case BinaryOp::Or:
      for (auto& e : set_table(a).entries()) if (e.key.is_bound()) out.insert(e.key, e.hash, Value::none());
      for (auto& e : set_table(b).entries()) if (e.key.is_bound()) out.insert(e.key, e.hash, Value::none());
      return r;
    case BinaryOp::And:
      for (auto& e : set_table(a).entries())
        if (e.key.is_bound() && set_table(b).find(e.key, e.hash) >= 0) out.insert(e.key, e.hash, Value::none());
      return r;
    case BinaryOp::Sub:
      for (auto& e : set_table(a).entries())
        if (e.key.is_bound() && set_table(b).find(e.key, e.hash) < 0) out.insert(e.key, e.hash, Value::none());
      return r;
    case BinaryOp::Xor:
      for (auto& e : set_table(a).entries())
        if (e.key.is_bound() && set_table(b).find(e.key, e.hash) < 0) out.insert(e.key, e.hash, Value::none());
      for (auto& e : set_table(b).entries())
        if (e.key.is_bound() && set_table(a).find(e.key, e.hash) < 0) out.insert(e.key, e.hash, Value::none());
      return r;
    default: return Value();
  }
}

static std::int64_t set_len(const Value& self) { return static_cast<std::int64_t>(set_table(self).size()); }
static bool set_contains(const Value& self, const Value& x) { return set_table(self).find(x) >= 0; }
static bool set_truthy(const Value& self) { return set_table(self).size() != 0; }

struct SetIterator : Object {
  Value set;
  std::size_t pos = 0;
  std::size_t size;
  SetIterator(Value s) : Object(iterator_type), set(std::move(s)), size(set_table(set).size()) {}
};
static bool set_iter_next(const Value& self, Value& out) {
  auto* it = static_cast<SetIterator*>(self.object());
  HashTable& t = set_table(it->set);
  if (t.size() != it->size) raise_error(exc::RuntimeError, "Set changed size during iteration");
  auto& entries = t.entries();
  while (it->pos < entries.size() && !entries[it->pos].key.is_bound()) ++it->pos;
  if (it->pos >= entries.size()) return false;
  out = entries[it->pos++].key;
  return true;
}
static Value set_iter(const Value& self) { return make_native_iterator(new SetIterator(self), &set_iter_next); }

static std::int64_t frozenset_hash(const Value& self) {
  std::uint64_t h = 0;
  for (auto& e : set_table(self).entries())
    if (e.key.is_bound()) {
      std::uint64_t x = static_cast<std::uint64_t>(e.hash);
      h ^= ((x ^ (x << 16)) ^ 89869747ull) * 3644798167ull;
    }
  h = h * 69069u + 907133923ull;
  std::int64_t r = static_cast<std::int64_t>(h);
  return r == -1 ? 590923713 : r;
}

static Value set_new(TypeObject* type, const CallArgs& a) {
  check_nargs(a, type->name.c_str(), 0, 1);
  no_kwargs(a, type->name.c_str());
  return make_set_from(a.npos ? a[0] : Value(), type);
}

static Value m_add(const CallArgs& a) { check_nargs(a, "add", 2, 2); set_add(a[0], a[1]); return Value::none(); }
static Value m_discard(const CallArgs& a) { check_nargs(a, "discard", 2, 2); set_table(a[0]).erase(a[1]); return Value::none(); }
static Value m_remove(const CallArgs& a) {
  check_nargs(a, "remove", 2, 2);
  if (!set_table(a[0]).erase(a[1])) raise_key_error(a[1]);
  return Value::none();
}
static Value m_pop(const CallArgs& a) {
  HashTable& t = set_table(a[0]);
  auto& entries = t.entries();
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (entries[i].key.is_bound()) {
      Value k = entries[i].key;
      t.pop_entry(i);
      return k;
    }
  raise_error(exc::KeyError, "pop from an empty set");
}
static Value m_clear(const CallArgs& a) { set_table(a[0]).clear(); return Value::none(); }
static Value m_copy(const CallArgs& a) { return make_set_from(a[0], a[0].object()->type); }
static Value with_other(const CallArgs& a, BinaryOp op) {
  Value r = a[0];
  for (std::size_t i = 1; i < a.npos; ++i) r = set_binary(r, is_set_like(a[i]) ? a[i] : make_set_from(a[i]), op);
  if (a.npos == 1) r = m_copy(a);
  return r;
}
static Value m_union(const CallArgs& a) { return with_other(a, BinaryOp::Or); }
static Value m_intersection(const CallArgs& a) { return with_other(a, BinaryOp::And); }
static Value m_difference(const CallArgs& a) { return with_other(a, BinaryOp::Sub); }
static Value m_symmetric_difference(const CallArgs& a) { return with_other(a, BinaryOp::Xor); }
static Value m_update(const CallArgs& a) {
  for (std::size_t i = 1; i < a.npos; ++i) {
    Value it = iter(a[i]), x;
    while (next(it, x)) set_add(a[0], x);
  }
  return Value::none();
}
static Value m_issubset(const CallArgs& a) { check_nargs(a, "issubset", 2, 2); return Value(subset(a[0], is_set_like(a[1]) ? a[1] : make_set_from(a[1]))); }
static Value m_issuperset(const CallArgs& a) { check_nargs(a, "issuperset", 2, 2); return Value(subset(is_set_like(a[1]) ? a[1] : make_set_from(a[1]), a[0])); }
static Value m_isdisjoint(const CallArgs& a) {
  check_nargs(a, "isdisjoint", 2, 2);
  Value it = iter(a[1]), x;
  while (next(it, x))
    if (set_table(a[0]).find(x) >= 0) return Value(false);
  return Value(true);
}

static void init_common(TypeObject* t) {
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
}

}  // namespace aio
