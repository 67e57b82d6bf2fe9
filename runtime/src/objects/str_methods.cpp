// str methods (split, join, strip family, find, replace, case, format, encode, ...) and
// the str() constructor.
#include "unicode_case.hpp"
#include "str_predicates.hpp"
#include "str_whitespace.hpp"
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/class.hpp"
#include "aio/exceptions.hpp"
#include "aio/format.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {

static const std::string& self_str(const CallArgs& a) { return str_data(a[0]); }

static std::string arg_str(const Value& v, const char* what) {
  if (!is_str_like(v)) raise_type_error(std::string(what) + " arg must be None or str");
  return str_data(v);
}

static Value str_split_impl(const CallArgs& a, bool right) {
  Value p[3];
  parse_args(a, right ? "rsplit" : "split", {"self", "sep", "maxsplit"}, 1, p);
  const std::string& s = str_data(p[0]);
  std::int64_t maxsplit = p[2].is_bound() ? index_value(p[2]) : -1;
  std::vector<Value> parts;
  if (!p[1].is_bound() || p[1].is_none()) {
    // Whitespace split: runs of whitespace, no empty strings.
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    if (!right) {
      std::size_t i = 0;
      while (i < s.size()) {
        for (std::size_t n; i < s.size() && (n = space_at(s, i));) i += n;
        if (i >= s.size()) break;
        if (maxsplit >= 0 && static_cast<std::int64_t>(spans.size()) == maxsplit) {
          spans.push_back({i, s.size()});  // the rest, trailing whitespace included
          break;
        }
        std::size_t j = i;
        while (j < s.size() && !space_at(s, j)) j = next_char(s, j);
        spans.push_back({i, j});
        i = j;
      }
    } else {
      std::size_t i = s.size();
      while (i > 0) {
        for (std::size_t n; i > 0 && (n = space_before(s, i));) i -= n;
        if (i == 0) break;
        if (maxsplit >= 0 && static_cast<std::int64_t>(spans.size()) == maxsplit) {
          spans.push_back({0, i});  // the rest, leading whitespace included
          break;
        }
        std::size_t j = i;
        while (j > 0 && !space_before(s, j)) j = prev_char(s, j);
        spans.push_back({j, i});
        i = j;
      }
      std::reverse(spans.begin(), spans.end());
    }
    for (auto [b, e] : spans) parts.push_back(make_str(std::string_view(s).substr(b, e - b)));
    return make_list(std::move(parts));
  }
  std::string sep = arg_str(p[1], "sep");
  if (sep.empty()) raise_value_error("empty separator");
  if (!right) {
    std::size_t start = 0;
    std::int64_t n = 0;
    for (;;) {
      std::size_t at = (maxsplit >= 0 && n >= maxsplit) ? std::string::npos : s.find(sep, start);
      if (at == std::string::npos) break;
      parts.push_back(make_str(std::string_view(s).substr(start, at - start)));
      start = at + sep.size();
      ++n;
    }
    parts.push_back(make_str(std::string_view(s).substr(start)));
  } else {
    std::size_t end = s.size();
    std::int64_t n = 0;
    for (;;) {
      if (maxsplit >= 0 && n >= maxsplit) break;
      if (end < sep.size()) break;
      std::size_t at = s.rfind(sep, end - sep.size());
      if (at == std::string::npos) break;
      parts.push_back(make_str(std::string_view(s).substr(at + sep.size(), end - at - sep.size())));
      end = at;
      ++n;
    }
    parts.push_back(make_str(std::string_view(s).substr(0, end)));
    std::reverse(parts.begin(), parts.end());
  }
  return make_list(std::move(parts));
}

static Value m_split(const CallArgs& a) { return str_split_impl(a, false); }
static Value m_rsplit(const CallArgs& a) { return str_split_impl(a, true); }

static Value m_join(const CallArgs& a) {
  check_nargs(a, "join", 2, 2);
  const std::string& sep = self_str(a);
  std::string out;
  Value it = iter(a[1]);
  Value item;
  std::size_t n = 0;
  while (next(it, item)) {
    if (!is_str_like(item))
      raise_type_error("sequence item " + std::to_string(n) + ": expected str instance, " + type_of(item)->name + " found");
    if (n++) out += sep;
    out += str_data(item);
  }
  return make_str(std::move(out));
}

