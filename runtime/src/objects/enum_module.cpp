// The `enum` module: Enum, ReprEnum, IntEnum, StrEnum, Flag, IntFlag, auto, member,
// nonmember, unique.
//
// Design: Enum's class is a native metatype (EnumType, a subtype of `type`); make_class
// gives every subclass that metatype and calls the metatype hook (class.hpp), which turns
// the class body's plain attributes into members (enum_members.cpp). The metatype provides
// lookup by value (`Color(1)`, with the _missing_ hook), by name (`Color['RED']`),
// iteration, len, `in` and `__members__`. The members' repr/str/format/hash follow the
// data type the class mixes in (enum_internal.hpp): ReprEnum subclasses keep the data
// type's str() and format(). Flag/IntFlag live in enum_flag.cpp.
// Not supported: the class keyword `boundary=` and FlagBoundary, _ignore_, _order_, a
// user-defined __new__.
#include <algorithm>

#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/class.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/format.hpp"
#include "aio/function.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/tuple.hpp"
#include "enum_internal.hpp"

namespace aio::enum_impl {

TypeObject* g_enum_meta = nullptr;
TypeObject* g_enum = nullptr;
TypeObject* g_repr_enum = nullptr;
TypeObject* g_int_enum = nullptr;
TypeObject* g_str_enum = nullptr;
TypeObject* g_flag = nullptr;
TypeObject* g_int_flag = nullptr;
TypeObject* g_flag_boundary = nullptr;
TypeObject* g_enum_check = nullptr;

Value intern_s(const char* s) { return intern(std::string_view(s)); }

DataType data_type(const TypeObject* cls) {
  if (cls->is_subtype_of(int_type)) return DataType::Int;
  if (cls->is_subtype_of(str_type)) return DataType::Str;
  return DataType::Object;
}
bool is_repr_enum(const TypeObject* cls) { return g_repr_enum && cls->is_subtype_of(g_repr_enum); }
bool is_flag(const TypeObject* cls) { return g_flag && cls->is_subtype_of(g_flag); }

bool is_member(const Value& v) {
  return v.is_object() && v.object()->type->type == g_enum_meta && v.object()->instance_dict();
}
Value member_value(const Value& m) { return dict_get(*m.object()->instance_dict(), std::string_view("_value_")); }
Value member_name(const Value& m) { return dict_get(*m.object()->instance_dict(), std::string_view("_name_")); }

Value new_member(TypeObject* cls, const Value& name, const Value& value) {
  Value member;
  if (data_type(cls) == DataType::Str) {
    auto* s = new StrSubclassObject(cls);
    member = Value(s);
    s->data = str_data(value);
    s->length = utf8_length(s->data, &s->ascii);
    s->dict = make_dict();
  } else {
    auto* inst = new InstanceObject(cls);
    member = Value(inst);
    inst->dict = make_dict();
  }
  Value* d = member.object()->instance_dict();
  dict_setitem(*d, intern_s("_value_"), value);
  dict_setitem(*d, intern_s("_name_"), name);
  return member;
}

std::vector<Value> members_of(TypeObject* cls) {
  std::vector<Value> out;
  Value names = cls->lookup(std::string_view("_member_names_"));
  if (!names.is_bound()) return out;
  Value map = cls->lookup(std::string_view("_member_map_"));
  for (const Value& n : list_items(names)) out.push_back(dict_get(map, n));
  return out;
}

// The member whose value equals v: through _value2member_map_, or by comparing with
// every member when v is unhashable.
Value find_by_value(TypeObject* cls, const Value& v) {
  Value by_value = cls->lookup(std::string_view("_value2member_map_"));
  if (!by_value.is_bound()) return Value();
  try {
    return dict_get(by_value, v);
  } catch (const PyException& e) {
    if (!type_of(e.value())->is_subtype_of(exc::TypeError)) throw;
  }
  for (const Value& m : members_of(cls))
    if (eq_bool(member_value(m), v)) return m;
  return Value();
}

// Enum.__new__'s lookup: the member with that value, else _missing_(value) (a Flag's
// default builds pseudo-members), else ValueError.
Value lookup_value(TypeObject* cls, const Value& v) {
  if (is_member(v) && type_of(v) == cls) return v;
  Value m = find_by_value(cls, v);
  if (m.is_bound()) return m;
  Value missing = cls->heap_lookup(intern_s("_missing_"));
  if (!missing.is_bound() && is_flag(cls)) return flag_lookup(cls, v);
  std::string invalid = repr_std(v) + " is not a valid " + cls->qualname;
  if (missing.is_bound()) {
    Value result = call(getattr(Value::borrowed(cls), "_missing_"), {v});
    if (isinstance_of(result, cls)) return result;
    if (!result.is_none())
      raise_type_error("error in " + cls->name + "._missing_: returned " + repr_std(result) +
                       " instead of None or a valid member");
  }
  raise_value_error(invalid);
}

namespace {

// ---- the metatype ------------------------------------------------------------------------------
Value meta_call(const Value& self, const CallArgs& a) {
  TypeObject* t = as_type(self);
  if (a.npos == 1 && a.nkw == 0) return lookup_value(t, a[0]);
  return functional_api(t, a);
}

Value meta_getitem(const Value& self, const Value& key) {
  Value map = as_type(self)->lookup(std::string_view("_member_map_"));
  Value m = map.is_bound() ? dict_get(map, key) : Value();
  if (!m.is_bound()) raise_key_error(key);
  return m;
}

Value meta_iter(const Value& self) { return iter(make_list(members_of(as_type(self)))); }
std::int64_t meta_len(const Value& self) { return static_cast<std::int64_t>(members_of(as_type(self)).size()); }
bool meta_contains(const Value& self, const Value& v) {
  if (!is_member(v))
    raise_type_error("unsupported operand type(s) for 'in': '" + type_of(v)->qualname + "' and 'EnumType'");
  return type_of(v)->is_subtype_of(as_type(self));
}
Value meta_reversed(const CallArgs& a) {
  std::vector<Value> members = members_of(as_type(a[0]));
  return iter(make_list(std::vector<Value>(members.rbegin(), members.rend())));
}
// Assigning to a member's name would leave _member_map_ and the class out of step.
void meta_setattr(const Value& self, const Value& name, const Value& v) {
  Value map = dict_get(as_type(self)->dict, std::string_view("_member_map_"));
  if (map.is_bound() && dict_get(map, name).is_bound())
    raise_error(exc::AttributeError, std::string(v.is_bound() ? "cannot reassign member " : "") +
                                         (v.is_bound() ? repr_std(name)
                                                       : repr_std(make_str(as_type(self)->name)) + " cannot delete member " +
                                                             repr_std(name) + "."));
  type_type->setattr(self, name, v);
}
Value meta_repr(const Value& self) {
  TypeObject* t = as_type(self);
  return make_str((is_flag(t) ? "<flag '" : "<enum '") + t->name + "'>");
}
Value meta_members(const CallArgs& a) {
  Value d = make_dict();
  Value map = as_type(a[0])->lookup(std::string_view("_member_map_"));
  if (map.is_bound()) dict_update(d, map);
  return d;
}

// ---- members' behaviour ------------------------------------------------------------------------
Value enum_repr(const CallArgs& a) {
  const Value& m = a[0];
  Value name = member_name(m);
  std::string cls = type_of(m)->name, value = repr_std(member_value(m));
  if (name.is_none()) return make_str("<" + cls + ": " + value + ">");
  return make_str("<" + cls + "." + str_data(name) + ": " + value + ">");
}
// str() of the data type's value for ReprEnum subclasses, else Cls.NAME.
Value enum_str(const CallArgs& a) {
  TypeObject* t = type_of(a[0]);
  if (is_repr_enum(t)) return str(member_value(a[0]));
  Value name = member_name(a[0]);
  if (name.is_none()) return make_str(t->name + "(" + repr_std(member_value(a[0])) + ")");
  return make_str(t->name + "." + str_data(name));
}
Value enum_format(const CallArgs& a) {
  check_nargs(a, "__format__", 2, 2);
  // The data type's __format__ (ReprEnum) and Enum's both use str(self), overrides
  // included, for an empty spec.
  bool data_format = is_repr_enum(type_of(a[0])) && !(is_str_like(a[1]) && str_data(a[1]).empty());
  return format(data_format ? member_value(a[0]) : str(a[0]), a[1]);
}
// Mixed-in data types hash as their values (their __hash__ comes first in the MRO).
Value enum_hash(const CallArgs& a) {
  if (data_type(type_of(a[0])) != DataType::Object) return Value::from_int(hash(member_value(a[0])));
  return Value::from_int(hash(member_name(a[0])));
}
Value enum_name(const CallArgs& a) { return member_name(a[0]); }
Value enum_value(const CallArgs& a) { return member_value(a[0]); }
[[noreturn]] void read_only(const char* attr) {
  raise_error(exc::AttributeError, std::string("<enum 'Enum'> cannot set attribute '") + attr + "'");
}
Value enum_set_name(const CallArgs&) { read_only("name"); }
Value enum_set_value(const CallArgs&) { read_only("value"); }
Value enum_index(const CallArgs& a) { return member_value(a[0]); }
Value enum_float(const CallArgs& a) { return call(Value::borrowed(float_type), {member_value(a[0])}); }
Value enum_abs(const CallArgs& a) { return call(lookup_builtin("abs"), {member_value(a[0])}); }
Value enum_round(const CallArgs& a) {
  std::vector<Value> args{member_value(a[0])};
  if (a.npos > 1) args.push_back(a[1]);
  return call_vector(lookup_builtin("round"), args);
}

// ---- default _generate_next_value_(name, start, count, last_values) ----------------------------
// Enum: the last value + 1 if it is the largest; otherwise (3.11's deprecated fallback,
// without its warning) the first value that supports + 1 after sorting, else `start`.
Value next_value_enum(const CallArgs& a) {
  check_nargs(a, "_generate_next_value_", 4, 4);
  std::vector<Value> last = list_items(a[3]);
  if (last.empty()) return a[1];
  Value one = Value::from_int(1);
  try {
    Value newest = last.back();
    std::stable_sort(last.begin(), last.end(), [](const Value& x, const Value& y) { return lt_bool(x, y); });
    if (eq_bool(newest, last.back())) return add(newest, one);
  } catch (const PyException& e) {
    if (!type_of(e.value())->is_subtype_of(exc::TypeError)) throw;
  }
  for (const Value& v : last) {
    try {
      return add(v, one);
    } catch (const PyException& e) {
      if (!type_of(e.value())->is_subtype_of(exc::TypeError)) throw;
    }
  }
  return a[1];
}
// Flag: the power of two above the largest value so far.
Value next_value_flag(const CallArgs& a) {
  check_nargs(a, "_generate_next_value_", 4, 4);
  if (to_i64(a[2]) == 0) return a[1].is_none() ? Value::from_int(1) : a[1];
  std::vector<Value>& last = list_items(a[3]);
  Value largest = last[0];
  for (const Value& v : last)
    if (lt_bool(largest, v)) largest = v;
  if (!is_int_like(largest)) raise_type_error("invalid flag value " + repr_std(largest));
  std::int64_t x = to_i64(largest);
  int bits = 0;
  for (std::uint64_t u = static_cast<std::uint64_t>(x < 0 ? -x : x); u; u >>= 1) ++bits;
  return Value::from_int(std::int64_t{1} << bits);
}
// StrEnum: the lower-cased member name.
Value next_value_str(const CallArgs& a) {
  check_nargs(a, "_generate_next_value_", 4, 4);
  return call_method(a[0], intern_s("lower"), {});
}


Value int_methods();

bool g_making_bases = false;  // set while init_types creates the base classes

void hook(TypeObject* cls, const Value& class_kwargs) {
  // EnumType.__new__'s keyword `boundary=` (Flag); other keywords go on to __init_subclass__.
  if (class_kwargs.is_bound()) {
    Value key = intern_s("boundary");
    Value boundary = dict_get(class_kwargs, key);
    if (boundary.is_bound()) {
      dict_del(class_kwargs, key);
      if (!boundary.is_none()) dict_setitem(cls->dict, intern_s("_boundary_"), boundary);
    }
  }
  if (g_making_bases) return;  // Enum, IntEnum, ... have no members
  enum_class_created(cls);
  if (is_flag(cls)) install_flag_slots(cls);
  else if (data_type(cls) == DataType::Int) install_int_slots(cls);
  // `class E(int, Enum)`: int() and indexing reach the value through __index__.
  if (data_type(cls) == DataType::Int && !cls->heap_lookup(intern_s("__index__")).is_bound()) {
    Value methods = int_methods();
    for (auto& e : dict_table(methods).entries())
      if (e.key.is_bound()) dict_setitem(cls->dict, e.key, e.value);
  }
}

// A base class of the module: `name(*bases)` with `ns` extras and the EnumType metatype.
TypeObject* base_class(const char* name, std::initializer_list<TypeObject*> bases, Value ns) {
  dict_setitem(ns, intern_s("__module__"), make_str("enum"));
  std::vector<Value> b;
  for (TypeObject* t : bases) b.push_back(Value::borrowed(t));
  Value cls = make_class(make_str(name), make_tuple(b), ns, make_str(name));
  TypeObject* t = as_type(cls);
  t->type = g_enum_meta;
  Value::incref(t);  // immortal, like the builtin types
  set_type_attr(t, "_member_map_", make_dict());
  set_type_attr(t, "_member_names_", make_list({}));
  set_type_attr(t, "_value2member_map_", make_dict());
  return t;
}

void method(Value& ns, const char* name, NativeFn fn) {
  Value f = make_native_function(name, fn);
  static_cast<NativeFunctionObject*>(f.object())->is_method = true;
  dict_setitem(ns, intern(name), f);
}

Value int_methods() {
  Value ns = make_dict();
  method(ns, "__index__", &enum_index);
  method(ns, "__int__", &enum_index);
  method(ns, "__float__", &enum_float);
  method(ns, "__abs__", &enum_abs);
  method(ns, "__round__", &enum_round);
  return ns;
}

// An immortal StrEnum of the module: `name` with members (NAME, value) pairs.
TypeObject* str_enum(const char* name, std::initializer_list<std::pair<const char*, Value>> members) {
  Value ns = make_dict();
  dict_setitem(ns, intern_s("__module__"), make_str("enum"));
  for (auto& [n, v] : members) dict_setitem(ns, intern(n), v);
  Value cls = make_class(make_str(name), make_tuple({Value::borrowed(g_str_enum)}), ns, make_str(name));
  Value::incref(cls.object());
  return as_type(cls);
}

void init_types() {
  if (g_enum_meta) return;
  g_making_bases = true;
  g_enum_meta = make_builtin_type("EnumType", type_type, "enum");
  g_enum_meta->call = &meta_call;
  g_enum_meta->getitem = &meta_getitem;
  g_enum_meta->iter = &meta_iter;
  g_enum_meta->len = &meta_len;
  g_enum_meta->contains = &meta_contains;
  g_enum_meta->repr = &meta_repr;
  g_enum_meta->setattr = &meta_setattr;
  add_method(g_enum_meta, "__reversed__", &meta_reversed);
  add_getset(g_enum_meta, "__members__", &meta_members);
  set_metatype_hook(g_enum_meta, &hook);
  init_auto_types();

  Value ns = make_dict();
  method(ns, "__repr__", &enum_repr);
  method(ns, "__str__", &enum_str);
  method(ns, "__format__", &enum_format);
  method(ns, "__hash__", &enum_hash);
  dict_setitem(ns, intern_s("_generate_next_value_"), make_native_function("_generate_next_value_", &next_value_enum));
  g_enum = base_class("Enum", {}, ns);
  add_getset(g_enum, "name", &enum_name, &enum_set_name);
  add_getset(g_enum, "value", &enum_value, &enum_set_value);
  g_repr_enum = base_class("ReprEnum", {g_enum}, make_dict());
  g_int_enum = base_class("IntEnum", {int_type, g_repr_enum}, int_methods());
  install_int_slots(g_int_enum);
  Value sns = make_dict();
  dict_setitem(sns, intern_s("_generate_next_value_"), make_native_function("_generate_next_value_", &next_value_str));
  g_str_enum = base_class("StrEnum", {str_type, g_repr_enum}, sns);
  Value fns = make_dict();
  dict_setitem(fns, intern_s("_generate_next_value_"), make_native_function("_generate_next_value_", &next_value_flag));
  g_flag = base_class("Flag", {g_enum}, fns);
  install_flag_slots(g_flag);
  g_int_flag = base_class("IntFlag", {int_type, g_repr_enum, g_flag}, int_methods());
  install_flag_slots(g_int_flag);
  g_making_bases = false;
  // FlagBoundary: the values of a flag's _boundary_; EnumCheck: verify()'s checks.
  g_flag_boundary = str_enum("FlagBoundary", {{"STRICT", make_auto()}, {"CONFORM", make_auto()},
                                              {"EJECT", make_auto()}, {"KEEP", make_auto()}});
  g_enum_check = str_enum("EnumCheck", {{"CONTINUOUS", make_str("no skipped integer values")},
                                        {"NAMED_FLAGS", make_str("multi-flag aliases may not contain unnamed flags")},
                                        {"UNIQUE", make_str("one name per value")}});
  // aioc's Flag rejects unknown bits (the STRICT of later 3.11 releases; 3.11.2 has CONFORM).
  set_type_attr(g_flag, "_boundary_", getattr(Value::borrowed(g_flag_boundary), "STRICT"));
  set_type_attr(g_int_flag, "_boundary_", getattr(Value::borrowed(g_flag_boundary), "KEEP"));
}

}  // namespace
}  // namespace aio::enum_impl

