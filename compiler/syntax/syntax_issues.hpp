// The syntax stage's diagnostics, collected before they are reported.
//
// The lexer, the parser and the AST builder find problems in an order that is not the
// source order (the lexer reports an unclosed bracket at end of input, the parser asks
// for tokens ahead of where it is), and one real mistake often makes a later stage
// complain too. So the stage collects everything here and flush() reports it at the end:
// sorted by position, and without the parser errors that follow a fatal tokenizer error
// (after an unclosed bracket or a bad dedent nothing the parser says can be trusted;
// CPython likewise lets tokenizer errors win over parser errors).
#pragma once

#include <functional>
#include <utility>
#include <vector>

#include "ast/ast.hpp"
#include "diag/diagnostics.hpp"

namespace aioc::syntax {

enum class IssueSource { Lexer, Parser, Builder };

class SyntaxIssues {
 public:
  template <class... Args>
  void add(IssueSource source, DiagKind kind, const ast::Loc& loc, Args... args) {
    add_issue(source, nullptr, loc, [=](Diagnostics& diags) { diags.report(kind, loc, args...); });
  }
  // A tokenizer error after which the parser's errors are noise: those at or after
  // `cutoff` are dropped (CPython lets tokenizer errors win over parser errors).
  template <class... Args>
  void add_fatal(const ast::Loc& cutoff, DiagKind kind, const ast::Loc& loc, Args... args) {
    add_issue(IssueSource::Lexer, &cutoff, loc,
              [=](Diagnostics& diags) { diags.report(kind, loc, args...); });
  }

  // Whether the parser reported (or suppressed) an error: the parse tree is then
  // incomplete and no AST is built from it.
  bool parse_failed() const { return parse_failed_; }
  void mark_parse_failed() { parse_failed_ = true; }

  // Reports everything collected, in source order, and forgets it.
  void flush(Diagnostics& diags);

 private:
  struct Issue {
    IssueSource source;
    bool fatal;
    ast::Loc cutoff;
    ast::Loc loc;
    std::function<void(Diagnostics&)> emit;
  };
  void add_issue(IssueSource source, const ast::Loc* cutoff, const ast::Loc& loc,
                 std::function<void(Diagnostics&)> emit);

  std::vector<Issue> issues_;
  bool parse_failed_ = false;
};

}  // namespace aioc::syntax
