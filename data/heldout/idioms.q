/ Held-out q text: never used to train the tokenizer or any model, only to measure loss.

/ the squares of the odd numbers below twenty
{x*x} (til 20) where 1=(til 20) mod 2
/ a histogram of dice rolls, counted per face
r:1 3 6 2 3 3 5 1 6 6 4 2
asc count each group r
/ the longest word in a sentence
{x first idesc count each x} " " vs "array programming rewards thinking in lists"
/ compounding a balance of 100 at 5 percent for ten years
100*prds 10#1.05
/ the day-over-day change in a series of closes, as percentages
c:50.0 51.0 49.5 52.0
100*1_(deltas c)%prev c
/ the second largest distinct value
{(desc distinct x) 1} 4 9 1 9 7
/ pairs of adjacent items as a two-column table
{([] a:-1_x; b:1_x)} 10 20 30 40
/ keep only the rows of a table whose value is above the column average
t:([] k:`a`b`c`d; v:3 8 5 10)
select from t where v>avg v
/ reverse the words of a sentence but not the letters
" " sv reverse " " vs "functions apply to lists"
/ the number of trailing zeros of a factorial is the count of fives in its factors
{sum x div 5 xexp 1+til 6} 100
/ convert a list of temperatures from celsius to fahrenheit
32+1.8*-5 0 21.5 37
/ count how many items of a list fall in each bucket of width ten
count each group 10*(3 17 25 11 9 31 14) div 10
