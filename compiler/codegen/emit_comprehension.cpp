// Comprehensions, emitted inline as nested loops in the enclosing C++ function.
//
// 3.11 gives every comprehension its own scope; here that scope's variables become C++
// locals of a nested block with a numbered prefix (see emit_names.cpp), so iteration
// variables do not leak and closures over them get their own cells, while `await` inside
// the comprehension simply suspends the enclosing coroutine. The first iterable is
// evaluated in the enclosing scope, as CPython does.
//
// Generator expressions are nested generator functions (emit_generator.cpp); their loops
// come from comprehension_loops with the element yielded.
#include <fmt/format.h>

#include "codegen/function_emitter.hpp"

namespace aioc::codegen {

std::string FunctionEmitter::comprehension(const ast::Expr& e) {
  const sema::Scope* inner = ctx_.analysis.scope_of(&e);
  if (!inner) unsupported(e.loc, "internal error: no scope for comprehension");
  const std::vector<ast::Comprehension>* gens = nullptr;
  const char* init = "aio::make_list({})";
  if (const auto* c = e.as<ast::ListComp>()) {
    gens = &c->generators;
  } else if (const auto* c = e.as<ast::SetComp>()) {
    gens = &c->generators;
    init = "aio::make_set({})";
  } else if (const auto* c = e.as<ast::DictComp>()) {
    gens = &c->generators;
    init = "aio::make_dict()";
  }
  std::string first_iter = expr(*(*gens)[0].iter);
  std::string result = temp(init);
  w_.open();
  std::string prefix = std::to_string(ctx_.next_id());
  inline_scopes_.emplace_back(inner, prefix);
  declare_locals(*inner, {".0"});
  const sema::Scope* saved = scope_;
  scope_ = inner;
  auto saved_controls = std::move(controls_);
  controls_.clear();
  comprehension_loops(*gens, 0, first_iter, result, e);
  controls_ = std::move(saved_controls);
  scope_ = saved;
  w_.close();
  return result;
}

void FunctionEmitter::comprehension_loops(const std::vector<ast::Comprehension>& gens,
                                          std::size_t i, const std::string& first_iter,
                                          const std::string& result, const ast::Expr& e) {
  const ast::Comprehension& g = gens[i];
  w_.open();
  std::string iterable = i == 0 ? first_iter : expr(*g.iter);
  // A generator expression's first iterable was passed through iter()/aiter() by its creator.
  bool pre_iterated = i == 0 && e.is<ast::GeneratorExp>();
  std::string item = open_iteration(iterable, g.is_async, pre_iterated);
  assign(*g.target, item);
  for (const auto& cond : g.ifs) {
    std::string c = expr(*cond);
    w_.line(fmt::format("if (!aio::truthy({})) continue;", c));
  }
  if (i + 1 < gens.size()) {
    comprehension_loops(gens, i + 1, first_iter, result, e);
  } else if (const auto* c = e.as<ast::ListComp>()) {
    std::string v = expr(*c->elt);
    w_.line(fmt::format("aio::list_append({}, {});", result, v));
  } else if (const auto* c = e.as<ast::SetComp>()) {
    std::string v = expr(*c->elt);
    w_.line(fmt::format("aio::set_add({}, {});", result, v));
  } else if (const auto* c = e.as<ast::DictComp>()) {
    std::string k = expr(*c->key);
    std::string v = expr(*c->value);
    w_.line(fmt::format("aio::dict_setitem({}, {}, {});", result, k, v));
  } else if (const auto* c = e.as<ast::GeneratorExp>()) {
    std::string v = yield_expr(c->elt.get());
    w_.line(fmt::format("static_cast<void>({});", v));
  }
  w_.close();  // the iteration loop
  w_.close();  // the block
}

}  // namespace aioc::codegen
