/ Control flow in q prefers whole-list operations; explicit loops exist but are rarely needed.

/ vector conditional: ?[condition;true values;false values] works item by item
?[1 2 3 4>2;`big;`small]
/ if runs statements when the condition is true and returns nothing
f:{r:0; if[x>10; r:1]; r}
f each 5 15
/ do repeats a block a fixed number of times
g:{n:1; do[x; n*:2]; n}
g 10
/ while repeats while the condition holds
collatz:{c:0; while[x<>1; x:$[0=x mod 2; x div 2; 1+3*x]; c+:1]; c}
collatz 27
/ the same computation as a converging iteration, without mutable state
count {$[0=x mod 2; x div 2; 1+3*x]}\[{x<>1};27]
/ signal an error with ' and a symbol or a string
checkPositive:{if[x<0; '`negative]; x}
/ protected evaluation: @[f;arg;handler] calls the handler with the error text
@[checkPositive;-1;{"caught: ",x}]
@[checkPositive;5;{"caught: ",x}]
/ .[f;args;handler] does the same for a function of several arguments
.[{x%y};(1;0);{"never reached: ",x}]
.[{x+y};(1;`a);{"type error: ",x}]
/ a type error comes from applying a verb to arguments it does not accept
@[{1+`a};::;::]
/ the identity function :: returns its argument
(::) 5
/ match (~) compares whole values, including type and shape
1 2 3~1 2 3
1 2 3~1 2 3i
/ all and any reduce booleans
all 1 2 3>0
any 1 2 3>2
