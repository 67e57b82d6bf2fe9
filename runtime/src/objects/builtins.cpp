// The builtins module: str/repr/ascii/isinstance, the builtin functions (len, range,
// isinstance, min/max/sum, sorted, iter/next, getattr family, chr/ord/hex/id/hash/round,
// ...) and lookup_builtin.
#include "aio/builtins.hpp"
#include "aio/generator.hpp"

#include <cmath>
#include <cstdio>

#include "aio/call.hpp"
#include "aio/class.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/float.hpp"
#include "aio/format.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/print.hpp"
#include "aio/set.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {

Value str(const Value& v) {
  if (is_str(v)) return v;
  TypeObject* t = type_of(v);
  if (t->str) return t->str(v);
  return repr(v);
}

Value repr(const Value& v) {
  switch (v.tag()) {
    case Value::Tag::None: return str_lit("None", 4);
    case Value::Tag::Unbound: return str_lit("<unbound>", 9);
    default: break;
  }
  TypeObject* t = type_of(v);
  if (!t->repr) return make_str("<" + t->name + " object>");
  return t->repr(v);
}

Value ascii(const Value& v) {
  Value r = repr(v);
  const std::string& s = str_data(r);
  bool plain = true;
  for (unsigned char c : s) if (c >= 0x80) plain = false;
  if (plain) return r;
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp = decode_utf8(s, i);
    if (cp < 0x80) { out += static_cast<char>(cp); continue; }
    char buf[16];
    if (cp < 0x100) std::snprintf(buf, sizeof buf, "\\x%02x", cp);
    else if (cp < 0x10000) std::snprintf(buf, sizeof buf, "\\u%04x", cp);
    else std::snprintf(buf, sizeof buf, "\\U%08x", cp);
    out += buf;
  }
  return make_str(std::move(out));
}

bool isinstance(const Value& v, const Value& type_or_tuple) {
  if (is_tuple_like(type_or_tuple)) {
    for (const Value& t : tuple_items(type_or_tuple))
      if (isinstance(v, t)) return true;
    return false;
  }
  if (!type_or_tuple.is_object() || !type_or_tuple.object()->type->is_subtype_of(type_type))
    raise_type_error("isinstance() arg 2 must be a type, a tuple of types, or a union");
  return type_of(v)->is_subtype_of(static_cast<TypeObject*>(type_or_tuple.object()));
}

Value type_name(const Value& v) { return make_str(type_of(v)->name); }

std::int64_t object_id(const Value& v) {
  if (v.is_object()) return static_cast<std::int64_t>(reinterpret_cast<std::intptr_t>(v.object()));
  return static_cast<std::int64_t>(v.as_int() * 16 + static_cast<int>(v.tag()));
}

// ---- builtin functions ----------------------------------------------------------------------

static Value b_repr(const CallArgs& a) { check_nargs(a, "repr", 1, 1); return repr(a[0]); }
static Value b_ascii(const CallArgs& a) { check_nargs(a, "ascii", 1, 1); return ascii(a[0]); }
static Value b_len(const CallArgs& a) { check_nargs(a, "len", 1, 1); return Value::from_int(len(a[0])); }
static Value b_isinstance(const CallArgs& a) { check_nargs(a, "isinstance", 2, 2); return Value(isinstance(a[0], a[1])); }
static Value b_issubclass(const CallArgs& a) {
  check_nargs(a, "issubclass", 2, 2);
  if (!a[0].is_object() || !a[0].object()->type->is_subtype_of(type_type)) raise_type_error("issubclass() arg 1 must be a class");
  auto* t = static_cast<TypeObject*>(a[0].object());
  if (is_tuple_like(a[1])) {
    for (const Value& x : tuple_items(a[1]))
      if (t->is_subtype_of(static_cast<TypeObject*>(x.object()))) return Value(true);
    return Value(false);
  }
  return Value(t->is_subtype_of(static_cast<TypeObject*>(a[1].object())));
}
static Value b_abs(const CallArgs& a) {
  check_nargs(a, "abs", 1, 1);
  const Value& x = a[0];
  if (x.is_float()) return Value(std::fabs(x.as_float()));
  if (is_int_like(x)) return truthy(lt(x, Value::from_int(0))) ? neg(x) : (x.is_bool() ? Value::from_int(x.as_int()) : x);
  Value r = call_special(x, "__abs__", {});
  if (r.is_bound()) return r;
  raise_type_error("bad operand type for abs(): '" + type_of(x)->name + "'");
}

