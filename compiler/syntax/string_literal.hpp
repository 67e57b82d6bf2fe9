// Decoding string and bytes literal tokens: prefixes, quotes and escape sequences.
//
// A STRING token is the whole literal as written (prefix, quotes, body). split_string()
// finds the prefix flags and the body; decode_str()/decode_bytes() process escapes the
// way CPython 3.11 does: the standard escapes, octal (values above 0o377 warn), \x, \u,
// \U, line continuation, and unknown escapes kept verbatim with a warning. Only the first
// invalid escape of a literal is reported, as CPython warns once per literal. \N{name}
// would need the Unicode name database, so aioc reports it as unsupported.
// Problems go to an EscapeSink with their byte offset in the body; the caller turns
// offsets into source positions. Decoding always produces a value, even after an error.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace aioc::syntax {

struct StringParts {
  bool raw = false;
  bool bytes = false;
  bool fstring = false;
  bool u_prefix = false;  // written with a lowercase 'u' first: CPython records kind='u'
  bool triple = false;
  std::size_t body_begin = 0;  // byte offsets of the body in the token text
  std::size_t body_end = 0;
};

// Splits a STRING token's text. Robust to unterminated literals (already reported by
// the lexer): the body then runs to the end of the text.
StringParts split_string(std::string_view text);

enum class EscapeIssue {
  InvalidEscape,  // detail: the character after the backslash (a warning)
  InvalidOctal,   // detail: the three octal digits (a warning)
  NameEscape,     // \N{...}: unsupported by aioc
  Malformed,      // detail: CPython's full message (an error)
};

struct EscapeProblem {
  EscapeIssue issue;
  std::size_t offset;  // of the backslash, in the body
  std::string detail;
};

using EscapeSink = std::function<void(const EscapeProblem&)>;

// UTF-8 in, UTF-8 out (lone surrogates as 3-byte sequences, see ast/utf8.hpp).
std::string decode_str(std::string_view body, const EscapeSink& sink);
// The body must be ASCII (checked by the caller); the result is raw bytes.
std::string decode_bytes(std::string_view body, const EscapeSink& sink);

}  // namespace aioc::syntax
