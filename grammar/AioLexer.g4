// AioLexer.g4 — the tokens of aioc's language, a Python 3.11 subset.
//
// Layout tokens. Python's block structure is carried by three tokens this grammar does not
// match itself: NEWLINE ends a logical line, INDENT opens a block, DEDENT closes one. The
// raw NEWLINE rule below matches every physical line break; the hand-written superclass
// (compiler/syntax/recognizers/indent_lexer.{hpp,cpp}) post-processes the raw stream:
//   * inside (), [] and {} line breaks are dropped, so bracketed expressions span lines;
//   * blank lines and comment-only lines produce nothing;
//   * a backslash at the end of a line joins it to the next (the SKIPPED rule drops it);
//   * at the first token of each logical line the indentation is measured (tabs to the
//     next multiple of 8, and again with tabs as 1 column; when the two disagree about
//     the block structure it is a TabError, exactly as CPython does) and compared with a
//     stack of open indentation widths: deeper pushes and emits INDENT, shallower pops and
//     emits one DEDENT per level, a width that is not on the stack is an IndentationError;
//   * at end of input it emits NEWLINE (if a line is open) and one DEDENT per open level.
// The superclass also tracks bracket nesting ("'(' was never closed", "unmatched ')'"),
// and turns the ERROR-ish tokens below (unterminated strings, malformed numbers, stray
// characters) into diagnostics, so the parser only ever sees well-formed tokens.
//
// Strings are one token each, prefix and quotes included (f-strings too: their inner
// expressions are parsed later by the AST builder, which re-invokes the parser on them).
lexer grammar AioLexer;

options { superClass = 'aioc::syntax::IndentLexerBase'; }

tokens { INDENT, DEDENT }

@postinclude {
#include "syntax/recognizers/indent_lexer.hpp"
}

// ---- strings ---------------------------------------------------------------------------

STRING
  : STRING_PREFIX? ( '\'\'\'' LONG_CHAR*? '\'\'\''
                   | '"""' LONG_CHAR*? '"""'
                   | '\'' SHORT_CHAR_SQ* '\''
                   | '"' SHORT_CHAR_DQ* '"'
                   )
  ;

// A triple-quoted string that never closes runs to the end of the input. Its body cannot
// contain the closing delimiter, so a terminated string always matches STRING (longer).
UNTERMINATED_LONG_STRING
  : STRING_PREFIX? ( '\'\'\'' ( LONG_SQ_CHAR | '\'' LONG_SQ_CHAR | '\'\'' LONG_SQ_CHAR )*
                     ( '\'' | '\'\'' )?
                   | '"""' ( LONG_DQ_CHAR | '"' LONG_DQ_CHAR | '""' LONG_DQ_CHAR )*
                     ( '"' | '""' )?
                   )
  ;

// A single-quoted string that reaches the end of its line.
UNTERMINATED_STRING
  : STRING_PREFIX? ( '\'' SHORT_CHAR_SQ* | '"' SHORT_CHAR_DQ* )
  ;

