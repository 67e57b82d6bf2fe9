#include "syntax/lex_reporter.hpp"

#include <algorithm>
#include <string>

namespace aioc::syntax {

void LexReporter::lex_issue(const LexIssue& issue) {
  ast::Loc loc = map_.range(issue.line, issue.col, issue.end_line, issue.end_col);
  ast::Loc point = {loc.line, loc.col, loc.line, loc.col + 1};
  constexpr IssueSource kLexer = IssueSource::Lexer;
  switch (issue.problem) {
    case LexProblem::UnclosedBracket:
      return issues_.add_fatal(point, DiagKind::UnclosedBracket, point, issue.text);
    case LexProblem::UnmatchedBracket:
      return issues_.add(kLexer, DiagKind::UnmatchedBracket, loc, issue.text);
    case LexProblem::MismatchedBracket: {
      int opener_line = map_.origin().line + static_cast<int>(issue.number) - 1;
      std::string where =
          opener_line == loc.line ? std::string() : " on line " + std::to_string(opener_line);
      return issues_.add(kLexer, DiagKind::MismatchedBracket, loc, issue.text, issue.text2,
                         where);
    }
    case LexProblem::TooManyBrackets:
      return issues_.add_fatal(loc, DiagKind::TooManyNestedBrackets, loc);
    case LexProblem::UnterminatedString:
      return issues_.add(kLexer, DiagKind::UnterminatedString, point,
                         map_.origin().line + issue.number - 1);
    case LexProblem::UnterminatedTripleQuotedString:
      return issues_.add_fatal(point, DiagKind::UnterminatedTripleQuotedString, point,
                               map_.origin().line + issue.number - 1);
    case LexProblem::InvalidNumber:
      return issues_.add(kLexer, DiagKind::InvalidNumber, loc, issue.text);
    case LexProblem::NumberRunsIntoKeyword:
      return issues_.add(kLexer, DiagKind::NumberRunsIntoKeyword, loc, issue.text);
    case LexProblem::InvalidCharacter:
      return issues_.add_fatal(loc, DiagKind::InvalidCharacter, loc, issue.text, issue.number);
    case LexProblem::NonPrintableCharacter:
      return issues_.add_fatal(loc, DiagKind::NonPrintableCharacter, loc, issue.number);
    case LexProblem::BadContinuation:
      return issues_.add_fatal(loc, DiagKind::BadLineContinuation, loc);
    case LexProblem::EofAfterContinuation:
      return issues_.add_fatal(loc, DiagKind::UnexpectedEof, loc);
    case LexProblem::UnindentMismatch:
      return issues_.add_fatal(point, DiagKind::UnindentMismatch, point);
    case LexProblem::InconsistentTabs:
      return issues_.add_fatal(point, DiagKind::TabError,
                               ast::Loc{loc.line, 1, loc.line, std::max(loc.col, 2)});
    case LexProblem::TooDeepIndentation:
      return issues_.add_fatal(point, DiagKind::TooDeepIndentation, point);
  }
}

}  // namespace aioc::syntax
