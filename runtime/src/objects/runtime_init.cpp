// runtime_init: creates every builtin type in dependency order (type, object, dict and
// str first, since every later type needs a dict with str keys), then the exceptions,
// builtins and native modules. Idempotent and re-entrancy safe.
#include "aio/builtins.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/str.hpp"

namespace aio {

void init_type_fields(TypeObject* t, const char* name, TypeObject* base, const char* module);
void init_str_slots();
void init_str_methods();
void init_int_type();
void init_bool_type();
void init_float_type();
void init_tuple_type();
void init_list_type();
void init_dict_type();
void init_set_types();
void init_range_slice_types();
void init_iterator_type();
void init_call_types();
void init_function_type();
void init_type_and_object();
void init_descriptor_types();
void init_exception_types();
void init_module_type();
void init_builtins_module();
void init_sys_module();
void init_time_module();
void init_generator_type();
void init_slot_wrappers();

namespace {
enum class State { Cold, Initialising, Ready };
State g_state = State::Cold;

struct Singleton : Object {
  const char* text;
  Singleton(TypeObject* t, const char* s) : Object(t), text(s) {}
};
Value* g_not_implemented;
Value* g_ellipsis;
Value singleton_repr(const Value& v) {
  const char* s = static_cast<Singleton*>(v.object())->text;
  return make_str(std::string_view(s));
}
Value none_repr(const Value&) { return str_lit("None", 4); }
}  // namespace

bool runtime_ready() noexcept { return g_state == State::Ready; }

Value not_implemented() { return *g_not_implemented; }
Value ellipsis() { return *g_ellipsis; }

static TypeObject* raw_type(const char* name, TypeObject* base) {
  auto* t = new TypeObject(type_type);
  init_type_fields(t, name, base, "builtins");
  return t;
}

void runtime_init() {
  if (g_state != State::Cold) return;
  g_state = State::Initialising;
  type_type = new TypeObject(nullptr);
  type_type->type = type_type;
  object_type = new TypeObject(type_type);
  init_type_fields(object_type, "object", nullptr, "builtins");
  init_type_fields(type_type, "type", object_type, "builtins");
  dict_type = raw_type("dict", object_type);
  str_type = raw_type("str", object_type);
  for (TypeObject* t : {type_type, object_type, dict_type, str_type}) t->dict = make_dict();
  init_str_slots();
  iterator_type = make_builtin_type("iterator", object_type);
  builtin_function_type = make_builtin_type("builtin_function_or_method", object_type);
  method_type = make_builtin_type("method", object_type);
  init_call_types();
  init_iterator_type();
  property_type = make_builtin_type("property", object_type);
  staticmethod_type = make_builtin_type("staticmethod", object_type);
  classmethod_type = make_builtin_type("classmethod", object_type);
  super_type = make_builtin_type("super", object_type);
  init_descriptor_types();
  init_type_and_object();
  init_str_methods();
  int_type = make_builtin_type("int", object_type);
  init_int_type();
  bool_type = make_builtin_type("bool", int_type);
  init_bool_type();
  float_type = make_builtin_type("float", object_type);
  init_float_type();
  none_type = make_builtin_type("NoneType", object_type);
  none_type->repr = &none_repr;
  bytes_type = make_builtin_type("bytes", object_type);
  tuple_type = make_builtin_type("tuple", object_type);
  init_tuple_type();
  list_type = make_builtin_type("list", object_type);
  init_list_type();
  init_dict_type();
  set_type = make_builtin_type("set", object_type);
  frozenset_type = make_builtin_type("frozenset", object_type);
  init_set_types();
  // Mutable containers are unhashable: no hash slot, and `list.__hash__ is None`.
  for (TypeObject* t : {list_type, dict_type, set_type}) {
    t->hash = nullptr;
    set_type_attr(t, "__hash__", Value::none());
  }
  range_type = make_builtin_type("range", object_type);
  slice_type = make_builtin_type("slice", object_type);
  init_range_slice_types();
  function_type = make_builtin_type("function", object_type);
  init_function_type();
  cell_type = make_builtin_type("cell", object_type);
  module_type = make_builtin_type("module", object_type);
  init_module_type();
  not_implemented_type = make_builtin_type("NotImplementedType", object_type);
  not_implemented_type->repr = &singleton_repr;
  ellipsis_type = make_builtin_type("ellipsis", object_type);
  ellipsis_type->repr = &singleton_repr;
  g_not_implemented = new Value(new Singleton(not_implemented_type, "NotImplemented"));
  g_ellipsis = new Value(new Singleton(ellipsis_type, "Ellipsis"));
  init_exception_types();
  init_builtins_module();
  init_sys_module();
  init_time_module();
  init_generator_type();
  init_slot_wrappers();  // after every core type has its slots
  g_state = State::Ready;
}

// Initialise at load time too, so C++ users of the library need no explicit call.
static const bool g_initialised_at_load = (runtime_init(), true);

}  // namespace aio
