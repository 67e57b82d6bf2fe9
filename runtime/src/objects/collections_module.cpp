// The `collections` module: deque (with maxlen), defaultdict, Counter, OrderedDict and
// namedtuple.
//
// defaultdict, Counter and OrderedDict are dict types (DictObject layout, dict's methods
// and slots inherited); the first two supply `__missing__`, which dict's getitem calls for
// every type other than plain dict. namedtuple builds a new tuple type per call whose
// `_fields` class attribute drives construction, attribute access and repr. A deque is a
// std::deque of Values; a bounded deque drops items from the opposite end, as CPython's.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <deque>

#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"
#include "sequence_util.hpp"

namespace aio {

static TypeObject* deque_type = nullptr;
static TypeObject* defaultdict_type = nullptr;
static TypeObject* counter_type = nullptr;
static TypeObject* ordereddict_type = nullptr;

// ---- deque -----------------------------------------------------------------------------
struct DequeObject : GcObject {
  std::deque<Value> items;
  std::int64_t maxlen = -1;  // -1: unbounded
  std::uint64_t state = 0;   // bumped by every mutation (iteration checks it)
  DequeObject() : GcObject(deque_type) {}
  void traverse(GcVisitFn visit, void* arg) override {
    for (const Value& v : items) gc_visit(v, visit, arg);
  }
  void clear() override {
    ++state;
    std::deque<Value> gone = std::move(items);
    items.clear();
  }
};
static DequeObject* dq(const Value& v) { return static_cast<DequeObject*>(v.object()); }

static void deque_push(DequeObject* d, const Value& v, bool left) {
  ++d->state;
  if (d->maxlen == 0) return;
  if (left) d->items.push_front(v);
  else d->items.push_back(v);
  if (d->maxlen > 0 && static_cast<std::int64_t>(d->items.size()) > d->maxlen) {
    if (left) d->items.pop_back();
    else d->items.pop_front();
  }
}

static Value deque_new(TypeObject*, const CallArgs& a) {
  Value p[2];
  parse_args(a, "deque", {"iterable", "maxlen"}, 0, p);
  auto* d = new DequeObject();
  Value r(d);
  if (p[1].is_bound() && !p[1].is_none()) {
    if (!is_int_like(p[1])) raise_type_error("an integer is required");
    d->maxlen = to_i64(p[1]);
    if (d->maxlen < 0) raise_value_error("maxlen must be non-negative");
  }
  if (p[0].is_bound())
    for (const Value& v : to_vector(p[0])) deque_push(d, v, false);
  return r;
}

static Value dq_append(const CallArgs& a) { check_nargs(a, "append", 2, 2); deque_push(dq(a[0]), a[1], false); return Value::none(); }
static Value dq_appendleft(const CallArgs& a) { check_nargs(a, "appendleft", 2, 2); deque_push(dq(a[0]), a[1], true); return Value::none(); }
static Value dq_extend(const CallArgs& a) {
  check_nargs(a, "extend", 2, 2);
  for (const Value& v : to_vector(a[1])) deque_push(dq(a[0]), v, false);
  return Value::none();
}
static Value dq_extendleft(const CallArgs& a) {
  check_nargs(a, "extendleft", 2, 2);
  for (const Value& v : to_vector(a[1])) deque_push(dq(a[0]), v, true);
  return Value::none();
}
static Value dq_pop(const CallArgs& a) {
  check_nargs(a, "pop", 1, 1);
  DequeObject* d = dq(a[0]);
  if (d->items.empty()) raise_index_error("pop from an empty deque");
  Value v = d->items.back();
  d->items.pop_back();
  ++d->state;
  return v;
}
static Value dq_popleft(const CallArgs& a) {
  check_nargs(a, "popleft", 1, 1);
  DequeObject* d = dq(a[0]);
  if (d->items.empty()) raise_index_error("pop from an empty deque");
  Value v = d->items.front();
  d->items.pop_front();
  ++d->state;
  return v;
}
static Value dq_clear(const CallArgs& a) { dq(a[0])->items.clear(); ++dq(a[0])->state; return Value::none(); }
static Value dq_rotate(const CallArgs& a) {
  check_nargs(a, "rotate", 1, 2);
  DequeObject* d = dq(a[0]);
  std::int64_t n = a.npos > 1 ? to_i64(a[1]) : 1;
  std::int64_t size = static_cast<std::int64_t>(d->items.size());
  if (size <= 1) return Value::none();
  n %= size;
  if (n < 0) n += size;
  std::rotate(d->items.begin(), d->items.begin() + (size - n), d->items.end());
  ++d->state;
  return Value::none();
}
static Value dq_count(const CallArgs& a) {
  check_nargs(a, "count", 2, 2);
  std::int64_t n = 0;
  for (const Value& v : dq(a[0])->items) n += eq_bool(v, a[1]);
  return Value::from_int(n);
}
static Value dq_remove(const CallArgs& a) {
  check_nargs(a, "remove", 2, 2);
  DequeObject* d = dq(a[0]);
  for (auto it = d->items.begin(); it != d->items.end(); ++it)
    if (eq_bool(*it, a[1])) {
      d->items.erase(it);
      ++d->state;
      return Value::none();
    }
  raise_value_error(repr_std(a[1]) + " is not in deque");
}
static Value dq_index(const CallArgs& a) {
  check_nargs(a, "index", 2, 2);
  DequeObject* d = dq(a[0]);
  for (std::size_t i = 0; i < d->items.size(); ++i)
    if (eq_bool(d->items[i], a[1])) return Value::from_int(static_cast<std::int64_t>(i));
  raise_value_error(repr_std(a[1]) + " is not in deque");
}
static Value dq_copy(const CallArgs& a) {
  auto* d = new DequeObject();
  d->items = dq(a[0])->items;
  d->maxlen = dq(a[0])->maxlen;
  return Value(d);
}
static Value dq_maxlen(const CallArgs& a) {
  std::int64_t m = dq(a[0])->maxlen;
  return m < 0 ? Value::none() : Value::from_int(m);
}

static Value deque_repr(const Value& self) {
  DequeObject* d = dq(self);
  if (!repr_enter(d)) return str_lit("[...]", 5);
  std::string s;
  try {
    s = seq_repr(std::vector<Value>(d->items.begin(), d->items.end()), '[', ']', false);
  } catch (...) {
    repr_leave(d);
    throw;
  }
  repr_leave(d);
  s = "deque(" + s;
  if (d->maxlen >= 0) s += ", maxlen=" + std::to_string(d->maxlen);
  return make_str(s + ")");
}
static std::int64_t deque_len(const Value& self) { return static_cast<std::int64_t>(dq(self)->items.size()); }
static bool deque_truthy(const Value& self) { return !dq(self)->items.empty(); }
static bool deque_contains(const Value& self, const Value& x) {
  for (const Value& v : dq(self)->items)
    if (eq_bool(v, x)) return true;
  return false;
}
static Value deque_getitem(const Value& self, const Value& key) {
  DequeObject* d = dq(self);
  if (!is_int_like(key)) raise_type_error("sequence index must be integer, not '" + type_of(key)->name + "'");
  std::int64_t i = to_i64(key), n = static_cast<std::int64_t>(d->items.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n) raise_index_error("deque index out of range");
  return d->items[static_cast<std::size_t>(i)];
}
static void deque_setitem(const Value& self, const Value& key, const Value& v) {
  DequeObject* d = dq(self);
  if (!is_int_like(key)) raise_type_error("sequence index must be integer, not '" + type_of(key)->name + "'");
  std::int64_t i = to_i64(key), n = static_cast<std::int64_t>(d->items.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n) raise_index_error("deque index out of range");
  if (v.is_bound()) d->items[static_cast<std::size_t>(i)] = v;
  else d->items.erase(d->items.begin() + i);
  ++d->state;
}
static Value deque_compare(const Value& a, const Value& b, CompareOp op) {
  if (type_of(a) != deque_type || type_of(b) != deque_type) return Value();
  return seq_compare(std::vector<Value>(dq(a)->items.begin(), dq(a)->items.end()),
                     std::vector<Value>(dq(b)->items.begin(), dq(b)->items.end()), op);
}

struct DequeIter : Object {
  Value deque;
  std::size_t index = 0;
  std::uint64_t state;
  DequeIter(Value d) : Object(object_type), deque(std::move(d)), state(dq(deque)->state) {}
};
static bool deque_iter_next(const Value& self, Value& out) {
  auto* it = static_cast<DequeIter*>(self.object());
  DequeObject* d = dq(it->deque);
  if (d->state != it->state) raise_error(exc::RuntimeError, "deque mutated during iteration");
  if (it->index >= d->items.size()) return false;
  out = d->items[it->index++];
  return true;
}
static Value deque_iter(const Value& self) { return make_native_iterator(new DequeIter(self), &deque_iter_next); }

static void init_deque() {
  TypeObject* t = deque_type = make_builtin_type("deque", object_type, "collections");
  t->new_ = &deque_new;
  t->repr = &deque_repr;
  t->len = &deque_len;
  t->truthy = &deque_truthy;
  t->contains = &deque_contains;
  t->getitem = &deque_getitem;
  t->setitem = &deque_setitem;
  t->compare = &deque_compare;
  t->iter = &deque_iter;
  t->hash = nullptr;
  add_method(t, "append", &dq_append);
  add_method(t, "appendleft", &dq_appendleft);
  add_method(t, "extend", &dq_extend);
  add_method(t, "extendleft", &dq_extendleft);
  add_method(t, "pop", &dq_pop);
  add_method(t, "popleft", &dq_popleft);
  add_method(t, "clear", &dq_clear);
  add_method(t, "rotate", &dq_rotate);
  add_method(t, "count", &dq_count);
  add_method(t, "remove", &dq_remove);
  add_method(t, "index", &dq_index);
  add_method(t, "copy", &dq_copy);
  add_getset(t, "maxlen", &dq_maxlen);
}

// ---- defaultdict -----------------------------------------------------------------------
struct DefaultDictObject : DictObject {
  Value factory;  // None or a callable
  DefaultDictObject() { type = defaultdict_type; }
  void traverse(GcVisitFn visit, void* arg) override {
    DictObject::traverse(visit, arg);
    gc_visit(factory, visit, arg);
  }
  void clear() override {
    DictObject::clear();
    Value gone = std::move(factory);
  }
};

static Value defaultdict_new(TypeObject*, const CallArgs& a) {
  auto* d = new DefaultDictObject();
  Value r(d);
  d->factory = Value::none();
  std::size_t first = 0;
  if (a.npos > 0) {
    if (!a[0].is_none() && !callable(a[0])) raise_type_error("first argument must be callable or None");
    d->factory = a[0];
    first = 1;
  }
  if (a.npos > first + 1) raise_type_error("dict expected at most 1 argument, got " + std::to_string(a.npos - first));
  if (a.npos > first) dict_update(r, a[first]);
  for (std::size_t i = 0; i < a.nkw; ++i) dict_setitem(r, a.kw[i].first, a.kw[i].second);
  return r;
}
static Value dd_missing(const CallArgs& a) {
  check_nargs(a, "__missing__", 2, 2);
  auto* d = static_cast<DefaultDictObject*>(a[0].object());
  if (d->factory.is_none()) raise_key_error(a[1]);
  Value v = call(d->factory, {});
  dict_setitem(a[0], a[1], v);
  return v;
}
static Value dd_factory(const CallArgs& a) { return static_cast<DefaultDictObject*>(a[0].object())->factory; }
static Value plain_dict_repr(const Value& self) {
  Value copy = make_dict();
  dict_update(copy, self);
  return repr(copy);
}
static Value defaultdict_repr(const Value& self) {
  auto* d = static_cast<DefaultDictObject*>(self.object());
  return make_str("defaultdict(" + repr_std(d->factory) + ", " + str_data(plain_dict_repr(self)) + ")");
}

// ---- OrderedDict -----------------------------------------------------------------------
static Value ordereddict_new(TypeObject*, const CallArgs& a) {
  check_nargs(a, "OrderedDict", 0, 1);
  auto* d = new DictObject();
  d->type = ordereddict_type;
  Value r(d);
  if (a.npos) dict_update(r, a[0]);
  for (std::size_t i = 0; i < a.nkw; ++i) dict_setitem(r, a.kw[i].first, a.kw[i].second);
  return r;
}
static std::vector<std::pair<Value, Value>> live_items(const Value& d) {
  std::vector<std::pair<Value, Value>> out;
  for (auto& e : dict_table(d).entries())
    if (e.key.is_bound()) out.emplace_back(e.key, e.value);
  return out;
}
static Value ordereddict_repr(const Value& self) {
  auto items = live_items(self);
  if (items.empty()) return make_str(type_of(self)->name + "()");
  std::string s = type_of(self)->name + "([";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) s += ", ";
    s += "(" + repr_std(items[i].first) + ", " + repr_std(items[i].second) + ")";
  }
  return make_str(s + "])");
}
static Value od_move_to_end(const CallArgs& a) {
  Value p[3];
  parse_args(a, "move_to_end", {"self", "key", "last"}, 2, p);
  bool last = !p[2].is_bound() || truthy(p[2]);
  Value v = dict_get(p[0], p[1]);
  if (!v.is_bound()) raise_key_error(p[1]);
  if (last) {
    dict_del(p[0], p[1]);
    dict_setitem(p[0], p[1], v);
    return Value::none();
  }
  auto items = live_items(p[0]);
  dict_table(p[0]).clear();
  dict_setitem(p[0], p[1], v);
  for (auto& kv : items)
    if (!eq_bool(kv.first, p[1])) dict_setitem(p[0], kv.first, kv.second);
  return Value::none();
}
static Value od_popitem(const CallArgs& a) {
  Value p[2];
  parse_args(a, "popitem", {"self", "last"}, 1, p);
  bool last = !p[1].is_bound() || truthy(p[1]);
  auto items = live_items(p[0]);
  if (items.empty()) raise_key_error(make_str("dictionary is empty"));
  auto& kv = last ? items.back() : items.front();
  dict_del(p[0], kv.first);
  return make_tuple({kv.first, kv.second});
}

