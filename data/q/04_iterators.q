/ Iterators modify how a function applies to its arguments.

/ each (') applies a function to every item of a list
count each ("one";"three";"seventeen")
{x*x} each 1 2 3
/ each-left (\:) and each-right (/:) hold one argument still
1 2 3,\:10
10,/:1 2 3
/ an outer product, built with each-left and each-right together
1 2 3*/:1 2 3
/ over (/) folds a list with a binary function and returns the final result
(+/) 1 2 3 4
{x*y}/[1 2 3 4]
/ scan (\) returns every intermediate result of the fold
(+\) 1 2 3 4
/ with an initial value on the left, the fold starts from it
10+/1 2 3
/ with a unary function, over repeats until the result stops changing
{x div 2}/[100]
/ with a count on the left, over applies the function that many times
5{x*2}/1
/ scan with a count lists each step
5{x*2}\1
/ the fibonacci sequence: repeatedly append the sum of the last two items
10{x,sum -2#x}/0 1
/ while form: repeat while a condition holds on the result
{x<1000}{x*2}/1
/ each-prior (':) applies between each item and the one before it
-':[1 4 9 16]
/ each-prior is how deltas is defined for most cases
{x-prev x} 1 4 9 16
/ peach is each, run in parallel where threads are available
{x*x} peach 1 2 3
/ converging on a square root by Newton's method
{0.5*x+2%x}/[1.0]
/ flatten a nested list by razing: raze joins the items of a list
raze (1 2;3 4 5;enlist 6)
(,/)(1 2;3 4 5;enlist 6)
