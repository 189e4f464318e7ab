/ A table is a list of dictionaries with the same keys, stored as a flipped dictionary of columns.

trade:([] sym:`ibm`msft`ibm`goog`msft; price:101.5 250.2 102.0 1330.1 251.0; size:100 200 150 50 300)
count trade
cols trade
meta trade
/ the first rows of a table
2#trade
/ a column is a list
trade`price
/ a row is a dictionary
trade 0
/ select picks columns and filters rows; the where clause runs on whole columns
select from trade where size>100
select sym,price from trade where sym=`ibm
/ by groups the rows and aggregates each group
select sum size by sym from trade
select avg price, n:count i by sym from trade
/ the virtual column i is the row number
select i, sym from trade
/ exec returns lists or a dictionary instead of a table
exec price from trade where sym=`msft
exec sum size by sym from trade
/ update adds or changes columns and returns the new table
update notional:price*size from trade
update price:price*1.1 from trade where sym=`goog
/ delete removes rows or columns
delete from trade where size<100
delete size from trade
/ a keyed table maps a table of keys to a table of values
ref:([sym:`ibm`msft`goog] sector:`tech`tech`tech; name:("IBM";"Microsoft";"Alphabet"))
ref`ibm
/ lj joins the columns of a keyed table onto each matching row
trade lj ref
/ xkey sets the key columns, and 0! removes them
`sym xkey select last price by sym from trade
0!select last price by sym from trade
/ xasc and xdesc sort a table by columns
`price xdesc trade
`sym`size xasc trade
/ the volume-weighted average price of each symbol
select vwap:size wavg price by sym from trade
/ insert appends rows to a global table
`trade insert (`ibm;103.25;75)
count trade
/ tables join with , when their columns match
trade,([] sym:enlist `aapl; price:enlist 190.0; size:enlist 10)
/ fby filters on an aggregate within each group: rows priced above their symbol's average
select from trade where price>(avg;price) fby sym
