// Name resolution for FunctionEmitter: from sema's bindings to C++ variables.
//
// Function locals are `l_x`, cells (own or free) `c_x`; inline scopes (comprehensions and
// class bodies, see function_emitter.hpp) get a numbered prefix (`l3_x`, `c3_x`) so they
// never clash with the enclosing function's variables. Module-level names are `g_x`
// slots; a class body's names are entries of its namespace dict.
#include <fmt/format.h>

#include <algorithm>

#include "codegen/function_emitter.hpp"
#include "codegen/mangle.hpp"

namespace aioc::codegen {

using sema::Binding;
using sema::ScopeKind;

std::string FunctionEmitter::local_prefix(const sema::Scope* scope, bool cell) const {
  for (const auto& [s, prefix] : inline_scopes_) {
    if (s == scope) return (cell ? "c" : "l") + prefix + "_";
  }
  return cell ? "c_" : "l_";
}

VarRef FunctionEmitter::resolve(const std::string& id) const { return resolve_in(id, scope_); }

VarRef FunctionEmitter::resolve_in(const std::string& id, const sema::Scope* scope) const {
  auto global = [&] { return VarRef{VarRef::Global, ctx_.global_slot(id), id, {}}; };
  if (scope == nullptr || scope->kind == ScopeKind::Module) return global();
  Binding b = scope->binding_of(id);
  if (scope->kind == ScopeKind::Class) {
    std::string ns;
    for (const auto& [s, prefix] : inline_scopes_) {
      if (s == scope) ns = "ns" + prefix;
    }
    if (b == Binding::Free) return resolve_in(id, scope->parent);
    if (b == Binding::Cell) return VarRef{VarRef::Cell, local_prefix(scope, true) + mangle("", id), id, {}};
    return VarRef{VarRef::ClassNs, ns, id, ctx_.global_slot(id)};
  }
  switch (b) {
    case Binding::Local:
      return VarRef{VarRef::Local, mangle(local_prefix(scope, false), id), id, {}};
    case Binding::Cell:
      return VarRef{VarRef::Cell, mangle(local_prefix(scope, true), id), id, {}};
    case Binding::Free:
      if (scope->kind == ScopeKind::Comprehension && scope != function_) return resolve_in(id, scope->parent);
      return VarRef{VarRef::Free, mangle("c_", id), id, {}};
    case Binding::Global:
    case Binding::ClassBody:
      break;
  }
  return global();
}

namespace {

std::vector<std::string> declaration_order(const sema::Scope& scope) {
  std::vector<std::string> order = scope.names;
  if (order.empty()) {
    for (const auto& [name, b] : scope.bindings) order.push_back(name);
  }
  return order;
}

bool skipped(const std::vector<std::string>& skip, const std::string& name) {
  return std::find(skip.begin(), skip.end(), name) != skip.end();
}

}  // namespace

// Declares the locals and cells of `scope` (parameters excluded) at the current point.
void FunctionEmitter::declare_locals(const sema::Scope& scope,
                                     const std::vector<std::string>& skip) {
  for (const auto& name : declaration_order(scope)) {
    if (skipped(skip, name)) continue;
    Binding b = scope.binding_of(name);
    if (b == Binding::Local) {
      w_.line(fmt::format("aio::Value {};", mangle(local_prefix(&scope, false), name)));
    } else if (b == Binding::Cell) {
      w_.line(fmt::format("aio::Value {} = aio::make_cell();",
                          mangle(local_prefix(&scope, true), name)));
    }
  }
}

std::vector<std::string> FunctionEmitter::local_names(const sema::Scope& scope,
                                                      const std::vector<std::string>& skip) const {
  std::vector<std::string> out;
  for (const auto& name : declaration_order(scope)) {
    if (skipped(skip, name)) continue;
    Binding b = scope.binding_of(name);
    if (b == Binding::Local || b == Binding::Cell) out.push_back(mangle(local_prefix(&scope, b == Binding::Cell), name));
  }
  return out;
}

// One load and a branch per call after the first; TrackFrame runs after every registered
// local is constructed and before the first suspension, so a frame whose promise points at
// its TraceFrame has all of them alive until the body ends.
void FunctionEmitter::track_frame(const std::string& code, const std::vector<std::string>& names) {
  if (!names.empty()) {
    std::string list;
    for (const auto& n : names) list += fmt::format("{}&{}", list.empty() ? "" : ", ", n);
    w_.line(fmt::format("if (!{0}.frame_locals) [[unlikely]] aio::register_frame_locals({0}, frame, {{{1}}});",
                        code, list));
  }
  w_.line("co_await aio::TrackFrame{&frame};");
}

std::string FunctionEmitter::load_name(const std::string& id) {
  VarRef v = resolve(id);
  switch (v.kind) {
    case VarRef::Local:
      return temp(fmt::format("aioc_local({}, {})", v.cpp, cpp_string_literal(id)));
    case VarRef::Cell:
      return temp(fmt::format("aioc_cell({}, {})", v.cpp, cpp_string_literal(id)));
    case VarRef::Free:
      return temp(fmt::format("aioc_free({}, {})", v.cpp, cpp_string_literal(id)));
    case VarRef::Global:
      return temp(fmt::format("aio::load_global({}, {})", v.cpp, str(id)));
    case VarRef::ClassNs:
      return temp(fmt::format("aioc_class_load({}, {}, {})", v.cpp, attr_name(id), v.fallback));
  }
  return {};
}

void FunctionEmitter::store_name(const std::string& id, const std::string& value) {
  VarRef v = resolve(id);
  switch (v.kind) {
    case VarRef::Local:
    case VarRef::Global:
      w_.line(fmt::format("{} = {};", v.cpp, value));
      break;
    case VarRef::Cell:
    case VarRef::Free:
      w_.line(fmt::format("aio::cell_ref({}) = {};", v.cpp, value));
      break;
    case VarRef::ClassNs:
      w_.line(fmt::format("aio::dict_setitem({}, {}, {});", v.cpp, attr_name(id), value));
      break;
  }
}

std::string FunctionEmitter::attr_name(const std::string& id) {
  bool is_private = id.size() > 2 && id.compare(0, 2, "__") == 0 &&
                    !(id.size() >= 4 && id.compare(id.size() - 2, 2, "__") == 0) &&
                    id.find('.') == std::string::npos;
  if (!is_private) return str(id);
  for (const sema::Scope* s = scope_; s; s = s->parent) {
    if (s->kind != ScopeKind::Class) continue;
    std::string cls = s->name;
    cls.erase(0, cls.find_first_not_of('_'));
    if (cls.empty()) return str(id);
    return str("_" + cls + id);
  }
  return str(id);
}

void FunctionEmitter::unsupported(const ast::Loc& loc, const std::string& what) const {
  throw CodegenError(loc.line > 0 ? loc : current_loc_, what);
}

}  // namespace aioc::codegen
