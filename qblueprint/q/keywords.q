/ Keywords defined in q on top of the primitives, as kdb+'s q.k does.
/ Loaded once per process; every Session starts with these bindings.
each:{x'y}
over:{x/y}
scan:{x\y}
prior:{x':y}
except:{x where not x in y}
inter:{x where x in y}
union:{distinct x,y}
cross:{raze x,/:\:y}
/ character classes from the .Q namespace that everyday q code reaches for
.Q.a:"abcdefghijklmnopqrstuvwxyz"
.Q.A:"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
.Q.n:"0123456789"
