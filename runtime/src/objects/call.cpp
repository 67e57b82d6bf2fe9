// Calling: call/call_kw/call_ex/call_method, native function and bound method objects,
// and the argument parser native functions use.
#include "aio/call.hpp"

#include <cstdio>
#include <new>

#include "aio/builtins.hpp"
#include "aio/class.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/function.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {

Value call_args(const Value& f, const CallArgs& args) {
  TypeObject* t = type_of(f);
  if (!t->call) raise_type_error("'" + t->name + "' object is not callable");
  return t->call(f, args);
}

Value call(const Value& f, std::initializer_list<Value> args) {
  return call_args(f, CallArgs{args.begin(), args.size(), nullptr, 0});
}

Value call_kw(const Value& f, std::initializer_list<Value> args, std::initializer_list<KwArg> kwargs) {
  return call_args(f, CallArgs{args.begin(), args.size(), kwargs.begin(), kwargs.size()});
}

Value call_vector(const Value& f, const std::vector<Value>& args) {
  return call_args(f, CallArgs{args.data(), args.size(), nullptr, 0});
}

Value call_ex(const Value& f, const Value& args_tuple, const Value& kwargs_dict) {
  std::vector<Value> pos = args_tuple.is_bound() ? to_vector(args_tuple) : std::vector<Value>();
  std::vector<KwArg> kw;
  if (kwargs_dict.is_bound() && !kwargs_dict.is_none()) {
    if (!is_dict_like(kwargs_dict)) raise_type_error("argument after ** must be a mapping, not " + type_of(kwargs_dict)->name);
    for (auto& e : dict_table(kwargs_dict).entries()) {
      if (!e.key.is_bound()) continue;
      if (!is_str_like(e.key)) raise_type_error("keywords must be strings");
      kw.emplace_back(e.key, e.value);
    }
  }
  return call_args(f, CallArgs{pos.data(), pos.size(), kw.data(), kw.size()});
}

// Calls fn(args') where args' is `args` with `self` prepended. Method calls are hot, so up to
// kInlineArgs arguments are copied to the stack rather than a heap vector.
template <class Fn>
static Value with_self_prepended(const Value& self, const CallArgs& args, Fn&& fn) {
  constexpr std::size_t kInlineArgs = 8;
  if (args.npos < kInlineArgs) {
    // Raw storage: only the npos + 1 Values used are constructed (and destroyed).
    alignas(Value) unsigned char storage[kInlineArgs * sizeof(Value)];
    Value* all = reinterpret_cast<Value*>(storage);
    std::size_t n = args.npos + 1;
    new (&all[0]) Value(self);
    for (std::size_t i = 0; i < args.npos; ++i) new (&all[i + 1]) Value(args.pos[i]);
    struct Destroy {
      Value* v;
      std::size_t n;
      ~Destroy() {
        for (std::size_t i = 0; i < n; ++i) v[i].~Value();
      }
    } destroy{all, n};
    return fn(CallArgs{all, n, args.kw, args.nkw});
  }
  std::vector<Value> all;
  all.reserve(args.npos + 1);
  all.push_back(self);
  all.insert(all.end(), args.pos, args.pos + args.npos);
  return fn(CallArgs{all.data(), all.size(), args.kw, args.nkw});
}

// Calls `func` (found on a type) with self prepended, binding as Python would.
static Value call_unbound_with_self(const Value& func, const Value& self, const CallArgs& args) {
  return with_self_prepended(self, args, [&](const CallArgs& a) { return call_args(func, a); });
}

static bool is_plain_method(const Value& attr) {
  if (!attr.is_object()) return false;
  TypeObject* t = attr.object()->type;
  if (t == function_type) return true;
  if (t == builtin_function_type) return static_cast<NativeFunctionObject*>(attr.object())->is_method;
  return false;
}

