#include "unicode_case.hpp"

#include <locale.h>
#include <wctype.h>

namespace aio::unicode {

namespace {

locale_t utf8_locale() {
  static locale_t loc = [] {
    locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    return l ? l : newlocale(LC_CTYPE_MASK, "C", static_cast<locale_t>(nullptr));
  }();
  return loc;
}

// Decodes the code point at s[i] (valid UTF-8 is guaranteed by str) and advances i.
char32_t decode(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len && i + k < s.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

char32_t upper(char32_t c) { return static_cast<char32_t>(towupper_l(static_cast<wint_t>(c), utf8_locale())); }
char32_t lower(char32_t c) { return static_cast<char32_t>(towlower_l(static_cast<wint_t>(c), utf8_locale())); }
bool is_cased(char32_t c) { return upper(c) != c || lower(c) != c; }

// Applies `map(cp, index_in_string, previous_was_cased)` to every code point.
template <class Map>
std::string transform(std::string_view s, Map map) {
  std::string out;
  out.reserve(s.size());
  bool prev_cased = false;
  std::size_t index = 0;
  for (std::size_t i = 0; i < s.size(); ++index) {
    char32_t cp = decode(s, i);
    encode(map(cp, index, prev_cased), out);
    prev_cased = is_cased(cp);
  }
  return out;
}

}  // namespace

std::string to_upper(std::string_view s) {
  return transform(s, [](char32_t c, std::size_t, bool) { return upper(c); });
}
std::string to_lower(std::string_view s) {
  return transform(s, [](char32_t c, std::size_t, bool) { return lower(c); });
}
std::string to_title(std::string_view s) {
  return transform(s, [](char32_t c, std::size_t, bool prev) { return prev ? lower(c) : upper(c); });
}
std::string capitalize(std::string_view s) {
  return transform(s, [](char32_t c, std::size_t i, bool) { return i == 0 ? upper(c) : lower(c); });
}
std::string swapcase(std::string_view s) {
  return transform(s, [](char32_t c, std::size_t, bool) {
    char32_t u = upper(c);
    return u != c ? u : lower(c);
  });
}

}  // namespace aio::unicode
