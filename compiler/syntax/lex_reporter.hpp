// Turns the lexer's LexIssues (compiler/syntax/lexer) into syntax diagnostics.
//
// The lexer superclass lives in aioc_grammar and knows nothing of aioc's diagnostics; this
// sink gives each LexProblem its diagnostic kind, maps its position through the SourceMap
// of the text being lexed (the file, or an f-string replacement field), and marks the
// errors after which parser errors are noise as fatal.
#pragma once

#include "syntax/recognizers/indent_lexer.hpp"
#include "syntax/source_map.hpp"
#include "syntax/syntax_issues.hpp"

namespace aioc::syntax {

class LexReporter : public LexIssueSink {
 public:
  LexReporter(SyntaxIssues& issues, const SourceMap& map) : issues_(issues), map_(map) {}
  void lex_issue(const LexIssue& issue) override;

 private:
  SyntaxIssues& issues_;
  const SourceMap& map_;
};

}  // namespace aioc::syntax