Value call_method_kw(const Value& obj, const Value& name, std::initializer_list<Value> args,
                     std::initializer_list<KwArg> kwargs) {
  TypeObject* t = type_of(obj);
  CallArgs a{args.begin(), args.size(), kwargs.begin(), kwargs.size()};
  if (uses_generic_getattr(t)) {
    Value attr = t->lookup(name);
    if (is_plain_method(attr)) {
      Value* d = obj.is_object() ? obj.object()->instance_dict() : nullptr;
      if (!d || !d->is_bound() || !dict_get(*d, name).is_bound()) return call_unbound_with_self(attr, obj, a);
    }
  }
  return call_args(getattr(obj, name), a);
}

Value call_method(const Value& obj, const Value& name, std::initializer_list<Value> args) {
  return call_method_kw(obj, name, args, {});
}

Value call_special(const Value& self, const char* name, std::initializer_list<Value> args) {
  TypeObject* t = type_of(self);
  Value attr = t->lookup(str_static(name));
  if (!attr.is_bound()) return Value();
  CallArgs a{args.begin(), args.size(), nullptr, 0};
  if (is_plain_method(attr)) return call_unbound_with_self(attr, self, a);
  TypeObject* at = type_of(attr);
  if (at->descr_get) attr = at->descr_get(attr, self, t);
  return call_args(attr, a);
}

bool callable(const Value& v) { return type_of(v)->call != nullptr; }

// ---- native functions ------------------------------------------------------------------------

static Value native_call(const Value& self, const CallArgs& args) {
  auto* f = static_cast<NativeFunctionObject*>(self.object());
  if (f->self.is_bound()) {
    return with_self_prepended(f->self, args, [f](const CallArgs& a) {
      return f->data_fn ? f->data_fn(f->data, a) : f->fn(a);
    });
  }
  if (f->is_method && args.npos == 0)
    raise_type_error("unbound method " + f->qualname + "() needs an argument");
  return f->data_fn ? f->data_fn(f->data, args) : f->fn(args);
}

static Value native_repr(const Value& self) {
  auto* f = static_cast<NativeFunctionObject*>(self.object());
  char buf[64];
  if (f->self.is_bound()) {
    std::snprintf(buf, sizeof buf, " object at %p>", static_cast<void*>(f->self.object()));
    return make_str("<built-in method " + f->name + " of " + type_of(f->self)->name + buf);
  }
  if (f->is_method) return make_str("<method '" + f->name + "' of '" + f->qualname.substr(0, f->qualname.rfind('.')) + "' objects>");
  return make_str("<built-in function " + f->name + ">");
}

static Value native_descr_get(const Value& descr, const Value& obj, TypeObject*) {
  auto* f = static_cast<NativeFunctionObject*>(descr.object());
  if (!f->is_method || !obj.is_bound() || f->self.is_bound()) return descr;
  auto* bound = new NativeFunctionObject();
  bound->name = f->name;
  bound->qualname = f->qualname;
  bound->fn = f->fn;
  bound->data_fn = f->data_fn;
  bound->data = f->data;
  bound->self = obj;
  return Value(bound);
}

static Value native_getattr(const Value& self, const Value& name) {
  auto* f = static_cast<NativeFunctionObject*>(self.object());
  std::string_view n = str_view(name);
  if (n == "__name__") return make_str(f->name);
  if (n == "__qualname__") return make_str(f->qualname);
  if (n == "__self__") return f->self.is_bound() ? f->self : Value::none();
  return generic_getattr(self, name);
}

// ---- bound methods ---------------------------------------------------------------------------

Value make_method(const Value& func, const Value& self) { return Value(new MethodObject(func, self)); }

static Value method_call(const Value& self, const CallArgs& args) {
  auto* m = static_cast<MethodObject*>(self.object());
  return call_unbound_with_self(m->func, m->self, args);
}

static Value method_repr(const Value& self) {
  auto* m = static_cast<MethodObject*>(self.object());
  Value qn = getattr_or(m->func, str_lit("__qualname__", 12), Value());
  std::string name = qn.is_bound() ? str_data(str(qn)) : "?";
  return make_str("<bound method " + name + " of " + str_data(repr(m->self)) + ">");
}

