// The `functools` module: partial, reduce, update_wrapper, wraps, lru_cache, cache,
// cmp_to_key-free subset that asyncio programs use.
//
// partial objects flatten nested partials (partial(partial(f, 1), 2) stores f and (1, 2))
// and merge keywords with the call's keywords winning, as CPython's C implementation does.
// lru_cache keeps an insertion-ordered dict from the argument key to the result: a hit
// moves the entry to the end, an overflow drops the first (least recently used) entry.
#include <algorithm>
#include <cstdio>

#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {

static TypeObject* partial_type = nullptr;
static TypeObject* lru_wrapper_type = nullptr;
static TypeObject* cache_info_type = nullptr;

// ---- partial ---------------------------------------------------------------------------
struct PartialObject : GcObject {
  Value func;
  Value args;      // tuple
  Value keywords;  // dict
  Value dict;
  PartialObject() : GcObject(partial_type) {}
  Value* instance_dict() noexcept override { return &dict; }
  void traverse(GcVisitFn visit, void* arg) override {
    for (const Value* v : {&func, &args, &keywords, &dict}) gc_visit(*v, visit, arg);
  }
  void clear() override {
    for (Value* v : {&func, &args, &keywords, &dict}) Value gone = std::move(*v);
  }
};

static Value partial_new(TypeObject* type, const CallArgs& a) {
  if (a.npos < 1) raise_type_error("type 'partial' takes at least one argument");
  if (!callable(a[0])) raise_type_error("the first argument must be callable");
  auto* p = new PartialObject();
  p->type = type;
  Value result(p);
  std::vector<Value> args;
  p->keywords = make_dict();
  Value func = a[0];
  if (type_of(func) == partial_type) {
    auto* inner = static_cast<PartialObject*>(func.object());
    args = tuple_items(inner->args);
    dict_update(p->keywords, inner->keywords);
    func = inner->func;
  }
  for (std::size_t i = 1; i < a.npos; ++i) args.push_back(a[i]);
  for (std::size_t i = 0; i < a.nkw; ++i) dict_setitem(p->keywords, a.kw[i].first, a.kw[i].second);
  p->func = func;
  p->args = make_tuple(std::move(args));
  return result;
}

static Value partial_call(const Value& self, const CallArgs& a) {
  auto* p = static_cast<PartialObject*>(self.object());
  std::vector<Value> pos = tuple_items(p->args);
  for (std::size_t i = 0; i < a.npos; ++i) pos.push_back(a[i]);
  std::vector<KwArg> kw;
  for (auto& e : dict_table(p->keywords).entries())
    if (e.key.is_bound()) kw.emplace_back(e.key, e.value);
  for (std::size_t i = 0; i < a.nkw; ++i) {
    bool replaced = false;
    for (auto& k : kw)
      if (str_equal(k.first, a.kw[i].first)) { k.second = a.kw[i].second; replaced = true; }
    if (!replaced) kw.push_back(a.kw[i]);
  }
  CallArgs ca{pos.data(), pos.size(), kw.data(), kw.size()};
  return call_args(p->func, ca);
}

static Value partial_repr(const Value& self) {
  auto* p = static_cast<PartialObject*>(self.object());
  std::string s = "functools.partial(" + repr_std(p->func);
  for (auto& v : tuple_items(p->args)) s += ", " + repr_std(v);
  for (auto& e : dict_table(p->keywords).entries())
    if (e.key.is_bound()) s += ", " + str_data(e.key) + "=" + repr_std(e.value);
  return make_str(s + ")");
}

static Value partial_getattr(const Value& self, const Value& name) {
  auto* p = static_cast<PartialObject*>(self.object());
  std::string_view n = str_view(name);
  if (n == "func") return p->func;
  if (n == "args") return p->args;
  if (n == "keywords") return p->keywords;
  if (n == "__dict__") return p->dict.is_bound() ? p->dict : (p->dict = make_dict());
  return generic_getattr(self, name);
}

// ---- reduce ----------------------------------------------------------------------------
static Value f_reduce(const CallArgs& a) {
  no_kwargs(a, "reduce");
  if (a.npos < 2 || a.npos > 3)
    raise_type_error("reduce expected at least 2 arguments, got " + std::to_string(a.npos));
  Value it = iter(a[1]);
  Value acc = a.npos == 3 ? a[2] : Value();
  Value x;
  while (next(it, x)) acc = acc.is_bound() ? call(a[0], {acc, x}) : x;
  if (!acc.is_bound()) raise_type_error("reduce() of empty iterable with no initial value");
  return acc;
}

// ---- update_wrapper / wraps ------------------------------------------------------------
static const char* const kAssigned[] = {"__module__", "__name__", "__qualname__", "__doc__"};

