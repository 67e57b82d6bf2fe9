// dict: slots and methods over HashTable (get, setdefault, pop, popitem, items, keys,
// values, update, copy, clear, fromkeys) plus the keys/values/items views.
#include "aio/dict.hpp"

#include <algorithm>

#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/class.hpp"
#include "aio/exceptions.hpp"
#include "aio/list.hpp"
#include "aio/ops.hpp"
#include "aio/set.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"
#include "sequence_util.hpp"

namespace aio {

Value make_dict() { return Value(new DictObject()); }
Value make_dict(std::initializer_list<std::pair<Value, Value>> items) {
  Value d = make_dict();
  for (auto& [k, v] : items) dict_table(d).insert(k, v);
  return d;
}
bool is_dict_like(const Value& v) { return v.is_object() && v.object()->type->is_subtype_of(dict_type); }
void dict_setitem(const Value& dict, const Value& key, const Value& value) { dict_table(dict).insert(key, value); }
Value dict_get(const Value& dict, const Value& key) {
  HashTable& t = dict_table(dict);
  std::int64_t i = t.find(key);
  return i < 0 ? Value() : t.entries()[i].value;
}
Value dict_get(const Value& dict, std::string_view key) { return dict_get(dict, intern(key)); }
bool dict_del(const Value& dict, const Value& key) { return dict_table(dict).erase(key); }
std::int64_t dict_size(const Value& dict) { return static_cast<std::int64_t>(dict_table(dict).size()); }

void dict_update(const Value& dict, const Value& mapping) {
  if (is_dict_like(mapping)) {
    std::vector<HashTable::Entry> copy = dict_table(mapping).entries();
    for (auto& e : copy)
      if (e.key.is_bound()) dict_table(dict).insert(e.key, e.hash, e.value);
    return;
  }
  if (hasattr(mapping, str_lit("keys", 4))) {
    Value keys = call_method(mapping, str_lit("keys", 4), {});
    Value it = iter(keys), k;
    while (next(it, k)) dict_setitem(dict, k, getitem(mapping, k));
    return;
  }
  Value it = iter(mapping), item;
  std::size_t n = 0;
  while (next(it, item)) {
    std::vector<Value> pair = to_vector(item);
    if (pair.size() != 2)
      raise_value_error("dictionary update sequence element #" + std::to_string(n) + " has length " +
                        std::to_string(pair.size()) + "; 2 is required");
    dict_setitem(dict, pair[0], pair[1]);
    ++n;
  }
}

static Value dict_repr(const Value& self) {
  if (!repr_enter(self.object())) return str_lit("{...}", 5);
  std::string out = "{";
  try {
    std::vector<HashTable::Entry> copy = dict_table(self).entries();
    bool first = true;
    for (auto& e : copy) {
      if (!e.key.is_bound()) continue;
      if (!first) out += ", ";
      first = false;
      out += str_data(repr(e.key));
      out += ": ";
      out += str_data(repr(e.value));
    }
  } catch (...) {
    repr_leave(self.object());
    throw;
  }
  repr_leave(self.object());
  out += '}';
  return make_str(std::move(out));
}

static Value dict_compare(const Value& a, const Value& b, CompareOp op) {
  if (!is_dict_like(a) || !is_dict_like(b) || (op != CompareOp::Eq && op != CompareOp::Ne)) return Value();
  bool equal = dict_size(a) == dict_size(b);
  if (equal)
    for (auto& e : dict_table(a).entries()) {
      if (!e.key.is_bound()) continue;
      Value other = dict_get(b, e.key);
      if (!other.is_bound() || !eq_bool(e.value, other)) { equal = false; break; }
    }
  return Value(op == CompareOp::Eq ? equal : !equal);
}

static Value dict_binary(const Value& a, const Value& b, BinaryOp op) {
  if (op != BinaryOp::Or || !is_dict_like(a) || !is_dict_like(b)) return Value();
  Value r = make_dict();
  dict_update(r, a);
  dict_update(r, b);
  return r;
}

static std::int64_t dict_len(const Value& self) { return dict_size(self); }

static Value dict_getitem(const Value& self, const Value& key) {
  Value v = dict_get(self, key);
  if (v.is_bound()) return v;
  if (self.object()->type != dict_type) {
    Value r = call_special(self, "__missing__", {key});
    if (r.is_bound()) return r;
  }
  raise_key_error(key);
}

static void dict_setitem_slot(const Value& self, const Value& key, const Value& v) {
  if (v.is_bound()) dict_table(self).insert(key, v);
  else if (!dict_table(self).erase(key)) raise_key_error(key);
}

static bool dict_contains(const Value& self, const Value& key) { return dict_table(self).find(key) >= 0; }
static bool dict_truthy(const Value& self) { return dict_size(self) != 0; }

// Iteration over entries; kind 0 keys, 1 values, 2 items.
struct DictIterator : Object {
  Value dict;
  std::size_t pos = 0;
  std::size_t initial_size;
  int kind;
  DictIterator(Value d, int k) : Object(iterator_type), dict(std::move(d)), initial_size(dict_table(dict).size()), kind(k) {}
};

static bool dict_iter_next(const Value& self, Value& out) {
  auto* it = static_cast<DictIterator*>(self.object());
  HashTable& t = dict_table(it->dict);
  if (t.size() != it->initial_size) {
    it->initial_size = static_cast<std::size_t>(-1);
    raise_error(exc::RuntimeError, "dictionary changed size during iteration");
  }
  auto& entries = t.entries();
  while (it->pos < entries.size() && !entries[it->pos].key.is_bound()) ++it->pos;
  if (it->pos >= entries.size()) return false;
  auto& e = entries[it->pos++];
  out = it->kind == 0 ? e.key : it->kind == 1 ? e.value : make_tuple({e.key, e.value});
  return true;
}

static Value dict_iter_kind(const Value& d, int kind) { return make_native_iterator(new DictIterator(d, kind), &dict_iter_next); }
static Value dict_iter(const Value& self) { return dict_iter_kind(self, 0); }

// Views: dict_keys / dict_values / dict_items.
struct DictView : Object {
  Value dict;
  int kind;
  DictView(TypeObject* t, Value d, int k) : Object(t), dict(std::move(d)), kind(k) {}
};
static TypeObject* view_types[3];

static Value view_iter(const Value& self) {
  auto* v = static_cast<DictView*>(self.object());
  return dict_iter_kind(v->dict, v->kind);
}
static std::int64_t view_len(const Value& self) { return dict_size(static_cast<DictView*>(self.object())->dict); }
static Value view_repr(const Value& self) {
  auto* v = static_cast<DictView*>(self.object());
  std::vector<Value> items = to_vector(self);
  std::string out = v->type->name + "(" + seq_repr(items, '[', ']', false) + ")";
  return make_str(std::move(out));
}
// keys() and items() views are set-like: & | ^ - give sets, comparisons compare as sets.
static bool is_setlike_view(const Value& v) {
  return v.is_object() && (v.object()->type == view_types[0] || v.object()->type == view_types[2]);
}
// dictitems_contains looks the key up instead of scanning the items.
static bool view_contains(const Value& self, const Value& x) {
  auto* v = static_cast<DictView*>(self.object());
  if (v->kind == 0) return dict_contains(v->dict, x);
  if (v->kind == 2) {
    if (!is_tuple_like(x) || tuple_items(x).size() != 2) return false;
    Value found = dict_get(v->dict, tuple_items(x)[0]);
    return found.is_bound() && eq_bool(found, tuple_items(x)[1]);
  }
  Value it = view_iter(self), y;
  while (next(it, y))
    if (eq_bool(x, y)) return true;
  return false;
}
// dictviews_and/or/sub/xor: the result starts as set(left) and is updated with the right
// operand, so element order matches CPython's (a reflected call has the view on the right).
static Value view_intersect(Value self, Value other) {
  if (!is_setlike_view(self)) std::swap(self, other);
  if (type_of(other) == set_type && dict_size(static_cast<DictView*>(self.object())->dict) <= len(other))
    return call_method(other, str_lit("intersection", 12), {self});
  if (is_setlike_view(other) && len(other) > len(self)) std::swap(self, other);
  Value result = make_set({}), it = iter(other), x;
  while (next(it, x))
    if (view_contains(self, x)) set_add(result, x);
  return result;
}
// dictitems_xor: pairs of either dict whose key is missing or mapped differently in the other.
static Value items_xor(const Value& a, const Value& b) {
  Value left = make_dict();
  dict_update(left, static_cast<DictView*>(a.object())->dict);
  Value result = make_set({});
  for (auto& e : dict_table(static_cast<DictView*>(b.object())->dict).entries()) {
    if (!e.key.is_bound()) continue;
    Value v = dict_get(left, e.key);
    if (v.is_bound() && eq_bool(v, e.value)) dict_del(left, e.key);
    else set_add(result, make_tuple({e.key, e.value}));
  }
  call_method(result, str_lit("update", 6), {call_method(left, str_lit("items", 5), {})});
  return result;
}
static Value view_binary(const Value& a, const Value& b, BinaryOp op) {
  if (op == BinaryOp::And) return view_intersect(a, b);
  if (op == BinaryOp::Xor && a.is_object() && b.is_object() && a.object()->type == view_types[2] &&
      b.object()->type == view_types[2])
    return items_xor(a, b);
  const char* update = op == BinaryOp::Or ? "update" : op == BinaryOp::Sub ? "difference_update"
                     : op == BinaryOp::Xor ? "symmetric_difference_update" : nullptr;
  if (!update) return Value();
  Value result = is_setlike_view(a) && static_cast<DictView*>(a.object())->kind == 0
                     ? call(builtin("set"), {static_cast<DictView*>(a.object())->dict})
                     : call(builtin("set"), {a});
  call_method(result, make_str(update), {b});
  return result;
}
// dictview_richcompare: sizes first, then membership through the other operand (no set is
// built, so items with unhashable values compare too).
static bool all_contained_in(const Value& items, const Value& container) {
  Value it = iter(items), x;
  while (next(it, x))
    if (!contains(container, x)) return false;
  return true;
}
static Value view_compare(const Value& a, const Value& b, CompareOp op) {
  auto is_any_set = [](const Value& v) {
    return v.is_object() && (v.object()->type->is_subtype_of(set_type) || v.object()->type->is_subtype_of(frozenset_type));
  };
  if (!is_setlike_view(b) && !is_any_set(b)) return Value();
  std::int64_t na = len(a), nb = len(b);
  bool ok = false;
  switch (op) {
    case CompareOp::Eq: ok = na == nb && all_contained_in(a, b); break;
    case CompareOp::Ne: ok = !(na == nb && all_contained_in(a, b)); break;
    case CompareOp::Lt: ok = na < nb && all_contained_in(a, b); break;
    case CompareOp::Le: ok = na <= nb && all_contained_in(a, b); break;
    case CompareOp::Gt: ok = na > nb && all_contained_in(b, a); break;
    case CompareOp::Ge: ok = na >= nb && all_contained_in(b, a); break;
  }
  return Value(ok);
}
static Value view_reversed(const CallArgs& a) {
  check_nargs(a, "__reversed__", 1, 1);
  std::vector<Value> items = to_vector(a[0]);
  std::reverse(items.begin(), items.end());
  return iter(make_list(std::move(items)));
}
static Value make_view(const Value& d, int kind) { return Value(new DictView(view_types[kind], d, kind)); }

static Value m_keys(const CallArgs& a) { check_nargs(a, "keys", 1, 1); return make_view(a[0], 0); }
static Value m_values(const CallArgs& a) { check_nargs(a, "values", 1, 1); return make_view(a[0], 1); }
static Value m_items(const CallArgs& a) { check_nargs(a, "items", 1, 1); return make_view(a[0], 2); }
static Value m_get(const CallArgs& a) {
  check_nargs(a, "get", 2, 3);
  Value v = dict_get(a[0], a[1]);
  return v.is_bound() ? v : (a.npos > 2 ? a[2] : Value::none());
}
static Value m_setdefault(const CallArgs& a) {
  check_nargs(a, "setdefault", 2, 3);
  Value v = dict_get(a[0], a[1]);
  if (v.is_bound()) return v;
  Value d = a.npos > 2 ? a[2] : Value::none();
  dict_setitem(a[0], a[1], d);
  return d;
}
static Value m_pop(const CallArgs& a) {
  check_nargs(a, "pop", 2, 3);
  Value v = dict_get(a[0], a[1]);
  if (v.is_bound()) {
    dict_del(a[0], a[1]);
    return v;
  }
  if (a.npos > 2) return a[2];
  raise_key_error(a[1]);
}
static Value m_popitem(const CallArgs& a) {
  check_nargs(a, "popitem", 1, 1);
  HashTable& t = dict_table(a[0]);
  auto& entries = t.entries();
  for (std::size_t i = entries.size(); i-- > 0;)
    if (entries[i].key.is_bound()) {
      Value r = make_tuple({entries[i].key, entries[i].value});
      t.pop_entry(i);
      return r;
    }
  raise_error(exc::KeyError, "popitem(): dictionary is empty");
}
static Value m_update(const CallArgs& a) {
  check_nargs(a, "update", 1, 2);
  if (a.npos > 1) dict_update(a[0], a[1]);
  for (std::size_t i = 0; i < a.nkw; ++i) dict_setitem(a[0], a.kw[i].first, a.kw[i].second);
  return Value::none();
}
static Value m_copy(const CallArgs& a) {
  Value r = make_dict();
  dict_update(r, a[0]);
  return r;
}
static Value m_clear(const CallArgs& a) {
  dict_table(a[0]).clear();
  return Value::none();
}
static Value m_fromkeys(const CallArgs& a) {
  check_nargs(a, "fromkeys", 2, 3);
  Value r = make_dict();
  Value it = iter(a[1]), k;
  while (next(it, k)) dict_setitem(r, k, a.npos > 2 ? a[2] : Value::none());
  return r;
}

static Value dict_new(TypeObject* type, const CallArgs& a) {
  check_nargs(a, "dict", 0, 1);
  Value r = type == dict_type ? make_dict() : alloc_instance(type);
  if (a.npos) dict_update(r, a[0]);
  for (std::size_t i = 0; i < a.nkw; ++i) dict_setitem(r, a.kw[i].first, a.kw[i].second);
  return r;
}

void init_dict_type() {
  TypeObject* t = dict_type;
  t->repr = &dict_repr;
  t->compare = &dict_compare;
  t->binary = &dict_binary;
  t->len = &dict_len;
  t->getitem = &dict_getitem;
  t->setitem = &dict_setitem_slot;
  t->contains = &dict_contains;
  t->truthy = &dict_truthy;
  t->iter = &dict_iter;
  t->new_ = &dict_new;
  add_method(t, "keys", &m_keys);
  add_method(t, "values", &m_values);
  add_method(t, "items", &m_items);
  add_method(t, "get", &m_get);
  add_method(t, "setdefault", &m_setdefault);
  add_method(t, "pop", &m_pop);
  add_method(t, "popitem", &m_popitem);
  add_method(t, "update", &m_update);
  add_method(t, "copy", &m_copy);
  add_method(t, "clear", &m_clear);
  add_class_method(t, "fromkeys", &m_fromkeys);
  const char* names[3] = {"dict_keys", "dict_values", "dict_items"};
  for (int k = 0; k < 3; ++k) {
    view_types[k] = make_builtin_type(names[k], object_type);
    view_types[k]->iter = &view_iter;
    view_types[k]->len = &view_len;
    view_types[k]->repr = &view_repr;
    view_types[k]->contains = &view_contains;
    add_method(view_types[k], "__reversed__", &view_reversed);
    if (k != 1) {
      view_types[k]->binary = &view_binary;
      view_types[k]->compare = &view_compare;
    }
  }
}

}  // namespace aio
