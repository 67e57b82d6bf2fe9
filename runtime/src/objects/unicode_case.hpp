// Unicode case mapping for str.upper/lower/title/capitalize/swapcase, following CPython's
// Objects/unicodeobject.c: full mappings from the generated tables (unicode_props.hpp),
// including one-to-many ones ('ß'.upper() == 'SS') and the final-sigma rule of lower().
#pragma once

#include <string>
#include <string_view>

namespace aio::unicode {

std::string to_upper(std::string_view utf8);
std::string to_lower(std::string_view utf8);
std::string to_title(std::string_view utf8);       // str.title: first cased letter of each run
std::string capitalize(std::string_view utf8);     // first titlecased, the rest lower
std::string swapcase(std::string_view utf8);
std::string casefold(std::string_view utf8);

}  // namespace aio::unicode
