/ Strings are lists of characters, so every list function applies to them.

s:"the quick brown fox"
count s
reverse s
upper s
lower "LOUD"
/ string turns any value into characters; each item of a list becomes its own string
string 42
string `abc
string 1 2 3
/ vs splits a string on a separator, sv joins a list of strings with one
" " vs s
"," sv ("a";"b";"c")
/ ss finds the positions of a substring
s ss "o"
/ ssr replaces every occurrence of a substring
ssr[s;"quick";"slow"]
/ like matches a string against a pattern with * and ?
s like "the*"
`apple`apricot`banana like "ap*"
/ trim, ltrim and rtrim remove spaces at the ends
trim "  padded  "
/ casting a string to a symbol, a long or a float uses $ with a type name
`$"ibm"
"J"$"123"
"F"$"2.5"
/ a palindrome reads the same reversed
isPalindrome:{x~reverse x}
isPalindrome each ("level";"lever";"racecar")
/ counting the vowels in a string
sum s in "aeiou"
/ in tests membership item by item; within tests a closed range
"q" in s
5 within 1 10
/ the first word of each string
{first " " vs x} each ("hello world";"q is terse")
/ title case: upper the first letter of each word
{" " sv {(upper 1#x),1_x} each " " vs x} "array languages are fun"
/ each character's code, and back again
`int$"AZ"
`char$65 90
