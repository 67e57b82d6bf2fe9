#include "unicode_case.hpp"

#include <vector>

#include "aio/str.hpp"
#include "unicode_props.hpp"

namespace aio::unicode {

namespace {

constexpr char32_t kCapitalSigma = 0x3A3;

std::vector<char32_t> decode(std::string_view s) {
  std::vector<char32_t> cps;
  cps.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) cps.push_back(decode_utf8(s, i));
  return cps;
}

// Σ lowercases to final ς after a cased letter (case-ignorables skipped) when no cased
// letter follows (CPython's handle_capital_sigma).
char32_t lower_sigma(const std::vector<char32_t>& cps, std::size_t i) {
  std::size_t j = i;
  char32_t c = 0;
  bool found = false;
  while (j-- > 0) {
    c = cps[j];
    if (!has(c, kCaseIgnorable)) {
      found = true;
      break;
    }
  }
  bool final_sigma = found && has(c, kCased);
  if (final_sigma && i + 1 < cps.size()) {
    std::size_t k = i + 1;
    for (; k < cps.size(); ++k) {
      c = cps[k];
      if (!has(c, kCaseIgnorable)) break;
    }
    final_sigma = k == cps.size() || !has(c, kCased);
  }
  return final_sigma ? 0x3C2 : 0x3C3;
}

void append_lower(std::string& out, const std::vector<char32_t>& cps, std::size_t i) {
  if (cps[i] == kCapitalSigma) append_utf8(out, lower_sigma(cps, i));
  else append_case(out, cps[i], CaseKind::Lower);
}

// Applies `map(out, cps, index, previous_was_cased)` to every code point.
template <class Map>
std::string transform(std::string_view s, Map map) {
  std::vector<char32_t> cps = decode(s);
  std::string out;
  out.reserve(s.size());
  bool prev_cased = false;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    map(out, cps, i, prev_cased);
    prev_cased = has(cps[i], kCased);
  }
  return out;
}

}  // namespace

std::string to_upper(std::string_view s) {
  return transform(s, [](std::string& out, const std::vector<char32_t>& cps, std::size_t i, bool) {
    append_case(out, cps[i], CaseKind::Upper);
  });
}
std::string to_lower(std::string_view s) {
  return transform(s, [](std::string& out, const std::vector<char32_t>& cps, std::size_t i, bool) {
    append_lower(out, cps, i);
  });
}
std::string to_title(std::string_view s) {
  return transform(s, [](std::string& out, const std::vector<char32_t>& cps, std::size_t i, bool prev) {
    if (prev) append_lower(out, cps, i);
    else append_case(out, cps[i], CaseKind::Title);
  });
}
std::string capitalize(std::string_view s) {
  return transform(s, [](std::string& out, const std::vector<char32_t>& cps, std::size_t i, bool) {
    if (i == 0) append_case(out, cps[i], CaseKind::Title);
    else append_lower(out, cps, i);
  });
}
std::string swapcase(std::string_view s) {
  return transform(s, [](std::string& out, const std::vector<char32_t>& cps, std::size_t i, bool) {
    char32_t c = cps[i];
    if (has(c, kUpper)) append_lower(out, cps, i);
    else if (has(c, kLower)) append_case(out, c, CaseKind::Upper);
    else append_utf8(out, c);
  });
}

std::string casefold(std::string_view s) {
  return transform(s, [](std::string& out, const std::vector<char32_t>& cps, std::size_t i, bool) {
    append_case(out, cps[i], CaseKind::Fold);
  });
}

}  // namespace aio::unicode
