// The `itertools` module: count, cycle, repeat, chain (+ from_iterable), islice, product,
// permutations, combinations, accumulate, groupby, zip_longest, starmap, takewhile,
// dropwhile, filterfalse, compress, pairwise.
//
// Every iterator is a native iterator (iterators.cpp) over one `ItState` object; the
// algorithms follow CPython's itertools module step for step, so laziness (how many items
// are pulled from the source, and when) matches: islice never reads past its stop,
// groupby's groups are invalidated when the outer iterator advances.
#include <vector>

#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/float.hpp"
#include "aio/int.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"
#include "sequence_util.hpp"

namespace aio {

struct ItState : Object {
  Value it;                     // the source iterator (or the iterator of iterables)
  Value func;                   // predicate, key, function or fill value
  Value cur;                    // running value (count, accumulate, the current sub-iterator)
  Value step;                   // count's step, repeat's object
  std::vector<Value> pool;      // saved items / pools flattened
  std::vector<Value> its;       // several iterators (zip_longest)
  std::vector<std::size_t> idx;     // indices (product, permutations, combinations)
  std::vector<std::size_t> sizes;   // pool sizes (product), cycles (permutations)
  std::int64_t n = 0, r = 0, i = 0, stop = 0;
  bool first = true, done = false;
  ItState() : Object(object_type) {}
};

static ItState* st(const Value& self) { return static_cast<ItState*>(self.object()); }
static Value start(ItState* s, NextSlot next_fn) { return make_native_iterator(s, next_fn); }

// ---- count / cycle / repeat -----------------------------------------------------------
static bool count_next(const Value& self, Value& out) {
  ItState* s = st(self);
  out = s->cur;
  s->cur = add(s->cur, s->step);
  return true;
}
static Value it_count(const CallArgs& a) {
  Value p[2];
  parse_args(a, "count", {"start", "step"}, 0, p);
  auto* s = new ItState();
  s->cur = p[0].is_bound() ? p[0] : Value::from_int(0);
  s->step = p[1].is_bound() ? p[1] : Value::from_int(1);
  if (!is_number(s->cur) || !is_number(s->step)) raise_type_error("a number is required");
  return start(s, &count_next);
}

static bool cycle_next(const Value& self, Value& out) {
  ItState* s = st(self);
  if (s->first) {
    if (next(s->it, out)) {
      s->pool.push_back(out);
      return true;
    }
    s->first = false;
  }
  if (s->pool.empty()) return false;
  out = s->pool[static_cast<std::size_t>(s->i)];
  s->i = (s->i + 1) % static_cast<std::int64_t>(s->pool.size());
  return true;
}
static Value it_cycle(const CallArgs& a) {
  check_nargs(a, "cycle", 1, 1);
  auto* s = new ItState();
  Value r = start(s, &cycle_next);
  s->it = iter(a[0]);
  return r;
}

static bool repeat_next(const Value& self, Value& out) {
  ItState* s = st(self);
  if (s->n >= 0) {
    if (s->n == 0) return false;
    --s->n;
  }
  out = s->step;
  return true;
}
static Value it_repeat(const CallArgs& a) {
  Value p[2];
  parse_args(a, "repeat", {"object", "times"}, 1, p);
  auto* s = new ItState();
  s->step = p[0];
  s->n = p[1].is_bound() ? std::max<std::int64_t>(0, to_i64(p[1])) : -1;
  return start(s, &repeat_next);
}

// ---- chain -----------------------------------------------------------------------------
static bool chain_next(const Value& self, Value& out) {
  ItState* s = st(self);
  while (true) {
    if (!s->cur.is_bound()) {
      Value src;
      if (!next(s->it, src)) return false;
      s->cur = iter(src);
    }
    if (next(s->cur, out)) return true;
    s->cur = Value();
  }
}
static Value chain_new(TypeObject*, const CallArgs& a) {
  no_kwargs(a, "chain");
  auto* s = new ItState();
  Value r = start(s, &chain_next);
  s->it = iter(make_tuple(std::vector<Value>(a.pos, a.pos + a.npos)));
  return r;
}
static Value chain_from_iterable(const CallArgs& a) {
  check_nargs(a, "from_iterable", 2, 2);  // the class, then the iterable
  auto* s = new ItState();
  Value r = start(s, &chain_next);
  s->it = iter(a[1]);
  return r;
}

// ---- islice ----------------------------------------------------------------------------
static std::int64_t slice_arg(const Value& v, std::int64_t dflt, const char* msg) {
  if (!v.is_bound() || v.is_none()) return dflt;
  if (!is_int_like(v)) raise_value_error(msg);
  std::int64_t x = to_i64(v);
  if (x < 0) raise_value_error(msg);
  return x;
}
static bool islice_next(const Value& self, Value& out) {
  ItState* s = st(self);
  if (s->done) return false;
  Value item;
  while (s->i < s->n) {  // i: items consumed, n: index of the next item to return
    if (!next(s->it, item)) { s->done = true; return false; }
    ++s->i;
  }
  if (s->stop != -1 && s->i >= s->stop) { s->done = true; return false; }
  if (!next(s->it, out)) { s->done = true; return false; }
  ++s->i;
  s->n += s->r;
  if (s->stop != -1 && s->n > s->stop) s->n = s->stop;
  return true;
}
static Value it_islice(const CallArgs& a) {
  no_kwargs(a, "islice");
  if (a.npos < 2 || a.npos > 4)
    raise_type_error("islice expected at most 4 arguments, got " + std::to_string(a.npos));
  auto* s = new ItState();
  Value r = start(s, &islice_next);
  const char* stop_msg = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
  const char* idx_msg = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
  if (a.npos == 2) {
    s->n = 0;
    s->stop = slice_arg(a[1], -1, stop_msg);
    s->r = 1;
  } else {
    s->n = slice_arg(a[1], 0, idx_msg);
    s->stop = slice_arg(a[2], -1, stop_msg);
    s->r = 1;
    if (a.npos == 4 && !a[3].is_none()) {
      if (!is_int_like(a[3]) || to_i64(a[3]) < 1)
        raise_value_error("Step for islice() must be a positive integer or None.");
      s->r = to_i64(a[3]);
    }
  }
  s->it = iter(a[0]);
  return r;
}

// ---- product / permutations / combinations ----------------------------------------------
static Value pick(ItState* s, const std::vector<std::size_t>& offsets) {
  std::vector<Value> t;
  t.reserve(s->idx.size());
  for (std::size_t k = 0; k < s->idx.size(); ++k) t.push_back(s->pool[offsets[k] + s->idx[k]]);
  return make_tuple(std::move(t));
}

static bool product_next(const Value& self, Value& out) {
  ItState* s = st(self);
  if (s->done) return false;
  std::vector<std::size_t> offsets(s->sizes.size());
  for (std::size_t k = 1; k < s->sizes.size(); ++k) offsets[k] = offsets[k - 1] + s->sizes[k - 1];
  if (s->first) {
    s->first = false;
    for (std::size_t z : s->sizes)
      if (z == 0) { s->done = true; return false; }
    out = pick(s, offsets);
    return true;
  }
  std::size_t k = s->idx.size();
  while (k > 0) {
    --k;
    if (++s->idx[k] < s->sizes[k]) {
      out = pick(s, offsets);
      return true;
    }
    s->idx[k] = 0;
  }
  s->done = true;
  return false;
}
static Value it_product(const CallArgs& a) {
  std::int64_t repeat = 1;
  for (std::size_t k = 0; k < a.nkw; ++k) {
    if (str_view(a.kw[k].first) != "repeat")
      raise_type_error("product() got an unexpected keyword argument '" + str_data(a.kw[k].first) + "'");
    repeat = to_i64(a.kw[k].second);
    if (repeat < 0) raise_value_error("repeat argument cannot be negative");
  }
  auto* s = new ItState();
  Value r = start(s, &product_next);
  std::vector<std::vector<Value>> pools;
  for (std::size_t i = 0; i < a.npos; ++i) pools.push_back(to_vector(a[i]));
  for (std::int64_t k = 0; k < repeat; ++k)
    for (auto& p : pools) {
      s->sizes.push_back(p.size());
      s->pool.insert(s->pool.end(), p.begin(), p.end());
    }
  s->idx.assign(s->sizes.size(), 0);
  return r;
}

static bool combinations_next(const Value& self, Value& out) {
  ItState* s = st(self);
  if (s->done) return false;
  std::size_t n = s->pool.size(), r = s->idx.size();
  std::vector<std::size_t> zero(r, 0);
  if (s->first) {
    s->first = false;
    if (r > n) { s->done = true; return false; }
    out = pick(s, zero);
    return true;
  }
  std::size_t i = r;
  while (i > 0 && s->idx[i - 1] == i - 1 + n - r) --i;
  if (i == 0) { s->done = true; return false; }
  --i;
  ++s->idx[i];
  for (std::size_t j = i + 1; j < r; ++j) s->idx[j] = s->idx[j - 1] + 1;
  out = pick(s, zero);
  return true;
}
static Value it_combinations(const CallArgs& a) {
  Value p[2];
  parse_args(a, "combinations", {"iterable", "r"}, 2, p);
  std::int64_t r = to_i64(p[1]);
  if (r < 0) raise_value_error("r must be non-negative");
  auto* s = new ItState();
  Value res = start(s, &combinations_next);
  s->pool = to_vector(p[0]);
  for (std::int64_t k = 0; k < r; ++k) s->idx.push_back(static_cast<std::size_t>(k));
  return res;
}

// permutations keeps CPython's `indices` (all n) and `cycles` (r of them); idx holds the
// indices, sizes the cycles.
static bool permutations_next(const Value& self, Value& out) {
  ItState* s = st(self);
  if (s->done) return false;
  std::size_t n = s->pool.size(), r = static_cast<std::size_t>(s->r);
  auto emit = [&] {
    std::vector<Value> t;
    for (std::size_t k = 0; k < r; ++k) t.push_back(s->pool[s->idx[k]]);
    out = make_tuple(std::move(t));
  };
  if (s->first) {
    s->first = false;
    if (r > n) { s->done = true; return false; }
    emit();
    return true;
  }
  if (n == 0) { s->done = true; return false; }
  for (std::size_t i = r; i-- > 0;) {
    if (--s->sizes[i] == 0) {
      std::size_t moved = s->idx[i];
      for (std::size_t j = i; j + 1 < n; ++j) s->idx[j] = s->idx[j + 1];
      s->idx[n - 1] = moved;
      s->sizes[i] = n - i;
    } else {
      std::size_t j = s->sizes[i];
      std::swap(s->idx[i], s->idx[n - j]);
      emit();
      return true;
    }
  }
  s->done = true;
  return false;
}
static Value it_permutations(const CallArgs& a) {
  Value p[2];
  parse_args(a, "permutations", {"iterable", "r"}, 1, p);
  auto* s = new ItState();
  Value res = start(s, &permutations_next);
  s->pool = to_vector(p[0]);
  std::size_t n = s->pool.size();
  s->r = p[1].is_bound() && !p[1].is_none() ? to_i64(p[1]) : static_cast<std::int64_t>(n);
  if (s->r < 0) raise_value_error("r must be non-negative");
  for (std::size_t k = 0; k < n; ++k) s->idx.push_back(k);
  for (std::int64_t k = 0; k < s->r && static_cast<std::size_t>(k) <= n; ++k)
    s->sizes.push_back(n - static_cast<std::size_t>(k));
  return res;
}

// ---- accumulate / starmap / takewhile / dropwhile / filterfalse / compress -------------
static bool accumulate_next(const Value& self, Value& out) {
  ItState* s = st(self);
  if (s->first && s->cur.is_bound()) {  // `initial`
    s->first = false;
    out = s->cur;
    return true;
  }
  s->first = false;
  Value x;
  if (!next(s->it, x)) return false;
  s->cur = !s->cur.is_bound() ? x : s->func.is_bound() ? call(s->func, {s->cur, x}) : add(s->cur, x);
  out = s->cur;
  return true;
}
static Value it_accumulate(const CallArgs& a) {
  Value p[3];
  parse_args(a, "accumulate", {"iterable", "func", "initial"}, 1, p);
  auto* s = new ItState();
  Value r = start(s, &accumulate_next);
  s->it = iter(p[0]);
  if (p[1].is_bound() && !p[1].is_none()) s->func = p[1];
  if (p[2].is_bound() && !p[2].is_none()) s->cur = p[2];
  return r;
}

static bool starmap_next(const Value& self, Value& out) {
  ItState* s = st(self);
  Value args;
  if (!next(s->it, args)) return false;
  out = call_vector(s->func, to_vector(args));
  return true;
}
static Value it_starmap(const CallArgs& a) {
  check_nargs(a, "starmap", 2, 2);
  auto* s = new ItState();
  Value r = start(s, &starmap_next);
  s->func = a[0];
  s->it = iter(a[1]);
  return r;
}

static bool takewhile_next(const Value& self, Value& out) {
  ItState* s = st(self);
  if (s->done || !next(s->it, out)) return false;
  if (truthy(call(s->func, {out}))) return true;
  s->done = true;
  return false;
}
static bool dropwhile_next(const Value& self, Value& out) {
  ItState* s = st(self);
  while (next(s->it, out)) {
    if (s->done || !truthy(call(s->func, {out}))) {
      s->done = true;
      return true;
    }
  }
  return false;
}
static bool filterfalse_next(const Value& self, Value& out) {
  ItState* s = st(self);
  while (next(s->it, out))
    if (!truthy(s->func.is_none() ? out : call(s->func, {out}))) return true;
  return false;
}
static Value pred_iter(const CallArgs& a, const char* name, NextSlot fn) {
  check_nargs(a, name, 2, 2);
  auto* s = new ItState();
  Value r = start(s, fn);
  s->func = a[0];
  s->it = iter(a[1]);
  return r;
}
static Value it_takewhile(const CallArgs& a) { return pred_iter(a, "takewhile", &takewhile_next); }
static Value it_dropwhile(const CallArgs& a) { return pred_iter(a, "dropwhile", &dropwhile_next); }
static Value it_filterfalse(const CallArgs& a) { return pred_iter(a, "filterfalse", &filterfalse_next); }

static bool compress_next(const Value& self, Value& out) {
  ItState* s = st(self);
  Value sel;
  while (next(s->it, out)) {
    if (!next(s->cur, sel)) return false;
    if (truthy(sel)) return true;
  }
  return false;
}
static Value it_compress(const CallArgs& a) {
  Value p[2];
  parse_args(a, "compress", {"data", "selectors"}, 2, p);
  auto* s = new ItState();
  Value r = start(s, &compress_next);
  s->it = iter(p[0]);
  s->cur = iter(p[1]);
  return r;
}

static bool pairwise_next(const Value& self, Value& out) {
  ItState* s = st(self);
  if (!s->cur.is_bound()) {
    if (!next(s->it, s->cur)) { s->cur = Value(); return false; }
  }
  Value x;
  if (!next(s->it, x)) return false;
  out = make_tuple({s->cur, x});
  s->cur = x;
  return true;
}
static Value it_pairwise(const CallArgs& a) {
  check_nargs(a, "pairwise", 1, 1);
  auto* s = new ItState();
  Value r = start(s, &pairwise_next);
  s->it = iter(a[0]);
  return r;
}

// ---- zip_longest -----------------------------------------------------------------------
static bool zip_longest_next(const Value& self, Value& out) {
  ItState* s = st(self);
  if (s->its.empty() || s->n == 0) return false;
  std::vector<Value> items;
  for (auto& it : s->its) {
    Value x;
    if (!it.is_bound()) {
      items.push_back(s->func);
      continue;
    }
    if (next(it, x)) {
      items.push_back(x);
      continue;
    }
    it = Value();
    if (--s->n == 0) return false;
    items.push_back(s->func);
  }
  out = make_tuple(std::move(items));
  return true;
}
static Value it_zip_longest(const CallArgs& a) {
  auto* s = new ItState();
  Value r = start(s, &zip_longest_next);
  s->func = Value::none();
  for (std::size_t k = 0; k < a.nkw; ++k) {
    if (str_view(a.kw[k].first) != "fillvalue")
      raise_type_error("zip_longest() got an unexpected keyword argument '" + str_data(a.kw[k].first) + "'");
    s->func = a.kw[k].second;
  }
  for (std::size_t i = 0; i < a.npos; ++i) s->its.push_back(iter(a[i]));
  s->n = static_cast<std::int64_t>(a.npos);
  return r;
}

// ---- groupby ---------------------------------------------------------------------------
// The parent keeps tgtkey (the key of the group being skipped), currkey/currvalue (the
// item read ahead) and the identity of the live grouper; a grouper whose parent has moved
// on is exhausted.
struct GroupBy : Object {
  Value it, keyfunc, tgtkey, currkey, currvalue;
  const Object* currgrouper = nullptr;
  GroupBy() : Object(object_type) {}
};
struct Grouper : Object {
  Value parent;  // GroupBy
  Value tgtkey;
  Grouper() : Object(object_type) {}
};

static bool groupby_step(GroupBy* g) {
  Value v;
  if (!next(g->it, v)) return false;
  g->currkey = g->keyfunc.is_bound() ? call(g->keyfunc, {v}) : v;
  g->currvalue = v;
  return true;
}

static bool grouper_next(const Value& self, Value& out) {
  auto* gr = static_cast<Grouper*>(self.object());
  auto* g = static_cast<GroupBy*>(gr->parent.object());
  if (g->currgrouper != gr) return false;
  if (!g->currvalue.is_bound() && !groupby_step(g)) return false;
  if (!eq_bool(gr->tgtkey, g->currkey)) return false;
  out = g->currvalue;
  g->currvalue = Value();
  return true;
}

static bool groupby_next(const Value& self, Value& out) {
  auto* g = static_cast<GroupBy*>(self.object());
  g->currgrouper = nullptr;
  while (true) {
    if (g->currkey.is_bound()) {
      if (!g->tgtkey.is_bound()) break;
      if (!eq_bool(g->tgtkey, g->currkey)) break;
    }
    if (!groupby_step(g)) return false;
  }
  g->tgtkey = g->currkey;
  auto* gr = new Grouper();
  gr->parent = self;
  gr->tgtkey = g->tgtkey;
  g->currgrouper = gr;
  out = make_tuple({g->currkey, make_native_iterator(gr, &grouper_next)});
  return true;
}

static Value it_groupby(const CallArgs& a) {
  Value p[2];
  parse_args(a, "groupby", {"iterable", "key"}, 1, p);
  auto* g = new GroupBy();
  Value r = make_native_iterator(g, &groupby_next);
  g->it = iter(p[0]);
  if (p[1].is_bound() && !p[1].is_none()) g->keyfunc = p[1];
  return r;
}

// ---- module ----------------------------------------------------------------------------
Value create_itertools() {
  Value m = make_module("itertools");
  TypeObject* chain = make_builtin_type("chain", object_type, "itertools");
  chain->new_ = &chain_new;
  add_class_method(chain, "from_iterable", &chain_from_iterable);
  module_add(m, "chain", Value::borrowed(chain));
  module_add_function(m, "count", &it_count);
  module_add_function(m, "cycle", &it_cycle);
  module_add_function(m, "repeat", &it_repeat);
  module_add_function(m, "islice", &it_islice);
  module_add_function(m, "product", &it_product);
  module_add_function(m, "permutations", &it_permutations);
  module_add_function(m, "combinations", &it_combinations);
  module_add_function(m, "accumulate", &it_accumulate);
  module_add_function(m, "groupby", &it_groupby);
  module_add_function(m, "zip_longest", &it_zip_longest);
  module_add_function(m, "starmap", &it_starmap);
  module_add_function(m, "takewhile", &it_takewhile);
  module_add_function(m, "dropwhile", &it_dropwhile);
  module_add_function(m, "filterfalse", &it_filterfalse);
  module_add_function(m, "compress", &it_compress);
  module_add_function(m, "pairwise", &it_pairwise);
  return m;
}

}  // namespace aio