// ---- Counter ---------------------------------------------------------------------------
static void counter_update_impl(const Value& self, const Value& src, bool subtract) {
  if (is_dict_like(src)) {
    for (auto& kv : live_items(src)) {
      Value cur = dict_get(self, kv.first);
      if (!cur.is_bound()) cur = Value::from_int(0);
      dict_setitem(self, kv.first, subtract ? sub(cur, kv.second) : add(cur, kv.second));
    }
    return;
  }
  Value it = iter(src);
  Value x;
  while (next(it, x)) {
    Value cur = dict_get(self, x);
    if (!cur.is_bound()) cur = Value::from_int(0);
    dict_setitem(self, x, subtract ? sub(cur, Value::from_int(1)) : add(cur, Value::from_int(1)));
  }
}
static void counter_apply(const CallArgs& a, std::size_t first, bool subtract) {
  if (a.npos > first + 1) raise_type_error("expected at most 1 argument, got " + std::to_string(a.npos - first));
  if (a.npos > first) counter_update_impl(a[0], a[first], subtract);
  if (a.nkw) {
    Value kw = make_dict();
    for (std::size_t i = 0; i < a.nkw; ++i) dict_setitem(kw, a.kw[i].first, a.kw[i].second);
    counter_update_impl(a[0], kw, subtract);
  }
}
static Value make_counter() {
  auto* d = new DictObject();
  d->type = counter_type;
  return Value(d);
}
static Value counter_new(TypeObject*, const CallArgs& a) {
  Value r = make_counter();
  std::vector<Value> pos{r};
  pos.insert(pos.end(), a.pos, a.pos + a.npos);
  counter_apply(CallArgs{pos.data(), pos.size(), a.kw, a.nkw}, 1, false);
  return r;
}
static Value ct_update(const CallArgs& a) { counter_apply(a, 1, false); return Value::none(); }
static Value ct_subtract(const CallArgs& a) { counter_apply(a, 1, true); return Value::none(); }
static Value ct_missing(const CallArgs&) { return Value::from_int(0); }

