// Definitions: the module body, def/async def/lambda bodies, and class statements.
//
// Each Python function becomes three C++ pieces: a static CodeInfo (name, signature,
// entry), a body function taking every parameter slot and closure cell BY VALUE (for an
// async def it is a coroutine returning aio::Coro<aio::Value>, so its parameters live in
// the coroutine frame: never a capturing lambda), and an `entry` that unpacks the slots
// the runtime bound and calls the body (wrapping coroutines with make_coroutine, so
// calling an async function runs nothing). The `def` statement itself evaluates
// decorators, defaults and the closure at definition time and calls make_function.
#include <fmt/format.h>

#include "codegen/function_emitter.hpp"
#include "codegen/mangle.hpp"

namespace aioc::codegen {

using sema::ScopeKind;

FunctionEmitter::FunctionEmitter(ModuleContext& ctx, const sema::Scope& scope, bool coroutine)
    : ctx_(ctx), scope_(&scope), function_(&scope), coroutine_(coroutine),
      generator_(scope.is_generator && !coroutine),
      async_generator_(scope.is_generator && coroutine) {}

std::string FunctionEmitter::new_name(const char* prefix) {
  return fmt::format("{}{}", prefix, ++temps_);
}

void FunctionEmitter::emit_module(const ast::Module& module) {
  ctx_.codeinfos.line(fmt::format(
      "static const aio::CodeInfo code_module{{\"<module>\", \"<module>\", {}, 1, "
      "aio::CodeInfo::Plain, {{}}, 0, 0, 0, nullptr, nullptr, nullptr}};",
      ctx_.path_literal()));
  w_.open("static void module_body()");
  w_.line("aio::TraceFrame frame{&code_module, 1};");
  // CPython's module attributes that programs read as globals.
  w_.line(fmt::format("{} = {};", ctx_.global_slot("__name__"), str("__main__")));
  w_.line(fmt::format("{} = {};", ctx_.global_slot("__file__"), str(ctx_.module.path)));
  std::string doc = "aio::Value::none()";  // a leading string literal is the module's docstring
  if (!module.body.empty())
    if (const auto* es = module.body.front()->as<ast::ExprStmt>())
      if (const auto* c = es->value->as<ast::Constant>(); c && std::holds_alternative<std::string>(c->value))
        doc = expr(*es->value);
  w_.line(fmt::format("{} = {};", ctx_.global_slot("__doc__"), doc));
  w_.open("try");
  body(module.body);
  w_.close(" catch (aio::PyException& e) {");
  w_.indent();
  w_.line("e.add_traceback(frame);");
  w_.line("throw;");
  w_.close();
  w_.close();
  ctx_.bodies.append(w_.str());
}

namespace {

std::vector<std::string> slot_names(const ast::Arguments& args) {
  std::vector<std::string> out;
  for (const auto& a : args.posonlyargs) out.push_back(a.name);
  for (const auto& a : args.args) out.push_back(a.name);
  for (const auto& a : args.kwonlyargs) out.push_back(a.name);
  if (args.vararg) out.push_back(args.vararg->name);
  if (args.kwarg) out.push_back(args.kwarg->name);
  return out;
}

std::string c_names(const std::vector<const ast::Arg*>& args) {
  std::string out = "{";
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i) out += ", ";
    out += cpp_string_literal(args[i]->name);
  }
  return out + "}";
}

}  // namespace

