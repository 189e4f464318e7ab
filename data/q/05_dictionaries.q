/ A dictionary maps a list of keys to a list of values. It is made with !

d:`a`b`c!1 2 3
d`b
d`a`c
key d
value d
count d
/ looking up a missing key gives a null of the value type
d`z
/ adding or updating an entry uses assignment with an index
d[`d]:4
d
/ dictionaries join with , and the right side wins on repeated keys
(`a`b!1 2),`b`c!20 30
/ arithmetic on dictionaries matches keys
(`a`b!1 2)+`a`b!10 20
/ where on a boolean dictionary gives the keys that are true
where `x`y`z!101b
/ the keys can be any list: here a dictionary from numbers to names
n:1 2 3!`one`two`three
n 2
/ a dictionary can be built from two lists zipped together
words:`the`quick`brown`fox
lens:count each string words
words!lens
/ group makes a dictionary from each distinct item to where it occurs
group `a`b`a`c`b`a
/ counting occurrences: count each group
count each group "mississippi"
/ the key with the largest value
m:`x`y`z!3 9 4
first where m=max m
/ inverting a dictionary swaps keys and values
(value m)!key m
/ reverse lookup with ?
m?9
/ dictionaries with symbol keys and list values are columns waiting to become a table
columns:`name`age!(`ann`bob;31 42)
flip columns
