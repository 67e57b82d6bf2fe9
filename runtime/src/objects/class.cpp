// User classes: make_class (C3 MRO, solid base, namespace), the dispatcher slots that
// route operators and builtins to dunder methods, instance allocation, `type` itself
// (call, repr, attributes) and object's default behaviour.
#include "aio/class.hpp"
#include "aio/int.hpp"

#include <cstdio>

#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/function.hpp"
#include "aio/list.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {

InstanceObject::InstanceObject(TypeObject* t) : GcObject(t) {}

void init_type_fields(TypeObject* t, const char* name, TypeObject* base, const char* module);

static TypeObject* as_type(const Value& v) { return static_cast<TypeObject*>(v.object()); }
static bool is_type(const Value& v) { return v.is_object() && v.object()->type->is_subtype_of(type_type); }

// Finds `name` (a string literal) in the heap (Python-defined) part of the MRO only.
static Value heap_lookup(TypeObject* t, const char* name) { return t->heap_lookup(str_static(name)); }

// Calls a dunder found on the type with self bound.
static Value call_dunder(const Value& f, const Value& self, std::initializer_list<Value> rest) {
  std::vector<Value> args;
  args.reserve(rest.size() + 1);
  args.push_back(self);
  args.insert(args.end(), rest.begin(), rest.end());
  TypeObject* ft = type_of(f);
  if (ft == function_type || ft == builtin_function_type) return call_vector(f, args);
  Value bound = ft->descr_get ? ft->descr_get(f, self, type_of(self)) : f;
  return call_args(bound, CallArgs{args.data() + 1, args.size() - 1, nullptr, 0});
}

#define HEAP(name) Value m = heap_lookup(type_of(self), name)
#define NATIVE(slot) (type_of(self)->native_base->slot)

static Value default_repr(const Value& self) {
  TypeObject* t = type_of(self);
  char buf[48];
  std::snprintf(buf, sizeof buf, " object at %p>", static_cast<void*>(self.object()));
  std::string mod = t->module == "builtins" ? "" : t->module + ".";
  return make_str("<" + mod + t->qualname + buf);
}

static Value u_repr(const Value& self) {
  HEAP("__repr__");
  if (m.is_bound()) {
    Value r = call_dunder(m, self, {});
    if (!is_str_like(r)) raise_type_error("__repr__ returned non-string (type " + type_of(r)->name + ")");
    return r;
  }
  return NATIVE(repr) ? NATIVE(repr)(self) : default_repr(self);
}

static Value u_str(const Value& self) {
  HEAP("__str__");
  if (m.is_bound()) {
    Value r = call_dunder(m, self, {});
    if (!is_str_like(r)) raise_type_error("__str__ returned non-string (type " + type_of(r)->name + ")");
    return r;
  }
  if (NATIVE(str)) {
    Value rep = heap_lookup(type_of(self), "__repr__");
    if (!rep.is_bound() || type_of(self)->is_exception) return NATIVE(str)(self);
  }
  return u_repr(self);
}

static std::int64_t u_hash(const Value& self) {
  HEAP("__hash__");
  if (m.is_none()) raise_type_error("unhashable type: '" + type_of(self)->name + "'");
  if (m.is_bound()) {
    Value r = call_dunder(m, self, {});
    if (!is_int_like(r)) raise_type_error("__hash__ method should return an integer");
    // CPython's slot_tp_hash: a result that fits a machine word is the hash as is (only
    // -1 becomes -2); larger ints are hashed.
    if (r.is_int() || r.is_bool()) return r.as_int() == -1 ? -2 : r.as_int();
    return hash(r);
  }
  if (NATIVE(hash)) return NATIVE(hash)(self);
  raise_type_error("unhashable type: '" + type_of(self)->name + "'");
}

static const char* cmp_names[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};

static Value u_compare(const Value& self, const Value& other, CompareOp op) {
  HEAP(cmp_names[static_cast<int>(op)]);
  if (m.is_bound()) {
    Value r = call_dunder(m, self, {other});
    if (!r.same(not_implemented())) return r;
    return Value();
  }
  if (op == CompareOp::Ne) {
    Value e = heap_lookup(type_of(self), "__eq__");
    if (e.is_bound()) {
      Value r = call_dunder(e, self, {other});
      if (r.same(not_implemented())) return Value();
      return Value(!truthy(r));
    }
  }
  if (NATIVE(compare)) return NATIVE(compare)(self, other, op);
  return Value();
}

