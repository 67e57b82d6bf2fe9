// The format-spec mini-language (int, float, str), conversions, str.format, %-formatting
// and join_strs for f-strings.
#include "aio/format.hpp"

#include <cmath>
#include <cstdlib>
#include <cstdio>

#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/float.hpp"
#include "aio/int.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {

namespace {
struct Spec {
  std::string fill = " ";
  char align = 0;
  char sign = 0;
  bool alt = false;
  bool zero = false;
  std::int64_t width = -1;
  char grouping = 0;
  std::int64_t precision = -1;
  char type = 0;
};

Spec parse_spec(std::string_view s) {
  Spec sp;
  std::size_t i = 0;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
  if (!s.empty()) {
    std::size_t j = 0;
    decode_utf8(s, j);
    if (j < s.size() && is_align(s[j])) {
      sp.fill = std::string(s.substr(0, j));
      sp.align = s[j];
      i = j + 1;
    } else if (is_align(s[0])) {
      sp.align = s[0];
      i = 1;
    }
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) sp.sign = s[i++];
  if (i < s.size() && s[i] == '#') { sp.alt = true; ++i; }
  if (i < s.size() && s[i] == '0') {
    sp.zero = true;
    if (!sp.align) { sp.fill = "0"; sp.align = '='; }
    ++i;
  }
  std::int64_t w = 0;
  bool has_w = false;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') { w = w * 10 + (s[i++] - '0'); has_w = true; }
  if (has_w) sp.width = w;
  if (i < s.size() && (s[i] == ',' || s[i] == '_')) sp.grouping = s[i++];
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::int64_t p = 0;
    bool any = false;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') { p = p * 10 + (s[i++] - '0'); any = true; }
    if (!any) raise_value_error("Format specifier missing precision");
    sp.precision = p;
  }
  if (i < s.size()) sp.type = s[i++];
  if (i < s.size()) raise_value_error("Invalid format specifier '" + std::string(s) + "' for object of type '%T'");
  return sp;
}

std::string pad(const std::string& body, const Spec& sp, char default_align, std::size_t sign_len = 0) {
  std::int64_t len = utf8_length(body);
  if (sp.width <= len) return body;
  std::int64_t n = sp.width - len;
  char align = sp.align ? sp.align : default_align;
  std::string fill;
  auto rep = [&](std::int64_t k) { std::string r; for (std::int64_t x = 0; x < k; ++x) r += sp.fill; return r; };
  switch (align) {
    case '<': return body + rep(n);
    case '>': return rep(n) + body;
    case '^': return rep(n / 2) + body + rep(n - n / 2);
    case '=': return body.substr(0, sign_len) + rep(n) + body.substr(sign_len);
  }
  return body;
}

std::string group_digits(const std::string& digits, char sep, int every) {
  std::string out;
  int count = 0;
  for (std::size_t i = digits.size(); i-- > 0;) {
    if (count && count % every == 0) out += sep;
    out += digits[i];
    ++count;
  }
  return std::string(out.rbegin(), out.rend());
}

// Applies sign, grouping and padding to a formatted magnitude ("123.45").
std::string finish_number(bool negative, std::string mag, const Spec& sp, const std::string& prefix) {
  if (sp.grouping) {
    std::size_t end = mag.find_first_of(".eE%");
    std::string ip = mag.substr(0, end), rest = end == std::string::npos ? "" : mag.substr(end);
    int every = (sp.type == 'x' || sp.type == 'X' || sp.type == 'o' || sp.type == 'b') ? 4 : 3;
    mag = group_digits(ip, sp.grouping, every) + rest;
  }
  std::string sign = negative ? "-" : sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "";
  std::string body = sign + prefix + mag;
  if (sp.align == '=' && sp.fill == "0" && sp.grouping && sp.width > 0) {
    // Zero padding with grouping inserts separators into the padding too.
    std::int64_t want = sp.width - static_cast<std::int64_t>(sign.size() + prefix.size());
    std::string digits = mag;
    std::size_t end = digits.find_first_of(".eE%");
    std::string ip = digits.substr(0, end), rest = end == std::string::npos ? "" : digits.substr(end);
    std::string raw;
    for (char c : ip) if (c != sp.grouping) raw += c;
    std::string g = group_digits(raw, sp.grouping, 3) + rest;
    while (static_cast<std::int64_t>(g.size()) < want) {
      raw = "0" + raw;
      g = group_digits(raw, sp.grouping, 3) + rest;
    }
    return sign + prefix + g;
  }
  return pad(body, sp, '>', sign.size() + prefix.size());
}
}  // namespace

