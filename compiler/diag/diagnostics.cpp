#include "diag/diagnostics.hpp"

#include <algorithm>

namespace aioc {

namespace {

struct KindInfo {
  const char* name;
  Severity severity;
  const char* format;
};

constexpr KindInfo kKinds[] = {
#define AIOC_DIAG(kind, severity, format) {#kind, Severity::severity, format},
#include "diag/diag_kinds.def"
#undef AIOC_DIAG
};

const char* severity_word(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

// Number of code points in the first `bytes` bytes of a UTF-8 string.
int utf8_width(std::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Byte offset of 1-based code-point column `col` in `line`.
std::size_t byte_offset_of_column(std::string_view line, int col) {
  std::size_t i = 0;
  for (int seen = 1; i < line.size() && seen < col; ++seen) {
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

}  // namespace

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

std::string_view SourceFile::line(int n) const {
  if (n < 1 || n > line_count()) return {};
  std::size_t begin = line_starts_[n - 1];
  std::size_t end = text_.find('\n', begin);
  if (end == std::string::npos) end = text_.size();
  std::string_view s(text_.data() + begin, end - begin);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

Diagnostics::Diagnostics(const SourceFile& file, std::FILE* out) : file_(file), out_(out) {}

const char* Diagnostics::name_of(DiagKind kind) { return kKinds[static_cast<int>(kind)].name; }
const char* Diagnostics::format_of(DiagKind kind) {
  return kKinds[static_cast<int>(kind)].format;
}
Severity Diagnostics::severity_of(DiagKind kind) {
  return kKinds[static_cast<int>(kind)].severity;
}

void Diagnostics::emit(DiagKind kind, const ast::Loc& loc, const std::string& message) {
  Severity severity = severity_of(kind);
  if (severity == Severity::Error) ++errors_;
  print(severity, loc, message, name_of(kind));
}

void Diagnostics::note(const ast::Loc& loc, std::string_view message) {
  print(Severity::Note, loc, message, nullptr);
}

void Diagnostics::print(Severity severity, const ast::Loc& loc, std::string_view message,
                        const char* kind_name) {
  std::string head = fmt::format("{}:{}:{}: {}: {}", file_.path(), loc.line, loc.col,
                                 severity_word(severity), message);
  if (kind_name) head += fmt::format(" [{}]", kind_name);
  fmt::print(out_, "{}\n", head);
  std::string_view text = file_.line(loc.line);
  if (loc.line < 1 || loc.line > file_.line_count()) return;
  // Tabs are kept in the caret line so the caret lines up under the source line.
  std::string caret;
  std::size_t start = byte_offset_of_column(text, loc.col);
  for (std::size_t i = 0; i < start && i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;
    caret += c == '\t' ? '\t' : ' ';
  }
  caret += '^';
  int width = 1;
  if (loc.end_line == loc.line && loc.end_col > loc.col) width = loc.end_col - loc.col;
  int room = utf8_width(text) - (loc.col - 1);
  width = std::clamp(width, 1, std::max(1, room));
  caret.append(static_cast<std::size_t>(width - 1), '~');
  fmt::print(out_, "{}\n{}\n", text, caret);
}

}  // namespace aioc
