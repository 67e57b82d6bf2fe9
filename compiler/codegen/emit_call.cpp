// Calls: `f(a, b)`, keywords, `*args`/`**kwargs`, method calls and zero-argument super().
//
// The common shapes use the allocation-free entry points: positional-only calls become
// aio::call (or aio::call_method for `obj.m(...)`, which skips the bound-method object),
// keyword calls aio::call_kw / call_method_kw. Any `*` or `**` argument builds an args
// tuple and kwargs dict and goes through aio::call_ex. Every argument is evaluated into a
// named temporary first, left to right, so awaits inside arguments are safe.
#include <fmt/format.h>

#include "codegen/function_emitter.hpp"
#include "codegen/mangle.hpp"

namespace aioc::codegen {

std::string FunctionEmitter::call(const ast::Call& e, const ast::Loc& loc) {
  bool dynamic = false;
  for (const auto& a : e.args) dynamic = dynamic || a->is<ast::Starred>();
  for (const auto& k : e.keywords) dynamic = dynamic || k.arg.empty();

  // Zero-argument super() inside a method.
  if (const auto* n = e.func->as<ast::Name>();
      n && n->id == "super" && e.args.empty() && e.keywords.empty() &&
      function_->binding_of("__class__") == sema::Binding::Free) {
    return super_call(loc);
  }

  const auto* attr = e.func->as<ast::Attribute>();
  std::string receiver;
  std::string callee;
  if (attr && !dynamic) {
    receiver = expr(*attr->value);
  } else {
    callee = expr(*e.func);
  }

  if (dynamic) {
    std::string list = temp("aio::make_list({})");
    for (const auto& a : e.args) {
      if (const auto* s = a->as<ast::Starred>()) {
        std::string v = expr(*s->value);
        w_.line(fmt::format("aio::list_extend({}, {});", list, v));
      } else {
        std::string v = expr(*a);
        w_.line(fmt::format("aio::list_append({}, {});", list, v));
      }
    }
    std::string args = temp(fmt::format("aio::list_to_tuple({})", list));
    std::string kwargs = e.keywords.empty() ? "aio::Value()" : kwargs_dict(e.keywords, callee);
    return temp(fmt::format("aio::call_ex({}, {}, {})", callee, args, kwargs));
  }

  std::vector<std::string> args;
  for (const auto& a : e.args) args.push_back(expr(*a));
  std::vector<std::string> kws;
  for (const auto& k : e.keywords) {
    std::string v = expr(*k.value);
    kws.push_back(fmt::format("{{{}, {}}}", str(k.arg), v));
  }
  std::string arglist = fmt::format("{{{}}}", fmt::join(args, ", "));
  if (attr) {
    if (kws.empty()) {
      return temp(fmt::format("aio::call_method({}, {}, {})", receiver, attr_name(attr->attr), arglist));
    }
    return temp(fmt::format("aio::call_method_kw({}, {}, {}, {{{}}})", receiver, attr_name(attr->attr),
                            arglist, fmt::join(kws, ", ")));
  }
  if (kws.empty()) return temp(fmt::format("aio::call({}, {})", callee, arglist));
  return temp(fmt::format("aio::call_kw({}, {}, {{{}}})", callee, arglist, fmt::join(kws, ", ")));
}

std::string FunctionEmitter::kwargs_dict(const std::vector<ast::Keyword>& keywords, const std::string& callee) {
  std::string kwargs = temp("aio::make_dict()");
  for (const auto& k : keywords) {
    std::string v = expr(*k.value);
    if (k.arg.empty()) {
      w_.line(fmt::format("aioc_merge_kwargs({}, {}, {});", kwargs, v, callee));
    } else {
      w_.line(fmt::format("aioc_set_kwarg({}, {}, {}, {});", kwargs, str(k.arg), v, callee));
    }
  }
  return kwargs;
}

}  // namespace aioc::codegen