static Value strip_impl(const CallArgs& a, const char* name, bool left, bool rightside) {
  check_nargs(a, name, 1, 2);
  const std::string& s = self_str(a);
  std::size_t b = 0, e = s.size();
  if (a.npos < 2 || a[1].is_none()) {
    if (left) for (std::size_t n; b < e && (n = space_at(s, b));) b += n;
    if (rightside) for (std::size_t n; e > b && (n = space_before(s, e));) e -= n;
  } else {
    std::string chars = arg_str(a[1], name);
    std::vector<std::uint32_t> set;
    for (std::size_t i = 0; i < chars.size();) set.push_back(decode_utf8(chars, i));
    auto in_set = [&](std::uint32_t cp) { return std::find(set.begin(), set.end(), cp) != set.end(); };
    if (left) {
      while (b < e) {
        std::size_t i = b;
        if (!in_set(decode_utf8(s, i))) break;
        b = i;
      }
    }
    if (rightside) {
      while (e > b) {
        std::size_t start = e - 1;
        while (start > b && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
        std::size_t i = start;
        if (!in_set(decode_utf8(s, i))) break;
        e = start;
      }
    }
  }
  return make_str(std::string_view(s).substr(b, e - b));
}

static Value m_strip(const CallArgs& a) { return strip_impl(a, "strip", true, true); }
static Value m_lstrip(const CallArgs& a) { return strip_impl(a, "lstrip", true, false); }
static Value m_rstrip(const CallArgs& a) { return strip_impl(a, "rstrip", false, true); }

static bool affix_match(const std::string& s, const Value& affix, bool start, const char* name) {
  if (is_tuple_like(affix)) {
    for (const Value& x : tuple_items(affix))
      if (affix_match(s, x, start, name)) return true;
    return false;
  }
  if (!is_str_like(affix))
    raise_type_error(std::string(name) + " first arg must be str or a tuple of str, not " + type_of(affix)->name);
  const std::string& x = str_data(affix);
  if (x.size() > s.size()) return false;
  return start ? s.compare(0, x.size(), x) == 0 : s.compare(s.size() - x.size(), x.size(), x) == 0;
}

static std::string sub_range(const CallArgs& a, std::size_t first, std::int64_t* base_cp) {
  StrObject* s = as_str(a[0]);
  std::int64_t start = 0, end = s->length;
  auto clamp = [&](const Value& v, std::int64_t& out) {
    if (!v.is_bound() || v.is_none()) return;
    std::int64_t i = index_value(v);
    if (i < 0) i = std::max<std::int64_t>(0, i + s->length);
    out = std::min(i, s->length);
  };
  if (a.npos > first) clamp(a[first], start);
  if (a.npos > first + 1) clamp(a[first + 1], end);
  if (base_cp) *base_cp = start;
  if (end < start) return std::string("\x01\x02invalid", 9);
  std::size_t b = utf8_offset(s, start), e = utf8_offset(s, end);
  return s->data.substr(b, e - b);
}

static Value m_startswith(const CallArgs& a) {
  check_nargs(a, "startswith", 2, 4);
  return Value(affix_match(sub_range(a, 2, nullptr), a[1], true, "startswith"));
}
static Value m_endswith(const CallArgs& a) {
  check_nargs(a, "endswith", 2, 4);
  return Value(affix_match(sub_range(a, 2, nullptr), a[1], false, "endswith"));
}

static std::int64_t cp_index(const std::string& s, std::size_t byte_pos) {
  return utf8_length(std::string_view(s).substr(0, byte_pos));
}

static std::int64_t find_impl(const CallArgs& a, const char* name, bool reverse) {
  check_nargs(a, name, 2, 4);
  std::int64_t base;
  std::string hay = sub_range(a, 2, &base);
  if (!is_str_like(a[1])) raise_type_error("must be str, not " + type_of(a[1])->name);
  const std::string& needle = str_data(a[1]);
  std::size_t at = reverse ? hay.rfind(needle) : hay.find(needle);
  if (at == std::string::npos) return -1;
  return base + cp_index(hay, at);
}

static Value m_find(const CallArgs& a) { return Value::from_int(find_impl(a, "find", false)); }
static Value m_rfind(const CallArgs& a) { return Value::from_int(find_impl(a, "rfind", true)); }
static Value m_index(const CallArgs& a) {
  std::int64_t r = find_impl(a, "index", false);
  if (r < 0) raise_value_error("substring not found");
  return Value::from_int(r);
}
static Value m_rindex(const CallArgs& a) {
  std::int64_t r = find_impl(a, "rindex", true);
  if (r < 0) raise_value_error("substring not found");
  return Value::from_int(r);
}

static Value m_count(const CallArgs& a) {
  check_nargs(a, "count", 2, 4);
  std::string hay = sub_range(a, 2, nullptr);
  if (!is_str_like(a[1])) raise_type_error("must be str, not " + type_of(a[1])->name);
  const std::string& needle = str_data(a[1]);
  if (needle.empty()) return Value::from_int(utf8_length(hay) + 1);
  std::int64_t n = 0;
  for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + needle.size())) ++n;
  return Value::from_int(n);
}

