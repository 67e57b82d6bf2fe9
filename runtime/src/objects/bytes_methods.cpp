// bytes methods besides decode/hex (bytes_object.cpp): split/rsplit, strip family,
// startswith/endswith, find/rfind/index/count, replace, join, upper/lower, fromhex.
// Whitespace is ASCII whitespace, as for CPython's bytes.
#include <algorithm>

#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"
#include "sequence_util.hpp"

namespace aio {
namespace {

bool is_space(char c) { return c == ' ' || (c >= 9 && c <= 13); }

const std::string& bytes_arg(const Value& v) {
  if (!is_bytes_like(v)) raise_type_error(std::string("a bytes-like object is required, not '") + type_of(v)->name + "'");
  return bytes_data(v);
}

Value m_split_impl(const CallArgs& a, bool right) {
  Value p[3];
  parse_args(a, right ? "rsplit" : "split", {"self", "sep", "maxsplit"}, 1, p);
  const std::string& s = bytes_data(p[0]);
  std::int64_t maxsplit = p[2].is_bound() ? index_value(p[2]) : -1;
  std::vector<std::string> parts;
  if (!p[1].is_bound() || p[1].is_none()) {
    std::string text = s;
    if (right) std::reverse(text.begin(), text.end());
    std::size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && is_space(text[i])) ++i;
      if (i >= text.size()) break;
      if (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) == maxsplit) {
        std::size_t end = text.size();
        parts.push_back(text.substr(i, end - i));
        break;
      }
      std::size_t j = i;
      while (j < text.size() && !is_space(text[j])) ++j;
      parts.push_back(text.substr(i, j - i));
      i = j;
    }
    if (right) {
      for (auto& part : parts) std::reverse(part.begin(), part.end());
      std::reverse(parts.begin(), parts.end());
    }
  } else {
    const std::string& sep = bytes_arg(p[1]);
    if (sep.empty()) raise_value_error("empty separator");
    if (!right) {
      std::size_t start = 0;
      for (std::int64_t n = 0;; ++n) {
        std::size_t at = (maxsplit >= 0 && n >= maxsplit) ? std::string::npos : s.find(sep, start);
        if (at == std::string::npos) break;
        parts.push_back(s.substr(start, at - start));
        start = at + sep.size();
      }
      parts.push_back(s.substr(start));
    } else {
      std::size_t end = s.size();
      for (std::int64_t n = 0; !(maxsplit >= 0 && n >= maxsplit) && end >= sep.size(); ++n) {
        std::size_t at = s.rfind(sep, end - sep.size());
        if (at == std::string::npos) break;
        parts.push_back(s.substr(at + sep.size(), end - at - sep.size()));
        end = at;
      }
      parts.push_back(s.substr(0, end));
      std::reverse(parts.begin(), parts.end());
    }
  }
  std::vector<Value> out;
  for (auto& part : parts) out.push_back(make_bytes(std::move(part)));
  return make_list(std::move(out));
}
Value m_split(const CallArgs& a) { return m_split_impl(a, false); }
Value m_rsplit(const CallArgs& a) { return m_split_impl(a, true); }

Value strip_impl(const CallArgs& a, const char* name, bool left, bool right) {
  check_nargs(a, name, 1, 2);
  const std::string& s = bytes_data(a[0]);
  bool default_chars = a.npos < 2 || a[1].is_none();
  std::string chars = default_chars ? std::string() : bytes_arg(a[1]);
  auto strip = [&](char c) { return default_chars ? is_space(c) : chars.find(c) != std::string::npos; };
  std::size_t b = 0, e = s.size();
  if (left) while (b < e && strip(s[b])) ++b;
  if (right) while (e > b && strip(s[e - 1])) --e;
  return make_bytes(s.substr(b, e - b));
}
Value m_strip(const CallArgs& a) { return strip_impl(a, "strip", true, true); }
Value m_lstrip(const CallArgs& a) { return strip_impl(a, "lstrip", true, false); }
Value m_rstrip(const CallArgs& a) { return strip_impl(a, "rstrip", false, true); }

// The [start, end) window of s that start/end arguments select (slice rules).
std::pair<std::size_t, std::size_t> window(const std::string& s, const CallArgs& a, std::size_t first) {
  auto n = static_cast<std::int64_t>(s.size());
  auto clamp = [n](std::int64_t i) { return i < 0 ? std::max<std::int64_t>(0, i + n) : std::min(i, n); };
  std::int64_t b = a.npos > first && !a[first].is_none() ? clamp(index_value(a[first])) : 0;
  std::int64_t e = a.npos > first + 1 && !a[first + 1].is_none() ? clamp(index_value(a[first + 1])) : n;
  return {static_cast<std::size_t>(b), static_cast<std::size_t>(std::max(b, e))};
}

Value affix_impl(const CallArgs& a, const char* name, bool prefix) {
  check_nargs(a, name, 2, 4);
  const std::string& s = bytes_data(a[0]);
  auto [b, e] = window(s, a, 2);
  std::string_view w = std::string_view(s).substr(b, e - b);
  std::vector<Value> options = is_tuple(a[1]) ? tuple_items(a[1]) : std::vector<Value>{a[1]};
  for (const Value& o : options) {
    if (!is_bytes_like(o))
      raise_type_error(std::string(name) + " first arg must be bytes or a tuple of bytes, not " + type_of(o)->name);
    const std::string& x = bytes_data(o);
    if (x.size() <= w.size() && (prefix ? w.substr(0, x.size()) == x : w.substr(w.size() - x.size()) == x))
      return Value(true);
  }
  return Value(false);
}
Value m_startswith(const CallArgs& a) { return affix_impl(a, "startswith", true); }
Value m_endswith(const CallArgs& a) { return affix_impl(a, "endswith", false); }

