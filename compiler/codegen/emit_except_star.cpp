// try/except* (PEP 654). The caught exception goes to an aio::ExceptStar, which hands
// each clause the part of the still-unhandled exception its type matches (a naked
// exception arrives wrapped in a group). What a handler raises is collected rather than
// propagated, so later clauses still run; after the last clause the statement raises
// ExceptStar::outcome(), CPython's combination of raised, re-raised and unhandled parts:
//
//   aio::Value excN; try { BODY } catch (aio::PyException& e) { ...; excN = e.value(); }
//   if (excN.is_bound()) {
//     aio::ExceptStar starN{excN};
//     { aio::Value mN = starN.match(TYPE);
//       if (mN.is_bound()) { name = mN;
//         try { HANDLER } catch (aio::PyException& e) { ...; starN.handler_raised(e.value()); }
//         del name; } }
//     ...
//     aio::Value outN = starN.outcome(); if (outN.is_bound()) aio::reraise(outN);
//   } else { ORELSE }
//
// `break`, `continue` and `return` cannot appear in except* handlers (sema rejects them),
// so no jump crosses this construct.
#include <fmt/format.h>

#include "codegen/function_emitter.hpp"

namespace aioc::codegen {

void FunctionEmitter::try_except_star(const ast::Try& s) {
  w_.open();
  std::string caught = catching_body(s.body);
  w_.open(fmt::format("if ({}.is_bound())", caught));
  std::string star = new_name("star");
  w_.line(fmt::format("aio::ExceptStar {}{{{}}};", star, caught));
  for (const auto& h : s.handlers) {
    mark_line(h.loc);
    w_.open();
    std::string type = expr(*h.type);  // the grammar requires a type after except*
    std::string match = new_name("match");
    w_.line(fmt::format("aio::Value {} = {}.match({});", match, star, type));
    w_.open(fmt::format("if ({}.is_bound())", match));
    if (!h.name.empty()) store_name(h.name, match);
    w_.open("try");
    handler_body(h.body, match);
    w_.close(" catch (aio::PyException& e) {");
    w_.indent();
    w_.line("e.add_traceback(frame);");
    w_.line(fmt::format("{}.handler_raised(e.value());", star));
    w_.close();
    if (!h.name.empty()) unbind_handler_name(h.name);
    w_.close();
    w_.close();
  }
  std::string outcome = new_name("out");
  w_.line(fmt::format("aio::Value {} = {}.outcome();", outcome, star));
  w_.line(fmt::format("if ({}.is_bound()) aio::reraise({});", outcome, outcome));
  close_with_else(s.orelse);
  w_.close();
}

}  // namespace aioc::codegen