static Value min_max(const CallArgs& a, bool is_max) {
  const char* name = is_max ? "max" : "min";
  Value key, dflt;
  for (std::size_t k = 0; k < a.nkw; ++k) {
    std::string_view n = str_view(a.kw[k].first);
    if (n == "key") key = a.kw[k].second;
    else if (n == "default") dflt = a.kw[k].second;
    else raise_type_error(std::string(name) + "() got an unexpected keyword argument '" + std::string(n) + "'");
  }
  if (a.npos == 0) raise_type_error(std::string(name) + " expected at least 1 argument, got 0");
  std::vector<Value> items;
  if (a.npos == 1) items = to_vector(a[0]);
  else {
    if (dflt.is_bound()) raise_type_error(std::string("Cannot specify a default for ") + name + "() with multiple positional arguments");
    items.assign(a.pos, a.pos + a.npos);
  }
  if (items.empty()) {
    if (dflt.is_bound()) return dflt;
    raise_value_error(std::string(name) + "() arg is an empty sequence");
  }
  bool use_key = key.is_bound() && !key.is_none();
  Value best = items[0], best_k = use_key ? call(key, {best}) : best;
  for (std::size_t i = 1; i < items.size(); ++i) {
    Value k = use_key ? call(key, {items[i]}) : items[i];
    if (is_max ? lt_bool(best_k, k) : lt_bool(k, best_k)) { best = items[i]; best_k = k; }
  }
  return best;
}
static Value b_min(const CallArgs& a) { return min_max(a, false); }
static Value b_max(const CallArgs& a) { return min_max(a, true); }

static Value b_sum(const CallArgs& a) {
  Value p[2];
  parse_args(a, "sum", {"iterable", "start"}, 1, p, 1);
  Value acc = p[1].is_bound() ? p[1] : Value::from_int(0);
  if (is_str_like(acc)) raise_type_error("sum() can't sum strings [use ''.join(seq) instead]");
  Value it = iter(p[0]), x;
  while (next(it, x)) acc = add(acc, x);
  return acc;
}

static Value b_sorted(const CallArgs& a) {
  if (a.npos != 1) raise_type_error("sorted expected 1 argument, got " + std::to_string(a.npos));
  Value key, rev;
  for (std::size_t k = 0; k < a.nkw; ++k) {
    std::string_view n = str_view(a.kw[k].first);
    if (n == "key") key = a.kw[k].second;
    else if (n == "reverse") rev = a.kw[k].second;
    else raise_type_error("sort() got an unexpected keyword argument '" + std::string(n) + "'");
  }
  std::vector<Value> items = to_vector(a[0]);
  sort_values(items, key, rev.is_bound() && truthy(rev));
  return make_list(std::move(items));
}

Value builtin_callable_iter(const Value& func, const Value& sentinel);  // builtin_iters.cpp
static Value b_iter(const CallArgs& a) {
  check_nargs(a, "iter", 1, 2);
  if (a.npos == 2) return builtin_callable_iter(a[0], a[1]);
  return iter(a[0]);
}

// exit()/quit(): site's Quitter objects, which raise SystemExit(code).
static Value b_exit(const CallArgs& a) {
  check_nargs(a, "exit", 0, 1);
  if (a.npos) raise(make_exception(exc::SystemExit, {a[0]}));
  raise(make_exception(exc::SystemExit, {}));
}
static Value b_next(const CallArgs& a) {
  check_nargs(a, "next", 1, 2);
  Value out;
  if (!type_of(a[0])->next) raise_type_error("'" + type_of(a[0])->name + "' object is not an iterator");
  if (next(a[0], out)) return out;
  if (a.npos > 1) return a[1];
  raise_stop_iteration(take_stop_value(a[0]));
}