std::string FunctionEmitter::emit_function(const ast::Arguments& args, const ast::Body* stmts,
                                           const ast::Expr* lambda_body, int first_line) {
  const sema::Scope& scope = *function_;
  int id = ctx_.next_id();
  std::string code = fmt::format("code_{}", id);
  std::string fn = fmt::format("fn_{}", id);
  std::vector<std::string> slots = slot_names(args);

  // CodeInfo.
  std::vector<const ast::Arg*> named;
  for (const auto& a : args.posonlyargs) named.push_back(&a);
  for (const auto& a : args.args) named.push_back(&a);
  for (const auto& a : args.kwonlyargs) named.push_back(&a);
  const char* kind = async_generator_ ? "aio::CodeInfo::AsyncGenerator"
                     : coroutine_    ? "aio::CodeInfo::Coroutine"
                     : generator_ ? "aio::CodeInfo::Generator"
                                  : "aio::CodeInfo::Plain";
  ctx_.decls.line(fmt::format("static aio::Value {}_entry(aio::FunctionObject* self, aio::Value* slots);", fn));
  ctx_.codeinfos.line(fmt::format(
      "static const aio::CodeInfo {}{{{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, &{}_entry}};",
      code, cpp_string_literal(scope.name), cpp_string_literal(scope.qualname),
      ctx_.path_literal(), first_line, kind, c_names(named), args.posonlyargs.size(),
      args.posonlyargs.size() + args.args.size(), args.kwonlyargs.size(),
      args.vararg ? cpp_string_literal(args.vararg->name) : "nullptr",
      args.kwarg ? cpp_string_literal(args.kwarg->name) : "nullptr", fn));

  // Body function signature: slots, then closure cells.
  std::string params;
  std::string call_args;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    params += fmt::format("{}aio::Value p{}", i ? ", " : "", i);
    call_args += fmt::format("{}std::move(slots[{}])", i ? ", " : "", i);
  }
  for (std::size_t i = 0; i < scope.freevars.size(); ++i) {
    bool first = slots.empty() && i == 0;
    params += fmt::format("{}aio::Value {}", first ? "" : ", ", mangle("c_", scope.freevars[i]));
    call_args += fmt::format("{}self->cells[{}]", first ? "" : ", ", i);
  }
  const char* ret = async_generator_ ? "aio::AGen"
                    : coroutine_     ? "aio::Coro<aio::Value>"
                    : generator_     ? "aio::Gen"
                                     : "aio::Value";
  ctx_.decls.line(fmt::format("static {} {}({});", ret, fn, params));

  w_.open(fmt::format("static {} {}({})", ret, fn, params));
  w_.line(fmt::format("aio::TraceFrame frame{{&{}, {}}};", code, first_line));
  for (std::size_t i = 0; i < slots.size(); ++i) {
    bool cell = scope.binding_of(slots[i]) == sema::Binding::Cell;
    if (cell) {
      w_.line(fmt::format("aio::Value {} = aio::make_cell(std::move(p{}));",
                          mangle("c_", slots[i]), i));
    } else {
      w_.line(fmt::format("aio::Value {} = std::move(p{});", mangle("l_", slots[i]), i));
    }
  }
  if (!named.empty() && (args.posonlyargs.size() + args.args.size()) > 0) {
    first_param_ = named[0]->name;
  }
  declare_locals(scope, slots);
  if (coroutine_ || generator_) {
    // The promise points at `frame`: a coroutine's repr shows the line it is suspended at,
    // and the cycle collector walks the registered locals of suspended frames.
    std::vector<std::string> names;
    for (const auto& s : slots)
      names.push_back(mangle(scope.binding_of(s) == sema::Binding::Cell ? "c_" : "l_", s));
    for (const auto& f : scope.freevars) names.push_back(mangle("c_", f));
    for (auto& n : local_names(scope, slots)) names.push_back(std::move(n));
    track_frame(code, names);
  }
  w_.open("try");
  if (stmts) {
    body(*stmts);
  } else {
    std::string v = expr(*lambda_body);
    w_.line(fmt::format("{} {};", coroutine_ || generator_ ? "co_return" : "return", v));
  }
  w_.close(" catch (aio::PyException& e) {");
  w_.indent();
  w_.line("e.add_traceback(frame);");
  w_.line("throw;");
  w_.close();
  w_.line(fmt::format("{} aio::Value::none();", coroutine_ || generator_ ? "co_return" : "return"));
  w_.close();

  // Entry.
  w_.open(fmt::format("static aio::Value {}_entry([[maybe_unused]] aio::FunctionObject* self, "
                      "[[maybe_unused]] aio::Value* slots)", fn));
  if (async_generator_) {
    w_.line(fmt::format("return aio::make_async_generator({}({}), &{});", fn, call_args, code));
  } else if (coroutine_) {
    w_.line(fmt::format("return aio::make_coroutine({}({}), &{});", fn, call_args, code));
  } else if (generator_) {
    w_.line(fmt::format("return aio::make_generator({}({}), &{});", fn, call_args, code));
  } else {
    w_.line(fmt::format("return {}({});", fn, call_args));
  }
  w_.close();
  ctx_.bodies.append(w_.str());
  return code;
}