static const char* bin_names[] = {"__add__", "__sub__", "__mul__", "__matmul__", "__truediv__", "__floordiv__",
                                  "__mod__", "__pow__", "__lshift__", "__rshift__", "__and__", "__or__", "__xor__"};
static const char* rbin_names[] = {"__radd__", "__rsub__", "__rmul__", "__rmatmul__", "__rtruediv__",
                                   "__rfloordiv__", "__rmod__", "__rpow__", "__rlshift__", "__rrshift__",
                                   "__rand__", "__ror__", "__rxor__"};

static Value u_binary(const Value& a, const Value& b, BinaryOp op) {
  int i = static_cast<int>(op);
  if (type_of(a)->is_heap) {
    Value m = heap_lookup(type_of(a), bin_names[i]);
    if (m.is_bound()) {
      Value r = call_dunder(m, a, {b});
      if (!r.same(not_implemented())) return r;
    } else if (type_of(a)->native_base->binary) {
      Value r = type_of(a)->native_base->binary(a, b, op);
      if (r.is_bound()) return r;
    }
  }
  if (type_of(b)->is_heap) {
    Value m = heap_lookup(type_of(b), rbin_names[i]);
    if (m.is_bound()) {
      Value r = call_dunder(m, b, {a});
      if (!r.same(not_implemented())) return r;
    } else if (!type_of(a)->is_heap && type_of(b)->native_base->binary) {
      Value r = type_of(b)->native_base->binary(a, b, op);
      if (r.is_bound()) return r;
    }
  }
  return Value();
}

static Value u_unary(const Value& self, UnaryOp op) {
  static const char* names[] = {"__neg__", "__pos__", "__invert__"};
  HEAP(names[static_cast<int>(op)]);
  if (m.is_bound()) return call_dunder(m, self, {});
  return NATIVE(unary) ? NATIVE(unary)(self, op) : Value();
}

static Value u_call(const Value& self, const CallArgs& args) {
  HEAP("__call__");
  if (!m.is_bound()) {
    if (NATIVE(call)) return NATIVE(call)(self, args);
    raise_type_error("'" + type_of(self)->name + "' object is not callable");
  }
  std::vector<Value> all{self};
  all.insert(all.end(), args.pos, args.pos + args.npos);
  return call_args(m, CallArgs{all.data(), all.size(), args.kw, args.nkw});
}

static void u_setattr(const Value& self, const Value& name, const Value& v) {
  HEAP(v.is_bound() ? "__setattr__" : "__delattr__");
  if (m.is_bound()) {
    if (v.is_bound()) call_dunder(m, self, {name, v});
    else call_dunder(m, self, {name});
    return;
  }
  if (NATIVE(setattr)) NATIVE(setattr)(self, name, v);
  else generic_setattr(self, name, v);
}

static Value u_getattr(const Value& self, const Value& name) {
  return NATIVE(getattr) ? NATIVE(getattr)(self, name) : generic_getattr(self, name);
}

// A class defining __getattribute__: every attribute read goes through it; an AttributeError
// from it falls back to __getattr__ (CPython's slot_tp_getattr_hook).
static Value u_getattribute(const Value& self, const Value& name) {
  HEAP("__getattribute__");
  try {
    return call_dunder(m, self, {name});
  } catch (PyException& e) {
    if (!isinstance_of(e.value(), exc::AttributeError)) throw;
    Value hook = heap_lookup(type_of(self), "__getattr__");
    if (!hook.is_bound()) throw;
    return call_dunder(hook, self, {name});
  }
}

