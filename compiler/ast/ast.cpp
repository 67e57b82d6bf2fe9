#include "ast/ast.hpp"

namespace aioc::ast {

const char* binop_name(BinOpKind op) {
  switch (op) {
#define X(name, text) case BinOpKind::name: return #name;
    AIOC_BINOPS(X)
#undef X
  }
  return "?";
}

const char* binop_text(BinOpKind op) {
  switch (op) {
#define X(name, text) case BinOpKind::name: return text;
    AIOC_BINOPS(X)
#undef X
  }
  return "?";
}

const char* cmpop_name(CmpOpKind op) {
  switch (op) {
#define X(name, text) case CmpOpKind::name: return #name;
    AIOC_CMPOPS(X)
#undef X
  }
  return "?";
}

const char* cmpop_text(CmpOpKind op) {
  switch (op) {
#define X(name, text) case CmpOpKind::name: return text;
    AIOC_CMPOPS(X)
#undef X
  }
  return "?";
}

bool has_future_import(const Module& module, std::string_view feature) {
  for (const auto& s : module.body) {
    const auto* f = s ? s->as<ImportFrom>() : nullptr;
    if (!f || f->level != 0 || f->module != "__future__") continue;
    for (const auto& a : f->names)
      if (a.name == feature) return true;
  }
  return false;
}

}  // namespace aioc::ast
