// The superclass of the ANTLR-generated AioLexer: it turns ANTLR's raw token stream into
// Python's logical-line stream and reports the errors CPython's tokenizer reports.
//
// ANTLR matches tokens one at a time and knows nothing about lines, brackets or
// indentation; Python's tokenizer does. nextToken() below pulls raw tokens from the
// generated lexer and post-processes them through a small queue:
//   * bracket depth is tracked; inside brackets every NEWLINE is dropped, a closing
//     bracket with no opener is dropped ("unmatched ')'"), a mismatched one is reported
//     and retyped to the bracket that was open so parsing can go on;
//   * NEWLINE ends a logical line only when something was on it (blank and comment-only
//     lines vanish);
//   * the first token of each logical line is measured against a stack of indentation
//     widths and preceded by INDENT or DEDENTs. Widths are measured twice, tabs to the
//     next multiple of 8 and tabs as 1 column; when the two measurements order the line
//     differently against the stack it is a TabError, as in CPython;
//   * at end of input: NEWLINE if a line is open, one DEDENT per open block, then EOF;
//   * malformed raw tokens (unterminated strings, bad numbers, stray characters) are
//     reported and either dropped or replaced by a well-formed token, so the parser
//     sees a clean stream and does not pile follow-up errors on top.
// Problems are passed to a LexIssueSink as LexIssue values: this library (aioc_grammar)
// knows nothing about aioc's diagnostics; compiler/syntax maps issues to them.
//
// The file is compiled into aioc_grammar (C++17) because the generated lexer derives from
// it; its .cpp includes the generated AioLexer.h for the token type numbers.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "antlr4-runtime.h"

namespace aioc::syntax {

enum class LexProblem {
  UnclosedBracket,       // text: the bracket
  UnmatchedBracket,      // text: the bracket
  MismatchedBracket,     // text: closer, text2: opener, number: opener line
  TooManyBrackets,
  UnterminatedString,    // number: the line where the end of line was reached
  UnterminatedTripleQuotedString,  // number: the last line of the file
  InvalidNumber,         // text: CPython's message
  NumberRunsIntoKeyword, // text: CPython's message (a warning: `1if x else y`)
  InvalidCharacter,      // number: the code point, text: its UTF-8
  NonPrintableCharacter, // number: the code point
  BadContinuation,
  EofAfterContinuation,
  UnindentMismatch,
  InconsistentTabs,
  TooDeepIndentation,
};

// A problem at a source range. Lines are 1-based, columns 0-based code points (ANTLR's
// convention); end is exclusive.
struct LexIssue {
  LexProblem problem;
  std::size_t line = 0;
  std::size_t col = 0;
  std::size_t end_line = 0;
  std::size_t end_col = 0;
  std::string text;
  std::string text2;
  long number = 0;
};

class LexIssueSink {
 public:
  virtual ~LexIssueSink() = default;
  virtual void lex_issue(const LexIssue& issue) = 0;
};

class IndentLexerBase : public antlr4::Lexer {
 public:
  // CPython's limits (MAXLEVEL and MAXINDENT in Parser/tokenizer.h). Besides matching
  // CPython they bound the parser's recursion, so no input can exhaust the stack.
  static constexpr std::size_t kMaxBracketDepth = 200;
  static constexpr std::size_t kMaxIndentDepth = 100;
  static constexpr int kTabSize = 8;

  explicit IndentLexerBase(antlr4::CharStream* input);

  void set_issue_sink(LexIssueSink* sink) { sink_ = sink; }
  std::unique_ptr<antlr4::Token> nextToken() override;

 private:
  struct OpenBracket {
    std::string text;
    std::size_t line;
    std::size_t col;
  };
  struct Indentation {
    int col;      // tabs to multiples of kTabSize
    int alt_col;  // tabs as one column
  };

  void pump();
  void finish(std::unique_ptr<antlr4::Token> eof);
  void check_final_continuation(const antlr4::Token& eof);
  void on_newline(std::unique_ptr<antlr4::Token> token);
  void on_invalid_number(std::unique_ptr<antlr4::Token>& token);
  void on_unterminated_string(antlr4::Token& token, bool triple);
  bool on_error_char(const antlr4::Token& token);
  void begin_logical_line(const antlr4::Token& first);
  void change_indentation(const antlr4::Token& first, Indentation now);
  bool track_bracket(antlr4::Token& token);
  Indentation measure_indentation(const antlr4::Token& first);

  void abandon_input();
  void push_synthetic(std::size_t type, const antlr4::Token& at, const std::string& text);
  void report(LexProblem problem, const antlr4::Token& at, std::string text = {},
              long number = 0, std::string text2 = {});

  std::deque<std::unique_ptr<antlr4::Token>> pending_;
  std::vector<OpenBracket> brackets_;
  std::vector<Indentation> indents_{{0, 0}};
  bool at_line_start_ = true;
  bool finished_ = false;
  bool truncated_ = false;  // input abandoned after a fatal nesting error
  LexIssueSink* sink_ = nullptr;
};

}  // namespace aioc::syntax