static Value f_update_wrapper(const CallArgs& a) {
  Value p[4];
  parse_args(a, "update_wrapper", {"wrapper", "wrapped", "assigned", "updated"}, 2, p);
  const Value& wrapper = p[0];
  const Value& wrapped = p[1];
  if (p[2].is_bound()) {
    for (const Value& n : to_vector(p[2])) {
      Value v = getattr_or(wrapped, n, Value());
      if (v.is_bound()) setattr(wrapper, n, v);
    }
  } else {
    for (const char* n : kAssigned) {
      Value v = getattr_or(wrapped, intern(n), Value());
      if (v.is_bound()) setattr(wrapper, intern(n), v);
    }
  }
  std::vector<Value> updated = p[3].is_bound() ? to_vector(p[3]) : std::vector<Value>{intern("__dict__")};
  for (const Value& n : updated) {
    Value src = getattr_or(wrapped, n, Value());
    if (!src.is_bound()) continue;
    Value dst = getattr(wrapper, n);
    call_method(dst, intern("update"), {src});
  }
  setattr(wrapper, intern("__wrapped__"), wrapped);
  return wrapper;
}

static Value g_update_wrapper;  // the module's update_wrapper function (set by create)

static Value f_wraps(const CallArgs& a) {
  Value p[3];
  parse_args(a, "wraps", {"wrapped", "assigned", "updated"}, 1, p);
  std::vector<KwArg> kw{{intern("wrapped"), p[0]}};
  if (p[1].is_bound()) kw.emplace_back(intern("assigned"), p[1]);
  if (p[2].is_bound()) kw.emplace_back(intern("updated"), p[2]);
  Value pos[1] = {g_update_wrapper};
  return partial_new(partial_type, CallArgs{pos, 1, kw.data(), kw.size()});
}

// ---- lru_cache -------------------------------------------------------------------------
struct LruWrapper : GcObject {
  Value func;
  Value cache;  // dict key -> result, least recently used first
  std::int64_t maxsize = 128;  // -1: unbounded
  bool typed = false;
  std::int64_t hits = 0, misses = 0;
  Value dict;
  LruWrapper() : GcObject(lru_wrapper_type) {}
  Value* instance_dict() noexcept override { return &dict; }
  void traverse(GcVisitFn visit, void* arg) override {
    for (const Value* v : {&func, &cache, &dict}) gc_visit(*v, visit, arg);
  }
  void clear() override {
    for (Value* v : {&func, &cache, &dict}) Value gone = std::move(*v);
  }
};

struct KwMark : Object {
  KwMark() : Object(object_type) {}
};
static Value kw_mark() {
  static Value* m = new Value(new KwMark());
  return *m;
}

static Value make_key(const LruWrapper* w, const CallArgs& a) {
  if (a.nkw == 0 && a.npos == 1 && !w->typed) {
    TypeObject* t = type_of(a[0]);
    if (t == int_type || t == str_type) return a[0];
  }
  std::vector<Value> k(a.pos, a.pos + a.npos);
  if (a.nkw) {
    k.push_back(kw_mark());
    for (std::size_t i = 0; i < a.nkw; ++i) {
      k.push_back(a.kw[i].first);
      k.push_back(a.kw[i].second);
    }
  }
  if (w->typed) {
    for (std::size_t i = 0; i < a.npos; ++i) k.push_back(Value::borrowed(type_of(a[i])));
    for (std::size_t i = 0; i < a.nkw; ++i) k.push_back(Value::borrowed(type_of(a.kw[i].second)));
  }
  return make_tuple(std::move(k));
}

static Value lru_call(const Value& self, const CallArgs& a) {
  auto* w = static_cast<LruWrapper*>(self.object());
  if (w->maxsize == 0) {
    ++w->misses;
    return call_args(w->func, a);
  }
  Value key = make_key(w, a);
  Value hit = dict_get(w->cache, key);
  if (hit.is_bound()) {
    ++w->hits;
    if (w->maxsize > 0) {
      dict_del(w->cache, key);
      dict_setitem(w->cache, key, hit);
    }
    return hit;
  }
  ++w->misses;
  Value result = call_args(w->func, a);
  dict_setitem(w->cache, key, result);
  if (w->maxsize > 0 && dict_size(w->cache) > w->maxsize) {
    HashTable& t = dict_table(w->cache);
    for (std::size_t i = 0; i < t.entries().size(); ++i)
      if (t.entries()[i].key.is_bound()) {
        Value old = t.entries()[i].key;
        dict_del(w->cache, old);
        break;
      }
  }
  return result;
}

static Value lru_descr_get(const Value& descr, const Value& obj, TypeObject*) {
  if (!obj.is_bound() || obj.is_none()) return descr;
  return make_method(descr, obj);
}

static Value lru_getattr(const Value& self, const Value& name) {
  auto* w = static_cast<LruWrapper*>(self.object());
  if (str_view(name) == "__dict__") return w->dict.is_bound() ? w->dict : (w->dict = make_dict());
  return generic_getattr(self, name);
}

