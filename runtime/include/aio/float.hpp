// float: IEEE double inline in the Value; repr identical to CPython's.
#pragma once

#include <string>

#include "aio/object.hpp"

namespace aio {

// repr(x): shortest round-trip digits, fixed notation for 1e-4 <= |x| < 1e16, else
// exponent form 'd.ddde+XX'; always has '.0' or an exponent; 'inf', 'nan', '-0.0'.
std::string float_repr(double x);
Value float_binary(const Value& a, const Value& b, BinaryOp op);  // Unbound if not numbers
Value float_from_string(std::string_view text);  // float("..."), ValueError text
bool is_number(const Value& v);  // int-like or float
double to_double(const Value& v);  // int-like or float (TypeError otherwise)
std::int64_t float_hash(double d);

}  // namespace aio
