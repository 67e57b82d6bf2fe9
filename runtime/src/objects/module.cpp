// Module objects, the native module registry and import.
#include "aio/module.hpp"

#include <map>
#include <string>

#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"

namespace aio {

ModuleObject::ModuleObject() : Object(module_type) {}

Value make_module(std::string_view name) {
  auto* m = new ModuleObject();
  m->name = make_str(name);
  m->dict = make_dict();
  dict_setitem(m->dict, str_lit("__name__", 8), m->name);
  return Value(m);
}

void module_add(const Value& module, const char* name, const Value& value) {
  dict_setitem(static_cast<ModuleObject*>(module.object())->dict, intern(name), value);
}

void module_add_function(const Value& module, const char* name, NativeFn fn) {
  module_add(module, name, make_native_function(name, fn));
}

static std::map<std::string, ModuleCreateFn>& registry() {
  static auto* r = new std::map<std::string, ModuleCreateFn>();
  return *r;
}

void register_module(const char* name, ModuleCreateFn create) { registry()[name] = create; }

static Value& sys_modules() {
  static Value* d = new Value(make_dict());
  return *d;
}

Value sys_modules_dict() { return sys_modules(); }

Value import_module(const Value& name) {
  runtime_init();
  Value cached = dict_get(sys_modules(), name);
  if (cached.is_bound()) return cached;
  auto it = registry().find(str_data(name));
  if (it == registry().end()) raise_error(exc::ModuleNotFoundError, "No module named " + str_repr(str_data(name)));
  Value m = it->second();
  dict_setitem(sys_modules(), name, m);
  return m;
}

Value import_module(std::string_view name) { return import_module(intern(name)); }

Value import_from(const Value& module, const Value& name) {
  Value v = getattr_or(module, name, Value());
  if (v.is_bound()) return v;
  Value mname = getattr_or(module, str_lit("__name__", 8), str_lit("?", 1));
  raise_error(exc::ImportError, "cannot import name " + str_repr(str_data(name)) + " from " +
                                    str_repr(str_data(mname)) + " (unknown location)");
}

static Value module_repr(const Value& self) {
  auto* m = static_cast<ModuleObject*>(self.object());
  return make_str("<module " + str_repr(str_data(m->name)) + " (built-in)>");
}

void init_module_type() { module_type->repr = &module_repr; }

}  // namespace aio
