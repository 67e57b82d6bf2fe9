// The `enum` module: Enum, IntEnum, auto, unique.
//
// Design: Enum's class is a native metatype (EnumType, a subtype of `type`); make_class
// gives every subclass that metatype and calls enum_class_created (class.hpp's metatype
// hook), which turns the plain class attributes of the body (not dunder/sunder names, not
// functions or descriptors) into member instances, in definition order. The metatype
// provides lookup by value (`Color(1)`), by name (`Color['RED']`), iteration, len, `in` and
// `__members__`. IntEnum members are instances holding their int value; arithmetic,
// comparison, hashing and indexing unwrap them (they are not int objects, so builtins that
// need a real int go through __index__). Flag/IntFlag (enum_flag part below): members are
// single bits (multi-bit names are aliases), `| & ^ ~` make pseudo-members named like
// CPython 3.11 (`R|W`, cached in _value2member_map_), `in` tests bits. The functional API
// (`Enum('Color', 'RED GREEN')`, lists, pairs, dicts) builds the class through make_class.
// Not supported: StrEnum (its members would have to be real str objects), members with
// tuple values unpacked by __init__, _missing_/_generate_next_value_ hooks, boundaries.
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
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {
namespace {

TypeObject* g_enum_meta = nullptr;
TypeObject* g_enum = nullptr;
TypeObject* g_int_enum = nullptr;
TypeObject* g_auto_type = nullptr;
TypeObject* g_flag = nullptr;
TypeObject* g_int_flag = nullptr;

TypeObject* as_type(const Value& v) { return static_cast<TypeObject*>(v.object()); }

Value intern_s(const char* s) { return intern(std::string_view(s)); }

// Members live in the class dict under _member_map_ (name -> member, aliases included),
// _member_names_ (list, canonical names in order) and _value2member_map_ (value -> member).
Value member_map(TypeObject* t) { return t->lookup(std::string_view("_member_map_")); }

bool is_member(const Value& v) {
  return v.is_object() && v.object()->type->type == g_enum_meta && v.object()->instance_dict();
}
Value member_value(const Value& m) { return dict_get(*m.object()->instance_dict(), std::string_view("_value_")); }
Value member_name(const Value& m) { return dict_get(*m.object()->instance_dict(), std::string_view("_name_")); }

bool is_int_enum(TypeObject* t) {
  return t->is_subtype_of(g_int_enum) || (g_int_flag && t->is_subtype_of(g_int_flag));
}
int bit_length(std::int64_t x) {
  int n = 0;
  for (std::uint64_t u = static_cast<std::uint64_t>(x < 0 ? -x : x); u; u >>= 1) ++n;
  return n;
}
bool is_flag(TypeObject* t) { return g_flag && t->is_subtype_of(g_flag); }
bool is_single_bit(const Value& v) {
  if (!v.is_int()) return false;
  std::int64_t x = v.as_int();
  return x > 0 && (x & (x - 1)) == 0;
}

// ---- members -------------------------------------------------------------------------------
bool is_descriptor_or_function(const Value& v) {
  TypeObject* t = type_of(v);
  return t == function_type || t == builtin_function_type || t == property_type || t == staticmethod_type ||
         t == classmethod_type || t->descr_get != nullptr || t == type_type || t->type == g_enum_meta;
}

bool skipped_name(std::string_view n) {
  bool dunder = n.size() > 4 && n.substr(0, 2) == "__" && n.substr(n.size() - 2) == "__";
  bool sunder = n.size() > 2 && n[0] == '_' && n[n.size() - 1] == '_';
  bool private_name = n.size() > 2 && n.substr(0, 2) == "__";  // mangled by the class body
  return dunder || sunder || private_name;
}

void enum_class_created(TypeObject* cls) {
  if (cls == g_enum || cls == g_int_enum || cls == g_flag || cls == g_int_flag) return;
  bool flag = is_flag(cls);
  // Existing members forbid subclassing (Cannot extend enumerations).
  for (std::size_t i = 1; i < cls->mro.size(); ++i) {
    Value names = dict_get(cls->mro[i]->dict, std::string_view("_member_names_"));
    if (names.is_bound() && !list_items(names).empty())
      raise_type_error("<enum '" + cls->name + "'> cannot extend <enum '" + cls->mro[i]->name + "'>");
  }
  Value map = make_dict(), names = make_list({}), by_value = make_dict();
  set_type_attr(cls, "_member_map_", map);
  set_type_attr(cls, "_member_names_", names);
  set_type_attr(cls, "_value2member_map_", by_value);
  bool int_mixin = is_int_enum(cls);
  std::vector<std::pair<Value, Value>> candidates;
  for (auto& e : dict_table(cls->dict).entries())
    if (e.key.is_bound() && !skipped_name(str_view(e.key)) && !is_descriptor_or_function(e.value))
      candidates.emplace_back(e.key, e.value);
  Value last;  // the previous member's value, for auto()
  for (auto& [name, raw] : candidates) {
    Value value = raw;
    if (type_of(raw) == g_auto_type) {
      value = Value::from_int(1);
      if (last.is_bound()) {
        if (!is_int_like(last)) raise_type_error("unable to increment " + repr_std(last));
        // Flags count in powers of two: the next bit above the previous value.
        value = flag ? Value::from_int(std::int64_t{1} << bit_length(to_i64(last))) : add(last, Value::from_int(1));
      }
    }
    if (int_mixin && !is_int_like(value)) value = call(Value::borrowed(int_type), {value});
    last = value;
    // An alias: a second name for an existing value.
    Value existing = dict_get(by_value, value);
    if (existing.is_bound()) {
      dict_setitem(map, name, existing);
      dict_setitem(cls->dict, name, existing);
      continue;
    }
    auto* inst = new InstanceObject(cls);
    Value member(inst);
    inst->dict = make_dict();
    dict_setitem(inst->dict, intern_s("_name_"), name);
    dict_setitem(inst->dict, intern_s("_value_"), value);
    dict_setitem(map, name, member);
    // A flag's multi-bit (or zero) members are aliases: not iterated, not counted.
    if (!flag || is_single_bit(value)) list_append(names, name);
    dict_setitem(by_value, value, member);
    dict_setitem(cls->dict, name, member);
  }
}

// ---- the metatype ------------------------------------------------------------------------------
Value lookup_value(TypeObject* t, const Value& v) {
  if (is_member(v) && type_of(v)->is_subtype_of(t)) return v;
  Value by_value = t->lookup(std::string_view("_value2member_map_"));
  Value m = by_value.is_bound() ? dict_get(by_value, v) : Value();
  if (m.is_bound()) return m;
  raise_value_error(repr_std(v) + " is not a valid " + t->qualname);
}

Value flag_lookup(TypeObject* t, const Value& v);
Value functional_api(TypeObject* base, const CallArgs& a);

Value meta_call(const Value& self, const CallArgs& a) {
  TypeObject* t = as_type(self);
  if (a.npos == 1 && a.nkw == 0) return is_flag(t) ? flag_lookup(t, a[0]) : lookup_value(t, a[0]);
  if (a.npos == 2 && a.nkw == 0) return functional_api(t, a);
  raise_type_error("aioc supports " + t->name + "(value) lookups and " + t->name +
                   "('Name', names) only (no keyword arguments to the functional API)");
}

Value meta_getitem(const Value& self, const Value& key) {
  Value map = member_map(as_type(self));
  Value m = map.is_bound() ? dict_get(map, key) : Value();
  if (!m.is_bound()) raise_key_error(key);
  return m;
}

std::vector<Value> members_of(TypeObject* t) {
  std::vector<Value> out;
  Value names = t->lookup(std::string_view("_member_names_"));
  if (!names.is_bound()) return out;
  Value map = member_map(t);
  for (const Value& n : list_items(names)) out.push_back(dict_get(map, n));
  return out;
}

Value meta_iter(const Value& self) { return iter(make_list(members_of(as_type(self)))); }
std::int64_t meta_len(const Value& self) { return static_cast<std::int64_t>(members_of(as_type(self)).size()); }
bool meta_contains(const Value& self, const Value& v) {
  if (!is_member(v)) raise_type_error("unsupported operand type(s) for 'in': '" + type_of(v)->name + "' and 'EnumType'");
  return type_of(v)->is_subtype_of(as_type(self));
}
Value meta_repr(const Value& self) { return make_str("<enum '" + as_type(self)->name + "'>"); }
Value meta_members(const CallArgs& a) {
  Value d = make_dict();
  Value map = member_map(as_type(a[0]));
  if (map.is_bound()) dict_update(d, map);
  return d;
}

// ---- members' behaviour ------------------------------------------------------------------------
Value enum_repr(const CallArgs& a) {
  const Value& m = a[0];
  Value name = member_name(m);
  if (name.is_none()) return make_str("<" + type_of(m)->name + ": " + repr_std(member_value(m)) + ">");
  return make_str("<" + type_of(m)->name + "." + str_data(name) + ": " + repr_std(member_value(m)) + ">");
}
Value enum_str(const CallArgs& a) {
  if (is_int_enum(type_of(a[0]))) return make_str(repr_std(member_value(a[0])));
  Value name = member_name(a[0]);
  if (name.is_none()) return make_str(type_of(a[0])->name + "(" + repr_std(member_value(a[0])) + ")");
  return make_str(type_of(a[0])->name + "." + str_data(name));
}
Value enum_format(const CallArgs& a) {
  check_nargs(a, "__format__", 2, 2);
  Value s = is_int_enum(type_of(a[0])) ? member_value(a[0]) : enum_str(a);
  return format(s, a[1]);
}
Value enum_hash(const CallArgs& a) {
  if (is_int_enum(type_of(a[0]))) return Value::from_int(hash(member_value(a[0])));
  return Value::from_int(hash(member_name(a[0])));
}
Value enum_name(const CallArgs& a) { return member_name(a[0]); }
Value enum_value(const CallArgs& a) { return member_value(a[0]); }
Value enum_reduce_index(const CallArgs& a) { return member_value(a[0]); }
Value enum_float(const CallArgs& a) { return call(Value::borrowed(float_type), {member_value(a[0])}); }

Value unwrap(const Value& v) { return is_member(v) && is_int_enum(type_of(v)) ? member_value(v) : v; }

// IntEnum slots: operate on the values.
Value int_enum_binary(const Value& a, const Value& b, BinaryOp op) { return binary_op(unwrap(a), unwrap(b), op); }
Value int_enum_unary(const Value& a, UnaryOp op) {
  Value v = unwrap(a);
  return op == UnaryOp::Neg ? neg(v) : op == UnaryOp::Pos ? pos(v) : invert(v);
}
Value int_enum_compare(const Value& a, const Value& b, CompareOp op) {
  Value x = unwrap(a), y = unwrap(b);
  if (!is_int_like(x) || !(is_int_like(y) || y.is_float())) {
    if (op == CompareOp::Eq) return Value(a.same(b));
    if (op == CompareOp::Ne) return Value(!a.same(b));
    return Value();
  }
  return compare(x, y, op);
}
bool int_enum_truthy(const Value& a) { return truthy(unwrap(a)); }

void int_enum_created(TypeObject* cls) {
  enum_class_created(cls);
  cls->binary = &int_enum_binary;
  cls->unary = &int_enum_unary;
  cls->compare = &int_enum_compare;
  cls->truthy = &int_enum_truthy;
}


// ---- Flag / IntFlag ----------------------------------------------------------------------------
// The OR of the canonical (single-bit) members' values.
std::int64_t flag_mask(TypeObject* t) {
  std::int64_t mask = 0;
  for (const Value& m : members_of(t)) mask |= to_i64(member_value(m));
  return mask;
}

// CPython 3.11's Flag._missing_: a pseudo-member named by its canonical members in
// definition order (`R|W`), plus any bits no member covers for IntFlag (`R|8`); zero has no
// name. It is cached, so equal values give the same object.
Value flag_lookup(TypeObject* t, const Value& v) {
  if (is_member(v) && type_of(v)->is_subtype_of(t)) return v;
  Value by_value = t->lookup(std::string_view("_value2member_map_"));
  Value found = dict_get(by_value, v);
  if (found.is_bound()) return found;
  if (!v.is_int()) raise_value_error(repr_std(v) + " is not a valid " + t->qualname);
  std::int64_t x = v.as_int(), mask = flag_mask(t);
  bool int_flag = is_int_enum(t);
  std::int64_t extra = x & ~mask;
  if (extra && !int_flag)
    raise_value_error("<flag '" + t->name + "'> invalid value " + std::to_string(x));
  std::string name;
  for (const Value& m : members_of(t)) {
    std::int64_t bit = to_i64(member_value(m));
    if (x & bit) name += (name.empty() ? "" : "|") + str_data(member_name(m));
  }
  if (extra) name += (name.empty() ? "" : "|") + std::to_string(extra);
  auto* inst = new InstanceObject(t);
  Value member(inst);
  inst->dict = make_dict();
  dict_setitem(inst->dict, intern_s("_name_"), x == 0 ? Value::none() : make_str(name));
  dict_setitem(inst->dict, intern_s("_value_"), Value::from_int(x));
  dict_setitem(by_value, Value::from_int(x), member);
  return member;
}

Value flag_binary(const Value& a, const Value& b, BinaryOp op) {
  bool bitwise = op == BinaryOp::Or || op == BinaryOp::And || op == BinaryOp::Xor;
  TypeObject* t = is_member(a) && is_flag(type_of(a)) ? type_of(a) : type_of(b);
  bool int_flag = is_int_enum(t);
  auto operand = [&](const Value& v) -> Value {
    if (is_member(v) && type_of(v) == t) return member_value(v);
    if (int_flag && v.is_int()) return v;
    return Value();
  };
  Value x = operand(a), y = operand(b);
  if (bitwise && x.is_bound() && y.is_bound()) {
    std::int64_t p = x.as_int(), q = y.as_int();
    std::int64_t r = op == BinaryOp::Or ? (p | q) : op == BinaryOp::And ? (p & q) : (p ^ q);
    return flag_lookup(t, Value::from_int(r));
  }
  if (int_flag) return binary_op(unwrap(a), unwrap(b), op);
  return Value();
}

Value flag_unary(const Value& a, UnaryOp op) {
  TypeObject* t = type_of(a);
  if (op == UnaryOp::Invert) return flag_lookup(t, Value::from_int(flag_mask(t) & ~to_i64(member_value(a))));
  if (is_int_enum(t)) return int_enum_unary(a, op);
  raise_type_error(std::string("bad operand type for unary ") + (op == UnaryOp::Neg ? "-" : "+") + ": '" + t->name + "'");
}

bool flag_contains(const Value& self, const Value& x) {
  TypeObject* t = type_of(self);
  if (!(is_member(x) && type_of(x)->is_subtype_of(t)))
    raise_type_error("unsupported operand type(s) for 'in': '" + type_of(x)->name + "' and '" + t->name + "'");
  std::int64_t v = to_i64(member_value(x));
  return (to_i64(member_value(self)) & v) == v;
}

bool flag_truthy(const Value& a) { return to_i64(member_value(a)) != 0; }

void flag_created(TypeObject* cls) {
  enum_class_created(cls);
  if (is_int_enum(cls)) {
    cls->compare = &int_enum_compare;
  }
  cls->binary = &flag_binary;
  cls->unary = &flag_unary;
  cls->contains = &flag_contains;
  cls->truthy = &flag_truthy;
}

// ---- functional API ------------------------------------------------------------------------------
// Enum('Name', 'A B C' | 'A, B' | ['A', 'B'] | [('A', 1), ...] | {'A': 1, ...}): values count
// from 1 (flags: 1, 2, 4, ...), as EnumType._create_ does.
Value functional_api(TypeObject* base, const CallArgs& a) {
  Value names = a[1];
  if (is_str(names)) {
    std::string spec = str_data(names);
    for (char& c : spec)
      if (c == ',') c = ' ';
    names = call_method(make_str(spec), intern_s("split"), {});
  }
  Value ns = make_dict();
  dict_setitem(ns, intern_s("__module__"), make_str("__main__"));
  dict_setitem(ns, intern_s("__qualname__"), a[0]);
  bool flag = is_flag(base);
  std::int64_t n = 0;
  if (is_dict_like(names)) {
    dict_update(ns, names);
  } else {
    Value it = iter(names), item;
    while (next(it, item)) {
      ++n;
      if (is_str(item)) {
        dict_setitem(ns, item, Value::from_int(flag ? (std::int64_t{1} << (n - 1)) : n));
      } else {
        std::vector<Value> pair = to_vector(item);
        if (pair.size() != 2) raise_type_error("enum members must be names or (name, value) pairs");
        dict_setitem(ns, pair[0], pair[1]);
      }
    }
  }
  return make_class(a[0], make_tuple({Value::borrowed(base)}), ns, a[0]);
}

void hook(TypeObject* cls) {
  if (is_flag(cls)) flag_created(cls);
  else if (is_int_enum(cls)) int_enum_created(cls);
  else enum_class_created(cls);
}

Value c_auto(const CallArgs& a) {
  check_nargs(a, "auto", 0, 0);
  return Value(new Object(g_auto_type));
}

Value c_unique(const CallArgs& a) {
  check_nargs(a, "unique", 1, 1);
  TypeObject* t = as_type(a[0]);
  Value map = member_map(t);
  std::string dups;
  for (auto& e : dict_table(map).entries())
    if (e.key.is_bound() && !str_equal(member_name(e.value), e.key))
      dups += (dups.empty() ? "" : ", ") + str_data(e.key) + " -> " + str_data(member_name(e.value));
  if (!dups.empty()) raise_value_error("duplicate values found in " + repr_std(a[0]) + ": " + dups);
  return a[0];
}

void init_types() {
  if (g_enum_meta) return;
  g_enum_meta = make_builtin_type("EnumType", type_type, "enum");
  g_enum_meta->call = &meta_call;
  g_enum_meta->getitem = &meta_getitem;
  g_enum_meta->iter = &meta_iter;
  g_enum_meta->len = &meta_len;
  g_enum_meta->contains = &meta_contains;
  g_enum_meta->repr = &meta_repr;
  add_getset(g_enum_meta, "__members__", &meta_members);
  set_metatype_hook(g_enum_meta, &hook);
  g_auto_type = make_builtin_type("auto", nullptr, "enum");

  Value ns = make_dict();
  dict_setitem(ns, intern_s("__module__"), make_str("enum"));
  auto method = [&](const char* name, NativeFn fn) {
    Value f = make_native_function(name, fn);
    static_cast<NativeFunctionObject*>(f.object())->is_method = true;
    dict_setitem(ns, intern(name), f);
  };
  method("__repr__", &enum_repr);
  method("__str__", &enum_str);
  method("__format__", &enum_format);
  method("__hash__", &enum_hash);
  Value enum_v = make_class(make_str("Enum"), make_tuple({}), ns, make_str("Enum"));
  g_enum = as_type(enum_v);
  g_enum->type = g_enum_meta;
  Value::incref(g_enum);  // immortal, like the builtin types
  add_getset(g_enum, "name", &enum_name);
  add_getset(g_enum, "value", &enum_value);

  Value ins = make_dict();
  dict_setitem(ins, intern_s("__module__"), make_str("enum"));
  Value idx = make_native_function("__index__", &enum_reduce_index);
  static_cast<NativeFunctionObject*>(idx.object())->is_method = true;
  dict_setitem(ins, intern_s("__index__"), idx);
  dict_setitem(ins, intern_s("__int__"), idx);
  Value fl = make_native_function("__float__", &enum_float);
  static_cast<NativeFunctionObject*>(fl.object())->is_method = true;
  dict_setitem(ins, intern_s("__float__"), fl);
  Value int_enum_v = make_class(make_str("IntEnum"), make_tuple({Value::borrowed(int_type), enum_v}), ins,
                                make_str("IntEnum"));
  g_int_enum = as_type(int_enum_v);
  Value::incref(g_int_enum);
  int_enum_created(g_int_enum);

  Value fns = make_dict();
  dict_setitem(fns, intern_s("__module__"), make_str("enum"));
  Value flag_v = make_class(make_str("Flag"), make_tuple({enum_v}), fns, make_str("Flag"));
  g_flag = as_type(flag_v);
  Value::incref(g_flag);
  flag_created(g_flag);

  Value ifns = make_dict();
  dict_setitem(ifns, intern_s("__module__"), make_str("enum"));
  for (const char* n : {"__index__", "__int__", "__float__"}) dict_setitem(ifns, intern(n), dict_get(ins, std::string_view(n)));
  Value int_flag_v = make_class(make_str("IntFlag"), make_tuple({Value::borrowed(int_type), flag_v}), ifns,
                                make_str("IntFlag"));
  g_int_flag = as_type(int_flag_v);
  Value::incref(g_int_flag);
  flag_created(g_int_flag);
}

}  // namespace

Value create_enum() {
  init_types();
  Value m = make_module("enum");
  module_add(m, "Enum", Value::borrowed(g_enum));
  module_add(m, "IntEnum", Value::borrowed(g_int_enum));
  module_add(m, "Flag", Value::borrowed(g_flag));
  module_add(m, "IntFlag", Value::borrowed(g_int_flag));
  module_add(m, "EnumType", Value::borrowed(g_enum_meta));
  module_add(m, "EnumMeta", Value::borrowed(g_enum_meta));
  module_add_function(m, "auto", &c_auto);
  module_add_function(m, "unique", &c_unique);
  return m;
}

}  // namespace aio