fragment STRING_PREFIX : [rRuUbBfF] | [rR] [bBfF] | [bBfF] [rR] ;
fragment LONG_CHAR     : '\\' . | ~'\\' ;
fragment LONG_SQ_CHAR  : '\\' . | ~[\\'] ;
fragment LONG_DQ_CHAR  : '\\' . | ~[\\"] ;
fragment SHORT_CHAR_SQ : '\\' . | ~[\\\n'] ;
fragment SHORT_CHAR_DQ : '\\' . | ~[\\\n"] ;

// ---- numbers ---------------------------------------------------------------------------

NUMBER : INTEGER | FLOAT_NUMBER | IMAG_NUMBER ;

// A number immediately followed by letters or digits that cannot continue it ("1abc",
// "0x1g", "0123", "1_"): reported with CPython's message by the superclass.
INVALID_NUMBER : ( INTEGER | FLOAT_NUMBER | IMAG_NUMBER ) [\p{XID_Continue}]+ ;

fragment INTEGER      : DEC_INTEGER | HEX_INTEGER | OCT_INTEGER | BIN_INTEGER ;
fragment DEC_INTEGER  : [1-9] ( '_'? [0-9] )* | '0'+ ( '_'? '0' )* ;
fragment HEX_INTEGER  : '0' [xX] ( '_'? [0-9a-fA-F] )+ ;
fragment OCT_INTEGER  : '0' [oO] ( '_'? [0-7] )+ ;
fragment BIN_INTEGER  : '0' [bB] ( '_'? [01] )+ ;
fragment DIGIT_PART   : [0-9] ( '_'? [0-9] )* ;
fragment POINT_FLOAT  : DIGIT_PART? '.' DIGIT_PART | DIGIT_PART '.' ;
fragment EXPONENT     : [eE] [+-]? DIGIT_PART ;
fragment FLOAT_NUMBER : POINT_FLOAT EXPONENT? | DIGIT_PART EXPONENT ;
fragment IMAG_NUMBER  : ( FLOAT_NUMBER | DIGIT_PART ) [jJ] ;

// ---- keywords (hard, then the soft keywords of `match` statements) ----------------------

FALSE    : 'False' ;
NONE     : 'None' ;
TRUE     : 'True' ;
AND      : 'and' ;
AS       : 'as' ;
ASSERT   : 'assert' ;
ASYNC    : 'async' ;
AWAIT    : 'await' ;
BREAK    : 'break' ;
CLASS    : 'class' ;
CONTINUE : 'continue' ;
DEF      : 'def' ;
DEL      : 'del' ;
ELIF     : 'elif' ;
ELSE     : 'else' ;
EXCEPT   : 'except' ;
FINALLY  : 'finally' ;
FOR      : 'for' ;
FROM     : 'from' ;
GLOBAL   : 'global' ;
IF       : 'if' ;
IMPORT   : 'import' ;
IN       : 'in' ;
IS       : 'is' ;
LAMBDA   : 'lambda' ;
NONLOCAL : 'nonlocal' ;
NOT      : 'not' ;
OR       : 'or' ;
PASS     : 'pass' ;
RAISE    : 'raise' ;
RETURN   : 'return' ;
TRY      : 'try' ;
WHILE    : 'while' ;
WITH     : 'with' ;
YIELD    : 'yield' ;
MATCH    : 'match' ;
CASE     : 'case' ;

NAME : [\p{XID_Start}_] [\p{XID_Continue}]* ;

// ---- layout ----------------------------------------------------------------------------

NEWLINE : '\r'? '\n' | '\r' ;

// ---- operators and delimiters (CPython's token names) ----------------------------------

LPAR             : '(' ;
RPAR             : ')' ;
LSQB             : '[' ;
RSQB             : ']' ;
LBRACE           : '{' ;
RBRACE           : '}' ;
COLON            : ':' ;
COMMA            : ',' ;
SEMI             : ';' ;
PLUS             : '+' ;
MINUS            : '-' ;
STAR             : '*' ;
SLASH            : '/' ;
VBAR             : '|' ;
AMPER            : '&' ;
LESS             : '<' ;
GREATER          : '>' ;
EQUAL            : '=' ;
DOT              : '.' ;
PERCENT          : '%' ;
EQEQUAL          : '==' ;
NOTEQUAL         : '!=' ;
LESSEQUAL        : '<=' ;
GREATEREQUAL     : '>=' ;
TILDE            : '~' ;
CIRCUMFLEX       : '^' ;
LEFTSHIFT        : '<<' ;
RIGHTSHIFT       : '>>' ;
DOUBLESTAR       : '**' ;
PLUSEQUAL        : '+=' ;
MINEQUAL         : '-=' ;
STAREQUAL        : '*=' ;
SLASHEQUAL       : '/=' ;
PERCENTEQUAL     : '%=' ;
AMPEREQUAL       : '&=' ;
VBAREQUAL        : '|=' ;
CIRCUMFLEXEQUAL  : '^=' ;
LEFTSHIFTEQUAL   : '<<=' ;
RIGHTSHIFTEQUAL  : '>>=' ;
DOUBLESTAREQUAL  : '**=' ;
DOUBLESLASH      : '//' ;
DOUBLESLASHEQUAL : '//=' ;
AT               : '@' ;
ATEQUAL          : '@=' ;
RARROW           : '->' ;
ELLIPSIS         : '...' ;
COLONEQUAL       : ':=' ;

// ---- skipped text and errors -----------------------------------------------------------

SKIPPED : ( [ \t\f]+ | '#' ~[\r\n]* | '\\' ( '\r'? '\n' | '\r' ) ) -> skip ;

// A backslash that does not end its line.
BAD_CONTINUATION : '\\' ;

// Any other character ('$', '?', '!', '`', or a non-identifier code point).
ERROR_CHAR : . ;
