// CodeWriter: the one place that knows about indentation and line breaks in emitted C++.
//
// Every emitter writes through a CodeWriter so the generated file is consistently indented
// (two spaces per level) without string juggling at the call sites. `open("if (c)")`
// writes `if (c) {` and indents; `close()` dedents and writes `}`. Writers are cheap and
// independent: each emitted C++ function gets its own and the module assembler
// concatenates them, which lets a nested `def` be emitted while its parent is half done.
#pragma once

#include <string>
#include <string_view>

namespace aioc::codegen {

class CodeWriter {
 public:
  // One line at the current indentation; a newline is appended.
  void line(std::string_view text);
  // A line without indentation (preprocessor directives such as #line).
  void raw_line(std::string_view text);
  // `head {` then indent. An empty head opens a bare block.
  void open(std::string_view head = {});
  // Dedent then `}` followed by `tail` (for `} else {`, `} while (false);`, ...).
  void close(std::string_view tail = {});
  void indent() { ++depth_; }
  void dedent() { --depth_; }
  int depth() const { return depth_; }
  // Appends already-formatted text verbatim.
  void append(std::string_view text) { out_.append(text); }
  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  int depth_ = 0;
};

}  // namespace aioc::codegen
