// ModuleContext: what is shared by every function emitted into one translation unit.
//
// Code generation produces several sections that must appear in a fixed order in the
// output (constants, globals, forward declarations, CodeInfo tables, function bodies,
// the module body, main) while being discovered in source order. The context owns one
// CodeWriter per section, interns constants (each distinct literal becomes one
// namespace-scope static, created once per program), records every module-level name so
// it gets a `g_` slot, and hands out unique ids for emitted C++ functions.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.hpp"
#include "codegen/codegen.hpp"
#include "codegen/writer.hpp"
#include "sema/scope.hpp"

namespace aioc::codegen {

class ModuleContext {
 public:
  ModuleContext(const ast::Module& module, const sema::Analysis& analysis,
                const Options& options)
      : module(module), analysis(analysis), options(options) {}

  // Names of namespace-scope statics holding the constant (created on first use).
  std::string str_const(std::string_view utf8);
  std::string bytes_const(std::string_view bytes);
  std::string big_int_const(const std::string& decimal);
  // The `g_` slot of a module-level name (declared on first use).
  std::string global_slot(const std::string& name);
  // Every `g_` slot, in order of first use (roughly the order CPython's module dict gets them).
  const std::vector<std::string>& global_slots() const { return global_order_; }
  int next_id() { return ++ids_; }
  // The .aio path as a C++ string literal, for #line and CodeInfo.
  std::string path_literal() const;

  const ast::Module& module;
  const sema::Analysis& analysis;
  const Options& options;

  CodeWriter constants;
  CodeWriter globals;
  CodeWriter decls;
  CodeWriter codeinfos;
  CodeWriter bodies;

 private:
  std::map<std::string, std::string> strs_;
  std::map<std::string, std::string> bytes_;
  std::map<std::string, std::string> ints_;
  std::set<std::string> globals_;
  std::vector<std::string> global_order_;
  int ids_ = 0;
};

}  // namespace aioc::codegen
