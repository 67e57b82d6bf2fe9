// The front half of the pipeline, shared by every command: read the .aio file, parse it,
// analyze it and (on request) generate C++. Diagnostics go to stderr as they are found.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "ast/ast.hpp"
#include "diag/diagnostics.hpp"
#include "sema/scope.hpp"

namespace aioc::driver {

struct FrontendResult {
  std::unique_ptr<SourceFile> file;
  std::unique_ptr<Diagnostics> diags;
  std::unique_ptr<ast::Module> module;
  std::unique_ptr<sema::Analysis> analysis;  // null when parsing failed
  bool ok() const { return diags && !diags->has_errors(); }
};

// Reads `path`; returns nullopt (after printing why) when it cannot be read.
std::optional<std::string> read_file(const std::string& path);

// Parses; runs sema when `analyze` is true and parsing succeeded.
FrontendResult run_frontend(const std::string& path, std::string text, bool analyze);

}  // namespace aioc::driver
