#include "driver/frontend.hpp"

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "sema/sema.hpp"
#include "syntax/parse.hpp"

namespace aioc::driver {

namespace {

// True when `text` is well-formed UTF-8 (CPython refuses other source files too).
bool valid_utf8(const std::string& text, ast::Loc& bad) {
  int line = 1, col = 1;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len > 0 && i + len <= text.size();
    for (int k = 1; ok && k < len; ++k)
      ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (!ok) {
      bad = {line, col, line, col + 1};
      return false;
    }
    if (c == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
    i += len;
  }
  return true;
}

}  // namespace

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "aioc: error: cannot open '{}': {}\n", path, std::strerror(errno));
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

FrontendResult run_frontend(const std::string& path, std::string text, bool analyze) {
  FrontendResult result;
  result.file = std::make_unique<SourceFile>(path, std::move(text));
  result.diags = std::make_unique<Diagnostics>(*result.file);
  ast::Loc bad;
  if (!valid_utf8(result.file->text(), bad)) {
    result.diags->report(DiagKind::InvalidUtf8, bad);
    return result;
  }
  result.module = syntax::parse_module(*result.file, *result.diags);
  if (!analyze || result.diags->has_errors()) return result;
  result.analysis = sema::analyze(*result.module, *result.diags);
  return result;
}

}  // namespace aioc::driver
