// Calls: how generated code and native code invoke any callable Value.
//
// Design: every callable type has a `call` slot taking CallArgs (views, no allocation).
// call_method looks the attribute up on the type first and calls Python functions and
// native methods with `self` prepended, without materialising a bound method.
#pragma once

#include <initializer_list>
#include <vector>

#include "aio/object.hpp"

namespace aio {

Value call(const Value& f, std::initializer_list<Value> args);
Value call_kw(const Value& f, std::initializer_list<Value> args, std::initializer_list<KwArg> kwargs);
Value call_ex(const Value& f, const Value& args_tuple, const Value& kwargs_dict);  // kwargs may be Unbound
Value call_method(const Value& obj, const Value& name, std::initializer_list<Value> args);
Value call_method_kw(const Value& obj, const Value& name, std::initializer_list<Value> args,
                     std::initializer_list<KwArg> kwargs);
// Low-level forms for native code.
Value call_args(const Value& f, const CallArgs& args);
Value call_vector(const Value& f, const std::vector<Value>& args);
bool callable(const Value& v);
// Calls the special method `name` found on type(self) (not the instance), self first.
// Returns Unbound if the type has no such attribute.
// `name` is a string literal (looked up by address, see str_static).
Value call_special(const Value& self, const char* name, std::initializer_list<Value> args);

}  // namespace aio