// The cells an inner function captures, as a braced list, resolved in the current scope.
std::string FunctionEmitter::closure_list(const sema::Scope& inner) {
  std::string out = "{";
  bool first = true;
  for (const auto& name : inner.freevars) {
    // Walk outwards to the scope that owns (or passes through) the cell.
    const sema::Scope* s = scope_;
    std::string cpp;
    while (s && cpp.empty()) {
      sema::Binding b = s->binding_of(name);
      if (s->kind == ScopeKind::Class) {
        if (b == sema::Binding::Cell || name == "__class__") {
          cpp = mangle(local_prefix(s, true), name);
        }
      } else if (s->kind == ScopeKind::Comprehension) {
        if (b == sema::Binding::Cell) cpp = mangle(local_prefix(s, true), name);
      } else if (b == sema::Binding::Cell) {
        cpp = mangle("c_", name);
      } else if (b == sema::Binding::Free) {
        cpp = mangle("c_", name);
      }
      if (cpp.empty()) s = s->parent;
    }
    if (cpp.empty()) cpp = "aio::make_cell()";  // sema inconsistency: an empty cell
    out += (first ? "" : ", ") + cpp;
    first = false;
  }
  return out + "}";
}

std::string FunctionEmitter::make_function(const sema::Scope& inner, const ast::Arguments& args,
                                           const ast::Body* stmts, const ast::Expr* lambda_body,
                                           int line) {
  // Defaults are evaluated at definition time, in the defining scope.
  std::string defaults = "aio::Value()";
  if (!args.defaults.empty()) {
    std::vector<std::string> vals;
    for (const auto& d : args.defaults) vals.push_back(expr(*d));
    defaults = temp(fmt::format("aio::make_tuple({{{}}})", fmt::join(vals, ", ")));
  }
  std::string kwdefaults = "aio::Value()";
  for (std::size_t i = 0; i < args.kwonlyargs.size(); ++i) {
    if (i >= args.kw_defaults.size() || !args.kw_defaults[i]) continue;
    if (kwdefaults == "aio::Value()") kwdefaults = temp("aio::make_dict()");
    std::string v = expr(*args.kw_defaults[i]);
    w_.line(fmt::format("aio::dict_setitem({}, {}, {});", kwdefaults,
                        str(args.kwonlyargs[i].name), v));
  }
  FunctionEmitter sub(ctx_, inner, inner.is_async);
  std::string code = sub.emit_function(args, stmts, lambda_body, line);
  return temp(fmt::format("aio::make_function(&{}, {}, {}, {})", code, defaults, kwdefaults,
                          closure_list(inner)));
}

void FunctionEmitter::function_def(const ast::FunctionDef& s, const ast::Stmt& node) {
  const sema::Scope* inner = ctx_.analysis.scope_of(&node);
  if (!inner) unsupported(node.loc, "internal error: no scope for function '" + s.name + "'");
  std::vector<std::string> decorators;
  for (const auto& d : s.decorator_list) decorators.push_back(expr(*d));
  int line = s.decorator_list.empty() ? node.loc.line : s.decorator_list.front()->loc.line;
  std::string f = make_function(*inner, *s.args, &s.body, nullptr, line);
  // A leading string literal is the docstring (__doc__).
  if (!s.body.empty())
    if (const auto* es = s.body.front()->as<ast::ExprStmt>())
      if (const auto* c = es->value->as<ast::Constant>())
        if (std::holds_alternative<std::string>(c->value))
          w_.line(fmt::format("aio::setattr({}, {}, {});", f, str("__doc__"), expr(*es->value)));
  for (auto it = decorators.rbegin(); it != decorators.rend(); ++it) {
    w_.line(fmt::format("{} = aio::call({}, {{{}}});", f, *it, f));
  }
  store_name(s.name, f);
}

