// tuple: construction, repr `(1,)`, hashing (CPython's xxHash-based combine), slots.
#include "aio/tuple.hpp"

#include "aio/builtins.hpp"
#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "sequence_util.hpp"

namespace aio {

Value make_tuple(std::vector<Value> items) {
  auto* t = new TupleObject();
  t->items = std::move(items);
  return Value(t);
}

Value make_tuple(std::initializer_list<Value> items) { return make_tuple(std::vector<Value>(items)); }

bool is_tuple_like(const Value& v) { return v.is_object() && v.object()->type->is_subtype_of(tuple_type); }

static Value tuple_repr(const Value& self) {
  if (!repr_enter(self.object())) return str_lit("(...)", 5);
  std::string s;
  try {
    s = seq_repr(tuple_items(self), '(', ')', true);
  } catch (...) {
    repr_leave(self.object());
    throw;
  }
  repr_leave(self.object());
  return make_str(std::move(s));
}

static std::int64_t tuple_hash(const Value& self) {
  const std::uint64_t p1 = 11400714785074694791ull, p2 = 14029467366897019727ull, p5 = 2870177450012600261ull;
  std::uint64_t acc = p5;
  auto& items = tuple_items(self);
  for (const Value& v : items) {
    std::uint64_t lane = static_cast<std::uint64_t>(hash(v));
    acc += lane * p2;
    acc = (acc << 31) | (acc >> 33);
    acc *= p1;
  }
  acc += items.size() ^ (p5 ^ 3527539ull);
  std::int64_t h = static_cast<std::int64_t>(acc);
  return h == -1 ? 1546275796 : h;
}

static Value tuple_compare(const Value& a, const Value& b, CompareOp op) {
  if (!is_tuple_like(a) || !is_tuple_like(b)) return Value();
  return seq_compare(tuple_items(a), tuple_items(b), op);
}

static Value tuple_binary(const Value& a, const Value& b, BinaryOp op) {
  if (op == BinaryOp::Add && is_tuple_like(a)) {
    if (!is_tuple_like(b)) raise_type_error("can only concatenate tuple (not \"" + type_of(b)->name + "\") to tuple");
    std::vector<Value> r = tuple_items(a);
    r.insert(r.end(), tuple_items(b).begin(), tuple_items(b).end());
    return make_tuple(std::move(r));
  }
  if (op == BinaryOp::Mul) {
    const Value& t = is_tuple_like(a) ? a : b;
    const Value& n = is_tuple_like(a) ? b : a;
    if (!is_int_like(n)) return Value();
    std::vector<Value> r;
    for (std::int64_t i = 0; i < index_value(n); ++i) r.insert(r.end(), tuple_items(t).begin(), tuple_items(t).end());
    return make_tuple(std::move(r));
  }
  return Value();
}

static std::int64_t tuple_len(const Value& self) { return static_cast<std::int64_t>(tuple_items(self).size()); }

static Value tuple_getitem(const Value& self, const Value& key) {
  auto& items = tuple_items(self);
  if (key.is_object() && key.object()->type == slice_type) return seq_slice(items, key, true);
  if (!is_int_like(key) && !key.is_object())
    raise_type_error("tuple indices must be integers or slices, not " + type_of(key)->name);
  return items[normalize_index(key, static_cast<std::int64_t>(items.size()), "tuple")];
}

static bool tuple_contains(const Value& self, const Value& x) {
  for (const Value& v : tuple_items(self))
    if (eq_bool(v, x)) return true;
  return false;
}

static Value tuple_iter(const Value& self) { return make_vector_iterator(self, &tuple_items(self)); }
static bool tuple_truthy(const Value& self) { return !tuple_items(self).empty(); }

static Value tuple_new(TypeObject*, const CallArgs& a) {
  check_nargs(a, "tuple", 0, 1);
  no_kwargs(a, "tuple");
  if (!a.npos) return make_tuple({});
  if (is_tuple(a[0])) return a[0];
  return make_tuple(to_vector(a[0]));
}

static Value m_index(const CallArgs& a) { return Value::from_int(seq_index(tuple_items(a[0]), a, "tuple.index(x): x not in tuple")); }
static Value m_count(const CallArgs& a) {
  check_nargs(a, "count", 2, 2);
  return Value::from_int(seq_count(tuple_items(a[0]), a[1]));
}

void init_tuple_type() {
  TypeObject* t = tuple_type;
  t->repr = &tuple_repr;
  t->hash = &tuple_hash;
  t->compare = &tuple_compare;
  t->binary = &tuple_binary;
  t->len = &tuple_len;
  t->getitem = &tuple_getitem;
  t->contains = &tuple_contains;
  t->iter = &tuple_iter;
  t->truthy = &tuple_truthy;
  t->new_ = &tuple_new;
  add_method(t, "index", &m_index);
  add_method(t, "count", &m_count);
}

}  // namespace aio
