// Unicode character properties and full case mappings as Python 3.11's str sees them,
// from tables generated out of python3's unicodedata (gen_unicode_tables.py).
#pragma once

#include <cstdint>
#include <string>

namespace aio::unicode {

enum Prop : std::uint16_t {
  kAlpha = 1 << 0,
  kDecimal = 1 << 1,
  kDigit = 1 << 2,
  kNumeric = 1 << 3,
  kSpace = 1 << 4,
  kLower = 1 << 5,
  kUpper = 1 << 6,
  kTitle = 1 << 7,
  kCaseIgnorable = 1 << 8,
  kPrintable = 1 << 9,
  kXidStart = 1 << 10,
  kXidContinue = 1 << 11,
  kCased = kLower | kUpper | kTitle,
};

std::uint16_t props(char32_t cp);
inline bool has(char32_t cp, std::uint16_t bits) { return (props(cp) & bits) != 0; }

enum class CaseKind { Upper, Lower, Title, Fold };
// Appends the full mapping of cp (one to three code points, e.g. 'ß' -> "SS") as UTF-8.
void append_case(std::string& out, char32_t cp, CaseKind kind);

}  // namespace aio::unicode
