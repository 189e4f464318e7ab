/ Functions (lambdas) are written in braces. Up to three implicit arguments are named x, y and z.

square:{x*x}
square 5
square 1 2 3
add:{x+y}
add[2;3]
/ named arguments go in square brackets at the start of the body
hyp:{[a;b] sqrt (a*a)+b*b}
hyp[3;4]
/ statements are separated by semicolons; the last one is the result
stats:{[v] m:avg v; s:dev v; (m;s)}
stats 1 2 3 4 5
/ a colon at the start of a statement returns early
sign:{$[x>0;1;x<0;-1;0]}
sign each -5 0 7
/ $[c;t;f] is the conditional; more pairs of condition and result may follow
grade:{$[x>=90;`A;x>=80;`B;x>=70;`C;`F]}
grade each 95 85 72 40
/ projection: giving only some arguments makes a new function
add3:add[3]
add3 10
/ a verb with its left argument fixed is also a projection
double:2*
double 1 2 3
/ local variables live only inside the function
f:{t:x+1; t*t}
f 4
/ global assignment from inside a function uses ::
counter:0
bump:{counter::counter+x}
bump 5
counter
/ recursion: a function can call itself by name
fact:{$[x<2;1;x*fact x-1]}
fact 10
/ .z.s refers to the function being run, so an anonymous function can recurse
{$[x<2;x;.z.s[x-1]+.z.s[x-2]]} 10
/ composition: one function applied to the result of another
sumsq:sum square@
sumsq 1 2 3
/ functions are values: they can be stored in lists and dictionaries
ops:(+;-;*)
ops[0][2;3]
/ the rank of a function is the number of arguments it takes
{x+y+z}[1;2;3]