// Instances of a class defining __get__/__set__/__delete__ are descriptors when they are
// class attributes of another class.
static Value u_descr_get(const Value& descr, const Value& obj, TypeObject* owner) {
  Value m = heap_lookup(type_of(descr), "__get__");
  if (!m.is_bound()) return descr;
  Value instance = obj.is_bound() ? obj : Value::none();
  return call_dunder(m, descr, {instance, Value::borrowed(owner)});
}
static void u_descr_set(const Value& descr, const Value& obj, const Value& v) {
  const char* name = v.is_bound() ? "__set__" : "__delete__";
  Value m = heap_lookup(type_of(descr), name);
  if (!m.is_bound()) raise_error(exc::AttributeError, name);
  if (v.is_bound()) call_dunder(m, descr, {obj, v});
  else call_dunder(m, descr, {obj});
}

bool uses_generic_getattr(const TypeObject* t) noexcept {
  GetAttrSlot g = t->getattr;
  if (g == &u_getattr) g = t->native_base->getattr;
  return g == nullptr || g == &generic_getattr;
}

Value make_native_iterator(Object* it, NextSlot next);

static Value u_iter(const Value& self) {
  HEAP("__iter__");
  if (m.is_bound()) {
    Value r = call_dunder(m, self, {});
    if (!type_of(r)->next) raise_type_error("iter() returned non-iterator of type '" + type_of(r)->name + "'");
    return r;
  }
  if (NATIVE(iter)) return NATIVE(iter)(self);
  if (heap_lookup(type_of(self), "__getitem__").is_bound()) {
    // Sequence protocol: handled by ops::iter when the iter slot is absent.
    TypeObject* t = type_of(self);
    IterSlot saved = t->iter;
    t->iter = nullptr;
    Value r;
    try {
      r = iter(self);
    } catch (...) {
      t->iter = saved;
      throw;
    }
    t->iter = saved;
    return r;
  }
  raise_type_error("'" + type_of(self)->name + "' object is not iterable");
}

static bool u_next(const Value& self, Value& out) {
  HEAP("__next__");
  if (!m.is_bound()) {
    if (NATIVE(next)) return NATIVE(next)(self, out);
    raise_type_error("'" + type_of(self)->name + "' object is not an iterator");
  }
  try {
    out = call_dunder(m, self, {});
  } catch (PyException& e) {
    if (type_of(e.value())->is_subtype_of(exc::StopIteration)) return false;
    throw;
  }
  return true;
}

static std::int64_t u_len(const Value& self) {
  HEAP("__len__");
  if (m.is_bound()) {
    Value r = call_dunder(m, self, {});
    if (!is_int_like(r)) raise_type_error("'" + type_of(r)->name + "' object cannot be interpreted as an integer");
    std::int64_t n = r.as_int();
    if (n < 0) raise_value_error("__len__() should return >= 0");
    return n;
  }
  if (NATIVE(len)) return NATIVE(len)(self);
  raise_type_error("object of type '" + type_of(self)->name + "' has no len()");
}

static Value u_getitem(const Value& self, const Value& key) {
  HEAP("__getitem__");
  if (m.is_bound()) return call_dunder(m, self, {key});
  if (NATIVE(getitem)) return NATIVE(getitem)(self, key);
  raise_type_error("'" + type_of(self)->name + "' object is not subscriptable");
}

static void u_setitem(const Value& self, const Value& key, const Value& v) {
  HEAP(v.is_bound() ? "__setitem__" : "__delitem__");
  if (m.is_bound()) {
    if (v.is_bound()) call_dunder(m, self, {key, v});
    else call_dunder(m, self, {key});
    return;
  }
  if (NATIVE(setitem)) return NATIVE(setitem)(self, key, v);
  raise_type_error("'" + type_of(self)->name + "' object does not support item " +
                   (v.is_bound() ? "assignment" : "deletion"));
}

static bool u_truthy(const Value& self) {
  HEAP("__bool__");
  if (m.is_bound()) {
    Value r = call_dunder(m, self, {});
    if (!r.is_bool()) raise_type_error("__bool__ should return bool, returned " + type_of(r)->name);
    return r.as_bool();
  }
  if (heap_lookup(type_of(self), "__len__").is_bound()) return u_len(self) != 0;
  if (NATIVE(truthy)) return NATIVE(truthy)(self);
  if (NATIVE(len)) return NATIVE(len)(self) != 0;
  return true;
}

