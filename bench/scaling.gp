# scaling.gp - make bench measurement 4: time and peak memory against
# payload size, log-log (data from bench/report.js in bench/out/scaling.dat).
set terminal svg size 1100,460 dynamic font "sans,12"
set output "bench/scaling.svg"
set multiplot layout 1,2 title "campaign-lint vs ajv: time and peak memory against payload size"
set logscale xy
set grid
set key top left
set xrange [500:2e7]
set xlabel "payload size (bytes)"
set format x "10^{%L}"

set ylabel "time per payload (ms; in process: fastest sample)"
set title "time"
set key bottom right
plot "bench/out/scaling.dat" index 0 using 2:($3*1000) with linespoints lw 2 pt 7 title "lint in process, response", \
     "" index 1 using 2:($3*1000) with linespoints lw 2 pt 5 title "lint in process, update", \
     "" index 0 using 2:($4*1000) with linespoints lw 1 pt 6 title "lint CLI, response", \
     "" index 1 using 2:($4*1000) with linespoints lw 1 pt 4 title "lint CLI, update", \
     "" index 0 using 2:($5*1000) with linespoints lw 1 dt 2 pt 8 title "ajv CLI (node), response", \
     "" index 1 using 2:($5*1000) with linespoints lw 1 dt 2 pt 10 title "ajv CLI (node), update", \
     "" index 0 using 2:($2/1e6*10) with lines lc rgb "#606060" dt 3 title "10 ms per MB (proportional)"

set ylabel "peak RSS (MB)"
set title "peak memory"
set key top left
plot "bench/out/scaling.dat" index 0 using 2:6 with linespoints lw 2 pt 7 title "lint, response", \
     "" index 1 using 2:6 with linespoints lw 2 pt 5 title "lint, update", \
     "" index 0 using 2:7 with linespoints lw 1 dt 2 pt 8 title "ajv (node), response", \
     "" index 1 using 2:7 with linespoints lw 1 dt 2 pt 10 title "ajv (node), update", \
     "" index 0 using 2:($2*4/1e6 + 3.5) with lines lc rgb "#606060" dt 3 title "4 x payload + 3.5 MB"
unset multiplot
