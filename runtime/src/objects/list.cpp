// list: the mutable sequence, its slots and methods (append, extend, pop, insert, remove,
// index, count, sort, reverse, copy, clear).
#include "aio/list.hpp"

#include <algorithm>

#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/class.hpp"
#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"
#include "sequence_util.hpp"

namespace aio {

Value make_list(std::vector<Value> items) {
  auto* l = new ListObject();
  l->items = std::move(items);
  return Value(l);
}
Value make_list(std::initializer_list<Value> items) { return make_list(std::vector<Value>(items)); }
bool is_list_like(const Value& v) { return v.is_object() && v.object()->type->is_subtype_of(list_type); }
void list_append(const Value& list, const Value& v) { list_items(list).push_back(v); }

void list_extend(const Value& list, const Value& iterable) {
  if (is_list_like(iterable) || is_tuple_like(iterable)) {
    std::vector<Value> copy = is_list_like(iterable) ? list_items(iterable) : tuple_items(iterable);
    auto& items = list_items(list);
    items.insert(items.end(), copy.begin(), copy.end());
    return;
  }
  Value it = iter(iterable);
  Value x;
  while (next(it, x)) list_items(list).push_back(x);
}

Value list_to_tuple(const Value& list) { return make_tuple(list_items(list)); }

void sort_values(std::vector<Value>& items, const Value& key, bool reverse) {
  std::vector<Value> keys;
  bool use_key = key.is_bound() && !key.is_none();
  if (use_key) {
    keys.reserve(items.size());
    for (const Value& v : items) keys.push_back(call(key, {v}));
  }
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const std::vector<Value>& k = use_key ? keys : items;
  // reverse keeps stability: equal elements stay in original order.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return reverse ? lt_bool(k[b], k[a]) : lt_bool(k[a], k[b]);
  });
  std::vector<Value> sorted;
  sorted.reserve(items.size());
  for (std::size_t i : order) sorted.push_back(items[i]);
  items = std::move(sorted);
}

static Value list_repr(const Value& self) {
  if (!repr_enter(self.object())) return str_lit("[...]", 5);
  std::string s;
  try {
    std::vector<Value> snapshot = list_items(self);
    s = seq_repr(snapshot, '[', ']', false);
  } catch (...) {
    repr_leave(self.object());
    throw;
  }
  repr_leave(self.object());
  return make_str(std::move(s));
}

static Value list_compare(const Value& a, const Value& b, CompareOp op) {
  if (!is_list_like(a) || !is_list_like(b)) return Value();
  return seq_compare(list_items(a), list_items(b), op);
}

static Value list_binary(const Value& a, const Value& b, BinaryOp op) {
  if (op == BinaryOp::Add && is_list_like(a)) {
    if (!is_list_like(b)) raise_type_error("can only concatenate list (not \"" + type_of(b)->name + "\") to list");
    std::vector<Value> r = list_items(a);
    r.insert(r.end(), list_items(b).begin(), list_items(b).end());
    return make_list(std::move(r));
  }
  if (op == BinaryOp::Mul) {
    const Value& l = is_list_like(a) ? a : b;
    const Value& n = is_list_like(a) ? b : a;
    if (!is_int_like(n)) return Value();
    std::vector<Value> r;
    std::vector<Value> src = list_items(l);
    for (std::int64_t i = 0; i < index_value(n); ++i) r.insert(r.end(), src.begin(), src.end());
    return make_list(std::move(r));
  }
  return Value();
}

static std::int64_t list_len(const Value& self) { return static_cast<std::int64_t>(list_items(self).size()); }

static Value list_getitem(const Value& self, const Value& key) {
  auto& items = list_items(self);
  if (key.is_object() && key.object()->type == slice_type) return seq_slice(items, key, false);
  return items[normalize_index(key, static_cast<std::int64_t>(items.size()), "list")];
}

static void list_setitem(const Value& self, const Value& key, const Value& v) {
  auto& items = list_items(self);
  std::int64_t n = static_cast<std::int64_t>(items.size());
  if (key.is_object() && key.object()->type == slice_type) {
    std::int64_t start, stop, step;
    std::int64_t len = slice_indices(key, n, start, stop, step);
    if (step == 1) {
      std::int64_t end = std::max(start, start + len);
      std::vector<Value> repl = v.is_bound() ? to_vector(v) : std::vector<Value>();
      items.erase(items.begin() + start, items.begin() + end);
      items.insert(items.begin() + start, repl.begin(), repl.end());
      return;
    }
    if (!v.is_bound()) {
      std::vector<bool> drop(items.size(), false);
      for (std::int64_t k = 0, i = start; k < len; ++k, i += step) drop[i] = true;
      std::vector<Value> kept;
      for (std::size_t i = 0; i < items.size(); ++i) if (!drop[i]) kept.push_back(items[i]);
      items = std::move(kept);
      return;
    }
    std::vector<Value> repl = to_vector(v);
    if (static_cast<std::int64_t>(repl.size()) != len)
      raise_value_error("attempt to assign sequence of size " + std::to_string(repl.size()) +
                        " to extended slice of size " + std::to_string(len));
    for (std::int64_t k = 0, i = start; k < len; ++k, i += step) items[i] = repl[k];
    return;
  }
  std::int64_t i = normalize_index(key, n, "list assignment");
  if (v.is_bound()) items[i] = v;
  else items.erase(items.begin() + i);
}