std::string format_str_spec(std::string_view s, std::string_view spec) {
  Spec sp = parse_spec(spec);
  if (sp.type && sp.type != 's') raise_value_error(std::string("Unknown format code '") + sp.type + "' for object of type 'str'");
  if (sp.sign) raise_value_error("Sign not allowed in string format specifier");
  if (sp.align == '=') raise_value_error("'=' alignment not allowed in string format specifier");
  std::string body(s);
  if (sp.precision >= 0) {
    std::size_t i = 0;
    for (std::int64_t k = 0; k < sp.precision && i < body.size(); ++k) decode_utf8(body, i);
    body.resize(i);
  }
  return pad(body, sp, '<');
}

std::string format_float_spec(double d, std::string_view spec) {
  Spec sp = parse_spec(spec);
  char type = sp.type;
  bool neg = std::signbit(d) && !std::isnan(d);
  double a = std::fabs(d);
  std::string mag;
  char buf[512];
  if (type == 0 && sp.precision < 0) {
    mag = float_repr(a);
  } else {
    int prec = sp.precision < 0 ? 6 : static_cast<int>(sp.precision);
    char t = type == 0 ? 'g' : type == 'n' ? 'g' : type;
    if (t == '%') {
      std::snprintf(buf, sizeof buf, sp.alt ? "%#.*f" : "%.*f", prec, a * 100);
      mag = std::string(buf) + "%";
    } else if (t == 'f' || t == 'F' || t == 'e' || t == 'E' || t == 'g' || t == 'G') {
      if (type == 0 && prec == 0) prec = 1;
      char fmt[8] = "%.*";
      std::size_t k = 3;
      if (sp.alt) { fmt[1] = '#'; fmt[2] = '.'; fmt[3] = '*'; k = 4; }
      fmt[k] = t;
      fmt[k + 1] = 0;
      std::snprintf(buf, sizeof buf, fmt, prec, a);
      mag = buf;
      if (type == 0 && mag.find_first_of(".e") == std::string::npos && std::isfinite(a)) mag += ".0";
    } else {
      raise_value_error(std::string("Unknown format code '") + type + "' for object of type 'float'");
    }
  }
  if (std::isinf(a)) mag = (type == 'F' || type == 'E' || type == 'G') ? "INF" : "inf";
  if (std::isnan(a)) mag = (type == 'F' || type == 'E' || type == 'G') ? "NAN" : "nan";
  return finish_number(neg, mag, sp, "");
}

std::string format_int_spec(const Value& v, std::string_view spec) {
  Spec sp = parse_spec(spec);
  char type = sp.type;
  if (type == 'e' || type == 'E' || type == 'f' || type == 'F' || type == 'g' || type == 'G' || type == '%')
    return format_float_spec(int_to_double(v), spec);
  if (type == 'c') {
    std::string s;
    append_utf8(s, static_cast<std::uint32_t>(to_i64(v)));
    return pad(s, sp, '<');
  }
  if (sp.precision >= 0) raise_value_error("Precision not allowed in integer format specifier");
  BigInt b = to_bigint(v);
  bool neg = b.negative;
  b.negative = false;
  int base = 10;
  std::string prefix;
  switch (type) {
    case 0: case 'd': case 'n': break;
    case 'x': base = 16; prefix = sp.alt ? "0x" : ""; break;
    case 'X': base = 16; prefix = sp.alt ? "0X" : ""; break;
    case 'o': base = 8; prefix = sp.alt ? "0o" : ""; break;
    case 'b': base = 2; prefix = sp.alt ? "0b" : ""; break;
    default:
      raise_value_error(std::string("Unknown format code '") + type + "' for object of type '" + type_of(v)->name + "'");
  }
  std::string mag = b.to_string(base);
  if (type == 'X') for (char& c : mag) if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 32);
  return finish_number(neg, mag, sp, prefix);
}

Value format(const Value& v, std::string_view spec) {
  TypeObject* t = type_of(v);
  if (t->is_heap) {
    Value r = call_special(v, "__format__", {make_str(spec)});
    if (r.is_bound()) {
      if (!is_str_like(r)) raise_type_error("__format__ must return a str, not " + type_of(r)->name);
      return r;
    }
  }
  if (spec.empty()) return str(v);
  try {
    if (v.is_bool() && spec.find_first_of("bcdoxXn") == std::string_view::npos) return make_str(format_str_spec(str_data(str(v)), spec));
    if (is_int_like(v)) return make_str(format_int_spec(v, spec));
    if (v.is_float()) return make_str(format_float_spec(v.as_float(), spec));
    if (is_str_like(v)) return make_str(format_str_spec(str_data(v), spec));
  } catch (PyException& e) {
    // Fill in the type name of "Invalid format specifier" messages.
    std::string msg = str_data(str(e.value()));
    std::size_t at = msg.find("%T");
    if (at == std::string::npos) throw;
    msg.replace(at, 2, t->name);
    raise_value_error(msg);
  }
  raise_type_error("unsupported format string passed to " + t->name + ".__format__");
}

