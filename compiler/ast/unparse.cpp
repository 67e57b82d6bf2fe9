#include "ast/unparse.hpp"

#include <cmath>

#include "ast/py_repr.hpp"

namespace aioc::ast {
namespace {

// Priority levels of ast_unparse.c: an operand printed at a level above its own
// operator's gets parentheses.
enum Level {
  kTuple, kTest, kOr, kAnd, kNot, kCmp, kBor, kBxor, kBand, kShift, kArith, kTerm, kFactor,
  kPower, kAwait, kAtom
};

class Unparser {
 public:
  std::string out;

  void expr(const Expr& e, int level) {
    std::visit([&](const auto& n) { node(n, level); }, e.node);
  }

 private:
  void open_if(bool cond) { if (cond) out += '('; }
  void close_if(bool cond) { if (cond) out += ')'; }

  void list(const ExprList& elts, const char* sep = ", ") {
    for (std::size_t i = 0; i < elts.size(); ++i) {
      if (i) out += sep;
      expr(*elts[i], kTest);
    }
  }

  void node(const BoolOp& b, int level) {
    int pr = b.op == BoolOpKind::And ? kAnd : kOr;
    open_if(level > pr);
    for (std::size_t i = 0; i < b.values.size(); ++i) {
      if (i) out += b.op == BoolOpKind::And ? " and " : " or ";
      expr(*b.values[i], pr + 1);
    }
    close_if(level > pr);
  }

  static int binop_level(BinOpKind op) {
    switch (op) {
      case BinOpKind::Add: case BinOpKind::Sub: return kArith;
      case BinOpKind::Mult: case BinOpKind::MatMult: case BinOpKind::Div:
      case BinOpKind::Mod: case BinOpKind::FloorDiv: return kTerm;
      case BinOpKind::LShift: case BinOpKind::RShift: return kShift;
      case BinOpKind::BitOr: return kBor;
      case BinOpKind::BitXor: return kBxor;
      case BinOpKind::BitAnd: return kBand;
      case BinOpKind::Pow: return kPower;
    }
    return kAtom;
  }

  void node(const BinOp& b, int level) {
    int pr = binop_level(b.op);
    bool rassoc = b.op == BinOpKind::Pow;
    open_if(level > pr);
    expr(*b.left, pr + (rassoc ? 1 : 0));
    out += ' ';
    out += binop_text(b.op);
    out += ' ';
    expr(*b.right, pr + (rassoc ? 0 : 1));
    close_if(level > pr);
  }

  void node(const UnaryOp& u, int level) {
    int pr = u.op == UnaryOpKind::Not ? kNot : kFactor;
    const char* op = u.op == UnaryOpKind::Not ? "not " : u.op == UnaryOpKind::Invert ? "~"
                     : u.op == UnaryOpKind::UAdd ? "+" : "-";
    open_if(level > pr);
    out += op;
    expr(*u.operand, pr);
    close_if(level > pr);
  }

  void arg(const Arg& a) {
    out += a.name;
    if (a.annotation) {
      out += ": ";
      expr(*a.annotation, kTest);
    }
  }

  void arguments(const Arguments& args) {
    bool first = true;
    auto sep = [&] { if (!first) out += ", "; first = false; };
    std::size_t npos = args.posonlyargs.size() + args.args.size();
    for (std::size_t i = 0; i < npos; ++i) {
      sep();
      arg(i < args.posonlyargs.size() ? args.posonlyargs[i] : args.args[i - args.posonlyargs.size()]);
      std::ptrdiff_t di = static_cast<std::ptrdiff_t>(i + args.defaults.size()) -
                          static_cast<std::ptrdiff_t>(npos);
      if (di >= 0) {
        out += '=';
        expr(*args.defaults[static_cast<std::size_t>(di)], kTest);
      }
      if (!args.posonlyargs.empty() && i + 1 == args.posonlyargs.size()) out += ", /";
    }
    if (args.vararg || !args.kwonlyargs.empty()) {
      sep();
      out += '*';
      if (args.vararg) arg(*args.vararg);
    }
    for (std::size_t i = 0; i < args.kwonlyargs.size(); ++i) {
      sep();
      arg(args.kwonlyargs[i]);
      if (i < args.kw_defaults.size() && args.kw_defaults[i]) {
        out += '=';
        expr(*args.kw_defaults[i], kTest);
      }
    }
    if (args.kwarg) {
      sep();
      out += "**";
      arg(*args.kwarg);
    }
  }