static Value b_getattr(const CallArgs& a) {
  check_nargs(a, "getattr", 2, 3);
  if (!is_str_like(a[1])) raise_type_error("attribute name must be string, not '" + type_of(a[1])->name + "'");
  if (a.npos == 3) return getattr_or(a[0], a[1], a[2]);
  return getattr(a[0], a[1]);
}
static Value b_setattr(const CallArgs& a) { check_nargs(a, "setattr", 3, 3); setattr(a[0], a[1], a[2]); return Value::none(); }
static Value b_delattr(const CallArgs& a) { check_nargs(a, "delattr", 2, 2); delattr(a[0], a[1]); return Value::none(); }
static Value b_hasattr(const CallArgs& a) {
  check_nargs(a, "hasattr", 2, 2);
  if (!is_str_like(a[1])) raise_type_error("attribute name must be string, not '" + type_of(a[1])->name + "'");
  return Value(hasattr(a[0], a[1]));
}
static Value b_callable(const CallArgs& a) { check_nargs(a, "callable", 1, 1); return Value(callable(a[0])); }
static Value b_chr(const CallArgs& a) {
  check_nargs(a, "chr", 1, 1);
  std::int64_t c = index_value(a[0]);
  if (c < 0 || c > 0x10FFFF) raise_value_error("chr() arg not in range(0x110000)");
  std::string s;
  append_utf8(s, static_cast<std::uint32_t>(c));
  return make_str(std::move(s));
}
static Value b_ord(const CallArgs& a) {
  check_nargs(a, "ord", 1, 1);
  if (!is_str_like(a[0])) raise_type_error("ord() expected string of length 1, but " + type_of(a[0])->name + " found");
  if (as_str(a[0])->length != 1)
    raise_type_error("ord() expected a character, but string of length " + std::to_string(as_str(a[0])->length) + " found");
  std::size_t i = 0;
  return Value::from_int(decode_utf8(str_data(a[0]), i));
}
static Value radix(const CallArgs& a, const char* name, const char* spec) {
  check_nargs(a, name, 1, 1);
  Value v = is_int_like(a[0]) ? a[0] : call_special(a[0], "__index__", {});  // IntEnum members
  if (!is_int_like(v)) raise_type_error("'" + type_of(a[0])->name + "' object cannot be interpreted as an integer");
  return make_str(format_int_spec(v, spec));
}
static Value b_hex(const CallArgs& a) { return radix(a, "hex", "#x"); }
static Value b_oct(const CallArgs& a) { return radix(a, "oct", "#o"); }
static Value b_bin(const CallArgs& a) { return radix(a, "bin", "#b"); }
static Value b_id(const CallArgs& a) { check_nargs(a, "id", 1, 1); return Value::from_int(object_id(a[0])); }
static Value b_hash(const CallArgs& a) { check_nargs(a, "hash", 1, 1); return Value::from_int(hash(a[0])); }

static Value b_round(const CallArgs& a) {
  Value p[2];
  parse_args(a, "round", {"number", "ndigits"}, 1, p);
  const Value& x = p[0];
  bool has_nd = p[1].is_bound() && !p[1].is_none();
  if (is_int_like(x)) {
    if (!has_nd || index_value(p[1]) >= 0) return x.is_bool() ? Value::from_int(x.as_int()) : x;
    std::int64_t nd = -index_value(p[1]);
    Value m = pow(Value::from_int(10), Value::from_int(nd));
    Value q = floordiv(x, m);  // round half to even, as CPython's int.__round__
    Value twice_r = mul(sub(x, mul(q, m)), Value::from_int(2));
    if (lt_bool(m, twice_r) || (eq_bool(twice_r, m) && truthy(mod(q, Value::from_int(2))))) q = add(q, Value::from_int(1));
    return mul(q, m);
  }
  if (!x.is_float()) {
    Value r = has_nd ? call_special(x, "__round__", {p[1]}) : call_special(x, "__round__", {});
    if (r.is_bound()) return r;
    raise_type_error("type " + type_of(x)->name + " doesn't define __round__ method");
  }
  double d = x.as_float();
  if (!has_nd) {
    if (std::isnan(d)) raise_value_error("cannot convert float NaN to integer");
    if (std::isinf(d)) raise_error(exc::OverflowError, "cannot convert float infinity to integer");
    double r = std::nearbyint(d);  // banker's rounding (default FE_TONEAREST)
    return call(Value::borrowed(int_type), {Value(r)});
  }
  std::int64_t nd = index_value(p[1]);
  if (!std::isfinite(d)) return x;
  // Correctly rounded via decimal string conversion, like CPython's double_round.
  char buf[512];
  if (nd >= 0) {
    std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(std::min<std::int64_t>(nd, 300)), d);
    return Value(std::strtod(buf, nullptr));
  }
  double m = std::pow(10.0, static_cast<double>(-nd));
  return Value(std::nearbyint(d / m) * m);
}