static bool list_contains(const Value& self, const Value& x) {
  auto& items = list_items(self);
  for (std::size_t i = 0; i < items.size(); ++i)
    if (eq_bool(items[i], x)) return true;
  return false;
}

static Value list_iter(const Value& self) { return make_vector_iterator(self, &list_items(self)); }
static bool list_truthy(const Value& self) { return !list_items(self).empty(); }

static Value list_new(TypeObject* type, const CallArgs& a) {
  check_nargs(a, "list", 0, 1);
  no_kwargs(a, "list");
  Value r = type == list_type ? make_list({}) : alloc_instance(type);
  if (a.npos) list_extend(r, a[0]);
  return r;
}

static Value m_append(const CallArgs& a) {
  check_nargs(a, "append", 2, 2);
  list_items(a[0]).push_back(a[1]);
  return Value::none();
}
static Value m_extend(const CallArgs& a) {
  check_nargs(a, "extend", 2, 2);
  list_extend(a[0], a[1]);
  return Value::none();
}
static Value m_pop(const CallArgs& a) {
  check_nargs(a, "pop", 1, 2);
  auto& items = list_items(a[0]);
  if (items.empty()) raise_index_error("pop from empty list");
  std::int64_t n = static_cast<std::int64_t>(items.size());
  std::int64_t i = a.npos > 1 ? index_value(a[1]) : n - 1;
  if (i < 0) i += n;
  if (i < 0 || i >= n) raise_index_error("pop index out of range");
  Value v = items[i];
  items.erase(items.begin() + i);
  return v;
}
static Value m_insert(const CallArgs& a) {
  check_nargs(a, "insert", 3, 3);
  auto& items = list_items(a[0]);
  std::int64_t n = static_cast<std::int64_t>(items.size());
  std::int64_t i = index_value(a[1]);
  if (i < 0) i = std::max<std::int64_t>(0, i + n);
  if (i > n) i = n;
  items.insert(items.begin() + i, a[2]);
  return Value::none();
}
static Value m_remove(const CallArgs& a) {
  check_nargs(a, "remove", 2, 2);
  auto& items = list_items(a[0]);
  for (std::size_t i = 0; i < items.size(); ++i)
    if (eq_bool(items[i], a[1])) {
      items.erase(items.begin() + i);
      return Value::none();
    }
  raise_value_error("list.remove(x): x not in list");
}
static Value m_index(const CallArgs& a) {
  Value x = a.npos > 1 ? a[1] : Value();
  std::int64_t i = -1;
  try {
    i = seq_index(list_items(a[0]), a, "");
  } catch (PyException&) {
    if (a.npos < 2) throw;
    raise_value_error(str_data(repr(x)) + " is not in list");
  }
  return Value::from_int(i);
}
static Value m_count(const CallArgs& a) {
  check_nargs(a, "count", 2, 2);
  return Value::from_int(seq_count(list_items(a[0]), a[1]));
}
static Value m_sort(const CallArgs& a) {
  Value p[3];
  if (a.npos > 1) raise_type_error("sort() takes no positional arguments");
  parse_args(a, "sort", {"self", "key", "reverse"}, 1, p);
  std::vector<Value> items = std::move(list_items(p[0]));
  list_items(p[0]).clear();
  try {
    sort_values(items, p[1], p[2].is_bound() && truthy(p[2]));
  } catch (...) {
    list_items(p[0]) = std::move(items);
    throw;
  }
  list_items(p[0]) = std::move(items);
  return Value::none();
}
static Value m_reverse(const CallArgs& a) {
  check_nargs(a, "reverse", 1, 1);
  std::reverse(list_items(a[0]).begin(), list_items(a[0]).end());
  return Value::none();
}
static Value m_copy(const CallArgs& a) {
  check_nargs(a, "copy", 1, 1);
  return make_list(list_items(a[0]));
}
static Value m_clear(const CallArgs& a) {
  check_nargs(a, "clear", 1, 1);
  list_items(a[0]).clear();
  return Value::none();
}

void init_list_type() {
  TypeObject* t = list_type;
  t->repr = &list_repr;
  t->compare = &list_compare;
  t->binary = &list_binary;
  t->len = &list_len;
  t->getitem = &list_getitem;
  t->setitem = &list_setitem;
  t->contains = &list_contains;
  t->iter = &list_iter;
  t->truthy = &list_truthy;
  t->new_ = &list_new;
  add_method(t, "append", &m_append);
  add_method(t, "extend", &m_extend);
  add_method(t, "pop", &m_pop);
  add_method(t, "insert", &m_insert);
  add_method(t, "remove", &m_remove);
  add_method(t, "index", &m_index);
  add_method(t, "count", &m_count);
  add_method(t, "sort", &m_sort);
  add_method(t, "reverse", &m_reverse);
  add_method(t, "copy", &m_copy);
  add_method(t, "clear", &m_clear);
}

}  // namespace aio