static Value m_replace(const CallArgs& a) {
  check_nargs(a, "replace", 3, 4);
  const std::string& s = self_str(a);
  if (!is_str_like(a[1]) || !is_str_like(a[2]))
    raise_type_error("replace() argument 1 must be str, not " + type_of(is_str_like(a[1]) ? a[2] : a[1])->name);
  const std::string& from = str_data(a[1]);
  const std::string& to = str_data(a[2]);
  std::int64_t count = a.npos > 3 ? index_value(a[3]) : -1;
  std::string out;
  if (from.empty()) {
    std::int64_t n = 0;
    std::size_t i = 0;
    while (i <= s.size()) {
      if (count < 0 || n < count) { out += to; ++n; }
      if (i == s.size()) break;
      std::size_t j = i;
      decode_utf8(s, j);
      out.append(s, i, j - i);
      i = j;
    }
    return make_str(std::move(out));
  }
  std::size_t start = 0;
  std::int64_t n = 0;
  for (;;) {
    std::size_t at = (count >= 0 && n >= count) ? std::string::npos : s.find(from, start);
    if (at == std::string::npos) break;
    out.append(s, start, at - start);
    out += to;
    start = at + from.size();
    ++n;
  }
  out.append(s, start);
  return make_str(std::move(out));
}

static Value m_upper(const CallArgs& a) {
  check_nargs(a, "upper", 1, 1);
  return make_str(unicode::to_upper(self_str(a)));
}
static Value m_lower(const CallArgs& a) {
  check_nargs(a, "lower", 1, 1);
  return make_str(unicode::to_lower(self_str(a)));
}
static Value m_title(const CallArgs& a) {
  check_nargs(a, "title", 1, 1);
  return make_str(unicode::to_title(self_str(a)));
}
static Value m_capitalize(const CallArgs& a) {
  check_nargs(a, "capitalize", 1, 1);
  return make_str(unicode::capitalize(self_str(a)));
}
// casefold: CPython's full case folding (unicode_case.hpp).
static Value m_casefold(const CallArgs& a) {
  check_nargs(a, "casefold", 1, 1);
  return make_str(unicode::casefold(self_str(a)));
}
// expandtabs(tabsize=8): columns count code points and restart after \n and \r.
static Value m_expandtabs(const CallArgs& a) {
  Value p[2];
  parse_args(a, "expandtabs", {"self", "tabsize"}, 1, p);
  std::int64_t tab = p[1].is_bound() ? index_value(p[1]) : 8;
  const std::string& s = str_data(p[0]);
  std::string out;
  std::int64_t col = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\t') {
      if (tab > 0) {
        std::int64_t n = tab - col % tab;
        out.append(static_cast<std::size_t>(n), ' ');
        col += n;
      }
    } else {
      out += c;
      if (c == '\n' || c == '\r') col = 0;
      else if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++col;
    }
  }
  return make_str(std::move(out));
}
static Value m_swapcase(const CallArgs& a) {
  check_nargs(a, "swapcase", 1, 1);
  return make_str(unicode::swapcase(self_str(a)));
}

// An unchanged result is self for a str, a copy for a str subclass (StrEnum members), as
// str's methods never return a subclass instance.
static Value exact_str(const Value& self) { return is_str(self) ? self : make_str(str_data(self)); }

