// The lexer's layout tokens: INDENT/DEDENT from indentation, NEWLINE only at the end of
// logical lines, brackets joining lines, and what happens at end of input.
#include <catch2/catch.hpp>

#include "syntax_test_util.hpp"

using aioc::test::token_names;
using aioc::test::tokens;

TEST_CASE("a simple statement ends with NEWLINE", "[lexer]") {
  CHECK(token_names("x = 1\n") == "NAME EQUAL NUMBER NEWLINE EOF");
}

TEST_CASE("a missing final newline is supplied", "[lexer]") {
  CHECK(token_names("x = 1") == "NAME EQUAL NUMBER NEWLINE EOF");
}

TEST_CASE("empty and blank input produce only EOF", "[lexer]") {
  CHECK(token_names("") == "EOF");
  CHECK(token_names("\n\n   \n\t\n") == "EOF");
  CHECK(token_names("# only a comment") == "EOF");
}

TEST_CASE("an indented block is INDENT ... DEDENT", "[lexer]") {
  CHECK(token_names("if x:\n    y\nz\n") ==
        "IF NAME COLON NEWLINE INDENT NAME NEWLINE DEDENT NAME NEWLINE EOF");
}

TEST_CASE("all open blocks are closed at end of input", "[lexer]") {
  CHECK(token_names("if a:\n  if b:\n    c") ==
        "IF NAME COLON NEWLINE INDENT IF NAME COLON NEWLINE INDENT NAME NEWLINE DEDENT DEDENT EOF");
}

TEST_CASE("a dedent of several levels emits one DEDENT per level", "[lexer]") {
  CHECK(token_names("if a:\n  if b:\n    c\nd\n") ==
        "IF NAME COLON NEWLINE INDENT IF NAME COLON NEWLINE INDENT NAME NEWLINE DEDENT DEDENT "
        "NAME NEWLINE EOF");
}

TEST_CASE("blank lines and comment lines do not affect indentation", "[lexer]") {
  CHECK(token_names("if a:\n\n    # note\n  \n    b\n") ==
        "IF NAME COLON NEWLINE INDENT NAME NEWLINE DEDENT EOF");
}

TEST_CASE("newlines inside brackets are ignored", "[lexer]") {
  CHECK(token_names("x = (1,\n     2)\n") ==
        "NAME EQUAL LPAR NUMBER COMMA NUMBER RPAR NEWLINE EOF");
  CHECK(token_names("f([\n{\n}\n])\n") == "NAME LPAR LSQB LBRACE RBRACE RSQB RPAR NEWLINE EOF");
}

TEST_CASE("indentation inside brackets is not measured", "[lexer]") {
  CHECK(token_names("x = [\n        1,\n  2]\ny\n") ==
        "NAME EQUAL LSQB NUMBER COMMA NUMBER RSQB NEWLINE NAME NEWLINE EOF");
}

TEST_CASE("a backslash joins physical lines", "[lexer]") {
  CHECK(token_names("x = 1 + \\\n    2\n") == "NAME EQUAL NUMBER PLUS NUMBER NEWLINE EOF");
}

TEST_CASE("CRLF line endings behave like LF", "[lexer]") {
  CHECK(token_names("if x:\r\n    y\r\n") == token_names("if x:\n    y\n"));
}

TEST_CASE("a tab indents to the next multiple of eight", "[lexer]") {
  // A tab and eight spaces are the same level when used consistently by block.
  CHECK(token_names("if a:\n\tb\n\tc\n") ==
        "IF NAME COLON NEWLINE INDENT NAME NEWLINE NAME NEWLINE DEDENT EOF");
}

TEST_CASE("a form feed resets the indentation column", "[lexer]") {
  CHECK(token_names("\fx = 1\n") == "NAME EQUAL NUMBER NEWLINE EOF");
}

TEST_CASE("soft keywords and identifiers", "[lexer]") {
  CHECK(token_names("match case _ 이름 \xc3\xa9t\xc3\xa9\n") == "MATCH CASE NAME NAME NAME NEWLINE EOF");
}

TEST_CASE("strings are single tokens with their prefix", "[lexer]") {
  auto t = tokens("rb'a' f\"{x}\" '''a\nb''' u'x'\n");
  REQUIRE(t.size() == 6);
  CHECK(t[0].text == "rb'a'");
  CHECK(t[1].text == "f\"{x}\"");
  CHECK(t[2].text == "'''a\nb'''");
  CHECK(t[3].text == "u'x'");
  CHECK(t[4].type == "NEWLINE");
}

TEST_CASE("numbers are single tokens", "[lexer]") {
  CHECK(token_names("1_000 0x_ff 0o17 0b1 1.5e-3 .5 5. 3j 1e10J\n") ==
        "NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NEWLINE EOF");
}

TEST_CASE("a number running into a keyword is split (with a warning)", "[lexer]") {
  CHECK(token_names("1if x else 2\n") == "NUMBER IF NAME ELSE NUMBER NEWLINE EOF");
}

TEST_CASE("operators use the longest match", "[lexer]") {
  CHECK(token_names("a **= b // c ... -> := != <<= @=\n") ==
        "NAME DOUBLESTAREQUAL NAME DOUBLESLASH NAME ELLIPSIS RARROW COLONEQUAL NOTEQUAL "
        "LEFTSHIFTEQUAL ATEQUAL NEWLINE EOF");
}

TEST_CASE("token positions are 1-based code-point columns", "[lexer]") {
  auto t = tokens("이름 = 1\n  \n");
  REQUIRE(t.size() >= 3);
  CHECK(t[0].line == 1);
  CHECK(t[0].col == 1);
  CHECK(t[1].col == 4);
  CHECK(t[2].col == 6);
}

TEST_CASE("INDENT is positioned at the first token of the line", "[lexer]") {
  auto t = tokens("if x:\n    y\n");
  REQUIRE(t.size() > 5);
  CHECK(t[4].type == "INDENT");
  CHECK(t[4].line == 2);
  CHECK(t[4].col == 5);
}
