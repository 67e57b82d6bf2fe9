// The `math` module: constants, the libm wrappers with CPython's error rules, integer
// functions on arbitrary-size ints (gcd, lcm, factorial, comb, perm, isqrt) and an exact
// fsum.
//
// Error rules follow CPython's math_1: a NaN result from a non-NaN argument is
// ValueError("math domain error"); an infinite result from a finite argument is
// OverflowError("math range error") for functions that can overflow (exp, cosh, ...) and a
// domain error otherwise. Integer functions go through the generic operators so big ints
// work unchanged.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/float.hpp"
#include "aio/int.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {

[[noreturn]] static void domain_error() { raise_value_error("math domain error"); }
[[noreturn]] static void range_error() { raise_error(exc::OverflowError, "math range error"); }

static double arg_double(const Value& v) {
  if (v.is_float()) return v.as_float();
  if (is_int_like(v)) return int_to_double(v);
  Value f = call_special(v, "__float__", {});
  if (f.is_bound() && f.is_float()) return f.as_float();
  raise_type_error("must be real number, not " + type_of(v)->name);
}

static Value int_from_double(double d) {
  if (std::isnan(d)) raise_value_error("cannot convert float NaN to integer");
  if (std::isinf(d)) raise_error(exc::OverflowError, "cannot convert float infinity to integer");
  if (d >= -9.2e18 && d <= 9.2e18) return Value::from_int(static_cast<std::int64_t>(d));
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.0f", d);
  return int_lit(buf);
}

static Value check_result(double x, double r, bool can_overflow) {
  if (std::isnan(r) && !std::isnan(x)) domain_error();
  if (std::isinf(r) && std::isfinite(x)) {
    if (can_overflow) range_error();
    domain_error();
  }
  return Value(r);
}

// One-argument libm functions, selected by the `data` int index into this table.
struct Unary {
  const char* name;
  double (*fn)(double);
  bool can_overflow;
  char guard;  // 's': domain error below 0, 'l': at or below -1, 't': at infinities
};
static const Unary kUnary[] = {
    {"sqrt", [](double x) { return std::sqrt(x); }, false, 's'},
    {"exp", [](double x) { return std::exp(x); }, true, 0},
    {"sin", [](double x) { return std::sin(x); }, false, 't'},
    {"cos", [](double x) { return std::cos(x); }, false, 't'},
    {"tan", [](double x) { return std::tan(x); }, false, 't'},
    {"asin", [](double x) { return std::asin(x); }, false, 0},
    {"acos", [](double x) { return std::acos(x); }, false, 0},
    {"atan", [](double x) { return std::atan(x); }, false, 0},
    {"sinh", [](double x) { return std::sinh(x); }, true, 0},
    {"cosh", [](double x) { return std::cosh(x); }, true, 0},
    {"tanh", [](double x) { return std::tanh(x); }, false, 0},
    {"fabs", [](double x) { return std::fabs(x); }, false, 0},
    {"expm1", [](double x) { return std::expm1(x); }, true, 0},
    {"log1p", [](double x) { return std::log1p(x); }, false, 'l'},
    {"exp2", [](double x) { return std::exp2(x); }, true, 0},
    {"cbrt", [](double x) { return std::cbrt(x); }, false, 0},
};

static Value m_unary(const Value& data, const CallArgs& a) {
  const Unary& u = kUnary[data.as_int()];
  check_nargs(a, u.name, 1, 1);
  double x = arg_double(a[0]);
  if ((u.guard == 's' && x < 0) || (u.guard == 'l' && x <= -1) || (u.guard == 't' && std::isinf(x)))
    domain_error();
  return check_result(x, u.fn(x), u.can_overflow);
}

