#include "ast/py_repr.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>

#include "ast/utf8.hpp"

namespace aioc::ast {

namespace {

struct Range {
  char32_t first;
  char32_t last;
};

constexpr Range kNonPrintable[] = {
#include "ast/unicode_printable.inc"
};

std::string hex_escape(const char* prefix, unsigned value, int digits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s%0*x", prefix, digits, value);
  return buf;
}

char quote_for(std::string_view s) {
  bool single = s.find('\'') != std::string_view::npos;
  bool dbl = s.find('"') != std::string_view::npos;
  return single && !dbl ? '"' : '\'';
}

// Shortest round-trip digits of a finite positive double and its decimal exponent:
// value = 0.d1d2...dn * 10^decpt (decpt as in dtoa).
void shortest_digits(double v, std::string& digits, int& decpt) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string_view s(buf, static_cast<std::size_t>(res.ptr - buf));
  std::size_t e = s.find('e');
  digits.clear();
  for (char c : s.substr(0, e))
    if (c != '.') digits += c;
  decpt = std::atoi(std::string(s.substr(e + 1)).c_str()) + 1;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
}

// CPython's float_repr_style 'short' with format code 'r'.
std::string format_r(double v, bool add_dot_zero) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::string sign = std::signbit(v) ? "-" : "";
  v = std::fabs(v);
  if (v == 0) return sign + (add_dot_zero ? "0.0" : "0");
  std::string digits;
  int decpt = 0;
  shortest_digits(v, digits, decpt);
  int n = static_cast<int>(digits.size());
  if (decpt <= -4 || decpt > 16) {
    std::string out = sign + digits.substr(0, 1);
    if (n > 1) out += "." + digits.substr(1);
    int exp = decpt - 1;
    char buf[16];
    std::snprintf(buf, sizeof buf, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    return out + buf;
  }
  if (decpt <= 0) return sign + "0." + std::string(static_cast<std::size_t>(-decpt), '0') + digits;
  if (decpt >= n) {
    std::string out = sign + digits + std::string(static_cast<std::size_t>(decpt - n), '0');
    return add_dot_zero ? out + ".0" : out;
  }
  return sign + digits.substr(0, decpt) + "." + digits.substr(decpt);
}

}  // namespace

bool py_is_printable(char32_t cp) {
  auto it = std::upper_bound(std::begin(kNonPrintable), std::end(kNonPrintable), cp,
                             [](char32_t c, const Range& r) { return c < r.first; });
  if (it == std::begin(kNonPrintable)) return true;
  --it;
  return !(cp >= it->first && cp <= it->last);
}

std::string py_repr_str(std::string_view utf8) {
  char quote = quote_for(utf8);
  std::string out(1, quote);
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t cp = next_code_point(utf8, i);
    if (cp == static_cast<char32_t>(quote) || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp < 0x20 || cp == 0x7F) {
      out += hex_escape("\\x", cp, 2);
    } else if (cp < 0x7F || py_is_printable(cp)) {
      append_utf8(out, cp);
    } else if (cp <= 0xFF) {
      out += hex_escape("\\x", cp, 2);
    } else if (cp <= 0xFFFF) {
      out += hex_escape("\\u", cp, 4);
    } else {
      out += hex_escape("\\U", cp, 8);
    }
  }
  return out + quote;
}

std::string py_repr_bytes(std::string_view bytes) {
  char quote = quote_for(bytes);
  std::string out = "b";
  out += quote;
  for (unsigned char c : bytes) {
    if (c == static_cast<unsigned char>(quote) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c >= 0x7F) {
      out += hex_escape("\\x", c, 2);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + quote;
}

std::string py_repr_float(double value) { return format_r(value, true); }

std::string py_repr_imag(double imag) { return format_r(imag, false) + "j"; }

}  // namespace aioc::ast
