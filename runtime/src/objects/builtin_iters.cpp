// The lazy iterator builtins: enumerate, zip, map, filter, reversed, iter(callable, sentinel).
#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"
#include "aio/dict.hpp"
#include "sequence_util.hpp"

namespace aio {

struct MultiIter : Object {
  std::vector<Value> its;
  Value func;
  Value counter;
  bool strict = false;
  MultiIter() : Object(iterator_type) {}
};

static bool enumerate_next(const Value& self, Value& out) {
  auto* m = static_cast<MultiIter*>(self.object());
  Value x;
  if (!next(m->its[0], x)) return false;
  out = make_tuple({m->counter, x});
  m->counter = add(m->counter, Value::from_int(1));
  return true;
}

Value builtin_enumerate(const CallArgs& a) {
  Value p[2];
  parse_args(a, "enumerate", {"iterable", "start"}, 1, p);
  auto* m = new MultiIter();
  Value r = make_native_iterator(m, &enumerate_next);
  m->its.push_back(iter(p[0]));
  m->counter = p[1].is_bound() ? p[1] : Value::from_int(0);
  return r;
}

static bool zip_next(const Value& self, Value& out) {
  auto* m = static_cast<MultiIter*>(self.object());
  if (m->its.empty()) return false;
  std::vector<Value> items;
  for (std::size_t i = 0; i < m->its.size(); ++i) {
    Value x;
    if (!next(m->its[i], x)) {
      if (m->strict) {
        if (i > 0) raise_value_error("zip() argument " + std::to_string(i + 1) + " is shorter than argument" + (i == 1 ? " 1" : "s 1-" + std::to_string(i)));
        for (std::size_t j = 1; j < m->its.size(); ++j)
          if (next(m->its[j], x)) raise_value_error("zip() argument " + std::to_string(j + 1) + " is longer than argument" + (j == 1 ? " 1" : "s 1-" + std::to_string(j)));
      }
      return false;
    }
    items.push_back(std::move(x));
  }
  out = make_tuple(std::move(items));
  return true;
}

Value builtin_zip(const CallArgs& a) {
  auto* m = new MultiIter();
  Value r = make_native_iterator(m, &zip_next);
  for (std::size_t k = 0; k < a.nkw; ++k) {
    if (str_view(a.kw[k].first) == "strict") m->strict = truthy(a.kw[k].second);
    else raise_type_error("zip() got an unexpected keyword argument '" + str_data(a.kw[k].first) + "'");
  }
  for (std::size_t i = 0; i < a.npos; ++i) m->its.push_back(iter(a[i]));
  return r;
}

static bool map_next(const Value& self, Value& out) {
  auto* m = static_cast<MultiIter*>(self.object());
  std::vector<Value> items;
  for (auto& it : m->its) {
    Value x;
    if (!next(it, x)) return false;
    items.push_back(std::move(x));
  }
  out = call_vector(m->func, items);
  return true;
}

Value builtin_map(const CallArgs& a) {
  no_kwargs(a, "map");
  if (a.npos < 2) raise_type_error("map() must have at least two arguments.");
  auto* m = new MultiIter();
  Value r = make_native_iterator(m, &map_next);
  m->func = a[0];
  for (std::size_t i = 1; i < a.npos; ++i) m->its.push_back(iter(a[i]));
  return r;
}

static bool filter_next(const Value& self, Value& out) {
  auto* m = static_cast<MultiIter*>(self.object());
  Value x;
  while (next(m->its[0], x)) {
    bool keep = m->func.is_none() ? truthy(x) : truthy(call(m->func, {x}));
    if (keep) { out = x; return true; }
  }
  return false;
}

Value builtin_filter(const CallArgs& a) {
  check_nargs(a, "filter", 2, 2);
  no_kwargs(a, "filter");
  auto* m = new MultiIter();
  Value r = make_native_iterator(m, &filter_next);
  m->func = a[0];
  m->its.push_back(iter(a[1]));
  return r;
}

// iter(callable, sentinel): callable() until it returns the sentinel or raises StopIteration;
// then exhausted for good (CPython's callable_iterator drops the callable).
static bool callable_next(const Value& self, Value& out) {
  auto* m = static_cast<MultiIter*>(self.object());
  if (!m->func.is_bound()) return false;
  Value v;
  try {
    v = call(m->func, {});
  } catch (const PyException& e) {
    if (!isinstance_of(e.value(), exc::StopIteration)) throw;
    m->func = Value();
    return false;
  }
  if (eq_bool(v, m->counter)) {
    m->func = Value();
    return false;
  }
  out = std::move(v);
  return true;
}

Value builtin_callable_iter(const Value& func, const Value& sentinel) {
  if (!callable(func)) raise_type_error("iter(v, w): v must be callable");
  auto* m = new MultiIter();
  Value r = make_native_iterator(m, &callable_next);
  m->func = func;
  m->counter = sentinel;  // MultiIter's spare slot holds the sentinel
  return r;
}

struct ReversedIter : Object {
  Value seq;
  std::int64_t i;
  ReversedIter(Value s, std::int64_t n) : Object(iterator_type), seq(std::move(s)), i(n) {}
};
static bool reversed_next(const Value& self, Value& out) {
  auto* r = static_cast<ReversedIter*>(self.object());
  if (r->i <= 0) return false;
  --r->i;
  if (r->i >= len(r->seq)) { r->i = 0; return false; }
  out = getitem(r->seq, Value::from_int(r->i));
  return true;
}

Value builtin_reversed(const CallArgs& a) {
  check_nargs(a, "reversed", 1, 1);
  Value special = call_special(a[0], "__reversed__", {});
  if (special.is_bound()) return special;
  TypeObject* t = type_of(a[0]);
  if (!t->len || !t->getitem || t == dict_type)
    raise_type_error("'" + t->name + "' object is not reversible");
  return make_native_iterator(new ReversedIter(a[0], len(a[0])), &reversed_next);
}

}  // namespace aio