static double log_of(const Value& v) {
  if (is_int_like(v) && !v.is_float()) {
    if (!is_big_int(v)) {
      if (to_i64(v) <= 0) domain_error();
      return std::log(static_cast<double>(to_i64(v)));
    }
    BigInt b = to_bigint(v);
    if (b.negative) domain_error();
    // log(m * 2**e) for huge ints: scale down by whole limbs first.
    std::size_t drop = b.mag.size() > 30 ? b.mag.size() - 30 : 0;
    BigInt top;
    top.mag.assign(b.mag.begin() + static_cast<std::ptrdiff_t>(drop), b.mag.end());
    return std::log(top.to_double()) + static_cast<double>(drop) * 32 * std::log(2.0);
  }
  double x = arg_double(v);
  if (std::isnan(x)) return x;
  if (x <= 0) domain_error();
  return std::log(x);
}

static Value m_log(const CallArgs& a) {
  check_nargs(a, "log", 1, 2);
  double num = log_of(a[0]);
  if (a.npos == 1) return Value(num);
  double den = log_of(a[1]);
  if (den == 0) raise_error(exc::ZeroDivisionError, "float division by zero");
  return Value(num / den);
}
static Value m_log2(const CallArgs& a) {
  check_nargs(a, "log2", 1, 1);
  if (a[0].is_float() || !is_big_int(a[0])) {
    double x = arg_double(a[0]);
    if (std::isnan(x)) return Value(x);
    if (x <= 0) domain_error();
    return Value(std::log2(x));
  }
  return Value(log_of(a[0]) / std::log(2.0));
}
static Value m_log10(const CallArgs& a) {
  check_nargs(a, "log10", 1, 1);
  if (a[0].is_float() || !is_big_int(a[0])) {
    double x = arg_double(a[0]);
    if (std::isnan(x)) return Value(x);
    if (x <= 0) domain_error();
    return Value(std::log10(x));
  }
  return Value(log_of(a[0]) / std::log(10.0));
}

static Value m_floor(const CallArgs& a) {
  check_nargs(a, "floor", 1, 1);
  if (is_int_like(a[0])) return a[0].is_bool() ? Value::from_int(a[0].as_int()) : a[0];
  if (!a[0].is_float()) {
    Value r = call_special(a[0], "__floor__", {});
    if (r.is_bound()) return r;
  }
  return int_from_double(std::floor(arg_double(a[0])));
}
static Value m_ceil(const CallArgs& a) {
  check_nargs(a, "ceil", 1, 1);
  if (is_int_like(a[0])) return a[0].is_bool() ? Value::from_int(a[0].as_int()) : a[0];
  if (!a[0].is_float()) {
    Value r = call_special(a[0], "__ceil__", {});
    if (r.is_bound()) return r;
  }
  return int_from_double(std::ceil(arg_double(a[0])));
}
static Value m_trunc(const CallArgs& a) {
  check_nargs(a, "trunc", 1, 1);
  if (is_int_like(a[0])) return a[0].is_bool() ? Value::from_int(a[0].as_int()) : a[0];
  if (!a[0].is_float()) {
    Value r = call_special(a[0], "__trunc__", {});
    if (r.is_bound()) return r;
    raise_type_error("type " + type_of(a[0])->name + " doesn't define __trunc__ method");
  }
  return int_from_double(std::trunc(a[0].as_float()));
}

static Value m_pow(const CallArgs& a) {
  check_nargs(a, "pow", 2, 2);
  double x = arg_double(a[0]), y = arg_double(a[1]);
  if (x == 0 && y < 0 && std::isfinite(y)) domain_error();
  if (x < 0 && std::isfinite(x) && std::isfinite(y) && y != std::floor(y)) domain_error();
  double r = std::pow(x, y);
  if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) range_error();
  return Value(r);
}

