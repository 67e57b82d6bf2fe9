// int and bool: the int64 fast path with overflow promotion to BigInt, Python's floor
// division/modulo rules, int() parsing, and the type slots.
#include "aio/int.hpp"

#include <algorithm>
#include <cmath>

#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "str_whitespace.hpp"
#include "aio/float.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"

namespace aio {

Value make_int(BigInt v) {
  if (v.fits_i64()) return Value::from_int(v.to_i64());
  auto* o = new IntObject();
  o->value = std::move(v);
  return Value(o);
}

Value int_lit(const char* decimal) {
  runtime_init();
  return make_int(BigInt::from_string(decimal, 10));
}

bool is_big_int(const Value& v) { return v.is_object() && v.object()->type->is_subtype_of(int_type) && dynamic_cast<IntObject*>(v.object()); }
bool is_int_like(const Value& v) { return v.is_int() || v.is_bool() || is_big_int(v); }

BigInt to_bigint(const Value& v) {
  if (v.is_int() || v.is_bool()) return BigInt::from_i64(v.as_int());
  return static_cast<IntObject*>(v.object())->value;
}

std::int64_t to_i64(const Value& v) {
  if (v.is_int() || v.is_bool()) return v.as_int();
  if (is_big_int(v)) raise_error(exc::OverflowError, "Python int too large to convert to C ssize_t");
  raise_type_error("'" + type_of(v)->name + "' object cannot be interpreted as an integer");
}

std::int64_t index_value(const Value& v) {
  if (v.is_int() || v.is_bool()) return v.as_int();
  if (is_big_int(v)) raise_error(exc::IndexError, "cannot fit 'int' into an index-sized integer");
  Value r = call_special(v, "__index__", {});
  if (r.is_bound() && (r.is_int() || r.is_bool())) return r.as_int();
  raise_type_error("'" + type_of(v)->name + "' object cannot be interpreted as an integer");
}

double int_to_double(const Value& v) {
  if (v.is_int() || v.is_bool()) return static_cast<double>(v.as_int());
  double d = static_cast<IntObject*>(v.object())->value.to_double();
  if (std::isinf(d)) raise_error(exc::OverflowError, "int too large to convert to float");
  return d;
}

std::string int_repr(const Value& v) {
  if (v.is_int()) return std::to_string(v.as_int());
  if (v.is_bool()) return v.as_bool() ? "True" : "False";
  return static_cast<IntObject*>(v.object())->value.to_string();
}

[[noreturn]] static void zero_div(const char* msg) { raise_error(exc::ZeroDivisionError, msg); }

// &, |, ^ on arbitrary ints: both operands as two's complement limbs one limb wider than
// the larger magnitude (infinite sign extension, as Python defines it), then back.
static std::vector<std::uint32_t> twos_complement(const BigInt& x, std::size_t n) {
  std::vector<std::uint32_t> out(n, 0);
  for (std::size_t i = 0; i < x.mag.size(); ++i) out[i] = x.mag[i];
  if (!x.negative) return out;
  std::uint64_t carry = 1;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t v = static_cast<std::uint64_t>(static_cast<std::uint32_t>(~out[i])) + carry;
    out[i] = static_cast<std::uint32_t>(v);
    carry = v >> 32;
  }
  return out;
}

static BigInt big_bitwise(const BigInt& a, const BigInt& b, BinaryOp op) {
  std::size_t n = std::max(a.mag.size(), b.mag.size()) + 1;
  std::vector<std::uint32_t> x = twos_complement(a, n), y = twos_complement(b, n);
  for (std::size_t i = 0; i < n; ++i)
    x[i] = op == BinaryOp::And ? (x[i] & y[i]) : op == BinaryOp::Or ? (x[i] | y[i]) : (x[i] ^ y[i]);
  BigInt r;
  r.negative = (x[n - 1] >> 31) != 0;
  if (r.negative) x = twos_complement(BigInt{true, x}, n);  // ~x + 1: back to the magnitude
  while (!x.empty() && x.back() == 0) x.pop_back();
  r.mag = std::move(x);
  if (r.mag.empty()) r.negative = false;
  return r;
}

