/ minstats: a small statistics library written as q libraries are
/ (namespaces, multi-line lambdas, compositions closed by ::, peach), with its own asserts.
\d .ms
/ central tendency
mean:{sum[x]%count x}
median:{[v]
  s:asc v;
  n:count s;
  $[n mod 2;s n div 2;mean s(n div 2)-0 1]}
/ spread: a local assigned on one line is local for the whole body
var:{m:mean x;
  mean d*d:x-m}
sd:sqrt var::
range:{max[x]-min x}
/ scaling, through a composition and a projection
zscore:{(x-mean x)%sd x}
minmax:{(x-min x)%range x}
/ counters kept in the namespace
calls:0
tick:{calls::calls+1}
/ column statistics over a table, each column in turn (one thread is a valid configuration)
colstats:{[t]
  c:cols t;
  c!(mean;range)@\:/:t c}
summary:{(count distinct::) each x}
\d .

/ the tests
.ms.check:{[name;ok] $[ok;::;'name]}
.ms.check[`mean;3f~.ms.mean 1 2 3 4 5]
.ms.check[`median;2.5~.ms.median 4 1 3 2]
.ms.check[`medianodd;3~.ms.median 5 3 1]
.ms.check[`sd;2f=.ms.sd 2 4 4 4 5 5 7 9]
.ms.check[`var;4f=.ms.var 2 4 4 4 5 5 7 9]
.ms.check[`zscore;0f=sum .ms.zscore 1 2 3 4]
.ms.check[`minmax;0 0.5 1~.ms.minmax 10 15 20]
.ms.check[`peach;(.ms.mean peach (1 3;3 5))~2 4f]
.ms.check[`tick;{.ms.tick[];.ms.tick[];2=.ms.calls}[]]
.ms.check[`ns;`mean`median`var`sd in key `.ms]
.ms.check[`summary;2 1~.ms.summary (1 1 2;3 3)]
.ms.check[`colstats;(`a`b!((2f;2);(5f;6)))~.ms.colstats ([]a:1 2 3;b:2 5 8)]
.ms.check[`tolerant;.ms.mean[0.1 0.2]=0.15]
