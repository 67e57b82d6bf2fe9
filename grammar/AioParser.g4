// AioParser.g4 — the syntax of aioc's language, a Python 3.11 subset.
//
// Tokens come from AioLexer.g4; INDENT, DEDENT and NEWLINE are produced by the lexer's
// hand-written superclass (see the header of AioLexer.g4): a block is NEWLINE INDENT
// stmt+ DEDENT, a simple statement line ends with NEWLINE, and no NEWLINE ever appears
// inside brackets.
//
// The rules follow CPython's Grammar/python.gram level by level (same names where
// possible) but are deliberately permissive where CPython's grammar has "invalid_"
// rules: assignment targets are parsed as expressions, parameters and call arguments as
// flat lists. The AST builder (compiler/syntax) checks those and reports CPython's
// messages ("cannot assign to function call here...", "non-default argument follows
// default argument"). Shared prefixes are factored so that ANTLR decides alternatives
// with short lookahead, which keeps prediction cheap and error positions precise.
// Every alternative is labelled, so visitor methods read as the construct they build.
// There are no actions: this file is the language, the builder is the semantics.
parser grammar AioParser;

options {
  tokenVocab = AioLexer;
  superClass = 'aioc::syntax::GuardedParserBase';  // bounds recursion (see its header)
}

@postinclude {
#include "syntax/recognizers/guarded_parser.hpp"
}

// ---- start rules -----------------------------------------------------------------------

file_input : stmt* EOF ;

// The text of one f-string replacement field, wrapped in parentheses by the builder.
fstring_input : star_expressions NEWLINE? EOF ;

// ---- statements ------------------------------------------------------------------------

stmt
  : compound_stmt  # CompoundStatement
  | simple_stmts   # SimpleStatements
  ;

simple_stmts : simple_stmt ( SEMI simple_stmt )* SEMI? NEWLINE ;

simple_stmt
  : star_expressions assignment_tail?                        # ExprOrAssignStmt
  | RETURN star_expressions?                                 # ReturnStmt
  | yield_expr                                               # YieldStmt
  | RAISE ( expression ( FROM expression )? )?               # RaiseStmt
  | PASS                                                     # PassStmt
  | BREAK                                                    # BreakStmt
  | CONTINUE                                                 # ContinueStmt
  | DEL star_expressions                                     # DelStmt
  | ASSERT expression ( COMMA expression )?                  # AssertStmt
  | GLOBAL name ( COMMA name )*                              # GlobalStmt
  | NONLOCAL name ( COMMA name )*                            # NonlocalStmt
  | IMPORT dotted_as_name ( COMMA dotted_as_name )*          # ImportStmt
  | FROM import_dots* dotted_name IMPORT import_targets      # ImportFromStmt
  | FROM import_dots+ IMPORT import_targets                  # ImportFromStmt
  ;

// What follows the first expression list of an expression statement.
assignment_tail
  : COLON expression ( EQUAL annotated_rhs )?                # AnnotationTail
  | augassign annotated_rhs                                  # AugAssignTail
  | ( EQUAL annotated_rhs )+                                 # AssignTail
  ;

annotated_rhs
  : yield_expr                                               # YieldRhs
  | star_expressions                                         # ExpressionsRhs
  ;

augassign
  : op=( PLUSEQUAL | MINEQUAL | STAREQUAL | ATEQUAL | SLASHEQUAL | PERCENTEQUAL
       | AMPEREQUAL | VBAREQUAL | CIRCUMFLEXEQUAL | LEFTSHIFTEQUAL | RIGHTSHIFTEQUAL
       | DOUBLESTAREQUAL | DOUBLESLASHEQUAL )
  ;

import_dots
  : DOT                                                      # OneDot
  | ELLIPSIS                                                 # ThreeDots
  ;

dotted_as_name : dotted_name ( AS name )? ;
dotted_name : name ( DOT name )* ;

import_targets
  : LPAR import_as_name ( COMMA import_as_name )* COMMA? RPAR   # ParenImportTargets
  | import_as_name ( COMMA import_as_name )*                    # PlainImportTargets
  | STAR                                                        # StarImportTarget
  ;

import_as_name : name ( AS name )? ;