static Value m_atan2(const CallArgs& a) {
  check_nargs(a, "atan2", 2, 2);
  return Value(std::atan2(arg_double(a[0]), arg_double(a[1])));
}
static Value m_copysign(const CallArgs& a) {
  check_nargs(a, "copysign", 2, 2);
  return Value(std::copysign(arg_double(a[0]), arg_double(a[1])));
}
static Value m_fmod(const CallArgs& a) {
  check_nargs(a, "fmod", 2, 2);
  double x = arg_double(a[0]), y = arg_double(a[1]);
  if (std::isinf(y) && std::isfinite(x)) return Value(x);
  double r = std::fmod(x, y);
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) domain_error();
  return Value(r);
}
static Value m_modf(const CallArgs& a) {
  check_nargs(a, "modf", 1, 1);
  double x = arg_double(a[0]);
  if (std::isinf(x)) return make_tuple({Value(std::copysign(0.0, x)), Value(x)});
  double ip;
  double fp = std::modf(x, &ip);
  return make_tuple({Value(fp), Value(ip)});
}
static Value m_frexp(const CallArgs& a) {
  check_nargs(a, "frexp", 1, 1);
  double x = arg_double(a[0]);
  int e = 0;
  double m = std::isfinite(x) ? std::frexp(x, &e) : x;
  return make_tuple({Value(m), Value::from_int(e)});
}
static Value m_ldexp(const CallArgs& a) {
  check_nargs(a, "ldexp", 2, 2);
  double x = arg_double(a[0]);
  if (!is_int_like(a[1])) raise_type_error("Expected an int as second argument to ldexp.");
  double r = std::ldexp(x, static_cast<int>(std::max<std::int64_t>(-100000, std::min<std::int64_t>(100000, to_i64(a[1])))));
  if (std::isinf(r) && std::isfinite(x)) range_error();
  return Value(r);
}

static Value m_hypot(const CallArgs& a) {
  double r = 0;
  bool any_nan = false, any_inf = false;
  for (std::size_t i = 0; i < a.npos; ++i) {
    double x = arg_double(a[i]);
    if (std::isinf(x)) any_inf = true;
    if (std::isnan(x)) any_nan = true;
    r = std::hypot(r, x);
  }
  if (any_inf) return Value(HUGE_VAL);
  if (any_nan) return Value(std::nan(""));
  return Value(r);
}
static Value m_degrees(const CallArgs& a) {
  check_nargs(a, "degrees", 1, 1);
  return Value(arg_double(a[0]) * (180.0 / M_PI));
}
static Value m_radians(const CallArgs& a) {
  check_nargs(a, "radians", 1, 1);
  return Value(arg_double(a[0]) * (M_PI / 180.0));
}
static Value m_isnan(const CallArgs& a) { check_nargs(a, "isnan", 1, 1); return Value(std::isnan(arg_double(a[0]))); }
static Value m_isinf(const CallArgs& a) { check_nargs(a, "isinf", 1, 1); return Value(std::isinf(arg_double(a[0]))); }
static Value m_isfinite(const CallArgs& a) {
  check_nargs(a, "isfinite", 1, 1);
  return Value(std::isfinite(arg_double(a[0])));
}

static Value m_isclose(const CallArgs& a) {
  Value p[4];
  parse_args(a, "isclose", {"a", "b", "rel_tol", "abs_tol"}, 2, p, 2);
  double x = arg_double(p[0]), y = arg_double(p[1]);
  double rel = p[2].is_bound() ? arg_double(p[2]) : 1e-09;
  double abs_tol = p[3].is_bound() ? arg_double(p[3]) : 0.0;
  if (rel < 0 || abs_tol < 0) raise_value_error("tolerances must be non-negative");
  if (x == y) return Value(true);
  if (std::isinf(x) || std::isinf(y)) return Value(false);
  double diff = std::fabs(y - x);
  return Value((diff <= std::fabs(rel * y)) || (diff <= std::fabs(rel * x)) || diff <= abs_tol);
}

// ---- integer functions ----------------------------------------------------------------
static Value int_arg(const Value& v) {
  if (is_int_like(v)) return v.is_bool() ? Value::from_int(v.as_int()) : v;
  Value r = v.is_object() ? call_special(v, "__index__", {}) : Value();  // IntEnum members
  if (r.is_int() || is_big_int(r)) return r;
  raise_type_error("'" + type_of(v)->name + "' object cannot be interpreted as an integer");
}
static bool is_negative(const Value& v) { return lt_bool(v, Value::from_int(0)); }
static bool is_zero(const Value& v) { return eq_bool(v, Value::from_int(0)); }
static Value abs_int(const Value& v) { return is_negative(v) ? neg(v) : v; }

