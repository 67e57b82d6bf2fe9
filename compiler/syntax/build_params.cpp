// AST builder: parameter lists of `def` and `lambda`.
//
// The grammar accepts any sequence of parameters, `*`, `**` and `/`; arrange() checks
// the order with CPython's messages and sorts them into ast::Arguments.
#include "syntax/ast_builder.hpp"

namespace aioc::syntax {

using namespace ast;

namespace {

ParamItem param_item(AstBuilder& b, P::ParameterContext* ctx) {
  ParamItem item;
  item.loc = b.loc(ctx);
  if (auto* plain = dynamic_cast<P::PlainParamContext*>(ctx)) {
    item.name = b.name_of(plain->name());
    std::vector<P::ExpressionContext*> exprs = plain->expression();
    std::size_t next = 0;
    if (plain->COLON()) item.annotation = b.expr(exprs[next++]);
    if (plain->EQUAL()) item.default_value = b.expr(exprs[next]);
    if (item.default_value) {  // the arg's range stops before its default
      item.loc = b.loc(plain->name());
      if (item.annotation) item.loc = join(item.loc, item.annotation->loc);
    }
  } else if (auto* star = dynamic_cast<P::StarParamContext*>(ctx)) {
    item.kind = ParamItem::Star;
    if (star->name()) item.name = b.name_of(star->name());
    if (star->star_expression()) item.annotation = b.expr(star->star_expression());
  } else if (auto* kw = dynamic_cast<P::DoubleStarParamContext*>(ctx)) {
    item.kind = ParamItem::DoubleStar;
    item.name = b.name_of(kw->name());
    if (kw->expression()) item.annotation = b.expr(kw->expression());
  } else {
    item.kind = ParamItem::Slash;
  }
  return item;
}

ParamItem lambda_item(AstBuilder& b, P::Lambda_parameterContext* ctx) {
  ParamItem item;
  item.loc = b.loc(ctx);
  if (auto* plain = dynamic_cast<P::LambdaPlainParamContext*>(ctx)) {
    item.name = b.name_of(plain->name());
    if (plain->expression()) {
      item.default_value = b.expr(plain->expression());
      item.loc = b.loc(plain->name());
    }
  } else if (auto* star = dynamic_cast<P::LambdaStarParamContext*>(ctx)) {
    item.kind = ParamItem::Star;
    if (star->name()) item.name = b.name_of(star->name());
  } else if (auto* kw = dynamic_cast<P::LambdaDoubleStarParamContext*>(ctx)) {
    item.kind = ParamItem::DoubleStar;
    item.name = b.name_of(kw->name());
  } else {
    item.kind = ParamItem::Slash;
  }
  return item;
}

Arg make_arg(ParamItem& item) { return Arg{item.loc, item.name, std::move(item.annotation)}; }

// The order checks of CPython's grammar, in one pass over the items.
class ParamArranger {
 public:
  explicit ParamArranger(SyntaxIssues& issues) : issues_(issues) {}

  std::unique_ptr<Arguments> run(std::vector<ParamItem>& items) {
    for (std::size_t i = 0; i < items.size() && ok_; ++i) {
      if (seen_kwarg_) {
        fail(items[i], "arguments cannot follow var-keyword argument");
        break;
      }
      add(items, i);
    }
    return std::move(args_);
  }

 private:
  void add(std::vector<ParamItem>& items, std::size_t i) {
    ParamItem& item = items[i];
    switch (item.kind) {
      case ParamItem::Slash: return slash(item);
      case ParamItem::Star: return star(items, i);
      case ParamItem::DoubleStar:
        seen_kwarg_ = true;
        args_->kwarg = make_arg(item);
        return;
      case ParamItem::Plain: return plain(item);
    }
  }

  void slash(ParamItem& item) {
    if (seen_slash_) return fail(item, "/ may appear only once");
    if (seen_star_) return fail(item, "/ must be ahead of *");
    if (args_->args.empty()) return fail(item, "at least one argument must precede /");
    seen_slash_ = true;
    args_->posonlyargs = std::move(args_->args);
    args_->args.clear();
  }

  void star(std::vector<ParamItem>& items, std::size_t i) {
    ParamItem& item = items[i];
    if (seen_star_) return fail(item, "* argument may appear only once");
    seen_star_ = true;
    if (!item.name.empty()) {
      args_->vararg = make_arg(item);
      return;
    }
    bool named_follow = i + 1 < items.size() && items[i + 1].kind == ParamItem::Plain;
    if (!named_follow) fail(item, "named arguments must follow bare *");
  }

  void plain(ParamItem& item) {
    if (seen_star_) {
      args_->kwonlyargs.push_back(make_arg(item));
      args_->kw_defaults.push_back(std::move(item.default_value));
      return;
    }
    if (item.default_value) {
      seen_default_ = true;
      args_->defaults.push_back(std::move(item.default_value));
    } else if (seen_default_) {
      return fail(item, "non-default argument follows default argument");
    }
    args_->args.push_back(make_arg(item));
  }

  void fail(const ParamItem& item, const char* message) {
    if (ok_)
      issues_.add(IssueSource::Builder, DiagKind::InvalidParameters, item.loc,
                  std::string(message));
    ok_ = false;
  }

  SyntaxIssues& issues_;
  std::unique_ptr<Arguments> args_ = std::make_unique<Arguments>();
  bool ok_ = true;
  bool seen_slash_ = false;
  bool seen_star_ = false;
  bool seen_kwarg_ = false;
  bool seen_default_ = false;
};

}  // namespace

std::unique_ptr<Arguments> AstBuilder::arrange(std::vector<ParamItem> items) {
  std::unique_ptr<Arguments> args = ParamArranger(issues_).run(items);
  return args ? std::move(args) : std::make_unique<Arguments>();
}

std::unique_ptr<Arguments> AstBuilder::parameters(P::ParametersContext* ctx) {
  std::vector<ParamItem> items;
  if (ctx)
    for (auto* p : ctx->parameter()) items.push_back(param_item(*this, p));
  return arrange(std::move(items));
}

std::unique_ptr<Arguments> AstBuilder::lambda_parameters(P::Lambda_parametersContext* ctx) {
  std::vector<ParamItem> items;
  if (ctx)
    for (auto* p : ctx->lambda_parameter()) items.push_back(lambda_item(*this, p));
  return arrange(std::move(items));
}

}  // namespace aioc::syntax
