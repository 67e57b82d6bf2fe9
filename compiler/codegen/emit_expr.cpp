// Expressions: every ast::Expr kind lowered to named temporaries (three-address form, see
// function_emitter.hpp). Calls are in emit_call.cpp, comprehensions in
// emit_comprehension.cpp, lambdas in emit_def.cpp.
#include <fmt/format.h>

#include "codegen/function_emitter.hpp"
#include "codegen/mangle.hpp"

namespace aioc::codegen {

namespace {

const char* binop_fn(ast::BinOpKind op) {
  switch (op) {
    case ast::BinOpKind::Add: return "aio::add";
    case ast::BinOpKind::Sub: return "aio::sub";
    case ast::BinOpKind::Mult: return "aio::mul";
    case ast::BinOpKind::MatMult: return "aio::matmul";
    case ast::BinOpKind::Div: return "aio::truediv";
    case ast::BinOpKind::Mod: return "aio::mod";
    case ast::BinOpKind::Pow: return "aio::pow";
    case ast::BinOpKind::LShift: return "aio::lshift";
    case ast::BinOpKind::RShift: return "aio::rshift";
    case ast::BinOpKind::BitOr: return "aio::bitor_";
    case ast::BinOpKind::BitXor: return "aio::bitxor";
    case ast::BinOpKind::BitAnd: return "aio::bitand_";
    case ast::BinOpKind::FloorDiv: return "aio::floordiv";
  }
  return "aio::add";
}

std::string compare_expr(ast::CmpOpKind op, const std::string& a, const std::string& b) {
  switch (op) {
    case ast::CmpOpKind::Eq: return fmt::format("aio::eq({}, {})", a, b);
    case ast::CmpOpKind::NotEq: return fmt::format("aio::ne({}, {})", a, b);
    case ast::CmpOpKind::Lt: return fmt::format("aio::lt({}, {})", a, b);
    case ast::CmpOpKind::LtE: return fmt::format("aio::le({}, {})", a, b);
    case ast::CmpOpKind::Gt: return fmt::format("aio::gt({}, {})", a, b);
    case ast::CmpOpKind::GtE: return fmt::format("aio::ge({}, {})", a, b);
    case ast::CmpOpKind::Is: return fmt::format("aio::Value(aio::is_({}, {}))", a, b);
    case ast::CmpOpKind::IsNot: return fmt::format("aio::Value(!aio::is_({}, {}))", a, b);
    case ast::CmpOpKind::In: return fmt::format("aio::Value(aio::contains({}, {}))", b, a);
    case ast::CmpOpKind::NotIn: return fmt::format("aio::Value(!aio::contains({}, {}))", b, a);
  }
  return {};
}

}  // namespace

std::string FunctionEmitter::temp(const std::string& init) {
  std::string name = new_name("t");
  w_.line(fmt::format("aio::Value {} = {};", name, init));
  return name;
}

std::string FunctionEmitter::await_(const std::string& awaitable) {
  if (!coroutine_) unsupported(ast::Loc{}, "'await' outside async function");
  std::string name = new_name("t");
  w_.line(fmt::format("aio::Value {} = co_await aio::await_({});", name, awaitable));
  return name;
}

std::string FunctionEmitter::constant(const ast::Constant& c, const ast::Loc& loc) {
  return std::visit(
      [&](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, ast::NoneConst>) {
          return "aio::Value::none()";
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "aio::Value(true)" : "aio::Value(false)";
        } else if constexpr (std::is_same_v<T, ast::IntConst>) {
          if (v.small) {
            if (*v.small == INT64_MIN) return "aio::Value::from_int(INT64_MIN)";
            return fmt::format("aio::Value::from_int({})", *v.small);
          }
          return ctx_.big_int_const(v.decimal);
        } else if constexpr (std::is_same_v<T, double>) {
          return fmt::format("aio::Value({})", cpp_double_literal(v));
        } else if constexpr (std::is_same_v<T, ast::ImagConst>) {
          unsupported(loc, "complex numbers are not supported by aioc");
        } else if constexpr (std::is_same_v<T, std::string>) {
          return ctx_.str_const(v);
        } else if constexpr (std::is_same_v<T, ast::BytesConst>) {
          return ctx_.bytes_const(v.bytes);
        } else {
          return "aio::ellipsis()";
        }
      },
      c.value);
}

