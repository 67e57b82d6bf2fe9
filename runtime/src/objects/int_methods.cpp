// int's methods besides bit_length: to_bytes/from_bytes, bit_count, conjugate,
// as_integer_ratio, __index__/__int__/__float__ and the numbers.Integral attributes
// real/imag/numerator/denominator.
#include <algorithm>

#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {
namespace {

// int(self): bools and int subclasses give the plain int.
Value plain_int(const Value& v) { return v.is_bool() ? Value::from_int(v.as_int()) : make_int(to_bigint(v)); }

bool little_endian(const Value& byteorder) {
  if (!byteorder.is_bound()) return false;
  if (!is_str_like(byteorder)) raise_type_error("to_bytes() argument 'byteorder' must be str, not " + type_of(byteorder)->name);
  std::string_view s = str_view(byteorder);
  if (s == "little") return true;
  if (s == "big") return false;
  raise_value_error("byteorder must be either 'little' or 'big'");
}

BigInt power_of_two(std::uint64_t bits) { return BigInt::shl(BigInt::from_i64(1), bits); }

Value m_to_bytes(const CallArgs& a) {
  Value p[4];
  parse_args(a, "to_bytes", {"self", "length", "byteorder", "signed"}, 1, p);
  std::int64_t length = p[1].is_bound() ? index_value(p[1]) : 1;
  if (length < 0) raise_value_error("length argument must be non-negative");
  bool little = little_endian(p[2]);
  bool is_signed = p[3].is_bound() && truthy(p[3]);
  BigInt v = to_bigint(p[0]);
  if (v.negative && !is_signed) raise_error(exc::OverflowError, "can't convert negative int to unsigned");
  auto bits = static_cast<std::uint64_t>(length) * 8;
  // Two's complement: a negative value is stored as v + 2**bits.
  BigInt x = v.negative ? BigInt::add(v, power_of_two(bits)) : v;
  bool fits = !x.negative && BigInt::compare(x, power_of_two(bits)) < 0;
  if (fits && is_signed && bits > 0) {
    bool top_bit = BigInt::compare(x, power_of_two(bits - 1)) >= 0;
    fits = top_bit == v.negative;
  }
  if (!fits || (bits == 0 && !v.is_zero())) raise_error(exc::OverflowError, "int too big to convert");
  std::string out(static_cast<std::size_t>(length), '\0');
  for (std::size_t i = 0; i < out.size() && i / 4 < x.mag.size(); ++i)
    out[i] = static_cast<char>((x.mag[i / 4] >> (8 * (i % 4))) & 0xff);
  if (!little) std::reverse(out.begin(), out.end());
  return make_bytes(std::move(out));
}

Value m_from_bytes(const CallArgs& a) {
  Value p[4];
  parse_args(a, "from_bytes", {"cls", "bytes", "byteorder", "signed"}, 2, p);
  std::string data;
  if (p[1].is_object() && p[1].object()->type == bytes_type) {
    data = static_cast<BytesObject*>(p[1].object())->data;
  } else {  // any iterable of ints in range(256), as bytes(x) accepts
    data = static_cast<BytesObject*>(call(Value::borrowed(bytes_type), {p[1]}).object())->data;
  }
  if (!little_endian(p[2])) std::reverse(data.begin(), data.end());
  BigInt v;
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (i % 4 == 0) v.mag.push_back(0);
    v.mag.back() |= static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << (8 * (i % 4));
  }
  while (!v.mag.empty() && v.mag.back() == 0) v.mag.pop_back();
  bool is_signed = p[3].is_bound() && truthy(p[3]);
  if (is_signed && !data.empty() && (static_cast<unsigned char>(data.back()) & 0x80))
    v = BigInt::sub(v, power_of_two(data.size() * 8));
  return make_int(std::move(v));
}

Value m_bit_count(const CallArgs& a) {
  check_nargs(a, "bit_count", 1, 1);
  std::int64_t n = 0;
  for (std::uint32_t limb : to_bigint(a[0]).mag) n += __builtin_popcount(limb);
  return Value::from_int(n);
}

Value m_conjugate(const CallArgs& a) {
  check_nargs(a, "conjugate", 1, 1);
  return plain_int(a[0]);
}

Value m_as_integer_ratio(const CallArgs& a) {
  check_nargs(a, "as_integer_ratio", 1, 1);
  return make_tuple({plain_int(a[0]), Value::from_int(1)});
}

Value m_index(const CallArgs& a) {
  check_nargs(a, "__index__", 1, 1);
  return plain_int(a[0]);
}
Value m_float(const CallArgs& a) {
  check_nargs(a, "__float__", 1, 1);
  return Value(to_bigint(a[0]).to_double());
}

Value g_self(const CallArgs& a) { return plain_int(a[0]); }
Value g_zero(const CallArgs&) { return Value::from_int(0); }
Value g_one(const CallArgs&) { return Value::from_int(1); }

}  // namespace

void init_int_methods(TypeObject* t) {
  add_method(t, "to_bytes", &m_to_bytes);
  add_class_method(t, "from_bytes", &m_from_bytes);
  add_method(t, "bit_count", &m_bit_count);
  add_method(t, "conjugate", &m_conjugate);
  add_method(t, "as_integer_ratio", &m_as_integer_ratio);
  add_method(t, "__index__", &m_index);
  add_method(t, "__int__", &m_index);
  add_method(t, "__float__", &m_float);
  add_getset(t, "real", &g_self);
  add_getset(t, "imag", &g_zero);
  add_getset(t, "numerator", &g_self);
  add_getset(t, "denominator", &g_one);
}

}  // namespace aio