static std::vector<std::pair<Value, Value>> sorted_counts(const Value& self) {
  auto items = live_items(self);
  std::stable_sort(items.begin(), items.end(),
                   [](const auto& x, const auto& y) { return lt_bool(y.second, x.second); });
  return items;
}
static Value ct_most_common(const CallArgs& a) {
  check_nargs(a, "most_common", 1, 2);
  auto items = sorted_counts(a[0]);
  std::size_t n = items.size();
  if (a.npos > 1 && !a[1].is_none()) n = static_cast<std::size_t>(std::clamp<std::int64_t>(to_i64(a[1]), 0, static_cast<std::int64_t>(n)));
  std::vector<Value> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(make_tuple({items[i].first, items[i].second}));
  return make_list(std::move(out));
}
static Value ct_elements(const CallArgs& a) {
  std::vector<Value> out;
  for (auto& kv : live_items(a[0]))
    for (std::int64_t i = 0, n = to_i64(kv.second); i < n; ++i) out.push_back(kv.first);
  return iter(make_list(std::move(out)));
}
static Value ct_total(const CallArgs& a) {
  Value t = Value::from_int(0);
  for (auto& kv : live_items(a[0])) t = add(t, kv.second);
  return t;
}
static Value counter_repr(const Value& self) {
  auto items = sorted_counts(self);
  if (items.empty()) return make_str(type_of(self)->name + "()");
  std::string s = type_of(self)->name + "({";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) s += ", ";
    s += repr_std(items[i].first) + ": " + repr_std(items[i].second);
  }
  return make_str(s + "})");
}
static Value counter_binary(const Value& a, const Value& b, BinaryOp op) {
  if (type_of(a) != counter_type || type_of(b) != counter_type) return Value();
  if (op != BinaryOp::Add && op != BinaryOp::Sub && op != BinaryOp::Or && op != BinaryOp::And) return Value();
  Value r = make_counter();
  Value zero = Value::from_int(0);
  auto get = [&](const Value& d, const Value& k) {
    Value v = dict_get(d, k);
    return v.is_bound() ? v : zero;
  };
  std::vector<Value> keys;
  for (auto& kv : live_items(a)) keys.push_back(kv.first);
  for (auto& kv : live_items(b))
    if (!dict_get(a, kv.first).is_bound()) keys.push_back(kv.first);
  for (const Value& k : keys) {
    Value x = get(a, k), y = get(b, k), v;
    switch (op) {
      case BinaryOp::Add: v = add(x, y); break;
      case BinaryOp::Sub: v = sub(x, y); break;
      case BinaryOp::Or: v = lt_bool(x, y) ? y : x; break;
      default: v = lt_bool(x, y) ? x : y; break;
    }
    if (lt_bool(zero, v)) dict_setitem(r, k, v);
  }
  return r;
}