std::string FunctionEmitter::expr(const ast::Expr& e) {
  return std::visit(
      [&](const auto& n) -> std::string {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, ast::Constant>) {
          return constant(n, e.loc);
        } else if constexpr (std::is_same_v<T, ast::Name>) {
          return load_name(n.id);
        } else if constexpr (std::is_same_v<T, ast::BoolOp>) {
          return bool_op(n);
        } else if constexpr (std::is_same_v<T, ast::NamedExpr>) {
          std::string v = expr(*n.value);
          assign(*n.target, v);
          return v;
        } else if constexpr (std::is_same_v<T, ast::BinOp>) {
          std::string l = expr(*n.left);
          std::string r = expr(*n.right);
          return temp(fmt::format("{}({}, {})", binop_fn(n.op), l, r));
        } else if constexpr (std::is_same_v<T, ast::UnaryOp>) {
          std::string v = expr(*n.operand);
          switch (n.op) {
            case ast::UnaryOpKind::Invert: return temp(fmt::format("aio::invert({})", v));
            case ast::UnaryOpKind::Not: return temp(fmt::format("aio::not_({})", v));
            case ast::UnaryOpKind::UAdd: return temp(fmt::format("aio::pos({})", v));
            case ast::UnaryOpKind::USub: return temp(fmt::format("aio::neg({})", v));
          }
          return v;
        } else if constexpr (std::is_same_v<T, ast::Lambda>) {
          return lambda(n, e);
        } else if constexpr (std::is_same_v<T, ast::IfExp>) {
          return if_exp(n);
        } else if constexpr (std::is_same_v<T, ast::Dict>) {
          return dict(n);
        } else if constexpr (std::is_same_v<T, ast::Set>) {
          return set_display(n);
        } else if constexpr (std::is_same_v<T, ast::GeneratorExp>) {
          return generator_expression(n, e);
        } else if constexpr (std::is_same_v<T, ast::ListComp> || std::is_same_v<T, ast::SetComp> ||
                             std::is_same_v<T, ast::DictComp>) {
          return comprehension(e);
        } else if constexpr (std::is_same_v<T, ast::Await>) {
          if (!coroutine_) unsupported(e.loc, "'await' outside async function");
          std::string v = expr(*n.value);
          return await_(v);
        } else if constexpr (std::is_same_v<T, ast::Yield>) {
          if (!generator_ && !async_generator_) unsupported(e.loc, "'yield' outside a generator function");
          return yield_expr(n.value.get());
        } else if constexpr (std::is_same_v<T, ast::YieldFrom>) {
          if (!generator_) unsupported(e.loc, "'yield from' is only supported in generator functions");
          std::string v = expr(*n.value);
          return yield_from(v);
        } else if constexpr (std::is_same_v<T, ast::Compare>) {
          return compare(n);
        } else if constexpr (std::is_same_v<T, ast::Call>) {
          return call(n, e.loc);
        } else if constexpr (std::is_same_v<T, ast::FormattedValue>) {
          return formatted_value(n);
        } else if constexpr (std::is_same_v<T, ast::JoinedStr>) {
          return joined_str(n);
        } else if constexpr (std::is_same_v<T, ast::Attribute>) {
          std::string v = expr(*n.value);
          return temp(fmt::format("aio::getattr({}, {})", v, attr_name(n.attr)));
        } else if constexpr (std::is_same_v<T, ast::Subscript>) {
          std::string v = expr(*n.value);
          std::string k = expr(*n.slice);
          return temp(fmt::format("aio::getitem({}, {})", v, k));
        } else if constexpr (std::is_same_v<T, ast::Starred>) {
          unsupported(e.loc, "starred expression is not allowed here");
        } else if constexpr (std::is_same_v<T, ast::List>) {
          return sequence(n.elts, "list");
        } else if constexpr (std::is_same_v<T, ast::Tuple>) {
          return sequence(n.elts, "tuple");
        } else if constexpr (std::is_same_v<T, ast::Slice>) {
          std::string lo = n.lower ? expr(*n.lower) : "aio::Value()";
          std::string hi = n.upper ? expr(*n.upper) : "aio::Value()";
          std::string st = n.step ? expr(*n.step) : "aio::Value()";
          return temp(fmt::format("aio::make_slice({}, {}, {})", lo, hi, st));
        } else {
          unsupported(e.loc, "internal error: empty expression");
        }
      },
      e.node);
}

