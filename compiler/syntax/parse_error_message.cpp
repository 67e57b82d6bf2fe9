#include "syntax/parse_error_message.hpp"

#include <initializer_list>

#include "AioParser.h"

namespace aioc::syntax {

namespace {

using P = aioc_grammar::AioParser;

template <class Ctx>
Ctx* enclosing(antlr4::ParserRuleContext* ctx) {
  for (antlr4::tree::ParseTree* c = ctx; c; c = c->parent)
    if (auto* found = dynamic_cast<Ctx*>(c)) return found;
  return nullptr;
}

bool is_one_of(std::size_t type, std::initializer_list<std::size_t> types) {
  for (std::size_t t : types)
    if (t == type) return true;
  return false;
}

antlr4::Token* token_at(antlr4::TokenStream* tokens, std::size_t index) {
  return index < tokens->size() ? tokens->get(index) : nullptr;
}

antlr4::Token* previous(antlr4::TokenStream* tokens, antlr4::Token* token) {
  std::size_t index = token->getTokenIndex();
  return index == 0 ? nullptr : token_at(tokens, index - 1);
}

// EOF and DEDENTs at end of input have no text of their own: point at the NEWLINE or
// token before them, as CPython does ("if x:" at end of file is reported after the ':').
antlr4::Token* visible(antlr4::TokenStream* tokens, antlr4::Token* token) {
  while (token && is_one_of(token->getType(), {antlr4::Token::EOF, P::DEDENT})) {
    antlr4::Token* before = previous(tokens, token);
    if (!before) break;
    token = before;
  }
  return token;
}

bool starts_expression(std::size_t type) {
  return is_one_of(type, {P::NAME, P::NUMBER, P::STRING, P::LPAR, P::LSQB, P::LBRACE,
                          P::TRUE, P::FALSE, P::NONE, P::ELLIPSIS, P::TILDE, P::NOT,
                          P::LAMBDA, P::AWAIT, P::MATCH, P::CASE});
}

bool ends_expression(std::size_t type) {
  return is_one_of(type, {P::NAME, P::NUMBER, P::STRING, P::RPAR, P::RSQB, P::RBRACE,
                          P::TRUE, P::FALSE, P::NONE, P::ELLIPSIS, P::MATCH, P::CASE});
}

int bracket_depth_before(antlr4::TokenStream* tokens, antlr4::Token* token) {
  int depth = 0;
  for (std::size_t i = 0; i < token->getTokenIndex(); ++i) {
    std::size_t type = tokens->get(i)->getType();
    if (is_one_of(type, {P::LPAR, P::LSQB, P::LBRACE})) ++depth;
    if (is_one_of(type, {P::RPAR, P::RSQB, P::RBRACE})) --depth;
  }
  return depth;
}

// The header a block belongs to, as CPython names it ("'if' statement", "function
// definition"), or empty when `ctx` is not an indented block.
std::string block_owner(antlr4::ParserRuleContext* ctx, std::size_t& line) {
  if (!dynamic_cast<P::IndentedBlockContext*>(ctx)) return {};
  auto* owner = dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent);
  if (!owner) return {};
  line = owner->getStart()->getLine();
  if (dynamic_cast<P::IfStmtContext*>(owner)) return "'if' statement";
  if (dynamic_cast<P::Elif_clauseContext*>(owner)) return "'elif' statement";
  if (dynamic_cast<P::Else_clauseContext*>(owner)) return "'else' statement";
  if (dynamic_cast<P::WhileStmtContext*>(owner)) return "'while' statement";
  if (dynamic_cast<P::ForStmtContext*>(owner)) return "'for' statement";
  if (dynamic_cast<P::WithStmtContext*>(owner)) return "'with' statement";
  if (dynamic_cast<P::TryStmtContext*>(owner)) return "'try' statement";
  if (dynamic_cast<P::ExceptClauseContext*>(owner)) return "'except' statement";
  if (dynamic_cast<P::ExceptStarClauseContext*>(owner)) return "'except*' statement";
  if (dynamic_cast<P::Finally_clauseContext*>(owner)) return "'finally' statement";
  if (dynamic_cast<P::Function_defContext*>(owner)) return "function definition";
  if (dynamic_cast<P::Class_defContext*>(owner)) return "class definition";
  if (dynamic_cast<P::Case_blockContext*>(owner)) return "'case' statement";
  return "statement";
}

// Rules whose ':' CPython's grammar forces ("expected ':'" whatever comes instead).
bool forces_colon(antlr4::ParserRuleContext* ctx) {
  return dynamic_cast<P::Function_defContext*>(ctx) || dynamic_cast<P::Class_defContext*>(ctx) ||
         dynamic_cast<P::ForStmtContext*>(ctx) || dynamic_cast<P::WithStmtContext*>(ctx) ||
         dynamic_cast<P::TryStmtContext*>(ctx) || dynamic_cast<P::ExceptClauseContext*>(ctx) ||
         dynamic_cast<P::ExceptStarClauseContext*>(ctx) ||
         dynamic_cast<P::Finally_clauseContext*>(ctx) ||
         dynamic_cast<P::Else_clauseContext*>(ctx);
}

bool at_statement_start(antlr4::TokenStream* tokens, antlr4::Token* token) {
  antlr4::Token* before = previous(tokens, token);
  return !before || is_one_of(before->getType(), {P::NEWLINE, P::INDENT, P::DEDENT, P::SEMI});
}

// `print "x"`: CPython's legacy print/exec statement message.
bool legacy_statement(const ParseErrorSite& site, ParseErrorMessage& out) {
  antlr4::Token* name = previous(site.tokens, site.offending);
  if (!name || name->getType() != P::NAME) return false;
  std::string id = name->getText();
  if ((id != "print" && id != "exec") || !at_statement_start(site.tokens, name)) return false;
  std::size_t type = site.offending->getType();
  if (!starts_expression(type) || type == P::LPAR) return false;
  out.first = name;
  out.last = site.offending;
  out.text = "Missing parentheses in call to '" + id + "'. Did you mean " + id + "(...)?";
  return true;
}

bool stops_operand_walk(antlr4::TokenStream* tokens, antlr4::Token* token) {
  std::size_t type = token->getType();
  if (is_one_of(type, {P::COMMA, P::COLON, P::EQUAL, P::SEMI, P::NEWLINE, P::INDENT,
                       P::DEDENT, P::IF, P::ELSE, P::FOR, P::IN, P::LAMBDA, P::YIELD,
                       P::RETURN, P::COLONEQUAL, P::RARROW, P::FROM, P::AS}))
    return true;
  if (is_one_of(type, {P::STAR, P::DOUBLESTAR})) {
    antlr4::Token* before = previous(tokens, token);
    return !before || is_one_of(before->getType(), {P::COMMA, P::LPAR, P::LSQB, P::LBRACE});
  }
  return false;
}

// The first token of the expression that ends with `last` (walking back over balanced
// brackets and operators), for "Perhaps you forgot a comma?".
antlr4::Token* operand_start(antlr4::TokenStream* tokens, antlr4::Token* last) {
  antlr4::Token* start = last;
  int depth = 0;
  for (antlr4::Token* t = last; t; t = previous(tokens, t)) {
    std::size_t type = t->getType();
    if (is_one_of(type, {P::RPAR, P::RSQB, P::RBRACE})) {
      ++depth;
    } else if (is_one_of(type, {P::LPAR, P::LSQB, P::LBRACE})) {
      if (depth == 0) break;
      --depth;
    } else if (depth == 0 && stops_operand_walk(tokens, t)) {
      break;
    }
    start = t;
  }
  return start;
}

bool forgot_comma(const ParseErrorSite& site, ParseErrorMessage& out) {
  antlr4::Token* before = previous(site.tokens, site.offending);
  if (!before || !ends_expression(before->getType())) return false;
  std::size_t type = site.offending->getType();
  if (!starts_expression(type)) return false;
  if (before->getType() == P::NAME && type == P::STRING) return false;
  if (bracket_depth_before(site.tokens, site.offending) <= 0) return false;
  out.first = operand_start(site.tokens, before);
  out.last = site.offending;
  out.text = "invalid syntax. Perhaps you forgot a comma?";
  return true;
}

bool missing_block(const ParseErrorSite& site, ParseErrorMessage& out) {
  if (!site.expected->contains(static_cast<std::size_t>(P::INDENT))) return false;
  std::size_t line = 0;
  std::string owner = block_owner(site.ctx, line);
  if (owner.empty()) return false;
  out.kind = DiagKind::IndentationError;
  out.text = "expected an indented block after " + owner + " on line " + std::to_string(line);
  return true;
}

bool expected_colon(const ParseErrorSite& site, ParseErrorMessage& out) {
  if (!site.expected->contains(static_cast<std::size_t>(P::COLON))) return false;
  if (site.offending->getType() != P::NEWLINE && !forces_colon(site.ctx)) return false;
  out.text = "expected ':'";
  return true;
}

// Whether the innermost bracket open at `token` is the parenthesis of a call.
bool in_call_parens(antlr4::TokenStream* tokens, antlr4::Token* token) {
  int depth = 0;
  for (antlr4::Token* t = previous(tokens, token); t; t = previous(tokens, t)) {
    std::size_t type = t->getType();
    if (is_one_of(type, {P::RPAR, P::RSQB, P::RBRACE})) {
      ++depth;
    } else if (is_one_of(type, {P::LPAR, P::LSQB, P::LBRACE}) && depth-- == 0) {
      antlr4::Token* callee = previous(tokens, t);
      return type == P::LPAR && callee && is_one_of(callee->getType(), {P::NAME, P::RPAR, P::RSQB});
    }
  }
  return false;
}

// The exception type expression of the except/except* clause being parsed, if any.
antlr4::ParserRuleContext* exception_types(antlr4::ParserRuleContext* ctx) {
  if (auto* plain = dynamic_cast<P::ExceptClauseContext*>(ctx)) return plain->expression();
  if (auto* star = dynamic_cast<P::ExceptStarClauseContext*>(ctx)) return star->expression();
  return nullptr;
}

// `=` where only an expression can be: in an if/while/elif condition or a display,
// CPython suggests `==` (or `:=` after a name); in a call, it says so about the argument.
bool misplaced_equal(const ParseErrorSite& site, ParseErrorMessage& out) {
  if (site.offending->getType() != P::EQUAL) return false;
  antlr4::Token* before = previous(site.tokens, site.offending);
  if (!before) return false;
  antlr4::Token* start = operand_start(site.tokens, before);
  std::string text;
  if (enclosing<P::ArgumentsContext>(site.ctx) || in_call_parens(site.tokens, site.offending)) {
    text = "expression cannot contain assignment, perhaps you meant \"==\"?";
  } else if (enclosing<P::IfStmtContext>(site.ctx) || enclosing<P::WhileStmtContext>(site.ctx) ||
             enclosing<P::Elif_clauseContext>(site.ctx) ||
             bracket_depth_before(site.tokens, site.offending) > 0) {
    antlr4::Token* before_start = previous(site.tokens, start);
    bool dotted = before_start && before_start->getType() == P::DOT;
    if (start == before && before->getType() == P::NAME && !dotted) {
      text = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
    } else if (before->getType() == P::NAME && start != before) {
      text = "cannot assign to attribute here. Maybe you meant '==' instead of '='?";
    } else if (before->getType() == P::RSQB) {
      text = "cannot assign to subscript here. Maybe you meant '==' instead of '='?";
    }
  }
  if (text.empty()) return false;
  out.first = start;
  out.last = site.offending;
  out.text = std::move(text);
  return true;
}

// Header keywords a block follows directly: `else`, `try`, `finally`, `except`.
bool header_keyword(antlr4::Token* token) {
  return token && is_one_of(token->getType(), {P::ELSE, P::TRY, P::FINALLY, P::EXCEPT});
}

bool specific_message(const ParseErrorSite& site, ParseErrorMessage& out) {
  std::size_t type = site.offending->getType();
  if (type == P::INDENT) {
    out.kind = DiagKind::IndentationError;
    out.text = "unexpected indent";
    return true;
  }
  if (missing_block(site, out) || legacy_statement(site, out)) return true;
  if (auto* cond = dynamic_cast<P::ConditionalExpressionContext*>(site.ctx);
      cond && cond->IF() && type != P::COLON &&
      site.expected->contains(static_cast<std::size_t>(P::ELSE))) {
    out.first = cond->getStart();
    out.last = previous(site.tokens, site.offending);
    out.text = "expected 'else' after 'if' expression";
    return true;
  }
  if (antlr4::ParserRuleContext* types = exception_types(site.ctx); types && type == P::COMMA) {
    out.first = types->getStart();
    out.last = previous(site.tokens, site.offending);
    out.text = "multiple exception types must be parenthesized";
    return true;
  }
  antlr4::Token* before = previous(site.tokens, site.offending);
  if (enclosing<P::PlainImportTargetsContext>(site.ctx) && type == P::NEWLINE && before &&
      before->getType() == P::COMMA) {
    out.text = "trailing comma not allowed without surrounding parentheses";
    return true;
  }
  if (type == P::NEWLINE && header_keyword(before)) {
    out.text = "expected ':'";
    return true;
  }
  if (dynamic_cast<P::Function_defContext*>(site.ctx) && before && before->getType() != P::RPAR &&
      site.expected->contains(static_cast<std::size_t>(P::LPAR))) {
    out.text = "expected '('";
    return true;
  }
  if (dynamic_cast<P::TryStmtContext*>(site.ctx) &&
      site.expected->contains(static_cast<std::size_t>(P::EXCEPT))) {
    out.text = "expected 'except' or 'finally' block";
    return true;
  }
  return misplaced_equal(site, out) || expected_colon(site, out) || forgot_comma(site, out);
}

}  // namespace

ParseErrorMessage describe_parse_error(const ParseErrorSite& site) {
  ParseErrorMessage out;
  if (!specific_message(site, out)) out.text = "invalid syntax";
  if (!out.first) out.first = visible(site.tokens, site.offending);
  if (!out.last) out.last = out.first;
  return out;
}

}  // namespace aioc::syntax