static TypeObject* make_dict_type(const char* name) {
  TypeObject* t = make_builtin_type(name, dict_type, "collections");
  return t;
}

// ---- namedtuple ------------------------------------------------------------------------
static std::vector<Value> fields_of(TypeObject* t) { return tuple_items(t->lookup(std::string_view("_fields"))); }

static Value nt_new(TypeObject* t, const CallArgs& a) {
  std::vector<Value> fields = fields_of(t);
  Value defaults = t->lookup(std::string_view("_field_defaults"));
  std::vector<Value> vals(fields.size());
  if (a.npos > fields.size())
    raise_type_error(t->name + ".__new__() takes " + std::to_string(fields.size() + 1) +
                     " positional arguments but " + std::to_string(a.npos + 1) + " were given");
  for (std::size_t i = 0; i < a.npos; ++i) vals[i] = a[i];
  for (std::size_t k = 0; k < a.nkw; ++k) {
    std::size_t i = 0;
    while (i < fields.size() && !str_equal(fields[i], a.kw[k].first)) ++i;
    if (i == fields.size())
      raise_type_error(t->name + ".__new__() got an unexpected keyword argument '" + str_data(a.kw[k].first) + "'");
    if (vals[i].is_bound())
      raise_type_error(t->name + ".__new__() got multiple values for argument '" + str_data(a.kw[k].first) + "'");
    vals[i] = a.kw[k].second;
  }
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (vals[i].is_bound()) continue;
    Value d = defaults.is_bound() ? dict_get(defaults, fields[i]) : Value();
    if (d.is_bound()) vals[i] = d;
    else missing.push_back("'" + str_data(fields[i]) + "'");
  }
  if (!missing.empty()) {
    std::string names;
    for (std::size_t i = 0; i < missing.size(); ++i) {
      if (i) names += missing.size() == 2 ? " and " : (i + 1 == missing.size() ? ", and " : ", ");
      names += missing[i];
    }
    raise_type_error(t->name + ".__new__() missing " + std::to_string(missing.size()) + " required positional argument" +
                     (missing.size() == 1 ? "" : "s") + ": " + names);
  }
  Value r = make_tuple(std::move(vals));
  r.object()->type = t;
  return r;
}
static Value nt_repr(const Value& self) {
  TypeObject* t = type_of(self);
  std::vector<Value> fields = fields_of(t);
  const auto& items = tuple_items(self);
  std::string s = t->name + "(";
  for (std::size_t i = 0; i < items.size() && i < fields.size(); ++i) {
    if (i) s += ", ";
    s += str_data(fields[i]) + "=" + repr_std(items[i]);
  }
  return make_str(s + ")");
}
static Value nt_getattr(const Value& self, const Value& name) {
  if (is_str(name)) {
    std::vector<Value> fields = fields_of(type_of(self));
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (str_equal(fields[i], name)) return tuple_items(self)[i];
  }
  return generic_getattr(self, name);
}
static void nt_setattr(const Value& self, const Value& name, const Value&) {
  raise_error(exc::AttributeError, "can't set attribute '" + str_data(name) + "' of " + type_of(self)->name);
}
static Value nt_asdict(const CallArgs& a) {
  std::vector<Value> fields = fields_of(type_of(a[0]));
  Value d = make_dict();
  for (std::size_t i = 0; i < fields.size(); ++i) dict_setitem(d, fields[i], tuple_items(a[0])[i]);
  return d;
}
static Value nt_replace(const CallArgs& a) {
  check_nargs(a, "_replace", 1, 1);
  TypeObject* t = type_of(a[0]);
  std::vector<Value> fields = fields_of(t);
  std::vector<Value> vals = tuple_items(a[0]);
  std::vector<std::string> bad;
  for (std::size_t k = 0; k < a.nkw; ++k) {
    std::size_t i = 0;
    while (i < fields.size() && !str_equal(fields[i], a.kw[k].first)) ++i;
    if (i == fields.size()) bad.push_back(repr_std(a.kw[k].first));
    else vals[i] = a.kw[k].second;
  }
  if (!bad.empty()) {
    std::string s;
    for (std::size_t i = 0; i < bad.size(); ++i) s += (i ? ", " : "") + bad[i];
    raise_value_error("Got unexpected field names: [" + s + "]");
  }
  Value r = make_tuple(std::move(vals));
  r.object()->type = t;
  return r;
}
static Value nt_make(const CallArgs& a) {
  check_nargs(a, "_make", 2, 2);
  auto* t = static_cast<TypeObject*>(a[0].object());
  std::vector<Value> vals = to_vector(a[1]);
  if (vals.size() != fields_of(t).size())
    raise_type_error("Expected " + std::to_string(fields_of(t).size()) + " arguments, got " + std::to_string(vals.size()));
  Value r = make_tuple(std::move(vals));
  r.object()->type = t;
  return r;
}

