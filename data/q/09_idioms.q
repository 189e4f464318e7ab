/ Small problems solved the q way: think in whole lists, then reduce.

/ FizzBuzz for the first fifteen numbers
{$[0=x mod 15;`FizzBuzz;0=x mod 3;`Fizz;0=x mod 5;`Buzz;`$string x]} each 1+til 15
/ the sum of the multiples of 3 or 5 below 1000
sum where (0=til[1000] mod 3)|0=til[1000] mod 5
/ primes below 50 by trial division against every smaller number
{x where {all 0<x mod 2_til x} each x} 2_til 50
/ a sieve: keep removing the multiples of the first remaining number
sieve:{[n] p:(); c:2_til n; while[count c; p,:f:first c; c:c where 0<c mod f]; p}
sieve 50
/ the greatest common divisor by Euclid's method
gcd:{$[y=0;x;.z.s[y;x mod y]]}
gcd[48;18]
/ two-sum: indices of two items that add up to a target; find looks up each needed partner at once
twoSum:{[nums;t] j:nums?t-nums; i:first where (j<count nums) and j<>til count nums; (i;j i)}
twoSum[2 7 11 15;9]
/ the running maximum of a price series, and the drawdown from it
px:100 102 101 105 103 99 104
maxs px
px-maxs px
min px-maxs px
/ a moving average over a window of three
3 mavg px
/ a moving sum over a window of two
2 msum 1 2 3 4 5
/ binary search: bin gives the index of the last item not greater than each value
0 10 20 30 bin 5 10 25
/ frequency of each word in a sentence, most common first
desc count each group " " vs "the cat and the hat and the bat"
/ transpose a matrix with flip
m:(1 2 3;4 5 6)
flip m
/ matrix product with mmu needs floats
(2 2#1 2 3 4f) mmu 2 2#5 6 7 8f
/ cumulative returns from a list of daily returns
prds 1+0.01 -0.02 0.015
/ the index of the largest item
{first where x=max x} 3 8 2 8
/ rotate a list by two places
2 rotate 1 2 3 4 5
/ checking that brackets balance: the running depth never goes below zero and ends at zero
balanced:{d:sums (x="(")-x=")"; (0=last d) and all d>=0}
balanced each ("(())";"(()";")(")
