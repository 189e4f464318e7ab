/ Arithmetic in q works item by item on lists, and extends atoms to match lists.

/ q evaluates right to left: there is no operator precedence
2*3+4        / 14, because 3+4 is done first
(2*3)+4      / 10
/ the arithmetic verbs are atomic: they apply between matching items
1 2 3+10 20 30
1 2 3*2
10-1 2 3
/ % is division and always gives a float
7%2
/ div is integer division and mod the remainder
7 div 2
7 mod 2
-7 mod 3
/ neg, abs, sqrt, exp and log are ordinary functions
neg 1 -2 3
abs -3 4 -5
sqrt 16 25
exp 0
log 1
/ xexp raises to a power, xlog takes a logarithm in a given base
2 xexp 10
2 xlog 1024
/ floor and ceiling round to whole numbers
floor 2.7 -2.7
ceiling 2.1 -2.1
/ comparison verbs return booleans
3>1 2 3 4
1 2 3=1 5 3
/ & is the lesser of two values and | the greater; on booleans they are and / or
3&1 5 2
3|1 5 2
0101b&0011b
/ max, min, sum, prd and avg reduce a list to an atom
sum 1 2 3 4
prd 1 2 3 4
max 3 9 2
min 3 9 2
avg 1 2 3 4
/ their running forms keep every intermediate result
sums 1 2 3 4
prds 1 2 3 4
maxs 3 1 4 1 5
mins 3 1 4 1 5
/ deltas gives differences between neighbours; the first item is kept
deltas 1 4 9 16
/ ratios divides neighbours
ratios 1 2 4 8
/ the sum of the squares of the first ten numbers
sum {x*x} til 10
/ the mean and the variance of a sample
x:2 4 4 4 5 5 7 9
avg x
var x
dev x
/ med finds the median
med 5 3 1 4 2
/ wavg is a weighted average: weights on the left, values on the right
1 2 3 wavg 10 20 30
/ rounding a float to two decimal places
0.01*floor 0.5+100*3.14159
