// float: CPython-identical repr (shortest round-trip digits placed by Python's rules),
// arithmetic with Python's ZeroDivisionError texts and floor/mod semantics, float().
#include "aio/float.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"
#include "str_whitespace.hpp"

namespace aio {

std::string float_repr(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string_view sci(buf, res.ptr - buf);
  // sci = [-]d[.ddd]e[+-]XX
  bool neg = sci[0] == '-';
  if (neg) sci.remove_prefix(1);
  std::size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c != '.') digits += c;
  int exp10 = std::atoi(std::string(sci.substr(e + 1)).c_str());
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  int decpt = exp10 + 1;  // position of the decimal point relative to the digits
  std::string out = neg ? "-" : "";
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) {
      out += "0.";
      out.append(static_cast<std::size_t>(-decpt), '0');
      out += digits;
    } else if (static_cast<std::size_t>(decpt) >= digits.size()) {
      out += digits;
      out.append(decpt - digits.size(), '0');
      out += ".0";
    } else {
      out += digits.substr(0, decpt);
      out += '.';
      out += digits.substr(decpt);
    }
    return out;
  }
  out += digits[0];
  if (digits.size() > 1) {
    out += '.';
    out += digits.substr(1);
  }
  int ex = decpt - 1;
  out += ex < 0 ? "e-" : "e+";
  int ax = ex < 0 ? -ex : ex;
  if (ax < 10) out += '0';
  out += std::to_string(ax);
  return out;
}

bool is_number(const Value& v) { return v.is_float() || is_int_like(v); }

double to_double(const Value& v) {
  if (v.is_float()) return v.as_float();
  if (is_int_like(v)) return int_to_double(v);
  Value r = call_special(v, "__float__", {});
  if (r.is_float()) return r.as_float();
  raise_type_error("must be real number, not " + type_of(v)->name);
}

[[noreturn]] static void zero_div(const char* msg) { raise_error(exc::ZeroDivisionError, msg); }

static double py_fmod(double a, double b) {
  double m = std::fmod(a, b);
  if (m != 0) {
    if ((b < 0) != (m < 0)) m += b;
  } else {
    m = std::copysign(0.0, b);
  }
  return m;
}

static double py_floordiv(double vx, double wx) {
  double m = std::fmod(vx, wx);
  double div = (vx - m) / wx;
  if (m != 0 && ((wx < 0) != (m < 0))) div -= 1.0;
  if (div == 0) return std::copysign(0.0, vx / wx);
  double f = std::floor(div);
  if (div - f > 0.5) f += 1.0;
  return f;
}

Value float_binary(const Value& a, const Value& b, BinaryOp op) {
  if (!(a.is_float() || is_int_like(a)) || !(b.is_float() || is_int_like(b))) return Value();
  double x = to_double(a), y = to_double(b);
  switch (op) {
    case BinaryOp::Add: return Value(x + y);
    case BinaryOp::Sub: return Value(x - y);
    case BinaryOp::Mul: return Value(x * y);
    case BinaryOp::TrueDiv:
      if (y == 0) zero_div("float division by zero");
      return Value(x / y);
    case BinaryOp::FloorDiv:
      if (y == 0) zero_div("float floor division by zero");
      return Value(py_floordiv(x, y));
    case BinaryOp::Mod:
      if (y == 0) zero_div("float modulo");
      return Value(py_fmod(x, y));
    case BinaryOp::Pow:
      if (x == 0 && y < 0) zero_div("0.0 cannot be raised to a negative power");
      if (x < 0 && y != std::floor(y)) raise_value_error("complex results are not supported");
      return Value(std::pow(x, y));
    default: return Value();
  }
}

static Value float_binary_slot(const Value& a, const Value& b, BinaryOp op) { return float_binary(a, b, op); }

static Value float_unary_slot(const Value& a, UnaryOp op) {
  if (op == UnaryOp::Neg) return Value(-a.as_float());
  if (op == UnaryOp::Pos) return a;
  return Value();
}

static Value float_compare_slot(const Value& a, const Value& b, CompareOp op) {
  if (!is_number(a) || !is_number(b)) return Value();
  // int vs float compares exactly (2**53 + 1 != float(2**53 + 1)), as CPython does.
  bool a_int = is_int_like(a), b_int = is_int_like(b);
  if (a_int != b_int) {
    const Value& i = a_int ? a : b;
    double f = a_int ? b.as_float() : a.as_float();
    if (std::isfinite(f)) {
      double fl = std::floor(f);
      Value fl_int = call(Value::borrowed(int_type), {Value(fl)});
      int c = lt_bool(i, fl_int) ? -1 : lt_bool(fl_int, i) ? 1 : (f > fl ? -1 : 0);  // sign of i - f
      if (!a_int) c = -c;  // sign of a - b
      return compare_sign(c, op);
    }
  }
  double x = to_double(a), y = to_double(b);
  switch (op) {
    case CompareOp::Lt: return Value(x < y);
    case CompareOp::Le: return Value(x <= y);
    case CompareOp::Eq: return Value(x == y);
    case CompareOp::Ne: return Value(x != y);
    case CompareOp::Gt: return Value(x > y);
    case CompareOp::Ge: return Value(x >= y);
  }
  return Value();
}

