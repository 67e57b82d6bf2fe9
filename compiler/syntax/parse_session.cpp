#include "syntax/parse_session.hpp"

namespace aioc::syntax {

ParseSession::ParseSession(const std::string& text, TextOrigin origin, SyntaxIssues& issues,
                           std::string prefix)
    : map_(origin),
      issues_(issues),
      input_(text),
      lexer_(&input_),
      reporter_(issues, map_),
      tokens_(&lexer_),
      parser_(&tokens_),
      strategy_(std::make_shared<SyntaxErrorStrategy>(issues, map_, std::move(prefix))) {
  lexer_.removeErrorListeners();
  lexer_.set_issue_sink(&reporter_);
  parser_.removeErrorListeners();
  parser_.setErrorHandler(strategy_);
}

template <class Parse>
auto ParseSession::guarded(Parse parse) -> decltype(parse()) {
  parser_.start_guard();
  try {
    return parse();
  } catch (const NestingTooDeep&) {
    failed_ = true;
    issues_.mark_parse_failed();
    antlr4::Token* at = parser_.getCurrentToken();
    ast::Loc where = at ? map_.token(at) : ast::Loc{};
    issues_.add_fatal(where, DiagKind::TooDeeplyNested, where);
    return nullptr;
  }
}

aioc_grammar::AioParser::File_inputContext* ParseSession::parse_file() {
  return guarded([this] { return parser_.file_input(); });
}

aioc_grammar::AioParser::Fstring_inputContext* ParseSession::parse_fstring_field() {
  return guarded([this] { return parser_.fstring_input(); });
}

std::string normalize_source(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      out += text[i];
    } else {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    }
  }
  return out;
}

}  // namespace aioc::syntax
