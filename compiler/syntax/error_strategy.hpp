// How parse errors are worded and how the parser recovers from them.
//
// ANTLR's DefaultErrorStrategy detects errors and recovers well (single-token insertion
// and deletion, then resynchronizing on the follow sets of the rules being parsed) but
// words them for grammar authors ("mismatched input 'x' expecting {...}"). This subclass
// keeps its recovery and replaces the wording with CPython 3.11's messages, chosen from
// the offending token, the expected tokens and the rule being parsed: "expected ':'",
// "expected an indented block after 'if' statement on line 3", "unexpected indent",
// "invalid syntax. Perhaps you forgot a comma?", "Missing parentheses in call to 'print'",
// and the plain "invalid syntax". It also limits the follow-up noise of one mistake: at
// most one error per statement, and none about INDENT/DEDENT once an error was reported.
// Errors go to SyntaxIssues; every error also marks the parse as failed.
#pragma once

#include <cstddef>
#include <string>

#include "antlr4-runtime.h"
#include "syntax/source_map.hpp"
#include "syntax/syntax_issues.hpp"

namespace aioc::syntax {

class SyntaxErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  // `prefix` starts every message ("f-string: " inside replacement fields).
  SyntaxErrorStrategy(SyntaxIssues& issues, const SourceMap& map, std::string prefix = {})
      : issues_(issues), map_(map), prefix_(std::move(prefix)) {}

  // Whether an error was found (reported or not).
  bool failed() const { return failed_; }

 protected:
  void reportNoViableAlternative(antlr4::Parser* parser,
                                 const antlr4::NoViableAltException& e) override;
  void reportInputMismatch(antlr4::Parser* parser,
                           const antlr4::InputMismatchException& e) override;
  void reportFailedPredicate(antlr4::Parser* parser,
                             const antlr4::FailedPredicateException& e) override;
  void reportUnwantedToken(antlr4::Parser* parser) override;
  void reportMissingToken(antlr4::Parser* parser) override;

 private:
  void report(antlr4::Parser* parser, antlr4::Token* offending,
              const antlr4::misc::IntervalSet& expected, antlr4::ParserRuleContext* ctx);
  bool is_follow_up(antlr4::TokenStream* tokens, antlr4::Token* offending);

  SyntaxIssues& issues_;
  const SourceMap& map_;
  std::string prefix_;
  bool failed_ = false;
  bool reported_ = false;
  std::size_t last_error_index_ = 0;
};

}  // namespace aioc::syntax