static bool valid_identifier(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && !(c & 0x80)) return false;
  return true;
}

static Value c_namedtuple(const CallArgs& a) {
  Value p[5];
  parse_args(a, "namedtuple", {"typename", "field_names", "rename", "defaults", "module"}, 2, p, 2);
  std::vector<Value> fields;
  if (is_str_like(p[1])) {
    std::string names = str_data(p[1]);
    std::replace(names.begin(), names.end(), ',', ' ');
    std::size_t i = 0;
    while (i < names.size()) {
      while (i < names.size() && std::isspace(static_cast<unsigned char>(names[i]))) ++i;
      std::size_t j = i;
      while (j < names.size() && !std::isspace(static_cast<unsigned char>(names[j]))) ++j;
      if (j > i) fields.push_back(make_str(names.substr(i, j - i)));
      i = j;
    }
  } else {
    for (const Value& v : to_vector(p[1])) fields.push_back(str(v));
  }
  std::string tname = str_data(p[0]);
  if (!valid_identifier(tname)) raise_value_error("Type names and field names must be valid identifiers: " + str_repr(tname));
  bool rename = p[2].is_bound() && truthy(p[2]);
  std::vector<std::string> seen;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    std::string f = str_data(fields[i]);
    bool bad = !valid_identifier(f) || f[0] == '_' || std::find(seen.begin(), seen.end(), f) != seen.end();
    if (bad && rename) {
      fields[i] = make_str("_" + std::to_string(i));
      f = str_data(fields[i]);
    } else if (!valid_identifier(f)) {
      raise_value_error("Type names and field names must be valid identifiers: " + str_repr(f));
    } else if (f[0] == '_') {
      raise_value_error("Field names cannot start with an underscore: " + str_repr(f));
    } else if (bad) {
      raise_value_error("Encountered duplicate field name: " + str_repr(f));
    }
    seen.push_back(f);
  }
  TypeObject* t = make_builtin_type(tname.c_str(), tuple_type, "__main__");  // copies the name
  t->new_ = &nt_new;
  t->repr = &nt_repr;
  t->getattr = &nt_getattr;
  t->setattr = &nt_setattr;
  add_method(t, "_asdict", &nt_asdict);
  add_method(t, "_replace", &nt_replace);
  add_class_method(t, "_make", &nt_make);
  Value fd = make_dict();
  if (p[3].is_bound() && !p[3].is_none()) {
    std::vector<Value> defs = to_vector(p[3]);
    if (defs.size() > fields.size()) raise_type_error("Got more default values than field names");
    std::size_t off = fields.size() - defs.size();
    for (std::size_t i = 0; i < defs.size(); ++i) dict_setitem(fd, fields[off + i], defs[i]);
  }
  set_type_attr(t, "_fields", make_tuple(fields));
  set_type_attr(t, "_field_defaults", fd);
  if (p[4].is_bound() && !p[4].is_none()) t->module = str_data(p[4]);
  return Value::borrowed(t);
}