Value format(const Value& v, const Value& spec) {
  if (!spec.is_bound()) return format(v, std::string_view());
  return format(v, str_view(spec));
}

Value join_strs(std::initializer_list<Value> parts) {
  std::size_t n = 0;
  for (const Value& p : parts) n += str_data(p).size();
  std::string out;
  out.reserve(n);
  for (const Value& p : parts) out += str_data(p);
  return make_str(std::move(out));
}

Value convert(const Value& v, char conversion) {
  switch (conversion) {
    case 'r': return repr(v);
    case 'a': return ascii(v);
    default: return str(v);
  }
}

Value str_format(const Value& fmt, const CallArgs& args, const Value& mapping) {
  const std::string& f = str_data(fmt);
  std::string out;
  std::size_t auto_index = 0;
  bool used_auto = false, used_manual = false;
  for (std::size_t i = 0; i < f.size(); ++i) {
    char c = f[i];
    if (c == '}') {
      if (i + 1 < f.size() && f[i + 1] == '}') { out += '}'; ++i; continue; }
      raise_value_error("Single '}' encountered in format string");
    }
    if (c != '{') { out += c; continue; }
    if (i + 1 < f.size() && f[i + 1] == '{') { out += '{'; ++i; continue; }
    if (i + 1 == f.size()) raise_value_error("Single '{' encountered in format string");
    std::size_t j = i + 1;
    int depth = 1;
    while (j < f.size() && depth) {
      if (f[j] == '{') ++depth;
      else if (f[j] == '}') --depth;
      if (depth) ++j;
    }
    if (j >= f.size()) raise_value_error("expected '}' before end of string");
    std::string field = f.substr(i + 1, j - i - 1);
    i = j;
    std::string spec;
    char conv = 0;
    std::size_t colon = field.find(':');
    if (colon != std::string::npos) { spec = field.substr(colon + 1); field.resize(colon); }
    std::size_t bang = field.find('!');
    if (bang != std::string::npos) { conv = field.size() > bang + 1 ? field[bang + 1] : 0; field.resize(bang); }
    std::size_t name_end = field.find_first_of(".[");
    std::string head = field.substr(0, name_end);
    Value v;
    if (head.empty()) {
      if (used_manual) raise_value_error("cannot switch from manual field specification to automatic field numbering");
      used_auto = true;
      if (auto_index >= args.npos) raise_index_error("Replacement index " + std::to_string(auto_index) + " out of range for positional args tuple");
      v = args.pos[auto_index++];
    } else if (head[0] >= '0' && head[0] <= '9') {
      if (used_auto) raise_value_error("cannot switch from automatic field numbering to manual field specification");
      used_manual = true;
      std::size_t k = std::stoul(head);
      if (k >= args.npos) raise_index_error("Replacement index " + head + " out of range for positional args tuple");
      v = args.pos[k];
    } else if (mapping.is_bound()) {
      v = getitem(mapping, make_str(head));  // format_map: the mapping's own lookup (__missing__)
    } else {
      for (std::size_t k = 0; k < args.nkw; ++k)
        if (str_view(args.kw[k].first) == head) v = args.kw[k].second;
      if (!v.is_bound()) raise_key_error(make_str(head));
    }
    std::size_t p = name_end;
    while (p != std::string::npos && p < field.size()) {
      if (field[p] == '.') {
        std::size_t e = field.find_first_of(".[", p + 1);
        v = getattr(v, make_str(field.substr(p + 1, e == std::string::npos ? std::string::npos : e - p - 1)));
        p = e;
      } else {
        std::size_t e = field.find(']', p);
        std::string key = field.substr(p + 1, e - p - 1);
        bool numeric = !key.empty() && key.find_first_not_of("0123456789") == std::string::npos;
        v = getitem(v, numeric ? Value::from_int(std::stoll(key)) : make_str(key));
        p = e + 1 < field.size() ? e + 1 : std::string::npos;
      }
    }
    if (spec.find('{') != std::string::npos) spec = str_data(str_format(make_str(spec), args, mapping));
    if (conv) v = convert(v, conv);
    out += str_data(format(v, std::string_view(spec)));
  }
  return make_str(std::move(out));
}