static Value big_binary(const BigInt& a, const BigInt& b, BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: return make_int(BigInt::add(a, b));
    case BinaryOp::Sub: return make_int(BigInt::sub(a, b));
    case BinaryOp::Mul: return make_int(BigInt::mul(a, b));
    case BinaryOp::FloorDiv:
    case BinaryOp::Mod: {
      if (b.is_zero()) zero_div(op == BinaryOp::Mod ? "integer modulo by zero" : "integer division or modulo by zero");
      BigInt q, r;
      BigInt::divmod(a, b, q, r);
      return make_int(op == BinaryOp::Mod ? r : q);
    }
    case BinaryOp::TrueDiv: {
      if (b.is_zero()) zero_div("division by zero");
      return Value(a.to_double() / b.to_double());
    }
    case BinaryOp::Pow: {
      if (b.negative) {
        if (a.is_zero()) zero_div("0.0 cannot be raised to a negative power");
        return Value(std::pow(a.to_double(), b.to_double()));
      }
      if (!b.fits_i64()) raise_error(exc::OverflowError, "exponent too large");
      return make_int(BigInt::pow(a, static_cast<std::uint64_t>(b.to_i64())));
    }
    case BinaryOp::LShift:
    case BinaryOp::RShift: {
      if (b.negative) raise_value_error("negative shift count");
      std::uint64_t n = b.fits_i64() ? static_cast<std::uint64_t>(b.to_i64()) : ~0ull;
      if (op == BinaryOp::LShift) return make_int(BigInt::shl(a, n));
      return make_int(BigInt::shr(a, n));
    }
    case BinaryOp::And:
    case BinaryOp::Or:
    case BinaryOp::Xor: return make_int(big_bitwise(a, b, op));
    default: break;
  }
  raise_error(exc::NotImplementedError, "operation on big ints is not supported");
}

static Value small_pow(std::int64_t a, std::int64_t b) {
  if (b < 0) {
    if (a == 0) zero_div("0.0 cannot be raised to a negative power");
    return Value(std::pow(static_cast<double>(a), static_cast<double>(b)));
  }
  std::int64_t result = 1, base = a;
  std::int64_t e = b;
  while (e) {
    if (e & 1) {
      if (__builtin_mul_overflow(result, base, &result)) return big_binary(BigInt::from_i64(a), BigInt::from_i64(b), BinaryOp::Pow);
    }
    e >>= 1;
    if (e && __builtin_mul_overflow(base, base, &base)) return big_binary(BigInt::from_i64(a), BigInt::from_i64(b), BinaryOp::Pow);
  }
  return Value::from_int(result);
}

static Value small_binary(std::int64_t a, std::int64_t b, BinaryOp op) {
  std::int64_t r;
  switch (op) {
    case BinaryOp::Add:
      if (!__builtin_add_overflow(a, b, &r)) return Value::from_int(r);
      break;
    case BinaryOp::Sub:
      if (!__builtin_sub_overflow(a, b, &r)) return Value::from_int(r);
      break;
    case BinaryOp::Mul:
      if (!__builtin_mul_overflow(a, b, &r)) return Value::from_int(r);
      break;
    case BinaryOp::FloorDiv:
      if (b == 0) zero_div("integer division or modulo by zero");
      if (a == INT64_MIN && b == -1) break;
      r = a / b;
      if ((a % b != 0) && ((a < 0) != (b < 0))) --r;
      return Value::from_int(r);
    case BinaryOp::Mod:
      if (b == 0) zero_div("integer modulo by zero");
      if (b == -1) return Value::from_int(0);
      r = a % b;
      if (r != 0 && ((r < 0) != (b < 0))) r += b;
      return Value::from_int(r);
    case BinaryOp::TrueDiv:
      if (b == 0) zero_div("division by zero");
      return Value(static_cast<double>(a) / static_cast<double>(b));
    case BinaryOp::Pow: return small_pow(a, b);
    case BinaryOp::LShift:
      if (b < 0) raise_value_error("negative shift count");
      if (b < 63 && (a == 0 || (a > 0 ? a <= (INT64_MAX >> b) : a >= (INT64_MIN >> b)))) return Value::from_int(a << b);
      if (a == 0) return Value::from_int(0);
      break;
    case BinaryOp::RShift:
      if (b < 0) raise_value_error("negative shift count");
      return Value::from_int(b >= 64 ? (a < 0 ? -1 : 0) : a >> b);
    case BinaryOp::And: return Value::from_int(a & b);
    case BinaryOp::Or: return Value::from_int(a | b);
    case BinaryOp::Xor: return Value::from_int(a ^ b);
    case BinaryOp::MatMul: return Value();
  }
  return big_binary(BigInt::from_i64(a), BigInt::from_i64(b), op);
}

