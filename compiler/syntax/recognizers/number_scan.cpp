#include "syntax/recognizers/number_scan.hpp"

#include <array>
#include <cctype>

namespace aioc::syntax {

namespace {

using DigitTest = bool (*)(char);

bool is_dec(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool is_oct(char c) { return c >= '0' && c <= '7'; }
bool is_bin(char c) { return c == '0' || c == '1'; }
bool is_base_prefix(char c, char lower) { return c == lower || c == lower - 'a' + 'A'; }

// Digits with single underscores between them, starting at `i`; returns the end (== i if
// there are none). An underscore not followed by a digit is not consumed.
std::size_t digit_run(std::string_view s, std::size_t i, DigitTest ok) {
  if (i >= s.size() || !ok(s[i])) return i;
  ++i;
  while (i < s.size()) {
    if (ok(s[i])) {
      ++i;
    } else if (s[i] == '_' && i + 1 < s.size() && ok(s[i + 1])) {
      i += 2;
    } else {
      break;
    }
  }
  return i;
}

// A decimal number: digits, optional fraction, optional exponent, optional j.
std::size_t decimal_prefix(std::string_view s) {
  std::size_t i = digit_run(s, 0, is_dec);
  bool had_digits = i > 0;
  if (i < s.size() && s[i] == '.') {
    std::size_t after = digit_run(s, i + 1, is_dec);
    if (!had_digits && after == i + 1) return 0;  // a lone '.'
    i = after;
    had_digits = true;
  }
  if (!had_digits) return 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    std::size_t end = digit_run(s, j, is_dec);
    if (end > j) i = end;
  }
  if (i < s.size() && (s[i] == 'j' || s[i] == 'J')) ++i;
  return i;
}

DigitTest base_digits(std::string_view s) {
  if (s.size() < 2 || s[0] != '0') return nullptr;
  if (is_base_prefix(s[1], 'x')) return is_hex;
  if (is_base_prefix(s[1], 'o')) return is_oct;
  if (is_base_prefix(s[1], 'b')) return is_bin;
  return nullptr;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::size_t valid_number_prefix(std::string_view text) {
  if (DigitTest digits = base_digits(text)) {
    std::size_t end = digit_run(text, 2, digits);
    // "0x_1" is valid: an underscore may follow the base prefix.
    if (end == 2 && text.size() > 3 && text[2] == '_') end = digit_run(text, 3, digits);
    return end > 2 ? end : 1;  // "0x" alone: only the "0" is a number
  }
  std::size_t end = decimal_prefix(text);
  // Integers with leading zeros must be all zeros ("007" is not a literal).
  std::string_view body = text.substr(0, end);
  bool is_int = body.find_first_of(".eEjJ") == std::string_view::npos;
  if (is_int && body.size() > 1 && body[0] == '0' &&
      body.find_first_not_of("0_") != std::string_view::npos) {
    return 1;
  }
  return end;
}

std::size_t keyword_split(std::string_view text) {
  static constexpr std::array<std::string_view, 8> kKeywords = {"and", "else", "for", "if",
                                                                "in",  "is",   "not", "or"};
  std::size_t end = valid_number_prefix(text);
  if (end == 0) return 0;
  std::string_view rest = text.substr(end);
  for (std::string_view kw : kKeywords)
    if (starts_with(rest, kw)) return end;
  return 0;
}

std::string invalid_number_message(std::string_view text) {
  if (DigitTest digits = base_digits(text)) {
    std::size_t end = digit_run(text, 2, digits);
    if (end == 2 && text.size() > 3 && text[2] == '_') end = digit_run(text, 3, digits);
    char next = end < text.size() ? text[end] : '\0';
    if (digits == is_hex) return "invalid hexadecimal literal";
    const char* base = digits == is_oct ? "octal" : "binary";
    if (is_dec(next)) return std::string("invalid digit '") + next + "' in " + base + " literal";
    return std::string("invalid ") + base + " literal";
  }
  std::size_t zeros_end = text.find_first_not_of("0_");
  bool leading_zero_int = text.size() > 1 && text[0] == '0' && zeros_end != 0 &&
                          zeros_end != std::string_view::npos && is_dec(text[zeros_end]);
  if (leading_zero_int) {
    std::size_t end = digit_run(text, 0, is_dec);
    char next = end < text.size() ? text[end] : '\0';
    if (next != '.' && next != 'e' && next != 'E' && next != 'j' && next != 'J')
      return "leading zeros in decimal integer literals are not permitted; use an 0o prefix "
             "for octal integers";
  }
  return "invalid decimal literal";
}

}  // namespace aioc::syntax
