// AST builder: arguments of calls and class statements.
//
// The grammar accepts any sequence of positional, keyword, `*` and `**` arguments; here
// they are split into ast args and keywords and checked in CPython's order with its
// messages. A generator expression is allowed unparenthesized only as the sole argument.
#include "syntax/ast_builder.hpp"

namespace aioc::syntax {

using namespace ast;

namespace {

struct ArgumentOrder {
  bool keyword = false;         // a `name=value` was seen
  bool keyword_unpack = false;  // a `**mapping` was seen
};

}  // namespace

void AstBuilder::arguments(P::ArgumentsContext* ctx, const Loc& parens, ExprList& args,
                           std::vector<Keyword>& keywords) {
  if (!ctx) return;
  std::vector<P::ArgumentContext*> items = ctx->argument();
  ArgumentOrder seen;
  auto complain = [&](const Loc& where, const char* message) {
    issues_.add(IssueSource::Builder, DiagKind::InvalidArguments, where, std::string(message));
  };
  for (P::ArgumentContext* item : items) {
    if (auto* pos = dynamic_cast<P::PositionalArgumentContext*>(item)) {
      ExprPtr value = expr(pos->named_expression());
      if (P::Comp_forContext* comp = pos->comp_for()) {
        bool sole = items.size() == 1;
        value = make_expr(sole ? parens : loc(item), GeneratorExp{std::move(value), comprehension(comp)});
        if (!sole) complain(loc(item), "Generator expression must be parenthesized");
      }
      if (seen.keyword_unpack) {
        complain(loc(item), "positional argument follows keyword argument unpacking");
      } else if (seen.keyword) {
        complain(loc(item), "positional argument follows keyword argument");
      }
      args.push_back(std::move(value));
    } else if (auto* star = dynamic_cast<P::StarArgumentContext*>(item)) {
      if (seen.keyword_unpack)
        complain(loc(item), "iterable argument unpacking follows keyword argument unpacking");
      args.push_back(make_expr(loc(item), Starred{expr(star->expression()), Ctx::Load}));
    } else if (auto* kw = dynamic_cast<P::KeywordArgumentContext*>(item)) {
      seen.keyword = true;
      keywords.push_back(Keyword{loc(item), name_of(kw->name()), expr(kw->expression())});
    } else {
      auto* unpack = static_cast<P::DoubleStarArgumentContext*>(item);
      seen.keyword_unpack = true;
      keywords.push_back(Keyword{loc(item), {}, expr(unpack->expression())});
    }
  }
}

}  // namespace aioc::syntax
