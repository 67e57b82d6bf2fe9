#include "syntax/recognizers/guarded_parser.hpp"

namespace aioc::syntax {

namespace {

// The address of a local of a non-inlined frame: the current stack position.
[[gnu::noinline]] const char* stack_position() {
  char probe = 0;
  const char* volatile where = &probe;
  return where;
}

}  // namespace

void GuardedParserBase::start_guard() { stack_base_ = stack_position(); }

void GuardedParserBase::check_stack() const {
  if (!stack_base_) return;
  std::ptrdiff_t used = stack_base_ - stack_position();
  if (used < 0) used = -used;
  if (used > kStackBudget) throw NestingTooDeep();
}

void GuardedParserBase::enterRule(antlr4::ParserRuleContext* ctx, std::size_t state,
                                  std::size_t rule_index) {
  check_stack();
  antlr4::Parser::enterRule(ctx, state, rule_index);
}

void GuardedParserBase::enterRecursionRule(antlr4::ParserRuleContext* ctx, std::size_t state,
                                           std::size_t rule_index, int precedence) {
  check_stack();
  antlr4::Parser::enterRecursionRule(ctx, state, rule_index, precedence);
}

}  // namespace aioc::syntax
