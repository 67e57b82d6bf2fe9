// Chooses CPython 3.11's message for a parse error from where the parser stopped.
//
// The inputs are what ANTLR knows at an error: the offending token, the tokens the
// grammar would have accepted there, and the rule being parsed. The rules below mirror
// the "invalid_" rules of CPython's grammar that matter most in practice; anything else
// is "invalid syntax" at the offending token.
#pragma once

#include <string>

#include "antlr4-runtime.h"
#include "diag/diagnostics.hpp"

namespace aioc::syntax {

struct ParseErrorSite {
  antlr4::TokenStream* tokens;
  antlr4::Token* offending;
  const antlr4::misc::IntervalSet* expected;
  antlr4::ParserRuleContext* ctx;
};

struct ParseErrorMessage {
  DiagKind kind = DiagKind::SyntaxError;
  antlr4::Token* first = nullptr;  // the range to point at
  antlr4::Token* last = nullptr;
  std::string text;
};

ParseErrorMessage describe_parse_error(const ParseErrorSite& site);

}  // namespace aioc::syntax