namespace aio {

Value create_enum() {
  using namespace enum_impl;
  init_types();
  Value m = make_module("enum");
  module_add(m, "Enum", Value::borrowed(g_enum));
  module_add(m, "ReprEnum", Value::borrowed(g_repr_enum));
  module_add(m, "IntEnum", Value::borrowed(g_int_enum));
  module_add(m, "StrEnum", Value::borrowed(g_str_enum));
  module_add(m, "Flag", Value::borrowed(g_flag));
  module_add(m, "IntFlag", Value::borrowed(g_int_flag));
  module_add(m, "EnumType", Value::borrowed(g_enum_meta));
  module_add(m, "EnumMeta", Value::borrowed(g_enum_meta));
  module_add(m, "FlagBoundary", Value::borrowed(g_flag_boundary));
  for (const char* n : {"STRICT", "CONFORM", "EJECT", "KEEP"}) module_add(m, n, getattr(Value::borrowed(g_flag_boundary), n));
  module_add(m, "auto", Value::borrowed(g_auto_type));
  module_add(m, "member", Value::borrowed(g_member_type));
  module_add(m, "nonmember", Value::borrowed(g_nonmember_type));
  module_add_function(m, "unique", &enum_unique);
  module_add_function(m, "verify", &enum_verify);
  module_add(m, "EnumCheck", Value::borrowed(g_enum_check));
  for (const char* n : {"CONTINUOUS", "NAMED_FLAGS", "UNIQUE"}) module_add(m, n, getattr(Value::borrowed(g_enum_check), n));
  return m;
}

}  // namespace aio