static bool u_contains(const Value& self, const Value& item) {
  HEAP("__contains__");
  if (m.is_bound()) return truthy(call_dunder(m, self, {item}));
  if (NATIVE(contains)) return NATIVE(contains)(self, item);
  Value it = iter(self), x;
  while (next(it, x))
    if (eq_bool(x, item)) return true;
  return false;
}

Value alloc_instance(TypeObject* type) {
  TypeObject* nb = type->native_base;
  Object* o;
  if (nb->is_exception) o = new ExceptionObject(type);
  else if (nb == list_type) o = new ListObject();
  else if (nb == dict_type) o = new DictObject();
  else if (nb == object_type) o = new InstanceObject(type);
  else raise_type_error("cannot subclass builtin type '" + nb->name + "' in aioc");
  o->type = type;
  Value::incref(type);
  return Value(o);
}

static Value object_new(TypeObject* t, const CallArgs& args) {
  if ((args.npos || args.nkw) && !heap_lookup(t, "__init__").is_bound())
    raise_type_error(t->name + "() takes no arguments");
  return alloc_instance(t);
}

static Value u_new(TypeObject* t, const CallArgs& args) {
  Value m = heap_lookup(t, "__new__");
  if (m.is_bound()) {
    if (type_of(m) == staticmethod_type) m = getattr(m, str_lit("__func__", 8));
    std::vector<Value> all{Value::borrowed(t)};
    all.insert(all.end(), args.pos, args.pos + args.npos);
    return call_args(m, CallArgs{all.data(), all.size(), args.kw, args.nkw});
  }
  if (t->native_base == object_type) return object_new(t, args);
  return t->native_base->new_(t, args);
}

// ---- C3 ---------------------------------------------------------------------------------------

std::vector<TypeObject*> compute_mro(TypeObject* type) {
  std::vector<std::vector<TypeObject*>> seqs;
  for (TypeObject* b : type->bases) seqs.push_back(b->mro);
  seqs.push_back(type->bases);
  std::vector<TypeObject*> out{type};
  for (;;) {
    bool any = false;
    for (auto& s : seqs) any |= !s.empty();
    if (!any) return out;
    TypeObject* cand = nullptr;
    for (auto& s : seqs) {
      if (s.empty()) continue;
      TypeObject* c = s.front();
      bool in_tail = false;
      for (auto& s2 : seqs)
        for (std::size_t i = 1; i < s2.size(); ++i)
          if (s2[i] == c) in_tail = true;
      if (!in_tail) { cand = c; break; }
    }
    if (!cand) {
      std::string names;
      for (TypeObject* b : type->bases) names += (names.empty() ? "" : ", ") + b->name;
      raise_type_error("Cannot create a consistent method resolution\norder (MRO) for bases " + names);
    }
    out.push_back(cand);
    for (auto& s : seqs)
      if (!s.empty() && s.front() == cand) s.erase(s.begin());
  }
}

static std::vector<std::pair<TypeObject*, MetatypeHook>>& metatype_hooks() {
  static std::vector<std::pair<TypeObject*, MetatypeHook>> hooks;
  return hooks;
}

void set_metatype_hook(TypeObject* meta, MetatypeHook hook) { metatype_hooks().emplace_back(meta, hook); }

// type.__new__ turns a plain __init_subclass__ or __class_getitem__ function into a classmethod.
static void implicit_classmethods(TypeObject* t) {
  for (const char* name : {"__init_subclass__", "__class_getitem__"}) {
    Value key = make_str(name);
    Value f = dict_get(t->dict, key);
    if (f.is_bound() && type_of(f) == function_type) dict_setitem(t->dict, key, make_classmethod(f));
  }
}

// super(t, t).__init_subclass__(**kwargs), the last step of type.__new__.
static void init_subclass(TypeObject* t, const Value& kwargs) {
  Value cls = Value::borrowed(t);
  Value hook = getattr(super_(cls, cls), str_lit("__init_subclass__", 17));
  if (!kwargs.is_bound()) {
    call(hook, {});
    return;
  }
  call_ex(hook, make_tuple({}), kwargs);
}