static Value b_divmod(const CallArgs& a) {
  check_nargs(a, "divmod", 2, 2);
  return make_tuple({floordiv(a[0], a[1]), mod(a[0], a[1])});
}
// pow(base, exp, mod) by square-and-multiply; a negative exponent uses the modular
// inverse (extended Euclid), as CPython 3.8+ does.
static Value modular_pow(const Value& base, const Value& exp, const Value& m) {
  if (!is_int_like(base) || !is_int_like(exp) || !is_int_like(m))
    raise_type_error("pow() 3rd argument not allowed unless all arguments are integers");
  if (eq_bool(m, Value::from_int(0))) raise_value_error("pow() 3rd argument cannot be 0");
  Value b = mod(base, m), e = exp;
  if (lt_bool(e, Value::from_int(0))) {
    // Inverse of b modulo |m|.
    Value am = lt_bool(m, Value::from_int(0)) ? neg(m) : m;
    Value r0 = am, r1 = mod(b, am), t0 = Value::from_int(0), t1 = Value::from_int(1);
    while (!eq_bool(r1, Value::from_int(0))) {
      Value q = floordiv(r0, r1);
      Value r2 = sub(r0, mul(q, r1)), t2 = sub(t0, mul(q, t1));
      r0 = r1; r1 = r2; t0 = t1; t1 = t2;
    }
    if (!eq_bool(r0, Value::from_int(1))) raise_value_error("base is not invertible for the given modulus");
    b = mod(t0, m);
    e = neg(e);
  }
  Value result = mod(Value::from_int(1), m);
  while (lt_bool(Value::from_int(0), e)) {
    if (truthy(bitand_(e, Value::from_int(1)))) result = mod(mul(result, b), m);
    e = rshift(e, Value::from_int(1));
    b = mod(mul(b, b), m);
  }
  return result;
}

static Value b_pow(const CallArgs& a) {
  check_nargs(a, "pow", 2, 3);
  if (a.npos == 3 && !a[2].is_none()) return modular_pow(a[0], a[1], a[2]);
  return pow(a[0], a[1]);
}
static Value b_any(const CallArgs& a) {
  check_nargs(a, "any", 1, 1);
  Value it = iter(a[0]), x;
  while (next(it, x)) if (truthy(x)) return Value(true);
  return Value(false);
}
static Value b_all(const CallArgs& a) {
  check_nargs(a, "all", 1, 1);
  Value it = iter(a[0]), x;
  while (next(it, x)) if (!truthy(x)) return Value(false);
  return Value(true);
}
static Value b_format(const CallArgs& a) {
  check_nargs(a, "format", 1, 2);
  return format(a[0], a.npos > 1 ? a[1] : Value());
}
static Value b_input(const CallArgs& a) {
  check_nargs(a, "input", 0, 1);
  if (a.npos) stdout_write(str_data(str(a[0])));
  stdout_flush();
  std::string line;
  int c;
  while ((c = std::getchar()) != EOF && c != '\n') line += static_cast<char>(c);
  if (c == EOF && line.empty()) raise_error(exc::EOFError, "EOF when reading a line");
  return make_str(std::move(line));
}
static Value b_vars(const CallArgs& a) {
  check_nargs(a, "vars", 1, 1);
  return getattr(a[0], str_lit("__dict__", 8));
}
static Value b_dir(const CallArgs& a) {
  check_nargs(a, "dir", 1, 1);
  std::vector<Value> names;
  Value seen = make_dict();
  auto add_keys = [&](const Value& d) {
    if (!d.is_bound()) return;
    for (auto& e : dict_table(d).entries()) if (e.key.is_bound()) dict_setitem(seen, e.key, Value::none());
  };
  if (Value* d = a[0].is_object() ? a[0].object()->instance_dict() : nullptr) add_keys(*d);
  for (TypeObject* t : type_of(a[0])->mro) add_keys(t->dict);
  for (auto& e : dict_table(seen).entries()) if (e.key.is_bound()) names.push_back(e.key);
  sort_values(names, Value(), false);
  return make_list(std::move(names));
}

Value builtin_enumerate(const CallArgs& a);  // builtin_iters.cpp
Value builtin_zip(const CallArgs& a);
Value builtin_map(const CallArgs& a);
Value builtin_filter(const CallArgs& a);
Value builtin_reversed(const CallArgs& a);
void add_async_builtins(const Value& builtins);  // asyncio/async_builtins.cpp

static Value& builtins_value() {
  static Value* m = new Value();
  return *m;
}

Value builtins_module() { return builtins_value(); }

Value lookup_builtin(const Value& name) {
  Value m = builtins_value();
  Value v = dict_get(static_cast<ModuleObject*>(m.object())->dict, name);
  if (v.is_bound()) return v;
  raise_name_error(str_view(name));
}

Value lookup_builtin(std::string_view name) { return lookup_builtin(intern(name)); }

static Value create_builtins() { return builtins_value(); }

