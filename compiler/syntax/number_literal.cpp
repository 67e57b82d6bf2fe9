#include "syntax/number_literal.hpp"

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace aioc::syntax {

namespace {

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string without_underscores(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text)
    if (c != '_') out += c;
  return out;
}

double parse_double(const std::string& text) {
  errno = 0;
  return std::strtod(text.c_str(), nullptr);  // the "C" locale: '.' is the decimal point
}

ast::IntConst make_int(std::string_view digits, int base) {
  ast::IntConst value;
  value.decimal = to_decimal(digits, base);
  std::int64_t small = 0;
  const std::string& d = value.decimal;
  auto [end, err] = std::from_chars(d.data(), d.data() + d.size(), small);
  if (err == std::errc() && end == d.data() + d.size()) value.small = small;
  return value;
}

}  // namespace

std::string to_decimal(std::string_view digits, int base) {
  // Little-endian limbs of 10^9, multiplied by `base` and added to digit by digit.
  constexpr std::uint32_t kLimb = 1000000000;
  std::vector<std::uint32_t> limbs{0};
  for (char c : digits) {
    int d = digit_value(c);
    if (d < 0 || d >= base) continue;
    std::uint64_t carry = static_cast<std::uint64_t>(d);
    for (std::uint32_t& limb : limbs) {
      std::uint64_t v = static_cast<std::uint64_t>(limb) * base + carry;
      limb = static_cast<std::uint32_t>(v % kLimb);
      carry = v / kLimb;
    }
    if (carry) limbs.push_back(static_cast<std::uint32_t>(carry));
  }
  std::string out = std::to_string(limbs.back());
  for (std::size_t i = limbs.size() - 1; i-- > 0;) {
    std::string part = std::to_string(limbs[i]);
    out += std::string(9 - part.size(), '0') + part;
  }
  return out;
}

ast::ConstValue decode_number(std::string_view text) {
  std::string clean = without_underscores(text);
  if (clean.size() > 1 && clean[0] == '0') {
    char kind = static_cast<char>(clean[1] | 0x20);
    if (kind == 'x') return make_int(std::string_view(clean).substr(2), 16);
    if (kind == 'o') return make_int(std::string_view(clean).substr(2), 8);
    if (kind == 'b') return make_int(std::string_view(clean).substr(2), 2);
  }
  if (!clean.empty() && (clean.back() == 'j' || clean.back() == 'J')) {
    clean.pop_back();
    return ast::ImagConst{parse_double(clean)};
  }
  if (clean.find_first_of(".eE") != std::string::npos) return parse_double(clean);
  return make_int(clean, 10);
}

}  // namespace aioc::syntax
