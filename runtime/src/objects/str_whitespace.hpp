// Whitespace as CPython's str methods and int()/float() see it (Py_UNICODE_ISSPACE): the
// ASCII set plus U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F and
// U+3000 (the ideographic space of CJK text). Text is UTF-8; positions are byte offsets.
#pragma once

#include <cstdint>
#include <string_view>

#include "aio/str.hpp"

namespace aio {

inline bool is_ascii_space(unsigned char c) { return c == ' ' || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f); }

inline bool is_unicode_space(std::uint32_t c) {
  return c < 0x80 ? is_ascii_space(static_cast<unsigned char>(c))
                  : c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 ||
                        c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

inline bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte length of the character starting at s[i] if it is whitespace, else 0.
inline std::size_t space_at(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return is_ascii_space(c) ? 1 : 0;
  std::size_t j = i;
  return is_unicode_space(decode_utf8(s, j)) ? j - i : 0;
}

// Byte length of the character ending just before s[i] (i > 0) if it is whitespace, else 0.
inline std::size_t space_before(std::string_view s, std::size_t i) {
  std::size_t b = i - 1;
  while (b > 0 && is_utf8_continuation(s[b])) --b;
  return space_at(s, b) == i - b ? i - b : 0;
}

inline std::size_t next_char(std::string_view s, std::size_t i) {
  do ++i; while (i < s.size() && is_utf8_continuation(s[i]));
  return i;
}

inline std::size_t prev_char(std::string_view s, std::size_t i) {
  do --i; while (i > 0 && is_utf8_continuation(s[i]));
  return i;
}

// s without leading and trailing whitespace (str.strip() with no argument).
inline std::string_view strip_space(std::string_view s) {
  std::size_t b = 0, e = s.size();
  for (std::size_t n; b < e && (n = space_at(s, b));) b += n;
  for (std::size_t n; e > b && (n = space_before(s, e));) e -= n;
  return s.substr(b, e - b);
}

}  // namespace aio