  void node(const Lambda& l, int level) {
    open_if(level > kTest);
    out += l.args->args.empty() && l.args->posonlyargs.empty() ? "lambda" : "lambda ";
    arguments(*l.args);
    out += ": ";
    expr(*l.body, kTest);
    close_if(level > kTest);
  }

  void node(const IfExp& e, int level) {
    open_if(level > kTest);
    expr(*e.body, kTest + 1);
    out += " if ";
    expr(*e.test, kTest + 1);
    out += " else ";
    expr(*e.orelse, kTest);
    close_if(level > kTest);
  }

  void node(const Dict& d, int) {
    out += '{';
    for (std::size_t i = 0; i < d.values.size(); ++i) {
      if (i) out += ", ";
      if (d.keys[i]) {
        expr(*d.keys[i], kTest);
        out += ": ";
        expr(*d.values[i], kTest);
      } else {
        out += "**";
        expr(*d.values[i], kBor);
      }
    }
    out += '}';
  }

  void node(const Set& s, int) { out += '{'; list(s.elts); out += '}'; }
  void node(const List& l, int) { out += '['; list(l.elts); out += ']'; }

  void node(const Tuple& t, int level) {
    if (t.elts.empty()) { out += "()"; return; }
    open_if(level > kTuple);
    list(t.elts);
    if (t.elts.size() == 1) out += ',';
    close_if(level > kTuple);
  }

  void comprehensions(const std::vector<Comprehension>& gens) {
    for (const auto& g : gens) {
      out += g.is_async ? " async for " : " for ";
      expr(*g.target, kTuple);
      out += " in ";
      expr(*g.iter, kTest + 1);
      for (const auto& c : g.ifs) {
        out += " if ";
        expr(*c, kTest + 1);
      }
    }
  }

  void node(const GeneratorExp& g, int) {
    out += '(';
    expr(*g.elt, kTest);
    comprehensions(g.generators);
    out += ')';
  }
  void node(const ListComp& c, int) {
    out += '[';
    expr(*c.elt, kTest);
    comprehensions(c.generators);
    out += ']';
  }
  void node(const SetComp& c, int) {
    out += '{';
    expr(*c.elt, kTest);
    comprehensions(c.generators);
    out += '}';
  }
  void node(const DictComp& c, int) {
    out += '{';
    expr(*c.key, kTest);
    out += ": ";
    expr(*c.value, kTest);
    comprehensions(c.generators);
    out += '}';
  }

  void node(const Yield& y, int) {
    if (!y.value) { out += "(yield)"; return; }
    out += "(yield ";
    expr(*y.value, kTest);
    out += ')';
  }
  void node(const YieldFrom& y, int) {
    out += "(yield from ";
    expr(*y.value, kTest);
    out += ')';
  }
  void node(const Await& a, int level) {
    open_if(level > kAwait);
    out += "await ";
    expr(*a.value, kAtom);
    close_if(level > kAwait);
  }

  void node(const Compare& c, int level) {
    open_if(level > kCmp);
    expr(*c.left, kCmp + 1);
    for (std::size_t i = 0; i < c.ops.size(); ++i) {
      out += ' ';
      out += cmpop_text(c.ops[i]);
      out += ' ';
      expr(*c.comparators[i], kCmp + 1);
    }
    close_if(level > kCmp);
  }

