// CodeWriter implementation: see writer.hpp.
#include "codegen/writer.hpp"

namespace aioc::codegen {

void CodeWriter::line(std::string_view text) {
  out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  out_.append(text);
  out_.push_back('\n');
}

void CodeWriter::raw_line(std::string_view text) {
  out_.append(text);
  out_.push_back('\n');
}

void CodeWriter::open(std::string_view head) {
  if (head.empty()) {
    line("{");
  } else {
    std::string text(head);
    text += " {";
    line(text);
  }
  ++depth_;
}

void CodeWriter::close(std::string_view tail) {
  --depth_;
  std::string text = "}";
  text += tail;
  line(text);
}

}  // namespace aioc::codegen
