#include "syntax/syntax_issues.hpp"

#include <algorithm>

namespace aioc::syntax {

namespace {

bool before(const ast::Loc& a, const ast::Loc& b) {
  return a.line != b.line ? a.line < b.line : a.col < b.col;
}

}  // namespace

void SyntaxIssues::add_issue(IssueSource source, const ast::Loc* cutoff, const ast::Loc& loc,
                             std::function<void(Diagnostics&)> emit) {
  issues_.push_back({source, cutoff != nullptr, cutoff ? *cutoff : loc, loc, std::move(emit)});
}

void SyntaxIssues::flush(Diagnostics& diags) {
  std::stable_sort(issues_.begin(), issues_.end(),
                   [](const Issue& a, const Issue& b) { return before(a.loc, b.loc); });
  const ast::Loc* cutoff = nullptr;
  for (const Issue& issue : issues_)
    if (issue.fatal && (!cutoff || before(issue.cutoff, *cutoff))) cutoff = &issue.cutoff;
  for (const Issue& issue : issues_) {
    bool after_fatal = cutoff && !before(issue.loc, *cutoff);
    if (issue.source == IssueSource::Parser && after_fatal) continue;
    issue.emit(diags);
  }
  issues_.clear();
}

}  // namespace aioc::syntax
