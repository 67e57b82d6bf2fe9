// Descriptors: property, staticmethod, classmethod, native getset attributes, and super().
#include "aio/builtins.hpp"
#include "aio/dict.hpp"
#include "aio/call.hpp"
#include "aio/class.hpp"
#include "aio/exceptions.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"

namespace aio {

struct PropertyObject : GcObject {
  Value fget, fset, fdel, name;
  PropertyObject() : GcObject(property_type) {}
  void traverse(GcVisitFn visit, void* arg) override {
    for (const Value* v : {&fget, &fset, &fdel, &name}) gc_visit(*v, visit, arg);
  }
  void clear() override {
    for (Value* v : {&fget, &fset, &fdel, &name}) Value gone = std::move(*v);
  }
};
struct WrapperObject : GcObject {  // staticmethod / classmethod
  Value func;
  WrapperObject(TypeObject* t, Value f) : GcObject(t), func(std::move(f)) {}
  void traverse(GcVisitFn visit, void* arg) override { gc_visit(func, visit, arg); }
  void clear() override { Value gone = std::move(func); }
};
struct GetSetObject : Object {
  std::string name;
  TypeObject* owner;
  NativeFn getter, setter;
  GetSetObject(TypeObject* t, const char* n, TypeObject* o, NativeFn g, NativeFn s)
      : Object(t), name(n), owner(o), getter(g), setter(s) {}
};
struct SuperObject : Object {
  TypeObject* start;
  Value self;
  TypeObject* self_type;
  SuperObject(TypeObject* s, Value o, TypeObject* st) : Object(super_type), start(s), self(std::move(o)), self_type(st) {}
};
static TypeObject* getset_type;

Value make_property(const Value& fget, const Value& fset, const Value& fdel) {
  auto* p = new PropertyObject();
  p->fget = fget.is_none() ? Value() : fget;
  p->fset = fset.is_none() ? Value() : fset;
  p->fdel = fdel.is_none() ? Value() : fdel;
  return Value(p);
}
Value make_staticmethod(const Value& f) { return Value(new WrapperObject(staticmethod_type, f)); }
Value make_classmethod(const Value& f) { return Value(new WrapperObject(classmethod_type, f)); }

static std::string prop_name(PropertyObject* p) {
  if (p->name.is_bound()) return str_data(p->name);
  Value n = p->fget.is_bound() ? getattr_or(p->fget, str_lit("__name__", 8), Value()) : Value();
  return n.is_bound() ? str_data(n) : "?";
}

static Value property_get(const Value& descr, const Value& obj, TypeObject*) {
  auto* p = static_cast<PropertyObject*>(descr.object());
  if (!obj.is_bound() || obj.is_none()) return descr;
  if (!p->fget.is_bound())
    raise_error(exc::AttributeError, "property '" + prop_name(p) + "' of '" + type_of(obj)->name + "' object has no getter");
  return call(p->fget, {obj});
}
static void property_set(const Value& descr, const Value& obj, const Value& v) {
  auto* p = static_cast<PropertyObject*>(descr.object());
  const Value& f = v.is_bound() ? p->fset : p->fdel;
  if (!f.is_bound())
    raise_error(exc::AttributeError, "property '" + prop_name(p) + "' of '" + type_of(obj)->name + "' object has no " +
                                         (v.is_bound() ? "setter" : "deleter"));
  if (v.is_bound()) call(f, {obj, v});
  else call(f, {obj});
}
static Value property_new(TypeObject*, const CallArgs& a) {
  Value p[4];
  parse_args(a, "property", {"fget", "fset", "fdel", "doc"}, 0, p);
  return make_property(p[0].is_bound() ? p[0] : Value(), p[1], p[2]);
}
static Value copy_prop(const Value& self, int which, const Value& f) {
  auto* p = static_cast<PropertyObject*>(self.object());
  Value r = make_property(which == 0 ? f : p->fget, which == 1 ? f : p->fset, which == 2 ? f : p->fdel);
  static_cast<PropertyObject*>(r.object())->name = p->name;
  return r;
}
static Value m_getter(const CallArgs& a) { return copy_prop(a[0], 0, a[1]); }
static Value m_setter(const CallArgs& a) { return copy_prop(a[0], 1, a[1]); }
static Value m_deleter(const CallArgs& a) { return copy_prop(a[0], 2, a[1]); }
static Value m_set_name(const CallArgs& a) {
  static_cast<PropertyObject*>(a[0].object())->name = a[2];
  return Value::none();
}
static Value property_getattr(const Value& self, const Value& name) {
  auto* p = static_cast<PropertyObject*>(self.object());
  std::string_view n = str_view(name);
  if (n == "fget") return p->fget.is_bound() ? p->fget : Value::none();
  if (n == "fset") return p->fset.is_bound() ? p->fset : Value::none();
  if (n == "fdel") return p->fdel.is_bound() ? p->fdel : Value::none();
  return generic_getattr(self, name);
}

static Value static_get(const Value& descr, const Value&, TypeObject*) { return static_cast<WrapperObject*>(descr.object())->func; }
static Value class_get(const Value& descr, const Value& obj, TypeObject* owner) {
  TypeObject* t = owner ? owner : type_of(obj);
  return make_method(static_cast<WrapperObject*>(descr.object())->func, Value::borrowed(t));
}
static Value wrapper_getattr(const Value& self, const Value& name) {
  if (str_view(name) == "__func__") return static_cast<WrapperObject*>(self.object())->func;
  Value r = generic_getattr(self, name);
  if (r.is_bound()) return r;
  return getattr_or(static_cast<WrapperObject*>(self.object())->func, name, Value());
}
static Value static_call(const Value& self, const CallArgs& a) { return call_args(static_cast<WrapperObject*>(self.object())->func, a); }
static Value staticmethod_new(TypeObject*, const CallArgs& a) { check_nargs(a, "staticmethod", 1, 1); return make_staticmethod(a[0]); }
static Value classmethod_new(TypeObject*, const CallArgs& a) { check_nargs(a, "classmethod", 1, 1); return make_classmethod(a[0]); }

void add_getset(TypeObject* t, const char* name, NativeFn getter, NativeFn setter) {
  set_type_attr(t, name, Value(new GetSetObject(getset_type, name, t, getter, setter)));
}
static Value getset_get(const Value& descr, const Value& obj, TypeObject*) {
  if (!obj.is_bound() || obj.is_none()) return descr;
  Value args[1] = {obj};
  return static_cast<GetSetObject*>(descr.object())->getter(CallArgs{args, 1, nullptr, 0});
}
static void getset_set(const Value& descr, const Value& obj, const Value& v) {
  auto* g = static_cast<GetSetObject*>(descr.object());
  if (!g->setter) raise_error(exc::AttributeError, "attribute '" + g->name + "' of '" + g->owner->name + "' objects is not writable");
  Value args[2] = {obj, v};
  g->setter(CallArgs{args, 2, nullptr, 0});
}

// ---- super ----------------------------------------------------------------------------------------

Value super_(const Value& type, const Value& self) {
  if (!type.is_object() || !type.object()->type->is_subtype_of(type_type))
    raise_type_error("super() argument 1 must be a type, not " + type_of(type)->name);
  auto* start = static_cast<TypeObject*>(type.object());
  TypeObject* st;
  if (self.is_object() && self.object()->type->is_subtype_of(type_type) &&
      static_cast<TypeObject*>(self.object())->is_subtype_of(start))
    st = static_cast<TypeObject*>(self.object());
  else if (type_of(self)->is_subtype_of(start))
    st = type_of(self);
  else
    raise_type_error("super(type, obj): obj must be an instance or subtype of type");
  return Value(new SuperObject(start, self, st));
}

static Value super_getattr(const Value& self, const Value& name) {
  auto* s = static_cast<SuperObject*>(self.object());
  auto& mro = s->self_type->mro;
  std::size_t i = 0;
  while (i < mro.size() && mro[i] != s->start) ++i;
  for (++i; i < mro.size(); ++i) {
    Value v = dict_get(mro[i]->dict, name);
    if (!v.is_bound()) continue;
    TypeObject* vt = type_of(v);
    bool self_is_type = s->self_type == static_cast<TypeObject*>(s->self.object()) && !s->self.same(Value());
    if (vt->descr_get) {
      if (self_is_type && vt != classmethod_type) return vt->descr_get(v, Value(), s->self_type);
      return vt->descr_get(v, s->self, s->self_type);
    }
    return v;
  }
  if (str_view(name) == "__class__") return Value::borrowed(super_type);
  raise_error(exc::AttributeError, "'super' object has no attribute '" + str_data(name) + "'");
}

static Value super_new(TypeObject*, const CallArgs& a) {
  if (a.npos != 2) raise_type_error("super(): no arguments (aioc passes __class__ and self explicitly)");
  return super_(a[0], a[1]);
}

static Value super_repr(const Value& self) {
  auto* s = static_cast<SuperObject*>(self.object());
  return make_str("<super: <class '" + s->start->name + "'>, <" + s->self_type->name + " object>>");
}

void init_descriptor_types() {
  property_type->descr_get = &property_get;
  property_type->descr_set = &property_set;
  property_type->new_ = &property_new;
  property_type->getattr = &property_getattr;
  add_method(property_type, "getter", &m_getter);
  add_method(property_type, "setter", &m_setter);
  add_method(property_type, "deleter", &m_deleter);
  add_method(property_type, "__set_name__", &m_set_name);
  staticmethod_type->descr_get = &static_get;
  staticmethod_type->getattr = &wrapper_getattr;
  staticmethod_type->call = &static_call;
  staticmethod_type->new_ = &staticmethod_new;
  classmethod_type->descr_get = &class_get;
  classmethod_type->getattr = &wrapper_getattr;
  classmethod_type->new_ = &classmethod_new;
  getset_type = make_builtin_type("getset_descriptor", object_type);
  getset_type->descr_get = &getset_get;
  getset_type->descr_set = &getset_set;
  super_type->getattr = &super_getattr;
  super_type->new_ = &super_new;
  super_type->repr = &super_repr;
}

}  // namespace aio
