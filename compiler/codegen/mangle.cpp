// Mangling implementation: see mangle.hpp.
#include "codegen/mangle.hpp"

#include <fmt/format.h>

#include <cmath>

namespace aioc::codegen {

std::string mangle(std::string_view prefix, std::string_view name) {
  std::string out(prefix);
  for (unsigned char ch : name) {
    bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Y') ||
                 (ch >= '0' && ch <= '9') || ch == '_';
    if (plain) {
      out.push_back(static_cast<char>(ch));
    } else if (ch == 'Z') {
      out += "ZZ";
    } else {
      out += fmt::format("Z{:02x}_", ch);
    }
  }
  return out;
}

std::string cpp_string_literal(std::string_view bytes) {
  std::string out = "\"";
  for (unsigned char ch : bytes) {
    if (ch == '"' || ch == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(ch));
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch >= 0x20 && ch < 0x7f && ch != '?') {
      out.push_back(static_cast<char>(ch));
    } else {
      out += fmt::format("\\{:03o}", ch);
    }
  }
  out.push_back('"');
  return out;
}

std::string cpp_double_literal(double d) {
  if (std::isinf(d)) return d > 0 ? "__builtin_inf()" : "(-__builtin_inf())";
  if (std::isnan(d)) return "__builtin_nan(\"\")";
  return fmt::format("{:a}", d);
}

}  // namespace aioc::codegen
