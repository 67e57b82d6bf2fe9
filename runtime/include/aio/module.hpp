// Modules: module objects, the import registry and `sys.modules`.
//
// Design: a module is an object with a name and an attribute dict. Native modules (time,
// sys, asyncio, ...) are registered by name with a `create` function that builds the
// module object on first import; the result is cached in sys.modules, so `create` runs
// once. Registration only stores a pointer, so it is safe from a static initialiser:
//
//   static const bool registered = (aio::register_module("asyncio", &create_asyncio), true);
//
// Thread model: call with the runtime lock held.
#pragma once

#include <string_view>

#include "aio/object.hpp"

namespace aio {

struct ModuleObject : Object {
  Value name;  // str
  Value dict;  // dict
  ModuleObject();
  Value* instance_dict() noexcept override { return &dict; }
};

// A new empty module object named `name` (not registered).
Value make_module(std::string_view name);
// Sets an attribute of a module (convenience for create functions).
void module_add(const Value& module, const char* name, const Value& value);
void module_add_function(const Value& module, const char* name, NativeFn fn);

using ModuleCreateFn = Value (*)();
void register_module(const char* name, ModuleCreateFn create);

// `import name`: sys.modules, else the registry, else ModuleNotFoundError
// "No module named 'x'".
Value import_module(const Value& name);
Value import_module(std::string_view name);
inline Value import_module(const char* name) { return import_module(std::string_view(name)); }
// `from module import name`: ImportError "cannot import name 'x' from 'm' (unknown location)".
Value import_from(const Value& module, const Value& name);

}  // namespace aio
