/ Keywords defined in q on top of the primitives, as kdb+'s q.k does.
/ Loaded once per process; every Session starts with these bindings.
each:{x'y}
over:{x/y}
scan:{x\y}
prior:{x':y}
except:{x where not x in y}
/ a dictionary's values take part in inter
inter:{x:$[99h=type x;value x;x];x where x in $[99h=type y;value y;y]}
union:{distinct x,y}
/ the field separator of comma-separated text (csv 0: t), as q.k
csv:","
/ x buckets of (nearly) equal size by rank
xrank:{$[0h>type y;'`rank;(x*rank y)div count y]}
/ character classes from the .Q namespace that everyday q code reaches for
.Q.a:"abcdefghijklmnopqrstuvwxyz"
.Q.A:"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
.Q.n:"0123456789"
.Q.an:.Q.a,.Q.A,"_",.Q.n
/ the same day n months later (a day past the month's end carries into the next month), as q.k
.Q.addmonths:{("d"$m+y)+x-"d"$m:"m"$x}
/ peach: each on one thread, which is a valid kdb+ configuration (no secondary threads)
peach:{x'y}
/ join symbols: ` sv x,`$string y (a dot between names, a slash after a file handle)
.Q.dd:{$[0>type y;` sv x,`$string y;{` sv x,`$string y}[x] each y]}
/ read-only constants a library may read: version, release date, operating system
.z.K:4.1
.z.k:2024.10.16
.z.o:`l64
/ HTML markup from the .h namespace (ref/doth.md): an element's opening tag with attributes, and
/ an element around content; a string attribute value is quoted, as in q.k
.h.hta:{"<",(string x),(raze{" ",(string x),"=",$[10h=type y;"\"",y,"\"";string y]}'[key y;value y]),">"}
.h.htac:{(.h.hta[x;y]),z,"</",(string x),">"}
.h.htc:{"<",(string x),">",y,"</",(string x),">"}
