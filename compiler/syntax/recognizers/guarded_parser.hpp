// The superclass of the ANTLR-generated AioParser: a recursive-descent parser whose
// recursion is bounded, so that no input can overflow the C++ stack.
//
// ANTLR parses by recursion, one C++ frame (or more) per grammar rule entered, so deeply
// nested source ("-" * 100000 + "1", long lambda chains) would exhaust the stack. The
// lexer already caps bracket nesting (200) and indentation (100) as CPython does; for
// everything else this class measures the stack itself: every rule entry compares the
// address of a local with the one recorded by start_guard(), and past kStackBudget it
// throws NestingTooDeep, which unwinds the whole parse (the generated code only catches
// RecognitionException). CPython fails the same inputs with "too complex to parse".
#pragma once

#include <cstddef>
#include <exception>

#include "antlr4-runtime.h"

namespace aioc::syntax {

struct NestingTooDeep : std::exception {
  const char* what() const noexcept override { return "source too complex to parse"; }
};

class GuardedParserBase : public antlr4::Parser {
 public:
  // Stack the parser may use: well inside the usual 8 MB main-thread stack.
  static constexpr std::ptrdiff_t kStackBudget = 2 * 1024 * 1024;

  explicit GuardedParserBase(antlr4::TokenStream* input) : antlr4::Parser(input) {}

  // Records the current stack position as the base; call right before parsing.
  void start_guard();

  void enterRule(antlr4::ParserRuleContext* ctx, std::size_t state,
                 std::size_t rule_index) override;
  using antlr4::Parser::enterRecursionRule;
  void enterRecursionRule(antlr4::ParserRuleContext* ctx, std::size_t state,
                          std::size_t rule_index, int precedence) override;

 private:
  void check_stack() const;

  const char* stack_base_ = nullptr;
};

}  // namespace aioc::syntax