compound_stmt
  : IF named_expression COLON block elif_clause* else_clause?            # IfStmt
  | WHILE named_expression COLON block else_clause?                      # WhileStmt
  | ASYNC? FOR star_targets IN star_expressions COLON block else_clause? # ForStmt
  | ASYNC? WITH with_items COLON block                                   # WithStmt
  | TRY COLON block ( except_clause+ else_clause? finally_clause?
                    | finally_clause )                                   # TryStmt
  | decorator+ ( function_def | class_def )                              # DecoratedStmt
  | function_def                                                         # FunctionDefStmt
  | class_def                                                            # ClassDefStmt
  | MATCH match_subject COLON NEWLINE INDENT case_block+ DEDENT          # MatchStmt
  ;

elif_clause : ELIF named_expression COLON block ;
else_clause : ELSE COLON block ;
finally_clause : FINALLY COLON block ;

except_clause
  : EXCEPT ( expression ( AS name )? )? COLON block                      # ExceptClause
  | EXCEPT STAR expression ( AS name )? COLON block                      # ExceptStarClause
  ;

with_items
  : LPAR with_item ( COMMA with_item )* COMMA? RPAR                      # ParenWithItems
  | with_item ( COMMA with_item )*                                       # PlainWithItems
  ;

with_item : expression ( AS star_target )? ;

decorator : AT named_expression NEWLINE ;

function_def
  : ASYNC? DEF name LPAR parameters? RPAR ( RARROW expression )? COLON block ;

class_def : CLASS name ( LPAR arguments? RPAR )? COLON block ;

block
  : NEWLINE INDENT stmt+ DEDENT                                          # IndentedBlock
  | simple_stmts                                                         # InlineBlock
  ;

// `match` is only recognized so the whole statement can be reported as unsupported;
// its patterns are accepted as balanced token sequences.
match_subject : star_named_expressions ;
case_block : CASE pattern_piece+ COLON block ;
pattern_piece
  : LPAR ( pattern_piece | COLON )* RPAR                                 # ParenPattern
  | LSQB ( pattern_piece | COLON )* RSQB                                 # BracketPattern
  | LBRACE ( pattern_piece | COLON )* RBRACE                             # BracePattern
  | ~( LPAR | RPAR | LSQB | RSQB | LBRACE | RBRACE | COLON | NEWLINE
     | INDENT | DEDENT | EOF )                                           # PatternToken
  ;

// ---- parameters and arguments ----------------------------------------------------------

// A flat list: the builder checks the order (`/`, `*`, `**`, defaults).
parameters : parameter ( COMMA parameter )* COMMA? ;

parameter
  : name ( COLON expression )? ( EQUAL expression )?                    # PlainParam
  | STAR ( name ( COLON star_expression )? )?                            # StarParam
  | DOUBLESTAR name ( COLON expression )?                                # DoubleStarParam
  | SLASH                                                                # SlashParam
  ;

lambda_parameters : lambda_parameter ( COMMA lambda_parameter )* COMMA? ;

lambda_parameter
  : name ( EQUAL expression )?                                           # LambdaPlainParam
  | STAR name?                                                           # LambdaStarParam
  | DOUBLESTAR name                                                      # LambdaDoubleStarParam
  | SLASH                                                                # LambdaSlashParam
  ;

// A flat list: the builder checks the order (positional, keyword, `*`, `**`).
arguments : argument ( COMMA argument )* COMMA? ;

argument
  : name EQUAL expression                                                # KeywordArgument
  | STAR expression                                                      # StarArgument
  | DOUBLESTAR expression                                                # DoubleStarArgument
  | named_expression comp_for?                                           # PositionalArgument
  ;

// ---- expressions -----------------------------------------------------------------------

star_expressions : star_expression ( COMMA star_expression )* COMMA? ;

star_expression
  : STAR bitwise_or                                                      # StarredExpression
  | expression                                                           # PlainStarExpression
  ;

star_named_expressions : star_named_expression ( COMMA star_named_expression )* COMMA? ;

star_named_expression
  : STAR bitwise_or                                                      # StarredNamedExpression
  | named_expression                                                     # PlainStarNamedExpression
  ;

named_expression
  : name COLONEQUAL expression                                           # WalrusExpression
  | expression                                                           # PlainNamedExpression
  ;

expression
  : disjunction ( IF disjunction ELSE expression )?                      # ConditionalExpression
  | LAMBDA lambda_parameters? COLON expression                           # LambdaExpression
  ;