// The needle as bytes: a bytes object or an int in range(256).
std::string needle(const Value& v) {
  if (is_int_like(v)) {
    std::int64_t c = to_i64(v);
    if (c < 0 || c > 255) raise_value_error("byte must be in range(0, 256)");
    return std::string(1, static_cast<char>(c));
  }
  return bytes_arg(v);
}

std::int64_t find_impl(const CallArgs& a, const char* name, bool reverse) {
  check_nargs(a, name, 2, 4);
  const std::string& s = bytes_data(a[0]);
  std::string sub = needle(a[1]);
  auto [b, e] = window(s, a, 2);
  if (sub.size() > e - b) return -1;
  std::string_view w = std::string_view(s).substr(b, e - b);
  std::size_t at = reverse ? w.rfind(sub) : w.find(sub);
  return at == std::string_view::npos ? -1 : static_cast<std::int64_t>(b + at);
}
Value m_find(const CallArgs& a) { return Value::from_int(find_impl(a, "find", false)); }
Value m_rfind(const CallArgs& a) { return Value::from_int(find_impl(a, "rfind", true)); }
Value m_index(const CallArgs& a) {
  std::int64_t i = find_impl(a, "index", false);
  if (i < 0) raise_value_error("subsection not found");
  return Value::from_int(i);
}

Value m_count(const CallArgs& a) {
  check_nargs(a, "count", 2, 4);
  const std::string& s = bytes_data(a[0]);
  std::string sub = needle(a[1]);
  auto [b, e] = window(s, a, 2);
  std::string_view w = std::string_view(s).substr(b, e - b);
  if (sub.empty()) return Value::from_int(static_cast<std::int64_t>(w.size()) + 1);
  std::int64_t n = 0;
  for (std::size_t at = w.find(sub); at != std::string_view::npos; at = w.find(sub, at + sub.size())) ++n;
  return Value::from_int(n);
}

Value m_replace(const CallArgs& a) {
  check_nargs(a, "replace", 3, 4);
  const std::string& s = bytes_data(a[0]);
  const std::string& old = bytes_arg(a[1]);
  const std::string& rep = bytes_arg(a[2]);
  std::int64_t limit = a.npos > 3 ? index_value(a[3]) : -1;
  std::string out;
  std::size_t pos = 0;
  std::int64_t n = 0;
  if (old.empty()) {  // inserted before every byte and at the end, as CPython
    for (std::size_t i = 0; i <= s.size(); ++i) {
      if (limit < 0 || n < limit) { out += rep; ++n; }
      if (i < s.size()) out += s[i];
    }
    return make_bytes(std::move(out));
  }
  for (std::size_t at = s.find(old); at != std::string::npos && (limit < 0 || n < limit); at = s.find(old, pos)) {
    out.append(s, pos, at - pos);
    out += rep;
    pos = at + old.size();
    ++n;
  }
  out.append(s, pos, std::string::npos);
  return make_bytes(std::move(out));
}

Value m_join(const CallArgs& a) {
  check_nargs(a, "join", 2, 2);
  const std::string& sep = bytes_data(a[0]);
  std::string out;
  Value it = iter(a[1]), item;
  for (std::size_t n = 0; next(it, item); ++n) {
    if (!is_bytes_like(item))
      raise_type_error("sequence item " + std::to_string(n) + ": expected a bytes-like object, " + type_of(item)->name +
                       " found");
    if (n) out += sep;
    out += bytes_data(item);
  }
  return make_bytes(std::move(out));
}

Value case_impl(const CallArgs& a, const char* name, bool upper) {
  check_nargs(a, name, 1, 1);
  std::string s = bytes_data(a[0]);
  for (char& c : s) {
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return make_bytes(std::move(s));
}
Value m_upper(const CallArgs& a) { return case_impl(a, "upper", true); }
Value m_lower(const CallArgs& a) { return case_impl(a, "lower", false); }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// bytes.fromhex: pairs of hex digits, ASCII whitespace allowed between pairs.
Value m_fromhex(const CallArgs& a) {
  check_nargs(a, "fromhex", 2, 2);
  if (!is_str_like(a[1])) raise_type_error("fromhex() argument must be str, not " + type_of(a[1])->name);
  const std::string& s = str_data(a[1]);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (is_space(s[i])) { ++i; continue; }
    int hi = hex_digit(s[i]), lo = i + 1 < s.size() ? hex_digit(s[i + 1]) : -1;
    if (hi < 0 || lo < 0) {
      std::size_t bad = hi < 0 ? i : i + 1;
      raise_value_error("non-hexadecimal number found in fromhex() arg at position " + std::to_string(bad));
    }
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return make_bytes(std::move(out));
}

}  // namespace

void init_bytes_methods(TypeObject* t) {
  add_method(t, "split", &m_split);
  add_method(t, "rsplit", &m_rsplit);
  add_method(t, "strip", &m_strip);
  add_method(t, "lstrip", &m_lstrip);
  add_method(t, "rstrip", &m_rstrip);
  add_method(t, "startswith", &m_startswith);
  add_method(t, "endswith", &m_endswith);
  add_method(t, "find", &m_find);
  add_method(t, "rfind", &m_rfind);
  add_method(t, "index", &m_index);
  add_method(t, "count", &m_count);
  add_method(t, "replace", &m_replace);
  add_method(t, "join", &m_join);
  add_method(t, "upper", &m_upper);
  add_method(t, "lower", &m_lower);
  add_class_method(t, "fromhex", &m_fromhex);
}

}  // namespace aio