  void node(const Call& c, int) {
    expr(*c.func, kAtom);
    if (c.args.size() == 1 && c.keywords.empty() && c.args[0]->is<GeneratorExp>()) {
      expr(*c.args[0], kTest);  // f(x for x in y): the genexp's parentheses serve
      return;
    }
    out += '(';
    bool first = true;
    for (const auto& a : c.args) {
      if (!first) out += ", ";
      first = false;
      expr(*a, kTest);
    }
    for (const auto& k : c.keywords) {
      if (!first) out += ", ";
      first = false;
      out += k.arg.empty() ? "**" : k.arg + "=";
      expr(*k.value, kTest);
    }
    out += ')';
  }

  static std::string escape_braces(const std::string& s) {
    std::string r;
    for (char ch : s) {
      r += ch;
      if (ch == '{' || ch == '}') r += ch;
    }
    return r;
  }

  // The body of an f-string (or of a nested format spec) without quotes.
  std::string fstring_body(const ExprList& values) {
    Unparser inner;
    for (const auto& v : values) {
      if (const auto* c = v->as<Constant>()) {
        if (const auto* s = std::get_if<std::string>(&c->value)) inner.out += escape_braces(*s);
      } else if (const auto* f = v->as<FormattedValue>()) {
        inner.node(*f, kTest);
      } else if (const auto* j = v->as<JoinedStr>()) {
        inner.out += fstring_body(j->values);
      }
    }
    return inner.out;
  }

  void node(const JoinedStr& j, int) {
    out += 'f';
    out += py_repr_str(fstring_body(j.values));
  }

  void node(const FormattedValue& f, int) {
    Unparser value;
    value.expr(*f.value, kTest + 1);
    out += value.out.starts_with("{") ? "{ " : "{";
    out += value.out;
    if (f.conversion > 0) {
      out += '!';
      out += static_cast<char>(f.conversion);
    }
    if (f.format_spec) {
      out += ':';
      if (const auto* j = f.format_spec->as<JoinedStr>()) out += fstring_body(j->values);
    }
    out += '}';
  }

  void constant(const ConstValue& v) {
    if (std::holds_alternative<NoneConst>(v)) out += "None";
    else if (std::holds_alternative<EllipsisConst>(v)) out += "...";
    else if (const auto* b = std::get_if<bool>(&v)) out += *b ? "True" : "False";
    else if (const auto* i = std::get_if<IntConst>(&v)) out += i->decimal;
    else if (const auto* d = std::get_if<double>(&v)) out += std::isinf(*d) ? "1e309" : py_repr_float(*d);
    else if (const auto* s = std::get_if<std::string>(&v)) out += py_repr_str(*s);
    else if (const auto* by = std::get_if<BytesConst>(&v)) out += py_repr_bytes(by->bytes);
    else if (const auto* im = std::get_if<ImagConst>(&v)) {
      out += std::isinf(im->imag) ? "1e309j" : py_repr_imag(im->imag);
    }
  }

  void node(const Constant& c, int) { constant(c.value); }

  void node(const Attribute& a, int) {
    expr(*a.value, kAtom);
    const auto* c = a.value->as<Constant>();
    out += c && std::holds_alternative<IntConst>(c->value) ? " ." : ".";
    out += a.attr;
  }

  void node(const Subscript& s, int) {
    expr(*s.value, kAtom);
    out += '[';
    expr(*s.slice, kTuple);
    out += ']';
  }

  void node(const Starred& s, int) {
    out += '*';
    expr(*s.value, kBor);
  }

  void node(const Slice& s, int) {
    if (s.lower) expr(*s.lower, kTest);
    out += ':';
    if (s.upper) expr(*s.upper, kTest);
    if (s.step) {
      out += ':';
      expr(*s.step, kTest);
    }
  }

  void node(const Name& n, int) { out += n.id; }

  void node(const NamedExpr& n, int level) {
    open_if(level > kTuple);
    expr(*n.target, kAtom);
    out += ":=";
    expr(*n.value, kAtom);
    close_if(level > kTuple);
  }

  void node(const std::monostate&, int) {}
};

}  // namespace

std::string unparse_annotation(const Expr& e) {
  Unparser u;
  u.expr(e, kTest);
  return u.out;
}

}  // namespace aioc::ast