std::string FunctionEmitter::lambda(const ast::Lambda& e, const ast::Expr& node) {
  const sema::Scope* inner = ctx_.analysis.scope_of(&node);
  if (!inner) unsupported(node.loc, "internal error: no scope for lambda");
  return make_function(*inner, *e.args, nullptr, e.body.get(), node.loc.line);
}

void FunctionEmitter::class_def(const ast::ClassDef& s, const ast::Stmt& node) {
  // __slots__ changes the instance layout (no __dict__); aioc would silently ignore it.
  for (const auto& st : s.body)
    if (const auto* as = st->as<ast::Assign>())
      for (const auto& t : as->targets)
        if (const auto* n = t->as<ast::Name>(); n && n->id == "__slots__")
          unsupported(t->loc, "'__slots__' is not supported by aioc");
  const sema::Scope* inner = ctx_.analysis.scope_of(&node);
  if (!inner) unsupported(node.loc, "internal error: no scope for class '" + s.name + "'");
  std::vector<std::string> decorators;
  for (const auto& d : s.decorator_list) decorators.push_back(expr(*d));
  std::vector<std::string> bases;
  for (const auto& b : s.bases) {
    if (b->is<ast::Starred>()) unsupported(b->loc, "starred class bases");
    bases.push_back(expr(*b));
  }
  std::string bases_tuple = temp(fmt::format("aio::make_tuple({{{}}})", fmt::join(bases, ", ")));
  // Class keywords (metaclass= is refused by sema) go to __init_subclass__; like CPython's
  // __build_class__ call they are evaluated after the bases and before the body.
  std::string class_kwargs =
      s.keywords.empty() ? "aio::Value()" : kwargs_dict(s.keywords, "\"__build_class__\"");
  std::string prefix = std::to_string(ctx_.next_id());
  std::string ns = "ns" + prefix;
  w_.line(fmt::format("aio::Value {} = aio::make_dict();", ns));
  w_.line(fmt::format("aio::dict_setitem({}, {}, {});", ns, str("__module__"), str("__main__")));
  w_.line(fmt::format("aio::dict_setitem({}, {}, {});", ns, str("__qualname__"),
                      str(inner->qualname)));
  bool annotated = false;
  for (const auto& st : s.body) annotated = annotated || st->is<ast::AnnAssign>();
  if (annotated) {
    w_.line(fmt::format("aio::dict_setitem({}, {}, aio::make_dict());", ns, str("__annotations__")));
  }
  inline_scopes_.emplace_back(inner, prefix);
  std::string class_cell;
  if (inner->needs_class_cell) {
    class_cell = mangle(local_prefix(inner, true), "__class__");
    w_.line(fmt::format("aio::Value {} = aio::make_cell();", class_cell));
  }
  declare_locals(*inner, {"__class__"});
  const sema::Scope* saved = scope_;
  scope_ = inner;
  auto saved_controls = std::move(controls_);
  controls_.clear();
  body(s.body);
  controls_ = std::move(saved_controls);
  scope_ = saved;
  std::string cls = temp(fmt::format("aio::make_class({}, {}, {}, {}, {})", str(s.name), bases_tuple,
                                     ns, str(inner->qualname), class_kwargs));
  if (!class_cell.empty()) w_.line(fmt::format("aio::cell_ref({}) = {};", class_cell, cls));
  for (auto it = decorators.rbegin(); it != decorators.rend(); ++it) {
    w_.line(fmt::format("{} = aio::call({}, {{{}}});", cls, *it, cls));
  }
  store_name(s.name, cls);
}

std::string FunctionEmitter::super_call(const ast::Loc& loc) {
  if (first_param_.empty() || function_->binding_of("__class__") != sema::Binding::Free) {
    unsupported(loc, "zero-argument super() outside a method");
  }
  std::string self = load_name(first_param_);
  return temp(fmt::format("aio::super_(aioc_free({}, \"__class__\"), {})", mangle("c_", "__class__"),
                          self));
}

}  // namespace aioc::codegen
