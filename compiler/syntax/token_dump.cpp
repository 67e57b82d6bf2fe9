#include "syntax/token_dump.hpp"

#include "AioLexer.h"
#include "syntax/lex_reporter.hpp"
#include "syntax/parse_session.hpp"

namespace aioc::syntax {

std::vector<TokenInfo> tokenize(const SourceFile& file, Diagnostics& diags) {
  SyntaxIssues issues;
  SourceMap map;
  LexReporter reporter(issues, map);
  antlr4::ANTLRInputStream input(normalize_source(file.text()));
  aioc_grammar::AioLexer lexer(&input);
  lexer.removeErrorListeners();
  lexer.set_issue_sink(&reporter);
  std::vector<TokenInfo> out;
  for (;;) {
    std::unique_ptr<antlr4::Token> token = lexer.nextToken();
    std::size_t type = token->getType();
    bool has_text = type != antlr4::Token::EOF && type != aioc_grammar::AioLexer::INDENT &&
                    type != aioc_grammar::AioLexer::DEDENT;
    std::string name = type == antlr4::Token::EOF
                           ? "EOF"
                           : std::string(lexer.getVocabulary().getSymbolicName(type));
    out.push_back({name, has_text ? token->getText() : "", static_cast<int>(token->getLine()),
                   static_cast<int>(token->getCharPositionInLine()) + 1});
    if (type == antlr4::Token::EOF) break;
  }
  issues.flush(diags);
  return out;
}

}  // namespace aioc::syntax
