// Unicode case mapping for str.upper/lower/title/capitalize/swapcase.
//
// Uses the C library's wide-character tables in the built-in C.UTF-8 locale (glibc ≥ 2.35),
// which carry the simple (one-to-one) Unicode mappings: 'é' -> 'É', 'ω' -> 'Ω'. CPython
// also applies the few one-to-many special casings ('ß'.upper() == 'SS'); those are not
// reproduced here.
#pragma once

#include <string>
#include <string_view>

namespace aio::unicode {

std::string to_upper(std::string_view utf8);
std::string to_lower(std::string_view utf8);
std::string to_title(std::string_view utf8);       // str.title: first cased letter of each run
std::string capitalize(std::string_view utf8);     // first upper, the rest lower
std::string swapcase(std::string_view utf8);

}  // namespace aio::unicode