Value int_binary(const Value& a, const Value& b, BinaryOp op) {
  if (!is_int_like(a) || !is_int_like(b)) return Value();
  if (a.is_bool() && b.is_bool() && (op == BinaryOp::And || op == BinaryOp::Or || op == BinaryOp::Xor)) {
    bool x = a.as_bool(), y = b.as_bool();
    return Value(op == BinaryOp::And ? (x && y) : op == BinaryOp::Or ? (x || y) : (x != y));
  }
  if (op == BinaryOp::MatMul) return Value();
  if (!a.is_object() && !b.is_object()) return small_binary(a.as_int(), b.as_int(), op);
  return big_binary(to_bigint(a), to_bigint(b), op);
}

static Value int_binary_slot(const Value& a, const Value& b, BinaryOp op) {
  if (op == BinaryOp::Mul && (is_str_like(b) || !is_number(b))) return Value();  // let the other side try
  return int_binary(a, b, op);
}

static Value int_unary_slot(const Value& a, UnaryOp op) {
  if (op == UnaryOp::Pos) return a.is_bool() ? Value::from_int(a.as_int()) : a;
  if (!a.is_object()) {
    std::int64_t x = a.as_int();
    if (op == UnaryOp::Invert) return Value::from_int(~x);
    if (x != INT64_MIN) return Value::from_int(-x);
  }
  BigInt v = to_bigint(a);
  if (op == UnaryOp::Invert) return make_int(BigInt::sub(BigInt::from_i64(-1), v));
  if (!v.is_zero()) v.negative = !v.negative;
  return make_int(std::move(v));
}

static Value int_compare_slot(const Value& a, const Value& b, CompareOp op) {
  int c;
  if (is_int_like(a) && is_int_like(b)) {
    if (!a.is_object() && !b.is_object()) c = a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int();
    else c = BigInt::compare(to_bigint(a), to_bigint(b));
  } else {
    return Value();
  }
  return compare_sign(c, op);
}

static Value int_repr_slot(const Value& v) { return make_str(int_repr(v)); }

static std::int64_t int_hash_slot(const Value& v) {
  if (!v.is_object()) return small_int_hash(v.as_int());
  // CPython: value modulo 2^61 - 1 with sign.
  const BigInt& b = static_cast<IntObject*>(v.object())->value;
  const std::uint64_t p = (1ull << 61) - 1;
  unsigned __int128 acc = 0;
  for (std::size_t i = b.mag.size(); i-- > 0;) acc = ((acc << 32) | b.mag[i]) % p;
  std::int64_t h = static_cast<std::int64_t>(acc);
  if (b.negative) h = -h;
  return h == -1 ? -2 : h;
}

static bool int_truthy_slot(const Value& v) { return v.is_object() || v.as_int() != 0; }