void init_builtins_module() {
  Value m = make_module("builtins");
  builtins_value() = m;
  struct Fn { const char* name; NativeFn fn; };
  static const Fn fns[] = {
      {"print", &builtin_print}, {"repr", &b_repr}, {"ascii", &b_ascii}, {"len", &b_len},
      {"isinstance", &b_isinstance}, {"issubclass", &b_issubclass}, {"abs", &b_abs}, {"min", &b_min},
      {"max", &b_max}, {"sum", &b_sum}, {"sorted", &b_sorted}, {"iter", &b_iter}, {"next", &b_next},
      {"getattr", &b_getattr}, {"setattr", &b_setattr}, {"delattr", &b_delattr}, {"hasattr", &b_hasattr},
      {"callable", &b_callable}, {"chr", &b_chr}, {"ord", &b_ord}, {"hex", &b_hex}, {"oct", &b_oct},
      {"bin", &b_bin}, {"id", &b_id}, {"hash", &b_hash}, {"round", &b_round}, {"divmod", &b_divmod},
      {"pow", &b_pow}, {"any", &b_any}, {"all", &b_all}, {"format", &b_format}, {"input", &b_input},
      {"vars", &b_vars}, {"dir", &b_dir}, {"enumerate", &builtin_enumerate}, {"zip", &builtin_zip},
      {"map", &builtin_map}, {"filter", &builtin_filter}, {"reversed", &builtin_reversed},
      {"exit", &b_exit}, {"quit", &b_exit},
  };
  for (const Fn& f : fns) module_add_function(m, f.name, f.fn);
  add_async_builtins(m);  // aiter, anext (asyncio/async_builtins.cpp)
  struct Ty { const char* name; TypeObject* t; };
  const Ty types[] = {
      {"type", type_type}, {"object", object_type}, {"bool", bool_type}, {"int", int_type},
      {"float", float_type}, {"str", str_type}, {"bytes", bytes_type}, {"list", list_type},
      {"tuple", tuple_type}, {"dict", dict_type}, {"set", set_type}, {"frozenset", frozenset_type},
      {"range", range_type}, {"slice", slice_type}, {"property", property_type},
      {"staticmethod", staticmethod_type}, {"classmethod", classmethod_type}, {"super", super_type},
  };
  for (const Ty& t : types) module_add(m, t.name, Value::borrowed(t.t));
  const char* exc_names[] = {
      "BaseException", "Exception", "ArithmeticError", "ZeroDivisionError", "OverflowError", "LookupError",
      "IndexError", "KeyError", "ValueError", "UnicodeError", "UnicodeDecodeError", "UnicodeEncodeError",
      "TypeError", "NameError", "UnboundLocalError", "AttributeError", "RuntimeError", "NotImplementedError",
      "RecursionError", "StopIteration", "StopAsyncIteration", "GeneratorExit", "KeyboardInterrupt",
      "SystemExit", "AssertionError", "ImportError", "ModuleNotFoundError", "OSError", "IOError",
      "EnvironmentError", "FileNotFoundError", "FileExistsError", "PermissionError", "ConnectionError",
      "ConnectionRefusedError", "ConnectionResetError", "BrokenPipeError", "InterruptedError", "TimeoutError",
      "BlockingIOError", "ChildProcessError", "ConnectionAbortedError", "IsADirectoryError",
      "NotADirectoryError", "ProcessLookupError",
      "EOFError", "MemoryError", "BufferError", "Warning", "UserWarning", "DeprecationWarning",
      "RuntimeWarning", "BaseExceptionGroup", "ExceptionGroup", "SyntaxError", "IndentationError",
      "TabError", "SystemError", "ReferenceError", "FloatingPointError", "UnicodeTranslateError",
      "BytesWarning", "EncodingWarning", "FutureWarning", "ImportWarning", "PendingDeprecationWarning",
      "ResourceWarning", "SyntaxWarning", "UnicodeWarning"};
  for (const char* n : exc_names) module_add(m, n, Value::borrowed(builtin_exception(n)));
  module_add(m, "None", Value::none());
  module_add(m, "True", Value(true));
  module_add(m, "False", Value(false));
  module_add(m, "NotImplemented", not_implemented());
  module_add(m, "Ellipsis", ellipsis());
  module_add(m, "__debug__", Value(true));  // python3 without -O
  module_add(m, "__name__", str_lit("builtins", 8));
  register_module("builtins", &create_builtins);
}

Value builtin(std::string_view name) { return lookup_builtin(name); }

}  // namespace aio

namespace aio {
std::string to_std_string(const Value& v) { return str_data(str(v)); }
std::string repr_std(const Value& v) { return str_data(repr(v)); }
}  // namespace aio
