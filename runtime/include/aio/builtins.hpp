// Builtin functions and builtin name lookup.
#pragma once

#include <string_view>

#include "aio/object.hpp"

namespace aio {

// The builtins module's attribute `name` (function, class or constant); raises NameError
// "name 'x' is not defined" if absent.
Value lookup_builtin(const Value& name);
Value lookup_builtin(std::string_view name);
inline Value lookup_builtin(const char* name) { return lookup_builtin(std::string_view(name)); }
// Reads a module global: returns it if bound, else lookup_builtin(name).
inline Value load_global(const Value& slot, const Value& name) { return slot.is_bound() ? slot : lookup_builtin(name); }
Value builtins_module();

// Conversions used by generated code and the runtime.
Value str(const Value& v);
Value repr(const Value& v);
Value ascii(const Value& v);
bool isinstance(const Value& v, const Value& type_or_tuple);
Value type_name(const Value& v);  // str: type(v).__name__
std::int64_t object_id(const Value& v);

}  // namespace aio