Value int_from_string(std::string_view text, int base) {
  std::string_view s = text;
  auto invalid = [&]() -> Value {
    raise_value_error("invalid literal for int() with base " + std::to_string(base) + ": " + str_repr(text));
  };
  s = strip_space(s);
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) { neg = s[0] == '-'; s.remove_prefix(1); }
  if (s.size() > 1 && s[0] == '0') {
    char p = static_cast<char>(s[1] | 32);
    int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (pb && (base == 0 || base == pb)) { base = pb; s.remove_prefix(2); if (!s.empty() && s[0] == '_') s.remove_prefix(1); }
  }
  if (base == 0) base = 10;
  if (s.empty()) return invalid();
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_' && i > 0 && i + 1 < s.size() && s[i + 1] != '_') continue;
    int d = (c >= '0' && c <= '9') ? c - '0' : ((c | 32) >= 'a' && (c | 32) <= 'z') ? (c | 32) - 'a' + 10 : 99;
    if (d >= base) return invalid();
  }
  BigInt v = BigInt::from_string(s, base);
  v.negative = neg && !v.is_zero();
  return make_int(std::move(v));
}

static Value int_new(TypeObject*, const CallArgs& a) {
  Value p[2];
  parse_args(a, "int", {"x", "base"}, 0, p, 1);
  if (!p[0].is_bound()) return Value::from_int(0);
  const Value& x = p[0];
  if (p[1].is_bound()) {
    if (!is_str_like(x)) raise_type_error("int() can't convert non-string with explicit base");
    return int_from_string(str_data(x), static_cast<int>(index_value(p[1])));
  }
  if (x.is_bool()) return Value::from_int(x.as_int());
  if (is_int_like(x)) return x;
  if (x.is_float()) {
    double d = x.as_float();
    if (std::isnan(d)) raise_value_error("cannot convert float NaN to integer");
    if (std::isinf(d)) raise_error(exc::OverflowError, "cannot convert float infinity to integer");
    double t = std::trunc(d);
    if (t >= -9.2e18 && t <= 9.2e18) return Value::from_int(static_cast<std::int64_t>(t));
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.0f", std::fabs(t));  // int_lit takes digits only
    Value mag = int_lit(buf);
    return t < 0 ? neg(mag) : mag;
  }
  if (is_str_like(x)) return int_from_string(str_data(x), 10);
  Value r = call_special(x, "__int__", {});
  if (r.is_bound()) return r;
  r = call_special(x, "__index__", {});
  if (r.is_bound()) return r;
  raise_type_error("int() argument must be a string, a bytes-like object or a real number, not '" + type_of(x)->name + "'");
}

static Value bool_new(TypeObject*, const CallArgs& a) {
  check_nargs(a, "bool", 0, 1);
  no_kwargs(a, "bool");
  return Value(a.npos ? truthy(a[0]) : false);
}

static Value bool_repr_slot(const Value& v) { return v.as_bool() ? str_lit("True", 4) : str_lit("False", 5); }

static Value m_bit_length(const CallArgs& a) {
  BigInt v = to_bigint(a[0]);
  if (v.is_zero()) return Value::from_int(0);
  return Value::from_int(static_cast<std::int64_t>((v.mag.size() - 1) * 32 + (32 - __builtin_clz(v.mag.back()))));
}

void init_int_methods(TypeObject* t);

void init_int_type() {
  TypeObject* t = int_type;
  t->repr = &int_repr_slot;
  t->str = &int_repr_slot;
  t->hash = &int_hash_slot;
  t->compare = &int_compare_slot;
  t->binary = &int_binary_slot;
  t->unary = &int_unary_slot;
  t->truthy = &int_truthy_slot;
  t->new_ = &int_new;
  add_method(t, "bit_length", &m_bit_length);
  init_int_methods(t);  // int_methods.cpp
}

void init_bool_type() {
  TypeObject* t = bool_type;
  t->repr = &bool_repr_slot;
  t->str = &bool_repr_slot;
  t->new_ = &bool_new;
}

}  // namespace aio

namespace aio {
Value call_special_index(const Value& v) {
  Value r = call_special(v, "__index__", {});
  if (r.is_bound() && !(r.is_int() || r.is_bool())) raise_type_error("__index__ returned non-int (type " + type_of(r)->name + ")");
  return r;
}
}  // namespace aio