std::int64_t float_hash(double d) {
  if (std::isnan(d)) return 0;
  if (std::isinf(d)) return d > 0 ? 314159 : -314159;
  double ip;
  if (std::modf(d, &ip) == 0.0 && std::fabs(d) < 9.2e18) {
    return small_int_hash(static_cast<std::int64_t>(d));
  }
  // CPython's modular reduction of the mantissa.
  const std::uint64_t p = (1ull << 61) - 1;
  int e;
  double m = std::frexp(d, &e);
  int sign = 1;
  if (m < 0) { sign = -1; m = -m; }
  std::uint64_t x = 0;
  while (m) {
    x = ((x << 28) & p) | x >> (61 - 28);
    m *= 268435456.0;
    e -= 28;
    std::uint64_t y = static_cast<std::uint64_t>(m);
    m -= static_cast<double>(y);
    x += y;
    if (x >= p) x -= p;
  }
  e = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61);
  x = ((x << e) & p) | x >> (61 - e);
  std::int64_t h = static_cast<std::int64_t>(x) * sign;
  return h == -1 ? -2 : h;
}

static std::int64_t float_hash_slot(const Value& v) { return float_hash(v.as_float()); }
static Value float_repr_slot(const Value& v) { return make_str(float_repr(v.as_float())); }
static bool float_truthy_slot(const Value& v) { return v.as_float() != 0; }

Value float_from_string(std::string_view text) {
  std::string_view t = strip_space(text);
  std::string lower;
  for (char c : t) if (c != '_') lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  std::string_view body = lower;
  bool neg = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) { neg = body[0] == '-'; body.remove_prefix(1); }
  if (body == "inf" || body == "infinity") return Value(neg ? -INFINITY : INFINITY);
  if (body == "nan") return Value(std::nan(""));
  double d = 0;
  auto res = std::from_chars(body.data(), body.data() + body.size(), d);
  if (body.empty() || res.ec != std::errc() || res.ptr != body.data() + body.size())
    raise_value_error("could not convert string to float: " + str_repr(text));
  return Value(neg ? -d : d);
}

static Value float_new(TypeObject*, const CallArgs& a) {
  check_nargs(a, "float", 0, 1);
  if (!a.npos) return Value(0.0);
  const Value& x = a[0];
  if (x.is_float()) return x;
  if (is_int_like(x)) return Value(int_to_double(x));
  if (is_str_like(x)) return float_from_string(str_data(x));
  Value r = call_special(x, "__float__", {});
  if (r.is_bound()) return r;
  raise_type_error("float() argument must be a string or a real number, not '" + type_of(x)->name + "'");
}

// as_integer_ratio: the exact fraction, lowest terms (the denominator is a power of two).
static Value m_as_integer_ratio(const CallArgs& a) {
  check_nargs(a, "as_integer_ratio", 1, 1);
  double x = a[0].as_float();
  if (std::isinf(x)) raise_error(exc::OverflowError, "cannot convert Infinity to integer ratio");
  if (std::isnan(x)) raise_value_error("cannot convert NaN to integer ratio");
  int e = 0;
  double frac = std::frexp(x, &e);
  std::int64_t m = static_cast<std::int64_t>(std::ldexp(frac, 53));
  e -= 53;
  while (m != 0 && (m & 1) == 0 && e < 0) {
    m >>= 1;
    ++e;
  }
  if (m == 0) e = 0;
  Value num = Value::from_int(m), den = Value::from_int(1);
  if (e > 0) num = lshift(num, Value::from_int(e));
  else den = lshift(den, Value::from_int(-e));
  return make_tuple({num, den});
}
static Value m_is_integer(const CallArgs& a) { return Value(std::floor(a[0].as_float()) == a[0].as_float()); }

void init_float_type() {
  TypeObject* t = float_type;
  t->repr = &float_repr_slot;
  t->str = &float_repr_slot;
  t->hash = &float_hash_slot;
  t->compare = &float_compare_slot;
  t->binary = &float_binary_slot;
  t->unary = &float_unary_slot;
  t->truthy = &float_truthy_slot;
  t->new_ = &float_new;
  add_method(t, "is_integer", &m_is_integer);
  add_method(t, "as_integer_ratio", &m_as_integer_ratio);
}

}  // namespace aio