static Value lru_cache_info(const CallArgs& a) {
  auto* w = static_cast<LruWrapper*>(a[0].object());
  Value r = make_tuple({Value::from_int(w->hits), Value::from_int(w->misses),
                        w->maxsize < 0 ? Value::none() : Value::from_int(w->maxsize),
                        Value::from_int(dict_size(w->cache))});
  r.object()->type = cache_info_type;
  return r;
}

static Value lru_cache_clear(const CallArgs& a) {
  auto* w = static_cast<LruWrapper*>(a[0].object());
  dict_table(w->cache).clear();
  w->hits = w->misses = 0;
  return Value::none();
}

static Value wrap_lru(const Value& func, std::int64_t maxsize, bool typed) {
  auto* w = new LruWrapper();
  Value r(w);
  w->func = func;
  w->cache = make_dict();
  w->maxsize = maxsize;
  w->typed = typed;
  Value args[2] = {r, func};
  f_update_wrapper(CallArgs{args, 2, nullptr, 0});
  return r;
}

static Value lru_decorator(const Value& data, const CallArgs& a) {
  check_nargs(a, "decorating_function", 1, 1);
  const auto& t = tuple_items(data);
  return wrap_lru(a[0], t[0].as_int(), t[1].as_bool());
}

static Value f_lru_cache(const CallArgs& a) {
  Value p[2];
  parse_args(a, "lru_cache", {"maxsize", "typed"}, 0, p);
  bool typed = p[1].is_bound() && truthy(p[1]);
  if (p[0].is_bound() && callable(p[0]) && !is_int_like(p[0])) return wrap_lru(p[0], 128, typed);
  std::int64_t maxsize = 128;
  if (p[0].is_bound()) {
    if (p[0].is_none()) maxsize = -1;
    else if (is_int_like(p[0])) maxsize = std::max<std::int64_t>(0, to_i64(p[0]));
    else raise_type_error("Expected first argument to be an integer, a callable, or None");
  }
  return make_native_function("decorating_function", &lru_decorator,
                              make_tuple({Value::from_int(maxsize), Value(typed)}));
}

static Value f_cache(const CallArgs& a) {
  check_nargs(a, "cache", 1, 1);
  return wrap_lru(a[0], -1, false);
}

static Value cache_info_repr(const Value& self) {
  const auto& t = tuple_items(self);
  return make_str("CacheInfo(hits=" + repr_std(t[0]) + ", misses=" + repr_std(t[1]) +
                  ", maxsize=" + repr_std(t[2]) + ", currsize=" + repr_std(t[3]) + ")");
}

static Value cache_info_getattr(const Value& self, const Value& name) {
  static const char* const fields[] = {"hits", "misses", "maxsize", "currsize"};
  for (int i = 0; i < 4; ++i)
    if (str_view(name) == fields[i]) return tuple_items(self)[i];
  return generic_getattr(self, name);
}

// ---- module ----------------------------------------------------------------------------
static void init_types() {
  if (partial_type) return;
  partial_type = make_builtin_type("partial", object_type, "functools");
  partial_type->new_ = &partial_new;
  partial_type->call = &partial_call;
  partial_type->repr = &partial_repr;
  partial_type->getattr = &partial_getattr;
  lru_wrapper_type = make_builtin_type("_lru_cache_wrapper", object_type, "functools");
  lru_wrapper_type->call = &lru_call;
  lru_wrapper_type->descr_get = &lru_descr_get;
  lru_wrapper_type->getattr = &lru_getattr;
  add_method(lru_wrapper_type, "cache_info", &lru_cache_info);
  add_method(lru_wrapper_type, "cache_clear", &lru_cache_clear);
  cache_info_type = make_builtin_type("CacheInfo", tuple_type, "functools");
  cache_info_type->repr = &cache_info_repr;
  cache_info_type->getattr = &cache_info_getattr;
}

Value create_functools() {
  init_types();
  Value m = make_module("functools");
  module_add(m, "partial", Value::borrowed(partial_type));
  module_add_function(m, "reduce", &f_reduce);
  module_add_function(m, "update_wrapper", &f_update_wrapper);
  g_update_wrapper = dict_get(static_cast<ModuleObject*>(m.object())->dict, std::string_view("update_wrapper"));
  module_add_function(m, "wraps", &f_wraps);
  module_add_function(m, "lru_cache", &f_lru_cache);
  module_add_function(m, "cache", &f_cache);
  module_add(m, "WRAPPER_ASSIGNMENTS",
             make_tuple({intern("__module__"), intern("__name__"), intern("__qualname__"), intern("__doc__"),
                         intern("__annotations__")}));
  module_add(m, "WRAPPER_UPDATES", make_tuple({intern("__dict__")}));
  return m;
}

}  // namespace aio
