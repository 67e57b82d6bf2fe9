// One run of the ANTLR lexer and parser over a text: the module, or one f-string field.
//
// The session owns everything ANTLR needs alive while the parse tree is in use (input
// stream, lexer, token stream, parser), wires the lexer's issues and the parser's errors
// into SyntaxIssues through a SourceMap, and replaces ANTLR's console error listeners.
// Parse errors do not throw; NestingTooDeep (see recognizers/guarded_parser.hpp) is
// caught here and reported.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "AioLexer.h"
#include "AioParser.h"
#include "syntax/error_strategy.hpp"
#include "syntax/lex_reporter.hpp"
#include "syntax/source_map.hpp"
#include "syntax/syntax_issues.hpp"

namespace aioc::syntax {

class ParseSession {
 public:
  // `prefix` starts every parser message ("f-string: " for fields).
  ParseSession(const std::string& text, TextOrigin origin, SyntaxIssues& issues,
               std::string prefix = {});

  aioc_grammar::AioParser::File_inputContext* parse_file();
  aioc_grammar::AioParser::Fstring_inputContext* parse_fstring_field();

  // Whether this session's parse failed (its tree must not be built).
  bool failed() const { return failed_ || strategy_->failed(); }
  const SourceMap& map() const { return map_; }

 private:
  template <class Parse>
  auto guarded(Parse parse) -> decltype(parse());

  SourceMap map_;
  SyntaxIssues& issues_;
  antlr4::ANTLRInputStream input_;
  aioc_grammar::AioLexer lexer_;
  LexReporter reporter_;
  antlr4::CommonTokenStream tokens_;
  aioc_grammar::AioParser parser_;
  std::shared_ptr<SyntaxErrorStrategy> strategy_;
  bool failed_ = false;
};

// The text ANTLR lexes: a UTF-8 byte order mark removed, and \r\n and \r line endings
// turned into \n (CPython reads source with universal newlines too).
std::string normalize_source(std::string_view text);

}  // namespace aioc::syntax