static Value pad_impl(const CallArgs& a, const char* name, int where) {
  check_nargs(a, name, 2, 3);
  StrObject* s = as_str(a[0]);
  std::int64_t width = index_value(a[1]);
  std::string fill = " ";
  if (a.npos > 2) {
    if (!is_str_like(a[2]) || as_str(a[2])->length != 1)
      raise_type_error("The fill character must be exactly one character long");
    fill = str_data(a[2]);
  }
  std::int64_t pad = width - s->length;
  if (pad <= 0) return exact_str(a[0]);
  std::int64_t left = where == 0 ? 0 : where == 2 ? pad : pad / 2 + (pad & width & 1);
  std::string out;
  for (std::int64_t i = 0; i < left; ++i) out += fill;
  out += s->data;
  for (std::int64_t i = 0; i < pad - left; ++i) out += fill;
  return make_str(std::move(out));
}
static Value m_ljust(const CallArgs& a) { return pad_impl(a, "ljust", 0); }
static Value m_rjust(const CallArgs& a) { return pad_impl(a, "rjust", 2); }
static Value m_center(const CallArgs& a) { return pad_impl(a, "center", 1); }

static Value m_zfill(const CallArgs& a) {
  check_nargs(a, "zfill", 2, 2);
  std::string s = self_str(a);
  std::int64_t width = index_value(a[1]);
  std::int64_t len = as_str(a[0])->length;
  if (len >= width) return exact_str(a[0]);
  std::size_t sign = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  s.insert(sign, static_cast<std::size_t>(width - len), '0');
  return make_str(std::move(s));
}

static Value m_splitlines(const CallArgs& a) {
  Value p[2];
  parse_args(a, "splitlines", {"self", "keepends"}, 1, p);
  bool keep = p[1].is_bound() && truthy(p[1]);
  const std::string& s = str_data(p[0]);
  std::vector<Value> out;
  // Line boundaries: \n \r \r\n \v \f \x1c \x1d \x1e, U+0085, U+2028, U+2029.
  auto boundary_len = [&](std::size_t j) -> std::size_t {
    unsigned char c = static_cast<unsigned char>(s[j]);
    if (c == '\r') return j + 1 < s.size() && s[j + 1] == '\n' ? 2 : 1;
    if (c == '\n' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e) return 1;
    if (c == 0xc2 && j + 1 < s.size() && static_cast<unsigned char>(s[j + 1]) == 0x85) return 2;
    if (c == 0xe2 && j + 2 < s.size() && static_cast<unsigned char>(s[j + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[j + 2]) == 0xa8 || static_cast<unsigned char>(s[j + 2]) == 0xa9))
      return 3;
    return 0;
  };
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i, blen = 0;
    while (j < s.size() && (blen = boundary_len(j)) == 0) ++j;
    std::size_t eol = j;
    j += blen;
    out.push_back(make_str(std::string_view(s).substr(i, (keep ? j : eol) - i)));
    i = j;
  }
  return make_list(std::move(out));
}

static Value partition_impl(const CallArgs& a, bool right) {
  check_nargs(a, right ? "rpartition" : "partition", 2, 2);
  const std::string& s = self_str(a);
  const std::string& sep = arg_str(a[1], "sep");
  if (sep.empty()) raise_value_error("empty separator");
  std::size_t at = right ? s.rfind(sep) : s.find(sep);
  Value empty = str_lit("", 0);
  if (at == std::string::npos) return right ? make_tuple({empty, empty, a[0]}) : make_tuple({a[0], empty, empty});
  return make_tuple({make_str(s.substr(0, at)), a[1], make_str(s.substr(at + sep.size()))});
}
static Value m_partition(const CallArgs& a) { return partition_impl(a, false); }
static Value m_rpartition(const CallArgs& a) { return partition_impl(a, true); }

static Value m_encode(const CallArgs& a) {
  Value p[3];
  parse_args(a, "encode", {"self", "encoding", "errors"}, 1, p);
  std::string enc = p[1].is_bound() ? arg_str(p[1], "encode") : "utf-8";
  for (char& c : enc) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::replace(enc.begin(), enc.end(), '_', '-');
  if (enc == "utf-8" || enc == "utf8") return make_bytes(str_data(p[0]));
  std::uint32_t limit;
  const char* name;
  if (enc == "ascii" || enc == "us-ascii") { limit = 128; name = "ascii"; }
  else if (enc == "latin-1" || enc == "latin1" || enc == "iso-8859-1") { limit = 256; name = "latin-1"; }
  else raise_error(exc::LookupError, "unknown encoding: " + arg_str(p[1], "encode"));
  std::string errors = p[2].is_bound() ? arg_str(p[2], "encode") : "strict";
  const std::string& in = str_data(p[0]);
  std::string out;
  std::int64_t pos = 0;
  for (std::size_t i = 0; i < in.size(); ++pos) {
    std::uint32_t cp = decode_utf8(in, i);
    if (cp < limit) { out += static_cast<char>(cp); continue; }
    if (errors == "ignore") continue;
    if (errors == "replace") { out += '?'; continue; }
    char esc[16];
    std::snprintf(esc, sizeof esc, cp <= 0xff ? "\\x%02x" : cp <= 0xffff ? "\\u%04x" : "\\U%08x", cp);
    raise_error(exc::UnicodeEncodeError, std::string("'") + name + "' codec can't encode character '" + esc +
                                             "' in position " + std::to_string(pos) + ": ordinal not in range(" +
                                             std::to_string(limit) + ")");
  }
  return make_bytes(std::move(out));
}

