// Recognizing the malformed numeric literals the lexer's INVALID_NUMBER rule matches
// ("1abc", "0x1g", "0b102", "0123", "1_") and wording them as CPython's tokenizer does.
//
// INVALID_NUMBER is a well-formed number immediately followed by identifier characters.
// CPython accepts one such case with only a warning: a decimal number running into one of
// the keywords that may follow a number (`1if x else 2`); the lexer then splits the token
// at keyword_split() and lexes the keyword normally.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace aioc::syntax {

// Length of the longest prefix of `text` that is a valid Python number literal (0 if none).
std::size_t valid_number_prefix(std::string_view text);

// Where a number runs into a keyword CPython tolerates (`and else for if in is not or`),
// or 0 when it does not.
std::size_t keyword_split(std::string_view text);

// CPython's message for an invalid number token, e.g. "invalid hexadecimal literal".
std::string invalid_number_message(std::string_view text);

}  // namespace aioc::syntax