// ---- module ----------------------------------------------------------------------------
static void init_types() {
  if (deque_type) return;
  init_deque();
  defaultdict_type = make_dict_type("defaultdict");
  defaultdict_type->new_ = &defaultdict_new;
  defaultdict_type->repr = &defaultdict_repr;
  add_method(defaultdict_type, "__missing__", &dd_missing);
  add_getset(defaultdict_type, "default_factory", &dd_factory);
  ordereddict_type = make_dict_type("OrderedDict");
  ordereddict_type->new_ = &ordereddict_new;
  ordereddict_type->repr = &ordereddict_repr;
  add_method(ordereddict_type, "move_to_end", &od_move_to_end);
  add_method(ordereddict_type, "popitem", &od_popitem);
  counter_type = make_dict_type("Counter");
  counter_type->new_ = &counter_new;
  counter_type->repr = &counter_repr;
  counter_type->binary = &counter_binary;
  add_method(counter_type, "__missing__", &ct_missing);
  add_method(counter_type, "update", &ct_update);
  add_method(counter_type, "subtract", &ct_subtract);
  add_method(counter_type, "most_common", &ct_most_common);
  add_method(counter_type, "elements", &ct_elements);
  add_method(counter_type, "total", &ct_total);
}

Value create_collections() {
  init_types();
  Value m = make_module("collections");
  module_add(m, "deque", Value::borrowed(deque_type));
  module_add(m, "defaultdict", Value::borrowed(defaultdict_type));
  module_add(m, "OrderedDict", Value::borrowed(ordereddict_type));
  module_add(m, "Counter", Value::borrowed(counter_type));
  module_add_function(m, "namedtuple", &c_namedtuple);
  return m;
}

}  // namespace aio