std::string FunctionEmitter::bool_op(const ast::BoolOp& e) {
  std::string result = temp(expr(*e.values[0]));
  const char* test = e.op == ast::BoolOpKind::And ? "if (aio::truthy({}))" : "if (!aio::truthy({}))";
  int opened = 0;
  for (std::size_t i = 1; i < e.values.size(); ++i) {
    w_.open(fmt::format(fmt::runtime(test), result));
    ++opened;
    std::string v = expr(*e.values[i]);
    w_.line(fmt::format("{} = {};", result, v));
  }
  for (int i = 0; i < opened; ++i) w_.close();
  return result;
}

// `a < b < c` evaluates b once and stops at the first false comparison.
std::string FunctionEmitter::compare(const ast::Compare& e) {
  std::string left = expr(*e.left);
  if (e.ops.size() == 1) {
    std::string right = expr(*e.comparators[0]);
    return temp(compare_expr(e.ops[0], left, right));
  }
  std::string result = new_name("t");
  w_.line(fmt::format("aio::Value {};", result));
  int opened = 0;
  for (std::size_t i = 0; i < e.ops.size(); ++i) {
    std::string right = expr(*e.comparators[i]);
    w_.line(fmt::format("{} = {};", result, compare_expr(e.ops[i], left, right)));
    left = right;
    if (i + 1 < e.ops.size()) {
      w_.open(fmt::format("if (aio::truthy({}))", result));
      ++opened;
    }
  }
  for (int i = 0; i < opened; ++i) w_.close();
  return result;
}

std::string FunctionEmitter::if_exp(const ast::IfExp& e) {
  std::string test = expr(*e.test);
  std::string result = new_name("t");
  w_.line(fmt::format("aio::Value {};", result));
  w_.open(fmt::format("if (aio::truthy({}))", test));
  std::string a = expr(*e.body);
  w_.line(fmt::format("{} = {};", result, a));
  w_.close(" else {");
  w_.indent();
  std::string b = expr(*e.orelse);
  w_.line(fmt::format("{} = {};", result, b));
  w_.close();
  return result;
}

// list/tuple/set displays; `*x` items are spliced in through a list.
std::string FunctionEmitter::sequence(const ast::ExprList& elts, const char* kind) {
  bool starred = false;
  for (const auto& el : elts) starred = starred || el->is<ast::Starred>();
  if (!starred) {
    std::vector<std::string> vals;
    for (const auto& el : elts) vals.push_back(expr(*el));
    return temp(fmt::format("aio::make_{}({{{}}})", kind, fmt::join(vals, ", ")));
  }
  std::string list = temp("aio::make_list({})");
  for (const auto& el : elts) {
    if (const auto* s = el->as<ast::Starred>()) {
      std::string v = expr(*s->value);
      w_.line(fmt::format("aio::list_extend({}, {});", list, v));
    } else {
      std::string v = expr(*el);
      w_.line(fmt::format("aio::list_append({}, {});", list, v));
    }
  }
  if (std::string_view(kind) == "tuple") return temp(fmt::format("aio::list_to_tuple({})", list));
  return list;
}

std::string FunctionEmitter::dict(const ast::Dict& e) {
  std::string d = temp("aio::make_dict()");
  for (std::size_t i = 0; i < e.values.size(); ++i) {
    if (!e.keys[i]) {
      std::string m = expr(*e.values[i]);
      w_.line(fmt::format("aio::dict_update({}, {});", d, m));
    } else {
      std::string k = expr(*e.keys[i]);
      std::string v = expr(*e.values[i]);
      w_.line(fmt::format("aio::dict_setitem({}, {}, {});", d, k, v));
    }
  }
  return d;
}

std::string FunctionEmitter::formatted_value(const ast::FormattedValue& e) {
  std::string v = expr(*e.value);
  if (e.conversion > 0) {
    v = temp(fmt::format("aio::convert({}, '{}')", v, static_cast<char>(e.conversion)));
  }
  if (!e.format_spec) return temp(fmt::format("aio::format({}, aio::Value())", v));
  std::string spec = expr(*e.format_spec);
  return temp(fmt::format("aio::format({}, {})", v, spec));
}

std::string FunctionEmitter::joined_str(const ast::JoinedStr& e) {
  std::vector<std::string> parts;
  for (const auto& p : e.values) parts.push_back(expr(*p));
  if (parts.size() == 1 && e.values[0]->is<ast::Constant>()) return parts[0];
  return temp(fmt::format("aio::join_strs({{{}}})", fmt::join(parts, ", ")));
}

}  // namespace aioc::codegen