Value make_class(const Value& name, const Value& bases_tuple, const Value& ns, const Value& qualname,
                 const Value& class_kwargs) {
  auto* t = new TypeObject(type_type);
  Value result(t);
  t->name = str_data(name);
  t->qualname = qualname.is_bound() && is_str_like(qualname) ? str_data(qualname) : t->name;
  Value mod = dict_get(ns, str_lit("__module__", 10));
  t->module = mod.is_bound() && is_str_like(mod) ? str_data(mod) : "__main__";
  std::vector<Value> bases = bases_tuple.is_bound() ? to_vector(bases_tuple) : std::vector<Value>();
  if (bases.empty()) bases.push_back(Value::borrowed(object_type));
  for (const Value& b : bases) {
    if (!is_type(b)) raise_type_error("bases must be types");
    t->bases.push_back(as_type(b));
    Value::incref(b.object());
  }
  t->base = t->bases[0];
  t->mro = compute_mro(t);
  t->is_heap = true;
  t->native_base = object_type;
  for (TypeObject* b : t->bases)
    if (b->native_base != object_type) { t->native_base = b->native_base; break; }
  t->is_exception = t->native_base->is_exception;
  t->dict = make_dict();
  dict_update(t->dict, ns);
  if (dict_get(ns, str_lit("__eq__", 6)).is_bound() && !dict_get(ns, str_lit("__hash__", 8)).is_bound())
    dict_setitem(t->dict, str_lit("__hash__", 8), Value::none());
  Value nm = dict_get(ns, str_lit("__new__", 7));
  if (nm.is_bound() && type_of(nm) == function_type) dict_setitem(t->dict, str_lit("__new__", 7), make_staticmethod(nm));
  implicit_classmethods(t);
  TypeObject* nb = t->native_base;
  t->repr = &u_repr; t->str = &u_str; t->hash = &u_hash; t->compare = &u_compare; t->binary = &u_binary;
  t->unary = &u_unary; t->getattr = &u_getattr; t->setattr = &u_setattr; t->iter = &u_iter;
  t->next = &u_next; t->len = &u_len; t->getitem = &u_getitem; t->setitem = &u_setitem;
  t->truthy = &u_truthy; t->contains = &u_contains; t->new_ = &u_new;
  t->call = (heap_lookup(t, "__call__").is_bound() || nb->call) ? &u_call : nullptr;
  t->descr_get = heap_lookup(t, "__get__").is_bound() ? &u_descr_get : nb->descr_get;
  bool data_descriptor = heap_lookup(t, "__set__").is_bound() || heap_lookup(t, "__delete__").is_bound();
  t->descr_set = data_descriptor ? &u_descr_set : nb->descr_set;
  if (heap_lookup(t, "__getattribute__").is_bound()) t->getattr = &u_getattribute;
  if (!heap_lookup(t, "__iter__").is_bound() && !heap_lookup(t, "__getitem__").is_bound() && !nb->iter) t->iter = nullptr;
  if (!heap_lookup(t, "__next__").is_bound() && !nb->next) t->next = nullptr;
  if (!heap_lookup(t, "__len__").is_bound() && !nb->len) t->len = nullptr;
  if (!heap_lookup(t, "__getitem__").is_bound() && !nb->getitem) t->getitem = nullptr;
  // __set_name__ for descriptors in the namespace (properties get their names this way).
  for (auto& e : dict_table(ns).entries()) {
    if (!e.key.is_bound() || !e.value.is_object()) continue;
    Value sn = type_of(e.value)->lookup(std::string_view("__set_name__"));
    if (sn.is_bound()) call_dunder(sn, e.value, {result, e.key});
  }
  // Enum members exist before __init_subclass__ runs (3.11 creates them in __set_name__).
  bool hooked = false;
  for (TypeObject* b : t->bases) {
    if (b->type == type_type || hooked) continue;
    for (auto& [meta, hook] : metatype_hooks())
      if (b->type == meta) {
        t->type = meta;
        hook(t, class_kwargs);
        hooked = true;
        break;
      }
  }
  init_subclass(t, class_kwargs);
  return result;
}