static Value gcd2(Value x, Value y) {
  x = abs_int(x);
  y = abs_int(y);
  while (!is_zero(y)) {
    Value r = mod(x, y);
    x = y;
    y = r;
  }
  return x;
}

static Value m_gcd(const CallArgs& a) {
  no_kwargs(a, "gcd");
  Value g = Value::from_int(0);
  for (std::size_t i = 0; i < a.npos; ++i) g = gcd2(g, int_arg(a[i]));
  return g;
}
static Value m_lcm(const CallArgs& a) {
  no_kwargs(a, "lcm");
  Value l = Value::from_int(1);
  for (std::size_t i = 0; i < a.npos; ++i) {
    Value x = int_arg(a[i]);
    if (is_zero(x) || is_zero(l)) { l = Value::from_int(0); continue; }
    l = abs_int(mul(floordiv(l, gcd2(l, x)), x));
  }
  return l;
}
static Value m_factorial(const CallArgs& a) {
  check_nargs(a, "factorial", 1, 1);
  if (a[0].is_float()) raise_type_error("'float' object cannot be interpreted as an integer");
  Value n = int_arg(a[0]);
  if (is_negative(n)) raise_value_error("factorial() not defined for negative values");
  Value r = Value::from_int(1);
  std::int64_t k = to_i64(n);
  for (std::int64_t i = 2; i <= k; ++i) r = mul(r, Value::from_int(i));
  return r;
}
static Value m_perm(const CallArgs& a) {
  check_nargs(a, "perm", 1, 2);
  Value n = int_arg(a[0]);
  Value k = a.npos > 1 && !a[1].is_none() ? int_arg(a[1]) : n;
  if (is_negative(n)) raise_value_error("n must be a non-negative integer");
  if (is_negative(k)) raise_value_error("k must be a non-negative integer");
  if (lt_bool(n, k)) return Value::from_int(0);
  Value r = Value::from_int(1);
  std::int64_t kk = to_i64(k);
  for (std::int64_t i = 0; i < kk; ++i) r = mul(r, sub(n, Value::from_int(i)));
  return r;
}
static Value m_comb(const CallArgs& a) {
  check_nargs(a, "comb", 2, 2);
  Value n = int_arg(a[0]);
  Value k = int_arg(a[1]);
  if (is_negative(n)) raise_value_error("n must be a non-negative integer");
  if (is_negative(k)) raise_value_error("k must be a non-negative integer");
  if (lt_bool(n, k)) return Value::from_int(0);
  Value nk = sub(n, k);
  if (lt_bool(nk, k)) k = nk;
  Value r = Value::from_int(1);
  std::int64_t kk = to_i64(k);
  for (std::int64_t i = 0; i < kk; ++i)
    r = floordiv(mul(r, sub(n, Value::from_int(i))), Value::from_int(i + 1));
  return r;
}
static Value m_isqrt(const CallArgs& a) {
  check_nargs(a, "isqrt", 1, 1);
  Value n = int_arg(a[0]);
  if (is_negative(n)) raise_value_error("isqrt() argument must be nonnegative");
  if (is_zero(n)) return Value::from_int(0);
  // Newton's iteration from an over-estimate: x_{k+1} = (x_k + n // x_k) // 2.
  Value x = int_from_double(std::ceil(std::sqrt(int_to_double(n)) * (1 + 1e-12)) + 1);
  if (!is_big_int(n)) x = Value::from_int(std::max<std::int64_t>(1, to_i64(x)));
  else x = lshift(Value::from_int(1), Value::from_int((static_cast<std::int64_t>(to_bigint(n).mag.size()) * 32 + 1) / 2 + 1));
  while (true) {
    Value y = floordiv(add(x, floordiv(n, x)), Value::from_int(2));
    if (!lt_bool(y, x)) break;
    x = y;
  }
  return x;
}
static Value m_prod(const CallArgs& a) {
  Value p[2];
  parse_args(a, "prod", {"iterable", "start"}, 1, p, 1);
  Value r = p[1].is_bound() ? p[1] : Value::from_int(1);
  Value it = iter(p[0]);
  Value x;
  while (next(it, x)) r = mul(r, x);
  return r;
}

