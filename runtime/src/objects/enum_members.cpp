// Enum class creation: turns the plain attributes of a class body into members, in
// definition order, as CPython 3.11's _EnumDict and EnumType.__new__ do.
//
// Design: a body attribute becomes a member unless it is a dunder, sunder or private
// name, a function or descriptor, or wrapped in nonmember(); member() forces one. auto()
// values come from the class's _generate_next_value_(name, start, count, last_values)
// (Enum: last + 1, Flag: the next power of two, StrEnum: the lower-cased name; a body may
// override it). The value is converted to the mixed-in data type (int, str), a repeated
// value makes an alias, and a user-defined __init__ runs with the value (unpacked if a
// tuple), like the Planet(mass, radius) example of the docs; a user-defined __new__ makes
// the member itself.
#include "aio/call.hpp"
#include "aio/class.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/ops.hpp"
#include "aio/tuple.hpp"
#include "enum_internal.hpp"

namespace aio::enum_impl {
namespace {

bool is_descriptor_or_function(const Value& v) {
  TypeObject* t = type_of(v);
  return t == function_type || t == builtin_function_type || t == property_type || t == staticmethod_type ||
         t == classmethod_type || t->descr_get != nullptr || t == type_type || t->type == g_enum_meta;
}

bool skipped_name(std::string_view n, const std::string& cls_name) {
  bool dunder = n.size() > 4 && n.substr(0, 2) == "__" && n.substr(n.size() - 2) == "__";
  bool sunder = n.size() > 2 && n[0] == '_' && n[n.size() - 1] == '_';
  std::string mangled = "_" + cls_name + "__";  // a private name after mangling
  bool private_name = n.size() > mangled.size() && n.substr(0, mangled.size()) == mangled;
  return dunder || sunder || private_name;
}

void check_no_members_in_bases(TypeObject* cls) {
  for (std::size_t i = 1; i < cls->mro.size(); ++i) {
    Value names = dict_get(cls->mro[i]->dict, std::string_view("_member_names_"));
    if (names.is_bound() && !list_items(names).empty())
      raise_type_error("<enum '" + cls->name + "'> cannot extend " + repr_std(Value::borrowed(cls->mro[i])));
  }
}

// StrEnum.__new__'s checks, then str(*values).
Value str_enum_value(const Value& raw) {
  std::vector<Value> values = is_tuple(raw) ? to_vector(raw) : std::vector<Value>{raw};
  if (values.size() > 3) raise_type_error("too many arguments for str(): " + repr_std(raw));
  if (values.size() == 1 && !is_str_like(values[0])) raise_type_error(repr_std(values[0]) + " is not a string");
  if (values.size() >= 2 && !is_str_like(values[1]))
    raise_type_error("encoding must be a string, not " + repr_std(values[1]));
  if (values.size() == 3 && !is_str_like(values[2]))
    raise_type_error("errors must be a string, not " + repr_std(values[2]));
  if (values.size() >= 2) raise_type_error("decoding str is not supported");
  return make_str(str_data(values[0]));
}

Value to_data_type(TypeObject* cls, const Value& raw) {
  switch (data_type(cls)) {
    case DataType::Int: return is_int_like(raw) ? raw : call(Value::borrowed(int_type), {raw});
    case DataType::Str:
      if (cls->is_subtype_of(g_str_enum)) return str_enum_value(raw);
      return is_str(raw) ? raw : call(Value::borrowed(str_type), {raw});
    case DataType::Object: break;
  }
  return raw;
}

// `first` followed by the value's items (a tuple value is unpacked), as CPython passes
// a member's value to __new__ and __init__.
std::vector<Value> with_value_args(const Value& first, const Value& raw) {
  std::vector<Value> args{first};
  if (is_tuple(raw))
    for (const Value& x : to_vector(raw)) args.push_back(x);
  else
    args.push_back(raw);
  return args;
}

// A user-defined __init__ (not object's) gets the member and the value's items.
void run_user_init(TypeObject* cls, const Value& member, const Value& raw) {
  Value init = cls->heap_lookup(intern_s("__init__"));
  if (init.is_bound()) call_vector(init, with_value_args(member, raw));
}

// A user-defined __new__(cls, *value) makes the member and may set its _value_ (else the
// whole value is used).
Value member_from_user_new(TypeObject* cls, const Value& new_fn, const Value& name, const Value& raw) {
  Value f = type_of(new_fn) == staticmethod_type ? getattr(new_fn, "__func__") : new_fn;
  Value member = call_vector(f, with_value_args(Value::borrowed(cls), raw));
  if (!is_member(member) || !type_of(member)->is_subtype_of(cls))
    raise_type_error("__new__ of enum " + cls->name + " must return a member of the class");
  Value* d = member.object()->instance_dict();
  if (!d->is_bound() || !dict_get(*d, intern_s("_value_")).is_bound()) setattr(member, intern_s("_value_"), raw);
  setattr(member, intern_s("_name_"), name);
  return member;
}

struct Builder {
  explicit Builder(TypeObject* c) : cls(c) {}
  TypeObject* cls;
  Value map = make_dict(), names = make_list({}), by_value = make_dict();
  std::vector<Value> last_values;
  std::int64_t count = 0;  // names defined so far, aliases included
  Value pending_name;      // the member whose auto() is being generated
};

Value next_value(void* ctx) {
  auto* b = static_cast<Builder*>(ctx);
  Value gnv = b->cls->lookup(intern_s("_generate_next_value_"));
  if (type_of(gnv) == staticmethod_type) gnv = getattr(gnv, "__func__");
  return call(gnv, {b->pending_name, Value::from_int(1), Value::from_int(b->count), make_list(b->last_values)});
}

Value find_alias(Builder& b, const Value& value) {
  try {
    return dict_get(b.by_value, value);
  } catch (const PyException& e) {  // unhashable: compare with every member
    if (!type_of(e.value())->is_subtype_of(exc::TypeError)) throw;
    for (auto& e : dict_table(b.map).entries())
      if (e.key.is_bound() && eq_bool(member_value(e.value), value)) return e.value;
    return Value();
  }
}

void add_member(Builder& b, const Value& name, const Value& raw) {
  b.pending_name = name;
  Value resolved = resolve_auto(raw, &next_value, &b);
  b.last_values.push_back(resolved);
  ++b.count;
  Value user_new = b.cls->heap_lookup(intern_s("__new__"));
  Value member, value;
  if (user_new.is_bound()) {
    member = member_from_user_new(b.cls, user_new, name, resolved);
    value = member_value(member);
  } else {
    value = to_data_type(b.cls, resolved);
  }
  Value existing = find_alias(b, value);
  if (existing.is_bound()) {
    dict_setitem(b.map, name, existing);
    dict_setitem(b.cls->dict, name, existing);
    return;
  }
  if (!member.is_bound()) member = new_member(b.cls, name, value);
  run_user_init(b.cls, member, resolved);
  dict_setitem(b.map, name, member);
  // A flag's multi-bit (or zero) members are aliases: not iterated, not counted.
  if (!is_flag(b.cls) || (value.is_int() && value.as_int() > 0 && (value.as_int() & (value.as_int() - 1)) == 0))
    list_append(b.names, name);
  try {
    dict_setitem(b.by_value, value, member);
  } catch (const PyException& e) {  // unhashable values are found by find_alias's scan
    if (!type_of(e.value())->is_subtype_of(exc::TypeError)) throw;
  }
  dict_setitem(b.cls->dict, name, member);
}

}  // namespace

void enum_class_created(TypeObject* cls) {
  check_no_members_in_bases(cls);
  Builder b{cls};
  set_type_attr(cls, "_member_map_", b.map);
  set_type_attr(cls, "_member_names_", b.names);
  set_type_attr(cls, "_value2member_map_", b.by_value);
  std::vector<std::pair<Value, Value>> body;
  for (auto& e : dict_table(cls->dict).entries())
    if (e.key.is_bound() && !skipped_name(str_view(e.key), cls->name)) body.emplace_back(e.key, e.value);
  for (auto& [name, value] : body) {
    TypeObject* t = type_of(value);
    if (t == g_nonmember_type) {
      dict_setitem(cls->dict, name, getattr(value, "value"));
    } else if (t == g_member_type) {
      add_member(b, name, getattr(value, "value"));
    } else if (!is_descriptor_or_function(value)) {
      add_member(b, name, value);
    }
  }
}

}  // namespace aio::enum_impl
