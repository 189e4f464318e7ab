/ Atoms and lists: the values every q program is made of.
/ A q value is either an atom (one item) or a list (an ordered collection of items).

/ integers are 64-bit longs by default; the suffix i makes a 32-bit int
a:42
b:42i
/ floats print with up to seven significant digits
c:3.14159
/ booleans are written as 0b and 1b; a boolean list packs the digits together
flag:1b
flags:10110b
/ characters are in double quotes; a string is a list of characters
ch:"x"
greeting:"hello, q"
/ symbols are interned names, written with a backtick
s:`apple
fruits:`apple`banana`cherry

/ a simple list of longs is written with spaces between the items
n:1 2 3 4 5
/ the type of a value is a short: negative for atoms, positive for simple lists
type 42       / -7h, a long atom
type 1 2 3    / 7h, a list of longs
type "abc"    / 10h, a string
type `a`b     / 11h, a list of symbols
/ count gives the number of items; an atom counts as 1
count n
count "hello"
/ general lists mix types and are written with parentheses and semicolons
mixed:(1;`two;"three";4.0)
count mixed
/ enlist makes a one-item list from an atom
enlist 5
/ til n gives the first n natural numbers, starting at 0
til 10
/ indexing a list uses square brackets or juxtaposition
n[0]
n 1 3
/ indexing past the end gives the null of the list's type
n 10
/ first and last take the ends of a list
first n
last n
/ take (#) and drop (_) cut lists from the front, or from the back with a negative count
3#n
-2#n
2_n
-1_n
/ take repeats the list when asked for more items than it has
7#1 2 3
/ join (,) concatenates lists and atoms
1 2,3 4
"abc","def"
`a,`b`c
/ reverse, asc and desc reorder a list
reverse n
asc 3 1 2
desc 3 1 2
/ distinct keeps the first occurrence of each item
distinct 1 2 1 3 2 1
/ where turns a boolean list into the indices of its true items
where 01101b
/ nulls: 0N is a null long, 0n a null float, ` the null symbol
0N
null 1 0N 3
