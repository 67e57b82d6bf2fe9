#include "syntax/recognizers/indent_lexer.hpp"

#include "AioLexer.h"
#include "syntax/recognizers/number_scan.hpp"

namespace aioc::syntax {

namespace {

using L = aioc_grammar::AioLexer;

bool is_open_bracket(std::size_t type) {
  return type == L::LPAR || type == L::LSQB || type == L::LBRACE;
}
bool is_close_bracket(std::size_t type) {
  return type == L::RPAR || type == L::RSQB || type == L::RBRACE;
}

std::size_t closer_type_of(const std::string& opener) {
  if (opener == "(") return L::RPAR;
  if (opener == "[") return L::RSQB;
  return L::RBRACE;
}
const char* closer_text_of(const std::string& opener) {
  if (opener == "(") return ")";
  if (opener == "[") return "]";
  return "}";
}
bool closes(const std::string& opener, std::size_t closer_type) {
  return closer_type_of(opener) == closer_type;
}

// The first code point of a UTF-8 string.
long first_code_point(const std::string& s) {
  if (s.empty()) return 0;
  unsigned char c = static_cast<unsigned char>(s[0]);
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  long cp = extra == 0 ? c : c & (0x3F >> extra);
  for (int i = 1; i <= extra && i < static_cast<int>(s.size()); ++i)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  return cp;
}

// Line and 0-based column just past the end of `token`'s text.
void end_of(const antlr4::Token& token, std::size_t& line, std::size_t& col) {
  line = token.getLine();
  col = token.getCharPositionInLine();
  for (unsigned char c : token.getText()) {
    if (c == '\n') {
      ++line;
      col = 0;
    } else if ((c & 0xC0) != 0x80) {
      ++col;
    }
  }
}

antlr4::WritableToken& writable(antlr4::Token& token) {
  return dynamic_cast<antlr4::WritableToken&>(token);
}

}  // namespace

IndentLexerBase::IndentLexerBase(antlr4::CharStream* input) : antlr4::Lexer(input) {}

std::unique_ptr<antlr4::Token> IndentLexerBase::nextToken() {
  while (pending_.empty()) pump();
  std::unique_ptr<antlr4::Token> token = std::move(pending_.front());
  pending_.pop_front();
  return token;
}

void IndentLexerBase::pump() {
  std::unique_ptr<antlr4::Token> token = antlr4::Lexer::nextToken();
  std::size_t type = token->getType();
  if (finished_) {
    pending_.push_back(std::move(token));
    return;
  }
  switch (type) {
    case antlr4::Token::EOF:
      return finish(std::move(token));
    case L::NEWLINE:
      return on_newline(std::move(token));
    case L::UNTERMINATED_STRING:
    case L::UNTERMINATED_LONG_STRING:
      on_unterminated_string(*token, type == L::UNTERMINATED_LONG_STRING);
      break;
    case L::INVALID_NUMBER:
      on_invalid_number(token);
      break;
    case L::BAD_CONTINUATION:
      report(_input->LA(1) == antlr4::Token::EOF ? LexProblem::EofAfterContinuation
                                                 : LexProblem::BadContinuation,
             *token);
      return;
    case L::ERROR_CHAR:
      if (!on_error_char(*token)) return;
      break;
    default:
      break;
  }
  begin_logical_line(*token);
  if (!track_bracket(*token)) return;
  pending_.push_back(std::move(token));
}

void IndentLexerBase::finish(std::unique_ptr<antlr4::Token> eof) {
  check_final_continuation(*eof);
  if (!brackets_.empty() && !truncated_) {
    const OpenBracket& open = brackets_.back();
    if (sink_) {
      LexIssue issue{LexProblem::UnclosedBracket, open.line, open.col, open.line,
                     open.col + 1, open.text, {}, 0};
      sink_->lex_issue(issue);
    }
  }
  if (!at_line_start_) push_synthetic(L::NEWLINE, *eof, "");
  while (indents_.size() > 1) {
    indents_.pop_back();
    push_synthetic(L::DEDENT, *eof, "");
  }
  finished_ = true;
  pending_.push_back(std::move(eof));
}

// A backslash continuing the last line into the end of input: CPython's "unexpected EOF
// while parsing" (a lone backslash at the very end is a BAD_CONTINUATION token instead).
void IndentLexerBase::check_final_continuation(const antlr4::Token& eof) {
  std::size_t size = _input->size();
  if (size < 2 || truncated_ || !sink_) return;
  if (_input->getText(antlr4::misc::Interval(size - 2, size - 1)) != "\\\n") return;
  std::size_t backslash = size - 2;
  std::size_t line_start = backslash;
  while (line_start > 0 &&
         _input->getText(antlr4::misc::Interval(line_start - 1, line_start - 1)) != "\n")
    --line_start;
  std::size_t line = eof.getLine() - 1;
  std::size_t col = backslash - line_start;
  sink_->lex_issue({LexProblem::EofAfterContinuation, line, col, line, col + 1, {}, {}, 0});
}

void IndentLexerBase::on_newline(std::unique_ptr<antlr4::Token> token) {
  if (!brackets_.empty() || at_line_start_) return;  // joined or blank line
  at_line_start_ = true;
  pending_.push_back(std::move(token));
}

void IndentLexerBase::on_unterminated_string(antlr4::Token& token, bool triple) {
  std::string text = token.getText();
  std::size_t newlines = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) newlines += text[i] == '\n';
  long detected = static_cast<long>(token.getLine() + newlines);
  report(triple ? LexProblem::UnterminatedTripleQuotedString : LexProblem::UnterminatedString,
         token, {}, detected);
  writable(token).setType(L::STRING);
}

