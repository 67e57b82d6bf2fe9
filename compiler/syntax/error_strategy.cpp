#include "syntax/error_strategy.hpp"

#include "AioParser.h"
#include "syntax/parse_error_message.hpp"

namespace aioc::syntax {

namespace {

using P = aioc_grammar::AioParser;

antlr4::ParserRuleContext* context_of(antlr4::Parser* parser, antlr4::RuleContext* ctx) {
  if (auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(ctx)) return rule;
  return parser->getContext();
}

}  // namespace

void SyntaxErrorStrategy::reportNoViableAlternative(antlr4::Parser* parser,
                                                    const antlr4::NoViableAltException& e) {
  report(parser, e.getOffendingToken(), e.getExpectedTokens(), context_of(parser, e.getCtx()));
}

void SyntaxErrorStrategy::reportInputMismatch(antlr4::Parser* parser,
                                              const antlr4::InputMismatchException& e) {
  report(parser, e.getOffendingToken(), e.getExpectedTokens(), context_of(parser, e.getCtx()));
}

void SyntaxErrorStrategy::reportFailedPredicate(antlr4::Parser* parser,
                                                const antlr4::FailedPredicateException& e) {
  report(parser, e.getOffendingToken(), e.getExpectedTokens(), context_of(parser, e.getCtx()));
}

void SyntaxErrorStrategy::reportUnwantedToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  report(parser, parser->getCurrentToken(), getExpectedTokens(parser), parser->getContext());
}

void SyntaxErrorStrategy::reportMissingToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  report(parser, parser->getCurrentToken(), getExpectedTokens(parser), parser->getContext());
}

// A follow-up of the previous error: in the same statement (no NEWLINE since), or about
// block structure that the previous error's recovery has disturbed.
bool SyntaxErrorStrategy::is_follow_up(antlr4::TokenStream* tokens, antlr4::Token* offending) {
  if (!reported_) return false;
  std::size_t type = offending->getType();
  if (type == P::INDENT || type == P::DEDENT || type == antlr4::Token::EOF) return true;
  std::size_t index = offending->getTokenIndex();
  if (index <= last_error_index_) return true;
  for (std::size_t i = last_error_index_; i < index && i < tokens->size(); ++i)
    if (tokens->get(i)->getType() == P::NEWLINE) return false;
  last_error_index_ = index;  // the scanned stretch has no NEWLINE: never scan it again
  return true;
}

void SyntaxErrorStrategy::report(antlr4::Parser* parser, antlr4::Token* offending,
                                 const antlr4::misc::IntervalSet& expected,
                                 antlr4::ParserRuleContext* ctx) {
  issues_.mark_parse_failed();
  failed_ = true;
  antlr4::TokenStream* tokens = parser->getTokenStream();
  if (!offending) offending = parser->getCurrentToken();
  if (is_follow_up(tokens, offending)) return;
  reported_ = true;
  last_error_index_ = offending->getTokenIndex();
  ParseErrorMessage message = describe_parse_error({tokens, offending, &expected, ctx});
  ast::Loc loc = map_.span(message.first, message.last);
  issues_.add(IssueSource::Parser, message.kind, loc, prefix_ + message.text);
}

}  // namespace aioc::syntax