// printf-style `str % args`.
Value percent_format(const Value& fmt, const Value& args) {
  const std::string& f = str_data(fmt);
  std::vector<Value> items;
  bool is_map = false;
  if (is_tuple_like(args)) items = tuple_items(args);
  else { items.push_back(args); is_map = type_of(args)->getitem && !is_str_like(args) && type_of(args)->name == "dict"; }
  std::size_t k = 0;
  std::string out;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%') { out += f[i]; continue; }
    if (++i >= f.size()) raise_value_error("incomplete format");
    Value v;
    if (f[i] == '(') {
      std::size_t e = f.find(')', i);
      v = getitem(args, make_str(f.substr(i + 1, e - i - 1)));
      i = e + 1;
    }
    std::size_t start = i;
    while (i < f.size() && std::string_view("-+ #0123456789.*").find(f[i]) != std::string_view::npos) ++i;
    std::string flags = f.substr(start, i - start);
    if (i >= f.size()) raise_value_error("incomplete format");
    // '*' takes the width (or precision) from the arguments.
    for (std::size_t star; (star = flags.find('*')) != std::string::npos;) {
      if (k >= items.size()) raise_type_error("not enough arguments for format string");
      Value w = items[k++];
      if (!is_int_like(w)) raise_type_error("* wants int");
      flags.replace(star, 1, std::to_string(to_i64(w)));
    }
    char t = f[i];
    if (t == '%') { out += '%'; continue; }
    if (!v.is_bound()) {
      if (k >= items.size()) raise_type_error("not enough arguments for format string");
      v = items[k++];
    }
    std::string spec;
    std::string fl = flags;
    char align = '>';
    if (!fl.empty() && fl[0] == '-') { align = '<'; fl.erase(0, 1); }
    std::string body;
    // Int subclass instances that are not int objects (IntEnum members) convert as their int.
    bool text = t == 's' || t == 'r' || t == 'a' || t == 'c';
    if (!text && !is_number(v) && type_of(v)->is_subtype_of(int_type)) v = call(Value::borrowed(int_type), {v});
    switch (t) {
      case 's': body = str_data(str(v)); break;
      case 'r': body = str_data(repr(v)); break;
      case 'a': body = str_data(ascii(v)); break;
      case 'd': case 'i': case 'u':
        if (!is_number(v)) raise_type_error("%" + std::string(1, t) + " format: a real number is required, not " + type_of(v)->name);
        body = format_int_spec(v.is_float() ? call(Value::borrowed(int_type), {v}) : v, fl);
        break;
      case 'x': case 'X': case 'o':
        body = format_int_spec(v, fl + t);
        break;
      case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
        if (fl.find('.') == std::string::npos) fl += ".6";
        body = format_float_spec(to_double(v), fl + t);
        break;
      case 'c': body = is_str_like(v) ? str_data(v) : format_int_spec(v, "c"); break;
      default: {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%x", static_cast<unsigned char>(t));
        raise_value_error(std::string("unsupported format character '") + t + "' (" + hex + ") at index " +
                          std::to_string(i));
      }
    }
    if (t == 's' || t == 'r' || t == 'a' || t == 'c') {
      std::size_t w = 0;
      for (char ch : fl) if (ch >= '0' && ch <= '9') w = w * 10 + (ch - '0'); else if (ch == '.') break;
      std::size_t dot = fl.find('.');
      if (dot != std::string::npos) {  // precision truncates to that many code points
        std::int64_t prec = std::atoll(fl.c_str() + dot + 1);
        std::size_t cut = 0;
        for (std::int64_t n = 0; cut < body.size() && n < prec; ++n)
          do ++cut; while (cut < body.size() && (static_cast<unsigned char>(body[cut]) & 0xc0) == 0x80);
        body.resize(cut);
      }
      std::int64_t len = utf8_length(body);
      if (static_cast<std::int64_t>(w) > len) body = align == '<' ? body + std::string(w - len, ' ') : std::string(w - len, ' ') + body;
    } else if (align == '<') {
      std::size_t b = body.find_first_not_of(' ');
      std::size_t pad_n = b == std::string::npos ? 0 : b;
      body = body.substr(pad_n) + std::string(pad_n, ' ');
    }
    out += body;
  }
  if (!is_map && k < items.size()) raise_type_error("not all arguments converted during string formatting");
  return make_str(std::move(out));
}

}  // namespace aio