yield_expr
  : YIELD FROM expression                                                # YieldFromExpression
  | YIELD star_expressions?                                              # YieldExpression
  ;

disjunction : conjunction ( OR conjunction )* ;
conjunction : inversion ( AND inversion )* ;

inversion
  : NOT inversion                                                        # NotExpression
  | comparison                                                           # ComparisonExpression
  ;

comparison : bitwise_or ( comp_op bitwise_or )* ;

comp_op
  : op=( EQEQUAL | NOTEQUAL | LESS | LESSEQUAL | GREATER | GREATEREQUAL | IN | IS ) # SimpleCompOp
  | NOT IN                                                               # NotInCompOp
  | IS NOT                                                               # IsNotCompOp
  ;

// Binary operators from `|` down to `*`; earlier alternatives bind tighter.
bitwise_or
  : bitwise_or op=( STAR | SLASH | DOUBLESLASH | PERCENT | AT ) bitwise_or  # BinaryExpression
  | bitwise_or op=( PLUS | MINUS ) bitwise_or                               # BinaryExpression
  | bitwise_or op=( LEFTSHIFT | RIGHTSHIFT ) bitwise_or                     # BinaryExpression
  | bitwise_or op=AMPER bitwise_or                                          # BinaryExpression
  | bitwise_or op=CIRCUMFLEX bitwise_or                                     # BinaryExpression
  | bitwise_or op=VBAR bitwise_or                                           # BinaryExpression
  | factor                                                                  # FactorExpression
  ;

factor
  : op=( PLUS | MINUS | TILDE ) factor                                   # UnaryExpression
  | power                                                                # PowerExpression
  ;

// `**` binds tighter than a unary operator on its left, looser on its right: -2**-1.
power : await_primary ( DOUBLESTAR factor )? ;

await_primary
  : AWAIT primary                                                        # AwaitExpression
  | primary                                                              # PrimaryExpression
  ;

primary
  : primary DOT name                                                     # AttributeRef
  | primary LPAR arguments? RPAR                                         # CallExpression
  | primary LSQB slices RSQB                                             # SubscriptExpression
  | atom                                                                 # AtomExpression
  ;

slices : slice ( COMMA slice )* COMMA? ;

slice
  : expression? COLON expression? ( COLON expression? )?                 # ProperSlice
  | named_expression                                                     # IndexSlice
  | STAR expression                                                      # StarredSlice
  ;

atom
  : name                                                                 # NameAtom
  | TRUE                                                                 # TrueAtom
  | FALSE                                                                # FalseAtom
  | NONE                                                                 # NoneAtom
  | STRING+                                                              # StringsAtom
  | NUMBER                                                               # NumberAtom
  | ELLIPSIS                                                             # EllipsisAtom
  | LPAR paren_body? RPAR                                                # ParenAtom
  | LSQB list_body? RSQB                                                 # ListAtom
  | LBRACE brace_body? RBRACE                                            # BraceAtom
  ;

// Inside (...): a yield, a generator expression, a group or a tuple.
paren_body
  : yield_expr                                                           # YieldParenBody
  | star_named_expression ( comp_for
                          | ( COMMA star_named_expression )* COMMA? )    # ExprParenBody
  ;

// Inside [...]: a list comprehension or a list display.
list_body
  : star_named_expression ( comp_for
                          | ( COMMA star_named_expression )* COMMA? )    # ExprListBody
  ;

// Inside {...}: a dict or set display or comprehension.
brace_body
  : dict_item ( comp_for | ( COMMA dict_item )* COMMA? )                 # DictBody
  | star_named_expression ( comp_for
                          | ( COMMA star_named_expression )* COMMA? )    # SetBody
  ;

dict_item
  : expression COLON expression                                          # KeyValueItem
  | DOUBLESTAR bitwise_or                                                # UnpackItem
  ;

comp_for : comp_clause+ ;
comp_clause : ASYNC? FOR star_targets IN disjunction ( IF disjunction )* ;

// Assignment targets of `for` and comprehensions, and the `as` target of `with`: parsed
// as expressions above comparisons (so `in` ends them) and checked by the builder.
star_targets : star_target ( COMMA star_target )* COMMA? ;
star_target : STAR? bitwise_or ;

name
  : NAME                                                                 # Identifier
  | MATCH                                                                # Identifier
  | CASE                                                                 # Identifier
  ;