// ---- type -----------------------------------------------------------------------------------------

static Value type_call(const Value& self, const CallArgs& args) {
  TypeObject* t = as_type(self);
  if (t == type_type) {
    if (args.npos == 1 && !args.nkw) return Value::borrowed(type_of(args[0]));
    if (args.npos == 3) {
      Value kwargs;
      if (args.nkw) {
        kwargs = make_dict();
        for (std::size_t i = 0; i < args.nkw; ++i) dict_setitem(kwargs, args.kw[i].first, args.kw[i].second);
      }
      return make_class(args[0], args[1], args[2], args[0], kwargs);
    }
    raise_type_error("type() takes 1 or 3 arguments");
  }
  if (!t->new_) raise_type_error("cannot create '" + t->name + "' instances");
  Value obj = t->new_(t, args);
  if (t->is_heap && type_of(obj)->is_subtype_of(t)) {
    Value init = heap_lookup(type_of(obj), "__init__");
    if (init.is_bound()) {
      std::vector<Value> all{obj};
      all.insert(all.end(), args.pos, args.pos + args.npos);
      Value r = call_args(init, CallArgs{all.data(), all.size(), args.kw, args.nkw});
      if (!r.is_none()) raise_type_error("__init__() should return None, not '" + type_of(r)->name + "'");
    }
  }
  return obj;
}

static Value type_repr(const Value& self) {
  TypeObject* t = as_type(self);
  if (t->module == "builtins") return make_str("<class '" + t->name + "'>");
  return make_str("<class '" + t->module + "." + t->qualname + "'>");
}

static Value type_getattr(const Value& self, const Value& name) {
  TypeObject* t = as_type(self);
  std::string_view n = str_view(name);
  if (n.size() > 4 && n.substr(0, 2) == "__") {
    if (n == "__name__") return make_str(t->name);
    if (n == "__qualname__") return make_str(t->qualname);
    if (n == "__module__") return make_str(t->module);
    if (n == "__dict__") return t->dict;
    if (n == "__class__") return Value::borrowed(t->type);
    if (n == "__base__") return t->base ? Value::borrowed(t->base) : Value::none();
    if (n == "__bases__" || n == "__mro__") {
      std::vector<Value> items;
      for (TypeObject* b : n == "__bases__" ? t->bases : t->mro) items.push_back(Value::borrowed(b));
      return make_tuple(std::move(items));
    }
    if (n == "__doc__" && !t->lookup(name).is_bound()) return Value::none();
  }
  Value v = t->lookup(name);
  if (v.is_bound()) {
    TypeObject* vt = type_of(v);
    if (vt == function_type) return v;
    if (vt == builtin_function_type) return v;
    if (vt->descr_get) return vt->descr_get(v, Value(), t);
    return v;
  }
  // Attributes of the metatype (e.g. type.mro, EnumType.__members__).
  Value mv = t->type->lookup(name);
  if (mv.is_bound()) {
    TypeObject* vt = type_of(mv);
    if (vt->descr_get) return vt->descr_get(mv, self, t->type);
    return mv;
  }
  return Value();
}

static void type_setattr(const Value& self, const Value& name, const Value& v) {
  TypeObject* t = as_type(self);
  if (!t->is_heap) raise_type_error("cannot set '" + str_data(name) + "' attribute of immutable type '" + t->name + "'");
  if (str_view(name) == "__name__") { t->name = str_data(v); return; }
  if (str_view(name) == "__qualname__") { t->qualname = str_data(v); return; }
  if (v.is_bound()) dict_setitem(t->dict, name, v);
  else if (!dict_del(t->dict, name)) raise_attribute_error(self, name);
}

static std::int64_t identity_hash(const Value& self) {
  return static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(self.object()) >> 4);
}

static Value type_compare(const Value& a, const Value& b, CompareOp op) {
  if (op != CompareOp::Eq && op != CompareOp::Ne) return Value();
  bool e = a.same(b);
  return Value(op == CompareOp::Eq ? e : !e);
}