void IndentLexerBase::on_invalid_number(std::unique_ptr<antlr4::Token>& token) {
  std::string text = token->getText();
  std::size_t split = keyword_split(text);
  if (split == 0) {
    report(LexProblem::InvalidNumber, *token, invalid_number_message(text));
    writable(*token).setType(L::NUMBER);
    return;
  }
  // `1if x else y`: CPython warns and reads the number and the keyword separately.
  report(LexProblem::NumberRunsIntoKeyword, *token, invalid_number_message(text));
  std::size_t start = token->getStartIndex();
  std::unique_ptr<antlr4::CommonToken> number =
      _factory->create({this, _input}, L::NUMBER, text.substr(0, split),
                       antlr4::Token::DEFAULT_CHANNEL, start, start + split - 1,
                       token->getLine(), token->getCharPositionInLine());
  _input->seek(start + split);
  setCharPositionInLine(token->getCharPositionInLine() + split);
  token = std::move(number);
}

bool IndentLexerBase::on_error_char(const antlr4::Token& token) {
  long cp = first_code_point(token.getText());
  if (cp >= 0x80) {
    report(LexProblem::InvalidCharacter, token, token.getText(), cp);
    return false;
  }
  if (cp < 0x20 || cp == 0x7F) {
    report(LexProblem::NonPrintableCharacter, token, {}, cp);
    return false;
  }
  return true;  // '$', '?', '!', '`': the parser reports "invalid syntax" there
}

void IndentLexerBase::begin_logical_line(const antlr4::Token& first) {
  if (!at_line_start_) return;
  at_line_start_ = false;
  change_indentation(first, measure_indentation(first));
}

IndentLexerBase::Indentation IndentLexerBase::measure_indentation(const antlr4::Token& first) {
  Indentation now{0, 0};
  std::size_t col = first.getCharPositionInLine();
  if (col == 0) return now;
  std::size_t start = first.getStartIndex();
  std::string prefix = _input->getText(antlr4::misc::Interval(start - col, start - 1));
  for (char c : prefix) {
    if (c == ' ') {
      ++now.col;
      ++now.alt_col;
    } else if (c == '\t') {
      now.col = (now.col / kTabSize + 1) * kTabSize;
      ++now.alt_col;
    } else if (c == '\f') {
      now = {0, 0};
    }
  }
  return now;
}

void IndentLexerBase::change_indentation(const antlr4::Token& first, Indentation now) {
  Indentation top = indents_.back();
  if (now.col == top.col) {
    if (now.alt_col != top.alt_col) report(LexProblem::InconsistentTabs, first);
    return;
  }
  if (now.col > top.col) {
    if (now.alt_col <= top.alt_col) report(LexProblem::InconsistentTabs, first);
    if (indents_.size() > kMaxIndentDepth) {
      report(LexProblem::TooDeepIndentation, first);
      abandon_input();
      return;
    }
    indents_.push_back(now);
    push_synthetic(L::INDENT, first, "");
    return;
  }
  while (indents_.size() > 1 && now.col < indents_.back().col) {
    indents_.pop_back();
    push_synthetic(L::DEDENT, first, "");
  }
  if (now.col != indents_.back().col) {
    report(LexProblem::UnindentMismatch, first);
  } else if (now.alt_col != indents_.back().alt_col) {
    report(LexProblem::InconsistentTabs, first);
  }
}

bool IndentLexerBase::track_bracket(antlr4::Token& token) {
  std::size_t type = token.getType();
  if (is_open_bracket(type)) {
    if (brackets_.size() >= kMaxBracketDepth) {
      // Give up on the rest of the input: nothing after this can be parsed sensibly,
      // and nesting deeper would only grow the parser's recursion.
      report(LexProblem::TooManyBrackets, token);
      abandon_input();
      return false;
    }
    brackets_.push_back({token.getText(), token.getLine(), token.getCharPositionInLine()});
    return true;
  }
  if (!is_close_bracket(type)) return true;
  if (brackets_.empty()) {
    report(LexProblem::UnmatchedBracket, token, token.getText());
    return false;
  }
  OpenBracket open = brackets_.back();
  brackets_.pop_back();
  if (!closes(open.text, type)) {
    report(LexProblem::MismatchedBracket, token, token.getText(),
           static_cast<long>(open.line), open.text);
    writable(token).setType(closer_type_of(open.text));
    writable(token).setText(closer_text_of(open.text));
  }
  return true;
}

// After a fatal nesting error nothing more is lexed: the rest of the input is skipped.
void IndentLexerBase::abandon_input() {
  truncated_ = true;
  _input->seek(_input->size());
}

void IndentLexerBase::push_synthetic(std::size_t type, const antlr4::Token& at,
                                     const std::string& text) {
  std::size_t start = at.getStartIndex();
  pending_.push_back(_factory->create({this, _input}, type, text,
                                      antlr4::Token::DEFAULT_CHANNEL, start, start - 1,
                                      at.getLine(), at.getCharPositionInLine()));
}

void IndentLexerBase::report(LexProblem problem, const antlr4::Token& at, std::string text,
                             long number, std::string text2) {
  if (!sink_) return;
  LexIssue issue{problem, at.getLine(), at.getCharPositionInLine(), 0, 0,
                 std::move(text), std::move(text2), number};
  end_of(at, issue.end_line, issue.end_col);
  sink_->lex_issue(issue);
}

}  // namespace aioc::syntax
