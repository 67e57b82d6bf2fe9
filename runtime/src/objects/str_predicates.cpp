// str.isalpha/isdecimal/isdigit/isnumeric/isalnum/isspace/isupper/islower/istitle/
// isidentifier/isprintable/isascii for every code point, as CPython's unicodeobject.c
// decides them from its character database (our copy: unicode_props.hpp).
#include "aio/str.hpp"
#include "str_predicates.hpp"
#include "unicode_props.hpp"

namespace aio {

namespace {

using namespace unicode;

template <class F>
bool all_code_points(const std::string& s, F f) {
  for (std::size_t i = 0; i < s.size();)
    if (!f(static_cast<char32_t>(decode_utf8(s, i)))) return false;
  return true;
}

const std::string& text(const CallArgs& a, const char* name) {
  check_nargs(a, name, 1, 1);
  return str_data(a[0]);
}

// Non-empty and every code point has one of `bits`.
template <std::uint16_t Bits>
Value all_have(const CallArgs& a) {
  const std::string& s = text(a, "str method");
  return Value(!s.empty() && all_code_points(s, [](char32_t c) { return has(c, Bits); }));
}

// isupper/islower: no code point of the opposite case (or titlecase), at least one cased.
template <std::uint16_t Want, std::uint16_t Reject>
Value case_only(const CallArgs& a) {
  bool cased = false;
  bool ok = all_code_points(text(a, "str method"), [&](char32_t c) {
    std::uint16_t p = props(c);
    if (p & (Reject | kTitle)) return false;
    if (p & Want) cased = true;
    return true;
  });
  return Value(ok && cased);
}

Value m_istitle(const CallArgs& a) {
  bool cased = false, prev_cased = false;
  bool ok = all_code_points(text(a, "istitle"), [&](char32_t c) {
    std::uint16_t p = props(c);
    if (p & (kUpper | kTitle)) {
      if (prev_cased) return false;
      prev_cased = cased = true;
    } else if (p & kLower) {
      if (!prev_cased) return false;
      prev_cased = cased = true;
    } else {
      prev_cased = false;
    }
    return true;
  });
  return Value(ok && cased);
}

Value m_isidentifier(const CallArgs& a) {
  const std::string& s = text(a, "isidentifier");
  if (s.empty()) return Value(false);
  bool first = true;
  return Value(all_code_points(s, [&](char32_t c) {
    bool ok = first ? (c == '_' || has(c, kXidStart)) : has(c, kXidContinue);
    first = false;
    return ok;
  }));
}

Value m_isprintable(const CallArgs& a) {
  return Value(all_code_points(text(a, "isprintable"), [](char32_t c) { return has(c, kPrintable); }));
}

Value m_isascii(const CallArgs& a) {
  for (unsigned char c : text(a, "isascii"))
    if (c >= 0x80) return Value(false);
  return Value(true);
}

}  // namespace

void add_str_predicates(TypeObject* t) {
  add_method(t, "isalpha", &all_have<kAlpha>);
  add_method(t, "isdecimal", &all_have<kDecimal>);
  add_method(t, "isdigit", &all_have<kDigit>);
  add_method(t, "isnumeric", &all_have<kNumeric>);
  add_method(t, "isalnum", &all_have<kAlpha | kDecimal | kDigit | kNumeric>);
  add_method(t, "isspace", &all_have<kSpace>);
  add_method(t, "isupper", &case_only<kUpper, kLower>);
  add_method(t, "islower", &case_only<kLower, kUpper>);
  add_method(t, "istitle", &m_istitle);
  add_method(t, "isidentifier", &m_isidentifier);
  add_method(t, "isprintable", &m_isprintable);
  add_method(t, "isascii", &m_isascii);
}

}  // namespace aio
