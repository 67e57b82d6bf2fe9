// format(): the format-spec mini-language for int, float and str, conversions (!r !s !a),
// str.format, and join_strs for f-strings.
#pragma once

#include <initializer_list>
#include <string>

#include "aio/object.hpp"

namespace aio {

Value format(const Value& v, const Value& spec);   // format(v, spec); spec Unbound = ''
Value format(const Value& v, std::string_view spec);
Value join_strs(std::initializer_list<Value> parts);  // f-string parts (already str)
// str.format(*args, **kwargs); with `mapping`, str.format_map(mapping) (names looked up in it).
Value str_format(const Value& fmt, const CallArgs& args, const Value& mapping = Value());
// f"{x!r:>10}" = format(convert(x, 'r'), spec)
Value convert(const Value& v, char conversion);  // 'r', 's', 'a'
std::string format_int_spec(const Value& v, std::string_view spec);
std::string format_float_spec(double d, std::string_view spec);
std::string format_str_spec(std::string_view s, std::string_view spec);

}  // namespace aio