static Value method_getattr(const Value& self, const Value& name) {
  auto* m = static_cast<MethodObject*>(self.object());
  std::string_view n = str_view(name);
  if (n == "__self__") return m->self;
  if (n == "__func__") return m->func;
  Value r = generic_getattr(self, name);
  if (r.is_bound()) return r;
  return getattr_or(m->func, name, Value());
}

static Value method_compare(const Value& a, const Value& b, CompareOp op) {
  if (op != CompareOp::Eq && op != CompareOp::Ne) return Value();
  if (type_of(b) != method_type) return Value();
  auto *x = static_cast<MethodObject*>(a.object()), *y = static_cast<MethodObject*>(b.object());
  bool e = x->func.same(y->func) && x->self.same(y->self);
  return Value(op == CompareOp::Eq ? e : !e);
}

static std::int64_t method_hash(const Value& self) {
  auto* m = static_cast<MethodObject*>(self.object());
  return hash(m->func) ^ static_cast<std::int64_t>(reinterpret_cast<std::intptr_t>(m->self.object()));
}

// ---- argument parsing -------------------------------------------------------------------------

static std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void check_nargs(const CallArgs& a, const char* fname, std::size_t min, std::size_t max) {
  if (a.npos >= min && a.npos <= max) return;
  std::string f = fname;
  if (min == max) {
    if (min == 0) raise_type_error(f + "() takes no arguments (" + std::to_string(a.npos) + " given)");
    if (min == 1) raise_type_error(f + "() takes exactly one argument (" + std::to_string(a.npos) + " given)");
    raise_type_error(f + " expected " + plural(min, "argument") + ", got " + std::to_string(a.npos));
  }
  if (a.npos < min) raise_type_error(f + " expected at least " + plural(min, "argument") + ", got " + std::to_string(a.npos));
  raise_type_error(f + " expected at most " + plural(max, "argument") + ", got " + std::to_string(a.npos));
}

void no_kwargs(const CallArgs& a, const char* fname) {
  if (a.nkw) raise_type_error(std::string(fname) + "() takes no keyword arguments");
}

void parse_args(const CallArgs& a, const char* fname, std::initializer_list<const char*> names,
                std::size_t n_required, Value* out, std::size_t n_posonly) {
  std::size_t n = names.size();
  if (a.nkw == 0 && a.npos >= n_required && a.npos <= n) {  // the common case: positional only
    for (std::size_t i = 0; i < a.npos; ++i) out[i] = a.pos[i];
    return;
  }
  if (a.npos > n)
    raise_type_error(std::string(fname) + "() takes at most " + plural(n, "argument") + " (" +
                     std::to_string(a.npos) + " given)");
  for (std::size_t i = 0; i < a.npos; ++i) out[i] = a.pos[i];
  for (std::size_t k = 0; k < a.nkw; ++k) {
    std::string_view key = str_view(a.kw[k].first);
    std::size_t i = 0;
    for (const char* nm : names) {
      if (i >= n_posonly && key == nm) break;
      ++i;
    }
    if (i == n)
      raise_type_error(std::string(fname) + "() got an unexpected keyword argument '" + std::string(key) + "'");
    if (out[i].is_bound())
      raise_type_error("argument for " + std::string(fname) + "() given by name ('" + std::string(key) +
                       "') and position (" + std::to_string(i + 1) + ")");
    out[i] = a.kw[k].second;
  }
  std::size_t i = 0;
  for (const char* nm : names) {
    if (i < n_required && !out[i].is_bound())
      raise_type_error(std::string(fname) + "() missing required argument '" + nm + "' (pos " +
                       std::to_string(i + 1) + ")");
    ++i;
  }
}

void init_call_types() {
  builtin_function_type->call = &native_call;
  builtin_function_type->repr = &native_repr;
  builtin_function_type->descr_get = &native_descr_get;
  builtin_function_type->getattr = &native_getattr;
  method_type->call = &method_call;
  method_type->repr = &method_repr;
  method_type->getattr = &method_getattr;
  method_type->compare = &method_compare;
  method_type->hash = &method_hash;
}

}  // namespace aio