static Value m_format(const CallArgs& a) {
  CallArgs rest{a.pos + 1, a.npos - 1, a.kw, a.nkw};
  return str_format(a[0], rest);
}

static Value m_format_map(const CallArgs& a) {
  check_nargs(a, "format_map", 2, 2);
  return str_format(a[0], CallArgs{}, a[1]);
}

static Value m_removeprefix(const CallArgs& a) {
  check_nargs(a, "removeprefix", 2, 2);
  const std::string& s = self_str(a);
  const std::string& p = arg_str(a[1], "removeprefix");
  if (s.compare(0, p.size(), p) == 0) return make_str(s.substr(p.size()));
  return exact_str(a[0]);
}
static Value m_removesuffix(const CallArgs& a) {
  check_nargs(a, "removesuffix", 2, 2);
  const std::string& s = self_str(a);
  const std::string& p = arg_str(a[1], "removesuffix");
  if (!p.empty() && s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0)
    return make_str(s.substr(0, s.size() - p.size()));
  return exact_str(a[0]);
}

void init_str_translate(TypeObject* t);

Value str_new(TypeObject* type, const CallArgs& a) {
  Value p[3];
  parse_args(a, "str", {"object", "encoding", "errors"}, 0, p);
  Value r;
  if (!p[0].is_bound()) r = str_lit("", 0);
  else if (p[1].is_bound() && p[0].is_object() && p[0].object()->type == bytes_type)
    r = make_str(static_cast<BytesObject*>(p[0].object())->data);
  else r = str(p[0]);
  if (type == str_type) return r;
  auto* inst = new StrSubclassObject(type);
  Value out(inst);
  inst->data = str_data(r);
  inst->length = utf8_length(inst->data, &inst->ascii);
  return out;
}

void init_str_methods() {
  TypeObject* t = str_type;
  add_method(t, "split", &m_split);
  add_method(t, "rsplit", &m_rsplit);
  add_method(t, "join", &m_join);
  add_method(t, "strip", &m_strip);
  add_method(t, "lstrip", &m_lstrip);
  add_method(t, "rstrip", &m_rstrip);
  add_method(t, "startswith", &m_startswith);
  add_method(t, "endswith", &m_endswith);
  add_method(t, "find", &m_find);
  add_method(t, "rfind", &m_rfind);
  add_method(t, "index", &m_index);
  add_method(t, "rindex", &m_rindex);
  add_method(t, "count", &m_count);
  add_method(t, "replace", &m_replace);
  add_method(t, "upper", &m_upper);
  add_method(t, "lower", &m_lower);
  add_method(t, "title", &m_title);
  add_method(t, "capitalize", &m_capitalize);
  add_method(t, "swapcase", &m_swapcase);
  add_str_predicates(t);
  add_method(t, "ljust", &m_ljust);
  add_method(t, "rjust", &m_rjust);
  add_method(t, "center", &m_center);
  add_method(t, "zfill", &m_zfill);
  add_method(t, "casefold", &m_casefold);
  add_method(t, "expandtabs", &m_expandtabs);
  add_method(t, "splitlines", &m_splitlines);
  add_method(t, "partition", &m_partition);
  add_method(t, "rpartition", &m_rpartition);
  add_method(t, "encode", &m_encode);
  add_method(t, "format", &m_format);
  add_method(t, "format_map", &m_format_map);
  init_str_translate(t);  // str_translate.cpp
  add_method(t, "removeprefix", &m_removeprefix);
  add_method(t, "removesuffix", &m_removesuffix);
}

}  // namespace aio
