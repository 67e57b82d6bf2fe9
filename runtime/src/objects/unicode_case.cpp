#include "unicode_case.hpp"

#include <locale.h>
#include <wctype.h>

#include "aio/str.hpp"

namespace aio::unicode {

namespace {

locale_t utf8_locale() {
  static locale_t loc = [] {
    locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    return l ? l : newlocale(LC_CTYPE_MASK, "C", static_cast<locale_t>(nullptr));
  }();
  return loc;
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
    char32_t cp = decode_utf8(s, i);
    append_utf8(out, map(cp, index, prev_cased));
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