static Value type_binary(const Value& a, const Value& b, BinaryOp op) {
  if (op != BinaryOp::Or) return Value();
  if ((is_type(a) || a.is_none()) && (is_type(b) || b.is_none())) return make_tuple({a, b});  // X | Y in annotations
  return Value();
}

// ---- object's methods -------------------------------------------------------------------------

static Value o_init(const CallArgs&) { return Value::none(); }
static Value o_repr(const CallArgs& a) { return default_repr(a[0]); }
static Value o_str(const CallArgs& a) { return repr(a[0]); }
static Value o_hash(const CallArgs& a) { return Value::from_int(identity_hash(a[0])); }
static Value o_eq(const CallArgs& a) { return a[0].same(a[1]) ? Value(true) : not_implemented(); }
static Value o_ne(const CallArgs& a) { return a[0].same(a[1]) ? Value(false) : not_implemented(); }
static Value o_setattr(const CallArgs& a) { generic_setattr(a[0], a[1], a[2]); return Value::none(); }
static Value o_delattr(const CallArgs& a) { generic_setattr(a[0], a[1], Value()); return Value::none(); }
static Value o_getattribute(const CallArgs& a) {
  Value r = generic_getattr(a[0], a[1]);
  if (!r.is_bound()) raise_attribute_error(a[0], a[1]);
  return r;
}
static Value o_new(const CallArgs& a) {
  if (!a.npos || !is_type(a[0])) raise_type_error("object.__new__(X): X is not a type object");
  return alloc_instance(as_type(a[0]));
}
static Value o_class(const CallArgs& a) { return Value::borrowed(type_of(a[0])); }
static Value o_dict(const CallArgs& a) {
  Value* d = a[0].is_object() ? a[0].object()->instance_dict() : nullptr;
  if (!d) raise_attribute_error(a[0], str_lit("__dict__", 8));
  if (!d->is_bound()) *d = make_dict();
  d->object()->gc_flags &= ~kGcManagedDict;  // exposed: CPython materialises it too
  return *d;
}
static Value o_format(const CallArgs& a) {
  if (a.npos > 1 && is_str_like(a[1]) && !str_data(a[1]).empty())
    raise_type_error("unsupported format string passed to " + type_of(a[0])->name + ".__format__");
  return str(a[0]);
}
// object.__init_subclass__: the end of every cooperative __init_subclass__ chain.
static Value o_init_subclass(const CallArgs& a) {
  std::string cls = as_type(a[0])->name;
  if (a.nkw) raise_type_error(cls + ".__init_subclass__() takes no keyword arguments");
  if (a.npos > 1)
    raise_type_error(cls + ".__init_subclass__() takes no arguments (" + std::to_string(a.npos - 1) + " given)");
  return Value::none();
}
static Value t_mro(const CallArgs& a) {
  std::vector<Value> items;
  for (TypeObject* b : as_type(a[0])->mro) items.push_back(Value::borrowed(b));
  return make_list(std::move(items));
}

void init_type_and_object() {
  type_type->call = &type_call;
  type_type->repr = &type_repr;
  type_type->getattr = &type_getattr;
  type_type->setattr = &type_setattr;
  type_type->hash = &identity_hash;
  type_type->compare = &type_compare;
  type_type->binary = &type_binary;
  object_type->repr = &default_repr;
  object_type->hash = &identity_hash;
  object_type->new_ = &object_new;
  add_method(object_type, "__init__", &o_init);
  add_method(object_type, "__repr__", &o_repr);
  add_method(object_type, "__str__", &o_str);
  add_method(object_type, "__hash__", &o_hash);
  add_method(object_type, "__eq__", &o_eq);
  add_method(object_type, "__ne__", &o_ne);
  add_method(object_type, "__setattr__", &o_setattr);
  add_method(object_type, "__delattr__", &o_delattr);
  add_method(object_type, "__getattribute__", &o_getattribute);
  add_method(object_type, "__format__", &o_format);
  add_static_method(object_type, "__new__", &o_new);
  add_class_method(object_type, "__init_subclass__", &o_init_subclass);
  add_getset(object_type, "__class__", &o_class);
  add_getset(object_type, "__dict__", &o_dict);
  add_method(type_type, "mro", &t_mro);
}

}  // namespace aio