// Shewchuk's exact summation with CPython's final half-way correction.
static Value m_fsum(const CallArgs& a) {
  check_nargs(a, "fsum", 1, 1);
  std::vector<double> partials;
  double special = 0.0, inf_sum = 0.0;
  Value it = iter(a[0]);
  Value v;
  while (next(it, v)) {
    double x = arg_double(v);
    if (!std::isfinite(x)) {
      if (std::isinf(x)) inf_sum += x;
      special += x;
      continue;
    }
    std::size_t i = 0;
    for (double y : partials) {
      if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
      double hi = x + y;
      double lo = y - (hi - x);
      if (lo != 0.0) partials[i++] = lo;
      x = hi;
    }
    partials.resize(i);
    partials.push_back(x);
  }
  if (special != 0.0 || std::isnan(special)) {
    if (std::isnan(inf_sum)) raise_value_error("-inf + inf in fsum");
    return Value(special);
  }
  double hi = 0.0;
  std::size_t n = partials.size();
  if (n > 0) {
    hi = partials[--n];
    double lo = 0.0;
    while (n > 0) {
      double x = hi;
      double y = partials[--n];
      hi = x + y;
      double yr = hi - x;
      lo = y - yr;
      if (lo != 0.0) break;
    }
    if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
      double y = lo * 2.0;
      double x = hi + y;
      double yr = x - hi;
      if (y == yr) hi = x;
    }
  }
  return Value(hi);
}

static Value m_dist(const CallArgs& a) {
  check_nargs(a, "dist", 2, 2);
  std::vector<Value> p = to_vector(a[0]), q = to_vector(a[1]);
  if (p.size() != q.size()) raise_value_error("both points must have the same number of dimensions");
  double r = 0;
  for (std::size_t i = 0; i < p.size(); ++i) r = std::hypot(r, arg_double(p[i]) - arg_double(q[i]));
  return Value(r);
}

Value create_math() {
  Value m = make_module("math");
  module_add(m, "pi", Value(M_PI));
  module_add(m, "e", Value(M_E));
  module_add(m, "tau", Value(2 * M_PI));
  module_add(m, "inf", Value(HUGE_VAL));
  module_add(m, "nan", Value(std::nan("")));
  for (std::size_t i = 0; i < sizeof kUnary / sizeof kUnary[0]; ++i)
    module_add(m, kUnary[i].name, make_native_function(kUnary[i].name, &m_unary, Value::from_int(static_cast<std::int64_t>(i))));
  module_add_function(m, "log", &m_log);
  module_add_function(m, "log2", &m_log2);
  module_add_function(m, "log10", &m_log10);
  module_add_function(m, "floor", &m_floor);
  module_add_function(m, "ceil", &m_ceil);
  module_add_function(m, "trunc", &m_trunc);
  module_add_function(m, "pow", &m_pow);
  module_add_function(m, "atan2", &m_atan2);
  module_add_function(m, "copysign", &m_copysign);
  module_add_function(m, "fmod", &m_fmod);
  module_add_function(m, "modf", &m_modf);
  module_add_function(m, "frexp", &m_frexp);
  module_add_function(m, "ldexp", &m_ldexp);
  module_add_function(m, "hypot", &m_hypot);
  module_add_function(m, "degrees", &m_degrees);
  module_add_function(m, "radians", &m_radians);
  module_add_function(m, "isnan", &m_isnan);
  module_add_function(m, "isinf", &m_isinf);
  module_add_function(m, "isfinite", &m_isfinite);
  module_add_function(m, "isclose", &m_isclose);
  module_add_function(m, "gcd", &m_gcd);
  module_add_function(m, "lcm", &m_lcm);
  module_add_function(m, "factorial", &m_factorial);
  module_add_function(m, "perm", &m_perm);
  module_add_function(m, "comb", &m_comb);
  module_add_function(m, "isqrt", &m_isqrt);
  module_add_function(m, "prod", &m_prod);
  module_add_function(m, "fsum", &m_fsum);
  module_add_function(m, "dist", &m_dist);
  return m;
}

}  // namespace aio
